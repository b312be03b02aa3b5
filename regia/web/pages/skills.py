"""Portal page "Compétences et formation": the gap report of a territory, and the analysis of one offer."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from regia.config import get_settings
from regia.errors import InputError
from regia.web.templating import render, templates

router = APIRouter(include_in_schema=False)
TITLE = "Compétences et formation"


def _add_filters() -> None:
    from regia.skills.report import add_filters

    add_filters(templates.env)


_add_filters()


def _territories() -> list[tuple[str, str]]:
    """(code, label) of France, the regions and the departments, for the territory list."""
    from regia.territory import get_referential

    ref = get_referential()
    options = [("FR", "France entière")]
    options += [
        (f"region:{c}", f"Région {a.name}") for c, a in sorted(ref.regions.items(), key=lambda x: x[1].name)
    ]
    options += [(f"dep:{c}", f"{c} – {a.name}") for c, a in sorted(ref.departments.items())]
    return options


def _default_territory() -> str:
    code = get_settings().region_code
    return f"region:{code}" if code else "FR"


@router.get("/competences", response_class=HTMLResponse)
def page(request: Request, territoire: str | None = None):
    from regia.skills.demand import gap
    from regia.skills.report import context

    chosen = territoire or _default_territory()
    values: dict = {"territories": _territories(), "chosen": chosen, "title": TITLE}
    try:
        values |= context(gap(chosen))
        values["links"] = {
            "csv": "/api/v1/skills/gap.csv?" + urlencode({"territory": chosen}),
            "report": "/competences/rapport?" + urlencode({"territoire": chosen}),
            "json": "/api/v1/skills/gap?" + urlencode({"territory": chosen}),
        }
    except InputError as exc:
        values["error"] = exc.message
        return render(request, "skills/index.html", status_code=exc.status_code, **values)
    return render(request, "skills/index.html", **values)


@router.get("/competences/rapport")
def report(territoire: str):
    """The standalone HTML report (the same file as `regia skills gap --out`)."""
    from regia.skills.demand import gap
    from regia.skills.report import render_html

    result = gap(territoire)
    name = f"rapport-competences-{result.territory.kind}-{result.territory.code}.html"
    return Response(
        render_html(result),
        media_type="text/html; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post("/competences/analyser", response_class=HTMLResponse)
def analyse(request: Request, intitule: str = Form(""), description: str = Form("")):
    """One offer's occupations and skills (a fragment for htmx, a whole page otherwise)."""
    from regia.skills.batch import check_offer, output_line
    from regia.skills.extraction import get_extractor

    fragment = request.headers.get("HX-Request") == "true"
    values: dict = {"intitule": intitule, "description": description, "title": TITLE}
    reason = check_offer(
        {"id": "-", "intitule": intitule, "description": description},
        get_settings().skills_max_description_chars,
    )
    if reason:
        values["analysis_error"] = f"Offre non analysée : {reason}."
    else:
        values["analysis"] = output_line(None, get_extractor().extract_batch([(intitule, description)])[0])
    if fragment:
        return render(request, "skills/_analysis.html", **values)
    values |= {"territories": _territories(), "chosen": _default_territory(), "analysis_only": True}
    return render(request, "skills/index.html", **values)
