"""The session's table of spans: a dict by key that also finds spans by place, checked against plain scans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.model import Span
from ui.span_table import SpanTable, order_key

LABELS = ("CLAIM", "SPEAKER", "CUE")


def scan_order(table: dict[str, Span]) -> list[Span]:
    return sorted(table.values(), key=lambda s: (s.start, -s.end, s.label, s.key))


def check(table: SpanTable) -> None:
    """Every question the table answers by a search, asked of a plain scan too."""
    plain = dict(table)
    assert table.ordered() == scan_order(plain)
    for span in plain.values():
        assert table.ordered()[table.index_of(span)] is span
        assert table.find(span.start, span.end, span.label) is not None
    for position in range(0, 60, 3):
        assert sorted(s.key for s in table.covering(position)) == sorted(
            s.key for s in plain.values() if s.start <= position < s.end
        )
        assert table.starting_in(position, position + 7) == [
            s for s in scan_order(plain) if position <= s.start < position + 7
        ]
        ordered = scan_order(plain)
        for count in (None, 0, 1, 5):
            after = ordered[position // 3] if position // 3 < len(ordered) else None
            place = order_key(after) if after is not None else None
            rest = [s for s in ordered if place is None or order_key(s) > place]
            assert table.following(place, count) == (rest if count is None else rest[:count])
        assert table.find(position, position + 4, "CUE") == next(
            (s for s in plain.values() if (s.start, s.end, s.label) == (position, position + 4, "CUE")), None
        )


spans = st.builds(
    lambda key, start, length, label: Span(f"s{key}", start, start + length, label),
    st.integers(0, 30),
    st.integers(0, 50),
    st.integers(1, 12),
    st.sampled_from(LABELS),
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("set"), spans),
        st.tuples(st.just("attrs"), st.integers(0, 30)),
        st.tuples(st.just("pop"), st.integers(0, 30)),
        st.tuples(st.just("del"), st.integers(0, 30)),
        st.tuples(st.just("update"), st.lists(spans, max_size=4)),
        st.tuples(st.just("extend"), st.lists(spans, max_size=6)),
        st.tuples(st.just("setdefault"), spans),
        st.tuples(st.just("popitem"), st.none()),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(first=st.lists(spans, max_size=15), steps=operations)
def test_every_change_keeps_the_order_and_the_searches_right(first: list[Span], steps: list[tuple]) -> None:
    table = SpanTable(first)
    model = {span.key: span for span in first}
    for action, value in steps:
        if action == "set":
            table[value.key] = model[value.key] = value
        elif action == "attrs" and f"s{value}" in model:  # new values of a span already there: same place
            old = model[f"s{value}"]
            table[old.key] = model[old.key] = Span(old.key, old.start, old.end, old.label, {"stance": "FAVOR"})
        elif action == "pop":
            assert table.pop(f"s{value}", None) == model.pop(f"s{value}", None)
        elif action == "del" and f"s{value}" in model:
            del table[f"s{value}"]
            del model[f"s{value}"]
        elif action == "update":
            table.update({span.key: span for span in value})
            model.update({span.key: span for span in value})
        elif action == "extend":  # a part read from the Store: spans already held are kept as they are
            table.extend(value)
            for span in value:
                model.setdefault(span.key, span)
        elif action == "setdefault":
            assert table.setdefault(value.key, value) == model.setdefault(value.key, value)
        elif action == "popitem" and model:
            key, span = table.popitem()
            assert model.pop(key) == span
        assert dict(table) == model
    check(table)
    table.clear()
    assert table.ordered() == [] and not table


def test_a_part_that_comes_after_the_spans_held_is_appended_in_order() -> None:
    table = SpanTable([Span("s1", 0, 5, "CLAIM"), Span("s2", 3, 9, "CUE")])
    table.extend([Span("s4", 20, 22, "CUE"), Span("s3", 12, 30, "CLAIM"), Span("s5", 20, 25, "CLAIM")])
    assert [s.key for s in table.ordered()] == ["s1", "s2", "s3", "s5", "s4"]  # at 20 the longer first
    assert [s.key for s in table.covering(21)] == ["s4", "s5", "s3"]  # the document order, backwards
    check(table)


def test_a_span_is_found_only_where_it_is() -> None:
    table = SpanTable([Span("s1", 0, 5, "CLAIM")])
    with pytest.raises(ValueError, match="not in the table"):
        table.index_of(Span("s1", 1, 5, "CLAIM"))
    with pytest.raises(KeyError):
        table["s2"] = Span("s3", 0, 1, "CUE")
    with pytest.raises(KeyError):
        table.pop("s9")
    assert order_key(table["s1"]) == (0, -5, "CLAIM", "s1")
