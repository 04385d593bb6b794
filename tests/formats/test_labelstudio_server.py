"""Opt-in: a real Label Studio server on 127.0.0.1 imports our tasks and exports them; we import that export.

Run with ``pytest -m labelstudio_server tests/formats/test_labelstudio_server.py`` after installing Label Studio in
a virtual environment of its own (its pins are not ours: ``python3 -m venv LS && LS/bin/pip install label-studio``)
and setting ``ANNOTATOR_LABEL_STUDIO`` to its ``label-studio`` command. CI skips it (pyproject's ``addopts``).
"""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import orjson
import pytest

from annotator.formats import export, read_source
from annotator.formats.format import Source
from annotator.formats.labelstudio import labeling_config
from annotator.formats.report import FormatReport

pytestmark = pytest.mark.labelstudio_server

TOKEN = "0123456789abcdef0123456789abcdef01234567"
START_SECONDS = 1800
"""Its first start migrates a new database: minutes on a small machine."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _call(base: str, method: str, path: str, body: bytes | None = None, kind: str = "application/json") -> bytes:
    request = urllib.request.Request(f"{base}{path}", data=body, method=method)
    request.add_header("Authorization", f"Token {TOKEN}")
    if body is not None:
        request.add_header("Content-Type", kind)
    with urllib.request.urlopen(request, timeout=120) as response:
        return bytes(response.read())


@pytest.fixture
def server(tmp_path: Path):
    command = os.environ.get("ANNOTATOR_LABEL_STUDIO")
    if not command or not Path(command).exists():
        pytest.skip("set ANNOTATOR_LABEL_STUDIO to a label-studio command (pip install label-studio in its own venv)")
    port = _free_port()
    # A data folder a first run has migrated already (ANNOTATOR_LABEL_STUDIO_DATA) saves minutes.
    data = Path(os.environ.get("ANNOTATOR_LABEL_STUDIO_DATA") or tmp_path / "ls-data")
    env = {
        **os.environ,
        "LABEL_STUDIO_BASE_DATA_DIR": str(data),
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "false",
        # Nothing but loopback: no look-up of its latest version, no usage reports.
        "LATEST_VERSION_CHECK": "false",
        "COLLECT_ANALYTICS": "false",
    }
    log = (tmp_path / "ls.log").open("wb")
    process = subprocess.Popen(
        [
            command,
            "start",
            "--no-browser",
            "--host",
            "127.0.0.1",
            "--internal-host",
            "127.0.0.1",
            "--port",
            str(port),
            "--data-dir",
            str(data),
            "--username",
            "lead@example.org",
            "--password",
            "a-password-1",
            "--user-token",
            TOKEN,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                _call(base, "GET", "/api/projects/")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Label Studio did not start: see {tmp_path / 'ls.log'}")
                time.sleep(2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_layers_come_back_from_a_label_studio_server(server: str, corpus, schema, tmp_path: Path) -> None:
    tasks = io.BytesIO()
    export(corpus, tasks, "labelstudio", schema)
    project = json.loads(
        _call(
            server,
            "POST",
            "/api/projects/",
            orjson.dumps({"title": "round trip", "label_config": labeling_config(schema)}),
        )
    )
    _call(server, "POST", f"/api/projects/{project['id']}/import", tasks.getvalue())
    exported = _call(server, "GET", f"/api/projects/{project['id']}/export?exportType=JSON")
    path = tmp_path / "export.json"
    path.write_bytes(exported)
    back = orjson.loads(exported)
    assert all("annotator" not in a for task in back for a in task["annotations"])  # the server dropped it
    records = read_source(Source(path, "labelstudio"), schema, layer="lsuser", report=FormatReport("labelstudio"))
    layers = {(r.document.doc_id, r.layer.annotator): r.layer for _, r in records if r.layer is not None}
    assert sorted(layers) == sorted((r.document.doc_id, r.layer.annotator) for r in corpus)
    for record in corpus:
        layer = layers[(record.document.doc_id, record.layer.annotator)]
        assert [(s.start, s.end, s.label, s.attrs, s.sources) for s in layer.spans] == [
            (s.start, s.end, s.label, s.attrs, s.sources) for s in record.layer.spans
        ]
        assert [(r.head, r.child, r.label) for r in layer.relations] == [
            (r.head, r.child, r.label) for r in record.layer.relations
        ]
