"""People named in the running text outside any attribution, for the canonical speaker of a later pronoun or
description (``Sevilla coach Diego Alcántara refused to comment. [...] He was blunt: “…”``; ``Portuguese striker
Tiago Mendes scored twice. [...] The Portuguese said ...``; ``Marta Ruiz, the team's captain, ... the captain
said``). Found from words alone: a name is two to four capitalised words; it counts as a person where a title or
role is attached to it (a word before it, or an apposition after it)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from functools import lru_cache

from annotator.proposer.casing import lowered
from annotator.proposer.lexicon import _trie
from annotator.proposer.names import ORGANISATION_WORDS, RANKS, ROLES, after_body, name_after_complement
from annotator.proposer.phrases import DETERMINERS, TITLES, word_set

_NAME = r"[A-Z][\w’'-]+(?:[ \u00a0]+(?:(?:de|da|del|van|von|al|bin|la|le)[ \u00a0]+)?[A-Z][\w’'-]+){1,3}"
# A title word (its first words shared, as a trie) and the name after it (coach Diego Alcántara); the title alone in
# a text in lower case, and a name where one starts.
_TITLE_WORDS = _trie(t for t in TITLES if "." not in t)
_TITLE_LOWER = re.compile(r"(?:" + _TITLE_WORDS + r")\s+")
# The same from the character before the title (an expression that opens with a class of characters skips to
# them, where one that opens by looking behind tries every place); the title and its spaces as group 1.
_TITLE_AFTER = re.compile(r"[^\w’'-](?=((?:" + _TITLE_WORDS + r")\s+))")
_NAME_AT = re.compile(_NAME + r"(?![\w’'-])")
_TITLED = re.compile(
    r"(?<![\w’'-])(?i:" + _trie(t for t in TITLES if "." not in t) + r")\s+(" + _NAME + r")(?![\w’'-])"
)
_LOOK_BACK = 3000
"""How far back a person named outside an attribution is looked for, in characters."""
_SUBJECT_WORDS = 4
"""At most this many words of its sentence before a titled name that is its subject (Sevilla coach X refused)."""
_SENTENCE_END = re.compile(r"[.!?…]\s+|\n")
# Where a sentence, a clause after a comma, or the text after a dateline opens; and what may open there: a
# surname, a person introduced with an apposition or relative clause (MONTREAL — Hélène Roy, an architect whose
# ...), Ms. Roy.
_OPENING = re.compile(r"[.!?…,—\n](?:(?<=\n)|(?<!\n)\s)(?=[“\"‘]?[A-Z])")  # a class first: the engine skips to it
_OPENING_WORD = re.compile(r"[“\"‘]?([A-Z][\w’'-]+)(?![\w’'-])")
_INTRODUCED = re.compile(r"(" + _NAME + r"),\s+(?:a|an|the|who|whose)\s+[a-z]")
# A name in an apposition after a lower-case description (the centre-right incumbent, Andrés Vial[.,]).
_COMMA_NAME = re.compile(r",\s+(" + _NAME + r")(?=[,.;])")
_DESCRIBED = re.compile(r"(?<![\w’'-])(?:the|a|an|its|his|her|their|our)\s+(?:[\w’'-]+\s+){0,5}?[a-z][\w’'-]*$")
# A sentence that opens with a description and the name after it (The party's chairman, Felipe Undurraga, was).
_DESCRIPTION_OPENS = re.compile(
    r"(?:The|A|An|Its|His|Her|Their)\s+(?:[\w’'-]+\s+){0,5}?[a-z][\w’'-]*,\s+(" + _NAME + r"),\s"
)
# A name and a word in lower case after it (its verb: Carla Brennan is standing); not a body's or a place's.
_ACTING = re.compile(r"[.!?…,—\n]\s*(" + _NAME + r")(?=[ \u00a0]+[a-z])")  # a class first, as _OPENING
_NOT_A_PERSON = (
    DETERMINERS
    | ORGANISATION_WORDS
    | TITLES
    | word_set("i but and or so yet then when if as while after before since though although because")
)
_TITLE_STOP = re.compile(r"(?<![\w’'-])(?:Mr|Ms|Mrs|Dr|Prof|St)\.\s+$")
_HONORIFIC = re.compile(r"(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+([A-Z][\w’'-]+)(?![\w’'-])")
_AGED = re.compile(r"(\d+)-year-old")


class People:
    """The people a text names outside attributions, asked in text order and read only where asked: the subjects
    of sentences (a titled name in a sentence's first words, a person introduced, ``Ms. X``, a full name before its
    verb at a sentence's or clause's opening, a known surname opening a sentence or clause) and titled names."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._read = False
        # the subjects: (where the name starts, where the match starts and ends, the name), by the name's place
        self._subjects: list[tuple[int, int, int, str]] = []
        self._words: dict[str, list[tuple[int, int]]] = {}  # a capitalised word -> where it opens, its end
        self._openings: list[tuple[int, int, str]] = []  # the same words in text order: where, its end, the word
        self._opening_at: list[int] = []  # where each of those opens
        self._introduced: set[tuple[int, str]] = set()  # the subjects introduced with an apposition

    def _read_text(self) -> None:
        """The subjects and opening words of the whole text, in one pass each (at the first question)."""
        text = self.text
        self._read = True
        subjects = self._subjects
        for start, name_at, end, name in _titled_names(text):
            if name.split()[-1].lower() in ORGANISATION_WORDS:
                continue  # the National Aquatics Federation: a body's name, no titled person
            near = max(0, start - 200)
            opened = max((m.end() for m in _SENTENCE_END.finditer(text, near, start)), default=near)
            if len(text[opened:start].split()) < _SUBJECT_WORDS:
                subjects.append((name_at, start, end, _plain(name)))
        # people given with a description (the incumbent, Andrés Vial): their surname opening a later sentence is
        # its subject (Vial conceded defeat. He said ...)
        described: dict[str, tuple[int, str]] = {}
        for match in _COMMA_NAME.finditer(text):  # a comma and a name first (rare), then the description before
            if _DESCRIBED.search(text, max(0, match.start() - 80), match.start()) is None:
                continue
            name = _plain(match.group(1))
            if " " in name:
                described.setdefault(name.split()[-1], (match.start(1), name))
        acting_at = {match.start(1): match for match in _ACTING.finditer(text)}  # one pass: few openings have one
        for opening in _OPENING.finditer(text):
            here, mark = opening.end(), opening.group()[0]
            if mark != ",":
                introduced = _INTRODUCED.match(text, here)
                if introduced is not None:
                    subjects.append((here, here, introduced.end(), _plain(introduced.group(1))))
                    self._introduced.add((here, subjects[-1][3]))
                elif described and text[here] in "TAIH":
                    head = _DESCRIPTION_OPENS.match(text, here)
                    if head is not None:  # The coalition's chairman, Felipe Undurraga, was less gracious.
                        subjects.append((head.start(1), here, head.end(1), _plain(head.group(1))))
            acting = acting_at.get(here)
            if (
                acting is not None
                and not {w.lower().split("’")[0] for w in acting.group(1).split()} & _NOT_A_PERSON
                and _surname_alone_later(text, _plain(acting.group(1)), here)
            ):
                # On a wet morning in Dunmore, Carla Brennan is standing ... Brennan won: a person as a clause's
                # subject (the text names the person by the surname alone later: not a place's or a firm's name)
                name = _plain(acting.group(1))
                subjects.append((here, here, acting.end(), name))
                described.setdefault(name.split()[-1], (here, name))
            if mark == "—":
                continue
            honorific = _HONORIFIC.match(text, here) if text[here] in "MDP" else None
            if honorific is not None:
                full = _full_name(text, honorific.group(1), here)
                if full is not None:
                    subjects.append((honorific.start(1), here, honorific.end(), full))
            word = _OPENING_WORD.match(text, here)
            if word is not None:
                self._words.setdefault(word.group(1), []).append((word.start(1), word.end()))
                self._openings.append((word.start(1), word.end(), word.group(1)))
                person = described.get(word.group(1)) if mark != "," else None
                if person is not None and person[0] < here and not _TITLE_STOP.search(text, max(0, here - 6), here):
                    subjects.append((word.start(1), here, word.end(), person[1]))  # Vial conceded; not Ms. Roy
        self._opening_at = [opening[0] for opening in self._openings]
        subjects.sort()
        self._subject_at = [subject[0] for subject in subjects]

    def subject_person(self, before: int, surnames: Mapping[str, str], since: int = 0) -> tuple[str, int] | None:
        """The last person named as the subject of a sentence in ``[since, before)`` (within the look-back): its
        name and where it is. A name with a title in its sentence's first words, a person a profile introduces
        (``MONTREAL — X, an architect ...``), ``Ms. X``, or a sentence or a clause after a comma opening with the
        surname of a person named before (``surnames``: a surname -> the full name). The person a later ``he`` or
        ``she`` most likely refers to when no source comes after it."""
        if not self._read:
            self._read_text()
        low = max(0, before - _LOOK_BACK, since)
        found: tuple[str, int] | None = None
        i = bisect_left(self._subject_at, before)
        while i > 0:
            i -= 1
            at, start, end, name = self._subjects[i]
            if at < low:
                break
            if start >= low and end <= before:
                found = (name, at)
                break
        # the surnames opening a sentence after the subject: the openings in the window read backwards where they
        # are fewer than the surnames (a long text names many people), else each surname's places
        floor = max(low, found[1] + 1) if found is not None else low
        j = bisect_left(self._opening_at, before)
        if j - bisect_left(self._opening_at, floor, 0, j) < len(surnames):
            while j > 0:
                j -= 1
                at, end, word = self._openings[j]
                if at < floor:
                    break
                if end <= before and word in surnames:
                    return (surnames[word], at)
            return found
        for surname, name in surnames.items():
            places = self._words.get(surname)
            if not places:
                continue
            j = bisect_left(places, (before,))
            while j > 0:
                j -= 1
                at, end = places[j]
                if at < low or (found is not None and at <= found[1]):
                    break
                if end <= before:
                    found = (name, at)
                    break
        return found

    def titled_name_opening_with(self, word: str, before: int) -> str | None:
        """The last name given with a title before ``before`` that opens with ``word``: the full name of a person
        whose family name comes first (``Chief Financial Officer Lee Sang-hoon`` ... ``Lee said``)."""
        low = max(0, before - _LOOK_BACK * 4)
        found = None
        for place in _opening_name(word).finditer(self.text, low, before):
            # a title within the few words before the place (Chief Financial Officer Lee Sang-hoon)
            for match in _TITLED.finditer(self.text, max(low, place.start() - 60), min(before, place.start() + 80)):
                name = _plain(match.group(1))
                if name.split()[0] == word and match.start(1) <= place.start() < match.end(1):
                    found = name
        return found

    def introduced_name_opening_with(self, word: str, before: int) -> str | None:
        """The last name a sentence opened with and introduced with an apposition (``Harbury Foods, the maker of
        ...``) before ``before`` whose first word is ``word``: the whole name a later sentence shortens."""
        if not self._read:
            self._read_text()
        for at, _, _, name in reversed(self._subjects[: bisect_left(self._subject_at, before)]):
            if at < before - _LOOK_BACK * 4:
                break
            if name.startswith(word + " ") and (at, name) in self._introduced:
                return name
        return None

    def is_lower_word(self, word: str, near: int) -> bool:
        """Whether the text has ``word`` in lower case near ``near`` (Analysts ... analysts: a common noun)."""
        text = self.text
        low, high = max(0, near - _LOOK_BACK * 2), near + _LOOK_BACK * 2
        at = text.find(word, low, high)
        while at >= 0:
            end = at + len(word)
            if not (at > 0 and _WORDISH.match(text, at - 1)) and not _WORDISH.match(text, end):
                return True
            at = text.find(word, end, high)
        return False


def _surname_alone_later(text: str, name: str, at: int) -> bool:
    """Whether the text names ``name`` by its last word alone within ``_LOOK_BACK`` characters after ``at``."""
    end = at + _LOOK_BACK
    return text.count(name.split()[-1], at, end) > text.count(name, at, end)


def described_person(text: str, words: list[str], before: int) -> str | None:
    """The person a description (its words after the determiner, lower case) was given with earlier: ``captain``
    before a name, or in an apposition after one (``X, the team's captain``); ``47-year-old`` after ``X, 47,``."""
    low = max(0, before - _LOOK_BACK)
    heads = [w for w in words if w.isalpha() or _AGED.fullmatch(w)]
    if not heads:
        return None
    head = heads[-1]
    if head in _NOT_PEOPLE or (head.endswith("s") and not head.endswith("ss")):
        return None  # the company, the officials: no one person
    aged = _AGED.fullmatch(head)
    if aged:  # the age given with no name: None, and the caller reads it as the sentence's subject before
        pattern = _aged_pattern(aged.group(1))
        last = None
        for match in pattern.finditer(text, low, before):
            last = match
        return _plain(last.group(1)) if last else None
    # each place the description's word stands: a name after it (captain X), or before it in an apposition
    found: tuple[int, str] | None = None
    for at, end in _places(text, head, low, before):
        if (at > 0 and _WORDISH.match(text, at - 1)) or _WORDISH.match(text, end):
            continue
        after = _NAME_AFTER_ROLE.match(text, end, before)
        if after is not None:
            of = " of " in text[end : after.start(1) + 1]  # Secretary General of the X Forum Ana Costa
            name = name_after_complement(text, end, before) if of else _plain(after.group(1))
            found = (at, name) if name else found
            continue
        apposed = _NAME_BEFORE_ROLE.search(text[max(low, at - 150) : at])
        if apposed is not None:
            found = (at, _plain(apposed.group(1)))
    return found[1] if found else None


_WORDISH = re.compile(r"[\w’'-]")
_NOT_PEOPLE = frozenset(
    [
        "company",
        "ministry",
        "government",
        "agency",
        "office",
        "department",
        "bank",
        "council",
        "committee",
        "court",
        "union",
        "party",
        "group",
        "statement",
        "report",
        "study",
        "survey",
        "paper",
        "filing",
        "letter",
        "post",
        "decision",
        "ruling",
        "document",
        "poll",
        "analysis",
    ]
)
_NAME_AFTER_ROLE = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}(" + _NAME + r")(?![\w’'-])")
_NAME_BEFORE_ROLE = re.compile(
    r"(" + _NAME + r"),\s+(?:the|a|an|its|his|her|their|[A-Z][\w’'-]*[’']s)\s+(?:[\w’'-]+\s+){0,3}?$"
)


def _titled_names(text: str) -> list[tuple[int, int, int, str]]:
    """What ``_TITLED.finditer(text)`` finds, as (start, the name's start, end, the name), found faster: the title
    words looked for in the text in lower case (one case-sensitive pass), each checked for a name after it."""
    low = lowered(text) or text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer (İ): the places would not match
        return [(m.start(), m.start(1), m.end(), m.group(1)) for m in _TITLED.finditer(text)]
    found: list[tuple[int, int, int, str]] = []
    last = 0
    for start, end in _titles(low):
        if start < last:
            continue
        name = _NAME_AT.match(text, end)
        if name is not None and not {w.lower() for w in name.group().split()} <= TITLES:  # Deputy Foreign Minister
            found.append((start, name.start(), name.end(), name.group()))
            last = name.end()
        elif text.startswith("of ", end):  # Secretary General of the Transit Forum Ana Costa: after the complement
            after = name_after_complement(text, end - 1, min(len(text), end + 200)) or ""
            at = text.find(after, end, end + 200) if after else -1
            if at >= 0:
                found.append((start, at, at + len(after), after))
                last = at + len(after)
    return found


def _titles(low: str) -> Iterator[tuple[int, int]]:
    """Where a title word and the spaces after it stand in ``low`` (a text in lower case), as
    ``_TITLE_LOWER.finditer`` finds them after a character that is not part of a word."""
    start = 0
    opening = _TITLE_LOWER.match(low)
    if opening is not None:  # the first word of the text has no character before it
        yield opening.span()
        start = opening.end() - 1
    for title in _TITLE_AFTER.finditer(low, start):
        yield title.span(1)


@lru_cache(maxsize=256)
def _opening_name(word: str) -> re.Pattern[str]:
    # The word first, then what must not stand before it: an expression that opens with a literal is searched for
    # by that literal (the engine skips to its places), not tried at every place of the text.
    word = re.escape(word)
    return re.compile(rf"{word}(?<![\w’'-]{word})[ \u00a0]+[A-Z]")


@lru_cache(maxsize=256)
def _aged_pattern(age: str) -> re.Pattern[str]:
    return re.compile(rf"({_NAME}),\s+{age},")


def _places(text: str, word: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Where ``word`` (in lower case) stands in ``text[start:end]`` in any case, one place after another: found in
    the text in lower case where that finds the same places (``casing``), else by an expression ignoring case."""
    low = lowered(text) if word.isascii() and word == word.lower() else None
    if low is None:
        for match in _role_word(word).finditer(text, start, end):
            yield match.start(), match.end()
        return
    at = low.find(word, start, end)
    while at >= 0 and word:
        yield at, at + len(word)
        at = low.find(word, at + len(word), end)


@lru_cache(maxsize=256)
def _role_word(head: str) -> re.Pattern[str]:
    return re.compile(re.escape(head), re.IGNORECASE)


def _full_name(text: str, surname: str, before: int) -> str | None:
    """The first full name that ends with ``surname`` before ``before`` (within the look-back): the person a
    profile introduces, whom ``Ms. Roy`` names after it, rather than a relative named later (her son, Paul Roy)."""
    low = max(0, before - _LOOK_BACK * 4)
    start = text.find(surname, low, before)
    if start < 0:
        return None
    # A match ends with the surname at or after its first place in the window and has at most two words before it:
    # the search starts three runs of words before that place (the same first match, without reading the text
    # before it).
    for _ in range(3):
        while start > low and text[start - 1].isspace():
            start -= 1
        while start > low and not text[start - 1].isspace():
            start -= 1
    first = _full_name_pattern(surname).search(text, start, before)
    return _plain(first.group(1)) if first else None


@lru_cache(maxsize=256)
def _full_name_pattern(surname: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w’'-])((?:[A-Z][\w’'-]+[ \u00a0]+){{1,2}}{re.escape(surname)})(?![\w’'-])")


def _plain(name: str) -> str:
    """The name without the title words it opens with (Chief Financial Officer Lee Sang-hoon: Lee Sang-hoon)."""
    words = name.split()
    titled = [i for i, w in enumerate(words[:-2]) if w.lower() in TITLES or w.lower() in RANKS | ROLES]
    if titled:
        words = words[titled[-1] + 1 :]  # Energy Minister Aibek Toktosunov: the name after the last title word
    return " ".join(after_body(words))  # (National) Assembly Marta Ilievska: the name after the body
