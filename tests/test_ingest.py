"""Tests for app.ingest: offset-preserving normalization, header lines, HTML extraction."""
from __future__ import annotations

import pytest

from app.ingest.header import read_header
from app.ingest.html import NoArticleText, article_from_html, looks_like_html
from app.ingest.normalize import normalize, unwrap, wrap_width

# -- normalize ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u201cYes,\u201d he said.", '"Yes," he said.'),
        ("\u201eJa\u201c, sagte er.", '"Ja", sagte er.'),
        ("\u00ab Oui \u00bb, dit-il.", '" Oui ", dit-il.'),
        ("the \u2018big\u2019 one, it\u2019s", "the 'big' one, it's"),
        ("2019\u20132020 \u2014 a decade", "2019-2020 - a decade"),
        ("10\u00a0km", "10 km"),
        ("plain ASCII stays as it is.", "plain ASCII stays as it is."),
    ],
)
def test_normalize_folds_typography(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_normalize_keeps_length_and_offsets() -> None:
    text = "\u00abNous gagnerons\u00bb,\u00a0a d\u00e9clar\u00e9 le ministre \u2014 \u201cwe\u2019ll win\u201d.\u200b\x00"
    out = normalize(text)
    assert len(out) == len(text)
    # every character that is not folded stays where it was, so offsets need no mapping
    assert [i for i, (a, b) in enumerate(zip(text, out)) if a != b] == [
        i for i, c in enumerate(text) if c in "\u00ab\u00bb\u00a0\u2014\u201c\u2019\u201d\u200b\x00"
    ]
    assert out.index("ministre") == text.index("ministre")


# -- unwrap: line breaks that only wrap a paragraph ---------------------------------------------------

_WRAPPED = (  # an invented dispatch, wrapped at 60 columns the way plain-text wire copy is
    "HARBOUR PORT, March 3 - The port authority said on Tuesday that\n"
    "grain shipments would resume next week after repairs to the\n"
    "main quay, which was damaged in a storm last month. Ships\n"
    "that waited offshore for days would be loaded first, and the\n"
    "queue was expected to clear within a fortnight, officials at\n"
    "the harbour said.\n"
    "    The authority's director, Ana Ruiz, said the repairs had\n"
    "cost more than expected. She did not give a figure but said\n"
    "Insurers would cover most of it, according to the statement.\n"
    "    Traders said demand was strong.\n"
)


def test_unwrap_joins_the_lines_of_a_wrapped_paragraph_and_keeps_paragraphs() -> None:
    out = unwrap(_WRAPPED)
    assert len(out) == len(_WRAPPED)
    assert wrap_width([len(line) for line in _WRAPPED.splitlines()]) is not None
    paragraphs = [p.strip() for p in out.split("\n") if p.strip()]
    assert paragraphs[0].startswith("HARBOUR PORT") and paragraphs[0].endswith("the harbour said.")
    # a capital after a full line is a wrap too (the next word would not have fitted)
    assert paragraphs[1].startswith("The authority's") and "but said Insurers would" in paragraphs[1]
    assert paragraphs[2] == "Traders said demand was strong."


@pytest.mark.parametrize("text", [
    "Local news\n01 May 2013 - 10:30 By Sapa-AP\nsubscribe now for the first month\nImage: Agency\n",
    "The first paragraph ends here.\nthe second one opens in lowercase, as some pages do.\n",
    "Read more\nminister resigns\n",
])
def test_unwrap_keeps_lines_that_are_no_wrap(text: str) -> None:
    assert unwrap(text) == text


def test_unwrap_joins_a_line_cut_after_a_function_word_in_any_text() -> None:
    text = "A long paragraph that was not wrapped at any width says there is some doubt as to how\nmuch is left."
    assert unwrap(text) == text.replace("\n", " ")


def test_unwrap_joins_a_short_first_line_that_runs_on_in_lowercase() -> None:
    # hard-wrapped copy whose first line ends early: no sentence ends there and none opens in lowercase
    # (blind batch J1: the first line was read as a headline and its claim was lost)
    lines = ["Premier Ana Ruiz said Thursday", "she was not in charge of the port, the state-owned",
             *_WRAPPED.splitlines()[1:]]
    text = "\n".join(lines) + "\n"
    out = unwrap(text)
    assert out.startswith("Premier Ana Ruiz said Thursday she was not in charge")
    assert "\n    The authority's director" in out  # an indented line still opens a paragraph


def test_unwrap_joins_a_line_inside_a_quotation_where_the_next_word_would_have_fitted() -> None:
    # hard-wrapped copy whose paragraphs are not set apart by blank lines: a quotation opened on a line and
    # not closed goes on in the next one, even where its first word would have fitted (blind batch L3)
    text = ("Jakarta (Antara) - Indonesia will send ministers to sixteen countries in the\n"
                         "region, the country's chief security minister Budi Santoso said here on Thursday.\n"
                         '"To Prime Minister Frank Bainimarama and foreign minister Ratu\n'
                         'Inoke Kubuabola I have conveyed that we will be present," he said.\n'
                         "During the visit he had met with Prime Minister Bainimarama and several\n"
                         "other ministers of the Fiji government, Budi said in a written statement.\n"
                         "The cooperation in the military field includes disaster mitigation\n"
                         "management, such as training to deal with disaster and in peacekeeping.\n")
    out = unwrap(text)
    assert "foreign minister Ratu Inoke Kubuabola" in out
    assert "on Thursday.\n" in out and len(out) == len(text)


def test_unwrap_joins_copy_wrapped_at_no_one_width() -> None:
    """Blind batch N8: copy whose lines break anywhere (short and long lines mixed, no blank lines, so no
    width is found): a line that ends on a lowercase word and runs on in lowercase, a line that ends on
    "the" or "of" before a capital, and a dateline's place alone above its dash are wraps ("talks would go
    on" / "The talks ..." is not: a particle may end a sentence)."""
    text = ("Dakar\n- Six soldiers have been killed in an ambush in the restive\n"
            "east of the country, military sources told reporters.\n"
            "Gunmen attacked the convoy of the\nNigerien army near the border in Tillaberi region, a source said,\n"
            "leaving three wounded.\n\u201cThe bodies of the missing\nmen were found on Wednesday,\u201d the source said.\n"
            "The attack took place in a\nvillage near the border.\n")
    out = unwrap(text)
    assert len(out) == len(text)
    assert out.splitlines() == [
        "Dakar - Six soldiers have been killed in an ambush in the restive east of the country, military sources told reporters.",
        "Gunmen attacked the convoy of the Nigerien army near the border in Tillaberi region, a source said, leaving three wounded.",
        "\u201cThe bodies of the missing men were found on Wednesday,\u201d the source said.",
        "The attack took place in a village near the border."]
    # a byline above a lowercase furniture line, a headline and a short label keep their breaks
    for kept in ("01 May 2013 - 10:30 By Sapa-AP\nsubscribe now for the first month\n",
                 "Minister warns of shortages\nRead more\n", "Related\n- Story\n",
                 "Snapshot: the minister said talks would go on\nThe talks resumed later.\n",
                 "Apple shares slip as investors weigh new tariffs on the company\niPhone sales fell 5 percent.\n",
                 "Highlights\n- The minister said the talks would go on next week in Geneva\n- Prices rose again\n"):
        assert unwrap(kept) == kept


def test_text_with_long_paragraphs_is_not_wrapped() -> None:
    assert wrap_width([300, 40, 250, 500, 120]) is None
    assert wrap_width([58, 60, 59, 33, 60, 57, 60, 55, 59, 20]) == 60
    assert wrap_width([50, 77, 33, 68, 78]) is None  # a few lines: a list of reader comments, say


# -- read_header ----------------------------------------------------------------------------------


def test_header_date_prefix() -> None:
    text = " date 2025-11-19 The minister said the talks would resume."
    header = read_header(text)
    assert header.published == "2025-11-19"
    assert text[header.body_start:].startswith("The minister said")
    assert header.title is None and header.wire is None


def test_header_wikinews_title_and_dateline() -> None:
    text = (
        "Magnitogorsk apartment building collapses after explosion, dozens dead\n\n"
        "Friday, January 4, 2019 \n\n\n"
        "An apartment building collapsed on Monday, officials said."
    )
    header = read_header(text)
    assert header.title == "Magnitogorsk apartment building collapses after explosion, dozens dead"
    assert header.published == "2019-01-04"
    assert text[header.body_start:].startswith("An apartment building")
    assert [kind for *_, kind in header.regions] == ["title", "date"]


@pytest.mark.parametrize(
    ("text", "wire", "body"),
    [
        ("KYIV (Reuters) - Ukraine said on Tuesday it would talk.", "Reuters", "Ukraine said"),
        ("WASHINGTON, Nov 19 (AP) \u2014 The White House said it would talk.", "AP", "The White House said"),
        ("MOSCOW, November 21. /TASS/. The Kremlin said it would talk.", "TASS", "The Kremlin said"),
        ("Brussels (AFP) - EU ambassadors said they would talk.", "AFP", "EU ambassadors said"),
        ("BELGRADE, Serbia (AP) \u2014 Organizers said they would march.", "AP", "Organizers said"),
        ("AUSTIN, Texas, Nov 19 (AP) \u2014 The governor said he would talk.", "AP", "The governor said"),
        ("EU fails to agree sanctions\n\nBy AFP - Agence France Presse\n\nBrussels (AFP) - EU ambassadors said "
         "they would talk.", "AFP", "EU ambassadors said"),
        ("ST. PETERSBURG, June 5. /TASS/. The governor said it would talk.", "TASS", "The governor said"),
        # South Asian wires date the dateline and give no dash: a colon, or nothing (blind batch N32)
        ("ISLAMABAD, Nov 9 (APP):The spokesperson said they would talk.", "APP", "The spokesperson said"),
        (" date 2022-04-22 Mumbai, Apr 22 (PTI) Union Minister Ravi Rao on Friday said he would talk.", "PTI",
         "Union Minister Ravi Rao"),
    ],
)
def test_header_wire_dateline(text: str, wire: str, body: str) -> None:
    header = read_header(text)
    assert header.wire == wire
    assert text[header.body_start:].startswith(body)
    assert header.regions[-1][2] == "dateline"


@pytest.mark.parametrize("text", [
    "Kyiv (Ukraine) The minister said the talks would resume.",
    "KYIV (Ukraine) The minister said the talks would resume.",
    "Talks (Geneva): The minister said the talks would resume.",
])
def test_header_undashed_wire_needs_place_and_date(text: str) -> None:
    """Without the dash, a bracket after a word is a dateline only with a place and a date before it."""
    header = read_header(text)
    assert header.wire is None and header.body_start == 0


def test_header_absent() -> None:
    # a first line that ends with a period is a sentence of the body, not a headline
    text = "The minister said the talks would resume.\n\nHe gave no date."
    header = read_header(text)
    assert header.body_start == 0
    assert header.title is None and header.published is None and header.wire is None
    assert header.regions == []


def test_header_headline_without_period() -> None:
    text = "Talks resume in Geneva\n\nThe minister said the talks would resume."
    header = read_header(text)
    assert header.title == "Talks resume in Geneva"
    assert text[header.body_start:].startswith("The minister")


# -- article_from_html ----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Bridge to reopen in May, mayor says | Daily Bugle</title>
<meta property="og:title" content="Bridge to reopen in May, mayor says">
<meta property="og:site_name" content="Daily Bugle">
<meta property="article:published_time" content="2025-11-19T08:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe now</a></li></ul></nav>
<header><div class="logo">Daily Bugle</div></header>
<main><article>
<h1>Bridge to reopen in May, mayor says</h1>
<p>The old harbour bridge will reopen to traffic in May, the mayor of Springfield said on Tuesday, after two
years of repairs that cost the city far more than planned.</p>
<p>&ldquo;We are ready, and the money is there,&rdquo; Mayor Jane Roe told reporters at city hall. She added
that the contractors had finished the deck ahead of schedule.</p>
<p>According to the city engineer, the final load tests will take place in April and are expected to pass.</p>
</article></main>
<footer><p>Copyright 2025 Daily Bugle. All rights reserved. Privacy policy. Cookie settings.</p></footer>
</body></html>
"""


def test_html_main_text_and_metadata() -> None:
    article = article_from_html(PAGE)
    assert article.title == "Bridge to reopen in May, mayor says"
    assert article.published == "2025-11-19"
    assert article.publisher == "Daily Bugle"
    assert "\u201cWe are ready, and the money is there,\u201d Mayor Jane Roe told reporters" in article.text
    for boilerplate in ("Subscribe now", "Copyright", "Cookie settings", "<p>", "&ldquo;"):
        assert boilerplate not in article.text
    # paragraphs are separated by a blank line, which the pipeline reads as a paragraph break
    assert "\n\nAccording to the city engineer" in article.text


def test_html_bytes_and_url() -> None:
    article = article_from_html(PAGE.encode("utf-8"), url="https://example.org/bridge")
    assert article.url == "https://example.org/bridge"
    assert "Mayor Jane Roe" in article.text


def test_html_broken_markup() -> None:
    html = (
        '<html><body><article><p>The mayor said "the bridge is <b>safe</b> on Monday, in the capital.'
        "<p>The engineer, who spoke on <i>condition of anonymity, said the tests passed.</div></span>"
    )
    article = article_from_html(html)
    assert 'The mayor said "the bridge is safe on Monday' in article.text
    assert "said the tests passed." in article.text
    assert "<" not in article.text


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("<html><body><div></div></body></html>", "no article text"),
        ("<<<<>>>>", "no article text"),
        ("\x00\x01\x02\x03 binary junk", "no article text"),
    ],
)
def test_html_without_text_raises(html: str, message: str) -> None:
    with pytest.raises(NoArticleText, match=message):
        article_from_html(html)


def test_no_article_text_is_a_value_error() -> None:
    # callers that handle bad input generically (the CLI's batch loop) can catch ValueError
    assert issubclass(NoArticleText, ValueError)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("  <html lang='en'>", True),
        ("<div><p>Text</p></div>", True),
        ("The minister said <b> is a tag.", False),
        ("Plain text.", False),
    ],
)
def test_looks_like_html(data: str, expected: bool) -> None:
    assert looks_like_html(data) is expected


def test_unwrap_joins_a_full_line_closed_by_a_function_word_before_a_capital() -> None:
    """Blind batch N49: in copy wrapped at a width, a full line that ends on a function word ("stirred by")
    goes on, though the next line's first word (a name) would have fitted on it."""
    lines = _WRAPPED.splitlines()
    text = "\n".join([*lines, "The stance of keeping out of the debate stirred by",
                      "Lula's attacks does not mean he disagrees with him, the source said.", *lines]) + "\n"
    out = unwrap(text)
    assert "stirred by Lula's attacks" in out and len(out) == len(text)
