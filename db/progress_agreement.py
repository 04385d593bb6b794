"""Agreement so far, for the progress figures: on the documents that two annotators or more have marked done, F1 by
overlap per label (``annotator.agreement``), per annotator (the mean over the others they share documents with) and
per week of ``done_at`` (a document counts in the week its last layer was marked done).

Measuring reads every shared layer, which takes a while on a large project: the window asks for it off the GUI
thread, after the first figures are shown. The result is kept per database and reader, with a fingerprint of the
shared layers' versions: asked again while no shared layer changed, it is given at the cost of one query.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from annotator.agreement import DocumentLayers, measure
from annotator.agreement.figures import LabelTally, Report
from annotator.progress import Agreement, day_of, week_of
from annotator.schema import Schema
from db.models import DocumentRow, LayerRow
from db.visibility import visible

_CACHE: dict[tuple[str, ...], tuple[tuple[Any, ...], Any]] = {}
"""Figures kept by what they are (``agreement`` or ``counts``), the database and the reader, with their mark."""
_LOCK = threading.Lock()


def _shared() -> Any:
    """``(document_id, last done_at)`` of the documents two annotators or more have marked done."""
    return (
        select(LayerRow.document_id, func.max(LayerRow.done_at).label("last"))
        .where(~LayerRow.gold, LayerRow.status == "done", visible(LayerRow))
        .group_by(LayerRow.document_id)
        .having(func.count() > 1)
    )


def fingerprint(connection: Connection) -> tuple[Any, ...]:
    """What changes when any done layer changes: their number, versions, ids and when the last was marked done."""
    done = select(func.count(), func.sum(LayerRow.version), func.sum(LayerRow.id), func.max(LayerRow.done_at))
    return tuple(connection.execute(done.where(~LayerRow.gold, LayerRow.status == "done", visible(LayerRow))).one())


def cached(key: tuple[str, ...], mark: tuple[Any, ...]) -> Any:
    """What was kept under ``key`` with ``mark``, else None."""
    with _LOCK:
        held = _CACHE.get(key)
    return held[1] if held is not None and held[0] == mark else None


def keep(key: tuple[str, ...], mark: tuple[Any, ...], value: Any) -> None:
    with _LOCK:
        _CACHE[key] = (mark, value)


def layers_mark(connection: Connection) -> tuple[Any, ...]:
    """What changes when any layer changes (every change moves its version on): for counts of their spans."""
    return tuple(connection.execute(select(func.count(), func.sum(LayerRow.version), func.max(LayerRow.id))).one())


def measured(
    connection: Connection,
    schema: Schema,
    read: Callable[[list[str]], Iterable[DocumentLayers]],
    key: tuple[str, ...],
    mark: tuple[Any, ...],
) -> Agreement:
    """Measure the shared documents (``read`` gives their layers, by doc ids) and keep the result under ``key``."""
    weeks: dict[str, list[str]] = defaultdict(list)
    shared = _shared().subquery()
    rows = connection.execute(
        select(DocumentRow.doc_id, shared.c.last)
        .join(shared, shared.c.document_id == DocumentRow.id)
        .order_by(DocumentRow.id)
    )
    for doc_id, last in rows:
        day = day_of(last)
        weeks[week_of(day) if day else "-"].append(doc_id)
    tallies: dict[tuple[str, str], dict[str, LabelTally]] = defaultdict(dict)
    by_week: dict[str, dict[str, float | None]] = {}
    labels = schema.label_names
    for week, doc_ids in sorted(weeks.items()):
        report = measure(read(doc_ids), labels=labels, statement=schema.statement)
        by_week[week] = {label: _value(report, label) for label in labels}
        for pair, tally in report.pairs.items():
            for label, counts in tally.labels.items():
                held = tallies[pair].setdefault(label, LabelTally())
                held.spans_a += counts.spans_a
                held.spans_b += counts.spans_b
                held.overlap += counts.overlap
    result = Agreement(_by_annotator(tallies, labels), by_week, sum(len(d) for d in weeks.values()))
    keep(key, mark, result)
    return result


def _value(report: Report, label: str) -> float | None:
    figure = report.label_f1(label, "overlap")
    return figure.value if figure.defined else None


def _by_annotator(
    tallies: dict[tuple[str, str], dict[str, LabelTally]], labels: Sequence[str]
) -> dict[str, dict[str, float | None]]:
    found: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (a, b), by_label in tallies.items():
        for label, tally in by_label.items():
            figure = tally.f1(tally.overlap, label)
            if figure.defined:
                found[a][label].append(figure.value)
                found[b][label].append(figure.value)
    return {
        name: {label: (sum(v) / len(v) if (v := values.get(label)) else None) for label in labels}
        for name, values in sorted(found.items())
    }
