"""What every database holds alike: texts and JSON values checked before they are stored.

SQLite takes almost anything and PostgreSQL refuses some of it with a long error (a NUL character, a lone
surrogate, an integer past 64 bits), or gives back something else than was stored (an integer past 64 bits comes
back from a JSON column as a float; ``NaN`` and ``Infinity`` as null). These checks refuse such values on both,
in one line, before anything is written, so that what is stored comes back exactly.
"""

from __future__ import annotations

import math
from typing import Any

from annotator.errors import DataError

JSON_DEPTH_MAX = 32
"""The deepest nesting of a document's metadata: enough for any tool's, and far from the recursion limits of the
JSON writers (a few hundred levels break them)."""
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
"""The whole numbers every backend stores exactly (a 64-bit signed integer)."""


def text_problem(value: str) -> str | None:
    """Why the text ``value`` cannot be stored (a NUL character or a lone surrogate); None when it can."""
    # Three times faster than one regular expression over a long text: a search for NUL, and UTF-8's own refusal.
    if "\x00" in value:
        return f"holds a NUL character (\\u0000) at position {value.index(chr(0))}"
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        found = value[error.start]
        return f"holds a lone surrogate (\\u{ord(found):04x}) at position {error.start}, which is not text"
    return None


def check_text(value: str, what: str) -> str:
    """``value`` as given, or a DataError naming ``what`` when it cannot be stored."""
    problem = text_problem(value)
    if problem:
        raise DataError(f"{what} {problem}", hint="remove it from the file")
    return value


def check_json(value: Any, what: str) -> None:
    """A JSON value (metadata) that every backend stores and gives back exactly; a DataError naming where it is
    otherwise: nesting deeper than ``JSON_DEPTH_MAX``, integers past 64 bits, NaN or infinite numbers, texts (keys
    too) with a NUL character or a lone surrogate."""
    problem = _json_problem(value, what, 0)
    if problem:
        raise DataError(problem, hint="remove or change that value in the file")


def _json_problem(value: Any, where: str, depth: int) -> str | None:
    if isinstance(value, str):
        problem = text_problem(value)
        return f"{where} {problem}" if problem else None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        if INT_MIN <= value <= INT_MAX:
            return None
        return f"{where} is a whole number past 64 bits, which a database cannot keep exactly"
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{where} is {value}, which JSON and the database cannot keep"
    if not isinstance(value, dict | list):
        return f"{where} is not a JSON value"
    if depth >= JSON_DEPTH_MAX:
        shown = where if len(where) <= 40 else f"{where[:24]}…{where[-12:]}"
        return f"{shown} is nested more than {JSON_DEPTH_MAX} levels deep"
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(key, str):
            problem = text_problem(key)
            if problem:
                return f"a key in {where} {problem}"
        found = _json_problem(item, f"{where}.{_shown(key)}" if isinstance(key, str) else f"{where}[{key}]", depth + 1)
        if found:
            return found
    return None


def _shown(key: str, size: int = 30) -> str:
    """A key as a message shows it: short, with anything unprintable escaped."""
    clipped = key if len(key) <= size else key[: size - 1] + "…"
    return clipped if clipped.isidentifier() else repr(clipped)
