"""The main window: the document list on the left, the article in the centre, its statements on the right."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QInputDialog, QLabel, QMainWindow, QMenu, QMessageBox, QSplitter, QVBoxLayout, QWidget

from annotator import __version__
from annotator.errors import AnnotatorError
from annotator.model import Role, Status
from annotator.proposal import Proposer
from db.store import Store
from ui import idle_turn
from ui.article_view import ArticleView
from ui.attribute_editors import AttributeEditors
from ui.describing import describe, describe_span
from ui.document_list import DocumentList
from ui.done_check import DoneCheck
from ui.empty_hints import article_hint, documents_hint, statements_hint
from ui.errors import guarded
from ui.find_bar import FindBar
from ui.guidelines import GuidelinesPane
from ui.help import HelpOverlay
from ui.legend import Legend
from ui.outside_changes import OutsideChanges
from ui.palette import label_styles
from ui.proposals import Proposing
from ui.session import Session
from ui.side_windows import SideWindows
from ui.speaker_editor import SpeakerEditor
from ui.statements import StatementsModel
from ui.statements_view import StatementsView
from ui.tagging import Tagging
from ui.undo_messages import undo_actions
from ui.view_options import ViewOptions
from ui.waiting import WAIT_MS
from ui.wiring import StoreOpener

if TYPE_CHECKING:
    from db.transfer import ImportJob


class MainWindow(QMainWindow):
    def __init__(self, store: Store, annotator: str, open_store: StoreOpener, propose: Proposer | None = None) -> None:
        super().__init__()
        idle_turn.watch_paints(self)  # a turn that draws the window has less room for idle work
        self.store = store
        store.hurry(WAIT_MS)  # the window never waits long for the database (ui.waiting)
        self.open_store = open_store  # each switch of annotator opens a Store with it
        self.session = Session(store, annotator)
        self.windows = SideWindows(self, open_store, self.session, self.show_message)  # import, export, review
        self._touched: set[str | None] = set()  # documents whose list entry must be read again
        self.styles = label_styles(store.schema)
        self.undo_stack = QUndoStack(self)
        self.documents = DocumentList(store, annotator)
        self.view = ArticleView(self.styles)
        self.session.first_screen = self.view.screenful
        self.tagging = Tagging(self.session, self.view, self.undo_stack)
        self.statements_model = StatementsModel(self.session, self.tagging.set_attributes)
        self.statements = StatementsView(self.statements_model, self.session)
        self.statements.key_handler = self.tagging.key
        self.proposing = Proposing(self.session, self.view, self.tagging, self.undo_stack, self.styles, propose)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.guidelines = GuidelinesPane(store.schema, self)
        self.legend = Legend(store.schema, self.guidelines.show_label)
        self.options = ViewOptions(self, self.session, self.view, self.styles, self.legend, self.proposing.ghosts)
        self.find_bar = FindBar(self.session, self.view)
        self.done_check = DoneCheck(self.session, self)
        self.speaker_editor = SpeakerEditor(self)
        self.speaker_editor.on_close = self.view.setFocus
        self.help = HelpOverlay(self, store.schema)
        self.editors = AttributeEditors(
            self.session, self.tagging, self.statements, self.speaker_editor, self.show_message
        )
        self.outside = OutsideChanges(self, self.session, self.show_message)  # another window's changes, shown
        self._layout()
        self._menus()
        self._connect()
        self.session.clock.watch(self)  # time counts only while this window is active and its annotator not idle
        self._read_role()
        self._retitle()
        self.resize(1360, 860)

    # -- building -----------------------------------------------------------------------------------------------

    def _layout(self) -> None:
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(6, 0, 6, 0)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        column.addWidget(self.title)
        column.addWidget(self.tagging.waiting.banner)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)
        column.addWidget(self.tagging.targets)
        column.addWidget(self.legend)
        statements = statements_hint(self.statements, self.statements_model, self.session)
        self.hints = (documents_hint(self.documents), article_hint(self.view, self.session), statements)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guidelines)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.documents)
        splitter.addWidget(centre)
        splitter.addWidget(self.statements)
        splitter.setSizes([260, 580, 520])
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.statusBar().setSizeGripEnabled(True)  # made now, not at the first message: the article never moves

    def _action(
        self,
        menu: QMenu,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "Switch annotator…", "Ctrl+Shift+A", self.ask_annotator)
        file.addSeparator()
        self._action(file, "Import…", "Ctrl+I", self.windows.import_files)
        self._action(file, "Export…", "Ctrl+E", self.windows.export_files)
        file.addSeparator()
        self._action(file, "Quit", QKeySequence.StandardKey.Quit, self.close)
        edit = bar.addMenu("&Edit")
        undo, redo = undo_actions(self, self.undo_stack, self.session, self.show_message)
        edit.addActions([undo, redo])
        edit.addSeparator()
        self._action(edit, "Mark done and open the next", "Ctrl+Return", self.done_and_next)
        edit.addActions([self.proposing.toggle])
        edit.addSeparator()
        edit.addActions(self.find_bar.actions_)
        self.addActions([undo, redo])
        go = bar.addMenu("&Go")
        self._action(go, "Next document", "Ctrl+PgDown", lambda: self.step_document(1))
        self._action(go, "Previous document", "Ctrl+PgUp", lambda: self.step_document(-1))
        self._action(go, "Filter documents", "Ctrl+L", self.documents.filter.setFocus)
        self._action(go, "Article", "Ctrl+1", self.view.setFocus)
        self._action(go, "Statements", "Ctrl+2", self.statements.setFocus)
        review = bar.addMenu("&Review")
        self.review_action = self._action(review, "Agreement and adjudication…", "Ctrl+R", self.windows.open_review)
        self._action(review, "&Progress…", "Ctrl+Shift+R", self.windows.open_progress)
        bar.addMenu(self.options.menu)
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "Keys", "F1", self.help.open)
        help_menu.addAction(self.guidelines.toggle)
        self._action(help_menu, "About", None, self._about)

    def _connect(self) -> None:
        session = self.session
        self.documents.chosen.connect(self.open_document)
        session.opened.connect(self._opened)
        session.span_added.connect(lambda span: self.view.highlighter.add(session.mark(span)))
        session.span_removed.connect(lambda span: self.view.highlighter.remove(session.mark(span)))
        session.selection_changed.connect(self._selected)
        # The list's entry and progress are read again once the event loop is idle, after the article is painted.
        self._entry_timer = QTimer(self)
        self._entry_timer.setSingleShot(True)
        self._entry_timer.timeout.connect(self._refresh_entry)
        for signal in (session.status_changed, session.span_added, session.span_removed):
            signal.connect(lambda *_args: self._entry_timer.start(0))
        session.failed.connect(self._failed)
        self.windows.imported.connect(self._imported)
        self.tagging.message.connect(self.show_message)
        self.proposing.message.connect(self.show_message)
        self.view.describe = self.proposing.with_proposals(partial(describe, self.session))
        self.statements.selectionModel().currentRowChanged.connect(self._statement_row)
        self.statements_model.modelReset.connect(self._sync_row)
        self.statements_model.filled.connect(self._sync_row)

    # -- documents ----------------------------------------------------------------------------------------------

    @guarded
    def open_document(self, doc_id: str) -> None:
        if doc_id == self.session.doc_id:
            return
        try:
            self.session.open(doc_id)
        except AnnotatorError as error:
            self.show_message(str(error))

    def open_first(self) -> None:
        """Where a person starts: the first document they have not done, else the first of all."""
        doc_id = self.store.next_document(self.session.annotator)
        if doc_id is None:
            entries = self.store.document_entries(self.session.annotator, limit=1)
            doc_id = entries[0].doc_id if entries else None
        if doc_id is not None:
            self.session.open(doc_id)
        self.view.setFocus()

    def _opened(self) -> None:
        document = self.session.document
        assert document is not None
        self.view.show_text(document.text, self.session.marks, self.session.positions)
        self.title.setText(document.title or document.doc_id)
        self.documents.show_current(document.doc_id)
        self._retitle()
        self.view.setFocus()

    @guarded
    def step_document(self, delta: int) -> None:
        model = self.documents.model
        row = model.row_of(self.session.doc_id) if self.session.doc_id else -1
        target = row + delta
        if target >= model.rowCount() and model.canFetchMore():
            model.fetchMore()
        if 0 <= target < model.rowCount():
            self.open_document(model.entries[target].doc_id)

    @guarded
    def done_and_next(self) -> None:
        if self.session.document is None or not self.done_check.confirm():
            return
        finished = self.session.doc_id
        if self.tagging.do("mark done", lambda: self.session.set_status(Status.DONE)) is None:
            return
        self._touched.add(finished)
        following = self.store.next_document(self.session.annotator, after=finished)
        if following is None:
            self.show_message("marked done: every document is done")
            return
        self.session.open(following)
        title = self.session.document.title if self.session.document else ""
        self.show_message(f"marked done; now {title or following}")

    def _refresh_entry(self) -> None:
        # An edit's new span count comes from the session (reading the entry counted the layer's spans: 5 ms at
        # 20,000); an entry whose status moved, and the documents marked done, are read again, and the progress.
        session, model = self.session, self.documents.model
        touched = {doc_id for doc_id in self._touched if doc_id is not None}
        self._touched.clear()
        if session.doc_id is not None and not model.recount(session.doc_id, session.status, len(session.spans)):
            touched.add(session.doc_id)
        for doc_id in touched:
            model.update_entry(doc_id)
        if touched:
            self.documents.update_progress()

    # -- selection and hover -------------------------------------------------------------------------------------

    def _selected(self, key: str | None) -> None:
        span = self.session.spans.get(key) if key else None
        self.view.outline(self.session.mark(span) if span else None)
        self._sync_row()
        if span is not None:
            self.show_message(describe_span(self.session, span))

    def _sync_row(self) -> None:
        """The statements table's current row follows the selected claim (when the table's paint is held, as after
        an edit, at its release: ``ui.statements_hold``)."""
        holding = self.statements.holding
        if holding is not None and holding.to_come:
            holding.later(self._sync_row)
            return
        span = self.session.selected_span()
        row = self.statements_model.row_of(span.key if span else None)
        selection = self.statements.selectionModel()
        if row >= 0:
            if selection.currentIndex().row() != row:
                index = self.statements_model.index(row, 0)
                if not self.statements.viewport().rect().intersects(self.statements.visualRect(index)):
                    self.statements.hold_paint()  # it scrolls to the row: drawn whole, after the article
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
        elif span is None or span.label == self.statements_model.claim:
            selection.clearSelection()

    def _statement_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.statements_model.data(current, Qt.ItemDataRole.UserRole) if current.isValid() else None
        if key and key != self.session.selected:
            self.session.select(key)

    # -- annotators -----------------------------------------------------------------------------------------------

    @guarded
    def ask_annotator(self) -> None:
        names = [a.name for a in self.store.annotators()]
        current = names.index(self.session.annotator) if self.session.annotator in names else 0
        name, ok = QInputDialog.getItem(
            self, "Switch annotator", "Annotate as (a new name registers it):", names, current, True
        )
        if ok and name.strip():
            self.switch_annotator(name.strip())

    @guarded
    def switch_annotator(self, name: str) -> None:
        doc_id = self.session.doc_id
        self.session.record_time()
        fresh = self.open_store(name)  # registers a new name; held to that person's role
        fresh.hurry(WAIT_MS)
        self.store.close()
        self.store = self.session.store = self.documents.model.store = fresh
        self.session.annotator = name
        self.documents.model.annotator = name
        self.documents.model.refresh()
        self.documents.update_progress()
        self.undo_stack.clear()
        self.session.document = None
        if doc_id:
            self.session.open(doc_id)
        self._read_role()
        self._retitle()
        self.show_message(f"annotating as {name}")

    def _read_role(self) -> None:
        """The reader's role, read as the window opens and at each switch of annotator (not at each document)."""
        person = self.store.annotator(self.session.annotator)
        self.is_lead = person is not None and person.role is Role.LEAD

    def _retitle(self) -> None:
        role = f" ({Role.LEAD.value})" if self.is_lead else ""
        document = self.session.document
        where = f"{document.title or document.doc_id} — " if document else ""
        self.setWindowTitle(f"{where}{self.session.annotator}{role} — annotator")

    # -- the import, export and review windows (self.windows) -----------------------------------------------------

    def _imported(self, job: ImportJob) -> None:
        """After File > Import: the document list shows what came in; the open document its layer as stored now."""
        self.documents.model.refresh()
        self.documents.update_progress()
        doc_id = self.session.doc_id
        if job.total.layers and doc_id is not None:
            if job.replace:
                self.undo_stack.clear()  # its commands were made against layers that may have been replaced
            self.session.record_time()
            self.session.document = None
            self.open_document(doc_id)

    # -- messages -------------------------------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _failed(self, text: str) -> None:
        self.show_message(text)
        if self.session.doc_id:
            doc_id = self.session.doc_id
            self.session.document = None
            self.session.open(doc_id)

    def _about(self) -> None:
        QMessageBox.about(self, "annotator", f"annotator {__version__}\n{self.store.where}")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.proposing.stop()
        try:
            self.session.record_time()
        except AnnotatorError as error:
            self.show_message(str(error))
        super().closeEvent(event)
        self.store.close()
