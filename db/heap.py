"""Keeping the garbage collector out of the way of bulk imports and exports."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave the objects that exist now out of the collector's passes until the block ends.

    A bulk import or export makes millions of small objects; each full collection would also walk the whole heap
    of the libraries loaded at start-up (SQLAlchemy alone is hundreds of thousands of objects), which cost a third
    of a 10,000-document export. The objects made inside the block are collected as usual.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
