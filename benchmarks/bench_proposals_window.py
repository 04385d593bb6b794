"""Proposals in the window: what they cost the first paint, the event loop and an acceptance.

    python -m benchmarks.bench_proposals_window               # 100,000 characters, median of 5 (offscreen Qt)
    python -m benchmarks.bench_proposals_window --chars 20000 --repeat 3

The article is the five seed articles over and over, to ``--chars``: text the proposer finds statements in. Each
figure is printed beside a baseline measured in the same run:
- open, to the first highlighted paint: the window given the project's proposer, against the same window given
  none (the proposer must not be on that path);
- the longest turn of the event loop from the open until the proposals are shown (a timer beats every millisecond;
  the proposer's thread taking the interpreter lock shows here), against the window with no proposer over the
  same length of time;
- the proposals ready: from the open to the ghost marks shown, against the proposer called directly on the text
  (the raw cost of the rules);
- accept: Enter on a proposed claim, to its statement committed and the article repainted, against tagging the
  same words by hand (a selection and the label's key: one span).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def article(size: int) -> str:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    text = ""
    while len(text) < size:
        text += "\n\n".join(texts) + "\n\n"
    return text[:size]


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms"


AFTER = 20
"""Beats after the proposals are shown (or the time is up) that are measured too."""


def beat_until(begin: float, until: Callable[[], bool] | float) -> tuple[float, float]:
    """Run the event loop, a timer beating every millisecond, until ``until()`` (or ``until`` seconds from
    ``begin``): the longest gap between two beats, less the millisecond, and the most main-thread CPU time between
    two beats (which a loaded machine does not inflate). The loop sleeps between beats, as the window's does when
    nobody works it."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop, timer = QEventLoop(), QTimer()
    gaps, cpu, after = [0.0], [0.0], [0]
    last = [time.perf_counter(), time.thread_time()]

    def beat() -> None:
        now, used = time.perf_counter(), time.thread_time()
        gaps.append(now - last[0] - 0.001)
        cpu.append(used - last[1])
        last[0], last[1] = now, used
        if after[0] or (until() if callable(until) else now - begin >= until):
            after[0] += 1  # and some beats more: the paint that shows what came is in them
        if after[0] > AFTER or now - begin > 120:
            loop.quit()

    timer.setInterval(1)
    timer.timeout.connect(beat)
    timer.start()
    loop.exec()
    timer.stop()
    return max(gaps), max(cpu)


def shown(window) -> Callable[[], bool]:  # type: ignore[no-untyped-def]
    """Whether the proposals are indexed and a mark of them is to be drawn."""
    ghosts = window.proposing.ghosts
    return lambda: ghosts.any_shown() and ghosts.indexed == len(ghosts.proposals.spans)


def measure(tmp: Path, text: str, repeat: int, with_proposer: bool, span: float) -> dict[str, list[float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from annotator.model import Document, LayerRecord
    from annotator.proposer import propose
    from db.store import Store
    from ui.app import application, build_main_window

    app = application()
    figures: dict[str, list[float]] = {"open": [], "stall": [], "stall cpu": [], "ready": [], "accept": [], "tag": []}
    if True:  # the folder outlives the window: a timer it set may still read the Store after it closes
        db = tmp / f"bench-{with_proposer}.db"
        with Store.open(db) as store:
            store.add_annotator("bench")
            documents = [Document("long", text, "Long"), Document("short", "A.")]
            store.import_records([(n, LayerRecord(d, None)) for n, d in enumerate(documents, 1)], source="bench")
        window = build_main_window(
            lambda user: Store.open(db, user=user), "bench", propose=propose if with_proposer else None
        )
        window.show()
        for _ in range(repeat + 1):
            window.open_document("short")
            for _ in range(50):
                app.processEvents()
            begin = time.perf_counter()
            window.open_document("long")
            window.view.viewport().repaint()
            figures["open"].append(time.perf_counter() - begin)
            stall, stall_cpu = beat_until(begin, shown(window) if with_proposer else span)
            figures["stall"].append(stall)
            figures["stall cpu"].append(stall_cpu)
            figures["ready"].append(time.perf_counter() - begin)
            if with_proposer:
                claim = next(p for p in window.proposing.ghosts.shown() if p.label == "CLAIM")
                cursor = QTextCursor(window.view.document())
                cursor.setPosition(window.session.positions.to_utf16(claim.start))
                window.view.setTextCursor(cursor)
                window.session.select(None)
                begin = time.perf_counter()
                QTest.keyClick(window.view, Qt.Key.Key_Return)
                window.view.viewport().repaint()
                figures["accept"].append(time.perf_counter() - begin)
                QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
                cursor = QTextCursor(window.view.document())
                cursor.setPosition(window.session.positions.to_utf16(claim.start))
                cursor.setPosition(window.session.positions.to_utf16(claim.end), QTextCursor.MoveMode.KeepAnchor)
                window.view.setTextCursor(cursor)
                begin = time.perf_counter()
                QTest.keyClick(window.view, "c")
                window.view.viewport().repaint()
                figures["tag"].append(time.perf_counter() - begin)
                QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        window.close()
    return {name: values[1:] for name, values in figures.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from annotator.proposal import Lexicon
    from annotator.proposer import propose
    from annotator.schema import default_schema

    text = article(args.chars)
    raw = []
    for _ in range(args.repeat):
        begin = time.perf_counter()
        count = len(propose(text, default_schema(), Lexicon()).spans)
        raw.append(time.perf_counter() - begin)
    with tempfile.TemporaryDirectory() as folder:
        ours = measure(Path(folder), text, args.repeat, True, 0)
        bare = measure(Path(folder), text, args.repeat, False, statistics.median(ours["ready"]))
    print(f"{len(text):,} characters, {count} proposals; median of {args.repeat}")
    print(f"{'operation':<46} {'ours':>10} {'baseline':>10}  baseline is")
    rows = [
        ("open, to the first highlighted paint", ms(ours["open"]), ms(bare["open"]), "the window with no proposer"),
        ("longest event-loop turn until proposals shown", ms(ours["stall"]), ms(bare["stall"]), "no proposer, as long"),
        ("the same, main-thread CPU", ms(ours["stall cpu"]), ms(bare["stall cpu"]), "no proposer, as long"),
        ("open to proposals shown", ms(ours["ready"]), ms(raw), "the proposer called directly"),
        ("accept a proposed claim (Enter), repainted", ms(ours["accept"]), ms(ours["tag"]), "tagging one span by hand"),
    ]
    for name, mine, theirs, what in rows:
        print(f"{name:<46} {mine:>10} {theirs:>10}  {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
