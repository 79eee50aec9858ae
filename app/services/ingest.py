"""Ingest: article text → engine → store, in one transaction; re-annotation that keeps analysts' work.

Identity of an article: `content_hash` = SHA-256 of the publisher (case-folded, spaces collapsed; empty when
unknown) and the text with Unicode NFC normalization and every run of whitespace collapsed to one space.
- Whitespace-only differences (re-wrapped paragraphs, trailing newlines, CRLF) are the same article.
- The same wire text published by two outlets is two articles: each has its own relay chains (the
  publisher is their last hop), and an analyst reviews each publication.
- The publisher is the one the article is stored with: the one given, or else the one the engine detects
  in the text ("reports UNN"), so ingesting a text with and without `publisher=` finds the same article
  when the engine detects that publisher.
URL, title and date do not enter the hash: the same text under another URL is the same article.
"""
from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib.metadata import PackageNotFoundError, version

from spacy.language import Language
from sqlalchemy import delete, exists, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.config import get_settings
from app.ingest.normalize import has_visible_text
from app.nlp.lexicon import default_lexicon
from app.schemas.annotation import Annotation
from app.schemas.annotation import Source as SourceIn
from app.store import repository
from app.store.errors import InvalidInput, NotFound
from app.store.models import SOURCE_TYPES, Article, Claim, ClaimRelay, Mention, Review, Source, SourceAlias
from app.store.naming import canonical_key, grouping_key, looks_like_name, name_key
from app.stories.cluster import cluster_article, lock_stories


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


@dataclass(frozen=True)
class ReannotateResult:
    article: Article
    kept: int      # claims an analyst reviewed, corrected or created: untouched
    replaced: int  # unreviewed engine claims that were dropped
    added: int     # claims of the new annotation that were stored


def content_hash(text: str, publisher: str | None) -> str:
    """The article's identity (see the module docstring)."""
    body = " ".join(unicodedata.normalize("NFC", text).split())
    outlet = " ".join((publisher or "").split()).casefold()
    return hashlib.sha256(f"{outlet}\n{body}".encode()).hexdigest()


def pipeline_version(nlp: Language) -> str:
    """whosaid's version and the spaCy pipeline's, stored with every article it annotated."""
    try:
        ours = version("whosaid")
    except PackageNotFoundError:  # running from a source tree
        from app import __version__ as ours
    meta = nlp.meta
    return f"whosaid {ours}; {meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')} {meta.get('version', '?')}"


def ingest_article(session: Session, text: str, *, publisher: str | None = None, url: str | None = None,
                   title: str | None = None, published: str | date | None = None, source_format: str = "text",
                   nlp: Language | None = None, deadline: float | None = None) -> IngestResult:
    """Annotate an article and store it with its claims and sources, committing once at the end.

    The same article again (see `content_hash`) returns the stored one with `created=False` and stores
    nothing. Any failure (the engine, the database) rolls everything back. The session must hold no
    uncommitted changes of its own: they would be committed, or rolled back, with the ingest. Returns the
    article with its claims and sources loaded (as `repository.get_article`). Past `deadline` (a
    `time.monotonic()` value) the engine stops with `TooCostly` and nothing is stored.
    """
    from app.nlp.pipeline import annotate, get_nlp

    if not isinstance(text, str) or not has_visible_text(text):
        raise InvalidInput("the article has no text")
    published_iso = _iso_date(published)
    try:
        if publisher and (existing := _article_by_hash(session, content_hash(text, publisher))) is not None:
            return IngestResult(repository.get_article(existing, session=session), created=False)
        # parse outside any transaction: no locks or idle connection held while spaCy works
        session.commit()
        nlp = nlp or get_nlp()
        annotation = annotate(text, publisher=publisher, published=published_iso, title=title, url=url, nlp=nlp,
                              deadline=deadline)
        result = store_annotation(session, annotation, source_format=source_format,
                                  pipeline_version=pipeline_version(nlp), language=nlp.lang)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return IngestResult(repository.get_article(result.article.id, session=session), created=result.created)


def ingest_html(session: Session, html: str | bytes, *, url: str | None = None, publisher: str | None = None,
                title: str | None = None, published: str | date | None = None,
                nlp: Language | None = None, deadline: float | None = None) -> IngestResult:
    """An HTML page: its main text is extracted (app.ingest.html) and ingested; metadata given here wins
    over what the page says. Offsets refer to the extracted text, which is what is stored."""
    from app.ingest.html import article_from_html

    page = article_from_html(html, url=url)
    detected = page.published if _parse_date(page.published) else None
    return ingest_article(session, page.text, publisher=publisher or page.publisher, url=url or page.url,
                          title=title or page.title, published=published or detected, source_format="html",
                          nlp=nlp, deadline=deadline)


def store_annotation(session: Session, annotation: Annotation, *, source_format: str = "text",
                     pipeline_version: str, language: str | None = "en", cluster: bool | None = None) -> IngestResult:
    """Store an annotation (the contract of app/schemas/annotation.py) as a new article; flushes, never commits.
    `cluster`: put its claims into stories (default: `Settings.stories`).

    When an article with the same content hash exists (stored earlier, or concurrently by another
    transaction that committed first), that one is returned with `created=False`.
    """
    chash = content_hash(annotation.text, annotation.publisher)
    if (existing := _article_by_hash(session, chash)) is not None:
        return IngestResult(session.get_one(Article, existing), created=False)
    _check_offsets(annotation)
    article = Article(content_hash=chash, text=annotation.text, publisher=annotation.publisher, url=annotation.url,
                      title=annotation.title, published=_parse_date(annotation.published), language=language,
                      source_format=source_format, pipeline_version=pipeline_version)
    try:
        # the unique content_hash decides between two concurrent ingests of one article: the second
        # waits for the first to commit, fails here, and returns the first one's row
        with session.begin_nested():
            session.add(article)
            session.flush()
    except IntegrityError:
        if (existing := _article_by_hash(session, chash)) is None:
            raise
        return IngestResult(session.get_one(Article, existing), created=False)
    _store_claims(session, article, annotation, cluster=cluster)
    session.flush()
    return IngestResult(article, created=True)


def reannotate_article(session: Session, article_id: int, nlp: Language | None = None) -> ReannotateResult:
    """Annotate a stored article again (a newer pipeline) and commit; analysts' work is kept.

    Engine claims nobody reviewed are replaced by the new annotation's claims. Claims that were accepted,
    rejected, corrected or created by an analyst stay as they are, with their history; a new claim that
    overlaps one of them is dropped (the analyst already decided about that stretch of text).
    """
    from app.nlp.pipeline import annotate, get_nlp

    try:
        article = session.get(Article, article_id)
        if article is None:
            raise NotFound(f"article {article_id} does not exist")
        meta = {"publisher": article.publisher, "title": article.title, "url": article.url,
                "published": article.published.isoformat() if article.published else None}
        session.commit()  # parse outside any transaction, as ingest_article does
        nlp = nlp or get_nlp()
        annotation = annotate(article.text, nlp=nlp, **meta)
        article = session.get(Article, article_id, with_for_update=True)  # and nobody else re-annotates now
        if article is None:
            raise NotFound(f"article {article_id} was deleted while it was being annotated")
        reviewed = exists().where(Review.claim_id == Claim.id)
        kept = session.scalars(select(Claim).where(
            Claim.article_id == article.id,
            or_(Claim.origin == "analyst", Claim.review_status != "unreviewed", reviewed))).all()
        # locks in the writers' order: sources, then stories, then the deletes, whose cascade takes the
        # story rows of the replaced claims; a writer renaming that story holds the stories lock
        sources = _store_sources(session, article, annotation.sources)
        clustering = get_settings().stories
        if clustering:
            lock_stories(session)
        replaced = session.execute(delete(Claim).where(
            Claim.article_id == article.id, Claim.id.not_in([c.id for c in kept]))).rowcount
        session.execute(delete(Mention).where(Mention.article_id == article.id))
        added = _store_claims(session, article, annotation, keep=[(c.start, c.end) for c in kept],
                              cluster=clustering, sources=sources)
        session.flush()
        repository.renumber_claims(article.id, session=session)
        _drop_unused_anonymous(session, article.id)
        article.pipeline_version = pipeline_version(nlp)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return ReannotateResult(repository.get_article(article.id, session=session), kept=len(kept),
                            replaced=replaced, added=added)


def _store_claims(session: Session, article: Article, annotation: Annotation,
                  keep: Sequence[tuple[int, int]] = (), cluster: bool | None = None,
                  sources: dict[str, Source] | None = None) -> int:
    """Sources (unless stored already: `sources`), mentions, claims and relays of an annotation; returns
    how many claims were added."""
    stored = _store_sources(session, article, annotation.sources) if sources is None else sources
    session.add_all(Mention(source_id=stored[s.id].id, article_id=article.id, start=m.start, end=m.end, text=m.text)
                    for s in annotation.sources for m in s.mentions)
    position = len(keep)
    added = 0
    for c in annotation.claims:
        if any(c.start < end and start < c.end for start, end in keep):
            continue
        for ref in ([c.speaker.source] if c.speaker else []) + c.relay:
            if ref not in stored:
                raise InvalidInput(f"claim {c.id} refers to source {ref!r}, which the annotation does not list")
        position += 1
        added += 1
        claim = Claim(article_id=article.id, position=position, text=c.text, start=c.start, end=c.end, kind=c.kind,
                      confidence=max(0.0, min(1.0, c.confidence)), why=list(c.why), origin="engine",
                      review_status="unreviewed")
        if c.cue is not None:
            claim.cue_text, claim.cue_start, claim.cue_end = c.cue.text, c.cue.start, c.cue.end
        if c.speaker is not None:
            claim.speaker_source_id = stored[c.speaker.source].id
            claim.speaker_text, claim.speaker_start, claim.speaker_end = c.speaker.text, c.speaker.start, c.speaker.end
        claim.relays = [ClaimRelay(position=i, source_id=stored[ref].id) for i, ref in enumerate(c.relay)]
        session.add(claim)
    if get_settings().stories if cluster is None else cluster:
        # the one place claims join stories (app/stories/cluster.py): every stored claim, ingest or re-annotation
        session.flush()
        cluster_article(session, article.id)
    return added


def _store_sources(session: Session, article: Article, sources: Iterable[SourceIn]) -> dict[str, Source]:
    """Annotation source id → stored source. Named sources are found or created globally and locked (see
    `_lock_named`); anonymous ones belong to the article (re-annotation reuses them by grouping key)."""
    stored: dict[str, Source] = {}
    sources = list(sources)
    named = sorted((s for s in sources if not s.anonymous), key=lambda s: canonical_key(_type(s), _stored_name(s)))
    stored.update(_lock_named(session, named))
    for src in named:
        _enrich(stored[src.id], src)
    existing_anonymous = {s.grouping_key: s for s in session.scalars(
        select(Source).where(Source.article_id == article.id, Source.merged_into_id.is_(None)))}
    for src in sources:
        if not src.anonymous:
            continue
        gkey = grouping_key(src.name, src.affiliation)
        row = existing_anonymous.get(gkey)
        if row is None:
            row = Source(name=src.name, type=_type(src), anonymous=True, affiliation=src.affiliation,
                         descriptors=list(src.descriptors), grouping_key=gkey, article_id=article.id)
            session.add(row)
            existing_anonymous[gkey] = row
        else:
            _enrich(row, src)
        stored[src.id] = row
    session.flush()
    for src in named:
        _add_aliases(session, stored[src.id], [src.name] + [m.text for m in src.mentions])
    return stored


def _lock_named(session: Session, named: Sequence[SourceIn]) -> dict[str, Source]:
    """Annotation source id → the named source it is (found by canonical key or alias, merges followed; or
    created), locked FOR NO KEY UPDATE until the transaction ends. `named` is sorted by canonical key.

    Deadlock-free between concurrent ingests: first, without locks, every name is resolved to the canonical
    key of the row it will be (an existing source's, or its own for a source to create); then the rows are
    locked, or created, in the order of those keys (repository.lock_named_source), whichever path finds them (the key, an alias, a merge,
    the insert that lost a race to another transaction). Creating a row is taking it: an insert of a key
    another transaction inserted waits for that one, as a lock would. FOR NO KEY UPDATE, not FOR UPDATE:
    the foreign-key checks of the claims, relays, mentions and aliases inserted afterwards take KEY SHARE
    locks on these rows, which FOR UPDATE would block (a transaction holding one source would wait for
    another's lock on a source it found unlocked) and FOR NO KEY UPDATE does not. The lock also orders
    `_enrich`'s updates (no lost descriptor) and waits for a merge of the source being committed.
    Only a merge committed between the two steps makes a row be locked out of order (its target, after the
    source's own): rare, and app/api/routes/articles.py retries an ingest that a deadlock rolled back.
    """
    target: dict[str, str] = {}          # annotation source id → canonical key of its row
    to_create: dict[str, SourceIn] = {}  # canonical key → the source a new row is made from
    for src in named:
        stype = _type(src)
        key = canonical_key(stype, _stored_name(src))
        found = _key_of_existing(session, key) if key not in to_create else key
        if found is None:
            found = _by_alias(session, stype, name_key(src.name), pending=to_create.keys())
        if found is None:
            found = key
            to_create[key] = src
        target[src.id] = found
    rows: dict[str, Source] = {}
    for key in sorted(set(target.values())):
        new = _new_named(key, to_create[key]) if key in to_create else None
        rows[key] = repository.lock_named_source(session, key, new)
    return {sid: rows[key] for sid, key in target.items()}


def _key_of_existing(session: Session, key: str) -> str | None:
    """The canonical key of the source stored under `key`, or of the one it was merged into (no locks; a
    loop of merges is read as repository.follow_merges reads it)."""
    columns = (Source.id, Source.merged_into_id, Source.canonical_key)
    row = session.execute(select(*columns).where(Source.canonical_key == key)).first()
    if row is None:
        return None
    row = repository.follow_merges(row, lambda source_id: session.execute(
        select(*columns).where(Source.id == source_id)).first())
    return row.canonical_key


def _new_named(key: str, src: SourceIn) -> Source:
    """The unsaved row of a named source the engine found, stored under canonical key `key`."""
    return Source(name=_stored_name(src), type=_type(src), anonymous=False, affiliation=src.affiliation,
                  descriptors=list(src.descriptors), canonical_key=key)


def _by_alias(session: Session, stype: str, key: str, pending: Collection[str] = ()) -> str | None:
    """The canonical key of a named source known under this name ('Dmitriev' seen as a mention of 'Kirill
    Dmitriev'), when the name points to exactly one; a source of unknown type also matches a typed source
    of the same name, stored or about to be created (`pending` keys). No locks."""
    alias_owner = select(SourceAlias.source_id).where(SourceAlias.alias_key == key)
    conditions = [Source.id.in_(alias_owner)]
    typed = [f"{t}:{key}" for t in SOURCE_TYPES]
    if stype == "unknown":
        conditions.append(Source.canonical_key.in_(typed))
    stmt = select(Source.canonical_key).where(or_(*conditions), Source.anonymous.is_(False),
                                              Source.merged_into_id.is_(None))
    if stype != "unknown":
        stmt = stmt.where(Source.type == stype)
    found = set(session.scalars(stmt.limit(2)).all())
    if stype == "unknown":
        found |= {k for k in typed if k in pending}
    return found.pop() if len(found) == 1 else None


def _enrich(row: Source, src: SourceIn) -> None:
    new = [d for d in src.descriptors if d not in row.descriptors]
    if new:
        row.descriptors = [*row.descriptors, *new]  # a new list: JSON columns track assignment, not mutation
    if row.affiliation is None and src.affiliation:
        row.affiliation = src.affiliation


def _add_aliases(session: Session, row: Source, names: Iterable[str]) -> None:
    own = name_key(row.name)
    values, seen = [], {own}
    for name in names:
        name = " ".join(name.split())
        key = name_key(name)
        if key in seen or not looks_like_name(name):
            continue
        seen.add(key)
        values.append({"source_id": row.id, "alias": name[:500], "alias_key": key[:500]})
    if not values:
        return
    # ON CONFLICT DO NOTHING: a concurrent ingest may add the same alias
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(SourceAlias).values(values).on_conflict_do_nothing(
        index_elements=["source_id", "alias_key"]))


def _drop_unused_anonymous(session: Session, article_id: int) -> None:
    used = or_(exists().where(Claim.speaker_source_id == Source.id),
               exists().where(ClaimRelay.source_id == Source.id),
               exists().where(Mention.source_id == Source.id))
    session.execute(delete(Source).where(Source.article_id == article_id, Source.merged_into_id.is_(None), ~used))


def _article_by_hash(session: Session, chash: str) -> int | None:
    return session.scalar(select(Article.id).where(Article.content_hash == chash))


def _type(src: SourceIn) -> str:
    return src.type if src.type in SOURCE_TYPES else "unknown"


def _stored_name(src: SourceIn) -> str:
    """The name a named source is stored under. The engine names an outlet as its article writes it
    ("AFP"); the store keeps one row per outlet across articles under the lexicon's canonical name
    ("Agence France-Presse"), the article's form becoming an alias."""
    if _type(src) == "outlet":
        return default_lexicon().canonical_outlet(src.name) or src.name
    return src.name


def _check_offsets(annotation: Annotation) -> None:
    text = annotation.text
    for c in annotation.claims:
        spans = [("claim", c.text, c.start, c.end)]
        if c.cue is not None:
            spans.append(("cue", c.cue.text, c.cue.start, c.cue.end))
        if c.speaker is not None:
            spans.append(("speaker", c.speaker.text, c.speaker.start, c.speaker.end))
        for what, value, start, end in spans:
            if not (0 <= start < end <= len(text)) or text[start:end] != value:
                raise InvalidInput(f"claim {c.id}: the {what} {value!r} is not text[{start}:{end}]")


def _iso_date(value: str | date | None) -> str | None:
    if value is None or isinstance(value, date):
        return value.isoformat() if value else None
    if _parse_date(value) is None:
        raise InvalidInput(f"published must be a date (YYYY-MM-DD), not {value!r}")
    return value


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
