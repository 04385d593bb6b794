"""The ``annotator`` command: the one composition root, where the Store, the formats and the window meet.

Exit status: 0 on success; 1 on bad input or a data error, with one line on stderr naming the file and line;
2 on a usage error; 3 on an unexpected error, whose traceback goes to the log file the message names.

Each module here holds a group of commands; importing it registers them on ``cli``.
"""

from annotator.cli import (  # noqa: F401  (registers the commands)
    agreement,
    assign,
    data,
    progress,
    project,
    suggest,
    team,
    window,
)
from annotator.cli.base import Context, Store, cli, load_seeds
from annotator.logs import APP, log_file, log_unexpected

__all__ = ["APP", "Context", "Store", "cli", "load_seeds", "log_file", "log_unexpected", "main"]


def main() -> None:
    cli(prog_name=APP)
