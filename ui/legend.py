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
    def __init__(self, schema: Schema, open_guidelines: Callable[[str], None]) -> None:
        super().__init__()
        self.schema = schema
        self.hotkeys = {label.name: label.hotkey for label in schema.labels}
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)  # the legend never widens the article past its share
        self.tip = ""  # what the label under the pointer means ("" when the pointer is on none)
        self.linkHovered.connect(self._hovered)
        self.linkActivated.connect(open_guidelines)

    def show_styles(self, styles: dict[str, LabelStyle]) -> None:
        """Each label in its colour (drawn again when the colours change with the light or dark scheme)."""
        keys = self.hotkeys
        self.setText(
            "  ".join(
                f"<a href='{escape(s.label)}' style='color:palette(window-text); text-decoration:none'>"
                f"<span style='color:{s.colour.name()}'>■</span> {escape(s.label)} <b>{escape(keys[s.label])}</b>"
                f" ({s.swatch()})</a>"
                for s in styles.values()
            )
            + "  ·  F1 keys  ·  Shift+F1 guidelines"
        )

    def _hovered(self, name: str) -> None:
        self.tip = label_tip(self.schema, name) if name else ""
        if self.tip:
            QToolTip.showText(QCursor.pos(), self.tip, self)
        else:
            QToolTip.hideText()
