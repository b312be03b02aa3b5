"""`regia heritage ...` commands."""

from __future__ import annotations

import typer

heritage_app = typer.Typer(
    help="Heritage video description: shots, OCR, speech, places, subtitles, metadata.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(heritage_app, name="heritage")
