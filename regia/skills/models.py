"""Tables of the skills capability (prefix ``skills_``): ROME 4.0 and ESCO taxonomy, job offers with
their extracted occupations and skills, training offers and the certifications they prepare."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from regia.db import Base


class Occupation(Base):
    """A ROME 4.0 fiche (occupation)."""

    __tablename__ = "skills_occupations"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    parent: Mapped[str] = mapped_column(String(5))
    riasec_major: Mapped[str] = mapped_column(String(1), default="")
    riasec_minor: Mapped[str] = mapped_column(String(1), default="")
    domain: Mapped[str] = mapped_column(String(3), default="")
    domain_label: Mapped[str] = mapped_column(String(200), default="")
    definition: Mapped[str] = mapped_column(Text, default="")


class Appellation(Base):
    """A job title of a ROME fiche."""

    __tablename__ = "skills_appellations"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    rome: Mapped[str] = mapped_column(ForeignKey("skills_occupations.code"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    short_label: Mapped[str] = mapped_column(String(200), default="")


class Item(Base):
    """A ROME skill item: competence, macro-competence or savoir (knowledge)."""

    __tablename__ = "skills_items"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    label: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    category: Mapped[str] = mapped_column(String(100), default="")
    subcategory: Mapped[str] = mapped_column(String(200), default="")
    macro: Mapped[str] = mapped_column(String(10), default="")


class FicheItem(Base):
    """Link fiche -> item (the fiche's skills); ``core`` is "Principale", "Émergente" or ""."""

    __tablename__ = "skills_fiche_items"

    rome: Mapped[str] = mapped_column(ForeignKey("skills_occupations.code"), primary_key=True)
    item: Mapped[str] = mapped_column(ForeignKey("skills_items.code"), primary_key=True, index=True)
    core: Mapped[str] = mapped_column(String(20), default="")


class Mobility(Base):
    """Professional mobility from a fiche to another, as ranked by ROME."""

    __tablename__ = "skills_mobility"

    rome: Mapped[str] = mapped_column(ForeignKey("skills_occupations.code"), primary_key=True)
    target: Mapped[str] = mapped_column(ForeignKey("skills_occupations.code"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, default=0)


class EscoOccupation(Base):
    """ESCO v1 occupation with its French labels; ``rome`` when a label equals a ROME appellation."""

    __tablename__ = "skills_esco_occupations"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(300))
    alt_labels: Mapped[str] = mapped_column(Text, default="")  # "|" separated
    isco: Mapped[str] = mapped_column(String(10), default="")
    rome: Mapped[str | None] = mapped_column(ForeignKey("skills_occupations.code"), index=True)


class EscoSkill(Base):
    """ESCO v1 skill with its French labels; ``item`` when its label equals a ROME item label."""

    __tablename__ = "skills_esco_skills"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(400))
    alt_labels: Mapped[str] = mapped_column(Text, default="")
    type: Mapped[str] = mapped_column(String(40), default="")
    reuse: Mapped[str] = mapped_column(String(40), default="")
    item: Mapped[str | None] = mapped_column(ForeignKey("skills_items.code"), index=True)


class Offer(Base):
    """A real job offer; ``rome`` and ``tagged`` are the recruiter's own coding (used to learn priors
    from the ``train`` split and to evaluate on the ``test`` split)."""

    __tablename__ = "skills_offers"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    created: Mapped[str] = mapped_column(String(10), default="", index=True)  # YYYY-MM-DD
    place: Mapped[str] = mapped_column(String(200), default="")
    insee: Mapped[str | None] = mapped_column(String(5), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    department: Mapped[str | None] = mapped_column(String(3), index=True)
    region: Mapped[str | None] = mapped_column(String(3), index=True)
    rome: Mapped[str] = mapped_column(String(5), default="", index=True)
    contract: Mapped[str] = mapped_column(String(60), default="")
    working_time: Mapped[str] = mapped_column(String(60), default="")
    tagged: Mapped[str] = mapped_column(Text, default="")  # space separated item codes
    split: Mapped[str] = mapped_column(String(5), default="train")
    source: Mapped[str] = mapped_column(String(200), default="")


class OfferOccupation(Base):
    __tablename__ = "skills_offer_occupations"

    offer_id: Mapped[str] = mapped_column(
        ForeignKey("skills_offers.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(5), primary_key=True, index=True)
    rank: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)


class OfferSkill(Base):
    __tablename__ = "skills_offer_skills"

    offer_id: Mapped[str] = mapped_column(
        ForeignKey("skills_offers.id", ondelete="CASCADE"), primary_key=True
    )
    item: Mapped[str] = mapped_column(String(10), primary_key=True, index=True)
    score: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(10))
    evidence: Mapped[str | None] = mapped_column(Text)


class OfferExpression(Base):
    __tablename__ = "skills_offer_expressions"

    offer_id: Mapped[str] = mapped_column(
        ForeignKey("skills_offers.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
    text: Mapped[str] = mapped_column(String(200))


class Certification(Base):
    """A certification prepared by trainings (RNCP, Certif Info or vocational diploma)."""

    __tablename__ = "skills_certifications"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(400))
    level: Mapped[str | None] = mapped_column(String(10))
    type: Mapped[str] = mapped_column(String(200), default="")
    rncp: Mapped[str | None] = mapped_column(String(20), index=True)
    source: Mapped[str] = mapped_column(String(60))


class CertificationRome(Base):
    __tablename__ = "skills_certification_romes"

    certification_id: Mapped[str] = mapped_column(
        ForeignKey("skills_certifications.id", ondelete="CASCADE"), primary_key=True
    )
    rome: Mapped[str] = mapped_column(String(5), primary_key=True, index=True)


class CertificationItem(Base):
    """An item taught by a certification, evidenced by one of its RNCP skill blocks."""

    __tablename__ = "skills_certification_items"

    certification_id: Mapped[str] = mapped_column(
        ForeignKey("skills_certifications.id", ondelete="CASCADE"), primary_key=True
    )
    item: Mapped[str] = mapped_column(String(10), primary_key=True, index=True)
    block: Mapped[str] = mapped_column(String(40))
    evidence: Mapped[str] = mapped_column(Text)


class Training(Base):
    """A real training offer at a place (vocational school or apprenticeship)."""

    __tablename__ = "skills_trainings"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(String(400))
    certification_id: Mapped[str | None] = mapped_column(ForeignKey("skills_certifications.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    place: Mapped[str] = mapped_column(String(300), default="")
    insee: Mapped[str | None] = mapped_column(String(5), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    department: Mapped[str | None] = mapped_column(String(3), index=True)
    region: Mapped[str | None] = mapped_column(String(3), index=True)
    level: Mapped[str | None] = mapped_column(String(10))
    duration_years: Mapped[float | None] = mapped_column(Float)
    capacity: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(100))


TAXONOMY = (Occupation, Appellation, Item, FicheItem, Mobility, EscoOccupation, EscoSkill)
OFFERS = (Offer, OfferOccupation, OfferSkill, OfferExpression)
SUPPLY = (Certification, CertificationRome, CertificationItem, Training)


class Meta(Base):
    """Bookkeeping: the fingerprint of the loaded data (a reload with the same files does nothing)."""

    __tablename__ = "skills_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
