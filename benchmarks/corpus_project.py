"""What the benchmarks of commands on an imported project share (bench_agreement, bench_lexicon): their command
line, the synthetic corpus imported into a SQLite file in a temporary folder, the command run in-process, a fresh
copy of the database, and the timed runs."""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpus import generate, write


def parsed_arguments(
    argv: list[str] | None,
    *,
    prog: str,
    description: str,
    spans: int,
    more: Callable[[argparse.ArgumentParser], object] = lambda _parser: None,
) -> argparse.Namespace:
    """``--docs``, ``--annotators``, ``--spans`` (default ``spans``), ``--seed``, ``--repeat``, what ``more`` adds,
    then ``--tmp`` and ``--json``."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--annotators", type=int, default=3)
    parser.add_argument("--spans", type=int, default=spans, help=f"spans per layer (default {spans})")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    more(parser)
    parser.add_argument("--tmp", type=Path, help="where the corpus and databases go (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser.parse_args(argv)


def in_a_temporary_folder(args: argparse.Namespace, prefix: str, run: Callable[[argparse.Namespace, Path], int]) -> int:
    """``run(args, folder)`` in a new folder under ``args.tmp`` (or the system's), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=args.tmp))
    try:
        return run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def command(args: list[str]) -> None:
    """``annotator ARGS`` in-process, its output to a null stream; raises RuntimeError where it fails."""
    from annotator.cli import cli

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = cli.main(args, standalone_mode=False)
    if status not in (None, 0):
        raise RuntimeError(f"annotator {' '.join(args)} exited with {status}")


def imported_corpus(args: argparse.Namespace, folder: Path) -> tuple[Path, Path]:
    """The synthetic corpus of ``args`` (docs, annotators, spans, seed) imported into ``folder/project.db`` by the
    command, as a lead; returns that database and a path beside it for a copy."""
    corpus, db, copy = folder / "corpus.jsonl", folder / "project.db", folder / "copy.db"
    records = write(corpus, generate(args.docs, annotators=args.annotators, spans_per_layer=args.spans, seed=args.seed))
    command(["--db", str(db), "--annotator", "lead", "import", str(corpus)])
    with sqlite3.connect(db) as connection:
        spans = connection.execute("SELECT count(*) FROM spans").fetchone()[0]
    print(f"corpus: {args.docs:,} documents, {records:,} layers, {spans:,} spans")
    return db, copy


def fresh_copy(db: Path, copy: Path) -> None:
    """``copy`` made again from ``db`` (SQLite's backup), as it is now."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)


def timed_runs(
    action: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> list[tuple[float, float]]:
    """(CPU seconds, wall seconds) of ``repeat`` runs, each after ``before`` (untimed) and a collection, after one
    untimed run (imports, caches)."""
    action() if before is None else (before(), action())
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        action()
        times.append((time.process_time() - cpu, time.perf_counter() - wall))
    return times
