"""Bringing a database to the program's schema version with Alembic.

A SQLite file that holds data is copied aside before it is migrated; a database made by a newer program
is refused, never touched. Alembic (with Mako and Pygments, a sixth of a second to import) is loaded only when a
database is not already at ``HEAD``: opening an up-to-date project, the common case, reads one row.
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sqlalchemy import Engine, inspect, text

from annotator.errors import StoreError
from db.engine import locking, sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

HEAD = "0004"
"""The newest revision in db/migrations/versions; a test holds it equal to Alembic's head. Update both together."""

_MIGRATION_LOCK = 0x616E6E6F  # any number, the same in every copy of the program: "anno"
_VERSION_TABLE = "alembic_version"


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("db").joinpath("migrations")))
    return config


def head_revision() -> str:
    """The newest schema version this program knows."""
    return HEAD


def script_head() -> str:
    """The head revision as Alembic finds it in the migration scripts (slow: loads Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's schema version; None for an empty database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(_VERSION_TABLE):
            return None
        revision: str | None = connection.scalar(text(f"SELECT version_num FROM {_VERSION_TABLE}"))
        return revision


def check_revision(engine: Engine, url: str) -> str | None:
    """The database's revision, after making sure this program knows it."""
    current = current_revision(engine)
    if current is None or current == HEAD:
        return current
    from alembic.script import ScriptDirectory

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
    from alembic import command

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
        source = cast(sqlite3.Connection, connection.connection.dbapi_connection)  # sqlite3's own connection
        target = sqlite3.connect(str(backup))
        try:
            source.backup(target)
        finally:
            target.close()


def _where(url: str) -> str:
    path = sqlite_path(url)
    return str(path) if path else "the database"
