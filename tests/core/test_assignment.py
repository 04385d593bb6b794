"""The assignment plan: balanced by text length, deterministic for a seed, shared pairs spread over all pairs."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from annotator.assignment import Mode, Share, loads, mode_of, plan
from annotator.errors import DataError


def _documents(count: int, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    return {f"doc-{n:04d}": rng.randint(200, 9000) for n in range(count)}


def _spread(result: dict[str, tuple[str, ...]], documents: dict[str, int], people: list[str]) -> int:
    totals = loads(result, documents)
    figures = [totals.get(name, 0) for name in people]
    return max(figures) - min(figures)


@pytest.mark.parametrize("share", [Share(per_document=1), Share(per_document=2), Share(overlap=0.2), Share(overlap=1)])
@pytest.mark.parametrize("seed", [0, 7, 123])
def test_each_annotators_characters_end_within_one_documents_length_of_every_other(share: Share, seed: int) -> None:
    documents = _documents(300, seed)
    people = ["ann", "bob", "cy", "dee", "eve"]
    result = plan(documents, people, share, seed=seed)
    assert _spread(result, documents, people) <= max(documents.values())
    # A round-robin deal in id order, the plan a lead would make by hand, is far less even.
    by_hand = {doc_id: (people[n % len(people)],) for n, doc_id in enumerate(sorted(documents))}
    if share == Share(per_document=1):
        assert _spread(result, documents, people) < _spread(by_hand, documents, people)


def test_every_document_goes_to_n_distinct_annotators() -> None:
    documents = _documents(120)
    result = plan(documents, ["a", "b", "c", "d"], Share(per_document=3), seed=5)
    assert set(result) == set(documents)
    assert all(len(holders) == 3 and len(set(holders)) == 3 for holders in result.values())


def test_overlap_shares_that_share_of_documents_with_two_the_rest_with_one() -> None:
    documents = _documents(200)
    result = plan(documents, ["a", "b", "c"], Share(overlap=0.2), seed=3)
    counts = [len(holders) for holders in result.values()]
    assert counts.count(2) == 40 and counts.count(1) == 160
    assert all(len(set(holders)) == len(holders) for holders in result.values())


def test_the_same_seed_gives_the_same_plan_whatever_the_order_and_another_seed_another() -> None:
    documents = _documents(150)
    first = plan(documents, ["a", "b", "c", "d"], Share(overlap=0.3), seed=11)
    reordered = dict(reversed(list(documents.items())))
    again = plan(reordered, ["d", "c", "b", "a"], Share(overlap=0.3), seed=11)
    assert {k: set(v) for k, v in first.items()} == {k: set(v) for k, v in again.items()}
    other = plan(documents, ["a", "b", "c", "d"], Share(overlap=0.3), seed=12)
    shared = {k for k, v in first.items() if len(v) == 2}
    assert shared != {k for k, v in other.items() if len(v) == 2}


def test_ties_of_equal_lengths_are_broken_by_the_seed() -> None:
    documents = dict.fromkeys(["x", "y", "z", "w"], 100)
    plans = {tuple(sorted(plan(documents, ["a", "b"], Share(per_document=1), seed=s).items())) for s in range(20)}
    assert len(plans) > 1
    for result in plans:
        assert sorted(len([d for d, h in result if name in h]) for name in "ab") == [2, 2]


@pytest.mark.parametrize("people", [3, 4, 6])
def test_shared_documents_go_to_every_pair_of_annotators_when_there_are_enough(people: int) -> None:
    names = [f"p{n}" for n in range(people)]
    documents = _documents(400, seed=people)
    result = plan(documents, names, Share(overlap=0.25), seed=2)
    pairs = {pair: 0 for pair in combinations(names, 2)}
    for holders in result.values():
        if len(holders) == 2:
            pairs[tuple(sorted(holders))] += 1  # type: ignore[index]
    assert min(pairs.values()) >= 1
    # Spread evenly: no pair shares more than twice what the least shared pair does, plus one.
    assert max(pairs.values()) <= 2 * min(pairs.values()) + 1


def test_kept_documents_keep_their_annotators_and_count_in_the_balance() -> None:
    documents = {"old-1": 5000, "old-2": 5000, "new-1": 3000, "new-2": 3000, "new-3": 1000}
    kept = {"old-1": ["a"], "old-2": ["a"]}
    result = plan(documents, ["a", "b"], Share(per_document=1), seed=0, kept=kept)
    assert set(result) == {"new-1", "new-2", "new-3"}
    assert all(holders == ("b",) for holders in result.values())  # a holds 10,000 characters already


def test_more_annotators_per_document_than_given_is_refused_in_one_line() -> None:
    with pytest.raises(DataError) as refused:
        plan(_documents(5), ["a", "b"], Share(per_document=3))
    assert str(refused.value) == "--per-document 3 needs at least 3 annotators; 2 given"
    with pytest.raises(DataError, match=r"--overlap 0\.2 needs at least 2 annotators"):
        plan(_documents(5), ["a"], Share(overlap=0.2))


@pytest.mark.parametrize(
    ("per_document", "overlap", "message"),
    [(None, None, "either"), (2, 0.2, "either"), (0, None, "1 or more"), (None, 1.5, "between 0 and 1")],
)
def test_a_share_is_one_of_the_two_and_in_range(per_document: int | None, overlap: float | None, message: str) -> None:
    with pytest.raises(DataError, match=message):
        Share(per_document=per_document, overlap=overlap)


def test_the_mode_is_first_by_default_once_anything_is_assigned() -> None:
    assert mode_of(None, any_assigned=False) is Mode.ALL
    assert mode_of(None, any_assigned=True) is Mode.FIRST
    assert mode_of("only", any_assigned=False) is Mode.ONLY
    assert mode_of("all", any_assigned=True) is Mode.ALL
