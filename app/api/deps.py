"""Request dependencies: the app's database session, settings, spaCy pipeline and URL fetcher.

Everything comes from `app.state` (set by app.main.create_app), so that several apps with different
settings (tests) live side by side in one process.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from spacy.language import Language
from sqlalchemy.orm import Session, sessionmaker

from app.core.config import Settings
from app.fetch import FetchedPage
from app.schemas.api import MAX_ID
from app.store.repository import DEFAULT_LIMIT, MAX_LIMIT


def get_session(request: Request) -> Iterator[Session]:
    """A session for a request that writes; routes commit what they change, and it is closed (rolled back)
    after."""
    factory: sessionmaker[Session] = request.app.state.sessionmaker
    with factory() as session:
        yield session


def get_read_session(request: Request) -> Iterator[Session]:
    """A session for a request that only reads (on SQLite it does not queue behind the writer or other
    readers, and cannot write)."""
    factory: sessionmaker[Session] = request.app.state.read_sessionmaker
    with factory() as session:
        yield session


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_nlp(request: Request) -> Language:
    return request.app.state.nlp


def get_fetcher(request: Request) -> Callable[[str], FetchedPage]:
    return request.app.state.fetch


SessionDep = Annotated[Session, Depends(get_session)]
ReadSessionDep = Annotated[Session, Depends(get_read_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
NlpDep = Annotated[Language, Depends(get_nlp)]
FetcherDep = Annotated[Callable[[str], FetchedPage], Depends(get_fetcher)]



def path_id(what: str) -> Any:
    """The type of an id in a path, for the API's routes and the UI's alike: a whole number from 1 to
    MAX_ID (PostgreSQL's integer), so that a larger one is refused (422) the same way on every database
    and never reaches the driver (SQLite's cannot even bind a number past 2^63)."""
    return Annotated[int, Path(ge=1, le=MAX_ID, description=f"The {what}'s id.")]


ArticleId = path_id("article")
ClaimId = path_id("claim")
SourceId = path_id("source")
ReviewId = path_id("review")
KeyId = path_id("API key")

# the paging parameters of the lists
Cursor = Annotated[int | None, Query(ge=1, le=MAX_ID, description="`next_cursor` of the previous page.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (default {DEFAULT_LIMIT}).")]
