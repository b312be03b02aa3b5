"""`regia video ...` commands."""

from __future__ import annotations

import typer

video_app = typer.Typer(
    help="Lawful video analytics (decree 2023-828), privacy by design.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(video_app, name="video")
