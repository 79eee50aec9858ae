"""Clustering claims into stories as they are stored: the one hook ingest calls (`cluster_article`).

For each new claim of an article, in id order: its fingerprint and buckets are stored, the claims that
share a bucket with it and whose day is within `stories_window_days` of its own are its candidates (an
indexed look-up, never a scan of the store), each candidate pair is decided by `signals.decide` (a
symmetric function of the two claims), and a positive pair is a link. Stories are the connected
components of the active links (union-find kept in `story_members`), each named by its smallest claim id;
since the decisions, the buckets and the window do not depend on what else is stored, the same articles in
any order give the same stories.

The window (`near`) is what keeps a claim's candidates from growing with the store: a bucket holds a fixed
share of all stored claims, but only the claims of a few weeks are its candidates, as in topic detection
and tracking. A claim's day is its article's published date; an article without one could be of any
date, so its claims are candidates of every claim (as without a window).

An analyst's split marks the links across it 'cut'; a later claim that links to both sides then joins the
side it matches best, and its links to the other side are stored cut, so the split stands.

Bulk ingest stores many articles in one transaction and clusters them with one call (`cluster_articles`):
one embedding batch and one bucket look-up for all their claims, then the same claim-by-claim linking, so
a batch gives the stories its articles stored one by one give. Concurrent writers cluster one at a time
(`lock_stories`): a claim must see every claim committed before it, and two writers renaming one story
would otherwise leave its members split between two ids.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

import numpy as np
from sqlalchemy import Integer, String, any_, bindparam, exists, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, aliased

from app.core.config import get_settings
from app.store.models import Article, Claim, Source
from app.stories.models import ClaimBucket, ClaimFingerprint, ClaimLink, StoryMember
from app.stories.signals import Fingerprint, decide, fingerprints
from app.stories.speakers import Speaker


STORIES_LOCK = 0x77686F7361696431
"""PostgreSQL advisory lock key ("whosaid1") held by a transaction while it clusters, until it ends."""
_IN_CHUNK = 5000  # values per IN list: far below SQLite's and PostgreSQL's limits on bound parameters
_EPOCH = date(1970, 1, 1)

class FingerprintCache:
    """The fingerprints a process has read or written, by claim id, for one PostgreSQL table at a time;
    the least recently used go first once `size` are kept.

    A fingerprint never changes once it is stored, and PostgreSQL never hands out a claim id twice (the
    column's sequence), so within one table a claim id names one fingerprint for good; a deleted claim's
    buckets go with it, so no look-up asks for it again. The key of the table (`lock_stories`: the
    database's address, the server's start time and the table's file node, which a DROP and CREATE or a
    TRUNCATE changes) is checked on every call, under the stories lock, and the cache is emptied when it
    changes. SQLite is not cached: it hands out a deleted largest rowid again, and reads its own file in
    microseconds."""

    def __init__(self, size: int | None = None) -> None:
        self.size = size  # None: the setting's (`Settings.stories_cache`), read when the cache fills
        self._key: tuple | None = None
        self._prints: OrderedDict[int, Fingerprint] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._prints)

    def bind(self, key: tuple | None) -> None:
        """Serve the table `key` names from now on (None: no table, nothing is kept)."""
        with self._lock:
            if key != self._key:
                self._prints.clear()
                self._key = key

    def take(self, claim_ids: Iterable[int]) -> tuple[dict[int, Fingerprint], list[int]]:
        """The fingerprints kept for these claims, and the claims not kept."""
        found, missing = {}, []
        with self._lock:
            for claim_id in claim_ids:
                if (fp := self._prints.get(claim_id)) is None:
                    missing.append(claim_id)
                else:
                    self._prints.move_to_end(claim_id)
                    found[claim_id] = fp
        return found, missing

    def keep(self, prints: dict[int, Fingerprint]) -> None:
        with self._lock:
            if self._key is None:
                return
            for claim_id, fp in prints.items():
                self._prints[claim_id] = fp
                self._prints.move_to_end(claim_id)
            limit = get_settings().stories_cache if self.size is None else self.size
            while len(self._prints) > limit:
                self._prints.popitem(last=False)


CACHE = FingerprintCache()


def cluster_article(session: Session, article_id: int) -> int:
    """Fingerprint, index and link the article's claims that are not in a story yet; returns how many."""
    return cluster_articles(session, [article_id])


def cluster_articles(session: Session, article_ids: Iterable[int]) -> int:
    """Fingerprint, index and link the claims of these articles that are not in a story yet; returns how
    many. Takes the stories lock (`lock_stories`) once the claims are embedded, so call it after the
    transaction's other writes: the lock is held while candidates are looked up and links written, and no
    writer waits on another's embedding.

    The claims are embedded in one batch and one look-up finds the candidates of all of them; they are
    then added in id order, each linked to the stored candidates and to the claims added before it. Which
    pairs are decided does not depend on how the articles were grouped: two claims are compared when they
    share a bucket, whichever was stored first."""
    with _index_scans(session):
        return _cluster_articles(session, article_ids)


@contextmanager
def _index_scans(session: Session) -> Iterator[None]:
    """On PostgreSQL, clustering's look-ups use their indexes whatever the planner's statistics say. Where
    the tables were never analyzed (autovacuum off, or a store filled faster than it runs), the planner
    took the buckets' IN list for a large share of the table and scanned all of it: the writer's time
    grew with the store (21 ms of 36 per article after 1,000 Reuters stories, 98-103 ms after 5,000). Set
    for this transaction only, and put back after."""
    postgres = _postgres(session)
    if postgres:
        session.execute(text("SET LOCAL enable_seqscan = off"))
    yield
    if postgres:  # (after an error the transaction rolls back, and the setting with it)
        session.execute(text("SET LOCAL enable_seqscan TO DEFAULT"))


def _cluster_articles(session: Session, article_ids: Iterable[int]) -> int:
    """`cluster_articles` inside `_index_scans`."""
    ids = sorted(set(article_ids))
    if not ids:
        return 0
    claims = _unclustered(session, ids)
    if not claims:
        return 0
    speakers = _speakers(session, claims)
    prints = dict(zip((c.id for c in claims), fingerprints(
        [c.text for c in claims], [speakers.get(c.speaker_source_id, Speaker(None)) for c in claims])))
    CACHE.bind(lock_stories(session))  # after the embedding: held for look-ups and inserts, not the model
    if len(now := _unclustered(session, ids)) < len(claims):  # another writer clustered some meanwhile
        claims, prints = now, {c.id: prints[c.id] for c in now}
        if not claims:
            return 0
    buckets = {claim_id: fp.buckets() for claim_id, fp in prints.items()}
    window = get_settings().stories_window_days or None
    article_days = _article_days(session, ids)
    day = {c.id: article_days[c.article_id] for c in claims}
    stored_buckets = _stored_buckets(session, buckets, day, window)
    known, missing = CACHE.take(sorted({c for members in stored_buckets.values() for c, _ in members}))
    known.update(loaded := load_fingerprints(session, missing))
    CACHE.keep(loaded)
    session.execute(insert(ClaimFingerprint), [
        {"claim_id": claim_id, "speaker": fp.speaker.to_json(), "words": sorted(fp.words),
         "minhash": fp.minhash.astype(np.uint64).tobytes(), "embedding": fp.embedding.astype(np.float32).tobytes()}
        for claim_id, fp in prints.items()])
    _insert_buckets(session, [(b, claim_id, day[claim_id]) for claim_id, bs in buckets.items() for b in bs])
    ledger = StoryLedger(session, sorted(known))
    for claim_id, fp in prints.items():
        candidates = {other for b in buckets[claim_id] for other, other_day in stored_buckets.get(b, ())
                      if near(day[claim_id], other_day, window)}
        ledger.join(claim_id, {other: score for other in sorted(candidates)
                               if (score := decide(fp, known[other])) is not None})
        known[claim_id] = fp
        for b in buckets[claim_id]:
            stored_buckets.setdefault(b, []).append((claim_id, day[claim_id]))
    ledger.write()
    session.flush()
    CACHE.keep(prints)  # should the transaction roll back, PostgreSQL never gives these ids to other claims
    return len(claims)


def cluster_pending(sessions: Callable[[], Session], *, batch: int = 32,
                    on_batch: Callable[[int], None] | None = None) -> int:
    """Put the stored claims that are in no story into stories (after `whosaid ingest --no-cluster`),
    `batch` articles per transaction in id order; returns how many claims. Links do not depend on the
    order claims are clustered in, so the stories are those clustering at ingest would have made.
    `on_batch` hears the running count after each transaction."""
    total, after = 0, 0
    while True:
        with sessions() as session:
            ids = list(session.scalars(
                select(Claim.article_id).distinct()
                .where(Claim.article_id > after, ~exists().where(StoryMember.claim_id == Claim.id))
                .order_by(Claim.article_id).limit(batch)))
            if not ids:
                return total
            total += cluster_articles(session, ids)
            session.commit()
        after = ids[-1]
        if on_batch is not None:
            on_batch(total)


def lock_stories(session: Session) -> tuple | None:
    """Make concurrent writers cluster one at a time, until this transaction ends (PostgreSQL); returns
    the key of the fingerprints' table that `FingerprintCache` checks (None on SQLite), read in the same
    round trip.

    A claim is linked to the claims it can see; a writer clustering beside another would see none of the
    other's claims, and two writers joining one story would each rename part of it. Writers take this lock
    last, after their source and article locks (app/store/bulk.py), and wait for nothing while they hold
    it, so it adds no deadlock. SQLite needs nothing: its writers hold the database lock from BEGIN."""
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return None
    row = session.execute(text(
        "SELECT pg_advisory_xact_lock(:key), pg_postmaster_start_time(), pg_relation_filenode(:table)"),
        {"key": STORIES_LOCK, "table": ClaimFingerprint.__table__.fullname}).one()
    return (getattr(bind, "engine", bind).url.render_as_string(hide_password=True), row[1], row[2])


def _unclustered(session: Session, article_ids: list[int]) -> list[Claim]:
    """The articles' claims in no story yet, in id order."""
    claims = [c for chunk in _chunks(article_ids) for c in session.scalars(
        select(Claim).where(_among(session, Claim.article_id, chunk), ~exists().where(StoryMember.claim_id == Claim.id)))]
    return sorted(claims, key=lambda c: c.id)


def _among(session: Session, column, values: Sequence, type_=Integer):
    """`column IN values`: on PostgreSQL one array parameter (`= ANY`), which psycopg sends as it is; an
    IN list of thousands of parameters was rewritten for every statement (milliseconds each)."""
    if _postgres(session):
        return column == any_(bindparam("values", list(values), type_=ARRAY(type_), unique=True))
    return column.in_(values)


def _chunks(values: Sequence) -> Iterator[Sequence]:
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start:start + _IN_CHUNK]


def _speakers(session: Session, claims: list[Claim]) -> dict[int, Speaker]:
    ids = {c.speaker_source_id for c in claims if c.speaker_source_id is not None}
    rows = session.scalars(select(Source).where(Source.id.in_(ids))).all() if ids else []
    return {s.id: Speaker(type=s.type, name=s.name, descriptors=tuple(s.descriptors or ()),
                          affiliation=s.affiliation, source_id=s.id) for s in rows}


def load_fingerprints(session: Session, claim_ids) -> dict[int, Fingerprint]:
    ids = list(claim_ids)
    if not ids:
        return {}
    rows = [r for chunk in _chunks(ids) for r in session.execute(
        select(ClaimFingerprint.claim_id, ClaimFingerprint.words, ClaimFingerprint.minhash,
               ClaimFingerprint.embedding, ClaimFingerprint.speaker).where(_among(session, ClaimFingerprint.claim_id, chunk)))]
    return {r.claim_id: Fingerprint(words=frozenset(r.words), minhash=np.frombuffer(r.minhash, dtype=np.uint64),
                                    embedding=np.frombuffer(r.embedding, dtype=np.float32),
                                    speaker=Speaker.from_json(r.speaker)) for r in rows}


def claim_day(published: date | None) -> int | None:
    """A claim's day for the window: its article's published date as days since 1970-01-01 (None: undated)."""
    return None if published is None else (published - _EPOCH).days


def near(day: int | None, other: int | None, window: int | None) -> bool:
    """Whether two claims' days allow them to be candidates: within `window` days of each other, or either
    undated (its date could be any), or no window (None). Symmetric, so stories do not depend on order."""
    return window is None or day is None or other is None or abs(day - other) <= window


def _article_days(session: Session, article_ids: list[int]) -> dict[int, int | None]:
    return {article_id: claim_day(published) for chunk in _chunks(article_ids) for article_id, published in
            session.execute(select(Article.id, Article.published).where(_among(session, Article.id, chunk)))}


def _stored_buckets(session: Session, buckets: dict[int, list[str]], day: dict[int, int | None],
                    window: int | None) -> dict[str, list[tuple[int, int | None]]]:
    """The stored claims (id, day) in the buckets of these new claims (claim -> buckets) that may be
    candidates of one of them: in one look-up for the buckets of the dated claims, those of days within
    `window` of the batch's days or undated (`ClaimBucket.day`'s index), and in another for the buckets of
    undated claims, every stored claim. The caller keeps, for each claim, those `near` it. `_among`: one
    array parameter on PostgreSQL."""
    undated = {b for claim_id, bs in buckets.items() if day[claim_id] is None for b in bs}
    dated = {b for claim_id, bs in buckets.items() if day[claim_id] is not None for b in bs} - undated
    days = [d for d in day.values() if d is not None]
    found: dict[str, list[tuple[int, int | None]]] = {}
    column = ClaimBucket.bucket
    for values, within in ((undated, None), (dated, window)):
        for chunk in _chunks(sorted(values)):
            stmt = select(column, ClaimBucket.claim_id, ClaimBucket.day).where(_among(session, column, chunk, String))
            if within is not None:  # (a stored undated claim is a candidate of any date)
                stmt = stmt.where(or_(ClaimBucket.day.between(min(days) - within, max(days) + within),
                                      ClaimBucket.day.is_(None)))
            for bucket, claim_id, stored_day in session.execute(stmt):
                found.setdefault(bucket, []).append((claim_id, stored_day))
    return found


def _insert_buckets(session: Session, rows: list[tuple[str, int, int | None]]) -> None:
    """Index new claims in their buckets (some fifty rows a claim), with their days. On PostgreSQL in one
    statement that unnests three array parameters: an executemany sent every row as a statement of its own
    (160 ms for a batch of 32 Reuters stories against 65)."""
    if not rows:  # an empty executemany would insert one row of defaults
        return
    if not _postgres(session):
        session.execute(insert(ClaimBucket), [{"bucket": b, "claim_id": c, "day": d} for b, c, d in rows])
        return
    triples = func.unnest(bindparam("buckets", [b for b, _, _ in rows], type_=ARRAY(String)),
                          bindparam("claims", [c for _, c, _ in rows], type_=ARRAY(Integer)),
                          bindparam("days", [d for _, _, d in rows], type_=ARRAY(Integer))
                          ).table_valued("bucket", "claim_id", "day").render_derived(name="triples")
    session.execute(insert(ClaimBucket).from_select(["bucket", "claim_id", "day"],
                                                    select(triples.c.bucket, triples.c.claim_id, triples.c.day)))


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


class StoryLedger:
    """The stories of the claims a batch links, kept in memory while its claims join them one by one, and
    written in a few statements at the end (`write`): what writing each claim's links and story as it
    joined (three to four statements a claim) gives.

    It reads the stories of the candidates once, and the analysts' cuts between those stories (a cut link
    whose two claims are in two of them): a claim joins all the stories it links to, unless a cut
    separates two of them; then it joins the one it matches best and those not cut from it, and its links
    to the others are stored cut. Each story is named by its smallest claim id; a story renamed by a join
    is renamed in the store once, to the name it ends the batch with."""

    def __init__(self, session: Session, candidates: Sequence[int]) -> None:
        self.session = session
        self.story: dict[int, int] = {}                        # claim -> story, for the claims it knows
        self.members: dict[int, set[int]] = {}                 # story -> the claims it knows in it
        for chunk in _chunks(candidates):
            for claim_id, story_id in session.execute(select(StoryMember.claim_id, StoryMember.story_id)
                                                      .where(_among(session, StoryMember.claim_id, chunk))):
                self._place(claim_id, story_id)
        self.stored = set(self.members)                        # the stories the store holds now
        self.cuts: list[tuple[int, int]] = []                  # cut links between claims it knows
        if len(self.stored) > 1:
            a, b = aliased(StoryMember), aliased(StoryMember)
            for chunk in _chunks(sorted(self.stored)):
                for claim_a, claim_b, story_a, story_b in session.execute(
                        select(ClaimLink.claim_a, ClaimLink.claim_b, a.story_id, b.story_id)
                        .join(a, a.claim_id == ClaimLink.claim_a).join(b, b.claim_id == ClaimLink.claim_b)
                        .where(ClaimLink.state == "cut", _among(session, a.story_id, chunk))):
                    if story_b not in self.stored:
                        continue
                    self._place(claim_a, story_a)
                    self._place(claim_b, story_b)
                    self.cuts.append((claim_a, claim_b))
        self.renamed: dict[int, int] = {}                      # stored story -> its name now
        self.links: list[dict] = []
        self.new: list[int] = []

    def _place(self, claim_id: int, story_id: int) -> None:
        self.story[claim_id] = story_id
        self.members.setdefault(story_id, set()).add(claim_id)

    def join(self, claim_id: int, links: dict[int, float]) -> None:
        """A new claim, with its links to claims it knows (earlier claims of the batch or candidates)."""
        stories = {other: self.story[other] for other in links}
        joined = self._joinable(stories, links)
        for other, score in links.items():
            state = "active" if stories[other] in joined else "cut"
            self.links.append({"claim_a": min(claim_id, other), "claim_b": max(claim_id, other), "score": score,
                               "kind": "engine", "state": state})
            if state == "cut":
                self.cuts.append((claim_id, other))
        story_id = min([claim_id, *joined])
        for old in joined - {story_id}:  # the story keeping its id is not rewritten: joining a big one stays cheap
            for member in self.members.pop(old):
                self._place(member, story_id)
            for stored, now in self.renamed.items():
                if now == old:
                    self.renamed[stored] = story_id
            if old in self.stored:
                self.renamed[old] = story_id
        self._place(claim_id, story_id)
        self.new.append(claim_id)

    def _joinable(self, stories: dict[int, int], links: dict[int, float]) -> set[int]:
        """The stories a new claim joins: all it links to, unless an analyst split some of them apart; then
        the one it matches best, and those not cut from it."""
        ids = set(stories.values())
        if len(ids) < 2 or not self.cut_between(ids):
            return ids
        best = stories[max(links, key=lambda c: (links[c], -c))]
        return {best} | {s for s in ids if s != best and not self.cut_between({best, s})}

    def cut_between(self, story_ids: set[int]) -> bool:
        """Whether a cut link separates any two of these stories."""
        return any(self.story[a] != self.story[b] and self.story[a] in story_ids and self.story[b] in story_ids
                   for a, b in self.cuts)

    def write(self) -> None:
        """Store the links, the renamed stories and the new claims' stories."""
        session = self.session
        if self.links:
            session.execute(insert(ClaimLink), self.links)
        by_name: dict[int, list[int]] = {}
        for old, now in self.renamed.items():
            by_name.setdefault(now, []).append(old)
        for now, olds in sorted(by_name.items()):
            session.execute(update(StoryMember).where(StoryMember.story_id.in_(sorted(olds))).values(story_id=now))
        if self.new:
            session.execute(insert(StoryMember), [{"claim_id": c, "story_id": self.story[c]} for c in self.new])
