"""`annotator progress` as a person runs it: the table, the same figures as JSON, per document, and one's own."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from command_line import run_annotator
from progress_project import built


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_annotator(*args, env={"COLUMNS": "250"})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return built(tmp_path / "project.db")


def test_json_holds_the_figures_of_every_annotator_with_agreement(project: Path) -> None:
    figures = json.loads(run("--db", str(project), "--annotator", "lea", "progress", "--json").stdout)
    ann = figures["annotators"]["ann"]
    assert (ann["assigned"], ann["in_progress"], ann["done"], ann["spans"], ann["statements"]) == (2, 1, 1, 14, 4)
    assert ann["agreement"]["CLAIM"] == 1.0
    assert next(iter(figures["agreement_by_week"].values()))["SPEAKER"] == 1.0
    assert "documents" not in figures


def test_the_table_shows_the_same_figures_and_by_document_who_has_what(project: Path) -> None:
    shown = run("--db", str(project), "--annotator", "lea", "progress", "--by-document").stdout
    rows = {line.split("│")[1].strip(): line for line in shown.splitlines() if line.count("│") > 5}
    ann = [cell.strip() for cell in rows["ann"].split("│")[1:-1]]
    assert ann[:6] == ["ann", "2", "1", "1", "14", "4"]
    agreement = shown[shown.index("agreement so far") :]
    assert "1.00" in agreement.split("ann", 1)[1].splitlines()[0]
    assert "ann (in_progress, assigned)" in shown  # the document "second"
    assert "bob (done, assigned)" in shown


def test_an_annotator_sees_their_own_row_only(project: Path) -> None:
    figures = json.loads(run("--db", str(project), "--annotator", "bob", "progress", "--json").stdout)
    assert list(figures["annotators"]) == ["bob"]
    assert figures["annotators"]["bob"]["agreement"] == {}
