"""The proposer against gold, and its speed on a 100,000-character article.

    python -m benchmarks.bench_suggest [--gold FILE ...] [--marked FILE ...] [--repeat 20] [--json results.json]

Reads each native JSONL ``--gold`` file directly (``annotator.formats.native``; no database; default
``../shared/gold/seed-gold-02-04.jsonl``) and each hand-marked ``--marked`` text (the markup of
``tests/core/hand_annotated.py``; default: the texts in ``tests/core/data``), proposes for every document
with an empty lexicon, and prints:

- P/R/F1 per label, exact (same start, end, label) and by overlap (the agreement figures' one-to-one matching);
- F1 per relation, the relation's two spans matched by overlap;
- quote type accuracy on the proposed claims matched to gold claims by overlap, and the canonical speaker's on
  the proposed sources matched to gold sources that have one;
- the time to propose for a 100,000-character article (the gold texts' paragraphs repeated), median of
  ``--repeat`` runs, beside two raw baselines in the same run: one ``re.finditer`` pass of a quotation regex over
  the same text (what the fastest regular-expression proposer costs), and one Python pass over its words with a
  set lookup each (the least any word-level rule in Python costs); and the same with a lexicon learned from the
  gold layers.

Exit status 1 when a gold file cannot be read.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.errors import DataError
from annotator.formats.native import read_native
from annotator.model import Layer
from annotator.proposal import Lexicon
from annotator.proposer import learn, propose
from annotator.proposer.measure import Tally, tally
from annotator.schema import Schema, default_schema

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "seed-gold-02-04.jsonl"
DEFAULT_MARKED = sorted((ROOT / "tests" / "core" / "data").glob("hand_annotated_news*.txt"))
TARGET_MS = 200.0
"""Proposals for a 100,000-character article."""
_QUOTES = re.compile(r"[“\"]([^”\"\n]*)[”\"]")
_WORD = re.compile(r"\w+")
_SAYING = frozenset(("said", "says", "told", "noted", "stressed", "added"))


def _gold(paths: list[Path], schema: Schema) -> list[tuple[str, Layer]]:
    found = []
    for path in paths:
        with path.open("rb") as stream:
            for _, record in read_native(stream, schema, source=str(path)):
                if record.layer is not None:
                    found.append((record.document.text, record.layer))
    return found


def _marked(paths: list[Path]) -> list[tuple[str, Layer]]:
    spec = importlib.util.spec_from_file_location("hand_annotated", ROOT / "tests" / "core" / "hand_annotated.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [module.hand_annotated(path) for path in paths]


def _figures(schema: Schema, pairs: list[tuple[str, Layer]]) -> Tally:
    return tally(schema, [(text, layer, propose(text, schema, Lexicon())) for text, layer in pairs])


def _article(texts: list[str], size: int = 100_000) -> str:
    paragraphs = [p for text in texts for p in text.split("\n\n") if p.strip()]
    out: list[str] = []
    length = 0
    while length < size:
        for paragraph in paragraphs:
            out.append(paragraph)
            length += len(paragraph) + 2
            if length >= size:
                break
    return "\n\n".join(out)[:size]


def _timed_ms(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The median and the best of ``repeat`` runs, in milliseconds of this process's CPU time: on a shared machine
    the wall clock also counts the time other processes hold the CPU."""
    run()  # warm: compiled expressions, caches
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times), min(times)


def _report(name: str, counts: Tally) -> dict[str, Any]:
    print(f"\n{name}")
    print(f"  {'measure':24} {'P':>6} {'R':>6} {'F1':>6}   hits/proposed/gold")
    figures: dict[str, Any] = {}
    for what in counts.measures():
        p, r, f = counts.precision(what), counts.recall(what), counts.f1(what)
        print(
            f"  {what:24} {p:6.3f} {r:6.3f} {f:6.3f}   {counts.hits[what]}/{counts.proposed[what]}/{counts.gold[what]}"
        )
        figures[what] = {"precision": p, "recall": r, "f1": f}
    print(f"  quote type: {counts.quote_right}/{counts.quote_compared} = {counts.quote_accuracy:.1%}")
    figures["quote_type_accuracy"] = counts.quote_accuracy
    print(f"  canonical speaker: {counts.speaker_right}/{counts.speaker_compared} = {counts.speaker_accuracy:.1%}")
    figures["speaker_accuracy"] = counts.speaker_accuracy
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", help=f"native JSONL gold (default {DEFAULT_GOLD})")
    parser.add_argument("--marked", type=Path, action="append", help="hand-marked texts (default tests/core/data)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    schema = default_schema()
    gold_paths = args.gold or ([DEFAULT_GOLD] if DEFAULT_GOLD.is_file() else [])
    try:
        gold = _gold(gold_paths, schema)
    except (OSError, DataError) as error:
        print(f"bench_suggest: cannot read the gold: {error}", file=sys.stderr)
        return 1
    marked = _marked(args.marked or DEFAULT_MARKED)
    results: dict[str, Any] = {}
    if gold:
        results["gold"] = _report(
            f"gold: {', '.join(map(str, gold_paths))} ({len(gold)} documents)", _figures(schema, gold)
        )
    else:
        print(f"(no gold: {DEFAULT_GOLD} is not there; pass --gold FILE)")
    results["marked"] = _report(f"hand-marked texts ({len(marked)})", _figures(schema, marked))

    article = _article([text for text, _ in gold + marked])
    learned = learn(gold + marked, schema.statement)
    runs = {
        "propose, empty lexicon": lambda: propose(article, schema, Lexicon()),
        f"propose, learned lexicon ({len(learned.sources)} sources, {len(learned.cues)} cues)": lambda: propose(
            article, schema, learned
        ),
        "raw baseline: one quotes-regex finditer pass": lambda: sum(1 for _ in _QUOTES.finditer(article)),
        "raw baseline: one Python pass over the words": lambda: sum(
            1 for w in _WORD.finditer(article) if w.group().lower() in _SAYING
        ),
    }
    spans = len(propose(article, schema, Lexicon()).spans)
    print(f"\nspeed on a {len(article):,}-character article ({spans} spans proposed), CPU ms of {args.repeat} runs:")
    print(f"  {'':60} {'median':>8} {'best':>8}")
    timings: dict[str, tuple[float, float]] = {}
    for name, run in runs.items():
        timings[name] = _timed_ms(run, args.repeat)
        print(f"  {name:60} {timings[name][0]:8.2f} {timings[name][1]:8.2f}")
    ours = timings["propose, empty lexicon"][0]
    for name in list(runs)[2:]:
        print(f"  ours / {name.removeprefix('raw baseline: ')}: {ours / timings[name][0]:.1f}x")
    print(f"  target: {TARGET_MS:.0f} ms")
    results["speed_ms"] = {name: {"median": m, "best": b} for name, (m, b) in timings.items()}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
