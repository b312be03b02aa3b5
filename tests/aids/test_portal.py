"""The portal pages, server-rendered (no browser): search with filters and reasons, aid sheet, why-not,
conversation without JavaScript, anonymous feedback."""

from __future__ import annotations


def test_home_links_every_entry(client):
    page = client.get("/aides")
    assert page.status_code == 200
    for link in (
        'action="/aides/conversation"',
        'action="/aides/recherche"',
        "/aides/pourquoi-pas",
        "theme=logement",
    ):
        assert link in page.text
    assert 'href="/aides" aria-current="page"' in page.text


def test_search_with_filters_says_why(client):
    page = client.get(
        "/aides/recherche", params={"q": "permis de conduire", "lieu": "Lille", "theme": "permis"}
    )
    assert page.status_code == 200
    assert "Aides ouvertes à <strong>Lille</strong>" in page.text
    assert (
        "Parcours permis" in page.text
        and "disponible à Lille" in page.text
        and "thème : permis de conduire" in page.text
    )
    browse = client.get(
        "/aides/recherche", params={"theme": "velo", "lieu": "Lyon", "niveau": "intercommunal"}
    )
    assert "Métropole Grand Lyon" in browse.text
    bad = client.get("/aides/recherche", params={"q": "vélo", "lieu": "Zzyzx-les-Bains"})
    assert bad.status_code == 422 and 'role="alert"' in bad.text and 'aria-invalid="true"' in bad.text
    assert client.get("/aides/recherche", params={"theme": "inconnu"}).status_code == 422


def test_aid_sheet(client):
    page = client.get("/aides/aide/revenu_solidaire_jeune")
    assert page.status_code == 200
    assert "Métropole de Lyon" in page.text and "Avoir 18-24 ans" in page.text
    assert 'action="/aides/pourquoi-pas"' in page.text
    assert client.get("/aides/aide/nope").status_code == 404


def test_why_not_page(client):
    page = client.get("/aides/pourquoi-pas", params={"aide": "pass culture", "age": "24"})
    assert "réservée aux 15-20 ans (vous avez 24 ans)" in page.text and "Pas pour vous" in page.text
    assert client.get("/aides/pourquoi-pas", params={"aide": "zzzz qqqq"}).status_code == 404
    assert (
        client.get("/aides/pourquoi-pas", params={"aide": "pass culture", "age": "vingt"}).status_code == 422
    )


def test_conversation_without_javascript(client):
    client.cookies.clear()
    first = client.post("/aides/conversation", data={"message": "je veux passer le BAFA"})
    assert first.status_code == 200 and "Dans quelle commune habitez-vous" in first.text
    assert "regia_aides_session" in first.cookies
    second = client.post("/aides/conversation", data={"message": "Annecy"}, headers={"HX-Request": "true"})
    assert second.text.lstrip().startswith('<article class="turn">')  # a fragment for htmx
    assert "CAF de la Haute-Savoie" in second.text and "Quel âge avez-vous" in second.text
    empty = client.post("/aides/conversation", data={"message": " "})
    assert empty.status_code == 422 and "le message est vide" in empty.text
    client.post("/aides/conversation/nouvelle")
    assert "regia_aides_session" not in client.cookies


def test_feedback_without_javascript(client):
    page = client.get("/aides/recherche", params={"q": "bafa", "lieu": "Annecy"})
    import re

    event = re.search(r'name="event" value="(\d+)"', page.text).group(1)
    response = client.post(
        "/aides/avis",
        data={
            "event": event,
            "aid": "caf-aide-nationale-bafa",
            "useful": "1",
            "back": "/aides/recherche?q=bafa",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/aides/recherche?q=bafa"
    hostile = client.post(
        "/aides/avis",
        data={"event": event, "aid": "x", "useful": "1", "back": "https://evil.example"},
        follow_redirects=False,
    )
    assert hostile.headers["location"] == "/aides"
    fragment = client.post(
        "/aides/avis", data={"event": event, "aid": "x", "useful": "0"}, headers={"HX-Request": "true"}
    )
    assert 'role="status"' in fragment.text
