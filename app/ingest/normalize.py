"""Offset-preserving normalization.

The parser reads a copy of the article in which typographic variants are folded to their ASCII
counterparts: curly quotes, guillemets and low-9 quotes to `"` or `'`, dashes to `-`, non-breaking and
other exotic spaces to a plain space. Every replacement is one code point for one code point, so an
offset into the copy is the same offset into the text as given: nothing downstream ever maps offsets.
"""
from __future__ import annotations

import re
import unicodedata

from spacy.lang.en.stop_words import STOP_WORDS

DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02"
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2039\u203a\u2032"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

# Characters that can open a quotation in the text as given. Direction is kept here (and lost in the
# normalized copy) because “ and « tell us which side of the quotation we are on.
OPENING_QUOTES = "\u201c\u201e\u00ab\u2039\u301d"
CLOSING_QUOTES = "\u201d\u00bb\u203a\u301e"

_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

_TABLE = str.maketrans(
    {
        **{c: '"' for c in DOUBLE_QUOTES},
        **{c: "'" for c in SINGLE_QUOTES},
        **{c: "-" for c in DASHES},
        **{c: " " for c in SPACES},
        # Zero-width and control characters would split or glue tokens unpredictably; a space is
        # always a safe stand-in of the same length.
        "\u200b": " ",
        "\u200c": " ",
        "\u200d": " ",
        "\ufeff": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        "\x00": " ",
    }
)


def normalize(text: str) -> str:
    """Return a copy of `text` of the same length with typographic variants folded for the parser."""
    out = text.translate(_TABLE)
    if len(out) != len(text):  # pragma: no cover - the table only maps single code points
        raise AssertionError("normalization changed the text length")
    # A lone surrogate (text decoded with "surrogateescape", or a JSON "\\ud800" escape) cannot be
    # encoded as UTF-8, which the tokenizer needs: U+FFFD stands in for it, one code point for one.
    out = _SURROGATES.sub("\ufffd", out)
    # Remaining C0 control characters (other than tab and newlines) become spaces: binary junk must
    # not reach the tokenizer as something it could treat as a word.
    out = _CONTROLS.sub(" ", out)
    return unwrap(out)


def unwrap(text: str) -> str:
    """`text` with the line breaks that only wrap a paragraph (hard-wrapped wire copy, e-mail, text taken
    from a PDF) made spaces, one for one: the parser then reads the paragraph's sentences whole, and every
    rule that reads lines reads paragraphs. In a text wrapped at a fixed width (`wrap_width`) a break wraps
    when the next line goes on in lowercase, or when its first word would not have fitted on the line (the
    classic test of reflowing text): a line that ends early, an indented line or a blank line still ends a
    paragraph. In any other text a break wraps where a sentence cannot end: a comma or a function word
    before a lowercase word ("... some doubt as to how" / "much old crop ..."), a lowercase word before a
    lowercase word, "a", "the" or "of" before any word, and a dateline's place alone above its dash; page
    furniture such as "By Sapa-AP" / "subscribe now" keeps its lines, as does a headline over a line that
    opens with a name ("... on the company" / "iPhone sales fell ...")."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    width = wrap_width([len(line.rstrip()) for line in lines if line.strip()])
    out: list[str] = []
    for n, (line, following) in enumerate(zip(lines, lines[1:])):
        out.append(line)
        after = lines[n + 2] if n + 2 < len(lines) else ""
        out.append(" " if _wraps(line, following, width, after) else "\n")
    out.append(lines[-1])
    return "".join(out)


def wrap_width(lengths: list[int]) -> int | None:
    """The width a text is hard-wrapped at, or None when its lines do not look wrapped: at least eight
    lines (a few short items are a list), the longest of nine in ten between 40 and 100 characters, and
    half of them within a quarter of that width (paragraphs of a text that is not wrapped vary in length;
    wrapped lines fill the width)."""
    if len(lengths) < 8:
        return None
    width = sorted(lengths)[int(0.9 * (len(lengths) - 1))]
    if not 40 <= width <= 100 or sum(n >= 0.75 * width for n in lengths) * 2 < len(lengths):
        return None
    return width


_NEVER_LAST = frozenset({"a", "an", "the", "of"})  # words no English sentence ends on (not "on": "talks would go on")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")


def _wraps(line: str, following: str, width: int | None, after: str = "") -> bool:
    body, rest = line.rstrip(), following.lstrip()
    if not body or not rest or body.endswith(":"):
        return False
    last = body.rsplit(None, 1)[-1]
    if rest[:2] == "- " and body.isalpha() and body[0].isupper() and len(rest) >= 30 and after.lstrip()[:2] != "- ":
        # "Abidjan" / "– Eight soldiers ...": a dateline's place alone on the line before its dash (not a
        # heading over a list of dashed items)
        return True
    if rest[0].islower() and len(body) >= 30 and (last.endswith(",") or last in STOP_WORDS):
        return True  # a sentence cannot end there (and the line is no short label, "Read more")
    if rest.split(None, 1)[0].islower() and (len(body) >= 30 or _open_quotation(body)) \
            and not _SENTENCE_END.search(body) and last.isalpha() and last.islower():
        return True  # "... in a jihadist attack in the restive" / "north of the country": the sentence goes on
    if len(body) >= 20 and last in _NEVER_LAST and rest[0].isalnum():
        return True  # "Gunmen attacked the convoy of the" / "Nigerien army ...": no sentence ends on "the"
    if width is not None and rest is following and rest[0].islower() and len(body.split()) >= 4 \
            and not _SENTENCE_END.search(body):
        return True  # a line that ends early, but no sentence ends there and none opens in lowercase
    if width is not None and rest is following and len(body) >= 0.75 * width and last.lower() in STOP_WORDS \
            and not _SENTENCE_END.search(body):
        return True  # "... the debate stirred by" / "Lula's attacks ...": a full line closed by a function word goes on
    if width is None or len(body) < 0.6 * width or rest is not following:
        return False  # not wrapped at a width, a line that ends early, an indented line
    if _open_quotation(body) and not _SENTENCE_END.search(body):
        return True  # '"To Prime Minister X and foreign minister Ratu' / 'Inoke Y I have ...': a quotation goes on
    if rest[0].islower():
        return True
    # a line that ends a sentence keeps its break: the parser splits there anyway, and paragraphs stay apart
    return not _SENTENCE_END.search(body) and len(body) + 1 + len(rest.split(None, 1)[0]) > width


def _open_quotation(line: str) -> bool:
    """The line opens a quotation it does not close."""
    return line.count("\u201c") > line.count("\u201d") or line.count('"') % 2 == 1


# white space, controls, zero-width and other format characters, surrogates, unassigned code points
_INVISIBLE = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Cn"}


def has_visible_text(text: str) -> bool:
    """Whether `text` has a character a reader can see: a zero-width space, a byte-order mark or a run of
    control characters is no article."""
    return any(unicodedata.category(ch) not in _INVISIBLE for ch in text)

