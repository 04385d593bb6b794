"""How long Review > Progress and ``annotator progress`` take on a large project, beside a raw baseline.

    python -m benchmarks.bench_progress [--docs 100000] [--annotators 20] [--repeat 3] [--tmp DIR] [--json FILE]
        [--keep]

Builds a SQLite project with plain ``sqlite3`` (not timed; tables made by the Store's migrations): ``--docs``
documents of about 600 characters, half of them with a layer of one of ``--annotators`` annotators (one in fifty of
those with a second annotator's too, for agreement), each layer with 20 spans (10 CLAIM, 5 SPEAKER, 5 CUE) and 5
ATTRIBUTED_TO and 5 HAS_CUE relations (5 statements), most done on one of 60 days, with a work period or two and an
assignment. Then times, ``--repeat`` times each (the median, wall clock and CPU of this process):

- raw baseline: ``SELECT annotator_id, status, count(*) FROM layers GROUP BY annotator_id, status`` with sqlite3;
- ``Store.progress_figures(first=True)`` as the lead: documents assigned and layers by status, what the window
  first paints;
- ``Store.span_counts()``: spans and statements per annotator, counted once, then as kept; ``progress_figures()``,
  every figure but agreement with the counts kept (what the window's thread reads after its first paint, and
  ``annotator progress`` prints), and ``progress_figures(by_document=True)`` (who has each of the documents);
- agreement so far, once measured (in the window's thread too), then as kept;
- the progress window: built, shown and painted once (offscreen; its thread and plots come after); and, once, the
  import of pyqtgraph (what the first opening adds after its first paint, with the plots).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from annotator.model import Role
from db.store import Store

SPANS = (("CLAIM", 10), ("SPEAKER", 5), ("CUE", 5))
WORDS = ("the", "minister", "said", "that", "talks", "would", "continue", "while", "officials", "denied", "change")


def build(path: Path, documents: int, annotators: int, seed: int = 0) -> dict[str, int]:
    """The project, written directly (the Store only makes the tables and the lead)."""
    rng = random.Random(seed)
    with Store.open(path) as store:
        store.add_annotator("lead", Role.LEAD)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    now = datetime.now(UTC)
    stamp = now.isoformat(sep=" ")
    names = [f"ann_{n:02d}" for n in range(1, annotators + 1)]
    connection.executemany(
        "INSERT INTO annotators (name, role, created_at) VALUES (?, 'annotator', ?)", [(n, stamp) for n in names]
    )
    ids = dict(connection.execute("SELECT name, id FROM annotators"))
    text = " ".join(rng.choice(WORDS) for _ in range(100))
    connection.executemany(
        "INSERT INTO documents (id, doc_id, title, text, text_sha256, meta, imported_at)"
        " VALUES (?, ?, ?, ?, '', '{}', ?)",
        ((d, f"doc-{d:06d}", f"Article {d}", text, stamp) for d in range(1, documents + 1)),
    )
    layers, spans, relations, periods, assignments = [], [], [], [], []
    layer_id = span_id = relation_id = 0
    for document in range(1, documents + 1, 2):
        owners = [ids[names[document // 2 % annotators]]]
        if document % 100 == 1:  # one in fifty layered documents is shared
            owners.append(ids[names[(document // 2 + 1) % annotators]])
        for owner in owners:
            layer_id += 1
            done = rng.random() < 0.8
            day = now - timedelta(days=rng.randint(0, 59), hours=rng.randint(0, 8))
            status = "done" if done else "in_progress"
            time_ms = rng.randint(60_000, 1_800_000)
            layers.append((layer_id, document, owner, status, time_ms, day.isoformat(sep=" ") if done else None, stamp))
            assignments.append((document, owner, stamp))
            periods.append((layer_id, day.isoformat(sep=" "), time_ms, 5))
            keys: dict[str, list[int]] = {}
            for label, count in SPANS:
                for n in range(count):
                    span_id += 1
                    start = (n * 30 + len(keys) * 7) % 500
                    spans.append((span_id, layer_id, f"s{span_id}", start, start + 12, label))
                    keys.setdefault(label, []).append(span_id)
            for n in range(5):
                for child, label in ((keys["SPEAKER"][n], "ATTRIBUTED_TO"), (keys["CUE"][n], "HAS_CUE")):
                    relation_id += 1
                    relations.append((relation_id, layer_id, f"r{relation_id}", keys["CLAIM"][n], child, label))
    connection.executemany(
        "INSERT INTO layers (id, document_id, annotator_id, gold, status, time_spent_ms, done_at, version, updated_at)"
        " VALUES (?, ?, ?, 0, ?, ?, ?, 1, ?)",
        layers,
    )
    connection.executemany(
        'INSERT INTO spans (id, layer_id, key, start, "end", label, attrs, sources)'
        " VALUES (?, ?, ?, ?, ?, ?, '{}', '[]')",
        spans,
    )
    connection.executemany(
        "INSERT INTO relations (id, layer_id, key, head_id, child_id, label) VALUES (?, ?, ?, ?, ?, ?)", relations
    )
    connection.executemany(
        "INSERT INTO work_periods (layer_id, started_at, active_ms, statements) VALUES (?, ?, ?, ?)", periods
    )
    connection.executemany(
        "INSERT INTO assignments (document_id, annotator_id, assigned_at) VALUES (?, ?, ?)", assignments
    )
    connection.commit()
    connection.execute("ANALYZE")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no reader pays for a long log
    connection.close()
    return {"documents": documents, "layers": layer_id, "spans": span_id, "relations": relation_id}


def timed(work: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Median wall clock and CPU seconds of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def raw_baseline(path: Path) -> list[Any]:
    connection = sqlite3.connect(path)
    try:
        query = "SELECT annotator_id, status, count(*) FROM layers GROUP BY annotator_id, status"
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def window_open(path: Path) -> Callable[[], None]:
    """Build, show and paint the progress window once (the figures' queries included)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from annotator.cli.window import store_opener
    from ui.review import progress_window

    app = QApplication.instance() or QApplication([])
    opener = store_opener(path)

    class Painted(QObject):
        seen = False

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    def run() -> None:
        window = progress_window.ProgressWindow(None, opener, "lead")
        painted = Painted()
        window.installEventFilter(painted)
        window.show()
        while not painted.seen:
            app.processEvents()
        window.closed = True  # no measuring of agreement: timed on its own below
        window.close()
        window.deleteLater()
        app.processEvents()

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_progress", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--annotators", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tmp", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="Leave the project in its folder.")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-progress-", dir=args.tmp))
    path = folder / "project.db"
    began = time.perf_counter()
    sizes = build(path, args.docs, args.annotators)
    print(f"built {sizes} in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    rows: list[tuple[str, float, float]] = []
    raw = timed(lambda: raw_baseline(path), args.repeat)
    rows.append(("raw baseline: layers by annotator and status (sqlite3)", *raw))
    with Store.open(path, user="lead") as store:
        figures = store.progress_figures(counts=False)
        assert len(figures.annotators) == args.annotators + 1, "the lead must see every annotator"
        first = timed(lambda: store.progress_figures(first=True), args.repeat)
        rows.append(("first look: assigned, layers by status (first paint)", *first))
        rows.append(("spans and statements counted (once; in a thread)", *timed(store.span_counts, 1)))
        rows.append(("spans and statements, as kept", *timed(store.span_counts, args.repeat)))
        rows.append(("all figures, counts kept (in a thread)", *timed(store.progress_figures, args.repeat)))
        by_document = timed(lambda: store.progress_figures(by_document=True), args.repeat)
        rows.append(("progress figures with who has each document", *by_document))
        rows.append(("agreement so far, measured (once; in a thread)", *timed(store.agreement_so_far, 1)))
        rows.append(("agreement so far, as kept", *timed(store.agreement_so_far, args.repeat)))
        wall, cpu = time.perf_counter(), time.process_time()
        import pyqtgraph  # noqa: F401  (what the first opening of the window adds)

        rows.append(
            ("import pyqtgraph (once, after the first paint)", time.perf_counter() - wall, time.process_time() - cpu)
        )
        rows.append(("progress window: built, shown, first paint", *timed(window_open(path), args.repeat)))
    print(f"{'operation':<52} {'wall ms':>9} {'CPU ms':>9} {'x raw (CPU)':>12}")
    for name, wall_s, cpu_s in rows:
        ratio = cpu_s / raw[1] if raw[1] else float("nan")
        print(f"{name:<52} {wall_s * 1000:>9.1f} {cpu_s * 1000:>9.1f} {ratio:>12.1f}")
    if args.json:
        args.json.write_text(json.dumps({"sizes": sizes, "rows": rows}, indent=2), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
