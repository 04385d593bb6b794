"""What a project teaches the proposer: every source and cue phrase annotators marked in done layers becomes a
lexicon entry (as INCEpTION's string-matching recommender learns), with how often it was marked, and each source
phrase the canonical speaker it was given most often; the stances of the done layers' statements become evidence
for the same speaker's stance on the same target (``stances``); the project's registry and targets are kept as
given."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from annotator.model import Layer, Status
from annotator.proposal import Lexicon
from annotator.proposer.stances import stance_evidence
from annotator.schema import SpeakerDef, StatementDef


def learn(
    pairs: Iterable[tuple[str, Layer]],
    definition: StatementDef,
    *,
    registry: Iterable[SpeakerDef] = (),
    targets: Iterable[str] = (),
) -> Lexicon:
    """The lexicon taught by ``pairs`` of a document's text and a layer on it (layers not done teach nothing), with
    the project's ``registry`` of speakers and its ``targets`` (the Store's, which may hold more than the schema)."""
    sources: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    speakers: defaultdict[str, Counter[str]] = defaultdict(Counter)
    done: list[Layer] = []
    for text, layer in pairs:
        if layer.status != Status.DONE:
            continue
        done.append(layer)
        for span in layer.spans:
            phrase = " ".join(text[span.start : span.end].split())
            if not phrase:
                continue
            if span.label == definition.source:
                sources[phrase] += 1
                speaker = span.attrs.get(definition.speaker) if definition.speaker else None
                if speaker:
                    speakers[phrase][speaker] += 1
            elif span.label == definition.cue:
                cues[phrase] += 1
    return Lexicon(
        dict(sources),
        dict(cues),
        {phrase: counts.most_common(1)[0][0] for phrase, counts in speakers.items()},
        stance_evidence(done, definition),
        tuple(registry),
        tuple(targets),
    )
