"""The skills page in Chromium: the gap report of a territory, the analysis of an offer, accessibility."""

from __future__ import annotations

import pytest
from browser_tools import axe_serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_gap_page_and_offer_analysis(live_server, page):
    page.goto(f"{live_server}/competences?territoire=dep:07")
    assert page.locator("h1").inner_text() == "Compétences et formation"
    assert page.locator("svg.chart").count() >= 2
    assert (
        page.locator("#competences + p + svg, section[aria-labelledby=competences] table tbody tr").count()
        > 5
    )
    assert axe_serious_violations(page) == []

    page.select_option("#territoire", "region:84")
    page.click("form[action='/competences'] button[type=submit]")
    page.wait_for_url("**territoire=region%3A84")
    assert "Auvergne-Rhône-Alpes" in page.locator("main").inner_text()

    page.fill("#intitule", "Boulanger / Boulangère (H/F)")
    page.fill(
        "#description",
        "Boulangerie artisanale recherche un boulanger : pétrissage, façonnage, cuisson du pain.",
    )
    page.click("form[action='/competences/analyser'] button[type=submit]")
    page.wait_for_selector("#analyse-resultat h3")
    result = page.locator("#analyse-resultat").inner_text()
    assert "Boulanger / Boulangère" in result and "D1102" in result
    assert axe_serious_violations(page) == []


def test_phone_layout(live_server, phone_page):
    phone_page.goto(f"{live_server}/competences?territoire=dep:07")
    assert axe_serious_violations(phone_page) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 400
