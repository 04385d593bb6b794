"""Noun phrases around a cue, found from words alone (no tagger): the source before a verb (its subject), after an
inverted verb (``said President X``) or after ``according to``, and the subject a sentence opens with.

A source phrase is a run of words with nothing but spaces between them: capitalised words, determiners, ``of`` and
``for`` inside names and titles, and lower-case nouns and adjectives (``the head of state``). It stops at
punctuation, prepositions, auxiliaries and conjunctions, and must hold a name, a determiner or a pronoun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.proposer.memo import per_text


def word_set(words: str) -> frozenset[str]:
    """The words of a space-separated list, as a set."""
    return frozenset(words.split())


# A word: a title's abbreviation, or letters joined by apostrophes, hyphens, dots, ampersands; a plural's possessive
# apostrophe (the farmers’ lawyer) belongs to it.
WORD = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Jr|Sr|Amb|Lt|Col)\.|\w+(?:[’'\-.&]\w+)*(?:(?<=s)[’'](?= \w))?"
)

DETERMINERS = word_set(
    "the a an this these those both all his her their its our my your several many some one another each every two "
    "three four five"
)
SUBJECT_PRONOUNS = word_set("he she they it we i")
OBJECT_PRONOUNS = word_set("him her them us me it")
SINGULAR = word_set("he she him her it")
_STOP = word_set(
    "in on at during after before with by from to into over under about while when as since because if that which "
    "who whom whose where than but or nor so yet upon within without between among against through across via per "
    "is are was were be been being has have had will would shall should can could may might must do does did not "
    "no also then there here what how why whether said says told"
)
# Words that may stand between a subject and its verb: adverbs and auxiliaries (``has also said``).
_BETWEEN = word_set(
    "also further again then later once today yesterday however moreover repeatedly reportedly separately earlier "
    "previously recently particularly already still too meanwhile now once has have had was were is are will would "
    "did does do not always often again firmly clearly strongly openly specifically first just"
)
_LEADING = word_set(
    "yesterday today later meanwhile then also however earlier now separately moreover furthermore additionally "
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december"
)
# Words of titles and offices: a mention made only of them is a description, not a name.
TITLES = word_set(
    "president vice prime minister foreign deputy secretary general ambassador chairman chairwoman chair "
    "spokesman spokeswoman spokesperson head director governor mayor senator minister mp king queen prince "
    "chancellor commissioner envoy representative speaker leader chief officer mr mr. mrs mrs. ms ms. dr dr. prof "
    "prof. sir madam lady lord sheikh emir premier foreign-minister his her excellency former acting interior "
    "defence defense finance economy trade state national security adviser advisor councillor member"
    " parliament judge justice prosecutor coach captain professor financial executive operating cllr"
)
_NAME_JOINERS = word_set("of for and de al el bin von van der")
_NOT_LAST = _NAME_JOINERS | DETERMINERS
"""Words a source phrase does not end with."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """A source phrase found in the text: ``[start, end)``, its words, and whether it is a pronoun."""

    start: int
    end: int
    text: str

    @property
    def pronoun(self) -> bool:
        word = self.text.lower()
        return word in SUBJECT_PRONOUNS or word in OBJECT_PRONOUNS

    @property
    def named(self) -> bool:
        """Holds a capitalised word past its first (a name or a title with one), not only a description."""
        return any(
            w[:1].isupper() and w.lower() not in TITLES and w.lower() not in DETERMINERS for w in self.text.split()
        )


_Words = tuple[re.Match[str], ...]


def _words(text: str, start: int, end: int) -> _Words:
    """The words of ``text[start:end]``, as a search of that window finds them (a word it cuts is cut). The rules
    read the same windows around a cue several times (its subject, the words between, an apposition): each window
    of a text is searched once."""
    windows = _windows(text)
    words = windows.get((start, end))
    if words is None:
        words = windows[start, end] = tuple(WORD.finditer(text, start, end))
    return words


@per_text
def _windows(text: str) -> dict[tuple[int, int], _Words]:
    """The words of each window of ``text`` searched so far."""
    return {}


_WINDOW = 240
"""How far around a cue a source phrase is looked for: sixteen words at most (a long title with its name: Minister of
Foreign Affairs of the Republic of X and the name), in characters with room to spare."""


_NEAR = 130
"""A first, narrower window: most places have the seventeen words the rules read within it."""
_ENOUGH = 17
"""Words a window must hold for the rules to read the same as in the wide one (sixteen, and one the window cuts)."""


def _tail_words(text: str, start: int, end: int) -> _Words:
    """The words of ``text[start:end]`` near its end (a word the window cuts is left out); at least the last sixteen
    of the wide window's, read from a narrow one where it holds them."""
    if end - start <= _NEAR:
        return _words(text, start, end)
    near = _words(text, end - _NEAR, end)[1:]
    if len(near) >= _ENOUGH:
        return near
    if end - start <= _WINDOW:
        return _words(text, start, end)
    return _words(text, end - _WINDOW, end)[1:]


def _head_words(text: str, start: int, end: int) -> _Words:
    """The words from ``start`` within ``end`` and the wide window: at least the first sixteen of them."""
    if min(end, start + _WINDOW) - start > _NEAR:
        near = _words(text, start, start + _NEAR)[:-1]  # the last may be cut by the window
        if len(near) >= _ENOUGH - 1:
            return near
    return _words(text, start, min(end, start + _WINDOW))


def _joined(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Only spaces (no punctuation, no line break) between two words."""
    gap = text[left.end() : right.start()]
    return gap.strip(" \u00a0\t") == ""


def _nounish(word: str) -> bool:
    lower = word.lower()
    if lower in _STOP:
        return False
    if word[:1].isupper() or lower in DETERMINERS or lower in _NAME_JOINERS:
        return True
    if word[:1].isdigit():
        return _AGED.fullmatch(lower) is not None  # the 47-year-old; not a number or a date
    return not lower.endswith("ly")


_AGED = re.compile(r"\d+-(?:year|month|week)s?-old")


def skip_between(text: str, start: int, cue_start: int) -> int:
    """Where the subject of a verb at ``cue_start`` ends: before the adverbs and auxiliaries that precede it."""
    end = cue_start
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] == ")":
        # A parenthesis between subject and verb (Jane Doe (Greens) said): the subject ends before it.
        opened = text.rfind("(", max(start, end - 80), end)
        if opened >= 0 and ")" not in text[opened : end - 1]:
            end = opened
            while end > start and text[end - 1].isspace():
                end -= 1
            cue_start = end
    words = _tail_words(text, start, end)
    end = cue_start
    for word in reversed(words):
        if word.group().lower() not in _BETWEEN or text[word.end() : end].strip():
            break
        end = word.start()
    return end


def before(text: str, start: int, end: int) -> Phrase | None:
    """The source phrase that ends at ``end`` (the subject of a verb there), not reaching before ``start``."""
    while end > start and text[end - 1] in " \u00a0\t":
        end -= 1
    words = _tail_words(text, start, end)
    if not words or words[-1].end() != end:
        return None
    taken: list[re.Match[str]] = []
    stopped: re.Match[str] | None = None  # the word the phrase stopped at, if any
    for word in reversed(words[-16:]):
        if taken and not _joined(text, word, taken[-1]):
            break
        lower = word.group().lower()
        if lower in SUBJECT_PRONOUNS and not taken:
            return Phrase(word.start(), word.end(), word.group())
        if taken and taken[-1].group().lower() in DETERMINERS and not _before_determiner(word.group()):
            stopped = word  # a determiner opens its noun phrase: what comes before it is another (the seedlings
            break  # the board), unless a place joins them (farmers in the valley)
        if (lower in SUBJECT_PRONOUNS or lower in OBJECT_PRONOUNS) and not (taken and lower in DETERMINERS):
            break  # a pronoun, unless a possessive before a noun (her German counterpart)
        if not _nounish(word.group()):
            stopped = word
            break
        if lower == "and" and not (taken and taken[-1].group()[:1].isupper()):
            break
        taken.append(word)
    taken.reverse()
    found = _trimmed(taken)
    if found is not None and stopped is not None and stopped.group().lower() in _POSTMODIFYING and taken:
        # farmers in the valley, officials at the ministry: a noun with its place is one source
        head = before(text, start, stopped.start())
        if head is not None and not head.pronoun and _joined(text, stopped, taken[0]) and _plural_or_name(head.text):
            return Phrase(head.start, found.end, text[head.start : found.end])
    return found


_POSTMODIFYING = word_set("in at from")
_PLACES = word_set("above below near beside behind outside inside around beyond along across opposite")


def _before_determiner(word: str) -> bool:
    """Whether ``word`` may stand before a determiner in one noun phrase (the wife of his brother, all the, the
    hills above the harbour): a joining word, a determiner, a title, a name or a preposition of place."""
    lower = word.lower()
    return lower in _NAME_JOINERS or lower in DETERMINERS or lower in TITLES or lower in _PLACES or word[:1].isupper()


def _plural_or_name(phrase: str) -> bool:
    """A phrase a place may follow as a source: a plural (farmers, the officials), a description with its
    determiner (an official) or a name."""
    words = phrase.split()
    last = words[-1]
    plural = last.islower() and last.endswith("s") and not last.endswith("ss")
    return plural or last[:1].isupper() or (len(words) > 1 and words[0].lower() in DETERMINERS)


def after(text: str, start: int, end: int) -> Phrase | None:
    """The source phrase that starts at ``start`` (after an inverted verb or ``according to``), within ``end``."""
    words = _head_words(text, start, end)
    if not words or text[start : words[0].start()].strip():
        return None
    first = words[0].group().lower()
    possessive = first == "her" and len(words) > 1 and _joined(text, words[0], words[1]) and _nounish(words[1].group())
    if (first in SUBJECT_PRONOUNS or first in OBJECT_PRONOUNS) and not possessive:
        return Phrase(words[0].start(), words[0].end(), words[0].group())
    return _noun_phrase(text, words)  # according to her daughter: "her" a determiner


def opening(text: str, start: int, end: int) -> Phrase | None:
    """The subject a clause opens with: a pronoun, or a name or description up to its first verb-like word."""
    words = _head_words(text, start, end)
    if not words or text[start : words[0].start()].strip(" “\"'‘"):
        return None
    if words[0].group().lower() in SUBJECT_PRONOUNS:
        return Phrase(words[0].start(), words[0].end(), words[0].group())
    return _noun_phrase(text, words)


def _noun_phrase(text: str, words: _Words) -> Phrase | None:
    """The name or description ``words`` open with: joined noun-like words up to the first verb-like (12 at most)."""
    taken: list[re.Match[str]] = []
    for i, word in enumerate(words[:12]):
        if taken and not _joined(text, taken[-1], word):
            break
        if not _nounish(word.group()) or (taken and verbish(word.group())):
            break
        if taken and _time(words, i):
            break  # said X last night: a time after the source, not part of it
        taken.append(word)
    return _trimmed(taken)


def _time(words: _Words, i: int) -> bool:
    """Whether ``words[i]`` opens a time (``last night``, ``this week``, ``tonight``)."""
    word = words[i].group().lower()
    if word in _TIMES:
        return True
    return word in ("last", "this", "next") and i + 1 < len(words) and words[i + 1].group().lower() in _PERIODS


_TIMES = word_set("tonight overnight")
# Plural nouns without an -s that stand alone as a source (police said, people say, staff said).
_COLLECTIVE = word_set("police people staff")
_PERIODS = word_set(
    "night week month year weekend morning afternoon evening monday tuesday wednesday thursday friday saturday sunday"
)


def verbish(word: str) -> bool:
    lower = word.lower()
    return word[:1].islower() and (lower.endswith(("ed", "ly")) or lower in _BETWEEN or lower in _IRREGULAR_PAST)


# Irregular past forms that end a subject (the senator hit back at critics, saying ...): not nouns after a subject.
_IRREGULAR_PAST = word_set(
    "hit put cut set struck went came took gave spoke wrote held kept met ran sent stood won lost fought"
)


def _trimmed(taken: list[re.Match[str]]) -> Phrase | None:
    while taken and (taken[0].group().lower() in _LEADING or taken[0].group().lower() in _NAME_JOINERS):
        taken.pop(0)
    while taken and taken[-1].group().lower() in _NOT_LAST:
        taken.pop()
    if not taken:
        return None
    words = [w.group() for w in taken]
    heads = [i for i, w in enumerate(words) if w[:1].isupper() or w.lower() in DETERMINERS]
    if not heads:
        # A bare plural (officials, experts) stands alone; longer lower-case runs are rarely a source.
        if len(words) > 2 or not (words[-1].lower().endswith("s") or words[-1].lower() in _COLLECTIVE):
            return None
    else:
        first = heads[0]
        # Lower-case words right before a name are its attached title (agency chief X, marine biologist Y): two
        # at most, none a joining word.
        if first > 0 and words[first][:1].isupper() and words[first].lower() not in DETERMINERS:
            for _ in range(2):
                if first > 0 and words[first - 1][:1].islower() and words[first - 1].lower() not in _NAME_JOINERS:
                    first -= 1
        taken = taken[first:]
    return Phrase(taken[0].start(), taken[-1].end(), " ".join(w.group() for w in taken))
