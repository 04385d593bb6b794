"""Actions per statement: each gold article annotated again through the real window, every key, click and drag counted.

    python -m benchmarks.bench_replay                                   # ../shared/gold/seed-gold-02-04.jsonl
    python -m benchmarks.bench_replay --gold FILE --by-hand --json out.json
    python -m benchmarks.bench_replay --marked tests/core/data/hand_annotated_news_3*.txt   # hand-marked texts

A temporary SQLite project is made from ``seeds/`` (the five articles and the schema); the speakers and targets the
gold names are added to its registry and target list first, as a lead sets a project up, so the stored layer is
compared with the gold whole: spans, relations and every attribute, target strings included. Then the window
(offscreen) opens each gold document whose text is in the project and ``benchmarks.replay`` annotates it by hand
(``--by-hand``, the only mode until the window shows proposals). The table gives, per document, the statements
(content spans), the actions by what they were for, and the actions per statement; the exit status is 1 when a
stored layer differs from its gold. The baseline, in the same run on a second new project: the same replay with
nothing linked or set as a span is tagged (every link by its key and a click, every quote type by its key).
``--marked`` replays hand-marked texts (markup in ``tests/core/hand_annotated.py``) instead: each text is added to
the project as a document named by its file, and its hand-made layer is the gold.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from annotator.cli.base import load_seeds
from annotator.cli.window import store_opener
from annotator.errors import AnnotatorError
from annotator.formats.plaintext import read_text
from annotator.model import Span, text_sha256
from annotator.proposal import Proposer
from annotator.proposer import propose as the_proposer
from benchmarks.replay import GoldLayer, Outcome, registry_of, replay_by_hand
from benchmarks.replay_proposals import replay_with_proposals
from db.store import Store
from ui.app import build_main_window
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "seed-gold-02-04.jsonl"
"""The gold beside the checkout (``../shared/gold``)."""
WHAT = ("accept", "remove", "select", "spans", "speaker names", "links", "attributes")
WITH_PROPOSALS = "from the proposals: accept the right ones, correct, the rest by hand"
KINDS = ("accepted", "corrected", "by hand")


def project(
    folder: Path,
    layers: list[GoldLayer],
    annotator: str = "replay",
    propose: Proposer | None = None,
    documents: tuple[GoldLayer, ...] = (),
) -> MainWindow:
    """The window on a new project made from ``seeds/`` and ``documents``' texts, with the gold's speakers and
    targets registered (and ``propose`` making its proposals, where given)."""
    db = folder / "replay.db"

    def prepare(store: Store) -> None:
        load_seeds(store)
        for gold in documents:
            store.import_records(read_text(gold.text.encode(), name=gold.doc_id, source=gold.doc_id), source="marked")
        kinds = {attribute.name: attribute.kind for attribute in store.schema.attributes}
        speakers, targets = registry_of(layers, kinds)
        for name in sorted(speakers):
            store.add_speaker(name)
        for name in sorted(targets):
            store.add_target(name)

    window = build_main_window(store_opener(db), annotator, prepare=prepare, propose=propose)
    window.show()
    return window


def replay(
    window: MainWindow, layers: list[GoldLayer], *, at_once: bool = True, proposals: bool = False
) -> list[Outcome]:
    """Each gold layer whose document the project holds with the same text, annotated by hand (``at_once`` False:
    with nothing linked or set as a span is tagged, the baseline)."""
    window.tagging.at_once = at_once
    outcomes = []
    for gold in layers:
        try:
            document = window.store.document(gold.doc_id)
        except AnnotatorError:  # a document the project lacks is left out, and said so
            print(f"{gold.doc_id}: not in the project, left out", file=sys.stderr)
            continue
        if text_sha256(document.text) != text_sha256(gold.text):
            print(f"{gold.doc_id}: the project's text differs from the gold's, left out", file=sys.stderr)
            continue
        window.open_document(gold.doc_id)
        window.session.complete()
        outcomes.append(replay_with_proposals(window, gold) if proposals else replay_by_hand(window, gold))
    return outcomes


def marked(paths: list[Path], attributes: tuple[str, ...]) -> list[GoldLayer]:
    """The hand-marked texts at ``paths`` (files, or folders of ``hand_annotated_news*.txt``) as gold layers."""
    spec = importlib.util.spec_from_file_location("hand_annotated", ROOT / "tests" / "core" / "hand_annotated.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = [f for p in paths for f in (sorted(p.glob("hand_annotated_news*.txt")) if p.is_dir() else [p])]
    layers = []
    for path in files:
        text, layer = module.hand_annotated(path)
        spans = [
            Span(s.key, s.start, s.end, s.label, {a: v for a, v in s.attrs.items() if a in attributes})
            for s in layer.spans
        ]
        layers.append(GoldLayer(path.stem, text, spans, list(layer.relations), attributes))
    return layers


def table(outcomes: list[Outcome]) -> str:
    rows = [["document", "statements", *WHAT, "actions", "per statement", "differences"]]
    total: Counter[str] = Counter()
    for outcome in outcomes:
        total.update(outcome.counts)
        per = f"{outcome.actions / max(outcome.statements, 1):.2f}"
        counts = [str(outcome.counts[w]) for w in WHAT]
        rows.append(
            [
                outcome.doc_id[:40],
                str(outcome.statements),
                *counts,
                str(outcome.actions),
                per,
                str(len(outcome.differences)),
            ]
        )
    statements, actions = sum(o.statements for o in outcomes), sum(total.values())
    differences = str(sum(len(o.differences) for o in outcomes))
    counts = [str(total[w]) for w in WHAT]
    rows.append(["all", str(statements), *counts, str(actions), f"{actions / max(statements, 1):.2f}", differences])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)


def kinds(outcomes: list[Outcome]) -> str:
    """Statements by kind (accepted as proposed, accepted and corrected, by hand) and the actions that went to each."""
    statements: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    for outcome in outcomes:
        statements.update(outcome.statement_kinds)
        actions.update(outcome.kinds)
    lines = ["kind        statements  actions  per statement"]
    for kind in KINDS:
        per = f"{actions[kind] / statements[kind]:.2f}" if statements[kind] else "-"
        lines.append(f"{kind:<11} {statements[kind]:<11} {actions[kind]:<8} {per}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="native JSONL gold (default: %(default)s)")
    parser.add_argument("--by-hand", action="store_true", help="no proposals: by hand and its baseline only")
    parser.add_argument("--documents", nargs="*", help="only these document ids")
    parser.add_argument("--marked", type=Path, nargs="+", help="hand-marked texts (files or folders) instead of --gold")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not args.marked and not args.gold.exists():
        print(f"{args.gold}: no such file; give a native JSONL gold file with --gold", file=sys.stderr)
        return 1
    runs: dict[str, list[Outcome]] = {}
    modes = [("by hand", True, False), ("baseline: nothing linked or set as a span is tagged", False, False)]
    if not args.by_hand:
        modes.append((WITH_PROPOSALS, True, True))
    for name, at_once, proposals in modes:
        with tempfile.TemporaryDirectory() as folder:
            with Store.open(Path(folder) / "replay.db") as store:
                attributes = store.schema.attribute_names
            read = marked(args.marked, attributes) if args.marked else GoldLayer.read(args.gold, attributes)
            layers = [g for g in read if not args.documents or g.doc_id in args.documents]
            added = tuple(layers) if args.marked else ()
            window = project(Path(folder), layers, propose=the_proposer if proposals else None, documents=added)
            try:
                runs[name] = replay(window, layers, at_once=at_once, proposals=proposals)
            finally:
                window.close()
        source = "hand-marked texts" if args.marked else args.gold.name
        print(f"{name}, {source}: actions per statement (each key press, click and drag counts one)")
        print(table(runs[name]) + "\n")
        if proposals:
            print(kinds(runs[name]) + "\n")
    outcomes = runs["by hand"]
    for name, run in runs.items():
        for outcome in run:
            for difference in outcome.differences:
                print(f"{outcome.doc_id} ({name.split(':')[0]}): {difference}", file=sys.stderr)
    if args.json:
        figures = {
            name: [
                {"doc_id": o.doc_id, "statements": o.statements, "actions": o.actions, "counts": dict(o.counts)}
                | {"differences": o.differences}
                for o in run
            ]
            for name, run in runs.items()
        }
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 1 if any(o.differences for run in runs.values() for o in run) or not outcomes else 0


if __name__ == "__main__":
    sys.exit(main())
