"""One pass over a text: paragraphs, their sentences and quotations, the cues in each, and the claims the rules
find, each with its attribution. Nothing here knows the schema: ``assemble`` names the parts."""

from __future__ import annotations

import re
from bisect import bisect_left

from annotator.proposer import direct, framed, indirect, reported
from annotator.proposer.found import Attribution, Claim, Context, Source
from annotator.proposer.lexicon import CueKind, CueMatch
from annotator.proposer.segments import Paragraph, Quote, paragraphs, sentences


def find(ctx: Context) -> list[Claim]:
    """Every claim in the text, in the order found."""
    text = ctx.text
    found: list[Claim] = []
    previous: Attribution | None = None  # the last attribution of the paragraph before
    carried: Attribution | None = None  # the attribution of a quotation left open at the end of a paragraph
    for paragraph in paragraphs(text, ctx.cue_ends_at):
        if _CAPTION.match(text, paragraph.start, paragraph.end):
            continue  # Photo: ...: a caption is not annotated, whatever it reports
        claims, last, open_quote = _paragraph(ctx, paragraph, previous, carried if paragraph.reopens else None)
        found += claims
        previous = last
        carried = open_quote
    return found


def _paragraph(
    ctx: Context, paragraph: Paragraph, previous: Attribution | None, reopened: Attribution | None
) -> tuple[list[Claim], Attribution | None, Attribution | None]:
    text = ctx.text
    found: list[Claim] = []
    quoted = reopened  # the attribution of the last direct quotation in this paragraph
    pending: Attribution | None = None  # "X said:" ending a sentence, for the quotation that follows
    last: Attribution | None = None
    opens = [q.open_at for q in paragraph.quotes]
    ranges = list(sentences(text, paragraph.start, paragraph.end, paragraph.quotes))
    consumed: set[CueMatch] = set()  # cues of a sentence that attributes the quotation before it
    for index, (start, end) in enumerate(ranges):
        quotes = paragraph.quotes[bisect_left(opens, start) : bisect_left(opens, end)]
        cues = [cue for cue in ctx.cues_in(start, end) if not _inside(cue, quotes)]
        if consumed:
            cues = [cue for cue in cues if cue not in consumed]
        asked = _ASKED.match(text, start, end)
        if asked:  # Asked what she hoped ..., she answered: the question's words are no report of hers
            cues = [cue for cue in cues if cue.start >= asked.end()]
        direct_quotes = [q for q in quotes if direct.is_direct(ctx, q, start)]
        taken: set[CueMatch] = set()
        source: Source | None = None
        for quote in direct_quotes:
            own = direct.attribution(ctx, quote, start, end, cues)
            if own is None and quote is direct_quotes[0] and not cues:
                own = _blunt(ctx, start, quote.open_at)
            if own is None and quote is direct_quotes[-1] and index + 1 < len(ranges):
                own = _told_after(ctx, quote, end, ranges[index + 1], paragraph.quotes)
                if own is not None and own.cue is not None:
                    consumed.add(own.cue)
            if own is not None and own.cue is not None:
                taken.add(own.cue)
            how = ""
            if own is None and quote is paragraph.quotes[0] and reopened is not None:
                how = ", the quotation reopens"
            elif quote.close_at is None:
                how = ", the quotation never closes"
            attribution = own or pending or last or quoted or (previous if quote is paragraph.quotes[0] else None)
            found += direct.quoted_claims(ctx, quote, attribution, how)
            found += _inside_quote(ctx, quote)
            quoted = attribution or quoted
            source = direct.source_of(attribution) or source
            last = attribution or last
        fragments = [q for q in quotes if q not in direct_quotes]
        left = [c for c in cues if c not in taken]
        claims, source = indirect.claims(ctx, start, end, left, fragments, source)
        used = {id(claim.attribution.cue) for claim in claims if claim.attribution is not None}
        unused = [c for c in left if id(c) not in used]
        more = reported.claims(ctx, start, end, unused, source) if unused else []
        more += (
            reported.estimates(ctx, start, end) + reported.quoted_as(ctx, start, end) + framed.claims(ctx, start, end)
        )
        claims += [c for c in more if not any(c.start < o.end and o.start < c.end for o in claims + found)]
        found += claims
        if claims:
            last = claims[-1].attribution or last
        pending = _colon(ctx, start, end, cues, taken) if not direct_quotes else None
    last = pending or last
    open_quote = quoted if paragraph.quotes and paragraph.quotes[-1].close_at is None else None
    return found, last, open_quote


def _inside(cue: CueMatch, quotes: list[Quote]) -> bool:
    return any(q.open_at < cue.start and (q.close_at is None or cue.end <= q.close_at) for q in quotes)


def _inside_quote(ctx: Context, quote: Quote) -> list[Claim]:
    """Reported speech inside a quotation (``“They stated that C,” he said``): the rules of indirect speech, on
    each quoted sentence."""
    found: list[Claim] = []
    for start, end in ctx.quote_sentences(quote):
        cues = list(ctx.cues_in(start, end))
        if cues:
            found += indirect.claims(ctx, start, end, cues, (), None, rule_in_quote=True)[0]
    return found


def _colon(ctx: Context, start: int, end: int, cues: list[CueMatch], taken: set[CueMatch]) -> Attribution | None:
    """``X said:`` at the end of a sentence: the attribution of the quotation that follows."""
    text = ctx.text
    if not text[start:end].rstrip().endswith(":"):
        return None
    for cue in reversed(cues):
        if cue not in taken and not text[cue.end : end].strip(" :\n"):
            source = ctx.subject(start, cue.start)
            return Attribution(source, cue) if source else None
    return None if cues else _blunt(ctx, start, end)


def _blunt(ctx: Context, start: int, end: int) -> Attribution | None:
    """``She was blunt: “…”``: no reporting verb, but the subject of a short clause that ends with a colon (a person
    named, or a pronoun) introduces the quotation that follows."""
    before = ctx.text[start:end].rstrip()
    if not before.endswith(":") or len(before.split()) > (_LONGER if _FRANK.search(before) else _SHORT):
        return None
    source = ctx.opening(start, end)
    if source is None or not (source.phrase.pronoun or source.phrase.named):
        return None
    return Attribution(Source(source.phrase, "speaker: subject of the clause before the quotation"), None)


def _told_after(
    ctx: Context, quote: Quote, end: int, following: tuple[int, int], quotes: list[Quote]
) -> Attribution | None:
    """``“….” Dr X, deputy head of Y, told a briefing.``: a quotation that ends its sentence, attributed by the
    next sentence, which opens with the source and holds a cue with no content of its own."""
    text = ctx.text
    if quote.close_at is None or text[quote.close_at + 1 : end].strip():
        return None
    start, stop = following
    cues = [cue for cue in ctx.cues_in(start, stop) if not _inside(cue, quotes)]
    if not cues or any(q.open_at < stop and q.end > start for q in quotes):
        return None
    cue = cues[0]
    source = ctx.verb_subject(start, cue.start)
    if source is None or text[start : source.phrase.start].strip():
        return None
    rest = text[cue.end : stop]
    if _CONTENT.search(rest) or (cue.kind != CueKind.THAT and not _NO_CONTENT.match(rest)):
        return None
    return Attribution(source, cue)


_CONTENT = re.compile(r"\bthat\b|[:“\"]", re.IGNORECASE)
_NO_CONTENT = re.compile(r"\s*(?:[.!?…]|(?:in|on|at|during|after|before|from|to|while|when|last|this)\b)", re.I)
_CAPTION = re.compile(r"\s*[(\[]?(?:Photo|Photograph|Picture|Pictured|Image|Caption|Video|Graphic)s?\s*:")
_ASKED = re.compile(r"[“\"]?Asked\b[^,.;:“”\"]{0,200},")
_SHORT = 6
"""The most words of a sentence without a cue that introduces the quotation after its colon."""
_LONGER = 12
"""The most words of such a sentence when its verb is a manner of speaking (X is blunt about the sport she left:)."""
# A copula and an adjective of a manner of speaking: the sentence says how its subject speaks, whatever its topic.
_FRANK = re.compile(
    r"\b(?:is|was|are|were|been)\s+(?:[a-z]+ly\s+)?(?:(?:far\s+|much\s+|even\s+)?(?:less|more)\s+)?(?:blunt|frank|candid|clear|adamant"
    r"|emphatic|direct|unequivocal|scathing|defiant|forthright|outspoken|unapologetic|blunter|franker"
    # an attitude taken in words (she was less forgiving of her players:, he was more cautious:)
    r"|forgiving|critical|harsh|cautious|optimistic|upbeat|gloomy|pessimistic|dismissive|philosophical|bullish)\b",
    re.IGNORECASE,
)
