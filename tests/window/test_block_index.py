"""The highlighter's index of marks by text block: what the first screen needs at once, the rest when asked."""

from __future__ import annotations

from ui.highlighter import BlockIndex, Mark, listed

TEXT = "first line\nsecond 👍 line\n\nfourth\nfifth line is long"
# Blocks start at UTF-16 positions 0, 11, 26 (the emoji counts two), 27, 34.


def test_blocks_start_where_qt_starts_them() -> None:
    assert BlockIndex(TEXT).block_starts == [0, 11, 26, 27, 34]


def test_marks_past_the_first_screen_are_made_and_indexed_block_by_block_when_first_asked_for() -> None:
    early = Mark(0, 5, "CLAIM", "s1")
    across = Mark(6, 17, "CUE", "s2")  # from block 0 into block 1
    late = Mark(27, 33, "SPEAKER", "s3")  # block 3
    last = Mark(40, 44, "CLAIM", "s4")  # block 4
    asked: list[tuple[int, int | None]] = []

    def source(start: int, end: int | None) -> list[Mark]:
        asked.append((start, end))
        return listed([late, early, last, across])(start, end)

    index = BlockIndex(TEXT)
    index.load(source, upto=5)  # the first screen ends in block 0
    assert asked == [(0, 11)]  # the marks that start before block 1

    assert index.in_block(0) == [early, across]
    assert asked == [(0, 11)]
    assert index.in_block(3) == [late]  # asking past the first screen makes and indexes the blocks up to there
    assert asked == [(0, 11), (11, 34)]
    assert index.in_block(1) == [across]
    assert index.in_block(4) == [last]  # and the next block, when it is asked for
    assert asked == [(0, 11), (11, 34), (34, None)]
    assert [n for n in range(5) if index.in_block(n)] == [0, 1, 3, 4]
    assert len(asked) == 3


def test_a_first_screen_past_the_last_block_asks_for_every_mark_at_once() -> None:
    marks = [Mark(40, 44, "CLAIM", "s4")]
    asked: list[tuple[int, int | None]] = []
    index = BlockIndex(TEXT)
    index.load(lambda start, end: asked.append((start, end)) or listed(marks)(start, end), upto=40)
    assert asked == [(0, None)]
    assert index.in_block(4) == marks


def test_editing_before_the_rest_is_indexed_loses_nothing() -> None:
    late = Mark(27, 33, "SPEAKER", "s3")
    index = BlockIndex(TEXT)
    index.load(listed([late]), upto=5)
    index.remove(late)  # a mark not yet indexed is removed, not painted later
    added = Mark(34, 39, "CUE", "s9")
    assert index.add(added) == range(4, 5)
    assert index.in_block(3) == []
    assert index.at(35) == [added]
    assert index.at(28) == []


def test_without_a_limit_every_mark_is_indexed_at_once() -> None:
    marks = [Mark(0, 44, "CLAIM", "s1"), Mark(12, 14, "CUE", "s2")]
    index = BlockIndex(TEXT)
    index.add_all(marks)
    assert [index.in_block(n) for n in range(5)] == [[marks[0]], marks, [marks[0]], [marks[0]], [marks[0]]]
