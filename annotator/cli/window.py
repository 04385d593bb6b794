"""``annotator gui``: the annotation window (also what ``annotator`` alone opens)."""

from __future__ import annotations

import sys

from annotator.cli.base import Context, cli, default_database, load_seeds, pass_context


@cli.command()
@pass_context
def gui(context: Context) -> None:
    """Open the annotation window (the default command)."""
    from ui.app import run  # Qt loads only when the window is asked for

    if context.db_given:
        sys.exit(run(context.db_given, context.annotator))
    path = default_database()
    first_use = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.exit(run(path, context.annotator, prepare=load_seeds if first_use else None))
