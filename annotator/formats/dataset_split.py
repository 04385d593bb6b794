"""How a dataset's documents are split (``--split train=0.8,dev=0.1,test=0.1 --seed N``): by document, the same
for the same seed and documents, and stratified so that each split holds claims of every stance where possible.

The documents are put in an order drawn from the seed (their ids sorted first, so the order the Store gives them
in does not matter). Each split is given its share of the documents, rounded by largest remainder, and at least
one while another has more than one. Then, from the rarest stance to the commonest, each split that has no claim
of that stance yet takes the first document in the drawn order that has one, while it has room; the rest of the
documents go, in the drawn order, to the split furthest below its share.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from annotator.errors import DataError

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Split:
    name: str
    share: float


def parse_splits(value: str) -> tuple[Split, ...]:
    """``train=0.8,dev=0.1,test=0.1`` as its splits; refuses a bad name, share or sum with a DataError."""
    splits: list[Split] = []
    for item in value.split(","):
        name, sep, share = (part.strip() for part in item.partition("="))
        if not sep or not _NAME.match(name):
            raise DataError(
                f"--split: {item.strip()!r} is not NAME=SHARE", hint="name each split and its share: train=0.8,test=0.2"
            )
        try:
            number = float(share)
        except ValueError:
            number = math.nan
        if not 0 < number <= 1:
            raise DataError(f"--split: the share of {name} must be a number above 0 and at most 1, not {share!r}")
        if any(split.name == name for split in splits):
            raise DataError(f"--split: {name} is named twice", hint="name each split once")
        splits.append(Split(name, number))
    total = math.fsum(split.share for split in splits)
    if abs(total - 1) > 1e-6:
        raise DataError(f"--split: the shares add up to {total:g}, not 1", hint="as in train=0.8,dev=0.1,test=0.1")
    return tuple(splits)


def parse_seed(value: str) -> int:
    """The seed of the split: a whole number."""
    try:
        return int(value)
    except ValueError:
        raise DataError(f"--seed: {value!r} is not a whole number") from None


def sizes(splits: Sequence[Split], documents: int) -> list[int]:
    """How many documents each split takes: its share, rounded by largest remainder (the first split first on a
    tie); then each empty split takes one from the largest while that has more than one."""
    exact = [split.share * documents for split in splits]
    counts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(splits)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in by_remainder[: documents - sum(counts)]:
        counts[i] += 1
    for i, count in enumerate(counts):
        largest = max(range(len(counts)), key=lambda j: (counts[j], -j))
        if count == 0 and counts[largest] > 1:
            counts[largest] -= 1
            counts[i] = 1
    return counts


def assign(stances: Mapping[str, Counter[str]], splits: Sequence[Split], seed: int) -> dict[str, str]:
    """The split of each document, given the stances of the claims in each (by document id)."""
    order = sorted(stances)
    random.Random(seed).shuffle(order)
    room = dict(zip((s.name for s in splits), sizes(splits, len(order)), strict=True))
    held: dict[str, set[str]] = {split.name: set() for split in splits}
    chosen: dict[str, str] = {}

    def put(doc_id: str, split: str) -> None:
        chosen[doc_id] = split
        room[split] -= 1
        held[split].update(stances[doc_id])

    totals: Counter[str] = Counter()
    for counts in stances.values():
        totals.update(counts)
    for stance in sorted(totals, key=lambda s: (totals[s], s)):
        for split in splits:
            if stance in held[split.name] or room[split.name] <= 0:
                continue
            found = next((d for d in order if d not in chosen and stances[d][stance]), None)
            if found is not None:
                put(found, split.name)
    shares = {split.name: split.share for split in splits}
    for doc_id in order:
        if doc_id not in chosen:
            # the split with the most room left for its share; the first named on a tie
            name = max((s.name for s in splits if room[s.name] > 0), key=lambda n: room[n] / shares[n])
            put(doc_id, name)
    return chosen
