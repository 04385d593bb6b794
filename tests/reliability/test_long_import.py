"""A long import beside the others (docs/RELIABILITY.md, "A long import"): while a large file is half imported
(its importer, another process, held in the middle of its file), annotators' edits go through and every reader sees
the project without it; at its end the whole file shows at once. A killed import, a bad record at a large file's
end and two imports of the same document leave nothing half-stored."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import orjson
import pytest
from children import TEXT, go, integrity, start

from annotator.errors import DataError
from annotator.formats import read_file
from db.engine import database_url, sqlite_path
from db.import_runs import FIRST
from db.store import Store

RECORDS = 20 * FIRST
"""A file of many batches: written in several transactions on SQLite."""
PAUSE_AT = RECORDS // 2


def write_file(path: Path, doc_ids: list[str], *, annotator: str = "imp", text: str = TEXT) -> Path:
    """Native JSONL: each document with ``annotator``'s done layer of one claim."""
    with path.open("wb") as stream:
        for doc_id in doc_ids:
            span = {"id": "s1", "start": 4, "end": 12, "label": "CLAIM", "text": text[4:12]}
            record = {"doc_id": doc_id, "text": text, "meta": {"title": doc_id}, "annotator": annotator}
            record |= {"status": "done", "spans": [span], "relations": []}
            stream.write(orjson.dumps(record) + b"\n")
    return path


def layer_line(doc_id: str, annotator: str, start: int) -> bytes:
    span = {"id": "s1", "start": start, "end": start + 8, "label": "CLAIM", "text": TEXT[start : start + 8]}
    record = {"doc_id": doc_id, "text": TEXT, "meta": {"title": doc_id}, "annotator": annotator}
    return orjson.dumps(record | {"status": "done", "spans": [span], "relations": []}) + b"\n"


@pytest.fixture
def project(database: str) -> str:
    """Two stored documents: ``old``, which bea edits, and ``kept``, with a layer of carl's the file replaces."""
    with Store.open(database) as store:
        store.add_annotator("lena", role="lead")  # type: ignore[arg-type]
        store.add_annotator("bea")
        store.add_annotator("carl")
        records = list(
            read_file(
                write_file(Path(_folder(database)) / "old.jsonl", ["old", "kept"], annotator="carl"),
                "native",
                store.schema,
            )
        )
        store.import_records(records, source="old.jsonl")
    return database


def _folder(database: str) -> str:
    path = sqlite_path(database_url(database))
    return str(path.parent) if path is not None else "/tmp"


def paused(database: str, path: Path, *, replace: bool = False) -> subprocess.Popen[str]:
    """An importer of ``path`` held in the middle of it (it said ``paused``); a line on its input lets it go on."""
    worker = start("pausing", database, str(path), str(PAUSE_AT), *(["replace"] if replace else []))
    go(worker)
    line = worker.stdout.readline()  # type: ignore[union-attr]
    assert line == "paused\n", line + worker.stderr.read()  # type: ignore[union-attr]
    return worker


def finish(worker: subprocess.Popen[str]) -> str:
    output, errors = worker.communicate("go on\n", timeout=300)
    assert worker.returncode == 0, errors
    return output.splitlines()[-1]


def raw_counts(database: str) -> dict[str, int]:
    """Rows of each table as SQLite holds them, hidden ones included."""
    path = sqlite_path(database_url(database))
    assert path is not None
    tables = ("documents", "layers", "spans", "annotators", "imports", "import_documents", "import_layers")
    with sqlite3.connect(path) as connection:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}


def seen(store: Store) -> tuple[Any, ...]:
    """What the readers see: documents counted and listed, the window's list, exported records, annotators, the
    layers agreement reads."""
    figures = store.stats()
    entries = [entry.doc_id for entry in store.document_entries("bea")]
    exported = [f"{r.document.doc_id}/{r.layer.annotator}" for r in store.export_records() if r.layer]
    return (
        figures["documents"],
        [d.doc_id for d in store.documents()],
        entries,
        len(exported),
        sorted(figures["annotators"]),
        [(d.doc_id, sorted(d.layers)) for d in store.agreement_layers()],
    )


def test_edits_and_readers_go_on_during_a_long_import_which_shows_whole_at_its_end(
    project: str, tmp_path: Path
) -> None:
    doc_ids = [f"d{n}" for n in range(RECORDS)]
    source = write_file(tmp_path / "big.jsonl", doc_ids)
    with source.open("ab") as stream:  # a layer of an existing document, and one replacing carl's of another
        stream.write(layer_line("old", "dan", 20) + layer_line("kept", "carl", 30))
    before = Store.open(project)
    with before:
        carl_before = before.layer("kept", "carl")
        seen_before = seen(before)
    worker = paused(project, source, replace=True)
    try:
        waits = []
        with Store.open(project, user="bea") as bea, Store.open(project) as lead:
            for n in range(5):
                began = time.perf_counter()
                assert bea.add_span("old", "bea", n * 10, n * 10 + 5, "CLAIM", {}).added
                waits.append(time.perf_counter() - began)
            assert seen(lead) == seen_before  # the half-imported file: nowhere
            assert lead.layer("old", "dan") is None
            assert lead.layer("kept", "carl") == carl_before
            with pytest.raises(DataError, match="no document 'd5'"):
                lead.document("d5")
            assert "imp" not in [a.name for a in lead.annotators()]
        print(f"edits during the import took {', '.join(f'{w * 1000:.0f} ms' for w in waits)}")
    finally:
        last = finish(worker)
    assert last == f"imported {RECORDS} {RECORDS + 2}"
    with Store.open(project) as store:
        documents, listed, entries, exported, names, agreement = seen(store)
        assert documents == RECORDS + 2 and listed == ["old", "kept", *doc_ids] and entries == listed
        assert exported == RECORDS + 2 + 1  # imp's, carl's two (one replaced), dan's; bea's is not done
        assert {"imp", "dan"} <= set(names)
        assert ("old", ["carl", "dan"]) in agreement and ("d7", ["imp"]) in agreement
        assert store.layer("old", "dan") is not None
        replaced = store.layer("kept", "carl")
        assert replaced is not None and [s.start for s in replaced.spans] == [30]
        assert len(store.layer("old", "bea").spans) == 5  # type: ignore[union-attr]
    integrity(project)


def test_a_killed_import_shows_nothing_and_is_cleaned_at_the_next_opening(tmp_path: Path) -> None:
    database = str(tmp_path / "p.db")
    Store.open(database).close()
    source = write_file(tmp_path / "big.jsonl", [f"d{n}" for n in range(RECORDS)])
    worker = paused(database, source)
    with Store.open(database, upgrade=False, read_only=True) as reader:  # opened for reading: cleans nothing
        assert reader.document_count() == 0 and reader.annotators() == []
    hidden = raw_counts(database)
    assert FIRST <= hidden["documents"] <= PAUSE_AT and hidden["imports"] == 1
    worker.send_signal(signal.SIGKILL)
    assert worker.wait(timeout=60) == -signal.SIGKILL
    assert raw_counts(database) == hidden  # nothing deleted it yet
    with Store.open(database) as store:
        assert store.stats()["documents"] == 0 and store.annotators() == []
    assert set(raw_counts(database).values()) == {0}
    assert list(tmp_path.glob("p.db.import-*")) == []
    integrity(database)


def test_a_bad_record_at_the_end_of_a_large_file_leaves_nothing(database: str, tmp_path: Path) -> None:
    source = write_file(tmp_path / "big.jsonl", [f"d{n}" for n in range(RECORDS)])
    with source.open("ab") as stream:
        span = {"id": "s1", "start": 3, "end": 99, "label": "CLAIM"}  # past the text's end
        stream.write(orjson.dumps({"doc_id": "bad", "text": "Short.", "annotator": "imp", "spans": [span]}) + b"\n")
    with Store.open(database) as store:
        with pytest.raises(DataError) as refused:
            store.import_records(read_file(source, "native", store.schema), source=str(source))
        assert f"big.jsonl:{RECORDS + 1}" in str(refused.value) and "\n" not in str(refused.value)
        assert store.stats()["documents"] == 0 and store.annotators() == []
    if database.startswith("postgresql"):
        return
    assert set(raw_counts(database).values()) == {0}
    integrity(database)


def test_two_imports_of_the_same_document_at_once_one_wins(tmp_path: Path) -> None:
    database = str(tmp_path / "p.db")
    Store.open(database).close()
    first = write_file(tmp_path / "first.jsonl", ["same", *(f"a{n}" for n in range(RECORDS))])
    second = write_file(tmp_path / "second.jsonl", [*(f"b{n}" for n in range(RECORDS)), "same"], text=TEXT.upper())
    worker = paused(database, first)  # "same" is written, hidden
    try:
        with Store.open(database) as store:
            with pytest.raises(DataError) as refused:
                store.import_records(read_file(second, "native", store.schema), source=str(second))
            said = str(refused.value)
            assert said.startswith(f"{second}:{RECORDS + 1}: document 'same' is being imported") and "\n" not in said
            assert store.document_count() == 0
    finally:
        last = finish(worker)
    assert last == f"imported {RECORDS + 1} {RECORDS + 1}"
    with Store.open(database) as store:
        assert store.document("same").text == TEXT
        assert store.document_count() == RECORDS + 1
    assert raw_counts(database)["documents"] == RECORDS + 1


def test_an_edit_of_a_layer_an_import_is_writing_waits_for_it(tmp_path: Path) -> None:
    database = str(tmp_path / "p.db")
    with Store.open(database) as store:
        store.add_annotator("bea")
        store.import_records(
            read_file(write_file(tmp_path / "old.jsonl", ["old"], annotator="carl"), "native", store.schema),
            source="old",
        )
    source = tmp_path / "big.jsonl"
    source.write_bytes(
        layer_line("old", "bea", 4)
        + write_file(tmp_path / "rest.jsonl", [f"d{n}" for n in range(RECORDS)]).read_bytes()
    )
    worker = paused(database, source)
    try:
        with Store.open(database, user="bea") as bea:
            assert bea.layer("old", "bea") is None
            with pytest.raises(Exception, match="busy"):
                bea.add_span("old", "bea", 40, 45, "CLAIM", {})
    finally:
        finish(worker)
    with Store.open(database, user="bea") as bea:
        assert [s.start for s in bea.layer("old", "bea").spans] == [4]  # type: ignore[union-attr]
        assert bea.add_span("old", "bea", 40, 45, "CLAIM", {}).added
