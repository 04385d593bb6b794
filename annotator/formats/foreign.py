"""What the readers of other tools' files share: JSON values with their line numbers, and checked spans.

Every span read from another tool's file is checked here against its document's text before anything is
yielded: offsets inside the text (converted from UTF-16 where the tool counts so), and, where the file gives
the span's text, that text equal to the document's slice. Texts are normalised as at every import (``\\r\\n``
and ``\\r`` become ``\\n``) and the offsets follow.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from annotator.errors import DataError
from annotator.model import Document, Span
from annotator.text import NewlineRemap, Utf16Index, decode

_DECODER = json.JSONDecoder()
_BLANK = " \t\r\n"


def json_values(raw: bytes, source: str) -> Iterator[tuple[int, Any]]:
    """The JSON values of a file with the line each starts on.

    A file that is one JSON array gives its items; any other file gives the values one after another, as in
    JSON Lines, or pretty-printed objects one after another (as some tools write ``.jsonl``).
    """
    text = decode(raw, source)
    position, line, counted = _skip(text, 0), 1, 0
    if text.startswith("[", position):
        yield from _array_items(text, position + 1, source)
        return
    while position < len(text):
        line += text.count("\n", counted, position)
        counted = position
        value, position = _decode_at(text, position, source)
        yield line, value
        position = _skip(text, position)


def _array_items(text: str, position: int, source: str) -> Iterator[tuple[int, Any]]:
    line, counted = 1, 0
    position = _skip(text, position)
    if text.startswith("]", position):
        return
    while True:
        line += text.count("\n", counted, position)
        counted = position
        value, position = _decode_at(text, position, source)
        yield line, value
        position = _skip(text, position)
        if text.startswith("]", position):
            if _skip(text, position + 1) < len(text):
                raise DataError("text after the end of the JSON array", source=source, line=_line(text, position))
            return
        if not text.startswith(",", position):
            raise DataError("expected , or ] in the JSON array", source=source, line=_line(text, position))
        position = _skip(text, position + 1)


def _decode_at(text: str, position: int, source: str) -> tuple[Any, int]:
    """The JSON value starting at ``position`` and where it ends; a one-line error when there is none."""
    try:
        return _DECODER.raw_decode(text, position)
    except json.JSONDecodeError as error:
        raise _json_error(error, text, source) from None
    except RecursionError:
        raise DataError(
            "JSON nested too deeply to read", source=source, line=_line(text, position), hint="check the file"
        ) from None


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _BLANK:
        position += 1
    return position


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _json_error(error: json.JSONDecodeError, text: str, source: str) -> DataError:
    return DataError(
        f"not valid JSON ({error.msg})",
        source=source,
        line=error.lineno,
        column=error.colno,
        hint="check the file's syntax",
    )


class SpanChecker:
    """One document's text as another tool gave it: checks spans against it and maps them to the stored text.

    ``unit`` is ``codepoint`` or ``utf16``: how the tool counts offsets in the text it was given.
    """

    def __init__(self, raw_text: str, unit: str = "codepoint") -> None:
        self.raw_text = raw_text
        self.remap = NewlineRemap(raw_text)
        self.text = self.remap.text
        self._utf16 = Utf16Index(raw_text) if unit == "utf16" else None

    def span(
        self,
        key: str,
        start: Any,
        end: Any,
        label: Any,
        attrs: dict[str, str] | None = None,
        *,
        quoted: Any = None,
        same: Callable[[str, str], bool] | None = None,
        sources: tuple[str, ...] = (),
        rule: str | None = None,
    ) -> Span:
        """A Span of the stored text; raises a DataError naming the span when it does not fit the text.

        ``quoted`` is the span's text as the file gives it (None: not given); ``same(quoted, slice)`` decides
        whether they agree, equality by default.
        """
        where = f"{key} [{start}, {end})"
        if type(start) is not int or type(end) is not int:
            raise DataError("start and end must be whole numbers", span=where)
        if not isinstance(label, str) or not label:
            raise DataError(f"the label must be a non-empty string, not {label!r}", span=where)
        if not 0 <= start < end <= self._length():
            unit = "UTF-16 code units" if self._utf16 else "code points"
            raise DataError(
                f"offsets outside the text (0 <= start < end <= {self._length()} {unit})",
                span=where,
                hint="check that the file's text is the one the spans were made on",
            )
        cp_start, cp_end = start, end
        if self._utf16 is not None:
            try:
                cp_start, cp_end = self._utf16.to_codepoint(start), self._utf16.to_codepoint(end)
            except ValueError as error:
                raise DataError(f"{error}", span=where, hint="doccano counts offsets in UTF-16 code units") from None
        piece = self.raw_text[cp_start:cp_end]
        if quoted is not None and not (same(quoted, piece) if same else quoted == piece):
            raise DataError(
                f"its text {_clip(str(quoted))!r} differs from the document's {_clip(piece)!r}",
                span=where,
                hint="fix the offsets or the span's text",
            )
        if not self.remap.identity:
            cp_start, cp_end = self.remap.offset(cp_start), self.remap.offset(cp_end)
        return Span(key, cp_start, cp_end, label, attrs or {}, sources, rule)

    def _length(self) -> int:
        return self._utf16.utf16_length if self._utf16 else len(self.raw_text)


def document(doc_id: Any, checker: SpanChecker, title: Any = None, meta: Any = None) -> Document:
    """A Document of the stored (normalised) text; the title is the first line where none is given."""
    if not isinstance(doc_id, str) or not doc_id:
        raise DataError(f"a document id must be a non-empty string, not {doc_id!r}")
    text = checker.text
    if not text.strip():
        raise DataError(f"document {doc_id!r} has no text")
    if title is None:
        title = text.split("\n", 1)[0].strip()
    elif not isinstance(title, str):
        raise DataError(f"the title must be a string, not {title!r}")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise DataError("meta must be a JSON object")
    return Document(doc_id, text, title, meta)


def text_of(value: Any, what: str = "text") -> str:
    """A document's text from a file: a string with something in it."""
    if not isinstance(value, str) or not value:
        raise DataError(f"{what} must be a non-empty string", hint="every record needs the document's text")
    return value


def _clip(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
