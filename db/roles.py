"""Who may do what: the Store's checks of the person working against their role.

An annotator reads and changes their own layers; only a lead reads or changes another annotator's layer or the
gold layer, exports them, imports them, and gives roles. A Store opened without a user is a trusted caller (the
tests, internal tools) and is not checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, func, insert, select

from annotator.errors import PermissionDenied
from annotator.model import GOLD, Role
from db.bulk_import import Numbered
from db.models import AnnotatorRow


def role_of(connection: Connection, name: str) -> Role | None:
    role = connection.scalar(select(AnnotatorRow.role).where(AnnotatorRow.name == name))
    return None if role is None else Role(role)


def register(connection: Connection, name: str) -> Role:
    """Register ``name`` unless it is already: as the lead when the project has no annotator yet, the project's
    creator; else as an annotator. The caller holds the annotators table (``lock_tables``)."""
    role = role_of(connection, name)
    if role is None:
        first = not connection.scalar(select(func.count()).select_from(AnnotatorRow))
        role = Role.LEAD if first else Role.ANNOTATOR
        connection.execute(insert(AnnotatorRow), {"name": name, "role": role.value})
    return role


def has_lead(connection: Connection) -> bool:
    return connection.scalar(select(AnnotatorRow.id).where(AnnotatorRow.role == Role.LEAD.value).limit(1)) is not None


def layer_name(owner: str, doc_id: str | None = None) -> str:
    which = "the gold layer" if owner == GOLD else f"{owner}'s layer"
    return which if doc_id is None else f"{which} of {doc_id!r}"


def require_lead(connection: Connection, user: str | None, doing: str) -> None:
    """Raise PermissionDenied unless ``user`` is a lead (or None: a trusted caller)."""
    if user is None:
        return
    role = role_of(connection, user)
    if role is Role.LEAD:
        return
    who = f"{user} is an annotator" if role else f"{user} is not registered"
    raise PermissionDenied(
        f"only a lead may {doing} ({who}); a lead can give {user} that right with "
        f"`annotator annotators add {user} --role lead`"
    )


def require_owner(connection: Connection, user: str | None, owner: str, doing: str) -> None:
    """Raise PermissionDenied unless the layer of ``owner`` is ``user``'s own, or ``user`` is a lead."""
    if user is not None and owner != user:
        require_lead(connection, user, doing)


def own_layers_only(
    connection: Connection, user: str | None, records: Iterable[Numbered], source: str
) -> Iterator[Numbered]:
    """``records`` as they come, checked: documents and ``user``'s own layers pass; another's layer or gold only
    when ``user`` is a lead. Raised inside the import's transaction, so nothing of the file is stored."""
    lead = user is None
    for line, record in records:
        layer = record.layer
        if not lead and layer is not None and layer.annotator != user:
            try:
                require_lead(connection, user, f"import {layer_name(layer.annotator, layer.doc_id)}")
            except PermissionDenied as error:
                where = source if line is None else f"{source}:{line}"
                raise PermissionDenied(f"{where}: {error}") from None
            lead = True
        yield line, record
