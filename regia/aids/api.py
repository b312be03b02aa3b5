"""JSON API of the aids capability, mounted under /api/v1/aids."""

from __future__ import annotations

from fastapi import APIRouter, Query

from regia.aids import search as engine
from regia.aids.catalogue import get_aid

router = APIRouter()


@router.get("/search")
def search_aids(
    q: str = Query("", description="La question, en français courant."),
    commune: str | None = Query(None, description="Commune de la personne : nom, code postal ou code INSEE."),
    limit: int = Query(10, ge=1, le=100, description="Nombre de résultats."),
) -> dict:
    """Aides qui répondent à la question, disponibles là où vit la personne (même JSON que la CLI)."""
    return engine.search(q, commune=commune, top=limit).to_dict()


@router.get("/{aid_id:path}")
def aid_detail(aid_id: str) -> dict:
    """Fiche complète d'une aide du catalogue (identifiant public de la source)."""
    return get_aid(aid_id).model_dump()
