"""The store's domain errors; only app/api turns them into HTTP responses (404, 409, 403, 422, 503)."""
from __future__ import annotations


class StoreError(Exception):
    """Base class of the store's errors."""


class NotFound(StoreError):
    """The article, claim, source, user or key asked for does not exist."""


class Conflict(StoreError):
    """The change contradicts the data as it is (merging a source into itself, an unknown relay hop ...)."""


class InvalidInput(StoreError):
    """A value the store cannot take (a span outside the text, an unknown kind or role)."""


class Forbidden(StoreError):
    """The user's role does not allow the change (readers cannot review)."""


class AppendOnly(StoreError):
    """Reviews are history: they are added, never changed or deleted."""


class DatabaseNotMigrated(StoreError):
    """The database schema is behind the code: run `whosaid db upgrade`."""
