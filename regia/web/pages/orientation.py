"""Portal page "S'orienter": questionnaire, CV upload and results; a saved profile's page."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from regia.errors import InputError
from regia.orientation.questionnaire import (
    CONTRACTS,
    DEFAULT_RADIUS_KM,
    LEVELS,
    RIASEC,
    STATUSES,
    WORKING_TIMES,
    parse_answers,
)
from regia.orientation.upload import file_bytes, read_form
from regia.web.templating import render

router = APIRouter(include_in_schema=False)

TITLE = "S'orienter : métiers, offres et formations"
TRAINING_YEARS = {"0.5": "6 mois", "1": "1 an", "2": "2 ans", "3": "3 ans"}


def _page(request: Request, status_code: int = 200, **context):
    choices = {
        "statuses": STATUSES,
        "levels": LEVELS,
        "contracts": CONTRACTS,
        "working_times": WORKING_TIMES,
        "riasec": RIASEC,
        "training_years": TRAINING_YEARS,
        "default_radius": DEFAULT_RADIUS_KM,
    }
    context.setdefault("form", {})
    return render(
        request, "orientation/index.html", status_code=status_code, title=TITLE, **choices, **context
    )


@router.get("/orientation", response_class=HTMLResponse)
def form_page(request: Request):
    return _page(request)


FIELDS = ("commune", "radius_km", "age", "status", "education_level", "driving_licence", "vehicle")
FIELDS += ("max_training_years", "working_time", "target", "save")
LIST_FIELDS = ("contracts", "interests")


@router.post("/orientation", response_class=HTMLResponse)
async def results_page(request: Request):
    from regia.orientation.service import orient

    form: dict = {}
    try:
        data = await read_form(request)
        try:
            form = {name: str(data.get(name) or "") for name in FIELDS}
            form.update({name: [str(v) for v in data.getlist(name)] for name in LIST_FIELDS})
            content = await file_bytes(data, "cv")
        finally:
            await data.close()
        answers = parse_answers({k: v for k, v in form.items() if v not in ("", [])})
        result = await run_in_threadpool(orient, content, answers)
    except InputError as exc:
        return _page(
            request, status_code=exc.status_code, form=form, error=exc.message, error_field=exc.field
        )
    return _page(request, form=form, result=result)


@router.get("/orientation/profil", response_class=HTMLResponse)
def profile_page(request: Request):
    return render(request, "orientation/profile.html", title="Mon profil d'orientation")


@router.post("/orientation/profil", response_class=HTMLResponse)
def profile_action(
    request: Request, profile_id: str = Form(""), secret: str = Form(""), action: str = Form("")
):
    from regia.orientation.profiles import delete_profile, load_profile

    context = {"title": "Mon profil d'orientation", "profile_id": profile_id}
    try:
        if action == "supprimer":
            delete_profile(profile_id, secret)
            return render(request, "orientation/profile.html", deleted=True, **context)
        profile = load_profile(profile_id, secret)
    except InputError as exc:
        return render(
            request, "orientation/profile.html", status_code=exc.status_code, error=exc.message, **context
        )
    return render(request, "orientation/profile.html", profile=profile, secret=secret, **context)
