"""The bundled seed articles and the default schema: data only, loaded on first run.

The articles are plain text (first line is the title); the document id is the file name without ``.txt``.
"""

from importlib import resources
from importlib.abc import Traversable


def articles() -> list[Traversable]:
    """The seed articles, in the order a new user sees them."""
    return sorted(
        (entry for entry in resources.files(__name__).iterdir() if entry.name.endswith(".txt")),
        key=lambda entry: entry.name,
    )
