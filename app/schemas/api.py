"""The REST API's request and response models (pydantic), separate from the ORM classes of app.store.models.

Responses are built from ORM rows by the `of(...)` class methods, which read only what the repository
functions load (the models' relationships are `lazy="raise"`). Ids are the database's ids, unlike the
annotation contract (app.schemas.annotation), whose ids (c1, s1) are local to one article.
"""
from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from app.ingest.normalize import has_visible_text
from app.ingest.urls import url_problem
from app.schemas.annotation import ClaimKind, SourceType
from app.store import models as m
from app.store.repository import DEFAULT_LIMIT, MAX_LIMIT, RelayEdge, SourceProfile

T = TypeVar("T")

MAX_ID = 2**31 - 1  # PostgreSQL's integer: larger ids cannot exist, and must not reach the driver
Role = Literal["reader", "analyst", "admin"]
ReviewStatus = Literal["unreviewed", "accepted", "rejected", "corrected"]


def _storable(value: str) -> str:
    """Text the database can store and JSON can carry: no NUL character, no unpaired surrogate."""
    if "\x00" in value:
        raise ValueError("contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("contains an unpaired surrogate (not valid Unicode text)") from exc
    return value


def _web_address(value: str) -> str:
    """An article's URL: http or https only (it becomes a link in the review UI)."""
    problem = url_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value.strip()


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: Any) -> Any:
    """A date is written YYYY-MM-DD: pydantic alone would also read a number (`0`) as a Unix time."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


def _as_utc(value: datetime) -> datetime:
    """A stored time with its offset: SQLite keeps no time zone, and every time stored is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


Text = Annotated[str, AfterValidator(_storable)]
"""Any text without NUL characters or unpaired surrogates."""
ShortText = Annotated[str, Field(max_length=300), AfterValidator(_storable)]
WebUrl = Annotated[str, Field(max_length=2000), AfterValidator(_storable), AfterValidator(_web_address)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
"""A date as YYYY-MM-DD, in a request (body or query)."""
UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]
"""A time in a response: always with its offset (RFC 3339 `date-time`)."""
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Offset = Annotated[int, Field(ge=0, le=MAX_ID)]


class Problem(BaseModel):
    """An error, as RFC 9457 problem details (`application/problem+json`)."""

    type: str = Field(description="A URI naming the kind of problem (`urn:whosaid:problem:...`, or about:blank).")
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong with this request, in words.")
    instance: str = Field(description="The path of the request.")
    errors: list[dict[str, Any]] | None = Field(default=None, description="For 422: each invalid field.")


# --- requests ---------------------------------------------------------------------------------------------

class _Metadata(BaseModel):
    model_config = ConfigDict(extra="forbid")

    publisher: ShortText | None = Field(default=None, description="The outlet that published the article; "
                                        "detected from the text ('reports UNN') when not given.")
    published: IsoDate | None = Field(default=None, description="Publication date, YYYY-MM-DD.")
    title: Text | None = Field(default=None, max_length=2000)
    url: WebUrl | None = Field(default=None, description="Where the article was published (an http or https "
                               "URL); given alone to POST /v1/articles, the page the service fetches.")


class AnnotateRequest(_Metadata):
    """An article as text or HTML, to annotate (`POST /v1/annotate`) or ingest (`POST /v1/articles`)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"text": "Kirill Dmitriev told Axios that the plan was ready.", "publisher": "UNN",
         "published": "2025-11-19"},
        {"html": "<html><body><article><p>Officials said the talks failed.</p></article></body></html>"},
    ]})

    text: Text | None = Field(default=None, description="The article as plain text; offsets refer to it.")
    html: Text | None = Field(default=None, description="The article as an HTML page; its main text is "
                              "extracted and offsets refer to that text.")

    @model_validator(mode="after")
    def _one_input(self):
        if self.text is not None and self.html is not None:
            raise ValueError("give either text or html, not both")
        if self.text is None and self.html is None and not self._url_is_input():
            raise ValueError(self._missing_message())
        for name in ("text", "html"):
            value = getattr(self, name)
            if value is not None and not has_visible_text(value):
                raise ValueError(f"{name} is empty (nothing but white space or invisible characters)")
        return self

    def _url_is_input(self) -> bool:
        return False

    def _missing_message(self) -> str:
        return "give the article as text or html"


class ArticleCreate(AnnotateRequest):
    """An article to ingest: `text`, `html`, or only a `url`, which the service then fetches."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"text": "Kirill Dmitriev told Axios that the plan was ready.", "publisher": "UNN",
         "published": "2025-11-19", "title": "Peace plan", "url": "https://unn.example/peace-plan"},
        {"url": "https://en.wikinews.org/wiki/Main_Page", "publisher": "Wikinews"},
    ]})

    def _url_is_input(self) -> bool:
        return self.url is not None

    def _missing_message(self) -> str:
        return "give the article as text or html, or a url to fetch"

    @property
    def fetch_url(self) -> str | None:
        """The URL to fetch: given without text or html."""
        return self.url if self.text is None and self.html is None else None


class Span(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: Offset
    end: Offset


class ClaimPatch(BaseModel):
    """An analyst's correction of a claim: only the fields given change; `null` removes a speaker,
    its mention or the cue. The claim becomes `corrected` and a review keeps the before and after."""

    model_config = ConfigDict(extra="forbid")

    speaker_id: Id | None = Field(default=None, description="The source who said it (null: no speaker).")
    speaker_span: Span | None = Field(default=None, description="The speaker's mention in the article text.")
    relay: list[Id] | None = Field(default=None, max_length=50,
                                   description="Outlet source ids, nearest to the speaker first.")
    kind: ClaimKind | None = None
    span: Span | None = Field(default=None, description="The claim's span in the article text.")
    cue_span: Span | None = Field(default=None, description="The cue's span (null: no cue).")
    note: Text | None = Field(default=None, max_length=5000, description="Why: kept with the review.")

    @model_validator(mode="after")
    def _something_given(self):
        given = self.model_fields_set - {"note"}
        if not given:
            raise ValueError("nothing to correct: give speaker_id, speaker_span, relay, kind, span or cue_span")
        for name in ("relay", "kind", "span"):
            if name in given and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self

    def changes(self) -> dict[str, Any]:
        """The keyword arguments of repository.correct_claim for what was given."""
        out: dict[str, Any] = {}
        for name in self.model_fields_set - {"note"}:
            value = getattr(self, name)
            out[name] = (value.start, value.end) if isinstance(value, Span) else value
        return out


class ReviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["accept", "reject"]
    note: Text | None = Field(default=None, max_length=5000)


class MergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    duplicate_id: Id = Field(description="The source to fold into this one (merge), or to take out of it (unmerge).")
    note: Text | None = Field(default=None, max_length=5000)


class KeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_storable)] = Field(
        description="The user's name; a new user is created with `role`.")
    role: Role | None = Field(default=None, description="The role of a new user (default reader); for an "
                              "existing user it must be the user's role.")
    label: Annotated[str, Field(max_length=200), AfterValidator(_storable)] | None = None


# --- responses --------------------------------------------------------------------------------------------

class Page(BaseModel, Generic[T]):
    """One page of a list, newest first; pass `next_cursor` as `cursor` for the next (null: the last page)."""

    items: list[T]
    next_cursor: int | None


class TextSpanOut(BaseModel):
    text: str
    start: int
    end: int


class SourceRef(BaseModel):
    id: int
    name: str
    type: SourceType
    anonymous: bool

    @classmethod
    def of(cls, source: m.Source) -> SourceRef:
        return cls(id=source.id, name=source.name, type=source.type, anonymous=source.anonymous)


class SpeakerOut(SourceRef):
    mention: TextSpanOut | None = Field(description="Where the article names the speaker.")


class ArticleRef(BaseModel):
    id: int
    publisher: str | None
    published: date | None
    title: str | None
    url: str | None

    @classmethod
    def of(cls, article: m.Article) -> ArticleRef:
        return cls(id=article.id, publisher=article.publisher, published=article.published, title=article.title,
                   url=article.url)


class ClaimOut(BaseModel):
    id: int
    article: ArticleRef
    position: int = Field(description="1-based order of the claim in its article.")
    text: str
    start: int
    end: int
    kind: ClaimKind
    cue: TextSpanOut | None
    speaker: SpeakerOut | None
    relay: list[SourceRef] = Field(description="Outlets between the speaker and the reader, nearest to the "
                                   "speaker first, the publisher last.")
    confidence: float
    why: list[str] = Field(description="The engine's trace: the rules that decided the claim's cue, span, "
                           "speaker and each relay hop (empty for claims an analyst added).")
    review_status: ReviewStatus
    origin: Literal["engine", "analyst"]
    created_at: UtcDatetime
    updated_at: UtcDatetime
    story_id: int | None = Field(default=None, description="The story (claim cluster) the claim is in: "
                                 "GET /v1/stories/{story_id}.")
    also_reported_by: int = Field(default=0, description="How many other outlets carry the same claim.")

    @classmethod
    def of(cls, claim: m.Claim, article: m.Article | None = None) -> ClaimOut:
        """From a claim loaded as repository.get_claim does (or with `article` given: its article's claims)."""
        speaker = None
        if claim.speaker is not None:
            mention = None
            if claim.speaker_start is not None and claim.speaker_end is not None:
                mention = TextSpanOut(text=claim.speaker_text or "", start=claim.speaker_start, end=claim.speaker_end)
            speaker = SpeakerOut(**SourceRef.of(claim.speaker).model_dump(), mention=mention)
        cue = None
        if claim.cue_text is not None and claim.cue_start is not None and claim.cue_end is not None:
            cue = TextSpanOut(text=claim.cue_text, start=claim.cue_start, end=claim.cue_end)
        return cls(id=claim.id, article=ArticleRef.of(article if article is not None else claim.article),
                   position=claim.position, text=claim.text, start=claim.start, end=claim.end, kind=claim.kind,
                   cue=cue, speaker=speaker, relay=[SourceRef.of(r.source) for r in claim.relays],
                   confidence=claim.confidence, why=list(claim.why or []), review_status=claim.review_status,
                   origin=claim.origin, created_at=claim.created_at, updated_at=claim.updated_at)


class ArticleSummary(BaseModel):
    id: int
    publisher: str | None
    published: date | None
    title: str | None
    url: str | None
    language: str | None
    source_format: str
    pipeline_version: str
    created_at: UtcDatetime
    claim_count: int

    @classmethod
    def of(cls, article: m.Article, claim_count: int) -> ArticleSummary:
        return cls(id=article.id, publisher=article.publisher, published=article.published, title=article.title,
                   url=article.url, language=article.language, source_format=article.source_format,
                   pipeline_version=article.pipeline_version, created_at=article.created_at,
                   claim_count=claim_count)


class ArticleSource(SourceRef):
    affiliation: str | None
    descriptors: list[str]
    mentions: list[TextSpanOut] = Field(description="Where this article refers to the source.")


class ArticleDetail(ArticleSummary):
    text: str = Field(description="The article text all offsets refer to.")
    claims: list[ClaimOut]
    sources: list[ArticleSource]

    @classmethod
    def of(cls, article: m.Article) -> ArticleDetail:  # type: ignore[override]
        """From an article loaded as repository.get_article does."""
        mentions: dict[int, list[TextSpanOut]] = {}
        for mention in article.mentions:
            mentions.setdefault(mention.source_id, []).append(
                TextSpanOut(text=mention.text, start=mention.start, end=mention.end))
        sources = [ArticleSource(**SourceRef.of(s).model_dump(), affiliation=s.affiliation,
                                 descriptors=list(s.descriptors or []), mentions=mentions.get(s.id, []))
                   for s in article.sources]
        summary = ArticleSummary.of(article, len(article.claims)).model_dump()
        return cls(**summary, text=article.text, claims=[ClaimOut.of(c, article) for c in article.claims],
                   sources=sources)


class SourceOut(SourceRef):
    affiliation: str | None
    descriptors: list[str]
    aliases: list[str]
    article_id: int | None = Field(description="An anonymous source's article (anonymous sources belong to one).")
    merged_into_id: int | None = Field(description="Set when this source was merged into another.")
    created_at: UtcDatetime

    @classmethod
    def of(cls, source: m.Source) -> SourceOut:  # type: ignore[override]
        """From a source with its aliases loaded (repository.get_source, list_sources)."""
        return cls(**SourceRef.of(source).model_dump(), affiliation=source.affiliation,
                   descriptors=list(source.descriptors or []), aliases=[a.alias for a in source.aliases],
                   article_id=source.article_id, merged_into_id=source.merged_into_id, created_at=source.created_at)


class Count(BaseModel):
    key: str | None
    claims: int


class SourceEventOut(BaseModel):
    """A merge or an unmerge the source took part in (as the target or as the duplicate)."""

    id: int
    action: Literal["merge", "unmerge"]
    target: SourceRef = Field(description="The source the duplicate was merged into (or taken out of).")
    duplicate: SourceRef
    undoes_id: int | None = Field(description="For an unmerge: the merge it undid.")
    undone_by_id: int | None = Field(description="For a merge: the unmerge that undid it (null: in effect).")
    user: str | None = Field(description="The analyst who did it.")
    note: str | None
    created_at: UtcDatetime

    @classmethod
    def of(cls, row: m.SourceMerge, undone_by: m.SourceMerge | None = None) -> SourceEventOut:
        """From a record with its target, duplicate and user loaded (repository.source_profile)."""
        return cls(id=row.id, action=row.action, target=SourceRef.of(row.target), duplicate=SourceRef.of(row.duplicate),
                   undoes_id=row.undoes_id, undone_by_id=undone_by.id if undone_by is not None else None,
                   user=row.user.name if row.user is not None else None, note=row.note, created_at=row.created_at)


class SourceProfileOut(SourceOut):
    claim_count: int = Field(description="Claims it is the speaker of (rejected ones not counted).")
    relayed_count: int = Field(description="Claims it relayed (a hop of their relay).")
    by_publisher: list[Count] = Field(description="Its claims by the publisher of their article (key: publisher).")
    by_month: list[Count] = Field(description="Its claims by publication month (key: YYYY-MM, null: undated).")
    latest_claims: list[ClaimOut]
    history: list[SourceEventOut] = Field(description="Its merges and unmerges, oldest first.")

    @classmethod
    def of(cls, profile: SourceProfile) -> SourceProfileOut:  # type: ignore[override]
        undone = profile.undone
        return cls(**SourceOut.of(profile.source).model_dump(), claim_count=profile.claim_count,
                   relayed_count=profile.relayed_count,
                   by_publisher=[Count(key=k, claims=n) for k, n in profile.by_publisher],
                   by_month=[Count(key=k, claims=n) for k, n in profile.by_month],
                   latest_claims=[ClaimOut.of(c) for c in profile.latest_claims],
                   history=[SourceEventOut.of(row, undone.get(row.id)) for row in profile.history])


class ReviewOut(BaseModel):
    id: int
    claim_id: int
    action: Literal["accept", "reject", "correct", "create", "revert"]
    user: str = Field(description="The name of the analyst who decided.")
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None
    created_at: UtcDatetime

    @classmethod
    def of(cls, review: m.Review, user_name: str | None = None) -> ReviewOut:
        """From a review with its user loaded (repository.claim_history), or the user's name given."""
        return cls(id=review.id, claim_id=review.claim_id, action=review.action,
                   user=user_name if user_name is not None else review.user.name, before=review.before,
                   after=review.after, note=review.note, created_at=review.created_at)


class MergeOut(BaseModel):
    id: int
    action: Literal["merge", "unmerge"]
    target_id: int
    duplicate_id: int
    undoes_id: int | None = Field(description="For an unmerge: the merge it undid.")
    note: str | None
    details: dict[str, Any] = Field(description="What moved (a merge) or went back (an unmerge): aliases, claims, "
                                                "mentions, relayed claims; an unmerge's `kept` lists the claims "
                                                "changed since the merge, left as they are.")
    created_at: UtcDatetime
    target: SourceOut
    duplicate: SourceOut

    @classmethod
    def of(cls, merge: m.SourceMerge, target: m.Source, duplicate: m.Source) -> MergeOut:
        return cls(id=merge.id, action=merge.action, target_id=merge.target_id, duplicate_id=merge.duplicate_id,
                   undoes_id=merge.undoes_id, note=merge.note, details=merge.details, created_at=merge.created_at,
                   target=SourceOut.of(target), duplicate=SourceOut.of(duplicate))


class RelayEdgeOut(BaseModel):
    source_id: int
    source: str
    target_id: int | None = Field(description="Null when the target is a publisher no stored source names.")
    target: str
    claims: int

    @classmethod
    def of(cls, edge: RelayEdge) -> RelayEdgeOut:
        return cls(source_id=edge.source_id, source=edge.source, target_id=edge.target_id, target=edge.target,
                   claims=edge.claims)


class RelayNetwork(BaseModel):
    edges: list[RelayEdgeOut] = Field(description="Outlet → outlet, most claims first.")


class UserOut(BaseModel):
    id: int
    name: str
    role: Role


class KeyOut(BaseModel):
    id: int
    prefix: str = Field(description="The key's public part, which names it in logs and lists.")
    label: str | None
    user: UserOut
    created_at: UtcDatetime
    revoked_at: UtcDatetime | None


class NewKey(KeyOut):
    key: str = Field(description="The key itself: shown this once, the database keeps only its hash.")


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready"]
    database: str = Field(description="The database backend (sqlite, postgresql).")
    revision: str = Field(description="The migration the database is at.")
    pipeline: str = Field(description="The loaded spaCy pipeline and its components.")


# --- query parameters (models: FastAPI documents each field as a query parameter) --------------------------

class ClaimFilters(BaseModel):
    """The filters of `GET /v1/claims` and `GET /v1/export`; they combine with AND."""

    speaker: Annotated[Text, Field(max_length=300)] | None = Field(
        default=None, description="The speaker: a source id, or a name or alias (part of it, any case).")
    speaker_type: SourceType | None = Field(default=None, description="The speaker's type.")
    anonymous: bool | None = Field(default=None, description="Anonymous speakers only (true) or named ones (false).")
    publisher: ShortText | None = Field(default=None, description="The article's publisher (exact name).")
    outlet: Annotated[Text, Field(max_length=300)] | None = Field(
        default=None, description="An outlet anywhere in the relay: a source id, or its name or an alias (whole).")
    kind: ClaimKind | None = None
    review_status: ReviewStatus | None = None
    confidence_below: float | None = Field(default=None, ge=0, le=1, allow_inf_nan=False,
                                           description="Only claims whose confidence is below this.")
    published_from: IsoDate | None = Field(default=None, description="Articles published on or after (YYYY-MM-DD).")
    published_to: IsoDate | None = Field(default=None, description="Articles published on or before (YYYY-MM-DD).")
    q: Annotated[Text, Field(max_length=500)] | None = Field(default=None, description="Words in the claim's text.")
    article_id: Id | None = Field(default=None, description="Claims of one article.")

    def repository_filters(self) -> dict[str, Any]:
        """The keyword arguments of repository.list_claims."""
        out = self.model_dump(exclude={"speaker", "outlet", "cursor", "limit", "format"})
        for name in ("speaker", "outlet"):
            value = (getattr(self, name) or "").strip()
            # ASCII digits only: str.isdigit() also takes '²' and '①', which int() refuses
            if value.isascii() and value.isdigit():
                out[f"{name}_id"] = int(value) if int(value) <= MAX_ID else 0  # 0: no source has it
            elif value:
                out[name] = value
        return out


class ClaimQuery(ClaimFilters):
    cursor: Id | None = Field(default=None, description="`next_cursor` of the previous page.")
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT,
                       description=f"Items per page (default {DEFAULT_LIMIT}).")


class ExportQuery(ClaimFilters):
    format: Literal["jsonl", "csv", "jsonld"] = Field(
        default="jsonl", description="jsonl: one claim a line; csv: one claim a row; jsonld: W3C Web Annotations.")
