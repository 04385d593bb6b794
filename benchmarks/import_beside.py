"""How long a large import holds SQLite's write lock at a time, and how long an annotator's edit made during it
waits: the import in this process (the command line, as ``import_growth`` runs it), the edits in another.

    python -m benchmarks.bench_import_export --growth 10000,20000,30000 --beside

After the growth figures, the largest corpus is imported once more into a project holding one other document, while
a second process adds a span to that document every 0.2 s (each edit one committed transaction) and times each.
Reported: how many transactions the import took, the longest and the median; the edits made meanwhile, the longest
and the median time each took, beside the same edit timed before the import began (the raw baseline).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_import_export import _run_cli

_EDITOR = """
import json, sys, time
from db.store import Store
with Store.open(sys.argv[1], user="editor") as store:
    times, n = [], 0
    print("ready", flush=True)
    while sys.stdin.readline().strip() == "edit":
        began = time.perf_counter()
        store.add_span("edited", "editor", n % 40, n % 40 + 3, "CLAIM", {})
        times.append(time.perf_counter() - began)
        n += 1
        print(json.dumps(times[-1]), flush=True)
"""


def beside(cli: Any, corpus: Path, db: Path) -> dict[str, Any]:
    """Import ``corpus`` into ``db`` (a new project) while another process edits it; the figures above."""
    from annotator.model import Document, LayerRecord
    from db import import_runs
    from db.store import Store

    with Store.open(db) as store:
        store.add_annotator("importer", role="lead")  # type: ignore[arg-type]  # imports everyone's layers
        store.add_annotator("editor")
        text = "The minister said on Monday that the talks would go on, and critics answered."
        store.import_records([(1, LayerRecord(Document("edited", text), None))], source="one")
    root = Path(__file__).resolve().parent.parent
    editor = subprocess.Popen(
        [sys.executable, "-c", _EDITOR, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )
    assert editor.stdin is not None and editor.stdout is not None
    assert editor.stdout.readline() == "ready\n"

    def edit() -> float:
        editor.stdin.write("edit\n")  # type: ignore[union-attr]
        editor.stdin.flush()  # type: ignore[union-attr]
        return float(json.loads(editor.stdout.readline()))  # type: ignore[union-attr]

    quiet = [edit() for _ in range(10)]
    import_runs.lock_times = []

    during: list[float] = []
    done = threading.Event()

    def keep_editing() -> None:
        while not done.is_set():
            during.append(edit())
            time.sleep(0.2)

    thread = threading.Thread(target=keep_editing)
    began = time.perf_counter()
    thread.start()
    try:
        _run_cli(cli, ["--db", str(db), "--annotator", "importer", "import", str(corpus)])
    finally:
        elapsed = time.perf_counter() - began
        done.set()
        thread.join()
        locks, import_runs.lock_times = import_runs.lock_times, None
        editor.stdin.close()
        editor.wait(60)
    return {
        "import_s": round(elapsed, 1),
        "transactions": len(locks),
        "lock_max_s": round(max(locks), 3),
        "lock_median_s": round(statistics.median(locks), 3),
        "edits_during": len(during),
        "edit_max_s": round(max(during), 3),
        "edit_median_s": round(statistics.median(during), 3),
        "edit_quiet_median_s": round(statistics.median(quiet), 3),
    }


def print_beside(documents: int, row: dict[str, Any]) -> None:
    print(
        f"import of {documents:,} documents beside an editor: {row['import_s']} s in {row['transactions']} "
        f"transactions holding the write lock at most {row['lock_max_s']:.3f} s (median {row['lock_median_s']:.3f} s); "
        f"{row['edits_during']} edits meanwhile took at most {row['edit_max_s']:.3f} s (median "
        f"{row['edit_median_s']:.3f} s; the same edit before the import: {row['edit_quiet_median_s']:.3f} s)"
    )
