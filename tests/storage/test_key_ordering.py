"""Keys put in ``key_order`` a batch at a time (a long layer's relations, read in parts): the same order as sorting
them all by ``key_order``, whatever keys come."""

from __future__ import annotations

import random

from db.rows import KeyOrdering, key_order


def ordered_in_batches(keys: list[str], batch: int = 7) -> list[str]:
    ordering = KeyOrdering()
    for first in range(0, len(keys), batch):
        ordering.add(keys[first : first + batch])
    return ordering.ordered(keys)


def test_keys_made_here_come_in_the_order_of_their_numbers() -> None:
    keys = [f"r{n}" for n in range(500)]
    random.Random(3).shuffle(keys)
    assert ordered_in_batches(keys) == sorted(keys, key=key_order) == [f"r{n}" for n in range(500)]


def test_any_other_key_orders_them_all_as_key_order_does() -> None:
    for odd in ("r007", "r00", "R5", "T12", "r", "rel3", "r1a", "r\u00b2", "r\u0663"):
        keys = [f"r{n}" for n in (12, 3, 100, 9)] + [odd]
        assert ordered_in_batches(keys, batch=2) == sorted(keys, key=key_order), odd


def test_a_key_added_twice_is_ordered_once() -> None:
    ordering = KeyOrdering()
    ordering.add(["r2", "r10"])
    ordering.add(["r10", "r1"])  # a relation whose ends came in two parts
    assert ordering.ordered(["r2", "r10", "r1"]) == ["r1", "r2", "r10"]


def test_a_dict_is_made_again_in_key_order_a_step_at_a_time() -> None:
    keys = [f"r{n}" for n in range(10)]
    random.Random(5).shuffle(keys)
    ordering = KeyOrdering()
    ordering.add(keys)
    steps = list(ordering.rebuilt({key: key.upper() for key in keys}, step=4))
    assert steps[:-1] == [None, None]  # ten entries, four a step: a None after each step but the last
    assert steps[-1] == {f"r{n}": f"R{n}" for n in range(10)} and list(steps[-1]) == [f"r{n}" for n in range(10)]
