"""Schemathesis against the app's own OpenAPI description: no video endpoint answers a 5xx, with or
without the admin token."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import settings

from regia.config import get_settings
from regia.db import init_db
from regia.web.app import create_app

TOKEN = "jeton-fuzz-71c2"
schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app()).include(
    path_regex="^/api/v1/video/"
)


@pytest.fixture(scope="module")
def admin_token():
    os.environ["REGIA_ADMIN_TOKEN"] = TOKEN
    get_settings.cache_clear()
    init_db()
    yield TOKEN
    os.environ.pop("REGIA_ADMIN_TOKEN", None)
    get_settings.cache_clear()


@schema.parametrize()
@settings(max_examples=20, deadline=None)
def test_video_api_never_fails(case, admin_token):
    response = case.call(headers={"X-Admin-Token": admin_token, "X-Operator": "fuzz"})
    assert response.status_code < 500, response.text
    if response.status_code in (403, 404, 422):
        assert response.json().get("error"), response.text  # a readable message
