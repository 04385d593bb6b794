"""The progress window's plots, drawn with pyqtgraph (imported with this module, which only the progress window
imports: the main window starts without it): done per day per annotator, time per statement per annotator (each
layer a dot, the median a bar), and agreement per label by week."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time

import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from annotator.progress import AnnotatorProgress

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22")


def colour(n: int) -> QColor:
    return QColor(PALETTE[n % len(PALETTE)])


def _plot(title: str, left: str, bottom: str, axis: pg.AxisItem | None = None) -> pg.PlotWidget:
    plot = pg.PlotWidget(axisItems={"bottom": axis} if axis is not None else None)
    plot.setBackground("w")
    plot.setTitle(title, color="#222", size="11pt")
    plot.setLabel("left", left, color="#222")
    plot.setLabel("bottom", bottom, color="#222")
    plot.showGrid(x=True, y=True, alpha=0.25)
    plot.setMenuEnabled(False)
    plot.addLegend(offset=(10, 10), labelTextColor="#222")
    return plot


def _timestamp(day: str) -> float:
    return datetime.combine(date.fromisoformat(day), time(12)).timestamp()


def done_per_day(people: Sequence[AnnotatorProgress]) -> pg.PlotWidget:
    """Layers marked done per day: a bar per annotator for each day, side by side."""
    plot = _plot("Documents done per day", "done", "day", pg.DateAxisItem(orientation="bottom"))
    width = 86_400 * 0.8 / max(len(people), 1)
    for n, person in enumerate(people):
        days = sorted(person.done_per_day)
        if days:
            x = [_timestamp(day) - 86_400 * 0.4 + width * (n + 0.5) for day in days]
            heights = [person.done_per_day[day] for day in days]
            bars = pg.BarGraphItem(x=x, height=heights, width=width * 0.9, brush=colour(n), pen=None, name=person.name)
            plot.addItem(bars)
    return plot


def time_per_statement(people: Sequence[AnnotatorProgress]) -> pg.PlotWidget:
    """Minutes per statement, one dot per layer (spread sideways so that they do not hide each other), per
    annotator, with the median as a bar."""
    names = [p.name for p in people]
    axis = pg.AxisItem(orientation="bottom")
    axis.setTicks([list(enumerate(names))])
    plot = _plot("Time per statement (each layer a dot, the median a bar)", "minutes per statement", "", axis)
    spread = random.Random(7)  # the same picture every time
    for n, person in enumerate(people):
        minutes = [ms / 60_000 for ms in person.ms_per_statement]
        if not minutes:
            continue
        x = [n + spread.uniform(-0.25, 0.25) for _ in minutes]
        dots = pg.ScatterPlotItem(x, minutes, size=6, brush=pg.mkBrush(colour(n)), pen=None)
        plot.addItem(dots)
        if person.median_ms_per_statement is not None:
            middle = person.median_ms_per_statement / 60_000
            plot.plot([n - 0.35, n + 0.35], [middle, middle], pen=pg.mkPen("#222", width=3))
    plot.setXRange(-0.6, max(len(names), 1) - 0.4)
    return plot


def agreement_by_week(by_week: Mapping[str, Mapping[str, float | None]], colours: Mapping[str, str]) -> pg.PlotWidget:
    """F1 by overlap per label, per week of the documents' last done layer."""
    weeks = [week for week in sorted(by_week) if week != "-"]
    axis = pg.AxisItem(orientation="bottom")
    axis.setTicks([list(enumerate(weeks))])
    plot = _plot("Agreement per label by week (F1 by overlap)", "F1", "week done", axis)
    labels = sorted({label for figures in by_week.values() for label in figures})
    for n, label in enumerate(labels):
        points = [(i, by_week[w][label]) for i, w in enumerate(weeks) if by_week[w].get(label) is not None]
        if points:
            pen = pg.mkPen(colours.get(label, PALETTE[n % len(PALETTE)]), width=2)
            plot.plot([x for x, _ in points], [y for _, y in points], pen=pen, symbol="o", symbolSize=7, name=label)
    plot.setYRange(0, 1.05)
    if weeks:
        plot.setXRange(-0.5, len(weeks) - 0.5)
    return plot


def note(plot: QWidget, text: str) -> None:
    """A line over an empty plot saying why it is empty."""
    if isinstance(plot, pg.PlotWidget):
        item = pg.TextItem(text, color="#555", anchor=(0.5, 0.5))
        plot.addItem(item)
        plot.setXRange(0, 1)
        plot.setYRange(0, 1)
        item.setPos(0.5, 0.5)
