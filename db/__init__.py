"""Persistence: the SQLAlchemy models, the Store (every read and write) and the Alembic migrations."""
