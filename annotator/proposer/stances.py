"""Stance proposed only with evidence: what the same canonical speaker's claims on the same target were given in
the project's layers. Never from the claim's words (sentiment is no evidence of the speaker's stance).

``stance_evidence`` reads statements (a claim with its source's canonical speaker, its target and its stance) out
of layers: the done layers the project taught (``learn``), or the reader's own open layer, where a stance set just
now is evidence for the next claim of the same speaker on the same target. ``with_stances`` gives a proposed claim
that has a target and a source with a canonical speaker the stance all the evidence agrees on (one or more
statements, no two different stances), with the rule in words: "stance 'AGAINST' as Ana Costa on Water in doc-3".
Where the evidence disagrees, or there is none, the stance stays empty.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from annotator.model import Layer
from annotator.proposal import Proposals, ProposedSpan
from annotator.schema import Schema, StatementDef
from annotator.statement import layer_statements

Evidence = Mapping[tuple[str, str], tuple[tuple[str, str], ...]]
"""(canonical speaker, target) -> the (stance, doc id) of each statement that says it, in the order read."""

STANCE_RULE = "; stance '"
"""How the stance's part of a claim's rule begins: the part ``with_stances`` gives, and takes away again."""


def stance_evidence(
    layers: Iterable[Layer], definition: StatementDef
) -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """The stances the statements of ``layers`` give, by canonical speaker and target: only statements that have
    all three (a source with a canonical speaker, a target and a stance) count."""
    found: defaultdict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    if not (definition.stance and definition.target and definition.speaker):
        return {}
    for layer in layers:
        for statement in layer_statements(definition, layer.spans, layer.relations).statements:
            if statement.speaker and statement.target and statement.stance:
                found[statement.speaker, statement.target].append((statement.stance, layer.doc_id))
    return {key: tuple(values) for key, values in found.items()}


def merged(*evidence: Evidence) -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """The evidence of several readings together."""
    together: defaultdict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for each in evidence:
        for key, values in each.items():
            together[key] += values
    return {key: tuple(values) for key, values in together.items()}


def agreed(evidence: Evidence, speaker: str, target: str) -> tuple[str, str] | None:
    """The stance every statement of ``speaker`` on ``target`` has, with the words that say where it comes from;
    None without evidence or when two statements disagree."""
    said = evidence.get((speaker, target), ())
    stances = {stance for stance, _ in said}
    if len(stances) != 1:
        return None
    (stance,) = stances
    docs = list(dict.fromkeys(doc for _, doc in said))
    where = ", ".join(docs[:3]) + (f" and {len(docs) - 3} more" if len(docs) > 3 else "")
    return stance, f"as {speaker} on {target} in {where}"


def with_stances(proposals: Proposals, schema: Schema, evidence: Evidence) -> Proposals:
    """``proposals`` with each proposed claim's stance as ``evidence`` has it (given again from the start: a stance
    given before by other evidence is taken away first); the same proposals where nothing changes."""
    roles = schema.statement
    stance, target, speaker = roles.stance, roles.target, roles.speaker
    if not (stance and target and speaker and schema.attribute(stance)):
        return proposals
    sources = {
        r.head: r.child for r in proposals.relations if r.label == roles.source_relation
    }  # a claim -> its proposed source
    by_key = {p.key: p for p in proposals.spans}
    changed = False
    spans: list[ProposedSpan] = []
    for proposal in proposals.spans:
        new = proposal
        if proposal.label == roles.content:
            source = by_key.get(sources.get(proposal.key, ""))
            who = source.attrs.get(speaker) if source is not None else None
            about = proposal.attrs.get(target)
            found = agreed(evidence, who, about) if who and about else None
            rule = proposal.rule.split(STANCE_RULE)[0]
            attrs = {name: value for name, value in proposal.attrs.items() if name != stance}
            if found is not None and schema.attribute_problem(proposal.label, stance, found[0]) is None:
                attrs[stance] = found[0]
                rule += f"{STANCE_RULE}{found[0]}' {found[1]}"
            if rule != proposal.rule or attrs != dict(proposal.attrs):
                new = ProposedSpan(proposal.key, proposal.start, proposal.end, proposal.label, rule, attrs)
                changed = True
        spans.append(new)
    return Proposals(tuple(spans), proposals.relations) if changed else proposals
