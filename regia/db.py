"""SQLAlchemy 2 engine and sessions: a SQLite file by default, PostgreSQL by URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from regia.config import get_settings


class Base(DeclarativeBase):
    """Declarative base shared by every capability's tables."""


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


@lru_cache
def get_engine(url: str | None = None) -> Engine:
    url = url or get_settings().db_url
    if url.startswith("sqlite:///"):
        from pathlib import Path

        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


@lru_cache
def _sessionmaker(url: str | None = None) -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A transaction: committed when the block ends, rolled back (nothing changed) on any error."""
    session = _sessionmaker(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def import_models() -> None:
    """Import every capability's tables so that the metadata is complete."""
    import importlib

    for name in ("territory", "aids", "projects", "skills", "orientation", "video", "heritage"):
        try:
            importlib.import_module(f"regia.{name}.models")
        except ModuleNotFoundError as exc:
            if exc.name != f"regia.{name}.models":
                raise


_UP_TO_DATE: set[str] = set()  # databases this process already brought to the latest revision


def init_db(url: str | None = None) -> None:
    """Bring the schema up to date (Alembic migrations), once per database and process."""
    from regia.migrations import upgrade

    url = url or get_settings().db_url
    if url not in _UP_TO_DATE:
        upgrade(url)
        _UP_TO_DATE.add(url)


def reset_caches() -> None:
    """Forget cached settings, engines and sessions (tests switch databases through the environment)."""
    get_settings.cache_clear()
    get_engine.cache_clear()
    _sessionmaker.cache_clear()
    _UP_TO_DATE.clear()
