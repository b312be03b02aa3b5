"""Near-me queries over the default load: commune, postcode, EPCI, radius, filters, aggregates, summary."""

from __future__ import annotations

import json

import pytest
from llm_standin import StandIn
from typer.testing import CliRunner

from regia import territory
from regia.cli import app
from regia.errors import InputError, NotFound
from regia.projects.near import Filters, near


def test_commune_by_name_postcode_and_insee(loaded):
    by_name = near("Orvault", limit=500)
    assert by_name["place"]["insee"] == "44114" and by_name["scope"] == "commune"
    assert by_name["total"] > 10 and len(by_name["projects"]) == by_name["total"]
    assert all(p["insee"] == "44114" and p["commune"] == "Orvault" for p in by_name["projects"])
    assert near("44700", limit=500)["projects"] == by_name["projects"]
    assert near("44114", limit=500)["projects"] == by_name["projects"]
    assert sum(t["count"] for t in by_name["by_theme"].values()) == by_name["total"]
    assert sum(t["amount"] for t in by_name["by_theme"].values()) == pytest.approx(
        by_name["amount_total"], rel=1e-9
    )
    amounts = [p["amount"] for p in by_name["projects"]]
    assert amounts == sorted(amounts, reverse=True)  # biggest first


def test_radius_and_epci(loaded):
    around = near("Mantes-la-Jolie", radius_km=10, limit=500)
    distances = [p["distance_km"] for p in around["projects"]]
    assert around["total"] > near("Mantes-la-Jolie")["total"]
    assert distances == sorted(distances) and all(d <= 10 for d in distances)
    assert len({p["insee"] for p in around["projects"]}) > 3
    epci = near("Orvault", scope="epci", limit=500)
    siren = epci["place"]["epci"]["code"]
    assert epci["scope"] == "epci" and epci["total"] >= near("Nantes")["total"]
    assert all(territory.get_commune(p["insee"]).epci == siren for p in epci["projects"] if p["insee"])


def test_filters(loaded):
    everything = near("Loire-Atlantique", limit=0)
    assert everything["scope"] == "department" and everything["total"] > 15000
    sport = near("Loire-Atlantique", filters=Filters(themes=("sport-jeunesse",)), limit=200)
    assert 0 < sport["total"] < everything["total"]
    assert all("sport-jeunesse" in p["themes"] for p in sport["projects"])
    recent = near(
        "Loire-Atlantique", filters=Filters(year_min=2015, year_max=2016, amount_min=10000), limit=500
    )
    assert recent["total"] and all(
        2015 <= p["year"] <= 2016 and p["amount"] >= 10000 for p in recent["projects"]
    )
    assert "années 2015 à 2016" in recent["summary"]


def test_bad_queries(loaded):
    with pytest.raises(NotFound):
        near("Nulle-Part-sur-Rien")
    with pytest.raises(InputError) as bad_theme:
        near("Nantes", filters=Filters(themes=("velo",)))
    assert bad_theme.value.field == "theme"
    with pytest.raises(InputError) as bad_radius:
        near("Nantes", radius_km=-3)
    assert bad_radius.value.field == "radius_km"
    with pytest.raises(InputError):
        near("Yvelines", radius_km=10)  # a radius is measured around a commune


def test_summary_is_sourced_and_deterministic(loaded):
    result = near("Mantes-la-Jolie")
    summary = result["summary"]
    assert summary.startswith(f"À Mantes-la-Jolie, {result['total']} projets ont été soutenus")
    assert "Sources : " in summary and "Yvelines" in summary and "€" in summary
    assert near("Mantes-la-Jolie")["summary"] == summary and not result["summary_reworded"]
    nowhere = near("Lyon")
    assert nowhere["total"] == 0 and "aucun projet" in nowhere["summary"]


def _with_llm(monkeypatch, url: str) -> None:
    from regia.config import get_settings

    monkeypatch.setenv("REGIA_LLM_URL", url)
    get_settings.cache_clear()


def test_summary_rewording_never_adds_facts(loaded, monkeypatch):
    from regia.config import get_settings

    plain = near("Orvault")["summary"]
    honest = lambda text: "En résumé : " + text.split("\n\n", 1)[1]  # noqa: E731
    inventive = lambda text: "À Orvault, 999 projets ont été soutenus, et Paris aussi."  # noqa: E731
    try:
        with StandIn(honest) as standin:
            _with_llm(monkeypatch, standin.url)
            reworded = near("Orvault")
            assert reworded["summary_reworded"] and reworded["summary"] == "En résumé : " + plain
            assert standin.requests and plain in standin.requests[0]["messages"][-1]["content"]
        with StandIn(inventive):
            kept = near("Orvault")
            assert not kept["summary_reworded"] and kept["summary"] == plain
    finally:
        monkeypatch.delenv("REGIA_LLM_URL")
        get_settings.cache_clear()


def test_cli_near_contract(loaded):
    result = CliRunner().invoke(
        app, ["projects", "near", "Nantes", "--radius-km", "5", "--theme", "culture-patrimoine", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"place", "summary", "projects", "by_theme"} <= set(data)
    assert data["place"]["insee"] == "44109" and data["by_theme"]
    for project in data["projects"]:
        assert {"id", "title", "commune", "distance_km", "amount", "year", "themes"} <= set(project)
        assert "culture-patrimoine" in project["themes"] and project["distance_km"] <= 5
    for agg in data["by_theme"].values():
        assert isinstance(agg["count"], int) and isinstance(agg["amount"], float)
    text = CliRunner().invoke(app, ["projects", "near", "Orvault"])
    assert text.exit_code == 0 and text.stdout.startswith("À Orvault")
