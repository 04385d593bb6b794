"""What every command shares: the group with its error handling, the context, progress bars."""

from __future__ import annotations

import functools
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import platformdirs
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

import seeds
from annotator import __version__
from annotator.errors import AnnotatorError
from annotator.formats.plaintext import read_text
from annotator.logs import APP, log_unexpected
from annotator.model import ImportReport
from db.engine import database_url, login_name
from db.store import Store as Store  # re-exported by annotator.cli (which may not import db/ itself)

EXIT_DATA, EXIT_UNEXPECTED = 1, 3
EXIT_BROKEN_PIPE = 141  # as a shell reports a command ended by SIGPIPE

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def default_database() -> Path:
    """Where the database lives when neither --db nor $ANNOTATOR_DB names one."""
    return Path(platformdirs.user_data_dir(APP)) / "annotator.db"


class Group(click.Group):
    """Turns expected errors into one line and exit 1, unexpected ones into a logged traceback and exit 3."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AnnotatorError as error:
            err.print(f"error: {error}", markup=False)
            ctx.exit(EXIT_DATA)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # The reader stopped reading (`annotator export | head`): nothing is wrong, and nothing more to say.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(EXIT_BROKEN_PIPE)
        except KeyboardInterrupt:
            err.print("interrupted: nothing of the unfinished step was stored")
            ctx.exit(130)
        except Exception as error:
            path = log_unexpected(error)
            err.print(f"unexpected error: {error.__class__.__name__}: {error}; the details are in {path}", markup=False)
            ctx.exit(EXIT_UNEXPECTED)


class Context:
    """What every command shares: where the database is and who is working.

    Who is working is ``--annotator``, else the login of a PostgreSQL URL (each person of a team connects with
    their own), else the user name; the Store holds them to their role. On a team's server (``annotator team
    init``) the login is who works, and the Store refuses an ``--annotator`` that names anyone else.
    """

    def __init__(self, db: str | None, annotator: str | None, read_only: bool = False) -> None:
        self.db_given = db or os.environ.get("ANNOTATOR_DB") or None
        self._annotator = annotator
        self.read_only = read_only

    @functools.cached_property
    def annotator(self) -> str:
        """Who is working (asked of the server only when a command needs it and the URL names no login)."""
        return self._annotator or self._login() or getpass.getuser()

    def _login(self) -> str | None:
        if not self.db_given:
            return None
        try:
            return login_name(database_url(self.db_given))
        except AnnotatorError:
            return None  # not a URL: Store.open says so, with the command's other errors

    @contextmanager
    def store(self) -> Iterator[Store]:
        if self.db_given:
            with Store.open(self.db_given, user=self.annotator, read_only=self.read_only) as store:
                yield store
            return
        path = default_database()
        first_use = not path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        with Store.open(path, user=self.annotator, read_only=self.read_only and not first_use) as store:
            if first_use:
                load_seeds(store)
            yield store


def load_seeds(store: Store) -> ImportReport:
    """Put the bundled seed articles into ``store`` (documents already there are left as they are)."""
    records = (
        record
        for article in seeds.articles()
        for record in read_text(article.read_bytes(), name=article.name, source=f"seeds/{article.name}")
    )
    return store.import_records(records, source="seeds")


pass_context = click.make_pass_decorator(Context)


@click.group(cls=Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    help="A database file or an SQLAlchemy URL (default: $ANNOTATOR_DB, "
    "else a database in your data folder, filled with the seed articles on first use).",
)
@click.option(
    "--annotator",
    "annotator",
    metavar="NAME",
    help="Who is working (default: a PostgreSQL URL's login, else your user name); on a team's PostgreSQL "
    "server it can only be your own login.",
)
@click.option(
    "--read-only",
    is_flag=True,
    help="Open the project for reading and exporting only (a project this program may not write to is always "
    "opened so, and says why).",
)
@click.version_option(__version__, prog_name=APP)
@click.pass_context
def cli(ctx: click.Context, db: str | None, annotator: str | None, read_only: bool) -> None:
    """Annotate who said what, and with which stance, in news articles."""
    ctx.obj = Context(db, annotator, read_only)
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.commands["gui"])


def progress_bar(unit: str) -> Progress:
    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn() if unit == "bytes" else MofNCompleteColumn(),
        TimeRemainingColumn(),
    ]
    return Progress(*columns, console=err, transient=True, disable=not err.is_terminal)
