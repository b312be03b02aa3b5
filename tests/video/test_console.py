"""The review console and the JSON API: refused to everyone without REGIA_ADMIN_TOKEN, then usable
with it; every alert can be confirmed or dismissed; views and exports are logged; accessible."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from regia.config import get_settings
from regia.db import init_db
from regia.video import store
from regia.video.camera import parse_config
from regia.video.service import analyze_file

TOKEN = "jeton-de-test-9f3a"
FALL = "video/falls-gmdcsa24/Subject_1-Fall-13.mp4"


@pytest.fixture
def admin(monkeypatch):
    monkeypatch.setenv("REGIA_ADMIN_TOKEN", TOKEN)
    get_settings.cache_clear()
    yield TOKEN
    monkeypatch.delenv("REGIA_ADMIN_TOKEN")
    get_settings.cache_clear()


@pytest.fixture
def app_client(fresh_home):
    init_db()
    from regia.web.app import create_app

    with TestClient(create_app()) as client:
        yield client


def _stored_fall(shared_data) -> int:
    result, ids = analyze_file(shared_data / FALL, parse_config({"camera": "chambre-1"}), save=True)
    assert [e.type for e in result.events] == ["fall"]
    return ids[0]


def test_everyone_refused_while_the_token_is_unset(app_client):
    page = app_client.get("/video")
    assert page.status_code == 403 and "REGIA_ADMIN_TOKEN" in page.text
    login = app_client.post("/video/connexion", data={"token": "", "operator": "alice"})
    assert login.status_code == 403
    api = app_client.get("/api/v1/video/events", headers={"X-Admin-Token": "anything"})
    assert api.status_code == 403 and "REGIA_ADMIN_TOKEN" in api.json()["error"]
    assert app_client.get("/api/v1/video/types").status_code == 200  # the legal list stays public


@pytest.mark.slow
def test_api_review_flow_and_audit(app_client, admin, shared_data):
    event_id = _stored_fall(shared_data)
    headers = {"X-Admin-Token": admin, "X-Operator": "bob"}
    assert app_client.get("/api/v1/video/events", headers={"X-Admin-Token": "wrong"}).status_code == 403
    events = app_client.get("/api/v1/video/events", headers=headers).json()
    assert (
        [e["id"] for e in events] == [event_id] and events[0]["has_clip"] and events[0]["status"] == "pending"
    )
    clip = app_client.get(f"/api/v1/video/events/{event_id}/clip", headers=headers)
    assert (
        clip.status_code == 200 and clip.headers["content-type"] == "video/mp4" and len(clip.content) > 1000
    )
    bad = app_client.post(
        f"/api/v1/video/events/{event_id}/review", headers=headers, json={"decision": "maybe"}
    )
    assert bad.status_code == 422 and bad.json()["field"] == "decision"
    done = app_client.post(
        f"/api/v1/video/events/{event_id}/review", headers=headers, json={"decision": "dismiss"}
    )
    assert done.status_code == 200 and done.json()["status"] == "dismissed"
    stats = {s["type"]: s for s in app_client.get("/api/v1/video/stats", headers=headers).json()}
    assert stats["fall"]["dismissed_share"] == 1.0
    assert app_client.get("/api/v1/video/events/999", headers=headers).status_code == 404
    actions = {
        (a["actor"], a["action"]) for a in app_client.get("/api/v1/video/audit", headers=headers).json()
    }
    assert {("api:bob", "view"), ("api:bob", "dismiss"), ("api:bob", "list")} <= actions


@pytest.mark.slow
def test_console_login_review_and_media(app_client, admin, shared_data):
    event_id = _stored_fall(shared_data)
    wrong = app_client.post("/video/connexion", data={"token": "nope", "operator": "alice"})
    assert wrong.status_code == 403 and "incorrect" in wrong.text
    assert app_client.get(f"/video/media/{event_id}/clip.mp4").status_code == 403
    ok = app_client.post(
        "/video/connexion", data={"token": admin, "operator": "alice"}, follow_redirects=False
    )
    assert ok.status_code == 303 and admin not in ok.headers["set-cookie"]
    console = app_client.get("/video")
    assert console.status_code == 200 and "chambre-1" in console.text and "à revoir" in console.text
    page = app_client.get(f"/video/evenements/{event_id}")
    assert page.status_code == 200 and f"/video/media/{event_id}/clip.mp4" in page.text
    clip = app_client.get(f"/video/media/{event_id}/clip.mp4")
    assert clip.status_code == 200 and clip.headers["content-type"] == "video/mp4"
    export = app_client.get(f"/video/media/{event_id}/export.mp4")
    assert "attachment" in export.headers["content-disposition"]
    reviewed = app_client.post(
        f"/video/evenements/{event_id}/revue", data={"decision": "confirm", "note": "chute réelle"}
    )
    assert reviewed.status_code == 200 and "confirmée" in reviewed.text
    actions = [(a["actor"], a["action"]) for a in store.list_audit(event_id=event_id)]
    assert (
        ("web:alice", "view") in actions
        and ("web:alice", "export") in actions
        and ("web:alice", "confirm") in actions
    )


@pytest.mark.browser
@pytest.mark.slow
def test_console_in_the_browser(live_server, page, phone_page, shared_data, admin):
    from browser_tools import axe_serious_violations

    init_db()
    event_id = _stored_fall(shared_data)
    page.goto(f"{live_server}/video")
    assert axe_serious_violations(page) == []
    page.get_by_label("Identifiant de l'opérateur").fill("carole")
    page.get_by_label("Jeton d'administration").fill(admin)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server}/video")
    assert page.get_by_role("heading", name="Statistiques par type").is_visible()
    assert axe_serious_violations(page) == []
    page.locator(f"a[href='/video/evenements/{event_id}']").first.click()
    assert page.locator("video source").get_attribute("src") == f"/video/media/{event_id}/clip.mp4"
    assert axe_serious_violations(page) == []
    page.get_by_role("button", name="Écarter (fausse alerte)").click()
    assert page.get_by_role("status").inner_text().startswith("Revue enregistrée : alerte écartée")
    page.goto(f"{live_server}/video")
    row = page.locator("tr", has=page.locator("th", has_text="Personne au sol"))
    assert "100 %" in row.inner_text()
    # phone width: the console works without horizontal scrolling of the page
    phone_page.context.add_cookies(page.context.cookies())
    phone_page.goto(f"{live_server}/video")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert axe_serious_violations(phone_page) == []
