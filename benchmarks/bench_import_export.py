"""Import and export of native JSONL: our CLI against plain ``sqlite3`` doing the same work.

    python -m benchmarks.bench_import_export --docs 10000 --repeat 3 [--json results.json]
    python -m benchmarks.bench_import_export --growth 10000,20000,30000 --repeat 1   # cost per 1,000 by size

Generates the synthetic corpus (``benchmarks.corpus``, not timed) into a temporary folder, then times each
operation ``--repeat`` times and reports the median:

- ours, import: ``annotator --db NEW.db import corpus.jsonl``, in-process (a fresh file: opening it creates
  the tables, which the row "ours, create empty database" shows on its own);
- raw baseline, import: ``raw_sqlite.import_file`` into a fresh file whose tables ``annotator db upgrade``
  made (not timed);
- ours, export: ``annotator --db DB export --format native --layer all --status any --out FILE``;
- raw baseline, export: ``raw_sqlite.export_file`` of the same database.

Both exports must have one line per generated record; whether they have the same bytes as the corpus is shown.
Exit status 1 when a check fails or an operation could not run.
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
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import raw_sqlite
from benchmarks.corpus import generate, write

TARGETS = {"import": 2.0, "export": 1.5}
"""Ours may take at most this many times the raw baseline's median."""


@dataclass
class Corpus:
    path: Path
    documents: int = 0
    records: int = 0
    spans: int = 0
    relations: int = 0
    text_bytes: int = 0

    @property
    def text_mb(self) -> float:
        return self.text_bytes / 1e6

    @property
    def size(self) -> str:
        return f"{self.documents:,} docs, {self.spans:,} spans, {self.text_mb:.1f} MB"


@dataclass
class Row:
    operation: str
    kind: str  # "import", "export" or "info"
    ours: bool
    times: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and not self.error else None


def _make_corpus(folder: Path, docs: int, annotators: int, spans: int, seed: int) -> Corpus:
    corpus = Corpus(folder / "corpus.jsonl")
    last_doc = None

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal last_doc
        for record in generate(docs, annotators=annotators, spans_per_layer=spans, seed=seed):
            if record["doc_id"] != last_doc:
                last_doc = record["doc_id"]
                corpus.documents += 1
                corpus.text_bytes += len(record["text"].encode("utf-8"))
            corpus.spans += len(record["spans"])
            corpus.relations += len(record["relations"])
            yield record

    corpus.records = write(corpus.path, counted())
    return corpus


def _load_cli() -> tuple[Any, str | None]:
    try:
        from annotator.cli import cli
    except Exception as error:  # any reason is reported, the baselines still run
        return None, f"{error.__class__.__name__}: {error}"
    return cli, None


def _run_cli(cli: Any, args: list[str]) -> None:
    """``annotator ARGS`` in this process; its stdout is swallowed, a failure raises with what it printed."""
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        status = cli.main(args, standalone_mode=False)
    if status not in (None, 0):
        raise RuntimeError(f"annotator {' '.join(args)} exited with status {status}: {captured.getvalue().strip()}")


def _timed(row: Row, action: Callable[[], object]) -> bool:
    """Run ``action`` once, adding its wall time to ``row``; on failure note the error and return False."""
    if row.error:
        return False
    gc.collect()
    start = time.perf_counter()
    try:
        action()
    except Exception as error:  # reported in the table; the other rows still run
        row.error = f"{error.__class__.__name__}: {error}"
        traceback.print_exc(file=sys.stderr)
        return False
    row.times.append(time.perf_counter() - start)
    print(f"  {row.operation}: {row.times[-1]:.2f} s", file=sys.stderr)
    return True


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _create_tables(cli: Any, db: Path) -> None:
    if cli is not None:
        _run_cli(cli, ["--db", str(db), "db", "upgrade"])
        return
    from sqlalchemy import create_engine

    from db.models import Base

    engine = create_engine(f"sqlite:///{db}")
    Base.metadata.create_all(engine)
    engine.dispose()


def _line_count(path: Path) -> int:
    with path.open("rb") as lines:
        return sum(1 for _ in lines)


def _same_bytes(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as x, b.open("rb") as y:
        while True:
            block = x.read(1 << 20)
            if block != y.read(1 << 20):
                return False
            if not block:
                return True


def _export_args(db: Path | None, out: Path) -> list[str]:
    """The arguments of ours, export: every layer of ``db``, in any status, into ``out`` in native JSONL (``--force``:
    each run writes over the last one's file)."""
    export = ["export", "--format", "native", "--layer", "all", "--status", "any", "--out", str(out), "--force"]
    return ["--db", str(db), *export]


def _warm_up(folder: Path, cli: Any) -> None:
    """Every operation once on a corpus of two documents, so that no timed run pays for first imports."""
    scratch = folder / "warm-up"
    scratch.mkdir()
    tiny = _make_corpus(scratch, 2, 2, 5, 1)
    with contextlib.suppress(Exception):
        if cli is not None:
            _run_cli(cli, ["--db", str(scratch / "ours.db"), "import", str(tiny.path)])
            _run_cli(cli, _export_args(scratch / "ours.db", scratch / "ours.jsonl"))
        _create_tables(cli, scratch / "raw.db")
        raw_sqlite.import_file(scratch / "raw.db", tiny.path)
        raw_sqlite.export_file(scratch / "raw.db", scratch / "raw.jsonl")
    shutil.rmtree(scratch, ignore_errors=True)


def run(folder: Path, corpus: Corpus, repeat: int) -> tuple[list[Row], dict[str, Any]]:
    """Every timing and check; returns the rows of the table and the checks."""
    cli, missing = _load_cli()
    if missing:
        print(f"\nannotator.cli cannot be imported ({missing}): only the raw baselines run.\n", file=sys.stderr)
    rows = {
        name: Row(name, kind, ours)
        for name, kind, ours in (
            ("ours, import", "import", True),
            ("raw baseline, import", "import", False),
            ("ours, export", "export", True),
            ("raw baseline, export", "export", False),
            ("ours, create empty database", "info", True),
        )
    }
    for ours_row in (r for r in rows.values() if r.ours):
        ours_row.error = f"annotator.cli missing ({missing})" if missing else None
    _warm_up(folder, cli)
    ours_db = raw_db = None
    for n in range(1, repeat + 1):
        print(f"import, run {n} of {repeat}", file=sys.stderr)
        db = folder / f"ours-{n}.db"
        if _timed(rows["ours, import"], lambda db=db: _run_cli(cli, ["--db", str(db), "import", str(corpus.path)])):
            if ours_db:
                _remove_db(ours_db)
            ours_db = db
        db = folder / f"raw-{n}.db"
        if not _timed(rows["ours, create empty database"], lambda db=db: _create_tables(cli, db)):
            _remove_db(db)
            _create_tables(None, db)
        if _timed(rows["raw baseline, import"], lambda db=db: raw_sqlite.import_file(db, corpus.path)):
            if raw_db:
                _remove_db(raw_db)
            raw_db = db
    exported = {"ours": folder / "ours-export.jsonl", "raw": folder / "raw-export.jsonl"}
    if ours_db is None:
        rows["ours, export"].error = rows["ours, export"].error or "no database imported by ours"
    source = ours_db or raw_db
    if source is None:
        rows["raw baseline, export"].error = "no imported database"
    for n in range(1, repeat + 1):
        print(f"export, run {n} of {repeat}" + ("" if ours_db else f" (baseline on {source})"), file=sys.stderr)
        args = _export_args(ours_db, exported["ours"])
        _timed(rows["ours, export"], lambda args=args: _run_cli(cli, args))
        _timed(rows["raw baseline, export"], lambda: raw_sqlite.export_file(source, exported["raw"]))
    checks: dict[str, Any] = {"records": corpus.records}
    for who, path in exported.items():
        if path.exists():
            lines = _line_count(path)
            checks[f"{who}_export_lines"] = lines
            checks[f"{who}_export_lines_ok"] = lines == corpus.records
            checks[f"{who}_export_same_bytes_as_corpus"] = _same_bytes(path, corpus.path)
            checks[f"{who}_export_mb"] = path.stat().st_size / 1e6
    return list(rows.values()), checks


def _figures(rows: list[Row], corpus: Corpus) -> list[dict[str, Any]]:
    baseline = {r.kind: r.median for r in rows if not r.ours}
    figures = []
    for row in rows:
        median = row.median
        ratio = median / baseline[row.kind] if row.ours and median and baseline.get(row.kind) else None
        target = TARGETS.get(row.kind) if row.ours else None
        figures.append(
            {
                "operation": row.operation,
                "size": corpus.size if row.kind != "info" else "empty file",
                "times_s": [round(t, 4) for t in row.times],
                "median_s": round(median, 4) if median is not None else None,
                "target": f"<= {target:g}x baseline" if target else None,
                "ratio": round(ratio, 3) if ratio is not None else None,
                "meets_target": (ratio <= target) if ratio is not None and target else None,
                "mb_per_s": round(corpus.text_mb / median, 2) if median and row.kind != "info" else None,
                "error": row.error,
            }
        )
    return figures


def _print_table(figures: list[dict[str, Any]], corpus: Corpus, checks: dict[str, Any], repeat: int) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"native JSONL import and export, median of {repeat}")
    for name, justify in (
        ("operation", "left"),
        ("size", "left"),
        ("median s", "right"),
        ("target", "left"),
        ("ours / baseline", "right"),
        ("MB/s", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for f in figures:
        if f["error"]:
            table.add_row(f["operation"], f["size"], "failed", f["target"] or "-", "-", "-")
            continue
        ratio = "-" if f["ratio"] is None else f"{f['ratio']:.2f}x " + ("ok" if f["meets_target"] else "OVER")
        table.add_row(
            f["operation"],
            f["size"],
            f"{f['median_s']:.3f}",
            f["target"] or "-",
            ratio,
            "-" if f["mb_per_s"] is None else f"{f['mb_per_s']:.1f}",
        )
    console = Console()
    if not console.is_terminal:
        console.width = 130
    console.print(table)
    console.print(
        f"size: documents, spans, MB of document text (UTF-8); MB/s is that text per second. The corpus has "
        f"{corpus.records:,} records (layers), {corpus.relations:,} relations, "
        f"{corpus.path.stat().st_size / 1e6:.1f} MB of JSONL (each layer repeats its document's text).",
        highlight=False,
    )
    for who in ("ours", "raw"):
        if f"{who}_export_lines" in checks:
            console.print(
                f"{who} export: {checks[f'{who}_export_lines']:,} lines "
                f"({'as many as' if checks[f'{who}_export_lines_ok'] else 'NOT as many as'} records), "
                f"{'the same bytes as' if checks[f'{who}_export_same_bytes_as_corpus'] else 'differs from'} "
                "the corpus",
                highlight=False,
            )
    for f in figures:
        if f["error"]:
            console.print(f"{f['operation']} failed: {f['error']}", markup=False, highlight=False)


def _environment() -> dict[str, Any]:
    try:
        from annotator import __version__ as version
    except Exception:
        version = None
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "annotator": version,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor(),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_import_export", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--docs", type=int, default=10_000, help="documents in the corpus (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each operation (default 3)")
    parser.add_argument("--annotators", type=int, default=3, help="layers per document (default 3)")
    parser.add_argument("--spans", type=int, default=30, help="spans per layer (default 30)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE")
    parser.add_argument("--tmp", type=Path, help="the folder for the temporary files (default: the system's)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus, databases and exports")
    parser.add_argument(
        "--growth",
        metavar="N,N,...",
        help="instead: import only, per 1,000 documents at each size (e.g. 10000,20000,30000); see import_growth",
    )
    parser.add_argument(
        "--beside",
        action="store_true",
        help="with --growth: then the largest once more beside an editing process (write lock held, edits' waits)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.docs < 1:
        parser.error("--docs and --repeat must be at least 1")
    folder = Path(tempfile.mkdtemp(prefix="annotator-bench-", dir=args.tmp))
    try:
        if args.growth:
            from benchmarks.import_growth import growth, print_growth

            sizes = [int(n) for n in args.growth.split(",")]
            grown = growth(folder, sizes, args.repeat, args.annotators, args.spans)
            print_growth(grown)
            report = {"benchmark": "import_growth", "environment": _environment(), "results": grown}
            if args.beside:
                from benchmarks.import_beside import beside, print_beside

                corpus = _make_corpus(folder, sizes[-1], args.annotators, args.spans, 0)
                report["beside"] = beside(_load_cli()[0], corpus.path, folder / "beside.db")
                print_beside(sizes[-1], report["beside"])
            if args.json:
                args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
            return 0
        started = time.perf_counter()
        corpus = _make_corpus(folder, args.docs, args.annotators, args.spans, args.seed)
        print(
            f"generated {corpus.size} in {time.perf_counter() - started:.1f} s (not timed): {corpus.path}",
            file=sys.stderr,
        )
        rows, checks = run(folder, corpus, args.repeat)
        figures = _figures(rows, corpus)
        _print_table(figures, corpus, checks, args.repeat)
        if args.json:
            report = {
                "benchmark": "import_export",
                "environment": _environment(),
                "corpus": {
                    "documents": corpus.documents,
                    "annotators": args.annotators,
                    "records": corpus.records,
                    "spans": corpus.spans,
                    "relations": corpus.relations,
                    "text_mb": round(corpus.text_mb, 3),
                    "jsonl_mb": round(corpus.path.stat().st_size / 1e6, 3),
                    "seed": args.seed,
                    "spans_per_layer": args.spans,
                },
                "repeat": args.repeat,
                "results": figures,
                "checks": checks,
            }
            args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        failed = any(f["error"] for f in figures) or not all(
            checks.get(f"{who}_export_lines_ok", False) for who in ("ours", "raw")
        )
        return 1 if failed else 0
    finally:
        if args.keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
