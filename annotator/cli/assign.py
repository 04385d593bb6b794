"""``annotator assign`` and ``annotator unassign``: who annotates which document, and the project's mode (a lead's).

See README.md, "Assigning documents". The plan is ``annotator.assignment``'s; the Store stores it in one transaction.
"""

from __future__ import annotations

from pathlib import Path

import click
import orjson
from rich.table import Table

from annotator.assignment import Mode, Share
from annotator.cli.base import Context, cli, out, pass_context
from annotator.errors import DataError


def _names(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]


def _documents(listed: str | None, path: Path | None) -> list[str] | None:
    """The document ids named by ``--documents`` and ``--documents-file`` (one id a line, ``#`` a comment)."""
    if listed is None and path is None:
        return None
    ids = _names(listed)
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise DataError(f"cannot read the documents file: {reason}", source=str(path)) from None
        ids += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not ids:
        raise DataError("no document ids given", source=str(path) if path else "--documents")
    return ids


_DOCUMENTS = click.option("--documents", metavar="ID,ID,...", help="Only these documents (default: every one).")
_DOCUMENTS_FILE = click.option(
    "--documents-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Only the documents listed in this file, one id a line.",
)


@cli.command()
@click.option("--annotators", metavar="A,B,C", help="Who gets the documents (registered annotators).")
@click.option("--per-document", type=int, metavar="N", help="Give every document to N distinct annotators.")
@click.option(
    "--overlap",
    type=float,
    metavar="SHARE",
    help="Give this share of the documents to two annotators, the rest to one.",
)
@_DOCUMENTS
@_DOCUMENTS_FILE
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same plan.")
@click.option("--replace", is_flag=True, help="Plan the chosen documents again (default: assigned ones keep theirs).")
@click.option(
    "--mode",
    type=click.Choice([m.value for m in Mode]),
    help="What annotators see: all documents, their assigned ones first, or only those (default once assigned: first).",
)
@click.option("--show", is_flag=True, help="Show who has which documents, and how far each annotator is.")
@click.option("--json", "as_json", is_flag=True, help="With --show: one JSON object instead of tables.")
@pass_context
def assign(
    context: Context,
    annotators: str | None,
    per_document: int | None,
    overlap: float | None,
    documents: str | None,
    documents_file: Path | None,
    seed: int,
    replace: bool,
    mode: str | None,
    show: bool,
    as_json: bool,
) -> None:
    """Assign documents to annotators, balanced by text length (a lead's command).

    `assign --annotators A,B,C --per-document 2` gives every document to two of them; `--overlap 0.2` gives a fifth
    of the documents to two (to measure agreement) and the rest to one. Documents assigned already keep their
    annotators (run it again after an import to assign the new ones), unless `--replace`.
    """
    planning = annotators is not None or per_document is not None or overlap is not None
    if not (planning or show or mode):
        raise click.UsageError("give --annotators with --per-document N or --overlap SHARE, or --show, or --mode")
    if planning and not _names(annotators):
        raise click.UsageError("give --annotators A,B,C")
    if not planning and (documents or documents_file or replace):
        raise click.UsageError("--documents, --documents-file and --replace go with --annotators")
    if as_json and not show:
        raise click.UsageError("--json goes with --show")
    share = Share(per_document=per_document, overlap=overlap) if planning else None
    chosen = _documents(documents, documents_file)
    with context.store() as store:
        if share is not None:
            planned = store.assign(_names(annotators), share, documents=chosen, seed=seed, replace=replace)
            copies = sum(len(names) for names in planned.values())
            out.print(f"assigned {len(planned)} document(s), {copies} assignment(s)", markup=False)
        if mode:
            store.set_assignment_mode(Mode(mode))
            out.print(f"mode: {mode}", markup=False)
        if show or share is not None:
            overview = store.assignment_overview()
    if as_json:
        click.echo(orjson.dumps(overview, option=orjson.OPT_INDENT_2).decode())
    elif show or share is not None:
        _print(overview, documents_too=show)


def _print(overview: dict[str, object], *, documents_too: bool) -> None:
    people = overview["annotators"]
    assert isinstance(people, dict)
    table = Table("annotator", "documents", "characters", "in progress", "done")
    for name, figures in people.items():
        row = [figures[k] for k in ("documents", "characters", "in_progress", "done")]
        table.add_row(name, *(f"{value:,}" for value in row))
    out.print(f"mode: {overview['mode']}", markup=False)
    out.print(table)
    held = overview["documents"]
    assert isinstance(held, dict)
    if documents_too and held:
        by_document = Table("document", "assigned to")
        for doc_id, names in held.items():
            by_document.add_row(doc_id, ", ".join(names))
        out.print(by_document)


@cli.command()
@click.option("--annotators", metavar="A,B,C", help="Only these annotators' assignments (default: everyone's).")
@_DOCUMENTS
@_DOCUMENTS_FILE
@click.option("--all", "everything", is_flag=True, help="Remove every assignment of the project.")
@pass_context
def unassign(
    context: Context, annotators: str | None, documents: str | None, documents_file: Path | None, everything: bool
) -> None:
    """Remove assignments (a lead's command); layers already made stay."""
    chosen = _documents(documents, documents_file)
    if not (annotators or chosen or everything):
        raise click.UsageError("name --annotators and/or --documents, or give --all")
    with context.store() as store:
        removed = store.unassign(annotators=_names(annotators), documents=chosen or ())
    out.print(f"removed {removed} assignment(s)", markup=False)
