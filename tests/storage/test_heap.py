"""The collector's settings during bulk work: changed while any bulk block is open, put back after the last."""

from __future__ import annotations

import gc
import threading
import weakref

from db.heap import YOUNG_THRESHOLD, frozen_heap, quiet_edit, spare_the_heap


def test_the_collector_is_as_it_was_after_the_block() -> None:
    before = gc.get_threshold()
    with frozen_heap():
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_overlapping_blocks_in_two_threads_put_the_settings_back_once_both_end() -> None:
    before = gc.get_threshold()
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with frozen_heap():
            inside.set()
            leave.wait(10)

    with frozen_heap():
        thread = threading.Thread(target=other)
        thread.start()
        assert inside.wait(10)
    # The first block has ended; the other thread's is still open, so bulk settings stay.
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    leave.set()
    thread.join(10)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


class Plain:
    pass


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_what_lives_is_left_out_of_later_passes_until_a_bulk_block_puts_it_back() -> None:
    with frozen_heap():  # begin with every object back where it was, as after any bulk block
        pass
    try:
        kept = [Cycle() for _ in range(100)]
        kept.append(Plain())
        plain, one = weakref.ref(kept[-1]), weakref.ref(kept[0])
        spare_the_heap()
        frozen = gc.get_freeze_count()
        assert frozen >= 100
        del kept
        gc.collect()
        assert plain() is None  # left out, still freed when nothing refers to it
        assert one() is not None  # but what dies in a cycle waits...
        with frozen_heap():  # ...for a bulk block, which puts every object back when it ends
            spare_the_heap()  # (inside one, nothing more is done)
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() == 0
        gc.collect()
        assert one() is None
        spare_the_heap()  # and the next call leaves what lives out again
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_no_pass_falls_in_an_edit_and_what_it_made_is_left_out_after_it() -> None:
    passes: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        with frozen_heap():  # every object back where it was
            pass
        with quiet_edit():
            made = [Plain() for _ in range(10 * 700)]  # ten times what starts a pass over the young objects
            with quiet_edit():  # an undo's apply inside the undo
                pass
            assert not gc.isenabled(), "only the outermost block enables the collector again"
        assert passes == [], "no pass in the edit"
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made), "what the edit made is left out of later passes"
        assert gc.get_count()[0] < 700, "and the count of young objects begins again"
    finally:
        gc.callbacks.remove(seen)
        gc.unfreeze()


def test_an_edit_inside_a_bulk_block_leaves_its_settings_to_it() -> None:
    with frozen_heap():
        with quiet_edit():
            pass
        assert gc.isenabled() and gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert gc.get_freeze_count() == 0, "the bulk block put every object back"
