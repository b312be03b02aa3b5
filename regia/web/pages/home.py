"""Home page and the accessibility statement."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from regia.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    return render(request, "home.html", title="Accueil")


@router.get("/accessibilite", response_class=HTMLResponse)
def accessibility(request: Request):
    return render(request, "accessibilite.html", title="Accessibilité")
