"""The line under the article that tells each label's colour, key and look."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from annotator.schema import Schema
from ui.palette import LabelStyle


class Legend(QLabel):
    def __init__(self, schema: Schema) -> None:
        super().__init__()
        self.hotkeys = {label.name: label.hotkey for label in schema.labels}
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)  # the legend never widens the article past its share

    def show_styles(self, styles: dict[str, LabelStyle]) -> None:
        keys = self.hotkeys
        self.setText(
            "  ".join(
                f"<span style='color:{s.colour.name()}'>■</span> {s.label} <b>{keys[s.label]}</b> ({s.swatch()})"
                for s in styles.values()
            )
            + "  ·  F1 keys"
        )
