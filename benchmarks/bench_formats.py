"""Export (and import back) in every format: our CLI, with raw baselines for native and statements.

    python -m benchmarks.bench_formats --docs 10000 --slow-docs 1000 --repeat 3 [--json results.json]

Generates the synthetic corpus (``benchmarks.corpus``) of ``--docs`` documents and imports it with our CLI (not
timed); then, ``--repeat`` times each, median reported:

- ours, export native / statements: ``annotator --db DB export --format F --layer all --status any --out FILE``,
  in-process, against the raw baselines in the same run: ``raw_sqlite.export_file`` (native) and
  ``raw_statements`` below (plain ``sqlite3`` and orjson, the same rows as ours);
- every format, export and (for the formats ``import`` reads) import of that export into a fresh database, on
  a second corpus of ``--slow-docs`` documents: the token-based formats are slow, so they run on fewer;
- memory on a large foreign file (``--large-tasks``, 10,000 by default; 0 leaves it out; ``--only-large`` runs
  it alone): the corpus of that many documents (3 layers of 30 spans) as native JSONL and as one Label Studio
  task file (one task per document, an annotation per layer), each imported once into a fresh database by
  ``annotator import`` in a child process, whose peak RSS is read with ``resource.getrusage(RUSAGE_CHILDREN)``
  by a process between (so each figure is of one import alone); Label Studio's peak beside native's, the raw
  baseline (target: at most 2x).

Exit status 1 when an operation fails.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

from benchmarks import raw_sqlite
from benchmarks.bench_import_export import _environment, _make_corpus, _remove_db
from benchmarks.raw_sqlite import CHUNK, connect

TARGETS = {"native": 1.5, "statements": 1.3}
PEAK_TARGET = 2.0
"""Importing a Label Studio file may take at most this many times the memory of importing native JSONL."""
_PEAK = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "sys.stderr.write(done.stderr[-2000:]) if done.returncode else None\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)\n"
)
"""Runs a command as its one child and prints the child's peak RSS (KiB on Linux) and exit status."""
"""Ours may take at most this many times the raw baseline's median, by format."""
SUFFIX = {"native": ".jsonl", "statements": ".jsonl", "spacy": ".jsonl", "docbin": ".spacy", "doccano": ".jsonl"}
SUFFIX |= {"labelstudio": ".json", "brat": "", "conll": ""}
READABLE = ("native", "spacy", "doccano", "labelstudio", "brat")

_LAYERS = (
    "SELECT l.id, l.document_id, l.gold, l.status, a.name FROM layers l "
    "LEFT JOIN annotators a ON a.id = l.annotator_id WHERE l.document_id IN ({}) "
    "ORDER BY l.document_id, l.gold DESC, a.name"
)
_SPANS = (
    'SELECT layer_id, "key", start, "end", label, attrs FROM spans WHERE layer_id IN ({}) '
    'ORDER BY layer_id, start, "end", label, "key"'
)
_RELATIONS = (
    'SELECT r.layer_id, h."key", c."key", r.label FROM relations r '
    "JOIN spans h ON h.id = r.head_id JOIN spans c ON c.id = r.child_id "
    'WHERE r.layer_id IN ({}) ORDER BY r.layer_id, length(r."key"), r."key"'
)


def _in(query: str, ids: list[int]) -> str:
    return query.format(", ".join("?" * len(ids)))


def raw_statements(db: Path, path: Path) -> int:
    """The statements export written as directly as possible: plain sqlite3, dicts and orjson."""
    connection = connect(db)
    count = 0
    temporary = path.with_name(f".{path.name}.part")
    try:
        documents = connection.execute("SELECT id, doc_id, text FROM documents ORDER BY id")
        with temporary.open("wb") as out:
            while chunk := documents.fetchmany(CHUNK):
                texts = {row[0]: (row[1], row[2]) for row in chunk}
                ids = list(texts)
                layers = connection.execute(_in(_LAYERS, ids), ids).fetchall()
                layer_ids = [layer[0] for layer in layers]
                if not layer_ids:
                    continue
                spans: dict[int, list[tuple[Any, ...]]] = {id_: [] for id_ in layer_ids}
                for row in connection.execute(_in(_SPANS, layer_ids), layer_ids):
                    spans[row[0]].append(row)
                links: dict[int, list[tuple[Any, ...]]] = {id_: [] for id_ in layer_ids}
                for row in connection.execute(_in(_RELATIONS, layer_ids), layer_ids):
                    links[row[0]].append(row)
                for layer_id, document_id, gold, status, name in layers:
                    doc_id, text = texts[document_id]
                    count += _layer_rows(
                        out, doc_id, text, "gold" if gold else name, status, spans[layer_id], links[layer_id]
                    )
            out.flush()
            os.fsync(out.fileno())  # as ours does
        temporary.replace(path)
    finally:
        connection.close()
        temporary.unlink(missing_ok=True)
    return count


def _layer_rows(out: Any, doc_id: str, text: str, annotator: str, status: str, spans: list, links: list) -> int:
    by_key = {row[1]: row for row in spans}
    speaker_of, cue_of = {}, {}
    for _, head, child, label in links:
        if label == "ATTRIBUTED_TO":
            speaker_of[head] = by_key[child]
        elif label == "HAS_CUE":
            cue = by_key[child]
            if head not in cue_of or (cue[2], cue[3]) < (cue_of[head][2], cue_of[head][3]):
                cue_of[head] = cue
    count = 0
    for _, key, start, end, label, attrs in spans:
        if label != "CLAIM":
            continue
        values = orjson.loads(attrs)
        speaker, cue = speaker_of.get(key), cue_of.get(key)
        context_start = text.rfind("\n", 0, start) + 1
        context_end = text.find("\n", end)
        if context_end < 0:
            context_end = len(text)
        row = {
            "doc_id": doc_id,
            "annotator": annotator,
            "status": status,
            "claim_id": key,
            "start": start,
            "end": end,
            "text": text[start:end],
            "context": text[context_start:context_end],
            "context_start": context_start,
            "context_end": context_end,
            "speaker": orjson.loads(speaker[5]).get("speaker") if speaker else None,
            "speaker_mention": text[speaker[2] : speaker[3]] if speaker else None,
            "speaker_start": speaker[2] if speaker else None,
            "speaker_end": speaker[3] if speaker else None,
            "cue": text[cue[2] : cue[3]] if cue else None,
            "cue_start": cue[2] if cue else None,
            "cue_end": cue[3] if cue else None,
            "stance": values.get("stance"),
            "target": values.get("target"),
            "quote_type": values.get("quote_type"),
        }
        out.write(orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE))
        count += 1
    return count


def _cli(args: list[str]) -> None:
    from annotator.cli import cli

    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        status = cli.main(args, standalone_mode=False)
    if status not in (None, 0):
        raise RuntimeError(f"annotator {' '.join(args)}: status {status}: {captured.getvalue().strip()}")


def _timed(times: list[float], action) -> None:
    gc.collect()
    start = time.perf_counter()
    action()
    times.append(time.perf_counter() - start)


def _clear(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _export(db: Path, fmt: str, out: Path) -> None:
    _clear(out)
    _cli(["--db", str(db), "export", "--format", fmt, "--layer", "all", "--status", "any", "--out", str(out)])


def _import(source: Path, fmt: str, db: Path) -> None:
    _remove_db(db)
    _cli(["--db", str(db), "--annotator", "bench", "import", "--format", fmt, str(source)])


def _peak_import(source: Path, fmt: str, db: Path) -> tuple[float, float]:
    """Peak RSS (MB) and wall-clock seconds of one ``annotator import`` of ``source`` into a fresh database."""
    _remove_db(db)
    command = [sys.executable, "-m", "annotator", "--db", str(db), "--annotator", "bench", "import"]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *command, "--format", fmt, str(source)], capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    peak, status = done.stdout.split()
    if done.returncode or status != "0":
        raise RuntimeError(f"import --format {fmt} {source}: {done.stderr.strip()}")
    return int(peak) / 1024, seconds


def _label_studio_file(corpus: Path, out: Path) -> None:
    """The native corpus as one Label Studio file: a task per document, an annotation per layer."""
    from annotator.formats.labelstudio import write_labelstudio
    from annotator.formats.native import read_native
    from annotator.formats.report import FormatReport
    from annotator.schema import default_schema

    schema = default_schema()

    def by_document(stream: Any) -> Any:
        last = None
        for _, record in read_native(stream, schema, source=str(corpus)):
            if last is not None and record.document.doc_id == last.doc_id:
                record = dataclasses.replace(record, document=last)  # the writer groups layers by document
            last = record.document
            yield record

    with corpus.open("rb") as stream, out.open("wb") as target:
        write_labelstudio(by_document(stream), target, schema, FormatReport("labelstudio"))


def run_large(folder: Path, tasks: int) -> list[dict[str, Any]]:
    """Peak memory of importing a large Label Studio file, beside importing the same as native JSONL."""
    sub = folder / "large"
    sub.mkdir()
    corpus = _make_corpus(sub, tasks, 3, 30, 0)
    tasks_file = sub / "tasks.json"
    _label_studio_file(corpus.path, tasks_file)
    sizes = {"native": corpus.path.stat().st_size, "labelstudio": tasks_file.stat().st_size}
    print(f"large: {corpus.size}; Label Studio file {sizes['labelstudio'] / 1e6:.0f} MB (not timed)", file=sys.stderr)
    figures = {}
    for fmt, source in (("native", corpus.path), ("labelstudio", tasks_file)):
        figures[fmt] = _peak_import(source, fmt, sub / f"{fmt}.db")
        print(f"  import {fmt}: peak {figures[fmt][0]:.0f} MB, {figures[fmt][1]:.1f} s", file=sys.stderr)
        _remove_db(sub / f"{fmt}.db")
    ratio = figures["labelstudio"][0] / figures["native"][0]
    rows = []
    for fmt in ("labelstudio", "native"):
        peak, seconds = figures[fmt]
        rows.append(
            {
                "operation": f"{'ours' if fmt == 'labelstudio' else 'baseline'}, import {fmt} (peak RSS)",
                "documents": corpus.documents,
                "spans": corpus.spans,
                "file_mb": round(sizes[fmt] / 1e6, 1),
                "peak_rss_mb": round(peak, 1),
                "seconds": round(seconds, 1),
                "ratio": round(ratio, 2) if fmt == "labelstudio" else None,
                "target": f"<= {PEAK_TARGET:g}x native's peak" if fmt == "labelstudio" else None,
                "meets_target": ratio <= PEAK_TARGET if fmt == "labelstudio" else None,
            }
        )
    return rows


def _print_large(rows: list[dict[str, Any]]) -> None:
    print("\n| operation | documents | spans | file MB | peak RSS MB | s | ours / baseline |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        ratio = (
            ""
            if r["ratio"] is None
            else f"**{r['ratio']:.2f}x**, {r['target']}: " + ("met" if r["meets_target"] else "MISSED")
        )
        print(
            f"| {r['operation']} | {r['documents']:,} | {r['spans']:,} | {r['file_mb']:.0f} | {r['peak_rss_mb']:.0f} "
            f"| {r['seconds']:.0f} | {ratio} |"
        )


def run(folder: Path, docs: int, slow_docs: int, repeat: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    corpora = {}
    for name, size in (("main", docs), ("slow", slow_docs)):
        sub = folder / name
        sub.mkdir()
        corpus = _make_corpus(sub, size, 3, 30, 0)
        db = sub / "ours.db"
        _cli(["--db", str(db), "import", str(corpus.path)])
        corpora[name] = (corpus, db, sub)
        print(f"{name}: {corpus.size} imported (not timed)", file=sys.stderr)

    corpus, db, sub = corpora["main"]
    pairs = {
        "native": lambda: raw_sqlite.export_file(db, sub / "raw.jsonl"),
        "statements": lambda: raw_statements(db, sub / "raw-statements.jsonl"),
    }
    for fmt, baseline in pairs.items():
        ours_times: list[float] = []
        raw_times: list[float] = []
        out = sub / f"ours-{fmt}.jsonl"
        _export(corpora["slow"][1], fmt, corpora["slow"][2] / "warm.jsonl")  # first-use costs, not timed
        for n in range(repeat):
            _timed(ours_times, lambda fmt=fmt, out=out: _export(db, fmt, out))
            _timed(raw_times, baseline)
            print(f"  {fmt} run {n + 1}: ours {ours_times[-1]:.2f} s, raw {raw_times[-1]:.2f} s", file=sys.stderr)
        ratio = statistics.median(ours_times) / statistics.median(raw_times)
        rows.append(_row(f"ours, export {fmt}", corpus, ours_times, ratio=ratio, target=TARGETS[fmt], out=out))
        rows.append(_row(f"raw baseline, export {fmt}", corpus, raw_times))

    corpus, db, sub = corpora["slow"]
    for fmt in SUFFIX:
        out = sub / f"export-{fmt}{SUFFIX[fmt]}"
        times: list[float] = []
        for _ in range(repeat):
            _timed(times, lambda fmt=fmt, out=out: _export(db, fmt, out))
        print(f"  export {fmt}: {statistics.median(times):.2f} s", file=sys.stderr)
        rows.append(_row(f"ours, export {fmt}", corpus, times, out=out))
        if fmt in READABLE:
            times = []
            for _ in range(repeat):
                _timed(times, lambda fmt=fmt, out=out: _import(out, fmt, sub / "back.db"))
            print(f"  import {fmt}: {statistics.median(times):.2f} s", file=sys.stderr)
            rows.append(_row(f"ours, import {fmt} (its own export)", corpus, times))
    checks = {
        name: {"documents": c.documents, "records": c.records, "spans": c.spans} for name, (c, _, _) in corpora.items()
    }
    return rows, checks


def _row(
    operation: str,
    corpus,
    times: list[float],
    *,
    ratio: float | None = None,
    target: float = 0,
    out: Path | None = None,
) -> dict:
    median = statistics.median(times)
    size = None
    if out is not None and out.exists():
        size = sum(p.stat().st_size for p in out.rglob("*")) if out.is_dir() else out.stat().st_size
    return {
        "operation": operation,
        "documents": corpus.documents,
        "times_s": [round(t, 3) for t in times],
        "median_s": round(median, 3),
        "ratio": None if ratio is None else round(ratio, 3),
        "target": f"<= {target:g}x baseline" if ratio is not None else None,
        "meets_target": None if ratio is None else ratio <= target,
        "text_mb_per_s": round(corpus.text_mb / median, 2),
        "output_mb": None if size is None else round(size / 1e6, 1),
    }


def _print(rows: list[dict[str, Any]], repeat: int) -> None:
    print(f"\n| operation | documents | median s (runs of {repeat}) | ours / baseline | MB of text /s | output MB |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        runs = ", ".join(f"{t:.2f}" for t in r["times_s"])
        met = f"{r['target']}: " + ("met" if r["meets_target"] else "MISSED")
        ratio = "" if r["ratio"] is None else f"**{r['ratio']:.2f}x**, {met}"
        size = "" if r["output_mb"] is None else f"{r['output_mb']:.1f}"
        print(
            f"| {r['operation']} | {r['documents']:,} | {r['median_s']:.2f} ({runs}) | {ratio} "
            f"| {r['text_mb_per_s']:.1f} | {size} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_formats", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents for native and statements (10000)")
    parser.add_argument("--slow-docs", type=int, default=1_000, help="documents for every format (1000)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE")
    parser.add_argument("--tmp", type=Path, help="the folder for the temporary files (default: the system's)")
    parser.add_argument("--large-tasks", type=int, default=10_000, help="tasks of the large Label Studio file (10000)")
    parser.add_argument("--only-large", action="store_true", help="run only the large Label Studio file's case")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="annotator-bench-formats-", dir=args.tmp))
    rows: list[dict[str, Any]] = []
    checks: dict[str, Any] = {}
    large: list[dict[str, Any]] = []
    try:
        if not args.only_large:
            rows, checks = run(folder, args.docs, args.slow_docs, args.repeat)
        if args.large_tasks:
            large = run_large(folder, args.large_tasks)
    except Exception as error:
        print(f"failed: {error.__class__.__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if rows:
        _print(rows, args.repeat)
    if large:
        _print_large(large)
    if args.json:
        report = {"benchmark": "formats", "environment": _environment(), "corpora": checks, "results": rows + large}
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
