"""``annotator import`` and ``annotator export``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli.base import Context, atomic, cli, out, pass_context, progress_bar
from annotator.errors import DataError
from annotator.formats import READERS, WRITERS, expand, read_file
from annotator.model import ImportReport


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
    with context.store() as store, progress_bar("bytes") as bar:
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
            with progress_bar("items") as bar, atomic(out_path) as stream:
                task = bar.add_task("exporting", total=None)
                count = WRITERS[fmt](records, stream, store.schema, progress=lambda n: bar.advance(task, n))
    if out_path is not None:
        out.print(f"wrote {count} line(s) to {out_path}")
