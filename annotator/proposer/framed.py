"""Reports framed by a passive of saying or by a noun of saying, whose cue is not a verb with its subject (read
after the rules of reported speech, one sentence at a time):

- ``X is said to have warned that C``: hearsay about a report; the source is X and the cue the inner verb of
  saying (``X is said to be Y`` reports no one's words and is left alone);
- ``X's position is that C`` / ``X's view was that C``: a noun of saying or opinion after a possessor, then a copula
  and ``that``; the source is the possessor (its ``’s`` left out), the cue the noun with its copula;
- ``In X's words, C``: the source is the possessor, the cue the noun ``words`` (the possessor stands between it
  and ``In``);
- ``C, the court heard`` / ``The jury heard that C``: court reporting, where what was said in a hearing is told by
  its hearers; the cue is ``heard`` and no source is proposed (the court is the audience, the speaker unnamed);
- ``The union estimates that C`` / ``Critics claim that C``: the present of a verb that is also a noun (which the
  lexicon takes only in its past and -ing forms) reports when its subject comes right before it and ``that``
  opens a clause right after it (``the claims that were made`` has no subject, ``that were`` no clause).
"""

from __future__ import annotations

import re

from annotator.proposer.found import Attribution, Claim, Context
from annotator.proposer.indirect import _span
from annotator.proposer.lexicon import _NOUN_LIKE, CueKind, CueMatch
from annotator.proposer.phrases import skip_between, verbish

_SAID_TO = re.compile(
    r"\s+(?:is|are|was|were)\s+(?:also\s+|widely\s+|reported(?:ly)?\s+)?said\s+to\s+(?:have\s+)?(?=\w)", re.I
)
_THAT = re.compile(r"\s*(?:(?:[\w’'.-]+\s+){0,8}?)that\s+", re.IGNORECASE)
# A noun of saying or opinion, its copula, then "that" (the union's position is that C).
_NOUN_THAT = re.compile(
    r"(?:’s|'s|s’|s')\s+((?:position|view|argument|message|contention|claim|line|point|answer|response|conclusion|"
    r"verdict|case|assessment|explanation|belief|stance)\s+(?:is|was|has\s+been|had\s+been|remains|remained))"
    r"\s+that\s+",
    re.IGNORECASE,
)
_PRESENT_FORMS = frozenset(
    form for v in _NOUN_LIKE for form in (v, f"{v}es" if v.endswith(("s", "sh", "ch", "x")) else f"{v}s")
)
_PRESENT = "|".join(sorted(_PRESENT_FORMS, reverse=True))
_COPULAS = frozenset(("is", "was", "been", "remains", "remained"))
_PRESENT_THAT = re.compile(
    r"(?<![\w’'-])(" + _PRESENT + r")\s+that\s+(?!(?:is|was|were|are|has|have|had|will|would|could|should|can|may|"
    r"might|must|does|did|do)\b|[a-z]+ed\b)",  # the reports that followed: "that" is a relative clause's subject
    re.IGNORECASE,
)
# The hearers of a hearing before "heard": after the clause they heard (..., the court heard.) or before "that".
_HEARERS = r"(?:the\s+)?(?:court|jury|jurors|inquest|tribunal|hearing|trial|magistrates|committee|inquiry)\s+"
_HEARD_AFTER = re.compile(r",\s+" + _HEARERS + r"(?:also\s+|had\s+)?(heard)\s*[.!?]?\s*$", re.IGNORECASE)
_HEARD_THAT = re.compile(r"(?<![\w’'-])" + _HEARERS + r"(?:also\s+|had\s+|was\s+)?(heard)\s+that\s+", re.I)
_IN_WORDS = re.compile(r"(?<![\w’'-])(In)\s+(?=\S)(.{1,60}?)(?:’s|'s|s’|s')\s+(?:own\s+)?(words)\s*,\s*")


def claims(ctx: Context, start: int, end: int) -> list[Claim]:
    """The claims of the sentence ``[start, end)`` framed as above."""
    text = ctx.text
    found: list[Claim] = []
    if text.find("said to", start, end) >= 0:
        for match in _SAID_TO.finditer(text, start, end):
            claim = _said_to(ctx, start, end, match)
            if claim is not None:
                found.append(claim)
    at = text.find(" that ", start, end)
    while at >= 0:  # each "that": the word before it tells which structure may hold (a set lookup, no scan)
        opens = max(start, text.rfind(" ", start, at) + 1)
        word = text[opens:at].lower()
        if word in _COPULAS:
            noun = _NOUN_THAT.search(text, max(start, opens - 60), min(end, at + 7))
            framed = _noun_that(ctx, start, end, noun) if noun else None
            if framed is not None:
                found.append(framed)
        elif word in _PRESENT_FORMS:
            present = _PRESENT_THAT.match(text, opens, end)
            framed = _present_that(ctx, start, end, present) if present else None
            if framed is not None:
                found.append(framed)
        at = text.find(" that ", at + 5, end)
    if text.find("heard", start, end) >= 0:
        found += _heard(ctx, start, end)
    if text.find("words", start, end) >= 0:
        for words in _IN_WORDS.finditer(text, start, end):
            if text[start : words.start()].strip(' “"‘'):
                continue  # only a sentence's opening adjunct
            source = ctx.after(words.start(2), words.end(2))
            content = _span(text, words.end(), end)
            if source is None or content is None or source.phrase.end != words.end(2):
                continue
            cue = CueMatch(
                words.start(3), words.end(3), CueKind.SOURCE_AFTER, "cue: noun of saying in 'In X's words'", "words"
            )
            found.append(Claim(*content, "claim: clause after 'In X's words'", Attribution(source, cue)))
    return found


def _noun_that(ctx: Context, start: int, end: int, match: re.Match[str]) -> Claim | None:
    source = ctx.subject(start, match.start())
    claim = _span(ctx.text, match.end(), end)
    if source is None or claim is None or source.phrase.pronoun:
        return None
    noun = match.group(1)
    rule = f"cue: noun of saying '{' '.join(noun.split())}'"
    cue = CueMatch(match.start(1), match.end(1), CueKind.THAT, rule, noun)
    return Claim(*claim, "claim: clause after 'X's position is that'", Attribution(source, cue))


def _present_that(ctx: Context, start: int, end: int, match: re.Match[str]) -> Claim | None:
    subject_end = skip_between(ctx.text, start, match.start())
    source = ctx.subject(start, subject_end)
    claim = _span(ctx.text, match.end(), end)
    if source is None or claim is None or source.phrase.text.endswith(("’s", "'s", "s’", "s'")):
        return None
    if verbish(source.phrase.text.rsplit(" ", 1)[-1]):
        return None  # The ministry ignored claims that C: the noun is the object of the verb before it
    verb = match.group(1)
    cue = CueMatch(match.start(1), match.end(1), CueKind.VERB, f"cue: reporting verb '{verb}'", verb)
    return Claim(*claim, "claim: clause after a verb that is also a noun", Attribution(source, cue))


def _said_to(ctx: Context, start: int, end: int, match: re.Match[str]) -> Claim | None:
    text = ctx.text
    verb = next((c for c in ctx.cues_in(match.end(), end) if c.start == match.end()), None)
    if verb is None:
        return None  # X is said to be Y: no one's words
    source = ctx.subject(start, match.start())
    that = _THAT.match(text, verb.end, end)
    claim = _span(text, that.end(), end) if that else None
    if source is None or claim is None:
        return None
    return Claim(*claim, "claim: clause after 'X is said to have (verb)'", Attribution(source, verb))


def _heard(ctx: Context, start: int, end: int) -> list[Claim]:
    """``C, the court heard.`` / ``The jury heard that C``: the clause heard, with the cue and no source."""
    text = ctx.text
    after = _HEARD_AFTER.search(text, start, end)
    if after is not None:
        before = text[start : after.start()].lstrip()
        claim = _span(text, start, after.start()) if before[:1] not in ("“", '"', "‘") else None
        rule = "claim: clause before 'the court heard'"
    else:
        after = _HEARD_THAT.search(text, start, end)
        claim = _span(text, after.end(), end) if after is not None else None
        rule = "claim: clause after 'the court heard that'"
    if after is None or claim is None:
        return []
    cue = CueMatch(after.start(1), after.end(1), CueKind.THAT, "cue: reporting verb of a hearing 'heard'", "heard")
    return [Claim(*claim, rule, Attribution(None, cue))]
