"""What the proposer is given from the database: the phrases the project taught it (the Store's methods, mixed into
``db.store.Store``; the proposals a layer's owner rejected are ``db.rejections``)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection, Text, bindparam, func, select, type_coerce

from annotator.model import GOLD, Layer, Role, Span, Status
from db.heap import frozen_heap
from db.models import AnnotatorRow, DocumentRow, LayerRow, SpanRow
from db.roles import require_owner, role_of
from db.rows import _plain_rows as plain_rows

if TYPE_CHECKING:
    from annotator.schema import Schema

_OWNER = func.coalesce(AnnotatorRow.name, GOLD)
# The phrase itself, cut from the text by the database (code points on both backends; SQL counts from 1): a done
# layer's source and cue phrases are a few words each, and their documents' texts need not leave the database.
_PHRASES = (
    select(
        LayerRow.id,
        _OWNER,
        DocumentRow.doc_id,
        SpanRow.label,
        func.substr(DocumentRow.text, SpanRow.start + 1, SpanRow.end - SpanRow.start),
        type_coerce(SpanRow.attrs, Text),
    )
    .select_from(SpanRow)
    .join(LayerRow, LayerRow.id == SpanRow.layer_id)
    .join(DocumentRow, DocumentRow.id == LayerRow.document_id)
    .outerjoin(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id)
    .where(LayerRow.status == Status.DONE.value, SpanRow.label.in_(bindparam("labels", expanding=True)))
    .order_by(LayerRow.id, SpanRow.start, SpanRow.id)
)
_OWN_PHRASES = _PHRASES.where(AnnotatorRow.name == bindparam("name"))


class Proposing:
    """The proposer's reads of the Store."""

    _user_name: str | None = None

    @property
    def schema(self) -> Schema:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[Connection]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def taught(self, annotator: str | None = None) -> list[tuple[str, Layer]]:
        """The source and cue phrases (the schema's statement roles) of the done layers of ``annotator`` (None: every
        done layer, gold too) that the user may read (an annotator reads only their own, whatever is asked), for
        ``annotator.proposer.learn``: one pair per layer, of its phrases joined by newlines (not the document's text)
        and the layer's source and cue spans over them, each source with its canonical speaker (the only attribute
        kept). Proposals for one annotator learn from their own layers only, so that they carry nothing of another's
        work into a layer whose agreement with it will be measured.

        One query; only the phrases are read, never a whole text.
        """
        roles = self.schema.statement
        labels = [label for label in (roles.source, roles.cue) if label is not None]
        if not labels:
            return []
        with frozen_heap(), self._read() as connection:
            user = self._user_name
            if user is not None and role_of(connection, user) is not Role.LEAD:
                annotator = user
            if annotator is None:
                rows = plain_rows(connection, _PHRASES, {"labels": labels})
            else:
                rows = plain_rows(connection, _OWN_PHRASES, {"labels": labels, "name": annotator})
            return _pairs(rows, roles.speaker)

    def require_owner(self, annotator: str, doing: str) -> None:
        """Raise ``PermissionDenied`` unless the user may change ``annotator``'s layers (their own, or as a lead):
        what a command that will change many layers checks once, before it reads or stores anything."""
        with self._read() as connection:
            require_owner(connection, self._user_name, annotator, doing)


def _pairs(rows: list[Any], speaker: str | None) -> list[tuple[str, Layer]]:
    """(text, layer) pairs of phrase rows (layer id, owner, doc_id, label, phrase, attrs as JSON text), in layer
    order; a source keeps its canonical ``speaker`` attribute."""
    taught = []
    for _, group in groupby(rows, key=itemgetter(0)):
        found = list(group)
        phrases, spans, at = [], [], 0
        for number, (_, _, _, label, phrase, attrs) in enumerate(found, start=1):
            named = {}
            if speaker is not None and attrs not in (None, "{}"):
                value = (orjson.loads(attrs) if isinstance(attrs, str) else attrs).get(speaker)
                named = {speaker: value} if isinstance(value, str) else {}
            phrases.append(phrase)
            spans.append(Span(f"s{number}", at, at + len(phrase), label, named))
            at += len(phrase) + 1
        _, owner, doc_id, _, _, _ = found[0]
        taught.append(("\n".join(phrases), Layer(doc_id, owner, Status.DONE, spans=tuple(spans))))
    return taught
