"""Plain text articles: one file is one document; its first line is the title, its name (without .txt) the id."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.errors import DataError
from annotator.formats.format import Format, Progress, Records
from annotator.formats.report import FormatReport
from annotator.model import Document, LayerRecord
from annotator.schema import Schema
from annotator.text import decode, normalise
from annotator.values import check_text

EXTENSIONS = (".txt",)


def read_text(raw: bytes, *, name: str, source: str) -> Iterator[tuple[int | None, LayerRecord]]:
    """The document in the bytes of a file called ``name`` (``source`` is how errors name it)."""
    try:
        text = normalise(decode(raw, source))
    except DataError as error:
        raise error.located(source=source) from None
    if not text.strip():
        raise DataError("the file is empty", source=source, hint="a document needs text")
    doc_id = name.rsplit(".", 1)[0] if "." in name else name
    try:  # a file name of bytes that are not UTF-8 holds lone surrogates; the id is looked up before it is checked
        check_text(doc_id, "the document id (the file's name)")
    except DataError as error:
        raise DataError(error.problem, source=source, hint="rename the file") from None
    title = text.split("\n", 1)[0].strip()
    yield None, LayerRecord(Document(doc_id, text, title), None)


def _read(
    path: Path, schema: Schema, *, layer: str, report: FormatReport, progress: Progress | None, **_options: str
) -> Records:
    raw = path.read_bytes()
    if progress:
        progress(len(raw))
    yield from read_text(raw, name=path.name, source=str(path))


FORMAT = Format("text", "plain text: one article a file, its first line the title", EXTENSIONS, read=_read)
