"""Editing a gold span by hand: its attributes (stance, target, quote type, speaker) and the gold spans it links to.

The dialog does not block the window; OK hands the new values to ``commit``, which makes them one change to gold.
A choice's items begin with their key, so the key picks the value (1 FAVOR, 2 AGAINST, 3 NONE).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from annotator.model import Layer, Span
from annotator.schema import AttributeDef, RelationDef, Schema
from ui.review.units import excerpt

Commit = Callable[[dict[str, str | None], dict[str, str | None]], None]  # (attribute values, relation -> child key)


class GoldSpanEditor(QDialog):
    def __init__(
        self,
        parent: QWidget,
        schema: Schema,
        span: Span,
        text: str,
        gold: Layer,
        registry: dict[str, list[str]],
        commit: Commit,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Gold {span.label} {span.key}")
        self.span, self.gold, self.commit = span, gold, commit
        self.fields: dict[str, QComboBox | QLineEdit] = {}
        self.links: dict[str, QComboBox] = {}
        form = QFormLayout(self)
        quoted = QLabel(f"“{excerpt(text[span.start : span.end], 90)}”")
        quoted.setTextFormat(Qt.TextFormat.PlainText)
        quoted.setWordWrap(True)
        form.addRow(quoted)
        for attribute in schema.attributes_for(span.label):
            field = self._field(attribute, span.attrs.get(attribute.name, ""), registry.get(attribute.kind, []))
            self.fields[attribute.name] = field
            form.addRow(attribute.name.replace("_", " "), field)
        for relation in schema.relations:
            if relation.head == span.label:
                self.links[relation.name] = self._link(relation, text)
                form.addRow(relation.name, self.links[relation.name])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.accepted.connect(self._commit)

    def _field(self, attribute: AttributeDef, value: str, known: list[str]) -> QComboBox | QLineEdit:
        if attribute.kind == "choice":
            box = QComboBox()
            box.addItem("(none)", "")
            keys = list(attribute.keys) + [""] * (len(attribute.values) - len(attribute.keys))
            for option, key in zip(attribute.values, keys, strict=True):
                box.addItem(f"{key}  {option}" if key else option, option)
            box.setCurrentIndex(max(box.findData(value), 0))
            return box
        if attribute.kind in ("target", "speaker"):
            box = QComboBox()
            box.setEditable(True)
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            box.addItems(["", *known])
            box.setEditText(value)
            completer = box.completer()
            if completer is not None:
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
            return box
        line = QLineEdit(value)
        return line

    def _link(self, relation: RelationDef, text: str) -> QComboBox:
        box = QComboBox()
        box.addItem("(none)", "")
        for span in sorted(self.gold.spans, key=lambda s: s.start):
            if span.label == relation.child:
                box.addItem(f"“{excerpt(text[span.start : span.end], 40)}” ({span.key})", span.key)
        linked = [r.child for r in self.gold.relations if r.head == self.span.key and r.label == relation.name]
        box.setCurrentIndex(max(box.findData(linked[0]), 0) if linked else 0)
        box.setProperty("before", box.currentData())
        return box

    def values(self) -> dict[str, str | None]:
        """The attributes that changed, None where one was cleared."""
        changed: dict[str, str | None] = {}
        for name, field in self.fields.items():
            if isinstance(field, QComboBox):
                value = field.currentText().strip() if field.isEditable() else field.currentData()
            else:
                value = field.text().strip()
            if (value or None) != self.span.attrs.get(name):
                changed[name] = value or None
        return changed

    def relinked(self) -> dict[str, str | None]:
        """The relations whose child changed: relation name -> the gold span it leads to now (None: no link)."""
        return {
            name: box.currentData() or None
            for name, box in self.links.items()
            if box.currentData() != box.property("before")
        }

    def _commit(self) -> None:
        values, links = self.values(), self.relinked()
        if values or links:
            self.commit(values, links)
