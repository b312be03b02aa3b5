"""JSON API of the orientation capability, mounted under /api/v1/orientation.

``POST /api/v1/orientation`` (multipart): ``file`` (the CV) and ``answers`` (a JSON object, optional);
``commune``, ``radius_km`` and ``save`` may also come as form fields. Saved profiles are read and deleted
with their secret in the ``X-Profile-Secret`` header.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, File, Form, Header, UploadFile
from fastapi.concurrency import run_in_threadpool

from regia.config import get_settings
from regia.errors import InputError

router = APIRouter()


async def read_upload(upload: UploadFile | None) -> bytes:
    """The uploaded file's bytes, refused beyond the upload limit without reading further."""
    if upload is None:
        raise InputError("Ajoutez votre CV (PDF, Word .docx ou texte).", "file")
    limit = get_settings().max_upload_bytes
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"Le fichier du CV dépasse {limit // (1024 * 1024)} Mo : envoyez une version plus légère.",
            "file",
            status_code=413,
        )
    return data


def answers_from_form(answers: str | None, **fields) -> dict:
    """The answers JSON object, with the separate form fields that were given on top."""
    data: dict = {}
    if answers and answers.strip():
        try:
            data = json.loads(answers)
        except json.JSONDecodeError as exc:
            raise InputError(f"Les réponses ne sont pas un JSON valide ({exc.msg}).", "answers") from None
        if not isinstance(data, dict):
            raise InputError("Les réponses doivent être un objet JSON (clé : valeur).", "answers")
    data.update({k: v for k, v in fields.items() if v not in (None, "")})
    return data


@router.post("")
async def orientation(
    file: UploadFile | None = File(None, description="The CV: PDF, Word .docx or plain text, 5 MB at most."),
    answers: str | None = Form(None, description="Questionnaire answers as a JSON object."),
    commune: str | None = Form(None),
    radius_km: float | None = Form(None),
    save: bool | None = Form(None),
) -> dict:
    """Occupations, job offers within the radius and trainings for the person whose CV is sent."""
    from regia.orientation.questionnaire import parse_answers
    from regia.orientation.service import orient

    data = await read_upload(file)
    parsed = parse_answers(answers_from_form(answers, commune=commune, radius_km=radius_km, save=save))
    return await run_in_threadpool(orient, data, parsed)


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
