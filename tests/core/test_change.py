"""A change to one layer as a value: its inverse, a copy kept in step with it, new keys, and when an undo is sound."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from annotator.change import LayerChange, Reverts, apply_to, fresh_keys
from annotator.errors import GoldChanged, LayerChanged
from annotator.model import GOLD, Layer, Relation, Span, Status

CLAIM = Span("s1", 0, 9, "CLAIM", {"stance": "FAVOR"})
SPEAKER = Span("s2", 12, 20, "SPEAKER")
CUE = Span("s3", 21, 25, "CUE")
SAID = Relation("r1", "s1", "s2", "ATTRIBUTED_TO")
LAYER = Layer("d1", "ann", Status.IN_PROGRESS, 900, (CLAIM, SPEAKER), (SAID,))


def test_the_inverse_swaps_every_part_and_twice_is_the_change_again() -> None:
    against = Span("s1", 0, 9, "CLAIM", {"stance": "AGAINST"})
    change = LayerChange(
        "d1",
        "ann",
        4,
        5,
        added=(CUE,),
        removed=(SPEAKER,),
        modified=((CLAIM, against),),
        linked=(Relation("r2", "s1", "s3", "HAS_CUE"),),
        unlinked=(SAID,),
        status=(Status.IN_PROGRESS, Status.DONE),
    )
    undo = change.inverse()
    assert (undo.added, undo.removed, undo.modified) == ((SPEAKER,), (CUE,), ((against, CLAIM),))
    assert (undo.linked, undo.unlinked, undo.status) == ((SAID,), change.linked, (Status.DONE, Status.IN_PROGRESS))
    assert (undo.version_before, undo.version_after) == (5, 5), "applied to the layer as the change left it"
    assert undo.inverse() == replace(change, version_before=5)
    assert LayerChange("d1", "ann", 3, 3).empty and not undo.empty


def test_a_copy_follows_a_change_and_back_again_without_reading_the_layer() -> None:
    against = Span("s1", 0, 9, "CLAIM", {"stance": "AGAINST"})
    cue_link = Relation("r2", "s1", "s3", "HAS_CUE")
    change = LayerChange(  # as the Store returns it: the relation that went with the speaker is in ``unlinked``
        "d1",
        "ann",
        4,
        5,
        added=(CUE,),
        removed=(SPEAKER,),
        modified=((CLAIM, against),),
        linked=(cue_link,),
        unlinked=(SAID,),
    )
    after = apply_to(LAYER, change)
    assert after == Layer("d1", "ann", Status.IN_PROGRESS, 900, (against, CUE), (cue_link,))
    back = apply_to(after, change.inverse())
    assert back is not None
    assert (set(map(repr, back.spans)), back.relations) == (set(map(repr, LAYER.spans)), (SAID,))
    # A change makes a layer where there was none: in progress, unless it sets the status.
    first = apply_to(None, LayerChange("d1", GOLD, 0, 1, added=(CLAIM,)))
    assert first == Layer("d1", GOLD, Status.IN_PROGRESS, 0, (CLAIM,), ())
    done = apply_to(None, LayerChange("d1", GOLD, 0, 1, status=(Status.TODO, Status.DONE)))
    assert done == Layer("d1", GOLD, Status.DONE, 0, (), ())
    assert apply_to(None, LayerChange("d1", GOLD, 0, 0)) is None


def test_fresh_keys_follow_the_highest_number_of_their_own_prefix() -> None:
    keys = fresh_keys(["s1", "s10", "s9", "r40", "sx99", "s", "S12"], "s")
    assert [next(keys), next(keys)] == ["s11", "s12"]
    assert next(fresh_keys([], "r")) == "r1"


def _change(before: int, after: int, **parts: Any) -> LayerChange:
    return LayerChange("d1", "ann", before, after, **parts)


def test_an_undo_is_sound_where_the_layer_holds_what_the_change_left() -> None:
    reverts = Reverts()
    tag = _change(1, 2, added=(CLAIM,))
    link = _change(2, 3, linked=(SAID,))
    # Undo the link, then the tag: the layer at 4 holds what it held at 2, so the tag's inverse applies there.
    undone_link = _change(3, 4, unlinked=(SAID,))
    assert reverts.inverse_at(link, 3).version_before == 3
    reverts.reverted(link, undone_link)
    assert reverts.inverse_at(tag, 4) == _change(4, 2, removed=(CLAIM,))
    undone_tag = _change(4, 5, removed=(CLAIM,))
    reverts.reverted(tag, undone_tag)
    # Redo both: each the inverse of what its undo stored.
    redone_tag = _change(5, 6, added=(CLAIM,))
    assert reverts.inverse_at(undone_tag, 5).added == (CLAIM,)
    reverts.reverted(undone_tag, redone_tag)
    assert reverts.inverse_at(undone_link, 6).linked == (SAID,)
    # A version this window never saw (someone else changed the layer meanwhile) is like no other.
    with pytest.raises(LayerChanged, match="ann's layer of d1 was changed by someone else since you opened it"):
        reverts.inverse_at(undone_link, 7)
    with pytest.raises(LayerChanged):
        reverts.inverse_at(link, 4)  # the link is undone already: the layer does not hold what it left
    with pytest.raises(GoldChanged, match="the gold layer of d1"):
        Reverts().inverse_at(LayerChange("d1", GOLD, 1, 2, added=(CLAIM,)), 3)


def test_highest_number_reads_only_the_keys_of_its_prefix() -> None:
    from annotator.change import highest_number

    assert highest_number(["s2", "s10", "r40", "s9", "x", "s", "gold7"], "s") == 10
    assert highest_number(["s2", "r40"], "r") == 40
    assert highest_number([], "s") == highest_number(["r1"], "s") == 0
