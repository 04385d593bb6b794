"""The Store on SQLite: the schema, migrations, single edits, imports and exports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from annotator.errors import DataError, StoreError
from annotator.formats.native import parse_record
from annotator.model import GOLD, Role, Status
from annotator.schema import default_schema
from db import migrate
from db.models import Base
from db.store import Store
from samples import tricky_record


def test_a_new_database_is_migrated_to_head_and_matches_the_models(database: str) -> None:
    with Store.open(database) as store:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []


def test_sqlite_connections_use_wal_foreign_keys_and_full_sync(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.db") as store, store.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2
        assert pragma("busy_timeout") >= 5000


def test_a_new_project_has_the_default_schema_and_its_registry(database: str) -> None:
    with Store.open(database) as store:
        assert store.schema.label_names == ("CLAIM", "SPEAKER", "CUE")
        assert "Ilham Aliyev" in {s.name for s in store.speakers()}
        assert "Islamic solidarity" in store.targets()


def test_a_database_newer_than_the_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"made by a newer version of annotator \(schema 9999"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match=r"cannot open .*notes.db: file is not a database"):
        Store.open(path)
    with pytest.raises(StoreError, match=r"the folder .* does not exist"):
        Store.open(tmp_path / "missing" / "p.db")


def test_the_imported_layer_comes_back_whole(store: Store) -> None:
    layer = store.layer("tricky", "ann_01")
    document = store.document("tricky")
    assert "\r" not in document.text
    assert document.title == "Leaders meet"
    assert document.meta == {"source": "https://example.org/a"}
    assert layer.status is Status.DONE
    assert layer.time_spent_ms == 4200
    by_key = {span.key: span for span in layer.spans}
    assert document.text[by_key["s6"].start : by_key["s6"].end] == "peace.\nAccording"
    assert document.text[by_key["s7"].start : by_key["s7"].end] == "👩‍👩‍👧 meet 🇦🇿"
    assert by_key["s3"].attrs == {"stance": "FAVOR", "target": "Islamic solidarity", "quote_type": "direct"}
    assert [(r.key, r.head, r.child, r.label) for r in layer.relations] == [
        ("r1", "s3", "s1", "ATTRIBUTED_TO"),
        ("r2", "s3", "s2", "HAS_CUE"),
        ("r3", "s6", "s5", "ATTRIBUTED_TO"),
    ]
    assert [span.start for span in layer.spans] == sorted(span.start for span in layer.spans)


def test_importing_the_same_record_again_adds_nothing(store: Store) -> None:
    report = store.import_records([(1, parse_record(tricky_record(), default_schema()))], source="again")
    assert (report.documents, report.layers, report.skipped_layers) == (0, 0, 1)
    assert store.stats()["spans"] == {"CLAIM": 4, "CUE": 1, "SPEAKER": 2}


def test_the_same_document_id_with_other_text_is_an_error_and_stores_nothing(store: Store) -> None:
    other = tricky_record(annotator="ann_02")
    other["text"] = other["text"].replace("peace", "Peace")
    other["spans"] = []
    other["relations"] = []
    with pytest.raises(DataError, match=r"^f.jsonl:7: document 'tricky' is already stored with a different text"):
        store.import_records([(7, parse_record(other, default_schema()))], source="f.jsonl")
    assert store.layer("tricky", "ann_02") is None
    assert store.annotator("ann_02") is None


def test_a_changed_layer_is_refused_unless_replace_is_asked_for(store: Store) -> None:
    changed = tricky_record()
    changed["spans"][3]["stance"] = "AGAINST"
    record = parse_record(changed, default_schema())
    with pytest.raises(DataError, match=r"the ann_01 layer of 'tricky' is already stored and differs.*--replace"):
        store.import_records([(3, record)], source="f.jsonl")
    assert {s.key: s for s in store.layer("tricky", "ann_01").spans}["s4"].attrs == {"stance": "NONE"}
    store.import_records([(3, record)], source="f.jsonl", replace=True)
    assert {s.key: s for s in store.layer("tricky", "ann_01").spans}["s4"].attrs == {"stance": "AGAINST"}


def test_a_bad_record_in_a_batch_rolls_back_the_whole_batch(store: Store) -> None:
    good = tricky_record(annotator="ann_02", doc_id="second")
    bad = tricky_record(annotator="ann_03", doc_id="third")
    bad["relations"].append({"id": "r4", "head": "s4", "child": "s1", "label": "HAS_CUE"})
    schema = default_schema()
    with pytest.raises(DataError, match=r"^x:2: relation r4: HAS_CUE needs a CUE child, but s1 is a SPEAKER"):
        store.import_records([(1, parse_record(good, schema)), (2, parse_record(bad, schema))], source="x")
    assert store.document_count() == 1
    assert store.annotators() == [store.annotator("ann_01")]


def test_single_edits_are_stored_and_can_be_undone(store: Store) -> None:
    store.add_annotator("bea")
    text = store.document("tricky").text
    start = text.index("Islamic")
    added = store.add_span("tricky", "bea", start, start + len("Islamic solidarity"), "CLAIM", {"stance": "FAVOR"})
    span = added.added[0]
    assert (span.key, added.version_before, added.version_after) == ("s1", 0, 1)
    speaker = store.add_span(
        "tricky", "bea", text.index("President"), text.index(" 👍🏽"), "SPEAKER", {"speaker": "Ilham Aliyev"}
    ).added[0]
    relation = store.add_relation("tricky", "bea", span.key, speaker.key, "ATTRIBUTED_TO").linked[0]
    assert relation.key == "r1"
    with pytest.raises(DataError, match="already has 1 ATTRIBUTED_TO"):
        store.add_relation("tricky", "bea", span.key, speaker.key, "ATTRIBUTED_TO")
    changed = store.set_span_attributes("tricky", "bea", span.key, {"stance": "AGAINST", "target": "Islamophobia"})
    assert [(before.attrs, after.attrs) for before, after in changed.modified] == [
        ({"stance": "FAVOR"}, {"stance": "AGAINST", "target": "Islamophobia"})
    ]
    with pytest.raises(DataError, match="'PRO' is not one of FAVOR, AGAINST, NONE"):
        store.set_span_attributes("tricky", "bea", span.key, {"stance": "PRO"})
    removed = store.remove_span("tricky", "bea", speaker.key)
    assert (removed.removed, removed.unlinked) == ((speaker,), (relation,))
    assert [s.key for s in store.layer("tricky", "bea").spans] == ["s1"]
    assert store.layer("tricky", "bea").relations == ()
    # An undo puts back the same span, with the same key, and its relation.
    store.revert(removed)
    assert store.layer("tricky", "bea").relations == (relation,)
    assert speaker in store.layer("tricky", "bea").spans
    store.set_status("tricky", "bea", Status.DONE, add_time_ms=1500)
    layer = store.layer("tricky", "bea")
    assert (layer.status, layer.time_spent_ms) == (Status.DONE, 1500)
    assert store.layer("tricky", "ann_01").spans != layer.spans


def test_edits_are_checked(store: Store) -> None:
    store.add_annotator("bea")
    length = len(store.document("tricky").text)
    with pytest.raises(DataError, match=r"offsets outside the text \(0 <= start < end <= "):
        store.add_span("tricky", "bea", length - 1, length + 1, "CLAIM")
    with pytest.raises(DataError, match="unknown label 'QUOTE'"):
        store.add_span("tricky", "bea", 0, 3, "QUOTE")
    with pytest.raises(DataError, match="no annotator 'nobody'"):
        store.add_span("tricky", "nobody", 0, 3, "CLAIM")
    with pytest.raises(DataError, match="no document 'missing'"):
        store.add_span("missing", "bea", 0, 3, "CLAIM")


def test_annotators_have_roles_and_gold_is_not_a_name(store: Store) -> None:
    store.add_annotator("lena", Role.LEAD)
    store.add_annotator("bea")
    assert store.annotator("lena").role is Role.LEAD
    store.add_annotator("bea", Role.LEAD)
    assert store.annotator("bea").role is Role.LEAD
    with pytest.raises(DataError, match="'gold' names the adjudicated layer"):
        store.add_annotator(GOLD)
    with pytest.raises(DataError, match="non-empty string"):
        store.add_annotator(" bea")


def test_export_filters_by_layer_and_status(store: Store) -> None:
    schema = default_schema()
    store.import_records([(1, parse_record(tricky_record("ann_02", status="in_progress"), schema))], source="f")
    gold = tricky_record(GOLD)
    for item in gold["spans"]:
        item["sources"] = ["ann_01", "ann_02"]
    store.import_records([(1, parse_record(gold, schema))], source="g")
    names = lambda **kw: [r.layer.annotator for r in store.export_records(**kw)]  # noqa: E731
    assert names() == [GOLD, "ann_01"]
    assert names(status="any") == [GOLD, "ann_01", "ann_02"]
    assert names(layer="ann_02") == []
    assert names(layer="ann_02", status="any") == ["ann_02"]
    assert names(layer=GOLD) == [GOLD]
    assert store.layer("tricky", GOLD).spans[0].sources == ("ann_01", "ann_02")
    with pytest.raises(DataError, match="no annotator 'zoe'"):
        list(store.export_records(layer="zoe"))


def test_stats_count_documents_layers_spans_and_people(store: Store) -> None:
    store.add_annotator("lena", Role.LEAD)
    figures = store.stats()
    assert figures["documents"] == 1
    assert figures["layers"] == {"todo": 0, "in_progress": 0, "done": 1}
    assert figures["spans"] == {"CLAIM": 4, "CUE": 1, "SPEAKER": 2}
    assert figures["annotators"]["ann_01"] == {"role": "annotator", "layers": {"done": 1}, "spans": 7, "proposed": 0}
    assert figures["annotators"]["lena"] == {"role": "lead", "layers": {}, "spans": 0, "proposed": 0}


def test_speakers_and_targets_named_by_an_import_join_the_registry(store: Store) -> None:
    schema = default_schema()
    record = tricky_record("ann_02", doc_id="other")
    record["spans"][0]["speaker"] = "Jeyhun Bayramov"
    record["spans"][2]["target"] = "Caspian energy"
    store.import_records([(1, parse_record(record, schema))], source="f")
    assert "Jeyhun Bayramov" in {s.name for s in store.speakers()}
    assert "Caspian energy" in store.targets()
    assert store.add_speaker("Ilham Aliyev", ["Aliyev"]).aliases[-1] == "Aliyev"
    assert store.add_target(" Peace ") == "Peace"


def test_names_too_long_for_the_database_are_refused_alike_on_every_backend(store: Store) -> None:
    schema = default_schema()
    long_id = tricky_record(doc_id="d" * 301)
    with pytest.raises(DataError, match=r"^x:1: a document id must have 1 to 300 characters, not 301$"):
        store.import_records([(1, parse_record(long_id, schema))], source="x")
    long_speaker = tricky_record(doc_id="other")
    long_speaker["spans"][0]["speaker"] = "S" * 201
    with pytest.raises(DataError, match="a speaker's name has 200 characters at most"):
        store.import_records([(1, parse_record(long_speaker, schema))], source="x")
    long_key = tricky_record(doc_id="other")
    long_key["spans"][1]["id"] = "k" * 101
    long_key["relations"][1]["child"] = "k" * 101
    with pytest.raises(DataError, match="a span id must have 1 to 100 characters"):
        store.import_records([(1, parse_record(long_key, schema))], source="x")
    with pytest.raises(DataError, match="200 characters at most"):
        store.add_target("T" * 201)
    assert store.document_count() == 1
