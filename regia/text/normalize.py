"""Normalisation of French text: accents, case, apostrophes, HTML, whitespace."""

from __future__ import annotations

import html
import re
import unicodedata

_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"<\s*(br|/p|/li|/div|/h\d|/tr)\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_WORD = re.compile(r"[0-9a-z]+(?:[.,][0-9]+)?")


def strip_html(text: str) -> str:
    """Plain text from an HTML fragment: tags removed, entities decoded, blocks kept as line breaks."""
    if not text:
        return ""
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def fold(text: str) -> str:
    """Lower case without accents or ligatures ("Œuvre à Saint-Étienne" -> "oeuvre a saint-etienne")."""
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def normalize(text: str) -> str:
    """Folded text with apostrophes, hyphens and punctuation turned into single spaces."""
    text = fold(text)
    text = re.sub(r"[’'`´]", " ", text)
    text = re.sub(r"[^0-9a-z.,]+", " ", text)
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    """Folded word tokens (numbers kept, elided articles such as l' and d' split off)."""
    return _WORD.findall(normalize(text))


# Pronouns, articles, auxiliaries, conjunctions, politeness, and words every question to an aid catalogue
# says ("aide", "besoin", "habite"): what a question wraps its content in.
# Negations, quantities and prepositions that change the meaning ("sans", "moins", "en") are kept.
_FUNCTION_WORDS = frozenset(
    """je j tu il elle on nous vous ils elles me m te t se s moi mon ma mes ton ta tes son sa ses notre nos
    votre vos leur leurs le la les l un une des du de d au aux et ou mais donc ni car que qu qui quoi dont
    est suis es sommes etes sont ai as a avons avez ont ce c cet cette ces ca cela y pour par avec chez
    dans sur vers bonjour svp merci voudrais aimerais souhaite souhaiterais cherche recherche peux peut
    pourrais existe il quel quelle quels quelles comment aide aides aider besoin habite vis""".split()  # noqa: SIM905 (a word list reads better)
)
_QUESTION_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def content_words(text: str, limit: int = 12) -> str:
    """The first ``limit`` words of a question that carry its content, in their order and spelling ("je
    suis apprenti dans le BTP, comment financer mon permis ?" -> "apprenti BTP financer permis"): a
    sentence encoder's time grows with the tokens it reads; this reads a third fewer, and a bounded
    number however long the question."""
    words = [w for w in _QUESTION_WORD.findall(text) if not set(fold(w).split("-")) <= _FUNCTION_WORDS]
    return " ".join(words[:limit]) or text[:200]
