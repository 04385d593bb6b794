"""Reported speech outside quotation marks, one sentence at a time, from each cue in it:

- ``X said (that) C`` / ``X stressed the importance of C`` / ``X described C``: the source is the verb's subject,
  the content what follows the verb (after ``that`` or a colon where there is one, an addressee or adjunct before
  ``that`` left out) up to the sentence's end or the next attribution;
- ``C, said X`` / ``C, X said``: the content is the clause before the comma;
- ``According to X, C`` / ``C, according to X``: the source follows the phrase;
- ``Emphasizing that C, X noted ...``: a participle opening the sentence has the main clause's subject; ``..., adding
  that C`` and ``... and praised C`` the subject of the verb before them.

The content ends where the next attribution starts (``, adding``, ``and emphasized``), at a semicolon, and, for a
noun-phrase object, where a verb is joined on (``and exchanged views``); the sentence's full stop is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.proposer.found import Attribution, Claim, Context, Source, modified
from annotator.proposer.lexicon import CueKind, CueMatch
from annotator.proposer.limits import COMMENT, JOINED_THAT, NEGATED, OWNED, RATE, RESUMPTIVE, adjective, adverbs_between
from annotator.proposer.objects import CLAUSE, COGNITION, DAYS, SAY, adds_a_thing, no_object, other_sense, topic
from annotator.proposer.phrases import DETERMINERS, SUBJECT_PRONOUNS, Phrase, skip_between, word_set
from annotator.proposer.segments import Quote

# "that" after at most eight words of an addressee or adjunct (told reporters that, said in a statement that), or a
# colon; after a verb with an object ("stressed the importance ... that") only an adjunct may come first.
_THAT = re.compile(r"\s*(?:(?:[\w’'.-]+\s+){0,8}?)that\s+|\s*:\s*", re.IGNORECASE)
# After a verb whose addressee comes first (told, assured), the addressee may be longer: told several hundred
# supporters outside her campaign office in the X neighbourhood that C (fourteen words at most).
_ADDRESSEE_THAT = re.compile(r"\s*(?:(?:[\w’'.-]+\s+){0,14}?)that\s+|\s*:\s*", re.IGNORECASE)
# Verbs with an object of their own that may instead name whom they address before "that" (warned his players
# that C, promised voters that C): the addressee is a pronoun, a short determined noun phrase or a plural noun.
_WARNED = word_set(
    "warn warns warned warning caution cautions cautioned cautioning promise promises promised promising "
    "pledge pledges pledged pledging vow vows vowed vowing"
)
_ADDRESSED_THAT = re.compile(
    r"\s*(?:him|her|them|us|me|you|(?:the|his|her|their|its|our|my|your)\s+(?!(?:[\w’'-]+\s+){0,2}?(?:of|about|against|"
    r"over|on|in|for)\s)(?:[\w’'-]+\s+){0,2}?[\w’'-]+|[a-z]+s)\s+that\s+(?!(?:is|was|were|are|has|had|would|will)\b)",
    re.IGNORECASE,
)
_ADJUNCT_THAT = re.compile(
    r"\s*(?:(?:in|on|at|for|during|after|before|while|when|last|this|earlier|later|again|also|once|yesterday|today|"
    r"further|repeatedly|firmly|clearly|separately|within|" + DAYS + r")\b\s*(?:[\w’'.-]+\s+){0,8}?)?that\s+|\s*:\s*"
    r"|\s*,[^,.;:]{1,40},\s*that\s+",  # said, however, that
    re.IGNORECASE,
)
# What may follow a verb whose content came before it: nothing, the full stop, or an adjunct (..., he said on Monday).
_ADJUNCT = re.compile(
    r"\s*(?:[.!?…”\",]|(?:in|on|at|during|from|after|before|while|when|last|this|earlier|" + DAYS + r")\b|$)", re.I
)
_COORDINATED = re.compile(r"(?:^|,?\s+)(?:and|but|and then|but also|then)$", re.IGNORECASE)
# What a clause before ", he said" cannot be: a quotation (the quotes' rules take it) or an adjunct.
_NOT_A_CLAUSE = re.compile(r"\s*(?:[“\"]|(?:in|on|at|during|after|before|asked|speaking|later|earlier)\b)", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being)\b", re.IGNORECASE)
_JOINED_MAIN = re.compile(
    r",\s+but\s+(?:[a-z]+ed|gave|made|took|kept|left|went|spoke|told)\b"
    r"|\s+but\s+(?:gave|made|took|kept|left|went|spoke|told|declined|refused)\b"  # said C but gave no names
    r"|\s+but\s+(?:would|could)\s+not\s+be\s+drawn\b"  # said C but would not be drawn: declined to say more
    r"|,\s+(?:most|many|some|all|several|few|none|both|each)\s+of\s+(?:them|whom)\b"  # C, most of them vendors
)
_BACKSHIFTED = re.compile(r"\b(?:had|would|could|might)\b", re.IGNORECASE)
_JOINED_VERB = re.compile(r",?\s+and\s+(?!\w+ly\b)[a-z]+ed\b")
# "I would say that": a speaker's hedge about their own words, not a report of what was said.
_HEDGE = re.compile(r"\b(?:would|could|might|should|can|may|must)\b", re.IGNORECASE)
_FIRST_PERSON = frozenset(("i", "we"))
_CONTRACTED = re.compile(r"[’'](?:ve|m|d|ll|re)$")  # I’ve, I’m, we’re: the pronoun with its auxiliary
# ", while Y said": another attribution joined to the reported clause, which ends at the comma.
_CONTRAST = re.compile(r",\s+(?:while|whereas|though|although)\s*$", re.IGNORECASE)
# ", which X say": a relative clause with an attribution of its own, whose source follows the relative word.
_RELATIVE = re.compile(
    r",\s+(?:(?:in|on|at|for|with|from|by|after|during)\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,2}?[\w’'-]+\s+that"
    r"|which|who|whom|where)\s+(?=[^,]*$)",  # ..., in a case that lawyers say could ...: a relative clause too
    re.IGNORECASE,
)
_DATELINE = re.compile(r"[A-Z][A-Z.’' /]{2,}(?:,\s+[A-Z][\w.’' ]{1,30})?(?:\([^)]{1,40}\))?\s*[—–-]\s+")
_OCCASION = re.compile(
    r"\s+(?:in|during)\s+(?:a|an|his|her|their|its)?\s*(?:[\w-]+\s+){0,2}?(?:statement|remarks|interview|speech|address|"
    r"post|letter|briefing|comments|news\s+conference|press\s+conference|phone\s+call)(?![\w’'-])",
    re.IGNORECASE,
)
_NAME_AFTER = re.compile(r",\s+((?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+)\s*[.!?]?\s*$")
_AND_THAT = re.compile(r"(?:,?\s+(?:and|but)|,)\s+that\s+(?!(?:is|was|were|are|would|will|could|has|had)\b)")
_WHICH = re.compile(r"\s*(?:which|who|whose)\s", re.IGNORECASE)
_REDUCED = re.compile(r"\s*(?:to|by)\s+(?:the|a|an|his|her|their|its|our)\b", re.IGNORECASE)
_VERB_AFTER = re.compile(r"(?:is|was|were|are|would|will|could|should|has|had|might|may|must|can)\b", re.I)
_MODIFIER = 8
"""How many words after the source of ``according to`` may still belong to it before the comma."""
_LATER = 8
"""How many cues after a cue are looked at for where its content ends (a sentence rarely holds more)."""
_NEAR = 200
"""How far before a cue the words that join it to the clause before (``, and``) are looked for, in characters."""
_LONGEST = 2000
"""The longest reported content proposed, in characters: a longer "sentence" is not prose (a list, a table)."""
_OPENING = ("“", '"', "‘", "«", "„")
_TRAILING = " \t\n\u00a0,;:—–-"
_FINAL = ".!?…"


def claims(
    ctx: Context,
    start: int,
    end: int,
    cues: Sequence[CueMatch],
    quotes: Sequence[Quote],
    last: Source | None,
    rule_in_quote: bool = False,
) -> tuple[list[Claim], Source | None]:
    """The reported-speech claims of the sentence ``[start, end)`` from its ``cues`` (those outside quotations
    the sentence's direct quotes have not taken), with the last source found (``last`` is the sentence's source
    so far, for ``..., adding that``)."""
    text = ctx.text
    found: list[Claim] = []
    for i, cue in enumerate(cues):
        if cue.kind == CueKind.QUOTE:
            continue  # reports only beside a quotation: the quotations' rules take it
        later = cues[i + 1 : i + 1 + _LATER]
        before = text[max(start, cue.start - _NEAR) : cue.start]
        if cue.kind != CueKind.SOURCE_AFTER and NEGATED.search(text, max(start, cue.start - 40), cue.start):
            continue  # She did not say how ..., declined to say whether ...: nothing was said
        if cue.kind == CueKind.SOURCE_AFTER:
            source = ctx.after(cue.end, end)
            if source is None or (cue.phrase.lower() == "per" and RATE.match(text, cue.end)):
                continue  # 46.8 per cent of the vote: a rate, no source
            stop = cue.start - (len(before) - len(before.rstrip()))
            quoted = text[start:stop].lstrip()[:1] in _OPENING  # “…,” he said, according to X: its own attribution
            if before.rstrip().endswith(",") and len(text[max(start, stop - _NEAR) : stop].split()) >= 3:
                if quoted:
                    continue
                claim = _span(text, start, stop - 1)
                rule = f"claim: clause before '{_words(cue, text)}'"
                named = _NAME_AFTER.match(text, source.phrase.end, end)
                if named and source.phrase.text.split()[0].lower() in DETERMINERS:
                    # ..., according to her daughter, Claire Roy.: the description with its name is one mention
                    whole = text[source.phrase.start : named.end(1)]
                    source = Source(Phrase(source.phrase.start, named.end(1), whole), source.rule)
            else:
                comma = text.find(",", source.phrase.end, end)
                relative = comma >= 0 and _WHICH.match(text, comma + 1) is not None
                if relative:  # According to X, which funded the study, C: the relative clause is the source's
                    comma = text.find(",", comma + 1, end)
                if comma < 0 or len(text[source.phrase.end : comma].split()) > _MODIFIER:
                    continue
                if comma > source.phrase.end and not relative:
                    # According to a study commissioned by X, ...: the source runs to the comma.
                    stretch = text[source.phrase.start : comma].rstrip()
                    phrase = Phrase(source.phrase.start, source.phrase.start + len(stretch), stretch)
                    source = Source(phrase, source.rule)
                claim = _span(text, comma + 1, _content_end(ctx, comma + 1, end, later, noun=False))
                rule = f"claim: clause after '{_words(cue, text)}'"
            if claim:
                found.append(Claim(*claim, rule, Attribution(source, cue), mixed=_mixed(quotes, *claim)))
            last = source
            continue
        opens = cue.start - start <= _NEAR and not before.strip(" “\"'‘(")
        if cue.participle and opens:
            # "Emphasizing that C, X noted ...": C ends at the comma before the main clause's subject.
            content = _content_start(text, cue, end)
            if content is None or other_sense(cue, text[cue.end : end]):
                continue
            source, stop = _main_subject(ctx, content, end, later)
            if source is None:
                continue
            claim = _span(text, content, stop)
            if claim:
                found.append(Claim(*claim, "claim: clause after the opening participle", Attribution(source, cue)))
            last = source
            continue
        subject_end = skip_between(text, start, cue.start)
        if _PASSIVE.search(text, subject_end, cue.start) and not cue.phrase.lower().startswith(
            ("quoted", "reported as")
        ):
            continue  # "was declared", "is reported": the subject is what is said, not who says it
        if cue.participle and OWNED.search(text, max(start, subject_end - 40), subject_end):
            continue  # the court's ruling, his warning: a noun, not a verb of the sentence
        if cue.phrase.endswith("ed") and _REDUCED.match(text, cue.end, end):
            continue  # the jobs promised to the state: a participle after its noun, not a verb of the sentence
        head = text[max(start, subject_end - _NEAR) : subject_end].rstrip()
        coordinated = (
            head.endswith(",") and (cue.participle or adverbs_between(text, subject_end, cue.start))
        ) or _coordinated(head) is not None  # ..., adding that; ..., then went on to say; ... and praised
        source = (last or ctx.opening(start, end)) if coordinated else ctx.subject(start, subject_end)
        postposed = False
        if source is None and head.endswith(","):
            source = ctx.apposed(start, subject_end)
        if source is None and head.endswith((",", "”", '"')):
            source = ctx.after(cue.end, end)
            if source is not None and source.phrase.pronoun and source.phrase.text.lower() not in SUBJECT_PRONOUNS:
                source = None  # said her clients ...: an object or possessive after the verb is no source
            elif source is not None and not _ADJUNCT.match(text, source.phrase.end, end):
                source = None  # said the exemption was likely ...: the subject of the reported clause
            postposed = source is not None
        if source is not None and not coordinated and _ENDS.match(text, cue.end, end):
            source = modified(text, start, subject_end, source)
        if source is None:
            continue
        if _CONTRACTED.sub("", source.phrase.text.lower()) in _FIRST_PERSON and (
            rule_in_quote or _HEDGE.search(text, source.phrase.end, cue.start)
        ):
            continue  # “..., but we believe ...”: the quoted speaker's own words, already the quotation's claim
        rest = text[cue.end : end]
        if other_sense(cue, rest, source.phrase.text) or JOINED_THAT.match(rest):
            continue  # tells of a village that ..., warned off the crowd, agreed and that D: no report of its own
        previous, last = last, source
        that = (_ADDRESSEE_THAT if cue.kind == CueKind.THAT else _ADJUNCT_THAT).match(rest)
        if that is None and cue.phrase.lower() in _WARNED:
            that = _ADDRESSED_THAT.match(rest)  # warned his players that C: the addressee is no content
        if postposed or (not coordinated and not that and _ADJUNCT.match(rest) and _comma_before(text, start, source)):
            stop = source.phrase.start if not postposed else cue.start
            clause = text[start:stop].rstrip(" ")
            if (
                not clause.endswith(",")
                or len(clause.split()) < 3
                or _NOT_A_CLAUSE.match(clause)
                or not any(w[:1].islower() and w not in ("and", "or") for w in clause.split())  # A, B and C agreed
            ):
                continue
            claim = _span(text, start, start + len(clause) - 1)
            if claim:
                rule = "claim: clause before the cue and its source"
                found.append(Claim(*claim, rule, Attribution(source, cue), mixed=_mixed(quotes, *claim)))
            continue
        if that and that.group().strip().lower() == "that" and len(text[cue.end + that.end() : end].split()) == 1:
            that = None  # "questioned that figure": a determiner, not a clause
        if that and that.group().lower().lstrip().startswith("that") and _VERB_AFTER.match(rest, that.end()):
            # said that was a question for the board: "that" is the clause's subject, and kept
            content, noun = cue.end + len(that.group()) - len(that.group().lstrip()), False
        elif that:
            content, noun = cue.end + that.end(), False
            if text[content : content + 1] in _OPENING:
                continue  # said: “...”: the quotation's own rules take it
        elif (about := topic(cue, rest)) is not None:
            content, noun = cue.end + about[0], about[1]  # briefed the guests on C, told them it had C: no addressee
        elif no_object(cue, rest):
            last = previous  # no content: no attribution for what follows either
            continue
        else:
            # said the fund had run dry: a clause; stressed the importance of X: a noun phrase
            # said C, and that D: C is a clause too
            finite = CLAUSE.match(rest) or (_AND_THAT.search(rest) if "that" in rest else None)
            content, noun = cue.end, not (cue.phrase.lower() in SAY and finite is not None)
        claim = _span(text, content, _content_end(ctx, content, end, later, noun=noun))
        if rule_in_quote and (cue.phrase.lower() in COGNITION or (noun and claim and text[claim[0]] != "‘")):
            continue  # “He promised homes”, “Dad thought C”: the quoted speaker's story, not a report of words
        if claim and rule_in_quote and text[claim[0]] == "‘" and text[claim[1] - 1] == "’":
            # “She said, ‘Sit down.’”: a quotation inside the quotation, without its marks, is direct speech
            rule = "claim: quotation inside a quotation"
            found.append(Claim(claim[0] + 1, claim[1] - 1, rule, Attribution(source, cue), direct=True))
        elif claim:
            what = "reported clause" if not noun else "object of the cue"
            rule = f"claim: {what}{' in a quotation' if rule_in_quote else ''}"
            for part in _clauses(text, *claim, noun):
                found.append(Claim(*part, rule, Attribution(source, cue), mixed=_mixed(quotes, *part)))
    return found, last


def _coordinated(head: str) -> re.Match[str] | None:
    """``_COORDINATED.search(head)``, searched only where ``head`` ends with one of its words (a search of an
    expression anchored at the end still tries every place of the text before)."""
    tail = head[-5:].lower().replace("ſ", "s")  # ſ is an s to a search that ignores case
    if not tail.removesuffix("\n").endswith(("and", "but", "then", "also")):
        return None
    return _COORDINATED.search(head)


def _clauses(text: str, start: int, end: int, noun: bool) -> list[tuple[int, int]]:
    """A reported clause and those joined to it by ``, and that`` or ``but that`` (said C, and that D): each is a
    claim (not where ``that`` is the subject of the next clause: C, but that was not all)."""
    if noun:
        return [(start, end)]
    parts: list[tuple[int, int]] = []
    for joined in _AND_THAT.finditer(text, start, end):
        part = _span(text, start, joined.start())
        if part:
            parts.append(part)
        start = joined.end()
    last = _span(text, start, end)
    return [*parts, last] if last else parts


def _words(cue: CueMatch, text: str) -> str:
    return " ".join(text[cue.start : cue.end].split())


_ENDS = re.compile(r"\s*[.!?…]?\s*$")


def _comma_before(text: str, start: int, source: Source) -> bool:
    return text[start : source.phrase.start].rstrip().endswith(",")


def _content_start(text: str, cue: CueMatch, end: int) -> int | None:
    that = _THAT.match(text, cue.end, end)
    return that.end() if that else (cue.end if text[cue.end : cue.end + 1].isspace() else None)


def _main_subject(ctx: Context, content: int, end: int, later: Sequence[CueMatch]) -> tuple[Source | None, int]:
    """The subject of the main clause after an opening participle's content, and where that content ends."""
    text = ctx.text
    for cue in later:
        source = ctx.subject(content, skip_between(text, content, cue.start))
        if source is not None and text[content : source.phrase.start].rstrip().endswith(","):
            return source, text.rindex(",", content, source.phrase.start)
    comma = text.find(",", content, end)
    while comma >= 0:
        source = ctx.opening(comma + 1, end)
        if source is not None:
            return source, comma
        comma = text.find(",", comma + 1, end)
    return None, end


def _content_end(ctx: Context, content: int, end: int, later: Sequence[CueMatch], *, noun: bool) -> int:
    """Where content starting at ``content`` ends: the sentence's end or the next attribution in it."""
    text = ctx.text
    stop = end
    for cue in later:
        if cue.start < content or adds_a_thing(cue, text[cue.end : end]):
            continue  # cutting X and adding Y: a verb of the content, not the next attribution
        near = max(content, cue.start - _NEAR)
        subject_end = skip_between(text, content, cue.start)
        if _BACKSHIFTED.search(text, subject_end, cue.start):
            continue  # C but had not agreed, and would put it right: the reported clause's tense, not the report's
        head = text[near:subject_end].rstrip()
        joined = _coordinated(head)
        adverbs = adverbs_between(text, subject_end, cue.start)  # ..., then went on to say
        if joined or ((cue.participle or cue.kind == CueKind.SOURCE_AFTER or adverbs) and head.endswith(",")):
            stop = near + (joined.start() if joined else len(head) - 1)
            break
        if ", wh" in head or "though" in head:
            subject = ctx.subject(near, near + len(head))
            contrast = _CONTRAST.search(text, near, subject.phrase.start) if subject is not None else None
            if contrast is not None:
                stop = contrast.start()  # ..., while the union said ...: another attribution
                break
        relative = _RELATIVE.search(head) if ", wh" in head or " that " in head else None
        if (
            relative
            and not _VERB_AFTER.match(text, near + relative.end())  # who had spent years arguing: no new subject
            and ctx.subject(near + relative.end(), near + len(head)) is not None
        ):
            stop = near + relative.start()  # ..., which doctors say is ...: another attribution, in a relative clause
            break
    if not noun:  # ..., but gave no details: a verb joined to the reporting verb, not to the reported clause
        joined = _JOINED_MAIN.search(text, content, stop)
        if joined:
            stop = joined.start()
    semicolon = text.find(";", content, stop)
    if semicolon >= 0:
        stop = semicolon
    resumed = RESUMPTIVE.search(text, content, stop)  # ..., a pledge that X has said would cost Y: the writer's
    stop = resumed.start() if resumed else stop
    if not noun:  # ..., the largest recall in its history / ..., a post that was shared: the writer's comment
        comma = text.rfind(", ", content, stop)
        while comma > content and COMMENT.match(text, comma, stop):
            stop, comma = comma, text.rfind(", ", content, comma)  # ..., raising X, its busiest period: both
    if noun:  # welcomed the deal in remarks carried by state television: the occasion is no part of the object
        occasion = _OCCASION.search(text, content, stop)
        if occasion:
            stop = occasion.start()
    if noun and stop - content <= _LONGEST:
        for joined in _JOINED_VERB.finditer(text, content, stop):
            if not adjective(ctx, joined, stop):
                stop = joined.start()
                break
    return stop


def _span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` without surrounding spaces and punctuation, without a dateline (``NEW DELHI —``) and
    without the sentence's final stop (a closing quotation mark is kept when the content holds its opening)."""
    while start < end and (text[start].isspace() or text[start] == ","):
        start += 1  # As the minister said, C: the comma after the attribution
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    while end > start:
        char = text[end - 1]
        if (
            char in _TRAILING
            or char in _FINAL
            or char.isspace()
            or (char in '”"' and not _opened(text, start, end - 1, char))
        ):
            end -= 1
        else:
            break
    return (start, end) if 2 <= end - start <= _LONGEST else None


def _opened(text: str, start: int, end: int, closing: str) -> bool:
    """Whether the content ``[start, end)`` opened the quotation that ``closing`` (at ``end``) closes."""
    opening = "“" if closing == "”" else '"'
    return text.count(opening, start, end) > text.count(closing, start, end)


def _mixed(quotes: Sequence[Quote], start: int, end: int) -> bool:
    return any(start <= q.open_at and (q.close_at or q.end) <= end for q in quotes)
