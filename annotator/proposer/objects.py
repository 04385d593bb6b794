"""What follows a reporting verb that has no ``that`` or colon: its content (an object, a bare clause, a small
clause, a topic or a clause after an addressee) or no content at all (an addressee, an adjunct, a time, an anaphoric
``so`` or ``the same thing``, another sense of the verb)."""

from __future__ import annotations

import re

from annotator.proposer.lexicon import CueKind, CueMatch
from annotator.proposer.names import ORGANISATION_WORDS
from annotator.proposer.phrases import SUBJECT_PRONOUNS, TITLES, word_set

DAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|"
    "september|october|november|december"
)

# A clause after a verb of thinking or claiming without "that": a finite verb within its first eight words.
_FINITE = re.compile(
    r"\s*(?:[\w’'-]+\s+){0,7}?(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|might|do|does|"
    r"did|\w+ed)\b",
    re.IGNORECASE,
)
# A finite clause after "said" without "that": an auxiliary or modal within its first seven words.
CLAUSE = re.compile(
    r"\s*(?:[\w’'-]+\s+){0,6}?(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|might)\b", re.I
)
SAY = frozenset(("said", "says", "say", "saying"))
# Verbs of thinking: inside a quotation they tell what someone had in mind (“Dad thought she was his friend”), the
# quoted speaker's story, where outside one they report a view the writer attributes.
COGNITION = word_set(
    "think thinks thought thinking believe believes believed believing reckon reckons reckoned reckoning hope hopes "
    "hoped hoping"
)
# "said to reporters", "added to the pressure": an addressee, or another sense of the verb, and no content.
# Verbs of admission whose content may be a clause with no subject of its own, headed by a gerund (admitted taking
# the money, confessed having lied): the act the speaker owns up to. Not "to": admitted to the hospital.
_GERUND_VERBS = frozenset(
    ("admit", "admits", "admitted", "admitting", "confess", "confesses", "confessed", "confessing")
)
_GERUND = re.compile(
    r"\s+(?:having\s+)?(?!(?:during|morning|evening|nothing|something|anything|everything|thing)\b)[a-z]{2,}ing\b"
)
_SUBORDINATOR = re.compile(r"\b(?:as|when|while|because|after|before|until|since|if|although|though|once)\s", re.I)
_SAY_OR_ADD = SAY | frozenset(("add", "added", "adds", "adding"))
_TO = re.compile(r"\s*(?:to|up)\b", re.IGNORECASE)  # said to reporters; the figures add up

_ANAPHORIC = re.compile(
    r"\s*(?:the\s+same(?:\s+thing)?|so|nothing|otherwise)\b"
    r"|\s*(?:that|this|it|them)\s*[.;!?]",  # rejected that.
    re.IGNORECASE,
)
_AGREE = frozenset(("agree", "agrees", "agreed", "agreeing"))
_ON = re.compile(r"\s*(?:on|upon)\b(?!\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)", re.I)
_DISMISS = frozenset(("dismiss", "dismisses", "dismissed", "dismissing"))
_AS = re.compile(r"\s*(?:[\w’'-]+\s+){1,6}?as\b", re.IGNORECASE)

_CALL = frozenset(("call", "calls", "called", "calling"))
# The small clause of "called X Y": a short noun phrase or pronoun, then a second noun phrase or a quotation.
_NAMED_AS = re.compile(
    r"\s*(?:(?:the|this|that|these|those|his|her|their|its|our|my|your)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+|him|her|"
    r"them|it|this|that)\s+(?:a|an|the|[“\"‘])",
    re.IGNORECASE,
)

_CALL_ON = frozenset(("call on", "calls on", "called on", "calling on"))
# Whom "called on" urges, then what: an infinitive within eight words (called on state governments to add ...).
_URGED = re.compile(r"\s*(?:[\w’'-]+\s+){1,8}?to\s+[a-z]", re.IGNORECASE)

_PREPOSITION = re.compile(r"\s*(?:in|on|at|during|after|before|from|with|by|into|since|until)\b", re.I)
# A time, not an object: promised two years ago, announced last week.
_TIME = re.compile(
    r"\s*(?:(?:[\w-]+\s+){1,3}ago\b|(?:last|next|this)\s+(?:week|month|year|spring|summer|autumn|fall|winter|"
    + DAYS
    + r")\b)",
    re.I,
)


_TELL = frozenset(("tell", "tells", "told", "telling"))
# Verbs with an addressee whose topic follows "on" or "about" (briefed the guests on C, informed the board about C).
_BRIEF = frozenset(("briefed", "inform", "informs", "informed", "informing"))
# The addressee (a short noun phrase, no comma), then the preposition of the topic: not a day (informed them on
# Monday), an occasion (on the sidelines) or a manner (on behalf of X, on condition of anonymity).
_TOPIC = re.compile(
    r"\s*(?:[\w’'-]+\s+){1,5}?(?:on|about)\s+(?!(?:"
    + DAYS
    + r"|the\s+(?:phone|day|eve|sidelines)|behalf|condition)\b)",
    re.I,
)
_OF = re.compile(r"\s*of\b", re.IGNORECASE)
_OFF = re.compile(r"\s*off\b", re.IGNORECASE)
_WELCOME = frozenset(("welcome", "welcomes", "welcomed", "welcoming"))
# Whom "welcome" greets: a pronoun or a noun phrase headed by a noun for people (welcomed the guests, welcoming the
# visiting delegation); its object is then a person received, no position taken (welcomed the decision).
_GREETED = re.compile(
    r"\s*(?:him|her|them|us|you|(?:the|our|his|her|their|its|all|a|an)\s+(?:[\w’'-]+\s+){0,2}?(?:guests?|visitors?|"
    r"delegations?|delegates|participants|attendees|audience|newcomers|members|counterparts?|colleagues|leaders|"
    r"ambassadors?|envoys?|students|fans|crowds?|refugees|tourists|athletes|teams?))\b(?![\w’'-])",
    re.IGNORECASE,
)
# backed down, backed away from, opposed to: a particle or preposition makes another sense (a move, a state).
_BACKED = re.compile(r"\s*(?:down|away|out|up|into|onto|to)\b", re.IGNORECASE)
# What a guest thanks hosts for (the invitation, the warm hospitality, the reception): a courtesy of protocol.
_HOSTED = re.compile(
    r"\s*(?:the|their|his|her|its|your|this)\s+(?:[\w’'-]+\s+){0,2}?(?:invitation|hospitality|welcome|reception)\b",
    re.IGNORECASE,
)
_ADD = frozenset(("add", "adds", "added", "adding"))
# "add" with an amount or "up" means to increase or total (the leaks add as much as X, added 2,000 jobs, it all adds
# up): a verb of saying adds words, after which comes "that", a colon, a quotation or a clause.
_AMOUNT = re.compile(r"\s*(?:up\b|as\s+(?:much|many)\b|(?:much|more|less|fewer|nearly|almost)\s|[$£€]?\d)", re.I)
_DECLARE = frozenset(("declare", "declares", "declared", "declaring"))
# "declared the session open": an act that opens or closes something, performed by saying so, and no report of a
# view (the small clause ends in open, closed or adjourned, with the sentence or the clause).
_OPENED = re.compile(
    r"\s*(?:the|a|this|that|its|his|her|their)\s+(?:[\w’'-]+\s+){0,4}?(?:open|opened|closed|adjourned|over)"
    r"\s*(?:[.,;:!?]|and\b|$)",
    re.IGNORECASE,
)


_SIDES = frozenset(("supported", "backed", "endorsed", "opposed"))
# Who takes a side: a name or body (a capitalised head), a pronoun, a title or a body's word, a noun of agents
# (voters, campaigners, residents, editors), or one of these nouns of people.
_PEOPLE = word_set(
    "people public critics officials police staff locals community families parents majority minority electorate "
    "crowd crowds board boards panel jury club clubs campaign coalition opposition team teams delegation delegates "
    "colleagues allies rivals experts scientists economists analysts activists lawmakers mps senators bishops"
)
_AGENT_ENDS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ent", "ents", "ant", "ants", "ee", "ees")


def takes_sides(holder: str) -> bool:
    """Whether the subject ``holder`` can hold a position, so that ``backed``, ``supported``, ``endorsed`` and
    ``opposed`` report one (the senator backed the bill; not low rates supported the housing market)."""
    head = holder.split()[-1] if holder.split() else ""
    lower = head.lower()
    singular = lower[:-1] if lower.endswith("s") else lower
    return (
        head[:1].isupper()
        or lower in SUBJECT_PRONOUNS
        or lower in _PEOPLE
        or lower in TITLES
        or singular in TITLES
        or lower in ORGANISATION_WORDS
        or singular in ORGANISATION_WORDS
        or lower.endswith(_AGENT_ENDS)
    )


def other_sense(cue: CueMatch, rest: str, holder: str = "") -> bool:
    """Whether a verb of saying is used in a sense that reports nothing, whatever follows (a ``that`` after it
    opens a relative clause): ``tells of a village that vanished`` (narrates), ``warned off the crowd``, ``told
    off``, ``called off`` (a particle ``off``), ``backed down``, ``opposed to``, ``welcomed the guests`` (a
    courtesy), ``adds as much as`` (an increase), ``declared the meeting closed`` (an act performed), ``expressed
    gratitude for the invitation`` (thanks to hosts), ``low rates supported the market`` (a subject ``holder`` that
    takes no side)."""
    if cue.kind == CueKind.SOURCE_AFTER:
        return False
    if holder and cue.phrase.lower() in _SIDES and not takes_sides(holder):
        return True
    if cue.phrase.lower() in ("backed", "opposed") and _BACKED.match(rest):
        return True
    if cue.phrase.lower() in _WELCOME and _GREETED.match(rest):
        return True  # welcomed the guests: a courtesy to people, not a view of a thing
    if cue.phrase.lower().endswith((" gratitude for", " appreciation for")) and _HOSTED.match(rest):
        return True  # expressed gratitude for the warm welcome: thanks to hosts, a courtesy as thanked X for Y is
    if cue.phrase.lower() in _ADD and (_AMOUNT.match(rest) or adds_a_thing(cue, rest)):
        return True  # adds as much as X, added 300 jobs, adds three galleries: an increase, not words added
    if cue.phrase.lower() in _DECLARE and _OPENED.match(rest):
        return True  # declared the meeting closed: the act itself, not a report
    return _OFF.match(rest) is not None or (cue.phrase.lower() in _TELL and _OF.match(rest) is not None)


# A clause after an addressee without "that" (told the board it had, assured them there was): a short addressee,
# then a subject pronoun with its verb (a word that is no preposition or conjunction: told the fans it sold X).
_ADDRESSEE_CLAUSE = re.compile(
    r"\s*(?:[\w’'.-]+\s+){1,4}?(?=(?:it|he|she|they|we|i|there)\s+"
    r"(?!(?:to|and|or|but|of|in|on|at|for|with|by|from|about|as|that|who|which)\b)[a-z])",
    re.IGNORECASE,
)


def topic(cue: CueMatch, rest: str) -> tuple[int, bool] | None:
    """Where the content of a verb with an addressee starts in ``rest`` where no ``that`` opens it, and whether it is
    a noun phrase: the topic after ``on`` or ``about`` (``briefed the guests on C``), or a clause opening with a
    subject pronoun (``told the board it had C``); None where there is neither."""
    if cue.phrase.lower() in _BRIEF:
        found = _TOPIC.match(rest)
        if found:
            return found.end(), True
    if cue.kind == CueKind.THAT:
        found = _ADDRESSEE_CLAUSE.match(rest)
        if found:
            return found.end(), False
    return None


# What a guest thanks hosts for (the invitation, the warm hospitality, the reception): a courtesy of protocol.
_HOSTED = re.compile(
    r"\s*(?:the|their|his|her|its|your|this)\s+(?:[\w’'-]+\s+){0,2}?(?:invitation|hospitality|welcome|reception)\b",
    re.IGNORECASE,
)
_ADD = frozenset(("add", "adds", "added", "adding"))
# What "add" adds as an act: a noun phrase opening with a determiner or number (adding a play area, added 300 jobs).
_ADDED_THING = re.compile(
    r"\s+(?:a|an|the|its|their|his|her|our|another|more|new|extra|two|three|four|five|six|seven|eight|nine|ten|"
    r"several|dozens|hundreds|thousands|\d[\d,.]*)\s",
    re.IGNORECASE,
)


def adds_a_thing(cue: CueMatch, rest: str) -> bool:
    """Whether ``add`` is the verb of an act, with a noun phrase for its object (``cutting X and adding a larger play
    area``), not a report (``adding that C``, ``added the plan was dead``)."""
    return cue.phrase.lower() in _ADD and _ADDED_THING.match(rest) is not None and not CLAUSE.match(rest)


def _bare_clause(rest: str) -> bool:
    """Whether ``rest`` opens with a clause without ``that``: a subject and its finite verb, with no conjunction
    between them (``showed no emotion as the verdicts were read``: the verb is a subordinate clause's)."""
    finite = _FINITE.match(rest)
    return finite is not None and _SUBORDINATOR.search(rest, 0, finite.end()) is None


def no_object(cue: CueMatch, rest: str) -> bool:
    """Whether the words after a cue without ``that`` are no content of it."""
    if cue.phrase.lower() in _GERUND_VERBS and _GERUND.match(rest):
        return False  # admitted taking the money: the gerund clause is the content
    if cue.kind == CueKind.THAT or (cue.kind == CueKind.CLAUSE and not _bare_clause(rest)):
        return True  # told reporters, believes in: an addressee, or no clause
    if _TO.match(rest) and cue.phrase.lower() in _SAY_OR_ADD:
        return True  # said to reporters, added to the cost, does not add up
    if adds_a_thing(cue, rest):
        return True  # and adding a larger play area: an act, not a report
    if _ANAPHORIC.match(rest) and not CLAUSE.match(rest):
        return True  # said the same thing, said so: what was said is told elsewhere
    if cue.phrase.lower() in _AGREE and (_TO.match(rest) or _ON.match(rest)):
        return True  # agreed to share, agreed on a date: an act, not a report
    if cue.phrase.lower() in _DISMISS and not _AS.match(rest):
        return True  # dismissed its coach: another sense; dismissed the claims as lies reports
    if cue.phrase.lower() in _CALL_ON and not _URGED.match(rest):
        return True  # called on his mother: a visit; called on the states to act urges
    if cue.phrase.lower() in _CALL and not _NAMED_AS.match(rest):
        return True  # called a meeting, called the police: no small clause (called the plan a failure)
    # described in a report: an adjunct, no object (the object went before, in a relative clause); promised two
    # years ago: a time
    return _PREPOSITION.match(rest) is not None or _TIME.match(rest) is not None
