"""Make the database behind docs/screenshot.png: a seed article annotated by hand-picked spans; the window adds
its proposals for the rest as dashed outlines once the article is shown.

    python docs/make_screenshot.py /tmp/shot.db
    xvfb-run -a -s "-screen 0 1400x900x24" sh -c 'annotator --db /tmp/shot.db --annotator alice & sleep 8; \
        import -window root docs/screenshot.png'
"""

from __future__ import annotations

import sys

from annotator.cli import load_seeds
from db.store import Store

DOC = "01-azerbaijan-islamic-solidarity"
CLAIMS = [
    (
        "The importance of Azerbaijan in the system of international relations, which is developing day by day under "
        "the leadership of our head of state Mr. Ilham Aliyev, is constantly increasing",
        {"stance": "FAVOR", "target": "Azerbaijan's foreign policy", "quote_type": "direct"},
        "Sattar Mohbaliyev",
        "expressed these views",
    ),
    (
        "Azerbaijan has already put an end to the occupation in the war of rights",
        {"stance": "FAVOR", "target": "Peace in the South Caucasus", "quote_type": "indirect"},
        "him",
        "According to",
    ),
    (
        "the war of rights: “Our country has always been a supporter of stability and security",
        {"stance": "FAVOR", "target": "Peace in the South Caucasus", "quote_type": "mixed"},
        "him",
        "According to",
    ),
]
MENTIONS = [("Mr. Ilham Aliyev", "Ilham Aliyev"), ("President Ilham Aliyev", "Ilham Aliyev")]


def main(path: str) -> None:
    with Store.open(path) as store:
        load_seeds(store)
        store.add_annotator("alice")
        text = store.document(DOC).text
        speakers: dict[str, str] = {}
        cues: dict[str, str] = {}
        for claim, attrs, speaker, cue in CLAIMS:
            start = text.index(claim)
            head = store.add_span(DOC, "alice", start, start + len(claim), "CLAIM", attrs).added[0].key
            if speaker not in speakers:
                at = text.index(speaker + ("," if speaker == "him" else ""))
                speakers[speaker] = (
                    store.add_span(DOC, "alice", at, at + len(speaker), "SPEAKER", {"speaker": "Sattar Mohbaliyev"})
                    .added[0]
                    .key
                )
            if cue not in cues:
                at = text.index(cue)
                cues[cue] = store.add_span(DOC, "alice", at, at + len(cue), "CUE").added[0].key
            store.add_relation(DOC, "alice", head, speakers[speaker], "ATTRIBUTED_TO")
            store.add_relation(DOC, "alice", head, cues[cue], "HAS_CUE")
        for mention, canonical in MENTIONS:
            at = text.index(mention)
            store.add_span(DOC, "alice", at, at + len(mention), "SPEAKER", {"speaker": canonical})


if __name__ == "__main__":
    main(sys.argv[1])
