"""The statements of the open document: each claim with its speaker, cue, stance, target and quote type.

What a statement is (which label is the claim, which relations lead to its speaker and cue, which attributes are
its stance, target and quote type) is the schema's statement; ``annotator.statement`` builds each row. The rows
follow the session's signals one by one: a tag inserts a row, an undo removes it, a link or an attribute updates
the rows it touches; only opening a document reads them all.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from annotator.change import LayerChange
from annotator.model import Span
from annotator.schema import AttributeDef, RelationDef, Schema
from annotator.statement import Statement, statement_of
from ui import idle_turn
from ui.session import Session
from ui.span_table import order_key

AnyIndex = QModelIndex | QPersistentModelIndex
EXCERPT = 240
"""Characters of a long claim given to the table: its first and last halves (the view shows what fits)."""


class Part(StrEnum):
    """Which part of the statement a column shows; ATTRIBUTE: another attribute of the claim."""

    CONTENT = "content"
    SOURCE = "source"
    CUE = "cue"
    STANCE = "stance"
    TARGET = "target"
    QUOTE_TYPE = "quote_type"
    ATTRIBUTE = "attribute"


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    part: Part
    relation: RelationDef | None = None  # the column shows where this relation leads
    attribute: AttributeDef | None = None  # or this attribute of the claim
    speaker: AttributeDef | None = None  # the source's canonical-speaker attribute, for the source column


def statement_columns(schema: Schema) -> list[Column]:
    """The claim, its source and cue (where the schema has them), then each attribute of the claim."""
    statement = schema.statement
    columns = [Column(statement.content.lower(), Part.CONTENT)]
    for part, name in ((Part.SOURCE, statement.source_relation), (Part.CUE, statement.cue_relation)):
        relation = schema.relation(name or "")
        if relation is not None:
            speaker = schema.attribute(statement.speaker or "") if part == Part.SOURCE else None
            columns.append(Column(relation.child.lower(), part, relation=relation, speaker=speaker))
    parts = {statement.stance: Part.STANCE, statement.target: Part.TARGET, statement.quote_type: Part.QUOTE_TYPE}
    for attribute in schema.attributes_for(statement.content):
        title = attribute.name.replace("_", " ")
        columns.append(Column(title, parts.get(attribute.name, Part.ATTRIBUTE), attribute=attribute))
    return columns


_PLAIN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _PLAIN | Qt.ItemFlag.ItemIsEditable
_ROLES = {Qt.ItemDataRole.DisplayRole: 0, Qt.ItemDataRole.EditRole: 1, Qt.ItemDataRole.ToolTipRole: 2}
"""The roles a row's cells answer, and where in ``Cells`` each is."""
_USER = Qt.ItemDataRole.UserRole

Cells = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[Qt.ItemFlag, ...]]
"""A row as the table shows it, column by column: what it displays, what an editor starts from, the tooltip, the
flags. Built once when the row is first shown, so that a cell drawn asks Python for no more than a lookup."""

FILL, FILL_COST = 4000, 0.002
"""Spans looked through for claims in one idle step while the panel fills in after the layer is read whole, and
about what that takes."""


class StatementsModel(QAbstractTableModel):
    reshaping = Signal()  # rows are about to come, go or change: the table's paint is held (``ui.statements_hold``)
    filled = Signal()  # every claim of the open layer has its row

    def __init__(self, session: Session, edit: Callable[[str, dict[str, str | None]], None]) -> None:
        super().__init__()
        self.session = session
        self.edit = edit
        self.definition = session.schema.statement
        self.claim = self.definition.content
        self.columns = statement_columns(session.schema)
        self.claims: list[Span] = []  # the rows, in document order (``order_key``)
        self._by_key: dict[str, Span] = {}
        self._built: dict[str, Cells] = {}  # the rows shown so far (built when first shown)
        # A document's rows are read when the event loop is next idle after it opened (the article first), and
        # once its layer is whole, a part per idle turn; each change updates only the rows it touches.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start)
        self._filling = False  # rows are being added a part at a time: the claims up to ``_mark`` have theirs
        self._mark: tuple[int, int, str, str] | None = None  # the ``order_key`` of the last span looked at
        self._step = QTimer(self)
        self._step.setSingleShot(True)
        self._step.timeout.connect(self._fill_turn)
        session.opened.connect(self.schedule)
        session.loaded.connect(self.schedule)
        session.span_added.connect(self._span_added)
        session.span_removed.connect(self._span_removed)
        session.span_changed.connect(self._span_changed)
        session.changed.connect(self._changed)

    def schedule(self, *_args: object) -> None:
        self._timer.start(0)

    def reload(self, *_args: object) -> None:
        """Read every row at once (the layer too, if it is still being read)."""
        self.session.complete()
        self._start()
        self.complete()

    def complete(self) -> None:
        """Give every claim its row now, if the panel is still filling in."""
        while self._filling:
            self._fill_step(whole=True)

    def _start(self) -> None:
        """Empty the panel and, if the layer is whole, fill it a part at a time, the first part now (a layer still
        being read sends ``loaded`` when it is whole; asking for its spans now would read it all at once)."""
        self._timer.stop()
        self._step.stop()
        self.reshaping.emit()
        self.beginResetModel()
        self._built, self.claims, self._by_key = {}, [], {}
        self._filling, self._mark = False, None
        self.endResetModel()
        if self.session.document is not None and not self.session.loading:
            self._filling = True
            self._fill_turn()

    def _fill_turn(self) -> None:
        """A step of the filling in, in an idle turn that has room for it (``idle_turn``); else in the next."""
        if self._filling and not idle_turn.run(FILL_COST, self._fill_step):
            self._step.start(0)

    def _fill_step(self, whole: bool = False) -> None:
        """Add the rows of the claims among the next ``FILL`` spans (``whole``: all the rest), at the end: the
        claims before ``_mark`` have theirs, the edits made meanwhile among them."""
        if not self._filling:
            return
        limit = None if whole else FILL
        spans = self.session.spans.following(self._mark, limit)
        claims = [span for span in spans if span.label == self.claim]
        if claims:
            self.reshaping.emit()
            first = len(self.claims)
            self.beginInsertRows(QModelIndex(), first, first + len(claims) - 1)
            self.claims.extend(claims)
            self._by_key.update((span.key, span) for span in claims)
            self.endInsertRows()
        if limit is None or len(spans) < limit:
            self._filling, self._mark = False, None
            self.filled.emit()
        else:
            self._mark = order_key(spans[-1])
            self._step.start(0)

    @property
    def filling(self) -> bool:
        """Whether the panel is still filling in (the claims of the layer's rest are still to get their rows)."""
        return self._filling

    def _beyond(self, span: Span) -> bool:
        """Whether ``span`` is past where the filling has come to (the filling will find it as it is then)."""
        return self._filling and (self._mark is None or order_key(span) > self._mark)

    def row_of(self, key: str | None) -> int:
        claim = self._by_key.get(key) if key else None
        return bisect_left(self.claims, order_key(claim), key=order_key) if claim else -1

    def statement(self, row: int) -> Statement:
        """The statement of row ``row``, from the session's layer."""
        claim = self.claims[row]
        return statement_of(self.definition, claim, self.session.spans, self.session.relations_at(claim.key))

    # -- following the session, row by row ----------------------------------------------------------------------

    def _ready(self) -> bool:
        """False while the rows are to be read afresh (a document just opened): changes until then are in them."""
        return not self._timer.isActive() and self.session.document is not None and not self.session.loading

    def _span_added(self, span: Span) -> None:
        if not self._ready() or span.label != self.claim or span.key in self._by_key or self._beyond(span):
            return
        row = bisect_left(self.claims, order_key(span), key=order_key)
        self.reshaping.emit()
        self.beginInsertRows(QModelIndex(), row, row)
        self.claims.insert(row, span)
        self._by_key[span.key] = span
        self.endInsertRows()

    def _span_removed(self, span: Span) -> None:
        if not self._ready():
            return
        row = self.row_of(span.key)
        if row >= 0:
            self.reshaping.emit()
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.claims[row], self._by_key[span.key]
            self._built.pop(span.key, None)
            self.endRemoveRows()

    def _span_changed(self, span: Span) -> None:
        """A claim's attributes changed, or a source's: the rows of the claims linked to it show its speaker."""
        if not self._ready():
            return
        if span.key in self._by_key:
            self._update([span.key], changed=span)
        else:
            self._update({r.head for r in self.session.relations_at(span.key) if r.child == span.key})

    def _changed(self, change: LayerChange) -> None:
        """The relations a change made and took away (its spans' rows are in already): update their heads' rows."""
        if self._ready() and (change.linked or change.unlinked):
            wanted = (self.definition.source_relation, self.definition.cue_relation)
            self._update({r.head for r in (*change.linked, *change.unlinked) if r.label in wanted})

    def _update(self, keys: Iterable[str], changed: Span | None = None) -> None:
        """The rows of the claims ``keys`` are to be built again (``changed`` is a claim's new version): say so."""
        for key in keys:
            row = self.row_of(key)
            if row < 0:
                continue
            if changed is not None and changed.key == key:
                self.claims[row] = self._by_key[key] = changed
            self._built.pop(key, None)
            # Held first: the view's own slot, connected before the hold's, would have the row drawn in this turn.
            self.reshaping.emit()
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    # -- the table ----------------------------------------------------------------------------------------------

    def linked(self, statement: Statement, column: Column) -> tuple[Span, ...]:
        if column.part == Part.SOURCE:
            return statement.sources
        return statement.cues if column.part == Part.CUE else ()

    def cells(self, row: int) -> Cells:
        """Row ``row`` as the table shows it (built when first asked for, then kept until the row changes)."""
        claim = self.claims[row]
        built = self._built.get(claim.key)
        if built is None:
            built = self._built[claim.key] = self._build(self.statement(row))
        return built

    def built(self, row: int) -> bool:
        """Whether row ``row``'s cells are built (it has been shown, or made ready to be)."""
        return self.claims[row].key in self._built

    def _build(self, statement: Statement) -> Cells:
        claim = statement.content
        shown: list[str] = []
        edited: list[str] = []
        tips: list[str] = []
        flags: list[Qt.ItemFlag] = []
        for column in self.columns:
            if column.attribute is not None:
                value = claim.attrs.get(column.attribute.name, "")
                shown.append(value)
                edited.append(value)
                tips.append(value)
                flags.append(_EDITABLE)
            elif column.relation is not None:
                linked, speaker = self.linked(statement, column), column.speaker
                parts = []
                for span in linked:
                    mention = self.session.text_of(span)
                    canonical = span.attrs.get(speaker.name) if speaker else None
                    parts.append(f"{canonical} ({mention})" if canonical and canonical != mention else mention)
                shown.append("; ".join(parts))
                edited.append(linked[0].attrs.get(speaker.name, "") if linked and speaker else "")
                tips.append(shown[-1])
                flags.append(_EDITABLE if speaker is not None and linked else _PLAIN)
            else:
                text = self.session.text_of(claim)
                # Its start and its end (the view elides the middle to the column's width).
                shown.append(text if len(text) <= EXCERPT else f"{text[: EXCERPT // 2]} … {text[-EXCERPT // 2 :]}")
                edited.append(shown[-1])
                tips.append(text)
                flags.append(_PLAIN)
        return tuple(shown), tuple(edited), tuple(tips), tuple(flags)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's names
        return 0 if parent.isValid() else len(self.claims)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self.cells(index.row())[3][index.column()]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for a dozen roles per cell as it paints: the ones with no answer go first, before any lookup.
        which = _ROLES.get(role)  # type: ignore[call-overload]
        if which is None:
            return self.claims[index.row()].key if role == _USER and index.isValid() else None
        return self.cells(index.row())[which][index.column()] if index.isValid() else None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        statement, column = self.statement(index.row()), self.columns[index.column()]
        claim = statement.content
        new = str(value).strip() or None
        if column.attribute is not None:
            if new == claim.attrs.get(column.attribute.name):
                return False
            self.edit(claim.key, {column.attribute.name: new})
            return True
        if column.speaker is not None:
            linked = self.linked(statement, column)
            if not linked or new == linked[0].attrs.get(column.speaker.name):
                return False
            self.edit(linked[0].key, {column.speaker.name: new})
            return True
        return False
