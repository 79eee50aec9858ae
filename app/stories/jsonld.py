"""A story as schema.org `Claim` JSON-LD (what ClaimReview consumers read) with its relay chains as PROV-O.

The story is one `Claim`: `text` the first wording, `author` its speaker, `firstAppearance` and
`appearance` `CreativeWork`s (the articles, with publisher, date and url; each carries its own wording as
`quotation`). Each appearance's relay chain is PROV-O: the appearance `prov:wasDerivedFrom` an entity
standing for the statement as the next outlet toward the speaker published it.
"""
from __future__ import annotations

from typing import Any

from app.stories.queries import Member, Story

CONTEXT = {"@vocab": "https://schema.org/", "prov": "http://www.w3.org/ns/prov#"}


def _appearance(base: str, m: Member) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": f"{base}/articles/{m.article_id}#claim-{m.claim_id}",
        "@type": "CreativeWork",
        "quotation": m.text,
        "url": m.url,
        "headline": m.title,
        "datePublished": m.published.isoformat() if m.published else None,
        "publisher": {"@type": "Organization", "name": m.publisher} if m.publisher else None,
    }
    hops = [h for h in m.relay if h != m.publisher]
    if hops:
        chain = []
        for i, hop in enumerate(reversed(hops)):   # nearest to the publisher first
            chain.append({"@id": f"{node['@id']}/via/{i}", "@type": "prov:Entity",
                          "prov:wasAttributedTo": {"@type": "prov:Agent", "name": hop}})
        node["prov:wasDerivedFrom"] = chain[0]
        for a, b in zip(chain, chain[1:]):
            a["prov:wasDerivedFrom"] = b
    return {k: v for k, v in node.items() if v is not None}


def story_jsonld(story: Story, *, base: str = "whosaid:") -> dict[str, Any]:
    first = story.first
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": f"{base}/stories/{story.id}",
        "@type": "Claim",
        "text": first.text,
        "firstAppearance": _appearance(base, first),
        "appearance": [_appearance(base, m) for m in story.members],
    }
    named = [sp for sp in story.speakers if sp.type is not None]
    if named:  # the speaker most of its appearances name
        out["author"] = {"@type": "Person" if named[0].type == "person" else "Organization", "name": named[0].name}
    if story.origin:
        out["prov:wasAttributedTo"] = {"@type": "prov:Agent", "name": story.origin}
    return out
