"""`TASS claims that troops took the village. The agency cites the Defense Ministry.`: the next sentence
names the outlet's source; the claim becomes the source's, relayed by the outlet (a Recast)."""
from __future__ import annotations

from collections.abc import Iterator

from app.nlp.context import Context
from app.nlp.evidence import Recast
from app.nlp.mentions import mention_from_head
from app.nlp.rules.base import Found
from app.nlp.rules.cues import CONTENT_DEPS


class CitedAfter:
    name = "cited_after"

    def __call__(self, ctx: Context, found: Found) -> Iterator[Recast]:
        doc = ctx.doc
        claims = found.current()
        for n, (s0, s1) in enumerate(ctx.sents):
            if n == 0:
                continue
            root = next((t for t in doc[s0:s1] if t.dep_ == "ROOT"), None)
            if root is None or not ctx.lexicon.is_word("quoting_verb", root.lemma_) or ctx.in_quote[root.i] >= 0:
                continue
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            obj = next((c for c in root.children if c.dep_ == "dobj"), None)
            if subj is None or obj is None or any(c.dep_ in CONTENT_DEPS or c.lower_ == "as" for c in root.children):
                continue  # ("It cited the Air Force as stating ...": a claim of its own, the quoted-as rule's)
            reporter = mention_from_head(doc, subj, ctx.lexicon)
            cited = mention_from_head(doc, obj, ctx.lexicon)
            if reporter is None or cited is None or reporter.form not in ("outlet", "nominal_outlet") and subj.lower_ != "it":
                continue
            p0 = ctx.sents[n - 1][0]
            for claim in claims:
                if doc[p0].idx <= claim.start < doc[s0].idx and claim.speaker is not None \
                        and claim.speaker.form in ("outlet", "nominal_outlet") and not claim.hops:
                    outlet = ctx.text[claim.speaker.start:claim.speaker.end]
                    yield Recast(claim.cue_token, cited,
                                 f"hop {outlet}: the next sentence says whom it cites ('{root.text}')")
