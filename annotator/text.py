"""Text at the edges: strict decoding, newline normalisation, UTF-16 offsets and selection snapping.

Stored offsets are Unicode code points of the normalised text. This module is the one place that converts
them: to and from raw (un-normalised) text and to and from the UTF-16 code units Qt widgets count.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

import regex

from annotator.errors import DataError

_BOM = b"\xef\xbb\xbf"
NUL_HINT = "the file may be UTF-16 or binary; save it as UTF-8 text"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# (?w): \b follows the Unicode default word boundaries (UAX #29), with regex's own apostrophe tailoring.
_WORD_BOUNDARY = regex.compile(r"(?w)\b")
# \X ends at the first true cluster boundary after where it starts, even when it starts inside a cluster:
# the boundary test looks at the whole string, so the end is right although the start may not be.
_CLUSTER = regex.compile(r"\X")


def _line_of(data: bytes, end: int) -> int:
    """1-based line number of byte ``end``, counting ``\\r\\n``, ``\\r`` and ``\\n`` as line breaks."""
    crlf = data.count(b"\r\n", 0, end)
    return data.count(b"\n", 0, end) + data.count(b"\r", 0, end) - crlf + 1


def decode(raw: bytes, source: str) -> str:
    """Decode ``raw`` as strict UTF-8, dropping a leading BOM; newlines are left as they are.

    Invalid bytes raise :class:`DataError` naming ``source``, the line and the (0-based) byte offset in
    ``raw``; a NUL character raises :class:`DataError` naming the line.
    """
    skip = len(_BOM) if raw.startswith(_BOM) else 0
    try:
        text = raw[skip:].decode("utf-8")
    except UnicodeDecodeError as error:
        at = skip + error.start
        raise DataError(
            f"not valid UTF-8 at byte {at} (0x{raw[at]:02x})",
            source=source,
            line=_line_of(raw, at),
            hint="save the file as UTF-8",
        ) from None
    if "\x00" in text:
        raise _nul_error(_normalise_newlines(text)).located(source=source)
    return text


def _normalise_newlines(text: str) -> str:
    """``text`` with ``\\r\\n`` and lone ``\\r`` replaced by ``\\n``; no other change and no checks."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _nul_error(normalised: str) -> DataError:
    line = normalised.count("\n", 0, normalised.find("\x00")) + 1
    return DataError(f"contains a NUL character at line {line}", hint=NUL_HINT)


def normalise(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes (no NFC, no trimming).

    A NUL character raises :class:`DataError` ("contains a NUL character at line N") without a source;
    callers add theirs with ``error.located(source=...)``.
    """
    result = _normalise_newlines(text)
    if "\x00" in result:
        raise _nul_error(result)
    return result


class NewlineRemap:
    """Offsets in un-normalised text mapped to offsets in its normalised form (see :func:`normalise`).

    Only the ``\\r`` of each ``\\r\\n`` is removed (a lone ``\\r`` becomes ``\\n`` in place), so an offset
    moves left by the number of such ``\\r`` before it. ``identity`` is True when the text did not change.
    A NUL character raises :class:`DataError`, as in :func:`normalise`.
    """

    def __init__(self, raw_text: str) -> None:
        self._raw_length = len(raw_text)
        self.text: str = normalise(raw_text)
        self.identity: bool = "\r" not in raw_text
        # Positions in raw_text of each removed "\r" (the first half of a "\r\n").
        self._removed: list[int] = [] if self.identity else [m.start() for m in re.finditer("\r\n", raw_text)]

    def offset(self, i: int) -> int:
        """Map code-point offset ``i`` of the raw text (0..len) to the normalised text.

        An offset between the ``\\r`` and ``\\n`` of a CRLF maps to the position of the resulting newline.
        Raises ValueError outside 0..len(raw_text).
        """
        if not 0 <= i <= self._raw_length:
            raise ValueError(f"offset {i} outside 0..{self._raw_length}")
        if not self._removed:
            return i
        return i - bisect_left(self._removed, i)


class Utf16Index:
    """Conversions between code-point offsets and UTF-16 code-unit offsets of one text, O(log n) each."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # Code-point positions of characters above U+FFFF, and the UTF-16 position where each starts.
        self._astral: list[int] = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_u16: list[int] = [cp + k for k, cp in enumerate(self._astral)]
        self.utf16_length: int = self._length + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 offset of code-point offset ``cp`` (0..len(text)); ValueError out of range."""
        if not 0 <= cp <= self._length:
            raise ValueError(f"code-point offset {cp} outside 0..{self._length}")
        if not self._astral:
            return cp
        return cp + bisect_left(self._astral, cp)

    def to_utf16_all(self, offsets: list[int]) -> list[int]:
        """``to_utf16`` of each offset, at a fraction of the cost of one call each (a document's spans at once)."""
        if offsets and not (min(offsets) >= 0 and max(offsets) <= self._length):
            bad = next(cp for cp in offsets if not 0 <= cp <= self._length)
            raise ValueError(f"code-point offset {bad} outside 0..{self._length}")
        if not self._astral:
            return list(offsets)
        astral = self._astral
        return [cp + bisect_left(astral, cp) for cp in offsets]

    def to_codepoint(self, u16: int) -> int:
        """Code-point offset of UTF-16 offset ``u16``.

        ValueError when ``u16`` is outside 0..utf16_length or between the two halves of a surrogate pair.
        """
        if not 0 <= u16 <= self.utf16_length:
            raise ValueError(f"UTF-16 offset {u16} outside 0..{self.utf16_length}")
        if not self._astral:
            return u16
        before = bisect_left(self._astral_u16, u16)
        if before and self._astral_u16[before - 1] + 1 == u16:
            raise ValueError(f"UTF-16 offset {u16} is in the middle of a surrogate pair")
        return u16 - before

    def codepoint_at(self, u16: int) -> int:
        """Code-point offset of a position a Qt widget gives: ``to_codepoint``, but a position between the two
        halves of a surrogate pair (Qt accepts one) counts as the pair's start. ValueError outside the text."""
        if not 0 <= u16 <= self.utf16_length:
            raise ValueError(f"UTF-16 offset {u16} outside 0..{self.utf16_length}")
        # Between the halves of a pair, the astral characters before count the pair itself: its start's code point.
        return u16 - bisect_left(self._astral_u16, u16) if self._astral else u16


def line_end(text: str, at: int) -> int:
    """Past the line break that ends the line of code point ``at`` (0: nothing), or the end of the text."""
    end = text.find("\n", at) if at > 0 else -1
    return len(text) if end < 0 else end + 1


def codepoint_to_utf16(text: str, cp: int) -> int:
    """One-off :meth:`Utf16Index.to_utf16`; build a :class:`Utf16Index` for repeated use."""
    return Utf16Index(text).to_utf16(cp)


def utf16_to_codepoint(text: str, u16: int) -> int:
    """One-off :meth:`Utf16Index.to_codepoint`; build a :class:`Utf16Index` for repeated use."""
    return Utf16Index(text).to_codepoint(u16)


def _word_bounds(text: str, pos: int) -> Iterator[int]:
    for match in _WORD_BOUNDARY.finditer(text, pos):
        yield match.start()


def _cluster_bounds(text: str, pos: int) -> Iterator[int]:
    if pos <= 0:
        yield 0
    for match in _CLUSTER.finditer(text, max(pos - 1, 0)):
        yield match.end()


def _unit_bounds(text: str, pos: int, limit: int) -> Iterator[int]:
    """Positions in [pos, limit] that are both word and grapheme-cluster boundaries, in order."""
    words, clusters = _word_bounds(text, pos), _cluster_bounds(text, pos)
    past = limit + 1
    w, c = next(words, past), next(clusters, past)
    while w <= limit and c <= limit:
        if w == c:
            yield w
            w, c = next(words, past), next(clusters, past)
        elif w < c:
            w = next(words, past)
        else:
            c = next(clusters, past)


def _unit_at_or_after(text: str, pos: int) -> int:
    return next(_unit_bounds(text, pos, len(text)))


def _unit_at_or_before(text: str, pos: int) -> int:
    reach = 32
    while True:
        low = max(0, pos - reach)
        found = max(_unit_bounds(text, low, pos), default=-1)
        if found >= 0:
            return found
        reach *= 4


def snap_selection(text: str, start: int, end: int, *, mouse: bool = False) -> tuple[int, int] | None:
    """The span a mouse or keyboard selection [start, end) of ``text`` becomes, or None if it has no content.

    The selection is clamped and ordered, trimmed of white space (``str.isspace``), then widened to whole
    words (Unicode default word boundaries) and whole grapheme clusters. Punctuation the user selected stays.
    Where the cluster or word at an edge begins or ends with white space (a combining mark on a space), that
    piece is dropped instead. A possessive ``’s`` or ``'s`` the selection stops before stays out ("Aliyev’s"
    is one word to Unicode, but the speaker is "Aliyev"). With ``mouse``, a word at either edge that the
    selection covers less than half of is left out, not taken whole (a drag that touches the next word).
    The result ``(s, e)`` has ``0 <= s < e <= len(text)``, no white space at ``text[s]`` or ``text[e - 1]``,
    and snapping it again (the same way) returns it unchanged.
    """
    n = len(text)
    s, e = sorted((min(max(start, 0), n), min(max(end, 0), n)))
    s, e = _trimmed(text, s, e)
    if s >= e:
        return None
    if mouse:
        s, e = _touched_words_left_out(text, s, e)
    stop = e
    while True:
        s = _unit_at_or_before(text, s)
        if not text[s].isspace():
            break
        s = _unit_at_or_after(text, s + 1)
        while s < e and text[s].isspace():
            s += 1
        if s >= e:
            return None
    while True:
        e = _unit_at_or_after(text, e)
        if not text[e - 1].isspace():
            break
        e = _unit_at_or_before(text, e - 1)
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            return None
    if stop <= e - 2 and s < e - 2 and _possessive(text, e - 2, e):
        e -= 2
    return s, e


def _possessive(text: str, start: int, end: int) -> bool:
    return text[start:end].casefold() in ("’s", "'s")


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _touched_words_left_out(text: str, s: int, e: int) -> tuple[int, int]:
    """``[s, e)`` without a word at either edge that it covers less than half of, unless nothing else is left."""
    before, after = _unit_at_or_before(text, e), _unit_at_or_after(text, e)
    if before < e < after and e - before < after - e and before > s and not _possessive(text, e, after):
        s_, e_ = _trimmed(text, s, before)
        if s_ < e_:
            s, e = s_, e_
    before, after = _unit_at_or_before(text, s), _unit_at_or_after(text, s)
    if before < s < after and after - s < s - before and after < e:
        s_, e_ = _trimmed(text, after, e)
        if s_ < e_:
            s, e = s_, e_
    return s, e
