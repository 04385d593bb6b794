"""The statements of the open document: each CLAIM with its speaker, cue, stance, target and quote type.

Which label is the claim, and which relations lead to its speaker and cue, is read from the schema: the claim is
the head of the relation whose child carries a speaker attribute.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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

from annotator.model import Span
from annotator.schema import AttributeDef, RelationDef, Schema
from ui.session import Session

AnyIndex = QModelIndex | QPersistentModelIndex
EXCERPT = 60


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    relation: RelationDef | None = None  # the column shows where this relation leads
    attribute: AttributeDef | None = None  # or this attribute of the claim
    speaker: AttributeDef | None = None  # the child's canonical-speaker attribute, for a speaker column


def claim_label(schema: Schema) -> str:
    for relation in schema.relations:
        if any(a.kind == "speaker" for a in schema.attributes_for(relation.child)):
            return relation.head
    return schema.labels[0].name if schema.labels else ""


def statement_columns(schema: Schema) -> list[Column]:
    claim = claim_label(schema)
    columns = [Column(claim.lower())]
    for relation in schema.relations:
        if relation.head == claim:
            speaker = next((a for a in schema.attributes_for(relation.child) if a.kind == "speaker"), None)
            columns.append(Column(relation.child.lower(), relation=relation, speaker=speaker))
    columns += [Column(a.name.replace("_", " "), attribute=a) for a in schema.attributes_for(claim)]
    return columns


class StatementsModel(QAbstractTableModel):
    def __init__(self, session: Session, edit: Callable[[str, dict[str, str | None]], None]) -> None:
        super().__init__()
        self.session = session
        self.edit = edit
        self.claim = claim_label(session.schema)
        self.columns = statement_columns(session.schema)
        self.claims: list[Span] = []
        # Changes come in bursts (an undo may add a span and two relations): the rows are read again once, when
        # the event loop is next idle, after the article has been repainted.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.reload)
        signals = (session.opened, session.loaded, session.relations_changed, session.span_added, session.span_removed)
        for signal in (*signals, session.span_changed):
            signal.connect(self.schedule)

    def schedule(self, *_args: object) -> None:
        self._timer.start(0)

    def reload(self, *_args: object) -> None:
        self.beginResetModel()
        # While the layer is being read, its claims wait for ``loaded``: asking for them would read it all at once.
        self.claims = [] if self.session.loading else [s for s in self.session.ordered() if s.label == self.claim]
        self.endResetModel()

    def row_of(self, key: str | None) -> int:
        return next((row for row, span in enumerate(self.claims) if span.key == key), -1)

    def linked(self, claim: Span, relation: RelationDef) -> list[Span]:
        spans = self.session.spans
        return [
            spans[r.child]
            for r in sorted(self.session.relations.values(), key=lambda r: r.key)
            if r.head == claim.key and r.label == relation.name and r.child in spans
        ]

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
        claim = self.claims[index.row()]
        if column.attribute is not None or (column.speaker is not None and self.linked(claim, column.relation)):  # type: ignore[arg-type]
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.claims):
            return None
        claim, column = self.claims[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return claim.key
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column.attribute is not None:
            return claim.attrs.get(column.attribute.name, "")
        if column.relation is not None:
            linked = self.linked(claim, column.relation)
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
        claim, column = self.claims[index.row()], self.columns[index.column()]
        new = str(value).strip() or None
        if column.attribute is not None:
            if new == claim.attrs.get(column.attribute.name):
                return False
            self.edit(claim.key, {column.attribute.name: new})
            return True
        if column.relation is not None and column.speaker is not None:
            linked = self.linked(claim, column.relation)
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
        if attribute is not None and attribute.kind == "choice":
            box = QComboBox(parent)
            box.addItem("", "")
            for value, key in zip(attribute.values, attribute.keys or ("",) * len(attribute.values), strict=False):
                box.addItem(f"{value}  ({key})" if key else value, value)
            return box
        if attribute is not None and attribute.kind == "target":
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


_TYPICAL = {
    "stance": ("AGAINST",),
    "quote type": ("indirect",),
    "speaker": ("Firstname Lastn",),
    "cue": ("according",),
    "target": ("Peace in the",),
}


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
            sample = max([column.title, *_TYPICAL.get(column.title, ())], key=metrics.horizontalAdvance)
            self.setColumnWidth(number, min(metrics.horizontalAdvance(sample) + 18, 100))
        self.key_handler: Callable[[QKeyEvent], bool] | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState and self.key_handler and self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)
