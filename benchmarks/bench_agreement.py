"""Agreement over a project: ``annotator agreement --json`` on the synthetic corpus.

    python -m benchmarks.bench_agreement --docs 1000 --spans 40 --repeat 5 [--json results.json]

Generates the corpus (``benchmarks.corpus``: every document annotated by ``--annotators`` people who differ a
little) and imports it into a fresh SQLite file (neither timed), then times, ``--repeat`` times each:

- agreement, whole command: ``annotator --db DB agreement --json`` in-process, output to a null stream: opening
  the database, reading every layer in bulk, the figures, the JSON;
- of which reading: ``Store.agreement_layers`` alone (documents with their layers, a few queries a chunk);
- of which figures: ``annotator.agreement.measure`` alone, on layers already in memory;
- adjudicate --auto: ``annotator --db COPY adjudicate --auto`` on a fresh copy of the database each run, for
  reference (it writes gold for every document with a unanimous unit).

Exit status 1 when an operation fails.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.corpus import generate, write

TARGET_SECONDS = 2.0
"""The whole ``agreement`` command over 1,000 documents x 3 annotators x 40 spans."""


def _cli():  # type: ignore[no-untyped-def]
    from annotator.cli import cli

    return cli


def _command(args: list[str]) -> None:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = _cli().main(args, standalone_mode=False)
    if status not in (None, 0):
        raise RuntimeError(f"annotator {' '.join(args)} exited with {status}")


def imported_corpus(args: argparse.Namespace, folder: Path) -> tuple[Path, Path]:
    """The synthetic corpus of ``args`` (docs, annotators, spans, seed) imported into ``folder/project.db`` by the
    command, as a lead; returns that database and a path beside it for a copy."""
    corpus, db, copy = folder / "corpus.jsonl", folder / "project.db", folder / "copy.db"
    records = write(corpus, generate(args.docs, annotators=args.annotators, spans_per_layer=args.spans, seed=args.seed))
    _command(["--db", str(db), "--annotator", "lead", "import", str(corpus)])
    with sqlite3.connect(db) as connection:
        spans = connection.execute("SELECT count(*) FROM spans").fetchone()[0]
    print(f"corpus: {args.docs:,} documents, {records:,} layers, {spans:,} spans")
    return db, copy


def _times(action: Callable[[], object], repeat: int, before: Callable[[], object] | None = None) -> list[float]:
    action() if before is None else (before(), action())  # untimed: the first run pays for imports and caches
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_agreement", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--annotators", type=int, default=3)
    parser.add_argument("--spans", type=int, default=40, help="spans per layer (default 40)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--tmp", type=Path, help="where the corpus and databases go (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-agreement-", dir=args.tmp))
    try:
        return _run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(args: argparse.Namespace, folder: Path) -> int:
    db, copy = imported_corpus(args, folder)

    from annotator.agreement import as_json, measure
    from db.store import Store

    rows: dict[str, list[float]] = {}
    whole = ["--db", str(db), "--annotator", "lead", "agreement", "--json"]
    rows["agreement --json, whole command"] = _times(lambda: _command(whole), args.repeat)
    with Store.open(db) as store:
        labels, statement = store.schema.label_names, store.schema.statement
        rows["of which: reading the layers"] = _times(lambda: list(store.agreement_layers()), args.repeat)
        documents = list(store.agreement_layers())
    rows["of which: the figures"] = _times(
        lambda: as_json(measure(documents, labels=labels, statement=statement)), args.repeat
    )

    def fresh_copy() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
            source.backup(target)

    auto = ["--db", str(copy), "--annotator", "lead", "adjudicate", "--auto"]
    rows["adjudicate --auto"] = _times(lambda: _command(auto), args.repeat, before=fresh_copy)

    size = f"{args.docs:,} docs x {args.annotators} x {args.spans} spans"
    print("\n| operation | size | median s (runs) | target |\n|---|---|---|---|")
    for name, times in rows.items():
        runs = ", ".join(f"{t:.2f}" for t in times)
        target = ""
        if name.endswith("whole command"):
            met = statistics.median(times) <= TARGET_SECONDS
            target = f"<= {TARGET_SECONDS:.0f} s, {'met' if met else 'missed'}"
        print(f"| {name} | {size} | {statistics.median(times):.2f} ({runs}) | {target} |")
    print(
        f"\n{datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} CPUs ({platform.machine()}), "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )
    if args.json:
        args.json.write_text(json.dumps({"size": size, "seconds": rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
