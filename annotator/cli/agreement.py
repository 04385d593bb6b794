"""``annotator agreement`` and ``annotator adjudicate``: how far the annotators agree, and what gold takes at once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import click
import orjson
from rich.table import Table

from annotator.agreement import Figure, Kind, as_json, measure
from annotator.agreement.gold import unanimous_additions
from annotator.agreement.units import Unit
from annotator.cli.base import Context, cli, err, out, pass_context
from annotator.errors import DataError, GoldChanged
from annotator.statement import stance_values

_ANNOTATORS = click.option(
    "--annotators", metavar="A,B,...", help="Compare only these annotators (default: everyone with a layer)."
)
_DOCUMENTS = click.option(
    "--documents",
    "documents",
    multiple=True,
    metavar="ID,ID,...|@FILE",
    help="Only these documents: ids separated by commas, or @FILE with one id a line (may be repeated).",
)
_STATUS = click.option(
    "--status",
    type=click.Choice(["done", "any"]),
    default="done",
    show_default=True,
    help="Count layers marked done, or layers of any status.",
)


def _names(value: str | None) -> list[str] | None:
    names = [name.strip() for name in (value or "").split(",") if name.strip()]
    return names or None


def _document_ids(values: tuple[str, ...]) -> list[str] | None:
    ids: list[str] = []
    for value in values:
        if value.startswith("@"):
            path = Path(value[1:])
            try:
                ids += [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
            except (OSError, UnicodeDecodeError) as error:
                raise DataError(f"{path}: cannot read the list of documents: {error}") from None
        else:
            ids += [doc_id.strip() for doc_id in value.split(",") if doc_id.strip()]
    return list(dict.fromkeys(ids)) or None


def _show(figure: Figure, notes: list[str]) -> str:
    if figure.defined:
        return f"{figure.value:.3f}"
    if figure.reason not in notes:
        notes.append(figure.reason or "undefined")
    return f"n/a [{notes.index(figure.reason or 'undefined') + 1}]"


@cli.command()
@_ANNOTATORS
@_DOCUMENTS
@_STATUS
@click.option("--top", default=10, show_default=True, help="How many documents to list, the most disagreement first.")
@click.option("--json", "as_json_", is_flag=True, help="One JSON object instead of tables (every document listed).")
@pass_context
def agreement(
    context: Context, annotators: str | None, documents: tuple[str, ...], status: str, top: int, as_json_: bool
) -> None:
    """Agreement between annotators: F1 per label, stance alpha, attribution, and the documents they differ on."""
    names, doc_ids = _names(annotators), _document_ids(documents)
    with context.store() as store:
        schema = store.schema
        report = measure(
            store.agreement_layers(doc_ids, names, status=status),
            annotators=names,
            labels=schema.label_names,
            stance_values=stance_values(schema),
            statement=schema.statement,
        )
    if as_json_:
        click.echo(orjson.dumps(as_json(report), option=orjson.OPT_INDENT_2).decode())
        return
    notes: list[str] = []
    compared = sum(1 for score in report.documents if score.disagreement.defined)
    out.print(
        f"[bold]{compared}[/] document(s) with two annotators or more, of {len(report.documents)} annotated; "
        f"annotators: {', '.join(report.annotators) or 'none'}"
    )
    labels = Table("label", "F1 exact", "F1 overlap", title="spans (mean over pairs)")
    for label in report.labels:
        labels.add_row(
            label, _show(report.label_f1(label, "exact"), notes), _show(report.label_f1(label, "overlap"), notes)
        )
    out.print(labels)
    out.print(
        f"stance: Krippendorff's alpha (nominal) {_show(report.stance_alpha, notes)} over {report.stance_units} "
        f"claim unit(s); attribution: same speaker {_show(report.same_speaker(), notes)}, "
        f"{report.relation} F1 {_show(report.relation_f1(), notes)}",
        markup=False,
    )
    pairs = Table(
        "pair", "documents", *[f"{label} exact / overlap" for label in report.labels], "stance κ", "same speaker"
    )
    for tally in report.pair_list():
        cells = [
            f"{_show(tally.label(label).f1(tally.label(label).exact, label), notes)} / "
            f"{_show(tally.label(label).f1(tally.label(label).overlap, label), notes)}"
            for label in report.labels
        ]
        pairs.add_row(
            f"{tally.a} – {tally.b}",
            str(tally.documents),
            *cells,
            _show(tally.stance_kappa(), notes),
            _show(tally.same_speaker_share(), notes),
        )
    if report.pairs:
        out.print(pairs)
    for tally in report.pair_list():
        if not tally.claim_pairs:
            continue
        heads = [value or "(none)" for value in report.stance_values]
        confusion = Table(f"{tally.a} \\ {tally.b}", *heads, title=f"stance of matched claims: {tally.a} – {tally.b}")
        for head, row in zip(heads, tally.confusion(report.stance_values), strict=True):
            confusion.add_row(head, *map(str, row))
        out.print(confusion)
    ranked = Table("document", "disagreement", "units", "not agreed", title="documents, the most disagreement first")
    for score in report.documents[:top]:
        differing = score.units - score.kinds.get(Kind.AGREED.value, 0)
        ranked.add_row(score.doc_id, _show(score.disagreement, notes), str(score.units), str(differing))
    if report.documents and top > 0:
        out.print(ranked)
    for number, note in enumerate(notes, 1):
        out.print(f"[{number}] {note}", markup=False)


@cli.command()
@click.option("--auto", is_flag=True, help="Put every unanimous unit into gold at once (required).")
@_ANNOTATORS
@_DOCUMENTS
@_STATUS
@pass_context
def adjudicate(context: Context, auto: bool, annotators: str | None, documents: tuple[str, ...], status: str) -> None:
    """Build the gold layer from the annotators' layers: ``--auto`` takes every unit they all agree on, with the
    relations they all made, and reports what is left for the review."""
    if not auto:
        raise click.UsageError("pass --auto: the command line takes the unanimous units; the review takes the rest")
    names, doc_ids = _names(annotators), _document_ids(documents)
    left: Counter[str] = Counter()
    left_documents: list[tuple[str, int]] = []
    waiting: list[tuple[str, int]] = []
    with context.store() as store:
        for document in store.agreement_layers(doc_ids, names, status=status, with_gold=True):
            units, spans, relations = unanimous_additions(document, store.schema, names)
            if spans or relations:
                waiting.append((document.doc_id, document.gold_version))
            else:
                _count_left(units, left, left_documents, document.doc_id)
        spans_added = relations_added = changed = 0
        refused: list[str] = []
        for doc_id, version in waiting:
            try:
                result = store.accept_unanimous(doc_id, version, names, status=status)
            except GoldChanged as error:
                refused.append(str(error))
                continue
            spans_added += len(result.change.added)
            relations_added += len(result.change.linked)
            changed += 1
            _count_left(result.units, left, left_documents, doc_id)
    out.print(
        f"put {spans_added} unanimous span(s) and {relations_added} relation(s) into gold on {changed} document(s)"
    )
    if left_documents:
        kinds = ", ".join(
            f"{count} {kind}" for kind, count in sorted(left.items(), key=lambda item: (-item[1], item[0]))
        )
        out.print(f"left for review: {sum(left.values())} unit(s) on {len(left_documents)} document(s) ({kinds})")
        table = Table("document", "units left")
        for doc_id, count in sorted(left_documents, key=lambda item: (-item[1], item[0])):
            table.add_row(doc_id, str(count))
        out.print(table)
    else:
        out.print("nothing is left for review")
    for message in refused:
        err.print(f"skipped: {message}", markup=False)


def _count_left(units: Sequence[Unit], left: Counter[str], documents: list[tuple[str, int]], doc_id: str) -> None:
    """Count the units gold still lacks that are not unanimous (a lone annotator's document is left whole)."""
    rest = [unit for unit in units if unit.gold is None and not unit.unanimous]
    left.update(unit.kind.value if len(unit.spans) > 1 else "one annotator only" for unit in rest)
    if rest:
        documents.append((doc_id, len(rest)))
