"""Helpers for browser tests."""

from __future__ import annotations


def axe_serious_violations(tab) -> list[dict]:
    """axe-core audit of the page: the violations of impact serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab)
    return [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
