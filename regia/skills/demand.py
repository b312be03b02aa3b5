"""Demand analytics over the stored offers (skills, occupations, expressions) and the training gap
report: for a territory, the share of offers asking for each skill against the share of local
trainings teaching it.

Every figure comes with the number of offers or trainings behind it and examples of them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from regia.db import session_scope
from regia.errors import InputError
from regia.skills import models as m

PERIOD = re.compile(r"^(\d{4}-\d{2})(?:\.\.(\d{4}-\d{2}))?$")
EXAMPLES = 5


@dataclass(frozen=True)
class Territory:
    kind: str  # "france", "region", "department" or "commune"
    code: str
    name: str

    @property
    def label(self) -> str:
        return {
            "france": "France entière",
            "region": f"région {self.name}",
            "department": f"département {self.name} ({self.code})",
            "commune": f"{self.name} ({self.code})",
        }[self.kind]

    def where(self, model):
        """SQL condition selecting the offers or trainings of this territory."""
        if self.kind == "france":
            return True
        column = {"region": model.region, "department": model.department, "commune": model.insee}[self.kind]
        return column == self.code


PREFIXES = {
    "region": "region",
    "région": "region",
    "reg": "region",
    "departement": "department",
    "département": "department",
    "department": "department",
    "dep": "department",
    "commune": "commune",
}


def territory(code: str | None) -> Territory:
    """A territory from a code: "FR" (France), "84" (a region code wins over the department of the same
    number; write "dep:84" for Vaucluse), "07" or "2A" (department), "07186" (commune INSEE code),
    "region:84", "dep:84", "commune:07186", or a name ("Ardèche", "Auvergne-Rhône-Alpes")."""
    from regia.territory import department, get_commune, region, resolve_place

    text = (code or "").strip()
    if not text or text.upper() in ("FR", "FRANCE"):
        return Territory("france", "FR", "France")
    kind = None
    if ":" in text:
        prefix, _, text = text.partition(":")
        kind = PREFIXES.get(prefix.strip().lower())
        if kind is None:
            raise InputError(
                f"Préfixe de territoire inconnu « {prefix} » : region:, dep: ou commune:.", "territory"
            )
        text = text.strip()
    upper = text.upper()
    if kind in (None, "region") and region(upper):
        return Territory("region", upper, region(upper).name)
    if kind in (None, "department") and department(upper):
        return Territory("department", upper, department(upper).name)
    if kind in (None, "commune") and get_commune(upper):
        return Territory("commune", upper, get_commune(upper).name)
    if kind is None and not re.fullmatch(r"[0-9AB]{2,5}", upper):
        place = resolve_place(text)  # raises a clear NotFound
        if place.kind in ("region", "department"):
            return Territory(place.kind, place.code, place.name)
        if place.kind == "commune":
            return Territory("commune", place.code, place.name)
    raise InputError(
        f"Territoire inconnu « {code} » : code de région (84), de département (07, dep:84), "
        "code INSEE de commune (07186) ou FR.",
        "territory",
    )


def period_bounds(period: str | None) -> tuple[str, str] | None:
    """ "2025-01" or "2024-10..2025-01" -> (first day, last day) as ISO dates; None for all time."""
    if not period:
        return None
    match = PERIOD.match(period.strip())
    if not match:
        raise InputError("Période invalide : AAAA-MM ou AAAA-MM..AAAA-MM (ex. 2024-10..2025-01).", "period")
    start, end = match.group(1), match.group(2) or match.group(1)
    if end < start:
        raise InputError("Période invalide : la fin précède le début.", "period")
    return f"{start}-01", f"{end}-31"


@dataclass
class Scope:
    territory: Territory
    period: tuple[str, str] | None = None
    occupation: str | None = None

    def offers(self):
        query = select(m.Offer.id).where(self.territory.where(m.Offer))
        if self.period:
            query = query.where(m.Offer.created.between(*self.period))
        if self.occupation:
            first = select(m.OfferOccupation.offer_id).where(
                m.OfferOccupation.code == self.occupation, m.OfferOccupation.rank == 1
            )
            query = query.where(m.Offer.id.in_(first))
        return query


def _examples(session, offer_ids: list[str]) -> list[dict]:
    rows = session.execute(select(m.Offer.id, m.Offer.title, m.Offer.place).where(m.Offer.id.in_(offer_ids)))
    found = {i: {"id": i, "title": t, "place": p} for i, t, p in rows}
    return [found[i] for i in offer_ids if i in found]


def demand(
    territory_code: str | None = None,
    period: str | None = None,
    occupation: str | None = None,
    limit: int = 20,
) -> dict:
    """Most demanded skills, occupations and expressions of the offers in scope, with counts, shares
    and example offers; and the number of offers per month."""
    scope = Scope(
        territory(territory_code), period_bounds(period), (occupation or "").strip().upper() or None
    )
    if limit < 1 or limit > 500:
        raise InputError("limit : entre 1 et 500.", "limit")
    with session_scope() as s:
        offers = scope.offers().subquery()
        total = s.scalar(select(func.count()).select_from(offers)) or 0
        skills = _ranked_skills(s, offers, limit)
        occupations = s.execute(
            select(m.OfferOccupation.code, m.Occupation.label, func.count())
            .join(m.Occupation, m.Occupation.code == m.OfferOccupation.code)
            .where(m.OfferOccupation.offer_id.in_(select(offers.c.id)), m.OfferOccupation.rank == 1)
            .group_by(m.OfferOccupation.code, m.Occupation.label)
            .order_by(func.count().desc(), m.OfferOccupation.code)
            .limit(limit)
        ).all()
        expressions = s.execute(
            select(m.OfferExpression.key, func.min(m.OfferExpression.text), func.count())
            .where(m.OfferExpression.offer_id.in_(select(offers.c.id)))
            .group_by(m.OfferExpression.key)
            .order_by(func.count().desc(), m.OfferExpression.key)
            .limit(limit)
        ).all()
        months = s.execute(
            select(func.substr(m.Offer.created, 1, 7), func.count())
            .where(m.Offer.id.in_(select(offers.c.id)))
            .group_by(func.substr(m.Offer.created, 1, 7))
            .order_by(func.substr(m.Offer.created, 1, 7))
        ).all()
        examples = _skill_examples(s, offers, [row["code"] for row in skills])

    def share(n: int) -> float:
        return round(n / total, 4) if total else 0.0

    for row in skills:
        row["share"] = share(row["offers"])
        row["examples"] = examples.get(row["code"], [])
    return {
        "territory": {
            "kind": scope.territory.kind,
            "code": scope.territory.code,
            "name": scope.territory.name,
        },
        "period": period,
        "occupation": scope.occupation,
        "offers": total,
        "skills": skills,
        "occupations": [
            {"code": c, "label": label, "offers": n, "share": share(n)} for c, label, n in occupations
        ],
        "expressions": [{"key": k, "text": t, "offers": n, "share": share(n)} for k, t, n in expressions],
        "months": [{"month": month or "inconnu", "offers": n} for month, n in months],
    }


def _ranked_skills(session, offers, limit: int | None) -> list[dict]:
    query = (
        select(m.OfferSkill.item, m.Item.label, m.Item.kind, func.count(), func.count(m.OfferSkill.evidence))
        .join(m.Item, m.Item.code == m.OfferSkill.item)
        .where(m.OfferSkill.offer_id.in_(select(offers.c.id)))
        .group_by(m.OfferSkill.item, m.Item.label, m.Item.kind)
        .order_by(func.count().desc(), m.OfferSkill.item)
    )
    if limit:
        query = query.limit(limit)
    return [
        {"code": code, "label": label, "kind": kind, "offers": n, "offers_text": n_text}
        for code, label, kind, n, n_text in session.execute(query)
    ]


def _skill_examples(session, offers, codes: list[str]) -> dict[str, list[dict]]:
    """Up to EXAMPLES offers per skill, those quoting it in their text first."""
    if not codes:
        return {}
    rows = session.execute(
        select(m.OfferSkill.item, m.Offer.id, m.Offer.title, m.Offer.place, m.OfferSkill.evidence)
        .join(m.Offer, m.Offer.id == m.OfferSkill.offer_id)
        .where(m.OfferSkill.item.in_(codes), m.OfferSkill.offer_id.in_(select(offers.c.id)))
        .order_by(m.OfferSkill.item, m.OfferSkill.evidence.is_(None), m.OfferSkill.score.desc(), m.Offer.id)
    )
    examples: dict[str, list[dict]] = defaultdict(list)
    for item, oid, title, place, evidence in rows:
        if len(examples[item]) < EXAMPLES:
            examples[item].append({"id": oid, "title": title, "place": place, "evidence": evidence})
    return examples


@dataclass
class Gap:
    territory: Territory
    offers: int
    trainings: int
    training_places: int
    period: tuple[str, str] | None
    skills: list[dict] = field(default_factory=list)
    occupations: list[dict] = field(default_factory=list)
    expressions: list[dict] = field(default_factory=list)
    months: list[dict] = field(default_factory=list)
    training_kinds: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "territory": {
                "kind": self.territory.kind,
                "code": self.territory.code,
                "name": self.territory.name,
            },
            "offers": self.offers,
            "trainings": self.trainings,
            "training_places": self.training_places,
            "training_kinds": self.training_kinds,
            "period": list(self.period) if self.period else None,
            "skills": self.skills,
            "occupations": self.occupations,
            "expressions": self.expressions,
            "months": self.months,
        }


def gap(territory_code: str | None, min_offers: int = 2, limit: int = 30) -> Gap:
    """Per skill and per occupation, the share of the territory's offers asking for it against the share
    of its trainings teaching it (preparing it), ranked by the gap (demand share minus supply share)."""
    where = territory(territory_code)
    summary = demand(territory_code, limit=20)
    with session_scope() as s:
        offers = Scope(where).offers().subquery()
        total = summary["offers"]
        skills = _ranked_skills(s, offers, None)
        trainings = list(
            s.execute(
                select(
                    m.Training.id,
                    m.Training.title,
                    m.Training.place,
                    m.Training.certification_id,
                    m.Training.capacity,
                    m.Training.kind,
                )
                .where(where.where(m.Training))
                .order_by(m.Training.id)
            )
        )
        certs = {t.certification_id for t in trainings}
        cert_romes: dict[str, set[str]] = defaultdict(set)
        for cid, rome in s.execute(select(m.CertificationRome.certification_id, m.CertificationRome.rome)):
            if cid in certs:
                cert_romes[cid].add(rome)
        romes = {r for rs in cert_romes.values() for r in rs}
        fiche: dict[str, set[str]] = defaultdict(set)
        for rome, item in s.execute(
            select(m.FicheItem.rome, m.FicheItem.item).where(m.FicheItem.rome.in_(romes))
        ):
            fiche[rome].add(item)
        cert_items: dict[str, set[str]] = defaultdict(set)
        for cid, rs in cert_romes.items():
            for rome in rs:
                cert_items[cid] |= fiche[rome]
        for cid, item in s.execute(select(m.CertificationItem.certification_id, m.CertificationItem.item)):
            if cid in certs:
                cert_items[cid].add(item)
        occupation_rows = s.execute(
            select(m.OfferOccupation.code, m.Occupation.label, m.Occupation.parent, func.count())
            .join(m.Occupation, m.Occupation.code == m.OfferOccupation.code)
            .where(m.OfferOccupation.offer_id.in_(select(offers.c.id)), m.OfferOccupation.rank == 1)
            .group_by(m.OfferOccupation.code, m.Occupation.label, m.Occupation.parent)
            .order_by(func.count().desc())
        ).all()
        shown_skills = [row for row in skills if row["offers"] >= min_offers]
        skill_examples = _skill_examples(s, offers, [r["code"] for r in shown_skills[: limit * 3]])
        occupation_examples = _occupation_examples(s, offers, [r[0] for r in occupation_rows[: limit * 2]])
        catalogue = _catalogue(s, [r["code"] for r in shown_skills[: limit * 3]])

    n_trainings = len(trainings)
    teaching: dict[str, list] = defaultdict(list)
    preparing: dict[str, list] = defaultdict(list)
    for t in trainings:
        for item in cert_items.get(t.certification_id, ()):
            teaching[item].append(t)
        for rome in cert_romes.get(t.certification_id, ()):
            preparing[rome].append(t)

    def training_list(ts: list) -> list[dict]:
        return [{"id": t.id, "title": t.title, "place": t.place} for t in ts[:EXAMPLES]]

    def row_gap(n_offers: int, covering: list) -> dict:
        demand_share = n_offers / total if total else 0.0
        supply_share = len(covering) / n_trainings if n_trainings else 0.0
        return {
            "offers": n_offers,
            "demand_share": round(demand_share, 4),
            "trainings": len(covering),
            "training_places": sum(t.capacity or 0 for t in covering),
            "supply_share": round(supply_share, 4),
            "gap": round(demand_share - supply_share, 4),
        }

    skill_rows = []
    for row in shown_skills:
        covering = teaching.get(row["code"], [])
        skill_rows.append(
            {
                "code": row["code"],
                "label": row["label"],
                "kind": row["kind"],
                "offers_text": row["offers_text"],
                **row_gap(row["offers"], covering),
                "offer_examples": skill_examples.get(row["code"], []),
                "training_examples": training_list(covering),
                "catalogue": catalogue.get(row["code"], []),
            }
        )
    occupation_rows_out = []
    for code, label, parent, n in occupation_rows:
        if n < min_offers:
            continue
        covering = preparing.get(code, []) or preparing.get(parent, [])
        occupation_rows_out.append(
            {
                "code": code,
                "label": label,
                **row_gap(n, covering),
                "offer_examples": occupation_examples.get(code, []),
                "training_examples": training_list(covering),
            }
        )
    skill_rows.sort(key=lambda r: (-r["gap"], -r["offers"], r["code"]))
    occupation_rows_out.sort(key=lambda r: (-r["gap"], -r["offers"], r["code"]))
    return Gap(
        territory=where,
        offers=total,
        trainings=n_trainings,
        training_places=sum(t.capacity or 0 for t in trainings),
        period=_period_of(summary["months"]),
        skills=skill_rows[:limit],
        occupations=occupation_rows_out[:limit],
        expressions=summary["expressions"],
        months=summary["months"],
        training_kinds=dict(Counter(t.kind for t in trainings)),
    )


def _period_of(months: list[dict]) -> tuple[str, str] | None:
    known = [m_["month"] for m_ in months if m_["month"] != "inconnu"]
    return (known[0], known[-1]) if known else None


def _occupation_examples(session, offers, codes: list[str]) -> dict[str, list[dict]]:
    if not codes:
        return {}
    rows = session.execute(
        select(m.OfferOccupation.code, m.Offer.id, m.Offer.title, m.Offer.place)
        .join(m.Offer, m.Offer.id == m.OfferOccupation.offer_id)
        .where(
            m.OfferOccupation.code.in_(codes),
            m.OfferOccupation.rank == 1,
            m.OfferOccupation.offer_id.in_(select(offers.c.id)),
        )
        .order_by(m.OfferOccupation.code, m.OfferOccupation.score.desc(), m.Offer.id)
    )
    examples: dict[str, list[dict]] = defaultdict(list)
    for code, oid, title, place in rows:
        if len(examples[code]) < EXAMPLES:
            examples[code].append({"id": oid, "title": title, "place": place})
    return examples


def _catalogue(session, items: list[str]) -> dict[str, list[dict]]:
    """Certifications of the national catalogue (Certif Info) whose RNCP blocks name the item: what a
    Region could open to close the gap."""
    if not items:
        return {}
    rows = session.execute(
        select(
            m.CertificationItem.item,
            m.Certification.id,
            m.Certification.title,
            m.Certification.level,
            m.CertificationItem.evidence,
        )
        .join(m.Certification, m.Certification.id == m.CertificationItem.certification_id)
        .where(m.CertificationItem.item.in_(items), m.Certification.source == "Certif Info")
        .order_by(m.CertificationItem.item, m.Certification.level, m.Certification.id)
    )
    found: dict[str, list[dict]] = defaultdict(list)
    for item, cid, title, level, evidence in rows:
        if len(found[item]) < 3:
            found[item].append({"id": cid, "title": title, "level": level, "evidence": evidence})
    return found
