"""The pronoun the text itself uses for a person it names (never a list of first names): ``Mr``/``Ms`` before the
surname, ``his``, ``himself`` or ``herself`` later in a sentence the name opens (within its first words) with no
other name, quotation or ``that`` between (a reported clause's pronoun may be someone else: ``X said she had taught
...``), and ``He`` or ``She`` opening the next sentence after a sentence the name opens. Where the text's evidence
disagrees, none. A kinship word used as a name (``Dad``, ``Grandma``) is its own gender."""

from __future__ import annotations

import re

_HE = frozenset(("he", "him", "his", "himself", "mr"))
_SHE = frozenset(("she", "her", "hers", "herself", "ms", "mrs", "miss"))
_PRONOUN = re.compile(r"(?<![\w’'-])(?:his|himself|herself)(?![\w’'-])", re.IGNORECASE)
# What stops the search for a pronoun: another name, a quotation, a reported clause.
_OTHER = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]+[ \u00a0]+[A-Z][\w’'-]+|[“”\"]|(?<![\w’'-])that(?![\w’'-])")
_SENTENCE_END = re.compile(r"[.!?…][”\"’]?(?:\s+|$)|\n")
_OPENS = re.compile(r"\s*([A-Z][a-z]+)(?![\w’'-])")  # not in a quotation: “She was ...” is the speaker's
_ANY_PRONOUN = re.compile(r"(?<![\w’'-])(?:he|him|his|she|her|hers)(?![\w’'-])", re.IGNORECASE)
_WORDISH = re.compile(r"[\w’'-]")
_KIN = {
    **dict.fromkeys(("dad", "daddy", "father", "grandad", "granddad", "grandpa", "grandfather", "uncle"), "he"),
    **dict.fromkeys(("mum", "mom", "mummy", "mommy", "mother", "gran", "grandma", "grandmother", "aunt"), "she"),
}
_HONORIFIC = re.compile(r"(?<![\w’'-])(Mr|Mrs|Ms|Miss)\.?[ \u00a0]+$")
_BEFORE = 8000
_AFTER = 2000
_NEAR = 300
"""How far after a name its sentence is read, in characters."""


def kin_pronoun(word: str) -> str | None:
    """``he`` or ``she`` for a kinship word used as a name (“Dad thought ...”), else None."""
    return _KIN.get(word.lower())


def pronoun_of(text: str, name: str, near: int = 0) -> str | None:
    """``he`` or ``she`` for the person ``name`` where the text says which (within ``_BEFORE`` characters before
    ``near`` and ``_AFTER`` after it: one article's length, in a long text), else None."""
    surname = name.split()[-1] if name.strip() else ""
    if len(surname) < 2 or not surname[:1].isupper():
        return None
    votes: set[str] = set()
    high = near + _AFTER
    at = text.find(surname, max(0, near - _BEFORE), high)
    while at >= 0:  # each place of the surname as a word (found with str.find: one scan of the text in C)
        end = at + len(surname)
        if (at == 0 or not _WORDISH.match(text, at - 1)) and not _WORDISH.match(text, end):
            honorific = _HONORIFIC.search(text, max(0, at - 6), at)
            if honorific is not None:
                votes.add("he" if honorific.group(1).lower() in _HE else "she")
            else:
                votes |= _in_sentence(text, at, end)
            if len(votes) > 1:
                return None
        at = text.find(surname, end, high)
    return next(iter(votes)) if len(votes) == 1 else None


def _in_sentence(text: str, at: int, end: int) -> set[str]:
    stop = _SENTENCE_END.search(text, end, end + _NEAR)
    close = stop.start() if stop else min(len(text), end + _NEAR)
    found: set[str] = set()
    low = max(0, at - _NEAR)  # where the sentence opens, looked for within its last _NEAR characters
    opened = max(text.rfind(". ", low, at), text.rfind("\n", low, at), text.rfind("— ", low, at))
    words_before = text[opened + 1 : at].split() if opened >= 0 else text[low:at].split()
    if len(words_before) > 4:
        return found  # not the sentence's subject (He had called Soto to congratulate her): no evidence
    pronoun = _PRONOUN.search(text, end, close)
    if pronoun is not None and _OTHER.search(text, end, pronoun.start()) is None:
        found.add("he" if pronoun.group().lower() in _HE else "she")
    if (
        stop is not None
        and stop.group() != "\n"
        and _ANY_PRONOUN.search(text, end, close) is None  # recalled that she ...: the next She may be hers
    ):
        following = _OPENS.match(text, stop.end())
        if following is not None and following.group(1) in ("He", "She"):
            found.add(following.group(1).lower())
    return found
