"""Skills tests run on the real bundled data, loaded once per session (territory and skills only)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def skills_loaded(regia_home):
    """The territory and skills steps of `regia load`, by its own code, into the session home."""
    from regia.loading import load_all

    load_all(only=["territory", "skills"])
    return regia_home


@pytest.fixture(scope="session")
def held_out(skills_loaded):
    """The held-out split of the real offers, as stored (never used to learn anything)."""
    from regia.db import session_scope
    from regia.skills.extraction import read_offers

    with session_scope() as session:
        return read_offers(session, "test")


@pytest.fixture(scope="session")
def skills_client(skills_loaded):
    from fastapi.testclient import TestClient

    from regia.web.app import create_app

    with TestClient(create_app()) as client:
        yield client
