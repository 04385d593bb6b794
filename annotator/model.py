"""Plain domain objects. No Qt, no SQL: the Store returns these and the window shows them.

Offsets are code points of ``Document.text``, end exclusive (see docs/ARCHITECTURE.md, "Offsets").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

GOLD = "gold"
"""The name under which the adjudicated layer of a document appears in files and on the command line."""


class Role(StrEnum):
    ANNOTATOR = "annotator"
    LEAD = "lead"


class Status(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"


def text_sha256(text: str) -> str:
    """The hex SHA-256 of the UTF-8 bytes of ``text``: stored beside every document's text.

    A lone surrogate (which no stored text holds: the checks refuse it) is hashed as its bytes, not raised."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Annotator:
    name: str
    role: Role = Role.ANNOTATOR


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    text: str
    title: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What a document list needs: no text."""

    doc_id: str
    title: str


@dataclass(frozen=True, slots=True)
class DocumentEntry:
    """A row of the window's document list: a document with one annotator's status and span count."""

    doc_id: str
    title: str
    status: Status = Status.TODO
    spans: int = 0
    assigned: bool = False
    """Whether the document is assigned to the annotator whose list this is (``annotator assign``)."""
    holders: tuple[str, ...] = ()
    """Who the document is assigned to: filled in a lead's list only."""


# Span and Relation are values, but not frozen: an export builds them by the hundred thousand, and a frozen
# dataclass's constructor costs four times as much. Make a new one rather than change one.
@dataclass(slots=True)
class Span:
    """``[start, end)`` in code points, a label and the values of the label's attributes.

    ``key`` identifies the span within its layer (``s1``); relations point to it. ``attrs`` holds only the
    attributes that have a value. ``sources`` names, on a gold span, the annotators it came from. ``rule`` is, on a
    span accepted from a proposal, the rule that proposed it (see ``annotator.proposal``); None on a span made by
    hand.
    """

    key: str
    start: int
    end: int
    label: str
    attrs: dict[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    rule: str | None = None


@dataclass(slots=True)
class Relation:
    """A typed, directed link from the span ``head`` to the span ``child`` of the same layer."""

    key: str
    head: str
    child: str
    label: str


@dataclass(frozen=True, slots=True)
class Layer:
    """Everything one annotator (or the adjudication, ``annotator == GOLD``) made on one document."""

    doc_id: str
    annotator: str
    status: Status = Status.TODO
    time_spent_ms: int = 0
    spans: tuple[Span, ...] = ()
    relations: tuple[Relation, ...] = ()

    @property
    def is_gold(self) -> bool:
        return self.annotator == GOLD


@dataclass(frozen=True, slots=True)
class LayerRecord:
    """A document with one of its layers, or with none (``layer is None``): one line of native JSONL."""

    document: Document
    layer: Layer | None


@dataclass(frozen=True, slots=True)
class Speaker:
    """A canonical person or organisation; SPEAKER spans in any document point to one by name."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class ImportReport:
    """What one import did; counts are of what was written, ``skipped_*`` of what was already there."""

    documents: int = 0
    skipped_documents: int = 0
    layers: int = 0
    skipped_layers: int = 0
    spans: int = 0
    relations: int = 0

    def add(self, other: ImportReport) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))
