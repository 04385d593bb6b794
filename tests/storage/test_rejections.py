"""Rejected proposals, kept by the Store beside a layer: recorded, read, forgotten, each in one transaction."""

from __future__ import annotations

import pytest

from annotator.errors import DataError, PermissionDenied
from annotator.model import Document, LayerRecord, Status
from db.store import Store

TEXT = "The minister said the talks went well."


@pytest.fixture
def project(database: str) -> str:
    with Store.open(database, user="lena") as lena:  # the project's lead
        lena.import_records([(1, LayerRecord(Document("d1", TEXT), None))], source="test")
    with Store.open(database, user="bea"):
        pass
    return database


def test_a_rejection_is_remembered_for_that_layer_only(project: str) -> None:
    with Store.open(project, user="bea") as bea:
        assert bea.layer("d1", "bea") is None
        bea.reject_proposal("d1", "bea", "CUE", 13, 17)
        bea.reject_proposal("d1", "bea", "CUE", 13, 17)  # again: nothing more
        bea.reject_proposal("d1", "bea", "SPEAKER", 0, 12)
    with Store.open(project, user="bea") as bea:  # another connection: it is on disk
        assert bea.rejections("d1", "bea") == {("CUE", 13, 17), ("SPEAKER", 0, 12)}
        layer, version = bea.layer_and_version("d1", "bea")
        assert layer is not None and layer.spans == () and layer.status is Status.IN_PROGRESS
        assert version == 0, "a rejection is no change of the layer's content"
        change = bea.add_span("d1", "bea", 4, 12, "SPEAKER")  # the layer's first change builds on version 0
        assert (change.version_before, change.version_after) == (0, 1)
    with Store.open(project, user="lena") as lena:
        assert lena.rejections("d1", "lena") == set()
        assert lena.rejections("d1", "bea") == {("CUE", 13, 17), ("SPEAKER", 0, 12)}  # a lead reads anyone's


def test_forgetting_a_rejection_shows_the_proposal_again(project: str) -> None:
    with Store.open(project, user="bea") as bea:
        bea.unreject_proposal("d1", "bea", "CUE", 13, 17)  # no layer yet: nothing to forget, nothing created
        assert bea.layer("d1", "bea") is None
        bea.reject_proposal("d1", "bea", "CUE", 13, 17)
        bea.unreject_proposal("d1", "bea", "CUE", 13, 17)
        assert bea.rejections("d1", "bea") == set()


def test_rejections_are_the_owners_and_need_sound_offsets(project: str) -> None:
    with Store.open(project, user="bea") as bea:
        with pytest.raises(PermissionDenied, match="only a lead"):
            bea.reject_proposal("d1", "lena", "CUE", 13, 17)
        with pytest.raises(PermissionDenied, match="only a lead"):
            bea.rejections("d1", "lena")
        with pytest.raises(DataError, match="offsets"):
            bea.reject_proposal("d1", "bea", "CUE", 17, 13)
        with pytest.raises(DataError, match="no document"):
            bea.reject_proposal("nowhere", "bea", "CUE", 13, 17)
        assert bea.rejections("d1", "bea") == set()
        assert bea.layer("d1", "bea") is None
