"""The guidelines pane (Shift+F1): the schema's labels, relations and attributes in words and the project's own
guide (``annotator.guide``), drawn from Markdown by Qt; a dock beside the article, or a window of its own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QTextBrowser, QWidget

from annotator.guide import guidelines
from annotator.schema import Schema


class GuidelinesPane(QDockWidget):
    def __init__(self, schema: Schema, parent: QWidget) -> None:
        super().__init__("Guidelines", parent)
        self.setObjectName("guidelines")
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.text.document().setMarkdown(guidelines(schema))
        self.setWidget(self.text)
        self.toggle = self.toggleViewAction()
        self.toggle.setText("Guidelines")
        self.toggle.setShortcut(QKeySequence("Shift+F1"))
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self.hide()

    def show_label(self, name: str) -> None:
        """Open the pane at what the guidelines say of label ``name``."""
        self.show()
        found = self.text.document().find(f"{name} (key ")
        if not found.isNull():
            self.text.setTextCursor(found)
            self.text.ensureCursorVisible()
