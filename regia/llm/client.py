"""Rephrasing through an OpenAI-compatible chat endpoint (Albert API, vLLM, Ollama...), never required.

The endpoint may only reword a text built from records: a rewording that brings a number, a link or a
known name that the original does not contain is rejected and the original is kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import httpx

from regia.config import get_settings
from regia.text.normalize import fold

log = logging.getLogger(__name__)

_NUMBER = re.compile(r"\d+(?:[ \u202f\u00a0.,]\d+)*")
_URL = re.compile(r"https?://\S+")

SYSTEM = (
    "Tu reformules des textes administratifs en français clair et bienveillant. "
    "N'ajoute aucun fait, aucun chiffre, aucun lien, aucun nom qui ne figure pas dans le texte fourni."
)


def enabled() -> bool:
    return bool(get_settings().llm_url)


def _numbers(text: str) -> set[str]:
    return {re.sub(r"\D", "", n) for n in _NUMBER.findall(text)}


def adds_facts(original: str, candidate: str, known_entities: Iterable[str] = ()) -> bool:
    """True when ``candidate`` states a number, link or known name absent from ``original``."""
    if not _numbers(candidate) <= _numbers(original):
        return True
    if not {u.rstrip(".,;)") for u in _URL.findall(candidate)} <= {
        u.rstrip(".,;)") for u in _URL.findall(original)
    }:
        return True
    folded_orig, folded_cand = fold(original), fold(candidate)
    return any(fold(e) in folded_cand and fold(e) not in folded_orig for e in known_entities if e)


def rephrase(text: str, instruction: str = "Reformule ce texte.", known_entities: Iterable[str] = ()) -> str:
    """The endpoint's rewording of ``text``, or ``text`` unchanged (no endpoint, error, or added facts)."""
    settings = get_settings()
    if not settings.llm_url:
        return text
    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    payload = {
        "model": settings.llm_model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": f"{instruction}\n\n{text}"},
        ],
    }
    url = settings.llm_url.rstrip("/") + "/chat/completions"
    try:
        response = httpx.post(url, json=payload, headers=headers, timeout=settings.llm_timeout_s)
        response.raise_for_status()
        candidate = response.json()["choices"][0]["message"]["content"].strip()
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
        log.warning("LLM endpoint unavailable, keeping the template text: %s", exc)
        return text
    if not candidate or adds_facts(text, candidate, known_entities):
        log.warning("LLM rewording rejected: it adds facts absent from the records")
        return text
    return candidate
