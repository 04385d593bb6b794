"""The ``annotator`` command: the one composition root, where the Store, the formats and the window meet.

Exit status: 0 on success; 1 on bad input or a data error, with one line on stderr naming the file and line;
2 on a usage error; 3 on an unexpected error, whose traceback goes to the log file the message names.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import orjson
import platformdirs
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

import seeds
from annotator import __version__
from annotator.errors import AnnotatorError, DataError
from annotator.formats import READERS, WRITERS, expand, read_file
from annotator.formats.plaintext import read_text
from annotator.model import ImportReport, Role
from annotator.schema import load_schema
from db.store import Store

EXIT_DATA, EXIT_UNEXPECTED = 1, 3
EXIT_BROKEN_PIPE = 141  # as a shell reports a command ended by SIGPIPE
APP = "annotator"

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def default_database() -> Path:
    """Where the database lives when neither --db nor $ANNOTATOR_DB names one."""
    return Path(platformdirs.user_data_dir(APP)) / "annotator.db"


def log_file() -> Path:
    return Path(platformdirs.user_log_dir(APP)) / "annotator.log"


def log_unexpected(error: BaseException) -> Path:
    """Write ``error`` with its traceback to the log file and return the file's path."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger(APP)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    try:
        logger.error("unexpected error (annotator %s)", __version__, exc_info=error)
    finally:
        logger.removeHandler(handler)
        handler.close()
    return path


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
    """What every command shares: where the database is and who is working."""

    def __init__(self, db: str | None, annotator: str | None) -> None:
        self.db_given = db or os.environ.get("ANNOTATOR_DB") or None
        self.annotator = annotator or getpass.getuser()

    @contextmanager
    def store(self) -> Iterator[Store]:
        if self.db_given:
            with Store.open(self.db_given) as store:
                yield store
            return
        path = default_database()
        first_use = not path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        with Store.open(path) as store:
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
@click.option("--annotator", "annotator", metavar="NAME", help="Who is working (default: your user name).")
@click.version_option(__version__, prog_name=APP)
@click.pass_context
def cli(ctx: click.Context, db: str | None, annotator: str | None) -> None:
    """Annotate who said what, and with which stance, in news articles."""
    ctx.obj = Context(db, annotator)
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui)


@cli.command()
@pass_context
def gui(context: Context) -> None:
    """Open the annotation window (the default command)."""
    raise DataError(
        "the annotation window is not part of this version yet",
        hint="use `annotator import`, `annotator stats` and `annotator export`",
    )


def _progress(unit: str) -> Progress:
    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn() if unit == "bytes" else MofNCompleteColumn(),
        TimeRemainingColumn(),
    ]
    return Progress(*columns, console=err, transient=True, disable=not err.is_terminal)


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *READERS]),
    default="auto",
    show_default=True,
    help="The files' format; auto tells it by extension (.txt text, .jsonl native).",
)
@click.option("--replace", is_flag=True, help="Overwrite stored layers that differ from the imported ones.")
@pass_context
def import_(context: Context, paths: tuple[Path, ...], fmt: str, replace: bool) -> None:
    """Import documents and layers from files and folders: one file is one transaction."""
    files = expand(list(paths), fmt)
    total = ImportReport()
    with context.store() as store, _progress("bytes") as bar:
        task = bar.add_task("importing", total=sum(f.stat().st_size for f in files))
        for done, path in enumerate(files):
            try:
                report = store.import_records(
                    read_file(path, fmt, store.schema, progress=lambda n: bar.advance(task, n)),
                    source=str(path),
                    replace=replace,
                )
            except DataError as error:
                before = f" ({done} file(s) before it were imported)" if done else ""
                raise DataError(f"{error}; nothing was imported from this file{before}") from None
            total.add(report)
    out.print(
        f"imported {total.documents} document(s), {total.layers} layer(s), {total.spans} span(s), "
        f"{total.relations} relation(s) from {len(files)} file(s)"
        + (
            f"; already stored: {total.skipped_documents} document(s), {total.skipped_layers} layer(s)"
            if total.skipped_documents or total.skipped_layers
            else ""
        )
    )


@cli.command()
@click.option("--format", "fmt", type=click.Choice(list(WRITERS)), default="native", show_default=True)
@click.option(
    "--layer",
    default="all",
    show_default=True,
    metavar="gold|all|NAME",
    help="The gold layer, every layer, or one annotator's layers.",
)
@click.option(
    "--status",
    type=click.Choice(["done", "any"]),
    default="done",
    show_default=True,
    help="Only layers marked done, or layers of any status.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file to write (default: standard output).",
)
@pass_context
def export(context: Context, fmt: str, layer: str, status: str, out_path: Path | None) -> None:
    """Export documents and layers (native JSONL: lossless, offsets in code points)."""
    with context.store() as store:
        with_empty = layer == "all" and status == "any"
        records = store.export_records(layer=layer, status=status, with_empty=with_empty)
        if out_path is None:
            count = WRITERS[fmt](records, sys.stdout.buffer, store.schema)
            sys.stdout.buffer.flush()
        else:
            with _progress("items") as bar, _atomic(out_path) as stream:
                task = bar.add_task("exporting", total=None)
                count = WRITERS[fmt](records, stream, store.schema, progress=lambda n: bar.advance(task, n))
    if out_path is not None:
        out.print(f"wrote {count} line(s) to {out_path}")


@contextmanager
def _atomic(path: Path) -> Iterator[Any]:
    """A file that appears at ``path`` whole, or not at all."""
    if not path.parent.is_dir():
        raise DataError(f"{path}: the folder {path.parent} does not exist")
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of tables.")
@pass_context
def stats(context: Context, as_json: bool) -> None:
    """Documents, layers by status, spans by label, and figures per annotator."""
    with context.store() as store:
        figures = store.stats()
        where = store.where
    if as_json:
        click.echo(orjson.dumps(figures, option=orjson.OPT_INDENT_2).decode())
        return
    out.print(f"[bold]{figures['documents']}[/] document(s) in {where}")
    layers = figures["layers"]
    out.print("layers: " + ", ".join(f"{count} {status}" for status, count in layers.items()))
    table = Table("label", "spans")
    for label, count in figures["spans"].items():
        table.add_row(label, str(count))
    if figures["spans"]:
        out.print(table)
    people = Table("annotator", "role", "todo", "in progress", "done", "spans")
    for name, person in figures["annotators"].items():
        counts = [str(person["layers"].get(s, 0)) for s in ("todo", "in_progress", "done")]
        people.add_row(name, person["role"] or "-", *counts, str(person["spans"]))
    if figures["annotators"]:
        out.print(people)


@cli.group()
def annotators() -> None:
    """Register annotators and their roles."""


@annotators.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.ANNOTATOR.value, show_default=True)
@pass_context
def annotators_add(context: Context, name: str, role: str) -> None:
    """Add an annotator, or change an annotator's role."""
    with context.store() as store:
        added = store.add_annotator(name, Role(role))
    out.print(f"{added.name}: {added.role}", markup=False)


@annotators.command("list")
@pass_context
def annotators_list(context: Context) -> None:
    """The annotators and their roles."""
    with context.store() as store:
        people = store.annotators()
    table = Table("name", "role")
    for person in people:
        table.add_row(person.name, person.role.value)
    out.print(table)


@cli.group("db")
def db_group() -> None:
    """The database itself."""


@db_group.command("upgrade")
@pass_context
def db_upgrade(context: Context) -> None:
    """Create the database, or migrate it to this version's schema (a SQLite file is backed up first)."""
    from db import migrate

    with context.store() as store:
        out.print(f"{store.where} is at schema {migrate.current_revision(store.engine)}", markup=False)


@cli.group()
def schema() -> None:
    """The project's label schema."""


@schema.command("show")
@pass_context
def schema_show(context: Context) -> None:
    """Print the project's schema (TOML)."""
    with context.store() as store:
        click.echo(store.schema.source_text, nl=False)


@schema.command("set")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@pass_context
def schema_set(context: Context, path: Path) -> None:
    """Make the TOML file at PATH the project's schema."""
    new = load_schema(path)
    with context.store() as store:
        store.set_schema(new)
    out.print(f"the schema of {path} is now the project's ({', '.join(new.label_names)})", markup=False)


def main() -> None:
    cli(prog_name=APP)
