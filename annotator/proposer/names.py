"""The name a source mention gives, without the titles, descriptions and bodies around it (``Energy Minister Ana
Costa``, ``Speaker of the National Assembly Marta Ilievska``: the name alone), the fuller name a surname alone
stands for, and whether a speaker is a body."""

from __future__ import annotations

import re
from functools import lru_cache

from annotator.proposer.phrases import DETERMINERS, TITLES, word_set

ORGANISATION_WORDS = word_set(
    "organization organisation association ministry union council committee agency company group party bank fund "
    "office service department government confederation cooperation institute university commission embassy "
    "nations federation movement network authority court parliament assembly press corporation forum secretariat"
)
_NOT_IN_NAME = TITLES | DETERMINERS | ORGANISATION_WORDS
_BODY_WORDS = TITLES | ORGANISATION_WORDS | word_set("republic kingdom emirates board trust foundation society league")
_PLACE_BEFORE = word_set("in at from near")
PARTICLES = word_set("bin ibn bint al el de da del della di dos das du van von der den ter")
"""The lower-case particles inside a person's name (``Faisal bin Nasser``, ``Ana de Sousa``, ``Jan van Dijk``)."""
RANKS = word_set("colonel major lieutenant sergeant corporal brigadier admiral commander detective inspector constable")
"""Military and police ranks: titles before a name (``Colonel Ana Costa``, ``Detective Sergeant Tom Hale``)."""
ROLES = word_set(
    "goalkeeper keeper striker defender midfielder winger challenger incumbent candidate nominee veteran rookie "
    "economist analyst researcher scientist lawyer attorney activist campaigner novelist playwright"
)
"""Role nouns a text puts before a name as a title, capitalised at a sentence's start (``Goalkeeper Tom Hale``,
``Challenger Ana Costa``): no part of the name."""


@lru_cache(maxsize=4096)
def organisation(speaker: str) -> bool:
    """Whether ``speaker`` is a body: a word of an organisation's in its name (the Workers Union)."""
    return bool({w.lower() for w in speaker.split()} & ORGANISATION_WORDS)


_JOINING = ("of", "for", "and")
_WHEN = word_set("last night yesterday today tonight earlier later this week morning evening afternoon")


def trailing_name(words: list[str]) -> str | None:
    """The name a mention ends with, without the titles and descriptions before it (Energy Minister Ana Costa,
    marine biologist Ana Costa: Ana Costa; Mayor Ana Costa of Braga: Ana Costa); None when it ends with a title's
    complement (the President of X)."""
    run: list[str] = []
    titled = False
    while len(words) > 2 and words[-1].lower() in _WHEN:
        words = words[:-1]  # Finance Minister Ana Costa last night: the time is no part of the mention's name
    person = _person_before_of(words)
    if person:
        return person
    for word in reversed(words):
        lower = word.lower()
        possessive = word.endswith(("’s", "'s")) and len(run) >= 2  # Labour’s Tom Casey: the party is no name
        if lower in PARTICLES and run and run[-1][:1].isupper():
            run.append(word)  # Faisal bin Nasser: a particle between the words of a name
            continue
        if (lower in RANKS or lower in ROLES) and word[:1].isupper() and run:
            break  # Colonel Radu Ilić, Goalkeeper Tom Hale: a rank or a role is a title
        if possessive or lower in TITLES or lower in DETERMINERS or not (word[:1].isupper() or lower in _JOINING):
            if lower in TITLES and word[:1].isupper() and run and run[0].lower() in ORGANISATION_WORDS:
                run.append(word)  # the National Aquatics Federation: a title's word in a body's own name
                continue
            titled = lower in TITLES
            if lower in _PLACE_BEFORE:
                return None  # a judge in Espírito Santo: the name of a place, not of the speaker
            break
        run.append(word)
    while run and run[-1] in PARTICLES:
        run.pop()  # the Kingdom of Ostland de: a particle opens no name
    run.reverse()
    if run and run[0].lower() == "of" and len(run) >= 4:  # President of Morvania Selim Hadžić: after the place
        run = after_body(run)
    if not run or run[0].lower() in ("of", "for", "and"):
        return None
    lowered = [w.lower() for w in run]
    if titled and "of" in lowered[2:]:
        run = run[: lowered.index("of", 2)]  # Mayor Anna Nowak of Słubice: a titled person's place is no name
    while run[-1].lower() in ("of", "for", "and"):
        run.pop()
    return " ".join(after_body(run))


def after_body(run: list[str]) -> list[str]:
    """The name at the end of a run of capitalised words that opens with what the title names (``Speaker of the
    National Assembly Marta Ilievska``, ``Republic of Tasmir Rustam Nazarov``, ``ACEU Leyla Orbelian``): the words
    after the last organisation's word, acronym, title word or place after ``of``, where two or more are left (a
    name of three words stays whole: ``Hissein Ibrahim Taha``)."""
    if run and run[-1].lower() in ORGANISATION_WORDS:
        return run  # the National Aquatics Federation: a body's own name
    for i in range(len(run) - 3, -1, -1):
        if not run[i + 1][:1].isupper() and run[i + 1] not in PARTICLES:
            break  # Ministry of Health: the body's own name, no person's
        word = run[i]
        lower = word.lower()
        if (
            lower in _BODY_WORDS
            or (word.isupper() and len(word) > 1 and word.isalpha())
            or (i > 0 and run[i - 1].lower() in ("of", "and"))  # Chamber of Commerce and Industry Omar Nasr
        ):
            return run[i + 1 :]
    return run


def _person_before_of(words: list[str]) -> str | None:
    """``Jess Moran of the Marine Society``, ``Opposition leader Nina Vuković of the Social Democrats``: a person's
    name (two or more capitalised words, no title, determiner or organisation's word) before ``of`` and what the
    person belongs to, after the titles or description before it."""
    lowered = [w.lower() for w in words]
    if "of" not in lowered[2:]:
        return None
    at = lowered.index("of")
    first = at
    while first > 0 and words[first - 1][:1].isupper() and lowered[first - 1] not in _NOT_IN_NAME:
        first -= 1
    if first > 0 and not (
        lowered[first - 1] in TITLES or (words[first - 1].islower() and lowered[first - 1] not in DETERMINERS)
    ):
        return None  # the words before the name are no title or description of a person (The Marine Society of X)
    return " ".join(words[first:at]) if at - first >= 2 else None


_SPOKESPEOPLE = word_set("spokesman spokeswoman spokesperson representative")
_PUBLISHED = word_set("poll survey report study statement")
"""What a body publishes and a text reports as a source (a Lindqvist Institute poll: the institute's)."""
_NATIONALITY = ("ese", "ian", "ish", "ch", "can")
"""How a nationality before a title ends (a Portuguese, Kenyan, British, French, American spokesman): no body."""


def spoken_for(words: list[str]) -> str | None:
    """The body (or person) a spokesperson with no name speaks for (``A spokeswoman for Cardwell Homes``: Cardwell
    Homes), or the body named before a spokesperson or what it publishes (``a Harbury Foods spokeswoman``, ``a
    Marlow Institute poll``: Harbury Foods, Marlow Institute)."""
    lowered = [w.lower() for w in words]
    body = words[1:-1] if lowered[0] in DETERMINERS else words[:-1]
    named = bool(body) and body[0][:1].isupper() and all(w[:1].isupper() or w in _JOINING for w in body)
    if (lowered[-1] in _SPOKESPEOPLE or lowered[-1] in _PUBLISHED) and named and not body[-1].endswith(_NATIONALITY):
        return " ".join(body)  # a Harbury Foods spokeswoman: the body named before the title (not a French one)
    for i, word in enumerate(lowered[:-2]):
        if word in _SPOKESPEOPLE and lowered[i + 1] in ("for", "of", "at"):
            body = words[i + 2 :]
            while body and body[0].lower() in DETERMINERS:
                body = body[1:]
            if body and body[-1][:1].isupper() and all(w[:1].isupper() or w in _JOINING for w in body):
                return trailing_name(body) or " ".join(body)  # a spokesman for President X Y: X Y
    return None


_BODY_LOOK_BACK = 6000
"""How far back a body's name is looked for, in characters."""


def body_named(text: str, head: str, before: int) -> str | None:
    """The last name of a body the text gives before ``before`` that ends with ``head`` capitalised (``the union``:
    ``The Food and Bakery Workers’ Union``, without its determiner)."""
    head = head.capitalize()
    low = max(0, before - _BODY_LOOK_BACK)
    at = text.rfind(head, low, before)
    found = None
    while at >= 0 and found is None:  # each place of the head, the last first, with the words before it
        for match in _body_pattern(head).finditer(text, max(low, at - 120), min(before, at + len(head) + 1)):
            found = match
        at = text.rfind(head, low, at)
    if found is None:
        return None
    words = found.group().split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else None


def body_called(text: str, head: str, before: int) -> str | None:
    """The last name the text gives right after ``head`` in lower case before ``before``, in a close apposition
    (``the aid group Relief Now``, ``the union Unite``): what ``the group`` or ``the union`` stands for."""
    found = None
    for match in _called_pattern(head).finditer(text, max(0, before - _BODY_LOOK_BACK), before):
        found = match
    return " ".join(found.group(1).split()) if found else None


def body_opening(text: str, head: str, before: int) -> str | None:
    """The last name of a body the text gives before ``before`` that opens with ``head`` capitalised and its
    complement (``the council``: ``Council of Foreign Ministers of the Union of Ports``)."""
    found = None
    for match in _opening_pattern(head.capitalize()).finditer(text, max(0, before - _BODY_LOOK_BACK), before):
        found = match
    return " ".join(found.group().split()) if found else None


@lru_cache(maxsize=64)
def _opening_pattern(head: str) -> re.Pattern[str]:
    # The head, then of or for and one or more runs of capitalised words joined by of, for, and (with the).
    run = r"(?:the[ \u00a0]+)?[A-Z][\w’'-]*(?:[ \u00a0]+[A-Z][\w’'-]*)*"
    joined = rf"[ \u00a0]+(?:of|for|and)[ \u00a0]+{run}"
    head = re.escape(head)  # first, then what must not stand before it: the engine skips to the head's places
    return re.compile(rf"{head}(?<![\w’'-]{head})[ \u00a0]+(?:of|for)[ \u00a0]+{run}(?:{joined})*")


# What a company is introduced as, in an apposition after its name (Harbury Foods, the maker of ...; Calora, the
# smart-thermostat maker): nouns of trade, whose referent a later ``the company`` is.
_TRADE = (
    "maker|manufacturer|producer|company|firm|retailer|chain|supplier|operator|developer|provider|carrier|airline|"
    "insurer|lender|brand|builder|grocer|bakery|brewer|publisher|broadcaster|startup|start-up"
)
# The apposition, from its comma (a literal first: the engine skips to the commas), and the name that ends before it.
_TRADE_APPOSITION = re.compile(
    rf",[ \u00a0]+(?:the|a|an)[ \u00a0]+(?:[\w’'-]+[ \u00a0]+){{0,3}}?(?:{_TRADE})(?![\w’'-])"
)
_NAME_BEFORE = re.compile(r"(?<![\w’'&-])((?:[A-Z][\w’'&-]*[ \u00a0]+){0,3}[A-Z][\w’'&-]*)$")


def company_introduced(text: str, before: int) -> str | None:
    """The last name the text introduced as a company with an apposition before ``before`` (``Harbury Foods, the
    maker of ...``): what ``the company`` stands for where no body has the word in its name."""
    found = None
    for match in _TRADE_APPOSITION.finditer(text, max(0, before - _BODY_LOOK_BACK), before):
        name = _NAME_BEFORE.search(text, max(0, match.start() - 100), match.start())
        found = name or found
    if found is None:
        return None
    words = found.group(1).split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words) or None


@lru_cache(maxsize=64)
def _called_pattern(head: str) -> re.Pattern[str]:
    # The head in lower case, then one to five capitalised words (with of, for, and between them) as group 1.
    word = r"[A-Z][\w’'-]*"
    head = re.escape(head)  # first, as in _opening_pattern
    return re.compile(
        rf"{head}(?<![\w’'-]{head})[ \u00a0]+({word}(?:[ \u00a0]+(?:(?:of|for|and)[ \u00a0]+)?{word}){{0,4}})"
        rf"(?![\w’'-])"
    )


@lru_cache(maxsize=64)
def _body_pattern(head: str) -> re.Pattern[str]:
    # One to five capitalised words (with of, for, and between them) and the head: the body's whole name.
    word = r"[A-Z][\w’'-]*"
    return re.compile(
        rf"(?<![\w’'-])(?:{word}[ \u00a0]+(?:(?:of|for|and)[ \u00a0]+)?){{1,5}}{re.escape(head)}(?![\w’'-])"
    )


_NOT_NAMED = TITLES | DETERMINERS | RANKS | ROLES
"""Words of a run of capitalised words before a surname that are no part of the full name."""
_LOOK_BACK = 20_000
"""How far back in the text a surname's full name is looked for, in characters."""
# A particle and its space after a word of a name (Faisal bin Nasser Al-Rawahi), at most one there.
_PARTICLE = r"(?:(?:" + "|".join(sorted(PARTICLES)) + r")[ \u00a0]+)?"


def full_name_before(text: str, surname: str, before: int) -> str | None:
    """A fuller name ending with ``surname`` earlier in the text (Leyla Mammadova for Mammadova)."""
    # the words of one line (a byline's last words are no part of the name on the next line)
    pattern = re.compile(rf"((?:[A-Z][\w’'-]+[ \u00a0]+{_PARTICLE}){{1,3}}){re.escape(surname)}(?![\w’'-])")
    low = max(0, before - _LOOK_BACK)
    first = text.find(surname, low, before)
    if first < 0:
        return None
    # No match starts before the third run of words before the surname's first place: the scan starts there
    # (the same matches as from ``low``, without reading the text before it).
    for _ in range(4):
        while first > low and text[first - 1].isspace():
            first -= 1
        while first > low and not text[first - 1].isspace():
            first -= 1
    found = None
    for match in pattern.finditer(text, first, before):
        found = match
    if found is None:
        return None
    words = [w for w in found.group(1).split() if w.lower() not in _NOT_NAMED]
    owners = [i for i, w in enumerate(words) if w.endswith(("’s", "'s"))]
    words = words[owners[-1] + 1 :] if owners else words  # Labour’s Tom Casey: Tom Casey
    if len(words) > 1 and text[max(0, found.start() - 4) : found.start()] == " of " and words[1] not in PARTICLES:
        words = words[1:]  # Minister of Almara Omar bin Said Nasr: the place the title is held in is no name
    return " ".join([*words, surname]) if words else None


# A title's complement and the name after it: capitalised words, with of, the, and, for and particles between them.
_COMPLEMENT = re.compile(
    r"(?:[ \u00a0]+(?:[A-Z][\w’'-]*|of|the|and|for|" + "|".join(sorted(PARTICLES)) + r")(?![\w’'-]))+"
)


def name_after_complement(text: str, at: int, before: int) -> str | None:
    """The name after the complement of a title that ends at ``at`` (``Secretary General`` + ``of the Transit Forum
    Ana Costa``: Ana Costa), None where the complement ends with no name."""
    run = _COMPLEMENT.match(text, at, before)
    return trailing_name(run.group().split()) if run else None


def name_opening_with(text: str, word: str, before: int) -> str | None:
    """The last proper name of two or more capitalised words that opens with ``word`` inside a sentence (after a word
    in lower case or a comma) before ``before``: what ``word`` alone shortens (``the derby at Millbrook Town``)."""
    found = None
    for match in _opening_with(word).finditer(text, max(0, before - _BODY_LOOK_BACK), before):
        found = match
    return " ".join(found.group().split()) if found else None


@lru_cache(maxsize=256)
def _opening_with(word: str) -> re.Pattern[str]:
    # the word first, then what must stand before it: the engine skips to the word's places
    word = re.escape(word)
    return re.compile(rf"{word}(?<=[a-z,][ \u00a0]{word})(?:[ \u00a0]+[A-Z][\w’'-]+)+")
