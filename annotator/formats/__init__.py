"""One module per external format; this one finds the files and picks a reader by name or extension."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.errors import DataError
from annotator.formats import native, plaintext
from annotator.model import LayerRecord
from annotator.schema import Schema

READERS = {"text": plaintext.EXTENSIONS, "native": native.EXTENSIONS}
"""The formats ``import`` reads, with the file extensions that select each under ``--format auto``."""

WRITERS = {"native": native.write_native}
"""The formats ``export`` writes: each takes (records, a binary stream, the schema, progress) and returns a count."""

Progress = Callable[[int], None]


def detect(path: Path) -> str:
    """The format of a file, told by its extension."""
    suffix = path.suffix.lower()
    for name, extensions in READERS.items():
        if suffix in extensions:
            return name
    known = ", ".join(ext for extensions in READERS.values() for ext in extensions)
    raise DataError(f"cannot tell the format of {path} from its extension", hint=f"use {known} or pass --format")


def expand(paths: list[Path], fmt: str = "auto") -> list[Path]:
    """Files named, and the files in folders named (recursively, sorted, hidden ones skipped)."""
    wanted = {ext for name, exts in READERS.items() if fmt in ("auto", name) for ext in exts}
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in wanted
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise DataError(f"{path}: no files to import here", hint=f"expected {', '.join(sorted(wanted))}")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise DataError(f"{path}: no such file or folder")
    return files


def read_file(
    path: Path, fmt: str, schema: Schema, *, progress: Progress | None = None
) -> Iterator[tuple[int | None, LayerRecord]]:
    """The records of one file, read in ``fmt`` (``auto``: by extension)."""
    fmt = detect(path) if fmt == "auto" else fmt
    source = str(path)
    try:
        if fmt == "text":
            raw = path.read_bytes()
            if progress:
                progress(len(raw))
            yield from plaintext.read_text(raw, name=path.name, source=source)
        elif fmt == "native":
            with path.open("rb") as stream:
                yield from native.read_native(stream, schema, source=source, progress=progress)
        else:
            raise DataError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(READERS)}")
    except OSError as error:
        raise DataError(f"cannot read the file: {error.strerror or error}", source=source) from None
