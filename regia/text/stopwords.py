"""French stopwords, folded (spaCy's French list, without accents)."""

from __future__ import annotations

from functools import lru_cache


def _spacy_french_stop_words() -> set[str]:
    """spaCy's list, read from its module file: importing ``spacy.lang.fr`` first compiles the French
    tokenizer exceptions, seconds of CPU that every process using lemmas would pay for a word list."""
    import importlib.util
    from pathlib import Path

    package = importlib.util.find_spec("spacy")
    path = Path(package.origin).parent / "lang" / "fr" / "stop_words.py"
    spec = importlib.util.spec_from_file_location("_regia_fr_stop_words", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.STOP_WORDS


@lru_cache
def stopwords() -> frozenset[str]:
    from regia.text.normalize import fold

    # single letters left by elisions (l', d', j', qu') are noise too
    return frozenset(fold(w) for w in _spacy_french_stop_words()) | frozenset("abcdefghijklmnopqrstuvwxyz")
