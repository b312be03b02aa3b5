from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def territory_client():
    """The real app in process; the territory needs no database load (it reads its bundled files)."""
    from fastapi.testclient import TestClient

    from regia.web.app import create_app

    with TestClient(create_app()) as client:
        yield client
