"""Where an export goes: a file or a folder that appears whole at its path, or not at all.

Both write beside the path under a hidden ``.NAME.*.part`` name and rename at the end, so an error, an
interrupt or a cancel leaves nothing at the path and no partial file behind. ``tempfile`` makes its files 0600
and its folders 0700; what appears at the path gets the mode any other program would give it (0666 or 0777 less
the umask).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from annotator.errors import DataError

_DATABASE_MAGIC = (b"SQLite format 3\x00", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83", b"\xd9\xd5\x05\xf9\x20\xa1")
"""The first bytes of a SQLite database, of its write-ahead log (two byte orders) and of its rollback journal."""


def check_target(path: Path, *, overwrite: bool, hint: str = "add --force to replace it") -> None:
    """Refuses to write over a database (a project, its log or its journal) whatever is asked, and over any other
    existing file unless ``overwrite``; the ``DataError`` says why and, for the second, ``hint``."""
    if path.is_dir():
        raise DataError(f"{path} is a folder", hint="name a file to write")
    for suffix in _COMPANIONS:  # an empty log or journal has no header, but SQLite would read what is put there
        if path.name.endswith(suffix) and _is_database(path.with_name(path.name.removesuffix(suffix))):
            raise DataError(f"{path} belongs to the database beside it, which an export never touches")
    if not path.exists():
        return
    if _is_database(path):
        raise DataError(
            f"{path} is a SQLite database (a project, or its log), which an export never replaces",
            hint="name another file",
        )
    if not overwrite:
        raise DataError(f"{path} already exists", hint=hint)


_COMPANIONS = ("-wal", "-shm", "-journal")


def _is_database(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(16).startswith(_DATABASE_MAGIC)
    except OSError:
        return False  # not there, or not readable: nothing of a database to protect here


@contextmanager
def atomic(path: Path, *, overwrite: bool = True, hint: str = "add --force to replace it") -> Iterator[IO[bytes]]:
    """A file that appears at ``path`` whole, or not at all; never over a database, nor over another file unless
    ``overwrite`` (``check_target``)."""
    if not path.parent.is_dir():
        raise DataError(f"{path}: the folder {path.parent} does not exist")
    check_target(path, overwrite=overwrite, hint=hint)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def new_folder(path: Path, *, hint: str = "choose a new folder") -> Iterator[Path]:
    """A new folder that appears at ``path`` whole, or not at all (``path`` may be an empty folder).

    ``hint`` is what to do when ``path`` is taken: the command line and the window say it in their own words.
    """
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise DataError(f"{path} already exists and is not an empty folder", hint=hint)
    if not path.parent.is_dir():
        raise DataError(f"{path}: the folder {path.parent} does not exist")
    temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part"))
    try:
        temporary.chmod(0o777 & ~current_umask())
        yield temporary
        if path.exists():
            path.rmdir()
        os.replace(temporary, path)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def current_umask() -> int:
    """The process's umask. Read from ``/proc`` where there is one: setting it to read it back (the only other way)
    would change it for a moment under the other threads."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
