"""A list of one speaker's statements under a line that announces it: "TASS has compiled the key statements
of the Kremlin representative." then bullet lines ("- Russia and the United States cannot agree on
everything: "But there is a political will ...""), under subheadings ("About UAV attacks") or not. Each
bullet is a claim of that speaker, relayed by whoever compiled the list (an outlet: a hop); a bullet that
paraphrases and then quotes after a colon is two claims, the paraphrase and the quotation. What other rules
read inside the bullets (a quotation's neighbouring verb taken for its cue) gives way.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from app.nlp.context import Context
from app.nlp.evidence import Attribution, Supersede
from app.nlp.mentions import mention_from_head
from app.nlp.rules.base import Found
from app.nlp.rules.hops import hop, outlet_mention

_BULLET = re.compile(r"[ \t]*[-\u2010-\u2015*\u2022\u00b7\u25aa\u25cf][ \t]+")
# a paraphrase, a colon, then the quotation: 'X cannot agree on everything: "But there is ..."'
_QUOTED_TAIL = re.compile(r":[ \t]*[\"\u201c](?P<quote>[^\"\u201d\n]+)[\"\u201d][ \t.]*$")
_HEADING_WORDS = 10


class CompiledStatements:
    name = "compiled"

    def __call__(self, ctx: Context, found: Found) -> Iterator[Attribution | Supersede]:
        doc, text = ctx.doc, ctx.text
        for s0, s1 in ctx.sents:
            verb = next((t for t in doc[s0:s1] if t.dep_ == "ROOT"), None)
            if verb is None or ctx.in_quote[verb.i] >= 0 or not ctx.lexicon.is_word("compile_verb", verb.lemma_):
                continue
            speaker = _whose_statements(ctx, verb)
            if speaker is None:
                continue
            compiler = outlet_mention(ctx, next((c for c in verb.children if c.dep_ == "nsubj"), None))
            hops = (hop(ctx, compiler, f"'{verb.text}' the speaker's statements"),) if compiler is not None else ()
            last = next(t for t in reversed(doc[s0:s1]) if not t.is_space)  # (the sentence may end with its line break)
            sentence_end = last.idx + len(last)
            line_end = text.find("\n", sentence_end)
            if line_end < 0 or text[sentence_end:line_end].strip():
                continue  # the announcement ends its line
            bullets = list(_bullets(text, line_end + 1))
            if not bullets:
                continue
            cue = (verb.idx, verb.idx + len(verb))
            why = (f"{self.name}: a bullet under '{doc[s0:s1].text.strip()[:60]}'", "speaker: whose statements the list holds")
            lo, hi = bullets[0][0], bullets[-1][1]
            for a in found.current():
                if lo <= a.start < hi:
                    yield Supersede(a.cue_token, "a bullet of a compiled list of statements", span=(a.start, a.end))
            for start, end in bullets:
                line = text[start:end]
                tail = _QUOTED_TAIL.search(line)
                if tail is not None and tail.start() > 0:
                    head_end = start + tail.start()
                    quote = (start + tail.start("quote"), start + tail.end("quote"))
                    yield _claim(ctx, start, head_end, "mixed" if _quotes(text[start:head_end]) else "indirect",
                                 cue, verb, speaker, hops, why)
                    yield _claim(ctx, *quote, "direct", cue, verb, speaker, hops, why)
                else:
                    yield _claim(ctx, start, end, "mixed" if _quotes(line) else "indirect", cue, verb, speaker, hops, why)


def _whose_statements(ctx: Context, verb: Token):
    """The speaker of "compiled the key statements of X" / "X's key statements"; None unless the object is
    a word for what a speaker says."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or not (ctx.lexicon.is_word("interview_noun", obj.lower_) or ctx.lexicon.is_word("interview_noun", obj.lemma_)):
        return None
    owner = next((c for c in obj.children if c.dep_ == "poss"), None)
    if owner is None:
        of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    return mention_from_head(ctx.doc, owner, ctx.lexicon) if owner is not None and owner.pos_ != "PRON" else None


def _bullets(text: str, at: int) -> Iterator[tuple[int, int]]:
    """The bullet lines from `at` on (the text after the marker), past short subheadings between them, up
    to the first line that is neither."""
    for m in re.finditer(r"[^\n]*", text[at:]):
        line = m.group()
        if not line.strip():
            continue
        start, end = at + m.start(), at + m.end()
        bullet = _BULLET.match(line)
        if bullet is not None:
            s = start + bullet.end()
            e = end
            while e > s and text[e - 1].isspace():
                e -= 1
            yield s, e
        elif len(line.split()) > _HEADING_WORDS or line.rstrip()[-1:] in ".!?\"\u201d":
            return  # (a subheading, "About UAV attacks", stays between bullets)


def _quotes(span: str) -> bool:
    return any(mark in span for mark in "\"\u201c\u201d")


def _claim(ctx: Context, start: int, end: int, kind: str, cue, verb: Token, speaker, hops, why) -> Attribution:
    while end > start and ctx.text[end - 1] in " \t,;:":
        end -= 1
    # (the list frames nothing after it: the compiler is a hop of its bullets alone)
    return Attribution(start, end, kind, CompiledStatements.name, 0.75, cue, verb.i, speaker, hops, why=why)
