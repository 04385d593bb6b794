"""How long a write waits for another program's lock (``hurry``: the window's), and whether the lock is free now
(``writable``: what the window asks before it runs a waiting edit again)."""

from __future__ import annotations

from contextlib import AbstractContextManager

from sqlalchemy import Connection, Engine

from annotator.errors import Busy


class Probing:
    """Part of the Store (``db.store``)."""

    _writer: Engine
    _locking_writer: Engine

    def hurry(self, wait_ms: int) -> None:
        """Let each write wait ``wait_ms`` at most for another program's lock, then raise ``Busy`` with nothing
        stored (``db.engine``: SQLite's busy timeout, PostgreSQL's ``lock_timeout``): for the window, which keeps
        the edit and tries again rather than stop for 30 s."""
        self._writer = self._writer.execution_options(wait_ms=wait_ms)
        self._locking_writer = self._locking_writer.execution_options(wait_ms=wait_ms)

    def _write(self, *, lock: tuple[str, ...] | None = None) -> AbstractContextManager[Connection]:
        raise NotImplementedError  # pragma: no cover - provided by the Store

    def writable(self) -> bool:
        """Whether the write lock is free now, waiting for it no longer than a write of this Store would (see
        ``Store.hurry``); nothing is written. On PostgreSQL always True: there a write meets a lock row by row."""
        try:
            with self._write():
                return True
        except Busy:
            return False
