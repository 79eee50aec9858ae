"""The unit of work of a job: a few items, fetched (URLs), annotated and stored, each item's row written
in the transaction that decides it. Run by a Celery task or by the service's own pool, any number of
times: items with a row are passed over, and the content hash makes a second store of an article a no-op."""
from __future__ import annotations

from dataclasses import asdict, replace
from urllib.parse import urlsplit

from sqlalchemy.exc import DBAPIError

from app.ingest.sources import Item
from app.jobs import records
from app.jobs.hosts import FetchSlotUnavailable, SharedHostGate


def item_data(item: Item) -> dict:
    """An item as JSON-able data (a task's argument)."""
    return {k: v for k, v in asdict(item).items() if v not in (None, {})}


def run_items(job_id: str, first_seq: int, items: list[dict], database_url: str | None = None) -> int:
    """Ingest items `first_seq`, `first_seq + 1`, ... of the job; returns how many were decided now."""
    from app.ingest.corpus import _write_sessions, annotate_batch
    from app.store.bulk import store_batch

    sessions = _write_sessions(database_url)
    seqs = list(range(first_seq, first_seq + len(items)))
    with sessions() as session:
        done = records.decided(session, job_id, seqs)
    gate = _host_gate(sessions)
    todo = [(seq, _fetched(Item(**data), gate)) for seq, data in zip(seqs, items, strict=True) if seq not in done]
    if not todo:
        return 0
    try:
        annotated = annotate_batch([item for _, item in todo], database_url)
    except Exception as exc:  # noqa: BLE001 - an engine failure is every item's error, recorded, never lost
        with sessions() as session:
            for seq, item in todo:
                records.record_item(session, job_id, seq, item.where, "failed", reason=f"internal error: {exc}")
            session.commit()
        return len(todo)
    with sessions() as session:
        for (seq, item), result in zip(todo, annotated, strict=True):
            if result.outcome is not None:
                o = result.outcome
                records.record_item(session, job_id, seq, item.where, o.status, reason=o.reason,
                                    article_id=o.article_id)
        session.commit()
        to_store = [(seq, item, r.entry) for (seq, item), r in zip(todo, annotated, strict=True) if r.entry]

        def record(s, index: int, stored) -> None:
            seq, item, _ = to_store[index]
            records.record_item(s, job_id, seq, item.where, stored.status, reason=stored.reason,
                                article_id=stored.article_id)

        try:
            store_batch(session, [entry for _, _, entry in to_store], record=record)
        except DBAPIError:
            raise  # the database is away: the task is retried, nothing of it was committed
        except Exception as exc:  # noqa: BLE001 - recorded as the items' error, never lost
            session.rollback()
            for seq, item, _ in to_store:
                records.record_item(session, job_id, seq, item.where, "failed", reason=f"internal error: {exc}")
            session.commit()
    return len(todo)


def _host_gate(sessions) -> SharedHostGate:
    from app.core.config import get_settings

    settings = get_settings()
    # a request (connecting, then reading the answer) ends within 2 x fetch_timeout, and each request of a
    # fetch renews the lease: a slot of a worker that died is free again soon after
    return SharedHostGate(sessions, per_host=settings.fetch_per_host, delay=settings.fetch_delay,
                          lease=2 * settings.fetch_timeout + 5)


def _fetched(item: Item, gate: SharedHostGate) -> Item:
    """A URL item with its page (or the reason there is none), fetched politely; other items as they are."""
    if not item.fetch or item.problem:
        return item
    from app.core.config import get_settings
    from app.fetch import FetchError, fetch_page

    settings = get_settings()
    try:
        with gate.slot(urlsplit(item.fetch).hostname or "") as lease:  # redirects renew the lease
            page = fetch_page(item.fetch, timeout=settings.fetch_timeout, max_bytes=settings.fetch_max_bytes,
                              allow_private=settings.fetch_private_addresses,
                              on_request=lambda _url: gate.renew(lease))
    except (FetchError, FetchSlotUnavailable) as exc:
        return replace(item, problem=str(exc))
    meta = {**item.meta, "url": page.url}
    return replace(item, html=page.text, meta=meta) if page.is_html else replace(item, text=page.text, meta=meta)
