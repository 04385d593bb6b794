"""annotator: who said what, and with which stance.

The application core: plain Python, no Qt and no SQL. ``db`` persists it and ``ui`` shows it.
"""

__version__ = "0.1.0"
