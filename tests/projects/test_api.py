"""The projects API and the map page, in process."""

from __future__ import annotations

import csv
import io


def test_near_endpoint_contract(client):
    response = client.get("/api/v1/projects/near", params={"place": "Orvault", "limit": 5})
    assert response.status_code == 200
    data = response.json()
    assert data["place"]["name"] == "Orvault" and len(data["projects"]) == 5
    assert {"id", "title", "commune", "distance_km", "amount", "year", "themes"} <= set(data["projects"][0])
    assert data["summary"].startswith("À Orvault")
    radius = client.get(
        "/api/v1/projects/near", params={"place": "44109", "radius_km": 8, "theme": "education"}
    ).json()
    assert radius["scope"] == "radius" and all("education" in p["themes"] for p in radius["projects"])


def test_near_endpoint_errors(client):
    assert client.get("/api/v1/projects/near").status_code == 422
    unknown = client.get("/api/v1/projects/near", params={"place": "Nulle-Part-sur-Rien"})
    assert unknown.status_code == 404 and "introuvable" in unknown.json()["error"]
    bad = client.get("/api/v1/projects/near", params={"place": "Nantes", "theme": "velo"})
    assert bad.status_code == 422 and bad.json()["field"] == "theme"
    assert client.get("/api/v1/projects/near", params={"place": "Nantes", "radius_km": 0}).status_code == 422


def test_project_endpoint(client):
    first = client.get("/api/v1/projects/near", params={"place": "Mantes-la-Jolie", "limit": 1}).json()[
        "projects"
    ][0]
    project = client.get(f"/api/v1/projects/{first['id']}").json()
    assert project["title"] == first["title"] and project["insee"] == "78361"
    assert project["source_label"] and project["theme_labels"]
    missing = client.get("/api/v1/projects/nope-000")
    assert missing.status_code == 404 and missing.json()["field"] == "id"


def test_exports_match_the_selection(client):
    params = {"place": "Nantes", "radius_km": 15, "theme": "culture-patrimoine"}
    total = client.get("/api/v1/projects/near", params={**params, "limit": 0}).json()["total"]
    assert total > 5
    body = client.get("/api/v1/projects/export.csv", params=params)
    assert body.status_code == 200 and body.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == total and all("culture-patrimoine" in r["themes"] for r in rows)
    geo = client.get("/api/v1/projects/export.geojson", params=params).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == total
    assert all(
        f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2 for f in geo["features"]
    )
    markers = client.get("/api/v1/projects/map", params=params).json()
    assert sum(c["count"] for c in markers["communes"]) == total - markers["unlocated"]


def test_map_page_renders_the_list(client):
    page = client.get("/projets", params={"place": "Orvault"})
    assert page.status_code == 200
    html = page.text
    assert (
        "À Orvault" in html and 'id="carte"' in html and "/api/v1/projects/export.csv?place=Orvault" in html
    )
    assert html.count('href="/projets/projet/') == min(
        20, client.get("/api/v1/projects/near", params={"place": "Orvault"}).json()["total"]
    )
    unknown = client.get("/projets", params={"place": "Nulle-Part-sur-Rien"})
    assert unknown.status_code == 404 and 'role="alert"' in unknown.text
    everything = client.get("/projets")
    assert everything.status_code == 200 and "ensemble des données chargées" in everything.text
    second = client.get("/projets", params={"place": "Loire-Atlantique", "page": 2})
    assert "Page 2 sur" in second.text
