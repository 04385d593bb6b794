"""How the statements table fits a claim into its cell at the panel's width: on two lines, its beginning on the
first and, when the rest does not fit on the second, the rest elided in the middle, so that both how the claim
begins and how it ends are in view (the whole of it is the cell's tooltip); and the claim's column kept at a fair
share of the table's width, the other columns narrowed in proportion when the panel is narrow."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QTableView

CLAIM_SHARE = 0.38
"""The part of the table's width the claim's column takes at least."""


@lru_cache(maxsize=4096)
def _two_lines(text: str, font: str, width: int) -> str:
    shown = QFont()
    shown.fromString(font)
    return _cut(text, shown, width)


def two_lines(text: str, font: QFont, width: int) -> str:
    """``_cut``, kept for the texts and widths drawn last: the table draws every row in view at each paint."""
    return _two_lines(text, font.toString(), width)


def _cut(text: str, font: QFont, width: int) -> str:
    """``text`` as two lines of ``width`` pixels at most: the first as word wrapping makes it, the second the rest,
    elided in the middle when it is longer; ``text`` itself when it fits as it is or ``width`` is too small."""
    text, metrics = " ".join(text.split()), QFontMetrics(font)
    if width < 20 or metrics.horizontalAdvance(text) <= width:
        return text
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(width)
    layout.endLayout()
    cut = max(line.textLength(), 1)
    first, rest = text[:cut].rstrip(), text[cut:].lstrip()
    return f"{first}\n{metrics.elidedText(rest, Qt.TextElideMode.ElideMiddle, width)}" if rest else first


def share_width(view: QTableView, natural: Sequence[int], fixed: Collection[int] = ()) -> None:
    """Give column 0 (which stretches) at least ``CLAIM_SHARE`` of the view's width: the other columns get their
    ``natural`` widths, or, but for the ``fixed`` ones (a choice's short values), less in proportion when they would
    leave it less."""
    width = view.viewport().width()
    kept = sum(size for number, size in enumerate(natural) if number in fixed)
    others = sum(natural[1:]) - kept
    room = width - kept - max(width - kept - others, int(width * CLAIM_SHARE))
    scale = min(1.0, max(room, 0) / others) if others else 1.0
    for number, size in enumerate(natural[1:], start=1):
        view.setColumnWidth(number, size if number in fixed else max(int(size * scale), 24))
