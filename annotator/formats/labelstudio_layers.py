"""Which layer a Label Studio annotation goes to: the name our export carries, ``--labelstudio-as-map``, or
``completed_by``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from annotator.errors import DataError

LAYER = "layer"
"""The document-level text area whose one value is the annotation's layer name."""


def parse_as_map(value: str) -> dict[str, str]:
    """``1=ann_a,2=ann_b`` as {"1": "ann_a", "2": "ann_b"}: Label Studio user ids (or emails) to layer names."""
    found: dict[str, str] = {}
    for item in value.split(","):
        user, sep, layer = (part.strip() for part in item.partition("="))
        if not sep or not user or not layer:
            raise DataError(
                f"--labelstudio-as-map: {item.strip()!r} is not USER=LAYER",
                hint="give Label Studio user ids (or emails) and layer names, as in 1=ann_a,2=ann_b",
            )
        if user in found:
            raise DataError(f"--labelstudio-as-map: user {user!r} is given twice", hint="name each user once")
        found[user] = layer
    return found


def completed_by(annotation: Any) -> Any:
    by = annotation.get("completed_by") if isinstance(annotation, dict) else None
    if isinstance(by, dict):
        return by.get("email") if isinstance(by.get("email"), str) else by.get("id")
    return by


@dataclass(frozen=True, slots=True)
class Naming:
    """How an annotation's layer is named (the first that applies): our ``annotator`` key; the ``layer`` result
    an export of ours carries (kept by a Label Studio server, which drops the key); ``--labelstudio-as-map``
    for its ``completed_by`` user id or email; ``completed_by`` when it is a name or has an email; ``--as``,
    with ``-N`` for user id N when the file has annotations by several user ids."""

    as_name: str
    several_users: Callable[[], bool]
    """Whether the file has annotations by more than one user id: asked (once) only when an annotation needs it."""
    users: dict[str, str]
    _several: list[bool] = field(default_factory=list)

    def layer(self, annotation: dict[str, Any]) -> str:
        ours = annotation.get("annotator")
        if isinstance(ours, str) and ours:
            return ours
        named = carried(annotation.get("result"))
        if named is not None:
            return named
        by = completed_by(annotation)
        if by is not None and str(by) in self.users:
            return self.users[str(by)]
        if isinstance(by, str) and by:
            return by
        if type(by) is int and self._by_several():
            return f"{self.as_name}-{by}"
        return self.as_name

    def _by_several(self) -> bool:
        if not self._several:
            self._several.append(self.several_users())
        return self._several[0]


def is_layer(item: Any) -> bool:
    """The document-level ``layer`` text area that names an annotation's layer."""
    return (
        isinstance(item, dict)
        and item.get("from_name") == LAYER
        and item.get("type") == "textarea"
        and isinstance(item.get("value"), dict)
        and "start" not in item["value"]
    )


def carried(result: Any) -> str | None:
    for item in result if isinstance(result, list) else []:
        if is_layer(item):
            names = item["value"].get("text")
            if isinstance(names, list) and len(names) == 1 and isinstance(names[0], str) and names[0].strip():
                return names[0].strip()
            raise DataError("the layer result must hold one layer name", span=str(item.get("id")))
    return None
