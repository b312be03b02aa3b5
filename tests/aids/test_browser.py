"""The aids portal in Debian's Chromium: a conversation answered on the page, cited aids with their links,
keyboard use, phone width, and an axe audit of every page."""

from __future__ import annotations

import pytest
from browser_tools import axe_serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_ask_answer_the_question_and_see_a_cited_aid(live_server, page):
    page.goto(f"{live_server}/aides/conversation")
    page.fill("#message", "Je voudrais passer mon permis de conduire")
    page.keyboard.press("Enter")
    page.wait_for_selector("#fil .turn .question")
    assert "Dans quelle commune habitez-vous" in page.locator("#fil .turn").last.inner_text()
    assert page.evaluate("document.activeElement.id") == "message"  # ready for the answer
    assert page.input_value("#message") == ""
    page.fill("#message", "Lille")
    page.click("#formulaire button[type=submit]")
    page.wait_for_function("document.querySelectorAll('#fil .turn').length === 2")
    page.fill("#message", "22 ans")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('#fil .turn').length === 3")
    last = page.locator("#fil .turn").last
    titles = last.locator(".aid-card h3 a").all_inner_texts()
    assert (
        "Aide pour le permis de conduire" in titles
        or "dispositif d’aide financière Parcours permis" in titles
    )
    official = last.locator(".aid-card a[target=_blank]").first
    assert official.get_attribute("href").startswith("https://")
    assert axe_serious_violations(page) == []
    # the aid's own page, from the card
    last.locator(".aid-card h3 a").first.click()
    page.wait_for_selector("h1")
    assert page.url.startswith(f"{live_server}/aides/aide/")
    assert "Comment faire la demande" in page.inner_text("main")
    assert axe_serious_violations(page) == []


def test_feedback_buttons_thank_in_place(live_server, page):
    page.goto(f"{live_server}/aides/recherche?q=BAFA&lieu=Annecy")
    page.locator(".aid-card .feedback button[value='1']").first.click()
    page.wait_for_selector(".feedback-done")
    assert "Merci" in page.locator(".feedback-done").first.inner_text()


@pytest.mark.parametrize(
    "path",
    [
        "/aides",
        "/aides/recherche?q=logement+étudiant&lieu=Rennes",
        "/aides/aide/pass_culture",
        "/aides/pourquoi-pas?aide=pass+culture&age=24",
        "/aides/conversation",
    ],
)
def test_every_page_passes_axe_on_a_phone(live_server, phone_page, path):
    phone_page.goto(f"{live_server}{path}")
    assert phone_page.locator("h1").count() == 1
    assert axe_serious_violations(phone_page) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 400


def test_keyboard_reaches_the_question_field(live_server, page):
    page.goto(f"{live_server}/aides")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "message-accueil":
            break
    assert page.evaluate("document.activeElement.id") == "message-accueil"
    page.keyboard.type("je cherche une aide pour un vélo électrique à Lyon")
    page.keyboard.press("Enter")
    page.wait_for_url("**/aides/conversation")
    assert page.locator(".aid-card").count() >= 1
