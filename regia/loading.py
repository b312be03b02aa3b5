"""`regia load`: build the default database and indexes from the bundled data, capability by capability.

Each capability listed in ``STEPS`` has a module ``regia.<capability>.loader`` with two functions:
``load_default()`` (idempotent and transactional) and ``is_loaded() -> bool``.
"""

from __future__ import annotations

import importlib
import time

from regia.db import init_db
from regia.progress import status

STEPS: list[str] = ["territory", "projects", "aids", "skills", "heritage"]


def _loader(name: str):
    return importlib.import_module(f"regia.{name}.loader")


def load_all(only: list[str] | None = None, missing_only: bool = False) -> None:
    init_db()
    for name in STEPS:
        if only and name not in only:
            continue
        loader = _loader(name)
        if missing_only and loader.is_loaded():
            continue
        started = time.perf_counter()
        loader.load_default()
        status(f"{name} : chargé en {time.perf_counter() - started:.1f} s")


def ensure_loaded() -> None:
    """Load the capabilities whose default data is not in the database yet."""
    load_all(missing_only=True)
