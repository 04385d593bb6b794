"""Starting the worker processes of the reliability tests, and reading back what they acknowledged."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import orjson

from db.engine import database_url, sqlite_path
from db.store import Store

WORKER = Path(__file__).with_name("worker.py")
HEAVY = os.environ.get("ANNOTATOR_RELIABILITY") == "heavy"
"""``ANNOTATOR_RELIABILITY=heavy`` runs the larger variants (see docs/RELIABILITY.md)."""

TEXT = (
    "The minister said on Monday that the talks would go on. Critics answered that nothing had changed, "
    "and the opposition leader called the plan a mistake. "
) * 3


def start(*args: str) -> subprocess.Popen[str]:
    """A worker, loaded and waiting (it said ``ready``); ``go`` sets it off."""
    process = subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    line = process.stdout.readline()  # type: ignore[union-attr]
    assert line == "ready\n", process.stderr.read()  # type: ignore[union-attr]
    return process


def go(process: subprocess.Popen[str]) -> None:
    process.stdin.write("go\n")  # type: ignore[union-attr]
    process.stdin.flush()  # type: ignore[union-attr]


def documents_file(path: Path, annotator: str | None, doc_ids: Iterable[str], bare: Iterable[str] = ()) -> Path:
    """Native JSONL: the same documents for everyone, each with ``annotator``'s layer holding the span ``s1``, and
    the ``bare`` documents without a layer."""
    lines = []
    for doc_id in [*doc_ids, *bare]:
        record = {"doc_id": doc_id, "text": TEXT, "meta": {"title": doc_id}}
        if annotator is not None and doc_id not in bare:
            span = {"id": "s1", "start": 4, "end": 12, "label": "CLAIM", "text": TEXT[4:12]}
            record |= {"annotator": annotator, "status": "in_progress", "spans": [span], "relations": []}
        lines.append(orjson.dumps(record) + b"\n")
    path.write_bytes(b"".join(lines))
    return path


Spans = dict[tuple[str, str], tuple[int, int, str | None]]
"""(document, span key) -> (start, end, stance)"""


def replay(lines: Iterable[str], doc_ids: Iterable[str]) -> tuple[Spans, dict[str, str]]:
    """The spans and statuses of one annotator's layers that the acknowledged edits add up to."""
    spans: Spans = {(doc_id, "s1"): (4, 12, None) for doc_id in doc_ids}
    statuses: dict[str, str] = {}
    for line in lines:
        kind, *rest = line.split()
        if kind == "span":
            doc_id, key, begin, end = rest
            spans[(doc_id, key)] = (int(begin), int(end), None)
        elif kind == "attrs":
            doc_id, key, stance = rest
            spans[(doc_id, key)] = (*spans[(doc_id, key)][:2], stance)
        elif kind == "removed":
            del spans[(rest[0], rest[1])]
        elif kind == "status":
            statuses[rest[0]] = rest[1]
    return spans, statuses


def stored(db: str, annotator: str, doc_ids: Iterable[str]) -> tuple[Spans, dict[str, str]]:
    """The spans and statuses of ``annotator``'s layers as the database holds them."""
    spans: Spans = {}
    statuses: dict[str, str] = {}
    with Store.open(db) as store:
        for doc_id in doc_ids:
            layer = store.layer(doc_id, annotator)
            assert layer is not None, f"{annotator}'s layer of {doc_id} is gone"
            statuses[doc_id] = str(layer.status)
            for span in layer.spans:
                spans[(doc_id, span.key)] = (span.start, span.end, span.attrs.get("stance"))
    return spans, statuses


def integrity(db: str) -> None:
    """On SQLite, the file passes ``PRAGMA integrity_check`` and the foreign keys hold."""
    path = sqlite_path(database_url(db))
    if path is None:
        return
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
