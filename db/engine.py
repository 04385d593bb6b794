"""Engines for SQLite files and PostgreSQL servers, with the settings ARCHITECTURE.md asks for."""

from __future__ import annotations

from pathlib import Path

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from annotator.errors import StoreError

BUSY_TIMEOUT_MS = 30_000
"""How long a SQLite writer waits for another process's write to finish before it gives up."""


def database_url(db: str | Path) -> str:
    """An SQLAlchemy URL for a file path or a URL (``sqlite:///x.db``, ``postgresql+psycopg://...``)."""
    text = str(db)
    if "://" not in text:
        return "sqlite:///" + str(Path(text).expanduser().resolve())
    try:
        url = make_url(text)
    except ArgumentError:
        raise StoreError(f"{text!r} is neither a file path nor a database URL") from None
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"{url.get_backend_name()!r} databases are not supported; use SQLite or PostgreSQL")
    if url.drivername == "postgresql":  # no driver named: psycopg 3, whatever SQLAlchemy's default
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL; None for other databases and for in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    """An engine for ``url``. On SQLite: WAL, foreign keys, a busy timeout and full sync on every connection,
    and transactions begun by ``writing(engine)`` take the write lock at once (``BEGIN IMMEDIATE``), so two
    processes never deadlock upgrading a read lock."""
    json = {"json_serializer": _dumps, "json_deserializer": orjson.loads}
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **json)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **json)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" event below emit BEGIN, rather than the driver's own guesswork.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _dumps(value: object) -> str:
    return orjson.dumps(value).decode()


def writing(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions are write transactions (see ``make_engine``)."""
    return engine.execution_options(sqlite_immediate=True)
