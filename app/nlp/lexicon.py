"""Lexicons as data: cue words, outlet names and source words live in `models/*.jsonl`.

A folder holds any number of files named `cues*.jsonl`, `outlets*.jsonl`, `sources*.jsonl`,
`furniture*.jsonl` and `words*.jsonl`; every
folder given (the shipped `models/` first, then the user's `WHOSAID_LEXICON_DIRS`) adds its rows, so a
user extends a lexicon by dropping a `cues.local.jsonl` next to their own data.

- cues: `{"cue": "say", "category": "speech"}` (a verb lemma; `"particle": "out"` for phrasal verbs like
  "point out"; `"preposition": "for"` for verbs whose prepositional object carries what was said:
  "called for a moratorium", "pressed for a vote"; a noun `{"cue": "claim", "category": "noun"}` reports through its "that" clause:
  "Trump's claim that ..."; `"object": true` when a direct object can carry what was said: "called the plan a
  disaster", "denied any wrongdoing"; `"needs_that": true` for verbs that report only with a "that"
  clause: "observed that ..." but not "observing the rescue"; `"adjective": true` for an adjective that
  reports its subject's belief through a "that" clause after a copula: "Party leaders are concerned that
  ..."), or a phrase `{"cue": "according to", "category": "according_to"}`. Categories: speech,
  writing, report, belief, finding, according_to (a phrase whose object is the source of the clause it
  frames: "according to X", "per X"), citing (a phrase naming the source an outlet or speaker relies on:
  "citing X", "with reference to X", "drawing on X").
- outlets: `{"name": "The Washington Post", "aliases": ["Washington Post"], "group": "us"}`; `"agency": true`
  marks a news agency, whose copy other outlets carry (a dateline or credit line naming it makes the page
  its copy); `"credit_aliases": ["AA"]` are names it goes by only in a dateline or credit line (elsewhere
  "the AA" is the Automobile Association).
- furniture: `{"phrase": "read more", "kind": "teaser"}`: a line opening with the phrase is page furniture
  (kinds: teaser, boilerplate, caption, credit), never a claim; a credit phrase ("courtesy of",
  "syndicated from") anywhere in a line names the outlet the page took its story from.
- sources: `{"word": "official", "category": "anonymous_head"}`; categories: outlet_nominal,
  anonymous_head, anonymous_marker, document, institution, title (words of a person's title), channel
  (the speaker's own channel: "at a press conference", "told reporters", "on Telegram", "in a statement"),
  generic_pointer (a noun that points back at whichever unnamed source spoke last: "the source said").
- words: `{"word": "wife", "category": "female"}`: the other words the rules read (see WORD_CATEGORIES).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

VERB_CATEGORIES = {"speech", "writing", "report", "belief", "finding"}
PHRASE_CATEGORIES = {"according_to", "citing"}
NOUN_CATEGORY = "noun"  # nouns that report what someone said: "Trump's claim that ..."
FURNITURE_KINDS = {"teaser", "boilerplate", "caption", "credit"}
SOURCE_CATEGORIES = {"outlet_nominal", "anonymous_head", "anonymous_marker", "document", "institution", "title",
                     "channel", "generic_pointer", "company_noun"}
# words.jsonl: the words the rules read besides cues, outlets and source words
WORD_CATEGORIES: dict[str, str] = {
    # people
    "female": "a word that tells a woman (\"Ms.\", \"wife\", \"spokeswoman\"): \"he\" never picks her",
    "male": "a word that tells a man (\"Mr.\", \"husband\", \"spokesman\"): \"she\" never picks him",
    "interview_noun": "what a speaker gives an outlet in a sentence naming the channel of their claims: "
                      "\"made the comments in an interview with Kyodo News\"",
    "programme_word": "the last word of a broadcast programme's name (\"told The AM Show\"): the programme is "
                      "an outlet the speaker spoke on, unless a place opens its name (\"the Paris Air Show\", an event)",
    "state_word": "a word before a singular outlet noun that makes it the state's own outlet (\"told state "
                  "television\", \"state-run radio reported\"): a hop as the text names it",
    "compile_verb": "a verb (lemma) by which an outlet gathers a speaker's statements into a list of bullets "
                    "(\"TASS has compiled the key statements of the Kremlin representative\"): each bullet is the "
                    "speaker's claim, the outlet a hop",
    "remark_verb": "a verb (lemma) whose interview-noun object makes the act of speaking, not what was said "
                   "(\"made the remarks\", \"shared his views\"): an outlet that reports it relays the speaker's words",
    "scoop_word": "an adverb of a report verb that credits an outlet with breaking the story (\"first\" in \"The "
                  "Washington Post first reported\"): the page goes on with its own reporting, no frame of the outlet's",
    "press_in_general": "a word for the press in general (\"media\", \"press\"): \"speaking to the media at the power "
                        "station\" names no outlet, nor does its place; \"the media\" points back at no one outlet",
    "show_host": "who hosts a show a speaker may appear on, or the show's word before the host (\"podcaster\", "
                 "\"host\", \"podcast\"): \"in an interview with podcaster Jane Roe\" makes the host's show a hop, named "
                 "by the host (\"Fox News host X\": the outlet; \"summit host X\": no show)",
    "rank_word": "a word of rank before a role (\"top\", \"senior\"): \"the top security official\" is the titled "
                 "person who spoke before when their description has the rest",
    "event_comment": "a noun that, apposed after a comma to the end of what was said, is the writer's comment on "
                     "the statement (\"a move set to ...\"), no part of it",
    "epithet_marker": "a word that makes a description after \"the\" an epithet of a person (\"former\"): \"the "
                      "former wicketkeeper said\" is the person who spoke just before, whatever the noun",
    "honorific": "a title written before a name, abbreviated with or without its period (\"Dr.\", \"Gen\") or a "
                 "religious one (\"Mawlavi\"): "
                 "no part of the person's name",
    "source_modifier": "an adjective or participle after a source's noun that stays part of the source: "
                       "\"sources [familiar] with the talks\", \"people [close] to the minister\"",
    "anonymity_verb": "a verb (lemma) of a relative clause that says how a source spoke, not what: \"an "
                      "official, who asked not to be named, said ...\"",
    # cues and what they report
    "tell_verb": "a verb (lemma) whose object is the person told, not what was said: \"told a meeting of "
                 "leaders that ...\", \"told the publication that ...\"",
    "question_verb": "a verb (lemma) that asks: what it introduces is a question, which asserts nothing "
                     "(\"asked readers what they thought\")",
    "quoting_verb": "a verb (lemma) by which one source passes on another's words: \"quoted the minister as "
                    "saying\", \"AFP, which cited sources close to ...\", \"The agency cites the ministry.\"",
    "speaking_verb": "a verb (lemma) whose \"on X\" or \"to X\" names the outlet the speaker spoke through: "
                     "\"speaking to Reuters\", \"appeared on CNN\", \"wrote on X\"",
    "issue_verb": "a verb (lemma) by which a source issues a document that then speaks for it: \"They released "
                  "a statement which said ...\"",
    "continuation_verb": "a cue verb (lemma) that marks a claim as the same occasion as the last one: "
                         "\"..., Graham continued.\", \"he added\"",
    "frame_opener": "a word that may stand before \"according to X\" with the frame still opening its "
                    "sentence: \"At the same time, according to X, ...\", \"However, according to X\"",
    # outlets and hops
    "by_verb": "a participle whose \"by X\" names an outlet the claim passed through: \"as reported by "
               "Hurriyet Daily News\", \"a forecast obtained by Novaya Gazeta Europe\"",
    "hop_preposition": "a preposition after the cue whose object names the outlet the words came through: "
                       "\"...,\" said Russell Zimmerman [per] ABC News",
    "medium": "a word for an outlet's medium written after its name: \"Kommersant newspaper\", \"al-Masirah "
              "TV\", \"the RIA Novosti agency\" (no part of the name when written in lower case)",
    "outlet_word": "a word, written as in a name, that makes a proper name look like a news outlet's: "
                   "\"Military Times\", \"Greek Reporter\" (case matters)",
    "top_level_domain": "a web domain ending that makes a name an outlet's: \"Znak.com\" (case matters; any two-letter "
                        "country domain counts too)",
    "topic_turn": "words opening a line that turns to other news (\"Meanwhile, ...\", \"In other news, ...\"): "
                  "an outlet's frame ends there",
    "naming_verb": "a participle that gives a described source its name (\"a Telegram channel identified as X\", "
                   "\"a group calling itself X\", \"known as X\"): X is the source",
    "earlier_marker": "a conjunction that makes the cue's clause another occasion (\"a month after the miner said "
                      "that ...\"): an outlet's frame does not cover that claim",
    "own_inquiry": "words by which the writer reports asking someone themselves (\"declined to comment\", \"did not "
                   "respond to a request for comment\"): an outlet's frame ends there, the page's own reporting goes on",
    # the page's publisher and the agency whose copy it is
    "credit_verb": "a word form that credits the page's own outlet in its lead, before the outlet's name: "
                   "\", reports UNN.\", \", according to UNN.\" (case matters)",
    "credit_verb_after": "a word form that credits the page's own outlet after its name: \", UNN reports.\" (case matters)",
    "outlet_staff": "a noun for the outlet's own staff in a credit line: \", a UNN correspondent reports.\" "
                    "(case matters)",
    "told_form": "a verb form by which a source addresses an outlet: \"a military spokesman told AFP\" (twice "
                 "on a page with no reporting of its own makes the page the agency's copy; case matters)",
    "gathered_by": "a participle whose \"by X\" names the outlet that gathered the news itself: \"a report seen by "
                   "AFP\", \"documents obtained by Reuters\" (on a page with no reporting of its own, the page is "
                   "the agency's copy)",
    "gathered_to": "a participle whose \"to X\" names the outlet that gathered the news itself: \"in a video "
                   "sent to AFP\", \"a statement emailed to Reuters\" (as gathered_by)",
    "unverified": "what an outlet writes of the news it gathered but could not check, after its name: \"AFP was "
                  "unable to independently confirm\", \"Reuters could not verify\" (an adverb may stand before "
                  "the verb; as gathered_by)",
    "check_verb": "a verb by which an outlet checks what it gathered, after an unverified form: \"verify\", "
                  "\"confirm\"",
    "deed_object": "an object that makes a cue verb a deed, not a statement: \"claimed the lives of ...\", "
                   "\"claimed the title\", \"attacking military bases\" (no claim)",
    "own_reporting": "words by which a page shows reporting of its own (\"our correspondent\", \"this "
                     "newspaper\"): it is not an agency's copy",
    "source_label": "the label, as written (case matters), of a line that names where the story came from: "
                    "\"Source: Reuters\"",
    "copyright": "a word or sign opening a copyright notice, whose outlets are the page's source: "
                 "\"Copyright 2025 The Associated Press\", \"\u00a9 AFP\"",
    "signature_role": "a role that closes Reuters' signature after \"Reporting by ...\": \"(Reporting by Jane "
                      "Roe; Editing by John Doe)\" marks the page as Reuters' copy",
    # page furniture
    "photo_word": "a word (singular) that makes a short line a photo's caption or credit: \"AP Photo/Peter "
                  "Dejong\", \"(File photo)\", \"... (AFP photo)\"",
}


class LexiconError(ValueError):
    """A lexicon file that cannot be read, named with the line at fault."""


@dataclass
class Lexicon:
    cue_verbs: dict[str, str] = field(default_factory=dict)
    cue_adjectives: dict[str, str] = field(default_factory=dict)  # "concerned" (that ...) -> category
    cue_nouns: set[str] = field(default_factory=set)
    phrasal_cues: dict[tuple[str, str], str] = field(default_factory=dict)
    prep_cues: dict[tuple[str, str], str] = field(default_factory=dict)  # ("call", "for") -> category
    cue_phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    outlets: dict[str, str] = field(default_factory=dict)  # any name or alias -> canonical name
    outlet_rows: list[dict] = field(default_factory=list)
    agencies: set[str] = field(default_factory=set)  # canonical names of news agencies (`"agency": true`)
    # names an outlet goes by only in a dateline or credit ("AA" for Anadolu): elsewhere they name others
    credit_aliases: dict[str, str] = field(default_factory=dict)
    words: dict[str, set[str]] = field(
        default_factory=lambda: {c: set() for c in SOURCE_CATEGORIES | WORD_CATEGORIES.keys()})
    object_cues: set[str] = field(default_factory=set)  # verbs whose direct object can carry the content
    that_cues: set[str] = field(default_factory=set)  # verbs that are cues only with a "that" clause
    furniture: dict[str, str] = field(default_factory=dict)  # a line's opening words -> furniture kind
    cue_rows: list[dict] = field(default_factory=list)
    source_rows: list[dict] = field(default_factory=list)
    furniture_rows: list[dict] = field(default_factory=list)
    word_rows: list[dict] = field(default_factory=list)
    ordered: dict[str, dict[str, None]] = field(default_factory=dict)  # category -> its words as written, in order
    _memo: dict = field(default_factory=dict, repr=False, compare=False)  # compiled lookups, reset by every row

    # -- building -----------------------------------------------------------------------------
    def add_cue(self, row: dict) -> None:
        cue, category = str(row["cue"]).strip().lower(), str(row["category"]).strip()
        if category in VERB_CATEGORIES:
            if " " in cue:
                raise LexiconError(f"verb cue {cue!r} must be one lemma; use 'particle' for phrasal verbs")
            if row.get("adjective") and (row.get("particle") or row.get("preposition") or row.get("object")):
                raise LexiconError(f"adjective cue {cue!r} takes no particle, preposition or object")
            if row.get("particle") and row.get("preposition"):
                raise LexiconError(f"cue {cue!r} has both a particle and a preposition; use one row for each")
            if row.get("adjective"):
                self.cue_adjectives[cue] = category
            elif row.get("particle"):
                self.phrasal_cues[(cue, str(row["particle"]).lower())] = category
            elif row.get("preposition"):
                self.prep_cues[(cue, str(row["preposition"]).lower())] = category
            else:
                self.cue_verbs[cue] = category
            if row.get("object"):
                self.object_cues.add(cue)
            if row.get("needs_that"):
                self.that_cues.add(cue)
        elif category in PHRASE_CATEGORIES:
            self.cue_phrases[tuple(cue.split())] = category
        elif category == NOUN_CATEGORY:
            self.cue_nouns.add(cue)
        else:
            raise LexiconError(f"unknown cue category {category!r} (expected one of "
                               f"{sorted(VERB_CATEGORIES | PHRASE_CATEGORIES | {NOUN_CATEGORY})})")
        self.cue_rows.append(dict(row))
        self._memo.clear()

    def add_outlet(self, row: dict) -> None:
        name = str(row["name"]).strip()
        if not name:
            raise LexiconError("an outlet needs a name")
        self.outlets.setdefault(name, name)
        for alias in row.get("aliases", []) or []:
            self.outlets.setdefault(str(alias).strip(), name)
        for alias in row.get("credit_aliases", []) or []:
            self.credit_aliases[str(alias).strip()] = name
        if row.get("agency"):
            self.agencies.add(name)
        self.outlet_rows.append(dict(row))
        self._memo.clear()

    def add_source_word(self, row: dict) -> None:
        category = str(row["category"])
        if category not in SOURCE_CATEGORIES:
            raise LexiconError(f"unknown source-word category {category!r} (expected one of {sorted(SOURCE_CATEGORIES)})")
        self._add_word(category, str(row["word"]))
        self.source_rows.append(dict(row))

    def add_word(self, row: dict) -> None:
        category = str(row["category"])
        if category not in WORD_CATEGORIES:
            raise LexiconError(f"unknown word category {category!r} (expected one of {sorted(WORD_CATEGORIES)})")
        if not str(row["word"]).strip():
            raise LexiconError("a word row needs a word")
        self._add_word(category, str(row["word"]))
        self.word_rows.append(dict(row))

    def _add_word(self, category: str, word: str) -> None:
        word = word.strip()
        self.words.setdefault(category, set()).add(word.lower())
        self.ordered.setdefault(category, {})[word] = None
        self._memo.clear()

    def add_furniture(self, row: dict) -> None:
        phrase, kind = str(row["phrase"]).strip().lower(), str(row["kind"]).strip()
        if not phrase:
            raise LexiconError("a furniture row needs a phrase")
        if kind not in FURNITURE_KINDS:
            raise LexiconError(f"unknown furniture kind {kind!r} (expected one of {sorted(FURNITURE_KINDS)})")
        self.furniture[phrase] = kind
        self.furniture_rows.append(dict(row))
        self._memo.clear()

    # -- reading ------------------------------------------------------------------------------
    def cue_category(self, lemma: str, particle: str | None = None) -> str | None:
        if particle and (cat := self.phrasal_cues.get((lemma, particle))):
            return cat
        return self.cue_verbs.get(lemma)

    def adjective_category(self, lemma: str) -> str | None:
        """The category of an adjective cue ("confident", "worried"): it reports only after a copula."""
        return self.cue_adjectives.get(lemma)

    def canonical_outlet(self, name: str, *, credit: bool = False) -> str | None:
        """The canonical name of a listed outlet, also when the text adds an article or the medium:
        "the Axios", "al-Masirah TV", "Kommersant newspaper"; with ``credit`` (a dateline or a credit line
        reads it) also the names an outlet goes by only there ("AA")."""
        if name in self.outlets:
            return self.outlets[name]
        if credit and name.strip() in self.credit_aliases:
            return self.credit_aliases[name.strip()]
        stripped = name[4:] if name.lower().startswith("the ") else name
        found = self.outlets.get(stripped) or self.outlets.get("The " + stripped)
        if found is None and "-" in stripped.strip("-"):  # "Al-Jazeera" for "Al Jazeera"
            found = self.outlets.get(stripped.replace("-", " "))
        if found is None and stripped[:1].islower() and stripped[1:2].isalpha() and "-" in stripped[:4]:
            # "al-Mayadeen" for "Al-Mayadeen" (an article's prefix only: "deadline" is no "Deadline")
            found = self.outlets.get(stripped[0].upper() + stripped[1:])
            if found is None and "-" in stripped.strip("-"):
                found = self.outlets.get((stripped[0].upper() + stripped[1:]).replace("-", " "))
        if found is None and " " in stripped and (last := stripped.rsplit(" ", 1)[1]).islower():
            # "Channel 12 news" for "Channel 12 News": the last word of the name written in lower case
            found = self.outlets.get(stripped[:-len(last)] + last.capitalize())
        if found is None and (m := self.medium_suffix.search(stripped)) and m.start() > 0:
            return self.canonical_outlet(stripped[:m.start()])
        return found

    def outlet_of_domain(self, domain: str) -> str | None:
        """The listed outlet a web address names ("tech.hindustantimes.com" -> "Hindustan Times",
        "dowjones.com" -> "Dow Jones Newswires"): a label of the host that spells one of its names or
        aliases without spaces or punctuation; None when none does."""
        labels = domain.lower().removeprefix("www.").split(".")[:-1]  # not the top-level domain
        return next((found for label in reversed(labels) if (found := self._squashed().get(label))), None)

    def outlet_written_together(self, word: str) -> str | None:
        """The listed outlet a word in camel case spells without its spaces ("GlobalTimes" in a page's
        "From:GlobalTimes" line); None for any other word."""
        if " " in word.strip() or not any(c.isupper() for c in word.strip()[1:]):
            return None
        return self._squashed().get(re.sub(r"[^a-z0-9]", "", word.lower()))

    def _squashed(self) -> dict[str, str]:
        if "squashed outlets" not in self._memo:
            squashed: dict[str, str] = {}
            for n in sorted(self.outlets, key=len):
                key = re.sub(r"[^a-z0-9]", "", n.lower())
                if len(key) >= 3:
                    squashed.setdefault(key, self.outlets[n])
            self._memo["squashed outlets"] = squashed
        return self._memo["squashed outlets"]

    def outlet_in_capitals(self, name: str) -> str | None:
        """The listed name an outlet's name in capitals stands for ("REUTERS" in a dateline "BANGKOK
        (REUTERS, BLOOMBERG) -"): the name or alias as the lexicon writes it; None when none is listed."""
        if "outlets in capitals" not in self._memo:
            self._memo["outlets in capitals"] = {n.upper(): n for n in sorted(self.outlets, key=len)}
        return self._memo["outlets in capitals"].get(name.upper()) if name.isupper() else None

    @property
    def medium_suffix(self) -> re.Pattern:
        """The medium written after an outlet's name: "al-Masirah[ TV]", "Kommersant[ newspaper]"."""
        return self.compiled("medium", lambda lex: re.compile(rf"\s+{lex.alternation('medium')}$", re.IGNORECASE))

    @property
    def outlet_shape(self) -> re.Pattern:
        """A name shaped like a news outlet's, for outlets the lexicon does not list: "Military Times",
        "Greek Reporter", "al-Masirah TV", "Znak.com", "Hurriyet Daily News", "ETV"."""
        return self.compiled("outlet shape", lambda lex: re.compile(
            rf"(?:\b{lex.alternation('outlet_word')}\b|\.(?:{lex.alternation('top_level_domain')}|[a-z]{{2}})\b"
            rf"|\b[A-Z]{{1,4}}TV\b)"))  # (a broadcaster's acronym: "ETV", "NTV")

    def is_agency(self, name: str, *, credit: bool = False) -> bool:
        """A news agency: an outlet whose copy other outlets carry (Reuters, AFP, TASS, SANA); ``credit`` as
        for ``canonical_outlet``."""
        canonical = self.canonical_outlet(name, credit=credit)
        return canonical is not None and canonical in self.agencies

    def looks_like_outlet(self, name: str) -> bool:
        """A listed outlet, or a proper name shaped like one ("Military Times", "Znak.com")."""
        return self.canonical_outlet(name) is not None or (
            bool(self.outlet_shape.search(name)) and name[:1].isupper() or name[:1].isupper() and ".com" in name)

    @property
    def outlet_words(self) -> frozenset[str]:
        """Every word of a medium or an outlet noun, lower case ("news", "agency", "TV" -> "tv", "newspaper"):
        what may follow or describe an outlet's name without making it something else's."""
        key = ("outlet words",)
        if key not in self._memo:
            self._memo[key] = frozenset({w for phrase in self.words["medium"] for w in phrase.lower().split()}
                                        | self.words["outlet_nominal"])
        return self._memo[key]

    def is_word(self, category: str, word: str) -> bool:
        return word.lower() in self.words[category]

    def is_institution(self, tok) -> bool:
        """The token's noun is an institution's, by its lemma or as written ("the ministry", "authorities":
        the lexicon lists some nouns in the plural, which the lemma would miss)."""
        return self.is_word("institution", tok.lemma_) or self.is_word("institution", tok.lower_)

    def alternation(self, category: str) -> str:
        """The category's words as a regular-expression group, in file order, a space matching any
        run of spaces: `(?:reports|writes|according\\s+to)`; a group that matches nothing when the
        category is empty."""
        key = ("alternation", category)
        if key not in self._memo:
            words = [re.escape(w).replace("\\ ", r"\s+") for w in self.ordered.get(category, {})]
            self._memo[key] = "(?:" + "|".join(words) + ")" if words else "(?!)"
        return self._memo[key]

    def compiled(self, name: str, build: Callable[["Lexicon"], re.Pattern]) -> re.Pattern:
        """A pattern built from this lexicon's words, built once (until a row is added)."""
        key = ("compiled", name)
        if key not in self._memo:
            self._memo[key] = build(self)
        return self._memo[key]

    @property
    def cue_words(self) -> frozenset[str]:
        """Every word that can open a cue, lower case: the lemmas of verb, adjective, noun, phrasal and
        prepositional cues and the first words of cue phrases. A word outside it is no token rule's cue."""
        key = ("cue words",)
        if key not in self._memo:
            self._memo[key] = frozenset(self.cue_verbs) | frozenset(self.cue_adjectives) | frozenset(self.cue_nouns) \
                | {lemma for lemma, _ in self.phrasal_cues} | {lemma for lemma, _ in self.prep_cues} \
                | frozenset(self.object_cues) | {words[0] for words in self.cue_phrases}
        return self._memo[key]

    @property
    def max_phrase_len(self) -> int:
        return max((len(p) for p in self.cue_phrases), default=1)

    def phrase_at(self, tok, category: str) -> int:
        """How many words the cue phrase of `category` ("according to", "citing") that opens at the spaCy
        token `tok` has; 0 when none opens there."""
        doc = tok.doc
        for words, found in self.phrases_opened_by(tok.lower_):
            if found == category and tok.i + len(words) <= len(doc) \
                    and all(doc[tok.i + k].lower_ == w for k, w in enumerate(words[1:], 1)):
                return len(words)
        return 0

    def phrases_opened_by(self, word: str) -> list[tuple[tuple[str, ...], str]]:
        """The cue phrases (words, category) whose first word is `word` (lower case), longest first."""
        index = self._memo.get("phrase index")
        if index is None:
            index = {}
            for words, category in self.cue_phrases.items():
                index.setdefault(words[0], []).append((words, category))
            for phrases in index.values():
                phrases.sort(key=lambda p: -len(p[0]))
            self._memo["phrase index"] = index
        return index.get(word, [])

    def phrase_alternation(self, category: str) -> str:
        """The cue phrases of a category as a regular-expression group, in file order: `(?:citing|quoting)`."""
        key = ("phrase alternation", category)
        if key not in self._memo:
            phrases = [r"\s+".join(map(re.escape, words)) for words, c in self.cue_phrases.items() if c == category]
            self._memo[key] = "(?:" + "|".join(phrases) + ")" if phrases else "(?!)"
        return self._memo[key]

    # -- files --------------------------------------------------------------------------------
    @classmethod
    def from_dirs(cls, dirs: Iterable[Path]) -> "Lexicon":
        lex = cls()
        for folder in dirs:
            lex.read_dir(Path(folder))
        return lex

    def read_dir(self, folder: Path) -> None:
        if not folder.is_dir():
            raise LexiconError(f"lexicon folder {folder} does not exist")
        for prefix, add in (("cues", self.add_cue), ("outlets", self.add_outlet), ("sources", self.add_source_word),
                            ("furniture", self.add_furniture), ("words", self.add_word)):
            for path in sorted(folder.glob(f"{prefix}*.jsonl")):
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if not line.strip():
                        continue
                    try:
                        add(json.loads(line))
                    except (json.JSONDecodeError, KeyError, TypeError, LexiconError) as err:
                        raise LexiconError(f"{path}:{number}: {err}") from err

    def write_dir(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in (("cues", self.cue_rows), ("outlets", self.outlet_rows), ("sources", self.source_rows),
                           ("furniture", self.furniture_rows), ("words", self.word_rows)):
            with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as f:
                for row in rows:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")


def default_lexicon() -> Lexicon:
    from app.core.config import get_settings

    settings = get_settings()
    return _cached(tuple([settings.models_dir, *settings.lexicon_dirs]))


_CACHE: dict[tuple, Lexicon] = {}


def _cached(dirs: tuple[Path, ...]) -> Lexicon:
    if dirs not in _CACHE:
        _CACHE[dirs] = Lexicon.from_dirs(dirs)
    return _CACHE[dirs]


def trie_alternation(names, after=lambda name: "") -> str:
    """A regular expression matching any of `names`, the longest first where several start at one place,
    shaped like a trie of the names: one alternative per next character rather than one per name, so that
    a thousand names cost a scan little more than a hundred. ``after(name)`` is appended where a name ends
    (a lookahead of its own)."""
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = after(name)
    return _trie_pattern(trie) if trie else "(?!)"


def _trie_pattern(node: dict) -> str:
    # (its longer continuations first, then the name ending here)
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    end = node.get("")
    if end is not None:
        branches.append(end)
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
