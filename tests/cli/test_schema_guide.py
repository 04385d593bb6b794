"""`annotator schema set` with a guide file beside the schema: the project keeps the guide, and shows it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from annotator.schema import default_schema_text


def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True, check=False)
    assert (result.returncode == 0) == ok, result.stderr
    return result


def test_schema_set_copies_the_guide_file_into_the_project(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    text = default_schema_text()
    schema = tmp_path / "schema.toml"
    schema.write_text(text[: text.index("guide = ")] + 'guide_file = "guide.md"\n' + text[text.index("[[labels]]") :])
    refused = run("--db", db, "schema", "set", str(schema), ok=False)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip() == (
        f"error: {schema}: guide_file 'guide.md': cannot read {tmp_path / 'guide.md'}: "
        f"[Errno 2] No such file or directory: '{tmp_path / 'guide.md'}'"
    )
    (tmp_path / "guide.md").write_text("# Our rules\n\nTag *whole* sentences.\n", encoding="utf-8")
    run("--db", db, "schema", "set", str(schema))
    (tmp_path / "guide.md").unlink()
    shown = run("--db", db, "schema", "show").stdout
    assert 'guide = """\n# Our rules\n\nTag *whole* sentences.\n"""' in shown
    assert 'guide_file = "guide.md"\n' not in shown
