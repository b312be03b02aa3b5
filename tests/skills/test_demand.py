"""Demand analytics and the gap report, on the real offers and trainings."""

from __future__ import annotations

import csv

import pytest

from regia.errors import InputError
from regia.skills.demand import demand, gap, territory


@pytest.fixture(autouse=True)
def _loaded(skills_loaded):
    return skills_loaded


def test_territory_codes():
    assert territory("84").kind == "region"
    assert territory("dep:84").name == "Vaucluse"
    assert territory("07").kind == "department"
    assert territory("commune:07186").name == "Privas"
    assert territory("Ardèche").code == "07"
    assert territory("FR").kind == "france"
    for bad in ("zz:07", "99999", "Atlantide"):
        with pytest.raises(InputError):
            territory(bad)


def test_demand_counts_and_shares():
    data = demand("07", limit=10)
    assert data["offers"] == sum(month["offers"] for month in data["months"])
    assert 100 <= data["offers"] <= 130  # the Ardèche offers
    for row in data["skills"] + data["occupations"] + data["expressions"]:
        assert 0 < row["offers"] <= data["offers"]
        assert row["share"] == pytest.approx(row["offers"] / data["offers"], abs=1e-4)
    assert data["skills"][0]["examples"]
    january = demand("07", period="2025-01")
    assert january["offers"] < data["offers"] and all(m["month"] == "2025-01" for m in january["months"])
    with pytest.raises(InputError):
        demand("07", period="janvier")


def test_gap_ranking_and_evidence():
    result = gap("84", limit=20)
    assert result.offers > 100 and result.trainings > 1000
    gaps = [row["gap"] for row in result.skills]
    assert gaps == sorted(gaps, reverse=True)
    for row in result.skills:
        assert row["gap"] == pytest.approx(row["demand_share"] - row["supply_share"], abs=1e-3)
        assert row["offer_examples"] and len(row["offer_examples"]) <= 5
        assert row["trainings"] == 0 or row["training_examples"]


def test_report_files(tmp_path):
    from regia.skills.report import write_csv, write_html

    result = gap("dep:07")
    write_html(result, tmp_path / "r.html")
    write_csv(result, tmp_path / "r.csv")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 2 and "Méthode, sources et limites" in html and "ROME 4.0" in html
    assert "département Ardèche (07)" in html
    rows = list(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8")))
    assert rows and {"code", "part_offres", "part_formations", "ecart"} <= set(rows[0])
