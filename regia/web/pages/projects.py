"""Portal page "Projets près de chez moi": summary, aggregates, map and paginated list of one query."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from regia.errors import InputError
from regia.projects.near import Filters, communes_on_map, get_project, near, parse_themes
from regia.projects.summary import euros
from regia.projects.themes import THEMES
from regia.web.templating import render

router = APIRouter(include_in_schema=False)

TITLE = "Les projets près de chez moi"
PER_PAGE = 20
# what "Autour" offers: the commune, a wider area containing it, or a radius (km)
AROUND = {"": "La commune seulement", "epci": "Son intercommunalité", "department": "Son département"}
AROUND |= {str(km): f"{km} km autour" for km in (5, 10, 20, 50)}
FORM_FIELDS = ("place", "around", "theme", "year_min", "year_max", "amount_min", "amount_max")


def _number(form: dict, name: str, kind=int):
    value = form.get(name, "").strip()
    if not value:
        return None
    try:
        return kind(value.replace(",", ".").replace(" ", ""))
    except ValueError:
        raise InputError(f"nombre attendu : « {value} »", name) from None


def _query(form: dict) -> dict:
    """The near-me arguments of the form."""
    around = form.get("around", "")
    if around not in AROUND:
        raise InputError("choix « Autour » inconnu", "around")
    return {
        "place": form.get("place", "").strip() or None,
        "radius_km": float(around) if around.isdigit() else None,
        "scope": around if around and not around.isdigit() else None,
        "filters": Filters(
            parse_themes(form.get("theme")),
            _number(form, "year_min"),
            _number(form, "year_max"),
            _number(form, "amount_min", float),
            _number(form, "amount_max", float),
        ).check(),
    }


def _api_query(query: dict) -> str:
    """The same selection as query-string parameters of the JSON API (map markers and exports)."""
    f: Filters = query["filters"]
    params = {
        "place": query["place"],
        "radius_km": query["radius_km"],
        "scope": query["scope"],
        "theme": ",".join(f.themes) or None,
        "year_min": f.year_min,
        "year_max": f.year_max,
        "amount_min": f.amount_min,
        "amount_max": f.amount_max,
    }
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


@router.get("/projets", response_class=HTMLResponse)
def projects_page(request: Request):
    form = {name: request.query_params.get(name, "") for name in FORM_FIELDS}
    context = {"form": form, "around": AROUND, "themes": THEMES, "euros": euros, "title": TITLE}
    try:
        page = max(1, _number({"page": request.query_params.get("page", "")}, "page") or 1)
        query = _query(form)
        result = near(**query, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
        markers = communes_on_map(**query)
    except InputError as exc:
        error = {"error": exc.message, "error_field": exc.field}
        return render(request, "projects/index.html", status_code=exc.status_code, **error, **context)
    kept = {k: v for k, v in form.items() if v}
    pages = max(1, -(-result["total"] // PER_PAGE))
    return render(
        request,
        "projects/index.html",
        result=result,
        page=page,
        pages=pages,
        page_url=lambda n: "/projets?" + urlencode({**kept, "page": n}),
        theme_url=lambda slug: "/projets?" + urlencode({**kept, "theme": slug}),
        commune_url=lambda insee: "/projets?" + urlencode({**kept, "place": insee, "around": ""}),
        api_query=_api_query(query),
        markers_json=json.dumps(markers, ensure_ascii=False).replace("</", "<\\/"),
        **context,
    )


@router.get("/projets/projet/{project_id}", response_class=HTMLResponse)
def project_page(request: Request, project_id: str):
    try:
        project = get_project(project_id)
    except InputError as exc:
        error = {"error": exc.message, "title": "Projet introuvable"}
        return render(request, "projects/project.html", status_code=exc.status_code, **error)
    return render(request, "projects/project.html", project=project, euros=euros, title=project["title"][:80])
