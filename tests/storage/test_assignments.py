"""Assignments in the Store, on both backends: a lead assigns in one transaction; the mode orders or limits each
annotator's list; in mode ``only`` the Store refuses an annotator's new layer on a document not assigned to them."""

from __future__ import annotations

import pytest

from annotator.assignment import Mode, Share
from annotator.errors import DataError, PermissionDenied
from annotator.model import Document, Layer, LayerRecord, Role, Span, Status
from db.store import Store

LENGTHS = {f"d{n:02d}": 100 + 37 * n for n in range(12)}


@pytest.fixture
def project(database: str) -> str:
    """lena (lead), bea and carl (annotators), twelve documents of different lengths, nothing assigned."""
    with Store.open(database, user="lena") as lena:
        for name in ("bea", "carl"):
            lena.add_annotator(name, Role.ANNOTATOR)
        records = [
            (n, LayerRecord(Document(doc_id, "word " * (length // 5), f"Title {doc_id}"), None))
            for n, (doc_id, length) in enumerate(LENGTHS.items(), 1)
        ]
        lena.import_records(records, source="docs")
    return database


def _stored(database: str) -> dict[str, list[str]]:
    with Store.open(database) as trusted:
        return {doc: sorted(names) for doc, names in trusted.assignment_overview()["documents"].items()}


def test_a_lead_assigns_every_document_to_two_annotators_balanced_and_shows_it(project: str) -> None:
    with Store.open(project, user="lena") as lena:
        planned = lena.assign(["bea", "carl", "lena"], Share(per_document=2), seed=4)
        overview = lena.assignment_overview()
    assert _stored(project) == {doc: sorted(names) for doc, names in planned.items()}
    assert set(planned) == set(LENGTHS) and all(len(names) == 2 for names in planned.values())
    characters = [person["characters"] for person in overview["annotators"].values()]
    assert sum(characters) == 2 * sum(len("word " * (n // 5)) for n in LENGTHS.values())
    assert max(characters) - min(characters) <= max(LENGTHS.values())
    assert overview["mode"] == "first"  # the default once anything is assigned
    # Running it again keeps what is assigned; new documents would be planned, these are not.
    with Store.open(project, user="lena") as lena:
        assert lena.assign(["bea", "carl", "lena"], Share(per_document=1), seed=9) == {}
        assert _stored(project) == {doc: sorted(names) for doc, names in planned.items()}
        redone = lena.assign(["bea", "carl"], Share(per_document=1), documents=["d00", "d01"], seed=9, replace=True)
    assert set(redone) == {"d00", "d01"} and all(len(names) == 1 for names in redone.values())
    assert _stored(project)["d00"] == list(redone["d00"])


def test_unknown_names_and_annotators_are_refused_and_nothing_is_stored(project: str) -> None:
    with Store.open(project, user="lena") as lena:
        with pytest.raises(DataError, match="no annotator 'bob' in the project; add them with"):
            lena.assign(["bea", "bob"], Share(per_document=1))
        with pytest.raises(DataError, match="no document 'd99' in the project"):
            lena.assign(["bea"], Share(per_document=1), documents=["d01", "d99"])
        with pytest.raises(DataError, match="--per-document 3 needs at least 3 annotators; 2 given"):
            lena.assign(["bea", "carl"], Share(per_document=3))
    with Store.open(project, user="bea") as bea:
        with pytest.raises(PermissionDenied, match="only a lead may assign documents"):
            bea.assign(["bea"], Share(per_document=1))
        with pytest.raises(PermissionDenied, match="only a lead may set the project's assignment mode"):
            bea.set_assignment_mode(Mode.ALL)
    assert _stored(project) == {}


def test_unassign_removes_what_is_named(project: str) -> None:
    with Store.open(project, user="lena") as lena:
        lena.assign(["bea", "carl"], Share(per_document=2))
        assert lena.unassign(annotators=["carl"], documents=["d00", "d01"]) == 2
        assert _stored(project)["d00"] == ["bea"] and _stored(project)["d02"] == ["bea", "carl"]
        assert lena.unassign(annotators=["bea"]) == 12
        assert set(_stored(project)) == set(LENGTHS) - {"d00", "d01"}
    with Store.open(project, user="bea") as bea, pytest.raises(PermissionDenied):
        bea.unassign()


def _assign_halves(project: str, mode: Mode) -> None:
    with Store.open(project, user="lena") as lena:
        lena.assign(["bea"], Share(per_document=1), documents=["d03", "d10"])
        lena.assign(["bea", "carl"], Share(per_document=2), documents=["d07"])
        # A document assigned already keeps its annotators: d07 stays bea's and carl's.
        lena.assign(["carl"], Share(per_document=1), documents=["d01", "d07"])
        lena.set_assignment_mode(mode)


def test_in_mode_first_an_annotators_list_starts_with_their_documents_paged_across_the_groups(project: str) -> None:
    _assign_halves(project, Mode.FIRST)
    with Store.open(project, user="bea") as bea:
        entries = bea.document_entries("bea")
        assert [e.doc_id for e in entries[:3]] == ["d03", "d07", "d10"]
        assert [e.doc_id for e in entries[3:]] == [d for d in LENGTHS if d not in ("d03", "d07", "d10")]
        assert [e.assigned for e in entries] == [True] * 3 + [False] * 9
        assert all(e.holders == () for e in entries)  # an annotator is not told who else has what
        pages = [e.doc_id for n in range(0, 12, 2) for e in bea.document_entries("bea", offset=n, limit=2)]
        assert pages == [e.doc_id for e in entries]
        assert bea.document_entry_count("bea") == 12
        assert [e.doc_id for e in bea.document_entries("bea", text="d0")] == ["d03", "d07"] + [
            d for d in LENGTHS if d.startswith("d0") and d not in ("d03", "d07")
        ]
        assert bea.next_document("bea") == "d03"
        assert bea.next_document("bea", after="d03") == "d07"
        assert bea.next_document("bea", after="d10") == "d00"  # then the rest, in import order
        bea.set_status("d07", "bea", Status.DONE)
        assert bea.next_document("bea", after="d03") == "d10"
        assert bea.progress("bea") == (1, 12)


def test_in_mode_only_an_annotator_sees_and_works_on_their_documents_alone(project: str) -> None:
    _assign_halves(project, Mode.ONLY)
    with Store.open(project, user="carl") as carl:
        assert [e.doc_id for e in carl.document_entries("carl")] == ["d01", "d07"]
        assert carl.document_entry_count("carl") == 2
        assert carl.next_document("carl", after="d07") == "d01"
        carl.add_span("d01", "carl", 0, 4, "CLAIM")
        with pytest.raises(PermissionDenied, match="'d02' is not assigned to carl, and this project lets"):
            carl.add_span("d02", "carl", 0, 4, "CLAIM")
        with pytest.raises(PermissionDenied, match="'d02' is not assigned to carl"):
            carl.set_status("d02", "carl", Status.IN_PROGRESS)
        layer = Layer("d03", "carl", spans=(Span("", 0, 4, "CLAIM"),))
        record = LayerRecord(Document("d03", "word " * (LENGTHS["d03"] // 5), "Title d03"), layer)
        with pytest.raises(PermissionDenied, match=r"mine\.jsonl:7: 'd03' is not assigned to carl"):
            carl.import_records([(7, record)], source="mine.jsonl")
        carl.set_status("d07", "carl", Status.DONE)
        assert carl.progress("carl") == (1, 2)
    with Store.open(project, user="lena") as lena:
        assert lena.layer("d02", "carl") is None and lena.layer("d03", "carl") is None
        everything = lena.document_entries("lena")
        assert len(everything) == 12  # a lead sees every document, with who has it
        assert {e.doc_id: e.holders for e in everything if e.holders} == {
            "d01": ("carl",),
            "d03": ("bea",),
            "d07": ("bea", "carl"),
            "d10": ("bea",),
        }
        lena.add_span("d02", "lena", 0, 4, "CLAIM")  # a lead is not held to assignments
        lena.set_assignment_mode(Mode.ALL)
    with Store.open(project, user="carl") as carl:
        carl.add_span("d02", "carl", 0, 4, "CLAIM")  # in mode all, anyone annotates anything
        assert [e.doc_id for e in carl.document_entries("carl")] == list(LENGTHS)
