"""Telling writers that met each other from a database that refuses a change, and trying the former again.

On SQLite, write transactions run one at a time (``BEGIN IMMEDIATE``) and wait for each other up to the busy
timeout. On PostgreSQL they run side by side (``db.engine.writing``): when two of them change the same row, one
fails with a serialization error and is run again, whole, by ``retrying``. Nothing of a failed attempt was stored.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError

from annotator.errors import AnnotatorError, Busy, DataError, PermissionDenied, ReadOnlyProject, StoreError

RETRY_SECONDS = 30.0
"""How long an edit keeps trying while others hold what it needs: as long as a SQLite writer waits."""

_SERIALIZATION_FAILURE, _DEADLOCK, _UNIQUE_VIOLATION = "40001", "40P01", "23505"
_DISK_FULL, _READ_ONLY_TRANSACTION = "53100", "25006"
_INSUFFICIENT_PRIVILEGE = "42501"
_LOCK_NOT_AVAILABLE = "55P03"
"""PostgreSQL's ``lock_timeout`` ran out: what SQLite's busy timeout is there (``db.engine``, ``wait_ms``)."""
"""A team's rules (``db.team_rules``): a privilege, a row-level security policy or a lead-only table refused it."""
_UNIQUE_RETRIES = 2
"""A unique key taken by a transaction that committed meanwhile is free of conflict on the next attempt; one that
is still taken then is a real refusal."""

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")


class Conflict(DataError):
    """Another transaction changed the same data at the same moment: running the whole transaction again is safe.

    ``retries`` is how often that may help (None: until ``RETRY_SECONDS`` have passed).
    """

    def __init__(self, problem: str, *, retries: int | None, hint: str | None = None) -> None:
        super().__init__(problem, hint=hint)
        self.retries = retries


def reason(error: DBAPIError) -> str:
    """The first line of the database's own message."""
    return str(error.orig).splitlines()[0] if error.orig is not None else str(error).splitlines()[0]


def refusal(error: DBAPIError) -> AnnotatorError | None:
    """What a person is told about ``error``: a Conflict when another attempt may succeed, a DataError when the
    database refused the change, PermissionDenied when a team's rules did, Busy when another program held the
    lock for longer than the transaction would wait, a StoreError when the disk is full or the project became
    read-only after it was opened; None for other failures (the caller raises ``error`` itself)."""
    code = getattr(error.orig, "sqlstate", None)
    first = reason(error)
    if code == _LOCK_NOT_AVAILABLE or (code is None and first in ("database is locked", "database is busy")):
        return Busy()
    said = first.lower()
    if code == _DISK_FULL or "disk is full" in said:
        return StoreError(
            "the disk holding the project is full: nothing of this was stored; free some space and try again"
        )
    if code == _READ_ONLY_TRANSACTION or "readonly database" in said:
        return ReadOnlyProject(
            "the project became read-only: nothing of this was stored; make its file and folder writable "
            "(chmod u+w) and open it again"
        )
    if code == _INSUFFICIENT_PRIVILEGE:
        return PermissionDenied(f"the database refused it: {reason(error)}")
    if code in (_SERIALIZATION_FAILURE, _DEADLOCK):
        return Conflict(
            "someone else changed the same data at the same moment, and this change was not stored",
            retries=None,
            hint="try again",
        )
    if isinstance(error, IntegrityError):
        message = f"the database refused the change: {reason(error)}"
        return Conflict(message, retries=_UNIQUE_RETRIES) if code == _UNIQUE_VIOLATION else DataError(message)
    return None


def retrying(method: Callable[P, T]) -> Callable[P, T]:
    """Run ``method`` (one whole transaction) again while it fails with a Conflict, waiting a little longer each
    time, at random so that two writers that met do not meet again."""

    @functools.wraps(method)
    def again(*args: P.args, **kwargs: P.kwargs) -> T:
        deadline = time.monotonic() + RETRY_SECONDS
        tries = 0
        while True:
            try:
                return method(*args, **kwargs)
            except Conflict as conflict:
                tries += 1
                if time.monotonic() > deadline or (conflict.retries is not None and tries > conflict.retries):
                    raise
                log.debug("%s met another writer (attempt %d); running it again", method.__qualname__, tries)
                time.sleep(random.uniform(0, min(0.25, 0.002 * 2 ** min(tries, 7))))

    return again
