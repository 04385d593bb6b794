"""Before a document is marked done: what its layer leaves open (``annotator.loose_ends``), listed by the spans'
text, with one key to go to the first (Enter) and one to mark it done anyway (D); Esc goes back to the article."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from annotator.loose_ends import LooseEnd, loose_ends
from annotator.model import Status
from ui.session import Session

SHOWN = 200
"""Loose ends listed at most (the count says how many there are)."""


class Choice(IntEnum):
    STAY = 0  # Esc: back to the article, nothing marked
    GO = 1  # Enter: go to the chosen span
    DONE = 2  # D: mark done anyway


class LooseEndsDialog(QDialog):
    def __init__(self, parent: QWidget, ends: list[LooseEnd], text_of: Callable[[LooseEnd], str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mark done?")
        many = "thing is" if len(ends) == 1 else "things are"
        heading = QLabel(f"{len(ends)} {many} still open in this document:")
        self.list = QListWidget()
        self.list.addItems([f"{end.span.label} “{text_of(end)}”: {', '.join(end.lacks)}" for end in ends[:SHOWN]])
        self.list.setCurrentRow(0)
        self.list.activated.connect(lambda _index: self.done(Choice.GO))
        go = QPushButton("Go to it (Enter)")
        go.setDefault(True)
        go.clicked.connect(lambda: self.done(Choice.GO))
        anyway = QPushButton("Mark done anyway (D)")
        anyway.clicked.connect(lambda: self.done(Choice.DONE))
        back = QPushButton("Not now (Esc)")
        back.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (go, anyway, back):
            button.setAutoDefault(button is go)
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(self.list, 1)
        column.addLayout(buttons)
        self.resize(560, 320)
        self.list.installEventFilter(self)  # D before the list's search by typing takes it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and self._key(event):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key(event):
            super().keyPressEvent(event)

    def _key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_D and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.done(Choice.DONE)
            return True
        return False

    @property
    def chosen(self) -> int:
        return max(self.list.currentRow(), 0)


class DoneCheck:
    """Asked by Ctrl+Enter before the layer is marked done."""

    def __init__(self, session: Session, parent: QWidget) -> None:
        self.session, self.parent = session, parent
        self.dialog: LooseEndsDialog | None = None  # while it is open

    def confirm(self) -> bool:
        """Whether to mark the open layer done: at once when nothing is open (or it is done already), else as the
        person chooses; going to a span selects it (and so shows it in the article)."""
        session = self.session
        if session.status is Status.DONE:
            return True
        ends = loose_ends(session.schema.statement, session.ordered(), session.relations.values())
        if not ends:
            return True
        self.dialog = LooseEndsDialog(self.parent, ends, lambda end: _short(session.text_of(end.span)))
        try:
            choice = self.dialog.exec()
            if choice == Choice.GO:
                session.select(ends[self.dialog.chosen].span.key)
        finally:
            self.dialog.deleteLater()
            self.dialog = None
        return bool(choice == Choice.DONE)


def _short(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size // 2 - 1] + " … " + text[-(size // 2 - 2) :]
