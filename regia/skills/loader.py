"""`regia load` step for skills: taxonomy, offers, supply, the extraction model and the extraction of
every stored offer, all written in one transaction (a failing load leaves the previous data in place).

A second load with the same files does nothing but check a fingerprint (a few milliseconds).
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, defaultdict
from pathlib import Path

from sqlalchemy import delete, insert, inspect, select
from sqlalchemy.exc import OperationalError, ProgrammingError

from regia.config import get_settings
from regia.db import get_engine, init_db, session_scope
from regia.progress import status, track
from regia.skills import models as m
from regia.skills import sources
from regia.skills.engine import FORMAT, Extractor
from regia.skills.offers import offer_row
from regia.skills.spans import clean_title
from regia.skills.supply import read_supply

log = logging.getLogger(__name__)
FINGERPRINT_VERSION = "1"  # bump when the loading logic changes what is stored


def default_folder() -> Path:
    return get_settings().data_dir / "skills"


def fingerprint(folder: Path) -> str:
    digest = hashlib.sha256(f"{FINGERPRINT_VERSION}:{FORMAT}".encode())
    for path in sorted(folder.glob("*.gz")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_loaded() -> bool:
    engine = get_engine()
    try:
        if not inspect(engine).has_table(m.Meta.__tablename__):
            return False
        with engine.connect() as conn:
            return conn.execute(select(m.Meta.value).where(m.Meta.key == "fingerprint")).scalar() is not None
    except (OperationalError, ProgrammingError):
        return False


def loaded_fingerprint() -> str | None:
    if not is_loaded():
        return None
    with get_engine().connect() as conn:
        return conn.execute(select(m.Meta.value).where(m.Meta.key == "fingerprint")).scalar()


def load_default() -> dict[str, int]:
    return load_folder(default_folder())


def _key(label: str) -> str:
    return " ".join(label.lower().split())


def _label_keys(label: str) -> set[str]:
    """Lower-cased forms of a label, each gender form of "Boulanger / Boulangère ..." on its own."""
    label = clean_title(label)
    keys = {_key(label)}
    if " / " in label:
        head, _, rest = label.partition(" / ")
        tail = rest.split(" ", 1)[1] if " " in rest else ""
        keys |= {_key(f"{head} {tail}"), _key(rest)}
    return keys


def esco_links(esco_occupations, esco_skills, appellations, occupations, items) -> tuple[dict, dict]:
    """ESCO occupation -> ROME code and ESCO skill -> ROME item, where a French label is identical."""
    rome_of: dict[str, Counter] = defaultdict(Counter)
    for row in appellations:
        for key in _label_keys(row["label"]):
            rome_of[key][row["rome"]] += 1
    for row in occupations:
        for key in _label_keys(row["label"]):
            rome_of[key][row["code"]] += 1
    occupation_rome = {}
    for row in esco_occupations:
        votes: Counter = Counter()
        for label in [row["label"], *filter(None, row["alt_labels"].split("|"))]:
            for key in _label_keys(label):
                votes.update(rome_of.get(key, {}))
        if votes:
            occupation_rome[row["id"]] = votes.most_common(1)[0][0]
    item_of = {_key(i["label"]): i["code"] for i in items}
    skill_item = {}
    for row in esco_skills:
        for label in [row["label"], *filter(None, row["alt_labels"].split("|"))]:
            code = item_of.get(_key(label))
            if code:
                skill_item[row["id"]] = code
                break
    return occupation_rome, skill_item


def load_folder(folder: Path) -> dict[str, int]:
    """Import ``folder`` (see ``regia.skills.bundle``); returns row counts. Idempotent."""
    from regia.skills.extraction import build_extractor, forget_extractor, save_extractor

    folder = Path(folder)
    init_db()
    stamp = fingerprint(folder)
    if loaded_fingerprint() == stamp:
        return {}
    # read and validate everything before writing anything
    occupations = sources.read_occupations(folder)
    appellations = sources.read_appellations(folder)
    items = sources.read_items(folder)
    fiche_items = sources.read_fiche_items(folder)
    mobility = sources.read_mobility(folder)
    esco_occupations = sources.read_esco_occupations(folder)
    esco_skills = sources.read_esco_skills(folder)
    offers = [offer_row(o) for o in sources.read_jsonl(folder / "offers.jsonl.gz")]
    supply = read_supply(folder)
    occupation_rome, skill_item = esco_links(esco_occupations, esco_skills, appellations, occupations, items)
    known_codes = {o["code"] for o in occupations}
    known_items = {i["code"] for i in items}

    counts: dict[str, int] = {}
    with session_scope() as session:
        for model in reversed(m.TAXONOMY + m.OFFERS + m.SUPPLY + (m.Meta,)):
            session.execute(delete(model))

        def put(model, rows: list[dict]) -> None:
            for start in range(0, len(rows), 5000):
                session.execute(insert(model.__table__), rows[start : start + 5000])
            counts[model.__tablename__] = len(rows)

        put(
            m.Occupation,
            [
                {k: o[k] for k in ("code", "label", "parent", "riasec_major", "riasec_minor", "domain")}
                | {"domain_label": o["domain_label"], "definition": o["definition"]}
                for o in occupations
            ],
        )
        put(
            m.Appellation,
            [
                {k: a[k] for k in ("code", "rome", "label", "short_label")}
                for a in appellations
                if a["rome"] in known_codes
            ],
        )
        put(
            m.Item,
            [{k: i[k] for k in ("code", "label", "kind", "category", "subcategory", "macro")} for i in items],
        )
        put(
            m.FicheItem,
            [
                {"rome": f["rome"], "item": f["item"], "core": f["core"]}
                for f in fiche_items
                if f["rome"] in known_codes and f["item"] in known_items
            ],
        )
        put(
            m.Mobility,
            [
                {"rome": r["rome"], "target": r["target"], "rank": int(r["rank"] or 0)}
                for r in mobility
                if r["rome"] in known_codes and r["target"] in known_codes
            ],
        )
        put(
            m.EscoOccupation,
            [
                {
                    "id": r["id"],
                    "label": r["label"],
                    "alt_labels": r["alt_labels"],
                    "isco": r["isco"],
                    "rome": occupation_rome.get(r["id"]),
                }
                for r in esco_occupations
            ],
        )
        put(
            m.EscoSkill,
            [
                {
                    "id": r["id"],
                    "label": r["label"],
                    "alt_labels": r["alt_labels"],
                    "type": r["type"],
                    "reuse": r["reuse"],
                    "item": skill_item.get(r["id"]),
                }
                for r in esco_skills
            ],
        )
        put(m.Offer, offers)
        put(m.Certification, list(supply.certifications.values()))
        put(
            m.CertificationRome,
            [{"certification_id": c, "rome": r} for c, romes in supply.romes.items() for r in sorted(romes)],
        )
        put(m.Training, list(supply.trainings.values()))
        session.flush()

        extractor = build_extractor(session)
        rows_occ, rows_skill, rows_expr = _extract_offers(extractor, offers)
        put(m.OfferOccupation, rows_occ)
        put(m.OfferSkill, rows_skill)
        put(m.OfferExpression, rows_expr)
        put(m.CertificationItem, _block_items(extractor, supply.blocks))
        session.add(m.Meta(key="fingerprint", value=stamp))
    save_extractor(extractor)
    forget_extractor()
    status(f"skills : {len(offers)} offres, {len(supply.trainings)} formations, {len(items)} items ROME")
    return counts


def _extract_offers(extractor: Extractor, offers: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    occupations, skills, expressions = [], [], []
    batch = 256
    for start in track(range(0, len(offers), batch), "extraction des offres"):
        chunk = offers[start : start + batch]
        results = extractor.extract_batch([(o["title"], o["description"]) for o in chunk])
        for offer, result in zip(chunk, results, strict=True):
            for rank, occ in enumerate(result["occupations"], 1):
                occupations.append(
                    {"offer_id": offer["id"], "code": occ["code"], "rank": rank, "score": occ["score"]}
                )
            for skill in result["skills"]:
                skills.append(
                    {
                        "offer_id": offer["id"],
                        "item": skill["code"],
                        "score": skill["score"],
                        "source": skill["source"],
                        "evidence": skill["evidence"],
                    }
                )
            for expression in result["expressions"]:
                expressions.append(
                    {
                        "offer_id": offer["id"],
                        "key": expression["key"][:200],
                        "text": expression["text"][:200],
                    }
                )
    return occupations, skills, expressions


def _block_items(extractor: Extractor, blocks: dict[str, list[tuple[str, str]]]) -> list[dict]:
    """Items evidenced by the text of each certification's RNCP skill blocks (a block shared by several
    certifications is read once)."""
    found_in: dict[str, list[dict]] = {}
    rows: dict[tuple[str, str], dict] = {}
    for certification, certification_blocks in blocks.items():
        for block, label in certification_blocks:
            if label not in found_in:
                found_in[label] = extractor.find_items(label)
            for found in found_in[label]:
                key = (certification, found["code"])
                if key not in rows:
                    rows[key] = {
                        "certification_id": certification,
                        "item": found["code"],
                        "block": block[:40],
                        "evidence": found["evidence"],
                    }
    return list(rows.values())
