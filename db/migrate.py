"""Bringing a database to the program's schema version with Alembic.

A SQLite file that holds data is copied aside before it is migrated; a database made by a newer program
is refused, never touched.
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from annotator.errors import StoreError
from db.engine import locking, sqlite_path

_MIGRATION_LOCK = 0x616E6E6F  # any number, the same in every copy of the program: "anno"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("db").joinpath("migrations")))
    return config


def head_revision() -> str:
    """The newest schema version this program knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's schema version; None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_revision(engine: Engine, url: str) -> str | None:
    """The database's revision, after making sure this program knows it."""
    current = current_revision(engine)
    known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"{_where(url)} was made by a newer version of annotator (schema {current}; this one knows up to "
            f"{head_revision()}); upgrade annotator to open it"
        )
    return current


def upgrade(engine: Engine, url: str) -> bool:
    """Migrate to the newest schema; True when anything changed. A SQLite file with data is backed up first."""
    current = check_revision(engine, url)
    head = head_revision()
    if current == head:
        return False
    path = sqlite_path(url)
    if current is not None and path is not None and path.exists():
        backup = path.with_name(f"{path.name}.before-{head}.bak")
        _copy_sqlite(engine, backup)
    config = _config()
    # One process migrates at a time: SQLite's write lock, or on PostgreSQL a lock for the transaction's length.
    # Alembic reads the revision again under it, so the second process finds nothing left to do.
    with locking(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True


def _copy_sqlite(engine: Engine, backup: Path) -> None:
    # The online backup API copies a consistent snapshot, WAL contents included; a file copy might not.
    with engine.connect() as connection:
        source = connection.connection.dbapi_connection
        target = sqlite3.connect(str(backup))
        try:
            source.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()


def _where(url: str) -> str:
    path = sqlite_path(url)
    return str(path) if path else "the database"
