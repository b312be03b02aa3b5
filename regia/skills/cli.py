"""`regia skills ...` commands."""

from __future__ import annotations

import typer

skills_app = typer.Typer(
    help="Skills: ROME taxonomy, extraction from job offers, demand and training gaps.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(skills_app, name="skills")
