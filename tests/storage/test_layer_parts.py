"""A layer read in two parts, as the window opens a long document: the spans of its first screen, then the rest."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import event

from annotator.errors import PermissionDenied
from annotator.formats.native import parse_record
from annotator.model import Role, Status
from annotator.schema import default_schema
from db.store import Store
from samples import tricky_record


def test_the_two_parts_make_the_whole_layer(store: Store) -> None:
    whole = store.layer("tricky", "ann_01")
    middle = sorted(span.start for span in whole.spans)[len(whole.spans) // 2]

    start = store.layer_start("tricky", "ann_01", before=middle)
    assert start is not None
    assert [span.key for span in start.spans] == [span.key for span in whole.spans if span.start < middle]
    assert 0 < len(start.spans) < len(whole.spans)
    assert (start.status, start.time_spent_ms) == (Status.DONE, 4200)
    assert store.layer_rest(start) == whole  # the rest, the relations, in the stored order


def test_a_layer_changed_between_the_parts_is_not_pieced_together(store: Store) -> None:
    start = store.layer_start("tricky", "ann_01", before=10)
    store.add_span("tricky", "ann_01", 0, 5, "CUE")  # before the first part's end: the first part is stale
    assert store.layer_rest(start) is None

    start = store.layer_start("tricky", "ann_01", before=10)
    store.set_status("tricky", "ann_01", Status.IN_PROGRESS)
    assert store.layer_rest(start) is None


def test_a_replaced_layer_is_not_pieced_together(store: Store) -> None:
    start = store.layer_start("tricky", "ann_01", before=10)
    record = parse_record(tricky_record(), default_schema())
    fewer = replace(record.layer, spans=record.layer.spans[:2], relations=())
    store.import_records([(1, replace(record, layer=fewer))], source="again", replace=True)
    assert store.layer_rest(start) is None
    assert len(store.layer("tricky", "ann_01").spans) == 2


def test_no_layer_yet_gives_none(store: Store) -> None:
    store.add_annotator("newcomer")
    assert store.layer_start("tricky", "newcomer", before=10) is None


def test_the_first_part_of_another_annotators_layer_is_a_leads_to_read(database: str, store: Store) -> None:
    store.add_annotator("lead_one", role=Role.LEAD)
    store.add_annotator("bob")
    with Store.open(database, user="bob") as bob, pytest.raises(PermissionDenied, match="only a lead may read"):
        bob.layer_start("tricky", "ann_01", before=10)
    with Store.open(database, user="lead_one") as lead:
        assert lead.layer_start("tricky", "ann_01", before=10) is not None


def test_a_read_sees_one_moment_though_another_writer_commits_in_its_midst(database: str, store: Store) -> None:
    """The spans and the relations of a layer are two statements: a change committed between them is seen by
    neither, on both backends (on PostgreSQL, reads are REPEATABLE READ)."""
    other = Store.open(database)
    before = store.layer("tricky", "ann_01")
    done: list[bool] = []

    def meanwhile(_connection, _cursor, statement: str, *_args: object) -> None:  # type: ignore[no-untyped-def]
        if not done and "FROM spans" in statement and "relations" not in statement:
            done.append(True)
            added = other.add_span("tricky", "ann_01", 0, 4, "CUE").added[0]
            other.add_relation("tricky", "ann_01", "s6", added.key, "HAS_CUE")

    event.listen(store.engine, "after_cursor_execute", meanwhile)
    try:
        seen = store.layer("tricky", "ann_01")
    finally:
        event.remove(store.engine, "after_cursor_execute", meanwhile)
        other.close()
    assert done
    assert seen == before  # not the new span, and not the relation to it either
    assert len(store.layer("tricky", "ann_01").relations) == len(before.relations) + 1


def read_in_parts(store: Store, start, limit: int):  # type: ignore[no-untyped-def]
    """Every part after ``start``, in order, as the window reads them when idle."""
    parts, part = [], None
    while part is None or not part.done:
        part = store.layer_part(start, part, limit=limit)
        assert part is not None
        parts.append(part)
    return parts


@pytest.mark.parametrize("limit", [1, 2, 3, 100])
def test_the_parts_make_the_whole_layer_and_a_part_holds_about_limit_spans_or_relations(
    store: Store, limit: int
) -> None:
    whole = store.layer("tricky", "ann_01")
    start = store.layer_start("tricky", "ann_01", before=5)
    parts = read_in_parts(store, start, limit)
    spans = list(start.spans) + [span for part in parts for span in part.spans]
    assert sorted(spans, key=lambda s: s.key) == sorted(whole.spans, key=lambda s: s.key)
    assert sorted(r.key for part in parts for r in part.relations) == sorted(r.key for r in whole.relations)
    assert {r.key: r for part in parts for r in part.relations} == {r.key: r for r in whole.relations}
    for part in parts:
        assert not (part.spans and part.relations)  # spans first, then relations
        assert len(part.relations) <= limit
        assert len(part.spans) <= limit or len({span.start for span in part.spans}) == 1  # more: all at one place
    # The spans of a part begin where the part before left off, and are in the stored order.
    assert all(list(part.spans) == sorted(part.spans, key=lambda s: (s.start, s.end, s.label, s.key)) for part in parts)
    froms = [start.rest_from] + [part.spans_from for part in parts if part.spans_from is not None]
    for begin, part in zip(froms, parts, strict=False):
        assert all(span.start >= begin for span in part.spans)


def test_spans_at_one_position_are_never_split_between_parts(store: Store) -> None:
    for label in ("CLAIM", "CUE", "SPEAKER"):  # three more spans at 40, beside nothing else there
        store.add_span("tricky", "ann_01", 40, 44 + len(label), label)
    whole = store.layer("tricky", "ann_01")
    at_40 = {span.key for span in whole.spans if span.start == 40}
    assert len(at_40) == 3
    start = store.layer_start("tricky", "ann_01", before=0)
    for limit in (1, 2, 4):
        parts = read_in_parts(store, start, limit)
        holding = [part for part in parts if at_40 & {span.key for span in part.spans}]
        assert len(holding) == 1 and at_40 <= {span.key for span in holding[0].spans}
        assert sum(len(part.spans) for part in parts) == len(whole.spans)


def test_all_that_is_left_in_one_part_without_a_limit(store: Store) -> None:
    start = store.layer_start("tricky", "ann_01", before=30)
    first = store.layer_part(start, limit=1)
    rest = store.layer_part(start, first, limit=None)
    assert first is not None and rest is not None and rest.done
    assert store.layer_rest(start) == replace(
        store.layer("tricky", "ann_01"),
        spans=start.spans + first.spans + rest.spans,
        relations=rest.relations,
    )


def test_a_layer_changed_between_parts_gives_none(store: Store) -> None:
    start = store.layer_start("tricky", "ann_01", before=5)
    first = store.layer_part(start, limit=1)
    assert first is not None
    store.set_span_attributes("tricky", "ann_01", "s1", {"speaker": "Someone Else"})
    assert store.layer_part(start, first, limit=1) is None
