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
import json
import os
import platform
import sqlite3
import statistics
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import corpus_project

TARGET_SECONDS = 2.0
"""The whole ``agreement`` command over 1,000 documents x 3 annotators x 40 spans."""


def _times(action: Callable[[], object], repeat: int, before: Callable[[], object] | None = None) -> list[float]:
    return [wall for _cpu, wall in corpus_project.timed_runs(action, repeat, before)]


def main(argv: list[str] | None = None) -> int:
    args = corpus_project.parsed_arguments(
        argv, prog="python -m benchmarks.bench_agreement", description=__doc__.split("\n\n")[0], spans=40
    )
    return corpus_project.in_a_temporary_folder(args, "bench-agreement-", _run)


def _run(args: argparse.Namespace, folder: Path) -> int:
    db, copy = corpus_project.imported_corpus(args, folder)

    from annotator.agreement import as_json, measure
    from db.store import Store

    rows: dict[str, list[float]] = {}
    whole = ["--db", str(db), "--annotator", "lead", "agreement", "--json"]
    rows["agreement --json, whole command"] = _times(lambda: corpus_project.command(whole), args.repeat)
    with Store.open(db) as store:
        labels, statement = store.schema.label_names, store.schema.statement
        rows["of which: reading the layers"] = _times(lambda: list(store.agreement_layers()), args.repeat)
        documents = list(store.agreement_layers())
    rows["of which: the figures"] = _times(
        lambda: as_json(measure(documents, labels=labels, statement=statement)), args.repeat
    )

    auto = ["--db", str(copy), "--annotator", "lead", "adjudicate", "--auto"]
    rows["adjudicate --auto"] = _times(
        lambda: corpus_project.command(auto), args.repeat, before=lambda: corpus_project.fresh_copy(db, copy)
    )

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
