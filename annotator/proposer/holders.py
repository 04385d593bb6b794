"""The person a description names by the country or body its title is held in (``the President of Tasmir``, ``the
Kalvarian leader``, ``the Kazakh minister``): the last full name the text gave after a title and that place
(``President of the Republic of Tasmir Rustam Nazarov``, ``Kalvaria's President Adrian Vescu``). Found from words
alone: a place is a capitalised word of the description that is no title; a nationality stands for its country by
their shared opening (Kalvarian, Kalvaria; Kazakh, Kazakhstan; Italian, Italy)."""

from __future__ import annotations

import re
from functools import lru_cache

from annotator.proposer.names import ORGANISATION_WORDS, PARTICLES
from annotator.proposer.phrases import DETERMINERS, TITLES

_LOOK_BACK = 8000
"""How far back the place's titled name is looked for, in characters."""
_WORDS_BEFORE = 8
"""At most this many words between a title and the place it is held in (President of the Republic of Tasmir)."""
_GENERIC = frozenset(("leader", "head", "chief"))
"""Words that stand for any title (the Kalvarian leader: its president)."""
# The capitalised words after a place, with a name's particles between them (Almara Faisal bin Nasser Al-Rawahi).
_NAME_AFTER = re.compile(
    r"(?:[’']s)?((?:[ \u00a0]+[A-Z][\w’'-]+)(?:[ \u00a0]+(?:(?:"
    + "|".join(sorted(PARTICLES))
    + r")[ \u00a0]+)?[A-Z][\w’'-]+)*)"
)
_WORD = re.compile(r"[\w’'-]+")


def places_of(words: list[str]) -> list[str]:
    """The places a description names: its capitalised words after the first that are no titles or determiners
    (``the President of Tasmir``: Tasmir; ``the Kalvarian leader``: Kalvarian)."""
    return [w for w in words[1:] if w[:1].isupper() and w.lower() not in TITLES and w.lower() not in DETERMINERS]


def same_place(word: str, place: str) -> bool:
    """Whether ``word`` of the text names the country or body ``place`` (a name or its nationality) does."""
    if word == place:
        return True
    short, long = sorted((word, place), key=len)
    return len(short) >= 4 and (long.startswith(short) or long.startswith(short[:-1]))


def holder(text: str, places: list[str], titles: set[str], before: int) -> str | None:
    """The name the text last gave right after the last of ``places``, with a title among the words before the
    place or the name's own, before ``before``: ``titles`` are the description's title words (a generic one, or
    none, stands for any)."""
    wanted = titles - _GENERIC
    low = max(0, before - _LOOK_BACK)
    found: tuple[int, str] | None = None
    place = places[-1]
    for match in _stem(place[: max(4, len(place) - 3)]).finditer(text, low, before):
        word = match.group()
        if not same_place(word, place):
            continue
        after = _NAME_AFTER.match(text, match.end(), before)
        if after is None:
            continue
        named = after.group(1).split()
        opening = [w.lower() for w in _WORD.findall(text[max(low, match.start() - 120) : match.start()])]
        held = {w.lower() for w in named} | set(opening[-_WORDS_BEFORE:])
        if not held & (wanted or TITLES):
            continue
        titled = [i for i, w in enumerate(named) if w.lower() in TITLES]
        name = named[titled[-1] + 1 :] if titled else named
        # a person's name: no body's word in it (the Tasmir Harbour Authority is none)
        if len(name) >= 2 and not {w.lower() for w in name} & ORGANISATION_WORDS:
            found = (match.start(), " ".join(name))
    return found[1] if found else None


@lru_cache(maxsize=256)
def _stem(stem: str) -> re.Pattern[str]:
    # The stem first, then what must not stand before it: an expression that opens with a literal is searched for
    # by that literal (the engine skips to its places), not tried at every place of the text.
    stem = re.escape(stem)
    return re.compile(rf"{stem}(?<![\w’'-]{stem})[\w’'-]*")
