"""The agreement figures of the project: F1 per label (exact and by overlap), stance alpha, attribution, and a
pairwise heatmap per label. An undefined figure shows "n/a" with a note that says why."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from annotator.agreement import Figure, PairTally, Report
from ui.review.colours import UNDEFINED, heat, ink
from ui.review.heatmap import Cell, PairHeatmap
from ui.review.measuring import Measured

HOW = {"exact": "F1 exact", "overlap": "F1 by overlap"}


class Notes:
    """Footnotes for undefined figures: each reason once, numbered."""

    def __init__(self) -> None:
        self.reasons: list[str] = []

    def cell(self, figure: Figure) -> str:
        """A table cell for ``figure``: its value on its colour, or n/a with the number of its note."""
        if figure.defined:
            colour = heat(figure.value)
            return (
                f"<td align='right' bgcolor='{colour.name()}' style='color:{ink(colour).name()}'>"
                f"&nbsp;{figure.value:.2f}&nbsp;</td>"
            )
        return f"<td align='right' bgcolor='{UNDEFINED.name()}'>&nbsp;{self.text(figure)}&nbsp;</td>"

    def text(self, figure: Figure) -> str:
        if figure.defined:
            return f"{figure.value:.2f}"
        reason = figure.reason or "undefined"
        if reason not in self.reasons:
            self.reasons.append(reason)
        return f"n/a [{self.reasons.index(reason) + 1}]"

    def html(self) -> str:
        return "<br>".join(f"[{n}] {escape(reason)}" for n, reason in enumerate(self.reasons, 1))


def summary_html(report: Report) -> str:
    """The project's figures as a small table and two lines, with the notes for undefined ones."""
    notes = Notes()
    rows = "".join(
        f"<tr><td>{escape(label)}</td>"
        f"{notes.cell(report.label_f1(label, 'exact'))}{notes.cell(report.label_f1(label, 'overlap'))}</tr>"
        for label in report.labels
    )
    table = (
        "<table cellspacing='2' cellpadding='2'><tr><th align='left'>label</th><th>F1 exact</th>"
        f"<th>F1 overlap</th></tr>{rows}</table>"
    )
    lines = (
        f"stance: Krippendorff's α {notes.text(report.stance_alpha)} over {report.stance_units} claim unit(s)<br>"
        f"attribution: same speaker {notes.text(report.same_speaker())}, "
        f"{escape(report.relation)} F1 {notes.text(report.relation_f1())}"
    )
    foot = f"<p style='color:#555'>{notes.html()}</p>" if notes.reasons else ""
    return f"{table}<p>{lines}</p>{foot}"


def label_cells(report: Report, label: str, how: str) -> dict[tuple[str, str], Cell]:
    cells = {}
    for tally in report.pair_list():
        counts = tally.label(label)
        matched = counts.exact if how == "exact" else counts.overlap
        note = (
            f"{matched} matched {'exactly' if how == 'exact' else 'by overlap'}; "
            f"{tally.a} {counts.spans_a}, {tally.b} {counts.spans_b} span(s) on {tally.documents} document(s)"
        )
        cells[(tally.a, tally.b)] = Cell(counts.f1(matched, label), note)
    return cells


def pair_cells(report: Report, figure: str) -> dict[tuple[str, str], Cell]:
    """Cells of a pair figure that is not per label: ``stance`` (Cohen's kappa) or ``speaker`` (same speaker)."""
    cells = {}
    for tally in report.pair_list():
        value = tally.stance_kappa() if figure == "stance" else tally.same_speaker_share()
        cells[(tally.a, tally.b)] = Cell(value, _pair_note(tally, figure))
    return cells


def _pair_note(tally: PairTally, figure: str) -> str:
    if figure == "stance":
        return f"Cohen's κ over {tally.claim_pairs} claim(s) matched by overlap"
    return f"{tally.same_speaker} of {tally.claim_pairs} matched claim(s) have the same canonical speaker"


class FiguresPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.report: Report | None = None
        self.state = QLabel("measuring agreement…")
        self.state.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.how = QComboBox()
        for key, text in HOW.items():
            self.how.addItem(text, key)
        self.how.currentIndexChanged.connect(self._heatmaps)
        self.heatmaps: dict[str, PairHeatmap] = {}
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(8)
        choose = QHBoxLayout()
        choose.addWidget(QLabel("pairs:"))
        choose.addWidget(self.how)
        choose.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.state)
        column.addWidget(self.summary)
        column.addLayout(choose)
        column.addLayout(self.grid)
        column.addStretch(1)

    def waiting(self, text: str) -> None:
        self.state.setText(text)

    def show_figures(self, measured: Measured, status: str) -> None:
        report = self.report = measured.report
        compared = sum(1 for score in report.documents if score.disagreement.defined)
        which = "done" if status == "done" else "of any status"
        self.state.setText(
            f"{compared} document(s) with two annotators or more, of {len(report.documents)} with layers {which}; "
            f"annotators: {', '.join(report.annotators) or 'none'}"
        )
        self.summary.setText(summary_html(report))
        for heatmap in self.heatmaps.values():
            self.grid.removeWidget(heatmap)
            heatmap.deleteLater()
        titles = [*report.labels, "stance κ", "same speaker"]
        self.heatmaps = {title: PairHeatmap(title) for title in titles}
        across = 2 if len(report.annotators) <= 3 else 1
        for n, heatmap in enumerate(self.heatmaps.values()):
            self.grid.addWidget(heatmap, n // across, n % across, Qt.AlignmentFlag.AlignLeft)
        self._heatmaps()

    def _heatmaps(self) -> None:
        report = self.report
        if report is None:
            return
        how = self.how.currentData()
        for title, heatmap in self.heatmaps.items():
            if title == "stance κ":
                cells = pair_cells(report, "stance")
            elif title == "same speaker":
                cells = pair_cells(report, "speaker")
            else:
                cells = label_cells(report, title, how)
            heatmap.set_cells(report.annotators, cells)
