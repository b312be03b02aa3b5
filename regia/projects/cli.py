"""`regia projects ...` commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

projects_app = typer.Typer(
    help="The Region's geolocated projects by commune and theme.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(projects_app, name="projects")


def _echo_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@projects_app.command()
def load(
    file: Path | None = typer.Argument(
        None, help="File to import (SCDL or DETR/DSIL CSV, GeoJSON); all bundled data if omitted."
    ),
    mapping: Path | None = typer.Option(
        None, "--mapping", "-m", help="Column mapping file (YAML or JSON) for any CSV/GeoJSON."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the import report as JSON."),
) -> None:
    """Import projects; rows that cannot be used are reported with their number and reason."""
    from regia.cli import fail
    from regia.db import init_db
    from regia.projects import loader
    from regia.projects.importers import import_file

    init_db()
    if file is None:
        if mapping is not None:
            raise fail("--mapping s'utilise avec un fichier à importer")
        reports = loader.load_default()
    else:
        reports = [import_file(file, mapping)]
    if as_json:
        _echo_json(
            {
                "loaded": sum(r.loaded for r in reports),
                "rejected_count": sum(len(r.rejected) for r in reports),
                "reports": [r.to_dict() for r in reports],
            }
        )
        return
    for report in reports:
        typer.echo(
            f"{report.file} ({report.source}) : {report.rows_read} lignes lues, "
            f"{report.loaded} projets chargés, {len(report.rejected)} rejetées"
        )
        for rejection in report.rejected[:50]:
            where = f" [{rejection.field}]" if rejection.field else ""
            typer.echo(f"  enregistrement {rejection.row}{where} : {rejection.reason}")
        if len(report.rejected) > 50:
            typer.echo(f"  ... et {len(report.rejected) - 50} autres (--json pour la liste complète)")


@projects_app.command()
def near(
    place: str = typer.Argument(
        ..., help="Commune name, postal code, INSEE code, EPCI, department or region."
    ),
    radius_km: float | None = typer.Option(
        None, "--radius-km", help="Projects within this distance of the commune."
    ),
    theme: list[str] = typer.Option(
        None, "--theme", help="Theme slug (repeatable); see `regia projects themes`."
    ),
    scope: str | None = typer.Option(
        None, "--scope", help="commune, epci, department or region (containing PLACE)."
    ),
    year_min: int | None = typer.Option(None, "--year-min"),
    year_max: int | None = typer.Option(None, "--year-max"),
    amount_min: float | None = typer.Option(None, "--amount-min", help="Euros."),
    amount_max: float | None = typer.Option(None, "--amount-max", help="Euros."),
    sort: str | None = typer.Option(
        None, "--sort", help="amount, distance or year (default: amount, distance for a radius)."
    ),
    limit: int = typer.Option(20, "--limit", help="Projects listed (aggregates always cover all)."),
    offset: int = typer.Option(0, "--offset"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The projects of a place, its EPCI or within a radius, with aggregates and a summary."""
    from regia.projects.near import Filters, parse_themes
    from regia.projects.near import near as query
    from regia.projects.summary import euros

    filters = Filters(parse_themes(theme), year_min, year_max, amount_min, amount_max)
    result = query(
        place, radius_km=radius_km, scope=scope, filters=filters, sort=sort, limit=limit, offset=offset
    )
    if as_json:
        _echo_json(result)
        return
    typer.echo(result["summary"])
    typer.echo("")
    for p in result["projects"]:
        amount = euros(p["amount"]) if p["amount"] is not None else "montant non publié"
        where = p["commune"] or "-"
        distance = (
            f", {p['distance_km']} km" if result["scope"] == "radius" and p["distance_km"] is not None else ""
        )
        typer.echo(
            f"- {p['title']} ({where}{distance}, {p['year'] or '?'}, {amount}) [{', '.join(p['themes'])}]"
        )
    shown = result["offset"] + len(result["projects"])
    if shown < result["total"]:
        typer.echo(f"... {result['total'] - shown} autres projets (--limit, --offset).")


@projects_app.command()
def classify(
    file: str = typer.Argument(..., help='JSONL file of {"id", "text"} records, or - for stdin.'),
    as_json: bool = typer.Option(False, "--json", help='Write JSONL {"id", "themes"} (themes best first).'),
) -> None:
    """Classify texts into the theme taxonomy."""
    from regia.cli import fail
    from regia.projects.classify import classify_texts

    stream = sys.stdin if file == "-" else _open(file)
    records = []
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise fail(f"ligne {number} : JSON invalide ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise fail(f'ligne {number} : objet {{"id", "text"}} attendu, champ « text » (texte) manquant')
        records.append(record)
    found = classify_texts(r["text"] for r in records)
    for record in records:
        themes = found[record["text"]].themes
        if as_json:
            typer.echo(json.dumps({"id": record.get("id"), "themes": themes}, ensure_ascii=False))
        else:
            typer.echo(f"{record.get('id')}\t{','.join(themes)}")


def _open(file: str):
    from regia.cli import fail

    try:
        return Path(file).open(encoding="utf-8")
    except OSError as exc:
        raise fail(f"fichier illisible : {file} ({exc.strerror})") from None


@projects_app.command()
def show(
    project_id: str = typer.Argument(..., help="Project id."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """One project with all its fields."""
    from regia.projects.near import get_project

    project = get_project(project_id)
    if as_json:
        _echo_json(project)
        return
    for key, value in project.items():
        typer.echo(f"{key} : {value}")


@projects_app.command()
def export(
    place: str | None = typer.Argument(None, help="Place (all projects if omitted)."),
    output_format: str = typer.Option("csv", "--format", help="csv or geojson."),
    radius_km: float | None = typer.Option(None, "--radius-km"),
    theme: list[str] = typer.Option(None, "--theme"),
    scope: str | None = typer.Option(None, "--scope"),
    year_min: int | None = typer.Option(None, "--year-min"),
    year_max: int | None = typer.Option(None, "--year-max"),
    amount_min: float | None = typer.Option(None, "--amount-min"),
    amount_max: float | None = typer.Option(None, "--amount-max"),
) -> None:
    """Write the selected projects to stdout as CSV or GeoJSON."""
    from regia.cli import fail
    from regia.projects.export import csv_lines, geojson_chunks
    from regia.projects.near import Filters, parse_themes, select

    if output_format not in ("csv", "geojson"):
        raise fail("--format : csv ou geojson")
    filters = Filters(parse_themes(theme), year_min, year_max, amount_min, amount_max)
    snap, _area, ordered, _distance = select(place, radius_km=radius_km, scope=scope, filters=filters)
    ids = [snap.ids[i] for i in ordered]
    for chunk in (csv_lines if output_format == "csv" else geojson_chunks)(ids):
        sys.stdout.write(chunk)


@projects_app.command()
def themes(as_json: bool = typer.Option(False, "--json")) -> None:
    """The theme taxonomy (slug and label)."""
    from regia.projects.near import themes_list

    if as_json:
        _echo_json(themes_list())
        return
    for theme in themes_list():
        typer.echo(f"{theme['slug']}\t{theme['label']}")
