"""The replay benchmark's hands (``benchmarks.replay``) annotate a gold article through the real window by keys,
clicks and drags, and what they store is the gold: spans, relations and every attribute, targets included."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.bench_replay import project, replay
from benchmarks.replay import GoldLayer, shortest_part
from db.store import Store

ARTICLE = "02-islamic-solidarity-foreign-policy-priority"


def _gold_of_the_article(shared: Path, tmp_path: Path) -> list[GoldLayer]:
    """The gold layer of ARTICLE, kept beside the checkout (the test is skipped where it is not)."""
    path = shared / "gold" / "seed-gold-02-04.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not there: the gold is kept beside the checkout")
    with Store.open(tmp_path / "schema.db") as store:
        attributes = store.schema.attribute_names
    return [layer for layer in GoldLayer.read(path, attributes) if layer.doc_id == ARTICLE]


def test_a_gold_article_replayed_by_hand_is_stored_as_the_gold(qtbot, shared: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    layers = _gold_of_the_article(shared, tmp_path)
    window = project(tmp_path, layers)
    qtbot.addWidget(window)
    (outcome,) = replay(window, layers)
    assert outcome.differences == []
    with Store.open(tmp_path / "replay.db") as other:  # on disk, through another connection
        stored = other.layer(ARTICLE, "replay")
    assert stored is not None and len(stored.spans) == len(layers[0].spans) == 29
    assert len(stored.relations) == len(layers[0].relations)
    assert outcome.statements == 16
    assert outcome.counts["spans"] == 29 + 3 + 1, "a drag per span, a label key per label, Esc at the end"
    assert outcome.actions / outcome.statements <= 6


def test_a_gold_article_replayed_from_the_proposals_is_stored_as_the_gold(qtbot, shared: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from annotator.proposer import propose

    layers = _gold_of_the_article(shared, tmp_path)
    window = project(tmp_path, layers, propose=propose)
    qtbot.addWidget(window)
    (outcome,) = replay(window, layers, proposals=True)
    assert outcome.differences == []
    assert outcome.counts["accept"] > 0, "some statements were accepted from the proposals"
    assert sum(outcome.statement_kinds.values()) == outcome.statements == 16
    assert sum(outcome.kinds.values()) == outcome.actions


def test_the_shortest_part_the_completion_offers_a_name_first_for() -> None:
    names = ["Hissein Ibrahim Taha", "Ilham Aliyev", "Ilham Aliyev and Hissein Ibrahim Taha"]  # the registry's order
    assert shortest_part("Hissein Ibrahim Taha", names) == "H"
    assert shortest_part("Ilham Aliyev", names) == "l"  # "I" offers Hissein first
    assert shortest_part("Ilham Aliyev and Hissein Ibrahim Taha", names) == "d"
    assert shortest_part("Nobody", names) == "Nobody"
    assert shortest_part("Hissein Ibrahim Taha", names[::-1]) == "Hissein Ibrahim Taha", "never first: typed whole"


@pytest.mark.parametrize("proposals", [False, True])
def test_a_hand_marked_text_replayed_is_stored_as_its_gold(qtbot, tmp_path: Path, proposals: bool) -> None:  # type: ignore[no-untyped-def]
    """A text of ``tests/core/data`` (a press-agency report: long titles, a registered group name that holds a
    single one, names no ASCII key types), added to the project as a document and replayed by hand and from the
    proposals: what is stored is its hand-made layer."""
    from annotator.proposer import propose
    from benchmarks.bench_replay import marked

    with Store.open(tmp_path / "schema.db") as store:
        attributes = store.schema.attribute_names
    path = Path(__file__).parents[1] / "core" / "data" / "hand_annotated_news_28.txt"
    layers = marked([path], attributes)
    window = project(tmp_path, layers, propose=propose if proposals else None, documents=tuple(layers))
    qtbot.addWidget(window)
    (outcome,) = replay(window, layers, proposals=proposals)
    assert outcome.differences == []
    assert outcome.statements == 23
    with Store.open(tmp_path / "replay.db") as other:
        stored = other.layer("hand_annotated_news_28", "replay")
    assert stored is not None and len(stored.spans) == len(layers[0].spans)
    assert {s.attrs.get("speaker") for s in stored.spans} >= {"Selim Hadžić", "Adrian Vescu"}
