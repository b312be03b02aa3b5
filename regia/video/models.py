"""Tables of the video capability (prefix ``video_``). Nothing here identifies a person: an event is
a type, a time, a box and paths to its blurred snapshot and clip."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from regia.db import Base


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class VideoCamera(Base):
    __tablename__ = "video_cameras"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    source: Mapped[str | None] = mapped_column(String(500))  # without credentials
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    watching: Mapped[bool] = mapped_column(default=False)  # a `regia video watch` runs on it


class VideoEvent(Base):
    __tablename__ = "video_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    camera: Mapped[str] = mapped_column(String(80), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    source: Mapped[str] = mapped_column(String(500), default="")
    start_s: Mapped[float] = mapped_column(Float)
    end_s: Mapped[float] = mapped_column(Float)
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    confidence: Mapped[float] = mapped_column(Float)
    bbox: Mapped[list] = mapped_column(JSON)
    zone: Mapped[str | None] = mapped_column(String(60))
    snapshot: Mapped[str | None] = mapped_column(String(500))  # relative to home/video
    clip: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reviewed_by: Mapped[str | None] = mapped_column(String(80))
    review_note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class VideoAudit(Base):
    """Who viewed, exported, reviewed or purged what (kept after the events themselves are purged)."""

    __tablename__ = "video_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(20), index=True)
    event_id: Mapped[int | None] = mapped_column(Integer, index=True)
    camera: Mapped[str | None] = mapped_column(String(80))
    detail: Mapped[str] = mapped_column(Text, default="")
