"""The public functions orientation relies on: search, fiche, offers near a point, trainings."""

from __future__ import annotations

import pytest

import regia.skills as skills
from regia.errors import InputError

LYON = (45.7640, 4.8357)
MARSEILLE = (43.2965, 5.3698)


@pytest.fixture(autouse=True)
def _loaded(skills_loaded):
    return skills_loaded


def test_search_occupations():
    found = skills.search_occupations("boulanger", k=5)
    assert found[0]["code"] == "D1102" and found[0]["appellation"].startswith("Boulanger")
    assert [f["score"] for f in found] == sorted((f["score"] for f in found), reverse=True)
    assert skills.search_occupations("administrateur systèmes et réseaux", 3)[0]["code"] == "M1801"
    with pytest.raises(InputError):
        skills.search_occupations("  ")


def test_occupation_fiche():
    fiche = skills.occupation("D1102")
    assert fiche["label"].startswith("Boulanger") and fiche["riasec"]["major"] in "RIASEC"
    assert any(s["core"] for s in fiche["skills"]) and {s["kind"] for s in fiche["skills"]} <= {
        "competence",
        "macro-competence",
        "savoir",
    }
    assert fiche["mobility"] and {m["kind"] for m in fiche["mobility"]} <= {"proche", "autre_domaine"}
    assert "Boulanger / Boulangère" in fiche["appellations"]
    assert skills.occupation("Z9999") is None


def test_offers_near_lyon():
    found = skills.offers_near(["M1801"], *LYON, radius_km=20, limit=10)
    assert found and len(found) <= 10
    assert all(o["distance_km"] <= 20 for o in found)
    assert [o["distance_km"] for o in found] == sorted(o["distance_km"] for o in found)
    assert all(o["insee"] and o["insee"].startswith("69") for o in found)
    with pytest.raises(InputError):
        skills.offers_near(["M1801"], 95.0, 4.8, 10)


def test_trainings_for_a_bakery_apprentice():
    found = skills.trainings_for(["124959"], ["D1102"], *MARSEILLE, radius_km=40, limit=20)
    assert found
    first = found[0]
    assert "D1102" in first["romes"] and "BOULANGER" in first["title"].upper()
    assert first["why"].startswith("Prépare au métier Boulanger")
    assert all(t["distance_km"] is None or t["distance_km"] <= 40 for t in found)
    assert all(t["department"] in {"13", "83", "84"} for t in found if t["distance_km"] is None)


def test_trainings_duration_filter():
    found = skills.trainings_for([], ["D1102"], None, None, None, max_duration_years=1, limit=50)
    assert all(t["duration_years"] is None or t["duration_years"] <= 1 for t in found)
    with pytest.raises(InputError):
        skills.trainings_for([], ["D1102"], 45.0, None, 10)
