"""Keeping the garbage collector out of the way of bulk imports, exports and agreement."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 100_000
"""Allocations between two passes over the youngest objects while bulk work runs (Python's default is 700)."""

_lock = threading.Lock()
_depth = 0  # blocks open now, in any thread: the collector's settings are the process's
_saved: tuple[int, ...] = ()


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave the objects that exist now out of the collector's passes, and make the passes rare, until the block
    ends.

    A bulk import or export makes millions of small objects, almost none of them in reference cycles: reference
    counting frees them. Each full collection would also walk the whole heap of the libraries loaded at start-up
    (SQLAlchemy alone is hundreds of thousands of objects), which cost a third of a 10,000-document export; and the
    default pass every 700 allocations cost another fifth. The collector still runs, every ``YOUNG_THRESHOLD``
    allocations, so the few cycles made inside the block are collected as usual.

    Blocks may overlap (an export in a worker thread while the review measures agreement in another): the settings
    are changed when the first opens and put back when the last closes.
    """
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(YOUNG_THRESHOLD, *_saved[1:])
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.set_threshold(*_saved)
                gc.unfreeze()


def spare_the_heap() -> None:
    """Leave every object that exists now out of the collector's later passes (unless a ``frozen_heap`` block is
    open, which does so itself): for a long-running program such as the window, after it has made objects that will
    live as long as what they belong to.

    A full pass walks every object it is not told to leave out, and comes after every few tens of thousands of new
    objects, as reading one long layer makes: the libraries loaded at start-up (SQLAlchemy, Qt's wrappers: some
    100,000 objects) cost 80 to 90 ms a pass, the 45,000 objects of a layer of 20,000 spans another 15 to 20, and
    the window does not answer meanwhile. Objects left out are still freed when nothing refers to them any more;
    only those in reference cycles (garbage already, or dying later) wait for the end of the next ``frozen_heap``
    block (an import, an export, a measure of agreement), which puts every object back. The window makes few such:
    none at start-up, about ten a document. Leaving out costs nothing (counting what is left out would: not done).
    """
    with _lock:
        if _depth == 0:
            gc.freeze()


@contextmanager
def quiet_edit() -> Iterator[None]:
    """No collector pass during the block (one edit of the window: the Store's transaction and the repaint it sets
    off), and what the block made left out of later passes, as ``spare_the_heap`` does.

    A pass over the young objects comes every 700 allocations, and every tenth walks the middle generation too:
    one of them falling in an edit cost it 10 to 25 ms. What an edit leaves (the change, the spans it holds, an undo
    step) lives as long as the document; it makes no reference cycles (20 tags and their undos: none), so nothing
    waits for a pass that does not come. Leaving out resets the count of young objects, so the next pass is as far
    off as after any pass. Blocks may nest; only the outermost enables the collector again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        with _lock:
            if _depth == 0:  # a frozen_heap block open in another thread leaves everything out itself
                gc.freeze()
        if was_enabled:
            gc.enable()
