"""`whosaid eval --stories DIR`: ingest a story folder into a throwaway store and score the stories.

A story folder holds NN.txt + NN.gold.json (the gold format, with `publisher` and `published`) and
clusters.json (`{"clusters": [{"id", "origin", "members": [{"doc", "claim"}]}]}`). Predicted claims are
matched to gold claims per article by DESIGN.md's rule (`app.eval.scoring.match_one_to_one`); over the
matched claims the predicted stories are scored against the gold clusters with B-cubed precision, recall
and F1; a gold cluster over two or more articles has its origin right when the story that holds most of
its matched claims names the same origin (an outlet, or none). What costs recall and precision is listed
too: the gold clusters split over several stories, and the stories that mix gold clusters.
"""
from __future__ import annotations

import json
import random
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.eval.scoring import match_one_to_one
from app.store.models import Claim
from app.store.naming import name_key


class StoriesFolderError(ValueError):
    """A story folder that cannot be scored, with what is wrong."""


@dataclass
class StoryScore:
    name: str
    articles: int
    gold_claims: int
    matched: int
    gold_clusters: int
    predicted_stories: int
    precision: float
    recall: float
    f1: float
    multi_article_clusters: int
    origin_right: int
    origin_accuracy: float
    origin_misses: list[dict]
    split_clusters: list[dict] = field(default_factory=list)    # {"cluster", "stories": [claims per story]}
    mixed_stories: list[dict] = field(default_factory=list)     # {"clusters": {cluster: claims}}

    def to_dict(self) -> dict:
        return asdict(self)


def load_story_folder(folder: Path) -> tuple[dict[str, dict], dict[str, str], list[dict]]:
    """(gold per doc, text per doc, gold clusters), checked."""
    if not folder.is_dir():
        raise StoriesFolderError(f"{folder} is not a folder")
    clusters_path = folder / "clusters.json"
    if not clusters_path.is_file():
        raise StoriesFolderError(f"{folder} has no clusters.json")
    golds: dict[str, dict] = {}
    texts: dict[str, str] = {}
    for path in sorted(folder.glob("*.gold.json")):
        name = path.name[: -len(".gold.json")]
        golds[name] = json.loads(path.read_text(encoding="utf-8"))
        text_path = folder / golds[name].get("document", f"{name}.txt")
        if not text_path.is_file():
            raise StoriesFolderError(f"{path} names {text_path.name}, which is not in {folder}")
        texts[name] = text_path.read_text(encoding="utf-8")
    if not golds:
        raise StoriesFolderError(f"no *.gold.json files in {folder}")
    clusters = json.loads(clusters_path.read_text(encoding="utf-8")).get("clusters")
    if not isinstance(clusters, list):
        raise StoriesFolderError(f"{clusters_path} has no 'clusters' list")
    for c in clusters:
        for m in c.get("members", []):
            if m.get("doc") not in golds or not 0 <= m.get("claim", -1) < len(golds[m["doc"]]["claims"]):
                raise StoriesFolderError(f"{clusters_path}: cluster {c.get('id')} names {m}, which is no gold claim")
    return golds, texts, clusters


def bcubed(predicted: Sequence, gold: Sequence) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (`predicted[i]`, `gold[i]`: item i's cluster labels)."""
    if not predicted:
        return 0.0, 0.0, 0.0
    by_pred: dict = {}
    by_gold: dict = {}
    for i, (p, g) in enumerate(zip(predicted, gold)):
        by_pred.setdefault(p, set()).add(i)
        by_gold.setdefault(g, set()).add(i)
    precision = recall = 0.0
    for p, g in zip(predicted, gold):
        common = len(by_pred[p] & by_gold[g])
        precision += common / len(by_pred[p])
        recall += common / len(by_gold[g])
    precision /= len(predicted)
    recall /= len(predicted)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _same_outlet(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return name_key(a) == name_key(b)


def evaluate_story_folder(folder: Path, *, nlp=None, order: Sequence[str] | None = None,
                          progress: Callable[[str], None] | None = None) -> StoryScore:
    """Score the stories whosaid builds for one folder (see the module docstring); `order` ingests the
    articles in that order (default: by name)."""
    from app.core.db import make_engine, make_sessionmaker
    from app.services.ingest import ingest_article
    from app.store import migrate
    from app.stories.queries import get_story, story_of_claims

    golds, texts, clusters = load_story_folder(folder)
    names = list(order) if order is not None else sorted(golds)
    with tempfile.TemporaryDirectory(prefix="whosaid-stories-") as tmp:
        engine = make_engine(f"sqlite:///{tmp}/stories.db")
        try:
            migrate.upgrade(engine)
            with make_sessionmaker(engine)() as session:
                stored: dict[str, list[Claim]] = {}
                for name in names:
                    gold = golds[name]
                    result = ingest_article(session, texts[name], publisher=gold.get("publisher"),
                                            published=gold.get("published"), url=gold.get("url"), nlp=nlp)
                    stored[name] = list(session.scalars(select(Claim).where(Claim.article_id == result.article.id)
                                                        .order_by(Claim.position)).all())
                    if progress:
                        progress(name)
                gold_of = {(m["doc"], m["claim"]): c["id"] for c in clusters for m in c["members"]}
                matched: dict[tuple[str, int], int] = {}
                for name in names:
                    pairs = match_one_to_one([c["text"] for c in golds[name]["claims"]],
                                             [c.text for c in stored[name]])
                    for m in pairs:
                        matched[(name, m.gold)] = stored[name][m.pred].id
                story_of = story_of_claims(session, matched.values())
                keys = sorted(matched)
                precision, recall, f1 = bcubed([story_of[matched[k]] for k in keys], [gold_of[k] for k in keys])
                multi = [c for c in clusters if len({m["doc"] for m in c["members"]}) >= 2]
                right, misses = 0, []
                origins: dict[int, str | None] = {}
                for c in multi:
                    members = sorted((m["doc"], m["claim"]) for m in c["members"] if (m["doc"], m["claim"]) in matched)
                    in_stories = Counter(story_of[matched[k]] for k in members)
                    first = {}  # a tie goes to the story of the cluster's first member: story ids follow ingest order
                    for k in reversed(members):
                        first[story_of[matched[k]]] = k
                    predicted = None
                    if in_stories:
                        sid = min(in_stories, key=lambda s: (-in_stories[s], first[s]))
                        if sid not in origins:
                            origins[sid] = get_story(sid, session=session).origin
                        predicted = origins[sid]
                    if in_stories and _same_outlet(predicted, c.get("origin")):
                        right += 1
                    else:
                        misses.append({"cluster": c["id"], "gold": c.get("origin"), "predicted": predicted,
                                       "matched": sum(in_stories.values())})
                split, mixed = _split_and_mixed([story_of[matched[k]] for k in keys], [gold_of[k] for k in keys])
        finally:
            engine.dispose()
    return StoryScore(name=folder.name, articles=len(names), gold_claims=len(gold_of), matched=len(matched),
                      gold_clusters=len(clusters), predicted_stories=len(set(story_of.values())),
                      precision=precision, recall=recall, f1=f1, multi_article_clusters=len(multi),
                      origin_right=right, origin_accuracy=right / len(multi) if multi else 0.0, origin_misses=misses,
                      split_clusters=split, mixed_stories=mixed)


def _split_and_mixed(predicted: Sequence, gold: Sequence) -> tuple[list[dict], list[dict]]:
    """The gold clusters whose items fall in several predicted clusters (with the items in each, most
    first), and the predicted clusters that hold items of several gold clusters (with how many of each)."""
    pairs = Counter(zip(predicted, gold))
    by_gold: dict = {}
    by_pred: dict = {}
    for (p, g), n in pairs.items():
        by_gold.setdefault(g, []).append(n)
        by_pred.setdefault(p, {})[g] = n
    split = [{"cluster": g, "stories": sorted(ns, reverse=True)} for g, ns in sorted(by_gold.items()) if len(ns) > 1]
    mixed = sorted(({"clusters": dict(sorted(gs.items()))} for gs in by_pred.values() if len(gs) > 1),
                   key=lambda m: sorted(m["clusters"].items()))
    return split, mixed


def shuffled(names: Sequence[str], seed: int) -> list[str]:
    out = list(names)
    random.Random(seed).shuffle(out)
    return out
