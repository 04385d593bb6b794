"""``annotator import`` and ``annotator export``."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from annotator.cli.base import Context, atomic, cli, err, out, pass_context, progress_bar
from annotator.errors import DataError
from annotator.formats import READERS, WRITERS, export, plan, read_source
from annotator.formats.doccano import FORMS
from annotator.formats.report import FormatReport
from annotator.model import ImportReport


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *READERS]),
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
@pass_context
def import_(context: Context, paths: tuple[Path, ...], fmt: str, as_name: str | None, replace: bool) -> None:
    """Import documents and layers from files and folders: one file is one transaction."""
    sources = plan(list(paths), fmt)
    layer = as_name or context.annotator
    total = ImportReport()
    left_out = FormatReport("import")
    with context.store() as store, progress_bar("bytes") as bar:
        task = bar.add_task("importing", total=sum(s.path.stat().st_size for s in sources))
        for done, source in enumerate(sources):
            try:
                report = store.import_records(
                    read_source(
                        source, store.schema, layer=layer, report=left_out, progress=lambda n: bar.advance(task, n)
                    ),
                    source=str(source.path),
                    replace=replace,
                )
            except DataError as error:
                before = f" ({done} file(s) before it were imported)" if done else ""
                raise DataError(f"{error}; nothing was imported from this file{before}") from None
            total.add(report)
    formats = Counter((s.fmt, s.detected) for s in sources)
    read_as = ", ".join(
        f"{count} file(s) as {name}" + (" (detected)" if detected else "")
        for (name, detected), count in formats.items()
    )
    out.print(f"read {read_as}", markup=False)
    out.print(
        f"imported {total.documents} document(s), {total.layers} layer(s), {total.spans} span(s), "
        f"{total.relations} relation(s) from {len(sources)} file(s)"
        + (
            f"; already stored: {total.skipped_documents} document(s), {total.skipped_layers} layer(s)"
            if total.skipped_documents or total.skipped_layers
            else ""
        ),
        markup=False,
    )
    if left_out.lost:
        out.print(f"not imported (a project has no place for them): {left_out.losses()}", markup=False)


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(WRITERS)),
    default="native",
    show_default=True,
    help="; ".join(f"{name}: {writer.what}" for name, writer in WRITERS.items()) + ".",
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
@click.option(
    "--doccano-form",
    type=click.Choice(FORMS),
    default="auto",
    show_default=True,
    help="doccano: label ([start, end, label]) or relations (entities and relations); "
    "auto: relations when the schema has relations.",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path),
    help="The file to write (default: standard output), or the new folder for brat and conll.",
)
@pass_context
def export_(
    context: Context,
    fmt: str,
    layer: str,
    status: str,
    labels: tuple[str, ...],
    doccano_form: str,
    out_path: Path | None,
) -> None:
    """Export documents and layers, and say what the format could not hold."""
    writer = WRITERS[fmt]
    if writer.directory and out_path is None:
        raise click.UsageError(f"--format {fmt} writes a folder: name it with --out")
    options = {"form": doccano_form} if fmt == "doccano" else {}
    with context.store() as store:
        with_empty = layer == "all" and status == "any"
        records = store.export_records(layer=layer, status=status, with_empty=with_empty)
        if out_path is None:
            report = export(records, sys.stdout.buffer, fmt, store.schema, labels=labels, **options)
            sys.stdout.buffer.flush()
        else:
            target = _folder(out_path) if writer.directory else atomic(out_path)
            with progress_bar("items") as bar, target as written:
                task = bar.add_task("exporting", total=None)
                report = export(
                    records,
                    written,
                    fmt,
                    store.schema,
                    labels=labels,
                    progress=lambda n: bar.advance(task, n),
                    **options,
                )
    if out_path is not None:
        out.print(f"wrote {report.written()} to {out_path} ({fmt})", markup=False)
    if report.lost:
        # With the data on standard output, the losses go to standard error.
        (out if out_path is not None else err).print(f"{fmt} cannot hold, left out: {report.losses()}", markup=False)


@contextmanager
def _folder(path: Path) -> Iterator[Path]:
    """A new folder that appears at ``path`` whole, or not at all (``path`` may be an empty folder)."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise DataError(f"{path} already exists and is not an empty folder", hint="name a new folder with --out")
    if not path.parent.is_dir():
        raise DataError(f"{path}: the folder {path.parent} does not exist")
    temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part"))
    try:
        yield temporary
        if path.exists():
            path.rmdir()
        os.replace(temporary, path)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
