"""Where the open of a document goes, to its first highlighted paint: by part, or under a profiler.

    python -m benchmarks.profile_open                           # 100,000 chars, 2,000 spans: the open's CPU time
    python -m benchmarks.profile_open --phases                  # and each part's
    python -m benchmarks.profile_open --profile --top 40        # a cProfile by the main thread's CPU clock
    python -m benchmarks.profile_open --chars 1000000 --spans 20000 --phases

The open is made as ``bench_window`` makes it: from a short document, ``MainWindow.open_document``, then the
window's first paint as its event loop makes it (``bench_window.first_paint``: what was posted before the paint
request, then the paint of every widget the open marked). Timed by the main thread's CPU clock
(``time.thread_time``), which a loaded machine taking the processor away does not inflate, beside the bare
``setPlainText`` and its paint in the same run. ``--phases`` times the window's parts (what the open calls and every
slot of ``Session.opened``) with no profiler in the way, per open; ``--profile``, a ``cProfile`` of the opens.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import io
import os
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_window import bare_view, first_paint, open_database, settle

PARTS = (
    ("db.store", "Store", "document"),
    ("db.store", "Store", "layer_start"),
    ("annotator.text", "Utf16Index", "__init__"),
    ("ui.session", "Session", "record_time"),
    ("ui.work_clock", "WorkClock", "start"),
    ("ui.main_window", "MainWindow", "_opened"),
    ("ui.article_view", "ArticleView", "show_text"),
    ("ui.document_list", "DocumentList", "show_current"),
    ("ui.main_window", "MainWindow", "_retitle"),
    ("ui.target_keys", "TargetList", "read"),
    ("ui.statements", "StatementsModel", "schedule"),
    ("ui.find_bar", "FindBar", "_opened"),
    ("ui.proposals", "Proposing", "_opened"),
    ("ui.relation_arcs", "RelationArcs", "_redraw"),
    ("ui.empty_hints", "EmptyHint", "refresh"),
    ("ui.tagging", "Tagging", "cancel_link"),
    ("ui.unlinking", "Unlinking", "_forget"),
    ("ui.article_view", "ArticleView", "paintEvent"),
    ("ui.article_view", "ArticleView", "_strokes"),
    ("ui.article_view", "ArticleView", "_paths"),
    ("ui.relation_arcs", "RelationArcs", "paint"),
    ("ui.highlighter", "SpanHighlighter", "paint_blocks"),
    ("ui.highlighter", "SpanHighlighter", "highlightBlock"),
    ("ui.highlighter", "BlockIndex", "__init__"),
    ("ui.highlighter", "BlockIndex", "load"),
    ("ui.document_list", "DocumentListModel", "data"),
)
"""(module, class, method): the parts timed with ``--phases``; wrapped before the window is built, so that the
signals connect to the timed ones. A part called inside another counts in both."""


class Phases:
    """The main thread's CPU time in each of ``PARTS``, while ``running``."""

    def __init__(self) -> None:
        self.running = False
        self.seconds: dict[str, float] = {}
        for module, owner, name in PARTS:
            cls = getattr(importlib.import_module(module), owner)
            setattr(cls, name, self._wrap(f"{owner}.{name}", getattr(cls, name)))

    def _wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if not self.running:
                return function(*args, **kwargs)
            begin = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.thread_time() - begin

        return timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--spans", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--phases", action="store_true", help="time the window's parts without the profiler")
    parser.add_argument("--profile", action="store_true", help="profile the opens (cProfile)")
    args = parser.parse_args()
    phases = Phases() if args.phases else None

    from db.store import Store
    from ui.app import application, build_main_window

    app = application()
    db, text = open_database(Path(tempfile.mkdtemp(prefix="profile-open-")), args.chars, args.spans)
    window = build_main_window(lambda user: Store.open(db, user=user), "bench")
    window.show()
    window.activateWindow()
    settle(app)
    profile = cProfile.Profile(time.thread_time)
    ours: list[float] = []
    raw: list[float] = []
    for run in range(args.repeat + 1):
        window.activateWindow()  # as a person opens a document: in the window (the bare widget took it)
        window.open_document("short")
        settle(app)
        assert window.isActiveWindow()  # its work clock runs, and counts from the open
        measured = run > 0  # the first open is left out, as bench_window leaves it out
        if phases is not None:
            phases.running = measured
        elif measured and args.profile:
            profile.enable()
        begin = time.thread_time()
        window.open_document("long")
        first_paint(window)
        took = time.thread_time() - begin
        if phases is not None:
            phases.running = False
        elif measured and args.profile:
            profile.disable()
        settle(app)
        bare = bare_view(window.view)
        settle(app)
        begin = time.thread_time()
        bare.setPlainText(text)
        first_paint(bare)
        if measured:
            ours.append(took)
            raw.append(time.thread_time() - begin)
        bare.close()
        bare.deleteLater()
        settle(app)
    window.close()

    ms, bare_ms = statistics.median(ours) * 1000, statistics.median(raw) * 1000
    print(f"{args.chars:,} characters, {args.spans:,} spans; {args.repeat} opens, main thread CPU, medians")
    print(f"open to the first paint {ms:.1f} ms; bare setPlainText and its paint {bare_ms:.1f} ms: {ms / bare_ms:.2f}x")
    if phases is not None:
        print("\n| part | CPU ms per open |\n|---|---|")
        for name, seconds in sorted(phases.seconds.items(), key=lambda item: -item[1]):
            print(f"| {name} | {seconds / args.repeat * 1000:.2f} |")
    if not args.profile:
        return
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    print(f"\nPython calls per open: {stats.total_calls / args.repeat:.0f}")  # type: ignore[attr-defined]
    stats.sort_stats(os.environ.get("SORT", "cumulative")).print_stats(args.top)
    print("\n".join(out.getvalue().splitlines()[6:]))


if __name__ == "__main__":
    main()
