"""The article's font size: Ctrl+= and Ctrl+- (or Ctrl+wheel) a point larger or smaller, Ctrl+0 back to the
default; the size is remembered between runs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QWheelEvent
from PySide6.QtWidgets import QPlainTextEdit

from ui.remembered import settings

SIZE_SETTING = "article/font_size"
SMALLEST, LARGEST = 6.0, 48.0


class Zoom(QObject):
    def __init__(self, view: QPlainTextEdit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.default = view.font().pointSizeF()
        self.actions: list[QAction] = []
        for text, keys, steps in (
            ("Zoom in", ("Ctrl+=", "Ctrl++"), 1),
            ("Zoom out", ("Ctrl+-",), -1),
            ("Actual size", ("Ctrl+0",), 0),
        ):
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, steps=steps: self.step(steps))
            self.actions.append(action)
        view.viewport().installEventFilter(self)
        try:
            saved = float(str(settings().value(SIZE_SETTING, self.default)))
        except ValueError:  # a hand-edited file: the default
            saved = self.default
        self._set(saved)

    @property
    def size(self) -> float:
        return self.view.font().pointSizeF()

    def step(self, steps: int) -> None:
        """A point larger per step (smaller when negative); 0: the default size."""
        size = self.default if steps == 0 else self.size + steps
        self._set(size)
        settings().setValue(SIZE_SETTING, self.size)

    def _set(self, size: float) -> None:
        font = self.view.font()
        font.setPointSizeF(min(max(size, SMALLEST), LARGEST))
        self.view.setFont(font)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+wheel: our step (remembered) rather than QPlainTextEdit's own zoom (forgotten).
        if isinstance(event, QWheelEvent) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.step(1 if delta > 0 else -1)
            return True
        return False
