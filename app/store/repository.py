"""What the API asks of the store: plain functions taking `*, session`.

Functions read or change rows and flush; they never commit (the caller's session scope does), so several
of them make one transaction. Every function loads exactly the relationships it returns (the models'
relationships are `lazy="raise"`). Errors are app.store.errors (NotFound, Conflict, InvalidInput, Forbidden).

Lists are pages, newest first: `cursor` is the `next_cursor` of the previous page (an id; the next page
holds the rows with smaller ids).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, and_, delete, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from app.schemas.annotation import Annotation, SpeakerRef, TextSpan
from app.schemas.annotation import Claim as ClaimOut
from app.schemas.annotation import Source as SourceOut
from app.store.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.store.models import (
    CLAIM_KINDS,
    REVIEW_STATUSES,
    ROLES,
    SOURCE_TYPES,
    ApiKey,
    Article,
    Claim,
    ClaimRelay,
    Mention,
    Review,
    Source,
    SourceAlias,
    SourceMerge,
    User,
    utcnow,
)
from app.store.naming import canonical_key, grouping_key, name_key

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()
"""'Not given' for correct_claim, where None means 'remove' (no speaker, no cue)."""


@dataclass
class Page(Generic[T]):
    items: list[T]
    next_cursor: int | None


# --- articles ---------------------------------------------------------------------------------------------

def _article_options():
    return (
        selectinload(Article.claims).options(
            selectinload(Claim.speaker),
            selectinload(Claim.relays).selectinload(ClaimRelay.source),
        ),
        selectinload(Article.mentions).selectinload(Mention.source),
    )


def get_article(article_id: int, *, session: Session) -> Article:
    """An article with its claims (speaker, relay hops) and mentions loaded, read afresh from the database;
    `article.sources` lists its sources."""
    article = session.scalars(select(Article).where(Article.id == article_id).options(*_article_options())
                              .execution_options(populate_existing=True)).first()
    if article is None:
        raise NotFound(f"article {article_id} does not exist")
    return article


def list_articles(*, session: Session, publisher: str | None = None, published_from: date | None = None,
                  published_to: date | None = None, q: str | None = None, cursor: int | None = None,
                  limit: int = DEFAULT_LIMIT) -> Page[Article]:
    """Articles, newest first; `q` searches title and text (case-insensitive substring)."""
    stmt = select(Article)
    if publisher is not None:
        stmt = stmt.where(Article.publisher == publisher)
    stmt = _date_range(stmt, published_from, published_to)
    if q:
        stmt = stmt.where(or_(Article.title.icontains(q, autoescape=True), Article.text.icontains(q, autoescape=True)))
    return _page(session, stmt, Article.id, cursor, limit)


def claim_counts(article_ids: Sequence[int], *, session: Session) -> dict[int, int]:
    """How many claims each article has (0 for none), for article lists."""
    rows = session.execute(select(Claim.article_id, func.count()).where(Claim.article_id.in_(article_ids))
                           .group_by(Claim.article_id)).all()
    counts = dict.fromkeys(article_ids, 0)
    counts.update({article_id: n for article_id, n in rows})
    return counts


def list_publishers(*, session: Session) -> list[tuple[str, int]]:
    """Every publisher with its number of articles, most articles first."""
    rows = session.execute(select(Article.publisher, func.count()).where(Article.publisher.is_not(None))
                           .group_by(Article.publisher).order_by(func.count().desc(), Article.publisher)).all()
    return [(publisher, n) for publisher, n in rows]


def delete_article(article_id: int, *, session: Session) -> None:
    """Delete an article with its claims, relays, reviews, mentions and anonymous sources (named sources stay)."""
    deleted = session.execute(delete(Article).where(Article.id == article_id)).rowcount
    if not deleted:
        raise NotFound(f"article {article_id} does not exist")
    session.expunge_all()  # the database cascaded: objects loaded before are gone


def to_annotation(article: Article) -> Annotation:
    """A stored article as the annotation contract (ids renumbered c1.., s1..), for export and the API."""
    ids: dict[int, str] = {}
    sources: list[SourceOut] = []
    for src in article.sources:
        ids[src.id] = f"s{len(ids) + 1}"
        sources.append(SourceOut(id=ids[src.id], name=src.name, type=src.type, anonymous=src.anonymous,
                                 descriptors=list(src.descriptors or []), affiliation=src.affiliation))
    by_id = {s.id: s for s in sources}
    for m in article.mentions:
        by_id[ids[m.source_id]].mentions.append(TextSpan(text=m.text, start=m.start, end=m.end))
    claims = []
    for c in article.claims:
        speaker = None
        if c.speaker_source_id is not None:
            start, end = (c.speaker_start, c.speaker_end) if c.speaker_start is not None else (c.start, c.start)
            speaker = SpeakerRef(source=ids[c.speaker_source_id], text=c.speaker_text or "", start=start, end=end)
        cue = TextSpan(text=c.cue_text, start=c.cue_start, end=c.cue_end) if c.cue_text is not None else None
        claims.append(ClaimOut(id=f"c{c.position}", text=c.text, start=c.start, end=c.end, kind=c.kind, cue=cue,
                               speaker=speaker, relay=[ids[r.source_id] for r in c.relays], confidence=c.confidence,
                               why=list(c.why or [])))
    return Annotation(text=article.text, publisher=article.publisher, title=article.title, url=article.url,
                      published=article.published.isoformat() if article.published else None, claims=claims,
                      sources=sources)


# --- claims -----------------------------------------------------------------------------------------------

def _claim_options():
    return (
        joinedload(Claim.article).load_only(Article.id, Article.publisher, Article.published, Article.title,
                                            Article.url, raiseload=True),
        selectinload(Claim.speaker),
        selectinload(Claim.relays).selectinload(ClaimRelay.source),
    )


def get_claim(claim_id: int, *, session: Session) -> Claim:
    """A claim with its speaker, relay hops and article (metadata only, not the text) loaded."""
    claim = session.scalars(select(Claim).where(Claim.id == claim_id).options(*_claim_options())).first()
    if claim is None:
        raise NotFound(f"claim {claim_id} does not exist")
    return claim


def list_claims(*, session: Session, speaker_id: int | None = None, speaker: str | None = None,
                speaker_type: str | None = None, anonymous: bool | None = None, publisher: str | None = None,
                outlet_id: int | None = None, outlet: str | None = None, kind: str | None = None,
                review_status: str | None = None, confidence_below: float | None = None,
                published_from: date | None = None, published_to: date | None = None, q: str | None = None,
                article_id: int | None = None, cursor: int | None = None, limit: int = DEFAULT_LIMIT) -> Page[Claim]:
    """Claims, newest first, loaded as `get_claim`. Filters combine with AND:

    speaker_id / speaker (name or alias, substring) / speaker_type / anonymous: the claim's speaker;
    publisher: the article's publisher; outlet_id / outlet (name or alias): a hop anywhere in the relay;
    kind, review_status, confidence_below (strictly below), published_from/to (inclusive), q (claim text).
    """
    stmt = select(Claim)
    if article_id is not None:
        stmt = stmt.where(Claim.article_id == article_id)
    if speaker_id is not None:
        stmt = stmt.where(Claim.speaker_source_id == speaker_id)
    speaker_conditions = []
    if speaker:
        speaker_conditions.append(_name_matches(speaker, substring=True))
    if speaker_type is not None:
        _check_choice("speaker_type", speaker_type, SOURCE_TYPES)
        speaker_conditions.append(Source.type == speaker_type)
    if anonymous is not None:
        speaker_conditions.append(Source.anonymous.is_(anonymous))
    if speaker_conditions:
        stmt = stmt.where(Claim.speaker_source_id.in_(select(Source.id).where(*speaker_conditions)))
    if outlet_id is not None or outlet:
        hop = [ClaimRelay.claim_id == Claim.id]
        if outlet_id is not None:
            hop.append(ClaimRelay.source_id == outlet_id)
        if outlet:
            hop.append(ClaimRelay.source_id.in_(select(Source.id).where(_name_matches(outlet, substring=False))))
        stmt = stmt.where(exists().where(*hop))
    if kind is not None:
        _check_choice("kind", kind, CLAIM_KINDS)
        stmt = stmt.where(Claim.kind == kind)
    if review_status is not None:
        _check_choice("review_status", review_status, REVIEW_STATUSES)
        stmt = stmt.where(Claim.review_status == review_status)
    if confidence_below is not None:
        stmt = stmt.where(Claim.confidence < confidence_below)
    if q:
        stmt = stmt.where(Claim.text.icontains(q, autoescape=True))
    if publisher is not None or published_from is not None or published_to is not None:
        stmt = stmt.join(Claim.article)
        if publisher is not None:
            stmt = stmt.where(Article.publisher == publisher)
        stmt = _date_range(stmt, published_from, published_to)
    return _page(session, stmt.options(*_claim_options()), Claim.id, cursor, limit)


def claim_history(claim_id: int, *, session: Session) -> list[Review]:
    """The claim's reviews, oldest first, each with its user loaded."""
    if session.get(Claim, claim_id) is None:
        raise NotFound(f"claim {claim_id} does not exist")
    return list(session.scalars(select(Review).where(Review.claim_id == claim_id)
                                .options(joinedload(Review.user)).order_by(Review.created_at, Review.id)))


def review_claim(*, session: Session, claim_id: int, user_id: int, action: str, note: str | None = None) -> Review:
    """Accept or reject a claim; appends a review with the claim before and after."""
    if action not in ("accept", "reject"):
        raise InvalidInput(f"a review is 'accept' or 'reject', not {action!r} (corrections: correct_claim)")
    user = _analyst(session, user_id)
    claim = get_claim(claim_id, session=session)
    before = claim_snapshot(claim)
    claim.review_status = "accepted" if action == "accept" else "rejected"
    claim.updated_at = utcnow()
    return _append_review(session, claim, user, action, before, claim_snapshot(claim), note)


def correct_claim(*, session: Session, claim_id: int, user_id: int, speaker_id: int | None = UNSET,
                  speaker_span: tuple[int, int] | None = UNSET, relay: Sequence[int] = UNSET, kind: str = UNSET,
                  span: tuple[int, int] = UNSET, cue_span: tuple[int, int] | None = UNSET,
                  note: str | None = None) -> Review:
    """Correct a claim: its speaker (a source id, or None for no speaker) and the speaker's mention span,
    its relay (source ids, nearest to the speaker first), kind, span or cue span. Only what is given
    changes (a new speaker without a span has no mention); the claim becomes `corrected` and a review
    keeps the before and after. Everything is checked before anything changes."""
    given = {k: v for k, v in (("speaker_id", speaker_id), ("speaker_span", speaker_span), ("relay", relay),
                               ("kind", kind), ("span", span), ("cue_span", cue_span)) if v is not UNSET}
    if not given:
        raise InvalidInput("nothing to correct: give speaker_id, speaker_span, relay, kind, span or cue_span")
    user = _analyst(session, user_id)
    claim = get_claim(claim_id, session=session)
    text = session.scalar(select(Article.text).where(Article.id == claim.article_id)) or ""
    if "kind" in given:
        _check_choice("kind", kind, CLAIM_KINDS)
    new_span = _check_span(text, span, "span") if "span" in given else None
    new_cue = _check_span(text, cue_span, "cue_span") if cue_span not in (UNSET, None) else None
    new_speaker = _live_source(session, speaker_id) if speaker_id not in (UNSET, None) else None
    new_mention = _check_span(text, speaker_span, "speaker_span") if speaker_span not in (UNSET, None) else None
    if new_mention is not None and (new_speaker if "speaker_id" in given else claim.speaker) is None:
        raise InvalidInput("a speaker_span needs a speaker")
    new_relay = relay_hops(session, relay) if "relay" in given else None

    before = claim_snapshot(claim)
    if new_span is not None:
        claim.start, claim.end = new_span
        claim.text = text[slice(*new_span)]
    if "kind" in given:
        claim.kind = kind
    if "cue_span" in given:
        claim.cue_text, claim.cue_start, claim.cue_end = (
            (text[slice(*new_cue)], *new_cue) if new_cue is not None else (None, None, None))
    if "speaker_id" in given:
        claim.speaker = new_speaker
    if "speaker_id" in given or "speaker_span" in given:
        claim.speaker_text, claim.speaker_start, claim.speaker_end = (
            (text[slice(*new_mention)], *new_mention) if new_mention is not None else (None, None, None))
    if new_relay is not None:
        claim.relays.clear()
        session.flush()  # the old hops go before new ones take their (claim_id, position) keys
        claim.relays.extend(ClaimRelay(position=i, source=src) for i, src in enumerate(new_relay))
    claim.review_status = "corrected"
    claim.updated_at = utcnow()
    session.flush()
    if new_span is not None:
        renumber_claims(claim.article_id, session=session)
    return _append_review(session, claim, user, "correct", before, claim_snapshot(claim), note)


def create_claim(*, session: Session, article_id: int, user_id: int, span: tuple[int, int], kind: str,
                 speaker_id: int | None = None, speaker_span: tuple[int, int] | None = None,
                 cue_span: tuple[int, int] | None = None, relay: Sequence[int] = (), note: str | None = None) -> Claim:
    """A claim the engine missed, added by an analyst (origin `analyst`, accepted, with a `create` review)."""
    user = _analyst(session, user_id)
    text = session.scalar(select(Article.text).where(Article.id == article_id))
    if text is None:
        raise NotFound(f"article {article_id} does not exist")
    _check_choice("kind", kind, CLAIM_KINDS)
    start, end = _check_span(text, span, "span")
    claim = Claim(article_id=article_id, position=0, text=text[start:end], start=start, end=end, kind=kind,
                  confidence=1.0, origin="analyst", review_status="accepted")
    if cue_span is not None:
        cs, ce = _check_span(text, cue_span, "cue_span")
        claim.cue_text, claim.cue_start, claim.cue_end = text[cs:ce], cs, ce
    if speaker_id is not None:
        claim.speaker = _live_source(session, speaker_id)
        if speaker_span is not None:
            ss, se = _check_span(text, speaker_span, "speaker_span")
            claim.speaker_text, claim.speaker_start, claim.speaker_end = text[ss:se], ss, se
    elif speaker_span is not None:
        raise InvalidInput("a speaker_span needs a speaker")
    claim.relays = [ClaimRelay(position=i, source=src) for i, src in enumerate(relay_hops(session, relay))]
    session.add(claim)
    session.flush()
    renumber_claims(article_id, session=session)
    claim = get_claim(claim.id, session=session)
    _append_review(session, claim, user, "create", None, claim_snapshot(claim), note)
    return claim


def revert_review(session: Session, *, claim_id: int, review_id: int, user: User | int,
                  note: str | None = None) -> Review:
    """Put a claim back as it was before one of its reviews: its review status (also "unreviewed"), and
    whatever that review changed (speaker and its mention, relay, kind, span, cue: a correction's, or an
    earlier revert's). Recorded as a new review, action "revert", with the claim before and after; the
    history stays append-only. Only the claim's latest review can be reverted (revert the later ones
    first); a review that created the claim has no state before it (reject the claim instead). A source
    merged since then is replaced by the source it was merged into. `user`: an analyst (a User or an id);
    the note defaults to "revert of review N (action)"."""
    analyst = _analyst(session, user.id if isinstance(user, User) else user)
    # the claim's row first: a concurrent decision on it waits, and so does the check of the latest review
    if session.scalar(select(Claim.id).where(Claim.id == claim_id).with_for_update(key_share=True)) is None:
        raise NotFound(f"claim {claim_id} does not exist")
    review = session.get(Review, review_id)
    if review is None or review.claim_id != claim_id:
        raise NotFound(f"review {review_id} of claim {claim_id} does not exist")
    latest = session.scalar(select(func.max(Review.id)).where(Review.claim_id == claim_id))
    if latest != review.id:
        raise Conflict(f"review {latest} came after review {review_id} on claim {claim_id}: revert that one first")
    if review.before is None:
        raise Conflict(f"review {review_id} created claim {claim_id}: there is no state before it "
                       "(reject the claim instead)")
    old, new = review.before, review.after or {}
    changed = {f for f in ("speaker", "relay", "kind", "start", "end", "cue") if old.get(f) != new.get(f)}
    status = old.get("review_status", "unreviewed")
    _check_choice("review_status", status, REVIEW_STATUSES)

    claim = get_claim(claim_id, session=session)
    text = session.scalar(select(Article.text).where(Article.id == claim.article_id)) or ""
    span = _check_span(text, (old["start"], old["end"]), "span") if changed & {"start", "end"} else None
    cue = old.get("cue")
    cue_span = _check_span(text, (cue["start"], cue["end"]), "cue_span") if "cue" in changed and cue else None
    if "kind" in changed:
        _check_choice("kind", old["kind"], CLAIM_KINDS)
    speaker = old.get("speaker")
    new_speaker = _surviving_source(session, speaker["source_id"]) if "speaker" in changed and speaker else None
    mention = None
    if "speaker" in changed and speaker and speaker.get("start") is not None:
        mention = _check_span(text, (speaker["start"], speaker["end"]), "speaker_span")
    relay = ([_surviving_source(session, hop["source_id"]) for hop in old.get("relay", [])]
             if "relay" in changed else None)

    before = claim_snapshot(claim)
    if span is not None:
        claim.start, claim.end = span
        claim.text = text[slice(*span)]
    if "kind" in changed:
        claim.kind = old["kind"]
    if "cue" in changed:
        claim.cue_text, claim.cue_start, claim.cue_end = (
            (text[slice(*cue_span)], *cue_span) if cue_span is not None else (None, None, None))
    if "speaker" in changed:
        claim.speaker = new_speaker
        claim.speaker_text, claim.speaker_start, claim.speaker_end = (
            (text[slice(*mention)], *mention) if mention is not None else (None, None, None))
    if relay is not None:
        claim.relays.clear()
        session.flush()  # the old hops go before new ones take their (claim_id, position) keys
        deduped = [src for i, src in enumerate(relay) if i == 0 or src.id != relay[i - 1].id]
        claim.relays.extend(ClaimRelay(position=i, source=src) for i, src in enumerate(deduped))
    claim.review_status = status
    claim.updated_at = utcnow()
    session.flush()
    if span is not None:
        renumber_claims(claim.article_id, session=session)
    return _append_review(session, claim, analyst, "revert", before, claim_snapshot(claim),
                          note if note is not None else f"revert of review {review.id} ({review.action})")


def _surviving_source(session: Session, source_id: int) -> Source:
    """A source, or the one it was merged into (a revert puts back the source as it is now)."""
    try:
        return surviving_source(source_id, session=session)
    except NotFound as exc:
        raise Conflict(f"source {source_id} no longer exists: the claim cannot be put back as it was") from exc


def claim_snapshot(claim: Claim) -> dict[str, Any]:
    """The reviewable state of a claim, as reviews store it before and after a change."""
    speaker = None
    if claim.speaker is not None:
        speaker = {"source_id": claim.speaker.id, "name": claim.speaker.name, "text": claim.speaker_text,
                   "start": claim.speaker_start, "end": claim.speaker_end}
    cue = None
    if claim.cue_text is not None:
        cue = {"text": claim.cue_text, "start": claim.cue_start, "end": claim.cue_end}
    return {"text": claim.text, "start": claim.start, "end": claim.end, "kind": claim.kind, "cue": cue,
            "speaker": speaker, "relay": [{"source_id": r.source.id, "name": r.source.name} for r in claim.relays],
            "confidence": claim.confidence, "review_status": claim.review_status, "origin": claim.origin}


def _append_review(session: Session, claim: Claim, user: User, action: str, before: dict | None,
                   after: dict | None, note: str | None) -> Review:
    review = Review(claim_id=claim.id, user_id=user.id, action=action, before=before, after=after, note=note)
    session.add(review)
    session.flush()
    return review


def renumber_claims(article_id: int, *, session: Session) -> None:
    """Positions 1..n in text order, after claims were added or moved."""
    claims = session.scalars(select(Claim).where(Claim.article_id == article_id)
                             .order_by(Claim.start, Claim.end, Claim.id)).all()
    for n, claim in enumerate(claims, 1):
        if claim.position != n:
            claim.position = n
    session.flush()


# --- sources ----------------------------------------------------------------------------------------------

def get_source(source_id: int, *, session: Session) -> Source:
    """A source with its aliases; a merged source comes back as it is (`merged_into_id` tells where it went)."""
    source = session.scalars(select(Source).where(Source.id == source_id).options(selectinload(Source.aliases))).first()
    if source is None:
        raise NotFound(f"source {source_id} does not exist")
    return source


def create_source(session: Session, *, name: str, type: str, affiliation: str | None = None,
                  descriptors: Sequence[str] = (), user: User | int, article_id: int | None = None) -> Source:
    """A source an analyst names, with its aliases loaded. A named source (any type but "anonymous") is
    shared by all articles: the one stored under its canonical key ("person:kirill dmitriev") is returned
    (the one it was merged into, if it was), gaining the affiliation it lacked and new descriptors; else it
    is created (two analysts creating it at once get one row). An anonymous source belongs to `article_id`
    (required): the article's anonymous source with the same description and affiliation is returned
    (grouped, as ingest groups them), else a new one. `user`: an analyst (a User or an id)."""
    _analyst(session, user.id if isinstance(user, User) else user)
    _check_choice("type", type, SOURCE_TYPES)
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput("a source needs a name")
    if len(name) > 500:
        raise InvalidInput("a source's name has at most 500 characters")
    affiliation = " ".join(affiliation.split())[:300] or None if affiliation else None
    descriptors = list(dict.fromkeys(d for d in (" ".join(str(d).split()) for d in descriptors) if d))
    if type == "anonymous":
        if article_id is None:
            raise InvalidInput("an anonymous source belongs to an article: give article_id")
        if session.get(Article, article_id) is None:
            raise NotFound(f"article {article_id} does not exist")
        gkey = grouping_key(name, affiliation)
        source = session.scalars(select(Source).where(Source.article_id == article_id, Source.grouping_key == gkey,
                                                      Source.merged_into_id.is_(None))
                                 .with_for_update(key_share=True).order_by(Source.id)).first()
        if source is None:
            source = Source(name=name, type="anonymous", anonymous=True, affiliation=affiliation,
                            descriptors=descriptors, grouping_key=gkey, article_id=article_id)
            session.add(source)
            session.flush()
    else:
        if article_id is not None:
            raise InvalidInput("a named source belongs to no article: give article_id only for an anonymous one")
        key = canonical_key(type, name)
        source = lock_named_source(session, key, Source(name=name, type=type, anonymous=False,
                                                        affiliation=affiliation, descriptors=descriptors,
                                                        canonical_key=key))
    new = [d for d in descriptors if d not in (source.descriptors or [])]
    if new:
        source.descriptors = [*(source.descriptors or []), *new]
    if source.affiliation is None and affiliation:
        source.affiliation = affiliation
    session.flush()
    return get_source(source.id, session=session)


def lock_named_source(session: Session, key: str, new: Source | None = None) -> Source:
    """The named source stored under canonical key `key`, locked FOR NO KEY UPDATE until the transaction
    ends and read afresh; `new` (an unsaved row with that key) is inserted when there is none, and None
    means the source must exist. A merged source gives its target, locked too.

    Two transactions creating the same source get one row: the second insert waits for the first
    transaction to end and the unique key decides (the loser locks the winner's row). FOR NO KEY UPDATE,
    not FOR UPDATE: the foreign-key checks of rows inserted afterwards (claims, relays, mentions, aliases)
    take KEY SHARE locks on the source, which FOR UPDATE would block. Callers locking several sources lock
    them in key order (ingest does), so that they never deadlock; a merge committed meanwhile makes its
    target be locked out of order, after its source.
    """
    row = _locked_source(session, Source.canonical_key == key)
    if row is None:
        if new is None:  # pragma: no cover - named sources are never deleted
            raise Conflict(f"source {key!r} does not exist")
        try:
            with session.begin_nested():
                session.add(new)
                session.flush()
            row = new
        except IntegrityError:  # another transaction created it meanwhile, and committed
            row = _locked_source(session, Source.canonical_key == key)
            if row is None:  # another constraint failed
                raise
    # merged after the first look: its target, locked out of order
    return follow_merges(row, lambda source_id: _locked_source(session, Source.id == source_id))


def _locked_source(session: Session, condition: ColumnElement[bool]) -> Source | None:
    return session.scalars(select(Source).where(condition).with_for_update(key_share=True)
                           .execution_options(populate_existing=True)).first()


def source_ids_named(name: str, *, substring: bool = True) -> Select:
    """`SELECT id FROM sources` whose name or one of whose aliases matches `name` (a substring, as search
    does; or the whole name, any type): a subquery for filters such as `Claim.speaker_source_id.in_(...)`."""
    return select(Source.id).where(_name_matches(name, substring=substring))


def list_sources(*, session: Session, q: str | None = None, source_type: str | None = None,
                 anonymous: bool | None = None, include_merged: bool = False, cursor: int | None = None,
                 limit: int = DEFAULT_LIMIT) -> Page[Source]:
    """Sources, newest first, with aliases loaded; `q` matches the name or an alias (substring)."""
    stmt = select(Source).options(selectinload(Source.aliases))
    if q:
        stmt = stmt.where(_name_matches(q, substring=True))
    if source_type is not None:
        _check_choice("source_type", source_type, SOURCE_TYPES)
        stmt = stmt.where(Source.type == source_type)
    if anonymous is not None:
        stmt = stmt.where(Source.anonymous.is_(anonymous))
    if not include_merged:
        stmt = stmt.where(Source.merged_into_id.is_(None))
    return _page(session, stmt, Source.id, cursor, limit)


@dataclass
class SourceProfile:
    source: Source                       # aliases loaded
    claim_count: int                     # claims it is the speaker of (rejected ones not counted)
    relayed_count: int                   # claims it relayed (a hop of their relay)
    by_publisher: list[tuple[str | None, int]]
    by_month: list[tuple[str | None, int]]  # ("2025-11", n), by the article's publication date; None: undated
    latest_claims: list[Claim] = field(default_factory=list)  # loaded as get_claim
    history: list[SourceMerge] = field(default_factory=list)  # merges and unmerges it took part in, oldest first

    @property
    def undone(self) -> dict[int, SourceMerge]:
        """Merge id → the unmerge that undid it."""
        return {row.undoes_id: row for row in self.history if row.undoes_id is not None}

    @property
    def aliases(self) -> list[str]:
        return [a.alias for a in self.source.aliases]

    @property
    def descriptors(self) -> list[str]:
        return list(self.source.descriptors or [])


def source_profile(source_id: int, *, session: Session, latest: int = 10) -> SourceProfile:
    """Everything about a source: aliases, descriptors, its claims by publisher and by month, its latest
    claims; its merges and unmerges (`history`). A merged source answers with the source it was merged into."""
    source = get_source(surviving_source(source_id, session=session).id, session=session)
    spoken = and_(Claim.speaker_source_id == source.id, Claim.review_status != "rejected")
    by_publisher = session.execute(select(Article.publisher, func.count()).select_from(Claim).join(Claim.article)
                                   .where(spoken).group_by(Article.publisher)
                                   .order_by(func.count().desc(), Article.publisher)).all()
    by_day = session.execute(select(Article.published, func.count()).select_from(Claim).join(Claim.article)
                             .where(spoken).group_by(Article.published)).all()
    months: Counter[str | None] = Counter()
    for day, n in by_day:
        months[day.strftime("%Y-%m") if day else None] += n
    relayed = session.scalar(select(func.count(func.distinct(ClaimRelay.claim_id))).join(ClaimRelay.claim)
                             .where(ClaimRelay.source_id == source.id, Claim.review_status != "rejected")) or 0
    latest_claims = list(session.scalars(select(Claim).where(spoken).options(*_claim_options())
                                         .order_by(Claim.id.desc()).limit(latest)))
    history = list(session.scalars(select(SourceMerge).where(or_(SourceMerge.target_id == source.id,
                                                                 SourceMerge.duplicate_id == source.id))
                                   .options(joinedload(SourceMerge.user), joinedload(SourceMerge.target),
                                            joinedload(SourceMerge.duplicate)).order_by(SourceMerge.id)))
    return SourceProfile(source=source, claim_count=sum(months.values()), relayed_count=relayed,
                         by_publisher=[(p, n) for p, n in by_publisher],
                         by_month=sorted(months.items(), key=lambda kv: (kv[0] is None, kv[0] or "")),
                         latest_claims=latest_claims, history=history)


def _name_matches(name: str, *, substring: bool) -> ColumnElement[bool]:
    """A source whose name or one of whose aliases matches: a substring (search) or the whole name."""
    if substring:
        alias_owner = select(SourceAlias.source_id).where(SourceAlias.alias.icontains(name, autoescape=True))
        return or_(Source.name.icontains(name, autoescape=True), Source.id.in_(alias_owner))
    key = name_key(name)
    alias_owner = select(SourceAlias.source_id).where(SourceAlias.alias_key == key)
    return or_(func.lower(Source.name) == name.strip().lower(), Source.canonical_key.in_(
        [f"{t}:{key}" for t in SOURCE_TYPES]), Source.id.in_(alias_owner))


def _live_source(session: Session, source_id: int) -> Source:
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"source {source_id} does not exist")
    if source.merged_into_id is not None:
        raise Conflict(f"source {source_id} was merged into source {source.merged_into_id}: use that one")
    return source


def relay_hops(session: Session, source_ids: Sequence[int]) -> list[Source]:
    """The sources of a relay an analyst gives (nearest to the speaker first), checked: each exists and is
    not merged, each is an outlet (a relay is the outlets a claim passed through), and no outlet follows
    itself ("Axios → Axios" is one hop)."""
    hops = [_live_source(session, source_id) for source_id in source_ids]
    for n, hop in enumerate(hops, 1):
        if hop.type != "outlet":
            raise InvalidInput(f"relay hop {n} is source {hop.id} ({hop.name}), {_a(hop.type)}: a relay lists "
                               "only outlets, the ones a claim passed through")
        if n > 1 and hop.id == hops[n - 2].id:
            raise InvalidInput(f"relay hops {n - 1} and {n} are both source {hop.id} ({hop.name}): an outlet "
                               "that passes a claim on is one hop")
    return hops


def _a(source_type: str) -> str:
    """'a person', 'an organization', 'of unknown type'."""
    if source_type == "unknown":
        return "of unknown type"
    return f"{'an' if source_type[0] in 'aeiou' else 'a'} {source_type}"


R = TypeVar("R")


def follow_merges(row: R, step: Callable[[int], R | None]) -> R:
    """`row` (a Source, or a row with `id` and `merged_into_id`), or the row its merges lead to; `step(id)`
    reads the next row. A loop of merges (which opposite merges at once could make before revision 0004)
    ends at the lowest id in the loop, as that migration repairs it: reading never loops forever."""
    seen: dict[int, R] = {}
    while row.merged_into_id is not None and row.id not in seen:  # type: ignore[attr-defined]
        seen[row.id] = row  # type: ignore[attr-defined]
        following = step(row.merged_into_id)  # type: ignore[attr-defined]
        if following is None:  # pragma: no cover - the foreign key sets merged_into_id NULL on delete
            return row
        row = following
    if row.merged_into_id is None:  # type: ignore[attr-defined]
        return row
    ids = list(seen)
    return seen[min(ids[ids.index(row.id):])]  # type: ignore[attr-defined]


def surviving_source(source_id: int, *, session: Session) -> Source:
    """A source, or the one it was merged into (following every merge, loops included: `follow_merges`)."""
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"source {source_id} does not exist")
    return follow_merges(source, lambda next_id: session.get(Source, next_id))


# --- relay network ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RelayEdge:
    """Claims passed from one outlet to the next: `source` → `target`, nearest to the speaker first.
    `target_id` is None when the target is a publisher that no stored source names."""

    source_id: int
    source: str
    target_id: int | None
    target: str
    claims: int


def relay_edges(*, session: Session, published_from: date | None = None, published_to: date | None = None,
                include_rejected: bool = False) -> list[RelayEdge]:
    """The relay network: consecutive hops of every claim's relay, and its last hop → the article's publisher
    (when the relay does not end with the publisher already), with the number of claims on each edge,
    most claims first. Rejected claims do not count unless `include_rejected`."""
    def scoped(stmt: Select) -> Select:
        stmt = stmt.join(Claim, Claim.id == hop.claim_id).join(Article, Article.id == Claim.article_id)
        if not include_rejected:
            stmt = stmt.where(Claim.review_status != "rejected")
        return _date_range(stmt, published_from, published_to)

    hop, nxt = aliased(ClaimRelay), aliased(ClaimRelay)
    counts: Counter[tuple[int, int | str]] = Counter()
    pairs = session.execute(scoped(
        select(hop.source_id, nxt.source_id, func.count(func.distinct(hop.claim_id))).select_from(hop)
        .join(nxt, and_(nxt.claim_id == hop.claim_id, nxt.position == hop.position + 1))
        .where(hop.source_id != nxt.source_id)).group_by(hop.source_id, nxt.source_id)).all()
    for a, b, n in pairs:
        counts[(a, b)] += n
    later = exists().where(nxt.claim_id == hop.claim_id, nxt.position > hop.position)
    last_hops = session.execute(scoped(
        select(hop.source_id, Article.publisher, func.count(func.distinct(hop.claim_id))).select_from(hop)
        .where(~later, Article.publisher.is_not(None))).group_by(hop.source_id, Article.publisher)).all()

    ids = {a for a, _ in counts} | {b for _, b in counts} | {a for a, _, _ in last_hops}
    names = dict(session.execute(select(Source.id, Source.name).where(Source.id.in_(ids))).all()) if ids else {}
    own_keys: dict[int, set[str]] = {i: {name_key(names[i])} for i in names}
    for source_id, key in session.execute(select(SourceAlias.source_id, SourceAlias.alias_key)
                                          .where(SourceAlias.source_id.in_(ids))).all():
        own_keys[source_id].add(key)
    publishers = {p for _, p, _ in last_hops}
    outlet_ids = dict(session.execute(select(Source.canonical_key, Source.id).where(
        Source.canonical_key.in_([f"outlet:{name_key(p)}" for p in publishers]))).all()) if publishers else {}
    for source_id, publisher, n in last_hops:
        if name_key(publisher) in own_keys.get(source_id, set()):
            continue  # the relay already ends with the publisher
        target = outlet_ids.get(f"outlet:{name_key(publisher)}")
        if target == source_id:
            continue
        counts[(source_id, target if target is not None else publisher)] += n

    edges = []
    for (a, b), n in counts.items():
        if isinstance(b, str):
            edges.append(RelayEdge(a, names[a], None, b, n))
        else:
            edges.append(RelayEdge(a, names[a], b, names.get(b) or session.get_one(Source, b).name, n))
    return sorted(edges, key=lambda e: (-e.claims, e.source, e.target))


# --- users and API keys -----------------------------------------------------------------------------------

KEY_PREFIX = "wsk"


def create_user(*, session: Session, name: str, role: str = "reader") -> User:
    _check_choice("role", role, ROLES)
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("a user needs a name")
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise Conflict(f"user {name!r} exists")
    user = User(name=name, role=role)
    try:
        with session.begin_nested():
            session.add(user)
            session.flush()
    except IntegrityError as exc:
        raise Conflict(f"user {name!r} exists") from exc
    return user


def get_user(user_id: int, *, session: Session) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} does not exist")
    return user


def get_user_by_name(name: str, *, session: Session) -> User | None:
    return session.scalar(select(User).where(User.name == " ".join(name.split())))


def create_api_key(*, session: Session, user_id: int, label: str | None = None) -> tuple[ApiKey, str]:
    """A new key for the user: returns the row and the key itself, which is shown this once and stored
    only as its SHA-256 (a key is 256 random bits, so a fast hash is as safe as a slow one)."""
    get_user(user_id, session=session)
    for _ in range(5):
        prefix = f"{KEY_PREFIX}_{secrets.token_hex(6)}"
        plain = f"{prefix}_{secrets.token_urlsafe(32)}"
        row = ApiKey(user_id=user_id, prefix=prefix, key_hash=_hash_key(plain), label=label)
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:  # pragma: no cover - a 48-bit prefix collision
            continue
        return row, plain
    raise RuntimeError("could not draw an unused key prefix")  # pragma: no cover


def authenticate(key: str, *, session: Session) -> User | None:
    """The user a key belongs to, or None for an unknown, malformed or revoked key."""
    key = (key or "").strip()
    parts = key.split("_", 2)  # wsk_<prefix>_<secret>; the secret may contain '_'
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[2]:
        return None
    row = session.scalars(select(ApiKey).where(ApiKey.prefix == f"{parts[0]}_{parts[1]}", ApiKey.revoked_at.is_(None))
                          .options(joinedload(ApiKey.user))).first()
    if row is None or not hmac.compare_digest(row.key_hash, _hash_key(key)):
        return None
    return row.user


def revoke_api_key(key_id: int, *, session: Session) -> ApiKey:
    """Revoke a key (from now on it authenticates no one); revoking twice keeps the first time."""
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFound(f"API key {key_id} does not exist")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.flush()
    return row


def list_api_keys(user_id: int, *, session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).where(ApiKey.user_id == user_id).order_by(ApiKey.id)))


def _hash_key(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def _analyst(session: Session, user_id: int) -> User:
    user = get_user(user_id, session=session)
    if user.role not in ("analyst", "admin"):
        raise Forbidden(f"user {user.name!r} is a {user.role}: reviews need an analyst or an admin")
    return user


# --- helpers ----------------------------------------------------------------------------------------------

def _page(session: Session, stmt: Select, id_column, cursor: int | None, limit: int) -> Page:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}")
    if cursor is not None:
        stmt = stmt.where(id_column < cursor)
    rows = list(session.scalars(stmt.order_by(id_column.desc()).limit(limit + 1)).unique())
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(items=rows, next_cursor=rows[-1].id if more else None)


def _date_range(stmt: Select, start: date | None, end: date | None) -> Select:
    if start is not None and end is not None and start > end:
        raise InvalidInput(f"the date range ends ({end}) before it starts ({start})")
    if start is not None:
        stmt = stmt.where(Article.published >= start)
    if end is not None:
        stmt = stmt.where(Article.published <= end)
    return stmt


def _check_choice(what: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        raise InvalidInput(f"{what} must be one of {', '.join(choices)}, not {value!r}")


def _check_span(text: str, span: tuple[int, int], what: str) -> tuple[int, int]:
    try:
        start, end = (int(v) for v in span)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(f"{what} must be (start, end)") from exc
    if not 0 <= start < end <= len(text):
        raise InvalidInput(f"{what} ({start}, {end}) is not inside the article's text (0..{len(text)})")
    return start, end
