"""Every writer on the adversarial corpus: offsets slice back to each span's text under the format's own
convention (code points, or UTF-16 for doccano), and the tools' own loaders read the files."""

from __future__ import annotations

import io
import re
from pathlib import Path

import orjson
import pytest

from annotator.formats import export
from annotator.formats.report import FormatReport

Key = tuple[str, str]  # (doc_id, annotator)


def _write(records, fmt: str, schema, **options) -> tuple[bytes, FormatReport]:
    out = io.BytesIO()
    report = export(records, out, fmt, schema, **options)
    return out.getvalue(), report


def _expected(records) -> dict[Key, dict]:
    """Per layer: the document's text and each span's (start, end, label, text, attrs), from the records."""
    return {
        (r.document.doc_id, r.layer.annotator): {
            "text": r.document.text,
            "spans": {
                s.key: (s.start, s.end, s.label, r.document.text[s.start : s.end], s.attrs) for s in r.layer.spans
            },
            "relations": {(rel.head, rel.child, rel.label) for rel in r.layer.relations},
        }
        for r in records
    }


def _lines(data: bytes) -> list[dict]:
    return [orjson.loads(line) for line in data.split(b"\n") if line]


def _utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def test_every_format_counts_what_went_through(corpus, schema) -> None:
    _, report = _write(corpus, "native", schema)
    assert (report.documents, report.layers) == (2, 5)
    assert report.spans == sum(len(r.layer.spans) for r in corpus)
    assert report.relations == sum(len(r.layer.relations) for r in corpus)
    assert not report.lost


def test_spacy_jsonl_offsets_tokens_and_relations(corpus, schema) -> None:
    data, report = _write(corpus, "spacy", schema)
    assert not report.lost
    expected = _expected(corpus)
    for line in _lines(data):
        want = expected[(line["meta"]["doc_id"], line["_annotator_id"])]
        text = line["text"]
        assert text == want["text"]
        tokens = line["tokens"]
        assert "".join(t["text"] + (" " if t["ws"] else "") for t in tokens) == text
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        by_id = {}
        for item in line["spans"]:
            start, end, label, piece, attrs = want["spans"][item["id"]]
            assert (item["start"], item["end"], item["label"]) == (start, end, label)
            assert text[item["start"] : item["end"]] == item["text"] == piece
            assert tokens[item["token_start"]]["start"] == start and tokens[item["token_end"]]["end"] == end
            assert {k: item[k] for k in attrs} == attrs
            by_id[item["id"]] = item
        found = set()
        for relation in line["relations"]:
            head, child = by_id[relation["head_span"]["id"]], by_id[relation["child_span"]["id"]]
            assert relation["head"] == head["token_end"] and relation["child"] == child["token_end"]
            found.add((head["id"], child["id"], relation["label"]))
        assert found == want["relations"]


def test_spacy_loads_the_spacy_jsonl_and_finds_every_span(corpus, schema) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    data, _ = _write(corpus, "spacy", schema)
    for line in _lines(data):
        doc = Doc(nlp.vocab, words=[t["text"] for t in line["tokens"]], spaces=[t["ws"] for t in line["tokens"]])
        assert doc.text == line["text"]
        for item in line["spans"]:
            found = doc.char_span(item["start"], item["end"], label=item["label"])
            assert found is not None
            assert (found.start, found.end - 1, found.text) == (item["token_start"], item["token_end"], item["text"])


def test_spacy_loads_the_docbin(corpus, schema) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    data, report = _write(corpus, "docbin", schema)
    docs = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    expected = _expected(corpus)
    assert len(docs) == len(expected)
    for doc in docs:
        want = expected[(doc.user_data["doc_id"], doc.user_data["annotator"])]
        assert doc.text == want["text"]
        got = {(s.id_, s.start_char, s.end_char, s.label_, s.text) for s in doc.spans["sc"]}
        assert got == {(key, *values[:4]) for key, values in want["spans"].items()}
        for start, end, *_ in want["spans"].values():
            assert doc.char_span(start, end) is not None
    relations = sum(len(r.layer.relations) for r in corpus)
    assert sum(n for (kind, _), n in report.lost.items() if kind == "relation") == relations
    assert report.lost[("attribute", "stance")] == sum(1 for r in corpus for s in r.layer.spans if "stance" in s.attrs)
    assert report.lost[("sources", "")] == len(corpus[0].layer.spans)


@pytest.mark.parametrize("form", ["label", "relations"])
def test_doccano_offsets_are_utf16_and_stance_is_folded(corpus, schema, form) -> None:
    data, report = _write(corpus, "doccano", schema, form=form)
    expected = _expected(corpus)
    for line in _lines(data):
        want = expected[(line["doc_id"], line["annotator"])]
        text = line["text"]
        items = (
            line["label"]
            if form == "label"
            else [[e["start_offset"], e["end_offset"], e["label"]] for e in line["entities"]]
        )
        assert len(items) == len(want["spans"])
        for (start, end, label), (_, _, our_label, piece, attrs) in zip(items, want["spans"].values(), strict=True):
            assert _utf16_slice(text, start, end) == piece
            assert label == (f"{our_label}:{attrs['stance']}" if "stance" in attrs else our_label)
        if form == "relations":
            numbers = {e["id"]: key for e, key in zip(line["entities"], want["spans"], strict=True)}
            got = {(numbers[r["from_id"]], numbers[r["to_id"]], r["type"]) for r in line["relations"]}
            assert got == want["relations"]
    relations = sum(len(r.layer.relations) for r in corpus)
    lost_relations = sum(n for (kind, _), n in report.lost.items() if kind == "relation")
    assert lost_relations == (relations if form == "label" else 0)
    assert report.lost[("attribute", "speaker")] == sum(
        1 for r in corpus for s in r.layer.spans if "speaker" in s.attrs
    )
    assert report.lost[("status", "in_progress")] == 1
    assert ("attribute", "stance") not in report.lost


def test_doccano_auto_picks_the_relation_form_when_the_schema_has_relations(corpus, schema) -> None:
    data, _ = _write(corpus, "doccano", schema)
    assert all("entities" in line and "label" not in line for line in _lines(data))


def test_label_studio_tasks_hold_spans_choices_and_relations(corpus, schema) -> None:
    data, report = _write(corpus, "labelstudio", schema)
    tasks = orjson.loads(data)
    assert [t["data"]["doc_id"] for t in tasks] == ["tricky", "second/δεύτερο 2"]
    expected = _expected(corpus)
    for task in tasks:
        text = task["data"]["text"]
        for annotation in task["annotations"]:
            want = expected[(task["data"]["doc_id"], annotation["annotator"])]
            regions = {r["id"]: r for r in annotation["result"] if r["type"] == "labels"}
            assert set(regions) == set(want["spans"])
            for key, region in regions.items():
                start, end, label, piece, attrs = want["spans"][key]
                value = region["value"]
                assert (value["start"], value["end"], value["labels"]) == (start, end, [label])
                assert text[value["start"] : value["end"]] == value["text"] == piece
                extra = {r["from_name"]: r for r in annotation["result"] if r.get("id") == key and r is not region}
                if "stance" in attrs:
                    assert extra["stance"]["type"] == "choices"
                    assert extra["stance"]["value"]["choices"] == [attrs["stance"]]
                    assert (extra["stance"]["value"]["start"], extra["stance"]["value"]["end"]) == (start, end)
            links = {
                (r["from_id"], r["to_id"], r["labels"][0]) for r in annotation["result"] if r["type"] == "relation"
            }
            assert links == want["relations"]
    assert dict(report.lost) == {("status", "in_progress"): 1, ("rule", ""): 2}


def test_brat_fragments_slice_the_text_file(corpus, schema, tmp_path: Path) -> None:
    report = export(corpus, tmp_path, "brat", schema)
    assert (tmp_path / "annotation.conf").read_text(encoding="utf-8").startswith("#")
    expected = _expected(corpus)
    for (doc_id, annotator), want in expected.items():
        from annotator.formats.brat import file_name

        folder = tmp_path / file_name(annotator)
        text = (folder / f"{file_name(doc_id)}.txt").read_bytes().decode("utf-8")
        assert text == want["text"]
        lines = (folder / f"{file_name(doc_id)}.ann").read_text(encoding="utf-8").split("\n")
        bounds = [line.split("\t") for line in lines if line.startswith("T")]
        assert len(bounds) == len(want["spans"])
        for (_, where, shown), (start, end, label, piece, _) in zip(bounds, want["spans"].values(), strict=True):
            name, _, offsets = where.partition(" ")
            fragments = [tuple(map(int, part.split())) for part in offsets.split(";")]
            assert name == label
            assert (fragments[0][0], fragments[-1][1]) == (start, end)
            assert " ".join(text[a:b] for a, b in fragments) == shown
            assert shown == " ".join(part for part in re.split("[\n\t]", piece) if part)
    assert ("relation", "ATTRIBUTED_TO") not in report.lost
    assert report.lost[("status", "in_progress")] == 1
    assert (tmp_path / "second%2F%CE%B4%CE%B5%CF%8D%CF%84%CE%B5%CF%81%CE%BF 2.txt").exists() is False
    assert (tmp_path / "ann_01" / "second%2Fδεύτερο 2.txt").exists()


def test_conll_files_hold_each_label_group_and_report_overlaps(corpus, schema, tmp_path: Path) -> None:
    report = export(corpus, tmp_path, "conll", schema)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["CLAIM.conll", "SPEAKER+CUE.conll", "documents.tsv"]
    index = (tmp_path / "documents.tsv").read_text(encoding="utf-8").splitlines()
    assert index[1:] == [f"{r.document.doc_id}\t{r.layer.annotator}\t{r.layer.status}" for r in corpus]
    for name in ("CLAIM.conll", "SPEAKER+CUE.conll"):
        blocks = (tmp_path / name).read_text(encoding="utf-8").split("-DOCSTART-\tO\n")[1:]
        assert len(blocks) == len(corpus)
        for block, record in zip(blocks, corpus, strict=True):
            rows = [line.split("\t") for line in block.split("\n") if line]
            assert all(len(row) == 2 and row[0] and not any(c.isspace() for c in row[0]) for row in rows)
            chunks = _bio_chunks(rows)
            labels = name.removesuffix(".conll").split("+")
            wanted = [s for s in record.layer.spans if s.label in labels]
            text = record.document.text
            # Every chunk is a span of the layer, its tokens its text without the white space.
            written = {(label, joined) for label, joined in chunks}
            possible = {(s.label, "".join(text[s.start : s.end].split())) for s in wanted}
            assert written <= possible
            assert len(chunks) == len(wanted) - _overlapping(wanted)
    assert report.lost[("overlap", "CLAIM")] == 2  # s5 inside s4 in each layer of the second document
    assert report.lost[("overlap", "SPEAKER")] == 2  # s2 inside s1
    assert sum(n for (kind, _), n in report.lost.items() if kind == "relation") == sum(
        len(r.layer.relations) for r in corpus
    )


def _bio_chunks(rows: list[list[str]]) -> list[tuple[str, str]]:
    chunks: list[tuple[str, str]] = []
    for token, tag in rows:
        if tag.startswith("B-"):
            chunks.append((tag[2:], token))
        elif tag.startswith("I-"):
            assert chunks and chunks[-1][0] == tag[2:], "an I- tag must continue a chunk"
            chunks[-1] = (chunks[-1][0], chunks[-1][1] + token)
        else:
            assert tag == "O"
    return chunks


def _overlapping(spans) -> int:
    dropped, by_label = 0, {}
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        last = by_label.get(span.label)
        if last is not None and span.start < last.end:
            dropped += 1
        else:
            by_label[span.label] = span
    return dropped


def test_statements_rows_slice_back_and_keep_one_type_per_key(corpus, schema) -> None:
    data, report = _write(corpus, "statements", schema)
    rows = _lines(data)
    expected = _expected(corpus)
    claims = [(k, key) for k, want in expected.items() for key, v in want["spans"].items() if v[2] == "CLAIM"]
    assert [((r["doc_id"], r["annotator"]), r["claim_id"]) for r in rows] == claims
    for row in rows:
        want = expected[(row["doc_id"], row["annotator"])]
        text = want["text"]
        start, end, _, piece, attrs = want["spans"][row["claim_id"]]
        assert (row["start"], row["end"], row["text"]) == (start, end, piece)
        assert text[row["context_start"] : row["context_end"]] == row["context"]
        assert row["context_start"] <= start and end <= row["context_end"]
        assert "\n" not in text[row["context_start"] : start] and "\n" not in text[end : row["context_end"]]
        for name in ("stance", "target", "quote_type"):
            assert row[name] == attrs.get(name)
        if row["speaker_mention"] is not None:
            assert text[row["speaker_start"] : row["speaker_end"]] == row["speaker_mention"]
        if row["cue"] is not None:
            assert text[row["cue_start"] : row["cue_end"]] == row["cue"]
        assert len(row) == len(rows[0]) and list(row) == list(rows[0])
    tricky = next(r for r in rows if r["annotator"] == "ann_01" and r["claim_id"] == "s3")
    assert (tricky["speaker"], tricky["speaker_mention"], tricky["cue"]) == (
        "Ilham Aliyev",
        "President Ilham Aliyev",
        "said",
    )
    second = next(r for r in rows if r["doc_id"].startswith("second") and r["claim_id"] == "s4")
    assert second["cue"] == "stressed"  # the first of its two cues
    assert report.lost[("cue", "")] == 2
    unlinked = sum(
        1
        for r in corpus
        for s in r.layer.spans
        if s.label == "SPEAKER" and s.key not in {rel.child for rel in r.layer.relations}
    )
    assert report.lost[("unlinked", "SPEAKER")] == unlinked == 2  # s2 in each layer of the second document


def test_native_and_statements_load_with_hugging_face_datasets(corpus, schema, tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    for fmt in ("native", "statements"):
        path = tmp_path / f"{fmt}.jsonl"
        path.write_bytes(_write(corpus, fmt, schema)[0])
        loaded = datasets.load_dataset("json", data_files=str(path), split="train", cache_dir=str(tmp_path / "cache"))
        lines = _lines(path.read_bytes())
        assert loaded.num_rows == len(lines)
        assert loaded.to_list()[0]["doc_id"] == lines[0]["doc_id"]
        if fmt == "native":
            spans = loaded.to_list()[1]["spans"]
            assert [s["text"] for s in spans] == [s["text"] for s in lines[1]["spans"]]
        else:
            assert loaded.column_names == list(lines[0])
            assert loaded["text"] == [line["text"] for line in lines]


RULED = 2
"""Spans of the corpus accepted from proposals (with a rule)."""


@pytest.mark.parametrize("fmt", ["native", "spacy", "statements", "doccano", "labelstudio", "docbin"])
def test_the_rules_of_accepted_proposals_are_written_or_counted_as_lost(corpus, schema, fmt) -> None:
    if fmt == "docbin":
        pytest.importorskip("spacy")
    data, report = _write(corpus, fmt, schema)
    assert sum(1 for r in corpus for s in r.layer.spans if s.rule) == RULED
    if fmt in ("native", "spacy"):
        written = sorted(s["rule"] for line in _lines(data) for s in line["spans"] if "rule" in s)
        assert written == ["cue: reporting verb 'stressed'", "source: a name with a title"]
        assert ("rule", "") not in report.lost
    else:
        assert report.lost[("rule", "")] == RULED


@pytest.mark.parametrize("fmt", ["brat", "conll"])
def test_the_folder_formats_count_the_rules_they_cannot_hold(corpus, schema, fmt, tmp_path: Path) -> None:
    report = export(corpus, tmp_path, fmt, schema)
    assert report.lost[("rule", "")] == RULED
