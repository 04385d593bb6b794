"""What the article shows, read from its pixels: the strokes of a label on a character's line, arcs that came; and
what a widget's paints covered."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPaintEvent, QRegion, QTextCursor
from PySide6.QtWidgets import QWidget

from ui.main_window import MainWindow
from window.conftest import point_of


def close(one: QColor, other: QColor, within: int = 40) -> bool:
    return abs(one.red() - other.red()) + abs(one.green() - other.green()) + abs(one.blue() - other.blue()) <= within


def line_column(window: MainWindow, cp: int) -> tuple[list[QColor], int]:
    """The pixels of the column through the middle of the character at ``cp``, from the top of its line to the
    bottom, and the line's height. Scrolls there first."""
    point_of(window, cp)
    view = window.view
    to16 = window.session.positions.to_utf16
    cursor = QTextCursor(view.document())
    cursor.setPosition(to16(cp))
    left = view.cursorRect(cursor)
    cursor.setPosition(to16(cp + 1))
    right = view.cursorRect(cursor)
    x = (left.left() + right.left()) // 2
    block = cursor.block()
    line = block.layout().lineForTextPosition(cursor.positionInBlock())
    top = int(view.blockBoundingGeometry(block).translated(view.contentOffset()).top() + line.y())
    image = view.viewport().grab().toImage()
    height = int(line.height())
    return [QColor(image.pixel(QPoint(x, top + dy))) for dy in range(height)], height


def stroked(window: MainWindow, cp: int, colour: QColor, where: str) -> bool:
    """Whether a stroke of ``colour`` crosses the column of the character at ``cp``, in the ``where`` ("top" or
    "bottom") third of its line."""
    column, height = line_column(window, cp)
    part = column[: height // 3 + 1] if where == "top" else column[-(height // 3 + 1) :]
    return any(close(pixel, colour, 24) for pixel in part)


def boxed(window: MainWindow, cp: int, colour: QColor) -> bool:
    """Whether a line of ``colour`` runs just left of the character at ``cp`` (a box's left side)."""
    point_of(window, cp)
    view = window.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(window.session.positions.to_utf16(cp))
    rect = view.cursorRect(cursor)
    image = view.viewport().grab().toImage()
    return any(
        close(QColor(image.pixel(QPoint(rect.left() - 1 + dx, rect.center().y()))), colour, 90) for dx in range(-3, 2)
    )


def grab(window: MainWindow) -> QImage:
    return window.view.viewport().grab().toImage()


def came(before: QImage, after: QImage, colour: QColor) -> int:
    """How many pixels of about ``colour`` are in ``after`` where ``before`` had something else."""
    count = 0
    for y in range(0, after.height(), 1):
        for x in range(0, after.width(), 2):
            pixel = after.pixel(x, y)
            if pixel != before.pixel(x, y) and close(QColor(pixel), colour, 30):
                count += 1
    return count


class Painted(QObject):
    """The paints of a widget, each by the region it covered (``clear`` forgets those seen so far)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.widget = widget
        self.regions: list[QRegion] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(event, QPaintEvent):
            self.regions.append(QRegion(event.region()))
        return False

    def clear(self) -> None:
        self.regions.clear()

    @property
    def count(self) -> int:
        return len(self.regions)

    @property
    def rects(self) -> list[QRect]:
        return [rect for region in self.regions for rect in region]

    @property
    def area(self) -> float:
        """The share of the widget the paints covered (1.0: all of it once)."""
        whole = max(self.widget.width() * self.widget.height(), 1)
        return sum(rect.width() * rect.height() for rect in self.rects) / whole
