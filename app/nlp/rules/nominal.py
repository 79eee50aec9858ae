"""A reporting noun with a "that" clause: "Trump's claim that Obama founded ISIS", "the ministry's
statement that ..."; the speaker is its possessor (or "by X")."""
from __future__ import annotations

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.evidence import Attribution
from app.nlp.mentions import mention_from_head
from app.nlp.rules.content import content_span


class NominalCue:
    name = "nominal"

    def applies(self, ctx: Context, tok: Token) -> bool:
        return tok.pos_ == "NOUN" and tok.lemma_.lower() in ctx.lexicon.cue_nouns

    def __call__(self, ctx: Context, noun: Token) -> Attribution | None:
        clause = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
        if clause is None:
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        how = "speaker: the possessor of the reporting noun"
        if owner is None:
            by = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            owner = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
            how = f"speaker: '{noun.text} by' its author"
        if owner is None:
            return None
        speaker = mention_from_head(ctx.doc, owner, ctx.lexicon)
        if speaker is None:
            return None
        span = content_span(ctx, clause)
        if span is None or len(ctx.text[span[0]:span[1]].split()) < 3:
            return None
        return Attribution(span[0], span[1], "indirect", "nominal", 0.6, cue=(noun.idx, noun.idx + len(noun)),
                           cue_token=noun.i, speaker=speaker,
                           why=(f"nominal: reporting noun '{noun.text}' with a 'that' clause", how))
