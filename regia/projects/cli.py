"""`regia projects ...` commands."""

from __future__ import annotations

import typer

projects_app = typer.Typer(
    help="The Region's geolocated projects by commune and theme.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(projects_app, name="projects")
