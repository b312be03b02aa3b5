"""The skills JSON API and the gap command."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from regia.cli import app


def test_extract_endpoint(skills_client):
    response = skills_client.post(
        "/api/v1/skills/extract",
        json={
            "id": "A1",
            "intitule": "Cuisinier / Cuisinière (H/F)",
            "description": "Restaurant traditionnel recherche un cuisinier : préparation des entrées, "
            "cuisson des viandes et des poissons, dressage des assiettes, respect des normes HACCP.",
        },
    )
    assert response.status_code == 200
    data = response.json()
    codes = [o["code"] for o in data["occupations"]]
    assert data["id"] == "A1" and codes[0].startswith("G16") and "G1609" in codes[:3]  # kitchen jobs
    for bad in ("", "Hiring a waiter for our restaurant, you will serve the guests with a smile."):
        response = skills_client.post("/api/v1/skills/extract", json={"intitule": "x", "description": bad})
        assert response.status_code == 422 and response.json()["field"] == "description"
    assert skills_client.post("/api/v1/skills/extract", json={"intitule": "x"}).status_code == 422


def test_queries_and_exports(skills_client):
    assert (
        skills_client.get("/api/v1/skills/occupations", params={"q": "boulanger"}).json()[0]["code"]
        == "D1102"
    )
    assert skills_client.get("/api/v1/skills/occupations/M1801").json()["code"] == "M1801"
    assert skills_client.get("/api/v1/skills/occupations/M0000").status_code == 404
    assert skills_client.get("/api/v1/skills/demand", params={"territory": "Atlantide"}).status_code == 404
    csv_response = skills_client.get("/api/v1/skills/gap.csv", params={"territory": "07"})
    assert csv_response.status_code == 200 and csv_response.text.startswith("type,code,libelle")


def test_gap_command(skills_loaded, tmp_path):
    out = tmp_path / "rapport.html"
    result = CliRunner().invoke(app, ["skills", "gap", "--territory", "84", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["territory"]["name"] == "Auvergne-Rhône-Alpes" and data["skills"]
    assert out.exists() and out.with_suffix(".csv").exists()
    assert CliRunner().invoke(app, ["skills", "gap", "--territory", "nowhere", "--json"]).exit_code == 2
