"""Killing a writer (SIGKILL: no clean-up, no atexit) in the middle of its work, then opening the database again:
every acknowledged edit is there, a half-done import left nothing, and the SQLite file is sound."""

from __future__ import annotations

import random
import signal
from pathlib import Path

import orjson
from children import HEAVY, documents_file, go, integrity, replay, start, stored

from annotator.formats import read_file
from db.store import Store
from samples import tricky_record

EDIT_KILLS, IMPORT_KILLS = (25, 10) if HEAVY else (5, 3)
IMPORT_RECORDS = 20_000 if HEAVY else 2_000
DOCUMENTS = ["first", "second"]


def test_killing_an_editor_loses_no_acknowledged_edit(database: str, tmp_path: Path) -> None:
    layers = documents_file(tmp_path / "layers.jsonl", "bea", DOCUMENTS)
    with Store.open(database) as store:
        store.import_records(read_file(layers, "native", store.schema), source="layers.jsonl")
    docs = documents_file(tmp_path / "docs.jsonl", None, DOCUMENTS)  # what the editor imports: already there
    chance = random.Random(6)
    acked: list[str] = []
    for kill in range(EDIT_KILLS):
        worker = start("edits", database, "bea", str(docs), "0", "-", "adds")
        go(worker)
        lines = [worker.stdout.readline().strip()]  # type: ignore[union-attr]
        assert lines[0].startswith("imported "), worker.stderr.read()  # type: ignore[union-attr]
        for _ in range(chance.randint(1, 60)):
            lines.append(worker.stdout.readline().strip())  # type: ignore[union-attr]
        worker.send_signal(signal.SIGKILL)  # while it is in the middle of the next edit, most likely
        lines += worker.stdout.read().splitlines()  # type: ignore[union-attr]  # what it acknowledged before dying
        assert worker.wait(timeout=60) == -signal.SIGKILL
        acked += lines
        integrity(database)
        expected, _ = replay(acked, DOCUMENTS)
        spans, _ = stored(database, "bea", DOCUMENTS)
        assert {key: spans.get(key) for key in expected} == expected, f"after kill {kill + 1}"
        # At most the edit in flight at each kill was stored without being acknowledged.
        assert len(set(spans) - set(expected)) <= kill + 1


def test_killing_a_large_import_leaves_nothing_of_it(database: str, tmp_path: Path) -> None:
    source = tmp_path / "large.jsonl"
    with source.open("wb") as stream:
        for number in range(IMPORT_RECORDS):
            stream.write(orjson.dumps(tricky_record(f"ann_{number % 3}", doc_id=f"d{number}")) + b"\n")
    size = source.stat().st_size
    with Store.open(database) as store:
        store.import_records([], source="nothing")  # the database exists before the first kill
    for kill in range(IMPORT_KILLS):
        worker = start("import", database, str(source))
        go(worker)
        read, target = 0, size * (kill + 1) / (IMPORT_KILLS + 1)
        while read < target:  # the importer tells the bytes it has read; its transaction is open meanwhile
            line = worker.stdout.readline()  # type: ignore[union-attr]
            assert line.startswith("progress "), worker.stderr.read()  # type: ignore[union-attr]
            read += int(line.split()[1])
        worker.send_signal(signal.SIGKILL)
        assert worker.wait(timeout=60) == -signal.SIGKILL
        integrity(database)
        with Store.open(database) as store:
            figures = store.stats()
            assert (figures["documents"], sum(figures["layers"].values()), figures["spans"]) == (0, 0, {})
            assert store.annotators() == []
    worker = start("import", database, str(source))  # and once more to the end: nothing stands in its way
    go(worker)
    output, errors = worker.communicate(timeout=600)
    assert worker.returncode == 0, errors
    assert output.splitlines()[-1] == f"imported {IMPORT_RECORDS} {IMPORT_RECORDS}"
    integrity(database)
    with Store.open(database) as store:
        assert store.document_count() == IMPORT_RECORDS
