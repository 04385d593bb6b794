"""Make docs/screenshot.png: a seed article annotated by hand-picked spans, its first claim selected (its links to
its speaker and cue drawn as arcs); the window adds its proposals for the rest as dashed outlines.

    xvfb-run -a -s "-screen 0 1400x900x24" python docs/make_screenshot.py /tmp/shot.db docs/screenshot.png

With the database alone (``python docs/make_screenshot.py /tmp/shot.db``) it only makes the project. The picture is
taken of the whole screen with ImageMagick's ``import`` once the proposals are in.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from annotator.cli import load_seeds  # noqa: E402
from db.store import Store  # noqa: E402

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


def shoot(path: str, out: str) -> None:
    """Open the window on the project at ``path`` as alice, select the first claim and take the screen."""
    from PySide6.QtCore import QTimer

    from annotator.cli.window import store_opener
    from annotator.proposer import propose
    from ui.app import application, build_main_window

    app = application()
    window = build_main_window(store_opener(path), "alice", propose=propose)
    window.show()

    def select() -> None:
        claim = next(span for span in window.session.ordered() if span.label == "CLAIM")
        window.session.select(claim.key)

    def take() -> None:
        subprocess.run(["import", "-window", "root", out], check=True)
        app.quit()

    QTimer.singleShot(3000, select)
    QTimer.singleShot(6000, take)
    app.exec()
    window.close()


if __name__ == "__main__":
    main(sys.argv[1])
    if len(sys.argv) > 2:
        shoot(sys.argv[1], sys.argv[2])
