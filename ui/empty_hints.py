"""What an empty panel says: how to fill it. A line of guidance over the panel while it has nothing to show (no
documents: how to import; no statements: how to tag a claim; no document open)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QLabel

from annotator.schema import Schema
from ui.document_list import DocumentList
from ui.session import Session
from ui.statements import StatementsModel

IMPORT = (
    "File > Import… (Ctrl+I) brings in articles (.txt files, the first line the title) or a dataset (JSONL, doccano, "
    "Label Studio, brat…); from a terminal: annotator import FILE…"
)


class EmptyHint(QLabel):
    """Centred over ``area``'s viewport whenever ``text`` says something (the panel is empty); hidden otherwise."""

    def __init__(self, area: QAbstractScrollArea, text: Callable[[], str]) -> None:
        super().__init__(area.viewport())
        self._text = text
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMargin(18)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        area.viewport().installEventFilter(self)
        self.setGeometry(area.viewport().rect())
        self.hide()

    def refresh(self, *_args: object) -> None:
        text = self._text()
        if text != self.text():
            self.setText(text)
        self.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if event.type() == QEvent.Type.Resize and parent is not None and watched is parent:
            self.setGeometry(parent.rect())
        return False


def _on_change(model: QAbstractItemModel, hint: EmptyHint) -> None:
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
        signal.connect(hint.refresh)


def documents_hint(documents: DocumentList) -> EmptyHint:
    def text() -> str:
        model = documents.model
        if model.rowCount() > 0:
            return ""
        if model.text or model.status is not None:
            return "No document matches the filter."
        return f"No documents yet.\n\n{IMPORT}"

    hint = EmptyHint(documents.table, text)
    _on_change(documents.model, hint)
    hint.refresh()
    return hint


def statements_hint(area: QAbstractScrollArea, model: StatementsModel, session: Session) -> EmptyHint:
    def text() -> str:
        if session.document is None or model.rowCount() > 0 or model.filling:
            return ""
        return f"No statements yet.\n\n{how_to_tag(session.schema)}"

    hint = EmptyHint(area, text)
    _on_change(model, hint)
    model.filled.connect(hint.refresh)
    session.opened.connect(hint.refresh)
    hint.refresh()
    return hint


def article_hint(area: QAbstractScrollArea, session: Session) -> EmptyHint:
    def text() -> str:
        return "" if session.document is not None else f"No document is open.\n\n{IMPORT}"

    hint = EmptyHint(area, text)
    session.opened.connect(hint.refresh)
    hint.refresh()
    return hint


def how_to_tag(schema: Schema) -> str:
    """The first steps of a statement by hand, in the schema's labels and keys."""
    statement, keys = schema.statement, {label.name: label.hotkey for label in schema.labels}
    steps = f"Select what someone is reported to have said and press {keys[statement.content]} to tag a "
    steps += f"{statement.content}"
    parts = [f"{label} ({keys[label]})" for label in (statement.source, statement.cue) if label in keys]
    if parts:
        steps += f"; tag who said it and the reporting words, {' and '.join(parts)}: they are linked as you tag"
    return steps + ". F1 lists every key."
