"""The rows of the review's unit list: the units of a document across its annotators (``document_units``), and the
gold spans that stand for none of them (made by hand where no annotator marked anything). No Qt here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.agreement import DocumentLayers, Kind, Unit, document_units
from annotator.model import Span
from annotator.schema import StatementDef

GOLD_ONLY = "gold only"
"""The kind of a row that is a gold span of no unit."""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the unit list. ``key`` stays the same while only gold changes: ("unit", index) or ("gold", key)."""

    key: tuple[str, str]
    unit: Unit | None
    gold: Span | None
    start: int
    end: int

    @property
    def kind(self) -> str:
        return GOLD_ONLY if self.unit is None else self.unit.kind.value

    @property
    def decided(self) -> bool:
        """Gold has a span for this row (whatever it is)."""
        return self.gold is not None

    def missing(self) -> list[str]:
        """The annotators with no span in this unit."""
        return [name for name, span in self.unit.spans.items() if span is None] if self.unit else []

    def differences(self) -> list[str]:
        """What the annotators differ on, in the order of ``Kind``: "missing", "label", "stance"..."""
        if self.unit is None:
            return []
        return [kind.value for kind in Kind if kind in self.unit.differences]

    def summary(self) -> str:
        """The kind as the list shows it: agreed, or each difference (who lacks the unit, for missing)."""
        if self.unit is None:
            return GOLD_ONLY
        if not self.unit.differences:
            return Kind.AGREED.value
        parts = [f"missing: {', '.join(self.missing())}" if d == Kind.MISSING else d for d in self.differences()]
        return "; ".join(parts)

    def taken_from(self, annotator: str) -> bool:
        """Gold holds exactly ``annotator``'s version of this unit (offsets, label and attributes)."""
        mine = self.unit.spans.get(annotator) if self.unit else None
        return same_span(mine, self.gold)


def same_span(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and (a.start, a.end, a.label, a.attrs) == (b.start, b.end, b.label, b.attrs)


def build_rows(document: DocumentLayers, annotators: Sequence[str], statement: StatementDef) -> list[Row]:
    """The units of ``document`` (with its gold layer) and its gold spans of no unit, in text order; ``statement``
    is the project's (its schema's ``[statement]``)."""
    units = document_units(document, list(annotators), statement=statement) if annotators else []
    paired = {unit.gold.key for unit in units if unit.gold is not None}
    rows = [Row(("unit", str(unit.index)), unit, unit.gold, unit.start, unit.end) for unit in units]
    if document.gold is not None:
        rows += [Row(("gold", s.key), None, s, s.start, s.end) for s in document.gold.spans if s.key not in paired]
    rows.sort(key=lambda row: (row.start, -row.end, row.key))
    return rows
