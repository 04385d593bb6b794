"""What the window's parts are handed instead of the main window: a way to open Stores, and a place for messages.

The composition root (``annotator.cli``) makes the ``StoreOpener``; ``ui/`` opens every Store through it (the main
window's, the one of each switch of annotator, the review's, each worker thread's) and names no database itself.
"""

from __future__ import annotations

from typing import Protocol

from db.store import Store


class StoreOpener(Protocol):
    """Opens a new Store on the project the window works on, as ``user``: registered on first use, held to their
    role. Each call is a connection of its own, for one window or one thread; the caller closes it."""

    def __call__(self, user: str) -> Store: ...


class MessageSink(Protocol):
    """Where a part says in one line what it did or why not (the main window's status bar)."""

    def __call__(self, text: str) -> None: ...
