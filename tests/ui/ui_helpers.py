"""Helpers of the UI tests: articles stored straight from an annotation (no spaCy), and reading pages."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from app.schemas.annotation import Annotation
from app.services.ingest import store_annotation
from app.store import repository
from app.store.models import Claim, Source


@dataclass(frozen=True)
class Said:
    """One claim of a made-up article: `speaker` (None: no speaker) said it."""

    speaker: str | None
    type: str = "person"
    confidence: float = 0.9
    anonymous: bool = False


@dataclass(frozen=True)
class Stored:
    article_id: int
    claim_ids: list[int]
    source_ids: dict[str, int]  # speaker name -> stored source id


def store_article(sessionmaker, title: str, said: list[Said], *, publisher: str = "Test Wire",
                  published: str | None = "2025-11-19", status: dict[int, str] | None = None) -> Stored:
    """An article `"{speaker} said that {title}, point {i}. ..."` with one claim per `said`, stored as the
    engine's; `status` sets claims' review status by index (an analyst's decision, as the repository makes it)."""
    parts, claims, sources = [], [], {}
    offset = 0
    for i, s in enumerate(said):
        who = s.speaker or "It was reported"
        sentence = f"{who} said that {title}, point {i + 1}, holds. "
        start = offset + sentence.index(title)
        end = start + len(f"{title}, point {i + 1}, holds")
        claim = {"id": f"c{i + 1}", "text": None, "start": start, "end": end, "kind": "indirect",
                 "cue": {"text": "said", "start": offset + sentence.index("said"),
                         "end": offset + sentence.index("said") + 4},
                 "speaker": None, "relay": [], "confidence": s.confidence}
        if s.speaker is not None:
            sid = sources.setdefault(s.speaker, {"id": f"s{len(sources) + 1}", "name": s.speaker, "type": s.type,
                                                 "anonymous": s.anonymous})["id"]
            claim["speaker"] = {"source": sid, "text": s.speaker, "start": offset, "end": offset + len(s.speaker)}
        claims.append(claim)
        parts.append(sentence)
        offset += len(sentence)
    text = "".join(parts)
    for claim in claims:
        claim["text"] = text[claim["start"]:claim["end"]]
    annotation = Annotation.model_validate({"text": text, "publisher": publisher, "published": published,
                                            "title": title, "claims": claims, "sources": list(sources.values())})
    with sessionmaker() as session:
        article_id = store_annotation(session, annotation, pipeline_version="tests").article.id
        session.commit()
        rows = session.execute(select(Claim.id, Source.name, Source.id).outerjoin(Claim.speaker)
                               .where(Claim.article_id == article_id).order_by(Claim.position)).all()
        claim_ids = [claim_id for claim_id, _, _ in rows]
        source_ids = {name: source_id for _, name, source_id in rows if name is not None}
        analyst = repository.get_user_by_name("ui-analyst", session=session)
        for index, action in (status or {}).items():
            repository.review_claim(session=session, claim_id=claim_ids[index], user_id=analyst.id, action=action)
        session.commit()
    return Stored(article_id, claim_ids, source_ids)


def inbox_ids(html: str) -> list[int]:
    """The article ids the inbox lists, in order."""
    table = html.split('<table class="articles">', 1)[-1] if '<table class="articles">' in html else ""
    return [int(n) for n in re.findall(r'<td><a href="/ui/articles/(\d+)"', table)]
