"""Find in the article: Ctrl+F opens a bar under the text; typing searches (without case, unless Aa is on), the
matches on screen are highlighted and the count shown; Enter or F3 goes to the next, Shift+Enter or Shift+F3 to the
previous; Esc closes it and leaves the current match selected (a label's key tags it).

The search runs a slice at a time (``annotator.text_search``): the first as a key is typed, the rest when the
event loop is idle; only the matches in view are highlighted, again after each scroll.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from annotator.text_search import TextSearch
from ui.article_view import ArticleView
from ui.session import Session

SHOWN = 100
"""Matches highlighted at most at once, of those in view: with more (a letter, say), only the current one is. Qt
draws a line cut by formats at about twice the cost, and a screen of a letter's matches cost some 40 ms a paint."""


def _format(colour: str) -> QTextCharFormat:
    shown = QTextCharFormat()
    shown.setBackground(QColor(colour))
    shown.setForeground(QColor("#000000"))
    return shown


MATCH, CURRENT = _format("#fff176"), _format("#ff9800")


class FindBar(QWidget):
    def __init__(self, session: Session, view: ArticleView) -> None:
        super().__init__()
        self.session, self.view = session, view
        self.field = QLineEdit(placeholderText="Find in the article")
        self.field.setClearButtonEnabled(True)
        self.case = QCheckBox("Aa")
        self.case.setToolTip("match case")
        self.count = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)
        row.addWidget(self.field, 1)
        row.addWidget(self.case)
        row.addWidget(self.count)
        self.search: TextSearch | None = None
        self.current = -1  # index of the current match in ``search.starts``
        self._anchor = 0  # code point: the first match from here is the current one
        self._more = QTimer(self)  # the rest of the search, a slice per idle turn
        self._more.setSingleShot(True)
        self._more.timeout.connect(self._step)
        self._repaint = QTimer(self)  # the highlights of what scrolled into view
        self._repaint.setSingleShot(True)
        self._repaint.setInterval(15)
        self._repaint.timeout.connect(self.highlight)
        self.find_action = self._new_action("Find in the article…", "Ctrl+F", self.open)
        self.next_action = self._new_action("Find next", "F3", lambda: self.go(1))
        self.previous_action = self._new_action("Find previous", "Shift+F3", lambda: self.go(-1))
        for text, tip, slot in (
            ("↑", "previous match (Shift+F3, Shift+Enter)", lambda: self.go(-1)),
            ("↓", "next match (F3, Enter)", lambda: self.go(1)),
            ("×", "close (Esc)", self.close_bar),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
        self.field.textChanged.connect(self.restart)
        self.case.toggled.connect(self.restart)
        self.field.installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(lambda _value: self._repaint.start())
        session.opened.connect(self._opened)
        self._shown(False)

    def _new_action(self, text: str, key: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        return action

    @property
    def actions_(self) -> list[QAction]:
        return [self.find_action, self.next_action, self.previous_action]

    def _shown(self, shown: bool) -> None:
        # F3 finds only while the bar is open; otherwise it is the article's (the target of the selected claim).
        self.setVisible(shown)
        self.next_action.setEnabled(shown)
        self.previous_action.setEnabled(shown)

    # -- opening and closing ------------------------------------------------------------------------------------

    def open(self) -> None:
        """Show the bar with its text selected, searching from the article's cursor."""
        if not self.isVisible():
            self._shown(True)
            self._anchor = self._cursor()
            self.restart()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self._more.stop()
        self._shown(False)
        self.view.setExtraSelections([])
        self.view.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.go(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
                return True
        return super().eventFilter(watched, event)

    def _opened(self) -> None:
        if self.isVisible():
            self._anchor = 0
            self.restart()

    # -- searching ----------------------------------------------------------------------------------------------

    def restart(self) -> None:
        """Search the article for the field's text afresh: the first slice now, the rest when idle."""
        self._more.stop()
        document = self.session.document
        term = self.field.text()
        self.search = TextSearch(document.text if document else "", term, match_case=self.case.isChecked())
        self.current = -1
        self._step()

    def _step(self) -> None:
        search = self.search
        if search is None:
            return
        before, current = len(search.starts), self.current
        search.step()
        if self.current < 0:
            at = search.index_from(self._anchor)
            if at < len(search.starts):
                self._go_to(at)
            elif search.done and search.starts:
                self._go_to(0)  # none after the cursor: round to the first
        if not search.done:
            self._more.start(0)
        self._show_count()
        low, high = self._in_view()
        found = search.starts[before:]
        # Highlighted again only when what is in view changed: a step's matches are mostly out of sight.
        if self.current != current or (found and found[0] < high and found[-1] + len(search.term) > low) or not before:
            self.highlight()

    def go(self, delta: int) -> None:
        """The next match (``delta`` 1) or the previous (-1), round at the ends."""
        search = self.search
        if search is None or not search.term:
            return
        if delta > 0 and self.current + 1 >= len(search.starts):
            search.run()  # the next may be in what is still to be searched
        elif delta < 0 and self.current <= 0:
            search.run()
        count = len(search.starts)
        if count:
            self._go_to((self.current + delta) % count if self.current >= 0 else 0)
        self._show_count()
        self.highlight()

    def _go_to(self, index: int) -> None:
        assert self.search is not None
        self.current = index
        start = self.search.starts[index]
        self._anchor = start
        low, high = self.session.positions.to_utf16_all([start, start + len(self.search.term)])
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(low)
        cursor.setPosition(high, QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()

    def _show_count(self) -> None:
        search = self.search
        if search is None or not search.term:
            self.count.setText("")
            return
        more = "" if search.done else "…"
        found = len(search.starts)
        if not found:
            self.count.setText("searching…" if more else "no matches")
        else:
            self.count.setText(f"{self.current + 1} of {found}{more}")

    def highlight(self) -> None:
        """Highlight the matches in view (and the current one more strongly)."""
        search = self.search
        if search is None or not self.isVisible() or not search.term:
            self.view.setExtraSelections([])
            return
        starts = search.between(*self._in_view())
        current = search.starts[self.current] if 0 <= self.current < len(search.starts) else -1
        if len(starts) > SHOWN:
            starts = [current] if current >= 0 else []
        size = len(search.term)
        ends = self.session.positions.to_utf16_all([cp for start in starts for cp in (start, start + size)])
        document = self.view.document()
        selections = []
        for n, start in enumerate(starts):
            cursor = QTextCursor(document)
            cursor.setPosition(ends[2 * n])
            cursor.setPosition(ends[2 * n + 1], QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = CURRENT if start == current else MATCH
            selections.append(selection)
        self.view.setExtraSelections(selections)

    def _in_view(self) -> tuple[int, int]:
        """The code points from the first shown to just past the last."""
        viewport, at = self.view.viewport().rect(), self.session.positions.codepoint_at
        low = at(self.view.cursorForPosition(viewport.topLeft()).position())
        return low, at(self.view.cursorForPosition(viewport.bottomRight()).position()) + 1

    def _cursor(self) -> int:
        return self.session.positions.codepoint_at(self.view.textCursor().selectionStart())
