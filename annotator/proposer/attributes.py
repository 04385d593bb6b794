"""The attributes a proposed claim gets, only where the text is evidence for them: its quote type from its
quotation marks, and a target from the project's list when the claim names exactly one. Stance is never proposed:
the words of a claim are no evidence of its speaker's stance."""

from __future__ import annotations

import re
from functools import cache

from annotator.proposer.found import Claim
from annotator.schema import AttributeKind, Schema


def quote_type(claim: Claim) -> str:
    """``direct`` inside quotation marks (also when they never close), ``mixed`` for reported speech holding a
    quoted fragment, ``indirect`` otherwise."""
    return "direct" if claim.direct else "mixed" if claim.mixed else "indirect"


@cache
def _targets(targets: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One expression for every target of the list, and each target by its words in lower case."""
    names = {" ".join(t.split()).lower(): t for t in targets if t.strip()}
    if not names:
        return None
    body = "|".join(r"\s+".join(map(re.escape, name.split())) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), names


def named_target(schema: Schema, claim_text: str) -> str | None:
    """The one target of the schema's list the claim names; None when it names none or several."""
    found = _targets(schema.targets)
    if found is None:
        return None
    pattern, names = found
    named = {names[" ".join(m.group().split()).lower()] for m in pattern.finditer(claim_text)}
    return named.pop() if len(named) == 1 else None


def claim_attributes(schema: Schema, claim: Claim, claim_text: str) -> tuple[dict[str, str], str]:
    """The claim's attributes by the schema's names, and the words that say why (for its rule)."""
    statement = schema.statement
    attrs: dict[str, str] = {}
    why = ""
    if statement.quote_type:
        value = quote_type(claim)
        attribute = schema.attribute(statement.quote_type)
        if attribute is not None and (attribute.kind != AttributeKind.CHOICE or value in attribute.values):
            attrs[statement.quote_type] = value
    if statement.target:
        target = named_target(schema, claim_text)
        if target is not None:
            attrs[statement.target] = target
            why = f"; target '{target}' named in it"
    return attrs, why
