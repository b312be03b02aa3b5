"""`regia territory ...` commands."""

from __future__ import annotations

import typer

territory_app = typer.Typer(
    help="Territory referential: communes, EPCI, departments, regions; resolve places.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(territory_app, name="territory")
