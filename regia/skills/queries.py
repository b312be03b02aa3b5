"""Read-only queries over the skills tables: occupations, offers near a point, trainings for skills."""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from functools import lru_cache

import numpy as np
from sqlalchemy import func, or_, select

from regia.config import get_settings
from regia.db import session_scope
from regia.errors import InputError
from regia.skills import models as m

log = logging.getLogger(__name__)
DENSE_WEIGHT = 0.6  # weight of the e5 similarity to a fiche next to the lexical title match
MAX_RADIUS_KM = 1000.0


def occupation(code: str) -> dict | None:
    with session_scope() as s:
        occ = s.get(m.Occupation, (code or "").strip().upper())
        if occ is None:
            return None
        skills = s.execute(
            select(m.Item.code, m.Item.label, m.Item.kind, m.FicheItem.core)
            .join(m.FicheItem, m.FicheItem.item == m.Item.code)
            .where(m.FicheItem.rome == occ.code)
        ).all()
        mobility = s.execute(
            select(m.Occupation.code, m.Occupation.label, m.Occupation.domain, m.Mobility.rank)
            .join(m.Mobility, m.Mobility.target == m.Occupation.code)
            .where(m.Mobility.rome == occ.code)
            .order_by(m.Mobility.rank, m.Occupation.code)
        ).all()
        appellations = s.scalars(
            select(m.Appellation.label).where(m.Appellation.rome == occ.code).order_by(m.Appellation.label)
        ).all()
    kind_order = {"macro-competence": 0, "competence": 1, "savoir": 2}
    return {
        "code": occ.code,
        "label": occ.label,
        "definition": occ.definition,
        "domain": {"code": occ.domain, "label": occ.domain_label},
        "riasec": {"major": occ.riasec_major, "minor": occ.riasec_minor or None},
        "skills": [
            {"code": code, "label": label, "kind": kind, "core": core == "Principale"}
            for code, label, kind, core in sorted(
                skills, key=lambda r: (r[3] != "Principale", kind_order.get(r[2], 3), r[1])
            )
        ],
        "mobility": [
            {"code": code, "label": label, "kind": "proche" if domain == occ.domain else "autre_domaine"}
            for code, label, domain, _rank in mobility
        ],
        "appellations": list(appellations),
    }


@lru_cache(maxsize=4)
def _fiche_vectors(path: str) -> tuple[list[str], np.ndarray]:
    data = np.load(path)
    vectors = data["vectors"].astype(np.float32) * data["scale"]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return [str(c) for c in data["codes"]], vectors


def _dense_scores(text: str, codes: list[str]) -> np.ndarray | None:
    """e5 similarity of ``text`` to each fiche (label and definition); None when unavailable."""
    path = get_settings().data_dir / "skills" / "fiche_embeddings.npz"
    if not path.exists():
        return None
    try:
        from regia.text.embeddings import embed_query

        fiche_codes, vectors = _fiche_vectors(str(path))
        sims = vectors @ embed_query(text)
    except Exception as exc:  # the model is optional here: lexical search still answers
        log.warning("recherche sémantique indisponible : %s", exc)
        return None
    position = {c: i for i, c in enumerate(fiche_codes)}
    return np.array([sims[position[c]] if c in position else 0.0 for c in codes], dtype=np.float32)


def search_occupations(text: str, k: int = 10, dense: bool = True) -> list[dict]:
    from regia.skills.extraction import get_extractor

    text = (text or "").strip()
    if not text:
        raise InputError("Texte vide : indiquez un intitulé de métier.", "text")
    if len(text) > get_settings().max_query_chars:
        raise InputError("Texte trop long pour un intitulé de métier.", "text")
    model = get_extractor()
    sims = model.title_similarities(text)
    n = len(model.codes)
    lexical = np.zeros(n, dtype=np.float32)
    np.maximum.at(lexical, model.title_code, sims)
    best_title: dict[int, int] = {}
    for t in np.flatnonzero(sims > 0)[np.argsort(-sims[sims > 0], kind="stable")].tolist():
        best_title.setdefault(int(model.title_code[t]), t)
    score = lexical.copy()
    semantic = _dense_scores(text, model.codes) if dense else None
    if semantic is not None:
        score += DENSE_WEIGHT * np.clip(semantic - 0.75, 0, None) / 0.25  # e5 cosines sit in [0.75, 1]
    order = np.argsort(-score, kind="stable")[:k]
    return [
        {
            "code": model.codes[i],
            "label": model.labels[model.codes[i]],
            "score": round(float(score[i]), 4),
            "appellation": model.title_labels[best_title[i]]
            if i in best_title
            else model.labels[model.codes[i]],
        }
        for i in order.tolist()
        if score[i] > 0
    ]


def _check_point(lat: float | None, lon: float | None, radius_km: float | None) -> bool:
    """True when a point and radius are given (and valid); False when none is."""
    if lat is None and lon is None and radius_km is None:
        return False
    if lat is None or lon is None or radius_km is None:
        raise InputError("Indiquez ensemble latitude, longitude et rayon.", "lat")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError("Coordonnées hors limites (latitude -90..90, longitude -180..180).", "lat")
    if not (0 < radius_km <= MAX_RADIUS_KM):
        raise InputError(f"Rayon invalide : entre 0 et {MAX_RADIUS_KM:.0f} km.", "radius_km")
    return True


def _box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(0.05, math.cos(math.radians(lat))))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def _with_parents(session, codes: list[str]) -> set[str]:
    """The codes and their parent fiches (offers are often coded with the parent of a new fiche)."""
    wanted = {c.strip().upper() for c in codes if c and c.strip()}
    parents = session.scalars(select(m.Occupation.parent).where(m.Occupation.code.in_(wanted))).all()
    return wanted | {p for p in parents if p}


def offers_near(
    rome_codes: list[str], lat: float, lon: float, radius_km: float, limit: int = 20
) -> list[dict]:
    from regia.territory import distance_km, get_commune

    _check_point(lat, lon, radius_km)
    low_lat, high_lat, low_lon, high_lon = _box(lat, lon, radius_km)
    with session_scope() as s:
        codes = _with_parents(s, rome_codes)
        predicted = select(m.OfferOccupation.offer_id).where(
            m.OfferOccupation.code.in_(codes), m.OfferOccupation.rank == 1
        )
        rows = s.execute(
            select(m.Offer)
            .where(or_(m.Offer.rome.in_(codes), m.Offer.id.in_(predicted)))
            .where(m.Offer.lat.between(low_lat, high_lat), m.Offer.lon.between(low_lon, high_lon))
        ).scalars()
        found = []
        for offer in rows:
            distance = distance_km(lat, lon, offer.lat, offer.lon)
            if distance > radius_km:
                continue
            commune = get_commune(offer.insee) if offer.insee else None
            found.append(
                {
                    "id": offer.id,
                    "title": offer.title,
                    "commune": commune.name if commune else offer.place,
                    "insee": offer.insee,
                    "lat": offer.lat,
                    "lon": offer.lon,
                    "distance_km": round(distance, 1),
                    "rome": offer.rome,
                    "contract": offer.contract,
                    "working_time": offer.working_time,
                }
            )
    found.sort(key=lambda o: (o["distance_km"], o["id"]))
    return found[: max(0, limit)]


def certification_items(session, certification_ids: set[str], item_codes: set[str]) -> dict[str, set[str]]:
    """For each certification, the requested items it teaches: through its RNCP blocks' text, or as
    items of the fiches of its ROME codes."""
    taught: dict[str, set[str]] = defaultdict(set)
    if not certification_ids or not item_codes:
        return taught
    for cid, item in session.execute(
        select(m.CertificationItem.certification_id, m.CertificationItem.item).where(
            m.CertificationItem.certification_id.in_(certification_ids),
            m.CertificationItem.item.in_(item_codes),
        )
    ):
        taught[cid].add(item)
    for cid, item in session.execute(
        select(m.CertificationRome.certification_id, m.FicheItem.item)
        .join(m.FicheItem, m.FicheItem.rome == m.CertificationRome.rome)
        .where(m.CertificationRome.certification_id.in_(certification_ids), m.FicheItem.item.in_(item_codes))
    ):
        taught[cid].add(item)
    return taught


def trainings_for(
    item_codes: list[str],
    rome_codes: list[str],
    lat: float | None,
    lon: float | None,
    radius_km: float | None,
    max_duration_years: float | None = None,
    limit: int = 20,
) -> list[dict]:
    from regia.territory import communes_within, distance_km

    located = _check_point(lat, lon, radius_km)
    items = {c.strip() for c in item_codes or [] if c and c.strip()}
    with session_scope() as s:
        codes = _with_parents(s, rome_codes or [])
        by_rome = set(
            s.scalars(select(m.CertificationRome.certification_id).where(m.CertificationRome.rome.in_(codes)))
        )
        by_item = set(
            s.scalars(select(m.CertificationItem.certification_id).where(m.CertificationItem.item.in_(items)))
        )
        by_item |= set(
            s.scalars(
                select(m.CertificationRome.certification_id)
                .join(m.FicheItem, m.FicheItem.rome == m.CertificationRome.rome)
                .where(m.FicheItem.item.in_(items))
            )
        )
        query = select(m.Training).where(m.Training.certification_id.in_(by_rome | by_item))
        departments: set[str] = set()
        if located:
            departments = {commune.department for commune, _ in communes_within(lat, lon, radius_km)}
            low_lat, high_lat, low_lon, high_lon = _box(lat, lon, radius_km)
            query = query.where(
                or_(
                    m.Training.lat.between(low_lat, high_lat) & m.Training.lon.between(low_lon, high_lon),
                    m.Training.lat.is_(None) & m.Training.department.in_(departments),
                )
            )
        if max_duration_years is not None:
            query = query.where(
                or_(m.Training.duration_years.is_(None), m.Training.duration_years <= max_duration_years)
            )
        trainings = list(s.scalars(query))
        certs = {t.certification_id for t in trainings}
        taught = certification_items(s, certs, items)
        breadth = dict(
            s.execute(
                select(m.CertificationRome.certification_id, func.count())
                .where(m.CertificationRome.certification_id.in_(certs))
                .group_by(m.CertificationRome.certification_id)
            ).all()
        )
        cert_romes: dict[str, set[str]] = defaultdict(set)
        for cid, rome in s.execute(
            select(m.CertificationRome.certification_id, m.CertificationRome.rome).where(
                m.CertificationRome.certification_id.in_(certs), m.CertificationRome.rome.in_(codes)
            )
        ):
            cert_romes[cid].add(rome)
        label_rows = s.execute(
            select(m.Occupation.code, m.Occupation.label).where(m.Occupation.code.in_(codes))
        )
        labels = {code: label for code, label in label_rows}
    nearest_in_department: dict[str, float] = {}
    if located:
        for commune, d in communes_within(lat, lon, radius_km):
            nearest_in_department.setdefault(commune.department, d)
    found = []
    for t in trainings:
        distance = None
        if located and t.lat is not None:
            distance = distance_km(lat, lon, t.lat, t.lon)
            if distance > radius_km:
                continue
        covers = sorted(taught.get(t.certification_id, ()))
        romes = sorted(cert_romes.get(t.certification_id, ()))
        # occupations prepared, skills taught, the more specific certification, then the nearest
        # (a training placed by department only ranks by its department's nearest commune)
        near = distance if distance is not None else nearest_in_department.get(t.department, 1e9)
        rank = (-len(romes), -len(covers), breadth.get(t.certification_id, 99), near, t.id)
        found.append((rank, distance, t, covers, romes))
    found.sort(key=lambda f: f[0])
    return [
        {
            "id": t.id,
            "title": t.title,
            "place": t.place,
            "insee": t.insee,
            "lat": t.lat,
            "lon": t.lon,
            "department": t.department,
            "distance_km": round(distance, 1) if distance is not None else None,
            "level": t.level,
            "duration_years": t.duration_years,
            "kind": t.kind,
            "covers": covers,
            "romes": romes,
            "why": _why(romes, labels, covers, len(items), distance, t),
            "source": t.source,
        }
        for _, distance, t, covers, romes in found[: max(0, limit)]
    ]


def _why(romes: list[str], labels: dict, covers: list[str], wanted: int, distance: float | None, t) -> str:
    parts = []
    if romes:
        parts.append("prépare au métier " + ", ".join(f"{labels.get(r, r)} ({r})" for r in romes))
    if covers:
        parts.append(f"enseigne {len(covers)} des {wanted} compétences recherchées")
    if distance is not None:
        parts.append(f"à {distance:.0f} km")
    elif t.department:
        parts.append(f"dans le département {t.department} (commune non précisée par la source)")
    if t.duration_years:
        parts.append(f"durée {t.duration_years:g} an{'s' if t.duration_years > 1 else ''}")
    text = " ; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else ""
