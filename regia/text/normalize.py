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
