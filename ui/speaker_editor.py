"""A small editor over the article for a SPEAKER's canonical name: completes from the registry, or adds one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget


class SpeakerLine(QLineEdit):
    def __init__(self, editor: SpeakerEditor) -> None:
        super().__init__()
        self.editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer().popup() if self.completer() else None
        if event.key() == Qt.Key.Key_Escape and not (popup and popup.isVisible()):
            self.editor.close_editor()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            popup and popup.isVisible() and popup.currentIndex().isValid()
        ):
            if popup is not None:
                popup.hide()
            self.editor.commit()  # with no entry chosen in the list, the name as typed
            return
        super().keyPressEvent(event)


class SpeakerEditor(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.title = QLabel()
        self.line = SpeakerLine(self)
        self.line.setPlaceholderText("type to complete from the registry, or a new name")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.line)
        self.on_commit: Callable[[str], None] | None = None
        self.on_close: Callable[[], None] | None = None
        self.hide()

    def open(self, title: str, current: str, names: list[str], on_commit: Callable[[str], None]) -> None:
        completer = QCompleter(names, self.line)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.line.setCompleter(completer)
        popup = completer.popup()
        if popup is not None:
            popup.installEventFilter(self)  # after the completer's own filter: this one is asked first
        self.title.setText(title)
        self.line.setText(current)
        self.line.selectAll()
        self.on_commit = on_commit
        parent = self.parentWidget()
        parent_width = parent.width() if parent is not None else 460
        width = min(420, parent_width - 40)
        self.setGeometry((parent_width - width) // 2, 60, width, self.sizeHint().height())
        self.raise_()
        self.show()
        self.line.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the completion list with no entry chosen takes the name as typed (a registered name that is
        part of another, "Ana Costa" under "Luis Rey and Ana Costa"): one key, as when the list is closed."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            popup = self.line.completer().popup() if self.line.completer() else None
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and watched is popup and popup is not None and not popup.currentIndex().isValid():
                popup.hide()
                self.commit()
                return True
        return super().eventFilter(watched, event)

    def commit(self) -> None:
        name = self.line.text().strip()
        callback = self.on_commit
        self.close_editor()
        if callback is not None:
            callback(name)

    def close_editor(self) -> None:
        self.hide()
        if self.on_close is not None:
            self.on_close()
