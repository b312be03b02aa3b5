"""The same code on PostgreSQL: migrations, the territory and aid imports, search and the agent.

A throw-away PostgreSQL server (Debian's `postgresql` package) runs on a Unix socket in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, func, select

from regia.db import Base, import_models, reset_caches

pytestmark = pytest.mark.slow

PG_BINS = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    assert PG_BINS, "PostgreSQL server binaries expected (Debian package postgresql, see scripts/install)"
    bin_dir = PG_BINS[-1].parent
    root = Path(tempfile.mkdtemp(prefix="regia-pg-"))
    # PostgreSQL refuses to run as root: as root, the server runs as the package's `postgres` user
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user:
        root.chmod(0o755)
        shutil.chown(root, "postgres")
    data, port = root / "data", _free_port()
    subprocess.run(
        [*as_user, bin_dir / "initdb", "-D", data, "-U", "regia", "-A", "trust", "--no-sync"],
        check=True,
        capture_output=True,
    )
    options = f"-k {root} -p {port} -c listen_addresses='' -c fsync=off"
    pg_ctl = [*as_user, bin_dir / "pg_ctl", "-D", data, "-l", root / "server.log"]
    subprocess.run([*pg_ctl, "-w", "-o", options, "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://regia@/postgres?host={root}&port={port}"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def on_postgres(postgres_url, regia_home) -> Iterator[str]:
    """Regia configured on the PostgreSQL database (and a home of its own for indexes)."""
    saved = {key: os.environ.get(key) for key in ("REGIA_HOME", "REGIA_DATABASE_URL")}
    home = Path(tempfile.mkdtemp(prefix="regia-pg-home-"))
    os.environ.update(REGIA_HOME=str(home), REGIA_DATABASE_URL=postgres_url)
    reset_caches()
    try:
        yield postgres_url
    finally:
        from regia.db import get_engine

        get_engine(postgres_url).dispose()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        reset_caches()
        shutil.rmtree(home, ignore_errors=True)


def test_migrations_build_the_models_schema(on_postgres):
    from regia.db import init_db

    init_db()
    import_models()
    with create_engine(on_postgres).connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_load_search_and_ask_on_postgres(on_postgres):
    from regia.aids.agent import ask
    from regia.aids.models import Aid
    from regia.aids.search import search
    from regia.db import session_scope
    from regia.loading import load_all
    from regia.territory.models import CommuneRow

    load_all(only=["territory", "aids"])
    with session_scope() as session:
        assert session.get_bind().dialect.name == "postgresql"
        communes = session.scalar(select(func.count()).select_from(CommuneRow))
        aids = session.scalar(select(func.count()).select_from(Aid))
    assert communes > 34_000 and aids > 1_000

    load_all(only=["territory", "aids"])  # idempotent on PostgreSQL too
    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(Aid)) == aids

    ids = [result.id for result in search("j'habite à Rennes, une réduction sur le bus ?").results]
    assert "rennes_metropole_transport" in ids[:3]

    first = ask("j'ai 19 ans, j'habite à Brest et je passe le permis")
    again = ask("en fait j'ai 17 ans", session=first["session"])
    assert again["session"] == first["session"] and again["profile"]["age"] == 17
