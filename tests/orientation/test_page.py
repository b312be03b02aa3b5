"""The portal page "S'orienter" in a real browser: questionnaire, upload, results; accessible, on phones."""

from __future__ import annotations

import pytest
from browser_tools import axe_serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_form_page_is_accessible(page, live_server):
    page.goto(f"{live_server}/orientation")
    assert page.locator("h1").inner_text().startswith("S'orienter")
    assert page.get_by_label("Votre commune").is_visible()
    assert axe_serious_violations(page) == []


def test_upload_and_results_with_keyboard_focus(page, live_server, cv_dir):
    page.goto(f"{live_server}/orientation")
    page.set_input_files("#champ-file", str(cv_dir / "aide-soignante-sidebar.pdf"))
    page.get_by_label("Votre commune").fill("Angers")
    page.get_by_label("Distance maximale (km)").fill("40")
    page.get_by_label("Social", exact=False).check()
    page.get_by_role("button", name="Voir mes pistes").click()
    heading = page.locator("#titre-resultats")
    heading.wait_for(timeout=60_000)
    assert page.evaluate("document.activeElement.id") == "titre-resultats"  # announced after the swap
    first = page.locator("ol.occupations > li").first
    assert "Aide-soignant" in first.inner_text()
    assert "Vos compétences utiles" in page.locator("#resultats").inner_text()
    assert axe_serious_violations(page) == []


def test_errors_are_announced_and_name_the_field(page, live_server, cv_dir):
    page.goto(f"{live_server}/orientation")
    page.set_input_files("#champ-file", str(cv_dir / "macon-table.docx"))
    page.get_by_label("Votre commune").fill("Zzyzxville-sur-Mer")
    page.get_by_role("button", name="Voir mes pistes").click()
    alert = page.get_by_role("alert")
    alert.wait_for(timeout=60_000)
    assert "Zzyzxville" in alert.inner_text() or "commune" in alert.inner_text().lower()
    assert page.locator("#champ-commune").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Votre commune").input_value() == "Zzyzxville-sur-Mer"  # answers kept


def test_phone_layout_has_no_horizontal_scroll(phone_page, live_server, cv_dir):
    phone_page.goto(f"{live_server}/orientation")
    phone_page.set_input_files("#champ-file", str(cv_dir / "magasinier-texte.txt"))
    phone_page.get_by_label("Votre commune").fill("Orléans")
    phone_page.get_by_role("button", name="Voir mes pistes").click()
    phone_page.locator("#titre-resultats").wait_for(timeout=60_000)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"] + 1
    assert axe_serious_violations(phone_page) == []


def test_saved_profile_can_be_deleted_from_the_portal(page, live_server, cv_dir):
    page.goto(f"{live_server}/orientation")
    page.set_input_files("#champ-file", str(cv_dir / "assistante-admin-classic.pdf"))
    page.get_by_label("Conserver mon profil", exact=False).check()
    page.get_by_role("button", name="Voir mes pistes").click()
    page.locator(".profile-kept").wait_for(timeout=60_000)
    codes = page.locator(".profile-kept code").all_inner_texts()
    page.goto(f"{live_server}/orientation/profil")
    page.get_by_label("Identifiant du profil").fill(codes[0])
    page.get_by_label("Code secret").fill(codes[1])
    page.get_by_role("button", name="Supprimer").click()
    assert "supprimé" in page.get_by_role("status").inner_text()
    page.get_by_label("Identifiant du profil").fill(codes[0])
    page.get_by_label("Code secret").fill(codes[1])
    page.get_by_role("button", name="Consulter").click()
    assert "introuvable" in page.get_by_role("alert").inner_text()
