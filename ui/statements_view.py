"""The statements table: the panel's view of ``StatementsModel``, with editors for a statement's parts.

It draws its rows itself (``ui.statements_paint``: each row's lines cut once, no call into Python per cell). Its
paint follows the article's: when rows change, the table is drawn at a later turn of the event loop, only what
changed, its rows kept in place when rows come or go above them (``ui.statements_hold``); the table's model is
current at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QResizeEvent
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

from annotator.schema import AttributeKind
from ui import idle_turn
from ui.claim_cells import share_width
from ui.session import Session
from ui.statements import AnyIndex, Part, StatementsModel
from ui.statements_hold import HeldPaint
from ui.statements_paint import Lines, RowLines


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
            return self._target_editor(parent)
        line = QLineEdit(parent)
        if column.speaker is not None:
            names = [s.name for s in self.session.store.speakers()]
            completer = QCompleter(names, line)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            line.setCompleter(completer)
            line.setPlaceholderText("canonical speaker: type to complete, or a new name")
        return line

    def _target_editor(self, parent: QWidget) -> QComboBox:
        """The project's targets, listed as soon as the editor opens: typing narrows the list (or names a new
        target), Down and Enter (or a click) choose one and store it."""
        targets = self.session.store.targets()
        box = QComboBox(parent)
        box.setEditable(True)
        box.addItems(["", *targets])
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(targets, box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        box.setCompleter(completer)
        completer.activated.connect(lambda _text: self._chosen(box))

        def show_list() -> None:
            if box.isVisible():
                completer.setCompletionPrefix("")
                completer.complete()

        QTimer.singleShot(0, show_list)  # once the editor is in place, under it
        return box

    def _chosen(self, box: QComboBox) -> None:
        self.commitData.emit(box)
        self.closeEditor.emit(box, QStyledItemDelegate.EndEditHint.NoHint)

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


WARM = 0.004
"""Seconds of a turn of the event loop that cutting the lines of the rows to be shown takes at most (a screenful of
new rows takes 3 to 9 ms, the first in a session more while the fonts load)."""

_TYPICAL = {Part.SOURCE: ("Firstname Lastn",), Part.CUE: ("according",), Part.TARGET: ("Peace in the",)}
"""A typical value of a column, for its width; a choice column is as wide as its longest value."""


class StatementsView(QTableView):
    holding: HeldPaint | None = None  # until made: Qt sends events while the view is built

    def __init__(self, model: StatementsModel, session: Session) -> None:
        super().__init__()
        self.setModel(model)
        self.statements_model = model
        self.holding = HeldPaint(
            self, model, self.warm
        )  # drawn after the article, only what changed (``ui.statements_hold``)
        self.delegate = StatementDelegate(model, session)  # kept: Qt does not own a delegate
        self.setItemDelegate(self.delegate)
        self.rows = RowLines(self, model)  # what each row draws, cut once (``paintEvent``)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.verticalHeader().hide()
        # Two lines a row: a claim shows how it begins and how it ends (``ui.claim_cells``; the whole of it on
        # hover); every row as high as the next, so that nothing is measured as rows come.
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 10)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Every column in view at the panel's width: the claim takes what the others leave (its full text is in
        # the tooltip and in the article); the others are as wide as their header or a typical value.
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrowed column: its title too
        # The header keeps a selection of its own: the table's (a whole row, every column) would have it drawn
        # again whenever the selected claim changes, about 1.4 ms, for nothing it shows.
        header.setSelectionModel(QItemSelectionModel(model, header))
        metrics = self.fontMetrics()
        for number, column in enumerate(model.columns):
            if number == 0:
                header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
                continue
            values = column.attribute.values if column.attribute else ()
            sample = max([column.title, *values, *_TYPICAL.get(column.part, ())], key=metrics.horizontalAdvance)
            self.setColumnWidth(number, min(metrics.horizontalAdvance(sample) + 18, 100))
        self.natural = [self.columnWidth(number) for number in range(len(model.columns))]
        self.fixed = {
            n for n, c in enumerate(model.columns) if c.attribute and c.attribute.kind == AttributeKind.CHOICE
        }
        self.key_handler: Callable[[QKeyEvent], bool] | None = None

    def hold_paint(self) -> None:
        """Draw the table whole at a later turn of the event loop (its model holds a change at once)."""
        if self.holding is not None:
            self.holding.hold()

    def warm(self) -> bool:
        """Build the cells of the rows in view that have none yet, and cut their lines (what the paint would do
        first), for ``WARM`` seconds at most; whether there were any (the rest are for the next call)."""
        model, top = self.statements_model, self.rowAt(0)
        if top < 0:
            return False
        bottom = self.rowAt(self.viewport().height())
        widths = self.rows.widths()
        rows = range(top, (bottom if bottom >= 0 else model.rowCount() - 1) + 1)
        cold = [row for row in rows if not self.rows.ready(row, widths)]
        if cold and not idle_turn.room(0.001):  # the turn's idle work is done: the next turn
            return True
        until = time.perf_counter() + min(WARM, max(idle_turn.left(), 0.001))
        with idle_turn.spending():
            for row in cold:
                self.rows.lines(row, widths)
                if time.perf_counter() > until:
                    break
        return bool(cold)

    def lines(self, row: int) -> Lines:
        """What row ``row``'s cells draw, column by column: their lines at the columns' widths."""
        return self.rows.lines(row, self.rows.widths())

    def paintEvent(self, event: QPaintEvent) -> None:
        self.executeDelayedItemsLayout()  # as Qt's own paint does first: rows that came are laid out
        painter = QPainter(self.viewport())
        self.rows.paint(painter, event.rect())
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        share_width(self, self.natural, self.fixed)
        if self.holding is not None:
            self.holding.whole()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if self.holding is not None:
            self.holding.scrolled()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.holding is not None:
            self.holding.whole()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.holding is not None:
            self.holding.whole()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self.holding is not None:
            self.holding.whole()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # F2 edits the current cell, as in any table (the article's F2, the canonical speaker, is the source cell's).
        own = event.key() == Qt.Key.Key_F2 and event.modifiers() == Qt.KeyboardModifier.NoModifier
        if (
            not own
            and self.state() != QAbstractItemView.State.EditingState
            and self.key_handler
            and self.key_handler(event)
        ):
            event.accept()
            return
        super().keyPressEvent(event)
