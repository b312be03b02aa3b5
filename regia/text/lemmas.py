"""French lemmas through simplemma, folded so that accents and case never matter."""

from __future__ import annotations

import re
from functools import lru_cache

from regia.text.normalize import fold
from regia.text.stopwords import stopwords

_RAW_WORD = re.compile(r"[^\W_]+(?:[.,]\d+)?", re.UNICODE)


@lru_cache(maxsize=200_000)
def lemmatize(word: str) -> str:
    """Folded lemma of one word ("étudiantes" -> "etudiant")."""
    import simplemma

    lower = word.lower()
    if lower.isdigit():
        return lower
    return fold(simplemma.lemmatize(lower, lang="fr"))


def lemma_tokens(text: str, keep_stopwords: bool = False) -> list[str]:
    """Folded lemmas of the words of ``text``, stopwords removed unless asked."""
    stops = stopwords()
    out = []
    for word in _RAW_WORD.findall(text.replace("’", "'")):
        lemma = lemmatize(word)
        for part in lemma.split():
            if keep_stopwords or part not in stops:
                out.append(part)
    return out
