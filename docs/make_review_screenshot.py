"""Make docs/review.png: the review view on a seed article annotated by two annotators, partly adjudicated.

    xvfb-run -a -s "-screen 0 1400x900x24" python docs/make_review_screenshot.py docs/review.png

The project is the one the review test builds (tests/window/test_review.py); the picture is taken of the whole
screen with ImageMagick's ``import`` once the figures are in.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]

from PySide6.QtCore import QTimer  # noqa: E402

import window.test_review as project  # noqa: E402
from annotator.cli.window import store_opener  # noqa: E402
from ui.app import application, build_main_window  # noqa: E402


def main(out: str) -> None:
    db = project.make_project(Path(tempfile.mkdtemp()) / "project.db")
    app = application()
    window = build_main_window(store_opener(db), "lena")
    window.show()
    window.windows.open_review()
    review = window.windows.review
    assert review is not None

    def ready() -> None:
        if not review.sidebar.model.rowCount():  # the figures are still being measured
            QTimer.singleShot(100, ready)
            return
        review.open_document(project.FIRST)
        review.adjudicator.accept_unanimous()
        review.step(5)
        review.adjudicator.take(review.current_row(), 2)  # bob's version of the sixth unit
        review.step(-5)

    def shoot() -> None:
        subprocess.run(["import", "-window", "root", out], check=True)
        app.quit()

    QTimer.singleShot(300, ready)
    QTimer.singleShot(4000, shoot)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "review.png")
