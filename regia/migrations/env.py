"""Alembic environment: the URL comes from the caller (regia.migrations.upgrade) or the settings."""

from __future__ import annotations

from alembic import context

from regia.config import get_settings
from regia.db import Base, get_engine, import_models

import_models()
config = context.config
url = config.get_main_option("sqlalchemy.url") or get_settings().db_url


def _skip_empty(_context, _revision, directives) -> None:
    """`regia db revision` writes nothing when the models did not change."""
    if directives[0].upgrade_ops.is_empty():
        directives[:] = []


def run() -> None:
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=Base.metadata, literal_binds=True, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    with get_engine(url).connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            process_revision_directives=_skip_empty,
        )
        with context.begin_transaction():
            context.run_migrations()


run()
