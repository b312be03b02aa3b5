"""`regia orient CV_FILE ...` and `regia orient-forget PROFILE_ID --secret S`."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def orient(
    cv_file: Path = typer.Argument(..., help="The CV: PDF, Word .docx or plain text (5 MB at most)."),
    commune: str | None = typer.Option(
        None, "--commune", help="Where the person lives: name, postcode or INSEE."
    ),
    radius_km: float | None = typer.Option(None, "--radius-km", help="Mobility radius in km (default 30)."),
    answers: Path | None = typer.Option(None, "--answers", help="Questionnaire answers, a JSON object file."),
    save: bool = typer.Option(False, "--save", help="Keep the profile (prints its id and deletion secret)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON on stdout."),
) -> None:
    """Occupations, job offers and trainings for the person whose CV this is."""
    from regia.cli import fail
    from regia.orientation.questionnaire import parse_answers
    from regia.orientation.service import orient as run

    data = _answers_file(answers) if answers else {}
    if commune is not None:
        data["commune"] = commune
    if radius_km is not None:
        data["radius_km"] = radius_km
    if save:
        data["save"] = True
    parsed = parse_answers(data)
    try:
        content = cv_file.read_bytes()
    except OSError as exc:
        raise fail(f"CV_FILE : impossible de lire {cv_file} ({exc.strerror}).") from None
    result = run(content, parsed)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
    else:
        _print(result)


def _answers_file(path: Path) -> dict:
    from regia.cli import fail

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise fail(f"--answers : impossible de lire {path} ({exc.strerror}).") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise fail(f"--answers : {path} n'est pas un JSON valide ({exc}).") from None
    if not isinstance(data, dict):
        raise fail("--answers : le fichier doit contenir un objet JSON (clé : valeur).")
    return data


def forget(
    profile_id: str = typer.Argument(..., help="The saved profile's id."),
    secret: str = typer.Option(..., "--secret", help="The secret given when the profile was saved."),
) -> None:
    """Delete a saved orientation profile (its owner's secret is required)."""
    from regia.orientation.profiles import delete_profile

    delete_profile(profile_id, secret)
    typer.echo("Profil supprimé.", err=True)


def _print(result: dict) -> None:
    from rich.console import Console

    console = Console()
    console.print("[bold]Métiers proposés[/bold]")
    for i, occ in enumerate(result["occupations"], 1):
        console.print(f"{i:>2}. {occ['label']} ({occ['code']}) — {occ['why']}")
        if occ["missing_skills"]:
            console.print("    à acquérir : " + " ; ".join(occ["missing_skills"][:4]), style="dim")
    console.print(f"\n[bold]Offres d'emploi à moins de {result['radius_km']:.0f} km[/bold]")
    for offer in result["offers"] or []:
        console.print(f" - {offer['title']}, {offer['commune']} ({offer['distance_km']} km) [{offer['id']}]")
    console.print("\n[bold]Formations[/bold]")
    for training in result["trainings"]:
        where = f", {training['place']}" if training["place"] else ""
        console.print(f" - {training['title']}{where} — {training.get('why') or ''}")
    for note in result["notes"]:
        console.print(note, style="italic")
    if result.get("profile"):
        console.print(
            f"\nProfil conservé : {result['profile']['id']} — code secret : {result['profile']['secret']}"
        )


def register(app: typer.Typer) -> None:
    """Adds the top-level `regia orient` command (defined by the orientation capability)."""
    app.command("orient")(orient)
    app.command("orient-forget")(forget)
