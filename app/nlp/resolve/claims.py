"""Attributions in, claims out: quotations inside reported speech, attributions nested in other
attributions, duplicates, and furniture. Every step builds new objects; the rules' evidence is only read.
"""
from __future__ import annotations

import re
from dataclasses import replace

from app.nlp.context import Context
from app.nlp.evidence import Attribution, Claim, Hop
from app.nlp.rules.base import Found
from app.nlp.rules.hops import outlet_mention

def resolve_claims(ctx: Context, found: Found) -> list[Claim]:
    attributions = _resolve_nesting(ctx, found.current())
    closers = {q.close_mark: q.open_mark for q in ctx.quotes if q.close_mark is not None}
    openers = {q.open_mark: q.close_mark for q in ctx.quotes if q.close_mark is not None}
    settled = []
    for a in attributions:
        if a.start <= closers.get(a.end, -1):
            a = replace(a, end=a.end + 1)  # keep the closing mark of a quotation the span opened: called it "unexpected"
        if a.kind == "mixed" and a.start - 1 in openers and openers[a.start - 1] < a.end:
            a = replace(a, start=a.start - 1)  # and the opening mark of one it closes: '"no decisions" on taxes
        span = ctx.text[a.start:a.end]
        if ctx.text[a.end:a.end + 1] in (")", "]") and span.count("(") + span.count("[") > span.count(")") + span.count("]"):
            a = replace(a, end=a.end + 1)  # "... local time (1639 UTC), according to police": the bracket it opened
        settled.append(a)
    kept = []
    for a in settled:
        a = _outside_furniture(ctx, a, found.furniture)
        if a is not None and not _teaser(ctx, a) and not _nobody(ctx, a) and not _to_the_reader(ctx, a):
            kept.append(a)
    kept.sort(key=lambda a: (a.start, a.end))
    return [Claim(a, paragraph=ctx.paragraph(a.start)) for a in _dedupe(ctx, kept)]


def _outside_furniture(ctx: Context, a: Attribution, furniture) -> Attribution | None:
    """A claim in a line of page furniture is none; a claim running on from a dateline (and the headline
    glued before it) starts after it."""
    for f in furniture:
        if f.kind == "dateline" and a.speaker is not None and f.start <= a.speaker.start < f.end < a.speaker.end \
                and ctx.doc[a.speaker.head].idx >= f.end:
            # "WILMINGTON, Del, Feb 26 - The Columbia Gas Systems Inc said ...": the speaker starts after it
            start = f.end
            while start < a.speaker.end and ctx.text[start].isspace():
                start += 1
            a = replace(a, speaker=replace(a.speaker, start=start))
        if not f.start <= a.start < f.end:
            continue
        if f.kind != "dateline" or a.end <= f.end:
            return None
        start = f.end
        while start < a.end and ctx.text[start].isspace():
            start += 1
        if a.cue is not None and a.cue[0] < start <= a.cue[1]:
            return None
        return replace(a, start=start, why=a.why + ("starts after the dateline",))
    return a


_NOBODY = ("nobody", "none", "no-one", "noone")


def _nobody(ctx: Context, a: Attribution) -> bool:
    """"No organization claimed credit", "Nobody said ...": a speaker the text says there is none of."""
    if a.speaker is None:
        return False
    head = ctx.doc[a.speaker.head]
    return head.lower_ in _NOBODY or any(c.dep_ == "det" and c.lower_ == "no" for c in head.children)


def _to_the_reader(ctx: Context, a: Attribution) -> bool:
    """"There is no paywall on the story you just read because ...": the page speaking to its reader, whose
    cue has "you" for its subject outside any quotation."""
    if a.cue_token is None or ctx.in_quote[a.cue_token] >= 0:
        return False
    return any(c.dep_ == "nsubj" and c.lower_ == "you" for c in ctx.doc[a.cue_token].children)


def _teaser(ctx: Context, a: Attribution) -> bool:
    """A "Read also: ..." line links another article; its headline is no claim of this one."""
    start = ctx.para_starts[ctx.paragraph(a.start)]
    teaser = ctx.lexicon.compiled("teaser opening", lambda lex: re.compile(
        "|".join(re.escape(p).replace("\\ ", " ") + (r"\b" if p[-1].isalnum() else "")
                 for p, kind in lex.furniture.items() if kind == "teaser") or "(?!)", re.IGNORECASE))
    return bool(teaser.match(ctx.text, start)) and ctx.text.find(":", start, start + 16) >= 0


def _personal(ctx: Context, a: Attribution) -> bool:
    """A named person or an anonymous source: someone who speaks, not an institution that acts."""
    if a.speaker is None:
        return False
    return a.speaker.form == "anonymous" or ctx.doc[a.speaker.head].ent_type_ == "PERSON"


def _speaks(ctx: Context, a: Attribution) -> bool:
    """The attribution names someone who can speak: a name, a pointer, an unnamed source, an outlet, a
    document; not a thing ("transcripts ... which confirm the words of the minister")."""
    if a.speaker is None:
        return True  # (an agentless cue: "it is reported that")
    head = ctx.doc[a.speaker.head]
    return a.speaker.form != "other" or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") \
        or ctx.lexicon.is_institution(head) \
        or ctx.lexicon.is_word("title", head.lemma_.lower())  # "police", "the army", "Trump's envoy"


def _resolve_nesting(ctx: Context, candidates: list[Attribution]) -> list[Attribution]:
    """`The publication adds that an American official confirmed that X`: an outlet reporting another
    source's claim is a relay hop of the inner claim, not a claim of its own. A person's claim that
    contains another cue ("noted that the White House believes ...") stays one claim."""
    cands = list(candidates)
    drop: set[int] = set()
    by_pos = sorted(range(len(cands)), key=lambda k: cands[k].start)
    for a in by_pos:
        if cands[a].kind == "according_to" and cands[a].rule != "according_to" or a in drop:
            continue  # (an act dropped inside an outlet's report holds nothing: "X criticized plans as the
            # government warns that ..., AFP reported" keeps the government's claim, relayed by AFP)
        for b in by_pos:
            outer, inner = cands[a], cands[b]
            if a == b or b in drop:
                continue
            if inner.cue is None or not (outer.start <= inner.cue[0] and inner.cue[1] <= outer.end):
                continue
            if not (outer.start <= inner.start and inner.end <= _with_closing_marks(ctx.text, outer.end)):
                continue  # (a quotation ending the outer span keeps its stop: 'that "... role."')
            if (governing := _governing(ctx, inner, outer)) is not None:
                # the 'according to' frame ran over the cue that governs its sentence: that cue's claim
                cands[b] = governing
                drop.add(a)
                break
            outer_is_outlet = outer.speaker is not None and (outer.speaker.form in ("outlet", "nominal_outlet") or (
                # "Ana Rojas indicated that ..., said report": a report relays what it reports someone said; the
                # speakers' step keeps it as a hop only where it is an outlet's report
                outer.speaker.form == "document" and inner.speaker is not None
                and outer.speaker.start > inner.speaker.end))
            if inner.kind == "direct" and inner.rule in ("after", "before", "continued", "dash_quote") and not (
                    outer_is_outlet and inner.speaker is not None and outer.start <= inner.speaker.start < outer.end):
                # a quotation the outer reported speech already carries: mixed, one claim (but `"A," X said,
                # according to CNBC`: the quotation and its attribution are what the outlet reports)
                drop.add(b)
                continue
            if inner.speaker is not None and not (outer.start <= inner.speaker.start < outer.end) \
                    and inner.cue[0] > inner.speaker.end and not (
                        outer.speaker is not None and outer.cue is not None
                        and outer.cue[1] <= inner.speaker.start and inner.speaker.start != outer.speaker.start):
                # "reported that A, and called the demand B": the same speaker's second cue, coordinated
                # into the first one's clause by the parser — two claims; the first ends before the second cue
                text = ctx.text
                cut = text.rfind(",", outer.start, inner.cue[0])
                end = cut if cut > outer.start else inner.cue[0]
                while end > outer.start and (text[end - 1].isspace() or text[end - 1] in ",;"):
                    end -= 1
                if text[end - 4:end] == " and":
                    end -= 4
                if outer.rule == "object" and not ctx.quotes_within(outer.start - 1, end + 1):
                    # "rejected the accusations, saying in a statement that ...": a cue's plain noun object,
                    # cut before the same speaker's second cue, is no claim
                    drop.add(a)
                    break
                if end - outer.start > 10:
                    kind = outer.kind
                    if kind == "mixed" and not ctx.quotes_within(outer.start - 1, end + 1):
                        kind = "indirect"  # the quotation went with the second cue
                    cands[a] = replace(outer, end=end, kind=kind,
                                       why=outer.why + (f"ends before the same speaker's next cue '{text[inner.cue[0]:inner.cue[1]]}'",))
                continue
            if inner.rule in ("object", "misparsed", "nominal") and not (inner.kind == "mixed" and _personal(ctx, inner)) \
                    and not (inner.speaker is not None and inner.speaker.form == "anonymous") \
                    or not _speaks(ctx, inner):
                # "Axios reports that the US has proposed a plan": an act inside reported content is
                # part of what the outer source reported, not a claim of its own (but "Politico notes
                # that spokesman X called the plan "Y"", quoting a person, is X's claim relayed by Politico)
                drop.add(b)
                continue
            if outer_is_outlet and _subordinate(ctx, outer, inner):
                # "Groups have criticized plans to restart reactors as the government warns that ..., AFP
                # reported": a cue in a clause that describes the reported act is part of what the outlet
                # reports; the outlet's claim stays
                drop.add(b)
                continue
            if outer_is_outlet and inner.cue_token is not None and ctx.doc[inner.cue_token].dep_ == "relcl" \
                    and ctx.lexicon.cue_category(ctx.doc[inner.cue_token].lemma_.lower()) == "finding":
                # "X rejected the early results which showed Y, reports Xinhua": what the results showed
                # describes the thing X rejected, inside what the outlet reports; the outlet's claim stays
                drop.add(b)
                continue
            if outer_is_outlet or (outer.agentless and outer.speaker is None):
                hops = inner.hops
                why = inner.why
                sets_frame = inner.sets_frame
                if outer.speaker is not None:
                    name = ctx.text[outer.speaker.start:outer.speaker.end]
                    hops = (*hops, Hop(outer.speaker, f"hop {name}: the outlet reports the claim"), *outer.hops)
                    why, sets_frame = why + (f"nested in what {name} reports",), True
                cands[b] = replace(inner, hops=hops, why=why, sets_frame=sets_frame,
                                   agentless=inner.agentless and outer.agentless)
                drop.add(a)
                break
            if outer.speaker is None and inner.speaker is not None and not outer.agentless:
                # "A, the deputy minister said at a briefing, reports UNN": the credit's cue found no
                # speaker; the attributed claim inside it is the claim
                drop.add(a)
                break
            drop.add(b)
    return [c for k, c in enumerate(cands) if k not in drop]


def _subordinate(ctx: Context, outer: Attribution, inner: Attribution) -> bool:
    """The inner cue opens an adverbial clause of another verb inside the outer claim's content (not of
    the content's own cue): "have criticized plans to restart reactors as the government warns that ...".
    (Set off by a comma it is as often a frame of the speaker's words: "..., as the minister said.")"""
    if inner.cue_token is None or outer.cue_token is None:
        return False
    tok, top = ctx.doc[inner.cue_token], ctx.doc[outer.cue_token]
    edge = tok.left_edge.i
    if tok.dep_ != "advcl" or edge == 0 or ctx.doc[edge - 1].text == ",":
        return False
    if not any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in tok.children):
        return False  # "will fall next month as the government said last week": a frame, with no content of its own
    return tok.head != top and tok.head.pos_ == "VERB" and top in tok.head.ancestors


def _with_closing_marks(text: str, end: int) -> int:
    """`end` moved over the stops and closing quotation marks right after it."""
    while end < len(text) and text[end] in ".,;!?\"\u201d\u2019'":
        end += 1
    return end


def _dedupe(ctx: Context, candidates: list[Attribution]) -> list[Attribution]:
    out: list[Attribution] = []
    for c in candidates:
        if out and _overlap(out[-1], c) > 0.6:
            if (kept := _quoted_inside(ctx, out[-1], c) or _quoted_inside(ctx, c, out[-1])) is not None:
                out[-1] = kept
            elif c.confidence > out[-1].confidence:
                out[-1] = c
            continue
        out.append(c)
    return out


_QUOTE_RULES = ("after", "before", "continued", "dash_quote")


def _quoted_inside(ctx: Context, outer: Attribution, inner: Attribution) -> Attribution | None:
    """`He added that the market was "under full control." He declined to comment`: a quotation that ends
    reported speech is part of it, whatever cue a neighbouring sentence offers it; one mixed claim."""
    if not (inner.kind == "direct" and inner.rule in _QUOTE_RULES and outer.kind in ("indirect", "mixed")
            and outer.cue is not None and outer.start <= inner.start and inner.end <= outer.end + 1
            and outer.end - outer.start > inner.end - inner.start):
        return None
    end = max(outer.end, inner.end)
    if any(q.close_mark == end and q.open_mark >= outer.start for q in ctx.quotes):
        end += 1  # with its closing mark
    return replace(outer, kind="mixed", end=end,
                   why=outer.why + ("the quotation inside it is part of what was reported",))


def _governing(ctx: Context, outer: Attribution, inner: Attribution) -> Attribution | None:
    """`According to an estimate, output fell, Jane Obi said`: the 'according to' phrase hangs inside the
    content of a cue that governs the sentence, so the claim is that cue's speaker's, and the estimate an
    attribution nested in it (optional by the guidelines). An outlet the phrase names ("according to
    Axios") is a hop of the claim."""
    if inner.kind != "according_to" or outer.kind == "according_to" or None in (inner.cue_token, outer.cue_token) \
            or outer.rule in ("object", "misparsed", "nominal"):
        return None  # ("The hackers demanded a payment, according to the messages": an act the messages report)
    cue = ctx.doc[outer.cue_token]
    if ctx.lexicon.cue_category(cue.lemma_.lower()) == "belief" and outer.speaker is not None \
            and inner.cue[0] < outer.speaker.start:
        return None  # "According to Meduza's sources, Putin thought that ...": what he thought is their claim
    # the cue governs the sentence, or hangs on one that does ("the newspaper said, stressing that ..."); not
    # "The firm paid criminals who ... and claimed they had ..., according to chat logs": the parser's conjunction
    governs = cue.dep_ == "ROOT" or ctx.lexicon.cue_category(cue.head.lemma_.lower()) is not None
    if not governs or cue not in ctx.doc[inner.cue_token].ancestors:
        return None
    name = ctx.text[inner.cue[0]:inner.speaker.end] if inner.cue and inner.speaker else "according to"
    if outer.speaker is not None and outer.speaker.form in ("outlet", "nominal_outlet") and inner.speaker is not None \
            and inner.speaker.form not in ("outlet", "nominal_outlet"):
        # "A, according to authorities, Anadolu reports": the outlet reports what the source it names said
        reporter = ctx.text[outer.speaker.start:outer.speaker.end]
        return replace(outer, speaker=inner.speaker,
                       hops=(*inner.hops, Hop(outer.speaker, f"hop {reporter}: the outlet reports the claim"), *outer.hops),
                       sets_frame=True, why=outer.why[:1] + (f"speaker: the source '{name}' names in what {reporter} reports",)
                       + outer.why[2:])
    outlet = inner.speaker if inner.speaker is None or inner.speaker.form in ("outlet", "nominal_outlet") \
        else outlet_mention(ctx, ctx.doc[inner.speaker.head])  # ("according to Tolo News TV": shaped like one)
    if outlet is not None:
        return replace(outer, hops=(*outer.hops, Hop(outlet, f"hop {ctx.text[outlet.start:outlet.end]}:"
                                                                     f" '{name}' inside the claim")),
                       sets_frame=True, why=outer.why + (f"'{name}' is nested in it",))
    return replace(outer, why=outer.why + (f"'{name}' is nested in it",))


def _overlap(a: Attribution, b: Attribution) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    return inter / min(a.end - a.start, b.end - b.start)
