"""``annotator gui``: the annotation window (also what ``annotator`` alone opens)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.cli.base import Context, cli, default_database, load_seeds, pass_context
from annotator.proposer import propose
from db.store import Store

if TYPE_CHECKING:
    from ui.wiring import StoreOpener


def store_opener(db: str | Path, *, read_only: bool = False) -> StoreOpener:
    """How the window opens the project at ``db`` (a path or URL) as a person: its one way to a Store (for
    reading only with ``read_only``, as the Store opens any project this program may not write to)."""

    def open_store(user: str) -> Store:
        # the Store holds the person to their role (blind annotation too)
        return Store.open(db, user=user, read_only=read_only)

    return open_store


@cli.command()
@pass_context
def gui(context: Context) -> None:
    """Open the annotation window (the default command)."""
    from ui.app import run  # Qt loads only when the window is asked for

    if context.db_given:
        sys.exit(run(store_opener(context.db_given, read_only=context.read_only), context.annotator, propose=propose))
    path = default_database()
    first_use = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    prepare = load_seeds if first_use else None
    opener = store_opener(path, read_only=context.read_only and not first_use)
    sys.exit(run(opener, context.annotator, prepare=prepare, propose=propose))
