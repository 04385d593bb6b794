"""The collector's settings during bulk work: changed while any bulk block is open, put back after the last."""

from __future__ import annotations

import gc
import threading

from db.heap import YOUNG_THRESHOLD, frozen_heap, spare_the_start_up_heap


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


def test_the_start_up_heap_is_collected_once_then_left_out_of_later_passes() -> None:
    gc.unfreeze()
    try:
        spare_the_start_up_heap()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        spare_the_start_up_heap()  # once is enough: nothing more is frozen
        assert gc.get_freeze_count() == frozen
        with frozen_heap():  # a bulk block puts every object back when it ends...
            pass
        assert gc.get_freeze_count() == 0
        spare_the_start_up_heap()  # ...and the next call leaves them out again
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
