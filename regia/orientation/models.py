"""Saved orientation profiles: only when the person asks, deletable by the owner with a secret."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from regia.db import Base


class OrientationProfile(Base):
    """A profile the person chose to keep: their answers and results, never the CV file or its text."""

    __tablename__ = "orientation_profiles"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    secret_sha256: Mapped[str] = mapped_column(String(64))  # the owner's secret, hashed
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    data: Mapped[str] = mapped_column(Text)  # JSON
