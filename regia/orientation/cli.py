"""`regia orient ...` command."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Adds the top-level `regia orient` command (defined by the orientation capability)."""
