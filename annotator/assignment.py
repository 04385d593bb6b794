"""The assignment plan: which annotators get each document (``annotator assign``).

Plain Python, no storage. ``plan`` gives each document a number of distinct annotators: ``per_document`` for every
document, or, with ``overlap``, two for that share of the documents (chosen from the seed) and one for the rest.
The work is balanced by text length: documents are taken longest first and go to the least loaded annotators, so
that each annotator's total characters end within the longest planned document's length of every other's. Among
annotators who can take a shared document without leaving that bound, the least loaded takes it with the one it
has shared least with so far, so that agreement can be measured between every pair. Ties are broken by the seed:
the same input and seed give the same plan, whatever order the documents and annotators come in.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations

from annotator.errors import DataError


class Mode(StrEnum):
    """What the project does with assignments: ``all`` shows everyone every document, as without assignments;
    ``first`` lists an annotator's assigned documents first; ``only`` lists only those, and the Store refuses an
    annotator's layer on any other document."""

    ALL = "all"
    FIRST = "first"
    ONLY = "only"


MODE_KEY = "assignment-mode"
"""The project setting that holds the mode; without it, ``first`` where assignments exist, else ``all``."""


def mode_of(stored: str | None, *, any_assigned: bool) -> Mode:
    """The project's mode from its setting (None when none is stored) and whether any assignment exists."""
    if stored in tuple(Mode):
        return Mode(stored)
    return Mode.FIRST if any_assigned else Mode.ALL


@dataclass(frozen=True)
class Share:
    """How many annotators each document gets: ``per_document`` for all, else two for ``overlap`` of them."""

    per_document: int | None = None
    overlap: float | None = None

    def __post_init__(self) -> None:
        if (self.per_document is None) == (self.overlap is None):
            raise DataError("give either --per-document N or --overlap SHARE")
        if self.per_document is not None and self.per_document < 1:
            raise DataError(f"--per-document {self.per_document}: give 1 or more")
        if self.overlap is not None and not 0 <= self.overlap <= 1:
            raise DataError(f"--overlap {self.overlap}: give a share between 0 and 1 (0.2 shares a fifth)")

    def needed(self) -> int:
        """How many annotators the plan needs at least."""
        if self.per_document is not None:
            return self.per_document
        return 2 if self.overlap else 1


Plan = dict[str, tuple[str, ...]]
"""Document id -> the annotators it is given to, in the order they were chosen."""


def plan(
    documents: Mapping[str, int],
    annotators: Sequence[str],
    share: Share,
    *,
    seed: int = 0,
    kept: Mapping[str, Sequence[str]] | None = None,
) -> Plan:
    """Which annotators get each of ``documents`` (id -> text length in characters).

    ``kept``: documents already assigned (id -> annotators; their lengths in ``documents`` too), which keep their
    annotators and are not in the plan; their lengths count in the annotators' loads and their pairs as shared.
    Raises ``DataError`` when the share needs more annotators than are given.
    """
    people = sorted(dict.fromkeys(annotators))
    if not people:
        raise DataError("give at least one annotator (--annotators A,B,C)")
    if share.needed() > len(people):
        which = f"--per-document {share.per_document}" if share.per_document else f"--overlap {share.overlap}"
        raise DataError(f"{which} needs at least {share.needed()} annotators; {len(people)} given")
    rng = random.Random(seed)
    rank = {name: place for place, name in enumerate(rng.sample(people, len(people)))}
    kept = kept or {}
    planned = sorted(doc_id for doc_id in documents if doc_id not in kept)
    rng.shuffle(planned)  # the seed's order: which documents are shared, and ties between equal lengths
    copies = dict.fromkeys(planned, share.per_document or 1)
    if share.overlap:
        for doc_id in planned[: round(share.overlap * len(planned))]:
            copies[doc_id] = 2
    load = dict.fromkeys(people, 0)
    shared = {pair: 0 for pair in combinations(people, 2)}
    for doc_id, holders in kept.items():
        mine = sorted(name for name in holders if name in load)
        for name in mine:
            load[name] += documents.get(doc_id, 0)
        for pair in combinations(mine, 2):
            shared[pair] += 1
    planned.sort(key=lambda doc_id: -documents[doc_id])  # stable: equal lengths stay in the seed's order
    longest = documents[planned[0]] if planned else 0
    result: Plan = {}
    for doc_id in planned:
        length = documents[doc_id]
        chosen = _choose(copies[doc_id], length, longest, load, shared, rank)
        for name in chosen:
            load[name] += length
        for pair in combinations(sorted(chosen), 2):
            shared[pair] += 1
        result[doc_id] = chosen
    return result


def _choose(
    count: int,
    length: int,
    longest: int,
    load: dict[str, int],
    shared: dict[tuple[str, str], int],
    rank: dict[str, int],
) -> tuple[str, ...]:
    """The least loaded annotator takes the document; each further copy goes, among those who stay within the
    bound, to whoever has shared least with the ones chosen (then the least loaded, then the seed's rank). A
    greedy pick: linear in the annotators per copy, where trying every group grew with their combinations (at
    20 annotators and 100,000 documents, a minute against a second)."""
    first = min(load, key=lambda name: (load[name], rank[name]))
    if count == 1:
        return (first,)
    # Whoever ends at most `longest` above the least loaded keeps every load within `longest` of every other.
    bound = load[first] + longest - length
    fits = [name for name in load if load[name] <= bound and name != first]
    if len(fits) < count - 1:
        return tuple(sorted(load, key=lambda name: (load[name], rank[name]))[:count])  # the least loaded keep it
    chosen = [first]
    for _ in range(count - 1):

        def cost(name: str) -> tuple[int, int, int]:
            together = sum(shared[(name, other) if name < other else (other, name)] for other in chosen)
            return together, load[name], rank[name]

        pick = min(fits, key=cost)
        chosen.append(pick)
        fits.remove(pick)
    return tuple(chosen)


def loads(result: Mapping[str, Sequence[str]], documents: Mapping[str, int]) -> dict[str, int]:
    """Each annotator's total characters in a plan (or in assignments as stored)."""
    totals: dict[str, int] = {}
    for doc_id, holders in result.items():
        for name in holders:
            totals[name] = totals.get(name, 0) + documents.get(doc_id, 0)
    return totals
