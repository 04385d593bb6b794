"""A schema file's ``guide_file``: the project's guidelines in a Markdown file beside the schema file, copied into
the schema's text as its ``guide``, so that the schema stored in the database carries them to every desktop."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from annotator.errors import SchemaError

GUIDE_FILE = "guide_file"

_LINE = re.compile(r"^[ \t]*guide_file[ \t]*=.*$", re.MULTILINE)


def with_guide_file(text: str, path: Path) -> str:
    """``text``, the schema file at ``path``, with its ``guide_file = "NAME"`` line replaced by a ``guide`` holding
    that file (read beside ``path``); ``text`` itself when it names none or is no valid TOML (the parser says
    why)."""
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):  # the parser says why (annotator.schema_toml)
        return text
    name = data.get(GUIDE_FILE)
    if name is None:
        return text
    if not isinstance(name, str) or not name.strip():
        raise SchemaError(f"{path}: {GUIDE_FILE} must name a file beside the schema, not {name!r}")
    if "guide" in data:
        raise SchemaError(f"{path}: give guide or {GUIDE_FILE}, not both")
    guide_path = path.parent / name
    try:
        guide = guide_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SchemaError(f"{path}: {GUIDE_FILE} {name!r}: cannot read {guide_path}: {error}") from None
    wanted = {key: value for key, value in data.items() if key != GUIDE_FILE} | {"guide": guide}
    line = f"guide = {toml_text(guide)}"
    # The line that holds the key (not a line inside a string that looks like it): the one whose replacement reads
    # back as the same schema with the guide in place of the file's name.
    for found in _LINE.finditer(text):
        candidate = text[: found.start()] + line + text[found.end() :]
        try:
            if tomllib.loads(candidate) == wanted:
                return candidate
        except tomllib.TOMLDecodeError:
            continue
    raise SchemaError(f'{path}: put {GUIDE_FILE} = "{name}" on a line of its own, before the first [table]')


def toml_text(text: str) -> str:
    """``text`` as a TOML multi-line basic string that reads back as ``text`` exactly."""
    escaped = []
    for character in text:
        if character == "\\":
            escaped.append("\\\\")
        elif character == '"':
            escaped.append('\\"')
        elif character in "\n\t":
            escaped.append(character)
        elif ord(character) < 0x20 or ord(character) == 0x7F:
            escaped.append(f"\\u{ord(character):04x}")
        else:
            escaped.append(character)
    # A newline just after the opening quotes is dropped by TOML: it starts the text on a line of its own.
    return '"""\n' + "".join(escaped) + '"""'
