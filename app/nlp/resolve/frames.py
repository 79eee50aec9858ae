"""Layer 2 of the relay chains (app/nlp/resolve/relay.py): scoped outlet frames. An outlet's report that
frames what follows ("Axios reported that ...", "This was reported by Reuters") adds the outlet to the
claims after it: a frame the lead opens covers the article (an aggregator's retelling), one opened later
covers the rest of its paragraph and the next; a frame ends where the text moves to another channel
(another outlet, the speaker's own channel), turns to other news ("Meanwhile,"), opens a section under a
subheading, or the writer reports asking someone themselves ("declined to comment")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from app.nlp.confidence.traces import FRAME_OPENED
from app.nlp.evidence import Claim
from app.nlp.lexicon import Lexicon
from app.nlp.publisher import LEAD_CHARS, publisher_credits
from app.nlp.resolve.outlets import POINTING
from app.nlp.rules.wire_names import longest_outlet
from app.nlp.rules.wire_reporting import own_reporting
from app.nlp.text import UNNAMED_MEDIA, doc_text

if TYPE_CHECKING:
    from app.nlp.resolve.relay import _Outlets

@dataclass
class _Frame:
    outlet: int
    why: str
    article: bool  # opened in the lead (or by a "Source:" line): covers the article
    paragraph: int  # where it was opened
    whole_page: bool = False  # named by a "Source:" line: the story as a whole, subheadings and all
    scoop: bool = False  # "X first reported": the outlet's own sources and report only, the page reports the rest
    cited: bool = False  # opened by the page's own credit citing it: until the page reports for itself
    opener: int | None = None  # the speaker of the claim that opened it


def frames(doc: Doc, claims: list[Claim], hops: list[list[int]], why: list[list[str]], channels: list[bool],
           outlets: _Outlets, lexicon: Lexicon, pub: int | None,
           furniture: list[tuple[int, int]] = ()) -> list[tuple[int | None, list[int], list[str]]]:
    """Each claim's source (an agentless cue takes its paragraph's source or the frame's outlet), its
    hops with the frame's outlet where a frame holds, and the trace."""
    text = doc_text(doc)
    sources = outlets.sources
    frame: _Frame | None = None
    if (line := _source_line_outlet(text, lexicon)) is not None:
        # Ukrainska Pravda's layout: "Source: Reiter in an interview with Bild" under the lead names the
        # outlet the whole story comes through
        frame = _Frame(outlets.add(line), f"hop {line}: the lead's 'Source:' line", True, 0, whole_page=True)
    elif pub is not None and (cited := _credit_cites(text, lexicon, outlets.name(pub))) is not None:
        # "This was stated by X ..., Censor.NET reports citing Ukrinform.": the page's own credit in the lead
        # names the outlet the whole story comes through, as a "Source:" line does
        frame = _Frame(outlets.add(cited), f"hop {cited}: the page's credit in the lead cites it", True, 0,
                       whole_page=True, cited=True)
    previous: tuple[int, int, list[int]] | None = None  # the last claim's source, paragraph and hops
    out = []
    paragraph, last_end = -1, 0
    own: set[int] = set()  # the speakers the text has had talking through a channel of their own
    for n, claim in enumerate(claims):
        source, chain, reasons = claim.source, list(hops[n]), list(why[n])
        if frame is not None and not frame.whole_page and _own_inquiry(text, last_end, claim.end, lexicon):
            frame = None  # "A company spokesman declined to comment": the page's own reporting, not the outlet's
        if frame is not None and frame.cited and _own_reporting(text, last_end, claim.end, lexicon):
            frame = None  # "Our correspondent visited the site": what follows the page gathered itself
        if claim.paragraph != paragraph:
            paragraph = claim.paragraph
            if frame is not None and last_end and (_turns(text, last_end, claim.start, lexicon) or (
                    not frame.whole_page and _subheading(text, last_end, claim.start))):
                frame = None  # "Meanwhile, ...", or a subheading: the text turns to other news
            elif frame is not None and not frame.article and claim.paragraph - frame.paragraph > 1:
                frame = None
        last_end = max(last_end, claim.end)
        if chain and frame is not None and chain[-1] != frame.outlet and not claim.sets_frame:
            # "In a comment to RBC-Ukraine, an expert said ...": the text has moved to another channel
            frame = None
        if channels[n] and source is not None:
            own.add(source)  # "..., Hanegbi said at a conference on Tuesday": the speaker's own channel
        speaker = sources[source] if source is not None else None
        if speaker is None and claim.agentless and previous is not None and previous[1] == claim.paragraph:
            # "DTEK reported on Telegram that ... . It is reported that ...": the paragraph's source goes on
            source, speaker = previous[0], sources[previous[0]]
            reasons.append(f"speaker: {speaker.name}, the paragraph's source, goes on (agentless cue)")
            if not chain:
                chain = list(previous[2])
                reasons += [f"hop {outlets.name(h)}: the same speaker goes on in the outlet's report" for h in chain]
        elif speaker is None and claim.agentless and frame is not None:
            source, speaker = frame.outlet, sources[frame.outlet]
            reasons.append(f"speaker: {speaker.name}, the outlet whose frame holds (agentless cue)")
        if claim.sets_frame and not _describes_a_document(doc, claim):
            # the outlet nearest the reader short of the publisher ("..., SİA informs, citing Armenian
            # media": the publisher's own credit frames what it cites)
            outer = [h for h in chain if h != pub]
            new = outer[-1] if outer else source
            if new is not None and new != pub and sources[new].type == "outlet" and not sources[new].pointer \
                    and (not sources[new].key.startswith(UNNAMED_MEDIA) or chain and chain[-1] == pub):
                # (outlets left unnamed frame what follows only where the publisher's own credit cites
                # them: "..., SİA informs, citing Armenian media")
                article = (_is_lead(doc, claim, furniture) or _reports_first_paragraph(doc, claim, lexicon, furniture)) \
                    and not _mid_sentence(doc, claim) and not _roundup(claims, hops, sources, claim.paragraph, new, pub) \
                    and not _reported_itself(out, sources, pub) \
                    and not any(_answers(doc, c, lexicon, text, outlets.name(new)) for c in claims[:n]) \
                    or (frame is not None and frame.article)
                frame = _Frame(new, f"hop {outlets.name(new)}: {FRAME_OPENED} {claim.paragraph + 1}",
                               article, claim.paragraph, scoop=_credits_a_scoop(doc, claim, lexicon),
                               opener=source if source != new else None)
        elif not chain and frame is not None and source not in (frame.outlet, pub) \
                and not (speaker is not None and speaker.type == "outlet") \
                and not (frame.scoop and speaker is not None and speaker.type in ("person", "organization")) \
                and not _other_reports(doc, claim, lexicon) and not _answers(doc, claim, lexicon, text) \
                and (not channels[n] and source not in own or frame.whole_page
                     or frame.article and source is not None and source == frame.opener and not _dated(doc, claim)):
            # (after "The Washington Post first reported ...", the page goes on with its own reporting: the
            # outlet's frame holds for its own sources and report, not for who speaks in public)
            # (a speaker who talked through a channel of their own goes on in it: "He said that ..."; but
            # what a page says the whole story comes through carries the speaker's press conference too, as
            # does the lead's report of that speaker: "X said today in Tirana, HINA reported. ... said X at a
            # press conference")
            if frame.article:
                chain.append(frame.outlet)
                reasons.append(frame.why)
        out.append((source, chain, reasons))
        if source is not None:
            previous = (source, claim.paragraph, chain if claim.sets_frame else hops[n])
    return out


def _describes_a_document(doc: Doc, claim: Claim) -> bool:
    """The claim's cue is a relative clause on a noun ("rejected a Jerusalem Post report from August 6
    which alleged that ..."): it says what the document says, inside another's sentence; the outlet is
    no channel of the story."""
    return claim.cue_token is not None and doc[claim.cue_token].dep_ == "relcl"


def _answers(doc: Doc, claim: Claim, lexicon: Lexicon, text: str, outlet: str | None = None) -> bool:
    """The claim's speaker answers a report ("Pearson has denied a report by rival publisher Bloomberg",
    "Goldsmith flatly denied the report: '...'"): the cue's object is a document (of `outlet`, when given),
    so the speaker speaks to the page or in public, not through the outlet whose report it is. A lead that
    answers an outlet's report is the page's own story; that outlet's report frames no more than its
    neighbourhood."""
    if claim.cue_token is None:
        return False
    obj = next((c for c in doc[claim.cue_token].children if c.dep_ == "dobj" and lexicon.is_word("document", c.lemma_)),
               None)
    if obj is None:
        return False
    return outlet is None or outlet in text[obj.left_edge.idx:obj.right_edge.idx + len(obj.right_edge)]


def _other_reports(doc: Doc, claim: Claim, lexicon: Lexicon) -> bool:
    """The speaker is reports in the plural that nothing points back at ("Reports have previously suggested
    that ...", "Media reports said"): other outlets' reports the page gathers, not the framing outlet's."""
    if claim.speaker is None:
        return False
    head = doc[claim.speaker.head]
    return head.tag_ == "NNS" and lexicon.is_word("document", head.lemma_) \
        and not any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in POINTING for c in head.children)


def _dated(doc: Doc, claim: Claim) -> bool:
    """The claim's sentence dates the speaking outside what was said ("... said on Tuesday", "told a press
    conference in Moscow on Thursday"): another occasion than the one the lead's report covers."""
    if claim.cue_token is None:
        return False
    sent = doc[claim.cue_token].sent
    return any(e.label_ in ("DATE", "TIME") and not (claim.start <= e.start_char < claim.end) for e in sent.ents)


def _reported_itself(before: list[tuple[int | None, list[int], list[str]]], sources, pub: int | None) -> bool:
    """An unnamed source before this claim that told the page itself, through no outlet ("..., according to
    a law enforcement source." opening the story): the page reports for itself, and an outlet's report
    after it ("though the Washington Post reports that ...") frames no more than its own neighbourhood.
    (A named speaker's public words before the report are no such sign: a wire's lead tells them too.)"""
    return any(source is not None and sources[source].type == "anonymous" and not [h for h in chain if h != pub]
               for source, chain, _ in before)


def _subheading(text: str, since: int, upto: int) -> bool:
    """A line of its own between the last claim and this one that is a subheading ("What the Ukrainian side
    says"): a few words, capitalised, no sentence's closing mark; a new section of the story."""
    start = text.find("\n", since)
    if start < 0 or start >= upto:
        return False
    for line in text[start:text.rfind("\n", 0, upto) + 1].split("\n"):
        line = line.strip()
        words = line.split()
        # a few words, or a headline in title case ("Vladimir Putin May Meet With BRICS Envoys, Discuss Security")
        titled = sum(w[:1].isupper() for w in words) >= 0.7 * len(words)
        if (1 < len(words) <= 8 and not any(w.endswith(",") for w in words) or 8 < len(words) <= 16 and titled) \
                and line[0].isupper() and line[-1] not in ".!?:;,\"”’'»)":
            return True
    return False


def _own_inquiry(text: str, since: int, upto: int, lexicon: Lexicon) -> bool:
    """Between the last claim and the end of this one, the writer reports asking someone themselves:
    "declined to comment", "did not immediately respond to a request for comment". What follows is the
    page's own reporting; an outlet the text cited before no longer frames it."""
    asked = lexicon.compiled("own inquiry", lambda lex: re.compile(rf"\b{lex.alternation('own_inquiry')}\b",
                                                                   re.IGNORECASE))
    return asked.search(text, since, upto) is not None


def _own_reporting(text: str, since: int, upto: int, lexicon: Lexicon) -> bool:
    """Between the last claim and the end of this one the page names its own reporting ("our
    correspondent", the lexicon's ``own_reporting``)."""
    return own_reporting(lexicon).search(text, since, upto) is not None


def _turns(text: str, since: int, upto: int, lexicon: Lexicon) -> bool:
    """A line between the last claim and this one (this one's included) opens by turning to other news:
    "Meanwhile, ...", "Separately, ..."."""
    turn = lexicon.compiled("topic turn", lambda lex: re.compile(rf"{lex.alternation('topic_turn')}\b", re.IGNORECASE))
    start = text.rfind("\n", 0, since) + 1
    for line in text[start:upto].split("\n"):
        if turn.match(line.lstrip()):
            return True
    return False


def _credit_cites(text: str, lexicon: Lexicon, publisher: str) -> str | None:
    """The outlet the page's own credit in the lead cites ("..., Censor.NET reports citing Ukrinform.",
    "..., Trend reports referring to Tasnim."), as the text writes it; None when the credit cites none."""
    citing = lexicon.compiled("credit citing", lambda lex: re.compile(
        rf"[ \t]*,?[ \t]*{lex.phrase_alternation('citing')}[ \t]+(?P<rest>[^\n.;,]{{1,80}})"))
    for _, end in publisher_credits(text, lexicon, publisher):
        if (m := citing.match(text, end)) is not None \
                and (name := longest_outlet(m.group("rest"), lexicon, shaped=True)) is not None:
            return name
    return None


_SOURCE_LINE_CHARS = 800  # the line stands under the lead, not at the page's foot (a credit line there)


def _source_line_outlet(text: str, lexicon: Lexicon) -> str | None:
    """The outlet a "Source: ..." line in the lead names ("Source: Reiter in an interview with Bild",
    "Source: Reuters"), as the text writes it; None when there is no such line or it names no outlet."""
    source_line = lexicon.compiled("source line in the lead", lambda lex: re.compile(
        rf"^[ \t]*{lex.alternation('source_label')}:[ \t]*(?P<rest>[^\n]{{1,200}})$", re.MULTILINE))
    m = source_line.search(text, 0, min(LEAD_CHARS, _SOURCE_LINE_CHARS))
    if m is None:
        return None
    rest = m.group("rest")
    if lexicon.canonical_outlet(rest.strip(" .")):
        return None  # "Source: Reuters": a credit line, the wire rule's
    found = [(rest.find(name), name) for name in lexicon.outlets
             if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", rest)]
    return max(found, key=lambda f: (len(f[1]), -f[0]))[1] if found else None


def _roundup(claims: list[Claim], hops: list[list[int]], sources, paragraph: int, outlet: int, pub: int | None) -> bool:
    """The paragraph that opens the frame names other outlets too ("Iranian state media announced ... The
    Tasnim news agency reported ... according to official media reports"): the page gathers several
    outlets' reports, none of which frames the whole of it."""
    others = {h for n, c in enumerate(claims) if c.paragraph == paragraph
              for h in [*hops[n], *([c.source] if c.source is not None else [])]
              if h not in (outlet, pub) and sources[h].type == "outlet"}
    return bool(others)


def _credits_a_scoop(doc: Doc, claim: Claim, lexicon: Lexicon) -> bool:
    """"The Washington Post first reported on Friday that ...": the writer credits the outlet with breaking
    the story and goes on with the page's own reporting; the outlet's frame holds only for its own sources
    and report (`_Frame.scoop`)."""
    if claim.cue_token is None:
        return False
    return any(c.dep_ == "advmod" and lexicon.is_word("scoop_word", c.lower_) for c in doc[claim.cue_token].children)


def _mid_sentence(doc: Doc, claim: Claim) -> bool:
    """The claim's "according to X" stands inside its clause, the content running round it ("But the
    speech, according to a report carried by Fars, made no mention of ..."): it attributes that sentence,
    not the story after it (unlike "According to Axios, ..." or "..., according to Axios.")."""
    if claim.rule != "according_to" or claim.cue_token is None:
        return False
    cue = doc[claim.cue_token]
    return claim.start < cue.idx and claim.end > cue.idx + len(cue)


_LEAD_PARAGRAPH_CHARS = 200  # shorter opening lines are a headline's teaser, not the story's first paragraph


def _is_lead(doc: Doc, claim: Claim, furniture: list[tuple[int, int]] = ()) -> bool:
    """The claim is the article's opening news: it starts in the first two sentences of the body
    (headlines, captions and bylines before them are no sentences of the story, nor are a credit or a
    dateline of a word or two the parser made sentences of their own: "Agence France-Presse," "LONDON:")."""
    sents = 0
    for sent in doc.sents:
        if sent.text.strip() and not any(s <= sent.start_char < e for s, e in furniture) \
                and (claim.start < sent.end_char or sum(t.is_alpha for t in sent) > 3):
            sents += 1
        if claim.start < sent.end_char:
            return sents <= 2
    return False


def _reports_first_paragraph(doc: Doc, claim: Claim, lexicon: Lexicon, furniture: list[tuple[int, int]]) -> bool:
    """An outlet's report closes the body's first full paragraph, short lines (a teaser under the headline)
    before it: "..., escalating the demand for her resignation, news agency AFP reported." frames the story
    as the lead's first sentences do. Only a report verb: "Reuters estimated around 200 people attended" is
    a figure the writer takes from the outlet, not the story's channel."""
    if claim.cue_token is None or lexicon.cue_category(doc[claim.cue_token].lemma_) != "report":
        return False
    return _in_first_paragraph(doc_text(doc), claim.start, furniture)


def _in_first_paragraph(text: str, at: int, furniture: list[tuple[int, int]]) -> bool:
    """`at` lies in the first line of the text, furniture aside, that is long enough to be a paragraph."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if len(line.strip()) >= _LEAD_PARAGRAPH_CHARS and not any(s <= start + len(line) - len(line.lstrip()) < e
                                                                 for s, e in furniture):
            return start <= at < end
        if at < end:
            return False
        start = end + 1
    return False
