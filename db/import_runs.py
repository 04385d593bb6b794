"""An import of one file, as readers see it: all of it or nothing, without holding SQLite's write lock for long.

A file of at most ``FIRST`` records, and every file on PostgreSQL (whose readers and
editors never wait for a writer), is written in one transaction. A larger file on SQLite is written a batch per
transaction, each about ``TARGET_SECONDS`` long (the batch's size follows the time the last one took), between
which editors and readers go on: its documents and layers are
listed beside a row of the ``imports`` table and hidden from every reader (``db.visibility``) while that row
exists. Finishing is one short transaction that deletes that row: the whole file is visible at once. A failed
import (a bad record late in the file, a full disk, Ctrl+C) deletes what it wrote in chunks; nothing of it was
ever visible. An import killed outright leaves hidden rows behind, which the next import or the next opening of
the project deletes: the importing process holds an OS lock (``flock``) on a file beside the project for as long
as it runs, so a row whose lock is free belongs to a process that is gone.
"""

from __future__ import annotations

import fcntl
import os
import socket
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from itertools import chain, islice
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, delete, insert, select, update

from annotator.errors import StoreError
from annotator.model import ImportReport
from annotator.schema import Schema
from db.assignments import checked_records
from db.bulk_import import Importer, Numbered
from db.engine import lock_imports
from db.models import (
    AnnotatorRow,
    AssignmentRow,
    DocumentRow,
    ImportedAnnotatorRow,
    ImportedDocumentRow,
    ImportedLayerRow,
    ImportRow,
    LayerRow,
)

Write = Callable[..., AbstractContextManager[Connection]]
"""The Store's ``_write``: one write transaction (``lock=`` the tables it holds on PostgreSQL)."""

FIRST = 100
"""Records of a file written in one transaction: a file no longer than this takes a small part of a second."""
TARGET_SECONDS = 0.25
"""How long each transaction of a larger file should hold the write lock (the machine's load makes it vary)."""
LARGEST = 2_000
"""The most records in one batch, however fast the machine writes them."""
DELETE_CHUNK = 200
"""Layers or documents deleted per transaction when a failed import is cleaned (with their spans and relations)."""
CLEAR_CHUNK = 5_000
"""Rows of the side tables deleted per transaction once an import is visible."""

lock_times: list[float] | None = None
"""When a list (``benchmarks/``), how long each transaction of a chunked import held the write lock, in seconds."""


def import_file(
    write: Write,
    records: Iterable[Numbered],
    schema: Schema,
    user: str | None,
    source: str,
    replace: bool,
    project: Path | None,
) -> ImportReport:
    """Import ``records`` (one file, named ``source``) for ``user`` as described above; ``project`` is the SQLite
    file (None elsewhere)."""
    iterator = iter(records)
    first = list(islice(iterator, FIRST))
    rest = list(islice(iterator, 1))
    if project is None or not rest:
        with write(lock=("annotators",)) as connection:  # only a new name's opening waits
            lock_imports(connection)
            whole = Importer(connection, schema, replace=replace)
            whole.add(checked_records(connection, user, chain(first, rest, iterator), source), source)
            return whole.report
    sweep(write, project)
    run = _Run.begin(write, project)
    importer: Importer | None = None
    try:
        batch, size, records = first, len(first), chain(rest, iterator)
        while batch:  # each batch is read before its transaction begins
            with _timed(write) as connection:
                began = time.perf_counter()
                run.check(connection)
                if importer is None:
                    importer = Importer(connection, schema, replace=replace, run=run.id)
                importer.connection = connection
                importer.add_batch(list(checked_records(connection, user, batch, source)), source)
            took = max(time.perf_counter() - began, 1e-3)
            size = max(1, min(LARGEST, (size + int(size * TARGET_SECONDS / took)) // 2))
            batch = list(islice(records, size))
        assert importer is not None
        with _timed(write) as connection:
            run.check(connection)
            importer.connection = connection
            importer.finish()
            connection.execute(delete(ImportRow).where(ImportRow.id == run.id))
    except BaseException:
        run.abandon(write)
        raise
    run.clear(write)
    return importer.report


class _timed(AbstractContextManager[Connection]):
    """A write transaction whose length is recorded in ``lock_times`` when it is a list."""

    def __init__(self, write: Write) -> None:
        self._inner = write(lock=("annotators",))
        self._began = 0.0

    def __enter__(self) -> Connection:
        connection = self._inner.__enter__()
        self._began = time.perf_counter()
        return connection

    def __exit__(self, *exc: object) -> bool | None:
        try:
            return self._inner.__exit__(*exc)  # type: ignore[arg-type]
        finally:
            if lock_times is not None:
                lock_times.append(time.perf_counter() - self._began)


def lock_path(project: Path, import_id: int) -> Path:
    """The file beside the project that the process running import ``import_id`` holds locked while it runs."""
    return project.with_name(f"{project.name}.import-{import_id}.lock")


def _locked(path: Path) -> IO[bytes] | None:
    """``path`` opened and locked for this process; None when another process holds it."""
    handle = path.open("ab")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


class _Run:
    """One chunked import's row, and the lock that says its process is alive."""

    def __init__(self, import_id: int, project: Path, handle: IO[bytes]) -> None:
        self.id, self.project, self.handle = import_id, project, handle

    @classmethod
    def begin(cls, write: Write, project: Path) -> _Run:
        row = {"pid": os.getpid(), "host": socket.gethostname()[:200], "state": "running"}
        with write() as connection:
            import_id = int(connection.scalar(insert(ImportRow).returning(ImportRow.id), row) or 0)
            # Locked before the row is committed: no one can take the row for one whose process is gone.
            handle = _locked(lock_path(project, import_id))
            if handle is None:  # pragma: no cover - a fresh id's file is nobody's
                raise StoreError(f"cannot lock {lock_path(project, import_id)}: another process holds it")
        return cls(import_id, project, handle)

    def check(self, connection: Connection) -> None:
        if connection.scalar(select(ImportRow.id).where(ImportRow.id == self.id)) is None:  # pragma: no cover
            raise StoreError("the import's rows were deleted by another program meanwhile; nothing was imported")

    def abandon(self, write: Write) -> None:
        """Delete what the import wrote, in chunks; whatever is left (the disk full, a second Ctrl+C) stays hidden
        and is deleted by the next import or opening, once this process has let go of its lock."""
        try:
            with write() as connection:
                connection.execute(update(ImportRow).where(ImportRow.id == self.id).values(state="failed"))
            delete_import(write, self.id)
            self.release()
        except BaseException:  # the error that made the import fail is the one to tell
            self.handle.close()

    def clear(self, write: Write) -> None:
        """Once the import is visible: its side rows deleted in chunks (no reader needs them), its lock let go."""
        try:
            clear_finished(write)
        finally:
            self.release()

    def release(self) -> None:
        lock_path(self.project, self.id).unlink(missing_ok=True)
        self.handle.close()


def delete_import(write: Write, import_id: int) -> None:
    """Delete the hidden rows of a failed import, a chunk per transaction, then the annotators it registered that
    nothing uses, and its row."""
    for side, column, table in (
        (ImportedLayerRow, ImportedLayerRow.layer_id, LayerRow),
        (ImportedDocumentRow, ImportedDocumentRow.document_id, DocumentRow),
    ):
        while True:
            with write() as connection:
                ids = list(connection.scalars(select(column).where(side.import_id == import_id).limit(DELETE_CHUNK)))
                if not ids:
                    break
                connection.execute(delete(table).where(table.id.in_(ids)))
                connection.execute(delete(side).where(column.in_(ids)))
    with write() as connection:
        created = select(ImportedAnnotatorRow.annotator_id).where(ImportedAnnotatorRow.import_id == import_id)
        layers = select(LayerRow.id).where(LayerRow.annotator_id == AnnotatorRow.id)
        given = select(AssignmentRow.id).where(AssignmentRow.annotator_id == AnnotatorRow.id)
        unused = AnnotatorRow.id.in_(created) & ~layers.exists() & ~given.exists()
        connection.execute(delete(AnnotatorRow).where(unused))
        connection.execute(delete(ImportedAnnotatorRow).where(ImportedAnnotatorRow.import_id == import_id))
        connection.execute(delete(ImportRow).where(ImportRow.id == import_id))


def clear_finished(write: Write) -> None:
    """Delete the side rows of finished imports (their import's row is gone), a chunk per transaction."""
    for side, column in (
        (ImportedDocumentRow, ImportedDocumentRow.document_id),
        (ImportedLayerRow, ImportedLayerRow.layer_id),
        (ImportedAnnotatorRow, ImportedAnnotatorRow.annotator_id),
    ):
        finished = side.import_id.not_in(select(ImportRow.id))
        while True:
            with write() as connection:
                ids = list(connection.scalars(select(column).where(finished).limit(CLEAR_CHUNK)))
                if not ids:
                    break
                connection.execute(delete(side).where(column.in_(ids)))


def leftovers(connection: Connection) -> bool:
    """Whether an import left anything to clean: one statement (opening a project asks it)."""
    any_row = select(ImportRow.id).union_all(
        select(ImportedDocumentRow.import_id),
        select(ImportedLayerRow.import_id),
        select(ImportedAnnotatorRow.import_id),
    )
    return connection.scalar(any_row.limit(1)) is not None


def sweep(write: Write, project: Path) -> None:
    """Delete what imports whose process is gone left hidden, and the side rows of finished ones."""
    with write() as connection:
        runs = list(connection.scalars(select(ImportRow.id)))
    for import_id in runs:
        path = lock_path(project, import_id)
        handle = _locked(path)
        if handle is None:
            continue  # its process is still running it
        try:
            delete_import(write, import_id)
            path.unlink(missing_ok=True)
        finally:
            handle.close()
    clear_finished(write)
