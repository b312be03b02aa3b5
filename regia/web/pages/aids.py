"""Portal pages "Trouver une aide": home, search with filters, aid sheet, conversation with the agent,
"pourquoi pas cette aide ?" and anonymous feedback. Server-rendered; htmx adds the conversation turns and
the feedback thanks in place, and every page works without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import escape

from regia.aids.explain import BENEFICIARIES, LEVELS, PERSON_THEMES, explained_search
from regia.aids.steering import theme_label
from regia.config import get_settings
from regia.errors import InputError, NotFound
from regia.web.templating import render

router = APIRouter(include_in_schema=False)

COOKIE = "regia_aides_session"
TITLE = "Trouver une aide"
SEARCH_FIELDS = ("q", "lieu", "theme", "public", "niveau")
STATUS_LABELS = {"eligible": "Vous y avez droit", "unknown": "À vérifier", "ineligible": "Pas pour vous"}
STATUS_CLASSES = {"eligible": "ok", "unknown": "warn", "ineligible": "bad"}
EXAMPLES = (
    "J'ai 19 ans, je suis étudiante à Rennes et je cherche un logement",
    "Je passe le permis, j'habite à Lille",
    "Une aide pour acheter un vélo électrique à Lyon",
)


def _common() -> dict:
    return {
        "themes": {t: theme_label(t) for t in PERSON_THEMES},
        "levels": LEVELS,
        "beneficiaries": BENEFICIARIES,
        "status_labels": STATUS_LABELS,
        "status_classes": STATUS_CLASSES,
    }


def _htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


@router.get("/aides", response_class=HTMLResponse)
def aids_home(request: Request):
    return render(request, "aids/home.html", title=TITLE, examples=EXAMPLES, **_common())


@router.get("/aides/recherche", response_class=HTMLResponse)
def aids_search(request: Request):
    form = {name: request.query_params.get(name, "").strip() for name in SEARCH_FIELDS}
    context = {"form": form, "title": "Rechercher une aide", **_common()}
    if not any(form.values()):
        return render(request, "aids/search.html", result=None, **context)
    try:
        result = explained_search(
            form["q"],
            commune=form["lieu"] or None,
            themes=[form["theme"]] if form["theme"] else [],
            beneficiary=form["public"] or None,
            levels=[form["niveau"]] if form["niveau"] else [],
            top=20,
            channel="portail",
        )
    except InputError as exc:
        error = {"error": exc.message, "error_field": exc.field}
        return render(
            request, "aids/search.html", status_code=exc.status_code, result=None, **error, **context
        )
    back = "/aides/recherche?" + urlencode({k: v for k, v in form.items() if v})
    return render(request, "aids/search.html", result=result, back=back, **context)


@router.get("/aides/aide/{aid_id:path}", response_class=HTMLResponse)
def aid_page(request: Request, aid_id: str):
    from regia.aids.answers import amount_of
    from regia.aids.catalogue import get_aid
    from regia.aids.eligibility import Rules, perimeter_label, requirements

    try:
        aid = get_aid(aid_id)
    except NotFound as exc:
        return render(
            request, "aids/detail.html", status_code=404, error=exc.message, title="Aide introuvable"
        )
    rules = Rules.from_record(aid)
    conditions = requirements(rules)
    return render(
        request,
        "aids/detail.html",
        title=aid.title[:80],
        aid=aid,
        amount=amount_of({**aid.model_dump(), "source": aid.source}),
        perimeter=perimeter_label(rules, limit=8),
        conditions=conditions,
        **_common(),
    )


def _session(request: Request) -> str | None:
    value = request.cookies.get(COOKIE)
    return value if value and re.fullmatch(r"[A-Za-z0-9_-]{16,64}", value) else None


@router.get("/aides/pourquoi-pas", response_class=HTMLResponse)
def why_not_page(request: Request):
    from regia.aids.verdicts import profile_for, verdict_for

    form = {k: request.query_params.get(k, "").strip() for k in ("aide", "age", "lieu", "situation")}
    context = {"form": form, "title": "Pourquoi pas cette aide ?", **_common()}
    if not form["aide"]:
        return render(request, "aids/why.html", verdict=None, **context)
    try:
        age = None
        if form["age"]:
            if not form["age"].isdigit():
                raise InputError("âge invalide : écrivez un nombre d'années", "age")
            age = int(form["age"])
        try:
            profile = profile_for(age, form["lieu"] or None, form["situation"] or None, _session(request))
        except NotFound:  # the conversation has expired: only what the form says
            profile = profile_for(age, form["lieu"] or None, form["situation"] or None)
        verdict = verdict_for(_aid_id(form["aide"]), profile=profile)
    except InputError as exc:
        error = {"error": exc.message, "error_field": exc.field}
        return render(request, "aids/why.html", status_code=exc.status_code, verdict=None, **error, **context)
    return render(request, "aids/why.html", verdict=verdict, **context)


def _aid_id(text: str) -> str:
    """An aid id, or the id of the aid whose name matches the text typed."""
    from regia.aids.agent import find_aid
    from regia.aids.catalogue import get_aid
    from regia.aids.search import get_index

    try:
        return get_aid(text).id
    except NotFound:
        index = get_index()
        position = find_aid(index, text)
        if position is None:
            raise NotFound(f"aucune aide ne s'appelle « {text[:80]} » : vérifiez son nom", "aide") from None
        return index.meta[position]["id"]


@router.get("/aides/conversation", response_class=HTMLResponse)
def conversation_page(request: Request):
    return render(request, "aids/conversation.html", title="Poser une question", turn=None, **_common())


@router.post("/aides/conversation", response_class=HTMLResponse)
def conversation_turn(request: Request, message: str = Form("")):
    from regia.aids.agent import ask

    session, note = _session(request), None
    try:
        try:
            reply = ask(message, session=session, channel="portail")
        except NotFound:
            reply = ask(message, session=None, channel="portail")
            note = "Votre conversation précédente avait expiré : nous reprenons depuis le début."
    except InputError as exc:
        if _htmx(request):
            return render(request, "aids/_error.html", error=exc.message)
        return render(
            request,
            "aids/conversation.html",
            status_code=exc.status_code,
            title="Poser une question",
            turn=None,
            error=exc.message,
            **_common(),
        )
    turn = {"message": message.strip(), "reply": reply, "note": note, "intro": _intro(reply)}
    name = "aids/_turn.html" if _htmx(request) else "aids/conversation.html"
    response = render(request, name, title="Poser une question", turn=turn, **_common())
    response.set_cookie(
        COOKIE,
        reply["session"],
        max_age=get_settings().session_ttl_minutes * 60,
        httponly=True,
        samesite="strict",
        path="/aides",
    )
    return response


def _intro(reply: dict) -> list[str]:
    """The lines of the answer that are not the aid list nor the question (shown as cards and a prompt)."""
    question = (reply.get("question") or {}).get("text")
    return [
        line
        for line in reply["answer"].split("\n")
        if line
        and line != question
        and not re.match(r"^\d+\. ", line)
        and not line.startswith("Pas pour vous")
    ]


@router.post("/aides/conversation/nouvelle")
def new_conversation():
    response = RedirectResponse("/aides/conversation", status_code=303)
    response.delete_cookie(COOKIE, path="/aides")
    return response


@router.post("/aides/avis", response_class=HTMLResponse)
def feedback(
    request: Request,
    event: int = Form(...),
    aid: str = Form(...),
    useful: str = Form(...),
    back: str = Form("/aides"),
):
    from regia.aids.steering import record_feedback

    try:
        record_feedback(event, aid, useful == "1")
        message = "Merci, votre avis anonyme est enregistré."
    except InputError as exc:
        message = exc.message
    if _htmx(request):
        return HTMLResponse(f'<p class="feedback-done" role="status">{escape(message)}</p>')
    target = back if back.startswith("/aides") and "//" not in back else "/aides"
    return RedirectResponse(target, status_code=303)
