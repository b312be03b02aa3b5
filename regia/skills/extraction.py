"""The extraction model of this installation: built from the database, kept on disk and in memory."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from regia.config import get_settings
from regia.errors import InputError
from regia.skills import models as m
from regia.skills.engine import Extractor, Referential, TrainingOffer

_lock = threading.Lock()
_cache: dict[str, Extractor] = {}


def model_path() -> Path:
    return get_settings().index_dir / "skills" / "extractor.pkl"


def read_referential(session: Session) -> Referential:
    """The taxonomy tables, as the model needs them."""
    occupations = [
        {"code": code, "label": label, "parent": parent, "definition": definition}
        for code, label, parent, definition in session.execute(
            select(m.Occupation.code, m.Occupation.label, m.Occupation.parent, m.Occupation.definition)
        )
    ]
    appellations = [tuple(row) for row in session.execute(select(m.Appellation.rome, m.Appellation.label))]
    items = [
        {"code": code, "label": label, "kind": kind}
        for code, label, kind in session.execute(select(m.Item.code, m.Item.label, m.Item.kind))
    ]
    fiche_items = [
        tuple(row) for row in session.execute(select(m.FicheItem.rome, m.FicheItem.item, m.FicheItem.core))
    ]
    esco_titles = []
    for rome, label, alt_labels in session.execute(
        select(m.EscoOccupation.rome, m.EscoOccupation.label, m.EscoOccupation.alt_labels)
        .where(m.EscoOccupation.rome.is_not(None))
        .order_by(m.EscoOccupation.id)
    ):
        esco_titles += [(rome, title) for title in [label, *alt_labels.split("|")] if title]
    return Referential(occupations, appellations, items, fiche_items, esco_titles)


def read_offers(session: Session, split: str) -> list[tuple[str, TrainingOffer]]:
    """(id, offer with its recruiter coding) of one split ("train" or "test"), in id order."""
    return [
        (oid, TrainingOffer(title, description, rome, tagged.split()))
        for oid, title, description, rome, tagged in session.execute(
            select(m.Offer.id, m.Offer.title, m.Offer.description, m.Offer.rome, m.Offer.tagged)
            .where(m.Offer.split == split)
            .order_by(m.Offer.id)
        )
    ]


def build_extractor(session: Session) -> Extractor:
    """The model from the taxonomy tables and the training split of the stored offers (the held-out
    split is never read here)."""
    return Extractor(read_referential(session), [offer for _, offer in read_offers(session, "train")])


def save_extractor(extractor: Extractor) -> None:
    extractor.save(model_path())


def forget_extractor() -> None:
    with _lock:
        _cache.clear()


def get_extractor() -> Extractor:
    """The model (loaded once per process; rebuilt from the database when its file is missing)."""
    from regia.db import session_scope
    from regia.skills.loader import is_loaded

    path = model_path()
    key = str(path)
    extractor = _cache.get(key)
    if extractor is None:
        with _lock:
            extractor = _cache.get(key)
            if extractor is None:
                extractor = Extractor.load(path)
                if extractor is None:
                    if not is_loaded():
                        raise InputError(
                            "Les données compétences ne sont pas chargées : lancez `regia load`.",
                            status_code=503,
                        )
                    with session_scope() as session:
                        extractor = build_extractor(session)
                    save_extractor(extractor)
                _cache[key] = extractor
    return extractor
