"""`regia heritage ...` commands."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import typer

heritage_app = typer.Typer(
    help="Heritage video description: shots, OCR, speech, places, subtitles, metadata.", no_args_is_help=True
)


def _print_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1))


@heritage_app.command()
def describe(
    video: Path = typer.Argument(..., help="Video file to describe."),
    as_json: bool = typer.Option(False, "--json", help="Print the full description as JSON."),
    out: Path = typer.Option(None, "--out", help="Folder for keyframes, WebVTT files and JSON-LD."),
    title: str = typer.Option("", help="Title (as a manifest would give it)."),
    place: str = typer.Option("", help="Place the video shows (commune, monument)."),
    date: str = typer.Option("", help="Date of the video (AAAA, AAAA-MM or AAAA-MM-JJ)."),
    llm: bool = typer.Option(False, "--llm", help="Let the configured endpoint reword the description."),
) -> None:
    """Describe one video: shots, on-screen text, speech, places, description, subtitles, JSON-LD."""
    from regia.config import get_settings
    from regia.heritage.describe import Meta, describe_video

    if out is None:
        digest = hashlib.sha1(str(video.resolve()).encode()).hexdigest()[:8]
        out = get_settings().home / "heritage" / "describe" / f"{video.stem}-{digest}"
    result = describe_video(video, out, Meta(title=title, date=date, place=place), use_llm=llm)
    if as_json:
        _print_json(result)
        return
    typer.echo(result["description"])
    typer.echo("")
    for name, path in result["files"].items():
        typer.echo(f"{name}: {path}")


@heritage_app.command("import")
def import_(
    source: Path = typer.Argument(
        ..., help="Folder of videos, or CSV manifest (file,title,date,place,rights,credits)."
    ),
    force: bool = typer.Option(
        False, "--force", help="Describe again videos already described and unchanged."
    ),
    skip_invalid: bool = typer.Option(
        False, "--skip-invalid", help="Skip unreadable files instead of stopping."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the import report as JSON."),
) -> None:
    """Describe a fund of videos into the searchable catalogue."""
    from regia.heritage.catalogue import import_videos

    report = import_videos(source, force=force, skip_invalid=skip_invalid)
    if as_json:
        _print_json(report.to_dict())
        return
    typer.echo(
        f"{len(report.described)} vidéo(s) décrite(s), {len(report.unchanged)} inchangée(s), "
        f"{len(report.skipped)} ignorée(s)."
    )
    for skipped in report.skipped:
        typer.echo(f"  ignorée : {skipped['file']} : {skipped['reason']}")


@heritage_app.command()
def search(
    query: str = typer.Argument(..., help="Words to look for (monument, place, theme...)."),
    as_json: bool = typer.Option(False, "--json", help="Print the hits as JSON."),
    limit: int = typer.Option(10, help="Number of videos."),
) -> None:
    """Search the described fund."""
    from regia.heritage.catalogue import search as run

    hits = run(query, limit=limit)
    if as_json:
        _print_json(hits)
        return
    if not hits:
        typer.echo("Aucune vidéo trouvée.")
    for hit in hits:
        typer.echo(f"{hit['id']}  {hit['title']}  ({hit['duration_s']:.0f} s)")
        for moment in hit["moments"]:
            typer.echo(f"    {moment['start_s']:.0f} s : {moment['text']}")


@heritage_app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """List the described videos."""
    from regia.heritage.catalogue import list_videos

    videos = list_videos()
    if as_json:
        _print_json(videos)
        return
    for video in videos:
        typer.echo(f"{video['id']}  {video['title']}  ({video['duration_s']:.0f} s)")


@heritage_app.command()
def show(
    video_id: str = typer.Argument(..., help="Identifier given by `regia heritage list`."),
    as_json: bool = typer.Option(False, "--json", help="Print the full description as JSON."),
) -> None:
    """Show the description of a catalogued video."""
    from regia.heritage.catalogue import get_video

    row = get_video(video_id)
    if as_json:
        _print_json(row.result)
    else:
        typer.echo(row.description)


@heritage_app.command("kb-import")
def kb_import(
    file: Path = typer.Argument(
        ..., help="Mérimée GeoJSON export or DATAtourisme JSON-LD (JSON, JSON lines, .gz)."
    ),
) -> None:
    """Replace a source of the heritage knowledge base with a Region's own export."""
    from regia.heritage.loader import load_file

    for source, count in load_file(file).items():
        typer.echo(f"{source} : {count} notices")


def register(app: typer.Typer) -> None:
    app.add_typer(heritage_app, name="heritage")
