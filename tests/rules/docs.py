"""Parsed Docs built by hand, so the engine's rules can be tested without loading a spaCy model
(spaCy's own rule for testing a component: ``Doc(vocab, words=..., heads=..., deps=...)``).

A parse is written as a table, one token a row::

    i  word       head  dep       pos    tag   lemma     ent
    0  Olena      1     compound  PROPN  NNP   -         B-PERSON
    1  Marchenko  2     nsubj     PROPN  NNP   -         I-PERSON
    2  told       2     ROOT      VERB   VBD   tell
    3  Reuters    2     dobj      PROPN  NNP   -         B-ORG

Lines starting with ``#`` are comments. ``i`` is the row's number (checked, so that heads can be read
against it); ``head`` is the row number of the token's head (a root points at itself); labels are those
of spaCy's English pipelines (ClearNLP style: nsubj, ccomp, dobj, dative, prep, pobj, poss, appos, relcl,
advcl, parataxis, agent, ...). The last two columns may be left out: a lemma ``-`` (or none) is the word
itself, lowercased unless it is a proper noun; an entity ``-``/``O`` (or none) is outside any entity.

The words must spell the text in order. Whitespace between two words other than a single space (a
paragraph break) becomes a whitespace token of its own, as spaCy's tokenizer makes it, attached to the
word before it; it takes no row in the table. Sentences follow from the parse: each root and its
subtree is one.

To draft a table from a real parse (the model is then needed, the tests never load it)::

    .venv/bin/python tests/rules/docs.py 'Olena Marchenko told Reuters that the corridor would stay open.'

and correct what the parser got wrong, or keep the misparse a rule is written for.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

import spacy
from spacy.tokens import Doc

import app.nlp.components  # noqa: F401  (registers the whosaid factories)
from app.nlp.context import Context, build_context
from app.nlp.evidence import Attribution
from app.nlp.lexicon import Lexicon
from app.nlp.publisher import publisher_credits
from app.nlp.rules import find_evidence
from app.nlp.rules.base import Found, TokenRule

VOCAB = spacy.blank("en").vocab
LEXICON = Lexicon.from_dirs([Path(__file__).resolve().parents[2] / "models"])
_SPACE_TOKEN = ("dep", "SPACE", "_SP")


def parse(text: str, table: str) -> Doc:
    """The Doc of ``text`` with the parse, tags, lemmas and entities the table gives."""
    rows = [line.split() for line in table.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    words, heads, deps, pos, tags, lemmas, ents = [], [], [], [], [], [], []
    for n, row in enumerate(rows):
        if len(row) < 6 or len(row) > 8:
            raise ValueError(f"row {n}: expected 'i word head dep pos tag [lemma] [ent]', got {row}")
        i, word, head, dep, p, tag = row[:6]
        lemma = row[6] if len(row) > 6 else "-"
        ent = row[7] if len(row) > 7 else "O"
        if int(i) != n:
            raise ValueError(f"row {n} is numbered {i}")
        words.append(word)
        heads.append(int(head))
        deps.append(dep)
        pos.append(p)
        tags.append(tag)
        lemmas.append((word if p == "PROPN" else word.lower()) if lemma == "-" else lemma)
        ents.append("O" if ent == "-" else ent)
    # align the words with the text: spaces, and whitespace tokens for anything more than one space
    out: dict[str, list] = {k: [] for k in ("words", "spaces", "heads", "deps", "pos", "tags", "lemmas", "ents")}
    index: list[int] = []  # table row -> token index
    pos_in_text = 0
    for n, word in enumerate(words):
        at = text.find(word, pos_in_text)
        gap = text[pos_in_text:at] if at >= 0 else None
        if at < 0 or (gap and gap.strip()):
            raise ValueError(f"row {n}: {word!r} is not the next word of the text at "
                             f"{text[pos_in_text:pos_in_text + 30]!r}")
        if gap:
            if gap.startswith(" "):
                out["spaces"][-1] = True
                gap = gap[1:]
            if gap:
                if not out["words"]:
                    raise ValueError("the text must not open with whitespace")
                _add(out, gap, None, *_SPACE_TOKEN, gap, "O")
        index.append(len(out["words"]))
        _add(out, word, n, deps[n], pos[n], tags[n], lemmas[n], ents[n])
        pos_in_text = at + len(word)
    rest = text[pos_in_text:]
    if rest.strip():
        raise ValueError(f"the table stops before the end of the text: {rest!r}")
    if rest:
        if rest.startswith(" "):
            out["spaces"][-1] = True
            rest = rest[1:]
        if rest:
            _add(out, rest, None, *_SPACE_TOKEN, rest, "O")
    # heads: table rows to token indices; a whitespace token hangs on the word before it
    token_heads = []
    for t, row in enumerate(out["heads"]):
        token_heads.append(index[heads[row]] if row is not None else t - 1)
    doc = Doc(VOCAB, words=out["words"], spaces=out["spaces"], heads=token_heads, deps=out["deps"],
              pos=out["pos"], tags=out["tags"], lemmas=out["lemmas"], ents=out["ents"])
    if doc.text != text:
        raise ValueError(f"the table spells {doc.text!r}, not {text!r}")
    return doc


def _add(out: dict, word: str, row: int | None, dep: str, pos: str, tag: str, lemma: str, ent: str) -> None:
    out["words"].append(word)
    out["spaces"].append(False)
    out["heads"].append(row)
    out["deps"].append(dep)
    out["pos"].append(pos)
    out["tags"].append(tag)
    out["lemmas"].append(lemma)
    out["ents"].append(ent)


# -- running the engine on a hand-built Doc --------------------------------------------------------

def context(doc: Doc, publisher: str | None = None) -> Context:
    """What the rules read besides the Doc, as the claims component builds it."""
    return build_context(doc, LEXICON, doc.text, publisher, publisher_credits(doc.text, LEXICON, publisher))


def evidence(doc: Doc, publisher: str | None = None) -> Found:
    """Everything the rules find in the Doc, before the resolver."""
    return find_evidence(context(doc, publisher))


def rule_finds(rule: TokenRule, doc: Doc) -> list[Attribution]:
    """What one token rule finds on its own, tried on every word outside quotations."""
    ctx = context(doc)
    return [a for tok in doc
            if ctx.in_quote[tok.i] < 0 and rule.applies(ctx, tok) and (a := rule(ctx, tok)) is not None]


def said(doc: Doc, a: Attribution) -> tuple:
    """An attribution as the text reads: (content, kind, speaker as written, [hops as written])."""
    text = doc.text
    speaker = text[a.speaker.start:a.speaker.end] if a.speaker is not None else None
    return text[a.start:a.end], a.kind, speaker, [text[h.mention.start:h.mention.end] for h in a.hops]


class Got(NamedTuple):
    """A claim as the engine returns it: its text, kind, speaker's source name and relay (outlet names,
    nearest the speaker first); the speaker as written and the cue, for the tests that look at them."""

    text: str
    kind: str
    speaker: str | None
    relay: list[str]
    mention: str | None = None
    cue: str | None = None

    @property
    def brief(self) -> tuple:
        return self.text, self.kind, self.speaker, self.relay


_PIPELINE = spacy.blank("en")
for _name in ("whosaid_claims", "whosaid_speakers", "whosaid_relay"):
    _PIPELINE.add_pipe(_name).lexicon = LEXICON


def annotate(doc: Doc, publisher: str | None = None, wire: str | None = None) -> list[Got]:
    """The whole engine (the three whosaid components, after a parse the Doc already has) on a copy of
    the Doc: the claims in text order."""
    doc = doc.copy()
    doc._.whosaid_publisher = publisher
    doc._.whosaid_wire = wire
    for _, component in _PIPELINE.pipeline:
        doc = component(doc)
    text, sources = doc.text, doc._.whosaid_sources
    out = []
    for c in sorted(doc._.whosaid_claims, key=lambda c: (c.start, c.end)):
        out.append(Got(text[c.start:c.end], c.kind, sources[c.source].name if c.source is not None else None,
                       [sources[r].name for r in c.relay],
                       text[c.speaker.start:c.speaker.end] if c.speaker is not None else None,
                       text[c.cue[0]:c.cue[1]] if c.cue is not None else None))
    return out


def briefly(doc: Doc, publisher: str | None = None, wire: str | None = None) -> list[tuple]:
    """The claims as (text, kind, speaker, relay), for tables of expected claims."""
    return [g.brief for g in annotate(doc, publisher, wire)]


# -- drafting a table from a real parse ------------------------------------------------------------

def draft(text: str) -> str:
    """A table for ``text`` from the real pipeline's parse (a first draft to check and correct by hand),
    followed by the claims the whole pipeline finds in it, as comments."""
    from app.nlp.pipeline import get_nlp

    doc = get_nlp()(text)
    words = [t for t in doc if not t.is_space]
    row_of = {t.i: n for n, t in enumerate(words)}
    width = max(len(t.text) for t in words)
    lines = []
    for n, t in enumerate(words):
        lemma = "-" if t.lemma_ == (t.text if t.pos_ == "PROPN" else t.lower_) else t.lemma_
        ent = f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else ""
        row = (f"    {n:<3d}{t.text:<{width + 1}}{row_of[t.head.i]:<4d}{t.dep_:<10}{t.pos_:<6}{t.tag_:<6}"
               f"{lemma:<{width + 1}}{ent}")
        lines.append(row.rstrip().removesuffix(" -").rstrip())
    sources = doc._.whosaid_sources or []
    for c in doc._.whosaid_claims or []:
        speaker = sources[c.source].name if c.source is not None else None
        lines.append(f"# {c.kind} {text[c.start:c.end]!r} speaker={speaker!r} "
                     f"relay={[sources[r].name for r in c.relay]} rule={c.rule}")
    return "\n".join(lines)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(draft(arg))
