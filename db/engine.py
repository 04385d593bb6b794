"""Engines for SQLite files and PostgreSQL servers, with the settings docs/ARCHITECTURE.md describes ("Storage")."""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

import orjson
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry, NullPool

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
        engine = create_engine(url, pool_pre_ping=True, **json)

        @event.listens_for(engine, "begin")
        def _lock_timeout(connection: Connection) -> None:
            # A hurried writer (``wait_ms``) waits that long for a row or table lock, then fails with 55P03 (Busy).
            wait = connection.get_execution_options().get("wait_ms")
            if wait is not None:
                connection.exec_driver_sql(f"SET LOCAL lock_timeout = {int(wait)}")

        return engine
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **json)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN, rather than the driver's own guesswork.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if "mode=ro" not in url:  # a project opened read-only (db.access) is left in the mode it is in
            _into_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        record.info["busy_timeout"] = BUSY_TIMEOUT_MS
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        options = connection.get_execution_options()
        # How long this transaction waits for another's write lock: a hurried writer (``wait_ms``, the window's)
        # only a moment, then SQLite says "database is locked" (Busy) and the window tries again later.
        # Set only when it changes: the connection keeps it (one statement less per edit).
        wait = int(options.get("wait_ms", BUSY_TIMEOUT_MS))
        held = connection.connection.info
        # Both on the driver's connection, as the COMMIT is: through SQLAlchemy's statement machinery, its events
        # and its result, a BEGIN cost about 0.1 ms of a transaction's 0.15 (the window's edits, every read).
        driver: sqlite3.Connection = connection.connection.driver_connection  # type: ignore[assignment]
        statement = "BEGIN IMMEDIATE" if options.get("sqlite_immediate", False) else "BEGIN"
        try:
            if held.get("busy_timeout") != wait:
                driver.execute(f"PRAGMA busy_timeout={wait}")
                held["busy_timeout"] = wait
            driver.execute(statement)
        except sqlite3.Error as error:  # as SQLAlchemy would have raised it: "database is locked" is Busy
            raise DBAPIError.instance(statement, None, error, sqlite3.Error) from None

    return engine


def _into_wal(cursor: sqlite3.Cursor) -> None:
    """Put the file in WAL mode (once for good: it is written in the file). SQLite does not wait for other
    connections to let go of the file for this, as it waits for their writes: when several programs open a new
    project at the same moment, all but one are told "database is locked". They try again until it is done."""
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
        time.sleep(random.uniform(0.005, 0.02))


def _dumps(value: object) -> str:
    return orjson.dumps(value).decode()


def writing(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions are write transactions: on SQLite they take the write lock
    at once (see ``make_engine``). On PostgreSQL they are REPEATABLE READ: one that would change a row another
    changed since it began fails with a serialization error, which ``db.conflicts.retrying`` runs again. Every edit
    of a layer updates the layer's row (its ``version``), so two edits of one layer never pass each other.

    (SERIALIZABLE would also catch write skew, which the edits cannot make; on small tables it reads whole tables
    and then fails one transaction in four that touch unrelated layers.)"""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="REPEATABLE READ")
    return engine.execution_options(sqlite_immediate=True)


def reading(engine: Engine) -> Engine:
    """The same engine for read transactions: on PostgreSQL REPEATABLE READ, so that a read of several statements
    (a layer's spans, then its relations) sees the database at one moment, as SQLite's read transactions do."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="REPEATABLE READ")
    return engine


def locking(engine: Engine) -> Engine:
    """The same engine for write transactions that cannot be retried (an import reads its records once): on SQLite
    as ``writing``; on PostgreSQL READ COMMITTED, and imports wait for each other (``lock_imports``)."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="READ COMMITTED")
    return engine.execution_options(sqlite_immediate=True)


def lock_tables(connection: Connection, tables: tuple[str, ...]) -> None:
    """On PostgreSQL, make ``connection``'s transaction the only writer of ``tables`` until it ends (readers go on).

    SQLite needs nothing: its write transactions already run one at a time.
    """
    if tables and connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"LOCK TABLE {', '.join(tables)} IN SHARE ROW EXCLUSIVE MODE")


IMPORT_LOCK = 0x696D706F  # any number, the same in every copy of the program: "impo"


def lock_imports(connection: Connection) -> None:
    """On PostgreSQL, make ``connection``'s transaction the only import until it ends. Only imports wait for it:
    edits, reads and opening a project go on (a table lock here once made them all wait for the whole import).

    SQLite needs nothing: its write transactions already run one at a time.
    """
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({IMPORT_LOCK})")


def login_name(url: str) -> str | None:
    """The login a PostgreSQL URL connects as: the URL's user, else the one libpq picks (from a service file,
    ``$PGUSER`` or the system's user name), as the server names it; None for SQLite, or when the server cannot be
    reached (opening the Store then says why)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return None
    if parsed.username:
        return parsed.username
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return str(connection.scalar(text("SELECT session_user")))
    except DBAPIError:
        return None
    finally:
        engine.dispose()
