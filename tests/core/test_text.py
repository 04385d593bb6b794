"""Tests of annotator.text: decoding, newline remapping, UTF-16 offsets and selection snapping."""

from __future__ import annotations

import random
import time

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import DataError
from annotator.text import (
    NewlineRemap,
    Utf16Index,
    codepoint_to_utf16,
    decode,
    normalise,
    snap_selection,
    utf16_to_codepoint,
)
from samples import FAMILY, FLAG_AZ, PIECES, THUMB_MEDIUM

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=24).map("".join)


# --- decode and normalise -------------------------------------------------------------------------------


def test_decode_drops_bom_and_keeps_newlines() -> None:
    assert decode(b"\xef\xbb\xbfa\r\nb\rc", "x.txt") == "a\r\nb\rc"
    assert decode("قال\n".encode(), "x.txt") == "قال\n"


def test_decode_invalid_byte_names_file_line_and_byte() -> None:
    raw = b"one\ntwo\r\nthr\xe9e"
    with pytest.raises(DataError) as caught:
        decode(raw, "notes.txt")
    assert str(caught.value) == "notes.txt:3: not valid UTF-8 at byte 12 (0xe9); save the file as UTF-8"
    assert caught.value.line == 3


def test_decode_invalid_byte_offset_counts_the_bom_and_lone_cr() -> None:
    with pytest.raises(DataError) as caught:
        decode(b"\xef\xbb\xbfa\rb\xff", "n.txt")
    assert caught.value.problem == "not valid UTF-8 at byte 6 (0xff)"
    assert caught.value.line == 2


def test_decode_truncated_sequence_at_end() -> None:
    with pytest.raises(DataError, match=r"^t.txt:1: not valid UTF-8 at byte 1 \(0xe2\)"):
        decode(b"a\xe2\x80", "t.txt")


def test_decode_rejects_nul_and_names_line() -> None:
    with pytest.raises(DataError) as caught:
        decode(b"a\r\nb\n\x00", "nul.txt")
    assert caught.value.source == "nul.txt"
    assert caught.value.problem == "contains a NUL character at line 3"
    assert str(caught.value).startswith("nul.txt: contains a NUL character at line 3")


def test_normalise() -> None:
    assert normalise("a\r\nb\rc\nd\r\r\n") == "a\nb\nc\nd\n\n"
    assert normalise(" e\u0301 \u00a0") == " e\u0301 \u00a0"  # no NFC, no trimming
    with pytest.raises(DataError) as caught:
        normalise("a\rb\x00")
    assert caught.value.problem == "contains a NUL character at line 2"
    assert caught.value.source is None
    assert str(caught.value.located(source="f.txt")).startswith("f.txt: contains a NUL character at line 2")


# --- NewlineRemap ---------------------------------------------------------------------------------------


def test_newline_remap_crlf_and_lone_cr() -> None:
    raw = "ab\r\ncd\re\r\n"
    remap = NewlineRemap(raw)
    assert remap.text == "ab\ncd\ne\n"
    assert not remap.identity
    assert [remap.offset(i) for i in range(len(raw) + 1)] == [0, 1, 2, 2, 3, 4, 5, 6, 7, 7, 8]
    # "cd" starts at 4 in raw and at 3 after normalising
    assert remap.text[remap.offset(4) : remap.offset(6)] == "cd"
    with pytest.raises(ValueError):
        remap.offset(len(raw) + 1)
    with pytest.raises(ValueError):
        remap.offset(-1)


def test_newline_remap_identity() -> None:
    remap = NewlineRemap("no carriage returns 👍\n")
    assert remap.identity
    assert remap.offset(5) == 5
    lone = NewlineRemap("a\rb")
    assert not lone.identity
    assert lone.text == "a\nb"
    assert lone.offset(3) == 3


def test_newline_remap_rejects_nul() -> None:
    with pytest.raises(DataError, match="NUL character at line 2"):
        NewlineRemap("a\r\n\x00")


def _inside_crlf(raw: str, i: int) -> bool:
    return 0 < i < len(raw) and raw[i - 1] == "\r" and raw[i] == "\n"


@settings(max_examples=200)
@given(texts, st.data())
def test_newline_remap_property(raw: str, data: st.DataObject) -> None:
    raw = raw.replace("\x00", "")
    remap = NewlineRemap(raw)
    assert "\r" not in remap.text
    assert remap.text == normalise(raw)
    assert remap.offset(0) == 0
    assert remap.offset(len(raw)) == len(remap.text)
    offsets = [remap.offset(i) for i in range(len(raw) + 1)]
    assert offsets == sorted(offsets)
    a = data.draw(st.integers(0, len(raw)))
    b = data.draw(st.integers(a, len(raw)))
    if not _inside_crlf(raw, a) and not _inside_crlf(raw, b):
        assert remap.text[remap.offset(a) : remap.offset(b)] == normalise(raw[a:b])


# --- UTF-16 ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "units"), [(THUMB_MEDIUM, 4), (FLAG_AZ, 4), (FAMILY, 8), ("e\u0301", 2)])
def test_span_after_prefix_shifts_by_utf16_units(prefix: str, units: int) -> None:
    text = prefix + " said"
    start, end = len(prefix) + 1, len(text)
    index = Utf16Index(text)
    assert (index.to_utf16(start), index.to_utf16(end)) == (units + 1, units + 5)
    assert (index.to_codepoint(units + 1), index.to_codepoint(units + 5)) == (start, end)
    assert index.utf16_length == units + 5
    assert codepoint_to_utf16(text, start) == units + 1
    assert utf16_to_codepoint(text, units + 5) == end


def test_utf16_middle_of_surrogate_pair_and_range_rejected() -> None:
    index = Utf16Index("a👍b")
    assert [index.to_utf16(i) for i in range(4)] == [0, 1, 3, 4]
    assert index.to_codepoint(3) == 2
    with pytest.raises(ValueError, match="surrogate pair"):
        index.to_codepoint(2)
    with pytest.raises(ValueError, match="surrogate pair"):
        utf16_to_codepoint("👍", 1)
    for bad in (-1, 5):
        with pytest.raises(ValueError):
            index.to_codepoint(bad)
    for bad in (-1, 4):
        with pytest.raises(ValueError):
            index.to_utf16(bad)


def test_a_position_qt_gives_between_the_halves_of_a_pair_is_the_pairs_start() -> None:
    index = Utf16Index("a👍b👍🏽c")
    assert [index.codepoint_at(u) for u in range(index.utf16_length + 1)] == [0, 1, 1, 2, 3, 3, 4, 4, 5, 6]
    assert Utf16Index("plain").codepoint_at(3) == 3
    for bad in (-1, index.utf16_length + 1):
        with pytest.raises(ValueError, match="outside"):
            index.codepoint_at(bad)


@given(st.lists(st.sampled_from([*PIECES, "a", " "]), max_size=12).map("".join), st.data())
def test_utf16_all_converts_as_one_call_each(text: str, data: st.DataObject) -> None:
    index = Utf16Index(text)
    offsets = data.draw(st.lists(st.integers(0, len(text)), max_size=20))
    assert index.to_utf16_all(offsets) == [index.to_utf16(cp) for cp in offsets]
    assert index.to_utf16_all(offsets) == [len(text[:cp].encode("utf-16-le")) // 2 for cp in offsets]
    with pytest.raises(ValueError, match=f"offset {len(text) + 1} outside"):
        index.to_utf16_all([*offsets, len(text) + 1])


def test_utf16_without_astral_characters() -> None:
    index = Utf16Index("قال 中文 e\u0301")
    assert index.utf16_length == 9
    assert index.to_utf16(7) == 7
    assert index.to_codepoint(9) == 9
    with pytest.raises(ValueError):
        index.to_codepoint(10)


@settings(max_examples=200)
@given(texts, st.data())
def test_utf16_properties(text: str, data: st.DataObject) -> None:
    index = Utf16Index(text)
    encoded = text.encode("utf-16-le")
    assert index.utf16_length == len(encoded) // 2
    units = [index.to_utf16(i) for i in range(len(text) + 1)]
    assert [index.to_codepoint(u) for u in units] == list(range(len(text) + 1))
    for u in set(range(index.utf16_length + 1)) - set(units):
        with pytest.raises(ValueError):
            index.to_codepoint(u)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    assert encoded[2 * index.to_utf16(a) : 2 * index.to_utf16(b)].decode("utf-16-le") == text[a:b]


# --- snap_selection -------------------------------------------------------------------------------------


def _snap(text: str, part: str, occurrence: int = 0) -> str | None:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    span = snap_selection(text, start, start + len(part))
    return None if span is None else text[span[0] : span[1]]


@pytest.mark.parametrize(
    ("text", "selected", "expected"),
    [
        ("In Azerbaijan’s capital", "Azerbaijan", "Azerbaijan"),
        ("In Azerbaijan’s capital", "Azerbaijan’", "Azerbaijan’s"),
        ("In Azerbaijan’s capital", "Azerbaijan’s", "Azerbaijan’s"),
        ("the state's view", "stat", "state"),
        ("the state'S view", "state'", "state'S"),
        ("I don't know", "do", "don't"),
        ("send an e-mail now", "mai", "mail"),
        ("send an e-mail now", "-ma", "-mail"),
        ("rose 3.5 percent", "3", "3.5"),
        ("He said “Hello,” twice", "“Hello,”", "“Hello,”"),
        ("He said “Hello,” twice", "ell", "Hello"),
        ("He said “Hello,” twice", " “Hel", "“Hello"),
        ("قال الرئيس إن", "رئ", "الرئيس"),
        ("قال الرئيس إن", "ل ال", "قال الرئيس"),
        ("中华人民共和国主席", "人民", "人民"),
        ("a\u00a0b\u00a0c", "\u00a0b\u00a0", "b"),
        ("first\u2028second", "\u2028sec", "second"),
        ("a \r\nline", " \r\nli", "line"),
        ("ok " + FAMILY + " ok", "\u200d👩", FAMILY),
        ("ok " + FAMILY + " ok", "👩", FAMILY),
        ("x " + FLAG_AZ + "🇺🇸 y", "🇿🇺", FLAG_AZ + "🇺🇸"),
        ("x " + THUMB_MEDIUM + " y", "👍", THUMB_MEDIUM),
        ("café e\u0301te\u0301", "e", "e\u0301te\u0301"),
        ("re\u0301sume\u0301", "\u0301", "re\u0301sume\u0301"),
    ],
)
def test_snap_examples(text: str, selected: str, expected: str) -> None:
    assert _snap(text, selected) == expected


def test_snap_positions_and_degenerate_selections() -> None:
    text = "  hello world  "
    assert snap_selection(text, 4, 9) == (2, 13)
    assert snap_selection(text, 9, 4) == (2, 13)
    assert snap_selection(text, -10, 100) == (2, 13)
    assert snap_selection(text, 0, 2) is None
    assert snap_selection(text, 5, 5) is None
    assert snap_selection("", 0, 0) is None
    assert snap_selection("\u00a0\u2028 \n", 0, 4) is None


def test_a_mouse_selection_leaves_out_a_word_it_touches_less_than_half_of() -> None:
    text = "The chairman of ATUC added that President Ilham Aliyev’s views"
    added = text.index("added")
    assert snap_selection(text, 0, added + 1, mouse=True) == (0, added - 1)  # one letter of five: out
    assert snap_selection(text, 0, added + 3, mouse=True) == (0, added + 5)  # three of five: in
    assert snap_selection(text, 0, added + 1) == (0, added + 5)  # by keyboard, a word begun is taken whole
    chairman = text.index("chairman")
    assert snap_selection(text, chairman + 6, added - 1, mouse=True) == (text.index("of"), added - 1)
    assert snap_selection(text, 2, 3, mouse=True) == (0, 3)  # nothing else selected: the word stays
    aliyev = text.index("President")
    end = text.index("’s")
    assert snap_selection(text, aliyev, end, mouse=True) == (aliyev, end)
    assert snap_selection(text, aliyev, end - 2, mouse=True) == (aliyev, end)
    assert snap_selection(text, aliyev, end + 1, mouse=True) == (aliyev, end + 2)


def test_snap_reaches_far_back_for_long_words_and_clusters() -> None:
    word = "x " + "a" * 100 + " y"
    assert snap_selection(word, 90, 95) == (2, 102)
    marks = "e" + "\u0301" * 50 + " x"
    assert snap_selection(marks, 40, 41) == (0, 51)
    flags = "🇦" * 41
    assert snap_selection(flags, 39, 40) == (38, 40)
    assert snap_selection(flags, 40, 41) == (40, 41)


def test_snap_drops_a_combining_mark_on_white_space() -> None:
    text = "x \u0301abc"
    # the mark belongs to the cluster of the space before it, so it cannot start the span
    assert snap_selection(text, 2, 6) == (3, 6)
    assert snap_selection(text, 2, 3) is None


def _all_boundaries(text: str) -> tuple[set[int], set[int]]:
    words = {m.start() for m in regex.finditer(r"(?w)\b", text)} | {0}
    clusters = {0} | {m.end() for m in regex.finditer(r"\X", text)}
    return words, clusters


@settings(max_examples=200)
@given(texts, st.data())
def test_snap_properties(text: str, data: st.DataObject) -> None:
    n = len(text)
    start = data.draw(st.integers(-2, n + 2))
    end = data.draw(st.integers(-2, n + 2))
    span = snap_selection(text, start, end)
    ts, te = sorted((min(max(start, 0), n), min(max(end, 0), n)))
    while ts < te and text[ts].isspace():
        ts += 1
    while te > ts and text[te - 1].isspace():
        te -= 1
    words, clusters = _all_boundaries(text)
    units = sorted(words & clusters)
    if span is None:
        if ts < te:  # content was selected: it must sit in a piece that starts or ends with white space
            before = max(u for u in units if u <= ts)
            after = min(u for u in units if u >= te)
            assert text[before].isspace() or text[after - 1].isspace()
        return
    s, e = span
    assert 0 <= s < e <= n
    assert not text[s].isspace() and not text[e - 1].isspace()
    # A possessive the selection stopped before stays out: the end is then two before a word's end.
    possessive = text[e : e + 2].casefold() in ("’s", "'s") and e + 2 in words and te <= e
    assert s in clusters and e in clusters
    assert s in words and (e in words or possessive)
    assert snap_selection(text, s, e) == (s, e)
    if s > ts:
        assert text[max(u for u in units if u <= ts)].isspace()
    if e < te:
        assert text[min(u for u in units if u >= te) - 1].isspace()
    if ts < s or e < te:
        return
    # otherwise it is the smallest span of whole words and clusters that covers the trimmed selection
    assert s == max(u for u in units if u <= ts)
    assert e == min(u for u in units if u >= te) - (2 if possessive else 0)


def test_snap_is_fast_on_a_large_text() -> None:
    rng = random.Random(7)
    words = ["the", "president", "said", "Azerbaijan’s", "e-mail", FAMILY, "قال", "中华", "\n", "3.5,"]
    words.append(FLAG_AZ)
    text = " ".join(rng.choice(words) for _ in range(200_000))
    assert len(text) > 1_000_000
    selections = [(a, a + rng.randint(0, 200)) for a in (rng.randrange(len(text)) for _ in range(500))]
    began = time.perf_counter()
    for a, b in selections:
        snap_selection(text, a, b)
    assert (time.perf_counter() - began) / len(selections) < 0.002
