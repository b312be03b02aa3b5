"""The towns of the national "Action Cœur de Ville" programme (ANCT), GeoJSON points with the INSEE
code, the signature date and, in some releases, the number of actions under way and delivered."""

from __future__ import annotations

from pathlib import Path

from regia.projects.importers.common import (
    Draft,
    Rejection,
    RowError,
    Source,
    clean,
    feature_parts,
    parse_year,
    read_geojson,
)

ACTION_COEUR_DE_VILLE = Source(
    key="action-coeur-de-ville",
    label="Villes du programme Action Cœur de Ville (ANCT, cartographie 2024)",
    url="https://github.com/anct-carto/action_coeur_de_ville",
    licence="données publiques de l'ANCT",
)
FUNDER = "État (ANCT) et partenaires du programme Action Cœur de Ville"


def looks_like(features: list) -> bool:
    first = features[0] if features else None
    props = first.get("properties") if isinstance(first, dict) else None
    return isinstance(props, dict) and "id_acv" in props and "insee_com" in props


def read(path: Path) -> list[Draft | Rejection]:
    return [_draft(number, feature) for number, feature in enumerate(read_geojson(path), 1)]


def _draft(number: int, feature) -> Draft | Rejection:
    try:
        props, lat, lon = feature_parts(feature)
        insee = clean(props.get("insee_com"))
        if not insee:
            raise RowError("code INSEE manquant", "insee_com")
        if insee.isdigit():
            insee = insee.zfill(5)
        town = clean(props.get("lib_com")) or insee
        signed = clean(props.get("date_signature"))
        year = parse_year(signed, "date_signature")
    except RowError as exc:
        return Rejection(number, exc.message, exc.field)
    text = f"Programme national Action Cœur de Ville : revitalisation du centre-ville de {town}"
    if signed:
        text += f", convention signée le {signed}"
    ongoing, done = _count(props.get("actions_en_cours")), _count(props.get("actions_livrees"))
    if ongoing is not None and done is not None:
        text += f" ; {_actions(ongoing, 'en cours')} et {_actions(done, 'livrée')} selon l'ANCT"
    return Draft(
        row=number,
        key=clean(props.get("id_acv")),
        title=f"Action Cœur de Ville à {town}",
        text=text + ".",
        insee=insee,
        lat=lat,
        lon=lon,
        year=year,
        funder=FUNDER,
        scheme="Action Cœur de Ville",
    )


def _count(value) -> int | None:
    text = clean(value)
    return int(text) if text and text.isdigit() else None


def _actions(n: int, state: str) -> str:
    plural = "s" if n > 1 and state.endswith("e") else ""
    return f"{n} action{'s' if n > 1 else ''} {state}{plural}"
