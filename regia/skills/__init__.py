"""Skills: ROME taxonomy, extraction from job offers, demand and training gaps.

Public functions (other capabilities use only these). They read the database built by `regia load`;
the heavy modules are imported on first call, so importing this package stays cheap.
"""

from __future__ import annotations

__all__ = [
    "extract",
    "extract_text",
    "occupation",
    "offers_near",
    "search_occupations",
    "trainings_for",
]


def extract(title: str, description: str) -> dict:
    """Occupations and skills of one job offer (title + description): the same shape as a line of
    `regia skills extract`: ``{"id": None, "occupations": [{"code", "label", "score"}] (5),
    "skills": [{"code", "label", "kind", "score", "source": "text"|"occupation", "evidence"}] (20 at
    most), "expressions": [str]}``. ``evidence`` is a verbatim span of the title or the description."""
    from regia.skills.batch import output_line
    from regia.skills.extraction import get_extractor

    return output_line(None, get_extractor().extract_batch([(title or "", description or "")])[0])


def extract_text(text: str, top_occupations: int = 5, max_skills: int = 20) -> dict:
    """Occupations and skills of any French text (a CV section, a self-description): same fields as
    ``extract``. Its most job-title-like short line serves as title; what was learned from job offers
    (frequent occupations, nearest offers) is left out; evidence spans are verbatim."""
    from regia.skills.batch import output_line
    from regia.skills.extraction import get_extractor

    model = get_extractor()
    title = model.best_title_line(text or "")
    result = model.extract_batch(
        [(title, text or "")], top_occupations=top_occupations, max_skills=max_skills, generic=True
    )
    return output_line(None, result[0])


def search_occupations(text: str, k: int = 10) -> list[dict]:
    """Occupations for a job title or appellation typed by a person ("boulanger", "dev python"):
    ``[{"code", "label", "score", "appellation"}]``, best first; ``appellation`` is the ROME job title
    that matched best. Lexical match on the 13,000 ROME appellations plus e5 similarity to each fiche."""
    from regia.skills.queries import search_occupations as search

    return search(text, k)


def occupation(code: str) -> dict | None:
    """A ROME 4.0 fiche: ``{"code", "label", "definition", "domain", "riasec": {"major", "minor"},
    "skills": [{"code", "label", "kind", "core"}], "mobility": [{"code", "label", "kind"}],
    "appellations": [str]}``, or None for an unknown code. ``core``: a core item of the fiche
    ("Principale" in ROME). Mobility ``kind``: "proche" (same professional domain) or "autre_domaine"
    (ROME 4.0 ranks mobilities without typing them)."""
    from regia.skills.queries import occupation as get

    return get(code)


def offers_near(
    rome_codes: list[str], lat: float, lon: float, radius_km: float, limit: int = 20
) -> list[dict]:
    """Real job offers of these occupations (recruiter's ROME code, or predicted first occupation; a
    new fiche also brings its parent's offers) within ``radius_km`` of the point, nearest first:
    ``[{"id", "title", "commune", "insee", "lat", "lon", "distance_km", "rome", "contract",
    "working_time"}]``."""
    from regia.skills.queries import offers_near as near

    return near(rome_codes, lat, lon, radius_km, limit)


def trainings_for(
    item_codes: list[str],
    rome_codes: list[str],
    lat: float | None,
    lon: float | None,
    radius_km: float | None,
    max_duration_years: float | None = None,
    limit: int = 20,
) -> list[dict]:
    """Real training offers preparing these occupations or teaching these ROME items, best first:
    ``[{"id", "title", "place", "insee", "distance_km", "level", "duration_years", "kind", "covers",
    "why", ...}]``. ``covers``: the requested items the training teaches (RNCP skill blocks or the
    fiches of its ROME codes). With a point and radius, trainings placed only by department (vocational
    schools) count when their department reaches the circle; their ``distance_km`` is None."""
    from regia.skills.queries import trainings_for as find

    return find(item_codes, rome_codes, lat, lon, radius_km, max_duration_years, limit)
