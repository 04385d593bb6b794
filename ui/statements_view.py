"""The statements table: the panel's view of ``StatementsModel``, with editors for a statement's parts.

Its paint follows the article's: when rows change, the table is drawn at the next turn of the event loop, so that
a key's change reaches the article on the screen first (the table's model is current at once).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from annotator.schema import AttributeKind
from ui.claim_cells import share_width, two_lines
from ui.session import Session
from ui.statements import AnyIndex, Part, StatementsModel


class ClaimDelegate(QStyledItemDelegate):
    """The claim's column: its beginning and its end on two lines (``ui.claim_cells``). A delegate of its own: the
    other cells are drawn with no call into Python for their style (a paint of the table draws a hundred)."""

    def __init__(self) -> None:
        super().__init__()
        self.statements_margin = QApplication.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        if option.text:
            margin = 2 * self.statements_margin + 2
            option.text = two_lines(option.text, option.font, option.rect.width() - margin)


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


_TYPICAL = {Part.SOURCE: ("Firstname Lastn",), Part.CUE: ("according",), Part.TARGET: ("Peace in the",)}
"""A typical value of a column, for its width; a choice column is as wide as its longest value."""


class StatementsView(QTableView):
    def __init__(self, model: StatementsModel, session: Session) -> None:
        super().__init__()
        self.setModel(model)
        self.statements_model = model
        self.delegate = StatementDelegate(model, session)  # kept: Qt does not own a delegate
        self.setItemDelegate(self.delegate)
        self.claim_delegate = ClaimDelegate()
        self.setItemDelegateForColumn(0, self.claim_delegate)
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
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a single line: a speaker, a target
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 10)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Every column in view at the panel's width: the claim takes what the others leave (its full text is in
        # the tooltip and in the article); the others are as wide as their header or a typical value.
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrowed column: its title too
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
        # Drawn whole after the article: when rows come or go (or the table scrolls to the selected claim), the
        # whole table is drawn again, about 10 ms (Qt lays out the text of every cell); a key's change reaches the
        # screen in the article first, and the table a turn later. A timer, not a posted call: the paint comes in a
        # turn of its own, apart from what the change set off to run when idle (the document list's entry). While
        # the panel fills in, it is drawn once, when it is full. A row that only changes is drawn at once (its
        # cells alone).
        self._held = QTimer(self)
        self._held.setSingleShot(True)
        self._held.setInterval(0)
        self._held.timeout.connect(self._release)
        model.reshaping.connect(self.hold_paint)

    def hold_paint(self) -> None:
        """Draw the table at a later turn of the event loop (its model holds a change at once)."""
        viewport = self.viewport()
        if viewport.updatesEnabled() and self.isVisible():
            viewport.setUpdatesEnabled(False)
            self._held.start()

    def _release(self) -> None:
        if self.statements_model.filling:
            self._held.start()
        elif self._warm():
            self._held.start()  # drawn at the turn after: the rows' cells are ready, the paint is Qt's alone
        else:
            self.viewport().setUpdatesEnabled(True)  # and so drawn whole, at the next paint of the window

    def _warm(self) -> bool:
        """Build the cells of the rows in view that have none yet, and cut their claims (what the paint would do
        first, 3 to 5 ms for a screenful); whether there were any."""
        model, top = self.statements_model, self.rowAt(0)
        if top < 0:
            return False
        bottom = self.rowAt(self.viewport().height())
        rows = range(top, (bottom if bottom >= 0 else model.rowCount() - 1) + 1)
        cold = [row for row in rows if not model.built(row)]
        option = QStyleOptionViewItem()
        option.initFrom(self)
        for row in cold:
            index = model.index(row, 0)
            option.rect = self.visualRect(index)
            self.claim_delegate.initStyleOption(option, index)  # the cells built, the claim's cut kept
        return bool(cold)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        share_width(self, self.natural, self.fixed)

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
