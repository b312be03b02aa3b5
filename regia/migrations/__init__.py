"""Schema management with Alembic: `upgrade` brings any database to the latest revision."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect


def alembic_config(url: str) -> Config:
    """Alembic configuration for this package's revisions, without an alembic.ini."""
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    """Apply the missing revisions. A database created before migrations existed (tables but no
    revision) gets its missing tables, then is stamped at the latest revision."""
    from regia.db import Base, get_engine, import_models

    config = alembic_config(url)
    with get_engine(url).connect() as connection:
        tables = set(inspect(connection).get_table_names())
    if tables and "alembic_version" not in tables:
        import_models()
        Base.metadata.create_all(get_engine(url))
        command.stamp(config, "head")
        return
    command.upgrade(config, "head")


def current_revision(url: str) -> str | None:
    from alembic.migration import MigrationContext

    from regia.db import get_engine

    with get_engine(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def new_revision(url: str, message: str) -> Path | None:
    """Write the revision that takes a database at head to the current models (developers);
    None when the models did not change."""
    from regia.db import import_models

    upgrade(url)
    import_models()
    script = command.revision(alembic_config(url), message=message, autogenerate=True)
    return Path(script.path) if script else None
