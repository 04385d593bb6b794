"""The review's colours: one per kind of unit, and a scale for agreement figures.

The scale runs from orange (0) through pale yellow (0.5) to blue (1): it reads the same to people who cannot tell red
from green, and the value is always written in the cell as well.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtGui import QColor

from annotator.agreement import Kind
from ui.review.rows import GOLD_ONLY

KINDS: dict[str, str] = {
    Kind.AGREED.value: "#cfe9d2",
    Kind.MISSING.value: "#f5c4c4",
    Kind.LABEL.value: "#f9d9a8",
    Kind.BOUNDARIES.value: "#f9d9a8",
    Kind.STANCE.value: "#f9d9a8",
    Kind.SPEAKER.value: "#f9d9a8",
    Kind.ATTRIBUTES.value: "#f9d9a8",
    GOLD_ONLY: "#d3e1f4",
}
"""Light backgrounds for the unit list: agreed green, missing red, any other difference amber, gold only blue."""

STRIPS: dict[str, str] = {
    Kind.AGREED.value: "#4caf50",
    Kind.MISSING.value: "#d23c3c",
    GOLD_ONLY: "#3b6fc4",
}
"""The same, stronger, for the bars beside the text of each pane (other differences: ``DIFFERS``)."""
DIFFERS = "#e69a1e"
DECIDED = "#7a5cc2"
"""The bar beside a unit of the gold pane that gold has decided."""

_SCALE = [(0.0, QColor("#e66101")), (0.25, QColor("#fdb863")), (0.5, QColor("#fbe9a9")), (0.75, QColor("#92c5de"))]
_SCALE.append((1.0, QColor("#2c7bb6")))
UNDEFINED = QColor("#dedede")


def kind_colour(kind: str) -> QColor:
    return QColor(KINDS.get(kind, KINDS[Kind.LABEL.value]))


def strip_colour(kind: str) -> QColor:
    return QColor(STRIPS.get(kind, DIFFERS))


def heat(value: float) -> QColor:
    """The colour of an agreement figure in [0, 1] (clamped)."""
    value = min(max(value, 0.0), 1.0)
    for (low, a), (high, b) in pairwise(_SCALE):
        if value <= high:
            t = (value - low) / (high - low)
            return QColor(
                round(a.red() + (b.red() - a.red()) * t),
                round(a.green() + (b.green() - a.green()) * t),
                round(a.blue() + (b.blue() - a.blue()) * t),
            )
    return QColor(_SCALE[-1][1])


def ink(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    luminance = 0.299 * background.red() + 0.587 * background.green() + 0.114 * background.blue()
    return QColor("#111111") if luminance > 150 else QColor("#ffffff")
