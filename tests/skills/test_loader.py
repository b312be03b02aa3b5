"""`regia load` for skills: what it stores, idempotence, and a failed import leaving data in place."""

from __future__ import annotations

import gzip
import shutil

import pytest
from sqlalchemy import func, select

from regia.db import session_scope
from regia.errors import DataFileError
from regia.skills import models as m


def _count(model) -> int:
    with session_scope() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_stored_tables(skills_loaded):
    assert _count(m.Occupation) == 1584
    assert _count(m.Appellation) > 13_000
    assert _count(m.Item) > 33_000
    assert _count(m.FicheItem) > 90_000
    assert _count(m.Offer) == 1278
    assert _count(m.OfferOccupation) == 5 * 1278
    assert _count(m.Training) > 18_000
    assert _count(m.CertificationItem) > 1000
    with session_scope() as s:
        mapped = s.scalar(
            select(func.count()).select_from(m.EscoOccupation).where(m.EscoOccupation.rome.is_not(None))
        )
        located = s.scalar(select(func.count()).select_from(m.Offer).where(m.Offer.insee.is_not(None)))
        paca = s.scalar(select(func.count()).select_from(m.Training).where(m.Training.lat.is_not(None)))
    assert mapped > 300  # ESCO occupations whose French label is a ROME appellation
    assert located > 1000 and paca > 200


def test_second_load_changes_nothing(skills_loaded):
    from regia.skills.loader import load_default

    assert load_default() == {}


@pytest.mark.slow
def test_broken_file_leaves_previous_data(fresh_home, tmp_path):
    from regia.config import get_settings
    from regia.loading import load_all
    from regia.skills.loader import load_folder

    load_all(only=["territory", "skills"])
    before = _count(m.Offer)
    folder = tmp_path / "skills"
    shutil.copytree(get_settings().data_dir / "skills", folder)
    with gzip.open(folder / "rome_items.csv.gz", "wt", encoding="utf-8") as f:
        f.write("code,label,kind\n100023,,competence\n")
    with pytest.raises(DataFileError) as error:
        load_folder(folder)
    assert "label" in error.value.message
    assert _count(m.Offer) == before and _count(m.Item) > 33_000
