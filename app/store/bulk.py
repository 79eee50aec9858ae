"""Store many annotations at once: one transaction per batch, multi-row inserts for every table.

The guarantees of `app.services.ingest.store_annotation` hold for a batch:
- an article is stored whole or not at all: the batch is one transaction; when it fails as a whole (a
  deadlock, a constraint no check foresaw) it is rolled back and its articles are stored one by one, each
  in its own transaction, so that one bad article costs only itself;
- the same article twice is stored once: content hashes already stored, or repeated within the batch,
  are duplicates, and the articles' insert is `ON CONFLICT (content_hash) DO NOTHING`, so that an article
  a concurrent writer committed first is a duplicate too;
- named sources are one row across articles: they are found or created, and locked, by
  `ingest._lock_named` over the whole batch, in the order of their canonical keys;
- concurrent writers do not deadlock: each takes its locks in one global order, source keys first (all
  of them before any article row), then the articles' content hashes in sorted order (their unique index
  entries are what two writers of one article wait on).
Rows are written with multi-row INSERT ... RETURNING (SQLAlchemy's "insertmanyvalues": a few statements
per batch and table instead of one per row), on SQLite and PostgreSQL alike.

The batch's claims join stories in the same transaction (`cluster.cluster_articles`: one embedding batch,
one bucket look-up), giving the stories that storing the articles one by one gives; the stories lock it
takes is the last lock of the transaction. `cluster=False` (or `Settings.stories` off) leaves them out.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.schemas.annotation import Annotation
from app.core.config import get_settings
from app.core.db import dialect_insert
from app.services import ingest
from app.store.errors import InvalidInput
from app.store.models import Article, Claim, ClaimRelay, Mention, Source, SourceAlias
from app.store.naming import canonical_key, grouping_key, looks_like_name, name_key
from app.stories.cluster import cluster_articles


@dataclass(frozen=True)
class Entry:
    """An annotation to store, with how it was read and by which pipeline."""

    annotation: Annotation
    source_format: str = "text"
    pipeline_version: str = ""
    language: str | None = "en"


@dataclass(frozen=True)
class Stored:
    """What became of one entry: `stored` (a new article), `duplicate` (stored before, or earlier in the
    batch: `article_id` is that one) or `failed` (`reason` says why; nothing of it was stored)."""

    status: str
    article_id: int | None = None
    reason: str | None = None


Record = Callable[[Session, int, Stored], None]
"""Called with the entry's index and result in the transaction that stores it (a job's progress row)."""


def store_batch(session: Session, entries: Sequence[Entry], record: Record | None = None, *,
                cluster: bool | None = None) -> list[Stored]:
    """Store the entries and commit; one result per entry, in order. The session must hold no changes.
    `cluster`: put the new claims into stories (default: `Settings.stories`)."""
    if not entries:
        return []
    cluster = get_settings().stories if cluster is None else cluster
    try:
        results = _store_together(session, entries, cluster)
        if record is not None:
            for i, result in enumerate(results):
                record(session, i, result)
        session.commit()
        return results
    except (DBAPIError, InvalidInput):
        session.rollback()
    return [_store_alone(session, i, entry, record, cluster) for i, entry in enumerate(entries)]


def _store_alone(session: Session, index: int, entry: Entry, record: Record | None, cluster: bool) -> Stored:
    try:
        result = ingest.store_annotation(session, entry.annotation, source_format=entry.source_format,
                                         pipeline_version=entry.pipeline_version, language=entry.language,
                                         cluster=cluster)
        stored = Stored("stored" if result.created else "duplicate", result.article.id)
        if record is not None:
            record(session, index, stored)
        session.commit()
    except (DBAPIError, InvalidInput) as exc:
        session.rollback()
        stored = Stored("failed", reason=_reason(exc))
        if record is not None:
            record(session, index, stored)
            session.commit()
    return stored


def _store_together(session: Session, entries: Sequence[Entry], cluster: bool) -> list[Stored]:
    results: dict[int, Stored] = {}
    hashes = {}
    for i, entry in enumerate(entries):
        try:
            _check(entry.annotation)
        except InvalidInput as exc:
            results[i] = Stored("failed", reason=str(exc))
            continue
        hashes[i] = ingest.content_hash(entry.annotation.text, entry.annotation.publisher)
    known = dict(session.execute(select(Article.content_hash, Article.id)
                                 .where(Article.content_hash.in_(set(hashes.values())))).all()) if hashes else {}
    first: dict[str, int] = {}
    fresh: list[int] = []
    for i, chash in hashes.items():
        if chash in known:
            results[i] = Stored("duplicate", known[chash])
        elif chash in first:
            continue  # a repeat within the batch: resolved once the first is stored
        else:
            first[chash] = i
            fresh.append(i)

    named = _lock_named_sources(session, entries, fresh)
    article_ids = _insert_articles(session, entries, {i: hashes[i] for i in fresh})
    for i in fresh:
        if article_ids.get(hashes[i]) is None:  # a concurrent writer committed it first
            article_ids[hashes[i]] = session.scalar(select(Article.id).where(Article.content_hash == hashes[i]))
            results[i] = Stored("duplicate", article_ids[hashes[i]])
    stored = [i for i in fresh if i not in results]
    _insert_contents(session, entries, stored, {i: article_ids[hashes[i]] for i in stored}, named)
    if cluster:
        cluster_articles(session, [article_ids[hashes[i]] for i in stored])
    for i in stored:
        results[i] = Stored("stored", article_ids[hashes[i]])
    for i, chash in hashes.items():
        if i not in results:
            results[i] = Stored("duplicate", article_ids.get(chash, known.get(chash)))
    return [results[i] for i in range(len(entries))]


def _check(annotation: Annotation) -> None:
    ingest._check_offsets(annotation)
    ids = {s.id for s in annotation.sources}
    for c in annotation.claims:
        for ref in ([c.speaker.source] if c.speaker else []) + c.relay:
            if ref not in ids:
                raise InvalidInput(f"claim {c.id} refers to source {ref!r}, which the annotation does not list")


def _lock_named_sources(session: Session, entries: Sequence[Entry], fresh: Sequence[int]) -> dict[str, Source]:
    """"i/sid" (entry index / annotation source id) → the named source's row, found or created and locked
    in canonical-key order over the whole batch; descriptors and affiliations added, aliases inserted."""
    named = [src.model_copy(update={"id": f"{i}/{src.id}"})
             for i in fresh for src in entries[i].annotation.sources if not src.anonymous]
    named.sort(key=lambda s: canonical_key(ingest._type(s), ingest._stored_name(s)))
    rows = ingest._lock_named(session, named)
    for src in named:
        ingest._enrich(rows[src.id], src)
    session.flush()
    aliases: dict[tuple[int, str], dict] = {}
    for src in named:
        row = rows[src.id]
        own = name_key(row.name)
        for name in [src.name] + [m.text for m in src.mentions]:
            name = " ".join(name.split())
            key = name_key(name)
            if key != own and looks_like_name(name):
                aliases.setdefault((row.id, key[:500]), {"source_id": row.id, "alias": name[:500], "alias_key": key[:500]})
    if aliases:
        # sorted: two writers adding aliases of one source wait on its lock anyway, but stay in one order
        values = [aliases[k] for k in sorted(aliases)]
        session.execute(dialect_insert(session, SourceAlias).values(values)
                        .on_conflict_do_nothing(index_elements=["source_id", "alias_key"]))
    return rows


def _insert_articles(session: Session, entries: Sequence[Entry], hashes: dict[int, str]) -> dict[str, int]:
    """content hash → id of the articles inserted now (a hash another writer stored first is absent)."""
    if not hashes:
        return {}
    rows = []
    for i, chash in sorted(hashes.items(), key=lambda kv: kv[1]):
        entry, ann = entries[i], entries[i].annotation
        rows.append({"content_hash": chash, "text": ann.text, "publisher": ann.publisher, "url": ann.url,
                     "title": ann.title, "published": ingest._parse_date(ann.published), "language": entry.language,
                     "source_format": entry.source_format, "pipeline_version": entry.pipeline_version})
    stmt = (dialect_insert(session, Article).on_conflict_do_nothing(index_elements=["content_hash"])
            .returning(Article.content_hash, Article.id))
    return dict(session.connection().execute(stmt, rows).all())


def _insert_contents(session: Session, entries: Sequence[Entry], stored: Sequence[int], article_ids: dict[int, int],
                     named: dict[str, Source]) -> None:
    """The anonymous sources, mentions, claims and relay hops of the stored entries."""
    conn = session.connection()
    source_ids = {key: row.id for key, row in named.items()}
    anonymous: list[dict] = []  # rows to insert
    row_of: dict[str, int] = {}  # "i/sid" → index in `anonymous`
    groups: dict[tuple[int, str], int] = {}
    for i in stored:
        for src in entries[i].annotation.sources:
            if not src.anonymous:
                continue
            gkey = grouping_key(src.name, src.affiliation)
            n = groups.get((i, gkey))
            if n is None:  # two anonymous sources of one article with one description are one row
                n = groups[(i, gkey)] = len(anonymous)
                anonymous.append({"name": src.name, "type": ingest._type(src), "anonymous": True,
                                  "affiliation": src.affiliation, "descriptors": [], "grouping_key": gkey,
                                  "article_id": article_ids[i]})
            row = anonymous[n]
            row["descriptors"] += [d for d in src.descriptors if d not in row["descriptors"]]
            row["affiliation"] = row["affiliation"] or src.affiliation
            row_of[f"{i}/{src.id}"] = n
    if anonymous:
        ids = conn.execute(insert(Source).returning(Source.id, sort_by_parameter_order=True), anonymous).scalars().all()
        source_ids.update({key: ids[n] for key, n in row_of.items()})

    mentions, claims, hops = [], [], []
    for i in stored:
        ann, article_id = entries[i].annotation, article_ids[i]
        for src in ann.sources:
            mentions.extend({"source_id": source_ids[f"{i}/{src.id}"], "article_id": article_id, "start": m.start,
                             "end": m.end, "text": m.text} for m in src.mentions)
        for position, c in enumerate(ann.claims, 1):
            claims.append({
                "article_id": article_id, "position": position, "text": c.text, "start": c.start, "end": c.end,
                "kind": c.kind, "confidence": max(0.0, min(1.0, c.confidence)), "why": list(c.why), "origin": "engine",
                "review_status": "unreviewed",
                "cue_text": c.cue.text if c.cue else None, "cue_start": c.cue.start if c.cue else None,
                "cue_end": c.cue.end if c.cue else None,
                "speaker_source_id": source_ids[f"{i}/{c.speaker.source}"] if c.speaker else None,
                "speaker_text": c.speaker.text if c.speaker else None,
                "speaker_start": c.speaker.start if c.speaker else None,
                "speaker_end": c.speaker.end if c.speaker else None})
            hops.append([source_ids[f"{i}/{ref}"] for ref in c.relay])
    if mentions:
        conn.execute(insert(Mention), mentions)
    if claims:
        claim_ids = conn.execute(insert(Claim).returning(Claim.id, sort_by_parameter_order=True),
                                 claims).scalars().all()
        relays = [{"claim_id": claim_id, "position": n, "source_id": source_id}
                  for claim_id, chain in zip(claim_ids, hops, strict=True) for n, source_id in enumerate(chain)]
        if relays:
            conn.execute(insert(ClaimRelay), relays)


def _reason(exc: Exception) -> str:
    if isinstance(exc, DBAPIError):
        return f"the database refused the article: {str(exc.orig).splitlines()[0]}"
    return str(exc)
