"""Fixtures of the orientation tests: the fictional CVs of tests/orientation/cvs (files and sources)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CVS = Path(__file__).parent / "cvs"


@pytest.fixture(scope="session")
def cv_dir() -> Path:
    return CVS


@pytest.fixture(scope="session")
def cv_cases() -> list[tuple[Path, dict]]:
    """Each rendered CV file with its YAML source (expected ROME codes, layout, content)."""
    files = sorted(p for p in CVS.iterdir() if p.suffix in (".pdf", ".docx", ".txt"))
    return [(p, yaml.safe_load(p.with_suffix(".yaml").read_text(encoding="utf-8"))) for p in files]
