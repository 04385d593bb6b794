"""Relations drawn over the article, as brat and INCEpTION draw them: an arc from a span to each span it is linked
to (a claim to its speaker and cue), for the selected span and the span under the pointer, and with the toggle
(Ctrl+Shift+L, remembered) for every span of the current paragraph.

Only what the viewport shows is measured and drawn: each end's lines come from the blocks in view, and a relation
whose other end is out of view is drawn to the edge it lies beyond. Nothing is drawn while the layer is still being
read (the relations are indexed as it is read; asking for them sooner would read it whole).
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPainterPath, QPen, QPolygonF

from annotator.model import Relation
from ui.article_view import ArticleView
from ui.palette import LabelStyle
from ui.remembered import remember_flag, remembered_flag
from ui.session import Session

SHOWN_SETTING = "relations/paragraph"


class RelationArcs(QObject):
    def __init__(
        self, session: Session, view: ArticleView, styles: dict[str, LabelStyle], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session, self.view, self.styles = session, view, styles
        self.hovered: str | None = None  # the key of the span under the pointer
        self._drawn = False  # whether the last paint drew arcs
        self._last = QRect()  # where they were drawn (in the viewport)
        self.toggle = QAction("Show the paragraph's links", self)
        self.toggle.setCheckable(True)
        self.toggle.setChecked(remembered_flag(SHOWN_SETTING, False))
        self.toggle.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.toggle.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.toggle.toggled.connect(self._toggled)
        view.overlay = self.paint
        view.hovered.connect(self._hover)
        view.viewport().installEventFilter(self)  # the pointer leaving the text: its span's arcs go
        view.verticalScrollBar().valueChanged.connect(self._scrolled)
        for signal in (session.selection_changed, session.relations_changed, session.loaded, session.opened):
            signal.connect(self._redraw)

    def _toggled(self, shown: bool) -> None:
        remember_flag(SHOWN_SETTING, shown)
        self._redraw()

    def _redraw(self, *_args: object) -> None:
        # Only where arcs are drawn or are to be: a long layer's last part read, or an edit, draws nothing more; and
        # there only the rows the arcs drawn last cover and those the arcs to draw now will.
        session = self.session
        if self._drawn or session.selected or self.hovered or self.toggle.isChecked():
            viewport = self.view.viewport()
            area = QRect(self._last)
            for top, bottom in self._rows(self.relations()):
                area = area.united(QRect(0, int(top), viewport.width(), int(bottom - top) + 1))
            if not area.isEmpty():
                viewport.update(area)

    def _scrolled(self) -> None:
        if self._drawn:  # what was drawn moved with the text, or went: all of the viewport is to be drawn again
            self._last = self.view.viewport().rect()

    def _rows(self, relations: list[Relation]) -> Iterator[tuple[float, float]]:
        """The rows of the viewport an arc of each of ``relations`` would be drawn over: from its upper end's first
        line (and an arc's rise over it) to its lower end's last line (and its arrowhead's margin), or to the
        viewport's edge where an end is out of view. Lines, not their whole paragraphs: a link drawn between two
        lines of a long paragraph has those rows drawn again, not the paragraph."""
        view, session = self.view, self.session
        shown = view.visible_blocks()
        if not shown or not relations:
            return
        first, last, height = shown[0][0].blockNumber(), shown[-1][0].blockNumber(), float(view.viewport().height())
        margin = 3 * 2.5 * view.stroke + 2  # an end's dot and arrowhead (``_arc``)
        rise = 2 * view.fontMetrics().lineSpacing() * 0.9 + margin  # the highest arc over one line
        index, spans = view.highlighter.index, session.spans
        for relation in relations:
            tops, bottoms, seen = [], [], False
            for key in (relation.head, relation.child):
                span = spans.get(key)
                if span is None:
                    continue
                mark = session.mark(span)
                rows = view.mark_rows(mark, shown)
                blocks = index.blocks_of(mark)
                if rows is not None:
                    seen = True
                    tops.append(rows[0])
                    bottoms.append(rows[1])
                elif blocks.stop <= first:
                    tops.append(0.0)
                elif blocks.start > last:
                    bottoms.append(height)
            if seen:
                yield max(min(tops) - rise, 0.0), min(max(bottoms) + margin, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self._hover(-1)
        return False

    def _hover(self, position: int) -> None:
        key = None
        if position >= 0 and self.session.document is not None and not self.session.loading:
            under = self.session.spans_at(position)
            key = under[0].key if under else None
        if key != self.hovered:
            self.hovered = key
            self._redraw()

    def relations(self) -> list[Relation]:
        """The relations to draw now: at the selected span, at the span under the pointer, and with the toggle at
        every span of the paragraph holding the cursor (or the selected span)."""
        session = self.session
        if session.document is None or session.loading:
            return []
        keys = [key for key in (session.selected, self.hovered) if key]
        if self.toggle.isChecked():
            selected = session.selected_span()
            at = session.mark(selected).start if selected else self.view.textCursor().position()
            index = self.view.highlighter.index
            keys += [mark.key for mark in index.in_block(index.block_of(at))]
        found: dict[str, Relation] = {}
        for key in dict.fromkeys(keys):
            for relation in session.relations_at(key):
                found[relation.key] = relation
        return list(found.values())

    def paint(self) -> None:
        """Draw the relations of ``relations`` over the viewport (called at the end of each of its paints)."""
        relations = self.relations()
        self._drawn, self._last = bool(relations), QRect()
        if not relations:
            return
        view, spans = self.view, self.session.spans
        blocks = view.visible_blocks()
        if not blocks:
            return
        drawn = QRectF()
        rects: dict[str, list[QRectF]] = {}
        painter = QPainter(view.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = view.stroke, float(view.viewport().height())
        lift = view.fontMetrics().lineSpacing() * 0.9
        for relation in relations:
            head, child = spans.get(relation.head), spans.get(relation.child)
            if head is None or child is None:
                continue
            for span in (head, child):
                if span.key not in rects:
                    rects[span.key] = view.rects_of(self.session.mark(span), blocks)
            ends = _ends(rects[head.key], rects[child.key], beyond=(head.start > child.start, height))
            if ends is not None:
                style = self.styles.get(child.label)
                colour = style.colour if style is not None else QColor("#888888")
                drawn = drawn.united(_arc(painter, *ends, colour, width, lift))
        painter.end()
        self._last = drawn.toAlignedRect()


def _ends(head: list[QRectF], child: list[QRectF], *, beyond: tuple[bool, float]) -> tuple[QPointF, QPointF] | None:
    """Where an arc starts and ends: the nearest lines of the two spans, at their tops when on one line, else at the
    edges that face each other; an end out of view is at the viewport's edge it lies beyond (``beyond``: whether
    the child is before the head, the viewport's height)."""
    if not head and not child:
        return None
    child_before, height = beyond
    if head and child:
        a, b = min(
            ((h, c) for h in head for c in child),
            key=lambda pair: (
                1000 * abs(pair[0].top() - pair[1].top()) + abs(pair[0].center().x() - pair[1].center().x())
            ),
        )
        if abs(a.top() - b.top()) < 1:
            return QPointF(a.center().x(), a.top()), QPointF(b.center().x(), b.top())
        # Between lines: from the head's line straight above (or below) the child where it can, to the child.
        x = min(max(b.center().x(), a.left() + 4), a.right() - 4)
        if a.top() < b.top():
            return QPointF(x, a.bottom()), QPointF(b.center().x(), b.top())
        return QPointF(x, a.top()), QPointF(b.center().x(), b.bottom())
    seen = head or child
    edge = 0.0 if child_before == bool(head) else height
    near = min(seen, key=lambda rect: abs(rect.top() - edge))
    point = QPointF(near.center().x(), near.top() if edge == 0 else near.bottom())
    off = QPointF(near.center().x(), edge)
    return (point, off) if head else (off, point)


def _arc(painter: QPainter, start: QPointF, end: QPointF, colour: QColor, width: float, lift: float) -> QRectF:
    """An arc from ``start`` to ``end``: over the text between two spans of one line, else down (or up) between
    the lines; a dot where it starts and an arrowhead where it ends. Where it was drawn."""
    rise = end.y() - start.y()
    if abs(rise) < 1:
        peak = start.y() - lift - min(abs(start.x() - end.x()) * 0.08, lift)
        towards, before = QPointF(end.x(), peak), QPointF(start.x(), peak)
    else:
        before, towards = QPointF(start.x(), start.y() + rise / 2), QPointF(end.x(), end.y() - rise / 2)
    path = QPainterPath(start)
    path.cubicTo(before, towards, end)
    painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(start, width * 1.6, width * 1.6)
    # The arrowhead points along the arc's last stretch: straight down onto the line, or up to it.
    size, down = width * 2.5, 1 if towards.y() < end.y() else -1
    back = end.y() - down * 2 * size
    painter.drawPolygon(QPolygonF([end, QPointF(end.x() - size, back), QPointF(end.x() + size, back)]))
    margin = 3 * size
    return path.boundingRect().adjusted(-margin, -margin, margin, margin)
