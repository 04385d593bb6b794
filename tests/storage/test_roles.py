"""Roles, enforced by the Store: an annotator reads and changes their own layers; a lead does the rest."""

from __future__ import annotations

import pytest

from annotator.errors import DataError, PermissionDenied
from annotator.formats.native import parse_record
from annotator.model import GOLD, Annotator, Role, Status
from annotator.schema import default_schema
from db.store import Store
from samples import tricky_record


def _records(*annotators: str, doc_id: str = "tricky") -> list:
    return [
        (line, parse_record(tricky_record(name, doc_id=doc_id), default_schema()))
        for line, name in enumerate(annotators, 1)
    ]


@pytest.fixture
def project(database: str) -> str:
    """A project made by lena (its lead), with bea's, ann_01's and the gold layer of one document."""
    with Store.open(database, user="lena") as lena:
        assert lena.user == Annotator("lena", Role.LEAD)
    with Store.open(database) as trusted:
        trusted.import_records(_records(GOLD, "ann_01", "bea"), source="sample")
    return database


def _everything(database: str) -> str:
    with Store.open(database) as trusted:
        records = trusted.export_records(layer="all", status="any", with_empty=True)
        return repr([(r.document, r.layer) for r in records]) + repr(trusted.annotators())


def test_the_first_user_of_a_project_is_its_lead_and_later_ones_annotators(database: str) -> None:
    with Store.open(database) as trusted:
        assert trusted.user is None
        assert trusted.annotators() == []
    with Store.open(database, user="lena") as lena:
        assert lena.user == Annotator("lena", Role.LEAD)
    with Store.open(database, user="bea") as bea:
        assert bea.user == Annotator("bea", Role.ANNOTATOR)
    with Store.open(database, user="lena") as lena:  # registered once: opening again changes nothing
        assert lena.user == Annotator("lena", Role.LEAD)
        assert lena.annotators() == [Annotator("bea", Role.ANNOTATOR), Annotator("lena", Role.LEAD)]


def test_a_user_needs_a_name_that_can_be_an_annotators(database: str) -> None:
    with pytest.raises(DataError, match="'gold' names the adjudicated layer"):
        Store.open(database, user=GOLD)
    with pytest.raises(DataError, match="without surrounding spaces"):
        Store.open(database, user=" bea")
    with Store.open(database) as trusted:
        assert trusted.annotators() == []


def test_an_annotator_changes_only_their_own_layer(project: str) -> None:
    before = _everything(project)
    with Store.open(project, user="bea") as bea:
        bea.add_span("tricky", "bea", 0, 7, "CLAIM")
        bea.set_status("tricky", "bea", Status.DONE)
        after_own = _everything(project)
        assert after_own != before
        for owner in ("ann_01", GOLD):
            attempts = [
                lambda o=owner: bea.add_span("tricky", o, 0, 7, "CLAIM"),
                lambda o=owner: bea.remove_span("tricky", o, "s1"),
                lambda o=owner: bea.set_span_attributes("tricky", o, "s3", {"stance": "AGAINST"}),
                lambda o=owner: bea.add_relation("tricky", o, "s4", "s1", "ATTRIBUTED_TO"),
                lambda o=owner: bea.remove_relation("tricky", o, "r1"),
                lambda o=owner: bea.set_status("tricky", o, Status.TODO),
            ]
            for attempt in attempts:
                with pytest.raises(PermissionDenied) as refused:
                    attempt()
                message = str(refused.value)
                assert "\n" not in message
                assert message.startswith("only a lead may change ")
                assert "(bea is an annotator)" in message
                assert "`annotator annotators add bea --role lead`" in message
    assert _everything(project) == after_own


def test_a_lead_changes_any_layer_and_gold(project: str) -> None:
    with Store.open(project, user="lena") as lena:
        for owner in ("bea", "ann_01", GOLD):
            span = lena.add_span("tricky", owner, 0, 7, "CLAIM").added[0]
            lena.remove_span("tricky", owner, span.key)
            lena.set_status("tricky", owner, Status.IN_PROGRESS)
        assert lena.layer("tricky", GOLD).status is Status.IN_PROGRESS


def test_an_annotator_reads_only_their_own_layers(project: str) -> None:
    with Store.open(project, user="bea") as bea:
        assert bea.layer("tricky", "bea") is not None
        assert bea.layer("other", "bea") is None
        assert bea.document("tricky").title == "Leaders meet"
        for owner, words in (("ann_01", "ann_01's layer of 'tricky'"), (GOLD, "the gold layer of 'tricky'")):
            with pytest.raises(PermissionDenied, match=f"only a lead may read {words} \\(bea is an annotator\\)"):
                bea.layer("tricky", owner)
    with Store.open(project, user="lena") as lena:
        assert lena.layer("tricky", "ann_01") is not None and lena.layer("tricky", GOLD) is not None


def test_an_annotator_exports_only_their_own_layers(project: str) -> None:
    with Store.open(project, user="bea") as bea:
        mine = list(bea.export_records(layer="bea"))
        assert [record.layer.annotator for record in mine] == ["bea"]
        for layer, words in (("all", "every layer"), (GOLD, "the gold layer"), ("ann_01", "ann_01's layer")):
            with pytest.raises(PermissionDenied, match=f"only a lead may export {words}"):
                bea.export_records(layer=layer)  # refused at the call, before anything is read
    with Store.open(project, user="lena") as lena:
        assert [r.layer.annotator for r in lena.export_records(layer="all")] == [GOLD, "ann_01", "bea"]
        assert len(list(lena.export_records(layer=GOLD))) == 1


def test_an_annotator_imports_documents_and_their_own_layers_only(project: str) -> None:
    with Store.open(project, user="bea") as bea:
        report = bea.import_records(_records("bea", doc_id="second"), source="mine.jsonl")
        assert (report.documents, report.layers) == (1, 1)
        before = _everything(project)
        for foreign in (GOLD, "ann_02"):
            records = _records("bea", foreign, doc_id="third")
            with pytest.raises(PermissionDenied) as refused:
                bea.import_records(records, source="theirs.jsonl")
            assert str(refused.value).startswith("theirs.jsonl:2: only a lead may import ")
            assert "--role lead" in str(refused.value)
        assert _everything(project) == before  # nothing of the refused files, not even their first line
    with Store.open(project, user="lena") as lena:
        report = lena.import_records(_records("bea", GOLD, "ann_02", doc_id="third"), source="all.jsonl")
        assert report.layers == 3


def test_only_a_lead_gives_roles_once_there_is_one(project: str) -> None:
    with Store.open(project, user="bea") as bea:
        assert bea.add_annotator("carl") == Annotator("carl", Role.ANNOTATOR)  # a new annotator: anyone's to add
        for name, role in (("bea", Role.LEAD), ("dan", Role.LEAD), ("lena", Role.ANNOTATOR)):
            with pytest.raises(PermissionDenied, match=f"only a lead may make {name} "):
                bea.add_annotator(name, role)
    with Store.open(project, user="lena") as lena:
        lena.add_annotator("bea", Role.LEAD)
    with Store.open(project, user="bea") as bea:
        assert bea.user == Annotator("bea", Role.LEAD)
        assert bea.layer("tricky", GOLD) is not None


def test_without_a_lead_anyone_may_name_one(database: str) -> None:
    # A project filled by a trusted tool has annotators but no lead: the first to ask becomes one.
    with Store.open(database) as trusted:
        trusted.import_records(_records("ann_01", "ann_02"), source="sample")
    with Store.open(database, user="bea") as bea:
        assert bea.user == Annotator("bea", Role.ANNOTATOR)
        bea.add_annotator("bea", Role.LEAD)
        assert bea.user == Annotator("bea", Role.LEAD)
    with Store.open(database, user="ann_01") as other, pytest.raises(PermissionDenied):
        other.add_annotator("ann_01", Role.LEAD)


def test_a_trusted_caller_is_not_checked(project: str) -> None:
    with Store.open(project) as trusted:
        trusted.add_span("tricky", GOLD, 0, 7, "CLAIM")
        assert trusted.layer("tricky", "bea") is not None
        assert len(list(trusted.export_records(layer="all"))) == 3
        trusted.add_annotator("lena", Role.ANNOTATOR)


def test_only_a_lead_sets_the_schema(project: str) -> None:
    with Store.open(project, user="bea") as bea:
        before = bea.schema.source_text
        with pytest.raises(
            PermissionDenied, match="only a lead may set the project's schema \\(bea is an annotator\\)"
        ):
            bea.set_schema(default_schema())
        assert bea.schema.source_text == before
    with Store.open(project, user="lena") as lena:
        lena.set_schema(default_schema())


def test_stats_show_an_annotator_their_own_progress_only(project: str) -> None:
    with Store.open(project, user="bea") as bea:
        mine = bea.stats()
    with Store.open(project, user="lena") as lena:
        everyone = lena.stats()
    assert list(mine["annotators"]) == ["bea"]
    assert mine["annotators"]["bea"] == everyone["annotators"]["bea"]
    assert sum(mine["layers"].values()) == 1 and sum(everyone["layers"].values()) == 3
    assert sum(mine["spans"].values()) == everyone["annotators"]["bea"]["spans"] < sum(everyone["spans"].values())
    assert set(everyone["annotators"]) == {"ann_01", "bea", "lena", GOLD}
    assert mine["documents"] == everyone["documents"] == 1
