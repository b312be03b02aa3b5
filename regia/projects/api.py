"""JSON API of the projects capability, mounted under /api/v1/projects."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from regia.projects.near import MAX_LIMIT, MAX_RADIUS_KM, Filters, parse_themes

router = APIRouter()


@dataclass
class Selection:
    place: str | None
    radius_km: float | None
    scope: str | None
    filters: Filters


def selection(
    place: str | None = Query(
        None, max_length=200, description="Commune name, postal or INSEE code, EPCI..."
    ),
    radius_km: float | None = Query(
        None, gt=0, le=MAX_RADIUS_KM, description="Radius around the commune (km)."
    ),
    scope: str | None = Query(None, description="commune, epci, department or region containing the place."),
    theme: list[str] | None = Query(None, description="Theme slugs (repeated or comma-separated)."),
    year_min: int | None = Query(None, ge=1900, le=2100),
    year_max: int | None = Query(None, ge=1900, le=2100),
    amount_min: float | None = Query(None, ge=0, description="Euros."),
    amount_max: float | None = Query(None, ge=0, description="Euros."),
) -> Selection:
    filters = Filters(parse_themes(theme), year_min, year_max, amount_min, amount_max).check()
    return Selection(place, radius_km, scope, filters)


@router.get("/near")
def near(
    place: str = Query(
        ..., min_length=1, max_length=200, description="Commune name, postal or INSEE code..."
    ),
    sel: Selection = Depends(selection),
    sort: str | None = Query(None, description="amount, distance or year."),
    limit: int = Query(50, ge=0, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=2**31 - 1),
) -> dict:
    """The projects of a place, its EPCI or department, or within a radius; aggregates per theme and
    commune; a sourced French summary."""
    from regia.projects.near import near as query

    return query(
        place,
        radius_km=sel.radius_km,
        scope=sel.scope,
        filters=sel.filters,
        sort=sort,
        limit=limit,
        offset=offset,
    )


@router.get("/map")
def map_markers(sel: Selection = Depends(selection)) -> dict:
    """One marker per commune with matching projects (all projects when no place is given)."""
    from regia.projects.near import communes_on_map

    return communes_on_map(sel.place, radius_km=sel.radius_km, scope=sel.scope, filters=sel.filters)


def _export(sel: Selection, kind: str) -> StreamingResponse:
    from regia.projects.export import csv_lines, geojson_chunks
    from regia.projects.near import select

    snap, _area, ordered, _distance = select(
        sel.place, radius_km=sel.radius_km, scope=sel.scope, filters=sel.filters
    )
    ids = [snap.ids[i] for i in ordered]
    if kind == "csv":
        media, body = "text/csv; charset=utf-8", csv_lines(ids)
    else:
        media, body = "application/geo+json", geojson_chunks(ids)
    headers = {"Content-Disposition": f'attachment; filename="projets.{kind}"'}
    return StreamingResponse(body, media_type=media, headers=headers)


@router.get("/export.csv")
def export_csv(sel: Selection = Depends(selection)) -> StreamingResponse:
    """The selected projects as CSV (semicolon-separated, UTF-8)."""
    return _export(sel, "csv")


@router.get("/export.geojson")
def export_geojson(sel: Selection = Depends(selection)) -> StreamingResponse:
    """The selected projects as a GeoJSON FeatureCollection."""
    return _export(sel, "geojson")


@router.get("/themes")
def themes() -> list[dict]:
    """The theme taxonomy."""
    from regia.projects.near import themes_list

    return themes_list()


@router.get("/{project_id}")
def project(project_id: str) -> dict:
    """One project with all its fields, its themes' labels and its source."""
    from regia.projects.near import get_project

    return get_project(project_id)
