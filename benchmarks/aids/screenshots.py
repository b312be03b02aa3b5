"""Screenshots of the aids portal pages (Debian's Chromium through Playwright) into docs/screenshots/.

Run after `regia load` (same REGIA_HOME); it serves the portal on a free loopback port while it works, and
deletes the conversation and steering records its visit creates:

    .venv/bin/python benchmarks/aids/screenshots.py
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PAGES = [
    ("aids-home", "/aides", None),
    ("aids-search", "/aides/recherche?q=logement+étudiant&lieu=Rennes", None),
    ("aids-detail", "/aides/aide/revenu_solidaire_jeune", None),
    ("aids-why-not", "/aides/pourquoi-pas?aide=pass+culture&age=24&lieu=Nantes", None),
    (
        "aids-conversation",
        "/aides/conversation",
        ["Je voudrais passer mon permis de conduire", "Lille", "22 ans"],
    ),
    ("aids-conversation-phone", "/aides/conversation", ["un abonnement de bus, j'habite à Brest", "19 ans"]),
]


def serve() -> tuple[str, object]:
    import uvicorn

    from regia.web.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def main() -> None:
    from playwright.sync_api import sync_playwright

    from regia.aids.models import ConversationSession, Event, Feedback
    from regia.db import session_scope

    with session_scope() as db:
        last_event = max([e.id for e in db.query(Event.id)] or [0])
        known_sessions = {s.id for s in db.query(ConversationSession.id)}
    base, server = serve()
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        for name, path, messages in PAGES:
            phone = name.endswith("phone")
            viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
            context = browser.new_context(locale="fr-FR", viewport=viewport, is_mobile=phone)
            page = context.new_page()
            page.goto(base + path)
            for turn, message in enumerate(messages or [], 1):
                page.fill("#message", message)
                page.keyboard.press("Enter")
                page.wait_for_function(f"document.querySelectorAll('#fil .turn').length === {turn}")
            if messages:
                page.locator("#fil .turn").last.scroll_into_view_if_needed()
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")
            context.close()
        browser.close()
    server.should_exit = True
    with session_scope() as db:  # leave no trace of the visit in the steering data
        db.query(Feedback).filter(Feedback.event_id > last_event).delete()
        db.query(Event).filter(Event.id > last_event).delete()
        db.query(ConversationSession).filter(ConversationSession.id.not_in(known_sessions)).delete()


if __name__ == "__main__":
    main()
