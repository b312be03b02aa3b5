"""The `ask` contract through the API, the steering report, feedback and why-not endpoints."""

from __future__ import annotations

import json

STATUSES = {"eligible", "unknown", "ineligible"}


def check_contract(data: dict) -> None:
    assert isinstance(data["session"], str) and isinstance(data["answer"], str) and data["answer"]
    assert isinstance(data["aids"], list) and isinstance(data["profile"], dict)
    for aid in data["aids"]:
        assert isinstance(aid["id"], str) and isinstance(aid["title"], str) and isinstance(aid["url"], str)
        assert aid["status"] in STATUSES and isinstance(aid["reasons"], list)
        assert all(isinstance(r, str) for r in aid["reasons"])
        assert aid["amount"] is None or isinstance(aid["amount"], str)
    question = data["question"]
    assert question is None or (isinstance(question["slot"], str) and isinstance(question["text"], str))


def test_api_ask(client):
    response = client.post(
        "/api/v1/aids/ask", json={"session": None, "message": "un logement pour étudiant à Rennes"}
    )
    assert response.status_code == 200
    data = response.json()
    check_contract(data)
    again = client.post("/api/v1/aids/ask", json={"session": data["session"], "message": "19 ans"}).json()
    check_contract(again)
    assert again["profile"]["age"] == 19 and again["profile"]["place"]["name"] == "Rennes"


def test_api_bad_input_is_json_4xx(client):
    for body, status, field in (
        ({"message": ""}, 422, "message"),
        ({"message": "x" * 5000}, 422, "message"),
        ({"session": "no-such-session-123456", "message": "bonjour"}, 404, "session"),
        ({"session": None}, 422, "message"),
    ):
        response = client.post("/api/v1/aids/ask", json=body)
        assert response.status_code == status, body
        assert response.json()["error"] and response.json()["field"] == field


def test_api_markup_in_messages_is_data(client):
    hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    data = client.post("/api/v1/aids/ask", json={"message": hostile}).json()
    check_contract(data)
    page = client.post("/aides/conversation", data={"message": hostile})
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert" in page.text


def test_feedback_and_demand(client):
    reply = client.post(
        "/api/v1/aids/ask", json={"message": "je cherche un logement à Brest, j'ai 45 ans"}
    ).json()
    aid = reply["aids"][0]["id"]
    assert client.post(
        "/api/v1/aids/feedback", json={"event": reply["event"], "aid": aid, "useful": False}
    ).json() == {"ok": True}
    assert (
        client.post("/api/v1/aids/feedback", json={"event": 10**9, "aid": aid, "useful": True}).status_code
        == 404
    )
    report = client.get("/api/v1/aids/demand", params={"few": 20}).json()
    finistere = [d for d in report["departments"] if d["department"] == "29"]
    assert finistere and any(n["need"] == "logement" for n in finistere[0]["needs"])
    logement = next(n for n in finistere[0]["needs"] if n["need"] == "logement")
    assert logement["not_useful_feedback"] >= 1 and "Brest" not in json.dumps(logement)


def test_api_eligibility(client):
    data = client.get(
        "/api/v1/aids/eligibility", params={"id": "revenu_solidaire_jeune", "commune": "Rennes"}
    ).json()
    assert data["status"] == "ineligible" and data["reasons"] == [
        "réservée aux habitants de la Métropole de Lyon"
    ]
    assert client.get("/api/v1/aids/eligibility", params={"id": "nope"}).status_code == 404
    assert (
        client.get("/api/v1/aids/eligibility", params={"id": "pass_culture", "commune": "Zzyzx"}).status_code
        == 422
    )
