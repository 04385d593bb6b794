"""How each label is drawn: its colour from the schema and a visual channel of its own.

Labels take channels in schema order, so that overlapping and nested spans of different labels stay readable:
the first is a translucent fill (deeper where spans of that label nest), the second an underline, the third a box,
then a wavy, a dashed and a dotted underline. A ninth label shares a channel with the first, in its own colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat

from annotator.schema import Schema

FILL, UNDERLINE, BOX, WAVE, DASH, DOT = "fill", "underline", "box", "wave", "dash", "dot"
CHANNELS = (FILL, UNDERLINE, BOX, WAVE, DASH, DOT)
UNDERLINES = {
    UNDERLINE: QTextCharFormat.UnderlineStyle.SingleUnderline,
    WAVE: QTextCharFormat.UnderlineStyle.WaveUnderline,
    DASH: QTextCharFormat.UnderlineStyle.DashUnderline,
    DOT: QTextCharFormat.UnderlineStyle.DotLine,
}


@dataclass(frozen=True, slots=True)
class LabelStyle:
    label: str
    colour: QColor
    channel: str

    def fill(self, depth: int) -> QColor:
        """The fill for ``depth`` nested spans of this label: each level a little deeper."""
        colour = QColor(self.colour)
        colour.setAlpha(min(70 + 50 * (depth - 1), 200))
        return colour

    def swatch(self) -> str:
        """A short description of how the label looks, for the help and the legend."""
        return {
            FILL: "fill",
            UNDERLINE: "underline",
            BOX: "box",
            WAVE: "wavy underline",
            DASH: "dashed underline",
            DOT: "dotted underline",
        }[self.channel]


def label_styles(schema: Schema) -> dict[str, LabelStyle]:
    return {
        label.name: LabelStyle(label.name, QColor(label.colour), CHANNELS[index % len(CHANNELS)])
        for index, label in enumerate(schema.labels)
    }
