"""What is worked out once for the text being read, while its proposals are made: the text in lower case, the
words of each window the rules read. Each is kept for a few texts (the rules of one text ask for it many times)
and forgotten when the proposals are made (``forget``), so that nothing of one call is kept for the next.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

_KEPT: list[Callable[[], None]] = []


def per_text(function: Callable[[str], T]) -> Callable[[str], T]:
    """``function`` of a text, worked out once for each text until ``forget``."""
    kept = lru_cache(maxsize=4)(function)
    _KEPT.append(kept.cache_clear)
    return kept


def forget() -> None:
    """Forget what was worked out for the texts read so far."""
    for clear in _KEPT:
        clear()
