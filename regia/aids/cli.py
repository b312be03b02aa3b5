"""`regia aids ...` commands."""

from __future__ import annotations

import typer

aids_app = typer.Typer(
    help="Aid schemes: catalogue, hybrid search, conversational agent.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(aids_app, name="aids")
