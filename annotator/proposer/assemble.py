"""Found claims as ``Proposals`` in the schema's own names: the content, source and cue labels, the source and
cue relations, and the speaker, quote type and target attributes of its ``[statement]`` table. A part the schema
does not have is left out. Keys (``p1``, ``p2``…) follow text order, so the same input gives the same keys."""

from __future__ import annotations

from annotator.proposal import Proposals, ProposedRelation, ProposedSpan
from annotator.proposer.attributes import TargetsNamed, claim_attributes
from annotator.proposer.found import Claim
from annotator.proposer.sources import Resolver
from annotator.schema import Schema

_Key = tuple[int, int, str]


def assemble(
    text: str, schema: Schema, claims: list[Claim], resolver: Resolver, targets: tuple[str, ...] = ()
) -> Proposals:
    """The proposals for ``claims`` found in ``text``, with canonical speakers from ``resolver`` and targets from
    the schema's list and ``targets``."""
    statement = schema.statement
    source_label = statement.source if statement.source and schema.label(statement.source) else None
    cue_label = statement.cue if statement.cue and schema.label(statement.cue) else None
    source_relation = _relation(schema, statement.source_relation, statement.content, source_label)
    cue_relation = _relation(schema, statement.cue_relation, statement.content, cue_label)
    spans: dict[_Key, tuple[str, dict[str, str]]] = {}
    links: list[tuple[_Key, _Key, str, str]] = []
    unique = {(c.start, c.end): c for c in reversed(claims)}
    claims = sorted(unique.values(), key=lambda c: (c.start, c.end))
    if source_label:
        _speakers(schema, claims, resolver, source_label, spans)
    named = TargetsNamed(text, tuple(dict.fromkeys((*schema.targets, *targets)))) if statement.target else None
    for claim in claims:
        attrs, why = claim_attributes(schema, claim, text, named)
        key = (claim.start, claim.end, statement.content)
        spans[key] = (claim.rule + why, attrs)
        found = claim.attribution
        if found is None:
            continue
        if source_label and found.source is not None:
            phrase = found.source.phrase
            if source_relation:
                links.append((key, (phrase.start, phrase.end, source_label), source_relation, "closest source"))
        if cue_label and found.cue is not None:
            cue_key = (found.cue.start, found.cue.end, cue_label)
            spans.setdefault(cue_key, (found.cue.rule, {}))
            if cue_relation:
                links.append((key, cue_key, cue_relation, "cue"))
    rank = {name: i for i, name in reversed(list(enumerate(schema.label_names)))}
    order = sorted(spans, key=lambda k: (k[0], k[1], rank[k[2]]))
    keys = {span: f"p{i}" for i, span in enumerate(order, start=1)}
    proposed = tuple(ProposedSpan(keys[k], k[0], k[1], k[2], spans[k][0], spans[k][1]) for k in order)
    relations = tuple(
        ProposedRelation(keys[head], keys[child], label, f"link: {what} in the attribution")
        for head, child, label, what in dict.fromkeys(links)
    )
    return Proposals(proposed, relations)


def _speakers(
    schema: Schema, claims: list[Claim], resolver: Resolver, label: str, spans: dict[_Key, tuple[str, dict[str, str]]]
) -> None:
    """The source mentions of the claims, each with its canonical speaker, resolved in text order."""
    mentions = {
        (c.attribution.source.phrase.start, c.attribution.source.phrase.end): c.attribution.source
        for c in claims
        if c.attribution is not None and c.attribution.source is not None
    }
    attribute = (
        schema.statement.speaker if schema.statement.speaker and schema.attribute(schema.statement.speaker) else None
    )
    for position in sorted(mentions):
        source = mentions[position]
        resolved = resolver.resolve(source.phrase)
        attrs: dict[str, str] = {}
        rule = source.rule
        if resolved is not None and attribute is not None:
            attrs[attribute] = resolved.speaker
            rule += f"; speaker '{resolved.speaker}' from {resolved.how}"
        spans[(*position, label)] = (rule, attrs)


def _relation(schema: Schema, name: str | None, head: str, child: str | None) -> str | None:
    relation = schema.relation(name) if name else None
    if relation is None or child is None or relation.head != head or relation.child != child:
        return None
    return relation.name
