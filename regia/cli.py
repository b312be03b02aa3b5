"""Root command ``regia``: each capability adds its own sub-commands through ``register(app)``."""

from __future__ import annotations

import importlib
import logging
import sys

import typer

from regia import __version__

app = typer.Typer(
    name="regia",
    help="Regia: AI services of a French Region (aids, projects, skills, orientation, video, heritage).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Order matters for `regia --help` only; every module must stay cheap to import.
CAPABILITIES = ("territory", "aids", "projects", "skills", "orientation", "video", "heritage")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a clear error on stderr and return the exit to raise."""
    typer.echo(f"Erreur : {message}", err=True)
    return typer.Exit(code)


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log more on stderr."),
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


@app.command()
def load(
    only: list[str] = typer.Option(None, "--only", help="Load only these capabilities."),
) -> None:
    """Build the default database and indexes from the bundled data (idempotent)."""
    from regia.loading import load_all

    load_all(only=only or None)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, help="Worker processes."),
) -> None:
    """Serve the portal and the API (builds the database first if it is missing)."""
    import uvicorn

    from regia.loading import ensure_loaded

    ensure_loaded()
    uvicorn.run("regia.web.app:create_app", factory=True, host=host, port=port, workers=workers)


db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the database (REGIA_DATABASE_URL, SQLite by default) to the latest schema revision."""
    from regia.config import get_settings
    from regia.migrations import current_revision, upgrade

    url = get_settings().db_url
    upgrade(url)
    typer.echo(f"schema at revision {current_revision(url)}")


@db_app.command("revision")
def db_revision(message: str = typer.Argument(..., help="What the change does.")) -> None:
    """Write a new revision from the difference between the models and the database (developers)."""
    from regia.config import get_settings
    from regia.migrations import new_revision

    path = new_revision(get_settings().db_url, message)
    typer.echo(f"written: {path}" if path else "the models did not change: no revision written")


for _name in CAPABILITIES:
    importlib.import_module(f"regia.{_name}.cli").register(app)


def main() -> None:
    from regia.errors import InputError

    try:
        app()
    except InputError as exc:
        typer.echo(f"Erreur : {exc.message}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
