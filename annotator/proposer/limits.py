"""What voids a reporting verb's report or limits its content, beside the rules of ``indirect``: a negated
report (``did not say``), ``per`` as a rate, a verb before ``and that`` (the clause is the reporting verb's), the
writer's comment after a reported clause (``..., the largest recall in its history``, ``..., raising the prospect
of strikes``) or a noun that sums it up (``..., a pledge the treasurer has called unaffordable``), an -ed adjective
after ``and`` that is no joined verb (``its arcades and shared gardens``), an -ing noun after a possessive (``the
court's ruling``), and an auxiliary alone between a comma and its verb (``X, the treasurer, has said``)."""

from __future__ import annotations

import re

from annotator.proposer.found import Context

# A noun phrase after the reported clause's last comma that comments on the whole clause, as the writer's aside: a
# superlative (the largest recall in its history), or an indefinite noun with a relative clause (a post that was
# shared 40,000 times), up to the end with no comma.
# Also a participle of consequence (, raising the prospect of strikes; , dealing a blow to X): what the reported
# fact brings about, as the writer sees it; "without" with a verb of saying (, without saying why): the report's
# manner, told by the writer; and the writer's own doubt (, though it was not clear how many ...).
COMMENT = re.compile(
    r",\s+(?:(?:the|its|their|his|her)\s+(?:[\w’'-]+\s+){0,2}?(?:[a-z]{2,}est|most|biggest|first|last)\s"
    r"|(?:a|an)\s+[a-z][\w’'-]*\s+(?:that|which)\s"
    r"|raising\s+(?:the\s+)?(?:prospect|possibility|spectre|specter|fears?|concerns?|questions?|hopes?|doubts?)\b"
    r"|(?:dealing|prompting|sparking|fuelling|fueling|triggering|paving|casting|dashing|deepening|heightening|handing"
    r"|marking)\s"
    r"|without\s+(?:saying|giving|explaining|specifying|elaborating|offering|providing|naming|detailing)\b"
    r"|(?:though|although|but)\s+it\s+(?:was|is|remains|remained)\s+(?:not\s+(?:yet\s+)?clear|unclear)\b)"
    r"(?:[^,;:“”\"]|(?<=\d),(?=\d))*$"
)
# A noun phrase after the content's comma that sums the content up, with a relative clause that has a subject of its
# own (..., a pledge that the finance chief has said would cost X; ..., a question the mayor has raised): the writer's
# apposition to what was said, which ends the content.
RESUMPTIVE = re.compile(
    r",\s+(?:a|an)\s+[a-z][\w’'-]*\s+(?:that\s+|which\s+)?(?:(?:the|his|her|its|their)\s+[\w’'-]+|[A-Z][\w’'-]+)"
    r"(?:,?\s+[\w’'-]+){0,5}?,?\s+(?:has|have|had)\s+[a-z]+"
)
# A verb inside a reported clause followed by the next coordinated clause (that C, that the unions had agreed and
# that D): the "that" is the reporting verb's, not this verb's.
JOINED_THAT = re.compile(r"\s*,?\s*(?:and|but|or)\s+that\s", re.IGNORECASE)
# "per" before a lower-case word with no determiner: a rate (per cent, per person), not a source (per the agency).
RATE = re.compile(r"\s+(?!(?:the|a|an|its|their|his|her|our)\b)[a-z]")
NEGATED = re.compile(
    r"(?<![\w’'-])(?:(?:did|does|do|would|could|will|can)\s+not|(?:did|does|do|would|could|wo|ca)n[’']t|cannot|never"
    r"|(?:refused|refuses|declined|declines|failed|fails)\s+to)\s+$",
    re.IGNORECASE,
)

# A possessive right before an -ing word makes it a noun (the court's ruling, his warning), not a verb with a subject.
OWNED = re.compile(r"(?:\w[’']s|\ws[’']|(?<![\w’'-])(?:his|her|its|their|our|my|your))\s*$", re.IGNORECASE)


def adjective(ctx: Context, joined: re.Match[str], stop: int) -> bool:
    """Whether the -ed word after ``and`` is an adjective of a second noun, not a verb joined on: one plural noun
    after it ends the object, after a plural noun (praised its arcades and shared gardens; not a cue: and praised
    officials reports, and thanked the staff has an object of its own)."""
    text = ctx.text
    if ctx.cue_ends_at(joined.end()):
        return False
    after = _PLURAL_ENDS.match(text, joined.end(), stop)
    before = text[joined.start() - 12 : joined.start()].rstrip(" ,").rsplit(" ", 1)[-1]
    return after is not None and after.group(1).lower() not in _FUNCTION and before.endswith("s")


# One plural noun that ends an object (and shared gardens.): no determiner, pronoun or preposition.
_PLURAL_ENDS = re.compile(r"\s+([a-z][\w’'-]*s)\s*(?=[.,;:!?”\"]|$)")
_FUNCTION = frozenset(("its", "his", "this", "us", "was", "is", "has", "does", "as", "thus", "towards", "afterwards"))


def adverbs_between(text: str, subject_end: int, verb: int) -> bool:
    """Whether words stand between a subject's end and its verb other than auxiliaries (``, then went on to say``
    holds an adverb; ``X, has said`` only an auxiliary, so the subject is the phrase before the comma)."""
    return any(word.lower() not in _AUXILIARIES for word in text[subject_end:verb].split())


_AUXILIARIES = frozenset(("has", "have", "had"))
