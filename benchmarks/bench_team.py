"""What a team's rules cost on PostgreSQL: the same work on the same project, with and without ``team init``.

    python -m benchmarks.bench_team --docs 300 --repeat 5 [--json results.json]

Starts a throw-away PostgreSQL server (``tests/pg_server.py``), imports the synthetic corpus (``benchmarks.corpus``,
three annotators) into two databases (not timed), runs ``team init`` on one of them and gives each annotator a
login there, then times, ``--repeat`` times each, in both databases:

- an annotator's edit: ``add_span`` then ``remove_span`` on their own layer (per edit; a window's every key);
- an annotator's read: their own layer of 50 documents, one ``layer`` call each (per document);
- an annotator's ``stats``;
- a lead's export of every layer (``export_records(layer="all")``, consumed);
- raw baseline: ``SELECT count(*), sum(length(label)) FROM spans`` through psycopg, as the superuser (no rules),
  as the lead's and as an annotator's login (with them).

Without the rules the Store connects as the owner and names the annotator (``user=``), as before ``team init``.
Both projects are built first; then each operation runs in turns in one and the other, so that both meet the same
load of a shared machine. The figures are medians.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from sqlalchemy import create_engine, text

from annotator.model import Role
from benchmarks.on_a_server import Figures, corpus_records, main_on_a_server, medians, timed_ms

ANNOTATOR, LEAD = "ann_02", "bench_lead"


def _project(server: str, name: str, docs: int, *, team: bool) -> Callable[[str], str]:
    from db import team as teams
    from db.store import Store

    owner = f"{name}_owner"
    with create_engine(server, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'CREATE ROLE "{owner}" LOGIN CREATEROLE'))
        connection.execute(text(f'CREATE DATABASE "{name}" OWNER "{owner}"'))
    url = lambda login: server.replace("postgres@/postgres?", f"{login}@/{name}?")  # noqa: E731
    with Store.open(url(owner)) as store:
        store.import_records(corpus_records(docs), source="corpus")
        if team:
            teams.set_up(store.engine)
            teams.add(store.engine, LEAD, Role.LEAD)
            for person in ("ann_01", "ann_02", "ann_03"):
                teams.add(store.engine, person, Role.ANNOTATOR)
    return url if team else (lambda _login: url(owner))


def _raw(url: str) -> Callable[[], object]:
    engine = create_engine(url)

    def count() -> object:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*), sum(length(label)) FROM spans")).one()

    return count


def _work(url: Callable[[str], str], raw_urls: dict[str, str], team: bool) -> dict[str, Callable[[], float]]:
    """Each measured operation of one project, as a function that runs it once and gives its time."""
    from db.store import Store

    annotator = Store.open(url(ANNOTATOR), user=ANNOTATOR)
    lead = Store.open(url(LEAD), user=LEAD)
    if not team:
        lead.add_annotator(LEAD, Role.LEAD)
    doc_ids = [d.doc_id for d in annotator.documents(limit=50)]

    def edit() -> None:
        for _ in range(20):
            span = annotator.add_span(doc_ids[0], ANNOTATOR, 0, 5, "CUE").added[0]
            annotator.remove_span(doc_ids[0], ANNOTATOR, span.key)

    operations: dict[str, Callable[[], float]] = {
        "edit (ms)": lambda: timed_ms(edit, per=40),
        "read own layer (ms)": lambda: timed_ms(lambda: [annotator.layer(d, ANNOTATOR) for d in doc_ids], len(doc_ids)),
        "stats (ms)": lambda: timed_ms(annotator.stats),
        "lead's export of all (ms)": lambda: timed_ms(lambda: sum(1 for _ in lead.export_records())),
    }
    for what, raw_url in raw_urls.items():
        operations[what] = _timer(_raw(raw_url))
    return operations


def _timer(action: Callable[[], object]) -> Callable[[], float]:
    return lambda: timed_ms(action)


def measure(server: str, docs: int, repeat: int) -> Figures:
    """Both projects built first, then each operation timed in turns, one project after the other, so that both
    meet the same load of a shared machine; the medians."""
    cases = {}
    for case, team in (("without rules", False), ("with rules", True)):
        database = "bench_team" if team else "bench_plain"
        url = _project(server, database, docs, team=team)
        raw = {"raw, superuser (ms)": server.replace("/postgres?", f"/{database}?")}
        if team:
            raw |= {"raw, lead's login (ms)": url(LEAD), "raw, annotator's login (ms)": url(ANNOTATOR)}
        cases[case] = _work(url, raw, team)
    times: dict[str, dict[str, list[float]]] = {case: {what: [] for what in ops} for case, ops in cases.items()}
    for round_ in range(repeat + 1):  # the first round is not counted: caches and connections
        for case, operations in cases.items():
            for what, operation in operations.items():
                taken = operation()
                if round_:
                    times[case][what].append(taken)
    return medians(times)


def main(argv: list[str] | None = None) -> int:
    return main_on_a_server(argv, "bench_team", __doc__, measure, docs=300, repeat=5, width=32)


if __name__ == "__main__":
    sys.exit(main())
