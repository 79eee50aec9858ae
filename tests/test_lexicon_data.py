"""Lexicons are data: a row added in a user lexicon folder (`WHOSAID_LEXICON_DIRS`) changes what the
engine finds, for every lexicon file and every kind of word the rules read (`models/words.jsonl`'s
categories included); and no rule compares a token with a word list of its own."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from spacy.lang.en.stop_words import STOP_WORDS

from app.core.config import get_settings
from app.nlp.context import build_context
from app.nlp.lexicon import WORD_CATEGORIES, Lexicon, default_lexicon
from app.nlp.pipeline import PIPES, annotate
from app.nlp.rules import find_evidence

from rules.docs import parse  # tests/rules: hand-built parses

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def engine(nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """run(text, rows): the claims as (text, speaker, speaker type, relay), with the shipped lexicons plus
    `rows` ((file name, row) pairs) written to a user lexicon folder named in the settings."""
    shipped = {name: nlp.get_pipe(name).lexicon for name in PIPES if hasattr(nlp.get_pipe(name), "lexicon")}
    folders = iter(range(1000))

    def run(text: str, rows=()) -> list[tuple]:
        folder = tmp_path / f"lexicon{next(folders)}"
        folder.mkdir()
        for file, row in rows:
            with (folder / file).open("a", encoding="utf-8") as f:
                f.write(json.dumps(row) + "\n")
        monkeypatch.setenv("WHOSAID_LEXICON_DIRS", json.dumps([str(folder)]))
        get_settings.cache_clear()
        lexicon = default_lexicon()
        for name in shipped:
            nlp.get_pipe(name).lexicon = lexicon
        result = annotate(text, nlp=nlp)
        sources = {s.id: s for s in result.sources}
        return [(c.text, sources[c.speaker.source].name if c.speaker else None,
                 sources[c.speaker.source].type if c.speaker else None, [sources[r].name for r in c.relay])
                for c in result.claims]

    yield run
    for name, lexicon in shipped.items():
        nlp.get_pipe(name).lexicon = lexicon
    monkeypatch.undo()
    get_settings.cache_clear()


def word(w: str, category: str) -> tuple[str, dict]:
    return "words.local.jsonl", {"word": w, "category": category}


ARMY = "the army would withdraw"
# (what the row is, the rows already there, the row added, text, claims before, claims after)
CASES = [
    ("cue verb", [], ("cues.local.jsonl", {"cue": "quip", "category": "speech"}),
     "The mayor quipped that the bridge would never open.",
     [], [("the bridge would never open", "mayor", "unknown", [])]),
    ("cue adjective", [], ("cues.local.jsonl", {"cue": "upbeat", "category": "belief", "adjective": True}),
     "The mayor is upbeat that the bridge will open in May.",
     [], [("the bridge will open in May", "mayor", "unknown", [])]),
    ("according_to phrase", [], ("cues.local.jsonl", {"cue": "in the words of", "category": "according_to"}),
     "Prices will rise, in the words of the ministry.",
     [], [("Prices will rise", "ministry", "organization", [])]),
    ("citing phrase", [], ("cues.local.jsonl", {"cue": "drawing on", "category": "citing"}),
     "Axios reported, drawing on Ukrainian officials, that the army is preparing an offensive.",
     [("the army is preparing an offensive", "Axios", "outlet", [])],
     [("the army is preparing an offensive", "Ukrainian officials", "anonymous", ["Axios"])]),
    ("outlet", [], ("outlets.local.jsonl", {"name": "Zorya"}),
     "Zorya reported that the army would withdraw.",
     [(ARMY, "Zorya", "unknown", [])], [(ARMY, "Zorya", "outlet", [])]),
    ("source word", [], ("sources.local.jsonl", {"word": "blogger", "category": "anonymous_head"}),
     "A blogger said the army would withdraw.",
     [(ARMY, "A blogger", "unknown", [])], [(ARMY, "A blogger", "anonymous", [])]),
    ("furniture", [], ("furniture.local.jsonl", {"phrase": "editor's pick", "kind": "teaser"}),
     "Editor's pick: the minister said the army would withdraw.\n\nThe minister said the talks would go on.",
     [(ARMY, "minister", "unknown", []), ("the talks would go on", "minister", "unknown", [])],
     [("the talks would go on", "minister", "unknown", [])]),
    ("female", [], word("matriarch", "female"),
     "Chris Doyle said he would appeal. Alex Morgan, the matriarch of the family, said the farm was sold. "
     "He said the price was too low.",
     [("he would appeal", "Chris Doyle", "person", []), ("the farm was sold", "Alex Morgan", "person", []),
      ("the price was too low", "Alex Morgan", "person", [])],
     [("he would appeal", "Chris Doyle", "person", []), ("the farm was sold", "Alex Morgan", "person", []),
      ("the price was too low", "Chris Doyle", "person", [])]),
    ("male", [], word("patriarch", "male"),
     "Chris Doyle said she would appeal. Alex Morgan, the patriarch of the family, said the farm was sold. "
     "She said the price was too low.",
     [("she would appeal", "Chris Doyle", "person", []), ("the farm was sold", "Alex Morgan", "person", []),
      ("the price was too low", "Alex Morgan", "person", [])],
     [("she would appeal", "Chris Doyle", "person", []), ("the farm was sold", "Alex Morgan", "person", []),
      ("the price was too low", "Chris Doyle", "person", [])]),
    ("event_comment", [], word("gesture", "event_comment"),
     "China said it had signed a pact with Fiji, a gesture set to worry its neighbours.",
     [("it had signed a pact with Fiji, a gesture set to worry its neighbours", "China", "organization", [])],
     [("it had signed a pact with Fiji", "China", "organization", [])]),
    ("epithet_marker", [], word("veteran", "epithet_marker"),
     'Coach Ana Silva said the team was ready.\n\n"We trained hard," the veteran goalkeeper added.',
     [("the team was ready", "Ana Silva", "person", []), ("We trained hard,", "veteran goalkeeper", "unknown", [])],
     [("the team was ready", "Ana Silva", "person", []), ("We trained hard,", "Ana Silva", "person", [])]),
    ("rank_word", [], word("veteran", "rank_word"),
     'Secretary of the Security Council Ivan Petrov said the alliance was moving closer.\n\n'
     '"New bases were opened," the veteran security official noted.',
     [("the alliance was moving closer", "Ivan Petrov", "person", []),
      ("New bases were opened,", "the veteran security official", "anonymous", [])],
     [("the alliance was moving closer", "Ivan Petrov", "person", []), ("New bases were opened,", "Ivan Petrov", "person", [])]),
    ("scoop_word", [], word("initially", "scoop_word"),
     "Title\n\nThe Riverside Post initially reported that the mayor had resigned.\n\n"
     "City spokeswoman Jane Roe said the mayor would stay on.",
     [("the mayor had resigned", "Riverside Post", "outlet", []),
      ("the mayor would stay on", "Jane Roe", "person", ["Riverside Post"])],
     [("the mayor had resigned", "Riverside Post", "outlet", []),
      ("the mayor would stay on", "Jane Roe", "person", [])]),
    ("press_in_general", [], word("weekly", "press_in_general"),
     "Title\n\nThe Zorya Weekly ran the story on Monday. The mayor told the weekly that the bridge would open in May.",
     [("the bridge would open in May", "mayor", "unknown", ["Zorya Weekly"])],
     [("the bridge would open in May", "mayor", "unknown", [])]),
    ("show_host", [], word("streamer", "show_host"),
     "Chat\n\nThe war will end by spring, Mayor Jane Roe said in an interview with streamer Alex Stone.",
     [("The war will end by spring", "Jane Roe", "person", [])],
     [("The war will end by spring", "Jane Roe", "person", ["Alex Stone"])]),
    ("honorific", [], word("cmdr", "honorific"),
     "Cmdr Jane Roe said the road was closed.",
     [("the road was closed", "Cmdr Jane Roe", "person", [])], [("the road was closed", "Jane Roe", "person", [])]),
    ("interview_noun", [], word("chat", "interview_noun"),
     "Mayor Jane Roe said the bridge would open in May.\n\nRoe made the comments in a chat with Zorya Daily on Tuesday.",
     [("the bridge would open in May", "Jane Roe", "person", [])],
     [("the bridge would open in May", "Jane Roe", "person", ["Zorya Daily"])]),
    ("question_verb", [], word("question", "question_verb"),
     "The mayor questioned how the bridge could be safe.",
     [("how the bridge could be safe", "mayor", "unknown", [])], []),
    ("issue_verb", [], word("circulate", "issue_verb"),
     "The rebels circulated a statement which said the army would withdraw.",
     [(ARMY, "a statement", "document", [])], [(ARMY, "rebels", "unknown", [])]),
    ("by_verb", [], word("leaked", "by_verb"),
     "The army will withdraw, the minister said in a letter leaked by Zorya Daily.",
     [("The army will withdraw", "minister", "unknown", [])],
     [("The army will withdraw", "minister", "unknown", ["Zorya Daily"])]),
    ("hop_preposition", [], word("via", "hop_preposition"),
     "The army will withdraw, the minister said via Zorya Daily.",
     [("The army will withdraw", "minister", "unknown", [])],
     [("The army will withdraw", "minister", "unknown", ["Zorya Daily"])]),
    ("speaking_verb", [], word("chat", "speaking_verb"),
     "Chatting on CNN, the minister said the army would withdraw.",
     [(ARMY, "minister", "unknown", [])], [(ARMY, "minister", "unknown", ["CNN"])]),
    ("medium", [], word("podcast", "medium"),
     "The minister told the Kommersant podcast that the army would withdraw.",
     [(ARMY, "minister", "unknown", [])], [(ARMY, "minister", "unknown", ["Kommersant"])]),
    ("outlet_word", [], word("Bugle", "outlet_word"),
     "The minister told the Kyiv Bugle that the army would withdraw.",
     [(ARMY, "minister", "unknown", [])], [(ARMY, "minister", "unknown", ["Kyiv Bugle"])]),
    ("top_level_domain", [], word("media", "top_level_domain"),
     "The minister told Zerkalo.media that the army would withdraw.",
     [(ARMY, "minister", "unknown", [])], [(ARMY, "minister", "unknown", ["Zerkalo.media"])]),
    ("credit_verb", [], word("transmits", "credit_verb"),
     "The army will withdraw from the city, the minister said, transmits Glavcom.\n\nThe minister said the talks would go on.",
     [("The army will withdraw from the city, the minister said, transmits Glavcom", "minister", "unknown", []),
      ("the talks would go on", "minister", "unknown", [])],
     [("The army will withdraw from the city, the minister said, transmits Glavcom", "minister", "unknown", ["Glavcom"]),
      ("the talks would go on", "minister", "unknown", ["Glavcom"])]),
    ("credit_verb_after", [], word("relays", "credit_verb_after"),
     "The army will withdraw from the city, the minister said, Glavcom relays.\n\nThe minister said the talks would go on.",
     [("the talks would go on", "minister", "unknown", [])],
     [("The army will withdraw from the city", "minister", "unknown", ["Glavcom"]),
      ("the talks would go on", "minister", "unknown", ["Glavcom"])]),
    ("outlet_staff", [], word("stringer", "outlet_staff"),
     "The army will withdraw from the city, the minister said, a UNN stringer reports.\n\n"
     "The minister said the talks would go on.",
     [("the talks would go on", "minister", "unknown", [])],
     [("The army will withdraw from the city", "minister", "unknown", ["UNN"]),
      ("the talks would go on", "minister", "unknown", ["UNN"])]),
    ("photo_word", [], word("snapshot", "photo_word"),
     "The minister spoke in Kyiv on Monday.\nSnapshot: the minister said talks would go on\nThe talks resumed later.",
     [("talks would go on", "minister", "unknown", [])], []),
    ("source_modifier", [], word("acquainted", "source_modifier"),
     "A diplomat acquainted with the talks said the army would withdraw.",
     [(ARMY, "A diplomat", "anonymous", [])], [(ARMY, "A diplomat acquainted with the talks", "anonymous", [])]),
    ("quoting_verb", [], word("echo", "quoting_verb"),
     "The agency echoed the minister as saying that the army would withdraw.",
     [(ARMY, "The agency", "outlet", [])], [(ARMY, "minister", "unknown", ["The agency"])]),
    ("frame_opener", [], word("still", "frame_opener"),
     "Still, according to the ministry, the army will withdraw from the city.",
     [("Still, according to the ministry, the army will withdraw from the city", "ministry", "organization", [])],
     [("the army will withdraw from the city", "ministry", "organization", [])]),
    ("anonymity_verb", [], word("demand", "anonymity_verb"),
     "An official, who demanded not to be named, said the army would withdraw.",
     [("demanded not to be named", "An official", "anonymous", []), (ARMY, "An official", "anonymous", [])],
     [(ARMY, "An official", "anonymous", [])]),
    ("topic_turn", [], word("on the home front", "topic_turn"),
     "Axios reported that the army would withdraw. An official said the talks would go on.\n"
     "On the home front, the minister said prices would rise.",
     [(ARMY, "Axios", "outlet", []), ("the talks would go on", "An official", "anonymous", ["Axios"]),
      ("prices would rise", "minister", "unknown", ["Axios"])],
     [(ARMY, "Axios", "outlet", []), ("the talks would go on", "An official", "anonymous", ["Axios"]),
      ("prices would rise", "minister", "unknown", [])]),
    ("naming_verb", [], word("label", "naming_verb"),
     "A channel labelled as Rybar claimed that the army would withdraw.",
     [(ARMY, "A channel", "outlet", [])], [(ARMY, "Rybar", "outlet", [])]),
    ("earlier_marker", [], word("once", "earlier_marker"),
     "Axios reported that the army would withdraw.\nPrices fell once the minister said that talks would resume.",
     [(ARMY, "Axios", "outlet", []), ("talks would resume", "minister", "unknown", ["Axios"])],
     [(ARMY, "Axios", "outlet", []), ("talks would resume", "minister", "unknown", [])]),
    ("own_inquiry", [], word("kept mum", "own_inquiry"),
     "Axios reported that the army would withdraw. An official said the talks would go on.\n"
     "The ministry kept mum, but a spokesman said prices would rise.",
     [(ARMY, "Axios", "outlet", []), ("the talks would go on", "An official", "anonymous", ["Axios"]),
      ("prices would rise", "a spokesman", "anonymous", ["Axios"])],
     [(ARMY, "Axios", "outlet", []), ("the talks would go on", "An official", "anonymous", ["Axios"]),
      ("prices would rise", "a spokesman", "anonymous", [])]),
    ("continuation_verb", [], word("reiterate", "continuation_verb"),
     "An official told Axios that the talks would go on.\n\nAt a press conference, the official reiterated that "
     "prices would rise.",
     [("the talks would go on", "An official", "anonymous", ["Axios"]), ("prices would rise", "An official", "anonymous", [])],
     [("the talks would go on", "An official", "anonymous", ["Axios"]),
      ("prices would rise", "An official", "anonymous", ["Axios"])]),
    ("told_form", [], word("informed", "told_form"),
     "PARIS - A military spokesman informed AFP that the army would withdraw. Another official informed AFP "
     "that talks would go on.",
     [(ARMY, "A military spokesman", "anonymous", []), ("talks would go on", "Another official", "anonymous", [])],
     [(ARMY, "A military spokesman", "anonymous", ["AFP"]),
      ("talks would go on", "Another official", "anonymous", ["AFP"])]),
    ("gathered_by", [], word("examined", "gathered_by"),
     "Police arrested three men near the camp, a police spokesman said in a report examined by AFP. The men "
     "were held overnight, the spokesman added.",
     [("Police arrested three men near the camp", "a police spokesman", "anonymous", []),
      ("The men were held overnight", "a police spokesman", "anonymous", [])],
     [("Police arrested three men near the camp", "a police spokesman", "anonymous", ["AFP"]),
      ("The men were held overnight", "a police spokesman", "anonymous", ["AFP"])]),
    ("gathered_to", [], word("handed", "gathered_to"),
     "Police arrested three men near the camp, a police spokesman said in a video handed to AFP. The men "
     "were held overnight, the spokesman added.",
     [("Police arrested three men near the camp", "a police spokesman", "anonymous", []),
      ("The men were held overnight", "a police spokesman", "anonymous", [])],
     [("Police arrested three men near the camp", "a police spokesman", "anonymous", ["AFP"]),
      ("The men were held overnight", "a police spokesman", "anonymous", ["AFP"])]),
    ("unverified", [], word("failed to", "unverified"),
     "Police arrested three men near the camp, a police spokesman said. AFP failed to independently verify "
     "the account.",
     [("Police arrested three men near the camp", "a police spokesman", "anonymous", [])],
     [("Police arrested three men near the camp", "a police spokesman", "anonymous", ["AFP"])]),
    ("check_verb", [], word("substantiate", "check_verb"),
     "Police arrested three men near the camp, a police spokesman said. AFP could not substantiate the account.",
     [("Police arrested three men near the camp", "a police spokesman", "anonymous", [])],
     [("Police arrested three men near the camp", "a police spokesman", "anonymous", ["AFP"])]),
    ("own_reporting", [word("informed", "told_form")], word("our envoy", "own_reporting"),
     "PARIS - A military spokesman informed AFP that the army would withdraw, our envoy saw. Another official "
     "informed AFP that talks would go on.",
     [("the army would withdraw, our envoy saw", "A military spokesman", "anonymous", ["AFP"]),
      ("talks would go on", "Another official", "anonymous", ["AFP"])],
     [("the army would withdraw, our envoy saw", "A military spokesman", "anonymous", []),
      ("talks would go on", "Another official", "anonymous", [])]),
    ("copyright", [], word("all rights reserved", "copyright"),
     "The minister said the talks would go on.\n\nAll rights reserved by Reuters.",
     [("the talks would go on", "minister", "unknown", [])], [("the talks would go on", "minister", "unknown", ["Reuters"])]),
    ("signature_role", [], word("Compiling", "signature_role"),
     "The minister said the talks would go on.\n\n(Reporting by Jane Roe; Compiling by John Doe)",
     [("the talks would go on", "minister", "unknown", [])], [("the talks would go on", "minister", "unknown", ["Reuters"])]),
    ("deed_object", [], word("harbour", "deed_object"),
     "The rebels claimed the harbour near the old city on Monday.",
     [("claimed the harbour near the old city on Monday", "rebels", "unknown", [])], []),
    ("remark_verb", [], word("air", "remark_verb"),
     "Title\n\nThe council approved the budget, its chairman said.\n\nIn other news, Mayor Jane Roe aired her views "
     "at a rally on Monday, reports the Zorya Daily.\n\n\"The bridge will open in May,\" she said.",
     [("The council approved the budget", "its chairman", "unknown", []),
      ("In other news, Mayor Jane Roe aired her views at a rally on Monday", "Zorya Daily", "outlet", []),
      ("The bridge will open in May,", "Jane Roe", "person", [])],
     [("The council approved the budget", "its chairman", "unknown", []),
      ("In other news, Mayor Jane Roe aired her views at a rally on Monday", "Zorya Daily", "outlet", []),
      ("The bridge will open in May,", "Jane Roe", "person", ["Zorya Daily"])]),
    ("compile_verb", [], word("assemble", "compile_verb"),
     "Briefing\n\nThe Zorya Daily has assembled the main statements of the minister.\n- Prices will fall in May.\n- "
     "The port will reopen.\n\nTraders said demand was strong.",
     [("demand was strong", "Traders", "unknown", [])],
     [("Prices will fall in May.", "minister", "unknown", ["Zorya Daily"]),
      ("The port will reopen.", "minister", "unknown", ["Zorya Daily"]),
      ("demand was strong", "Traders", "unknown", [])]),
    ("programme_word", [], word("Hour", "programme_word"),
     '"We are ready," the minister told The Morning Hour on Friday.',
     [("We are ready,", "minister", "unknown", [])],
     [("We are ready,", "minister", "unknown", ["Morning Hour"])]),
    ("state_word", [], word("regime", "state_word"),
     "The minister told regime television that the talks went well.",
     [("the talks went well", "minister", "unknown", [])],
     [("the talks went well", "minister", "unknown", ["regime television"])]),
    ("source_label", [], word("Via", "source_label"),
     "The minister said the talks would go on.\nVia: Reuters",
     [("the talks would go on", "minister", "unknown", [])], [("the talks would go on", "minister", "unknown", ["Reuters"])]),
]


@pytest.mark.model
@pytest.mark.parametrize("what, base, row, text, before, after", CASES, ids=[c[0] for c in CASES])
def test_a_user_lexicon_row_changes_the_output(engine, what, base, row, text, before, after) -> None:
    assert engine(text, base) == before
    assert engine(text, [*base, row]) == after


def test_every_word_category_has_a_case() -> None:
    """A new kind of word in words.jsonl comes with a case above (tell_verb: a hand-built parse below)."""
    covered = {c[2][1]["category"] for c in CASES if c[2][0] == "words.local.jsonl"} | {"tell_verb"}
    assert covered == set(WORD_CATEGORIES)


# the parser made the content a relative clause inside the audience ("cautioned a meeting convened by
# leaders that ..."): only a tell verb looks for it there
TELL_TEXT = "The mayor cautioned a meeting convened by leaders that few people understood the risk."
TELL_PARSE = """
0  The        1  det    DET   DT
1  mayor      2  nsubj  NOUN  NN
2  cautioned  2  ROOT   VERB  VBD  caution
3  a          4  det    DET   DT
4  meeting    2  dobj   NOUN  NN
5  convened   4  acl    VERB  VBN  convene
6  by         5  agent  ADP   IN
7  leaders    6  pobj   NOUN  NNS  leader
8  that       11 mark   SCONJ IN
9  few        10 amod   ADJ   JJ
10 people     11 nsubj  NOUN  NNS
11 understood 7  relcl  VERB  VBD  understand
12 the        13 det    DET   DT
13 risk       11 dobj   NOUN  NN
14 .          2  punct  PUNCT .
"""


def test_a_tell_verb_row_changes_what_the_cue_reports(tmp_path: Path) -> None:
    (tmp_path / "words.local.jsonl").write_text(json.dumps({"word": "caution", "category": "tell_verb"}) + "\n")

    def contents(lexicon: Lexicon) -> list[str]:
        doc = parse(TELL_TEXT, TELL_PARSE)
        found = find_evidence(build_context(doc, lexicon, doc.text, None, []))
        return [doc.text[a.start:a.end] for a in found.current()]

    assert contents(Lexicon.from_dirs([REPO / "models"])) == ["a meeting convened by leaders that few people understood the risk"]
    assert contents(Lexicon.from_dirs([REPO / "models", tmp_path])) == ["few people understood the risk"]


@pytest.mark.model
def test_a_rate_is_no_according_to_frame(engine) -> None:
    """With "per" listed, "5 per cent" still names no source."""
    assert engine("Prices rose 5 per cent last year, the ministry said.", [("cues.local.jsonl", {"cue": "per", "category": "according_to"})]) \
        == [("Prices rose 5 per cent last year", "ministry", "organization", [])]


def test_a_word_row_with_an_unknown_category_is_refused(tmp_path: Path) -> None:
    (tmp_path / "words.local.jsonl").write_text('{"word": "x", "category": "gossip"}\n')
    with pytest.raises(ValueError, match=r"words.local.jsonl:1: unknown word category 'gossip'"):
        Lexicon.from_dirs([tmp_path])


def test_an_adjective_cue_with_a_preposition_is_refused(tmp_path: Path) -> None:
    (tmp_path / "cues.local.jsonl").write_text('{"cue": "keen", "category": "belief", "adjective": true, '
                                                 '"preposition": "on"}\n')
    with pytest.raises(ValueError, match=r"cues.local.jsonl:1: adjective cue 'keen' takes no particle"):
        Lexicon.from_dirs([tmp_path])


def test_compiled_lookups_are_built_once_and_rebuilt_after_a_new_row() -> None:
    lexicon = Lexicon.from_dirs([REPO / "models"])
    shape = lexicon.outlet_shape
    assert lexicon.outlet_shape is shape  # cached
    assert not lexicon.looks_like_outlet("Kyiv Bugle")
    lexicon.add_word({"word": "Bugle", "category": "outlet_word"})
    assert lexicon.looks_like_outlet("Kyiv Bugle")


def test_a_saved_lexicon_keeps_its_words(tmp_path: Path) -> None:
    lexicon = Lexicon.from_dirs([REPO / "models"])
    lexicon.write_dir(tmp_path)
    again = Lexicon.from_dirs([tmp_path])
    assert again.ordered == lexicon.ordered and again.words == lexicon.words


# -- no word list left in the rules ----------------------------------------------------------------

_TOKEN_TEXT = {"lower_", "lemma_", "text", "norm_", "orth_"}
_TEXT_NAMES = {"low", "lower", "lemma", "word", "first", "noun"}  # locals that hold a token's text
# function words the rules may still name (grammar, not lexicon): spaCy's English stop words, and two
# prepositions its list lacks
_FUNCTION_WORDS = STOP_WORDS | {"inside", "vs"}


def _strings(node: ast.AST, constants: dict[str, list[str]]) -> list[str] | None:
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        return values if len(values) == len(node.elts) else None
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _token_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in _TOKEN_TEXT
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("lower", "strip", "rstrip")
    return isinstance(node, ast.Name) and node.id in _TEXT_NAMES


def _content_words_compared(path: Path) -> list[str]:
    """`tok.lower_ in ("tell", "inform")`-style tests of a token against content words, and regular
    expressions alternating content words (`(?:photo|picture)`), in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {st.targets[0].id: v for st in tree.body
                 if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name)
                 and (v := _strings(st.value, {})) is not None}
    found = []
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and _token_text(node.left) \
                and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            for comparator in node.comparators:
                words = [w for w in _strings(comparator, constants) or [] if w.isalpha() and w.lower() not in _FUNCTION_WORDS]
                if words:
                    found.append(f"{path.name}:{node.lineno}: {words}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            for group in re.findall(r"\(\?i?:([^()]*)\)", node.value):
                alternatives = group.split("|")
                words = [a for a in alternatives if re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+)*", a)
                         and a.lower() not in _FUNCTION_WORDS]
                if len(alternatives) > 1 and words:
                    found.append(f"{path.name}:{node.lineno}: {words}")
    return found


def test_no_rule_keeps_a_word_list_of_its_own() -> None:
    # (app/nlp/confidence reads the engine's own trace lines, "speaker: subject of the cue", not the article)
    found = [hit for path in sorted((REPO / "app" / "nlp").rglob("*.py")) if "confidence" not in path.parts
             for hit in _content_words_compared(path)]
    assert found == []


def test_the_word_list_check_finds_a_word_list(tmp_path: Path) -> None:
    module = tmp_path / "rule.py"
    module.write_text('_VERBS = ("tell", "inform")\n\ndef f(tok):\n    return tok.lemma_ in _VERBS\n\n'
                      'import re\nP = re.compile(r"(?:photo|picture)s?")\n')
    assert _content_words_compared(module) == ["rule.py:4: ['tell', 'inform']", "rule.py:7: ['photo', 'picture']"]


def test_a_web_address_names_the_listed_outlet_it_spells():
    """Batch K7: "Read more on tech.hindustantimes.com", "Write to X at x@dowjones.com": a label of the host
    spells a listed outlet's name or alias without spaces; the top-level domain and short labels never do."""
    lexicon = default_lexicon()
    assert lexicon.outlet_of_domain("tech.hindustantimes.com") == "Hindustan Times"
    assert lexicon.outlet_of_domain("dowjones.com") == "Dow Jones Newswires"
    assert lexicon.outlet_of_domain("www.bbc.co.uk") == "BBC"
    assert lexicon.outlet_of_domain("example.com") is None


def test_no_outlet_name_belongs_to_two_rows() -> None:
    """A name or alias listed for two outlets makes two canonical outlets of one ("RBC Ukraine" and
    "RBC-Ukraine" in the stories' propagation graph): across the shipped files, every name has one row
    ("the Times" is the New York Times's short name and The Times's too, on purpose: the text decides)."""
    rows = [json.loads(line) for path in sorted((REPO / "models").glob("outlets*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    owners: dict[str, set[int]] = {}
    for n, row in enumerate(rows):
        for name in [row["name"], *row.get("aliases", [])]:
            owners.setdefault(name.lower(), set()).add(n)
    assert {name for name, found in owners.items() if len(found) > 1} <= {"the times"}


def test_the_trie_of_outlet_names_matches_what_the_plain_alternation_matched() -> None:
    """The outlet names are scanned as one trie-shaped expression (fast with a thousand names): it finds the
    same names as the plain alternation, longest first ("Kyodo News" over "Kyodo", "The News" not inside
    "The News Agency of Nigeria")."""
    from app.nlp.lexicon import trie_alternation
    from app.nlp.resolve.outlets import outlet_pattern

    lexicon = default_lexicon()
    names = sorted(lexicon.outlets, key=len, reverse=True)
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(
        re.escape(n) + (r"(?![ \t]+[A-Z])" if re.fullmatch(r"The \w+", n) else "") for n in names) + r")(?![\w-])")
    text = ("Kyodo News said on Monday, Kyodo reported. The News Agency of Nigeria and The News said so; "
            "RIA Novosti and RIA, al-Masirah TV, the BBC's Newsnight, Reuters/AP, AFP-JIJI, Yeni Shafak daily.")
    assert [m.group() for m in outlet_pattern(lexicon).finditer(text)] == [m.group() for m in plain.finditer(text)]
    assert re.fullmatch(trie_alternation(["ab", "abc", "b"]), "abc")
    assert [m.group() for m in re.finditer(trie_alternation(["ab", "abc"]), "ab abc")] == ["ab", "abc"]
