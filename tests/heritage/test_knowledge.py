"""The heritage knowledge base: real Mérimée and DATAtourisme records, name variants, safe reloads."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from regia.db import session_scope
from regia.errors import DataFileError
from regia.heritage.knowledge import distinctive_tokens, name_variants
from regia.heritage.models import HeritageRecord


def _counts() -> dict[str, int]:
    with session_scope() as session:
        return dict(
            session.execute(select(HeritageRecord.source, func.count()).group_by(HeritageRecord.source)).all()
        )


def test_default_load_keeps_every_real_record_and_no_test_resource(reference):
    from regia.heritage.loader import load_default

    assert _counts() == {"merimee-toulouse": 3174, "datatourisme": 10}
    load_default()  # idempotent
    assert _counts() == {"merimee-toulouse": 3174, "datatourisme": 10}
    with session_scope() as session:
        assert session.get(HeritageRecord, "datatourisme:TEST001") is None  # sample.json is a test resource
        sernin = session.execute(
            select(HeritageRecord).where(HeritageRecord.name == "basilique Saint-Sernin")
        ).scalar_one()
        assert sernin.insee == "31555" and "classé MH" in sernin.protection
        assert sernin.history.startswith("Vers la fin du 4e siècle")
        abbey = session.execute(
            select(HeritageRecord).where(HeritageRecord.kind == "poi", HeritageRecord.name.like("Abbaye%"))
        ).scalar_one()
        assert abbey.insee == "50281" and abbey.url.startswith("https://data.datatourisme.fr/")


def test_name_variants_of_real_titles():
    title = (
        "Abbaye de chanoines de saint Augustin, dite basilique Saint-Sernin, actuellement église paroissiale"
    )
    assert name_variants(title) == ["Abbaye de chanoines de saint Augustin", "basilique Saint-Sernin"]
    assert name_variants("hôtel de ville appelé Capitole", ["Capitole"]) == ["Capitole"]
    assert name_variants("pont dit pont Neuf", ["pont Neuf"]) == ["pont Neuf"]
    assert name_variants("immeuble") == [] and name_variants("hôtel particulier") == []
    assert distinctive_tokens("couvent des Jacobins") == ["jacobins"]
    assert distinctive_tokens("église paroissiale Notre-Dame-de-la-Dalbade") == ["dalbade"]


def test_a_broken_import_leaves_the_previous_records(reference, tmp_path):
    from regia.heritage.loader import load_file

    before = _counts()
    bad = tmp_path / "merimee.geojson"
    bad.write_text(
        json.dumps({"type": "FeatureCollection", "features": [{"properties": {"chpcom": "Albi"}}]})
    )
    with pytest.raises(DataFileError, match="chptico"):
        load_file(bad)
    broken = tmp_path / "pois.json"
    broken.write_text('[{"@id": "x"')
    with pytest.raises(DataFileError, match="JSON invalide"):
        load_file(broken)
    assert _counts() == before
