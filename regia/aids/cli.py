"""`regia aids ...` commands. Data goes to stdout only (JSON / JSONL with --json or --batch)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from regia.errors import InputError

aids_app = typer.Typer(
    help="Aid schemes: catalogue, hybrid search, conversational agent.", no_args_is_help=True
)
MODES = ("hybrid", "bm25", "dense")


def register(app: typer.Typer) -> None:
    app.add_typer(aids_app, name="aids")


def _emit(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def _lines(source: str) -> list[str]:
    if source == "-":
        return sys.stdin.read().splitlines()
    try:
        return Path(source).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"fichier illisible « {source} » ({exc})", "file") from exc


def _mode(mode: str) -> str:
    if mode not in MODES:
        raise InputError(f"mode inconnu « {mode} » : {', '.join(MODES)}", "mode")
    return mode


@aids_app.command()
def search(
    query: str = typer.Argument(None, help="The question, in plain French."),
    commune: str = typer.Option(
        None, "--commune", help="Where the person lives: name, postcode or INSEE code."
    ),
    top: int = typer.Option(10, "--top", help="Number of results (1-100)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    batch: str = typer.Option(None, "--batch", help='JSONL file (or - for stdin) of {"qid", "query"} lines.'),
    mode: str = typer.Option("hybrid", "--mode", help="hybrid, bm25 or dense."),
) -> None:
    """Search the aids that fit a question (the place is read from the question or --commune)."""
    from regia.aids import search as engine

    _mode(mode)
    if batch is not None:
        _batch(batch, mode, top)
        return
    if query is None:
        raise InputError("donnez une question ou --batch FICHIER", "query")
    outcome = engine.search(query, commune=commune, top=top, mode=mode)  # type: ignore[arg-type]
    if as_json:
        _emit(outcome.to_dict())
        return
    place = outcome.place
    if place:
        guess = " (deviné)" if place.get("guessed") else ""
        typer.echo(f"Lieu : {place['name']}{guess}")
    if not outcome.results:
        typer.echo("Aucune aide trouvée.")
    for rank, r in enumerate(outcome.results, 1):
        typer.echo(f"{rank:>2}. {r.title} ({r.institution}) [{r.id}]\n    {r.url}")


def _batch(source: str, mode: str, top: int) -> None:
    from regia.aids import search as engine
    from regia.aids.evaluation import read_jsonl

    items = read_jsonl(_lines(source))
    for number, item in items:
        if not isinstance(item.get("qid"), str) or not isinstance(item.get("query"), str):
            raise InputError(f"ligne {number} : champs qid et query (textes) attendus", "jsonl")
        try:
            engine.check_query(item["query"])
        except InputError as exc:
            raise InputError(f"ligne {number} : {exc.message}", exc.field) from exc
    index = engine.get_index()
    for _, item in items:
        place = engine.place_of(item["query"], None)
        results, _ = index.search(item["query"].strip(), place=place, top=top, mode=mode)  # type: ignore[arg-type]
        _emit(
            {
                "qid": item["qid"],
                "place": place.to_dict() if place else None,
                "results": [{"id": r.id, "score": r.score} for r in results],
            }
        )


@aids_app.command()
def evaluate(
    qrels: str = typer.Argument(..., help="JSONL file of judged questions (or - for stdin)."),
    top: int = typer.Option(10, "--top", help="Cut-off k of the metrics."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    mode: str = typer.Option("hybrid", "--mode", help="hybrid, bm25 or dense."),
) -> None:
    """nDCG@k, recall@k and out-of-territory@k, overall and per [tag] of the notes."""
    from regia.aids.evaluation import evaluate as run
    from regia.aids.evaluation import format_table, read_qrels

    if not 1 <= top <= 100:
        raise InputError("--top doit être entre 1 et 100", "top")
    report = run(read_qrels(_lines(qrels)), top=top, mode=_mode(mode))  # type: ignore[arg-type]
    if as_json:
        _emit(report)
    else:
        typer.echo(format_table(report))


@aids_app.command("import")
def import_(
    file: Path = typer.Argument(..., help="Source file (.json, .csv, optionally .gz)."),
    source: str = typer.Option(..., "--source", help="aides-jeunes, aides-velo or aides-territoires."),
    partial: bool = typer.Option(
        False,
        "--partial",
        help="Add or update these records only; the source's other aids stay until its next full import.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the import report as JSON."),
) -> None:
    """Import one source file into the catalogue (one transaction), then refresh the index."""
    from regia.aids.catalogue import import_file
    from regia.aids.loader import refresh_index
    from regia.db import init_db

    init_db()
    report = import_file(source, file, replace=not partial)
    refresh_index()
    if as_json:
        _emit(report.to_dict())
        return
    typer.echo(
        f"{report.source} : {report.count} aides lues, {report.added} ajoutées, {report.updated} modifiées, "
        f"{report.removed} retirées, {report.unchanged} inchangées ; "
        f"{len(report.undetermined)} au périmètre indéterminé"
    )


@aids_app.command()
def show(
    aid_id: str = typer.Argument(..., help="Public id of the aid."),
    as_json: bool = typer.Option(False, "--json", help="Print the record as JSON."),
) -> None:
    """Print one aid of the catalogue."""
    from regia.aids.catalogue import get_aid

    aid = get_aid(aid_id)
    if as_json:
        _emit(aid.model_dump())
        return
    typer.echo(
        f"{aid.title}\n{aid.institution} ({aid.perimeter.level})\n\n{aid.description}\n\n{aid.url or ''}"
    )


@aids_app.command()
def report(as_json: bool = typer.Option(False, "--json", help="Print the report as JSON.")) -> None:
    """Imports of each source and the aids whose perimeter could not be determined."""
    from regia.aids.catalogue import import_runs, undetermined_aids

    data = {"imports": import_runs(), "undetermined": undetermined_aids()}
    if as_json:
        _emit(data)
        return
    for run in data["imports"]:
        typer.echo(
            f"{run['source']} : {run['count']} aides, importées le {run['imported_at']} ({run['file']})"
        )
    typer.echo(f"\nPérimètre indéterminé ({len(data['undetermined'])}) :")
    for item in data["undetermined"]:
        typer.echo(f"- {item['id']} : {item['note']}")


@aids_app.command()
def ask(
    message: str = typer.Argument(..., help="What the person says, in plain French."),
    session: str = typer.Option(None, "--session", help="Session id returned by a previous answer."),
    as_json: bool = typer.Option(False, "--json", help="Print the answer as JSON."),
) -> None:
    """Talk to the aid agent: one message in, one answer out (a new session when --session is not given)."""
    from regia.aids.agent import ask as turn
    from regia.db import init_db

    init_db()
    reply = turn(message, session=session, channel="cli")
    if as_json:
        _emit(reply)
        return
    typer.echo(reply["answer"])
    typer.echo(f"\n(session : {reply['session']})")


@aids_app.command()
def why(
    aid_id: str = typer.Argument(..., help="Public id of the aid."),
    age: int = typer.Option(None, "--age", help="Age of the person."),
    commune: str = typer.Option(
        None, "--commune", help="Where the person lives: name, postcode or INSEE code."
    ),
    status: str = typer.Option(None, "--status", help="Situation in words: étudiant, apprenti, salarié..."),
    session: str = typer.Option(None, "--session", help="Use the profile of this conversation."),
    as_json: bool = typer.Option(False, "--json", help="Print the verdict as JSON."),
) -> None:
    """Why an aid is (or is not) open to a person: eligible, ineligible with the reasons, or unknown."""
    from regia.aids.verdicts import verdict_for

    result = verdict_for(aid_id, age=age, commune=commune, status=status, session=session)
    if as_json:
        _emit(result)
        return
    typer.echo(f"{result['title']} : {result['label']}")
    for reason in result["reasons"]:
        typer.echo(f"- {reason}")


@aids_app.command()
def demand(
    since: int = typer.Option(None, "--since", help="Only the last N days."),
    few: int = typer.Option(1, "--few", help="At most this many eligible aids counts as few."),
    top: int = typer.Option(10, "--top", help="Needs listed per department (1-100)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Frequent needs with few or no eligible aid, by department (from the anonymous steering log)."""
    from regia.aids.steering import demand as report
    from regia.db import init_db

    init_db()
    data = report(since_days=since, few=few, top=top)
    if as_json:
        _emit(data)
        return
    typer.echo(f"{data['requests']} demandes (recherches et conversations).")
    for dept in data["departments"]:
        typer.echo(f"\n{dept['name']} ({dept['department'] or '?'}) : {dept['requests']} demandes")
        for need in dept["needs"]:
            typer.echo(
                f"  - {need['label']} : {need['requests']} demandes, {need['without_eligible_aid']} "
                f"sans aide ouverte, {need['with_few_eligible_aids']} avec peu d'aides"
            )
