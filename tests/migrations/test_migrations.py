"""The Alembic revisions build exactly the schema the models declare, and adopt older databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from regia.db import Base, import_models
from regia.migrations import alembic_config, upgrade


def _head(url: str) -> str:
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def _current(url: str) -> str | None:
    with create_engine(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_revisions_build_the_models_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    upgrade(url)
    import_models()
    with create_engine(url).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == [], "a model changed without its Alembic revision (alembic revision --autogenerate)"
    assert _current(url) == _head(url)
    upgrade(url)  # at head: nothing to do, nothing breaks
    assert _current(url) == _head(url)


def test_database_created_before_migrations_is_completed_and_stamped(tmp_path):
    url = f"sqlite:///{tmp_path / 'legacy.db'}"
    import_models()
    engine = create_engine(url)
    tables = [t for t in Base.metadata.sorted_tables if t.name.startswith("territory_")]
    Base.metadata.create_all(engine, tables=tables)
    upgrade(url)
    names = set(inspect(create_engine(url)).get_table_names())
    assert set(Base.metadata.tables) <= names
    assert _current(url) == _head(url)


def test_cli_upgrades_and_writes_no_empty_revision(fresh_home):
    from typer.testing import CliRunner

    from regia.cli import app
    from regia.config import get_settings

    url = get_settings().db_url
    runner = CliRunner()
    upgraded = runner.invoke(app, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"schema at revision {_head(url)}" in upgraded.output
    assert _current(url) == _head(url)
    unchanged = runner.invoke(app, ["db", "revision", "no change"])
    assert unchanged.exit_code == 0, unchanged.output
    assert "no revision written" in unchanged.output
