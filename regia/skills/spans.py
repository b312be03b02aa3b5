"""Words of a raw text with their character offsets, folded lemmas and segments (lines, sentences).

Offsets always point into the original string, so that any evidence quoted from a text is an exact
substring of it. This runs on every offer and is written for speed: parallel lists (one entry per
lemma) rather than one object per word, one cached lookup per word.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from regia.text.lemmas import lemmatize
from regia.text.stopwords import stopwords

WORD = re.compile(r"[^\W_]+(?:[.,]\d+)?", re.UNICODE)
# a segment ends at a line break, a bullet or the end of a sentence
SEGMENT_END = re.compile(r"\n|[•●▪■◦➢➤✓✔]|[.!?;:](?=\s)")
# only these between two words of one phrase
JOINERS = " \t\u00a0'’-"
# gender marks and other title noise ("(H/F)", "F/H", "(e)")
TITLE_NOISE = re.compile(
    r"\(?\b[hfm]\s*/\s*[hfm](?:\s*/\s*[xdn])?\b\)?|\((?:e|es|ne|trice|euse|ère)\)|\b(?:h|f)\s*-\s*(?:h|f)\b",
    re.IGNORECASE,
)
# grammatical words: the only ones a skill label may lose when matched against a text
FUNCTION = frozenset(
    "le la les l un une des de du d et ou en a au aux pour par sur dans avec sans sous selon ce "  # noqa: SIM905
    "cet cette ces se s sa son ses leur leurs qu que qui dont".split()
)


@lru_cache(maxsize=300_000)
def _analyse(raw: str) -> tuple[tuple[str, bool, bool], ...]:
    """(lemma, is a stopword, is a grammatical word) for each lemma of one word."""
    stops = stopwords()
    return tuple((part, part in stops, part in FUNCTION) for part in lemmatize(raw).split())


def _elided(parts: tuple[tuple[str, bool, bool], ...]) -> tuple[tuple[str, bool, bool], ...]:
    return tuple((lemma, True, True) for lemma, _, _ in parts)


@dataclass(slots=True)
class Tokens:
    """Parallel lists, one entry per lemma, in text order."""

    starts: list[int]
    ends: list[int]
    lemmas: list[str]
    segments: list[int]
    stop: list[bool]  # a stopword (spaCy's French list) or an elided letter (l', d', qu')
    function: list[bool]  # a grammatical word or an elided letter

    def __len__(self) -> int:
        return len(self.lemmas)

    def __add__(self, other: Tokens) -> Tokens:
        return Tokens(
            self.starts + other.starts,
            self.ends + other.ends,
            self.lemmas + other.lemmas,
            self.segments + other.segments,
            self.stop + other.stop,
            self.function + other.function,
        )

    def content(self) -> list[str]:
        """The lemmas that are not stopwords."""
        return [lemma for lemma, stop in zip(self.lemmas, self.stop, strict=True) if not stop]


def tokenize(text: str, first_segment: int = 0) -> Tokens:
    """The lemmas of ``text`` with their offsets and segment numbers (counted from ``first_segment``)."""
    norm = text.replace("’", "'")
    bounds = [m.start() for m in SEGMENT_END.finditer(norm)]
    matches = list(WORD.finditer(norm))
    spans = [m.span() for m in matches]
    analysed = [_analyse(m.group()) for m in matches]
    for i, (start, end) in enumerate(spans):
        if end - start <= 2 and norm[end : end + 1] == "'":  # elided: l', d', qu'
            analysed[i] = _elided(analysed[i])
    starts = [start for (start, _), parts in zip(spans, analysed, strict=True) for _ in parts]
    return Tokens(
        starts,
        [end for (_, end), parts in zip(spans, analysed, strict=True) for _ in parts],
        [lemma for parts in analysed for lemma, _, _ in parts],
        [first_segment + bisect_left(bounds, s) for s in starts] if bounds else [first_segment] * len(starts),
        [stop for parts in analysed for _, stop, _ in parts],
        [function for parts in analysed for _, _, function in parts],
    )


def lemma_list(text: str) -> list[str]:
    """Lemmas of ``text`` without stopwords (faster than ``tokenize`` when offsets are not needed)."""
    out = []
    for raw in WORD.findall(text.replace("’", "'")):
        out += [lemma for lemma, stop, _ in _analyse(raw) if not stop]
    return out


def match_terms(label: Tokens) -> list[str]:
    """The lemmas of a skill label that a text must contain (grammatical words aside)."""
    return sorted({lemma for lemma, f in zip(label.lemmas, label.function, strict=True) if not f})


def clean_title(title: str) -> str:
    """A job title without gender marks: "Data Engineer F/H (H/F)" -> "Data Engineer"."""
    return TITLE_NOISE.sub(" ", title)
