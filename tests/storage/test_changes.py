"""Every write of the Store returns one LayerChange; ``apply`` and ``revert`` replay one in a transaction, and refuse
it when the layer has moved on since: on both backends, for an annotator's layer and for gold."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from annotator.change import LayerChange, Reverts, fresh_keys
from annotator.errors import DataError, GoldChanged, LayerChanged, PermissionDenied
from annotator.formats.native import parse_record
from annotator.model import GOLD, Relation, Role, Span, Status
from annotator.schema import default_schema
from db.store import Store
from samples import tricky_record


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    with Store.open(database) as opened:
        opened.import_records([(1, parse_record(tricky_record(), default_schema()))], source="sample")
        opened.add_annotator("bea")
        yield opened


def _place(store: Store, phrase: str) -> tuple[int, int]:
    start = store.document("tricky").text.index(phrase)
    return start, start + len(phrase)


def _held(store: Store, annotator: str = "bea") -> tuple[object, ...]:
    """The layer as stored: spans, relations, status and version."""
    layer, version = store.layer_and_version("tricky", annotator)
    if layer is None:
        return (None, version)
    spans = sorted((s.key, s.start, s.end, s.label, tuple(sorted(s.attrs.items()))) for s in layer.spans)
    return (spans, sorted((r.key, r.head, r.child, r.label) for r in layer.relations), layer.status, version)


def test_every_edit_returns_its_change_and_revert_takes_each_back(store: Store) -> None:
    claim_at, speaker_at = _place(store, "Islamic solidarity"), _place(store, "President")
    changes = [store.add_span("tricky", "bea", *claim_at, "CLAIM", {"stance": "FAVOR"})]
    changes.append(store.add_span("tricky", "bea", *speaker_at, "SPEAKER"))
    changes.append(store.link("tricky", "bea", "s1", "s2", "ATTRIBUTED_TO"))
    changes.append(store.set_span_attributes("tricky", "bea", "s1", {"stance": None, "target": "Islamophobia"}))
    changes.append(store.set_status("tricky", "bea", Status.DONE))
    changes.append(store.remove_relation("tricky", "bea", "r1"))
    changes.append(store.add_relation("tricky", "bea", "s1", "s2", "ATTRIBUTED_TO"))
    changes.append(store.remove_span("tricky", "bea", "s2"))
    assert [(c.version_before, c.version_after) for c in changes] == [(n, n + 1) for n in range(8)]
    assert [c.added[0].key for c in changes[:2]] == ["s1", "s2"]
    assert changes[2].linked == (Relation("r1", "s1", "s2", "ATTRIBUTED_TO"),)
    assert [(b.attrs, a.attrs) for b, a in changes[3].modified] == [({"stance": "FAVOR"}, {"target": "Islamophobia"})]
    assert changes[4].status == (Status.IN_PROGRESS, Status.DONE)
    assert changes[6].linked[0].key == "r1", "one after the highest key stored"
    assert changes[7].unlinked == changes[6].linked, "the relations that went with the span"
    assert "Islamophobia" in store.targets()
    # Undone one by one from the last, as the window's undo stack does: each inverse where the one after left it.
    reverts, version = Reverts(), changes[-1].version_after
    for change in reversed(changes):
        undone = store.apply(reverts.inverse_at(change, version))
        assert (undone.version_before, undone.version_after) == (version, version + 1)
        reverts.reverted(change, undone)
        version = undone.version_after
    layer, _ = store.layer_and_version("tricky", "bea")
    assert layer is not None and (layer.spans, layer.relations, layer.status) == ((), (), Status.IN_PROGRESS)


def test_a_compound_change_is_one_transaction_and_one_undo(store: Store) -> None:
    layer, version = store.layer_and_version("tricky", "ann_01")
    assert layer is not None
    keys = fresh_keys([s.key for s in layer.spans], "s")
    claim = Span(next(keys), *_place(store, "Islamic solidarity"), "CLAIM", {"stance": "AGAINST"})
    speaker = Span(next(keys), *_place(store, "President"), "SPEAKER", {"speaker": "Nobody Registered"})
    statement = LayerChange(
        "tricky",
        "ann_01",
        version,
        version,
        added=(claim, speaker),
        linked=(Relation("", claim.key, speaker.key, "ATTRIBUTED_TO"),),
    )
    done = store.apply(statement)
    assert (done.version_before, done.version_after) == (version, version + 1)
    assert [r.key for r in done.linked] == [next(fresh_keys([r.key for r in layer.relations], "r"))]
    assert "Nobody Registered" in {s.name for s in store.speakers()}
    after = _held(store, "ann_01")
    undone = store.revert(done)
    assert len(store.layer("tricky", "ann_01").spans) == len(layer.spans)  # both spans and the link went, at once
    store.revert(undone)
    assert _held(store, "ann_01")[:3] == after[:3]


def test_a_refused_change_stores_nothing(store: Store) -> None:
    before = _held(store, "ann_01")
    _, version = store.layer_and_version("tricky", "ann_01")
    cue = Span("", *_place(store, "President"), "CUE")
    with pytest.raises(DataError, match="HAS_CUE needs a CLAIM head, but s1 is a SPEAKER"):
        store.apply(
            LayerChange(
                "tricky", "ann_01", version, version, added=(cue,), linked=(Relation("", "s1", "s8", "HAS_CUE"),)
            )
        )
    with pytest.raises(DataError, match="the id 's1' is taken"):
        store.apply(LayerChange("tricky", "ann_01", version, version, added=(Span("s1", 0, 3, "CLAIM"),)))
    with pytest.raises(DataError, match="no span 'zz'"):
        store.apply(LayerChange("tricky", "ann_01", version, version, removed=(Span("zz", 0, 3, "CLAIM"),)))
    assert _held(store, "ann_01") == before


def test_a_change_to_a_layer_that_moved_on_is_refused(database: str, store: Store) -> None:
    tagged = store.add_span("tricky", "bea", *_place(store, "Islamic solidarity"), "CLAIM")
    with Store.open(database) as elsewhere:
        elsewhere.add_span("tricky", "bea", *_place(store, "President"), "SPEAKER")
    before = _held(store)
    with pytest.raises(
        LayerChanged, match=r"^bea's layer of tricky was changed by someone else since you opened it; reload$"
    ):
        store.revert(tagged)
    stale = LayerChange("tricky", "bea", tagged.version_after, tagged.version_after, removed=tagged.added)
    with pytest.raises(LayerChanged):
        store.apply(stale)
    assert _held(store) == before


def test_gold_refuses_a_stale_change_naming_who_moved_it(database: str, store: Store) -> None:
    store.add_annotator("lena", Role.LEAD)
    store.add_annotator("max", Role.LEAD)
    with Store.open(database, user="lena") as lena, Store.open(database, user="max") as max_:
        put = lena.put_gold_spans("tricky", 0, [Span("", *_place(store, "President"), "SPEAKER")])
        assert (put.annotator, put.version_after, [s.key for s in put.added]) == (GOLD, 1, ["s1"])
        max_.set_gold_status("tricky", put.version_after, Status.DONE)
        with pytest.raises(GoldChanged, match=r"^the gold layer of tricky was changed by max since"):
            lena.revert(put)
        again = lena.gold("tricky")
        undone = lena.apply(LayerChange("tricky", GOLD, again.version, again.version, removed=put.added))
        assert lena.gold("tricky").layer.spans == () and undone.version_after == 3
        redone = lena.revert(undone)
        assert [s.key for s in lena.gold("tricky").layer.spans] == ["s1"] and redone.version_after == 4


def test_time_spent_alone_is_no_change_and_keeps_the_version(store: Store) -> None:
    done = store.set_status("tricky", "bea", Status.DONE)
    assert (done.status, done.version_after) == ((Status.TODO, Status.DONE), 1), "a layer made by its status"
    again = store.set_status("tricky", "bea", Status.DONE, add_time_ms=500)
    assert again.empty and (again.version_before, again.version_after) == (1, 1)
    assert store.layer("tricky", "bea").time_spent_ms == 500
    store.revert(done)  # the time spent does not stand in the way of the undo
    assert store.layer("tricky", "bea").status is Status.TODO


def test_only_the_owner_or_a_lead_applies_a_change(database: str, store: Store) -> None:
    _, version = store.layer_and_version("tricky", "ann_01")
    change = LayerChange("tricky", "ann_01", version, version, status=(Status.DONE, Status.TODO))
    with Store.open(database, user="bea") as bea, pytest.raises(PermissionDenied, match="only a lead may change"):
        bea.apply(change)
    with Store.open(database, user="ann_01") as owner:
        assert owner.apply(change).status == (Status.DONE, Status.TODO)


def test_fresh_keys_follow_what_others_stored_and_take_again_the_number_an_undo_freed(
    database: str, store: Store
) -> None:
    claim = _place(store, "Islamic solidarity")
    assert store.add_span("tricky", "bea", *claim, "CLAIM").added[0].key == "s1"
    with Store.open(database) as elsewhere:
        elsewhere.add_span("tricky", "bea", *claim, "CLAIM", key="s7")
    assert store.add_span("tricky", "bea", *claim, "CLAIM").added[0].key == "s8"
    store.revert(store.add_span("tricky", "bea", *claim, "CLAIM"))  # s9, undone
    assert store.add_span("tricky", "bea", *claim, "CLAIM").added[0].key == "s9"
    # What a change that fails would have added is not remembered (numbers are remembered once a change is
    # committed): the next fresh key is the one it would have taken.
    _, version = store.layer_and_version("tricky", "bea")
    failing = LayerChange(
        "tricky",
        "bea",
        version,
        version,
        added=(Span("", *claim, "SPEAKER"),),
        linked=(Relation("", "s9", "s404", "ATTRIBUTED_TO"),),
    )
    with pytest.raises(DataError, match="no span 's404'"):
        store.apply(failing)
    assert store.add_span("tricky", "bea", *claim, "SPEAKER").added[0].key == "s10"
