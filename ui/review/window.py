"""The review window, for leads: the figures and the documents on the left; on the right the open document's layers
side by side, its units, and adjudication into gold by keys (keys.py) that make one change each (adjudicator.py).

It has a Store of its own, opened as the lead with the opener it is handed: the main window may switch annotator
meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QSplitter, QVBoxLayout, QWidget

from annotator.errors import AnnotatorError, GoldChanged
from annotator.model import GOLD, Status
from ui.errors import guarded
from ui.help import HelpOverlay
from ui.palette import label_styles
from ui.review.adjudicator import Adjudicator
from ui.review.document import ReviewDocument
from ui.review.editor import GoldSpanEditor
from ui.review.keys import ReviewKeys, help_line, keys_html
from ui.review.navigation import UnitCursor
from ui.review.panes import LayerPane, LayerPanes
from ui.review.ranking import GoldState
from ui.review.rows import Row
from ui.review.sidebar import Sidebar
from ui.review.sync import PaneSync
from ui.review.units import UnitsModel, UnitsView
from ui.scheme import Scheme
from ui.wiring import StoreOpener


class ReviewWindow(QMainWindow):
    def __init__(self, parent: QWidget | None, open_store: StoreOpener, lead: str) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store = open_store(lead)
        self.lead = lead
        self.schema = self.store.schema
        self.closed = False
        self.review = ReviewDocument(self.store)
        self.undo_group = QUndoGroup(self)
        self.adjudicator = Adjudicator(self.review, self.undo_group)
        self.sidebar = Sidebar(self.store)
        self.keys = ReviewKeys(self)
        self.panes = LayerPanes(label_styles(self.schema, Scheme.background()), self._setup_pane)
        self.units_model = UnitsModel(self.review, self.schema)
        self.units = UnitsView(self.units_model)
        self.units.key_handler = self.keys.key
        self.sync = PaneSync(self.review, self.panes)
        self.editor: GoldSpanEditor | None = None
        self.unit_cursor = UnitCursor(self.review, self.units, self.sync, self.show_message)
        self._layout()
        self._menus()
        self._connect()
        if parent is not None:
            parent.installEventFilter(self)  # the review closes with the main window
        self.setWindowTitle(f"Review: agreement and adjudication — {lead} (lead) — annotator")
        self.resize(1400, 880)
        self.sidebar.measure()

    # -- building -----------------------------------------------------------------------------------------------

    def _layout(self) -> None:
        self.title = QLabel("Choose a document on the left: Enter or a click opens it.")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet("QLabel { background: #fff1b8; border: 1px solid #e0b400; padding: 4px; }")
        self.banner.hide()
        self.help_text = QLabel(help_line([]))
        self.help_text.setWordWrap(True)
        self.help_text.setStyleSheet("QLabel { color: #444; }")
        middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(self.panes)
        middle.addWidget(self.units)
        middle.setSizes([520, 300])
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(6, 4, 6, 0)
        column.addWidget(self.banner)
        column.addWidget(self.title)
        column.addWidget(middle, 1)
        column.addWidget(self.help_text)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(right)
        splitter.setSizes([380, 1020])
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.help = HelpOverlay(self, self.schema)
        self.help.setText(keys_html(self.schema))

    def _action(self, menu: QMenu, text: str, shortcuts: list[str], slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _menus(self) -> None:
        bar = self.menuBar()
        edit = bar.addMenu("&Edit")
        undo = self.undo_group.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.undo_group.createRedoAction(self, "Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addActions([undo, redo])
        self.addActions([undo, redo])
        edit.addSeparator()
        self._action(edit, "Accept every unanimous unit", [], self.adjudicator.accept_unanimous)
        self._action(edit, "Mark gold done and open the next document", ["Ctrl+Return"], self.done_and_next)
        go = bar.addMenu("&Go")
        self._action(go, "Next document", ["Ctrl+PgDown"], lambda: self.step_document(1))
        self._action(go, "Previous document", ["Ctrl+PgUp"], lambda: self.step_document(-1))
        self._action(go, "Document list", ["Ctrl+D"], self.sidebar.ranking.setFocus)
        self._action(go, "Read everything again", ["F5"], self.refresh)
        self._action(bar.addMenu("&Help"), "Keys", ["F1"], self.help.open)

    def _connect(self) -> None:
        self.sidebar.chosen.connect(self.open_document)
        self.sidebar.status_chosen.connect(self._status_chosen)
        self.sidebar.measured.connect(self._measured)
        self.review.opened.connect(self._opened)
        self.review.changed.connect(self._changed)
        self.adjudicator.message.connect(self.show_message)
        self.adjudicator.refused.connect(self.gold_moved)

    def _setup_pane(self, pane: LayerPane) -> None:
        pane.key_handler = self.keys.key
        pane.describe = lambda position, name=pane.name: self.sync.describe(name, position)
        pane.clicked.connect(
            lambda position, selecting, name=pane.name: self.unit_cursor.clicked(name, position, selecting)
        )

    # -- figures and documents ------------------------------------------------------------------------------------

    def _measured(self) -> None:
        if self.review.doc_id is None:
            self.sidebar.ranking.setFocus()
        else:
            self.sidebar.select(self.review.doc_id)

    def _status_chosen(self, status: str) -> None:
        self.review.status = status
        self.reload()

    @guarded
    def open_document(self, doc_id: str) -> None:
        self.banner.hide()
        try:
            self.review.open(doc_id, self.sidebar.title(doc_id))
        except AnnotatorError as error:
            self.show_message(str(error))

    @guarded
    def refresh(self) -> None:
        """The figures and the open document, read again (another lead or an annotator may have changed them)."""
        self.sidebar.measure()
        self.reload()

    @guarded
    def reload(self) -> None:
        if self.review.doc_id is not None:
            self.review.reload()

    @guarded
    def step_document(self, delta: int) -> bool:
        doc_id = self.sidebar.after(self.review.doc_id, delta)
        if doc_id is None:
            self.show_message("no more documents in the list")
            return False
        self.open_document(doc_id)
        return True

    @guarded
    def done_and_next(self) -> None:
        doc_id = self.review.doc_id
        if doc_id is not None and self.adjudicator.mark_done() and self.step_document(1):
            self.show_message(f"gold of {doc_id} marked done; now {self.review.doc_id}")
        elif doc_id is not None and self.review.gold_status is Status.DONE:
            self.show_message(f"gold of {doc_id} marked done")

    # -- the open document ----------------------------------------------------------------------------------------

    def _opened(self) -> None:
        review = self.review
        assert review.doc_id is not None
        same = self.sync.doc_id == review.doc_id
        self.sync.show_document()
        self.units_model.reload()
        self.adjudicator.activate(review.doc_id)
        self.title.setText(f"{review.title}  ({review.doc_id})")
        self.help_text.setText(help_line(review.annotators))
        self.sidebar.select(review.doc_id)
        self.unit_cursor.select(review.row_of(self.unit_cursor.key) if same else -1, fallback=0)
        self._gold_state()
        self.units.setFocus()

    def _changed(self) -> None:
        self.banner.hide()
        self.sync.show_gold()
        self.units_model.refresh()
        self.unit_cursor.restore(self.adjudicator.made)
        self._gold_state()

    def _gold_state(self) -> None:
        gold = self.review.gold
        if self.review.doc_id is not None:
            state = GoldState(len(gold.spans) if gold else 0, self.review.gold_status)
            self.sidebar.set_gold(self.review.doc_id, state)

    def gold_moved(self, doc_id: str, error: AnnotatorError) -> None:
        """Gold changed under the lead's feet (or an undo was refused): say so, read it again, drop its history."""
        self.adjudicator.forget(doc_id)
        if isinstance(error, GoldChanged):
            text = (
                f"{error.by or 'Another lead'} changed the gold layer of {doc_id} since you opened it. "
                "It has been read again; its undo history is cleared."
            )
        else:
            text = f"Not done: {error}. The gold layer of {doc_id} has been read again; its undo history is cleared."
        if self.review.doc_id == doc_id:
            self.reload()
        self.banner.setText(text)
        self.banner.show()
        self.show_message(text)

    # -- units ----------------------------------------------------------------------------------------------------

    def current_row(self) -> Row | None:
        return self.unit_cursor.row()

    def step(self, delta: int) -> None:
        self.unit_cursor.step(delta)

    def step_open(self, *, forward: bool) -> None:
        self.unit_cursor.step_open(forward=forward)

    # -- editing gold by hand -------------------------------------------------------------------------------------

    @guarded
    def tag_selection(self, label: str) -> None:
        pane = self.panes.panes[GOLD]
        cursor = pane.textCursor()
        if self.adjudicator.tag(self.current_row(), label, cursor.selectionStart(), cursor.selectionEnd()):
            cursor.clearSelection()
            pane.setTextCursor(cursor)

    @guarded
    def edit_gold(self) -> None:
        row = self.current_row()
        if row is None or row.gold is None or self.review.gold is None:
            self.show_message("gold has nothing here to edit: take a version (1…9) or tag it in the gold pane first")
            return
        registry = {"speaker": [s.name for s in self.store.speakers()], "target": self.store.targets()}
        editor = GoldSpanEditor(
            self,
            self.schema,
            row.gold,
            self.review.text,
            self.review.gold,
            registry,
            lambda values, links: self.adjudicator.edit(row, values, links),
        )
        if self.editor is not None:
            self.editor.deleteLater()  # the one before: one editor at a time is kept
        self.editor = editor
        editor.open()

    # -- messages and closing -------------------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Close and not self.closed:
            self.close()
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sidebar.stop()
        self.closed = True
        super().closeEvent(event)
        self.store.close()
