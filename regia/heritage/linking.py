"""Linking what a video names (speech, on-screen text, manifest) to the heritage knowledge base and to
communes through ``regia.territory``.

Monuments are found by their name variants (``knowledge.name_variants``): every proper-noun word of a
variant must be in the text (fuzzily, for speech recognition errors) and the whole variant must match a
span of it. A variant without a building word ("Capitole", "Galeries Alsaciennes") is weak: it is kept
only when the video is otherwise placed in the monument's commune. Places that spaCy tags as locations
and that are no monument go to ``regia.territory.find_place``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from sqlalchemy import select

from regia.db import session_scope
from regia.heritage.knowledge import GENERIC, distinctive_tokens
from regia.heritage.models import HeritageRecord
from regia.text.normalize import normalize

log = logging.getLogger(__name__)

SOURCES = ("manifest", "ocr", "speech", "monument")


@dataclass(frozen=True)
class Unit:
    """A piece of text the video gives: a transcript segment, an on-screen text line, a manifest field."""

    text: str
    source: str  # "speech", "ocr" or "manifest"
    start_s: float | None = None
    is_place: bool = False  # the whole text names a place (a manifest's place field)


@dataclass(frozen=True)
class Variant:
    norm: str
    display: str
    tokens: tuple[str, ...]
    record_ids: tuple[str, ...]
    strong: bool  # holds a building word ("basilique Saint-Sernin"), not a bare name ("Capitole")


@dataclass
class Gazetteer:
    records: dict[str, dict]
    variants: list[Variant]
    by_token: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, variant in enumerate(self.variants):
            for token in set(variant.tokens):
                self.by_token.setdefault(token, []).append(i)
        self.vocab = sorted(self.by_token)

    def match(self, text: str) -> list[tuple[Variant, str, float]]:
        """(variant, record id, score) for each monument named in ``text``, longest names first."""
        norm = normalize(text)
        words = {w for w in norm.split() if len(w) >= 3}
        if not words or not self.vocab:
            return []
        present = {w for w in words if w in self.by_token}
        fuzzy = [w for w in words if len(w) >= 5 and w not in present]
        if fuzzy:
            scores = process.cdist(fuzzy, self.vocab, scorer=fuzz.ratio, score_cutoff=80, workers=1)
            for row in scores:
                present.update(self.vocab[j] for j in row.nonzero()[0])
        candidates = {i for w in present for i in self.by_token[w]}
        found: list[tuple[Variant, float, int, int]] = []
        for i in candidates:
            variant = self.variants[i]
            if not set(variant.tokens) <= present:
                continue
            if len(variant.norm.split()) == 1:
                if variant.norm in norm.split():
                    start = f" {norm} ".index(f" {variant.norm} ")
                    found.append((variant, 100.0, start, start + len(variant.norm)))
                continue
            align = fuzz.partial_ratio_alignment(variant.norm, norm)
            whole = align is not None and align.src_end - align.src_start >= 0.9 * len(variant.norm)
            if whole and align.score >= (92 if len(variant.norm) < 12 else 86):
                found.append((variant, align.score, align.dest_start, align.dest_end))
        found.sort(key=lambda f: (-len(f[0].norm), -f[1]))
        kept: list[tuple[Variant, float, int, int]] = []
        for variant, score, start, end in found:
            if any(start >= s and end <= e for _, _, s, e in kept):
                continue  # "Capitole" inside "donjon du Capitole"
            kept.append((variant, score, start, end))
        return [(v, self.best_record(v), round(score, 1)) for v, score, _, _ in kept]

    def best_record(self, variant: Variant) -> str:
        """Among the buildings sharing a name, the one that bears it as its own, protected, documented."""

        def prior(record_id: str) -> tuple:
            r = self.records[record_id]
            protection = r["protection"].lower()
            level = 2 if "classé" in protection else 1 if "inscrit" in protection else 0
            return (normalize(r["name"]) == variant.norm, level, len(r["history"]), record_id)

        return max(variant.record_ids, key=prior)


@lru_cache
def gazetteer() -> Gazetteer:
    with session_scope() as session:
        rows = session.execute(select(HeritageRecord)).scalars().all()
        records = {
            r.id: {
                "id": r.id,
                "name": r.name,
                "title": r.title,
                "kind": r.kind,
                "source": r.source,
                "denomination": r.denomination,
                "commune": r.commune,
                "insee": r.insee,
                "lat": r.lat,
                "lon": r.lon,
                "protection": r.protection,
                "periods": r.periods,
                "history": r.history,
                "url": r.url,
                "names": list(r.names or []),
            }
            for r in rows
        }
    grouped: dict[str, tuple[str, list[str]]] = {}
    for record in records.values():
        for name in record["names"]:
            norm = normalize(name)
            grouped.setdefault(norm, (name, []))[1].append(record["id"])
    variants = []
    for norm, (display, ids) in grouped.items():
        tokens = tuple(distinctive_tokens(display))
        if tokens:
            strong = any(w in GENERIC for w in norm.split())
            variants.append(Variant(norm, display, tokens, tuple(sorted(ids)), strong))
    return Gazetteer(records, variants)


def forget_gazetteer() -> None:
    gazetteer.cache_clear()


@dataclass
class LinkResult:
    places: list[dict]
    unresolved: list[str]  # place names spoken or shown that matched nothing


def link(units: list[Unit]) -> LinkResult:
    """Places and monuments named in ``units``, each with its reference, source and first time."""
    from regia.heritage.nlp import get_nlp

    gaz = gazetteer()
    found: dict[str, dict] = {}
    weak: list[tuple[dict, str]] = []
    monument_words: list[set[str]] = []
    for unit in units:
        for variant, record_id, score in gaz.match(unit.text):
            entry = _monument_entry(gaz.records[record_id], variant, unit, score)
            monument_words.append(set(variant.norm.split()))
            if variant.strong:
                _add(found, entry)
            else:
                weak.append((entry, gaz.records[record_id]["insee"]))
    unresolved: list[str] = []
    nlp = get_nlp()
    texts = [u.text for u in units]
    for unit, doc in zip(units, nlp.pipe(texts, batch_size=32), strict=True):
        names = [e.text for e in doc.ents if e.label_ == "LOC" and _placed_name(e)]
        if unit.is_place:
            names.insert(0, unit.text)
        for name in names:
            words = set(normalize(name).split())
            if not words or any(words <= w or w <= words for w in monument_words):
                continue
            entry = _territory_entry(name, unit)
            if entry:
                _add(found, entry)
            elif unit.source != "manifest" and name not in unresolved:
                unresolved.append(name)
    placed = {p["insee"] for p in found.values() if p.get("insee")}
    for entry, insee in weak:
        if insee and insee in placed:
            _add(found, entry)
    communes = {p["insee"] for p in found.values() if p["kind"] == "commune"}
    for entry in [p for p in found.values() if p["kind"] != "commune"]:
        if entry.get("insee") and entry["insee"] not in communes:
            commune = _commune_of(entry)
            if commune:
                _add(found, commune)
                communes.add(entry["insee"])
    order = {"monument": 0, "poi": 1}
    places = sorted(
        found.values(), key=lambda p: (order.get(p["kind"], 2), p["start_s"] is None, p["start_s"] or 0)
    )
    return LinkResult(places, unresolved)


PLACE_WORDS = frozenset(
    [
        "à",
        "a",
        "au",
        "aux",
        "en",
        "dans",
        "de",
        "du",
        "des",
        "d",
        "vers",
        "près",
        "depuis",
        "sur",
        "sous",
        "entre",
    ]
)


def _placed_name(entity) -> bool:
    """A location entity that is an ordinary word ("Rue", "Orange", "Tours") counts only after a place
    preposition ("à Tours", "dans la Manche"): at the head of a title it is more likely the word."""
    import simplemma

    words = [t.text.lower() for t in entity if t.is_alpha]
    if not words or not all(simplemma.is_known(w, lang="fr") for w in words):
        return True
    before = [t.text.lower().rstrip("'’") for t in entity.doc[max(0, entity.start - 2) : entity.start]]
    return any(w in PLACE_WORDS for w in before)


def _add(found: dict[str, dict], entry: dict) -> None:
    known = found.get(entry["ref"])
    if known is None:
        found[entry["ref"]] = entry
        return
    for source in entry["sources"]:
        if source not in known["sources"]:
            known["sources"].append(source)
    known["sources"].sort(key=SOURCES.index)
    known["source"] = known["sources"][0]
    if entry["start_s"] is not None and (known["start_s"] is None or entry["start_s"] < known["start_s"]):
        known["start_s"] = entry["start_s"]


def _monument_entry(record: dict, variant: Variant, unit: Unit, score: float) -> dict:
    return {
        "name": record["name"],
        "ref": record["id"],
        "kind": record["kind"],
        "source": unit.source,
        "sources": [unit.source],
        "mention": variant.display,
        "start_s": unit.start_s,
        "score": score,
        "insee": record["insee"],
        "commune": record["commune"],
        "lat": record["lat"],
        "lon": record["lon"],
        "title": record["title"],
    }


def _territory_entry(name: str, unit: Unit) -> dict | None:
    """The commune, department or region that ``name`` designates; a fuzzy guess of the referential is
    refused ("Lucerne" is no misspelt "Lerné"), a homonym choice is kept and flagged as guessed."""
    from regia.errors import InputError
    from regia.territory import find_place, resolve_place

    place = find_place(name)
    if place is None:
        try:
            place = resolve_place(name)
        except InputError:
            return None
        if place.guessed:
            return None
    d = place.to_dict()
    code = d.get("insee") or d.get("code")
    return {
        "name": d["name"],
        "ref": f"insee:{code}" if d.get("kind") == "commune" else f"{d.get('kind')}:{code}",
        "kind": d.get("kind") or "commune",
        "source": unit.source,
        "sources": [unit.source],
        "mention": d.get("matched") or name,
        "start_s": unit.start_s,
        "score": 70.0 if d.get("guessed") else 100.0,
        "insee": d.get("insee") or "",
        "commune": d["name"] if d.get("kind") == "commune" else "",
        "lat": d.get("lat"),
        "lon": d.get("lon"),
        "department": d.get("department_name"),
        "guessed": bool(d.get("guessed")),
    }


def _commune_of(entry: dict) -> dict | None:
    """The commune of a monument, stated by its record (no speech or text named it)."""
    from regia.territory import place_of

    place = place_of("commune", entry["insee"])
    if place is None:
        return None
    d = place.to_dict()
    return {
        "name": d["name"],
        "ref": f"insee:{d['insee']}",
        "kind": "commune",
        "source": "monument",
        "sources": ["monument"],
        "mention": entry["name"],
        "start_s": None,
        "score": 100.0,
        "insee": d["insee"],
        "commune": d["name"],
        "lat": d.get("lat"),
        "lon": d.get("lon"),
        "department": d.get("department_name"),
        "guessed": False,
    }
