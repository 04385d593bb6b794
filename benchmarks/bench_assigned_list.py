"""The window's document list with 100,000 documents assigned to 20 annotators: the reads of ``db/listing.py``
before assignments and after, on one SQLite project, in one run.

    python -m benchmarks.bench_assigned_list [--docs 100000] [--repeat 7] [--db /tmp/list.db] [--before REF]

Builds (not timed, kept at ``--db`` for the next run) a project of ``--docs`` short documents, 20 annotators, and
2,000 layers of the annotator under test (a quarter done, a quarter in progress). Then times, as CPU time (and wall
time beside it), the median of ``--repeat`` runs of what the list reads when the window opens and scrolls: the
count, the first page (200 rows), a page halfway down, ``next_document`` and ``progress``:

- before: ``db/listing.py`` as it was at ``--before`` (default: the merge base with main), read by ``git show``
  and mixed into today's Store, on the project without assignments;
- after, without assignments (mode all: what a project that assigns nothing pays now);
- after, every document assigned (``--overlap 0.2`` to 20 annotators; the plan's own time is printed too), mode
  ``first`` and mode ``only``, as the annotator, and as the lead (whose list names who has each document);
- raw baseline: the first page and the page halfway down as plain ``sqlite3`` queries (documents and the
  annotator's layers, no span count), with the same pragmas.
"""

from __future__ import annotations

import argparse
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


def _median(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    cpu, wall = [], []
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        action()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return statistics.median(cpu) * 1000, statistics.median(wall) * 1000


def _reads(store: Store, docs: int) -> dict[str, Callable[[], object]]:
    halfway = store.document_entry_count(ME) // 2  # of the list as this reader sees it
    return {
        "count": lambda: store.document_entry_count(ME),
        "first page": lambda: store.document_entries(ME, offset=0, limit=PAGE),
        "page halfway": lambda: store.document_entries(ME, offset=halfway, limit=PAGE),
        "next_document": lambda: store.next_document(ME, after=f"doc-{docs // 3:06d}"),
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
    rows: list[tuple[str, str, float, float]] = []

    def measure(state: str, reads: dict[str, Callable[[], object]]) -> None:
        for name, action in reads.items():
            action()  # warm: the first call reads pages into the cache
            cpu, wall = _median(action, options.repeat)
            rows.append((state, name, cpu, wall))

    measure("raw sqlite3 baseline", _raw(options.db, options.docs))
    old = _old_listing(ref)
    methods = ("document_entries", "document_entry_count", "progress", "next_document", "_filtered")
    before = type("StoreBefore", (Store,), {name: old.__dict__[name] for name in methods})
    with before.open(options.db, user=ME) as store:
        measure(f"before ({ref[:7]}), nothing assigned", _reads(store, options.docs))
    with Store.open(options.db, user=ME) as store:
        measure("after, nothing assigned (mode all)", _reads(store, options.docs))
    with Store.open(options.db, user=LEAD) as lead:
        start = time.perf_counter()
        planned = lead.assign(ANNOTATORS, Share(overlap=0.2), seed=1)
        print(f"assigned {len(planned):,} documents to 20 annotators in {time.perf_counter() - start:.1f} s")
    for mode in (Mode.FIRST, Mode.ONLY):
        with Store.open(options.db, user=LEAD) as lead:
            lead.set_assignment_mode(mode)
        with Store.open(options.db, user=ME) as store:
            measure(f"after, all assigned, mode {mode.value}, annotator", _reads(store, options.docs))
    with Store.open(options.db, user=LEAD) as store:
        measure("after, all assigned, mode only, lead (names who has each)", _reads(store, options.docs))
    print(f"{'state':58} {'read':14} {'CPU ms':>8} {'wall ms':>8}")
    for state, name, cpu, wall in rows:
        print(f"{state:58} {name:14} {cpu:8.2f} {wall:8.2f}")


if __name__ == "__main__":
    main()
