"""What pushing changes costs on PostgreSQL (``db.notifying``), and how soon a window hears of one.

    python -m benchmarks.bench_notify --docs 50 --repeat 7 [--json results.json]

Starts a throw-away PostgreSQL server (``tests/pg_server.py``), imports the synthetic corpus (``benchmarks.corpus``,
three annotators; not timed), then times, ``--repeat`` rounds, in turns with the trigger dropped and made again (so
that both meet the same load of a shared machine):

- an edit: ``add_span`` then ``remove_span`` on an annotator's layer (per edit);
- raw baseline: ``UPDATE layers SET version = version + 1`` of one row through psycopg in autocommit (what the
  trigger fires on, without the Store);
- with the trigger, the delay from an edit's return to its notification being readable on a listener's socket
  (``select`` on it, then ``Listener.received``): what replaces the poll's up to a second.

The figures are medians.
"""

from __future__ import annotations

import argparse
import json
import select
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import orjson
from sqlalchemy import create_engine, text

from annotator.formats.native import parse_record
from annotator.schema import default_schema
from benchmarks.corpus import generate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

ANNOTATOR = "ann_02"
EDITS = 20


def _timed(action: Callable[[], object], per: int = 1) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) / per * 1000


def measure(server: str, docs: int, repeat: int) -> dict[str, dict[str, float]]:
    from db import notifying
    from db.store import Store

    name = f"bench_notify_{uuid.uuid4().hex[:8]}"
    with create_engine(server, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.replace("/postgres?", f"/{name}?")
    schema = default_schema()
    records = ((n, parse_record(orjson.loads(orjson.dumps(r)), schema)) for n, r in enumerate(generate(docs), 1))
    store = Store.open(url)
    store.import_records(records, source="corpus")
    doc_id = store.documents(limit=1)[0].doc_id
    raw = create_engine(url, isolation_level="AUTOCOMMIT")
    raw_connection = raw.connect()
    layer_id = raw_connection.scalar(text("SELECT min(id) FROM layers"))

    def edits() -> None:
        for _ in range(EDITS):
            span = store.add_span(doc_id, ANNOTATOR, 0, 5, "CUE").added[0]
            store.remove_span(doc_id, ANNOTATOR, span.key)

    def raw_updates() -> None:
        for _ in range(2 * EDITS):
            raw_connection.execute(text("UPDATE layers SET version = version + 1 WHERE id = :id"), {"id": layer_id})

    def set_trigger(on: bool) -> None:
        with store.engine.begin() as connection:
            if on:
                notifying.install(connection)
            else:
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {notifying.TRIGGER} ON layers")

    listener = notifying.listen(store)
    assert listener is not None

    def heard() -> float:
        listener.received()  # what the timed edits left
        span = store.add_span(doc_id, ANNOTATOR, 0, 5, "CUE").added[0]
        start = time.perf_counter()
        got: set[str] = set()
        while doc_id not in got:
            select.select([listener.fileno()], [], [], 1.0)
            got |= listener.received()
        taken = (time.perf_counter() - start) * 1000
        store.remove_span(doc_id, ANNOTATOR, span.key)
        return taken

    times: dict[str, dict[str, list[float]]] = {"without trigger": {}, "with trigger": {}}
    for round_ in range(repeat + 1):  # the first round is not counted: caches and connections
        for case, on in (("without trigger", False), ("with trigger", True)):
            set_trigger(on)
            figures = {
                "edit (ms)": _timed(edits, per=2 * EDITS),
                "raw baseline: UPDATE layers (ms)": _timed(raw_updates, per=2 * EDITS),
            }
            if on:
                figures["edit to notification heard (ms)"] = heard()
            if round_:
                for what, value in figures.items():
                    times[case].setdefault(what, []).append(value)
    listener.close()
    raw_connection.close()
    raw.dispose()
    store.close()
    return {case: {what: statistics.median(t) for what, t in by.items()} for case, by in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_notify", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    from pg_server import running_server, server_binaries

    binaries = server_binaries()
    if binaries is None:
        print("no PostgreSQL server binaries (initdb) found", file=sys.stderr)
        return 1
    with running_server(binaries) as server:
        results = measure(server, args.docs, args.repeat)
    for case, figures in results.items():
        print(case)
        for what, value in figures.items():
            print(f"  {what:36} {value:10.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
