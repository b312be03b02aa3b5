"""Benchmark inputs composed from ../shared/data with the same helpers as the tests."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("REGIA_SHARED_DATA_DIR", ROOT.parent / "shared" / "data"))

_SPEC = importlib.util.spec_from_file_location("heritage_clips", ROOT / "tests" / "heritage" / "clips.py")
clips = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(clips)


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average during the run: {one:.1f} / {five:.1f} (1 / 5 min)"
