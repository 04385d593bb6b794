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

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from annotator.change import LayerChange
from annotator.model import Relation, Span
from annotator.schema import AttributeDef, AttributeKind, RelationDef, Schema
from annotator.statement import Statement, statement_of
from ui.session import Session

AnyIndex = QModelIndex | QPersistentModelIndex
EXCERPT = 60


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


def _place(span: Span) -> tuple[int, int, str]:
    """Where a claim's row goes: by position, the longer first, then by key (the order of ``Session.ordered``)."""
    return (span.start, -span.end, span.key)


_ANSWERED = frozenset(
    (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole)
)
"""The roles ``StatementsModel.data`` answers."""


class StatementsModel(QAbstractTableModel):
    def __init__(self, session: Session, edit: Callable[[str, dict[str, str | None]], None]) -> None:
        super().__init__()
        self.session = session
        self.edit = edit
        self.definition = session.schema.statement
        self.claim = self.definition.content
        self.columns = statement_columns(session.schema)
        self.claims: list[Span] = []  # the rows, in the order of ``_place``
        self._by_key: dict[str, Span] = {}
        self._built: dict[str, Statement] = {}  # the statements of the rows shown so far (built when first shown)
        # The keys of the source and cue relations, by head. Tuples of strings: the collector stops following
        # them, so a long document's index does not make it walk the whole heap (which costs a tenth of a second).
        self._links: dict[str, tuple[str, ...]] = {}
        # A document's rows are read once, when the event loop is next idle after it opened (the article first);
        # each change after that updates only the rows it touches.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.reload)
        session.opened.connect(self.schedule)
        session.loaded.connect(self.schedule)
        session.span_added.connect(self._span_added)
        session.span_removed.connect(self._span_removed)
        session.span_changed.connect(self._span_changed)
        session.changed.connect(self._changed)

    def schedule(self, *_args: object) -> None:
        self._timer.start(0)

    def reload(self, *_args: object) -> None:
        self._timer.stop()
        self.beginResetModel()
        self._built, self.claims, self._by_key, self._links = {}, [], {}, {}
        # While the layer is being read, its claims wait for ``loaded``: asking for them would read it all at once.
        if self.session.loading:
            self.endResetModel()
            return
        spans, relations = self.session.spans, self.session.relations
        self._index(relations.values())
        self.claims = sorted((span for span in spans.values() if span.label == self.claim), key=_place)
        self._by_key = {span.key: span for span in self.claims}
        self.endResetModel()

    def row_of(self, key: str | None) -> int:
        claim = self._by_key.get(key) if key else None
        return bisect_left(self.claims, _place(claim), key=_place) if claim else -1

    def statement(self, row: int) -> Statement:
        """The statement of row ``row``, built from the session's layer when it is first asked for."""
        claim = self.claims[row]
        built = self._built.get(claim.key)
        if built is None:
            relations = self.session.relations
            links = [relations[key] for key in self._links.get(claim.key, ()) if key in relations]
            built = self._built[claim.key] = statement_of(self.definition, claim, self.session.spans, links)
        return built

    # -- following the session, row by row ----------------------------------------------------------------------

    def _index(self, relations: Iterable[Relation], *, add: bool = True) -> set[str]:
        """Take ``relations`` into (or out of) the index of source and cue relations; the heads they touch."""
        wanted = (self.definition.source_relation, self.definition.cue_relation)
        heads = set()
        for relation in relations:
            if relation.label not in wanted:
                continue
            head, links = relation.head, self._links
            heads.add(head)
            if add:
                links[head] = (*links.get(head, ()), relation.key)
            else:
                links[head] = tuple(key for key in links.get(head, ()) if key != relation.key)
        return heads

    def _ready(self) -> bool:
        """False while the rows are to be read whole (a document just opened): changes until then are in it."""
        return not self._timer.isActive() and self.session.document is not None and not self.session.loading

    def _span_added(self, span: Span) -> None:
        if not self._ready():
            return
        if span.label != self.claim or span.key in self._by_key:
            return
        row = bisect_left(self.claims, _place(span), key=_place)
        self.beginInsertRows(QModelIndex(), row, row)
        self.claims.insert(row, span)
        self._by_key[span.key] = span
        self.endInsertRows()

    def _span_removed(self, span: Span) -> None:
        if not self._ready():
            return
        row = self.row_of(span.key)
        if row >= 0:
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
            self._update({r.head for r in self.session.relations.values() if r.child == span.key}, changed=span)

    def _changed(self, change: LayerChange) -> None:
        """The relations a change made and took away (its spans' rows are in already): update their heads' rows."""
        if not self._ready() or not (change.linked or change.unlinked):
            return
        came = sorted(change.linked, key=lambda r: (len(r.key), r.key))
        self._update(self._index(change.unlinked, add=False) | self._index(came))

    def _update(self, keys: Iterable[str], changed: Span | None = None) -> None:
        """The rows of the claims ``keys`` are to be built again (``changed`` is a claim's new version): say so."""
        for key in keys:
            row = self.row_of(key)
            if row < 0:
                continue
            if changed is not None and changed.key == key:
                self.claims[row] = self._by_key[key] = changed
            self._built.pop(key, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    # -- the table ----------------------------------------------------------------------------------------------

    def linked(self, statement: Statement, column: Column) -> tuple[Span, ...]:
        if column.part == Part.SOURCE:
            return statement.sources
        return statement.cues if column.part == Part.CUE else ()

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
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        statement = self.statement(index.row())
        if column.attribute is not None or (column.speaker is not None and self.linked(statement, column)):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for a dozen roles per cell as it paints: the ones with no answer go first, before any lookup.
        if role not in _ANSWERED or not index.isValid() or not 0 <= index.row() < len(self.claims):
            return None
        claim, column = self.claims[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return claim.key
        if column.attribute is not None:
            return claim.attrs.get(column.attribute.name, "")
        if column.relation is not None:
            linked = self.linked(self.statement(index.row()), column)
            if role == Qt.ItemDataRole.EditRole:
                return linked[0].attrs.get(column.speaker.name, "") if linked and column.speaker else ""
            parts = []
            for span in linked:
                mention = self.session.text_of(span)
                canonical = span.attrs.get(column.speaker.name) if column.speaker else None
                parts.append(f"{canonical} ({mention})" if canonical and canonical != mention else mention)
            return "; ".join(parts)
        text = self.session.text_of(claim)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text
        return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"

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


class StatementDelegate(QStyledItemDelegate):
    """Choices from the schema, targets from the project's list (or a new one), speakers completed."""

    def __init__(self, model: StatementsModel, session: Session) -> None:
        super().__init__()
        self.statements, self.session = model, session

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        column = self.statements.columns[index.column()]
        attribute = column.attribute
        if attribute is not None and attribute.kind == AttributeKind.CHOICE:
            box = QComboBox(parent)
            box.addItem("", "")
            for value, key in zip(attribute.values, attribute.keys or ("",) * len(attribute.values), strict=False):
                box.addItem(f"{value}  ({key})" if key else value, value)
            return box
        if attribute is not None and attribute.kind == AttributeKind.TARGET:
            box = QComboBox(parent)
            box.setEditable(True)
            box.addItems(["", *self.session.store.targets()])
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            return box
        line = QLineEdit(parent)
        if column.speaker is not None:
            names = [s.name for s in self.session.store.speakers()]
            completer = QCompleter(names, line)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            line.setCompleter(completer)
            line.setPlaceholderText("canonical speaker: type to complete, or a new name")
        return line

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            if found < 0:
                found = editor.findText(value)
            if found >= 0:
                editor.setCurrentIndex(found)
            elif editor.isEditable():
                editor.setEditText(value)
        elif isinstance(editor, QLineEdit):
            editor.setText(value)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            value = editor.currentText() if editor.isEditable() else editor.currentData()
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        else:
            return
        model.setData(index, value or "", Qt.ItemDataRole.EditRole)


_TYPICAL = {Part.SOURCE: ("Firstname Lastn",), Part.CUE: ("according",), Part.TARGET: ("Peace in the",)}
"""A typical value of a column, for its width; a choice column is as wide as its longest value."""


class StatementsView(QTableView):
    def __init__(self, model: StatementsModel, session: Session) -> None:
        super().__init__()
        self.setModel(model)
        self.delegate = StatementDelegate(model, session)  # kept: Qt does not own a delegate
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Every column in view at the panel's width: the claim takes what the others leave (its full text is in
        # the tooltip and in the article); the others are as wide as their header or a typical value.
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        metrics = self.fontMetrics()
        for number, column in enumerate(model.columns):
            if number == 0:
                header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
                continue
            values = column.attribute.values if column.attribute else ()
            sample = max([column.title, *values, *_TYPICAL.get(column.part, ())], key=metrics.horizontalAdvance)
            self.setColumnWidth(number, min(metrics.horizontalAdvance(sample) + 18, 100))
        self.key_handler: Callable[[QKeyEvent], bool] | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState and self.key_handler and self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)
