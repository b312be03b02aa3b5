"""Hybrid aid search: BM25 + e5 vectors (``regia.search.HybridIndex``), an exact place filter, and
ranking priors from the person's stated age and status.

The index folder (``settings.index_dir / "aids"``) holds the hybrid index and ``aids.json``, everything
a query needs (titles, perimeters, typed conditions), so that searching never touches the database. It is
loaded once per process and reloaded when a new build replaces it.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import simplemma
from rapidfuzz import fuzz
from rapidfuzz import process as fuzzy

from regia import territory
from regia.aids.bundle import seed_cache
from regia.aids.catalogue import all_aids, content_hashes
from regia.aids.conditions import PROFILE_LABELS, Person, eligibility
from regia.aids.eligibility import Rules
from regia.aids.models import AidRecord
from regia.aids.query import expansion, person_from_text
from regia.config import get_settings
from regia.errors import InputError, NotFound, required_text
from regia.search import HybridIndex
from regia.search.index import Mode
from regia.text import fold
from regia.text.lemmas import lemma_tokens
from regia.text.normalize import content_words

FORMAT = 2
DENSE_CHARS = 200
# additive ranking priors, on the scale of reciprocal rank fusion scores (1/61 for a first rank)
PRIOR_ELIGIBLE = 0.0
PRIOR_INELIGIBLE = -0.012
PRIOR_NOT_FOR_PEOPLE = -0.012
PRIOR_NATIONAL_WITHOUT_PLACE = 0.004
PRIOR_LOCAL = {"communal": 0.004, "intercommunal": 0.004, "departmental": 0.002, "regional": 0.001}
# words that show the question comes from a local authority or an organisation, not a person
ORGANISATION_WORDS = re.compile(
    r"\b(commune|mairie|collectivite|intercommunalite|epci|elu|maire|association|entreprise|agriculteur)s?\b"
)


def index_folder() -> Path:
    return get_settings().index_dir / "aids"


def index_text(aid: AidRecord) -> str:
    """What BM25 reads: the title twice (it names the aid), then everything that says what it is for."""
    profiles = [PROFILE_LABELS.get(p, p) for p in aid.profiles]
    return "\n".join(
        [aid.title, aid.title, aid.institution, aid.description, *aid.conditions_text, *profiles, *aid.themes]
    )


def dense_text(aid: AidRecord) -> str:
    """What the e5 vectors read: the title, the institution and the start of the description (the
    lead says what the aid is; longer passages cost embedding time without helping retrieval)."""
    lead = aid.description[:DENSE_CHARS]
    if len(aid.description) > DENSE_CHARS and (cut := lead.rfind(" ")) > 0:
        lead = lead[:cut]
    return f"{aid.title}. {aid.institution}. {lead}"


def catalogue_fingerprint(hashes: list[str]) -> str:
    """Fingerprint of the catalogue (record content hashes in id order) and of the index format."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for content_hash in hashes:
        digest.update(content_hash.encode())
    return digest.hexdigest()


def build_index(folder: Path | None = None, progress: str | None = "Index des aides") -> dict:
    """Build and save the index of the whole catalogue; returns its manifest."""
    folder = folder or index_folder()
    aids = all_aids()
    if not aids:
        raise InputError("le catalogue des aides est vide : lancez d'abord `regia load`", "aids")
    seed_cache()
    index = HybridIndex.build(
        [a.id for a in aids], [index_text(a) for a in aids], [dense_text(a) for a in aids], progress=progress
    )
    tmp = folder.with_name(folder.name + ".tmp")
    index.save(tmp)
    meta = [_meta(a) for a in aids]
    (tmp / "aids.json").write_text(json.dumps(meta, ensure_ascii=False))
    manifest = {"format": FORMAT, "fingerprint": catalogue_fingerprint(content_hashes()), "count": len(aids)}
    (tmp / "manifest.json").write_text(json.dumps(manifest))
    _swap(tmp, folder)
    return manifest


def _swap(tmp: Path, folder: Path) -> None:
    import shutil

    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    tmp.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def _meta(aid: AidRecord) -> dict:
    p = aid.perimeter
    return {
        "id": aid.id,
        "title": aid.title,
        "institution": aid.institution,
        "url": aid.url or "",
        "source": aid.source,
        "level": p.level,
        "national": p.national,
        "determined": p.determined,
        "include": {k: v for k, v in p.included().items() if v},
        "exclude": {k: v for k, v in p.excluded().items() if v},
        "profiles": aid.profiles,
        "conditions": aid.conditions,
        "profile_conditions": aid.profile_conditions,
        "for_people": aid.source != "aides-territoires" or "Particuliers" in aid.beneficiaries,
        "beneficiaries": aid.beneficiaries,
        "themes": aid.themes,
        "amount": aid.amount,
        "amount_unit": aid.amount_unit,
        "amount_text": aid.amount_text,
        "periodicity": aid.periodicity,
    }


def index_manifest(folder: Path | None = None) -> dict | None:
    path = (folder or index_folder()) / "manifest.json"
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


@dataclass
class Result:
    id: str
    title: str
    institution: str
    score: float
    url: str
    level: str

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "institution": self.institution,
            "score": self.score,
            "url": self.url,
            "level": self.level,
        }


@dataclass
class SearchOutcome:
    query: str
    place: dict | None
    results: list[Result]
    person: Person

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "place": self.place,
            "results": [r.to_dict() for r in self.results],
            "person": {"age": self.person.age, "statuses": sorted(self.person.statuses)},
        }


class Priors:
    """Ranking priors as the fusion reads them (``boost[doc]``, one document at a time): the eligibility part
    is computed only for the few hundred documents that reach the fusion, not for the whole catalogue."""

    def __init__(self, base: np.ndarray, meta: list[dict], person: Person):
        self.base, self.meta, self.person = base, meta, person

    def __getitem__(self, doc: int) -> float:
        prior = float(self.base[doc])
        m = self.meta[doc]
        if self.person.has_any() and (m["conditions"] or m["profiles"]):
            verdict = eligibility(m["conditions"], m["profiles"], m["profile_conditions"], self.person)
            prior += {True: PRIOR_ELIGIBLE, False: PRIOR_INELIGIBLE}.get(verdict, 0.0)
        return prior


class AidIndex:
    """The loaded index plus the arrays that make place filtering and priors vectorised."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.index = HybridIndex.load(folder)
        self.meta: list[dict] = json.loads((folder / "aids.json").read_text())
        self.manifest = index_manifest(folder) or {}
        n = len(self.meta)
        self.national = np.array([m["national"] for m in self.meta], dtype=bool)
        self.determined = np.array([m["determined"] for m in self.meta], dtype=bool)
        self.for_people = np.array([m["for_people"] for m in self.meta], dtype=bool)
        self.local_prior = np.array([PRIOR_LOCAL.get(m["level"], 0.0) for m in self.meta], dtype=np.float32)
        self.national_prior = np.where(self.national, PRIOR_NATIONAL_WITHOUT_PLACE, 0.0).astype(np.float32)
        self.include: dict[tuple[str, str], list[int]] = {}
        self.exclude: dict[tuple[str, str], list[int]] = {}
        for i, m in enumerate(self.meta):
            for kind, codes in m["include"].items():
                for code in codes:
                    self.include.setdefault((kind, code), []).append(i)
            for kind, codes in m["exclude"].items():
                for code in codes:
                    self.exclude.setdefault((kind, code), []).append(i)
        self.n = n
        vocab = getattr(self.index.bm25, "vocab_dict", None) or {}
        self.vocabulary = sorted(w for w in vocab if isinstance(w, str) and len(w) >= 4 and w.isalpha())
        self._vocab_set = set(self.vocabulary)

    # --- place filter ---------------------------------------------------------------------------

    def allowed(self, place) -> np.ndarray | None:
        """Boolean mask of the aids available at ``place`` (None: no place, everything allowed).

        For a commune, its whole chain counts (region, department, EPCI, commune) minus exclusions. For a
        coarser place (EPCI, department, region) only the aids that surely cover all of it are kept:
        national ones and those listing that area or an area containing it.
        """
        if place is None:
            return None
        if place.kind == "commune" and place.commune is not None:
            return self._commune_mask(place.commune)
        mask = self.national.copy()
        chain = [(area.kind, area.code) for area in (place.region, place.department, place.epci) if area]
        for key in chain:
            mask[self.include.get(key, [])] = True
        return mask & self.determined

    def _commune_mask(self, commune) -> np.ndarray:
        mask = self.national.copy()
        chain = [
            ("region", commune.region),
            ("department", commune.department),
            ("epci", commune.epci),
            ("commune", commune.insee),
        ]
        for key in chain:
            mask[self.include.get(key, [])] = True
        for key in chain:
            mask[self.exclude.get(key, [])] = False
        return mask & self.determined

    # --- query understanding --------------------------------------------------------------------

    def corrected(self, query: str) -> str:
        """The query with misspelt words replaced by the closest indexed word: only words that are
        neither in the index nor in the French lexicon, and only when the match is close."""
        out = []
        for word in query.split():
            lemma = lemma_tokens(word)
            if (
                not lemma
                or len(lemma[0]) < 5
                or not lemma[0].isalpha()
                or lemma[0] in self._vocab_set
                or simplemma.is_known(word.strip(".,;:!?'\"()").lower(), lang="fr")
            ):
                out.append(word)
                continue
            match = fuzzy.extractOne(lemma[0], self.vocabulary, scorer=fuzz.ratio, score_cutoff=75)
            out.append(match[0] if match else word)
        return " ".join(out)

    def priors(self, person: Person, organisation: bool, place) -> Priors:
        """Additive ranking priors: aids for organisations last, local aids first when a place is known
        (national ones when none is), aids whose typed conditions exclude the person lower."""
        base = np.zeros(self.n, dtype=np.float32)
        if not organisation:
            base[~self.for_people] += PRIOR_NOT_FOR_PEOPLE
        # a local aid fits best where it applies; with no known place, only national ones surely apply
        base += self.local_prior if place is not None else self.national_prior
        return Priors(base, self.meta, person)

    @cached_property
    def rules(self) -> list[Rules]:
        """Eligibility rules of every aid, in index order (built on first use)."""
        return [Rules.from_meta(m) for m in self.meta]

    def mask(self, themes=(), beneficiary: str | None = None, levels=()) -> np.ndarray | None:
        """Aids of these themes (any), for this kind of beneficiary, at these levels; None: no filter."""
        if not (themes or beneficiary or levels):
            return None
        themes, levels = set(themes), set(levels)
        return np.array(
            [
                (not themes or bool(themes & set(m["themes"])))
                and (not beneficiary or beneficiary in m["beneficiaries"])
                and (not levels or m["level"] in levels)
                for m in self.meta
            ],
            dtype=bool,
        )

    def search(
        self,
        query: str,
        place=None,
        top: int = 10,
        mode: Mode = "hybrid",
        priors: bool = True,
        place_filter: bool = True,
        person: Person | None = None,
        mask: np.ndarray | None = None,
        dense_query: str | None = None,
    ) -> tuple[list[Result], Person]:
        """``priors`` and ``place_filter`` can be switched off to measure what they bring. ``person``
        (default: read from the query), ``mask`` (more filters) and ``dense_query`` (the text to embed,
        default: the content words of the corrected query) serve callers that know more than the query
        says."""
        person = person if person is not None else person_from_text(query)
        topic = without_place(query, place) if place_filter else query
        corrected = self.corrected(topic)
        lexical = f"{corrected} {expansion(corrected)}".strip()
        allowed = self.allowed(place) if place_filter else None
        if mask is not None:
            allowed = mask if allowed is None else allowed & mask
        boost = None
        if priors:
            boost = self.priors(person, bool(ORGANISATION_WORDS.search(fold(query))), place)
        hits = self.index.search(
            lexical,
            k=top,
            allowed=allowed,
            mode=mode,
            boost=boost,
            dense_query=dense_query or content_words(corrected),
        )
        results = []
        for hit in hits:
            m = self.meta[self.index.position[hit.id]]
            results.append(Result(m["id"], m["title"], m["institution"], hit.score, m["url"], m["level"]))
        return results, person


def without_place(query: str, place) -> str:
    """The question without the words that name the place: the filter and priors handle geography, and a
    place name left in the text would match every aid of a namesake institution."""
    if place is None or not place.matched:
        return query
    stripped = re.sub(re.escape(place.matched), " ", query, flags=re.IGNORECASE)
    stripped = re.sub(r"\b(?:[àa]|au|en|dans|sur|de|du|pr[eè]s de)\s*([,.;!?]|$)", r"\1", stripped.strip())
    return " ".join(stripped.split()) or query


_lock = threading.Lock()


@lru_cache(maxsize=4)
def _load(folder: str, stamp: float) -> AidIndex:
    return AidIndex(Path(folder))


def get_index() -> AidIndex:
    """The aid index of this process (loaded once; reloaded after a rebuild)."""
    folder = index_folder()
    try:
        stamp = (folder / "manifest.json").stat().st_mtime
    except OSError:
        raise InputError("l'index des aides n'existe pas : lancez `regia load`", "index") from None
    with _lock:
        try:
            return _load(str(folder), stamp)
        except (OSError, ValueError, KeyError) as exc:
            raise InputError(
                f"l'index des aides est illisible ({exc.__class__.__name__}) : relancez `regia load`",
                "index",
                status_code=503,
            ) from exc


def check_query(query: str | None) -> str:
    return required_text(
        query,
        "query",
        get_settings().max_query_chars,
        "la question est vide : écrivez ce que vous cherchez",
        "la question est trop longue ({n} caractères, {limit} au plus) : raccourcissez-la",
    )


def place_of(query: str, commune: str | None):
    """The place given explicitly (must exist) or, failing that, the one named in the question."""
    if commune is not None and commune.strip():
        try:
            return territory.resolve_place(commune.strip())
        except NotFound as exc:
            raise InputError(
                f"lieu inconnu « {commune.strip()[:80]} » : "
                "donnez un nom de commune, un code postal ou un code INSEE",
                "commune",
                status_code=422,
            ) from exc
    return territory.find_place(query)


def search(query: str, commune: str | None = None, top: int = 10, mode: Mode = "hybrid") -> SearchOutcome:
    """Search the catalogue for a citizen's question (the CLI and API contract)."""
    text = check_query(query)
    if not 1 <= top <= 100:
        raise InputError("le nombre de résultats doit être entre 1 et 100", "top")
    place = place_of(text, commune)
    results, person = get_index().search(text, place=place, top=top, mode=mode)
    return SearchOutcome(text, place.to_dict() if place is not None else None, results, person)
