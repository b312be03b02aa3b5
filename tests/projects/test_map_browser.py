"""The map page in Chromium: clustered commune markers, list in step with the map, accessibility."""

from __future__ import annotations

import pytest
from browser_tools import axe_serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_map_list_and_accessibility(live_server, page):
    page.goto(f"{live_server}/projets?place=Nantes&around=10")
    page.wait_for_selector(".commune-marker, .cluster-marker")
    assert page.locator(".projects-list tbody tr").count() == 20  # paginated, never thousands of rows
    assert page.locator(".leaflet-marker-icon").count() < 200  # communes, clustered
    state = page.locator("#etat-carte")
    assert "commune(s) sur la carte" in state.inner_text()
    assert axe_serious_violations(page) == []

    # the list drives the map: a commune of the table opens its marker's popup
    locate = page.locator("button[data-locate]").first
    locate.wait_for(state="visible")
    commune = page.locator("#resultats table").last.locator("tbody th").first.inner_text()
    locate.click()
    page.wait_for_selector(".leaflet-popup-content")
    assert commune in page.locator(".leaflet-popup-content").inner_text()

    # a new search updates summary, list and markers together (htmx swap, the map is kept)
    before = state.inner_text()
    page.fill("#champ-place", "Mantes-la-Jolie")
    page.select_option("#champ-around", "20")
    page.click("button[type=submit]")
    page.wait_for_function("document.querySelector('.summary').textContent.includes('Mantes-la-Jolie')")
    page.wait_for_function(f"document.querySelector('#etat-carte').textContent !== {before!r}")
    assert "place=Mantes-la-Jolie" in page.url
    assert page.locator("#annonce").inner_text().startswith("Résultats mis à jour")
    assert page.locator("#carte.leaflet-container").count() == 1
    rows = page.locator(".projects-list tbody tr")
    assert 0 < rows.count() <= 20


def test_phone_layout_is_accessible(live_server, phone_page):
    phone_page.goto(f"{live_server}/projets?place=Orvault")
    phone_page.wait_for_selector(".commune-marker, .cluster-marker")
    assert axe_serious_violations(phone_page) == []
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400  # no horizontal scrolling of the page at phone width
