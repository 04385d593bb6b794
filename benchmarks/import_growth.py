"""Whether the cost of importing a document grows with the size of the import: ours and the raw baseline at
several sizes, side by side in the same run.

    python -m benchmarks.bench_import_export --growth 10000,20000,30000 [--repeat 1] [--json FILE]

For each size N a corpus of N documents is generated (not timed) and imported into a fresh file by ours (the
command line, in-process) and by the raw baseline (``raw_sqlite.import_file``), one after the other. Reported per
1,000 documents: wall time, and CPU time of this process (less disturbed on a machine others load), and ours over
the raw baseline in each. Flat means: ours per 1,000 at 30,000 about what it is at 10,000, as the baseline's is.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import raw_sqlite
from benchmarks.bench_import_export import _create_tables, _load_cli, _make_corpus, _remove_db, _run_cli


def _timed(action: Any) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def growth(folder: Path, sizes: list[int], repeat: int, annotators: int, spans: int) -> list[dict[str, Any]]:
    """Per-1,000-document import figures at each size in ``sizes``."""
    cli, missing = _load_cli()
    if cli is None:
        raise SystemExit(f"annotator.cli cannot be imported: {missing}")
    rows = []
    for size in sizes:
        where = folder / f"n{size}"
        where.mkdir()
        corpus = _make_corpus(where, size, annotators, spans, 0)
        print(f"{size:,} documents: {corpus.size}", file=sys.stderr)
        ours: list[tuple[float, float]] = []
        raw: list[tuple[float, float]] = []
        for n in range(repeat):
            db = where / f"ours-{n}.db"
            ours.append(_timed(lambda db=db, c=corpus.path: _run_cli(cli, ["--db", str(db), "import", str(c)])))
            _remove_db(db)
            db = where / f"raw-{n}.db"
            _create_tables(cli, db)
            raw.append(_timed(lambda db=db, c=corpus.path: raw_sqlite.import_file(db, c)))
            _remove_db(db)
            print(f"  run {n + 1}: ours {ours[-1][0]:.1f} s, raw {raw[-1][0]:.1f} s (wall)", file=sys.stderr)
        per = 1000 / size
        row = {"documents": size, "spans": corpus.spans, "text_mb": round(corpus.text_mb, 1)}
        for name, times in (("ours", ours), ("raw", raw)):
            row[f"{name}_wall_s_per_1000"] = round(statistics.median(t[0] for t in times) * per, 3)
            row[f"{name}_cpu_s_per_1000"] = round(statistics.median(t[1] for t in times) * per, 3)
        row["ratio_wall"] = round(row["ours_wall_s_per_1000"] / row["raw_wall_s_per_1000"], 3)
        row["ratio_cpu"] = round(row["ours_cpu_s_per_1000"] / row["raw_cpu_s_per_1000"], 3)
        rows.append(row)
        shutil.rmtree(where, ignore_errors=True)
    return rows


def print_growth(rows: list[dict[str, Any]]) -> None:
    print("documents  ours wall/1k  raw wall/1k  ratio | ours cpu/1k  raw cpu/1k  ratio   (seconds)")
    for r in rows:
        print(
            f"{r['documents']:>9,}  {r['ours_wall_s_per_1000']:>11.3f}  {r['raw_wall_s_per_1000']:>11.3f}  "
            f"{r['ratio_wall']:>5.2f} | {r['ours_cpu_s_per_1000']:>11.3f}  {r['raw_cpu_s_per_1000']:>10.3f}  "
            f"{r['ratio_cpu']:>5.2f}"
        )
    first, last = rows[0], rows[-1]
    for name in ("ours", "raw"):
        change = last[f"{name}_cpu_s_per_1000"] / first[f"{name}_cpu_s_per_1000"] - 1
        print(f"{name}: CPU per 1,000 from {first['documents']:,} to {last['documents']:,} documents: {change:+.0%}")
