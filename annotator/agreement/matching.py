"""Matching spans between the layers of one document.

- Exact: the same start, end and label.
- Overlap: one-to-one within a label, the pair with the largest character overlap first, after trimming white
  space and punctuation from both spans (so that ``“Peace is near,”`` and ``Peace is near`` are the same claim).

``cluster`` extends the overlap matching to any number of annotators: the units that agreement over many
annotators (Krippendorff's alpha) and the review count on, each with at most one span per annotator.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from annotator.model import Span

CROSS_LABEL_SHARE = 0.5
"""Spans with different labels join one unit only when their overlap is at least this share of their union."""


@lru_cache(maxsize=4096)
def _trimmable(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without white space and punctuation at either end; unchanged if nothing would be left."""
    s, e = start, end
    while s < e and not text[s].isalnum() and _trimmable(text[s]):
        s += 1
    while e > s and not text[e - 1].isalnum() and _trimmable(text[e - 1]):
        e -= 1
    return (s, e) if s < e else (start, end)


# Not frozen: matching a project makes one per span, and a frozen dataclass's constructor costs far more.
@dataclass(slots=True, eq=False)
class Placed:
    """A span of one annotator's layer, with its trimmed offsets."""

    annotator: str
    span: Span
    start: int
    end: int


def place(text: str, annotator: str, spans: Iterable[Span]) -> list[Placed]:
    """The spans with their trimmed offsets, in order of trimmed start."""
    placed = [Placed(annotator, span, *trim(text, span.start, span.end)) for span in spans]
    placed.sort(key=lambda p: (p.start, p.end, p.span.label, p.span.key))
    return placed


def match_exact(a: Iterable[Span], b: Iterable[Span]) -> list[tuple[Span, Span]]:
    """Pairs of spans with the same start, end and label (each span in one pair at most)."""
    waiting: dict[tuple[int, int, str], list[Span]] = {}
    for span in b:
        waiting.setdefault((span.start, span.end, span.label), []).append(span)
    pairs = []
    for span in a:
        partners = waiting.get((span.start, span.end, span.label))
        if partners:
            pairs.append((span, partners.pop(0)))
    return pairs


Candidate = tuple[int, int, int, int, int, str, str, str, str, int, Placed, Placed]
"""Two overlapping spans ``x``, ``y`` of two annotators, as a tuple that sorts the largest overlap first, then
by position, annotator and key: ``(-overlap, x.start, x.end, y.start, y.end, x.annotator, y.annotator, x.key,
y.key, n, x, y)`` (``n`` numbers the candidates, so that no two compare equal)."""


def overlaps(a: Sequence[Placed], b: Sequence[Placed]) -> tuple[list[Candidate], list[Candidate]]:
    """The overlapping pairs of ``a`` and ``b`` (both in order of trimmed start, as ``place`` gives them): those
    with the same label, and those with different labels that overlap by ``CROSS_LABEL_SHARE`` of their union at
    least; each sorted largest overlap first."""
    starts = [y.start for y in b]
    reach = list(accumulate((y.end for y in b), max))  # the furthest end among b[: i + 1]
    same: list[Candidate] = []
    other: list[Candidate] = []
    for x in a:
        # b[: first] all end at or before x starts; b[last:] all start at or after x ends.
        first, last = bisect_right(reach, x.start), bisect_left(starts, x.end)
        for y in b[first:last]:
            if y.end <= x.start:
                continue
            overlap = min(x.end, y.end) - max(x.start, y.start)
            sx, sy = x.span, y.span
            if sx.label == sy.label:
                found = same
            elif overlap >= CROSS_LABEL_SHARE * (max(x.end, y.end) - min(x.start, y.start)):
                found = other
            else:
                continue
            found.append(
                (-overlap, x.start, x.end, y.start, y.end, x.annotator, y.annotator, sx.key, sy.key, len(found), x, y)
            )
    same.sort()
    other.sort()
    return same, other


def match_overlap(text: str, a: Iterable[Span], b: Iterable[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of overlapping spans with the same label, the largest overlap first."""
    same, _ = overlaps(place(text, "a", a), place(text, "b", b))
    return [(x.span, y.span) for x, y in greedy(same)]


def greedy(candidates: Iterable[Candidate]) -> list[tuple[Placed, Placed]]:
    """Take sorted candidate pairs in order, each span once."""
    used: set[int] = set()
    pairs = []
    for *_, x, y in candidates:
        if id(x) in used or id(y) in used:
            continue
        used.add(id(x))
        used.add(id(y))
        pairs.append((x, y))
    return pairs


class Grouping:
    """Spans of several annotators joined into units of at most one span per annotator."""

    def __init__(self, placed: Mapping[str, Sequence[Placed]]) -> None:
        self._group: dict[int, dict[str, Placed]] = {
            id(p): {p.annotator: p} for spans in placed.values() for p in spans
        }

    def join(self, candidates: Iterable[Candidate]) -> None:
        """Join the groups of each candidate pair in turn, unless they have an annotator in common."""
        group = self._group
        for *_, x, y in candidates:
            gx, gy = group[id(x)], group[id(y)]
            if gx is gy or not gx.keys().isdisjoint(gy):
                continue
            gx.update(gy)
            for p in gy.values():
                group[id(p)] = gx

    def units(self, label: str | None = None) -> list[dict[str, Placed]]:
        """The groups (only those of ``label``'s spans, if given), in order of their first span."""
        groups = list({id(g): g for g in self._group.values()}.values())
        if label is not None:
            groups = [g for g in groups if all(p.span.label == label for p in g.values())]
        groups.sort(key=lambda g: min([(p.start, p.end, p.span.label, p.annotator) for p in g.values()]))
        return groups


def candidates_between(
    placed: Mapping[str, Sequence[Placed]],
) -> dict[tuple[str, str], tuple[list[Candidate], list[Candidate]]]:
    """``overlaps`` for every pair of annotators (in the order of ``placed``)."""
    names = list(placed)
    return {(a, b): overlaps(placed[a], placed[b]) for i, a in enumerate(names) for b in names[i + 1 :]}


def cluster(
    placed: Mapping[str, Sequence[Placed]],
    *,
    cross_labels: bool = False,
    found: Mapping[tuple[str, str], tuple[list[Candidate], list[Candidate]]] | None = None,
) -> list[dict[str, Placed]]:
    """Group the spans of several annotators into units of at most one span per annotator.

    Overlapping spans of one label are joined largest overlap first, as long as the two groups have no
    annotator in common; for two annotators this is exactly ``match_overlap``. With ``cross_labels``, groups left
    apart are then joined across labels where two spans overlap by ``CROSS_LABEL_SHARE`` of their union (a claim
    one annotator marked as a speaker). ``found`` may hold ``candidates_between(placed)`` already worked out.
    Units come in order of their first span.
    """
    found = found if found is not None else candidates_between(placed)
    grouping = Grouping(placed)
    grouping.join(sorted(c for same, _ in found.values() for c in same))
    if cross_labels:
        grouping.join(sorted(c for _, other in found.values() for c in other))
    return grouping.units()
