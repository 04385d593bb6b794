"""A small editor over the article for a SPEAKER's canonical name: completes from the registry, or adds one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
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
