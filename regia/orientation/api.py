"""JSON API of the orientation capability, mounted under /api/v1/orientation.

``POST /api/v1/orientation`` (multipart): ``file`` (the CV) and ``answers`` (a JSON object, optional);
``commune``, ``radius_km`` and ``save`` may also come as form fields. Saved profiles are read and deleted
with their secret in the ``X-Profile-Secret`` header.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Header, Request
from fastapi.concurrency import run_in_threadpool

from regia.errors import InputError
from regia.orientation.upload import MULTIPART_BODY, file_bytes, read_form

router = APIRouter()


def answers_from_form(form) -> dict:
    """The answers JSON object, with the separate form fields that were given on top."""
    data: dict = {}
    raw = form.get("answers")
    if isinstance(raw, str) and raw.strip():
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"Les réponses ne sont pas un JSON valide ({exc.msg}).", "answers") from None
        if not isinstance(data, dict):
            raise InputError("Les réponses doivent être un objet JSON (clé : valeur).", "answers")
    for name in ("commune", "radius_km", "save"):
        value = form.get(name)
        if isinstance(value, str) and value.strip():
            data[name] = value
    return data


@router.post("", openapi_extra=MULTIPART_BODY)
async def orientation(request: Request) -> dict:
    """Occupations, job offers within the radius and trainings for the person whose CV is sent
    (multipart: ``file``, the CV; ``answers``, a JSON object; or ``commune``, ``radius_km``, ``save``)."""
    from regia.orientation.questionnaire import parse_answers
    from regia.orientation.service import orient

    form = await read_form(request)
    try:
        data = await file_bytes(form)
        answers = parse_answers(answers_from_form(form))
    finally:
        await form.close()
    return await run_in_threadpool(orient, data, answers)


@router.get("/profiles/{profile_id}")
def get_profile(profile_id: str, x_profile_secret: str = Header(...)) -> dict:
    """A saved profile, for its owner."""
    from regia.orientation.profiles import load_profile

    return load_profile(profile_id, x_profile_secret)


@router.delete("/profiles/{profile_id}")
def delete_profile(profile_id: str, x_profile_secret: str = Header(...)) -> dict:
    """Delete a saved profile (its owner's secret is required)."""
    from regia.orientation.profiles import delete_profile as delete

    delete(profile_id, x_profile_secret)
    return {"deleted": profile_id}
