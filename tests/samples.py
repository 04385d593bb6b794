"""Small hand-made documents and layers shared by tests, with the text traps FORMATS.md warns about."""

from __future__ import annotations

from typing import Any

# Pieces of adversarial text for property-based tests: emoji, ZWJ sequences, flags, skin tones, combining marks,
# right-to-left script, CJK, NBSP, U+2028, every kind of newline, apostrophes, and format characters.
THUMB_MEDIUM = "👍🏽"  # U+1F44D U+1F3FD: 2 code points, 4 UTF-16 units
FLAG_AZ = "🇦🇿"  # two regional indicators: 2 code points, 4 units
FAMILY = "👩\u200d👩\u200d👧"  # ZWJ sequence: 5 code points, 8 units

PIECES = [
    THUMB_MEDIUM,
    FLAG_AZ,
    "🇺🇸",
    "🇦",
    FAMILY,
    "\u200d",
    "👍",
    "\U0001f3fd",
    "e\u0301",
    "\u0301",
    "a\u0308\u0323",
    "قال",
    "الرئيس",
    "中华人民共和国",
    "日本語",
    "\u00a0",
    "\u2028",
    "\r\n",
    "\r",
    "\n",
    " ",
    "  ",
    "\t",
    "word",
    "Azerbaijan’s",
    "state's",
    "don't",
    "e-mail",
    "3.5",
    "“",
    "”",
    ",",
    ".",
    "'",
    "\u0600",
    "\u00ad",
]


TRICKY_TEXT = (
    "Leaders 👩‍👩‍👧 meet 🇦🇿\r\n"
    "President Ilham Aliyev 👍🏽 said: “Islamic solidarity is caf\u0065\u0301 and قال الرئيس 团结”\r\n"
    "The head of state stressed\u00a0peace.\rAccording to him\u2028it will last."
)


def span(text: str, key: str, piece: str, label: str, nth: int = 0, **attrs: Any) -> dict[str, Any]:
    """A native span over the ``nth`` occurrence of ``piece`` in ``text``, offsets in code points."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return {"id": key, "start": start, "end": start + len(piece), "label": label, "text": piece, **attrs}


def tricky_record(annotator: str = "ann_01", doc_id: str = "tricky", status: str = "done") -> dict[str, Any]:
    """A native record over ``TRICKY_TEXT`` (CRLF and CR newlines, emoji, flags, combining marks, RTL, CJK)."""
    text = TRICKY_TEXT
    return {
        "doc_id": doc_id,
        "annotator": annotator,
        "status": status,
        "time_spent_ms": 4200,
        "text": text,
        "meta": {"title": "Leaders meet", "source": "https://example.org/a"},
        "spans": [
            span(text, "s1", "President Ilham Aliyev", "SPEAKER", speaker="Ilham Aliyev"),
            span(text, "s2", "said", "CUE"),
            span(
                text,
                "s3",
                "“Islamic solidarity is caf\u0065\u0301 and قال الرئيس 团结”",
                "CLAIM",
                stance="FAVOR",
                target="Islamic solidarity",
                quote_type="direct",
            ),
            span(text, "s4", "Aliyev 👍🏽 said", "CLAIM", stance="NONE"),
            span(text, "s5", "The head of state", "SPEAKER", speaker="Ilham Aliyev"),
            span(text, "s6", "peace.\rAccording", "CLAIM", stance="AGAINST", quote_type="indirect"),
            span(text, "s7", "👩‍👩‍👧 meet 🇦🇿", "CLAIM"),
        ],
        "relations": [
            {"id": "r1", "head": "s3", "child": "s1", "label": "ATTRIBUTED_TO"},
            {"id": "r2", "head": "s3", "child": "s2", "label": "HAS_CUE"},
            {"id": "r3", "head": "s6", "child": "s5", "label": "ATTRIBUTED_TO"},
        ],
    }
