"""Progress figures for leads, as plain values: per annotator (documents assigned, in progress and done; spans and
statements; time per document and per statement; throughput per day; agreement so far) and per document (who has
it, and its status). ``db.progress_figures`` counts them in SQL; the command line and the window show them.

Time is what the window counted while it was active and its annotator not idle (``WorkPeriod``): a stretch of work
on one layer, with how many statements the layer gained in it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from annotator.model import Relation, Span
from annotator.schema import StatementDef


@dataclass(frozen=True, slots=True)
class WorkPeriod:
    """A stretch of active work on the open layer: when it began (wall clock), how long the window was active and
    its annotator not idle, and how many statements the layer held when it began (the Store counts the gain)."""

    started_at: datetime
    active_ms: int
    statements_before: int = 0


def held_statements(definition: StatementDef, spans: Mapping[str, Span], relations: Iterable[Relation]) -> int:
    """How many statements a layer of ``spans`` (by key) and ``relations`` holds, counted as the Store counts them
    (``db.progress_figures.statements_query``): content spans with a source relation (every content span where the
    schema has no source relation). A window counts its open layer so, once read, instead of asking the Store."""
    content, source = definition.content, definition.source_relation
    if not source:
        return sum(1 for span in spans.values() if span.label == content)
    heads = {relation.head for relation in relations if relation.label == source}
    return sum(1 for head in heads if (span := spans.get(head)) is not None and span.label == content)


def held_statements_in_steps(
    definition: StatementDef, spans: Mapping[str, Span], relations: Iterable[Relation], step: int = 5000
) -> Iterator[int | None]:
    """``held_statements`` a part at a time: None after each ``step`` relations looked at, the count last (the
    relations are taken as they are when it begins)."""
    content, source = definition.content, definition.source_relation
    if not source:
        yield held_statements(definition, spans, relations)
        return
    held, heads = list(relations), set[str]()
    for first in range(0, len(held), step):
        heads.update(relation.head for relation in held[first : first + step] if relation.label == source)
        yield None
    ordered, counted = list(heads), 0
    for first in range(0, len(ordered), step):
        counted += sum(
            1 for head in ordered[first : first + step] if (span := spans.get(head)) and span.label == content
        )
        yield None
    yield counted


@dataclass(slots=True)
class AnnotatorProgress:
    """One annotator's figures. Times in milliseconds (None where nothing was timed); days as ISO dates."""

    name: str
    role: str | None = None
    assigned: int = 0
    todo: int = 0
    in_progress: int = 0
    done: int = 0
    spans: int | None = 0  # None: not counted yet (the window counts them after its first paint)
    statements: int | None = 0
    time_ms: int = 0
    median_ms_per_document: float | None = None
    median_ms_per_statement: float | None = None
    ms_per_statement: list[float] = field(default_factory=list)  # one figure per layer that gained statements
    done_per_day: dict[str, int] = field(default_factory=dict)
    statements_per_day: dict[str, int] = field(default_factory=dict)
    agreement: dict[str, float | None] = field(default_factory=dict)  # label: mean F1 by overlap with the others

    @property
    def layers(self) -> int:
        return self.todo + self.in_progress + self.done

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DocumentProgress:
    """Who has a document: each annotator with whether it is assigned to them and their layer's status (None: no
    layer yet)."""

    doc_id: str
    title: str
    holders: tuple[tuple[str, bool, str | None], ...]

    @property
    def status(self) -> str:
        """The document's status: done when every holder's layer is done, todo when nobody has begun."""
        statuses = [status or "todo" for _, _, status in self.holders]
        if statuses and all(s == "done" for s in statuses):
            return "done"
        return "in_progress" if any(s != "todo" for s in statuses) else "todo"

    def as_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "status": self.status,
            "holders": [{"annotator": a, "assigned": given, "status": s} for a, given, s in self.holders],
        }


@dataclass(slots=True)
class Progress:
    """The figures of ``annotator progress`` and of the progress window."""

    annotators: dict[str, AnnotatorProgress]
    documents: list[DocumentProgress] | None = None  # only when asked for (``--by-document``)
    agreement_by_week: dict[str, dict[str, float | None]] = field(default_factory=dict)  # week: label: F1

    def as_json(self) -> dict[str, Any]:
        figures: dict[str, Any] = {"annotators": {n: a.as_json() for n, a in sorted(self.annotators.items())}}
        if self.agreement_by_week:
            figures["agreement_by_week"] = self.agreement_by_week
        if self.documents is not None:
            figures["documents"] = [d.as_json() for d in self.documents]
        return figures


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement so far: per annotator, per label, their mean F1 by overlap with the others; per week (of the
    documents' last done layer), per label, the mean over the pairs; how many shared documents were measured."""

    by_annotator: dict[str, dict[str, float | None]]
    by_week: dict[str, dict[str, float | None]]
    documents: int


def median(values: Iterable[float]) -> float | None:
    """The median of ``values``, None when there are none."""
    listed = list(values)
    return float(statistics.median(listed)) if listed else None


def day_of(value: date | datetime | str | None) -> str | None:
    """An ISO day from what a database gives for a date (a date, a datetime or SQLite's text)."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value)[:10]


def week_of(day: str) -> str:
    """The ISO week of an ISO day, as ``2026-W48``."""
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def per_day(rows: Iterable[tuple[str, Any, int]]) -> dict[str, dict[str, int]]:
    """``(annotator, day, count)`` rows as counts by day for each annotator, days in order."""
    found: dict[str, dict[str, int]] = {}
    for name, day, count in rows:
        key = day_of(day)
        if key is not None:
            days = found.setdefault(name, {})
            days[key] = days.get(key, 0) + int(count)
    return {name: dict(sorted(days.items())) for name, days in found.items()}


def format_ms(ms: float | None) -> str:
    """A duration for a person: ``1 h 05 min``, ``4 min 10 s``, ``12 s``; ``-`` for none."""
    if ms is None:
        return "-"
    seconds = round(ms / 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


def mean_rate(days: Mapping[str, int]) -> float:
    """The mean of a per-day count over the days from the first to the last one in ``days``."""
    if not days:
        return 0.0
    first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    return sum(days.values()) / ((last - first).days + 1)
