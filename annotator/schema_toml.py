"""A schema file's TOML read into plain values, refused in one line where no database could keep what it says.

``tomllib`` reads nesting by recursion, so a file nested a few thousand levels deep ends in ``RecursionError``;
the registry's names (speakers, targets) go into columns of at most ``REGISTRY_NAME_MAX`` characters, which
PostgreSQL enforces and SQLite does not; a NUL character is refused by PostgreSQL only. All are refused here, on
both backends alike, before the schema is built.
"""

from __future__ import annotations

import tomllib
from typing import Any

from annotator.errors import SchemaError
from annotator.values import JSON_DEPTH_MAX, text_problem

REGISTRY_NAME_MAX = 200
"""The longest speaker or target name the database holds."""


def read_toml(text: str, source: str) -> dict[str, Any]:
    """The TOML document ``text`` as a dict; a ``SchemaError`` naming ``source`` when it is not one a schema can
    be made of."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SchemaError(f"{source}: not valid TOML: {error}") from None
    except RecursionError:
        raise SchemaError(f"{source}: nested too deeply to read; a schema is a few tables deep") from None
    problem = _problem(data, "the schema", 0)
    if problem is None:
        problem = _registry_problem(data)
    if problem:
        raise SchemaError(f"{source}: {problem}")
    return data


def _problem(value: Any, where: str, depth: int) -> str | None:
    if isinstance(value, str):
        found = text_problem(value)
        return f"{where} {found}" if found else None
    if depth > JSON_DEPTH_MAX:
        return f"{where} is nested more than {JSON_DEPTH_MAX} levels deep"
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _problem(item, f"{where}.{key}" if isinstance(key, str) else f"{where}[{key}]", depth + 1)
        if found:
            return found
    return None


def _registry_problem(data: dict[str, Any]) -> str | None:
    """A speaker's name, alias or a target longer than the database holds."""
    names: list[tuple[str, Any]] = [("target", name) for name in _list(data.get("targets"))]
    for speaker in _list(data.get("speakers")):
        if isinstance(speaker, dict):
            names.append(("speaker", speaker.get("name")))
            names += [("speaker's alias", alias) for alias in _list(speaker.get("aliases"))]
    for what, name in names:
        if isinstance(name, str) and len(name.strip()) > REGISTRY_NAME_MAX:
            return f"a {what} has {len(name.strip())} characters ({name[:30]!r}…); {REGISTRY_NAME_MAX} at most"
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
