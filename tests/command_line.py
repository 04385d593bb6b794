"""The ``annotator`` command run as a person runs it: in a process of its own, its output captured."""

from __future__ import annotations

import os
import subprocess
import sys


def run_annotator(
    *args: str, env: dict[str, str] | None = None, ok: bool = True, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m annotator ARGS`` (``env``: variables set over the test's environment); with ``ok``, asserts
    that it exited with 0 (its stderr is the message where it did not)."""
    result = subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )
    if ok:
        assert result.returncode == 0, result.stderr
    return result
