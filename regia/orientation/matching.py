"""Occupations for a person, ranked and explained, from what their CV and answers say.

Each piece of evidence (the occupation aimed at, the CV's headline, each job held, each diploma, the
whole text) is looked up in the ROME through `regia.skills` and votes for occupations, weighted by how
telling it is: what the person aims at first, then recent and long jobs, then older ones and diplomas.
The skills the CV evidences then tell which proposed occupations the person is ready for, the
questionnaire's interests (RIASEC) break near-ties, and ROME mobility links open paths for career changers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import regia.skills as skills
from regia.config import get_settings
from regia.orientation.cv import CV
from regia.orientation.questionnaire import RIASEC, Answers
from regia.text.embeddings import embed_queries

MAX_SIGNALS = 10
SEARCH_K = 10
CANDIDATES = 14
MISSING_SHOWN = 8
MOBILITY_SHOWN = 5

# how much each kind of evidence weighs: tuned on tests/orientation/cvs, checked on the benchmark set
# benchmarks/orientation/cvs;
# benchmarks/orientation/fresh was written afterwards, to measure.
WEIGHTS = {
    "target": 3.0,  # the occupation named in the questionnaire
    "objective": 2.5,  # "Objectif : devenir ..." in the CV
    "headline": 2.0,  # the title under the name
    "experience": 1.6,  # the most recent job; older and shorter ones weigh less
    "diploma": 0.6,
    "text": 0.3,  # the whole CV through the skills extractor (tuned on job offers: a weak hint here)
}
SKILL_WEIGHT = 0.6
RIASEC_WEIGHT = 0.25


@dataclass
class Evidence:
    kind: str
    text: str  # the CV line or answer it comes from
    weight: float
    detail: str = ""  # e.g. the employer and the years of a job


@dataclass
class Candidate:
    code: str
    label: str
    score: float = 0.0
    votes: list[tuple[float, Evidence]] = field(default_factory=list)


def evidences(cv: CV, answers: Answers) -> list[Evidence]:
    """The pieces of evidence of a person's occupations, most telling first."""
    out: list[Evidence] = []
    if answers.target:
        out.append(Evidence("target", answers.target, WEIGHTS["target"]))
    out += [Evidence("objective", text, WEIGHTS["objective"]) for text in cv.objectives[:2]]
    out += [Evidence("headline", text, WEIGHTS["headline"]) for text in cv.headline[:2]]
    this_year = dt.date.today().year
    jobs = sorted(cv.experiences, key=lambda e: -(e.period.last_year if e.period else 0))
    for rank, job in enumerate(jobs[:4]):
        age = this_year - job.period.last_year if job.period and job.period.last_year else 5
        recency = 0.75**rank * (1.0 if age <= 3 else 0.8 if age <= 8 else 0.6)
        duration = min(1.0, 0.55 + job.months / 60) if job.months else 0.7
        years = ""
        if job.period and job.period.start:
            end = job.period.end[0] if job.period.end else "aujourd'hui"
            years = f"{job.period.start[0]}–{end}"
        detail = ", ".join(p for p in (job.employer, years) if p)
        out.append(Evidence("experience", job.title, WEIGHTS["experience"] * recency * duration, detail))
    out += [Evidence("diploma", d.title, WEIGHTS["diploma"]) for d in cv.diplomas[:2] if d.level]
    return out[:MAX_SIGNALS]


def rank_occupations(
    cv: CV, answers: Answers, extracted: dict, person_skills: set[str], k: int = 10
) -> list[dict]:
    """The ``k`` best ROME occupations for the person, with skills matched and missing, RIASEC fit,
    mobility links and a French explanation."""
    candidates: dict[str, Candidate] = {}

    def vote(code: str, label: str, value: float, evidence: Evidence) -> None:
        cand = candidates.setdefault(code, Candidate(code, label))
        cand.score += value
        cand.votes.append((value, evidence))

    found = evidences(cv, answers)
    texts = list(dict.fromkeys(e.text.strip() for e in found))  # each distinct text searched once
    # one batch of query embeddings for all the searches below (they embed each text alone otherwise);
    # the caller keeps them in memory only (regia.text.embeddings.ephemeral)
    embed_queries(texts)
    hits = {text: skills.search_occupations(text, k=SEARCH_K) for text in texts}
    for evidence in found:
        for hit in hits[evidence.text.strip()]:
            value = evidence.weight * _hit_value(hit["score"])
            if value > 0:
                vote(hit["code"], hit["label"], value, evidence)
    whole = Evidence("text", "l'ensemble de votre CV", WEIGHTS["text"])
    predicted = [hit for hit in extracted.get("occupations", []) if hit["score"] > 0]
    top = max((hit["score"] for hit in predicted), default=1.0)
    for hit in predicted:  # the extractor's scores have their own scale: relative to its best
        vote(hit["code"], hit["label"], whole.weight * _hit_value(hit["score"] / top), whole)

    shortlist = sorted(candidates.values(), key=lambda c: -c.score)[:CANDIDATES]
    out = []
    for cand in shortlist:
        fiche = fiche_of(cand.code)
        if not fiche:
            continue
        out.append(_describe(cand, fiche, answers, person_skills))
    out.sort(key=lambda o: -o["score"])
    return out[:k]


@lru_cache(maxsize=512)
def _fiche(database: str, code: str) -> dict | None:
    return skills.occupation(code)


def fiche_of(code: str) -> dict | None:
    """The ROME fiche of ``code`` (reference data, read once per database and process)."""
    return _fiche(get_settings().db_url, code)


def _hit_value(score: float) -> float:
    """A search hit's vote: its similarity, squared so that close, specific matches dominate."""
    return max(0.0, float(score)) ** 2


def _describe(cand: Candidate, fiche: dict, answers: Answers, person_skills: set[str]) -> dict:
    items = fiche.get("skills", [])
    matched = [s for s in items if s["code"] in person_skills]
    core = [s for s in items if s.get("core")] or items
    missing = [s for s in core if s["code"] not in person_skills][:MISSING_SHOWN]
    share = len(matched) / max(1, min(len(items), 20))
    riasec = fiche.get("riasec") or {}
    fit = riasec_fit(riasec, answers.interests)
    score = cand.score + SKILL_WEIGHT * share + (RIASEC_WEIGHT * fit if fit is not None else 0.0)
    return {
        "code": cand.code,
        "label": fiche.get("label") or cand.label,
        "score": round(score, 4),
        "matched_skills": [s["label"] for s in matched],
        "missing_skills": [s["label"] for s in missing],
        "why": _why(cand, len(matched), riasec, fit, answers),
        "missing_codes": [s["code"] for s in missing],
        "riasec": {"major": riasec.get("major"), "minor": riasec.get("minor"), "fit": fit},
        "mobility": [
            {"code": m["code"], "label": m["label"], "kind": m.get("kind")}
            for m in fiche.get("mobility", [])[:MOBILITY_SHOWN]
        ],
    }


def riasec_fit(riasec: dict, interests: list[str]) -> float | None:
    """How well an occupation's RIASEC code matches the interests chosen (in order), 0 to 1."""
    if not interests or not riasec.get("major"):
        return None
    fit = 0.0
    if riasec["major"] in interests:
        fit += 1.0 - 0.2 * interests.index(riasec["major"])
    minor = riasec.get("minor")
    if minor and minor in interests:
        fit += 0.3
    return round(min(1.0, max(0.0, fit)), 2)


_KIND_WHY = {
    "target": "le métier que vous visez « {text} »",
    "objective": "votre objectif « {text} »",
    "headline": "le titre de votre CV « {text} »",
    "experience": "votre expérience « {text} »",
    "diploma": "votre diplôme « {text} »",
    "text": "l'ensemble de votre CV",
}


def _why(cand: Candidate, matched: int, riasec: dict, fit: float | None, answers: Answers) -> str:
    """A French sentence saying why the occupation is proposed."""
    best: dict[str, tuple[float, Evidence]] = {}
    for value, evidence in cand.votes:
        key = evidence.kind + evidence.text
        if key not in best or value > best[key][0]:
            best[key] = (value, evidence)
    reasons = []
    for _value, evidence in sorted(best.values(), key=lambda v: -v[0])[:2]:
        reason = _KIND_WHY[evidence.kind].format(text=evidence.text)
        reasons.append(reason + (f" ({evidence.detail})" if evidence.detail else ""))
    parts = ["Proposé d'après " + " et ".join(reasons) + "."] if reasons else []
    if matched:
        parts.append(
            f"{matched} compétence{'s' if matched > 1 else ''} de votre CV en commun avec ce métier."
        )
    if fit is not None and fit >= 0.7:
        name = RIASEC[riasec["major"]][0]
        parts.append(f"Correspond à votre intérêt « {name} ».")
    elif fit == 0.0 and answers.interests:
        parts.append("Ne correspond pas aux centres d'intérêt que vous avez cochés.")
    return " ".join(parts)
