"""Jinja2 templates shared by every page, with the Region's theme in their context."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from regia.config import get_settings

TEMPLATES_DIR = Path(__file__).parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))

# Navigation of the portal: (path, label); a capability appears once its pages exist.
NAV: list[tuple[str, str]] = [
    ("/", "Accueil"),
    ("/aides", "Trouver une aide"),
    ("/orientation", "S'orienter"),
    ("/projets", "Projets près de chez moi"),
    ("/competences", "Compétences et formation"),
    ("/patrimoine", "Patrimoine en vidéo"),
    ("/video", "Console vidéo"),
]


def render(request: Request, name: str, status_code: int = 200, **context):
    settings = get_settings()
    context.setdefault("title", settings.region_name)
    return templates.TemplateResponse(
        request,
        name,
        {"settings": settings, "nav": NAV, **context},
        status_code=status_code,
    )
