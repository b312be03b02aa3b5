"""Conversation sessions in the database: the profile a conversation has built, until it expires.

Only the profile is kept (age, place, statuses, need keywords, what was asked), never the messages. Expired
sessions are deleted whenever a new one starts; with them goes the only link between a session and the
steering log (``log_key``).
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete

from regia.aids.models import ConversationSession
from regia.config import get_settings
from regia.db import session_scope
from regia.errors import NotFound

_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _expiry() -> datetime:
    return _now() + timedelta(minutes=get_settings().session_ttl_minutes)


def unknown(session_id: str) -> NotFound:
    shown = session_id[:20] + ("…" if len(session_id) > 20 else "")
    return NotFound(
        f"session inconnue ou expirée « {shown} » : recommencez sans identifiant de session", "session"
    )


def create() -> tuple[str, dict, str]:
    """A new session: (id, empty profile, log key). Expired sessions are purged first."""
    purge_expired()
    session_id, log_key = secrets.token_urlsafe(24), secrets.token_hex(16)
    with session_scope() as db:
        db.add(
            ConversationSession(
                id=session_id, profile={}, log_key=log_key, created_at=_now(), expires_at=_expiry()
            )
        )
    return session_id, {}, log_key


def load(session_id: str) -> tuple[dict, str]:
    """(profile, log key) of a live session; NotFound when unknown or expired."""
    if not isinstance(session_id, str) or not _ID.match(session_id):
        raise unknown(str(session_id))
    with session_scope() as db:
        row = db.get(ConversationSession, session_id)
        if row is None or row.expires_at <= _now():
            raise unknown(session_id)
        return dict(row.profile), row.log_key


def save(session_id: str, profile: dict) -> None:
    """Store the profile and push the expiry back (an active conversation stays open)."""
    with session_scope() as db:
        row = db.get(ConversationSession, session_id)
        if row is None:
            raise unknown(session_id)
        row.profile = profile
        row.expires_at = _expiry()


def purge_expired() -> int:
    with session_scope() as db:
        result = db.execute(delete(ConversationSession).where(ConversationSession.expires_at <= _now()))
        return result.rowcount or 0
