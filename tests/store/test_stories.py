"""Stories: claims clustered at ingest, independent of ingest order; split and merge; first appearance,
origin, propagation and flagged changes; merge suggestions for spelling variants."""
from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from app.store.errors import AppendOnly, InvalidInput
from app.store.models import Article, Claim
from app.store import repository
from app.stories.models import ClaimBucket, StoryMember, StoryReview
from app.stories.queries import get_story, list_stories
from app.stories.review import merge_stories, split_story
from app.stories.suggestions import merge_suggestions

ARTICLES = {
    "unn": dict(text="Kirill Dmitriev told Axios that he spent three days in Miami with Witkoff. "
                     "The weather was cold, the mayor said.",
                publisher="UNN", published="2025-11-20",
                sources={"s1": {"name": "Kirill Dmitriev", "type": "person", "mentions": ["Kirill Dmitriev"]},
                         "s2": {"name": "Axios", "type": "outlet"}, "s3": {"name": "UNN", "type": "outlet"},
                         "s4": {"name": "mayor", "type": "anonymous"}},
                claims=[{"text": "he spent three days in Miami with Witkoff", "speaker": ("s1", "Kirill Dmitriev"),
                         "cue": "told", "relay": ["s2", "s3"]},
                        {"text": "The weather was cold", "speaker": ("s4", "the mayor"), "cue": "said",
                         "relay": ["s3"]}]),
    "newser": dict(text="Dmitriyev told Axios he held three days of talks with Witkoff in Miami.",
                   publisher="Newser", published="2025-11-19",
                   sources={"s1": {"name": "Dmitriyev", "type": "person", "mentions": ["Dmitriyev"]},
                            "s2": {"name": "Axios", "type": "outlet"}, "s3": {"name": "Newser", "type": "outlet"}},
                   claims=[{"text": "he held three days of talks with Witkoff in Miami",
                            "speaker": ("s1", "Dmitriyev"), "cue": "told", "relay": ["s2", "s3"]}]),
    "mashaher": dict(text="Dmitriev said he spent two days in Miami with Witkoff, Reuters reported.",
                     publisher="Mashaher", published=None,
                     sources={"s1": {"name": "Dmitriev", "type": "person", "mentions": ["Dmitriev"]},
                              "s2": {"name": "Axios", "type": "outlet"}, "s3": {"name": "Reuters", "type": "outlet"},
                              "s4": {"name": "Mashaher", "type": "outlet"}},
                     claims=[{"text": "he spent two days in Miami with Witkoff", "speaker": ("s1", "Dmitriev"),
                              "cue": "said", "relay": ["s2", "s3", "s4"]}]),
    "kyiv": dict(text="Volodymyr Zelenskyy said the army will not retreat from the eastern front.",
                 publisher="Kyiv Post", published="2025-11-21",
                 sources={"s1": {"name": "Volodymyr Zelenskyy", "type": "person", "mentions": ["Volodymyr Zelenskyy"]},
                          "s2": {"name": "Kyiv Post", "type": "outlet"}},
                 claims=[{"text": "the army will not retreat from the eastern front",
                          "speaker": ("s1", "Volodymyr Zelenskyy"), "cue": "said", "relay": ["s2"]}]),
    "bbc": dict(text="Zelensky said the Ukrainian army would not retreat from the eastern front line.",
                publisher="BBC", published="2025-11-21",
                sources={"s1": {"name": "Zelensky", "type": "person", "mentions": ["Zelensky"]},
                         "s2": {"name": "BBC", "type": "outlet"}},
                claims=[{"text": "the Ukrainian army would not retreat from the eastern front line",
                         "speaker": ("s1", "Zelensky"), "cue": "said", "relay": ["s2"]}]),
}


def partition(session) -> set[frozenset[tuple[str, int]]]:
    """The stories as sets of (publisher, claim position): comparable across stores and orders."""
    rows = session.execute(select(StoryMember.story_id, Claim.position, Claim.article_id)
                           .join(Claim, Claim.id == StoryMember.claim_id)).all()
    publishers = dict(session.execute(select(Article.id, Article.publisher)).all())
    stories: dict[int, set] = {}
    for story_id, position, article_id in rows:
        stories.setdefault(story_id, set()).add((publishers[article_id], position))
    return {frozenset(s) for s in stories.values()}


def store_all(store, names):
    return {name: store(**ARTICLES[name]).article for name in names}


def test_paraphrases_and_spelling_variants_form_one_story(session, store):
    store_all(store, ARTICLES)
    stories = partition(session)
    assert frozenset({("UNN", 1), ("Newser", 1), ("Mashaher", 1)}) in stories
    assert frozenset({("Kyiv Post", 1), ("BBC", 1)}) in stories
    assert frozenset({("UNN", 2)}) in stories   # another speaker, another statement
    assert len(stories) == 3


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_same_articles_in_any_order_give_the_same_stories(engine, seed):
    """Stored in a shuffled order (in a store of its own each time), the stories are the same."""
    from sqlalchemy.orm import Session

    from tests.store.conftest import build_annotation
    from app.services.ingest import store_annotation

    def stories_for(order):
        connection = engine.connect()
        outer = connection.begin()
        s = Session(bind=connection, join_transaction_mode="create_savepoint")
        try:
            for name in order:
                store_annotation(s, build_annotation(**ARTICLES[name]), pipeline_version="test")
            return partition(s)
        finally:
            s.close()
            outer.rollback()
            connection.close()

    names = sorted(ARTICLES)
    shuffled = names[:]
    random.Random(seed).shuffle(shuffled)
    assert stories_for(shuffled) == stories_for(names)


def test_candidates_come_from_the_bucket_index(session, store):
    """Every stored claim has buckets (MinHash bands, SimHash bands), and linked claims share one."""
    store_all(store, ["unn", "newser"])
    claims = session.scalars(select(Claim.id)).all()
    for claim_id in claims:
        assert session.scalar(select(func.count()).where(ClaimBucket.claim_id == claim_id)) > 16


def test_story_first_appearance_origin_propagation_and_changes(session, store):
    arts = store_all(store, ["unn", "newser", "mashaher"])
    story_id = session.scalar(select(StoryMember.story_id).join(Claim, Claim.id == StoryMember.claim_id)
                              .where(Claim.article_id == arts["unn"].id, Claim.position == 1))
    story = get_story(story_id, session=session)
    assert [m.publisher for m in story.members] == ["Newser", "UNN", "Mashaher"]  # by date, undated last
    assert story.first.publisher == "Newser"
    assert (story.origin, story.origin_count) == ("Axios", 3)
    edges = {(e.source, e.target): e.claims for e in story.edges}
    assert edges == {("Axios", "Newser"): 1, ("Axios", "UNN"): 1, ("Axios", "Reuters"): 1, ("Reuters", "Mashaher"): 1}
    by_claim = {c["claim_id"]: c for c in story.changes}
    mashaher = next(m for m in story.members if m.publisher == "Mashaher")
    kinds = {f["kind"] for f in by_claim[mashaher.claim_id]["flags"]}
    assert "number" in kinds   # three days -> two days
    assert any(s["change"] == "added" and "two" in s["text"] for s in by_claim[mashaher.claim_id]["segments"])


def test_split_and_merge_are_recorded_and_a_split_stands(session, store):
    user = repository.create_user(session=session, name="ann", role="analyst")
    arts = store_all(store, ["unn", "newser"])
    story_id = session.scalar(select(func.min(StoryMember.story_id)))
    members = session.scalars(select(StoryMember.claim_id).where(StoryMember.story_id == story_id)).all()
    assert len(members) == 2
    moved = max(members)
    rest_id, new_id = split_story(session=session, story_id=story_id, claim_ids=[moved], user_id=user.id,
                                  note="different trips")
    assert (rest_id, new_id) == (min(members), moved)
    # a third article matching both sides joins one of them only: the split stands
    store(**ARTICLES["mashaher"])
    assert session.scalar(select(StoryMember.story_id).where(StoryMember.claim_id == moved)) == moved
    assert session.scalar(select(func.count()).where(StoryMember.story_id == rest_id)) \
        + session.scalar(select(func.count()).where(StoryMember.story_id == new_id)) == 3
    merged = merge_stories(session=session, story_id=rest_id, other_id=new_id, user_id=user.id)
    assert merged == min(members)
    assert session.scalar(select(func.count()).where(StoryMember.story_id == merged)) == 3
    reviews = session.scalars(select(StoryReview).order_by(StoryReview.id)).all()
    assert [(r.action, r.user_id) for r in reviews] == [("split", user.id), ("merge", user.id)]
    assert reviews[0].note == "different trips"
    reviews[0].note = "changed"
    with pytest.raises(AppendOnly):
        session.flush()
    session.rollback()


def test_split_refuses_claims_outside_the_story_and_an_empty_rest(session, store):
    user = repository.create_user(session=session, name="bob", role="analyst")
    store_all(store, ["unn", "newser"])
    story_id = session.scalar(select(func.min(StoryMember.story_id)))
    members = session.scalars(select(StoryMember.claim_id).where(StoryMember.story_id == story_id)).all()
    with pytest.raises(InvalidInput, match="not in story"):
        split_story(session=session, story_id=story_id, claim_ids=[10**6], user_id=user.id)
    with pytest.raises(InvalidInput, match="at least one claim"):
        split_story(session=session, story_id=story_id, claim_ids=members, user_id=user.id)


def test_list_stories_filters_and_sorts(session, store):
    store_all(store, ARTICLES)
    stories = list_stories(session=session)
    assert [s.articles for s in stories] == [3, 2]       # at least two articles, biggest first
    assert [s.articles for s in list_stories(session=session, speaker="zelensk")] == [2]
    assert [s.articles for s in list_stories(session=session, outlet="axios")] == [3]
    assert [s.articles for s in list_stories(session=session, q="eastern front")] == [2]
    assert list_stories(session=session, sort="recent")[0].articles == 2   # BBC was stored last


def test_merge_suggestions_for_spelling_variants(session, store):
    store_all(store, ARTICLES)
    pairs = {frozenset((s.target, s.duplicate)) for s in merge_suggestions(session=session)}
    assert frozenset({"Volodymyr Zelenskyy", "Zelensky"}) in pairs
    assert frozenset({"Kirill Dmitriev", "Dmitriyev"}) in pairs or frozenset({"Kirill Dmitriev", "Dmitriev"}) in pairs
    assert not any("Zelensky" in " ".join(p) and "Dmitriev" in " ".join(p) for p in pairs)


def test_anonymous_sources_of_one_description_are_one_speaker_of_the_story(session, store):
    """'a Ukrainian official' quoted with one remark by two outlets: two anonymous sources (one per
    article), one speaker of the story."""
    for publisher in ("UNN", "Kyiv Independent"):
        store(text="A Ukrainian official said the bridge at Zatoka was hit twice overnight.", publisher=publisher,
              sources={"s1": {"name": "Ukrainian official", "type": "anonymous", "affiliation": "Ukraine"},
                       "s2": {"name": publisher, "type": "outlet"}},
              claims=[{"text": "the bridge at Zatoka was hit twice overnight",
                       "speaker": ("s1", "A Ukrainian official"), "cue": "said", "relay": ["s2"]}])
    story_id = session.scalar(select(func.min(StoryMember.story_id)))
    story = get_story(story_id, session=session)
    assert len(story.members) == 2
    [speaker] = story.speakers
    assert (speaker.name, speaker.type, speaker.articles, len(speaker.source_ids)) == \
        ("Ukrainian official", "anonymous", 2, 2)


def test_anonymous_sources_of_compatible_descriptions_are_one_speaker_of_the_story(session, store):
    """'a Ukrainian official', 'Ukrainian officials' and 'a senior Ukrainian official' quoted with one remark
    by three outlets: three anonymous sources (one per article), one speaker of the story, with the three
    descriptions; 'U.S. officials' quoted with the same remark stays a speaker of its own."""
    for publisher, description in (("UNN", "A Ukrainian official"), ("Kyiv Independent", "Ukrainian officials"),
                                   ("Ukrainska Pravda", "A senior Ukrainian official"), ("CNN", "U.S. officials")):
        text = f"{description} said the bridge at Zatoka was hit twice overnight."
        store(text=text, publisher=publisher,
              sources={"s1": {"name": description.removeprefix("A "), "type": "anonymous",
                              "mentions": [description]},
                       "s2": {"name": publisher, "type": "outlet"}},
              claims=[{"text": "the bridge at Zatoka was hit twice overnight",
                       "speaker": ("s1", description), "cue": "said", "relay": ["s2"]}])
    story = get_story(session.scalar(select(func.min(StoryMember.story_id))), session=session)
    assert story.articles == 4
    ukrainian, american = story.speakers
    assert (ukrainian.type, ukrainian.articles, len(ukrainian.source_ids)) == ("anonymous", 3, 3)
    assert ukrainian.name == "Ukrainian official"   # the shortest of descriptions used once each
    assert sorted(ukrainian.descriptions) == ["Ukrainian official", "Ukrainian officials",
                                              "senior Ukrainian official"]
    assert (american.name, american.articles, american.descriptions) == ("U.S. officials", 1, ["U.S. officials"])


def test_a_claim_with_no_content_words_and_no_speaker_is_stored(session, store):
    """Regression: a claim with nothing to index (stop words only, no speaker) has no buckets, and storing
    it inserted a bucket row of NULLs (NOT NULL constraint failed: claim_buckets.bucket)."""
    result = store(text="It was said that it was so.", publisher="UNN",
                   sources={"s1": {"name": "UNN", "type": "outlet"}},
                   claims=[{"text": "it was so", "cue": "said", "relay": ["s1"]}])
    claim_id = session.scalar(select(Claim.id).where(Claim.article_id == result.article.id))
    assert session.scalar(select(StoryMember.story_id).where(StoryMember.claim_id == claim_id)) == claim_id
    assert session.scalar(select(func.count()).where(ClaimBucket.claim_id == claim_id)) == 0
