"""The territory's CLI and JSON API, as other tools call them."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from regia.cli import app

runner = CliRunner()


def test_cli_resolve_json():
    text = "j'habite à Rennes, une réduction sur le bus ?"
    result = runner.invoke(app, ["territory", "resolve", text, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["insee"], data["department"], data["region"]) == ("35238", "35", "53")
    assert data["guessed"] is False and data["name"] == "Rennes"


def test_cli_unknown_place_exits_2_with_a_message_on_stderr():
    # through the real entry point, so that stdout and stderr are kept apart
    proc = subprocess.run(
        [sys.executable, "-m", "regia.cli", "territory", "resolve", "Zzyzxq-sur-Mer", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stdout == "" and "Lieu introuvable" in proc.stderr


def test_cli_communes_listing():
    result = runner.invoke(app, ["territory", "communes", "--department", "2A", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["department"] for r in rows} == {"2A"} and any(r["name"] == "Ajaccio" for r in rows)
    near = runner.invoke(app, ["territory", "communes", "--near", "Rennes", "--radius", "5", "--json"])
    rows = json.loads(near.stdout)
    assert rows[0]["insee"] == "35238" and all(r["distance_km"] <= 5 for r in rows)
    bad = runner.invoke(app, ["territory", "communes", "--department", "00"])
    assert bad.exit_code == 2


def test_api_resolve(territory_client):
    response = territory_client.get("/api/v1/territory/resolve", params={"q": "Le Mans"})
    assert response.status_code == 200
    assert response.json()["insee"] == "72181"
    response = territory_client.get("/api/v1/territory/resolve", params={"q": "Zzyzxq-sur-Mer"})
    assert response.status_code == 404 and "introuvable" in response.json()["error"]
    for q in ("", "x" * 1000, "   "):
        response = territory_client.get("/api/v1/territory/resolve", params={"q": q})
        assert response.status_code == 422, q
        assert response.json()["error"]


def test_api_commune_and_lists(territory_client):
    data = territory_client.get("/api/v1/territory/communes/2A004").json()
    assert data["name"] == "Ajaccio" and data["department"] == "2A" and data["region"] == "94"
    assert territory_client.get("/api/v1/territory/communes/99999").status_code == 404
    members = territory_client.get("/api/v1/territory/communes", params={"kind": "epci", "code": "243500139"})
    assert any(c["name"] == "Rennes" for c in members.json())
    geo = territory_client.get("/api/v1/territory/contours/department").json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 96
