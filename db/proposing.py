"""What the proposer is given from the database: the phrases the project taught it (the Store's methods, mixed into
``db.store.Store``; the proposals a layer's owner rejected are ``db.rejections``)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection, Text, bindparam, case, func, select, type_coerce

from annotator.model import GOLD, Layer, Relation, Role, Span, Speaker, Status
from annotator.proposal import Lexicon
from annotator.proposer import learn
from annotator.schema import SpeakerDef
from db.heap import frozen_heap
from db.models import AnnotatorRow, DocumentRow, LayerRow, RelationRow, SpanRow
from db.roles import require_owner, role_of
from db.rows import _plain_rows as plain_rows
from db.visibility import visible

if TYPE_CHECKING:
    from annotator.schema import Schema, StatementDef

_OWNER = func.coalesce(AnnotatorRow.name, GOLD)
# The phrase itself, cut from the text by the database (code points on both backends; SQL counts from 1): a done
# layer's source and cue phrases are a few words each, and their documents' texts need not leave the database. A
# content span comes without its words: only its stance and target are read (the evidence for a stance).
_PHRASES = (
    select(
        LayerRow.id,
        _OWNER,
        DocumentRow.doc_id,
        SpanRow.label,
        func.substr(
            DocumentRow.text,
            SpanRow.start + 1,
            case((SpanRow.label == bindparam("content"), 0), else_=SpanRow.end - SpanRow.start),
        ),
        type_coerce(SpanRow.attrs, Text),
        SpanRow.id,
    )
    .select_from(SpanRow)
    .join(LayerRow, LayerRow.id == SpanRow.layer_id)
    .join(DocumentRow, DocumentRow.id == LayerRow.document_id)
    .outerjoin(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id)
    .where(LayerRow.status == Status.DONE.value, SpanRow.label.in_(bindparam("labels", expanding=True)))
    .where(visible(LayerRow))
    .order_by(LayerRow.id, SpanRow.start, SpanRow.id)
)
_OWN_PHRASES = _PHRASES.where(AnnotatorRow.name == bindparam("name"))
# The source links of the same layers: a content span's canonical speaker is its source's.
_LINKS = (
    select(RelationRow.layer_id, RelationRow.head_id, RelationRow.child_id)
    .join(LayerRow, LayerRow.id == RelationRow.layer_id)
    .outerjoin(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id)
    .where(LayerRow.status == Status.DONE.value, RelationRow.label == bindparam("relation"), visible(LayerRow))
)
_OWN_LINKS = _LINKS.where(AnnotatorRow.name == bindparam("name"))


class Proposing:
    """The proposer's reads of the Store."""

    _user_name: str | None = None

    @property
    def schema(self) -> Schema:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[Connection]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def speakers(self) -> list[Speaker]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def targets(self) -> list[str]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def lexicon(self, annotator: str | None = None) -> Lexicon:
        """What the project teaches the proposer for ``annotator`` (None: for a lead, from every done layer): the
        phrases and stances of the done layers ``taught`` gives, and the registry of speakers and the targets as
        the Store holds them now (those added since the schema file too)."""
        registry = [SpeakerDef(speaker.name, speaker.aliases) for speaker in self.speakers()]
        return learn(self.taught(annotator), self.schema.statement, registry=registry, targets=self.targets())

    def taught(self, annotator: str | None = None) -> list[tuple[str, Layer]]:
        """The source and cue phrases (the schema's statement roles) of the done layers of ``annotator`` (None: every
        done layer, gold too) that the user may read (an annotator reads only their own, whatever is asked), for
        ``annotator.proposer.learn``: one pair per layer, of its phrases joined by newlines (not the document's text)
        and the layer's source and cue spans over them, each source with its canonical speaker (the only attribute
        kept); and the content spans that have a stance and a target (empty, at the end: their words are not read),
        with the source relations that give them their speaker. Proposals for one annotator learn from their own
        layers only, so that they carry nothing of another's work into a layer whose agreement with it will be
        measured.

        Two queries; only the phrases are read, never a whole text.
        """
        roles = self.schema.statement
        labels = [label for label in (roles.source, roles.cue, roles.content) if label is not None]
        if roles.source is None and roles.cue is None:
            return []
        with frozen_heap(), self._read() as connection:
            user = self._user_name
            if user is not None and role_of(connection, user) is not Role.LEAD:
                annotator = user
            asked: dict[str, Any] = {"labels": labels, "content": roles.content}
            links: dict[str, Any] = {"relation": roles.source_relation}
            if annotator is not None:
                asked["name"] = links["name"] = annotator
            rows = plain_rows(connection, _PHRASES if annotator is None else _OWN_PHRASES, asked)
            related = []
            if roles.source_relation and roles.stance and roles.target:
                related = plain_rows(connection, _LINKS if annotator is None else _OWN_LINKS, links)
            return _pairs(rows, related, roles)

    def require_owner(self, annotator: str, doing: str) -> None:
        """Raise ``PermissionDenied`` unless the user may change ``annotator``'s layers (their own, or as a lead):
        what a command that will change many layers checks once, before it reads or stores anything."""
        with self._read() as connection:
            require_owner(connection, self._user_name, annotator, doing)


def _pairs(rows: list[Any], links: list[Any], roles: StatementDef) -> list[tuple[str, Layer]]:
    """(text, layer) pairs of phrase rows (layer id, owner, doc_id, label, phrase, attrs as JSON text, span id), in
    layer order; a source keeps its canonical speaker attribute, a content span its stance and target (and is kept
    only with both), linked to its source by the ``links`` rows (layer id, head id, child id)."""
    linked: dict[int, list[tuple[int, int]]] = {}
    for layer_id, head, child in links:
        linked.setdefault(layer_id, []).append((head, child))
    keep = {roles.source: (roles.speaker,), roles.content: (roles.stance, roles.target)}
    taught = []
    for layer_id, group in groupby(rows, key=itemgetter(0)):
        found = list(group)
        phrases, spans, claims, at = [], [], [], 0
        keys: dict[int, str] = {}
        for number, (_, _, _, label, phrase, attrs, span_id) in enumerate(found, start=1):
            names = [name for name in keep.get(label, ()) if name is not None]
            values = orjson.loads(attrs) if isinstance(attrs, str) else (attrs or {})
            kept = {name: values[name] for name in names if isinstance(values.get(name), str)}
            key = keys[span_id] = f"s{number}"
            if label == roles.content:
                if len(kept) == 2:
                    claims.append((key, kept))
                continue
            phrases.append(phrase)
            spans.append(Span(key, at, at + len(phrase), label, kept))
            at += len(phrase) + 1
        end = max(at - 1, 0)
        spans += [Span(key, end, end, roles.content, kept) for key, kept in claims]
        held = {span.key for span in spans}
        relations = tuple(
            Relation(f"r{i}", keys[head], keys[child], roles.source_relation or "")
            for i, (head, child) in enumerate(linked.get(layer_id, ()), start=1)
            if keys.get(head) in held and keys.get(child) in held
        )
        _, owner, doc_id, _, _, _, _ = found[0]
        taught.append(("\n".join(phrases), Layer(doc_id, owner, Status.DONE, spans=tuple(spans), relations=relations)))
    return taught
