"""How each label is drawn: its colour from the schema, made to stand out from the background, and a visual channel
of its own.

Labels take channels in schema order, so that overlapping and nested spans of different labels stay readable:
the first is a translucent fill with a bar along the top of each of its lines (the fill deeper where spans of that
label nest), the second a thick underline, the third a box, then a wavy, a dashed and a dotted underline. A seventh
label shares a channel with the first, in its own colour. The bar, the thick underline and the box are drawn over
the text by the article view, inside one another: the box at the line's edge, the bar and the underline within it,
so that a speaker inside a cue inside a claim shows all three at any zoom.

A schema's colour is adjusted for the background (light or dark): lightened or darkened, keeping its hue, until it
stands out from it by at least ``MARK_CONTRAST`` (the WCAG ratio for graphical objects), and text drawn in it by
``TEXT_CONTRAST``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat

from annotator.schema import Schema

FILL, UNDERLINE, BOX, WAVE, DASH, DOT = "fill", "underline", "box", "wave", "dash", "dot"
CHANNELS = (FILL, UNDERLINE, BOX, WAVE, DASH, DOT)
UNDERLINES = {
    WAVE: QTextCharFormat.UnderlineStyle.WaveUnderline,
    DASH: QTextCharFormat.UnderlineStyle.DashUnderline,
    DOT: QTextCharFormat.UnderlineStyle.DotLine,
}
"""The channels Qt draws as the text's underline (the thick underline is drawn by the view: Qt's is 1 px)."""
STROKED = (FILL, UNDERLINE, BOX)
"""The channels the view draws over the text, line by line."""
MARK_CONTRAST = 3.0
TEXT_CONTRAST = 4.5


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of an opaque colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.red()) + 0.7152 * linear(colour.green()) + 0.0722 * linear(colour.blue())


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two opaque colours, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def standing_out(colour: QColor, background: QColor, ratio: float = MARK_CONTRAST) -> QColor:
    """``colour`` itself where it stands out from ``background`` by ``ratio``; else its hue made darker (on a light
    background) or lighter (on a dark one), a step at a time, until it does."""
    adjusted = QColor(colour)
    adjusted.setAlpha(255)
    darken = luminance(background) > 0.18
    for _ in range(40):
        if contrast(adjusted, background) >= ratio:
            break
        hue, saturation, lightness = adjusted.hslHueF(), adjusted.hslSaturationF(), adjusted.lightnessF()
        lightness = max(lightness - 0.03, 0.0) if darken else min(lightness + 0.03, 1.0)
        adjusted = QColor.fromHslF(max(hue, 0.0), saturation, lightness)
    return adjusted


@dataclass(frozen=True, slots=True)
class LabelStyle:
    label: str
    colour: QColor  # the schema's, standing out from the background: strokes, swatches, outlines
    channel: str
    text: QColor  # text inside a box, readable on the background
    tint: QColor  # the schema's own colour, for fills (text is read through them)

    def fill(self, depth: int) -> QColor:
        """The fill for ``depth`` nested spans of this label: each level a little deeper."""
        colour = QColor(self.tint)
        colour.setAlpha(min(95 + 45 * (depth - 1), 200))
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


def label_styles(schema: Schema, background: QColor | None = None) -> dict[str, LabelStyle]:
    """Each label's style, its colour adjusted to stand out from ``background`` (white when not given)."""
    base = QColor("white") if background is None else background
    styles = {}
    for index, label in enumerate(schema.labels):
        colour = QColor(label.colour)
        styles[label.name] = LabelStyle(
            label.name,
            standing_out(colour, base),
            CHANNELS[index % len(CHANNELS)],
            standing_out(colour, base, TEXT_CONTRAST),
            colour,
        )
    return styles
