"""How the statements table fits a cell's text into its width: on two lines, its beginning on the first and, when
the rest does not fit on the second, the rest elided (a claim's in the middle, so that both how the claim begins and
how it ends are in view; the whole of it is the cell's tooltip); and the claim's column kept at a fair share of the
table's width, the other columns narrowed in proportion when the panel is narrow."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QTableView

CLAIM_SHARE = 0.38
"""The part of the table's width the claim's column takes at least."""


def cut(
    text: str, metrics: QFontMetrics, font: QFont, width: int, elide: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle
) -> tuple[str, ...]:
    """``text`` as at most two lines of ``width`` pixels: the first as word wrapping makes it, the second the rest,
    elided (in the middle: how it ends stays in view) when it is longer; one line when it fits as it is, or, elided,
    when ``width`` is too small for two.

    A long text is laid out only as far as two lines can reach, and its rest elided from its two ends: shaping a
    claim's 240 characters three times (measured, laid out, elided) cost about 0.3 ms a row."""
    text = " ".join(text.split())
    if not text:
        return ()
    if width < 20:
        return (metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 0)),)
    reach = 3 * width // max(metrics.averageCharWidth(), 1) + 8  # characters: more than two lines hold, as a rule
    if len(text) < reach and metrics.horizontalAdvance(text) <= width:  # a short text that fits: one line
        return (text,)
    first, second = _two_lines(text[: 2 * reach], font, width)
    if first + second < min(len(text), 2 * reach):  # the part laid out reaches past two lines
        taken = first
    elif len(text) <= 2 * reach:  # the whole text is on two lines or one
        return tuple(line for line in (text[:first].rstrip(), text[first:].strip()) if line)
    else:  # unusually narrow characters: lay the whole text out
        taken, _ = _two_lines(text, font, width)
    head, rest = text[:taken].rstrip(), text[taken:].lstrip()
    if len(rest) > 2 * reach:  # elided from the ends it keeps (what does not fit of them is elided whatever it was)
        short = f"{rest[:reach]}{rest[-reach:]}" if elide == Qt.TextElideMode.ElideMiddle else rest[: 2 * reach]
        shown = metrics.elidedText(short, elide, width)
        if shown != short:  # else the two ends fit whole: the rest itself is elided
            return (head, shown)
    return (head, metrics.elidedText(rest, elide, width))


def _two_lines(text: str, font: QFont, width: int) -> tuple[int, int]:
    """How many characters of ``text`` the first two lines of ``width`` pixels take, word wrapping (else anywhere)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lengths = []
    for _ in range(2):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lengths.append(line.textLength())
    layout.endLayout()
    lengths += [0] * (2 - len(lengths))
    return max(lengths[0], 1), lengths[1]


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
