"""The open layer's spans by key, kept in document order as they change, so that the window finds a span by place
(what starts in a stretch of text, what covers a position, whether a span is there already) without a scan of
the whole layer: at 20,000 spans a scan costs several milliseconds, a search a few microseconds.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from annotator.model import Span


def order_key(span: Span) -> tuple[int, int, str, str]:
    """Document order: by start; of spans that start together, the longest first; then by label and key."""
    return (span.start, -span.end, span.label, span.key)


class SpanTable(dict[str, Span]):
    """A dict of spans by key that also keeps them in document order (``order_key``).

    Every way of changing a dict is kept in step with the order: ``table[key] = span``, ``del``, ``pop``,
    ``update``, ``setdefault``, ``popitem`` and ``clear``.
    """

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        super().__init__((span.key, span) for span in spans)
        self._order = sorted(self.values(), key=order_key)
        self._longest = max((span.end - span.start for span in self._order), default=0)  # never lowered

    # -- changing ------------------------------------------------------------------------------------------

    def __setitem__(self, key: str, span: Span) -> None:
        if span.key != key:
            raise KeyError(f"span {span.key!r} stored under {key!r}")
        old = self.get(key)
        super().__setitem__(key, span)
        if old is not None and order_key(old) == order_key(span):  # new values of the same span: same place
            self._order[self._place(old)] = span
            return
        if old is not None:
            del self._order[self._place(old)]
        insort(self._order, span, key=order_key)
        self._longest = max(self._longest, span.end - span.start)

    def __delitem__(self, key: str) -> None:
        span = self[key]
        super().__delitem__(key)
        del self._order[self._place(span)]

    _MISSING = object()

    def pop(self, key: str, default: Any = _MISSING) -> Any:
        if key not in self:
            if default is SpanTable._MISSING:
                raise KeyError(key)
            return default
        span = self[key]
        del self[key]
        return span

    def popitem(self) -> tuple[str, Span]:
        key, span = next(reversed(self.items()))
        del self[key]
        return key, span

    def setdefault(self, key: str, default: Span) -> Span:
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, *others: Any, **more: Span) -> None:
        """As ``dict.update``: mappings or pairs of key and span."""
        for other in others:
            pairs: Iterable[tuple[str, Span]] = other.items() if isinstance(other, Mapping) else other
            for key, span in pairs:
                self[key] = span
        for key, span in more.items():
            self[key] = span

    def clear(self) -> None:
        super().clear()
        self._order.clear()

    def extend(self, spans: Iterable[Span]) -> None:
        """Add many spans at once (a part of a layer being read): appended in one go where they all come after
        the spans held already, as a layer read by position does."""
        new: dict[str, Span] = {}
        for span in spans:  # a span held already stays as it is (the first of a key, as in ``setdefault``)
            if span.key not in self:
                new.setdefault(span.key, span)
        fresh = sorted(new.values(), key=order_key)
        if not fresh:
            return
        if self._order and order_key(fresh[0]) < order_key(self._order[-1]):
            for span in fresh:
                self[span.key] = span
            return
        dict.update(self, ((span.key, span) for span in fresh))
        self._order.extend(fresh)
        self._longest = max(self._longest, max(span.end - span.start for span in fresh))

    # -- finding -------------------------------------------------------------------------------------------

    def ordered(self) -> list[Span]:
        """Every span, in document order (a copy)."""
        return list(self._order)

    def index_of(self, span: Span) -> int:
        """Where ``span`` is in ``ordered()``; ValueError if it is not held."""
        held = self.get(span.key)
        if held is None or order_key(held) != order_key(span):
            raise ValueError(f"span {span.key!r} is not in the table")
        return self._place(held)

    def first_from(self, start: int) -> int:
        """Where in ``ordered()`` the first span that starts at or after code point ``start`` is."""
        return bisect_left(self._order, start, key=_start)

    def starting_in(self, low: int, high: int) -> list[Span]:
        """The spans that start in ``[low, high)``, in document order."""
        return self._order[self.first_from(low) : self.first_from(high)]

    def following(self, place: tuple[int, int, str, str] | None, count: int | None) -> list[Span]:
        """Up to ``count`` spans (None: all) after the place ``place`` (an ``order_key``; None: from the first), in
        document order: a walk through the layer that spans added or removed on the way do not upset."""
        first = 0 if place is None else bisect_right(self._order, place, key=order_key)
        return self._order[first : None if count is None else first + count]

    def find(self, start: int, end: int, label: str) -> Span | None:
        """A span at exactly ``[start, end)`` with ``label``, if there is one."""
        for span in self._order[self.first_from(start) : bisect_right(self._order, start, key=_start)]:
            if span.end == end and span.label == label:
                return span
        return None

    def covering(self, position: int) -> Iterator[Span]:
        """The spans with ``start <= position < end``, in document order backwards (the nearest start first)."""
        order, earliest = self._order, position - self._longest
        for index in range(bisect_right(order, position, key=_start) - 1, -1, -1):
            span = order[index]
            if span.start < earliest:
                return
            if position < span.end:
                yield span

    def _place(self, span: Span) -> int:
        index = bisect_left(self._order, order_key(span), key=order_key)
        if index == len(self._order) or self._order[index].key != span.key:
            raise RuntimeError(f"span {span.key!r} is out of its place")  # only if a span was changed in place
        return index


def _start(span: Span) -> int:
    return span.start
