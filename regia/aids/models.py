"""Tables of the aid catalogue (prefix ``aids_``) and the normalised record every importer produces."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from regia.db import Base

Source = Literal["aides-jeunes", "aides-velo", "aides-territoires"]
SOURCES: tuple[str, ...] = ("aides-jeunes", "aides-velo", "aides-territoires")
AREA_KINDS: tuple[str, ...] = ("region", "department", "epci", "commune")


class Perimeter(BaseModel):
    """Where an aid is available: national, or the union of explicit areas minus excluded ones.

    ``determined`` is False when the source does not say where the aid applies: such an aid is never
    offered to a person whose place is known (conservative), and is counted in the import report.
    """

    national: bool = False
    regions: list[str] = Field(default_factory=list)
    departments: list[str] = Field(default_factory=list)
    epcis: list[str] = Field(default_factory=list)
    communes: list[str] = Field(default_factory=list)
    excluded_epcis: list[str] = Field(default_factory=list)
    excluded_communes: list[str] = Field(default_factory=list)
    determined: bool = True
    note: str | None = None

    def included(self) -> dict[str, list[str]]:
        return {
            "region": self.regions,
            "department": self.departments,
            "epci": self.epcis,
            "commune": self.communes,
        }

    def excluded(self) -> dict[str, list[str]]:
        return {"epci": self.excluded_epcis, "commune": self.excluded_communes}

    @property
    def level(self) -> str:
        """The coarsest kind of area the aid covers (national, regional, ... communal)."""
        if not self.determined:
            return "undetermined"
        if self.national:
            return "national"
        for kind, level in (
            ("regions", "regional"),
            ("departments", "departmental"),
            ("epcis", "intercommunal"),
            ("communes", "communal"),
        ):
            if getattr(self, kind):
                return level
        return "undetermined"


class HowToApply(BaseModel):
    instructions: str | None = None
    form: str | None = None
    teleservice: str | None = None


class AidRecord(BaseModel):
    """One aid scheme in the normalised model, whatever its source."""

    id: str
    source: Source
    title: str
    institution: str
    institution_type: str
    institution_code: str | None = None
    perimeter: Perimeter
    profiles: list[str] = Field(default_factory=list)
    conditions: list[dict] = Field(
        default_factory=list, description="typed conditions (aides-jeunes conditions_generales)"
    )
    profile_conditions: dict[str, list[dict]] = Field(
        default_factory=dict, description="typed conditions that apply to one profile only"
    )
    conditions_text: list[str] = Field(default_factory=list)
    amount: float | None = None
    amount_unit: str | None = None
    amount_text: str | None = None
    periodicity: str | None = None
    url: str | None = None
    how_to_apply: HowToApply = Field(default_factory=HowToApply)
    description: str = ""
    beneficiaries: list[str] = Field(default_factory=list, description="who may apply, as the source says")
    themes: list[str] = Field(default_factory=list)
    updated: str | None = None

    def content_hash(self) -> str:
        return hashlib.sha256(json.dumps(self.model_dump(), sort_keys=True).encode()).hexdigest()


class Aid(Base):
    __tablename__ = "aids_aid"

    id: Mapped[str] = mapped_column(String(300), primary_key=True)
    source: Mapped[str] = mapped_column(String(40), index=True)
    title: Mapped[str] = mapped_column(Text)
    institution: Mapped[str] = mapped_column(Text)
    institution_type: Mapped[str] = mapped_column(String(40))
    institution_code: Mapped[str | None] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(20))
    national: Mapped[bool] = mapped_column(Boolean, default=False)
    perimeter_determined: Mapped[bool] = mapped_column(Boolean, default=True)
    perimeter_note: Mapped[str | None] = mapped_column(Text)
    profiles: Mapped[list] = mapped_column(JSON, default=list)
    conditions: Mapped[list] = mapped_column(JSON, default=list)
    profile_conditions: Mapped[dict] = mapped_column(JSON, default=dict)
    conditions_text: Mapped[list] = mapped_column(JSON, default=list)
    amount: Mapped[float | None] = mapped_column(Float)
    amount_unit: Mapped[str | None] = mapped_column(String(40))
    amount_text: Mapped[str | None] = mapped_column(Text)
    periodicity: Mapped[str | None] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(Text)
    how_to_apply: Mapped[dict] = mapped_column(JSON, default=dict)
    description: Mapped[str] = mapped_column(Text, default="")
    beneficiaries: Mapped[list] = mapped_column(JSON, default=list)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    updated: Mapped[str | None] = mapped_column(String(40))
    content_hash: Mapped[str] = mapped_column(String(64))

    areas: Mapped[list[AidArea]] = relationship(
        back_populates="aid", cascade="all, delete-orphan", order_by="AidArea.id"
    )

    def to_record(self) -> AidRecord:
        perimeter = Perimeter(
            national=self.national, determined=self.perimeter_determined, note=self.perimeter_note
        )
        lists = {
            (False, "region"): perimeter.regions,
            (False, "department"): perimeter.departments,
            (False, "epci"): perimeter.epcis,
            (False, "commune"): perimeter.communes,
            (True, "epci"): perimeter.excluded_epcis,
            (True, "commune"): perimeter.excluded_communes,
        }
        for area in self.areas:
            lists[(area.excluded, area.kind)].append(area.code)
        return AidRecord(
            id=self.id,
            source=self.source,  # type: ignore[arg-type]
            title=self.title,
            institution=self.institution,
            institution_type=self.institution_type,
            institution_code=self.institution_code,
            perimeter=perimeter,
            profiles=self.profiles,
            conditions=self.conditions,
            profile_conditions=self.profile_conditions,
            conditions_text=self.conditions_text,
            amount=self.amount,
            amount_unit=self.amount_unit,
            amount_text=self.amount_text,
            periodicity=self.periodicity,
            url=self.url,
            how_to_apply=HowToApply(**self.how_to_apply),
            description=self.description,
            beneficiaries=self.beneficiaries,
            themes=self.themes,
            updated=self.updated,
        )


class AidArea(Base):
    """One area of an aid's perimeter: a region, department, EPCI or commune, included or excluded."""

    __tablename__ = "aids_area"
    __table_args__ = (Index("ix_aids_area_kind_code", "kind", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    aid_id: Mapped[str] = mapped_column(ForeignKey("aids_aid.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(20))
    excluded: Mapped[bool] = mapped_column(Boolean, default=False)

    aid: Mapped[Aid] = relationship(back_populates="areas")


class ImportRun(Base):
    """The last import of each source: which file, when, and what it reported."""

    __tablename__ = "aids_import"

    source: Mapped[str] = mapped_column(String(40), primary_key=True)
    file_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    count: Mapped[int] = mapped_column(Integer)
    report: Mapped[dict] = mapped_column(JSON, default=dict)


class ConversationSession(Base):
    """A conversation's profile (what the person said, never their messages), until it expires."""

    __tablename__ = "aids_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    profile: Mapped[dict] = mapped_column(JSON, default=dict)
    # random key of the conversation in the steering log: the link dies with this row
    log_key: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class Event(Base):
    """One search or conversation turn, for steering: no personal data, no session id."""

    __tablename__ = "aids_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)  # to the hour
    kind: Mapped[str] = mapped_column(String(12))  # search, ask
    channel: Mapped[str] = mapped_column(String(12))  # portail, api, cli
    query: Mapped[str] = mapped_column(Text, default="")  # scrubbed: no place, number, name or address
    department: Mapped[str | None] = mapped_column(String(3), index=True)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    results: Mapped[int] = mapped_column(Integer, default=0)
    eligible: Mapped[int] = mapped_column(Integer, default=0)
    conversation: Mapped[str | None] = mapped_column(String(32), index=True)


class Feedback(Base):
    """An anonymous "m'a été utile" / "pas pertinent" on one aid shown by one event."""

    __tablename__ = "aids_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("aids_event.id", ondelete="CASCADE"), index=True)
    aid_id: Mapped[str] = mapped_column(String(300))
    useful: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(DateTime)
