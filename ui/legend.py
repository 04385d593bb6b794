"""The legend under the article: each label in its colour with its key and how it is drawn; hovering a label shows
what it means (its description, attributes and relations, from the schema), clicking it opens the guidelines."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QLabel, QToolTip

from annotator.guide import label_tip
from annotator.schema import Schema
from ui.palette import LabelStyle


class Legend(QLabel):
    def __init__(self, schema: Schema, styles: dict[str, LabelStyle], open_guidelines: Callable[[str], None]) -> None:
        super().__init__()
        self.schema = schema
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)  # the legend never widens the article past its share
        hotkeys = {label.name: label.hotkey for label in schema.labels}
        self.setText(
            "  ".join(
                f"<a href='{escape(s.label)}' style='color:palette(window-text); text-decoration:none'>"
                f"<span style='color:{s.colour.name()}'>■</span> {escape(s.label)} <b>{escape(hotkeys[s.label])}</b>"
                f" ({s.swatch()})</a>"
                for s in styles.values()
            )
            + "  ·  F1 keys  ·  Shift+F1 guidelines"
        )
        self.tip = ""  # what the label under the pointer means ("" when the pointer is on none)
        self.linkHovered.connect(self._hovered)
        self.linkActivated.connect(open_guidelines)

    def _hovered(self, name: str) -> None:
        self.tip = label_tip(self.schema, name) if name else ""
        if self.tip:
            QToolTip.showText(QCursor.pos(), self.tip, self)
        else:
            QToolTip.hideText()
