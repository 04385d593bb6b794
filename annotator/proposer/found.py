"""What the rules find in a text before it becomes proposals: claims with the attribution (source and cue) that
governs each, and the context every rule reads (the text, the cue lexicon, the learned source phrases); a
description with its modifiers as one source (``modified``)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.proposer import phrases, senses
from annotator.proposer.lexicon import CueLexicon, CueMatch
from annotator.proposer.phrases import Phrase
from annotator.proposer.segments import Quote, sentences


@dataclass(frozen=True, slots=True)
class Source:
    """A source mention and the rule that found it."""

    phrase: Phrase
    rule: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said it (None when no source was found) and the cue that says so (None where the text has none: ``She
    was blunt: “…”``)."""

    source: Source | None
    cue: CueMatch | None


@dataclass(frozen=True, slots=True)
class Claim:
    """A content span found by a rule; ``direct``: inside quotation marks; ``mixed``: reported speech holding a
    quoted fragment."""

    start: int
    end: int
    rule: str
    attribution: Attribution | None
    direct: bool = False
    mixed: bool = False


class Context:
    """The text being read with the lexicon the rules use."""

    def __init__(self, text: str, cues: CueLexicon, learned_sources: Iterable[str]) -> None:
        self.text = text
        self.cues = [cue for cue in cues.find(text) if not senses.elsewhere(text, cue)]
        self._starts = [cue.start for cue in self.cues]
        self._ends = {cue.end for cue in self.cues}
        self._quote_sentences: dict[Quote, list[tuple[int, int]]] = {}
        # The learned source phrases by their words in lower case, looked up by the last words before a verb.
        self.learned = frozenset(" ".join(p.lower().split()) for p in learned_sources if p.strip())
        self._longest_learned = max((phrase.count(" ") + 1 for phrase in self.learned), default=0)
        self._learned_tails = frozenset(
            " ".join(words[i:]) for words in map(str.split, self.learned) for i in range(1, len(words))
        )

    def quote_sentences(self, quote: Quote) -> list[tuple[int, int]]:
        """The sentences of a quotation's content, found once: its claims and the reported speech in it read
        them."""
        found = self._quote_sentences.get(quote)
        if found is None:
            found = self._quote_sentences[quote] = list(sentences(self.text, quote.start, quote.end))
        return found

    def cue_ends_at(self, position: int) -> bool:
        return position in self._ends

    def cues_in(self, start: int, end: int) -> list[CueMatch]:
        """The text's cues within ``[start, end)``."""
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end, first)
        return [cue for cue in self.cues[first:last] if cue.end <= end]

    def subject(self, start: int, end: int) -> Source | None:
        """The source phrase ending at ``end`` (a verb's subject): a learned source phrase where one ends there,
        else a name, description or pronoun found from the words."""
        found = phrases.before(self.text, start, end)
        if self.learned:
            learned = self._learned_before(start, end)
            if learned is not None and (found is None or learned.start <= found.start):
                return Source(learned, "speaker: learned source phrase")
        if found is None:
            return None
        return Source(found, _rule(found, "before the cue"))

    def _learned_before(self, start: int, end: int) -> Phrase | None:
        """The learned source phrase that ends at ``end`` (spaces before it skipped) and starts earliest, within
        200 characters and not before ``start``, at a word's start: the last words looked up in a set."""
        text = self.text
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        low = max(start, stop - 200)
        # the runs of text between spaces before ``stop``, the last first
        chunks = [(m.start(), m.end()) for m in _RUN.finditer(text, low, stop)][::-1][: self._longest_learned]
        found: Phrase | None = None
        rest = ""  # the runs after the one looked at, as the phrase's last words
        for begin, run_end in chunks:
            # the phrase may open inside the run, after a mark that is not part of a word (“, (, .)
            for opening in _OPENS.finditer(text, begin, run_end):
                first = opening.start()
                if first < run_end and (text[first:run_end] + rest).lower() in self.learned:
                    found = Phrase(first, stop, text[first:stop])
                    break
            rest = " " + text[begin:run_end] + rest
            if rest[1:].lower() not in self._learned_tails:
                break  # no learned phrase ends with these words: none that starts before them either
        return found

    def verb_subject(self, start: int, cue_start: int) -> Source | None:
        """The subject of the verb at ``cue_start``: right before it (adverbs and auxiliaries skipped), or before
        an apposition."""
        end = phrases.skip_between(self.text, start, cue_start)
        return self.subject(start, end) or self.apposed(start, end)

    def apposed(self, start: int, end: int) -> Source | None:
        """``X, the minister of Y, said`` / ``X, who ..., said``: the source before an apposition or a relative
        clause that ends at ``end`` with a comma; the apposition is not part of the source."""
        text = self.text
        stop = end
        while stop > start and text[stop - 1] in " \u00a0":
            stop -= 1
        if stop <= start or text[stop - 1] != ",":
            return None
        comma = text.rfind(",", start, stop - 1)
        whose = _RELATIVE_OPENS.search(text, max(start, stop - 300), comma) if comma > start else None
        if whose is not None and len(text[whose.end() : stop].split()) <= 30:
            # X, whose father, Y, lived there, said: the relative clause holds commas of its own, and the source
            # is before the comma that opens it
            found = phrases.before(text, start, whose.start())
            lead = text[start : found.start].strip(" “\"'‘(") if found is not None else ""
            if found is not None and (found.named or _described(found)) and (not lead or lead.endswith(",")):
                return Source(found, _rule(found, "before the cue (relative clause left out)"))
        between = text[comma + 1 : stop - 1].split() if comma >= 0 else []
        # a relative clause, or an apposition that holds one (a professor at X who was not involved in it), or a
        # participle's clause, which is a relative clause reduced (X, speaking at a rally in ..., said)
        relative = any(w.lower() in ("who", "which", "whose") for w in between[:14])
        longest = 20 if relative or (between and between[0].endswith("ing") and between[0].islower()) else 12
        if comma < 0 or len(between) > longest:
            return None
        found = phrases.before(text, start, comma)
        if found is None or _PARTITIVE.fullmatch(found.text):
            # One of them, the architect Marc Roy, said: the apposition is the source when it names someone
            inner = phrases.opening(text, comma + 1, stop - 1)
            if inner is not None and inner.named and not text[inner.end : stop - 1].strip():
                described = _DESCRIPTION.fullmatch(text, start, comma) if found is None else None
                if described is not None:  # A lawyer for the family, Rui Matos, said: the description with its name
                    whole = Phrase(described.start(1), inner.end, text[described.start(1) : inner.end])
                    return Source(whole, "speaker: description and name before the cue")
                return Source(inner, _rule(inner, "before the cue (in an apposition)"))
        if found is None and _AGE.search(text, max(start, comma - 6), comma):
            # Nguyen Van Hung, 58, whose wife ..., said: the age is a second apposition
            comma = text.rfind(",", start, comma)
            found = phrases.before(text, start, comma) if comma >= 0 else None
        if found is None or found.pronoun:
            return None
        lead = text[start : found.start].strip(" “\"'‘(")
        if found.named and lead.endswith(","):
            # Her former coach, Alan Gerrity, who trained her, said: the description with its name is one mention
            title = phrases.before(text, start, text.rindex(",", start, found.start))
            if title is not None and _described(title) and not text[start : title.start].strip(' “"‘'):
                whole = Phrase(title.start, found.end, text[title.start : found.end])
                return Source(whole, "speaker: description and name before the cue")
        opener = lead.rsplit(None, 1)[-1].lower() if lead else ""
        if lead and not lead.endswith((",", "—", "–")) and lead.lower() not in _CONJUNCTIONS and opener != "that":
            # SEOUL — X, the maker of Y, said; But X, who ..., said: a conjunction opens the sentence, not the source;
            # ..., a pledge that X, the finance chief, has said would ...: "that" opens the clause X is subject of
            return None
        apposition = text[comma + 1 : stop - 1].strip()
        words = apposition.split()
        if _described(found) and 0 < len(words) <= 4 and all(w[:1].isupper() for w in words):
            # The mayor of X, Grace Lim, said: a description with the name it introduces is one mention.
            end = comma + 1 + text[comma + 1 : stop - 1].find(apposition) + len(apposition)
            whole = Phrase(found.start, end, text[found.start : end])
            return Source(whole, "speaker: description and name before the cue")
        return Source(found, _rule(found, "before the cue (apposition left out)"))

    def after(self, start: int, end: int) -> Source | None:
        found = phrases.after(self.text, start, end)
        return Source(found, _rule(found, "after the cue")) if found else None

    def opening(self, start: int, end: int) -> Source | None:
        found = phrases.opening(self.text, start, end)
        if found is None:
            # In a note to clients, X cut ..., writing that: the subject after an opening adjunct and its comma
            adjunct = _ADJUNCT.match(self.text, start, end)
            found = phrases.opening(self.text, adjunct.end(), end) if adjunct else None
        return Source(found, _rule(found, "opening the clause")) if found else None


_RUN = re.compile(r"\S+")
_RELATIVE_OPENS = re.compile(r",\s+(?:who|whose|which)\s")
_CONJUNCTIONS = frozenset(("but", "and", "yet", "so", "still", "meanwhile", "however", "instead"))
_PARTITIVE = re.compile(r"(?:one|some|many|several|two|three|each|most)(?:\s+of\s+(?:them|those|us))?", re.I)
_AGE = re.compile(r",\s*\d{1,3}$")
# A description the words of the source phrase rules do not join (a noun with "for" and a partitive after it: A lawyer
# for one of them): a determiner and at most eight lower-case words, the whole of the clause before the comma.
_DESCRIPTION = re.compile(r"[\s,“\"‘]*((?:A|An|The|a|an|the)(?:\s+[a-z][\w’'-]*){1,8})\s*")
_ADJUNCT = re.compile(
    r"[“\"‘]?(?:In|On|At|After|Before|During|Speaking|Writing|Asked|Later|Earlier)\b[^,.;:“”\"]{0,80},\s*"
)
_OPENS = re.compile(r"(?<![\w’'-])")
"""Where a learned phrase may open: not after a letter, digit, apostrophe or hyphen."""


def modified(text: str, start: int, subject_end: int, source: Source) -> Source:
    """``C, a study published on Monday in the journal X found.``: a description with its modifiers between the
    comma after the content and the cue at the sentence's end is the source whole (twelve words at most, opening
    with a determiner, no finite verb among them)."""
    comma = text.rfind(",", start, source.phrase.start)
    if comma < 0 or text[start:comma].count(" ") < 2:
        return source
    stretch = text[comma + 1 : subject_end].strip()
    words = stretch.split()
    if (
        not 1 < len(words) <= 12
        or words[0].lower() not in _DETERMINER_OPENING
        or _FINITE_WORD.search(stretch)
        or any(mark in stretch for mark in '“”"();:')
    ):
        return source
    begin = text.index(stretch, comma + 1)
    return Source(
        Phrase(begin, begin + len(stretch), stretch), "speaker: description with its modifiers before the cue"
    )


_DETERMINER_OPENING = frozenset(("a", "an", "the"))
_FINITE_WORD = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|might|do|does|did|said|says|who|which|"
    r"that)\b",
    re.IGNORECASE,
)


def _described(phrase: Phrase) -> bool:
    """A description: a determiner or possessive, then a lower-case noun or a title among its words (the mayor of X,
    its chairman, her German counterpart)."""
    words = phrase.text.split()
    possessive = words[0].endswith(("’s", "'s"))  # Sevilla’s sporting director, Luis Ortega
    return (
        len(words) >= 2
        and (words[0].lower() in phrases.DETERMINERS or possessive)
        and any(w[:1].islower() or w.lower() in phrases.TITLES for w in words[1:])
    )


def _rule(phrase: Phrase, where: str) -> str:
    if phrase.pronoun:
        return "speaker: pronoun next to the cue"
    what = "name" if phrase.named else "description"
    return f"speaker: {what} {where}"
