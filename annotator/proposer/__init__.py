"""The proposer: rules that read a news text and propose who said what, in the schema's own names.

``propose(text, schema, lexicon)`` is an ``annotator.proposal.Proposer``: claims from quotation structure and
reported speech, each with its source mention (canonical speaker filled in where there is evidence) and cue, the
links between them, and the quote type; a target the claim or its sentence names, and a stance only where the
project's statements of the same speaker on the same target agree on one (``stances``). ``learn(pairs,
definition)`` builds the ``Lexicon`` a project teaches it from its done layers. Plain Python: no Qt, no SQL.

The modules, in the order a text passes through them: ``lexicon`` (reporting verbs and phrases, with ``senses``:
the words it holds that are no cue in their place), ``segments``
(paragraphs, quotations, sentences), ``phrases`` (source phrases from words), ``found`` (what the rules find),
``direct`` (quoted sentences), ``indirect`` (reported speech, with ``objects`` and ``limits``), ``reported`` and
``framed`` (structures with no subject right before a verb cue), ``finder`` (one pass), ``sources`` (canonical
speakers, with ``names``, ``mentions``, ``holders`` and ``gender``), ``attributes`` (quote type, target),
``assemble`` (proposals), ``stances`` (stance from evidence), ``learning`` (the lexicon); ``naming`` gives the window
the canonical speaker of a source marked by hand. Shared by them: ``casing`` (the text in lower case, for faster
searches) and ``memo`` (what is worked out once per text, forgotten when its proposals are made).
"""

from __future__ import annotations

from functools import lru_cache

from annotator.proposal import Lexicon, Proposals
from annotator.proposer import memo
from annotator.proposer.assemble import assemble
from annotator.proposer.finder import find
from annotator.proposer.found import Context
from annotator.proposer.learning import learn
from annotator.proposer.lexicon import CueLexicon
from annotator.proposer.sources import Resolver
from annotator.proposer.stances import with_stances
from annotator.schema import Schema

__all__ = ["learn", "propose"]


@lru_cache(maxsize=8)
def _cues(learned: tuple[str, ...]) -> CueLexicon:
    return CueLexicon(learned)


def propose(text: str, schema: Schema, lexicon: Lexicon) -> Proposals:
    """Proposed claims, sources, cues, their links and attributes for ``text``, each with the rule that made it."""
    try:
        context = Context(text, _cues(tuple(sorted(lexicon.cues))), lexicon.sources)
        resolver = Resolver((*schema.speakers, *lexicon.registry), lexicon.speakers, text)
        proposals = assemble(text, schema, find(context), resolver, lexicon.targets)
    finally:
        memo.forget()  # what was worked out for this text is not kept for the next call
    return with_stances(proposals, schema, lexicon.stances) if lexicon.stances else proposals
