"""Reading the multipart form that carries a CV, in memory only.

Starlette spools uploaded files above 1 MB to a temporary file on disk; a CV must not touch the disk,
so the form is parsed here with a spool as large as the upload limit, and the request body is cut
off (413) as soon as it exceeds that limit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Request
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from regia.config import get_settings
from regia.errors import InputError

FORM_OVERHEAD = 256 * 1024  # the answers and the multipart boundaries around the file

# OpenAPI description of the body, since the endpoint parses it itself
MULTIPART_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "the CV (PDF, DOCX, text)",
                        },
                        "answers": {"type": "string", "description": "questionnaire answers, a JSON object"},
                        "commune": {"type": "string"},
                        "radius_km": {"type": "number"},
                        "save": {"type": "boolean"},
                    },
                }
            }
        },
    }
}


def _too_big(limit: int) -> InputError:
    return InputError(
        f"Le fichier du CV dépasse {limit // (1024 * 1024)} Mo : envoyez une version plus légère.",
        "file",
        status_code=413,
    )


async def _bounded(stream: AsyncIterator[bytes], limit: int) -> AsyncIterator[bytes]:
    total = 0
    async for chunk in stream:
        total += len(chunk)
        if total > limit + FORM_OVERHEAD:
            raise _too_big(limit)
        yield chunk


async def read_form(request: Request) -> FormData:
    """The request's multipart form, with its files held in memory."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise InputError(
            "Envoyez un formulaire multipart/form-data avec le CV dans le champ « file ».", "file"
        )
    limit = get_settings().max_upload_bytes
    parser = MultiPartParser(request.headers, _bounded(request.stream(), limit), max_files=2, max_fields=40)
    parser.spool_max_size = limit + FORM_OVERHEAD  # never rolled over to a temporary file
    try:
        return await parser.parse()
    except MultiPartException as exc:
        raise InputError(f"Formulaire illisible : {exc.message}", "file") from None


async def file_bytes(form: FormData, name: str = "file") -> bytes:
    """The bytes of the form's file field ``name``; InputError when it is missing or too large."""
    upload = form.get(name)
    if not isinstance(upload, UploadFile) or not upload.filename and not upload.size:
        raise InputError("Ajoutez votre CV (PDF, Word .docx ou texte).", "file")
    limit = get_settings().max_upload_bytes
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise _too_big(limit)
    return data
