"""A long import does not keep the others waiting: while one is under way (held open half-written here), another
person opens the project, reads its figures and (on PostgreSQL) makes edits at once; the import's documents show
only once it is committed, all of them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from annotator.model import Document, Layer, LayerRecord, Span, Status
from db.bulk_import import BATCH, Numbered
from db.store import Store

HELD = 5.0
"""How long the import is held open half-written: what anyone waiting behind it would wait."""


def records(count: int, halfway: threading.Event, go_on: threading.Event) -> Iterator[Numbered]:
    for n in range(count):
        if n == count // 2:
            halfway.set()  # the first batches are written, in the import's open transaction
            go_on.wait(HELD)
        text = f"Document {n}: the minister said that the talks went well."
        layer = Layer(f"d{n}", "importer", Status.DONE, spans=(Span("s1", 0, 8, "CLAIM", {}),))
        yield n + 1, LayerRecord(Document(f"d{n}", text, f"title {n}"), layer)


@pytest.fixture
def project(database: str) -> str:
    with Store.open(database) as store:
        store.add_annotator("lena", role="lead")  # type: ignore[arg-type]
        store.add_annotator("bea")
        store.import_records(
            [(1, LayerRecord(Document("old", "An old article, already stored."), None))], source="first.jsonl"
        )
    return database


def test_opening_reading_and_editing_go_on_during_an_import(project: str) -> None:
    halfway, go_on = threading.Event(), threading.Event()
    count = 4 * BATCH
    outcome: list[object] = []

    def run_import() -> None:
        with Store.open(project) as importer:
            try:
                outcome.append(importer.import_records(records(count, halfway, go_on), source="big.jsonl"))
            except Exception as error:  # the test reports it below
                outcome.append(error)

    worker = threading.Thread(target=run_import)
    worker.start()
    try:
        assert halfway.wait(30)
        time.sleep(0.2)  # the import's batches are on their way into its transaction
        began = time.perf_counter()
        with Store.open(project, user="bea") as bea:  # opening: no write for a registered person
            figures = bea.stats()
            assert figures["documents"] == 1  # the half-written import is not seen
            if not project.startswith("postgresql"):
                waited = time.perf_counter() - began
            else:  # PostgreSQL: an edit goes through too (SQLite's writers take turns; see test_chunked_import)
                change = bea.add_span("old", "bea", 0, 2, "CLAIM", {})
                assert change.added
                waited = time.perf_counter() - began
        assert not go_on.is_set() and waited < HELD, f"waited {waited:.1f} s behind the import"
    finally:
        go_on.set()
        worker.join(60)
    (report,) = outcome
    assert not isinstance(report, Exception), report
    with Store.open(project) as store:
        assert store.document_count() == count + 1
