"""``annotator progress``: how far each annotator is, how long their work takes, and how well they agree so far."""

from __future__ import annotations

import click
import orjson
from rich.table import Table

from annotator.cli.base import Context, cli, out, pass_context
from annotator.progress import Progress, format_ms, mean_rate


def _f1(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _agreement_tables(figures: Progress) -> None:
    """Agreement so far (F1 by overlap): per annotator and label, and per week and label."""
    measured = {name: p.agreement for name, p in figures.annotators.items() if p.agreement}
    if not measured:
        return
    labels = sorted({label for by_label in measured.values() for label in by_label})
    people = Table("agreement so far (F1 by overlap)", *labels)
    for name, by_label in measured.items():
        people.add_row(name, *(_f1(by_label.get(label)) for label in labels))
    out.print(people)
    weeks = Table("week done", *labels)
    for week, by_label in figures.agreement_by_week.items():
        weeks.add_row(week, *(_f1(by_label.get(label)) for label in labels))
    out.print(weeks)


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
    table = Table("annotator", "assigned", "in progress", "done", "spans", "statements", "time")
    for column in ("median / doc", "median / statement", "done / day", "statements / day"):
        table.add_column(column)
    for name, person in figures.annotators.items():
        table.add_row(
            name,
            *(str(n) for n in (person.assigned, person.in_progress, person.done, person.spans, person.statements)),
            format_ms(person.time_ms if person.time_ms else None),
            format_ms(person.median_ms_per_document),
            format_ms(person.median_ms_per_statement),
            f"{mean_rate(person.done_per_day):.1f}",
            f"{mean_rate(person.statements_per_day):.1f}",
        )
    out.print(table)
    _agreement_tables(figures)
    if figures.documents is not None:
        documents = Table("document", "title", "status", "who has it")
        for document in figures.documents:
            who = ", ".join(
                f"{name} ({status or 'no layer'}{', assigned' if given else ''})"
                for name, given, status in document.holders
            )
            documents.add_row(document.doc_id, document.title, document.status, who)
        out.print(documents)
