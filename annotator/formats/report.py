"""What an export wrote and what its format could not hold; what an import left out. The CLI prints it.

Writers and readers count every piece of data they cannot carry with ``report.lose(kind, detail)``, so that
nothing is ever dropped in silence. ``KINDS`` names each kind in words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from annotator.model import Layer, LayerRecord, Relation, Span
from annotator.statement_rows import StatementsRecord

_Record = TypeVar("_Record", LayerRecord, StatementsRecord)


def _layer_sizes(record: LayerRecord) -> tuple[int, int] | None:
    """The spans and relations of a record's layer (None: it has none)."""
    return None if record.layer is None else (len(record.layer.spans), len(record.layer.relations))


def _statements_sizes(record: StatementsRecord) -> tuple[int, int] | None:
    """The spans and relations of the layer whose statements a record holds (None: it has none)."""
    return None if record.layer is None else (record.layer.spans, record.layer.relations)


KINDS = {
    "attribute": "value(s) of attribute {detail}",
    "relation": "relation(s) {detail}",
    "overlap": "overlapping {detail} span(s)",
    "sources": "gold span source list(s)",
    "rule": "rule(s) of spans accepted from proposals",
    "status": "layer status(es) {detail} (read back as done)",
    "time": "layer time(s) spent",
    "title": "document title(s) other than the first line",
    "meta": "document meta field(s)",
    "cue": "cue(s) beyond a claim's first",
    "unlinked": "{detail} span(s) not linked to a claim",
    "edge": "{detail} span(s) with a line break or tab at an edge (trimmed)",
    "trimmed": "{detail} span(s) with white space at an edge (trimmed)",
    "blank": "{detail} span(s) of line breaks or white space only",
    "grapheme": "{detail} span(s) with an edge inside a grapheme cluster (widened to the whole cluster)",
    "label": "{detail} span(s) left out by --label",
    "label relation": "relation(s) {detail} left out by --label (an end was left out)",
    # Import: what other tools' files hold and a project cannot.
    "event": "event(s)",
    "equivalence": "equivalence(s)",
    "discontinuous": "discontinuous span(s)",
    "note": "annotator note(s)",
    "choices": "document-level {detail} choice(s)",
    "result": "{detail} result(s)",
    "prediction": "prediction(s)",
    "cancelled": "cancelled annotation(s)",
    "irregular": "document(s) skipped, {detail} not a regular file (a pipe, device or socket)",
    "answer": "{detail} answer(s)",
}


@dataclass
class FormatReport:
    """Counts of what went through, and of what the format could not hold (by kind and detail)."""

    fmt: str
    documents: int = 0
    layers: int = 0
    spans: int = 0
    relations: int = 0
    files: int = 0
    lost: Counter[tuple[str, str]] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    """What the person should know to load the file in the other tool (doccano's project settings)."""

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def lose(self, kind: str, detail: str = "", count: int = 1) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        if count:
            self.lost[(kind, detail)] += count

    def counted(self, records: Iterable[LayerRecord]) -> Iterator[LayerRecord]:
        """``records`` as they are, counted on the way through."""
        return self._counted(records, _layer_sizes)

    def counted_statements(self, records: Iterable[StatementsRecord]) -> Iterator[StatementsRecord]:
        """``records`` of statements as they are, counted on the way through as their whole layers would be."""
        return self._counted(records, _statements_sizes)

    def _counted(
        self, records: Iterable[_Record], sizes: Callable[[_Record], tuple[int, int] | None]
    ) -> Iterator[_Record]:
        document = None
        for record in records:
            if record.document is not document:
                document = record.document
                self.documents += 1
            layer = sizes(record)
            if layer is not None:
                self.layers += 1
                self.spans += layer[0]
                self.relations += layer[1]
            yield record

    def written(self) -> str:
        return (
            f"{self.documents} document(s), {self.layers} layer(s), {self.spans} span(s), {self.relations} relation(s)"
        )

    def losses(self) -> str:
        """``""`` when nothing was lost, else the losses in words, the largest first."""
        items = sorted(self.lost.items(), key=lambda item: (-item[1], item[0]))
        return "; ".join(
            f"{count} {KINDS[kind].format(detail=detail)}".replace("  ", " ") for (kind, detail), count in items
        )


def select_labels(records: Iterable[LayerRecord], labels: Iterable[str], report: FormatReport) -> Iterator[LayerRecord]:
    """``records`` with only the spans whose label is in ``labels``, and the relations between those spans."""
    wanted = frozenset(labels)
    for record in records:
        layer = record.layer
        if layer is None or all(span.label in wanted for span in layer.spans):
            yield record
            continue
        spans = []
        for span in layer.spans:
            if span.label in wanted:
                spans.append(span)
            else:
                report.lose("label", span.label)
        kept = {span.key for span in spans}
        relations = []
        for relation in layer.relations:
            if relation.head in kept and relation.child in kept:
                relations.append(relation)
            else:
                report.lose("label relation", relation.label)
        yield LayerRecord(record.document, _with(layer, tuple(spans), tuple(relations)))


def _with(layer: Layer, spans: tuple[Span, ...], relations: tuple[Relation, ...]) -> Layer:
    return Layer(layer.doc_id, layer.annotator, layer.status, layer.time_spent_ms, spans, relations)
