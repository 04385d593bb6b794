"""A format is one record: each module's ``FORMAT`` is all the rest of the program needs. A format added with one
line in ``FORMATS`` (the test's "marks") is offered by ``import`` and ``export``, with its option and the file it
writes beside, and a file in it is told from its content and reads back."""

from __future__ import annotations

import importlib
import inspect
import io
import os
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
import tiny_format

from annotator import formats
from annotator.errors import DataError
from annotator.formats import FORMATS, Source, export, plan, readers, writers
from annotator.formats.format import Format
from db.store import Store
from db.transfer import ExportChoices, ImportJob, export_file
from samples import tricky_record

REPO = Path(__file__).resolve().parents[2]
# The command line with the one line that adds the format run first.
ADDED = (
    "import tiny_format\n"
    "from annotator.formats import FORMATS\n"
    "FORMATS.append(tiny_format.FORMAT)\n"
    "from annotator.cli import main\n"
    "main()\n"
)


@pytest.fixture
def marks() -> Iterator[Format]:
    with tiny_format.registered() as fmt:
        yield fmt


def command(*args: str) -> subprocess.CompletedProcess[str]:
    paths = [str(REPO), str(REPO / "tests"), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
    result = subprocess.run(
        [sys.executable, "-c", ADDED, *args], capture_output=True, text=True, env=env, timeout=120, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    return result


def test_every_format_module_is_listed_once_and_its_options_are_its_writers_keywords() -> None:
    modules = [importlib.import_module(f"annotator.formats.{m.name}") for m in pkgutil.iter_modules(formats.__path__)]
    described = [module.FORMAT for module in modules if hasattr(module, "FORMAT")]
    assert sorted(f.name for f in described) == sorted(f.name for f in FORMATS)
    assert len({f.name for f in FORMATS}) == len(FORMATS)
    for fmt in FORMATS:
        assert fmt.read or fmt.writes, fmt.name
        writer = fmt.write or fmt.write_folder
        for option in fmt.options:
            assert writer is not None
            parameter = inspect.signature(writer).parameters[option.name]
            assert parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default == option.default


def test_an_option_is_checked_against_its_format_before_anything_is_written(corpus, schema) -> None:
    out = io.BytesIO()
    with pytest.raises(DataError) as bad_value:
        export(corpus, out, "doccano", schema, form="both")
    assert str(bad_value.value) == "unknown doccano form 'both'; use auto, label, relations"
    with pytest.raises(DataError) as no_such:
        export(corpus, out, "native", schema, form="label")
    assert str(no_such.value) == "the native format has no option 'form'; it takes none"
    assert out.getvalue() == b""


def test_a_format_added_is_written_told_from_its_content_and_read_back(
    marks: Format, corpus, schema, tmp_path: Path
) -> None:
    assert readers()["marks"] is marks and writers()["marks"] is marks
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    choices = ExportChoices("marks", status="any", options={"order": "label"})
    with Store.open(tmp_path / "a.db") as a, Store.open(tmp_path / "b.db") as b:
        a.import_records([(None, r) for r in corpus], source="corpus")
        outcome = export_file(a, choices, first)
        job = ImportJob.plan([first], layer="imported")
        assert job.sources == [Source(first, "marks", True)]
        job.run(b)
        assert job.lines()[0] == "read 1 file(s) as marks (detected)"
        export_file(b, choices, second)
    report = outcome.report
    assert (report.documents, report.layers) == (2, 5)
    assert outcome.lines()[:2] == [
        f"wrote {report.written()} to {first} (marks)",
        f"wrote the marks label list to {tmp_path / 'first.labels.txt'}",
    ]
    assert report.lost[("relation", "ATTRIBUTED_TO")] > 0  # what marks cannot hold is counted
    assert (tmp_path / "first.labels.txt").read_text() == "".join(f"{name}\n" for name in schema.label_names)
    assert first.read_bytes() == second.read_bytes()
    lines = [orjson.loads(line) for line in first.read_bytes().splitlines()]
    assert [len(line["marks"]) for line in lines] == [len(r.layer.spans) for r in corpus if r.layer is not None]
    for line in lines:
        assert line["marks"] == sorted(line["marks"], key=lambda m: (m[2], m[0], m[1]))  # the option: by label
    # A folder of such files, and a file in a folder given with --format, are found the same way.
    assert plan([tmp_path], "marks") == [Source(first, "marks"), Source(second, "marks")]
    assert [s.fmt for s in plan([tmp_path]) if s.path.suffix == ".jsonl"] == ["marks", "marks"]


def test_the_command_line_offers_a_format_added_and_round_trips_it(tmp_path: Path) -> None:
    source = tmp_path / "tricky.jsonl"
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in (tricky_record(), tricky_record("ann_02"))))
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    command("--db", a, "import", str(source))

    export_help = " ".join(command("export", "--help").stdout.split())
    assert "--format [native|statements|spacy|docbin|doccano|labelstudio|brat|conll|dataset|marks]" in export_help
    assert "marks: marks JSONL: [start, end, label, id] per span." in export_help
    assert "--marks-order [start|label] marks: start (spans by offset) or label (by label, then offset)." in export_help
    assert "labelstudio also writes its labeling config beside the file, as NAME.config.xml" in export_help
    assert "marks also writes its label list beside the file, as NAME.labels.txt." in export_help
    assert "[auto|text|native|spacy|doccano|labelstudio|brat|marks]" in command("import", "--help").stdout

    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    wrote = command("--db", a, "export", "--format", "marks", "--marks-order", "label", "--out", str(first))
    assert wrote.stdout.splitlines()[:2] == [
        f"wrote 1 document(s), 2 layer(s), 14 span(s), 6 relation(s) to {first} (marks)",
        f"wrote the marks label list to {tmp_path / 'first.labels.txt'}",
    ]
    read = command("--db", b, "import", str(first)).stdout.splitlines()
    assert read == [
        "read 1 file(s) as marks (detected)",
        "imported 1 document(s), 2 layer(s), 14 span(s), 0 relation(s) from 1 file(s)",
    ]
    command("--db", b, "export", "--format", "marks", "--marks-order", "label", "--out", str(second))
    assert first.read_bytes() == second.read_bytes()
    for line in first.read_bytes().splitlines():
        marks = orjson.loads(line)["marks"]
        assert [m[2] for m in marks] == sorted(m[2] for m in marks)
