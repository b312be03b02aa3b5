"""Tables of the heritage capability (prefix ``heritage_``): the knowledge base and the video catalogue."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from regia.db import Base


class HeritageRecord(Base):
    """A monument (Mérimée / Inventaire) or a tourist point of interest (DATAtourisme)."""

    __tablename__ = "heritage_records"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    source: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "monument" or "poi"
    name: Mapped[str] = mapped_column(String(300))  # short common name
    title: Mapped[str] = mapped_column(Text)  # full title as the source gives it
    names: Mapped[list] = mapped_column(JSON, default=list)  # name variants used for linking
    denomination: Mapped[str] = mapped_column(String(300), default="")
    commune: Mapped[str] = mapped_column(String(100), default="")
    insee: Mapped[str] = mapped_column(String(5), default="", index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    periods: Mapped[str] = mapped_column(String(300), default="")
    dates: Mapped[str] = mapped_column(String(200), default="")
    protection: Mapped[str] = mapped_column(String(200), default="")
    history: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(300), default="")


class HeritageVideo(Base):
    """A described video of the fund: its file, manifest fields and the full description (JSON)."""

    __tablename__ = "heritage_videos"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    path: Mapped[str] = mapped_column(String(1000), unique=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    mtime: Mapped[float] = mapped_column(Float)
    title: Mapped[str] = mapped_column(String(500))
    date: Mapped[str] = mapped_column(String(40), default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    rights: Mapped[str] = mapped_column(String(500), default="")
    credits: Mapped[str] = mapped_column(String(500), default="")
    duration_s: Mapped[float] = mapped_column(Float)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    has_audio: Mapped[bool] = mapped_column(Boolean)
    playable: Mapped[bool] = mapped_column(Boolean)  # container and codec a browser plays
    description: Mapped[str] = mapped_column(Text)
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    places: Mapped[list] = mapped_column(JSON, default=list)
    result: Mapped[dict] = mapped_column(JSON)  # the `describe` JSON
    out_dir: Mapped[str] = mapped_column(String(1000))
    described_at: Mapped[dt.datetime] = mapped_column(DateTime)
