"""``annotator agreement`` and ``annotator adjudicate --auto`` as a person runs them: real processes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import orjson
import pytest

from command_line import run_annotator


def run(db: Path, *args: str, who: str = "lena", ok: bool = True) -> subprocess.CompletedProcess[str]:
    return run_annotator("--db", str(db), "--annotator", who, *args, ok=ok)


@pytest.fixture
def project(tmp_path: Path, records: list[dict[str, Any]]) -> Path:
    db, source = tmp_path / "p.db", tmp_path / "two.jsonl"
    source.write_bytes(b"".join(orjson.dumps(record) + b"\n" for record in records))
    run(db, "import", str(source))  # lena opens the project first: she is its lead
    return db


def test_the_hand_worked_example_comes_out_of_the_json(project: Path) -> None:
    figures = json.loads(run(project, "agreement", "--json").stdout)
    labels = figures["labels"]
    # CLAIM: 3 spans each on d1 (d2 has ann_a only and does not count); exact: "peace is near" only;
    # by overlap all 3 (the quotation marks and "that" are trimmed or overlap). F1 = 2*1/(3+3), 2*3/(3+3).
    assert labels["CLAIM"]["f1_exact"] == pytest.approx(1 / 3)
    assert labels["CLAIM"]["f1_overlap"] == pytest.approx(1.0)
    # SPEAKER: 3 each; exact: Ilham Aliyev, Critics; "The minister" / "minister" overlap. 2*2/6, 2*3/6.
    assert labels["SPEAKER"]["f1_exact"] == pytest.approx(2 / 3)
    assert labels["SPEAKER"]["f1_overlap"] == pytest.approx(1.0)
    # CUE: ann_a 2 (said, argued), ann_b 1 (said): 2*1/(2+1) both ways.
    assert labels["CUE"]["f1_exact"] == pytest.approx(2 / 3)
    assert labels["CUE"]["f1_overlap"] == pytest.approx(2 / 3)
    # Stance, claim units (FAVOR, FAVOR), (AGAINST, NONE), (FAVOR, FAVOR); d2's lone claim cannot be paired.
    # Coincidences: o(F,F) = 2 + 2 = 4, o(A,N) = o(N,A) = 1; n_F = 4, n_A = 1, n_N = 1, n = 6.
    # alpha = 1 - (n - 1) * sum(o_ck, c != k) / sum(n_c * n_k, c != k)
    #       = 1 - 5 * 2 / (2 * (4*1 + 4*1 + 1*1)) = 1 - 10/18 = 4/9.
    assert figures["stance"]["alpha"] == pytest.approx(4 / 9)
    assert figures["stance"]["units"] == 4
    # Attribution over the 3 matched claims: Ilham Aliyev = Ilham Aliyev; Critics vs no speaker (different);
    # Jeyhun Bayramov vs Hikmet Hajiyev (different): 1/3.
    assert figures["attribution"]["same_speaker"] == pytest.approx(1 / 3)
    # ATTRIBUTED_TO: ann_a 3, ann_b 2; both ends match by overlap for peace -> Aliyev and trade -> (The) minister:
    # 2*2/(3+2) = 0.8.
    assert figures["attribution"]["relation_f1"] == pytest.approx(0.8)
    pair = figures["pairs"][0]
    assert (pair["a"], pair["b"], pair["documents"]) == ("ann_a", "ann_b", 1)
    assert pair["stance"]["confusion"] == {
        "values": ["FAVOR", "AGAINST", "NONE"],
        "counts": [[2, 0, 0], [0, 0, 1], [0, 0, 0]],
    }
    # d1 has 8 units, 4 agreed (Ilham Aliyev, said, peace is near, Critics): disagreement 4/8. d2 has one annotator.
    documents = figures["documents"]
    assert [(d["doc_id"], d["disagreement"]) for d in documents] == [("d1", 0.5), ("d2", None)]
    assert "fewer than two annotators" in documents[1]["disagreement_reason"]


def test_undefined_figures_are_null_with_a_reason_and_the_tables_say_so(project: Path) -> None:
    figures = json.loads(run(project, "agreement", "--json", "--documents", "d2").stdout)
    assert figures["labels"]["CLAIM"]["f1_exact"] is None
    assert figures["labels"]["CLAIM"]["f1_exact_reason"] == "no two annotators have a document in common"
    assert figures["stance"]["alpha"] is None
    assert "nothing can be paired" in figures["stance"]["alpha_reason"]
    tables = run(project, "agreement", "--documents", "d2").stdout
    assert "n/a [1]" in tables and "[1] no two annotators have a document in common" in tables
    shown = run(project, "agreement").stdout
    assert "0.333" in shown and "0.444" in shown  # CLAIM exact F1 and stance alpha
    missing = run(project, "agreement", "--documents", "d1,d9", ok=False)
    assert missing.returncode == 1 and "no document 'd9'" in missing.stderr


def test_only_a_lead_measures_agreement(project: Path) -> None:
    refused = run(project, "agreement", who="ann_a", ok=False)
    assert refused.returncode == 1
    assert "only a lead may read every annotator's layers" in refused.stderr
    refused = run(project, "adjudicate", "--auto", who="ann_a", ok=False)
    assert refused.returncode == 1 and "only a lead" in refused.stderr


def test_adjudicate_auto_puts_the_unanimous_units_into_gold_with_their_sources(project: Path, tmp_path: Path) -> None:
    # d3, on which both annotators agree in everything: its gold layer is complete after --auto, and marked done.
    text = "The mayor said the bridge will open."
    spans = [
        {"id": "s1", "start": 0, "end": 9, "label": "SPEAKER", "speaker": "Mayor"},
        {"id": "s2", "start": 15, "end": 35, "label": "CLAIM", "stance": "FAVOR"},
    ]
    link = [{"id": "r1", "head": "s2", "child": "s1", "label": "ATTRIBUTED_TO"}]
    extra = tmp_path / "agreed.jsonl"
    extra.write_bytes(
        b"".join(
            orjson.dumps({"doc_id": "d3", "annotator": name, "text": text, "spans": spans, "relations": link}) + b"\n"
            for name in ("ann_a", "ann_b")
        )
    )
    run(project, "import", str(extra))
    assert run(project, "adjudicate", ok=False).returncode == 2  # --auto is required
    done = run(project, "adjudicate", "--auto").stdout
    # d1: Ilham Aliyev, said, peace is near, Critics, and peace -> Ilham Aliyev; d3: both spans and their relation.
    assert "put 6 unanimous span(s) and 2 relation(s) into gold on 2 document(s)" in done
    # Left: on d1 "argued" (missing) and three boundary differences; on d2, three spans of one annotator.
    assert "left for review: 7 unit(s) on 2 document(s) (3 boundaries, 3 one annotator only, 1 missing)" in done
    complete = [orjson.loads(line) for line in run(project, "export", "--layer", "gold").stdout.split("\n")[:-1]]
    assert [(g["doc_id"], g["status"]) for g in complete] == [("d3", "done")]
    assert [(s["text"], s["sources"]) for s in complete[0]["spans"]] == [
        ("The mayor", ["ann_a", "ann_b"]),
        ("the bridge will open", ["ann_a", "ann_b"]),
    ]
    lines = run(project, "export", "--layer", "gold", "--status", "any").stdout.split("\n")[:-1]
    gold = orjson.loads(lines[0])
    assert (gold["doc_id"], gold["annotator"], gold["status"]) == ("d1", "gold", "in_progress")
    assert [(s["text"], s["label"], s["sources"]) for s in gold["spans"]] == [
        ("Ilham Aliyev", "SPEAKER", ["ann_a", "ann_b"]),
        ("said", "CUE", ["ann_a", "ann_b"]),
        ("peace is near", "CLAIM", ["ann_a", "ann_b"]),
        ("Critics", "SPEAKER", ["ann_a", "ann_b"]),
    ]
    assert gold["spans"][2]["stance"] == "FAVOR" and gold["spans"][0]["speaker"] == "Ilham Aliyev"
    by_key = {s["id"]: s["text"] for s in gold["spans"]}
    assert [(by_key[r["head"]], by_key[r["child"]], r["label"]) for r in gold["relations"]] == [
        ("peace is near", "Ilham Aliyev", "ATTRIBUTED_TO")
    ]
    again = run(project, "adjudicate", "--auto").stdout
    assert "put 0 unanimous span(s) and 0 relation(s) into gold on 0 document(s)" in again
    assert run(project, "export", "--layer", "gold", "--status", "any").stdout.split("\n")[:-1] == lines
