"""``annotator import`` and ``annotator export``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from annotator.cli.base import EXIT_DATA, Context, cli, err, out, pass_context, progress_bar
from annotator.formats import readers, writers
from annotator.formats.format import Format, Option, in_words
from annotator.formats.targets import check_target
from db.transfer import ExportChoices, ImportJob, export_file, export_stream

Command = TypeVar("Command", bound=Callable[..., Any])


def _flag(fmt: Format, option: Option) -> str:
    """The parameter of a format's option: ``doccano_form`` for ``--doccano-form``."""
    return f"{fmt.name}_{option.name}"


Declared = Callable[[Format], tuple[Option, ...]]


def _options(formats: Iterable[Format], declared: Declared) -> Callable[[Command], Command]:
    def decorate(command: Command) -> Command:
        for fmt in reversed(list(formats)):
            for option in reversed(declared(fmt)):
                command = click.option(
                    option.flag_of(fmt.name),
                    _flag(fmt, option),
                    type=click.Choice(option.values) if option.choices else str,
                    metavar=None if option.choices else option.metavar,
                    default=option.default,
                    show_default=bool(option.default),
                    help=f"{fmt.name}: {option.help}",
                )(command)
        return command

    return decorate


def format_options(command: Command) -> Command:
    """``--FORMAT-OPTION`` for each option of each format ``export`` writes (``--doccano-form``)."""
    return _options(writers().values(), lambda fmt: fmt.options)(command)


def read_options(command: Command) -> Command:
    """``--FORMAT-OPTION`` for each import option of each format (``--labelstudio-as-map``)."""
    return _options(readers().values(), lambda fmt: fmt.read_options)(command)


def _chosen(formats: Iterable[Format], chosen: dict[str, str]) -> dict[str, dict[str, str]]:
    """The import options given on the command line (not left at their default), by format name."""
    given: dict[str, dict[str, str]] = {}
    for fmt in formats:
        for option in fmt.read_options:
            value = chosen[_flag(fmt, option)]
            if value != option.default:
                given.setdefault(fmt.name, {})[option.name] = value
    return given


def _out_help() -> str:
    folders = in_words(name for name, fmt in writers().items() if fmt.folder)
    beside = "".join(
        f"; {name} also writes its {sidecar.what} beside the file, as NAME{sidecar.suffix}"
        for name, fmt in writers().items()
        for sidecar in fmt.sidecars
    )
    return f"The file to write (default: standard output), or the new folder for {folders}{beside}."


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *readers()]),
    default="auto",
    show_default=True,
    help="The files' format; auto tells it from the extension and, for .json and .jsonl, the content "
    "(a folder with .ann files is brat).",
)
@click.option(
    "--as",
    "as_name",
    metavar="NAME",
    help="The layer for files that name no annotator (doccano, Label Studio, Prodigy, brat; "
    "default: the global --annotator).",
)
@click.option("--replace", is_flag=True, help="Overwrite stored layers that differ from the imported ones.")
@read_options
@pass_context
def import_(
    context: Context, /, paths: tuple[Path, ...], fmt: str, as_name: str | None, replace: bool, **chosen: str
) -> None:
    """Import documents and layers from files and folders: one file is one transaction. Every file is tried; a bad
    one is refused whole (exit status 1, once all are tried)."""
    options = _chosen(readers().values(), chosen)
    job = ImportJob.plan(paths, fmt, layer=as_name or context.annotator, replace=replace, options=options)
    with context.store() as store, progress_bar("bytes") as bar:
        task = bar.add_task("importing", total=job.size)
        job.run(store, progress=lambda n: bar.advance(task, n))
    for line in job.lines():
        out.print(line, markup=False)
    for refused in job.refused:
        err.print(f"error: {refused.refused}; nothing was imported from this file", markup=False)
    if job.refused:
        click.get_current_context().exit(EXIT_DATA)


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(writers())),
    default="native",
    show_default=True,
    help="; ".join(f"{name}: {fmt.what}" for name, fmt in writers().items()) + ".",
)
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
@click.option("--label", "labels", multiple=True, metavar="LABEL", help="Only spans with this label (repeatable).")
@format_options
@click.option("--out", "out_path", type=click.Path(path_type=Path), help=_out_help())
@click.option("--force", is_flag=True, help="Replace the --out file if it exists (never a database).")
@pass_context
def export_(
    context: Context,
    /,
    fmt: str,
    layer: str,
    status: str,
    labels: tuple[str, ...],
    out_path: Path | None,
    force: bool,
    **chosen: str,
) -> None:
    """Export documents and layers, and say what the format could not hold."""
    writer = writers()[fmt]
    if writer.folder and out_path is None:
        raise click.UsageError(f"--format {fmt} writes a folder: name it with --out")
    options = {option.name: chosen[_flag(writer, option)] for option in writer.options}
    choices = ExportChoices(fmt, layer, status, labels, options)
    if out_path is not None and not writer.folder:
        check_target(out_path, overwrite=force)  # before the project is opened: it may be the project itself
    with context.store() as store:
        if out_path is None:
            report = export_stream(store, choices, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with progress_bar("items") as bar:
                task = bar.add_task("exporting", total=None)
                outcome = export_file(
                    store,
                    choices,
                    out_path,
                    progress=lambda n: bar.advance(task, n),
                    folder_hint="name a new folder with --out",
                    overwrite=force,
                )
    if out_path is None:
        if report.lost:
            # With the data on standard output, the losses go to standard error.
            err.print(f"{fmt} cannot hold, left out: {report.losses()}", markup=False)
        for note in report.notes:
            err.print(f"{fmt}: {note}", markup=False)
        return
    for line in outcome.lines():
        out.print(line, markup=False)
