"""A child process for the reliability tests. It acknowledges each step only after the Store call returned.

    python worker.py edits DB NAME DOCS COUNT ACKS [adds]
        import DOCS (NAME's own layers), then make COUNT edits (0: until killed) of NAME's layers, of every kind
        or only ``adds`` of spans; ACKS is a file, or - for standard output
    python worker.py import DB FILE                  import FILE, telling the bytes read as it goes
    python worker.py pausing DB FILE AT [replace]    import FILE, saying ``paused`` after AT records and waiting
                                                     for a line on standard input before it reads on

It prints ``ready`` once loaded, then waits for a line on standard input before it opens the database, so that a
test can start several at the same moment. Acknowledgements are lines: ``imported D L``, ``span DOC KEY START END``,
``attrs DOC KEY STANCE``, ``removed DOC KEY``, ``status DOC STATUS``; ``progress BYTES`` while importing.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from annotator.errors import DataError
from annotator.formats import read_file
from annotator.model import Status
from db.bulk_import import Numbered
from db.store import Store

STANCES = ("FAVOR", "AGAINST", "NONE")


class _Retries(logging.Handler):
    """Counts the transactions run again after meeting another writer (PostgreSQL)."""

    count = 0

    def emit(self, record: logging.LogRecord) -> None:
        _Retries.count += 1


def edits(db: str, name: str, docs: Path, count: int, acks: TextIO, *, only_adds: bool = False) -> None:
    logging.getLogger("db.conflicts").addHandler(_Retries())
    logging.getLogger("db.conflicts").setLevel(logging.DEBUG)
    with Store.open(db, user=name) as store:
        report = store.import_records(read_file(docs, "native", store.schema), source=str(docs))
        ack(acks, f"imported {report.documents} {report.layers}")
        doc_ids = [record.document.doc_id for _, record in read_file(docs, "native", store.schema)]
        lengths = {doc_id: len(store.document(doc_id).text) for doc_id in doc_ids}
        mine: list[tuple[str, str]] = []
        step = 0
        while count == 0 or step < count:
            doc_id = doc_ids[step % len(doc_ids)]
            if not only_adds and step % 10 == 9 and mine:
                doc_id, key = mine.pop(step % len(mine))
                store.remove_span(doc_id, name, key)
                ack(acks, f"removed {doc_id} {key}")
            elif not only_adds and step % 5 == 4 and mine:
                doc_id, key = mine[-1]
                stance = STANCES[step % 3]
                store.set_span_attributes(doc_id, name, key, {"stance": stance})
                ack(acks, f"attrs {doc_id} {key} {stance}")
            elif not only_adds and step % 25 == 24:
                status = (Status.IN_PROGRESS, Status.DONE)[step % 2]
                store.set_status(doc_id, name, status)
                ack(acks, f"status {doc_id} {status}")
            else:
                start = (step * 7) % (lengths[doc_id] - 5)
                span = store.add_span(doc_id, name, start, start + 5, "CLAIM").added[0]
                mine.append((doc_id, span.key))
                ack(acks, f"span {doc_id} {span.key} {start} {start + 5}")
            step += 1
    ack(acks, f"retries {_Retries.count}")


def import_file(db: str, path: Path) -> None:
    with Store.open(db) as store:
        progress = lambda n: ack(sys.stdout, f"progress {n}")  # noqa: E731
        report = store.import_records(read_file(path, "native", store.schema, progress=progress), source=str(path))
    ack(sys.stdout, f"imported {report.documents} {report.layers}")


def pausing_import(db: str, path: Path, at: int, replace: bool) -> None:
    """An import that stops reading its file half-way, as a slow disk or a slow network would make it."""

    def records(store: Store) -> Iterator[Numbered]:
        for number, record in enumerate(read_file(path, "native", store.schema)):
            if number == at:
                ack(sys.stdout, "paused")
                sys.stdin.readline()
            yield record

    with Store.open(db) as store:
        try:
            report = store.import_records(records(store), source=str(path), replace=replace)
        except DataError as error:
            ack(sys.stdout, f"refused {error}")
            return
    ack(sys.stdout, f"imported {report.documents} {report.layers}")


def ack(stream: TextIO, line: str) -> None:
    stream.write(line + "\n")
    stream.flush()


def main(argv: list[str]) -> None:
    print("ready", flush=True)
    sys.stdin.readline()
    if argv[0] == "edits":
        db, name, docs, count, acks = argv[1:6]
        only_adds = argv[6:] == ["adds"]
        if acks == "-":
            edits(db, name, Path(docs), int(count), sys.stdout, only_adds=only_adds)
        else:
            with open(acks, "a", encoding="utf-8") as stream:
                edits(db, name, Path(docs), int(count), stream, only_adds=only_adds)
    elif argv[0] == "import":
        import_file(argv[1], Path(argv[2]))
    elif argv[0] == "pausing":
        pausing_import(argv[1], Path(argv[2]), int(argv[3]), argv[4:] == ["replace"])
    else:
        raise SystemExit(f"unknown task {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
