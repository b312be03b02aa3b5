def test_home_and_health(client):
    assert client.get("/api/v1/health").json()["status"] == "ok"
    page = client.get("/")
    assert page.status_code == 200 and 'lang="fr"' in page.text
    assert client.get("/api/openapi.json").status_code == 200


def test_unknown_api_route_is_json_404(client):
    response = client.get("/api/v1/nope")
    assert response.status_code == 404
