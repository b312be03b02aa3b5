"""The fund in a real browser: accessible pages, the player with its three tracks, chapter links."""

from __future__ import annotations

import pytest
from browser_tools import axe_serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_catalogue_and_player_are_accessible_and_play(page, live_server, fund):
    page.goto(f"{live_server}/patrimoine?q=Saint-Sernin")
    assert page.locator("h2").first.inner_text().startswith("1 résultat")
    assert axe_serious_violations(page) == []
    page.get_by_role("link", name="Légende sur une image de 1906 (montage de test)").click()
    page.wait_for_function("document.getElementById('lecteur').readyState >= 1", timeout=20_000)
    tracks = page.evaluate(
        "() => Array.from(document.getElementById('lecteur').textTracks).map(t => [t.kind, t.language])"
    )
    assert tracks == [["subtitles", "fr"], ["chapters", "fr"], ["descriptions", "fr"]]
    duration = page.evaluate("document.getElementById('lecteur').duration")
    assert 9 < duration < 14
    assert axe_serious_violations(page) == []
    page.locator("[data-seek]").last.click()
    seek_to = float(page.locator("[data-seek]").last.get_attribute("data-seek"))
    assert abs(page.evaluate("document.getElementById('lecteur').currentTime") - seek_to) < 0.5


def test_player_fits_a_phone(phone_page, live_server, fund):
    phone_page.goto(f"{live_server}/patrimoine/videos/{fund['market']}")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert phone_page.locator("video").bounding_box()["width"] <= 390
    assert axe_serious_violations(phone_page) == []
