"""Reads the API needs that app.store.repository does not offer (same conventions: `*, session`)."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.models import ApiKey, Article, User


def article_texts(article_ids: Sequence[int], *, session: Session) -> dict[int, str]:
    """The texts of some articles (export builds quote selectors from them)."""
    if not article_ids:
        return {}
    return dict(session.execute(select(Article.id, Article.text).where(Article.id.in_(set(article_ids)))).all())


def article_count(*, session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Article)) or 0


def has_admin_key(*, session: Session) -> bool:
    """Whether any admin holds a key that is not revoked."""
    stmt = (select(ApiKey.id).join(ApiKey.user)
            .where(User.role == "admin", ApiKey.revoked_at.is_(None)).limit(1))
    return session.scalar(stmt) is not None
