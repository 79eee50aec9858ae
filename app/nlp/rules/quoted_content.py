"""Quotations inside reported speech: a quotation inside reported speech makes it mixed; reported
speech that is all quotation is direct. Applied to every token rule's attribution as it is found."""
from __future__ import annotations

from dataclasses import replace

from app.nlp.context import Context
from app.nlp.evidence import Attribution


def with_quotations(ctx: Context, a: Attribution) -> Attribution:
    """A quotation inside reported speech makes it mixed; reported speech that is all quotation is direct."""
    if a.kind == "according_to" or a.rule.startswith("dash"):
        return a
    text = ctx.text
    for q in ctx.quotes_within(a.start - 1, a.end + 1):
        inner = text[a.start:a.end].strip(" \"'\u201c\u201d,.")
        if text[q.start:q.end].strip(" \"'\u201c\u201d,.") == inner or (
                q.start - a.start <= 1 and len(text[q.start:q.end].split()) >= 3 and _closes_what_was_said(text, q, a)):
            # `said "That makes me smart," when Clinton blasted him`: what was said is the quotation
            return replace(a, start=q.start, end=q.end, kind="direct",
                           why=a.why + ("direct: what was said is the quotation",))
        if a.kind != "direct":
            a = replace(a, kind="mixed", why=a.why + ("mixed: the content quotes a fragment",))
    return a


_SUBORDINATORS = {"when", "as", "while", "after", "before", "because", "since", "if", "though", "although", "but"}


def _closes_what_was_said(text: str, q, a: Attribution) -> bool:
    """A quotation opening the content ends what was said when nothing follows it in the content but a
    clause of the narration (`said "That makes me smart," when Clinton blasted him`), not when the
    sentence goes on (`said that "no decisions have been made" on tax changes and that ...`)."""
    quoted = text[q.start:q.end].rstrip()
    tail = text[q.end:a.end].lstrip(" \"'\u201c\u201d\u2019,.;")
    if not tail or quoted.endswith((",", ".", "!", "?")):
        return True
    return tail.split()[0].lower().strip(",") in _SUBORDINATORS
