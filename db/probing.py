"""Whether the project takes a write now: what the window asks before it runs a waiting edit again."""

from __future__ import annotations

from contextlib import AbstractContextManager

from sqlalchemy import Connection

from annotator.errors import Busy


class Probing:
    """Part of the Store (``db.store``): asks for the write lock as a write would, and lets go at once."""

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
