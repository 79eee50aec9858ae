"""Ingest a corpus: items → text → annotation (in this process or in N worker processes) → store in batches.

    items ─► batches of `batch_size` ─► annotate_batch (a worker: prepare, skip known, annotate_many)
          ─► store_batch (one writer thread: one transaction per batch) ─► outcomes (progress, error report)

Every item ends as one `Outcome`: `stored`, `known` (its content hash was stored before: not annotated
again), `duplicate` (found stored once annotated, or repeated in the input) or `failed` with the reason.
A failure never stops the run. Workers are processes (spawned, each loading the spaCy pipeline once), so
that N cores annotate N batches at a time; the writer stores one batch while the next ones are annotated,
and puts its claims into stories in the same transaction (app/store/bulk.py).
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import select

from app.ingest.sources import Item
from app.store.bulk import Entry, store_batch

DEFAULT_BATCH = 32


@dataclass(frozen=True)
class Outcome:
    where: str
    status: str  # stored | known | duplicate | failed
    reason: str | None = None
    article_id: int | None = None


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("stored", "known", "duplicate", "failed"), 0))

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def failed(self) -> int:
        return self.counts["failed"]


@dataclass(frozen=True)
class Annotated:
    """A worker's result for one item: an entry to store, or the outcome it already has."""

    where: str
    entry: Entry | None = None
    outcome: Outcome | None = None


def prepare(item: Item) -> tuple[str, dict, str]:
    """The item's text, metadata and format ("text" | "html"); ValueError says why there is none."""
    from app.ingest.html import article_from_html
    from app.ingest.sources import iso_date

    if item.problem:
        raise ValueError(item.problem)
    meta = {k: item.meta.get(k) for k in ("publisher", "url", "title", "published")}
    if item.html is not None:
        page = article_from_html(item.html, url=meta["url"])
        detected = iso_date(page.published) if page.published else None
        for key, value in (("publisher", page.publisher), ("title", page.title), ("url", page.url),
                           ("published", detected)):
            meta[key] = meta[key] or value
        return page.text, meta, "html"
    if item.text is None:
        raise ValueError("the item has no text")
    return item.text, meta, "text"


def annotate_batch(items: list[Item], database_url: str | None = None) -> list[Annotated]:
    """Prepare and annotate a batch of items in this process (a worker's task). Items whose content hash
    is stored already are `known` and not annotated again."""
    from app.ingest.normalize import has_visible_text
    from app.nlp.pipeline import annotate_many, get_nlp
    from app.services.ingest import content_hash, pipeline_version

    nlp = get_nlp()
    version = pipeline_version(nlp)
    results: list[Annotated | None] = [None] * len(items)
    todo: list[tuple[int, str, dict, str]] = []
    for n, item in enumerate(items):
        try:
            text, meta, fmt = prepare(item)
            if not has_visible_text(text):
                raise ValueError("the article has no text")
        except ValueError as exc:
            results[n] = Annotated(item.where, outcome=Outcome(item.where, "failed", str(exc)))
            continue
        todo.append((n, text, meta, fmt))
    hashes = {n: content_hash(text, meta["publisher"] or expected_publisher(text, nlp)) for n, text, meta, _ in todo}
    known = _stored_hashes(list(hashes.values()), database_url)
    for n, _, _, _ in todo:
        if (article_id := known.get(hashes[n])) is not None:
            results[n] = Annotated(items[n].where, outcome=Outcome(items[n].where, "known", article_id=article_id))
    todo = [t for t in todo if results[t[0]] is None]
    while todo:
        stream = annotate_many(((text, meta) for _, text, meta, _ in todo), nlp=nlp)
        done = 0
        try:
            for (n, _, _, fmt), annotation in zip(todo, stream):
                results[n] = Annotated(items[n].where, entry=Entry(annotation, fmt, version, nlp.lang))
                done += 1
        except Exception:  # noqa: BLE001 - one article's failure is its own: found alone, reported, passed over
            n, text, meta, fmt = todo[done]
            try:
                annotation = next(annotate_many([(text, meta)], nlp=nlp))
                results[n] = Annotated(items[n].where, entry=Entry(annotation, fmt, version, nlp.lang))
            except Exception as exc:  # noqa: BLE001
                results[n] = Annotated(items[n].where, outcome=Outcome(items[n].where, "failed", _reason(exc)))
            done += 1
        todo = todo[done:]
    return [r for r in results if r is not None]


def expected_publisher(text: str, nlp) -> str | None:
    """The publisher the engine will find in a text given without one (app.nlp.pipeline.annotate_many does
    the same): with it the content hash is known before annotating, and a stored article is skipped."""
    from app.ingest.header import read_header
    from app.ingest.normalize import normalize
    from app.nlp.publisher import detect_publisher

    body = normalize(text)[read_header(text).body_start:]
    return detect_publisher(body, nlp.get_pipe("whosaid_relay").lexicon) or None


def _stored_hashes(hashes: list[str], database_url: str | None) -> dict[str, int]:
    if not hashes:
        return {}
    from app.store.models import Article

    with _read_sessions(database_url)() as session:
        return dict(session.execute(select(Article.content_hash, Article.id)
                                    .where(Article.content_hash.in_(hashes))).all())


def _read_sessions(database_url: str | None):
    from app.core.config import get_settings

    return _sessions(database_url or get_settings().database_url, read_only=True)


def _write_sessions(database_url: str | None):
    from app.core.config import get_settings

    return _sessions(database_url or get_settings().database_url, read_only=False)


@lru_cache(maxsize=8)
def _sessions(database_url: str, read_only: bool):
    """Sessions on the process's engine for `database_url` (one pool per process and database)."""
    from app.core.db import make_sessionmaker

    return make_sessionmaker(_engine(database_url), read_only=read_only)


@lru_cache(maxsize=4)
def _engine(database_url: str):
    from app.core.db import make_engine

    return make_engine(database_url)


def _load_pipeline() -> None:
    from app.nlp.pipeline import get_nlp

    get_nlp()


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _annotated_batches(items: Iterable[Item], workers: int, batch_size: int,
                       database_url: str | None) -> Iterator[list[Annotated]]:
    """Annotated batches in input order: here, or in `workers` processes with 2 batches each in flight."""
    if workers <= 1:
        for batch in _batches(items, batch_size):
            yield annotate_batch(batch, database_url)
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process that runs threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_load_pipeline) as pool:
        window: deque[Future[list[Annotated]]] = deque()
        for batch in _batches(items, batch_size):
            window.append(pool.submit(annotate_batch, batch, database_url))
            if len(window) >= workers * 2:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def ingest_corpus(items: Iterable[Item], *, workers: int = 1, batch_size: int = DEFAULT_BATCH,
                  database_url: str | None = None, on_outcome: Callable[[Outcome], None] | None = None,
                  cluster: bool | None = None) -> Summary:
    """Ingest every item (see the module docstring); `on_outcome` hears of each item as it is decided.
    `cluster`: the writer puts each batch's claims into stories (default: `Settings.stories`)."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    summary = Summary()

    def report(outcome: Outcome) -> None:
        summary.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="store") as writer:
        pending: deque[Future[list[Outcome]]] = deque()
        for annotated in _annotated_batches(items, workers, batch_size, database_url):
            pending.append(writer.submit(_store, annotated, database_url, cluster))
            while pending and (len(pending) > 2 or pending[0].done()):
                for outcome in pending.popleft().result():
                    report(outcome)
        while pending:
            for outcome in pending.popleft().result():
                report(outcome)
    return summary


def _store(annotated: list[Annotated], database_url: str | None, cluster: bool | None = None) -> list[Outcome]:
    entries = [a for a in annotated if a.entry is not None]
    with _write_sessions(database_url)() as session:
        stored = iter(store_batch(session, [a.entry for a in entries], cluster=cluster))
    outcomes = []
    for a in annotated:
        if a.outcome is not None:
            outcomes.append(a.outcome)
            continue
        result = next(stored)
        outcomes.append(Outcome(a.where, result.status, result.reason, result.article_id))
    return outcomes


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__
