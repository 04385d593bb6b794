"""Keeps the panes in step with the review's document: each layer's text and spans, the bars beside the text, the
headers, the current unit in every pane, and what the pointer is over."""

from __future__ import annotations

from PySide6.QtGui import QColor

from annotator.model import GOLD, Span
from ui.highlighter import Mark
from ui.review.colours import DECIDED, strip_colour
from ui.review.document import ReviewDocument
from ui.review.panes import LayerPanes
from ui.review.rows import Row
from ui.review.units import excerpt


class PaneSync:
    def __init__(self, review: ReviewDocument, panes: LayerPanes) -> None:
        self.review, self.panes = review, panes
        self.doc_id: str | None = None  # the document the panes show
        self.gold_marks: dict[str, Mark] = {}

    def show_document(self) -> None:
        review = self.review
        self.doc_id = review.doc_id
        self.panes.set_layers(review.annotators)
        for name in review.annotators:
            marks = [review.mark(span) for span in review.spans(name)]
            self.panes.panes[name].show_layer(review.text, marks, self.strips(name))
        self.gold_marks = {span.key: review.mark(span) for span in review.spans(GOLD)}
        self.panes.gold().show_layer(review.text, list(self.gold_marks.values()), self.strips(GOLD))
        self.headers()

    def show_gold(self) -> None:
        """Gold changed: repaint only the gold spans that came or went, and the bars and headers."""
        pane = self.panes.gold()
        now = {span.key: self.review.mark(span) for span in self.review.spans(GOLD)}
        for key, mark in self.gold_marks.items():
            if now.get(key) != mark:
                pane.highlighter.remove(mark)
        for key, mark in now.items():
            if self.gold_marks.get(key) != mark:
                pane.highlighter.add(mark)
        self.gold_marks = now
        for name, each in self.panes.panes.items():
            each.set_strips(self.strips(name))
        self.headers()

    def strips(self, name: str) -> list[tuple[int, int, QColor]]:
        """Beside each annotator's spans, the colour of its unit's kind; beside gold, decided or still open."""
        strips = []
        for row in self.review.rows:
            span = self.span(row, name)
            if name == GOLD:
                colour = QColor(DECIDED) if row.decided else strip_colour(row.kind)
                mark = self.review.mark(span) if span is not None else self.review.extent(row)
            elif span is not None:
                colour, mark = strip_colour(row.kind), self.review.mark(span)
            else:
                continue
            strips.append((mark.start, mark.end, colour))
        return strips

    def headers(self) -> None:
        review = self.review
        for number, name in enumerate(review.annotators, 1):
            layer = review.layer(name)
            status = layer.status.value.replace("_", " ") if layer else "no layer"
            header = self.panes.headers[name]
            header.setText(f"{number} · {name} — {status} · {len(review.spans(name))} spans")
            header.setToolTip(f"press {number} to take {name}'s version of the current unit")
        left = sum(1 for row in review.rows if row.unit is not None and not row.decided)
        status = review.gold_status.value.replace("_", " ")
        header = self.panes.headers[GOLD]
        header.setText(f"gold — {status} · {len(review.spans(GOLD))} spans · {left} unit(s) not in gold")
        header.setToolTip(f"the gold layer, version {review.version}; Ctrl+Enter marks it done")

    def span(self, row: Row, name: str) -> Span | None:
        if name == GOLD:
            return row.gold
        return row.unit.spans.get(name) if row.unit is not None else None

    def show_unit(self, row: Row | None, *, still: str | None = None) -> None:
        """Outline the unit in every pane, or frame where it is in a pane whose layer has nothing there; each pane
        scrolls there, but the pane named ``still`` (where the person just clicked) keeps its cursor."""
        for name, pane in self.panes.panes.items():
            span = self.span(row, name) if row is not None else None
            pane.show_unit(
                self.review.mark(span) if span is not None else None,
                self.review.extent(row) if row is not None else None,
                scroll=name != still,
            )

    def describe(self, name: str, position: int) -> str:
        """What layer ``name`` has under the pointer: each span, with its unit's kind and, in gold, its sources."""
        lines = []
        for index in self.review.rows_at(name, position):
            row = self.review.rows[index]
            span = self.span(row, name)
            if span is None:
                continue
            values = " ".join(span.attrs[key] for key in sorted(span.attrs))
            line = f"{span.label} “{excerpt(self.review.text[span.start : span.end], 100)}” {values}".rstrip()
            line += f" · {row.summary()}"
            if name == GOLD:
                line += f" · from {', '.join(span.sources) or 'hand'}"
            lines.append(line)
        return "\n".join(lines)
