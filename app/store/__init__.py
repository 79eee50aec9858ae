"""Persistence: SQLAlchemy models (models.py), queries and changes (repository.py), Alembic migrations."""
