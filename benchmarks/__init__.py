"""Reproducible performance scripts, with their own synthetic corpus generator."""
