"""The gold layer's status: what the review's "gold done" stores, checked like every change to gold."""

from __future__ import annotations

from typing import Any

import pytest

from annotator.errors import DataError, GoldChanged, PermissionDenied
from annotator.formats.native import parse_record
from annotator.model import GOLD, Status
from annotator.schema import default_schema
from db.store import Store


def _import(store: Store, records: list[dict[str, Any]]) -> None:
    schema = default_schema()
    store.import_records([(n, parse_record(r, schema)) for n, r in enumerate(records, 1)], source="example")


def _exported_gold(store: Store) -> dict[str, list[str]]:
    return {
        record.document.doc_id: [s.key for s in record.layer.spans]
        for record in store.export_records(layer=GOLD)
        if record.layer is not None
    }


def test_marking_gold_done_is_what_an_export_of_gold_takes(database: str, records: list[dict[str, Any]]) -> None:
    with Store.open(database, user="lena") as lena:
        _import(lena, records)
        adopted = lena.adopt_span("d1", 0, "ann_a", "s1")
        assert lena.gold("d1").layer.status is Status.IN_PROGRESS
        assert _exported_gold(lena) == {}, "gold in progress is not exported by default"
        done = lena.set_gold_status("d1", adopted.version_after, Status.DONE)
        assert (done.status, done.version_after) == ((Status.IN_PROGRESS, Status.DONE), adopted.version_after + 1)
        assert (lena.gold("d1").layer.status, lena.gold("d1").version) == (Status.DONE, done.version_after)
        assert _exported_gold(lena) == {"d1": ["s1"]}
        # Putting the status back (an undo) is one more change, with the version moving on again.
        again = lena.revert(done)
        assert (again.status, again.version_after) == ((Status.DONE, Status.IN_PROGRESS), done.version_after + 1)
        assert _exported_gold(lena) == {}


def test_a_document_without_gold_gets_an_empty_gold_layer_marked_done(
    database: str, records: list[dict[str, Any]]
) -> None:
    with Store.open(database) as store:
        _import(store, records)
        change = store.set_gold_status("d2", 0, "done")
        assert (change.status, change.version_after) == ((Status.TODO, Status.DONE), 1)
        gold = store.gold("d2")
        assert (gold.version, gold.layer.status, gold.layer.spans) == (1, Status.DONE, ())
        assert _exported_gold(store) == {"d2": []}


def test_a_stale_version_a_bad_status_and_an_annotator_are_refused(
    database: str, records: list[dict[str, Any]]
) -> None:
    with Store.open(database, user="lena") as lena:
        _import(lena, records)
        lena.adopt_span("d1", 0, "ann_a", "s1")
        with pytest.raises(GoldChanged, match="changed by lena"):
            lena.set_gold_status("d1", 0, Status.DONE)
        with pytest.raises(DataError, match="unknown status 'finished'"):
            lena.set_gold_status("d1", 1, "finished")
        assert lena.gold("d1").layer.status is Status.IN_PROGRESS
    with Store.open(database, user="ann_a") as annotator, pytest.raises(PermissionDenied, match="only a lead may"):
        annotator.set_gold_status("d1", 1, Status.DONE)
