"""Reporting structures with no subject right before the cue, read after the rules of reported speech (the cues
those rules left, one sentence at a time):

- ``It was announced that C``: the impersonal passive of a verb of saying; the claim and its cue, no source (the
  text names none); ``it is believed that`` hedges the writer's own words and is left alone;
- ``X asked (Y) whether C`` / ``X wanted to know if C``: a reported question; its content opens with the
  question word (``whether``, ``if``, ``why``, ...), which it keeps;
- ``As X put it, C`` / ``C, as X said.``: the source follows ``as`` and the content is the clause on the other
  side of the comma;
- ``X put the number at 23,000`` / ``X estimate the debts at two billion dollars``: an estimate, whose content is
  the small clause ``the number at 23,000`` (``estimates``; ``put`` reports only so);
- ``The agency quoted him as saying that C``: the one quoted is the source (``quoted_as``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.proposer.found import Attribution, Claim, Context, Source
from annotator.proposer.indirect import _PASSIVE, _span
from annotator.proposer.lexicon import CueKind, CueMatch
from annotator.proposer.phrases import skip_between, word_set

_IMPERSONAL = re.compile(
    r"(?:^|[,;:]\s+|\s)it\s+(?:was|is|has\s+been|had\s+been|will\s+be|is\s+being)\s+(?:also\s+)?$", re.I
)
# Verbs of communication in the impersonal passive (it was announced that): a report with no source named. Verbs of
# belief (it is believed, thought, expected, estimated that) hedge the writer's own statement and are left out.
_ANNOUNCED = word_set(
    "announced reported said stated claimed confirmed alleged revealed disclosed declared noted stressed "
    "emphasised emphasized warned"
)
_THAT = re.compile(r"\s*that\s+", re.IGNORECASE)
_QUESTIONS = frozenset(("ask", "asks", "asked", "asking", "wonder", "wonders", "wondered", "wondering"))
_QUESTION_PHRASES = ("want to know", "wants to know", "wanted to know", "wanting to know")
# The question word after an addressee of at most four words (asked reporters whether, asked the court why).
_QUESTION = re.compile(r"\s*(?:[\w’'-]+\s+){0,4}?(?=(?:whether|if|why|how|what|when|where|who)\s)", re.IGNORECASE)
_AS = re.compile(r"(?:^|,\s*|[“\"‘]\s*)as\s+$", re.IGNORECASE)
_AFTER_AS = re.compile(r"\s*(?:it\s*)?,\s*", re.IGNORECASE)
_CLOSING = re.compile(r"\s*(?:it\s*)?[.!?…]?\s*$", re.IGNORECASE)


def claims(ctx: Context, start: int, end: int, cues: Sequence[CueMatch], last: Source | None) -> list[Claim]:
    """The claims of the sentence ``[start, end)`` that the structures above make from ``cues`` (those no other
    rule used); ``last`` is the sentence's source so far (``..., asking whether``)."""
    text = ctx.text
    found: list[Claim] = []
    for cue in cues:
        phrase = " ".join(cue.phrase.lower().split())
        before = text[start : cue.start]
        if _IMPERSONAL.search(before) and phrase in _ANNOUNCED:
            that = _THAT.match(text, cue.end, end)
            claim = _span(text, that.end(), end) if that else None
            if claim:
                rule = "claim: clause after an impersonal passive (it was announced that)"
                found.append(Claim(*claim, rule, Attribution(None, cue)))
            continue
        if phrase in _QUESTIONS or phrase in _QUESTION_PHRASES:
            question = _QUESTION.match(text, cue.end, end)
            subject_end = skip_between(text, start, cue.start)
            if _PASSIVE.search(text, subject_end, cue.start):
                continue  # she was asked what ...: the question is someone else's, unnamed
            source = ctx.subject(start, subject_end) or ctx.apposed(start, subject_end)
            if source is None and before.rstrip().endswith(","):
                source = last
            claim = _span(text, question.end(), end) if question and source else None
            if claim and source:
                found.append(Claim(*claim, "claim: reported question", Attribution(source, cue)))
            continue
        subject_end = skip_between(text, start, cue.start)
        source = ctx.subject(start, subject_end)
        head = text[start : source.phrase.start] if source is not None else ""
        if source is None or not _AS.search(head):
            continue
        as_at = start + head.lower().rfind("as")
        after = _AFTER_AS.match(text, cue.end, end)
        if text[start:as_at].strip(' “"‘') == "" and after:
            claim = _span(text, after.end(), end)  # As X put it, C
        elif text[start:as_at].rstrip().endswith(",") and _CLOSING.match(text, cue.end, end):
            claim = _span(text, start, text.rindex(",", start, as_at))  # C, as X said.
        else:
            claim = None
        if claim:
            found.append(Claim(*claim, "claim: clause beside 'as' and its source", Attribution(source, cue)))
    return found


_AMOUNT = (
    r"(?:(?:about|around|roughly|some|nearly|almost|more\s+than|less\s+than|fewer\s+than|up\s+to|over|under|"
    r"as\s+many\s+as|as\s+much\s+as)\s+)?(?:[$€£¥]?\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|thirty|forty|fifty|a\s+hundred|hundreds|thousands|half|a\s+quarter|a\s+third)"
    r"(?:\s*(?:%|per\s*cent|percent|million|billion|trillion|dollars|euros|pounds|people)\b)*"
)
_ESTIMATE = re.compile(
    r"(?<![\w’'-])(put|puts|putting|placed|places|placing|estimated|estimates|estimate|estimating)\s+"
    r"((?:the|its|their|his|her|this|that)\s+(?:[\w’'-]+\s+){0,4}?at\s+" + _AMOUNT + r")",
    re.IGNORECASE,
)


_QUOTED_AS = re.compile(r"(?<![\w’'-])(quoted|quotes|quoting)\s+(?=\S)(.{1,60}?)\s+as\s+saying\s+(?:that\s+)?", re.I)


def quoted_as(ctx: Context, start: int, end: int) -> list[Claim]:
    """``The agency quoted him as saying that C``: the source is the one quoted, the cue the verb of quoting."""
    text = ctx.text
    found: list[Claim] = []
    if text.find("as saying", start, end) < 0:
        return found
    for match in _QUOTED_AS.finditer(text, start, end):
        source = ctx.after(match.start(2), match.end(2))
        if source is None or source.phrase.end != match.end(2):
            continue
        verb = match.group(1)
        cue = CueMatch(match.start(1), match.end(1), CueKind.VERB, f"cue: reporting verb '{verb}'", verb)
        claim = _span(text, match.end(), end)
        if claim and text[claim[0]] not in '“"':
            found.append(Claim(*claim, "claim: clause after 'quoted X as saying'", Attribution(source, cue)))
    return found


def estimates(ctx: Context, start: int, end: int) -> list[Claim]:
    """``X put the number at 23,000``: the claims of estimates in the sentence ``[start, end)``."""
    text = ctx.text
    found: list[Claim] = []
    if text.find(" at ", start, end) < 0 or all(text.find(v, start, end) < 0 for v in ("put", "estimat", "plac")):
        return found
    for match in _ESTIMATE.finditer(text, start, end):
        subject_end = skip_between(text, start, match.start())
        source = ctx.subject(start, subject_end) or ctx.apposed(start, subject_end)
        if source is None or _PASSIVE.search(text, subject_end, match.start()):
            continue
        verb = match.group(1)
        cue = CueMatch(match.start(1), match.end(1), CueKind.VERB, f"cue: verb of estimating '{verb}'", verb)
        claim = _span(text, match.start(2), match.end(2))
        if claim:
            found.append(Claim(*claim, "claim: the small clause of an estimate", Attribution(source, cue)))
    return found
