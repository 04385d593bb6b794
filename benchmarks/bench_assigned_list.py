"""The window's document list with 100,000 documents assigned to 20 annotators: the reads of ``db/listing.py``
before assignments and after, on one SQLite project, in one run.

    python -m benchmarks.bench_assigned_list [--docs 100000] [--repeat 7] [--db /tmp/list.db] [--before REF]

Builds (not timed, kept at ``--db`` for the next run) a project of ``--docs`` short documents, 20 annotators, and
2,000 layers of the annotator under test (a quarter done, a quarter in progress), and two copies of it with every
document assigned (mode ``first``, mode ``only``). Then times, as CPU time (and wall time beside it), the median of
``--repeat`` rounds of what the list reads when the window opens and scrolls: the count, the first page (200 rows),
a page halfway down the list as its reader sees it, ``next_document`` and ``progress``; each round runs every
state in turn, so that all meet the same load of a shared machine:

- before: ``db/listing.py`` as it was at ``--before`` (default: the merge base with main), read by ``git show``
  and its methods put on today's Store, on the project without assignments;
- after, without assignments (mode all: what a project that assigns nothing pays now);
- after, every document assigned (``--overlap 0.2`` to 20 annotators; the plan's own time is printed too), mode
  ``first`` and mode ``only``, as the annotator, and as the lead (whose list names who has each document);
- raw baseline: the first page and the page halfway down as plain ``sqlite3`` queries (documents and the
  annotator's layers, no span count), with the same pragmas.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import time
import types
from collections.abc import Callable
from pathlib import Path

from annotator.assignment import Mode, Share
from annotator.model import Document, Layer, LayerRecord, Role, Status
from db.store import Store

ANNOTATORS = [f"ann_{n:02d}" for n in range(20)]
ME, LEAD = ANNOTATORS[3], "lead"
PAGE = 200
REPO = Path(__file__).resolve().parents[1]


def _build(path: Path, docs: int) -> None:
    with Store.open(path, user=LEAD) as store:
        for name in ANNOTATORS:
            store.add_annotator(name, Role.ANNOTATOR)
        statuses = [Status.DONE, Status.IN_PROGRESS, Status.TODO, Status.TODO]

        def records():  # type: ignore[no-untyped-def]
            for n in range(docs):
                text = f"Document {n}. " + "Someone said something about the matter. " * (3 + n % 17)
                layer = Layer(f"doc-{n:06d}", ME, statuses[n % 4]) if n % (docs // 2000 or 1) == 0 else None
                yield n + 1, LayerRecord(Document(f"doc-{n:06d}", text, f"Title {n}"), layer)

        store.import_records(records(), source="bench")


def _old_listing(ref: str) -> type:
    source = subprocess.run(["git", "show", f"{ref}:db/listing.py"], cwd=REPO, capture_output=True, text=True)
    module = types.ModuleType("listing_before")
    exec(compile(source.stdout, "listing_before.py", "exec"), module.__dict__)  # our own file, at a ref
    return module.Listing  # type: ignore[no-any-return]


def _timed(action: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    action()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def _reads(store: Store) -> dict[str, Callable[[], object]]:
    halfway = store.document_entry_count(ME) // 2  # of the list as this reader sees it
    return {
        "count": lambda: store.document_entry_count(ME),
        "first page": lambda: store.document_entries(ME, offset=0, limit=PAGE),
        "page halfway": lambda: store.document_entries(ME, offset=halfway, limit=PAGE),
        "next_document": lambda: store.next_document(ME, after=f"doc-{store.document_count() // 3:06d}"),
        "progress": lambda: store.progress(ME),
    }


def _raw(path: Path, docs: int) -> dict[str, Callable[[], object]]:
    connection = sqlite3.connect(path)
    for pragma in ("PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL"):
        connection.execute(pragma)
    me = connection.execute("SELECT id FROM annotators WHERE name = ?", (ME,)).fetchone()[0]
    page = (
        "SELECT d.id, d.doc_id, d.title, l.status FROM documents d LEFT JOIN layers l"
        " ON l.document_id = d.id AND l.annotator_id = ? ORDER BY d.id LIMIT ? OFFSET ?"
    )
    return {
        "first page": lambda: connection.execute(page, (me, PAGE, 0)).fetchall(),
        "page halfway": lambda: connection.execute(page, (me, PAGE, docs // 2)).fetchall(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench_assigned_list.db"))
    parser.add_argument("--before", default=None, help="the git ref of the listing before (default: merge base)")
    options = parser.parse_args()
    ref = options.before
    if ref is None:
        found = subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=REPO, capture_output=True, text=True)
        ref = found.stdout.strip() or "HEAD"
    if not options.db.exists():
        start = time.perf_counter()
        _build(options.db, options.docs)
        print(f"built {options.docs:,} documents in {time.perf_counter() - start:.1f} s (not timed below)")
    with Store.open(options.db, user=LEAD) as lead:
        lead.unassign(annotators=ANNOTATORS)
        lead.set_assignment_mode(Mode.ALL)
    first, only = (options.db.with_suffix(f".{mode.value}.db") for mode in (Mode.FIRST, Mode.ONLY))
    _copy(options.db, first)
    with Store.open(first, user=LEAD) as lead:
        start = time.perf_counter()
        planned = lead.assign(ANNOTATORS, Share(overlap=0.2), seed=1)
        print(f"assigned {len(planned):,} documents to 20 annotators in {time.perf_counter() - start:.1f} s")
        lead.set_assignment_mode(Mode.FIRST)
    _copy(first, only)
    with Store.open(only, user=LEAD) as lead:
        lead.set_assignment_mode(Mode.ONLY)
    old = _old_listing(ref)
    methods = ("document_entries", "document_entry_count", "progress", "next_document", "_filtered")
    before = type("StoreBefore", (Store,), {name: old.__dict__[name] for name in methods})
    stores = [
        before.open(options.db, user=ME),
        Store.open(options.db, user=ME),
        Store.open(first, user=ME),
        Store.open(only, user=ME),
        Store.open(only, user=LEAD),
    ]
    states = {
        "raw sqlite3 baseline": _raw(options.db, options.docs),
        f"before ({ref[:7]}), nothing assigned": _reads(stores[0]),
        "after, nothing assigned (mode all)": _reads(stores[1]),
        "after, all assigned, mode first, annotator": _reads(stores[2]),
        "after, all assigned, mode only, annotator": _reads(stores[3]),
        "after, all assigned, mode only, lead (names who has each)": _reads(stores[4]),
    }
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for round_ in range(options.repeat + 1):  # round 0 warms the caches and is not counted
        for state, reads in states.items():  # in turns, so that every state meets the same load of the machine
            for name, action in reads.items():
                timed = _timed(action)
                if round_:
                    times.setdefault((state, name), []).append(timed)
    for store in stores:
        store.close()
    print(f"{'state':58} {'read':14} {'CPU ms':>8} {'wall ms':>8}   (medians of {options.repeat} rounds)")
    for (state, name), figures in times.items():
        cpu = statistics.median(c for c, _w in figures)
        wall = statistics.median(w for _c, w in figures)
        print(f"{state:58} {name:14} {cpu:8.2f} {wall:8.2f}")


def _copy(source: Path, target: Path) -> None:
    """The project copied whole (its write-ahead log folded in first), for a state of its own."""
    with sqlite3.connect(source) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)


if __name__ == "__main__":
    main()
