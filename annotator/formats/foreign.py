"""What the readers of other tools' files share: JSON values with their line numbers (``json_stream``), and
checked spans.

Every span read from another tool's file is checked here against its document's text before anything is
yielded: offsets inside the text (converted from UTF-16 where the tool counts so), and, where the file gives
the span's text, that text equal to the document's slice. Texts are normalised as at every import (``\\r\\n``
and ``\\r`` become ``\\n``) and the offsets follow.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection
from typing import Any

import regex

from annotator.errors import DataError
from annotator.formats.json_stream import json_values
from annotator.model import Document, Span
from annotator.text import NewlineRemap, Utf16Index
from annotator.values import check_text

__all__ = ["GraphemeIndex", "SpanChecker", "document", "json_values", "record_document", "text_of"]

_CLUSTER = regex.compile(r"\X")
_UNITS = {"codepoint": "code points", "utf16": "UTF-16 code units", "grapheme": "grapheme clusters"}


class GraphemeIndex:
    """Code-point offsets of one text as grapheme-cluster offsets (``\\X``, as doccano's grapheme mode counts)."""

    def __init__(self, text: str) -> None:
        self._starts: list[int] = [m.start() for m in _CLUSTER.finditer(text)] + [len(text)]
        self.widened = False
        """Whether the last ``span`` had an edge inside a cluster (and was widened to the whole cluster)."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The clusters ``[start, end)`` covers, widened to whole clusters where an edge is inside one."""
        first = bisect_right(self._starts, start) - 1
        last = bisect_left(self._starts, end)
        self.widened = self._starts[first] != start or self._starts[last] != end
        return first, last

    @property
    def length(self) -> int:
        """The text's length in clusters."""
        return len(self._starts) - 1

    def to_codepoint(self, cluster: int) -> int:
        """Where cluster number ``cluster`` starts, in code points (the text's length for the end)."""
        return self._starts[cluster]


class SpanChecker:
    """One document's text as another tool gave it: checks spans against it and maps them to the stored text.

    ``unit`` is ``codepoint``, ``utf16`` or ``grapheme``: how the tool counts offsets in the text it was given.
    """

    def __init__(self, raw_text: str, unit: str = "codepoint") -> None:
        self.raw_text = raw_text
        self.remap = NewlineRemap(raw_text)
        self.text = self.remap.text
        self._unit = unit
        self._index: Utf16Index | GraphemeIndex | None = None
        if unit == "utf16":
            self._index = Utf16Index(raw_text)
        elif unit == "grapheme":
            self._index = GraphemeIndex(raw_text)

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
            raise DataError(
                f"offsets outside the text (0 <= start < end <= {self._length()} {_UNITS[self._unit]})",
                span=where,
                hint="check that the file's text is the one the spans were made on",
            )
        cp_start, cp_end = start, end
        if self._index is not None:
            try:
                cp_start, cp_end = self._index.to_codepoint(start), self._index.to_codepoint(end)
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
        if isinstance(self._index, Utf16Index):
            return self._index.utf16_length
        return self._index.length if self._index else len(self.raw_text)


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
    # The id is looked up in the database before the import checks the document (annotator.checks) where it stores it.
    return Document(check_text(doc_id, "the document id"), text, title, meta)


def record_document(
    fields: dict[str, Any],
    checker: SpanChecker,
    *,
    record_id: Any,
    fallback_id: str,
    known: Collection[str],
    meta_name: str = "meta",
) -> Document:
    """The Document of another tool's record, whose ``fields`` hold its text: its ``doc_id`` field, else the
    record's own id (``record_id``), else ``fallback_id``; its ``title``; its ``meta`` object (``meta_name``: where
    the file holds it, for the message), with the fields the tool does not know (not ``known``) added: the tools
    keep those as the example's metadata and export them beside the text."""
    doc_id = fields.get("doc_id")
    if doc_id is None:
        doc_id = str(record_id) if record_id is not None else fallback_id
    meta = fields.get("meta") or {}
    if not isinstance(meta, dict):
        raise DataError(f"{meta_name} must be a JSON object")
    meta = {**meta, **{k: v for k, v in fields.items() if k not in known}}
    return document(doc_id, checker, fields.get("title"), meta)


def text_of(value: Any, what: str = "text") -> str:
    """A document's text from a file: a string with something in it."""
    if not isinstance(value, str) or not value:
        raise DataError(f"{what} must be a non-empty string", hint="every record needs the document's text")
    return value


def _clip(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
