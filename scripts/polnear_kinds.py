"""Where PolNeAR content recall goes: the relations the engine misses, sorted into kinds, and the content
F1 without the kinds our guidelines (../shared/gold/GUIDELINES.md) do not require.

    .venv/bin/python scripts/polnear_kinds.py ../shared/data/polnear/dev [--limit N] [--step K]

Kinds (a heuristic over the gold relation and our predictions, not a hand count):

- ``headline``: the content is on the article's first line (page furniture for the guidelines);
- ``joined_quotation``: a relation of several pieces one of our claims overlaps (PolNeAR joins a
  quotation interrupted by its attribution, the guidelines make two claims);
- ``question``: a question cue or a content that asks (a question asserts nothing);
- ``noun_object``: a content with no finite verb after a lexicon cue ("criticized Clinton": optional);
- ``act_or_stance``: a content with no finite verb after any other cue ("supports the bill", "wants ...");
- ``no_source_passive``: no source and no speech cue ("is expected to ...");
- ``boundary``: one of our claims overlaps it, below the token-F1 threshold (a span difference);
- ``no_prediction``: none of our claims overlaps it (the engine's own misses).

Also counted: our unmatched claims that lie inside a joined quotation PolNeAR matched to another piece.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

import spacy

from app.cli import _load_nlp
from app.core.config import get_settings
from app.eval.polnear import PolnearAttribution, PolnearDocument, load_polnear, score_polnear
from app.nlp.lexicon import Lexicon, default_lexicon
from app.nlp.pipeline import annotate_many
from app.nlp.rules.cues import QUESTION_WORDS

EXCLUDED = ("headline", "joined_quotation", "question", "noun_object", "act_or_stance", "no_source_passive")
_QUOTE_NEAR = re.compile(r"[\"\u201c\u201d]|''")


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def kind_of(doc: PolnearDocument, a: PolnearAttribution, claims: list[dict], tagger: spacy.Language,
            lexicon: Lexicon) -> str:
    """The kind of one missed relation (see the module docstring)."""
    g = a.content
    cue_lemmas = [t.lemma_.lower() for t in tagger(a.cue.text)] if a.cue else []
    finite = any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in tagger(g.text))
    quoted = bool(_QUOTE_NEAR.search(doc.text[max(0, g.start - 2):g.start + 1] + doc.text[g.end - 1:g.end + 2]))
    overlapping = any(g.overlaps(c.get("start"), c.get("end")) for c in claims)
    first_line = doc.text.find("\n")
    words = g.text.split()
    if first_line < 0 or g.start < first_line:
        return "headline"
    if len(g.pieces) > 1 and overlapping:
        return "joined_quotation"
    if any(lexicon.is_word("question_verb", w) for w in cue_lemmas) or g.text.rstrip().endswith("?") \
            or words and words[0].lower() in QUESTION_WORDS and not finite:
        return "question"
    if not finite and not quoted:
        listed = any(lexicon.cue_category(w) or w in lexicon.cue_nouns for w in cue_lemmas)
        return "noun_object" if listed else "act_or_stance"
    if a.source is None and not any(lexicon.cue_category(w) in ("speech", "writing", "report") for w in cue_lemmas):
        return "no_source_passive"
    return "boundary" if overlapping else "no_prediction"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--step", type=int, default=1, help="every K-th article (a sample of a large split)")
    args = ap.parse_args()
    docs = load_polnear(args.folder, limit=args.limit, strict=False)[::args.step]
    nlp = _load_nlp()
    preds = {d.name: r.to_json_dict() for d, r in zip(docs, annotate_many(((d.text, {}) for d in docs), nlp=nlp))}
    report = score_polnear(docs, preds)
    tagger = spacy.load(get_settings().spacy_model, disable=["ner"])
    lexicon = default_lexicon()
    kinds: Counter[str] = Counter()
    pieces = 0
    for doc, scored in zip(docs, report.documents):
        claims = preds[doc.name]["claims"]
        kinds.update(kind_of(doc, a, claims, tagger, lexicon) for a in scored.missed)
        joined = [p.gold.content for p in scored.pairs if len(p.gold.content.pieces) > 1]
        pieces += sum(any(g.overlaps(claims[i]["start"], claims[i]["end"]) for g in joined) for i in scored.spurious)
    c = report.counts
    print(f"content P {c.matched / c.pred:.3f} R {c.matched / c.gold:.3f} F1 {report.total['content_f1']:.3f} "
          f"(gold {c.gold}, predicted {c.pred}, matched {c.matched})")
    for kind, n in kinds.most_common():
        note = "  (not required by the guidelines)" if kind in EXCLUDED else ""
        print(f"  missed {kind:<18} {n:5d}{note}")
    print(f"  unmatched predictions that are pieces of a joined quotation: {pieces} of {c.pred - c.matched}")
    p = c.matched / c.pred
    required = c.gold - sum(kinds[k] for k in EXCLUDED)
    r_required = c.matched / required
    print(f"F1 without the split-quotation pieces: {_f1(c.matched / (c.pred - pieces), c.matched / c.gold):.3f}")
    print(f"F1 on the relations the guidelines require: {_f1(p, r_required):.3f} (gold {required}); "
          f"also without the pieces: {_f1(c.matched / (c.pred - pieces), r_required):.3f}")


if __name__ == "__main__":
    main()
