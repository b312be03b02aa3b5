"""Access to the video console: only with the admin token (``REGIA_ADMIN_TOKEN``); everyone is refused
while it is unset. The operator's name goes with every request, for the audit log."""

from __future__ import annotations

import hashlib
import hmac
import re

from fastapi import Request

from regia.config import get_settings
from regia.errors import InputError

COOKIE = "regia_video"
OPERATOR = re.compile(r"^[\w .@-]{1,60}$")


class Forbidden(InputError):
    status_code = 403


def _token() -> str:
    token = get_settings().admin_token
    if not token:
        raise Forbidden("console vidéo désactivée : définir REGIA_ADMIN_TOKEN pour l'ouvrir", "token")
    return token


def valid_operator(name: str) -> str:
    name = (name or "").strip()
    if not OPERATOR.match(name):
        raise InputError(
            "opérateur : identifiant de 1 à 60 lettres, chiffres, espaces ou . @ - _", "operator"
        )
    return name


def check_token(given: str | None) -> None:
    token = _token()  # refuses everyone while the token is unset
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise Forbidden("jeton d'administration absent ou incorrect", "token")


def session_value(operator: str) -> str:
    """Cookie value: the operator and a signature by the token (the token itself never goes in it)."""
    signature = hmac.new(_token().encode(), operator.encode(), hashlib.sha256).hexdigest()
    return f"{operator}|{signature}"


def operator_from_cookie(request: Request) -> str | None:
    """The signed-in operator, or None (also None while the console is disabled)."""
    if not get_settings().admin_token:
        return None
    value = request.cookies.get(COOKIE, "")
    operator, _, signature = value.rpartition("|")
    if operator and hmac.compare_digest(session_value(operator), value) and OPERATOR.match(operator):
        return operator
    return None


def api_operator(request: Request) -> str:
    """FastAPI dependency of the JSON API: the token in ``X-Admin-Token`` or ``Authorization: Bearer``."""
    given = request.headers.get("x-admin-token")
    auth = request.headers.get("authorization", "")
    if not given and auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    check_token(given)
    return "api:" + valid_operator(request.headers.get("x-operator", "api"))
