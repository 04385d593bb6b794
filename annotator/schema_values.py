"""The checks each value of a schema file passes, each naming where in the file it is: a table and its keys, a
string, a list of strings, a name, a hotkey, an array of tables, no duplicates."""

from __future__ import annotations

import re
from typing import Any

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class Problem(Exception):
    """What is wrong with a schema file, without the file's name (``parse_schema`` adds it)."""


def fields_of(table: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise Problem(f"{where} must be a table")
    unknown = sorted(set(table) - set(required) - set(optional))
    if unknown:
        raise Problem(f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(required + optional)})")
    for key in required:
        if key not in table:
            raise Problem(f"{where}: missing {key!r}")
    return table


def string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise Problem(f"{where} must be a string, not {value!r}")
    return value


def strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Problem(f"{where} must be a list of strings")
    return tuple(value)


def name_in(value: Any, where: str) -> str:
    name = string(value, where)
    if not _NAME.match(name):
        raise Problem(f"{where} {name!r} must start with a letter and hold only letters, digits and _")
    return name


def unique(names: list[str], what: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise Problem(f"duplicate {what} {name!r}")
        seen.add(name)


def hotkey_of(value: Any, where: str, taken: dict[str, str]) -> str:
    key = string(value, where)
    if len(key) != 1 or not key.isprintable() or key.isspace():
        raise Problem(f"{where} {key!r} must be one printable character")
    folded = key.lower()
    if folded in taken:
        raise Problem(f"duplicate hotkey {key!r}: {where} and {taken[folded]}")
    taken[folded] = where
    return key


def array(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise Problem(f"{where} must be an array of tables ([[{where}]])")
    return value
