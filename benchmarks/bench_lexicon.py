"""What ``annotator suggest`` reads and writes: the project's lexicon, and pre-annotating documents.

    python -m benchmarks.bench_lexicon --docs 1000 --spans 30 --repeat 5 [--suggest 100] [--json results.json]

Generates the corpus (``benchmarks.corpus``: every document annotated by ``--annotators`` people, most layers done)
and imports it into a fresh SQLite file (neither timed), then times, ``--repeat`` times each:

- lexicon, ``Store.taught``: the source and cue phrases of every done layer, one query that cuts the phrases out
  of the texts in the database, then ``annotator.proposer.learn``;
- baseline, whole layers: every done layer with its document's text (``Store.export_records``), then ``learn`` on
  those pairs: what reading the lexicon costs without the query (both must teach the same lexicon, else exit 1);
- raw floor: the same phrases by one hand-written ``sqlite3`` query, no objects made;
- suggest: ``annotator suggest --as fresh`` on the first ``--suggest`` documents of a fresh copy (a new annotator:
  every layer is made), beside the proposer alone on the same texts (``propose``), which it cannot beat.

Times are CPU seconds of this process (``time.process_time``: SQLite runs in it too), so that other work on a
shared machine does not count; the wall-clock median is printed beside them. Exit status 1 when an operation fails
or the two lexicons differ.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
from pathlib import Path

from benchmarks import corpus_project

RAW = """
SELECT substr(d.text, s.start + 1, s."end" - s.start), s.label FROM spans s
JOIN layers l ON l.id = s.layer_id JOIN documents d ON d.id = l.document_id
WHERE l.status = 'done' AND s.label IN ('SPEAKER', 'CUE')
"""


def main(argv: list[str] | None = None) -> int:
    def suggest(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--suggest", type=int, default=100, help="documents to pre-annotate (default 100)")

    args = corpus_project.parsed_arguments(
        argv, prog="python -m benchmarks.bench_lexicon", description=__doc__.split("\n\n")[0], spans=30, more=suggest
    )
    return corpus_project.in_a_temporary_folder(args, "bench-lexicon-", _run)


def _run(args: argparse.Namespace, folder: Path) -> int:
    from annotator.proposer import learn, propose
    from db.store import Store

    db, copy = corpus_project.imported_corpus(args, folder)

    rows: dict[str, list[tuple[float, float]]] = {}
    with Store.open(db) as store:
        schema = store.schema
        taught = learn(store.taught(), schema.statement)
        whole = learn(((r.document.text, r.layer) for r in store.export_records() if r.layer), schema.statement)
        if taught != whole:
            print("error: the lexicon read by Store.taught differs from the one read from whole layers")
            return 1
        print(f"lexicon: {len(taught.sources):,} source and {len(taught.cues):,} cue phrases")
        rows["lexicon: Store.taught + learn"] = corpus_project.timed_runs(
            lambda: learn(store.taught(), schema.statement), args.repeat
        )
        rows["baseline: whole done layers + learn"] = corpus_project.timed_runs(
            lambda: learn(((r.document.text, r.layer) for r in store.export_records() if r.layer), schema.statement),
            args.repeat,
        )
        ids = [summary.doc_id for summary in store.documents(limit=args.suggest)]
        texts = [store.document(doc_id).text for doc_id in ids]
    with sqlite3.connect(db) as connection:
        rows["raw floor: the phrases by sqlite3"] = corpus_project.timed_runs(
            lambda: connection.execute(RAW).fetchall(), args.repeat
        )

    def fresh_project() -> None:
        corpus_project.fresh_copy(db, copy)
        corpus_project.command(["--db", str(copy), "--annotator", "lead", "annotators", "add", "fresh"])

    suggest = ["--db", str(copy), "--annotator", "lead", "suggest", "--as", "fresh", "--documents", ",".join(ids)]
    rows[f"suggest, {len(ids)} documents, whole command"] = corpus_project.timed_runs(
        lambda: corpus_project.command(suggest), args.repeat, before=fresh_project
    )
    rows[f"of which at least: propose on {len(ids)} texts"] = corpus_project.timed_runs(
        lambda: [propose(text, schema, taught) for text in texts], args.repeat
    )

    size = f"{args.docs:,} docs x {args.annotators} x {args.spans} spans"
    print("\n| operation | size | median CPU s (runs) | median wall s |\n|---|---|---|---|")
    for name, times in rows.items():
        runs = ", ".join(f"{cpu:.3f}" for cpu, _ in times)
        cpu, wall = statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)
        print(f"| {name} | {size} | {cpu:.3f} ({runs}) | {wall:.3f} |")
    if args.json:
        args.json.write_text(json.dumps({"size": size, "seconds": rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
