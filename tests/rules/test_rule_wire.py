"""The wire-copy rule: a dateline, credit line or byline naming a news agency makes the page the agency's
copy; the agency is then a hop of the story's claims, before the publisher.
"""
from __future__ import annotations

from docs import briefly, context, parse

from app.nlp.evidence import WireSignal
from app.nlp.rules.base import Found
from app.nlp.rules.wire import WireCopy

DATELINE = parse("KYIV, Nov 19 (Reuters) - Ukraine's army said on Tuesday that it had repelled an attack.", """
    # the dateline is a fragment of its own
    0  KYIV     0   ROOT      PROPN NNP   -        B-GPE
    1  ,        0   punct     PUNCT ,
    2  Nov      0   npadvmod  PROPN NNP   -        B-DATE
    3  19       2   nummod    NUM   CD    -        I-DATE
    4  (        5   punct     PUNCT -LRB-
    5  Reuters  0   appos     PROPN NNP   -        B-ORG
    6  )        5   punct     PUNCT -RRB-
    7  -        0   punct     PUNCT :
    8  Ukraine  10  poss      PROPN NNP   -        B-GPE
    9  's       8   case      PART  POS
    10 army     11  nsubj     NOUN  NN
    11 said     11  ROOT      VERB  VBD   say
    12 on       11  prep      ADP   IN
    13 Tuesday  12  pobj      PROPN NNP   -        B-DATE
    14 that     17  mark      SCONJ IN
    15 it       17  nsubj     PRON  PRP
    16 had      17  aux       AUX   VBD   have
    17 repelled 11  ccomp     VERB  VBN   repel
    18 an       19  det       DET   DT
    19 attack   17  dobj      NOUN  NN
    20 .        11  punct     PUNCT .
""")


def test_dateline_in_the_text_makes_the_agency_a_hop():
    assert briefly(DATELINE, publisher="Example Times") == [
        ("it had repelled an attack", "indirect", "Ukraine's army", ["Reuters", "Example Times"])]


def test_the_signal_it_finds():
    signals = [s for s in WireCopy()(context(DATELINE, "Example Times"), Found()) if isinstance(s, WireSignal)]
    assert [(s.agency, s.kind) for s in signals] == [("Reuters", "dateline")]


def test_the_publishers_own_dateline_adds_no_hop():
    assert briefly(DATELINE, publisher="Reuters") == [
        ("it had repelled an attack", "indirect", "Ukraine's army", ["Reuters"])]


def _signals(text: str, publisher: str) -> list[tuple[str, str]]:
    """The wire signals of a text (they are read off the text: a tokenized Doc without a parse will do)."""
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    doc = blank(text)
    return [(s.agency, s.kind) for s in WireCopy()(context(doc, publisher), Found()) if isinstance(s, WireSignal)]


def test_the_agencys_staff_or_a_document_it_saw_make_the_page_its_copy():
    """Regression (real pages annotated blind): 'an internal police report seen by AFP' and 'an AFP
    photographer said' are the agency's own news gathering; the page carried AFP's story and AFP was no hop."""
    assert _signals("Police arrested three men, according to a report seen by AFP on Monday. The men were "
                    "held overnight, officials said.", "Channel Eight") == [("AFP", "gathered")]
    assert _signals("Soldiers left the village by noon, an AFP photographer said. Two cars burned.",
                    "Daily Example") == [("AFP", "gathered")]
    # one source telling an agency further down is as often a page's own story citing it: no signal
    assert _signals("A minister told Reuters the talks were over. Our reporter saw the crowd.", "Daily Example") == []
    assert _signals("The talks were over, officials said on Monday. The mayor told Reuters the crowd left.",
                    "Daily Example") == []


def test_an_agency_told_in_the_lead_sentence_makes_the_page_its_copy():
    """Regression (blind batch F1): "..., police and security sources told Reuters." opening the story is
    the agency's lead; the claims after it ("Police sources said ...") came through Reuters too."""
    assert _signals("Militia fighters were killed in a drone strike on Thursday, police and security sources "
                    "told Reuters.\nRead more:\nA group spokesman said three fighters were killed.",
                    "Daily Example") == [("Reuters", "reporting")]
    # a headline above it is no sentence of the story
    assert _signals("Drone strike hits militia base\n\nMilitia fighters were killed on Thursday, sources told AFP.",
                    "Daily Example") == [("AFP", "reporting")]
    # a page that shows reporting of its own is no agency's copy, whatever the agency saw
    assert _signals("A report seen by AFP says so, our correspondent reports.", "Daily Example") == []


def test_what_the_agency_was_sent_or_could_not_check_makes_the_page_its_copy():
    """Regression (real pages annotated blind): 'said an officer ... in a video sent to AFP' and 'AFP was
    unable to independently confirm this account' are the agency's own news gathering, written in its own
    voice; the page carried AFP's story with no credit line and AFP was no hop on any of its claims."""
    assert _signals("The junta said the borders were shut, in a video sent to AFP. Troops took the palace.",
                    "Daily Example") == [("AFP", "gathered")]
    assert _signals("A diplomat said the unrest began on Sunday.\n\nAFP was unable to independently confirm "
                    "this account.", "Daily Example") == [("AFP", "gathered")]
    assert _signals("Rebels said they held the airport. Reuters could not immediately verify the claim.",
                    "Daily Example") == [("Reuters", "gathered")]
    # the page's own reporting beside it: no agency's copy
    assert _signals("Reuters could not verify the claim, our correspondent reports.", "Daily Example") == []
    # an unlisted name, or a name that is no outlet, signals nothing
    assert _signals("The minister could not confirm the figure. Police said so.", "Daily Example") == []


def test_a_line_naming_the_agency_and_its_place_is_its_credit():
    """Regression: 'Anadolu Agency TÜRKIYE' under a headline (the agency, then the place in capitals)."""
    text = "Minister vows response\n\nAnadolu Agency TÜRKIYE\nPublished September 28\n\nThe minister said so."
    assert _signals(text, "A News") == [("Anadolu Agency", "credit")]
    assert _signals("Minister vows response\n\nAnadolu Agency Staff Writers\n\nThe minister said so.", "A News") == []


def test_an_opening_credit_of_the_publisher_names_the_outlet_it_carries():
    """Regression: '(MENAFN - Newsroom Panama) Former ...', the opening parenthesis sometimes lost."""
    for text in ("(MENAFN - Newsroom Panama) The former president said he would appeal.",
                 "MENAFN - Newsroom Panama) The former president said he would appeal."):
        assert _signals(text, "MENAFN") == [("Newsroom Panama", "syndication")]
    # another outlet's name first is no credit of this page
    assert _signals("(Reuters - Newsroom Panama) The former president said he would appeal.", "MENAFN") == []


def test_bylines_and_datelines_of_real_wire_pages():
    """Regression (real pages annotated blind): a byline naming the agency after the reporter, a 'From the
    Associated Press' line and a dateline of two agencies were no signals."""
    assert ("Associated Press", "byline") in _signals(
        "Berkeley praises police\n\nBy Jocelyn Gecker Associated Press\n\nOfficials said it went well.", "LEIU")
    assert ("Associated Press", "byline") in _signals(
        "House explodes\n\nBY MARGERY A. BECK from the Associated Press\n\nA fire official said so.", "SirenNet")
    assert ("Associated Press", "credit") in _signals("Officials said so.\n\nFrom the Associated Press\n", "SirenNet")
    # (two agencies' copy: the first named is the hop, in capitals as in lower case)
    assert _signals("SHANGHAI (REUTERS, XINHUA) - China reported 206 new cases, officials said.",
                    "The Straits Times")[0] == ("Reuters", "dateline")
    # a reporter's byline that names no agency is none
    assert _signals("Storm hits\n\nBy Jane Roe and John Doe\n\nOfficials said so.", "Daily Example") == []


def test_a_byline_of_the_agency_above_a_later_dateline_makes_the_whole_page_its_copy():
    """Regression: the byline 'from the Associated Press' stood over the page's first story and '(AP) —'
    opened its second one; the dateline's position was taken as where AP's copy starts, and the first
    story lost its AP hop."""
    from app.nlp.evidence import WireSignal as Signal
    from app.nlp.lexicon import default_lexicon
    from app.nlp.resolve.relay import wire_copy

    signals = [Signal(900, 920, "AP", "dateline"), Signal(40, 80, "Associated Press", "byline")]
    [(agency, start, _)] = wire_copy(signals, None, default_lexicon())
    assert (agency, start) == ("AP", 0)
    [(_, start, _)] = wire_copy([Signal(900, 920, "AP", "dateline"), Signal(40, 80, "Reuters", "byline")], None,
                                default_lexicon())
    assert start == 900   # another agency's byline says nothing of where AP's copy starts


def test_a_credit_of_a_wire_via_a_service_names_both():
    """Regression (real pages annotated blind): '(Japan Economic Newswire Via Acquire Media NewsEdge)' over
    a Kyodo summary on TMCnet: the wire, then the service that carried it, are hops of every claim."""
    text = "Kyodo news summary\n\n(Japan Economic Newswire Via Acquire Media NewsEdge) TOKYO - The spokesman said so."
    assert _signals(text, "TMCnet") == [("Japan Economic Newswire", "credit"), ("Acquire Media NewsEdge", "syndication")]
    assert _signals("The minister (seen via video link) said so.", "TMCnet") == []


def test_an_agency_under_a_photo_caption_credits_the_photo():
    """Regression (real pages annotated blind): 'AFP' alone on the line under 'File photo: A damaged tank
    ...' made a TRT World story AFP's copy."""
    text = ("Government denies strikes\n\nFile photo: A damaged tank stands on a road north of Mekele.\nAFP\n\n"
            "The government has dismissed the reports, a spokesman said.")
    assert _signals(text, "TRT World") == []
    assert _signals("Ships attacked\n\nAP Photo/Jon Gambrell\nAFP\n\nThe navy said so.", "Daily Example") == []
    # the same line under a headline is the page's credit
    assert _signals("Government denies strikes\n\nAFP\n\nThe government has dismissed the reports.",
                    "TRT World") == [("AFP", "credit")]


def test_a_source_line_credits_one_outlet_not_a_list_of_sources():
    """Regression (real pages annotated blind): 'Source: PAP, Reuters, TVP Info, ec.europa.eu' (what the
    page drew on) made every claim PAP's copy; '[Source: Al-Jazeera/News Agencies]' credited no one."""
    assert _signals("The Commission said so.\nSource: PAP, Reuters, TVP Info, ec.europa.eu", "Polskie Radio") == []
    assert _signals("The army said so.\n\n[Source: Al-Jazeera/News Agencies]\n", "Voice of the Cape") == [
        ("Al-Jazeera", "credit")]
    assert _signals("The army said so.\nSource: AFP\n", "Daily Example") == [("AFP", "credit")]
    assert _signals("The army said so.\nSource: Reuters and AP\n", "Daily Example") == []
    # the page's own name beside the agency (regression: this change first lost "Source: APP/DND" on DND)
    assert _signals("The army said so.\nSource: APP/DND\n", "DND") == [("APP", "credit")]


def test_a_hyphenated_outlet_name_is_the_listed_outlet():
    from app.nlp.lexicon import default_lexicon

    lexicon = default_lexicon()
    assert lexicon.canonical_outlet("Al-Jazeera") == lexicon.canonical_outlet("Al Jazeera") is not None
    assert lexicon.canonical_outlet("-") is None


def test_datelines_without_a_dash_or_with_two_places():
    """Regression (real pages annotated blind): 'Dhaka, March 21 (IANS) Rescuers have ...' (no dash after the
    agency) and 'NAIROBI/KISUMU, Kenya, (Reuters) - ...' (places joined by a slash, a comma before the
    bracket) were no datelines; '(source: Reuters)' in lowercase was no credit."""
    assert _signals("Dhaka, March 21 (IANS) Rescuers have recovered six bodies, police said.", "The Hawk") == [
        ("IANS", "dateline")]
    assert _signals("NAIROBI/KISUMU, Kenya, (Reuters) - Celebrations broke out, officials said.", "Daily Example") == [
        ("Reuters", "dateline")]
    assert _signals("Soldiers were killed, sources said.\n(source: Reuters)\n", "Offshore Engineer") == [
        ("Reuters", "credit")]
    # a dateline whose start the page lost
    assert _signals("Nigeria - 25 killed\n\nReuters) - At least 25 insurgents were killed, officials said.",
                    "Daily Example") == [("Reuters", "dateline")]
    assert _signals("Update) - The minister said so.", "Daily Example") == []
    # without a dash only a listed agency makes a dateline: "Paris, May 2 (Update) The ..." is none
    assert _signals("Paris, May 2 (Update) The minister said so.", "Daily Example") == []


def test_datelines_with_a_colon_or_places_joined_by_a_slash_without_a_dash():
    """Regression (real pages annotated blind): 'Islamabad, Feb 9 (IANS): The ...' (a colon after the
    bracket) and 'Islamabad/Lahore, Feb 9 (PTI) Returning ...' (two places, no dash) were no datelines."""
    assert _signals("Kandy, Feb 9 (IANS): The commission is announcing results, officials said.", "Example Daily") == [
        ("IANS", "dateline")]
    assert _signals("Kandy/Galle, Feb 9 (PTI) Officers stopped the count, the party said.", "Example Daily") == [
        ("PTI", "dateline")]


def test_an_agency_in_brackets_over_the_time_and_date_credits_the_story():
    """Regression (real pages annotated blind): '(Xinhua) 10:51, April 03, 2021' under the headline."""
    text = "Minister urges talks\n\n(Xinhua) 10:51, April 03, 2021\n\nThe minister said talks must resume.\n"
    assert _signals(text, "Example Online") == [("Xinhua", "credit")]
    # an unlisted name in brackets is no agency, and a bracket in a sentence is no credit line
    assert _signals("Minister urges talks\n\n(Update) 10:51, April 03, 2021\n\nThe minister said so.\n",
                    "Example Online") == []
    assert _signals("Minister urges talks\n\nThe minister (Xinhua) said so on April 03, 2021.\n",
                    "Example Online") == []


def test_an_agency_closing_the_last_paragraph_above_the_footer_credits_the_story():
    """Regression (real pages annotated blind): '... from Saturday. — Reuters' ending the story, with the
    page's footer ('Author', 'Previous article') under it, was no credit."""
    text = ("Output plans unchanged\n\nDelegates said the group would keep its plans. Prices fell on Friday. "
            "— Reuters\n\nAuthor\n\n- Advertisement -\nPrevious article\nNext article\n\nShare post:\n")
    assert _signals(text, "Example Insight") == [("Reuters", "credit")]
    # a dash and a name inside a paragraph is no credit
    assert _signals("Output plans unchanged\n\nThe plan — Reuters said — was kept. Prices fell.\n",
                    "Example Insight") == []


def test_an_agency_over_the_date_without_brackets_credits_the_story():
    """Regression (real pages annotated blind): 'Reuters February 11, 2017' on a line under the headline."""
    text = "Court rules against ban\n\nReuters February 11, 2017\n\nThe judge said the order was unlawful.\n"
    assert _signals(text, "Example Tribune") == [("Reuters", "credit")]


def test_sources_telling_another_outlet_three_times_make_the_page_its_story():
    """Regression (real pages annotated blind): an aggregator's copy of an Axios story ('told Axios' in
    every paragraph) carried no Axios hop: only an agency's own reporting counted."""
    text = ("Lawmakers fed up with rebels\n\nSeveral Republicans told Axios they were fed up. \"It is a mess,\" "
            "one member told Axios. \"We have work to do,\" another told Axios.\n")
    assert _signals(text, "Example Reader") == [("Axios", "reporting")]
    # twice is a page citing the interview
    assert _signals("Several Republicans told Axios they were fed up. One member told Axios it was a mess.\n",
                    "Example Reader") == []


def test_a_byline_for_an_outlet_in_capitals_is_its_story():
    """Regression (real pages annotated blind): 'By Ron Doe and Eve Roe for THE NEW YORK TIMES'."""
    text = "Agency plans new rules\n\nBy Ron Doe and Eve Roe for THE NEW YORK TIMES\n\nOfficials said the rules would change.\n"
    assert _signals(text, "Example Post") == [("The New York Times", "syndication")]


def test_a_place_and_the_agency_on_a_line_of_their_own_or_with_agency_under_the_story():
    """Regression (real pages annotated blind): 'Caracas (AFP)' on a line above the story, and 'With AFP'
    closing a reworked agency story, were read as nothing."""
    assert _signals("Gunfire near parliament\n\nCaracas (AFP)\n\nLawmakers said they were shot at.\n",
                    "Example 24") == [("AFP", "dateline")]
    assert _signals("Cartels to be listed\n\nThe minister said Mexico would not accept it.\n\nWith AFP\n",
                    "Example Report") == [("AFP", "credit")]
    # an unlisted name is no agency, and "with" inside a sentence credits nothing
    assert _signals("Gunfire near parliament\n\nCaracas (Update)\n\nLawmakers said so.\n", "Example 24") == []
    assert _signals("The minister met officials. He spoke with AFP.\n", "Example Report") == []


def test_a_titled_place_and_a_listed_agency_on_a_line_is_a_dateline():
    """Regression (real pages annotated blind): 'Dubai - WAM' over the story was read as nothing, since only a
    place in capitals ('MARDİN - Anadolu Agency') made such a line a dateline; a listed agency does too."""
    assert _signals("Dubai - WAM\nThe minister said the talks went well.", "Emirates Voice") == [("WAM", "dateline")]
    # a line of two names is no dateline unless the second is an agency's
    assert _signals("Trump - Putin\nThe minister said the talks went well.", "Emirates Voice") == []


def test_a_source_line_naming_one_unlisted_outlet_credits_it():
    """Regression (real pages annotated blind): 'Source: footballghana.com' credited no one, as the site is
    not listed; one name shaped like an outlet's (a web domain, "Ghana News Agency") is enough."""
    assert _signals("Semenyo will miss the game.\n\nSource: footballghana.com\n", "GhanaWeb") == [
        ("footballghana.com", "credit")]
    assert _signals("Semenyo will miss the game.\n\nSource: club officials\n", "GhanaWeb") == []


def test_an_agency_credited_after_the_verb_near_the_top_credits_the_story():
    """Regression (real pages annotated blind): '..., reports UNB.' closing the third paragraph is the credit of
    a page carrying UNB's story; '..., Reuters reported.' or '..., according to Reuters.' there is the page's
    own reporting citing the agency, and so is the credit far down the page."""
    lead = "The party met the adviser on Wednesday and urged him to act, reports IANS.\n\nThe leader said so."
    assert _signals(lead, "Bangla Mirror News") == [("IANS", "credit")]
    assert _signals(lead.replace("reports IANS", "IANS reported"), "Bangla Mirror News") == []
    assert _signals(lead.replace("reports IANS", "according to IANS"), "Bangla Mirror News") == []
    assert _signals("The leader said so.\n\n" * 40 + lead, "Bangla Mirror News") == []


def test_a_date_alone_before_a_listed_agency_is_a_dateline():
    """Regression (blind batch F4): "July 10 (UPI) — Senate Republicans ..." (no place) is UPI's dateline."""
    assert _signals("Photo caption here\n\nJuly 10 (UPI) \u2014 Senate Republicans hope to finish the bill this week, "
                    "an aide said.", "Example Daily") == [("UPI", "dateline")]
    # an acronym no lexicon lists as an agency is no dateline in this form
    assert _signals("July 10 (ABCD) \u2014 Senate Republicans hope to finish the bill this week.", "Example Daily") == []


def test_an_agency_named_in_capitals_in_a_dateline_is_the_listed_agency():
    """Regression (blind batch G1): "BANGKOK (REUTERS, BLOOMBERG) -" named no listed agency (the lexicon
    writes "Reuters"): the page lost its Reuters hop."""
    assert _signals("BANGKOK (REUTERS, BLOOMBERG) - The council is cooperating with its neighbours, the junta said.",
                    "Example Times") == [("Reuters", "dateline")]


def test_a_closing_reported_by_line_credits_the_outlet_and_its_translator():
    """Regression (blind batch G2): "– Reported by Asia Today; translated by UPI" under the story."""
    assert _signals("The ministry said it would not attend the talks.\n\u2013 Reported by Asia Today; translated by UPI\n",
                    "Example Post") == [("Asia Today", "credit"), ("UPI", "syndication")]
    # a reporter's name alone is no outlet
    assert _signals("The ministry said it would not attend the talks.\nReported by Jane Roe\n", "Example Post") == []


def test_the_agencys_credit_closing_the_lead_is_furniture():
    """Blind batch K8: "..., reports the EFE agency." closing the lead's paragraph credits the agency (a hop
    on every claim) and is itself page furniture, not a claim of the sentence's speaker ("reports" with
    "the EFE agency" as its object was one)."""
    from spacy.lang.en import English

    from app.nlp.evidence import Furniture
    text = "The bridge will reopen in June, the mayor said, reports the EFE agency.\n\nThe works cost more."
    nlp = English()
    nlp.add_pipe("sentencizer")
    out = list(WireCopy()(context(nlp(text), "Latin Desk"), Found()))
    assert [(s.agency, s.kind) for s in out if isinstance(s, WireSignal)] == [("EFE", "credit")]
    assert [text[f.start:f.end] for f in out if isinstance(f, Furniture)] == [" reports the EFE agency."]
