"""A deterministic synthetic corpus in native JSONL, for the benchmarks.

``generate(n_docs)`` yields one native record per (document, annotator): news-like articles of about
4,500 characters with non-ASCII text, and on each layer ``spans_per_layer`` CLAIM, SPEAKER and CUE spans
built on the sentences (overlapping and nested ones included), linked by ATTRIBUTED_TO and HAS_CUE. The
annotators of one document differ a little: a shifted boundary, a missing span, another stance.

    python -m benchmarks.corpus --docs 10000 --out corpus.jsonl
    python -m benchmarks.corpus --check corpus.jsonl --spans 30

The same arguments give the same bytes: every random choice comes from a ``random.Random`` seeded with a
string (hashed with SHA-512 by ``random``, not with ``hash()``).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from benchmarks import words as w

ATTRIBUTES = ("speaker", "stance", "target", "quote_type")
RESERVE = 3
"""Spans made beyond ``spans_per_layer``: a layer that misses one of the first spans takes one of these."""

Candidate = dict[str, Any]
"""A span before it is given to an annotator: start, end, label and the four attributes."""


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Sentence:
    """A sentence under construction: its text, and spans and relations in offsets of the sentence."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.spans: list[Candidate] = []
        self.relations: list[tuple[int, int, str]] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def mark(self, text: str, label: str, **attrs: str) -> int:
        """Append ``text`` as a span of ``label``; returns the span's index in the sentence."""
        start = self.pos
        self.add(text)
        return self.span(start, label, **attrs)

    def span(self, start: int, label: str, **attrs: str) -> int:
        """A span from ``start`` to the current end of the sentence."""
        self.spans.append({"start": start, "end": self.pos, "label": label} | {a: attrs.get(a) for a in ATTRIBUTES})
        return len(self.spans) - 1

    def link(self, claim: int, speaker: int, cue: int) -> None:
        self.relations += [(claim, speaker, "ATTRIBUTED_TO"), (claim, cue, "HAS_CUE")]

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Writer:
    """Writes the attribution sentences of one document."""

    def __init__(self, rng: random.Random, emoji: bool) -> None:
        self.rng = rng
        self.cast = rng.sample(w.SPEAKERS, rng.randint(2, 4))
        self.targets = rng.sample(range(len(w.TARGETS)), 3)
        self.previous: w.Speaker | None = None
        self.emoji_pending = emoji

    def _speaker(self, sentence: _Sentence, *, initial: bool, case: str = "subject") -> int:
        rng = self.rng
        speaker = self.previous if self.previous and rng.random() < 0.4 else rng.choice(self.cast)
        again = speaker is self.previous
        self.previous = speaker
        if again and rng.random() < 0.5:
            mention = speaker.pronoun
            if case == "object":
                mention = {"he": "him", "she": "her"}.get(mention, mention)
        elif again or rng.random() < 0.2:
            mention = rng.choice(speaker.mentions)
        else:
            mention = speaker.mentions[0]
        return sentence.mark(_cap(mention) if initial else mention, "SPEAKER", speaker=speaker.name)

    def _claim(self, stance: str | None = None) -> tuple[str, str, str]:
        """(text, stance, target) of a claim in lower case, as reported speech."""
        rng = self.rng
        stance = stance or rng.choices(w.STANCES, (5, 3, 2))[0]
        target = rng.choice(self.targets)
        text = rng.choice(w.CLAIMS[stance]).format(a=rng.choice(w.ACTORS), t=w.TARGET_PHRASES[target])
        return text + rng.choice(w.CLAIM_TAILS), stance, w.TARGETS[target]

    def _quote(self) -> tuple[str, str, str]:
        """A direct quotation of one or more sentences (no final stop), with its stance and target."""
        text, stance, target = self._claim()
        more = self.rng.choice((0, 0, 1, 2))
        parts = [_cap(text)] + [_cap(self._claim(stance)[0]) for _ in range(more)]
        quote = ". ".join(parts)
        if self.emoji_pending:
            quote += w.EMOJI_IN_QUOTE
            self.emoji_pending = False
        return quote, stance, target

    def _opening(self, s: _Sentence, then: str, *, aside: bool = False) -> tuple[int, int]:
        """The speaker, then (``aside``: at times a few words between) the cue, then ``then``: the start of a
        sentence of reported speech; (speaker, cue)."""
        speaker = self._speaker(s, initial=True)
        if aside and self.rng.random() < 0.3:
            s.add(self.rng.choice((", who spoke at the opening session,", " later", " once again")))
        s.add(" ")
        cue = s.mark(self.rng.choice(w.CUES), "CUE")
        s.add(then)
        return speaker, cue

    def indirect(self, s: _Sentence) -> None:
        speaker, cue = self._opening(s, " that ", aside=True)
        text, stance, target = self._claim()
        claim = s.mark(text, "CLAIM", stance=stance, target=target, quote_type="indirect")
        s.add(".")
        s.link(claim, speaker, cue)

    def according(self, s: _Sentence) -> None:
        cue = s.mark("According to", "CUE")
        s.add(" ")
        speaker = self._speaker(s, initial=False, case="object")
        s.add(", ")
        text, stance, target = self._claim()
        claim = s.mark(text, "CLAIM", stance=stance, target=target, quote_type="indirect")
        s.add(".")
        s.link(claim, speaker, cue)

    def quote_first(self, s: _Sentence) -> None:
        s.add("“")
        text, stance, target = self._quote()
        claim = s.mark(text, "CLAIM", stance=stance, target=target, quote_type="direct")
        s.add(",” ")
        speaker = self._speaker(s, initial=False)
        s.add(" ")
        cue = s.mark(self.rng.choice(w.CUES[:3]), "CUE")
        s.add(".")
        s.link(claim, speaker, cue)

    def quote_after(self, s: _Sentence) -> None:
        speaker, cue = self._opening(s, ": “")
        text, stance, target = self._quote()
        claim = s.mark(text, "CLAIM", stance=stance, target=target, quote_type="direct")
        s.add(".”")
        s.link(claim, speaker, cue)

    def mixed(self, s: _Sentence) -> None:
        rng = self.rng
        speaker, cue = self._opening(s, " that ")
        start = s.pos
        target = rng.choice(self.targets)
        s.add(rng.choice(w.MIXED_LEADS).format(a=rng.choice(w.ACTORS), t=w.TARGET_PHRASES[target]))
        s.add(f" “{rng.choice(w.QUOTED_PHRASES)}”")
        claim = s.span(start, "CLAIM", stance="FAVOR", target=w.TARGETS[target], quote_type="mixed")
        s.add(".")
        s.link(claim, speaker, cue)

    def overlapping(self, s: _Sentence) -> None:
        """A quotation of three sentences read as two claims that share the middle sentence."""
        speaker, cue = self._opening(s, ": “")
        (first, stance, target), second, third = self._claim(), self._claim(), self._claim()
        a = s.pos
        s.add(f"{_cap(first)}. ")
        b = s.pos
        s.add(_cap(second[0]))
        claim_a = s.span(a, "CLAIM", stance=stance, target=target, quote_type="direct")
        s.add(". ")
        s.add(_cap(third[0]))
        claim_b = s.span(b, "CLAIM", stance=second[1], target=second[2], quote_type="direct")
        s.add(".”")
        s.link(claim_a, speaker, cue)
        s.link(claim_b, speaker, cue)

    def nested(self, s: _Sentence) -> None:
        """Reported speech about another speaker: a SPEAKER nested in the CLAIM, not its source."""
        rng = self.rng
        speaker, cue = self._opening(s, " that ")
        start = s.pos
        other = rng.choice([sp for sp in w.SPEAKERS if sp is not self.previous])
        template, stance = rng.choice(w.NESTED_CLAIMS)
        head, tail = template.split("{S}")
        s.add(head)
        s.mark(other.mentions[0], "SPEAKER", speaker=other.name)
        target = rng.choice(self.targets)
        s.add(tail.format(t=w.TARGET_PHRASES[target]))
        claim = s.span(start, "CLAIM", stance=stance, target=w.TARGETS[target], quote_type="indirect")
        s.add(".")
        s.link(claim, speaker, cue)

    def sentence(self, *, direct: bool = False) -> _Sentence:
        """An attribution sentence of a random kind; ``direct``: one with a direct quotation."""
        kinds: tuple[Callable[[_Sentence], None], ...] = (
            self.indirect,
            self.according,
            self.quote_first,
            self.quote_after,
            self.mixed,
            self.overlapping,
            self.nested,
        )
        weights = (0, 0, 1, 1, 0, 0, 0) if direct else (30, 12, 15, 12, 8, 8, 10)
        s = _Sentence()
        self.rng.choices(kinds, weights)[0](s)
        return s


def _fillers(rng: random.Random) -> Iterator[str]:
    """Sentences without attribution, each template once before any comes again."""
    while True:
        for template in rng.sample(w.FILLERS, len(w.FILLERS)):
            yield template.format(t=rng.choice(w.TARGET_PHRASES), c=rng.choice(w.CITIES), n=rng.randint(3, 60))


def _document(rng: random.Random, spans_wanted: int) -> tuple[str, list[Candidate], list[tuple[int, int, str]]]:
    """Text, candidate spans (absolute offsets) and candidate relations (indices into the spans)."""
    emoji = rng.random() < 0.2
    writer = _Writer(rng, emoji)
    statements: list[_Sentence] = []
    count = 0
    while count < spans_wanted + RESERVE:
        statements.append(writer.sentence(direct=not statements))
        count += len(statements[-1].spans)
    length = sum(len(s.text) + 1 for s in statements)
    lead = rng.choice(w.LEADS).format(p=rng.choice(w.ACCENTED), c=rng.choice(w.CITIES))
    fillers: list[str] = []
    more = _fillers(rng)
    target_length = rng.randint(3900, 4900) - len(lead)
    while length < target_length:
        fillers.append(next(more))
        length += len(fillers[-1]) + 1
    order: list[_Sentence | str] = list(fillers)
    for index, position in enumerate(sorted(rng.sample(range(len(order) + len(statements)), len(statements)))):
        order.insert(position, statements[index])
    order.insert(0, lead)
    if emoji:
        order.insert(1, w.EMOJI_SENTENCE)
    star = writer.cast[0]
    title = _cap(
        rng.choice(w.HEADLINES).format(
            S=star.name, a=_cap(rng.choice(w.ACTORS)), t=w.TARGET_PHRASES[rng.choice(writer.targets)]
        )
    )
    parts = [title]
    pos = len(title)
    spans: list[Candidate] = []
    relations: list[tuple[int, int, str]] = []
    in_paragraph = 0
    paragraph_size = 0
    for item in order:
        if in_paragraph == paragraph_size:
            sep, in_paragraph, paragraph_size = "\n\n", 0, rng.randint(2, 5)
        else:
            sep = " "
        in_paragraph += 1
        parts.append(sep)
        pos += len(sep)
        if isinstance(item, str):
            parts.append(item)
            pos += len(item)
            continue
        base = len(spans)
        spans += [span | {"start": span["start"] + pos, "end": span["end"] + pos} for span in item.spans]
        relations += [(base + head, base + child, label) for head, child, label in item.relations]
        parts.append(item.text)
        pos += len(item.text)
    return "".join(parts), spans, relations


def _shrink_end(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Leave out the last word."""
    cut = text.rfind(" ", start, end)
    while cut > start and text[cut - 1].isspace():
        cut -= 1
    return (start, cut) if cut > start else None


def _shrink_start(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Leave out the first word (a speaker's title)."""
    cut = text.find(" ", start, end)
    if cut < 0:
        return None
    while cut < end and text[cut].isspace():
        cut += 1
    return (cut, end) if cut < end else None


def _extend_start(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Take in the opening quotation mark, or the word before (``that``)."""
    if start > 0 and text[start - 1] == "“":
        return start - 1, end
    k = start
    while k > 0 and text[k - 1] == " ":
        k -= 1
    if k == start or k == 0 or text[k - 1].isspace():
        return None
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return k, end


def _layer(
    rng: random.Random, text: str, candidates: list[Candidate], links: list[tuple[int, int, str]], wanted: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One annotator's spans and relations: the first ``wanted`` candidates, each annotator a little off."""
    chosen = list(range(min(wanted, len(candidates))))
    if chosen and len(candidates) > wanted and rng.random() < 0.4:
        chosen.remove(rng.choice(chosen))
        chosen.append(rng.randrange(wanted, len(candidates)))
    taken: dict[int, Candidate] = {}
    seen: set[tuple[int, int, str]] = set()
    for index in chosen:
        span = dict(candidates[index])
        label = span["label"]
        moved = None
        if label == "CLAIM":
            if rng.random() < 0.12:
                moved = rng.choice((_shrink_end, _extend_start))(text, span["start"], span["end"])
            if rng.random() < 0.08:
                span["stance"] = rng.choice([s for s in w.STANCES if s != span["stance"]])
            if rng.random() < 0.04:
                span["quote_type"] = rng.choice([q for q in w.QUOTE_TYPES if q != span["quote_type"]])
        elif label == "SPEAKER" and rng.random() < 0.06:
            moved = _shrink_start(text, span["start"], span["end"])
        if moved and (moved[0], moved[1], label) not in seen:
            span["start"], span["end"] = moved
        where = (span["start"], span["end"], label)
        if where in seen:
            continue
        seen.add(where)
        taken[index] = span
    order = sorted(taken, key=lambda i: (taken[i]["start"], taken[i]["end"], taken[i]["label"]))
    keys = {index: f"s{n}" for n, index in enumerate(order, 1)}
    spans = []
    for index in order:
        span = taken[index]
        start, end = span["start"], span["end"]
        record = {
            "id": keys[index],
            "start": start,
            "end": end,
            "label": span["label"],
            "text": text[start:end],
        }
        spans.append(record | {a: span[a] for a in ATTRIBUTES} | {"sources": []})
    kept = [
        (head, child, label) for head, child, label in links if head in keys and child in keys and rng.random() >= 0.02
    ]
    kept.sort(key=lambda link: (int(keys[link[0]][1:]), link[2], int(keys[link[1]][1:])))
    relations = [
        {"id": f"r{n}", "head": keys[head], "child": keys[child], "label": label}
        for n, (head, child, label) in enumerate(kept, 1)
    ]
    # Listed as our exporter lists them (spans by start, end, label, id; relations r1, r2, ... in number order),
    # so that an export of the imported corpus has the same bytes as the corpus.
    return spans, relations


def generate(n_docs: int, *, annotators: int = 3, spans_per_layer: int = 30, seed: int = 0) -> Iterator[dict]:
    """Native records, ``n_docs * annotators`` of them: each document's layers one after the other."""
    names = [f"ann_{n:02d}" for n in range(1, annotators + 1)]
    for number in range(1, n_docs + 1):
        rng = random.Random(f"benchmarks.corpus:{seed}:{number}")
        text, candidates, links = _document(rng, spans_per_layer)
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        title = text.split("\n", 1)[0]
        for name in names:
            layer_rng = random.Random(f"benchmarks.corpus:{seed}:{number}:{name}")
            spans, relations = _layer(layer_rng, text, candidates, links, spans_per_layer)
            yield {
                "doc_id": f"bench-{number:06d}",
                "annotator": name,
                "status": "in_progress" if layer_rng.random() < 0.05 else "done",
                "time_spent_ms": layer_rng.randint(30_000, 900_000),
                "offset_unit": "codepoint",
                "text": text,
                "text_sha256": sha,
                "meta": {"title": title},
                "spans": spans,
                "relations": relations,
            }


def write(path: Path, records: Iterator[dict]) -> int:
    """Write ``records`` as JSONL; returns how many."""
    count = 0
    with path.open("wb") as out:
        for record in records:
            out.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, help="number of documents")
    parser.add_argument("--annotators", type=int, default=3, help="layers per document (default 3)")
    parser.add_argument("--spans", type=int, default=30, help="spans per layer (default 30)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="the JSONL file to write")
    parser.add_argument("--check", type=Path, metavar="FILE", help="check FILE instead of writing one")
    args = parser.parse_args(argv)
    if args.check:
        from benchmarks.corpus_check import check_file

        report = check_file(args.check, spans_per_layer=args.spans)
        print(report.summary())
        return 0 if report.ok else 1
    if args.docs is None or args.out is None:
        parser.error("--docs and --out are required (or --check FILE)")
    count = write(args.out, generate(args.docs, annotators=args.annotators, spans_per_layer=args.spans, seed=args.seed))
    print(f"{args.out}: {count} records, {args.out.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
