"""Keeping the garbage collector out of the way of bulk imports, exports and agreement."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 100_000
"""Allocations between two passes over the youngest objects while bulk work runs (Python's default is 700)."""


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave the objects that exist now out of the collector's passes, and make the passes rare, until the block
    ends.

    A bulk import or export makes millions of small objects, almost none of them in reference cycles: reference
    counting frees them. Each full collection would also walk the whole heap of the libraries loaded at start-up
    (SQLAlchemy alone is hundreds of thousands of objects), which cost a third of a 10,000-document export; and the
    default pass every 700 allocations cost another fifth. The collector still runs, every ``YOUNG_THRESHOLD``
    allocations, so the few cycles made inside the block are collected as usual.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
