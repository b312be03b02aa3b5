"""`regia territory ...` commands."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer

territory_app = typer.Typer(
    help="Territory referential: communes, EPCI, departments, regions; resolve places.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(territory_app, name="territory")


@territory_app.command()
def resolve(
    text: str = typer.Argument(..., help="A place (name, postal or INSEE code, department) or a sentence."),
    as_json: bool = typer.Option(False, "--json", help="Print the place as JSON."),
) -> None:
    """Resolve a place named in French text; exit code 2 when nothing is found."""
    from regia.territory import locate_place

    place = locate_place(text)
    if as_json:
        typer.echo(json.dumps(place.to_dict(), ensure_ascii=False))
        return
    chain = [a for a in (place.epci, place.department, place.region) if a and a.name != place.name]
    where = ", ".join(f"{a.name} ({a.code})" for a in chain)
    typer.echo(f"{place.name} ({place.kind} {place.code})" + (f" : {where}" if where else ""))
    if place.note:
        typer.echo(place.note)


@territory_app.command()
def communes(
    department: str | None = typer.Option(None, "--department", help="Department code, e.g. 35 or 2A."),
    region: str | None = typer.Option(None, "--region", help="Region code, e.g. 53."),
    epci: str | None = typer.Option(None, "--epci", help="SIREN of an EPCI."),
    near: str | None = typer.Option(None, "--near", help="A place; lists the communes around it."),
    radius_km: float = typer.Option(10.0, "--radius", min=0.0, max=500.0, help="Radius for --near, in km."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
) -> None:
    """List the communes of a department, a region or an EPCI, or those around a place."""
    from regia.cli import fail
    from regia.territory import communes_of, communes_within, locate_place

    given = [(k, v) for k, v in (("department", department), ("region", region), ("epci", epci)) if v]
    if len(given) + bool(near) != 1:
        raise fail("give exactly one of --department, --region, --epci or --near")
    if near:
        place = locate_place(near)
        if not place.commune or place.commune.lat is None:
            raise fail(f"--near : « {near} » n'est pas une commune localisée")
        rows = [
            {**asdict(c), "distance_km": round(d, 2)}
            for c, d in communes_within(place.commune.lat, place.commune.lon, radius_km)
        ]
    else:
        kind, code = given[0]
        code = code.strip().upper()
        rows = [asdict(c) for c in communes_of(kind, code)]
        if not rows:
            raise fail(f"--{kind} : code inconnu « {code} »")
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        extra = f"  {row['distance_km']} km" if "distance_km" in row else ""
        typer.echo(f"{row['insee']}  {row['name']}  {' '.join(row['postcodes'])}{extra}")


@territory_app.command(name="import")
def import_folder(
    folder: Path = typer.Argument(
        ...,
        exists=True,
        file_okay=False,
        help="Folder with communes.csv, departements.json, regions.json, epci.json.",
    ),
) -> None:
    """Replace the referential with another edition of the same files (one transaction)."""
    from regia.progress import status
    from regia.territory.loader import load_folder

    counts = load_folder(folder)
    status(
        f"territoire : {counts['inserted']} ajouts, {counts['updated']} mises à jour, "
        f"{counts['deleted']} retraits"
    )
