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
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson
from sqlalchemy import create_engine, text

from annotator.formats.native import parse_record
from annotator.model import Role
from annotator.schema import default_schema
from benchmarks.corpus import generate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

ANNOTATOR, LEAD = "ann_02", "bench_lead"


def _median_ms(action: Callable[[], object], repeat: int, per: int = 1) -> float:
    action()  # untimed: caches and connections
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) / per)
    return statistics.median(times) * 1000


def _project(server: str, name: str, docs: int, *, team: bool) -> Callable[[str], str]:
    from db import team as teams
    from db.store import Store

    owner = f"{name}_owner"
    with create_engine(server, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'CREATE ROLE "{owner}" LOGIN CREATEROLE'))
        connection.execute(text(f'CREATE DATABASE "{name}" OWNER "{owner}"'))
    url = lambda login: server.replace("postgres@/postgres?", f"{login}@/{name}?")  # noqa: E731
    schema = default_schema()
    records = ((n, parse_record(orjson.loads(orjson.dumps(r)), schema)) for n, r in enumerate(generate(docs), 1))
    with Store.open(url(owner)) as store:
        store.import_records(records, source="corpus")
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


def _annotator_work(url: str, repeat: int) -> dict[str, float]:
    from db.store import Store

    figures: dict[str, float] = {}
    with Store.open(url, user=ANNOTATOR) as store:
        doc_ids = [d.doc_id for d in store.documents(limit=50)]

        def edit() -> None:
            for _ in range(20):
                span = store.add_span(doc_ids[0], ANNOTATOR, 0, 5, "CUE").added[0]
                store.remove_span(doc_ids[0], ANNOTATOR, span.key)

        figures["edit (ms)"] = _median_ms(edit, repeat, per=40)
        figures["read own layer (ms)"] = _median_ms(
            lambda: [store.layer(d, ANNOTATOR) for d in doc_ids], repeat, per=len(doc_ids)
        )
        figures["stats (ms)"] = _median_ms(store.stats, repeat)
    return figures


def measure(server: str, docs: int, repeat: int) -> dict[str, dict[str, float]]:
    from db.store import Store

    results: dict[str, dict[str, float]] = {}
    for case, team in (("without rules", False), ("with rules", True)):
        database = "bench_team" if team else "bench_plain"
        url = _project(server, database, docs, team=team)
        figures = _annotator_work(url(ANNOTATOR), repeat)
        with Store.open(url(LEAD), user=LEAD) as lead:
            if not team:
                lead.add_annotator(LEAD, Role.LEAD)
            figures["lead's export of all (ms)"] = _median_ms(lambda: sum(1 for _ in lead.export_records()), repeat)
        raw = {"raw, superuser (ms)": server.replace("/postgres?", f"/{database}?")}
        if team:
            raw |= {"raw, lead's login (ms)": url(LEAD), "raw, annotator's login (ms)": url(ANNOTATOR)}
        for what, raw_url in raw.items():
            figures[what] = _median_ms(_raw(raw_url), repeat)
        results[case] = figures
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_team", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
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
            print(f"  {what:32} {value:10.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
