"""Stance and target proposed only with evidence: a target of the list (or the project's) named in the claim or its
sentence, and a stance only where the same speaker's statements on the same target agree; never from the words.
The project's registry and targets reach the proposer through the lexicon."""

from __future__ import annotations

from dataclasses import replace

from proposer_helpers import one, run

from annotator.model import Layer, Relation, Span, Status
from annotator.proposer import learn
from annotator.proposer.stances import stance_evidence, with_stances
from annotator.schema import SpeakerDef, default_schema

EARLIER = "Rosa Ibarra said the Non-Aligned Movement had lost its way."
LATER = "Rosa Ibarra said the Non-Aligned Movement was a relic. Rosa Ibarra said the weather was fine."


def _statement_layer(
    doc_id: str, stance: str, status: Status = Status.DONE, target: str = "Non-Aligned Movement"
) -> Layer:
    """A layer on EARLIER: the claim with its speaker, cue, ``target`` and ``stance``."""
    attrs = {"target": target, "stance": stance, "quote_type": "indirect"}
    spans = (
        Span("s1", 0, 11, "SPEAKER", {"speaker": "Rosa Ibarra"}),
        Span("s2", 12, 16, "CUE"),
        Span("s3", 17, len(EARLIER) - 1, "CLAIM", attrs),
    )
    relations = (Relation("r1", "s3", "s1", "ATTRIBUTED_TO"), Relation("r2", "s3", "s2", "HAS_CUE"))
    return Layer(doc_id, "ann", status, 0, spans, relations)


def test_a_stance_is_proposed_when_the_speakers_done_statements_on_the_target_agree():
    schema = default_schema()
    lexicon = learn([(EARLIER, _statement_layer("d1", "AGAINST")), (EARLIER, _statement_layer("d2", "AGAINST"))],
                    schema.statement)  # fmt: skip
    assert lexicon.stances == {("Rosa Ibarra", "Non-Aligned Movement"): (("AGAINST", "d1"), ("AGAINST", "d2"))}
    proposals = run(LATER, lexicon=lexicon)
    claim = one(proposals, LATER, "CLAIM", "the Non-Aligned Movement was a relic")
    assert claim.attrs == {"quote_type": "indirect", "target": "Non-Aligned Movement", "stance": "AGAINST"}
    assert claim.rule.endswith("; stance 'AGAINST' as Rosa Ibarra on Non-Aligned Movement in d1, d2")
    assert "target 'Non-Aligned Movement' named in the claim ('Non-Aligned Movement')" in claim.rule
    other = one(proposals, LATER, "CLAIM", "the weather was fine")  # no target named: no stance either
    assert "stance" not in other.attrs and "target" not in other.attrs


def test_no_stance_where_the_evidence_disagrees_is_not_done_or_is_on_another_target():
    schema = default_schema()
    cases = [
        [_statement_layer("d1", "AGAINST"), _statement_layer("d2", "FAVOR")],  # a contradiction
        [_statement_layer("d1", "AGAINST", Status.IN_PROGRESS)],  # not done: teaches nothing
        [_statement_layer("d1", "AGAINST", target="Islamic solidarity")],  # another target
        [],
    ]
    for layers in cases:
        lexicon = learn([(EARLIER, layer) for layer in layers], schema.statement)
        claim = one(run(LATER, lexicon=lexicon), LATER, "CLAIM", "the Non-Aligned Movement was a relic")
        assert "stance" not in claim.attrs and "stance" not in claim.rule, layers


def test_never_a_stance_from_the_words():
    text = "Rosa Ibarra said the Non-Aligned Movement was a wonderful, admirable triumph and she loved it."
    for span in run(text).spans:
        assert "stance" not in span.attrs


def test_the_open_layers_own_stance_is_evidence_and_is_given_again_from_the_start():
    schema = default_schema()
    proposals = run(LATER)
    claim = one(proposals, LATER, "CLAIM", "the Non-Aligned Movement was a relic")
    assert "stance" not in claim.attrs
    own = stance_evidence([_statement_layer("open", "FAVOR", Status.IN_PROGRESS)], schema.statement)
    given = with_stances(proposals, schema, own)
    now = one(given, LATER, "CLAIM", "the Non-Aligned Movement was a relic")
    assert now.attrs["stance"] == "FAVOR"
    assert now.rule.endswith("; stance 'FAVOR' as Rosa Ibarra on Non-Aligned Movement in open")
    # given again with other evidence: the earlier stance is taken away, not kept beside it
    against = stance_evidence([_statement_layer("open", "AGAINST", Status.IN_PROGRESS)], schema.statement)
    again = one(with_stances(given, schema, against), LATER, "CLAIM", "the Non-Aligned Movement was a relic")
    assert again.attrs["stance"] == "AGAINST" and again.rule.count("stance") == 1
    gone = one(with_stances(given, schema, {}), LATER, "CLAIM", "the Non-Aligned Movement was a relic")
    assert gone == claim
    assert with_stances(proposals, schema, {}) is proposals


def test_a_target_named_in_the_sentence_says_which_words():
    text = "Speaking of the Non-Aligned Movement, Rosa Ibarra said it had lost its way."
    claim = one(run(text), text, "CLAIM", "it had lost its way")
    assert claim.attrs["target"] == "Non-Aligned Movement"
    assert "target 'Non-Aligned Movement' named in its sentence ('Non-Aligned Movement')" in claim.rule
    elsewhere = "The Non-Aligned Movement met. Rosa Ibarra said it had lost its way."
    assert "target" not in one(run(elsewhere), elsewhere, "CLAIM", "it had lost its way").attrs


def test_the_projects_own_targets_and_registry_speakers_are_used():
    text = "The Harbour Board chair said the river tunnel was overdue."
    schema = default_schema()
    plain = run(text)
    assert "target" not in one(plain, text, "CLAIM", "the river tunnel was overdue").attrs
    assert "speaker" not in one(plain, text, "SPEAKER", "The Harbour Board chair").attrs
    lexicon = learn([], schema.statement, registry=[SpeakerDef("Mia Lund", ("Harbour Board chair",))],
                    targets=["river tunnel"])  # fmt: skip
    taught = run(text, lexicon=lexicon)
    claim = one(taught, text, "CLAIM", "the river tunnel was overdue")
    assert claim.attrs["target"] == "river tunnel"
    source = one(taught, text, "SPEAKER", "The Harbour Board chair")
    assert source.attrs == {"speaker": "Mia Lund"}
    assert "registry alias 'Harbour Board chair'" in source.rule
    assert replace(lexicon, registry=()) != lexicon


def test_the_speaker_named_in_the_sentence_is_no_target():
    schema = default_schema()
    text = "Speaking in Baku, Rosa Ibarra said the talks had gone well."
    lexicon = learn([], schema.statement, targets=["Rosa Ibarra", "Baku"])
    claim = one(run(text, lexicon=lexicon), text, "CLAIM", "the talks had gone well")
    assert claim.attrs["target"] == "Baku"  # named in the sentence; the speaker's own name is not
    alone = "Rosa Ibarra said the talks had gone well."
    assert "target" not in one(run(alone, lexicon=lexicon), alone, "CLAIM", "the talks had gone well").attrs


def test_a_target_spelt_with_a_long_s_is_found_not_a_crash():
    # Matched ignoring case, 'ſ' is an 's'; its lower case is not, so the name is looked up by its case folding.
    text = "Speaking of Islamic \u017folidarity, Rosa Ibarra said it had lost its way."
    claim = one(run(text), text, "CLAIM", "it had lost its way")
    assert claim.attrs["target"] == "Islamic solidarity"
