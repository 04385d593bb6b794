"""Several processes writing one project at once, as a team does: nothing acknowledged is lost, nobody is told
the database is locked, and the first to arrive, alone, becomes the lead."""

from __future__ import annotations

from pathlib import Path

from children import HEAVY, documents_file, go, integrity, replay, start, stored

from annotator.model import Role
from db.store import Store

PROCESSES, EDITS = (12, 1000) if HEAVY else (6, 200)
DOCUMENTS = [f"shared-{n}" for n in range(1, 4)]
EXTRA = "shared-extra"
"""A document with no imported layer, whose layers the edits create, from two windows at once."""


def test_processes_editing_and_importing_at_once_lose_nothing(database: str, tmp_path: Path) -> None:
    # Each process is one annotator's window. Every window imports the same documents, with its annotator's own
    # layers, then edits those layers and one more. The last two annotators have a second window open, editing
    # that one more layer too, so that two writers of one layer meet. The database does not exist yet: the
    # processes create it, migrate it and register their annotators together.
    names = [f"ann_{n:02}" for n in range(1, PROCESSES - 1)]
    workers = []
    for number, name in enumerate([*names, *names[-2:]]):
        second = number >= len(names)
        docs = tmp_path / f"{name}.{number}.jsonl"
        documents_file(docs, name, [] if second else DOCUMENTS, bare=[EXTRA])
        acks = tmp_path / f"{name}.{number}.acks"
        workers.append(start("edits", database, name, str(docs), str(EDITS), str(acks)))
    for worker in workers:
        go(worker)
    for worker in workers:
        _, errors = worker.communicate(timeout=600)
        assert worker.returncode == 0, errors
        assert errors == ""
    integrity(database)
    documents = layers = retries = 0
    for name in names:
        acks: list[str] = []
        for path in sorted(tmp_path.glob(f"{name}.*.acks")):
            lines = path.read_text(encoding="utf-8").splitlines()
            assert len([line for line in lines if line.split()[0] in ("span", "attrs", "removed", "status")]) == EDITS
            documents, layers = documents + int(lines[0].split()[1]), layers + int(lines[0].split()[2])
            retries += int(lines[-1].removeprefix("retries "))
            acks += lines
        expected_spans, expected_statuses = replay(acks, DOCUMENTS)
        spans, statuses = stored(database, name, [*DOCUMENTS, EXTRA])
        assert spans == expected_spans
        for doc_id in expected_statuses:  # two windows may set one layer's status: it is one of theirs
            assert f"status {doc_id} {statuses[doc_id]}" in acks
    assert (documents, layers) == (len(DOCUMENTS) + 1, len(names) * len(DOCUMENTS))
    with Store.open(database) as store:
        assert store.document_count() == len(DOCUMENTS) + 1
        roles = {person.name: person.role for person in store.annotators()}
        assert sorted(roles) == names
        assert list(roles.values()).count(Role.LEAD) == 1
    print(f"{len(workers)} processes x {EDITS} edits, {retries} retried after meeting another writer")
