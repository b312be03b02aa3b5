"""`regia skills ...` commands."""

from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import typer

skills_app = typer.Typer(
    help="Skills: ROME taxonomy, extraction from job offers, demand and training gaps.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(skills_app, name="skills")


def _print_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@contextmanager
def _clear_errors():
    """Bad input (unknown territory, bad period...) -> its message on stderr and exit code 2."""
    from regia.cli import fail
    from regia.errors import InputError

    try:
        yield
    except InputError as exc:
        raise fail(exc.message) from None


@skills_app.command("extract")
def extract_command(
    file: str = typer.Argument(
        ..., help="JSONL of France Travail offers (id, intitule, description); - for stdin."
    ),
    json_output: bool = typer.Option(
        True, "--json/--no-json", help="JSONL output (the only format; default)."
    ),
    engine: str = typer.Option("local", "--engine", help="local or dask."),
    scheduler: str = typer.Option(
        None, "--scheduler", help="Dask scheduler address (default: a LocalCluster)."
    ),
    workers: int = typer.Option(2, "--workers", help="LocalCluster worker processes (dask engine)."),
) -> None:
    """Occupations (top 5) and skills (20 at most, with their evidence) of each offer, as JSONL on stdout.

    Bad lines (malformed JSON, no id, empty, too long or non-French description) are skipped with their
    reason on stderr; the run goes on and ends with the count of skipped lines."""
    from regia.cli import fail
    from regia.config import get_settings
    from regia.skills.batch import chunks, read_offers, run_dask, run_local
    from regia.skills.extraction import get_extractor

    if engine not in ("local", "dask"):
        raise fail("--engine : local ou dask.")
    if workers < 1:
        raise fail("--workers : au moins 1.")
    if file == "-":
        stream = sys.stdin.buffer
    else:
        path = Path(file)
        if not path.is_file():
            raise fail(f"fichier introuvable : {file}")
        stream = path.open("rb")
    skipped = 0
    done = 0

    def good_offers():
        nonlocal skipped
        for offer, bad in read_offers(stream, get_settings().skills_max_description_chars):
            if bad:
                skipped += 1
                name = f" (id {bad.id})" if bad.id else ""
                typer.echo(f"ligne {bad.line}{name} ignorée : {bad.reason}", err=True)
            else:
                yield offer

    with _clear_errors():
        extractor = get_extractor()
    started = time.perf_counter()
    batches = chunks(good_offers())
    results = (
        run_local(extractor, batches)
        if engine == "local"
        else run_dask(extractor, batches, scheduler, workers)
    )
    for text in results:
        sys.stdout.write(text)
        done += text.count("\n")
    sys.stdout.flush()
    if stream is not sys.stdin.buffer:
        stream.close()
    elapsed = time.perf_counter() - started
    typer.echo(
        f"{done} offres extraites, {skipped} lignes ignorées ({elapsed:.1f} s, moteur {engine}).", err=True
    )


@skills_app.command("occupations")
def occupations_command(
    text: str = typer.Argument(..., help="A job title, e.g. 'boulanger'."),
    k: int = typer.Option(10, "-k", help="How many occupations."),
    json_output: bool = typer.Option(False, "--json", help="JSON output."),
) -> None:
    """ROME occupations for a job title."""
    from regia.skills import search_occupations

    with _clear_errors():
        found = search_occupations(text, k)
    if json_output:
        _print_json(found)
        return
    for row in found:
        typer.echo(f"{row['code']}  {row['score']:.3f}  {row['label']}  (« {row['appellation']} »)")


@skills_app.command("occupation")
def occupation_command(
    code: str = typer.Argument(..., help="ROME code, e.g. M1801."),
    json_output: bool = typer.Option(False, "--json", help="JSON output."),
) -> None:
    """A ROME fiche: skills, mobility, appellations."""
    from regia.cli import fail
    from regia.skills import occupation

    found = occupation(code)
    if found is None:
        raise fail(f"code ROME inconnu : {code}")
    if json_output:
        _print_json(found)
        return
    riasec = found["riasec"]["major"] + (found["riasec"]["minor"] or "")
    typer.echo(f"{found['code']} {found['label']} (RIASEC {riasec})")
    for skill in found["skills"]:
        typer.echo(f"  {'*' if skill['core'] else ' '} {skill['code']} [{skill['kind']}] {skill['label']}")


@skills_app.command("demand")
def demand_command(
    territory: str = typer.Option(
        "FR", "--territory", help="FR, region (84), department (07, dep:84), commune."
    ),
    period: str = typer.Option(None, "--period", help="YYYY-MM or YYYY-MM..YYYY-MM."),
    occupation: str = typer.Option(None, "--occupation", help="Only offers of this ROME code."),
    limit: int = typer.Option(20, "--limit", help="Rows per list."),
    json_output: bool = typer.Option(False, "--json", help="JSON output."),
) -> None:
    """Most demanded skills, occupations and expressions of the stored offers, with counts and shares."""
    from regia.skills.demand import demand

    with _clear_errors():
        data = demand(territory, period, occupation, limit)
    if json_output:
        _print_json(data)
        return
    typer.echo(f"{data['offers']} offres ({data['territory']['name']})")
    for title, key, rows in (
        ("Compétences", "label", data["skills"]),
        ("Métiers", "label", data["occupations"]),
        ("Expressions", "text", data["expressions"]),
    ):
        typer.echo(f"\n{title}")
        for row in rows:
            typer.echo(f"  {row['offers']:5d}  {row['share']:6.1%}  {row[key]}")


@skills_app.command("gap")
def gap_command(
    territory: str = typer.Option(
        ..., "--territory", help="FR, region (84), department (07, dep:84), commune."
    ),
    out: Path = typer.Option(None, "--out", help="HTML report to write (a CSV is written next to it)."),
    csv_path: Path = typer.Option(None, "--csv", help="CSV path (default: the report's name with .csv)."),
    json_output: bool = typer.Option(False, "--json", help="JSON output on stdout."),
    min_offers: int = typer.Option(2, "--min-offers", help="Skills asked by fewer offers are left out."),
    limit: int = typer.Option(30, "--limit", help="Rows per table."),
) -> None:
    """Skills and occupations in demand on a territory against its training supply: HTML report + CSV."""
    from regia.cli import fail
    from regia.skills.demand import gap
    from regia.skills.report import write_csv, write_html

    if out is None and not json_output:
        raise fail("indiquez --out report.html ou --json.")
    if min_offers < 1 or not 1 <= limit <= 500:
        raise fail("--min-offers : au moins 1 ; --limit : entre 1 et 500.")
    with _clear_errors():
        result = gap(territory, min_offers=min_offers, limit=limit)
    if out is not None:
        if out.suffix.lower() not in (".html", ".htm"):
            raise fail("--out : un fichier .html.")
        write_html(result, out)
        csv_file = csv_path or out.with_suffix(".csv")
        write_csv(result, csv_file)
        typer.echo(f"rapport : {out} ; tableau : {csv_file}", err=True)
    if json_output:
        _print_json(result.to_dict())


@skills_app.command("build-data")
def build_data_command(
    shared: Path = typer.Option(None, "--shared", help="Open data folder (default: REGIA_SHARED_DATA_DIR)."),
    out: Path = typer.Option(None, "--out", help="Output folder (default: data/skills)."),
    embeddings: bool = typer.Option(
        True, "--embeddings/--no-embeddings", help="Recompute the fiche embeddings."
    ),
) -> None:
    """Regenerate data/skills/ from the real open data (ROME, ESCO, offers, trainings, embeddings)."""
    from regia.cli import fail
    from regia.config import get_settings
    from regia.skills.bundle import build

    settings = get_settings()
    shared = shared or settings.shared_data_dir
    if not (shared / "emploi" / "rome-4.0").is_dir():
        raise fail(f"données ouvertes introuvables dans {shared}")
    for path in build(shared, out or settings.data_dir / "skills", embeddings=embeddings):
        typer.echo(f"{path.name}\t{path.stat().st_size} octets", err=True)
