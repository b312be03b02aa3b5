"""Shared fixtures: an isolated Regia home per test session, the loaded default database, real data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from regia.config import PROJECT_ROOT

SHARED_DATA = Path(os.environ.get("REGIA_SHARED_DATA_DIR", PROJECT_ROOT.parent / "shared" / "data"))


def _use_home(home: Path) -> None:
    from regia.db import reset_caches

    os.environ["REGIA_HOME"] = str(home)
    os.environ.pop("REGIA_DATABASE_URL", None)
    reset_caches()


@pytest.fixture(scope="session", autouse=True)
def regia_home(tmp_path_factory) -> Iterator[Path]:
    """Every test session writes to its own temporary home, never to the project or ../shared."""
    home = tmp_path_factory.mktemp("regia-home")
    # embeddings are pure functions of their text: one cache for all test sessions of this machine
    os.environ.setdefault("REGIA_EMBEDDING_CACHE_DIR", str(Path.home() / ".cache" / "regia-tests"))
    os.environ["REGIA_SHARED_DATA_DIR"] = str(SHARED_DATA)
    os.environ.pop("REGIA_LLM_URL", None)
    os.environ.pop("REGIA_ADMIN_TOKEN", None)
    _use_home(home)
    yield home


@pytest.fixture(scope="session")
def shared_data() -> Path:
    assert SHARED_DATA.is_dir(), f"real open data expected at {SHARED_DATA}"
    return SHARED_DATA


@pytest.fixture(scope="session")
def loaded(regia_home: Path) -> Path:
    """The default database and indexes, built once per session by `regia load`'s own code."""
    from regia.loading import load_all

    load_all()
    return regia_home


@pytest.fixture
def fresh_home(tmp_path: Path, regia_home: Path) -> Iterator[Path]:
    """An empty home for tests that import or break data; the session home comes back afterwards."""
    _use_home(tmp_path / "home")
    yield tmp_path / "home"
    _use_home(regia_home)


@pytest.fixture(scope="session")
def client(loaded):
    """An HTTP client on the real app (in process), over the loaded default database."""
    from fastapi.testclient import TestClient

    from regia.web.app import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_server(loaded) -> Iterator[str]:
    """The real app served by uvicorn on a free loopback port; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    from regia.web.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "the portal did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    yield tab
    context.close()
