"""Tokens keep exact offsets into the original text, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from regia.skills.spans import clean_title, tokenize


def test_offsets_point_into_the_original_text():
    text = "Vous gérez l’équipe d'accueil ; maîtrise d'Excel.\nPermis B exigé."
    tokens = tokenize(text)
    words = [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)]
    assert "l" in words and "équipe" in words and "Excel" in words
    assert tokens.lemmas[words.index("gérez")] == "gerer"
    # elided articles are grammatical words; the line break starts a new segment
    assert tokens.function[words.index("l")]
    assert tokens.segments[words.index("Permis")] > tokens.segments[words.index("Excel")]


def test_title_noise_removed():
    assert clean_title("Data Engineer F/H (H/F)").split() == ["Data", "Engineer"]
    assert clean_title("Serveur (h/f/d)").strip() == "Serveur"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_every_token_is_a_slice_of_the_text(text):
    tokens = tokenize(text)
    assert len(tokens.starts) == len(tokens.lemmas) == len(tokens.segments) == len(tokens.stop)
    for start, end in zip(tokens.starts, tokens.ends, strict=True):
        assert 0 <= start < end <= len(text)
        assert text[start:end].replace("’", "'").strip() == text[start:end].replace("’", "'")
