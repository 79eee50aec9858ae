"""Offset-preserving normalization.

The parser reads a copy of the article in which typographic variants are folded to their ASCII
counterparts: curly quotes, guillemets and low-9 quotes to `"` or `'`, dashes to `-`, non-breaking and
other exotic spaces to a plain space. Every replacement is one code point for one code point, so an
offset into the copy is the same offset into the text as given: nothing downstream ever maps offsets.
"""
from __future__ import annotations

import re
import unicodedata

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
    return out


# white space, controls, zero-width and other format characters, surrogates, unassigned code points
_INVISIBLE = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Cn"}


def has_visible_text(text: str) -> bool:
    """Whether `text` has a character a reader can see: a zero-width space, a byte-order mark or a run of
    control characters is no article."""
    return any(unicodedata.category(ch) not in _INVISIBLE for ch in text)

