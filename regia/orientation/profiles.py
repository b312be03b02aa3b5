"""Keeping a profile on request, reading it back and deleting it, both with the owner's secret.

The identifier and the secret are random (128 and 192 bits); only the secret's SHA-256 is stored,
so a stolen database does not give the secrets back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets

from regia.db import session_scope
from regia.errors import InputError, NotFound
from regia.orientation.models import OrientationProfile

_MISSING = "Profil introuvable, ou code secret incorrect."


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def save_profile(data: dict) -> dict:
    """Store ``data`` (answers and results); returns ``{"id", "secret"}``, shown once to the owner."""
    profile_id, secret = secrets.token_hex(16), secrets.token_urlsafe(24)
    with session_scope() as session:
        session.add(
            OrientationProfile(
                id=profile_id,
                secret_sha256=_digest(secret),
                created_at=dt.datetime.now(dt.UTC),
                data=json.dumps(data, ensure_ascii=False),
            )
        )
    return {"id": profile_id, "secret": secret}


def _owned(session, profile_id: str, secret: str) -> OrientationProfile:
    if not profile_id or not secret:
        raise InputError("Indiquez l'identifiant du profil et son code secret.", "secret")
    profile = session.get(OrientationProfile, profile_id.strip())
    if profile is None or not hmac.compare_digest(profile.secret_sha256, _digest(secret.strip())):
        raise NotFound(_MISSING, "secret")
    return profile


def load_profile(profile_id: str, secret: str) -> dict:
    with session_scope() as session:
        profile = _owned(session, profile_id, secret)
        return {"id": profile.id, "created_at": profile.created_at.isoformat(), **json.loads(profile.data)}


def delete_profile(profile_id: str, secret: str) -> None:
    with session_scope() as session:
        session.delete(_owned(session, profile_id, secret))
