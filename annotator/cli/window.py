"""``annotator gui``: the annotation window (also what ``annotator`` alone opens)."""

from __future__ import annotations

from annotator.cli.base import Context, cli, pass_context
from annotator.errors import DataError


@cli.command()
@pass_context
def gui(context: Context) -> None:
    """Open the annotation window (the default command)."""
    raise DataError(
        "the annotation window is not part of this version yet",
        hint="use `annotator import`, `annotator stats` and `annotator export`",
    )
