"""JSON API of the aids capability, mounted under /api/v1/aids."""

from __future__ import annotations

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from regia.aids import search as engine
from regia.aids.catalogue import get_aid

router = APIRouter()


class AskRequest(BaseModel):
    session: str | None = Field(None, description="Identifiant de session rendu par une réponse précédente.")
    message: str = Field(..., description="Ce que dit la personne, en français courant.")


class FeedbackRequest(BaseModel):
    event: int = Field(
        ..., description="Numéro de la recherche ou du tour de conversation (champ « event »)."
    )
    aid: str = Field(..., description="Identifiant de l'aide jugée.")
    useful: bool = Field(..., description="true : m'a été utile ; false : pas pertinent.")


@router.get("/search")
def search_aids(
    q: str = Query("", description="La question, en français courant."),
    commune: str | None = Query(None, description="Commune de la personne : nom, code postal ou code INSEE."),
    limit: int = Query(10, ge=1, le=100, description="Nombre de résultats."),
) -> dict:
    """Aides qui répondent à la question, disponibles là où vit la personne (même JSON que la CLI)."""
    from regia.aids.explain import log_search

    outcome = engine.search(q, commune=commune, top=limit)
    return {**outcome.to_dict(), "event": log_search(outcome, commune, "api")}


@router.post("/ask")
def ask(request: AskRequest) -> dict:
    """Un tour de conversation avec l'agent : la réponse, les aides (les meilleures d'abord) et, s'il le faut,
    une seule question (même JSON que `regia aids ask --json`)."""
    from regia.aids.agent import ask as turn

    return turn(request.message, session=request.session, channel="api")


@router.post("/feedback")
def feedback(request: FeedbackRequest) -> dict:
    """Avis anonyme sur une aide proposée : « m'a été utile » ou « pas pertinent »."""
    from regia.aids.steering import record_feedback

    record_feedback(request.event, request.aid, request.useful)
    return {"ok": True}


@router.get("/demand")
def demand(
    since: int | None = Query(None, ge=1, le=36500, description="Seulement les N derniers jours."),
    few: int = Query(
        1, ge=0, le=20, description="Nombre d'aides ouvertes en dessous duquel il y en a « peu »."
    ),
    top: int = Query(10, ge=1, le=100, description="Besoins listés par département."),
) -> dict:
    """Besoins fréquents sans aide ouverte ou avec peu d'aides, par département (même JSON que la CLI)."""
    from regia.aids.steering import demand as report

    return report(since_days=since, few=few, top=top)


@router.get("/eligibility")
def eligibility(
    id: str = Query(..., description="Identifiant de l'aide."),
    age: int | None = Query(None, ge=0, le=130, description="Âge de la personne."),
    commune: str | None = Query(None, description="Commune : nom, code postal ou code INSEE."),
    status: str | None = Query(None, description="Situation en mots : étudiant, apprenti, salarié…"),
    session: str | None = Query(None, description="Reprendre le profil de cette conversation."),
) -> dict:
    """Pourquoi pas cette aide ? Le verdict (eligible, ineligible, unknown) et ses raisons, en français."""
    from regia.aids.verdicts import verdict_for

    return verdict_for(id, age=age, commune=commune, status=status, session=session)


@router.get("/{aid_id:path}")
def aid_detail(aid_id: str) -> dict:
    """Fiche complète d'une aide du catalogue (identifiant public de la source)."""
    return get_aid(aid_id).model_dump()
