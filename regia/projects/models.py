"""Tables of the projects capability (prefix ``projects_``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from regia.db import Base

# How a project was placed: the commune the file gives, a commune named in its text (beneficiary or
# object), the point the file gives, or only the EPCI or department it belongs to.
LOCATIONS = ("commune", "text", "point", "epci", "department")


class ProjectRow(Base):
    __tablename__ = "projects_projects"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    source: Mapped[str] = mapped_column(String(60), index=True)
    source_row: Mapped[int] = mapped_column(Integer)  # record number in the imported file
    title: Mapped[str] = mapped_column(String(400))
    text: Mapped[str] = mapped_column(Text, default="")
    beneficiary: Mapped[str | None] = mapped_column(String(300))
    insee: Mapped[str | None] = mapped_column(String(5), index=True)
    commune: Mapped[str | None] = mapped_column(String(100))
    epci: Mapped[str | None] = mapped_column(String(9), index=True)
    department: Mapped[str | None] = mapped_column(String(3), index=True)
    region: Mapped[str | None] = mapped_column(String(3), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    location: Mapped[str] = mapped_column(String(12))
    amount: Mapped[float | None] = mapped_column(Float)
    total_cost: Mapped[float | None] = mapped_column(Float)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    funder: Mapped[str] = mapped_column(String(200), default="")
    scheme: Mapped[str | None] = mapped_column(String(100))
    themes: Mapped[list] = mapped_column(JSON, default=list)  # slugs, best first
    theme: Mapped[str | None] = mapped_column(String(30), index=True)
    theme_method: Mapped[str] = mapped_column(String(12), default="rules")


class SourceRow(Base):
    """A dataset the projects come from, cited by summaries and pages."""

    __tablename__ = "projects_sources"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    label: Mapped[str] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(500))
    licence: Mapped[str | None] = mapped_column(String(200))


class ImportRow(Base):
    """One import run: its counts and its report (rejected rows with their reasons)."""

    __tablename__ = "projects_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(60), index=True)
    file: Mapped[str] = mapped_column(String(500))
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_loaded: Mapped[int] = mapped_column(Integer)
    rows_rejected: Mapped[int] = mapped_column(Integer)
    report: Mapped[dict] = mapped_column(JSON, default=dict)
