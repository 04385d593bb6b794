"""The reporting lexicon: verbs and fixed phrases that introduce what someone said, with their inflections.

Entries come from the linguistics of reported speech (the verbs of saying, stressing, informing; "according to"),
not from any article. Each entry has a kind that says how its source and content sit around it:

- ``VERB``: a finite verb (``said``) or participle (``adding``); the source is its subject (before it, or after it
  in ``..., said X``) and the content follows it (``that``-clause, object, colon) or precedes it (``X, he said``);
- ``CLAUSE``: a verb whose content is a clause, with or without ``that`` (``believes [that] C``), never a noun
  phrase;
- ``THAT``: a verb with an addressee, whose content comes only after ``that`` or a colon (``told [the press]
  that``): without one the words after it are the addressee, not content;
- ``QUOTE``: a verb that reports only beside a quotation (``“…,” she continued``, ``he asked``);
- ``SOURCE_AFTER``: a phrase whose source follows it (``according to X, ...``, ``as stated by X``).

``CueLexicon`` compiles the built-in entries and a project's learned cue phrases into one regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from annotator.proposer.casing import lowered
from annotator.proposer.phrases import word_set


def _phrases(listed: str) -> tuple[str, ...]:
    """The entries of a comma-separated list."""
    return tuple(phrase.strip() for phrase in listed.split(","))


class CueKind(StrEnum):
    VERB = "verb"
    CLAUSE = "clause"
    THAT = "that"
    QUOTE = "quote"
    SOURCE_AFTER = "source after"


# Verbs whose content may follow them directly (an object, a bare clause) as well as after "that".
_OBJECT_VERBS = _phrases(
    "say, state, note, stress, emphasize, emphasise, underline, underscore, highlight, praise, welcome, condemn, "
    "criticize, criticise, hail, describe, mention, add, reiterate, recall, announce, confirm, deny, reject, warn, "
    "urge, order, call, voice, declare, comment, remark, accuse, appreciate, promise, question, dispute, doubt, "
    "commend, slam, blame, applaud, caution, lament, regret, acknowledge, reaffirm, vow, pledge, dismiss, defend, "
    "go on to say, call for, call on, appeal for, complain of, complain about, speak about, speak of, talk about, "
    "inform about, touch upon, touch on, dwell on, draw attention to, point to, refer to, "
    "note with satisfaction, note with regret, note with concern, propose, denounce, deplore, "
    "decry, laud, blast, refute, proclaim, hit out at, lash out at, speak highly of, hint at, rule out, "
    "speak in detail about, speak at length about, talk in detail about, talk at length about"
)
# "expressed support for X", "voiced concern over X": a noun of attitude after "express" or "voice", with the
# preposition that takes its object (the object is the claim, as after "called for"). The noun alone reports only a
# clause after "that" (expressed hope that C): "expressed gratitude to the hosts" names an addressee, no content.
_ATTITUDES = {
    "support": "for",
    "opposition": "to",
    "concern": "over, about, at, for",
    "concerns": "over, about",
    "hope": "for",
    "confidence": "in",
    "regret": "over, at, for",
    "satisfaction": "with, at, over",
    "dissatisfaction": "with, at, over",
    "disappointment": "with, at, over",
    "frustration": "with, at, over",
    "interest": "in",
    "gratitude": "for",
    "appreciation": "for",
    "alarm": "at, over",
    "anger": "at, over",
    "outrage": "at, over",
    "surprise": "at",
    "doubts": "about, over",
    "reservations": "about",
    "fears": "about, over, for",
    "optimism": "about",
    "scepticism": "about",
    "skepticism": "about",
    "sympathy": "for",
    "solidarity": "with",
}
_OBJECT_VERBS += tuple(
    f"{verb} {noun} {preposition}"
    for verb in ("express", "voice")
    for noun, prepositions in _ATTITUDES.items()
    for preposition in _phrases(prepositions)
)
# Verbs of support and opposition, whose object is the position taken (supported the proposal, backed the captain):
# only their past forms, as the others are nouns far more often (support, backing, opposing teams).
_TAKING_SIDES = _phrases("supported, backed, endorsed, opposed")
# Verbs of praise that "highly" grades as one judgement (highly appreciated the work, as "spoke highly of").
_PRAISED_HIGHLY = _phrases("appreciate, praise, commend, value")
# Verbs with an addressee: their content comes only after "that" or a colon (told [reporters] that).
_ADDRESSEE_VERBS = _phrases(
    "tell, inform, remind, assure, convince, persuade, advise, notify, charge, signal, hint, recommend, demand, brief"
) + tuple(f"{verb} {noun}" for verb in ("express", "voice") for noun in _ATTITUDES)
# Verbs that report only beside a quotation (“…,” she continued): elsewhere they mean something else.
_QUOTE_VERBS = _phrases(
    "continue, go on, ask, exclaim, joke, quip, shout, laugh, sigh, post, tweet, put it, wonder, want to know, "
    "push back, hit back, fire back, shoot back, weigh in, chime in, interject, chant, yell, scream, roar, read, "
    "whisper, mutter, murmur, snap, growl, grumble, cry, plead, beg, gasp, sum up"
)
# Verbs whose content is a clause, with or without "that" (believes [that] both sides...), never a noun phrase.
_THAT_VERBS = _phrases(
    "believe, think, claim, argue, insist, explain, suggest, agree, admit, predict, estimate, indicate, reveal, "
    "report, observe, assert, affirm, maintain, contend, complain, reply, respond, answer, write, point out, "
    "quote as saying, make clear, make it clear, recognize, recognise, hope, concede, find, show, rule, allege, "
    "testify, disclose, confess, boast, counter, retort, conclude, lay out, report as saying, clarify, reckon, "
    "imply, specify"
)
# Verbs that are also common nouns ("the head of state", "member states", "a note"): only their past and -ing
# forms report; the base and -s forms would find nouns far more often than verbs.
_NOUN_LIKE = word_set(
    "state note report claim hope answer comment question dispute doubt remark reply respond praise welcome regret "
    "blame caution voice "
    "call recall mention highlight stress estimate promise point express touch draw refer speak talk vow pledge boast "
    "counter order rule show post tweet demand blast charge signal cry brief"
)
_SOURCE_AFTER = (
    "according to",
    "as stated by",
    "as noted by",
    "in the words of",
    "as quoted by",
    "as reported by",
    "in the view of",
    "in the opinion of",
    "per",
    # "As announced by the ministry, ...": a reporting verb's participle between "as" and "by"
    *(
        f"as {verb} by"
        for verb in _phrases(
            "announced, confirmed, emphasized, emphasised, stressed, indicated, "
            "pointed out, mentioned, explained, underlined, highlighted, said"
        )
    ),
)

# Irregular forms: base -> (third person, past, participle, -ing).
_IRREGULAR = {
    "say": ("says", "said", "said", "saying"),
    "tell": ("tells", "told", "told", "telling"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "draw": ("draws", "drew", "drawn", "drawing"),
    "think": ("thinks", "thought", "thought", "thinking"),
    "write": ("writes", "wrote", "written", "writing"),
    "make": ("makes", "made", "made", "making"),
    "admit": ("admits", "admitted", "admitted", "admitting"),
    "regret": ("regrets", "regretted", "regretted", "regretting"),
    "refer": ("refers", "referred", "referred", "referring"),
    "slam": ("slams", "slammed", "slammed", "slamming"),
    "dwell": ("dwells", "dwelt", "dwelt", "dwelling"),
    "go": ("goes", "went", "gone", "going"),
    "find": ("finds", "found", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"),
    "quip": ("quips", "quipped", "quipped", "quipping"),
    "put": ("puts", "put", "put", "putting"),
    "hit": ("hits", "hit", "hit", "hitting"),
    "shoot": ("shoots", "shot", "shot", "shooting"),
    "lay": ("lays", "laid", "laid", "laying"),
    "read": ("reads", "read", "read", "reading"),
    "cry": ("cries", "cried", "cried", "crying"),
    "beg": ("begs", "begged", "begged", "begging"),
    "snap": ("snaps", "snapped", "snapped", "snapping"),
    "hint": ("hints", "hinted", "hinted", "hinting"),
    "sum": ("sums", "summed", "summed", "summing"),
}


def inflections(verb: str) -> tuple[str, ...]:
    """Every form of a verb (its first word) with the rest of the phrase kept: ``point out`` -> ``points out``,
    ``pointed out``, ``pointing out``."""
    head, _, rest = verb.partition(" ")
    tail = f" {rest}" if rest else ""
    forms: tuple[str, ...]
    if head in _IRREGULAR:
        forms = (head, *_IRREGULAR[head])
    elif head.endswith("e"):
        forms = (head, head + "s", head + "d", head[:-1] + "ing")
    elif head.endswith("y") and head[-2] not in "aeiou":
        forms = (head, head[:-1] + "ies", head[:-1] + "ied", head + "ing")
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        forms = (head, head + "es", head + "ed", head + "ing")
    else:
        forms = (head, head + "s", head + "ed", head + "ing")
    if head in _NOUN_LIKE:
        forms = forms[2:]
    return tuple(dict.fromkeys(form + tail for form in forms))


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue found in a text: ``[start, end)`` and how it reports (``participle``: an -ing form)."""

    start: int
    end: int
    kind: CueKind
    rule: str
    phrase: str = field(default="", compare=False)
    """The cue's words as the rule quotes them (read from the rule when not given)."""
    participle: bool = field(default=False, init=False, compare=False)

    def __init__(self, start: int, end: int, kind: CueKind, rule: str, phrase: str = "") -> None:
        # The phrase and whether it is a participle are read many times per cue: worked out once here. Each field is
        # set as the generated __init__ of a frozen dataclass does, with object.__setattr__ looked up once.
        set_field = object.__setattr__
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "kind", kind)
        set_field(self, "rule", rule)
        phrase = phrase or rule.split("'", 1)[1][:-1]
        set_field(self, "phrase", phrase)
        participle = kind != CueKind.SOURCE_AFTER and phrase.split(" ", 1)[0].lower().endswith("ing")
        set_field(self, "participle", participle)


def _entries() -> dict[str, tuple[CueKind, str]]:
    entries: dict[str, tuple[CueKind, str]] = {}
    kinds = (
        (_OBJECT_VERBS, CueKind.VERB),
        (_THAT_VERBS, CueKind.CLAUSE),
        (_ADDRESSEE_VERBS, CueKind.THAT),
        (_QUOTE_VERBS, CueKind.QUOTE),
    )
    for verbs, kind in kinds:
        for verb in verbs:
            for form in inflections(verb):
                what = "reporting verb" if " " not in form else "reporting phrase"
                entries.setdefault(form, (kind, what))
    for verb in _PRAISED_HIGHLY:  # "highly appreciated X": the degree adverb is part of the judgement
        for form in inflections(verb):
            entries.setdefault(f"highly {form}", (CueKind.VERB, "reporting phrase"))
    for verb in _TAKING_SIDES:
        entries.setdefault(verb, (CueKind.VERB, "reporting verb"))
    for phrase in _SOURCE_AFTER:
        entries[phrase] = (CueKind.SOURCE_AFTER, "reporting phrase")
    return entries


_BUILT_IN = _entries()


def _trie(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words``, with common prefixes shared."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _pattern(root)


def _pattern(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        body = f"(?:{body})?"
    return body


class CueLexicon:
    """The built-in reporting lexicon with a project's learned cue phrases, indexed by first word: a text is read
    in one pass over its words, and only a word that starts an entry is looked at further."""

    def __init__(self, learned: Iterable[str] = ()) -> None:
        self.entries = dict(_BUILT_IN)
        for phrase in learned:
            phrase = " ".join(phrase.split()).lower()
            if phrase and phrase not in self.entries:
                kind = CueKind.SOURCE_AFTER if phrase.endswith((" to", " by")) else CueKind.VERB
                self.entries[phrase] = (kind, "learned cue")
        self._by_first: dict[str, list[tuple[int, re.Pattern[str] | None, str]]] = {}
        for phrase in self.entries:
            first, _, rest = phrase.partition(" ")
            # The other words, with any white space between them (a phrase may break across a line).
            tail = (
                re.compile(r"\s+" + r"\s+".join(map(re.escape, rest.split())) + r"(?![\w’'-])", re.I) if rest else None
            )
            self._by_first.setdefault(first, []).append((len(phrase.split()), tail, phrase))
        for options in self._by_first.values():
            options.sort(key=lambda option: -option[0])  # "noted with satisfaction" before "noted"
        # The first words as one expression shaped as a trie: the engine passes over most places after one letter.
        trie = _trie(self._by_first)
        self._first = re.compile(rf"(?<![\w’'-])(?:{trie})(?![\w’'-])", re.IGNORECASE)
        # Where the first words are ASCII and open with a letter, the same words are found faster case-sensitive on
        # the text in lower case (``casing``), and from the character before a word (an expression that opens with
        # a class of characters skips to them, where one that opens by looking behind tries every place).
        fast = all(phrase.isascii() for phrase in self.entries) and all(re.match(r"\w", w) for w in self._by_first)
        self._at = re.compile(rf"(?:{trie})(?![\w’'-])") if fast else None
        self._after = re.compile(rf"[^\w’'-]({trie})(?![\w’'-])")

    def find(self, text: str, start: int = 0, end: int | None = None) -> Iterator[CueMatch]:
        """The cues in ``text[start:end]``, in text order, the longest entry at each place."""
        end = len(text) if end is None else end
        resume = start
        for at, stop, first in self._first_words(text, start, end):
            if at < resume:
                continue
            for _, tail, phrase in self._by_first.get(first, ()):
                if tail is not None:
                    match = tail.match(text, stop, end)
                    if match is None:
                        continue
                    stop = match.end()
                kind, what = self.entries[phrase]
                words = text[at:stop] if tail is None else " ".join(text[at:stop].split())
                yield CueMatch(at, stop, kind, f"cue: {what} '{words}'", words)
                resume = stop
                break

    def _first_words(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        """Where an entry's first word stands in ``text[start:end]``, in order: its start, end and lower case."""
        low = lowered(text) if self._at is not None else None
        if self._at is None or low is None:
            for token in self._first.finditer(text, start, end):
                yield token.start(), token.end(), token.group().lower()
            return
        if start == 0:  # the first word of the text has no character before it
            opening = self._at.match(low, 0, end)
            if opening is not None:
                yield 0, opening.end(), opening.group()
                start = opening.end() + 1
        for token in self._after.finditer(low, max(start - 1, 0), end):
            yield token.start(1), token.end(1), token.group(1)
