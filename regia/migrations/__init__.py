"""Schema management."""

from __future__ import annotations


def upgrade(url: str) -> None:
    """Create missing tables. (Alembic revisions replace this once the schema settles.)"""
    from regia.db import Base, get_engine, import_models

    import_models()
    Base.metadata.create_all(get_engine(url))
