"""Direct quotation: one claim per quoted sentence, attributed by the cue beside the quotation.

A quotation is direct when it opens its sentence or follows a colon, comma or dash (``he said: “…”``); one inside
a sentence after a word is a quoted fragment (``described it as “a disgrace”``) and makes the reported claim around
it mixed. Each quoted sentence is a claim keeping its final stop; the comma before the closing mark is left out.

The attribution is the cue after the quotation (``“…,” he said.``, ``“…,” said X.``), else the cue before it
(``X said: “…”``, ``According to X, “…”``), or a present verb that is also a noun right after a quotation closed by
a comma (``“…,” Brennan recalls.``); a quotation with neither belongs to a ``X said:`` just before it, to the
last attribution before it in the same paragraph (a quotation's or reported speech's), to the quotation it
reopens, or to the last attribution of the paragraph before.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from annotator.proposer.found import Attribution, Claim, Context, Source
from annotator.proposer.lexicon import CueKind, CueMatch
from annotator.proposer.phrases import skip_between
from annotator.proposer.segments import Quote

# said in a statement: “…”, posted on social media: “…”: an adjunct of a few words between the cue and the colon
_PLACE_AND_COLON = re.compile(r"\s+(?:on|in|at|to|during|from)\s+[^“”\"\n.,;:]{1,40}:\s*")
_NEAR = 200
"""How far after a quotation its attribution may start (``,” the minister of ... said``), in characters."""


def is_direct(ctx: Context, quote: Quote, sentence_start: int) -> bool:
    """Whether ``quote`` is quoted speech rather than a quoted fragment inside a sentence: it opens the sentence,
    follows a colon, comma or dash, or follows a cue (``he said “…”``)."""
    before = ctx.text[sentence_start : quote.open_at].rstrip()
    if not any(char.isalnum() for char in before) or before[-1] in ':,;—–-”"(’' or before.endswith("..."):
        return True
    if _NOUN_IN_ING.search(before):
        return False  # called the ruling “…”: an -ing form after a determiner is a noun, no cue
    return ctx.cue_ends_at(sentence_start + len(before))


_NOUN_IN_ING = re.compile(r"(?<![\w’'-])(?:the|a|an|this|that|its|his|her|their|our)\s+[a-z]+ing$", re.IGNORECASE)


def attribution(ctx: Context, quote: Quote, start: int, end: int, cues: Sequence[CueMatch]) -> Attribution | None:
    """The attribution written beside ``quote`` in its sentence ``[start, end)``: after it, else before it."""
    text = ctx.text
    if quote.close_at is not None:
        after = quote.close_at + 1
        starts = [cue.start for cue in cues]
        for cue in cues[bisect_left(starts, after) :]:
            between = text[after : cue.start]
            if len(between) > _NEAR or "“" in between or '"' in between or "." in between:
                break
            subject_end = skip_between(text, after, cue.start)
            source = ctx.subject(after, subject_end) if cue.kind != CueKind.SOURCE_AFTER else None
            if source is not None and text[after : source.phrase.start].strip(" ,\n").lower() not in ("", "as"):
                source = None
            if source is None and cue.kind != CueKind.SOURCE_AFTER:
                # “…,” Piotr Nowak, its chairman, said / “…,” its chairman, Piotr Nowak, said: an apposition
                source = ctx.apposed(after, subject_end)
                if source is not None and text[after : source.phrase.start].strip(" ,\n"):
                    source = None
            if source is None and not text[after:subject_end].strip(" ,\n"):
                source = ctx.after(cue.end, end)
            if source is not None:
                return Attribution(source, cue)
            break
        present = _present_after(ctx, quote, after)
        if present is not None:
            return present
    lead = [cue for cue in cues[: bisect_left([c.start for c in cues], quote.open_at)] if cue.end <= quote.open_at]
    if lead and (
        text[lead[-1].end : quote.open_at].strip(" ,:\n—–-") == ""
        or _subject_after(ctx, lead[-1], quote)
        or _PLACE_AND_COLON.fullmatch(text, lead[-1].end, quote.open_at)
    ):
        cue = lead[-1]
        if cue.kind == CueKind.SOURCE_AFTER:
            source = ctx.after(cue.end, quote.open_at)
        else:
            source = ctx.verb_subject(start, cue.start) or ctx.after(cue.end, quote.open_at)
        if source is not None:
            return Attribution(source, cue)
    return None


# A verb of saying in the present that is also a noun (recalls, notes, remarks): not a cue of the lexicon, but right
# after a quotation closed by a comma and a short subject, at the clause's end, it is the verb (“…,” Brennan recalls.).
_PRESENT = re.compile(
    r"\s+((?:[\w’'.-]+\s+){0,4}?[\w’'.-]+)\s+(notes|recalls|remarks|replies|responds|answers|comments|stresses|claims"
    r"|boasts|counters|quips)(?=\s*[.,;!?—–]|\s*$)",
    re.IGNORECASE,
)


def _present_after(ctx: Context, quote: Quote, after: int) -> Attribution | None:
    """``“…,” Brennan recalls.``: the attribution by a present verb that the lexicon leaves out as a noun."""
    text = ctx.text
    if text[quote.close_at - 1 : quote.close_at] not in (",", "?", "!") if quote.close_at else True:
        return None
    found = _PRESENT.match(text, after)
    if found is None:
        return None
    source = ctx.subject(after, found.end(1))
    if source is None or source.phrase.end != found.end(1):
        return None
    verb = found.group(2)
    return Attribution(source, CueMatch(found.start(2), found.end(2), CueKind.QUOTE, f"cue: reporting verb '{verb}'"))


def _subject_after(ctx: Context, cue: CueMatch, quote: Quote) -> bool:
    """``According to X, “…”`` or ``said X: “…”``: only the source between the cue and the quotation."""
    source = ctx.after(cue.end, quote.open_at)
    return source is not None and not ctx.text[source.phrase.end : quote.open_at].strip(" ,:\n—–-")


def quoted_claims(ctx: Context, quote: Quote, found: Attribution | None, how: str) -> Iterator[Claim]:
    """One claim per sentence of the quotation, each keeping its final stop, without a trailing comma."""
    text = ctx.text
    for start, end in ctx.quote_sentences(quote):
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end - start >= 2:
            yield Claim(start, end, f"claim: quoted sentence{how}", found, direct=True)


def source_of(found: Attribution | None) -> Source | None:
    return found.source if found else None
