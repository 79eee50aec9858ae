"""Reading stories: members with article, outlet, date, relay and wording; first appearance; origin;
propagation edges; flagged changes (README, "Stories")."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from app.nlp.confidence.traces import inherited_from_frame, spoken_to, trace_kind
from app.store.errors import NotFound
from app.store.models import Article, Claim, ClaimRelay, Source
from app.store.naming import name_key
from app.stories.changes import compare
from app.stories.models import StoryMember


@dataclass
class Member:
    claim_id: int
    article_id: int
    publisher: str | None
    published: date | None
    ingested: str
    title: str | None
    url: str | None
    text: str
    kind: str
    speaker_id: int | None
    speaker: str | None
    speaker_type: str | None
    relay: list[str]
    inherited_hop: bool = False   # the innermost hop came from an outlet's frame opened earlier in the page
    spoken_to: bool = False       # the speaker talked to the innermost hop ("told Reuters")


@dataclass
class Edge:
    source: str
    target: str
    claims: int
    first: date | None
    last: date | None


@dataclass
class StorySpeaker:
    """A speaker of the story's members. Anonymous sources belong each to one article; the story groups
    those of compatible descriptions ('a Ukrainian official' in two articles, 'a senior Ukrainian official'
    in a third) into one entry, `descriptions` listing how the articles put it."""
    name: str
    type: str | None
    source_ids: list[int]
    claims: int
    articles: int
    descriptions: list[str] = field(default_factory=list)


@dataclass
class Story:
    id: int
    members: list[Member]
    first: Member
    origin: str | None
    origin_count: int
    edges: list[Edge]
    changes: list[dict] = field(default_factory=list)
    speakers: list[StorySpeaker] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return sorted({m.publisher for m in self.members if m.publisher})

    @property
    def articles(self) -> int:
        return len({m.article_id for m in self.members})


def story_of_claims(session: Session, claim_ids) -> dict[int, int]:
    ids = list(claim_ids)
    if not ids:
        return {}
    return dict(session.execute(select(StoryMember.claim_id, StoryMember.story_id)
                                .where(StoryMember.claim_id.in_(ids))).all())


def outlets_per_story(session: Session, story_ids) -> dict[int, int]:
    """How many outlets (distinct publishers) carry each story."""
    ids = list(story_ids)
    if not ids:
        return {}
    return dict(session.execute(
        select(StoryMember.story_id, func.count(func.distinct(Article.publisher)))
        .join(Claim, Claim.id == StoryMember.claim_id).join(Article, Article.id == Claim.article_id)
        .where(StoryMember.story_id.in_(ids)).group_by(StoryMember.story_id)).all())


def get_story(story_id: int, *, session: Session) -> Story:
    claims = session.scalars(
        select(Claim).join(StoryMember, StoryMember.claim_id == Claim.id).where(StoryMember.story_id == story_id)
        .options(selectinload(Claim.article), selectinload(Claim.speaker),
                 selectinload(Claim.relays).selectinload(ClaimRelay.source)).order_by(Claim.id)).all()
    if not claims:
        raise NotFound(f"story {story_id} does not exist")
    members = [_member(c) for c in claims]
    members.sort(key=_appearance_order)
    origin, count = origin_of(members)
    story = Story(id=story_id, members=members, first=members[0], origin=origin, origin_count=count,
                  edges=propagation(members))
    story.changes = changes(story)
    story.speakers = speakers_of(members)
    return story


def speakers_of(members: list[Member]) -> list[StorySpeaker]:
    """The story's speakers, most claims first: named ones by source, anonymous ones by compatible
    description (`anonymous_groups`)."""
    anonymous = anonymous_groups([m.speaker or "" for m in members if m.speaker_type == "anonymous"])
    groups: dict[tuple, StorySpeaker] = {}
    articles: dict[tuple, set[int]] = {}
    uses: Counter[str] = Counter()   # claims per anonymous description
    for m in members:
        if m.speaker_id is None:
            key: tuple = ("none",)
        elif m.speaker_type == "anonymous":
            key = ("anonymous", anonymous[m.speaker or ""])
        else:
            key = ("source", m.speaker_id)
        entry = groups.setdefault(key, StorySpeaker(name=m.speaker or "no speaker", type=m.speaker_type,
                                                    source_ids=[], claims=0, articles=0))
        entry.claims += 1
        if m.speaker_id is not None and m.speaker_id not in entry.source_ids:
            entry.source_ids.append(m.speaker_id)
        if m.speaker_type == "anonymous" and m.speaker:
            uses[m.speaker] += 1
            if m.speaker not in entry.descriptions:
                entry.descriptions.append(m.speaker)
        articles.setdefault(key, set()).add(m.article_id)
    for key, entry in groups.items():
        entry.articles = len(articles[key])
        if entry.descriptions:  # named by the description most claims use, the shortest among equals
            entry.descriptions.sort(key=lambda d: (-uses[d], len(d), d))
            entry.name = entry.descriptions[0]
    return sorted(groups.values(), key=lambda e: (-e.claims, e.name))


def anonymous_groups(descriptions: list[str]) -> dict[str, str]:
    """Each anonymous description's group key: descriptions with the same head noun, singular or plural,
    and affiliations that agree ('a Ukrainian official', 'Ukrainian officials', 'a senior Ukrainian
    official'); a description without an affiliation ('an official') joins the one group of its head
    that has one, and stays on its own when there are several ('U.S. officials', 'Ukrainian officials')."""
    from app.stories.names import ascii_words, fold_word, singular
    from app.stories.speakers import Speaker, _compatible_anonymous, _place_words

    def head(description: str) -> str:
        words = ascii_words(description)
        return fold_word(singular(words[-1].lower())) if words else ""

    out: dict[str, str] = {}
    by_head: dict[str, list[str]] = {}
    for d in sorted(set(descriptions)):
        by_head.setdefault(head(d), []).append(d)
    for h, group in by_head.items():
        placed = [d for d in group if _place_words(d)]
        keys: dict[str, str] = {}
        for d in placed:  # the first description of a compatible affiliation names the group
            keys[d] = next((keys[o] for o in keys if _compatible_anonymous(Speaker("anonymous", d),
                                                                          Speaker("anonymous", o))), d)
        distinct = set(keys.values())
        for d in group:
            key = keys.get(d) or (next(iter(distinct)) if len(distinct) == 1 else d)
            out[d] = f"{h}\x1f{name_key(key)}"
    return out


def _member(c: Claim) -> Member:
    a = c.article
    return Member(claim_id=c.id, article_id=a.id, publisher=a.publisher, published=a.published,
                  ingested=a.created_at.isoformat(), title=a.title, url=a.url, text=c.text, kind=c.kind,
                  speaker_id=c.speaker_source_id, speaker=c.speaker.name if c.speaker else None,
                  speaker_type=c.speaker.type if c.speaker else None,
                  relay=[r.source.name for r in c.relays], inherited_hop=_innermost_hop(c.why or [], inherited_from_frame),
                  spoken_to=_innermost_hop(c.why or [], spoken_to))


def _innermost_hop(why: list[str], test) -> bool:
    """Whether the claim's first hop line (the resolver writes a trace's hops innermost first) passes
    `test`: it records a hop inherited from a frame ("hop Axios: frame opened in paragraph 1"), or one
    the speaker talked to ("hop Reuters: the speaker spoke to it, ...")."""
    line = next((line for line in why if (trace_kind(line) or "").startswith("hop:")), None)
    return line is not None and test(line)


def _appearance_order(m: Member):
    """Published date first (undated last), then the time it was stored, then the claim."""
    return (m.published is None, m.published or date.max, m.ingested, m.claim_id)


ORIGIN_SHARE = 0.4
"""An outlet is a story's origin when at least this share of its articles name it."""


_SPEAKS_IN_PUBLIC = {"person", "organization"}


def origin_of(members: list[Member]) -> tuple[str | None, int]:
    """The outlet the members name as first publishing the statement, with how many articles name it.

    A member names an outlet when the outlet is its speaker ("The New York Times reported ...") or the
    innermost hop of its relay beyond its own publisher ("... told Axios", read at UNN). A hop the claim
    only inherits from an outlet's frame opened earlier in the article ("the Times reported" in the lead)
    names an origin for a source that reaches readers through that outlet (officials who spoke to it, an
    intelligence report it saw, no speaker), not for a named person or organisation: what they said in
    public (a government's denial, recalled in a paragraph of background) is not the framing outlet's
    finding. A page's "Source: Axios" line credits the whole page and counts for anyone. A news agency
    (the lexicon's `"agency": true`) carries a named person's or organisation's public statement as one
    carrier among many and is no origin of it; it is the origin of what it says itself ("SPA said"), of
    what an unnamed source told it ("SPA reported, citing an official source") and of what the speaker
    said to it ("Asif told Reuters in an interview"): that statement first reached the world through it. (None, 0) when no outlet is named by ORIGIN_SHARE of the story's
    articles.
    """
    from app.nlp.lexicon import default_lexicon

    lexicon = default_lexicon()
    articles: dict[str, set[int]] = {}
    names: dict[str, str] = {}
    for m in members:
        named = None
        if m.speaker_type == "outlet" and m.speaker:
            named = m.speaker
        elif (len(m.relay) >= 2 and name_key(m.relay[0]) != name_key(m.publisher or "")
              and not (m.inherited_hop and m.speaker_type in _SPEAKS_IN_PUBLIC)):
            named = m.relay[0]
        if named is None or (m.speaker_type in _SPEAKS_IN_PUBLIC and lexicon.is_agency(named)
                             and not m.spoken_to):
            continue
        named = lexicon.canonical_outlet(named) or named   # 'AFP' is 'Agence France-Presse'
        key = name_key(named)
        articles.setdefault(key, set()).add(m.article_id)
        names.setdefault(key, named)
    total = len({m.article_id for m in members})
    if not articles:
        return None, 0
    key = min(articles, key=lambda k: (-len(articles[k]), k))
    if len(articles[key]) < ORIGIN_SHARE * total:
        return None, 0
    return names[key], len(articles[key])


def propagation(members: list[Member]) -> list[Edge]:
    """Outlet -> outlet edges of the members' relay chains (ending at the publisher), with dates."""
    edges: dict[tuple[str, str], Edge] = {}
    for m in members:
        chain = list(m.relay)
        if m.publisher and (not chain or name_key(chain[-1]) != name_key(m.publisher)):
            chain.append(m.publisher)
        for a, b in zip(chain, chain[1:]):
            if name_key(a) == name_key(b):
                continue
            e = edges.setdefault((a, b), Edge(a, b, 0, None, None))
            e.claims += 1
            if m.published:
                e.first = min(filter(None, [e.first, m.published]))
                e.last = max(filter(None, [e.last, m.published]))
    return sorted(edges.values(), key=lambda e: (-e.claims, e.source, e.target))


def changes(story: Story) -> list[dict]:
    """Each member's wording against the first appearance's, with flagged differences; a dropped speaker
    or a dropped origin hop is flagged too."""
    base = story.first
    out = []
    origin_key = name_key(story.origin) if story.origin else None
    for m in story.members:
        cmp = compare(base.text, m.text)
        flags = list(cmp.flags) if m.claim_id != base.claim_id else []
        if base.speaker and not m.speaker:
            flags.append({"kind": "speaker_dropped", "base": [base.speaker], "other": []})
        if origin_key and m.claim_id != base.claim_id and origin_key not in {name_key(h) for h in m.relay}:
            flags.append({"kind": "hop_dropped", "base": [story.origin], "other": m.relay})
        out.append({"claim_id": m.claim_id, "segments": [{"text": s.text, "change": s.change} for s in cmp.segments],
                    "flags": flags})
    return out


@dataclass
class StorySummary:
    id: int
    claims: int
    articles: int
    outlets: int
    first_published: date | None
    last_published: date | None
    text: str
    speaker: str | None


def list_stories(*, session: Session, speaker: str | None = None, outlet: str | None = None,
                 published_from: date | None = None, published_to: date | None = None, q: str | None = None,
                 sort: str = "size", limit: int = 50, offset: int = 0, min_articles: int = 2) -> list[StorySummary]:
    """Stories with at least `min_articles` articles, filtered, biggest (or newest) first."""
    stmt: Select = (select(StoryMember.story_id, func.count(StoryMember.claim_id).label("claims"),
                           func.count(func.distinct(Claim.article_id)).label("articles"),
                           func.count(func.distinct(Article.publisher)).label("outlets"),
                           func.min(Article.published).label("first"), func.max(Article.published).label("last"),
                           func.max(Article.id).label("newest"))
                    .join(Claim, Claim.id == StoryMember.claim_id).join(Article, Article.id == Claim.article_id)
                    .group_by(StoryMember.story_id)
                    .having(func.count(func.distinct(Claim.article_id)) >= min_articles))
    matching = select(StoryMember.story_id).join(Claim, Claim.id == StoryMember.claim_id)
    if speaker:
        matching_speaker = matching.join(Source, Source.id == Claim.speaker_source_id).where(
            func.lower(Source.name).contains(speaker.lower()))
        stmt = stmt.where(StoryMember.story_id.in_(matching_speaker))
    if outlet:
        by_publisher = matching.join(Article, Article.id == Claim.article_id).where(
            func.lower(Article.publisher).contains(outlet.lower()))
        by_relay = matching.join(ClaimRelay, ClaimRelay.claim_id == Claim.id).join(
            Source, Source.id == ClaimRelay.source_id).where(func.lower(Source.name).contains(outlet.lower()))
        stmt = stmt.where(StoryMember.story_id.in_(by_publisher.union(by_relay)))
    if q:
        stmt = stmt.where(StoryMember.story_id.in_(matching.where(func.lower(Claim.text).contains(q.lower()))))
    if published_from:
        stmt = stmt.having(func.max(Article.published) >= published_from)
    if published_to:
        stmt = stmt.having(func.min(Article.published) <= published_to)
    order = ((func.count(StoryMember.claim_id).desc(), StoryMember.story_id) if sort == "size"
             else (func.max(Article.id).desc(), StoryMember.story_id))
    rows = session.execute(stmt.order_by(*order).limit(limit).offset(offset)).all()
    firsts = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_([r.story_id for r in rows]))
                                                .options(selectinload(Claim.speaker))).all()}
    return [StorySummary(id=r.story_id, claims=r.claims, articles=r.articles, outlets=r.outlets,
                         first_published=r.first, last_published=r.last,
                         text=firsts[r.story_id].text if r.story_id in firsts else "",
                         speaker=(firsts[r.story_id].speaker.name if r.story_id in firsts and
                                  firsts[r.story_id].speaker else None)) for r in rows]
