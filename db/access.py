"""Whether this program may write to a project, found when it is opened rather than at the first edit.

A SQLite project is read-only when its file is not writable, or when its folder is not (SQLite writes its log,
``NAME-wal``, and the index of the log, ``NAME-shm``, beside the file); a PostgreSQL project, when the login may
not add spans or the server takes no writes (a standby). Such a project is opened for reading, with the reason
and what to do (``ReadOnly``): every write of the Store is refused with it in one line, and the window says it
in a banner. A SQLite file in a read-only folder can be read only as immutable (SQLite can make no log there):
what another program writes meanwhile is not seen until it is opened again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, text

from annotator.errors import StoreError

ASKED = "opened read-only (--read-only)"


@dataclass(frozen=True, slots=True)
class ReadOnly:
    """Why a project is open for reading only, and what a person does to annotate it."""

    where: str
    why: str
    remedy: str

    def message(self) -> str:
        """The one line every refused write, and the window's banner, say."""
        return f"{self.where} is {self.why}: you can read and export; to annotate, {self.remedy}"


def sqlite_access(path: Path, *, asked: bool = False) -> tuple[str | None, ReadOnly | None]:
    """The URL to open the SQLite file at ``path`` with (None: the usual one), and why it is read-only (None: it
    is not). ``asked``: opened read-only on purpose. A new file in a folder nobody may write to is refused."""
    folder = path.parent
    if not path.exists():
        if not os.access(folder, os.W_OK):
            raise StoreError(
                f"cannot create {path}: the folder {folder} is read-only; "
                f"choose another place with --db, or make it writable: chmod u+w {folder}"
            )
        return None, None
    if _read_only_file_system(folder):
        why = "read-only (on a read-only file system)"
        return _uri(path, "mode=ro&immutable=1"), ReadOnly(str(path), why, "copy it to a folder you can write to")
    if not os.access(folder, os.W_OK | os.X_OK):
        why = f"read-only (the folder {folder} is not writable, and SQLite writes its log beside the file)"
        return _uri(path, "mode=ro&immutable=1"), ReadOnly(str(path), why, f"make it writable: chmod u+w {folder}")
    if _read_only_file_system(path):  # the file alone mounted read-only
        return _uri(path, "mode=ro"), ReadOnly(str(path), "read-only (a read-only mount)", "copy it elsewhere")
    if not os.access(path, os.W_OK):
        why, remedy = "read-only (file permissions)", f"make it writable: chmod u+w {path}"
        return _uri(path, "mode=ro"), ReadOnly(str(path), why, remedy)
    if asked:
        return _uri(path, "mode=ro"), ReadOnly(str(path), ASKED, "open it without --read-only")
    return None, None


def _read_only_file_system(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _uri(path: Path, parameters: str) -> str:
    return f"sqlite:///file:{quote(str(path.resolve()))}?{parameters}&uri=true"


def postgres_access(connection: Connection, where: str, *, asked: bool = False) -> ReadOnly | None:
    """Why the login of ``connection`` may only read this PostgreSQL project; None when it may write."""
    login = connection.scalar(text("SELECT session_user"))
    if connection.scalar(text("SELECT pg_is_in_recovery()")) or connection.scalar(
        text("SELECT current_setting('default_transaction_read_only') = 'on'")
    ):
        return ReadOnly(where, "read-only (the server takes no writes)", "connect to the primary server")
    if not connection.scalar(text("SELECT has_table_privilege('spans', 'INSERT')")):
        why = f"read-only for {login} (database privileges: no INSERT on spans)"
        return ReadOnly(where, why, f"ask the database's owner to run `annotator team add {login}`")
    if asked:
        return ReadOnly(where, ASKED, "open it without --read-only")
    return None
