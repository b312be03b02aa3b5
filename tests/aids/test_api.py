"""The aids API: same JSON as the CLI, full records, JSON 4xx on bad input."""

from __future__ import annotations

from urllib.parse import quote


def test_search_endpoint(client):
    response = client.get(
        "/api/v1/aids/search", params={"q": "aide achat vélo", "commune": "75056", "limit": 5}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["place"]["insee"] == "75056" and len(data["results"]) <= 5
    assert {"id", "title", "institution", "score", "url"} <= set(data["results"][0])
    assert "aides . paris" in [r["id"] for r in data["results"]]


def test_aid_detail(client):
    data = client.get("/api/v1/aids/rennes_metropole_transport").json()
    assert data["institution"] == "Rennes Métropole"
    assert data["perimeter"]["epcis"] == ["243500139"]
    assert client.get("/api/v1/aids/" + quote("aides . paris")).json()["source"] == "aides-velo"


def test_bad_inputs_are_json_4xx(client):
    for params in ({"q": ""}, {"q": "x" * 10_000}, {"q": "vélo", "commune": "Zzyzxville-sur-Nowhere"}):
        response = client.get("/api/v1/aids/search", params=params)
        assert response.status_code == 422
        assert response.json()["error"] and response.json()["field"] in ("query", "commune")
    assert client.get("/api/v1/aids/search", params={"q": "vélo", "limit": 0}).status_code == 422
    missing = client.get("/api/v1/aids/no-such-aid")
    assert missing.status_code == 404 and "no-such-aid" in missing.json()["error"]
