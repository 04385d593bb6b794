"""Find in a long article (Ctrl+F): how long a typed key holds the window, and how long until every match is counted.

    python -m benchmarks.bench_find                   # a 1 MB article, median of 5 (offscreen Qt)
    python -m benchmarks.bench_find --chars 200000    # a shorter one

For each term (a letter that matches everywhere, a word, a name, nothing), from the key typed into the find bar:
- key: the key's own turn of the event loop (the first slice searched, the first match shown, the highlights set);
- stall: the longest turn of the event loop until the count is final (the rest is searched a slice per turn);
- counted: until the count is final.
The raw baseline, measured in the same run: one ``re.finditer`` over the whole text, what a search done at once
would hold the window for (before any highlight). Times in ms; the main thread's CPU time beside the wall clock.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_window import Heartbeat, large_database, settle

TERMS = ("e", "said", "minister", "zqxj")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from db.store import Store
    from ui.app import application, build_main_window

    app = application()
    with tempfile.TemporaryDirectory() as folder:
        db, text = large_database(Path(folder), args.chars, 200)
        window = build_main_window(lambda user: Store.open(db, user=user), "bench")
        window.resize(1360, 860)
        window.show()
        window.open_document("large")
        window.session.complete()
        settle(app)
        find = window.find_bar
        find.open()
        print(f"find in a {len(text):,}-character article, median of {args.repeat} (ms; CPU ms in brackets)")
        print(f"{'term':>10} {'matches':>8} {'key':>14} {'stall':>14} {'counted':>14} {'raw finditer':>14}")
        for term in TERMS:
            key, stall, counted, raw = [], [], [], []
            for _ in range(args.repeat):
                find.field.setText(term[:-1])
                settle(app)
                started, cpu = time.perf_counter(), time.thread_time()
                QTest.keyClick(find.field, term[-1])  # the key's turn: the first slice, the first match, highlights
                key.append((1000 * (time.perf_counter() - started), 1000 * (time.thread_time() - cpu)))
                search = find.search
                assert search is not None
                beat = Heartbeat(lambda search=search: search.done)
                gap = beat.run()
                stall.append((1000 * gap[0], 1000 * gap[1]))
                counted.append((1000 * (time.perf_counter() - started), 1000 * (time.thread_time() - cpu)))
                started, cpu = time.perf_counter(), time.thread_time()
                found = sum(1 for _ in re.finditer(re.escape(term), text, re.IGNORECASE))
                raw.append((1000 * (time.perf_counter() - started), 1000 * (time.thread_time() - cpu)))
                assert found == len(search.starts), (found, len(search.starts))
            figures = " ".join(f"{_median(pairs):>14}" for pairs in (key, stall, counted, raw))
            print(f"{term:>10} {found:>8} {figures}")
        find.field.setText("")
        QTest.keyClick(find.field, Qt.Key.Key_Escape)
        window.close()
        window.store.close()


def _median(pairs: list[tuple[float, float]]) -> str:
    wall = statistics.median(p[0] for p in pairs)
    cpu = statistics.median(p[1] for p in pairs)
    return f"{wall:.1f} ({cpu:.1f})"


if __name__ == "__main__":
    main()
