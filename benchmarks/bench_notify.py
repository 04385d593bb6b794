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

import select
import sys
import time

from sqlalchemy import create_engine, text

from benchmarks.on_a_server import Figures, corpus_records, main_on_a_server, medians, timed_ms

ANNOTATOR = "ann_02"
EDITS = 20


def measure(server: str, docs: int, repeat: int) -> Figures:
    from db import notifying
    from db.store import Store
    from pg_server import fresh_database

    url = fresh_database(server, "bench_notify")
    store = Store.open(url)
    store.import_records(corpus_records(docs), source="corpus")
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
                "edit (ms)": timed_ms(edits, per=2 * EDITS),
                "raw baseline: UPDATE layers (ms)": timed_ms(raw_updates, per=2 * EDITS),
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
    return medians(times)


def main(argv: list[str] | None = None) -> int:
    return main_on_a_server(argv, "bench_notify", __doc__, measure, docs=50, repeat=7, width=36)


if __name__ == "__main__":
    sys.exit(main())
