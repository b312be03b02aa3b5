"""`regia video ...` commands."""

from __future__ import annotations

import getpass
import json
import shutil
import sys
from pathlib import Path

import typer

video_app = typer.Typer(
    help="Lawful video analytics (decree 2023-828), privacy by design.", no_args_is_help=True
)


def _print_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _operator(name: str | None) -> str:
    try:
        default = getpass.getuser()
    except (KeyError, OSError):
        default = "inconnu"
    return f"cli:{name or default}"


def _progress(label: str):
    """A progress bar on stderr in a terminal (nothing otherwise); returns (callback, close)."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from rich.console import Console
    from rich.progress import Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        TextColumn("{task.fields[t]:.1f} s"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task(label, t=0.0)
    bar.start()
    return (lambda t: bar.update(task, t=t)), bar.stop


@video_app.command()
def analyze(
    video: Path = typer.Argument(..., help="Video file to analyse."),
    config: Path | None = typer.Option(None, "--config", "-c", help="Camera configuration (YAML)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    store: bool = typer.Option(
        False, "--store", help="Record the events (blurred snapshot and clip) for review."
    ),
    camera: str | None = typer.Option(
        None, "--camera", help="Camera name (default: config, else file name)."
    ),
    fps: float | None = typer.Option(None, "--fps", min=0.5, max=60, help="Frames analysed per second."),
) -> None:
    """Detect the allowed events in a video file."""
    from regia.db import init_db
    from regia.video.camera import load_config
    from regia.video.service import analyze_file

    cfg = load_config(config, camera=camera or (None if config else video.stem))
    if fps is not None:
        cfg = cfg.model_copy(update={"fps": fps})
    if store:
        init_db()
    callback, close = _progress(f"Analyse de {video.name}")
    try:
        result, ids = analyze_file(video, cfg, save=store, progress=callback)
    finally:
        close()
    out = result.to_dict()
    if store:
        for event, row_id in zip(out["events"], ids, strict=True):
            event["id"] = row_id
    if as_json:
        _print_json(out)
        return
    typer.echo(
        f"{out['video']} : {out['duration_s']} s, {out['frames']} images, "
        f"{out['fps_processed']} images/s ({out['realtime_factor']}x le temps réel)"
    )
    if not out["events"]:
        typer.echo("Aucun événement détecté.")
    from regia.video.events import EVENT_TYPES

    for e in out["events"]:
        zone = f", zone {e['zone']}" if e["zone"] else ""
        when = f"{e['start_s']:7.2f}-{e['end_s']:7.2f} s"
        typer.echo(f"  {when}  {EVENT_TYPES[e['type']]}  (confiance {e['confidence']:.2f}{zone})")
    for type_, state in out["rules"].items():
        if state != "actif":
            typer.echo(f"  [{type_}] {state}", err=True)


@video_app.command()
def watch(
    url: str = typer.Argument(..., help="Stream URL (rtsp://, http://...) or a file to replay as a stream."),
    config: Path = typer.Option(..., "--config", "-c", help="Camera configuration (YAML)."),
    max_seconds: float | None = typer.Option(None, "--max-seconds", min=1, help="Stop after this long."),
) -> None:
    """Watch a live stream: events are stored for review and printed as JSON lines on stdout."""
    from regia.db import init_db
    from regia.video.camera import load_config
    from regia.video.service import watch_stream

    cfg = load_config(config)
    init_db()

    def emit(event: dict) -> None:
        typer.echo(json.dumps(event, ensure_ascii=False))
        sys.stdout.flush()

    result = watch_stream(url, cfg, emit, max_seconds=max_seconds)
    typer.echo(
        f"fin de la surveillance : {result.duration_s:.0f} s, {len(result.events)} événements, "
        f"{result.reconnections} reconnexions",
        err=True,
    )


@video_app.command()
def evaluate(
    labels: Path = typer.Argument(..., help="Timed labels (JSON, see docs/video.md)."),
    config: Path | None = typer.Option(
        None, "--config", "-c", help="Camera configuration for clips without one."
    ),
    tolerance: float = typer.Option(0.0, "--tolerance", min=0, max=30, help="Seconds added around labels."),
    as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
) -> None:
    """Precision and recall per event type against timed labels."""
    from regia.progress import status
    from regia.video.evaluate import evaluate as run

    result = run(labels, config, tolerance, progress=lambda name: status(f"analyse : {name}"))
    if as_json:
        _print_json(result)
        return
    typer.echo(f"{result['clips']} vidéos, {result['duration_s']} s")
    typer.echo(
        f"{'type':18} {'étiq.':>6} {'détect.':>7} {'précision':>9} {'rappel':>7} {'fausses alertes/h':>18}"
    )
    for type_, m in result["per_type"].items():
        p = "-" if m["precision"] is None else f"{m['precision']:.2f}"
        r = "-" if m["recall"] is None else f"{m['recall']:.2f}"
        fa = "-" if m["false_alarms_per_hour"] is None else f"{m['false_alarms_per_hour']:.1f}"
        typer.echo(f"{type_:18} {m['labels']:>6} {m['predictions']:>7} {p:>9} {r:>7} {fa:>18}")


@video_app.command()
def review(
    event_id: int | None = typer.Argument(None, help="Event to confirm or dismiss."),
    confirm: bool = typer.Option(False, "--confirm", help="The alert is right."),
    dismiss: bool = typer.Option(False, "--dismiss", help="The alert is a false positive."),
    note: str | None = typer.Option(None, "--note", help="Short review note."),
    operator: str | None = typer.Option(
        None, "--operator", help="Who reviews (audit log); default: user name."
    ),
    camera: str | None = typer.Option(None, "--camera", help="Only this camera."),
    status: str = typer.Option("pending", "--status", help="pending, confirmed, dismissed or all."),
    type_: str | None = typer.Option(None, "--type", help="Only this event type."),
    limit: int = typer.Option(50, "--limit", min=1, max=1000),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the alerts to review, or confirm / dismiss one (ID with --confirm or --dismiss)."""
    from regia.cli import fail
    from regia.db import init_db
    from regia.video import store

    init_db()
    actor = _operator(operator)
    if event_id is not None:
        if confirm == dismiss:
            raise fail("donner --confirm ou --dismiss (l'un des deux) avec l'identifiant de l'événement")
        row = store.review(event_id, "confirm" if confirm else "dismiss", actor, note)
        if as_json:
            _print_json(row)
        else:
            typer.echo(f"événement {row['id']} : {'confirmé' if confirm else 'écarté (fausse alerte)'}")
        return
    if confirm or dismiss:
        raise fail("--confirm et --dismiss demandent l'identifiant de l'événement")
    rows = store.list_events(
        camera=camera, status=None if status == "all" else status, type=type_, limit=limit
    )
    store.audit(actor, "list", camera=camera, detail=f"revue CLI : {len(rows)} événements ({status})")
    if as_json:
        _print_json(rows)
        return
    if not rows:
        typer.echo("Aucun événement.")
    for r in rows:
        typer.echo(
            f"#{r['id']:<5} {r['occurred_at']}  {r['camera']:<16} {r['label']:<42} "
            f"{r['confidence']:.2f}  {r['status']}{'  zone ' + r['zone'] if r['zone'] else ''}"
        )


@video_app.command()
def stats(
    camera: str | None = typer.Option(None, "--camera", help="Only this camera."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Alerts per event type: confirmed, dismissed (false positives), pending."""
    from regia.db import init_db
    from regia.video import store

    init_db()
    rows = store.stats(camera)
    if as_json:
        _print_json(rows)
        return
    for r in rows:
        share = "-" if r["dismissed_share"] is None else f"{100 * r['dismissed_share']:.0f} %"
        typer.echo(
            f"{r['label']:<44} {r['total']:>5} alertes, {r['confirmed']:>4} confirmées, "
            f"{r['dismissed']:>4} écartées ({share}), {r['pending']:>4} à revoir"
        )


@video_app.command()
def purge(
    days: int | None = typer.Option(
        None, "--days", min=0, help="Keep this many days (default: REGIA_VIDEO_RETENTION_DAYS)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Delete events (and their snapshots and clips) older than the retention period."""
    from regia.db import init_db
    from regia.video import store

    init_db()
    out = store.purge(days, actor=_operator(None))
    if as_json:
        _print_json(out)
    else:
        typer.echo(
            f"{out['events']} événements supprimés ({out['files']} fichiers), "
            f"conservation {out['retention_days']} jours"
        )


@video_app.command()
def audit(
    event_id: int | None = typer.Option(None, "--event", help="Only this event."),
    limit: int = typer.Option(100, "--limit", min=1, max=10000),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Who viewed, exported, reviewed or purged what."""
    from regia.db import init_db
    from regia.video import store

    init_db()
    rows = store.list_audit(limit, event_id)
    if as_json:
        _print_json(rows)
        return
    for r in rows:
        typer.echo(f"{r['at']}  {r['actor']:<24} {r['action']:<8} {r['event_id'] or '':<6} {r['detail']}")


@video_app.command()
def export(
    event_id: int = typer.Argument(..., help="Event whose blurred clip to export."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the clip (.mp4)."),
    operator: str | None = typer.Option(None, "--operator", help="Who exports (audit log)."),
) -> None:
    """Copy an event's blurred clip out of Regia (the export is written to the audit log)."""
    from regia.cli import fail
    from regia.db import init_db
    from regia.video import store

    init_db()
    event = store.get_event(event_id)
    clip = store.media_file(event["clip_path"])
    if clip is None:
        raise fail(f"l'événement {event_id} n'a pas de clip (non enregistré ou purgé)")
    shutil.copyfile(clip, output)
    store.audit(_operator(operator), "export", event_id, event["camera"], f"clip copié vers {output.name}")
    typer.echo(str(output))


@video_app.command("types")
def types_(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """The event types the law allows (fixed in code), with the legal reference."""
    from regia.video.events import EVENT_TYPES, LEGAL_REFERENCE

    if as_json:
        _print_json({"legal_reference": LEGAL_REFERENCE, "types": EVENT_TYPES})
        return
    for type_, label in EVENT_TYPES.items():
        typer.echo(f"{type_:18} {label}")
    typer.echo(LEGAL_REFERENCE)


def register(app: typer.Typer) -> None:
    app.add_typer(video_app, name="video")
