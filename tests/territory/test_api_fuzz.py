"""Schemathesis against the app's own OpenAPI description: no territory endpoint answers a 5xx."""

from __future__ import annotations

import schemathesis
from hypothesis import settings

from regia.web.app import create_app

schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app()).include(
    path_regex="^/api/v1/territory/"
)


@schema.parametrize()
@settings(max_examples=25, deadline=None)
def test_territory_api_never_fails(case):
    response = case.call()
    assert response.status_code < 500, response.text
    if response.status_code in (404, 422):  # (405, for other HTTP methods, comes from the framework)
        assert response.json().get("error"), response.text  # a readable message
