"""The JSON values of a file, read a chunk at a time: a file that is one JSON array gives its items one by one,
so a Label Studio export of 10,000 tasks is never held whole, as text or as objects.

Each value is parsed by the standard library's ``json.JSONDecoder.raw_decode`` (its C scanner) on a buffer of
decoded text that holds the value under way and the chunk after it; values come out exactly as ``json.loads``
gives them (floats as floats, big integers whole). A value cut by the end of a chunk is parsed again once the next
chunk is read; the chunk read doubles while one value outgrows it, so a value larger than a chunk costs a few
parses, not one per chunk. Errors name the file, the line and the column of the fault.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from pathlib import Path
from typing import IO, Any

from annotator.errors import DataError
from annotator.text import NUL_HINT

CHUNK = 1 << 20
"""Bytes read at a time (1 MiB); more while one value is larger."""
_MARGIN = 32
"""A value ending this close to the end of the buffer may have been cut (``12`` of ``123``): read on first."""
_DECODER = json.JSONDecoder()
_BLANK = " \t\r\n"
_BOM = "\ufeff"


Progress = Callable[[int], None]


def json_values(
    data: bytes | Path, source: str, progress: Progress | None = None
) -> Generator[tuple[int, Any], None, None]:
    """The JSON values of a file (its path, or its bytes) with the line each starts on.

    A file that is one JSON array gives its items; any other file gives the values one after another, as in
    JSON Lines, or pretty-printed objects one after another (as some tools write ``.jsonl``). ``progress`` is
    called with the bytes read.
    """
    if isinstance(data, Path):
        with data.open("rb") as stream:
            yield from _values(_Text(stream, source, progress))
    else:
        yield from _values(_Text(_Bytes(data), source, progress))


def first_value(path: Path, source: str) -> Any:
    """The first JSON value of a file, or the first item of the array it is (None: it has none); only as much of
    the file is read as that takes."""
    with closing(json_values(path, source)) as values:
        return next((value for _, value in values), None)


def _values(text: _Text) -> Iterator[tuple[int, Any]]:
    text.skip()
    if text.at("["):
        text.pos += 1
        yield from _array_items(text)
        return
    while not text.ended():
        yield text.line_here(), text.value()
        text.skip()


def _array_items(text: _Text) -> Iterator[tuple[int, Any]]:
    text.skip()
    if text.at("]"):
        text.pos += 1
        return _after_array(text)
    while True:
        yield text.line_here(), text.value()
        text.skip()
        if text.at("]"):
            text.pos += 1
            return _after_array(text)
        if not text.at(","):
            raise text.error("expected , or ] in the JSON array", text.pos)
        text.pos += 1
        text.skip()


def _after_array(text: _Text) -> None:
    text.skip()
    if not text.ended():
        raise text.error("text after the end of the JSON array", text.pos)


class _Bytes:
    """A file's bytes already read, as a stream."""

    def __init__(self, raw: bytes) -> None:
        self._view = memoryview(raw)
        self._at = 0

    def read(self, size: int) -> bytes:
        piece = bytes(self._view[self._at : self._at + size])
        self._at += len(piece)
        return piece


class _Text:
    """A file's text decoded a chunk at a time (strict UTF-8, a leading BOM dropped) and the place reached in it.

    ``buf`` keeps the text from the value under way on; ``line`` and ``column`` are where ``buf`` starts in the
    file (1-based line, 0-based column), so that every place in it can be named.
    """

    def __init__(self, stream: IO[bytes] | _Bytes, source: str, progress: Progress | None) -> None:
        self._stream = stream
        self._source = source
        self._progress = progress
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self._bytes_read = 0
        self._first = True
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.column = 0
        self._counted = 0
        """Where in ``buf`` the lines before ``line_here`` have been counted to, and ``_line_at`` the line there."""
        self._line_at = 1
        self.eof = False

    # -- reading on -----------------------------------------------------------------------------------------

    def more(self, at_least: int = CHUNK) -> bool:
        """Read the next chunk (at least ``at_least`` bytes) onto the buffer; False at the end of the file."""
        if self.eof:
            return False
        self._drop()
        raw = self._stream.read(max(CHUNK, at_least))
        if self._progress is not None and raw:
            self._progress(len(raw))
        final = not raw
        try:
            piece = self._decoder.decode(raw, final)
        except UnicodeDecodeError as error:
            # ``error.object`` is the bytes the decoder held back from the last chunk and this one.
            at = self._bytes_read - (len(error.object) - len(raw)) + error.start
            line = self.line + self.buf.count("\n") + error.object.count(b"\n", 0, error.start)
            bad = error.object[error.start]
            hint = "save the file as UTF-8"
            raise DataError(
                f"not valid UTF-8 at byte {at} (0x{bad:02x})", source=self._source, line=line, hint=hint
            ) from None
        self._bytes_read += len(raw)
        if self._first and piece:
            self._first = False
            piece = piece.removeprefix(_BOM)
        if "\x00" in piece:
            line = self.line + self.buf.count("\n") + piece.count("\n", 0, piece.find("\x00"))
            raise DataError(f"contains a NUL character at line {line}", source=self._source, hint=NUL_HINT)
        self.buf += piece
        self.eof = final
        return True

    def _drop(self) -> None:
        """Forget the text before ``pos``, keeping count of the lines and the column it ended on."""
        if self.pos == 0:
            return
        newlines = self.buf.count("\n", 0, self.pos)
        if newlines:
            self.line += newlines
            self.column = self.pos - self.buf.rfind("\n", 0, self.pos) - 1
        else:
            self.column += self.pos
        self._line_at = self.line
        self._counted = 0
        self.buf = self.buf[self.pos :]
        self.pos = 0

    # -- looking ----------------------------------------------------------------------------------------------

    def skip(self) -> None:
        """Move past blanks, reading on where the buffer ends in them."""
        while True:
            buf, pos, size = self.buf, self.pos, len(self.buf)
            while pos < size and buf[pos] in _BLANK:
                pos += 1
            self.pos = pos
            if pos < size or not self.more():
                return

    def at(self, char: str) -> bool:
        return self.buf.startswith(char, self.pos)

    def ended(self) -> bool:
        return self.pos >= len(self.buf) and not self.more()

    def line_here(self) -> int:
        """The line ``pos`` is on."""
        self._line_at += self.buf.count("\n", self._counted, self.pos)
        self._counted = self.pos
        return self._line_at

    def value(self) -> Any:
        """The JSON value at ``pos``, and ``pos`` past it; reads on while the value may be cut by the chunk's end."""
        while True:
            start = self.pos
            try:
                value, end = _DECODER.raw_decode(self.buf, start)
            except json.JSONDecodeError as error:
                cut = error.pos >= len(self.buf) - _MARGIN or error.msg.startswith("Unterminated string")
                if cut and self.more(len(self.buf)):
                    continue
                raise self.error(f"not valid JSON ({error.msg})", error.pos, hint="check the file's syntax") from None
            except RecursionError:
                raise self.error("JSON nested too deeply to read", start, hint="check the file") from None
            if end >= len(self.buf) - _MARGIN and self.more(len(self.buf)):
                continue
            self.pos = end
            return value

    def error(self, problem: str, position: int, *, hint: str | None = None) -> DataError:
        """A DataError naming the line and column (1-based) of ``position`` in the buffer."""
        newlines = self.buf.count("\n", 0, position)
        column = position - self.buf.rfind("\n", 0, position) if newlines else self.column + position + 1
        return DataError(problem, source=self._source, line=self.line + newlines, column=column, hint=hint)
