from hypothesis import given
from hypothesis import strategies as st

from regia.text import fold, lemma_tokens, normalize, tokens
from regia.text.normalize import content_words, strip_html


def test_fold_removes_accents_and_ligatures():
    assert fold("Œuvre à Saint-Étienne") == "oeuvre a saint-etienne"


def test_tokens_split_elisions_and_keep_numbers():
    assert tokens("L'aide d'État : 3,5 € pour 2 ans") == ["l", "aide", "d", "etat", "3,5", "pour", "2", "ans"]


def test_lemmas_merge_inflections_and_drop_stopwords():
    assert lemma_tokens("les étudiantes boursières") == lemma_tokens("étudiant boursier")
    assert "les" not in lemma_tokens("les étudiantes")


def test_strip_html_keeps_blocks_as_lines():
    html = (
        "<p>Aide <b>jeunes</b>&nbsp;:</p><ul><li>16&ndash;25 ans</li>"
        "<li>étudiants</li></ul><script>x()</script>"
    )
    assert strip_html(html) == "Aide jeunes :\n16–25 ans\nétudiants"


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


def test_embedding_bundle_round_trip(tmp_path):
    from regia.text.embeddings import bundle_keys, embed_passages, export_bundle, import_bundle, text_key

    texts = ["Aide au permis de conduire", "Chèque culture pour les lycéens"]
    export_bundle(texts, tmp_path / "b.npz")
    assert bundle_keys(tmp_path / "b.npz") == {text_key(t) for t in texts}
    assert import_bundle(tmp_path / "b.npz") == 0  # already cached by the export
    assert import_bundle(tmp_path / "missing.npz") == 0
    assert embed_passages(texts).shape == (2, 384)


def test_content_words_keep_meaning_and_bound_length():
    assert content_words("je suis apprenti dans le BTP, comment financer mon permis ?") == (
        "apprenti BTP financer permis"
    )
    # negations and quantities change the meaning: they stay
    assert content_words("je suis sans emploi depuis moins de 6 mois") == "sans emploi depuis moins 6 mois"
    assert content_words("existe-t-il une aide ?") == "existe-t-il une aide ?"  # nothing left: the text
    assert len(content_words("vélo électrique " * 5000).split()) == 12
