"""Where an edit's time goes in the window: a profile by the main thread's CPU clock, and the repaints it makes.

    python -m benchmarks.profile_window                     # 1 MB / 20,000 spans, 10 edits of each kind
    python -m benchmarks.profile_window --chars 100000 --spans 2000 --edits 20 --top 30

Each edit (a tag by ``c``, its undo by Ctrl+Z, a link by Enter, a choice by ``1``) is made as ``bench_window``
makes it, under ``cProfile`` with ``time.thread_time`` as its clock (a loaded machine taking the processor away
does not count), from the key to the window idle. Printed per kind of edit: the main thread's CPU time per edit,
Python calls per edit, and the paints of the article's and the statements table's viewports (how many, and their
area as a share of the viewport: 1.0 is one whole viewport), then the functions that took the most time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QPaintEvent

from benchmarks.bench_window import large_database, repainted, settle


class Paints(QObject):
    """Counts the paint events of a widget and the area they cover, in viewports."""

    def __init__(self, widget) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.widget, self.count, self.area = widget, 0, 0.0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(event, QPaintEvent):
            whole = max(self.widget.width() * self.widget.height(), 1)
            self.count += 1
            self.area += sum(r.width() * r.height() for r in event.region()) / whole
        return False


PARTS = (
    ("ui.tagging", "Tagging", "tag"),
    ("ui.tagging", "Tagging", "finish_link"),
    ("ui.tagging", "Tagging", "set_choice"),
    ("ui.commands", "LayerEdit", "undo"),
    ("db.store", "Store", "apply"),
    ("db.store", "Store", "link"),
    ("db.store", "Store", "set_span_attributes"),
    ("ui.session", "Session", "_follow"),
    ("ui.session", "Session", "select"),
    ("ui.main_window", "MainWindow", "_selected"),
    ("ui.main_window", "MainWindow", "_refresh_entry"),
    ("ui.main_window", "MainWindow", "show_message"),
    ("ui.article_view", "ArticleView", "paintEvent"),
    ("ui.relation_arcs", "RelationArcs", "paint"),
    ("ui.statements_view", "StatementsView", "paintEvent"),
    ("ui.statements_view", "StatementsView", "warm"),
    ("ui.statements_view", "StatementsView", "_warm"),
    ("ui.document_list", "DocumentListModel", "update_entry"),
    ("ui.document_list", "DocumentList", "update_progress"),
    ("ui.highlighter", "SpanHighlighter", "add"),
    ("ui.highlighter", "SpanHighlighter", "remove"),
    ("ui.highlighter", "SpanHighlighter", "highlightBlock"),
    ("ui.statements", "StatementsModel", "_span_added"),
    ("ui.statements", "StatementsModel", "_span_removed"),
    ("ui.statements", "StatementsModel", "_changed"),
    ("ui.proposals", "Proposing", "_changed"),
    ("ui.target_keys", "TargetList", "_changed"),
    ("ui.outside_changes", "OutsideChanges", "check"),
    ("ui.tagging", "Tagging", "_tagged"),
    ("ui.session", "Session", "apply"),
    ("ui.main_window", "", "describe_span"),
    ("ui.main_window", "MainWindow", "_sync_row"),
    ("ui.article_view", "ArticleView", "outline"),
    ("ui.relation_arcs", "RelationArcs", "_redraw"),
    ("ui.target_keys", "TargetList", "show_list"),
)
"""The parts timed by ``--phases`` (module, class or "" for a name of the module, method): where they exist, each
wrapped to add its main-thread CPU time to the edit being made (nested parts count in each)."""


class Phases:
    def __init__(self) -> None:
        import importlib

        self.edit = ""
        self.seconds: dict[tuple[str, str], float] = {}
        self.calls: dict[tuple[str, str], int] = {}
        for module, cls, method in PARTS:
            imported = importlib.import_module(module)
            owner = getattr(imported, cls, None) if cls else imported
            if owner is not None and hasattr(owner, method):
                name = f"{cls}.{method}" if cls else method
                setattr(owner, method, self._wrap(name, getattr(owner, method)))

    def _wrap(self, name: str, function):  # type: ignore[no-untyped-def]
        import functools

        @functools.wraps(function)
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            begin = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                key = (self.edit, name)
                self.seconds[key] = self.seconds.get(key, 0.0) + time.thread_time() - begin
                self.calls[key] = self.calls.get(key, 0) + 1

        return timed

    def report(self, n: int) -> None:
        print("\n| edit | part | calls per edit | CPU ms per edit |\n|---|---|---|---|")
        for (edit, name), seconds in self.seconds.items():
            if edit:
                print(f"| {edit} | {name} | {self.calls[edit, name] / n:.1f} | {seconds * 1000 / n:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--spans", type=int, default=20_000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--hide-statements", action="store_true")
    parser.add_argument("--phases", action="store_true", help="time the window's parts without the profiler")
    args = parser.parse_args()
    phases = Phases() if args.phases else None

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from db.store import Store
    from ui.app import application, build_main_window

    app = application()
    tmp = Path(tempfile.mkdtemp(prefix="profile-window-"))
    db, text = large_database(tmp, args.chars, args.spans)
    window = build_main_window(lambda user: Store.open(db, user=user), "bench")
    window.statements.setVisible(not args.hide_statements)
    window.show()
    window.activateWindow()
    settle(app)
    window.open_document("large")
    settle(app)
    view, session = window.view, window.session
    view.setFocus()
    settle(app)
    article, table = Paints(view.viewport()), Paints(window.statements.viewport())
    results: dict[str, tuple[list[float], cProfile.Profile, list[float]]] = {}

    def timed(name: str, action) -> None:  # type: ignore[no-untyped-def]
        cpu, profile, counts = results.setdefault(name, ([], cProfile.Profile(time.thread_time), [0, 0, 0.0, 0, 0.0]))
        article.count = table.count = 0
        article.area = table.area = 0.0
        begin = time.thread_time()
        if phases is not None:
            phases.edit = name
        else:
            profile.enable()
        action()
        repainted(view)
        settle(app)
        if phases is None:
            profile.disable()
        else:
            phases.edit = ""
        cpu.append(time.thread_time() - begin)
        counts[1] += article.count
        counts[2] += article.area
        counts[3] += table.count
        counts[4] += table.area

    rng = random.Random(5)
    starts = [i for i in range(1, len(text) - 40) if text[i - 1] == " " and text[i].isalpha()]
    taken = {(s.start, s.end, s.label) for s in session.spans.values()}
    for _ in range(args.edits):
        while True:
            start = rng.choice(starts)
            snapped = session.snap(session.positions.to_utf16(start), session.positions.to_utf16(start + 12))
            if snapped is not None and (*snapped, "CLAIM") not in taken:
                taken.add((*snapped, "CLAIM"))
                break
        cursor = QTextCursor(view.document())
        cursor.setPosition(session.positions.to_utf16(snapped[0]))
        cursor.setPosition(session.positions.to_utf16(snapped[1]), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        view.ensureCursorVisible()
        settle(app)
        timed("tag", lambda: QTest.keyClick(view, Qt.Key.Key_C))
    for _ in range(args.edits):
        timed("undo", lambda: QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    cued = {r.head for r in session.relations.values() if r.label == "HAS_CUE"}
    claims = [s for s in session.ordered() if s.label == "CLAIM" and s.start > 1000 and s.key not in cued]
    chosen = rng.sample(claims, args.edits)
    for claim in chosen:
        session.select(claim.key)
        QTest.keyClick(view, Qt.Key.Key_U)
        QTest.keyClick(view, Qt.Key.Key_Tab)
        settle(app)
        timed("link", lambda: QTest.keyClick(view, Qt.Key.Key_Return))
    for claim in chosen:
        session.select(claim.key)
        settle(app)
        timed("choice", lambda: QTest.keyClick(view, Qt.Key.Key_1))
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    settle(app)

    n = args.edits
    print(f"{args.chars:,} characters, {args.spans:,} spans; {n} edits of each kind, key to the window idle")
    print("| edit | CPU ms, median | Python calls per edit | article paints per edit (viewports) |", end="")
    print(" table paints per edit (viewports) |")
    print("|---|---|---|---|---|")
    for name, (cpu, profile, counts) in results.items():
        calls = 0 if phases is not None else pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
        median = sorted(cpu)[len(cpu) // 2] * 1000
        print(
            f"| {name} | {median:.1f} | {calls / n:.0f} | {counts[1] / n:.1f} ({counts[2] / n:.2f}) |"
            f" {counts[3] / n:.1f} ({counts[4] / n:.2f}) |"
        )
    if phases is not None:
        phases.report(n)
        return
    for name, (_, profile, _) in results.items():
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats(os.environ.get("SORT", "tottime")).print_stats(args.top)
        print(f"\n## {name}: by own time, totals over {n} edits\n")
        print("\n".join(out.getvalue().splitlines()[6:]))
    window.close()


if __name__ == "__main__":
    main()
