"""Canonical speakers of source mentions: from the schema's registry (names and aliases), the project's lexicon,
and the mentions before them in the text.

- a registry name or alias, or a phrase the project mapped to a speaker, names that speaker (also inside a longer
  mention: ``the OIC Secretary General`` holds the alias ``OIC Secretary General``); an alias that is a plain
  description (``the President``, ``the head of state``) only where the text names that speaker or no one else,
  and never inside a mention that names a place (``the President of Tasmir``);
- a singular pronoun is the last named singular source before it, a plural one the last plural source (with none,
  ``they`` after a sentence that opens with ``the two leaders`` is the last two speakers; ``it`` after one that
  opens with ``the union`` is that body);
- a name not in the registry is itself, without its titles, ranks and role nouns and the body they name, with its
  particles (``Foreign Minister Ana Costa``, ``Speaker of the National Assembly Ana Costa``, ``Colonel Ana Costa``,
  ``Goalkeeper Ana Costa`` -> ``Ana Costa``; ``Ali bin Said``: ``names``); a surname alone is the earlier full
  name it ends, a word alone the name a sentence introduced that opens with it (``Harbury Foods, the maker of``),
  else the last proper name inside a sentence that opens with it (``the derby at Millbrook Town``);
  a pronoun with its verb (``I’m``) is no name;
- a description with a place (``the President of Tasmir``, ``the Kalvarian leader``) is the name the text gave
  after a title and that place (``holders``); one whose head is a body (``the press service of the President``)
  is that body, and so is one of a body with a place (``the Dutch health ministry``); ``the court`` is the last
  body with that word in its name (a source, else a name in the running text, or the name after the word in it:
  ``the aid group Relief Now``), ``the company`` also the name introduced as one (``Harbury Foods, the maker of``),
  and a body so named is no ``he`` or ``she``; ``a spokeswoman for X`` with no name is X, and so are ``an X
  spokeswoman`` and ``an X poll``; ``its spokesperson`` is the last body; ``the head of state`` is the last
  president, king or emir;
- a description (``the minister``) is the last source whose mention shared its head noun (``Minister Ana Costa``);
  ``the sides`` / ``both leaders`` are the last two speakers together, ``the leaders`` after more than two heads of
  state or government all of them; ``the Chilean envoy`` with no one named so is the description. Anything else
  gets no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from annotator.proposer.gender import kin_pronoun, pronoun_of
from annotator.proposer.holders import holder, places_of
from annotator.proposer.mentions import People, described_person
from annotator.proposer.names import (
    ORGANISATION_WORDS,
    body_called,
    body_named,
    body_opening,
    company_introduced,
    full_name_before,
    name_opening_with,
    organisation,
    spoken_for,
    trailing_name,
)
from annotator.proposer.phrases import (
    DETERMINERS,
    OBJECT_PRONOUNS,
    SINGULAR,
    SUBJECT_PRONOUNS,
    TITLES,
    Phrase,
    word_set,
)
from annotator.schema import SpeakerDef

_REMEMBERED = 12
"""How many distinct singular speakers a pronoun may reach back over."""
_BODIES = ORGANISATION_WORDS | word_set("delegation")
_SPOKESPEOPLE = word_set("spokesman spokeswoman spokesperson")
_LEADING = word_set("president prime premier chancellor king queen emir")
_COUNTED = word_set("two both three four")
_DESCRIPTION_WORDS = TITLES | DETERMINERS | word_set("of our")
_HEADS_OF_STATE = ("president", "king", "queen", "emir", "sultan", "monarch")
_PLURAL = word_set("they them we us sides parties leaders both delegations ministers presidents")
_GROUPS = word_set("sides parties leaders both two presidents ministers delegations heads")
_SPACE = re.compile(r"\s+")
# How a nationality ends (the Portuguese, the Kenyan, the Briton, the Spaniard, the Dane, the Pakistani, the Swiss).
# How a plural noun of agents ends (Scientists, Researchers, Economists, Residents, Protesters): a common noun opening
# a sentence, not a name, when no full name ended with it before.
_AGENTS = ("ists", "ers", "ians", "ants", "ents", "ors", "ees")
_NATIONALITY = ("ese", "ian", "an", "ish", "ch", "i", "on", "ard", "ane", "iss", "ek", "ot")


def _normal(phrase: str) -> str:
    words = _SPACE.sub(" ", phrase.replace("’", "'")).strip().lower().split(" ")
    while words and words[0] in DETERMINERS:
        words.pop(0)
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Resolved:
    speaker: str
    how: str


class Resolver:
    """Gives each source mention, in text order, its canonical speaker where there is evidence for one."""

    def __init__(self, registry: Iterable[SpeakerDef], learned: Mapping[str, str], text: str = "") -> None:
        self.text = text
        self.people = People(text)
        self.known: dict[str, tuple[str, str]] = {}
        for speaker in registry:
            for form in (speaker.name, *speaker.aliases):
                self.known.setdefault(
                    _normal(form), (speaker.name, f"registry {'name' if form == speaker.name else 'alias'} '{form}'")
                )
        # a registry alias that is a plain description (the President, the head of state): its person only where
        # the text names that person, or gives no one else the description could be
        self._plain = {k for k in self.known if k and set(k.split()) <= _DESCRIPTION_WORDS}
        self._named: dict[str, bool] = {}  # a registry speaker -> whether the text names it
        for phrase, name in learned.items():
            self.known.setdefault(_normal(phrase), (name, f"learned source '{phrase}'"))
        # the longest known form first, the first registered among those as long
        self._rank = {k: (-len(k), i) for i, k in enumerate(self.known) if k}
        self._most_words = max((k.count(" ") + 1 for k in self._rank), default=0)
        self._first_words = {k.split(" ", 1)[0] for k in self._rank}  # where a known form may start in a mention
        # What the mentions so far tell, kept as lookups so that each mention costs the same in a long text.
        self._plural: str | None = None  # the last plural speaker
        self._singular: list[str] = []  # the last distinct singular speakers, the latest last
        self._pronoun: dict[str, str] = {}  # a speaker -> the pronoun that named it (he, she, it)
        self._genders: dict[str, str | None] = {}  # a person -> the pronoun the text uses for it, once asked
        self._surnames: dict[str, str] = {}  # the last word of a full name -> that name
        self._persons: dict[str, str] = {}  # the surnames of people (not organisations) -> their full names
        self._titled: dict[str, str] = {}  # a title word of a mention -> its speaker
        self._first: dict[str, int] = {}  # a speaker -> the order it was first named in
        self._leaders: list[str] = []  # the people named as heads of state or government, in the order named
        self._at: dict[str, int] = {}  # a speaker -> where its last mention starts
        self._here = 0  # where the mention being resolved starts
        self._nameless_at = -1  # where the last singular source with no speaker found starts

    def resolve(self, phrase: Phrase) -> Resolved | None:
        """The canonical speaker of the next source mention in text order, or None without evidence."""
        self._here = phrase.start
        pronoun, apostrophe, _ = phrase.text.replace("'", "’").partition("’")
        if apostrophe and " " not in pronoun and pronoun.lower() in SUBJECT_PRONOUNS:
            return None  # I’ve, we’re: a pronoun with its verb, no name and no person without one
        found = self._find(phrase)
        if found is None:
            if not phrase.pronoun and not phrase.text.endswith("s") and not organisation(phrase.text):
                self._nameless_at = phrase.start  # their spokesman: a person no name was found for
            return None
        speaker = found.speaker
        self._at[speaker] = phrase.start
        self._first.setdefault(speaker, len(self._first))
        words = {w.lower() for w in phrase.text.split()}
        if " and " in speaker or words & _PLURAL:
            self._plural = speaker
            return found
        if phrase.pronoun and not self._quoted(phrase.start):  # “Eight years ago he promised”: someone else
            self._pronoun.setdefault(speaker, phrase.text.lower().replace("him", "he").replace("her", "she"))
        elif len(words) == 2 and words & DETERMINERS and words & ORGANISATION_WORDS:
            self._pronoun.setdefault(speaker, "it")  # the company (Harbury Foods): a body, no he or she
        self._titled.update(dict.fromkeys(words & TITLES, speaker))
        if words & _LEADING and speaker not in self._leaders and not organisation(speaker):
            self._leaders.append(speaker)
        if " " in speaker:
            self._surnames[speaker.split()[-1]] = speaker
            if not organisation(speaker):
                self._persons[speaker.split()[-1]] = speaker
            else:
                self._persons.pop(speaker.split()[-1], None)
        if speaker in self._singular:
            self._singular.remove(speaker)
        self._singular = [*self._singular, speaker][-_REMEMBERED:]
        return found

    def _find(self, phrase: Phrase) -> Resolved | None:
        if "," in phrase.text:  # a description with its name (the mayor of X, Grace Lim): the name tells
            head, _, tail = phrase.text.rpartition(",")
            named = self._find(Phrase(phrase.end - len(tail.lstrip()), phrase.end, tail.strip()))
            return named or self._find(Phrase(phrase.start, phrase.start + len(head), head))
        normal = _normal(phrase.text)
        if normal in self.known and not self._deferred(normal, phrase):
            speaker, how = self.known[normal]
            return Resolved(speaker, how)
        if phrase.pronoun:  # its own word: "her" is a determiner too, which _normal takes away
            return self._antecedent(phrase.text.lower())
        words = normal.split(" ")
        inside = self._known_inside(words) if normal not in self.known else normal
        if inside is not None and set(inside.split()) <= TITLES and trailing_name(phrase.text.split()):
            inside = None  # President Aleksandar Ilić: a registered title inside a mention with a name of its own
        if inside is not None and inside in self._plain and _held_elsewhere(phrase.text.split()):
            inside = None  # the President of Tasmir, the cooperative's president: someone else's
        if inside is not None and not self._deferred(inside, phrase):
            speaker, how = self.known[inside]
            return Resolved(speaker, how)
        found = self._in_text(phrase, words)
        if found is None and inside is not None:
            speaker, how = self.known[inside]
            return Resolved(speaker, f"{how}, no one in the text")
        return found

    def _deferred(self, form: str, phrase: Phrase) -> bool:
        """Whether the registered plain description ``form`` yields to the text: its person is not named in it,
        or the mention names a place the description is held in."""
        if form not in self._plain or not self.text:
            return False
        if places_of(phrase.text.split()):
            return True
        speaker = self.known[form][0]
        named = self._named.get(speaker)
        if named is None:
            named = self._named[speaker] = speaker.split()[-1] in self.text
        return not named

    def _in_text(self, phrase: Phrase, words: list[str]) -> Resolved | None:
        """The speaker of a mention from the text alone: groups, names, descriptions."""
        normal = " ".join(words)
        if set(words) & _GROUPS and phrase.text.split()[0].lower() in DETERMINERS:
            if len(self._leaders) > 2 and words[0] in ("leaders", "heads") and not set(words) & _COUNTED:
                # the leaders, after a summit of more than two: every head of state or government named
                return Resolved(", ".join(self._leaders[:-1]) + " and " + self._leaders[-1], "the leaders named")
            return self._group()
        if len(words) == 1 and phrase.text.split()[0].lower() in DETERMINERS and self.text:
            # The Portuguese, the Kenyan: a nationality given with a name earlier (Portuguese coach Nuno Braga)
            person = described_person(self.text, words, phrase.start)
            if person is not None:
                return Resolved(self._surnames.get(person.split()[-1], person), "the name given with it earlier")
            people = [s for s in self._singular if not organisation(s)]
            if words[0].endswith(_NATIONALITY) and phrase.text.split()[-1][:1].isupper() and people:
                return Resolved(people[-1], "the last person named before the description")
        if len(words) == 1 and words[0] in ORGANISATION_WORDS and phrase.text.split()[0].lower() in DETERMINERS:
            # the court: the last body named with that word in its name (Constitutional Court, Court of Appeal)
            body = self._of_kind(words[0])
            return Resolved(body, "the last body of that kind") if body else None
        if (
            len(words) == 1
            and phrase.text[:1].isupper()
            and words[0].isalpha()
            and (self.people.is_lower_word(words[0], phrase.start) or words[0].endswith(_AGENTS))
            and words[0].capitalize() not in self._surnames
        ):
            return None  # Analysts said ...: a common noun that opens a sentence (the text has it in lower case too)
        name = trailing_name(phrase.text.split())
        if name:
            if name in self._surnames and self._surnames[name] != name:
                return Resolved(self._surnames[name], "the earlier full name")
            if " " not in name:
                full = full_name_before(self.text, name, phrase.start)
                if full:
                    return Resolved(full, "the full name earlier in the text")
                full = self.people.titled_name_opening_with(name, phrase.start)
                if full:
                    return Resolved(full, "the titled full name earlier in the text that opens with it")
                full = self.people.introduced_name_opening_with(name, phrase.start)
                if full:  # Harbury Foods, the maker of ... [...] Harbury said
                    return Resolved(full, "the name introduced earlier that opens with it")
                full = name_opening_with(self.text, name, phrase.start)
                if full:  # the derby at Millbrook Town [...] Millbrook said
                    return Resolved(full, "the proper name earlier that opens with it")
            return Resolved(name, "the name in the mention")
        body = spoken_for(phrase.text.split())
        if body is not None:  # a spokeswoman for Cardwell Homes: the body speaks through its spokesperson
            return Resolved(body, "the body its spokesperson speaks for")
        if len(words) == 1 and words[0] in _SPOKESPEOPLE and phrase.text.split()[0].lower() == "its":
            # Greenpeace believes ... its spokesperson said: the last body (or name of one word: no person's)
            body = next((s for s in reversed(self._singular) if organisation(s) or " " not in s), None)
            return Resolved(body, "the body its spokesperson speaks for") if body else None
        places = places_of(phrase.text.split()) if self.text else []
        if places and phrase.text.split()[0].lower() in DETERMINERS:
            head = words[: words.index("of")] if "of" in words else words[-1:] if len(words) <= 4 else []
            if set(head) & _BODIES and phrase.text.split()[0].lower() == "the":  # the Dutch health ministry
                return Resolved(" ".join(phrase.text.split()[1:]), "the body the description names")
            person = holder(self.text, places, set(words) & TITLES, phrase.start)
            if person is not None:  # the President of Tasmir, the Kalvarian leader
                return Resolved(self._surnames.get(person.split()[-1], person), "the name given with its title there")
        if "head of state" in normal:  # the head of state: the last president, king or emir named
            heads = [self._titled[t] for t in _HEADS_OF_STATE if t in self._titled]
            if heads:
                return Resolved(max(heads, key=self._at.__getitem__), "the last head of state named")
        for word in reversed(words):
            if word in self._titled:
                return Resolved(self._titled[word], "the last source with the same title")
        if self.text:
            person = described_person(self.text, words, phrase.start)
            if person is not None:
                return Resolved(self._surnames.get(person.split()[-1], person), "the name given with it earlier")
            if any(w.endswith("-year-old") for w in words):
                subject = self.people.subject_person(phrase.start, self._surnames)
                if subject is not None:
                    return Resolved(subject[0], "the person named before the description")
        if places and words[-1] in TITLES and len(words) == 2 and phrase.text.split()[0].lower() == "the":
            # the Chilean envoy, with no one named so: the description names the person
            return Resolved(" ".join(phrase.text.split()[1:]), "the description, no one named")
        return None

    def _known_inside(self, words: list[str]) -> str | None:
        """The longest known form that is a run of whole ``words`` (the first registered among those as long)."""
        best: str | None = None
        for first in range(len(words)):
            if words[first] not in self._first_words:
                continue
            for last in range(first + 1, min(len(words), first + self._most_words) + 1):
                run = " ".join(words[first:last])
                rank = self._rank.get(run)
                if rank is not None and (best is None or rank < self._rank[best]):
                    best = run
        return best

    def _antecedent(self, pronoun: str) -> Resolved | None:
        """The source a pronoun refers to: the last plural one for they; for he and she the last person not
        known by the other pronoun; for it the last organisation."""
        if pronoun not in SINGULAR:
            if self._plural:
                return Resolved(self._plural, "the plural source before the pronoun")
            return self._group() if pronoun == "they" and self._group_before() else None
        person = pronoun != "it"
        key = "she" if pronoun in ("she", "her") else "he" if person else "it"
        if not person and self.text:
            opening = self._opening_before()  # The union is seeking 9 per cent. It argues ...: the union
            if len(opening) > 1 and opening[0] == "the" and opening[1] in ORGANISATION_WORDS:
                body = self._of_kind(opening[1])
                if body is not None:
                    return Resolved(body, "the body the sentence before opens with")
        candidate = next(
            (s for s in reversed(self._singular) if organisation(s) != person and self._said(s, key) == key),
            None,
        )
        since = self._at.get(candidate, 0) if candidate is not None else 0
        if candidate is not None and person:
            nameless = self._nameless_at
            if nameless > since and "\n" not in self.text[nameless : self._here]:
                return None  # their spokesman ... he, in one paragraph: the nearer source is a person with no name
        # a person named after that source, as a sentence's subject, is nearer
        named = self.people.subject_person(self._here, self._persons, since) if person and self.text else None
        if (
            named is not None
            and self._said(named[0], key) == key
            and named[0] != candidate
            and (candidate is None or named[1] > since)
        ):
            return Resolved(named[0], "the person named before the pronoun")
        if candidate is not None:
            return Resolved(candidate, "the source before the pronoun")
        return None

    def _quoted(self, at: int) -> bool:
        """Whether ``at`` is inside a quotation its paragraph opened before it."""
        opened = self.text.rfind("\n", 0, at) + 1
        return self.text.rfind("“", opened, at) > self.text.rfind("”", opened, at)

    def _group_before(self) -> bool:
        """Whether the sentence before the pronoun opens with a group of the people named (``The two leaders
        expressed interest ... They agreed``), not with another plural (``Economists expect ... They argue``)."""
        opening = self._opening_before()
        return bool(opening) and opening[0] in DETERMINERS and bool(set(opening) & _GROUPS)

    def _opening_before(self) -> list[str]:
        """The first four words of the sentence before the pronoun, in lower case."""
        text = self.text
        low = max(0, self._here - 400)
        end = max(text.rfind(". ", low, self._here), text.rfind("\n", low, self._here))
        if end < 0:
            return []
        start = max(text.rfind(". ", low, end), text.rfind("\n", low, end)) + 1
        return [w.lower() for w in text[start:end].split()[:4]]

    def _of_kind(self, word: str) -> str | None:
        """The last body named with ``word`` in its name: a source, else a name in the running text."""
        body = next((s for s in reversed(self._singular) if word in s.lower().split()), None)
        if body is None and self.text:  # or named in the running text (The Food Workers' Union, which ...)
            body = body_named(self.text, word, self._here) or body_called(self.text, word, self._here)
            body = body or body_opening(self.text, word, self._here)  # the council: Council of Europe
            if body is None and word == "company":  # Harbury Foods, the maker of ...
                body = company_introduced(self.text, self._here)
        return body

    def _said(self, speaker: str, default: str) -> str:
        """The pronoun known for ``speaker``: the one a source mention named it by, else the one the text uses
        for it (``gender``), else ``default``."""
        known = self._pronoun.get(speaker)
        if known is None and " " not in speaker:
            known = kin_pronoun(speaker)  # Dad, Grandma
        if known is None and " " in speaker and not organisation(speaker) and self.text:
            if speaker not in self._genders:
                self._genders[speaker] = pronoun_of(self.text, speaker, self._here)
            known = self._genders[speaker]
        return known or default

    def _group(self) -> Resolved | None:
        """``the sides``, ``both leaders``: the last two people named, in the order they were first named."""
        people = [s for s in self._singular if not organisation(s)][-2:]
        if len(people) < 2:
            return None
        people.sort(key=self._first.__getitem__)
        return Resolved(" and ".join(people), "the last two sources")


def _held_elsewhere(words: list[str]) -> bool:
    """Whether a description names where its title is held: a place (``the President of Tasmir``) or a possessor
    (``the cooperative's president``)."""
    return bool(places_of(words)) or any(w.endswith(("’s", "'s")) for w in words)


def is_pronoun(word: str) -> bool:
    return word.lower() in SUBJECT_PRONOUNS or word.lower() in OBJECT_PRONOUNS
