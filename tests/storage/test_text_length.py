"""Every change checks its spans against the length of the document's text, which the Store counts once per text
(by the text's hash) instead of at every change."""

from __future__ import annotations

import pytest

from annotator.errors import DataError
from annotator.model import Document, LayerRecord
from db.store import Store

TEXT = "Leaders 👩\u200d👩\u200d👧 meet 🇦🇿 and agree."  # code points, not UTF-8 bytes nor UTF-16 units


@pytest.fixture
def store(database: str):  # type: ignore[no-untyped-def]
    with Store.open(database) as opened:
        opened.add_annotator("ann")
        documents = [(1, LayerRecord(Document("a", TEXT, "A"), None))]
        documents.append((2, LayerRecord(Document("b", TEXT + " More.", "B"), None)))
        opened.import_records(documents, source="test")
        yield opened


def test_the_end_of_the_text_is_the_limit_each_time_and_for_each_text(store: Store) -> None:
    for _ in range(2):  # the second time, the length is the one remembered
        with pytest.raises(DataError):
            store.add_span("a", "ann", 0, len(TEXT) + 1, "CLAIM")
    assert store.add_span("a", "ann", 0, len(TEXT), "CLAIM").added[0].end == len(TEXT)
    # Another text, another length, though the first one's is remembered.
    assert store.add_span("b", "ann", 0, len(TEXT) + 6, "CLAIM").added[0].end == len(TEXT) + 6
    with pytest.raises(DataError):
        store.add_span("b", "ann", 0, len(TEXT) + 7, "CLAIM")
