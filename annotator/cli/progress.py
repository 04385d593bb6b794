"""``annotator progress``: how far each annotator is, how long their work takes, and how well they agree so far."""

from __future__ import annotations

import click
import orjson
from rich.table import Table

from annotator.cli.base import Context, cli, out, pass_context
from annotator.progress import AnnotatorProgress, format_ms, mean_rate


def _agreement(person: AnnotatorProgress) -> str:
    figures = [f"{label} {value:.2f}" for label, value in person.agreement.items() if value is not None]
    return ", ".join(figures) or "-"


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object with the same figures instead of tables.")
@click.option("--by-document", is_flag=True, help="Also who has each document, and its status.")
@click.option("--no-agreement", is_flag=True, help="Leave out agreement so far (it reads every shared layer).")
@pass_context
def progress(context: Context, as_json: bool, by_document: bool, no_agreement: bool) -> None:
    """Per annotator: documents assigned, in progress and done; spans and statements; time spent (median per
    document and per statement, counted only while the window was active and its annotator not idle); done and
    statements per day; and, for a lead, agreement so far (F1 by overlap per label) on the documents shared with
    another annotator. An annotator sees their own figures only."""
    with context.store() as store:
        figures = store.progress_figures(by_document=by_document)
        agreement = None if no_agreement else store.agreement_so_far()
    if agreement is not None:
        for name, labels in agreement.by_annotator.items():
            if name in figures.annotators:
                figures.annotators[name].agreement = labels
        figures.agreement_by_week = agreement.by_week
    if as_json:
        click.echo(orjson.dumps(figures.as_json(), option=orjson.OPT_INDENT_2).decode())
        return
    table = Table("annotator", "assigned", "in progress", "done", "spans", "statements", "time", "per document")
    for column in ("per statement", "done / day", "statements / day", "agreement (F1)"):
        table.add_column(column)
    for name, person in figures.annotators.items():
        table.add_row(
            name,
            str(person.assigned),
            str(person.in_progress),
            str(person.done),
            str(person.spans),
            str(person.statements),
            format_ms(person.time_ms if person.time_ms else None),
            format_ms(person.median_ms_per_document),
            format_ms(person.median_ms_per_statement),
            f"{mean_rate(person.done_per_day):.1f}",
            f"{mean_rate(person.statements_per_day):.1f}",
            _agreement(person),
        )
    out.print(table)
    if figures.documents is not None:
        documents = Table("document", "title", "status", "who has it")
        for document in figures.documents:
            who = ", ".join(
                f"{name} ({status or 'no layer'}{', assigned' if given else ''})"
                for name, given, status in document.holders
            )
            documents.add_row(document.doc_id, document.title, document.status, who)
        out.print(documents)
