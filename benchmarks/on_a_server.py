"""What the PostgreSQL benchmarks share: the synthetic corpus as the import reads it, a timed call, and their command
line: a throw-away server (``tests/pg_server.py``) started, ``measure`` run on it, its figures printed by case."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson

from annotator.formats.native import parse_record
from annotator.model import LayerRecord
from annotator.schema import default_schema
from benchmarks.corpus import generate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

Figures = dict[str, dict[str, float]]
"""Medians in milliseconds, by case, then by operation."""


def timed_ms(action: Callable[[], object], per: int = 1) -> float:
    """Milliseconds ``action`` takes, divided by ``per`` (the operations it runs)."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) / per * 1000


def corpus_records(docs: int) -> Iterator[tuple[int, LayerRecord]]:
    """The corpus of ``docs`` documents (three annotators), numbered and parsed as ``Store.import_records`` takes
    them from a native file."""
    schema = default_schema()
    return ((n, parse_record(orjson.loads(orjson.dumps(r)), schema)) for n, r in enumerate(generate(docs), 1))


def medians(times: dict[str, dict[str, list[float]]]) -> Figures:
    """The median of each operation's times, by case."""
    return {case: {what: statistics.median(t) for what, t in by.items()} for case, by in times.items()}


def main_on_a_server(
    argv: list[str] | None, name: str, doc: str, measure: Callable[[str, int, int], Figures], **defaults: int
) -> int:
    """The command line of the benchmark ``benchmarks.NAME`` (``doc``: its docstring): parses ``--docs``,
    ``--repeat`` (``defaults``: docs, repeat) and ``--json``, runs ``measure(server URL, docs, repeat)`` on a
    throw-away server and prints its figures, their names ``defaults["width"]`` wide; exit status 1 where no
    PostgreSQL server binaries are installed."""
    parser = argparse.ArgumentParser(prog=f"python -m benchmarks.{name}", description=doc.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=defaults["docs"])
    parser.add_argument("--repeat", type=int, default=defaults["repeat"])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    from pg_server import running_server, server_binaries

    binaries = server_binaries()
    if binaries is None:
        print("no PostgreSQL server binaries (initdb) found", file=sys.stderr)
        return 1
    with running_server(binaries) as server:
        results = measure(server, args.docs, args.repeat)
    for case, figures in results.items():
        print(case)
        for what, value in figures.items():
            print(f"  {what:{defaults['width']}} {value:10.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0
