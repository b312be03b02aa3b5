"""French stopwords, folded (spaCy's French list, without accents)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache
def stopwords() -> frozenset[str]:
    from spacy.lang.fr.stop_words import STOP_WORDS

    from regia.text.normalize import fold

    # single letters left by elisions (l', d', j', qu') are noise too
    return frozenset(fold(w) for w in STOP_WORDS) | frozenset("abcdefghijklmnopqrstuvwxyz")
