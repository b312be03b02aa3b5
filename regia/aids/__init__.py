"""Aid schemes: catalogue, hybrid search, conversational agent.

Public API (imported on first use, so that `regia --help` stays fast): ``get_aid(id)``, ``all_aids()``,
``import_file(source, path)``, ``Person`` and ``eligibility(...)`` (typed conditions),
``person_from_text(text)``, ``ask(message, session)`` (one turn of the conversational agent),
``verdict_for(aid_id, age=, commune=, status=)`` ("pourquoi pas cette aide ?"); the search itself is
``regia.aids.search.search(query, commune, top)``.
"""

from __future__ import annotations

import importlib

_PUBLIC = {
    "get_aid": "regia.aids.catalogue",
    "all_aids": "regia.aids.catalogue",
    "import_file": "regia.aids.catalogue",
    "Person": "regia.aids.conditions",
    "eligibility": "regia.aids.conditions",
    "person_from_text": "regia.aids.query",
    "ask": "regia.aids.agent",
    "verdict_for": "regia.aids.verdicts",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'regia.aids' has no attribute {name!r}")
