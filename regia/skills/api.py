"""JSON API of the skills capability, mounted under /api/v1/skills."""

from __future__ import annotations

import io

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from regia.config import get_settings
from regia.errors import InputError, NotFound

router = APIRouter()


class OfferText(BaseModel):
    """One offer: its title (``intitule`` or ``title``) and description; ``id`` is echoed back."""

    id: str | None = Field(None, max_length=100)
    intitule: str | None = Field(None, max_length=500)
    title: str | None = Field(None, max_length=500)
    description: str


@router.post("/extract")
def extract(offer: OfferText) -> dict:
    """Occupations (top 5) and skills (20 at most, with verbatim evidence) of one offer text."""
    from regia.skills.batch import check_offer, output_line
    from regia.skills.extraction import get_extractor

    title = offer.intitule if offer.intitule is not None else offer.title or ""
    reason = check_offer(
        {"id": offer.id or "-", "intitule": title, "description": offer.description},
        get_settings().skills_max_description_chars,
    )
    if reason:
        raise InputError(f"Offre refusée : {reason}.", "description")
    result = get_extractor().extract_batch([(title, offer.description)])[0]
    return output_line(offer.id, result)


@router.get("/occupations")
def occupations(q: str = Query(..., description="job title"), k: int = Query(10, ge=1, le=50)) -> list[dict]:
    """ROME occupations for a job title typed by a person."""
    from regia.skills import search_occupations

    return search_occupations(q, k)


@router.get("/occupations/{code}")
def occupation(code: str) -> dict:
    """A ROME fiche with its skills, mobility and appellations."""
    from regia.skills import occupation as get

    found = get(code)
    if found is None:
        raise NotFound(f"Code ROME inconnu : {code}.", "code")
    return found


@router.get("/demand")
def demand(
    territory: str = Query("FR", description="FR, region code, department code (dep:84), commune INSEE code"),
    period: str | None = Query(None, description="YYYY-MM or YYYY-MM..YYYY-MM"),
    occupation: str | None = Query(None, description="ROME code"),
    limit: int = Query(20, ge=1, le=500),
) -> dict:
    """Most demanded skills, occupations and expressions, with counts, shares and example offers."""
    from regia.skills.demand import demand as compute

    return compute(territory, period, occupation, limit)


@router.get("/gap")
def gap(
    territory: str = Query(..., description="FR, region code, department code (dep:84), commune INSEE code"),
    min_offers: int = Query(2, ge=1, le=100_000),
    limit: int = Query(30, ge=1, le=500),
) -> dict:
    """Per skill and per occupation: demand share against training supply share, ranked by the gap."""
    from regia.skills.demand import gap as compute

    return compute(territory, min_offers, limit).to_dict()


@router.get("/gap.csv")
def gap_csv(
    territory: str = Query(...),
    min_offers: int = Query(2, ge=1, le=100_000),
    limit: int = Query(30, ge=1, le=500),
):
    """The gap table as CSV."""
    import csv

    from regia.skills.demand import gap as compute
    from regia.skills.report import CSV_COLUMNS, csv_rows

    result = compute(territory, min_offers, limit)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(result))
    name = f"ecarts-competences-{result.territory.kind}-{result.territory.code}.csv"
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/offers/near")
def offers_near(
    rome: list[str] = Query(..., description="ROME codes"),
    lat: float = Query(...),
    lon: float = Query(...),
    radius_km: float = Query(30.0),
    limit: int = Query(20, ge=1, le=200),
) -> list[dict]:
    """Real job offers of these occupations near a point."""
    from regia.skills import offers_near as near

    return near(rome, lat, lon, radius_km, limit)


@router.get("/trainings")
def trainings(
    items: list[str] = Query([], description="ROME item codes"),
    rome: list[str] = Query([], description="ROME codes"),
    lat: float | None = Query(None),
    lon: float | None = Query(None),
    radius_km: float | None = Query(None),
    max_duration_years: float | None = Query(None, ge=0),
    limit: int = Query(20, ge=1, le=200),
) -> list[dict]:
    """Real training offers preparing these occupations or teaching these skills."""
    from regia.skills import trainings_for

    if not items and not rome:
        raise InputError("Indiquez au moins un code ROME (rome) ou un item (items).", "rome")
    return trainings_for(items, rome, lat, lon, radius_km, max_duration_years, limit)
