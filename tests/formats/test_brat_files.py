"""brat's files as names of layers and documents: an export's names always fit and never collide, and an
import reads regular files only (a pipe named DOC.ann would wait for ever, holding the project's write lock)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import orjson
import pytest

from annotator.formats.brat import NAME_MAX, FileNames
from db.store import Store
from db.transfer import ExportChoices, ImportJob, export_file

TEXT = "The minister said the talks would go on."


def _record(doc_id: str, annotator: str, text: str = TEXT) -> bytes:
    spans = [{"id": "s1", "start": 13, "end": 17, "label": "CUE"}]
    return orjson.dumps({"doc_id": doc_id, "text": text, "annotator": annotator, "spans": spans}) + b"\n"


def test_long_and_taken_names_are_written_so_that_they_fit_and_come_back(tmp_path: Path) -> None:
    records = [
        _record("d" * 300, "annotation.conf"),  # once: ENAMETOOLONG, and a folder over the conf file
        _record("%" * 100, "documents", TEXT + " a"),  # three bytes a character once encoded
        _record("Doc", "ann", TEXT + " b"),
        _record("doc", "ann", TEXT + " c"),  # the same file as Doc where case does not count
        _record("plain", "ann", TEXT + " d"),
    ]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(records))
    with Store.open(tmp_path / "p.db", user="lena") as store:
        ImportJob.plan([source], "native", layer="lena").run(store)
        outcome = export_file(store, ExportChoices("brat", "all", "any"), tmp_path / "out")
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*"))
    assert "annotation.conf" in written and "ann/plain.ann" in written and "ann/Doc.ann" in written
    assert all(len(part.encode()) <= NAME_MAX + 4 for path in written for part in path.split("/"))
    assert len({path.casefold() for path in written}) == len(written)
    notes = " ".join(outcome.lines())
    assert "2 layer name(s) too long or taken" in notes and "'annotation.conf' as 'annotation.conf~" in notes
    assert "3 document name(s) too long or taken" in notes and "'doc' as 'doc~" in notes
    with Store.open(tmp_path / "again.db", user="lena") as again:
        job = ImportJob.plan([tmp_path / "out"], "auto", layer="lena")
        job.run(again)
        assert job.total.documents == 5 and job.total.layers == 5 and job.total.spans == 5
        assert again.document("plain").text == TEXT + " d"


def test_file_names_are_the_same_for_the_same_name_and_distinct_otherwise() -> None:
    names = FileNames(taken=("annotation.conf",))
    first = names("x" * 400)
    assert names("x" * 400) == first and len(first.encode()) <= NAME_MAX
    assert names("x" * 399) != first
    assert names("a/b") == "a%2Fb" and names("ANNOTATION.CONF") != "ANNOTATION.CONF"
    assert names("é" * 150).startswith("é" * 10)  # cut between characters, not inside one


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_pipe_named_like_a_brat_file_is_skipped_and_reported(tmp_path: Path) -> None:
    folder = tmp_path / "brat" / "bo"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "a.ann").write_text("T1\tCUE 13 17\tsaid\n", encoding="utf-8")
    (folder / "b.txt").write_text("Other text.", encoding="utf-8")
    os.mkfifo(folder / "b.ann")
    with Store.open(tmp_path / "p.db", user="lena") as store:
        job = ImportJob.plan([tmp_path / "brat"], "auto", layer="lena")
        done = threading.Thread(target=job.run, args=(store,), daemon=True)
        done.start()
        done.join(timeout=60)
        assert not done.is_alive(), "the import waited on the pipe"
        assert [d.doc_id for d in store.documents()] == ["a"]
    assert any("b.ann not a regular file" in line for line in job.lines())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_pipe_named_on_the_command_line_is_refused(tmp_path: Path) -> None:
    from annotator.errors import DataError

    os.mkfifo(tmp_path / "f.jsonl")
    with pytest.raises(DataError, match="not a regular file"):
        ImportJob.plan([tmp_path / "f.jsonl"], "auto", layer="lena")
