"""Table-driven tests of the constructions the engine must recognise (and the ones it must not).

Each row: text → the claims expected as (content words that must be in the claim's text, speaker name,
kind, relay). Texts are written for these tests, not taken from any gold article.
"""
from __future__ import annotations

import pytest

from app import annotate

pytestmark = pytest.mark.model


def _claims(text: str, **meta):
    result = annotate(text, **meta)
    names = {s.id: s for s in result.sources}
    out = []
    for c in result.claims:
        assert text[c.start:c.end] == c.text
        speaker = names[c.speaker.source].name if c.speaker else None
        out.append((c.text, speaker, c.kind, [names[r].name for r in c.relay]))
    return out


def _find(claims, fragment):
    hits = [c for c in claims if fragment in c[0]]
    assert hits, f"no claim contains {fragment!r}: {claims}"
    return hits[0]


POSITIVE = [
    # a claim that opens a bracket keeps its closing bracket (the example article)
    ("The fire began at 10:39 a.m. local time (1639 UTC), according to police.",
     "local time (1639 UTC)", "police", "according_to"),
    # a name (or a demonym the NER took for one) before a plural group is whose group it is (blind batch L6)
    ("Sri Lankan security forces also said they were maintaining a high level of alert.",
     "they were maintaining a high level of alert", "Sri Lankan security forces", "indirect"),
    # "X said this" after a sentence with an attribution of its own points further back (blind batch L6)
    ("The government on Thursday reiterated its commitment to rebuild the house.\n\n"
     "The News Agency of Nigeria (NAN) reports that armed men had attacked the mission on Friday night.\n\n"
     "Minister Ada Obi said this while briefing journalists in Accra.",
     "armed men had attacked the mission", "News Agency of Nigeria", "indirect"),
    # a closing quotation mark glued to the speaker's name (blind batch L2)
    ('\u201cI cannot say how many of the gunmen were killed,\u201dCommissioner Ada Obi said.',
     "I cannot say how many of the gunmen were killed", "Ada Obi", "direct"),
    ('"The dam will hold,"Mayor Anna Kovacs said on Monday.', "The dam will hold", "Anna Kovacs", "direct"),
    # direct quotes: attribution after, before, inside
    ('"The bridge will reopen next spring," Mayor Anna Kovacs said on Monday.',
     "The bridge will reopen next spring", "Anna Kovacs", "direct"),
    ('Mayor Anna Kovacs said: "The bridge will reopen next spring."',
     "The bridge will reopen next spring", "Anna Kovacs", "direct"),
    ('"We are ready," said the company\'s chief executive, Paul Reyes.',
     "We are ready", "Paul Reyes", "direct"),
    # curly quotes and guillemets
    ('\u201cThe talks failed,\u201d the minister told reporters.', "The talks failed", "the minister", "direct"),
    ('Petro Ivanenko said: \u00abThe front line is stable.\u00bb', "The front line is stable", "Petro Ivanenko", "direct"),
    # a long description of the speaker between commas before the cue
    ('"If current trends continue, the company will be sold," Robert Peck, managing director and internet '
     'equity analyst at SunTrust Robinson Humphrey, told reporters this week.',
     "If current trends continue, the company will be sold", "Robert Peck", "direct"),
    # two apostrophes for each double mark, as some newspapers' archives write them
    ("''The bridge will reopen next spring,'' Mayor Anna Kovacs said on Monday.",
     "The bridge will reopen next spring", "Anna Kovacs", "direct"),
    ("Then there was the radio host Charlie Sykes, who lamented in an interview with the editor Oliver Darcy, "
     "''We have spent 20 years demonizing the media.''", "We have spent 20 years demonizing the media",
     "Charlie Sykes", "direct"),
    # dash attribution, common in translated news
    ('"Nothing has been agreed yet." - said a Ukrainian official.', "Nothing has been agreed yet", "a Ukrainian official", "direct"),
    # reported speech
    ("Olena Marchenko told Reuters that the grain corridor would stay open.", "the grain corridor would stay open",
     "Olena Marchenko", "indirect"),
    ("The ministry confirmed to Reuters that two ships had docked.", "two ships had docked", "ministry", "indirect"),
    ("Economist Tom Hale believes inflation will fall by summer.", "inflation will fall by summer", "Tom Hale", "indirect"),
    # mixed quote
    ('Governor Ruth Bell said the plan was "dead on arrival" in its current form.', "the plan was", "Ruth Bell", "mixed"),
    # findings of studies and analyses, with or without "that", content before or after
    ("One study found the tax plan would raise costs for low-income families.", "the tax plan would raise costs",
     "One study", "indirect"),
    ("Donations to the campaign fell sharply in August, a new analysis shows.",
     "Donations to the campaign fell sharply in August", "analysis", "indirect"),
    # demands carried by a prepositional object
    ("The teachers' union called for a moratorium on new charter schools.", "a moratorium on new charter schools",
     "teachers' union", "indirect"),
    # a person citing a document or a reason still said it; the citing phrase is not content
    ("The minister said prices would fall next year, citing a report by the central bank.",
     "prices would fall next year", "minister", "indirect"),
    # "referring to" inside the content is part of what was said, not a source
    ("The website noted that both candidates were referring to studies of youth unemployment.",
     "both candidates were referring to studies", "website", "indirect"),
    # the parser hangs the content on the audience ("told a meeting of leaders that ...")
    ("Mayor Anna Kovacs told a meeting of island leaders that few people understood the stakes.",
     "few people understood the stakes", "Anna Kovacs", "indirect"),
    ("Mayor Anna Kovacs told the voters who elected her that she would stay in office.",
     "she would stay in office", "Anna Kovacs", "indirect"),
    # the parser hangs the "that" clause on the frame between the cue and the content
    ("Grid operator Elering said in a statement that power supplies had not been affected.",
     "power supplies had not been affected", "Elering", "indirect"),
    ("Public broadcaster Yle reported, citing police sources, that the captain had been questioned.",
     "the captain had been questioned", "police sources", "indirect"),
    # an unnamed employee is an anonymous source, the company only its affiliation
    ("A senior Ukrenergo engineer, who spoke on condition of anonymity, said the company had run out of "
     "autotransformers.", "the company had run out of autotransformers", "A senior Ukrenergo engineer", "indirect"),
    # "one of them" named by its apposition
    ("Two people familiar with the matter spoke to us. One of them, a senior security official, said the ship "
     "had switched off its transponder.", "the ship had switched off its transponder", "a senior security official",
     "indirect"),
    # prepositional frames
    ("According to the Associated Press, the vote was delayed until March.", "the vote was delayed until March",
     "Associated Press", "according_to"),
    ("The vote was delayed until March, according to two people familiar with the matter.",
     "The vote was delayed until March", "two people familiar with the matter", "according_to"),
    # "as per X", as Indian English writes "according to X" (blind batch D8)
    ("The harvest fell to 101 million tonnes after the hailstorms, as per the farm ministry.",
     "The harvest fell to 101 million tonnes", "farm ministry", "according_to"),
    # the parser gave the cue a second subject inside the quotation (blind batch D9)
    ("\u201cIt is far cheaper than court costs, the bad press caused by a leak,\u201d the gang wrote on May 3.",
     "cheaper than court costs", "the gang", "direct"),
    # an act the 'according to' source reports is not a cue that governs it (blind batch D9)
    ("The gang first demanded a payment of $2 million to unlock the company's servers, according to the chat "
     "logs reviewed by the newspaper.", "demanded a payment", "chat logs", "according_to"),
    # the name a participle gives a described source (blind batch D12)
    ("A Telegram channel identified as Frontline Dispatches claimed that the army destroyed a depot.",
     "the army destroyed a depot", "Frontline Dispatches", "indirect"),
    # a cue the parser coordinated with the sentence's act governs no 'according to' (blind batch D9)
    ("The shipping company paid $3 million last week to criminals who encrypted its booking system and claimed "
     "they had copied 2,000 contracts, according to chat logs seen by the newspaper.",
     "The shipping company paid $3 million", "chat logs", "according_to"),
    # a weekday glued to the name heads the apposition (blind batch D9)
    ("Opposition spokesman Karim Hasan Sunday accused ruling party workers of seizing polling booths. \u201cThe "
     "government wants the count in its favour,\u201d he said.", "The government wants the count", "Karim Hasan",
     "direct"),
    # a label closed by a colon is no second subject (blind batch D9)
    ("Gulf Press / Gulf News: Speaking on Saturday, foreign ministry spokesman, Omar Haddad said: \u201cThere has "
     "been no request for talks.\u201d", "There has been no request for talks", "Omar Haddad", "direct"),
    # the parser hung the sources' description on the verb (blind batch D8)
    ("The report quoted people with knowledge of the matter as saying that the mine would be sold.",
     "the mine would be sold", "people with knowledge of the matter", "indirect"),
    # an 'according to' nested in the content of the cue that governs the sentence (blind batch D8)
    ("According to an estimate, rice exports were far lower at 9 million tonnes last year, economist Jane Obi "
     "said.", "rice exports were far lower", "Jane Obi", "indirect"),
    # a speech participle set off after the quoted content clause it hangs on is the speaker's (blind batch K2)
    ("Water Minister Omar Qadir said that \u00abevery pumping station in the valley is working again,\u00bb "
     "while explaining that two reservoirs will need another week.", "two reservoirs will need",
     "Omar Qadir", "indirect"),
    # a reduced "as" clause on the cue says where the words appeared, not a claim of its own (blind batch K2)
    ("The minister spoke on Monday. \u201cSupplies to farms will be rationed for now,\u201d Qadir has added, as "
     "posted on his Facebook page.", "Supplies to farms will be rationed", "Qadir", "direct"),
    # one of the group a relative clause describes speaks (blind batch K2)
    ("Tomas Lind, a fund manager in Oslo, was among several analysts who said the merger would struggle to win "
     "approval.", "the merger would struggle", "Tomas Lind", "indirect"),
    ("Ana Ruiz is one of those who believe the plan will fail.", "the plan will fail", "Ana Ruiz", "indirect"),
]


@pytest.mark.parametrize("text,content,speaker,kind", POSITIVE)
def test_construction(text, content, speaker, kind):
    claim = _find(_claims(text), content)
    assert claim[1] is not None and speaker.lower().removeprefix("the ") in claim[1].lower(), claim
    assert claim[2] == kind, claim


def test_hard_wrapped_paragraph_is_read_whole():
    # plain-text wire copy wraps its lines at a fixed width: the claims must not stop at a line's end
    text = ("RIVERTON, June 2 - Water levels kept rising during the week in\n"
            "the northern valleys, flooding two villages, the regional\n"
            "authority said in its weekly bulletin.\n"
            "    The valley's mayor said there is still some doubt as to how\n"
            "much of the harvest can be saved before the winter.\n"
            "    Roads into the valley stayed closed on Friday and several\n"
            "schools were shut until further notice, as crews worked to\n"
            "clear mud and fallen trees from the main routes.\n")
    claims = _claims(text, publisher="Reuters")
    first = _find(claims, "flooding two villages")
    assert first[0].startswith("Water levels") and first[1] is not None and "authority" in first[1]
    assert _find(claims, "some doubt")[0].endswith("can be saved before the winter")


@pytest.mark.parametrize("dateline", ["RIVERTON, June 2 - ", "RIVERTON - ", "Riverton, June 2 - "])
def test_a_dateline_without_agency_is_no_part_of_a_claim(dateline):
    claims = _claims(dateline + "Water levels rose during the week, the regional authority said.\n"
                     "A second paragraph follows here.")
    assert [c[0] for c in claims] == ["Water levels rose during the week"]


@pytest.mark.parametrize("dateline", ["HARBOURTON, Del, Feb 26 - ", "Feb 26 - "])
def test_a_speaker_that_opens_after_a_dateline_leaves_it_out(dateline):
    """Regression (Reuters' 1987 copy): 'WILMINGTON, Del, Feb 26 - The ... Inc said' made the dateline part of
    the speaker's name, and each such company a source of its own."""
    claims = _claims("ACME TO SELL UNIT\n\n" + dateline + "The Acme Widget Systems Inc said it would sell its unit.\n")
    assert claims[0][1] == "Acme Widget Systems Inc", claims


def test_two_cues_are_two_claims():
    claims = _claims("The senator noted that the bill had stalled, and added that a new draft was coming.")
    assert len(claims) == 2
    _find(claims, "the bill had stalled")
    _find(claims, "a new draft was coming")


def test_quote_interrupted_by_attribution_is_two_claims_with_one_speaker():
    claims = _claims('"We will rebuild," said Maria Lopez. "It will take years, but we will do it."')
    assert len(claims) == 2
    assert {c[1] for c in claims} == {"Maria Lopez"}


def test_floating_quote_continues_previous_speaker():
    text = ('Coach Daniel Ortiz said the team had trained hard all week.\n\n'
            '"We wanted this more than anyone. The players gave everything."')
    claim = _find(_claims(text), "We wanted this more than anyone")
    assert claim[1] == "Daniel Ortiz"


def test_quote_over_several_paragraphs_is_one_claim():
    text = ('Senator Ana Diaz said: "The budget is not balanced.\n\n'
            '"It never was, and the committee knows it."')
    claims = _claims(text)
    quotes = [c for c in claims if c[2] == "direct"]
    assert len(quotes) == 1 and "committee knows it" in quotes[0][0]


def test_pronoun_resolves_to_previous_speaker():
    text = ('Foreign Minister Karl Berger said the talks had been useful.\n\n'
            '"There is still a lot of work to do," he added.')
    claim = _find(_claims(text), "There is still a lot of work to do")
    assert claim[1] == "Karl Berger"


def test_pronoun_skips_a_speaker_of_the_other_gender():
    """"he" never picks a speaker the article calls Ms. or a fiancée; the subject named before it does."""
    text = ("Ms. Hanna Berg, fiancée of the missing sailor, said the search must go on.\n\n"
            "The navy commander, Piotr Lis, ordered a second sweep. Speaking to reporters, he said, "
            '"We will not stop until we find him."')
    claim = _find(_claims(text), "We will not stop")
    assert claim[1] == "Piotr Lis", claim
    text = ('Mr. Tom Reyes said the bridge would open.\n\n"It will cost more than planned," she said.')
    assert _find(_claims(text), "It will cost more")[1] != "Tom Reyes"


def test_name_described_by_a_role_is_a_person_for_pronouns():
    """NER may miss "energy expert Oleksii Dubovyk"; the role still makes him the "he" that follows."""
    text = ("Ministry spokesman Gergely Tarnok told reporters that prices would rise.\n\n"
            "In a comment to our newspaper, energy expert Oleksii Dubovyk said that the ban would hit "
            "Arctic projects.\n\n"
            '"Without European ports, tankers will have to make much longer voyages," he explained.')
    claims = _claims(text)
    assert _find(claims, "tankers will have to make much longer voyages")[1] == "Oleksii Dubovyk", claims


def test_agentless_claim_continues_the_paragraphs_source():
    text = ("The army repelled eight attacks.\n\n"
            "Energy company DTEK reported on Telegram that one of its plants had been hit by drones overnight. "
            "It is reported that two workers were injured.")
    assert _find(_claims(text), "two workers were injured")[1] == "DTEK"


def test_speaker_hung_on_the_outlet_of_a_comment_frame():
    text = ("In a comment to Interfax-Ukraine, the head of the parliamentary energy committee, Ihor Kryvoruchko, "
            "said that parliament would consider the bill in December.")
    assert _find(_claims(text), "parliament would consider the bill")[1] == "Ihor Kryvoruchko"


@pytest.mark.parametrize("text,content,speaker", [
    ("The ban will be extended until February, the business daily Kommersant reported on Thursday.",
     "The ban will be extended until February", "Kommersant"),
    ("North Macedonia's government will not put the amendments to a vote until Sofia offers guarantees, Deputy "
     "Prime Minister for European Affairs Elena Petrovska said on Monday.",
     "will not put the amendments to a vote until Sofia offers guarantees", "Elena Petrovska"),
])
def test_closing_attribution_the_parser_hung_elsewhere(text, content, speaker):
    claims = _claims(text)
    claim = _find(claims, content)
    assert claim[1] == speaker and "reported" not in claim[0] and "said" not in claim[0], claims


def test_closing_attribution_coordinated_with_its_sentence():
    """"A, but only if B, Deputy Minister X told reporters.": the parser made the cue a conjunct."""
    text = ("Moscow is ready to discuss a repair schedule with the agency, but only if Kiev guarantees a "
            "ceasefire in the area, Russian Deputy Foreign Minister Pavel Ostrovsky told reporters on Friday.")
    claim = _find(_claims(text), "Moscow is ready to discuss a repair schedule")
    assert "only if Kiev guarantees a ceasefire" in claim[0] and claim[1] == "Pavel Ostrovsky", claim
    assert "told reporters" not in claim[0]


@pytest.mark.parametrize("opening", [
    "The port will close for a month, according to a report by the Financial Times.",
    "The port will close for a month, the Financial Times reported on Monday.",
])
def test_the_report_is_the_outlet_whose_report_the_text_cited(opening):
    """'the report said' after 'according to a report by X' or 'X reported': X speaks, with no hop of its
    own (blind batch D8); a report the text introduces since then is that report, not X's."""
    text = (f"{opening}\n\nCargo volumes fell 12 percent in May, the report said.\n\n"
            "A new report by the port authority warned of delays. Ships would wait ten days, the report said.")
    claims = _claims(text, publisher="Harbour Daily")
    assert _find(claims, "Cargo volumes fell")[1:4:2] == ("Financial Times", ["Harbour Daily"])
    assert _find(claims, "Ships would wait ten days")[1] != "Financial Times"


def test_the_agency_points_back_at_the_agency_that_spoke():
    text = ("The International Atomic Energy Agency (IAEA) sent a new team to the plant.\n\n"
            "The IAEA said in a statement that its team had heard several explosions. The agency noted that there "
            "was no damage to the reactor buildings.\n\n"
            "Western media claimed last week that a deal was close.")
    claims = _claims(text, publisher="Example Times")
    assert _find(claims, "no damage to the reactor buildings")[1] == "IAEA"
    assert _find(claims, "a deal was close")[1] == "Western media"


def test_name_glued_to_a_long_title_found_by_its_surname_alone():
    text = ("Queues at the border have shrunk. This was stated by the spokesperson for the State Border Guard "
            "Service of Ukraine Andrii Hnatiuk during a briefing in Kyiv.\n\n"
            '"About 900 trucks were waiting this morning," Hnatiuk said.')
    claims = _claims(text)
    assert _find(claims, "Queues at the border have shrunk")[1] == "Andrii Hnatiuk", claims
    assert _find(claims, "About 900 trucks were waiting")[1] == "Andrii Hnatiuk"


def test_according_to_in_the_middle_stops_at_a_conjunction():
    claims = _claims("None of the crew were injured, according to the Romanian navy, but the vessel took on water.")
    assert [c[0] for c in claims] == ["None of the crew were injured"], claims


def test_outlet_named_by_apposition_relays_what_it_cites():
    claims = _claims("Premiums rose by a quarter after the incident, the shipping journal Lloyd's List reported, "
                     "citing brokers in London.", publisher="Example Times")
    claim = _find(claims, "Premiums rose by a quarter")
    assert claim[1] == "brokers" and claim[3] == ["Lloyd's List", "Example Times"], claim


@pytest.mark.parametrize("text,speaker", [
    ("Georgia's Interior Ministry said that police detained at least 12 people.", "Georgia's Interior Ministry"),
    ("The Prosecutor General's Office said the convicts would remain under supervision.", "Prosecutor General's Office"),
    ("Russia's foreign ministry said new restrictions would hurt the Europeans.", "Russia's foreign ministry"),
])
def test_organisation_names_keep_their_title_words(text, speaker):
    assert _claims(text)[0][1] == speaker


def test_quotation_closing_a_sentence_of_reported_speech_is_one_mixed_claim():
    claims = _claims('Moscow is ready to resume talks on gas supplies if Chisinau stops "politicizing the energy '
                     'issue," Deputy Foreign Minister Dmitry Lavrinenko told TASS on Wednesday.')
    assert len(claims) == 1 and claims[0][0].startswith("Moscow is ready to resume talks"), claims
    assert claims[0][1:3] == ("Dmitry Lavrinenko", "mixed")


def test_that_misread_by_the_parser_is_no_content():
    claims = _claims('Spokeswoman Yelena Korneva told reporters at a weekly briefing that Moscow "has taken note" of '
                     "the statements.\n\nRenat Galeyev said in an interview with the Izvestia newspaper that the plant "
                     "had been operating on one line.")
    assert _find(claims, "has taken note")[0].startswith("Moscow"), claims
    assert _find(claims, "the plant had been operating")[0].startswith("the plant"), claims


def test_bare_role_noun_points_back_at_the_person_who_spoke():
    text = ("Deputy Foreign Minister Andrei Kostyukov told TASS that Moscow was ready for talks.\n\n"
            '"There are no such contacts now," the diplomat said.')
    assert _find(_claims(text), "There are no such contacts now")[1] == "Andrei Kostyukov"


def test_title_abbreviation_does_not_end_the_sentence():
    text = ("Navy spokesman Cmdr. Sorin Dinu said divers had found fragments. He cautioned that the investigation "
            "was not complete.")
    claims = _claims(text)
    assert _find(claims, "divers had found fragments")[1] == "Sorin Dinu"
    assert _find(claims, "the investigation was not complete")[1] == "Sorin Dinu"


def test_source_who_asked_not_to_be_named():
    text = ("Speaking to Ukrinform, a senior port official who asked not to be named said repairs at the terminal "
            'would take at least three weeks. "We are loading by hand," the official said.')
    claims = _claims(text)
    assert not [c for c in claims if "not to be named" in c[0]], claims
    assert _find(claims, "repairs at the terminal")[1] == "a senior port official"
    assert _find(claims, "We are loading by hand")[1] == "a senior port official"


def test_a_role_noun_points_at_the_person_the_narration_introduced_with_it_since():
    """'The coach said' after 'Brazil coach X said ...' and then 'Chile coach Y was delighted': Y, whom
    the narration introduced with the title since X spoke (blind batch D11)."""
    text = ("Brazil coach Paulo Lima said the loss was hard to take for his young side.\n\n"
            "Chile coach Diego Soto was visibly delighted with his team's effort.\n\n"
            "The coach said the win was huge for his country.")
    assert _find(_claims(text), "the win was huge")[1] == "Diego Soto"


def test_a_pronoun_takes_a_one_word_name_the_tagger_took_for_an_organization():
    """'Kanaani said ... he said ... the spokesman said': with no person named before, 'he' is the one-word
    name that spoke (the tagger's ORG), who is then a person a role noun points back at (blind batch D12)."""
    text = ("The ministry spokesman made the remarks at his weekly press briefing.\n\n"
            "Noting that the border can no longer stay closed, Kanaani said that Tehran has always favoured talks."
            "\n\nOn the gas deal with Iraq, he said that this will be a long-term contract.\n\n"
            "Once the two sides sign the text, it will be published, the spokesman said.")
    claims = _claims(text)
    assert _find(claims, "long-term contract")[1] == "Kanaani"
    assert _find(claims, "it will be published")[1] == "Kanaani"


def test_a_hyphenated_surname_resolves_to_the_full_name():
    """'al-Thani' is the surname of 'Sheikh Khalid Ahmed al-Thani', which the tokenizer splits at the hyphen
    (blind batch D10)."""
    text = ("Exports will rise by 200,000 barrels a day, Qatari energy minister Sheikh Khalid Ahmed al-Thani said "
            "on Monday.\n\nSpeaking to reporters, al-Thani said the market needed more supply.")
    claims = _claims(text)
    assert _find(claims, "needed more supply")[1] == _find(claims, "Exports will rise")[1]


def test_surname_resolves_to_full_name_and_nominal_to_person():
    text = ("Russian envoy Kirill Dmitriev met the delegation on Tuesday. Dmitriev said the meeting was productive. "
            "The Russian envoy noted that a second round was planned.")
    claims = _claims(text)
    assert _find(claims, "the meeting was productive")[1] == "Kirill Dmitriev"
    assert _find(claims, "a second round was planned")[1] == "Kirill Dmitriev"


def test_agentless_passive_is_a_claim_without_speaker():
    claims = _claims("It was reported that the airport would close for a week.")
    claim = _find(claims, "the airport would close")
    assert claim[1] is None


def test_relay_through_outlet_and_publisher():
    text = ("The government is preparing new sanctions. This is reported by the publication Politico with reference "
            "to European officials, reports UNN.\n\nA European official told Politico that the list was nearly final.")
    claims = _claims(text)
    first = _find(claims, "preparing new sanctions")
    assert first[1] == "European officials" and first[3] == ["Politico", "UNN"]
    second = _find(claims, "the list was nearly final")
    assert second[3] == ["Politico", "UNN"]


@pytest.mark.parametrize("text", [
    "Speaking on Al Jazeera TV, army spokesman Omar Haddad said the convoy had reached the border.",
    "Army spokesman Omar Haddad told the Kommersant newspaper that the convoy had reached the border.",
    "Speaking on Meduza radio, army spokesman Omar Haddad said the convoy had reached the border.",
])
def test_outlet_named_with_its_medium_is_a_hop(text):
    claim = _find(_claims(text, publisher="Example Times"), "the convoy had reached the border")
    assert claim[1] == "Omar Haddad"
    assert claim[3][-1] == "Example Times" and len(claim[3]) == 2 and claim[3][0] in ("Al Jazeera TV", "Kommersant", "Meduza"), claim  # named as the text writes it


@pytest.mark.parametrize("text,speaker,outlet", [
    ("Interfax quoted a senior diplomat as saying the ceasefire talks had collapsed.", "a senior diplomat", "Interfax"),
    ("The agency quoted Defence Minister Olga Stefanishyna as saying that the ceasefire talks had collapsed.",
     "Olga Stefanishyna", None),
    ("According to the Associated Press, which cited two people close to the talks, the ceasefire talks had "
     "collapsed.", "two people close to the talks", "Associated Press"),
])
def test_quoted_as_saying_and_which_cited(text, speaker, outlet):
    """The quoted or cited source speaks; the outlet that quotes it relays."""
    claims = _claims(text, publisher="Example Times")
    claim = _find(claims, "the ceasefire talks had collapsed")
    assert claim[1] == speaker, claims
    assert claim[3][-1] == "Example Times"
    if outlet is not None:
        assert claim[3] == [outlet, "Example Times"], claim
    assert len(claims) == 1, claims


def test_outlet_named_by_an_outlet_noun_is_an_outlet():
    """"public broadcaster Ylex", "the tabloid Bildo": outlets the lexicon does not list."""
    claims = _claims("Finnish public broadcaster Ylex reported, citing police sources, that the captain had been "
                     "questioned.\n\nThe German tabloid Bildo reported that the tanks would arrive in May.",
                     publisher="Example Times")
    assert _find(claims, "the captain had been questioned")[1:4:2] == ("police sources", ["Ylex", "Example Times"])
    assert _find(claims, "the tanks would arrive in May")[1] == "Bildo"


def test_frame_of_the_lead_ends_where_the_text_moves_to_another_channel():
    text = ("The EU is preparing a ban on port services for gas tankers. The Financial Times reports this with "
            "reference to three EU diplomats, RBC-Ukraine writes.\n\n"
            "A senior EU diplomat told the newspaper that the vote was planned for December.\n\n"
            "In a comment to RBC-Ukraine, energy expert Oleksii Dubovyk said that the ban would hit Arctic projects.\n\n"
            "At the same time, the expert believes that the effect will be limited.\n\n"
            "Recall that in October the EU adopted its 19th sanctions package.")
    claims = _claims(text)
    first = _find(claims, "preparing a ban on port services")
    assert first[1] == "three EU diplomats" and first[3] == ["Financial Times", "RBC-Ukraine"], first
    assert _find(claims, "the vote was planned for December")[3] == ["Financial Times", "RBC-Ukraine"]
    assert _find(claims, "the ban would hit Arctic projects")[3] == ["RBC-Ukraine"]
    assert _find(claims, "the effect will be limited")[3] == ["RBC-Ukraine"]
    assert not [c for c in claims if "19th sanctions package" in c[0]], claims  # the outlet's own aside
    assert not [c for c in claims if "RBC-Ukraine writes" in c[0]], claims


def test_lead_frame_of_another_outlet_skips_claims_through_the_speakers_own_channel():
    """On a Kyiv Post page, "The Telegraph writes with reference to sources" frames the story (it is no
    credit of the page); a minister at a press conference or a spokesperson telling reporters is not
    relayed by The Telegraph; "Read also:" teasers and "neither confirmed nor denied" are no claims."""
    text = ("Britain is preparing to send a new batch of missiles to Ukraine, The Telegraph writes with reference "
            "to two government sources.\n\n"
            "According to the newspaper, the decision was taken in early January.\n\n"
            "A Downing Street spokesperson told reporters in London that the government does not comment on "
            "operational matters.\n\n"
            "Defence Minister Mykola Tkachenko neither confirmed nor denied the report at a press conference.\n\n"
            '"Our partners know exactly what we need," he said.\n\n'
            "The sources said the batch would be significantly larger.\n\n"
            "Read also: Drones hit an airfield in the Kursk region, General Staff says")
    claims = _claims(text, publisher="Kyiv Post")
    assert _find(claims, "the decision was taken in early January")[1:4:2] == ("The Telegraph", ["Kyiv Post"])
    assert _find(claims, "does not comment on operational matters")[3] == ["Kyiv Post"]
    assert _find(claims, "Our partners know exactly what we need")[3] == ["Kyiv Post"]
    assert _find(claims, "the batch would be significantly larger")[3] == ["The Telegraph", "Kyiv Post"]
    assert not [c for c in claims if "denied the report" in c[0] or "airfield" in c[0]], claims


def test_interview_hop_carries_to_the_same_speakers_next_claims():
    text = ("In an interview with the BBC, Estonian intelligence chief Kaupo Tamm said Russia was rebuilding its "
            "forces near the border.\n\n"
            "He said he did not expect a large-scale attack this year.\n\n"
            '"We are talking about drones and sabotage," Tamm added.\n\n'
            "Later, at a press conference in Tallinn, Tamm said the budget would grow.")
    claims = _claims(text, publisher="Euronews")
    for fragment in ("rebuilding its forces", "did not expect a large-scale attack", "drones and sabotage"):
        assert _find(claims, fragment)[3] == ["BBC", "Euronews"], claims
    assert _find(claims, "the budget would grow")[3] == ["Euronews"]


def test_another_is_another_source_of_the_same_kind():
    claims = _claims('"We have seen this film before," one diplomat told Politico. Another said the Commission had '
                     "left the imports untouched.")
    assert _find(claims, "left the imports untouched")[1] == "another diplomat"


def test_next_sentence_naming_the_outlets_source():
    claims = _claims('State news agency TASS claims that troops have "liberated" the village of Novoivanivka. '
                     "The agency cites the Russian Defense Ministry.", publisher="RBC-Ukraine")
    claim = _find(claims, "the village of Novoivanivka")
    assert claim[1] == "Russian Defense Ministry" and claim[3] == ["TASS", "RBC-Ukraine"], claims


def test_source_line_names_the_outlet_the_story_comes_through():
    """Ukrainska Pravda's layout: a "Source:" line under the lead."""
    text = ("Johannes Reiter, defence spokesman of the CDU/CSU group, believes that Germany should send more air "
            "defence systems.\n\nSource: Reiter in an interview with Bild\n\n"
            "Details: Reiter said that Russia was targeting the energy grid ahead of winter.")
    claims = _claims(text, publisher="Ukrainska Pravda")
    for fragment in ("Germany should send more air defence systems", "Russia was targeting the energy grid"):
        assert _find(claims, fragment)[3] == ["Bild", "Ukrainska Pravda"], claims


@pytest.mark.parametrize("text,speaker,hop", [
    ("Russia's Interfax news agency, citing plant spokesperson Yevgenia Lysenko, reported that radiation levels "
     "at the site were normal.", "Yevgenia Lysenko", "Interfax"),
    ("In an interview with Germany's dpa news agency published on Tuesday, Anna Vollmer said radiation levels at "
     "the site were normal.", "Anna Vollmer", "dpa"),
])
def test_listed_outlet_named_with_its_news_agency_noun(text, speaker, hop):
    claim = _find(_claims(text, publisher="Yahoo News"), "radiation levels at the site were normal")
    assert claim[1] == speaker and claim[3] == [hop, "Yahoo News"], claim


def test_citing_makes_the_cited_source_the_speaker():
    claims = _claims("Bloomberg reported, citing people familiar with the talks, that the merger was off.",
                     publisher="Example Times")
    claim = _find(claims, "the merger was off")
    assert claim[1] == "people familiar with the talks"
    assert claim[3] == ["Bloomberg", "Example Times"]


def test_nested_outlet_attribution_relays_the_inner_source():
    claims = _claims("The newspaper Le Monde adds that a French diplomat confirmed that the summit was postponed.",
                     publisher="Example Times")
    claim = _find(claims, "the summit was postponed")
    assert claim[1] == "a French diplomat" and claim[3] == ["Le Monde", "Example Times"]


def test_slash_dateline_of_the_russian_agencies_is_a_hop():
    result = annotate("MOSCOW, November 21. /TASS/. The Kremlin said on Friday that the talks would resume.",
                      publisher="Example Times")
    names = {s.id: s.name for s in result.sources}
    assert [names[r] for r in result.claims[0].relay] == ["TASS", "Example Times"]
    assert result.claims[0].text == "the talks would resume"


def test_wire_dateline_is_metadata_and_a_hop():
    text = "KYIV, Nov 19 (Reuters) - Ukraine's army said on Tuesday that it had repelled an attack."
    result = annotate(text, publisher="Example Times")
    assert all(c.start > text.index("-") for c in result.claims)
    names = {s.id: s.name for s in result.sources}
    assert [names[r] for r in result.claims[0].relay] == ["Reuters", "Example Times"]


def test_header_date_line_is_metadata():
    result = annotate(" date 2025-11-19 The minister said that the border was calm.")
    assert result.published == "2025-11-19"
    assert all("date" not in c.text for c in result.claims)


NEGATIVE = [
    'He thinks cats are "cuties".',
    'The film "Gone with the Wind" was shown again on Sunday.',
    "The president met the prime minister in Warsaw on Friday.",
    "Will the ceasefire hold through the winter?",
    "The committee visited the flooded villages.",
    # the page speaking to its reader (blind batch D8)
    "There is no fee for the guide you just read because our sponsors pay for it.",
    # what an interviewer asked (blind batch D9)
    "Asked by the broadcaster if he believes that the rebels were behind the attack, the minister shrugged.",
]


def test_anaphoric_frame_inside_a_publisher_credit_is_no_claim_of_its_own():
    claims = _claims("The army has retreated from the town of Kupiansk. This was reported by the publication "
                     "Reuters with reference to local officials, reports Ukrinform.")
    assert [c[0] for c in claims] == ["The army has retreated from the town of Kupiansk"], claims
    assert claims[0][1] == "local officials"


def test_while_clause_is_a_second_statement():
    claims = _claims('The grocer called the demand "unprecedented", while its rival, in a post on Tuesday, '
                     'called it "unexpected".')
    assert [(c[0], c[1]) for c in claims] == [('called the demand "unprecedented"', "grocer"),
                                              ('called it "unexpected"', "its rival")], claims


def test_more_verbs_of_the_content_clause_are_no_second_cue():
    """"said that forces had changed tactics and were now attacking ...": one claim, not two."""
    claims = _claims("In an interview with Suspilne, navy spokesman Dmytro Pletenchuk said that Russian forces had "
                     "changed tactics and were now attacking the ports mainly with drones.")
    assert [c[0] for c in claims] == ["Russian forces had changed tactics and were now attacking the ports mainly "
                                      "with drones"], claims


def test_speaker_description_after_the_cue_is_no_claim():
    claims = _claims('"It was like pushing on an open door," said Ana Ruiz, who served as trade envoy under '
                     'two presidents.')
    assert [c[0] for c in claims] == ["It was like pushing on an open door,"], claims
    assert claims[0][1] == "Ana Ruiz"


NO_CLAIM = [
    'The mayor spoke on Channel 4\'s "Meet the Town Hall." The meeting ran late.',
    "The council met on Monday.\n\n'Coal Isn't the Villain.'\n\nIt was raining in the valley.",
    "Police found the body of the missing hiker in a river.",
    "She observed the vote from the public gallery.",
    "The guide showed the visitors the old town hall.",
    "Reporters asked the minister whether the border would reopen.",
    # a quoted title, then a name and its description with no cue after them
    'The band played "Bridge Over Troubled Water" for Paul Simon, the singer and songwriter from New York, '
    'and the crowd cheered.',
    "Party leaders are not sure the plan can work.",
]


@pytest.mark.parametrize("text", NO_CLAIM)
def test_no_claim_at_all(text):
    assert _claims(text) == []


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_direct_claim(text):
    claims = _claims(text)
    assert not [c for c in claims if c[2] == "direct"], claims
    if "thinks" not in text:
        assert claims == [], claims


def test_according_to_title_then_apposed_name():
    claims = _claims("According to the city's mayor, Lena Duarte, the water plant will reopen on Friday.")
    claim = _find(claims, "the water plant will reopen on Friday")
    assert claim[1] == "Lena Duarte"
    assert "Lena Duarte" not in claim[0]


def test_according_to_group_followed_by_a_named_subject():
    claims = _claims("According to European officials, Marek Novak planned to visit Kyiv on Monday.")
    claim = _find(claims, "planned to visit Kyiv")
    assert claim[1] == "European officials"


def test_negated_speech_is_no_claim():
    assert _claims("The minister did not say whether the border would reopen.") == []


def test_second_cue_coordinated_into_the_first_is_its_own_claim():
    claims = _claims('The retailer reported that shelves were empty within an hour, and called the demand "unprecedented".')
    assert _find(claims, "shelves were empty within an hour")[2] == "indirect"
    assert _find(claims, "unprecedented")[2] == "mixed"
    assert len(claims) == 2


@pytest.mark.parametrize("lead,publisher", [
    ("The army repelled eight attacks overnight, reports UNN.", "UNN"),
    ("The army repelled eight attacks overnight, Ukrinform reports.", "Ukrinform"),
    ("The army repelled eight attacks overnight, informs the Ukrinform correspondent.", "Ukrinform"),
    ("The army repelled eight attacks overnight, a Ukrinform correspondent in Germany reports.", "Ukrinform"),
    ("The army repelled eight attacks overnight, writes Glavcom.", "Glavcom"),
    ("The army repelled eight attacks overnight, the general said.", None),
])
def test_publisher_credit_in_the_lead(lead, publisher):
    assert annotate(lead + "\n\nMore details followed.").publisher == publisher


def test_as_clauses_attribute_the_main_clause():
    claims = _claims("As the governor noted, the bridge will stay closed until spring.\n\n"
                     "As reported by the press service of the city council, the budget was approved.\n\n"
                     "The roads remain icy, as the commander stated on air of the national telethon.")
    assert _find(claims, "the bridge will stay closed")[1].lower().removeprefix("the ") == "governor"
    assert "city council" in _find(claims, "the budget was approved")[1]
    assert _find(claims, "The roads remain icy")[1].lower().removeprefix("the ") == "commander"


@pytest.mark.parametrize("text,before,after,speaker", [
    ("The new tariffs, trade officials said, would take effect in May.", "The new tariffs", "take effect in May",
     "trade officials"),
    ("The factory was profitable, Ms. Okafor said, until the storm destroyed its roof.", "The factory was profitable",
     "until the storm", "Okafor"),
    ("Cutting the budget, Governor Ruth Bell argued, would hurt rural schools.", "Cutting the budget",
     "hurt rural schools", "Ruth Bell"),
])
def test_cue_in_the_middle_of_its_content(text, before, after, speaker):
    """"A, X said, B": the content wraps round its parenthetical cue; one claim, spanning both sides."""
    claims = _claims(text)
    claim = _find(claims, before)
    assert after in claim[0], claims
    assert claim[1] is not None and speaker in claim[1], claim
    assert claim[2] == "indirect"
    assert len(claims) == 1, claims


def test_quotes_signed_with_a_dash_and_a_name():
    """Reader comments and epigraphs: `"..." ― Name` on one line, a right mark opening a line."""
    text = ("We asked readers what they thought of the debate.\n\n"
            "“The debate showed who he really is. He is out of touch.” ― Marta Iglesias\n"
            "“He frightens me.”― Karim Haddad \n"
            "”I am truly afraid for my children.” — Owen Price, a teacher from Ohio\n\n"
            "“The economy is the real issue,” — and nobody on stage said a word about it.")
    result = annotate(text)
    got = {c.text: (c.speaker.text if c.speaker else None, c.cue.text if c.cue else None) for c in result.claims}
    assert got["The debate showed who he really is. He is out of touch."] == ("Marta Iglesias", "―")
    assert got["He frightens me."] == ("Karim Haddad", "―")
    assert got["I am truly afraid for my children."][0] == "Owen Price"
    # a dash then narration signs nothing (and "nobody ... said" attributes nothing either)
    assert got.get("The economy is the real issue,", (None, None))[1] != "—", got
    assert "what they thought of the debate" not in got  # a question the outlet asked


def test_different_press_services_stay_different_sources():
    claims = _claims("As reported by the press service of the General Staff, the enemy lost ten tanks.\n\n"
                     "According to the press service of the Ministry of Defense, the drills will last a week.")
    assert "Ministry of Defense" in _find(claims, "the drills will last a week")[1]


def test_publisher_credit_with_reference_sets_the_outlet_frame():
    text = ("The United States has proposed a new ceasefire plan, UNN reports with reference to Axios.\n\n"
            "According to the publication, the plan has 20 points.\n\n"
            "A Ukrainian official told the publication that Kyiv had not seen the document.")
    result = annotate(text)
    assert result.publisher == "UNN"
    claims = _claims(text)
    lead = _find(claims, "The United States has proposed a new ceasefire plan")
    assert lead[1] == "Axios" and lead[3] == ["UNN"]
    assert _find(claims, "the plan has 20 points")[1] == "Axios"
    told = _find(claims, "Kyiv had not seen the document")
    assert told[1] == "A Ukrainian official" and told[3] == ["Axios", "UNN"]
    assert "publication" not in told[0]


def test_publisher_credit_citing_a_source():
    claims = _claims("Russia launched 40 drones overnight, Ukrinform reports, citing the Air Force.\n\n"
                     "According to the Air Force, 35 drones were shot down.")
    first = _find(claims, "Russia launched 40 drones overnight")
    assert first[1] == "Air Force" and first[3] == ["Ukrinform"]


INVERTED = [
    # the closing attribution inverted, its speaker after the cue, however the parser hung it
    ("All parties should respect the prime minister's choice of ministers, said Housing Minister Reza Merican.",
     "should respect the prime minister's choice", "Reza Merican"),
    ("The vote had been marred by ballot-stuffing and fake polling stations, charged Sidya Toure, an opposition "
     "politician who spoke to journalists on Monday.", "marred by ballot-stuffing", "Sidya Toure"),
]


@pytest.mark.parametrize(("text", "fragment", "speaker"), INVERTED)
def test_inverted_closing_attribution(text, fragment, speaker):
    claim = _find(_claims(text), fragment)
    assert claim[1] == speaker, claim
    assert not claim[0].startswith(("said", "charged")), claim


def test_a_participle_on_the_content_is_the_same_speakers_second_claim():
    claims = _claims("Toure said on Tuesday that there was no legitimate reason for the delay, claiming the "
                     "commission was relying on a dubious reading of the law.")
    first = _find(claims, "there was no legitimate reason")
    second = _find(claims, "the commission was relying")
    assert first != second and first[1] == second[1] == "Toure", claims
    assert "claiming" not in first[0]


def test_a_dash_inside_the_sentence_closes_the_paragraph_as_a_quotation():
    text = ("The enemy is once again attacking gas infrastructure. Last night, Russia carried out another attack. "
            "In particular, the following facilities were damaged - Halushchenko wrote.\n\n"
            "The ministry said repairs had begun.")
    claim = _find(_claims(text), "The enemy is once again attacking")
    assert claim[0].endswith("were damaged") and claim[1] == "Halushchenko", claim


def test_a_participle_describing_a_noun_reports_nothing():
    claims = _claims("Russia's efforts to take the city may be shifting, according to a soldier defending the area.")
    assert not any(c[0].startswith("defending") or c[0] == "the area" for c in claims), claims


TITLE_HOLDERS = [
    ("Former US Ambassador to the United Nations Nikki Haley wrote on Twitter that allies matter.", "Nikki Haley"),
    ("Head of the regional administration Viktor Honcharuk wrote on Telegram that air defence shot down 23 drones.",
     "Viktor Honcharuk"),
    ("Earlier, Commander of the Ground Forces of the Armed Forces of Ukraine, Brigadier General Yurii Dovhan, said "
     "in an interview that the army needs rotation.", "Yurii Dovhan"),
    ("The head of the committee, people's deputy from the Servant of the People faction Oleksandr Levchuk, denied in "
     "a comment that the bill was dead.", "Oleksandr Levchuk"),
    ("The protest's organiser, Tomasz Wrobel of the farmers' association Podlaska Wies, told broadcaster TVN24 that "
     "the blockade would go on.", "Tomasz Wrobel"),
    ("The lawyer for John Smith said the trial was unfair.", "The lawyer for John Smith"),
]


@pytest.mark.parametrize(("text", "speaker"), TITLE_HOLDERS)
def test_the_person_a_title_names(text, speaker):
    (claim,) = _claims(text)
    assert claim[1] == speaker, claim


def test_a_quotation_before_said_is_its_even_when_another_cue_quotes_after_it(nlp):
    """'"...," she said, asking X to be "patient."': the first quotation is hers by 'said'; the second
    belongs to 'asking', not the reason to drop the first."""
    from app.nlp.pipeline import annotate

    text = ('Agnes Callamard spoke in Geneva. "True justice takes time and I know it is painful," she said, '
            'asking Cengiz to be "patient and resilient."')
    claims = annotate(text, nlp=nlp).claims
    first = next(c for c in claims if c.text.startswith("True justice"))
    assert first.kind == "direct" and "cue 'said'" in " ".join(first.why)


def test_a_statement_saying_keeps_the_clause_the_parser_gave_away(nlp):
    from app.nlp.pipeline import annotate

    text = ("On Friday, the Combined Joint Task Force Operation Inherent Resolve released a statement saying "
            "an attack that day on an Iraqi air base produced no casualties.")
    (claim,) = annotate(text, nlp=nlp).claims
    assert claim.text == "an attack that day on an Iraqi air base produced no casualties"


def test_a_quotation_ending_reported_speech_is_one_mixed_claim(nlp):
    from app.nlp.pipeline import annotate

    text = ('Deputy Prime Minister Alexei Voronin spoke to TASS on Tuesday. He added that the domestic market '
            'as a whole was "under full control." He declined to comment on the export ban.')
    claims = annotate(text, nlp=nlp).claims
    assert [(c.kind, c.text) for c in claims] == [
        ("mixed", 'the domestic market as a whole was "under full control."')]


def test_in_remarks_to_an_outlet_on_a_day_names_the_outlet(nlp):
    from app.nlp.pipeline import annotate

    result = annotate('"There are local difficulties in some regions." Deputy Prime Minister Alexei Voronin said '
                      "this in remarks to the state-run TASS news agency on Tuesday.", nlp=nlp, publisher="The Moscow Times")
    names = {s.id: s.name for s in result.sources}
    (claim,) = result.claims
    assert [names[r] for r in claim.relay] == ["TASS", "The Moscow Times"]


def test_an_acronym_after_told_is_the_addressee_not_a_particle(nlp):
    """'Holub himself told UP that ...': the parser read UP as the particle of 'told up'."""
    from app.nlp.pipeline import annotate

    (claim,) = annotate("Holub himself told UP that he had not been informed of any decision.", nlp=nlp).claims
    assert claim.text == "he had not been informed of any decision" and claim.cue.text == "told"


def test_told_an_outlet_after_a_long_relative_clause_keeps_the_hop(nlp):
    """Issue 9, 1(b): 'X, who oversees ... and is heavily involved in ..., told Axios he ...' — the parser
    made Axios an adverb; the words right after 'told' still name the outlet told."""
    from app.nlp.pipeline import annotate

    result = annotate("Kirill Dmitriev, who oversees the fund and is heavily involved in the talks with the US "
                      "delegation, told Axios he spent three days in Miami.", nlp=nlp, publisher="UNN")
    names = {s.id: s.name for s in result.sources}
    (claim,) = result.claims
    assert names[claim.speaker.source] == "Kirill Dmitriev"
    assert [names[r] for r in claim.relay] == ["Axios", "UNN"]


def test_an_outlet_reporting_its_source_said_relays_the_source(nlp):
    """'Znak.com further reported its source said that ...': the parser made 'its source' the object of
    'reported'; the source speaks, the outlet is a hop."""
    from app.nlp.pipeline import annotate

    result = annotate("Znak.com further reported its source said that the tenant moved in the day before the blast.",
                      nlp=nlp, publisher="Wikinews")
    names = {s.id: s.name for s in result.sources}
    (claim,) = result.claims
    assert claim.text == "the tenant moved in the day before the blast"
    assert claim.speaker.text == "its source" and [names[r] for r in claim.relay] == ["Znak.com", "Wikinews"]


def test_a_statement_which_said_speaks_for_who_released_it(nlp):
    from app.nlp.pipeline import annotate

    result = annotate('The United States Commission on International Religious Freedom (USCIRF) criticized the move. '
                      'They released a statement which said, "Hagia Sophia bears profound significance to Muslims '
                      'and Christians alike".', nlp=nlp)
    names = {s.id: s.name for s in result.sources}
    quote = next(c for c in result.claims if c.kind == "direct")
    assert names[quote.speaker.source] == "United States Commission on International Religious Freedom"


def test_as_quoted_by_after_a_quotation_is_a_hop_not_its_attribution(nlp):
    from app.nlp.pipeline import annotate

    result = annotate('Greek Foreign Minister George Katrougalos emphasized the requirement of approval, saying "It '
                      'is not only a great temple of Christendom. It belongs to humanity", as quoted by Greek '
                      'Reporter.', nlp=nlp, publisher="Wikinews")
    names = {s.id: s.name for s in result.sources}
    quote = next(c for c in result.claims if c.kind == "direct")
    assert names[quote.speaker.source] == "George Katrougalos"
    assert [names[r] for r in quote.relay] == ["Greek Reporter", "Wikinews"]


def test_an_outlet_reports_citing_sources_that_parsed_inside_out(nlp):
    """'Meanwhile, Rzeczpospolita reports, citing sources ..., that the government is considering ...':
    the parser made 'reports' a clause of 'considering'."""
    from app.nlp.pipeline import annotate

    result = annotate("Meanwhile, Rzeczpospolita reports, citing sources in the agriculture ministry, that the "
                      "government is considering extending the national ban on imports of Ukrainian grain.", nlp=nlp)
    names = {s.id: s.name for s in result.sources}
    (claim,) = result.claims
    assert claim.text.startswith("the government is considering extending")
    assert claim.speaker.text == "sources in the agriculture ministry"
    assert [names[r] for r in claim.relay] == ["Rzeczpospolita"]


def test_a_quotation_opening_reported_speech_that_goes_on_is_mixed(nlp):
    from app.nlp.pipeline import annotate

    text = ("Deputy Finance Minister Irina Lebedeva told the Interfax news agency on Tuesday that \u201cno decisions "
            "have been made\u201d on tax changes and that the ministry was \u201cconsidering all options.\u201d")
    claim = next(c for c in annotate(text, nlp=nlp).claims)
    assert claim.kind == "mixed" and claim.text.startswith("\u201cno decisions have been made\u201d on tax changes")


def test_it_cited_x_as_stating_relays_through_the_outlet_it_points_at(nlp):
    from app.nlp.pipeline import annotate

    text = ("The Aviation Herald reported the landing was a mistake. The industry publication stated the aircraft "
            "overran the runway. It cited the Air Force as stating Saha Airlines owned the plane.")
    result = annotate(text, nlp=nlp, publisher="Wikinews")
    names = {s.id: s.name for s in result.sources}
    claim = next(c for c in result.claims if "owned the plane" in c.text)
    assert names[claim.speaker.source] == "Air Force"
    assert [names[r] for r in claim.relay] == ["Aviation Herald", "Wikinews"]


def test_per_an_outlet_after_the_cue_is_a_hop(nlp):
    from app.nlp.pipeline import annotate

    result = annotate('"If product is there in quantities, you would minimise the panic," said Russell Zimmerman per '
                      "ABC News.", nlp=nlp, publisher="Wikinews")
    names = {s.id: s.name for s in result.sources}
    (claim,) = result.claims
    assert names[claim.speaker.source] == "Russell Zimmerman"
    assert [names[r] for r in claim.relay] == ["ABC News", "Wikinews"]


@pytest.mark.parametrize("text,content,speaker", [
    # the parser made a clause of the name and its description ("Correct the Record")
    ('"What\'s shaping up is a battle for the ages," said David Brock, a Clinton confidant who heads the super PAC '
     'Correct the Record.', "What's shaping up is a battle for the ages", "David Brock"),
    # a title in quotation marks inside the speaker's description is no quotation the cue introduces
    ('"It\'s too early to tell," said Cuban, who is also a host on the TV show "Shark Tank."',
     "It's too early to tell", "Cuban"),
])
def test_cue_right_after_a_quotation_names_its_speaker(text, content, speaker):
    claims = _claims(text)
    assert [(c[0].rstrip(","), c[1], c[2]) for c in claims] == [(content, speaker, "direct")], claims


def test_a_quoted_nickname_before_the_cue_is_the_speaker():
    claims = _claims("A drone unit sergeant, \u201cDzhokhar\u201d told Radio Liberty that the city had fallen.")
    assert [(c[0], c[1]) for c in claims] == [("the city had fallen", "Dzhokhar")], claims


def test_an_age_standing_for_a_person_points_back_at_them():
    """Regression (blind batch F2): "said the 50-year-old" was a speaker of its own, "50-year-old"."""
    text = ('Opposition leader Dario Velasco said the count had been rigged.\n\n'
            '"It took me an hour to get out of my house," said the 47-year-old.')
    assert _find(_claims(text), "It took me an hour")[1] == "Dario Velasco"


def test_the_government_is_no_government_source_told_before():
    """Regression (blind batch F2): "the government has said ..." pointed back at "a government source"
    (a word of its name), not at the government (an unnamed source is what its head noun says)."""
    text = ("A government source said the talks would resume on Monday in Havana.\n\n"
            "Three countries are guarantors and the government has said talks will rotate between them.")
    assert _find(_claims(text, publisher="Example Wire"), "talks will rotate between them")[1] == "government"


def test_a_fronted_interview_phrase_the_parser_took_for_the_subject():
    """Regression (blind batch F1): in "In an interview with Kurdish news outlet Rudaw, Nabaz Abdulhamid,
    the mayor of Erbil, confirmed that ...", the parser made "Rudaw" the subject and the mayor its
    conjunct: the speaker was Rudaw, and the interview no hop."""
    text = ("In an interview with Kurdish news outlet Rudaw, Karwan Salih, the mayor of Erbil, the region's capital, "
            "confirmed that the drones had struck empty buildings near the border.")
    claim = _find(_claims(text, publisher="Example Beat"), "the drones had struck empty buildings")
    assert (claim[1], claim[3]) == ("Karwan Salih", ["Rudaw", "Example Beat"])


def test_reported_by_an_outlet_opening_a_sentence_frames_it():
    """Regression (blind batch F2, translated news): "Reported by Reuters, the ..." is the according-to
    frame of the sentence; a noun's "the cases reported by the ministry" is none."""
    claims = _claims("Reported by Reuters, the new rules caused a split reaction among the member states.",
                     publisher="Example Daily")
    assert [(c[0], c[1], c[3]) for c in claims] == [
        ("the new rules caused a split reaction among the member states", "Reuters", ["Example Daily"])], claims
    assert _claims("The cases reported by the ministry rose to 40 on Monday.", publisher="Example Daily") == []


def test_an_agency_abbreviation_closing_the_story_credits_it():
    """Regression (blind batch F1): a story closed by "(FNA)" is Fars News Agency's copy."""
    text = ('"The talks are serious," the spokeswoman told reporters in Vienna on Wednesday.\n\n'
            "The two sides have one more week to strike a deal before the deadline.(FNA)")
    assert _find(_claims(text, publisher="Example Outlook"), "The talks are serious")[3] == ["FNA", "Example Outlook"]


def test_the_line_after_a_whole_caption_closed_by_its_credit_is_the_story():
    """Regression (blind batch F1): a caption closed by "(AFP photo)" made the next line, the story's lead
    under its dateline, a caption too (the rule for a credit alone, then the caption it credits)."""
    text = ("Port official hurt in strike on harbour -- security source\n"
            "By AFP - Mar 2,2023 - Last updated at Mar 2,2023\n"
            "Soldiers secure the area around a vehicle targeted in a drone attack near the harbour on Monday (AFP photo)\n"
            "VALLETTA (AFP) — A drone strike on Monday seriously wounded a port official in his car near the "
            "harbour, a security source told AFP.\n"
            "The source said the strike had targeted the official's car.")
    claim = _find(_claims(text, publisher="Example Times"), "seriously wounded a port official")
    assert (claim[1], claim[3]) == ("a security source", ["AFP", "Example Times"])


def test_a_byline_closing_the_story_names_the_outlet_it_comes_from():
    """Regression (blind batch F2): "by Ana Roe & Luis Paz, Bloomberg" under the story is Bloomberg's copy."""
    text = ("The central bank will cut rates in March, the governor said on Tuesday.\n"
            "He said the currency would stay stable.\n"
            "by Ana Roe & Luis Paz, Bloomberg\nComments")
    assert _find(_claims(text, publisher="Example Times"), "cut rates in March")[3] == ["Bloomberg", "Example Times"]


def test_a_broadcast_interview_is_given_to_the_broadcaster_listed_or_not():
    """Regression (blind batch F2): "in a television interview with LN+" (a channel no lexicon lists) is a
    hop; "in a TV interview with <a person>" names none, and "TV" alone is no outlet."""
    claim = _find(_claims("Governor Carla Ruiz said in a television interview with LN+ on Wednesday that the deficit "
                          "would fall.", publisher="Example Times"), "the deficit would fall")
    assert (claim[1], claim[3]) == ("Carla Ruiz", ["LN+", "Example Times"])
    claim = _find(_claims("Governor Carla Ruiz said in a TV interview with Larry King that the deficit would fall.",
                          publisher="Example Times"), "the deficit would fall")
    assert claim[3] == ["Example Times"]


def test_an_according_to_inside_a_lead_sentence_frames_that_sentence_alone():
    """Regression (blind batch F1): "But the speech, according to a report carried by Iran's Fars News
    Agency, made no mention of ..." in the lead made Fars a hop on every later claim of the story."""
    text = ("TEHRAN, Aug 15 (Reuters) - Iranian missiles can hit ships anywhere in the Gulf, the commander of the "
            "Guards said on Wednesday.\n\n"
            "But the speech by the commander, according to a report carried by Iran's Fars News Agency, made no "
            "mention of the sanctions.\n\n"
            "Iran insists its atomic plans are directed at making electricity.\n\n"
            "US officials said on Wednesday they may soon add the Guards to a list of terrorist groups.")
    claims = _claims(text, publisher="Example News")
    assert _find(claims, "may soon add the Guards")[3] == ["Reuters", "Example News"]
    assert _find(claims, "directed at making electricity")[3] == ["Reuters", "Example News"]


def test_sources_telling_an_agency_under_a_place_and_colon_make_the_page_its_copy():
    """Regression (blind batch F3): "Brussels: ..." opening the story is a dateline naming no agency; with
    "several diplomats told Reuters" further down the page carries Reuters' story."""
    text = ("Brussels: EU sanctions could include a ban on trading in state bonds, EU diplomats said on Tuesday.\n\n"
            "Ministers will meet later in Paris to agree on the details, several diplomats told Reuters.\n\n"
            "The EU has said it was ready to impose heavy costs on the economy.")
    claims = _claims(text, publisher="Example News")
    assert _find(claims, "a ban on trading in state bonds")[3] == ["Reuters", "Example News"]
    assert _find(claims, "ready to impose heavy costs")[3] == ["Reuters", "Example News"]


@pytest.mark.parametrize("text,speaker,outlet", [
    # the parser hung "as" on "familiar", inside the object: the outlet was the speaker, "quoted" the cue
    ("An agreement could be announced as soon as this week, Bloomberg quoted people familiar with the matter "
     "as saying.", "people familiar with the matter", "Bloomberg"),
    ("An agreement could be announced this week, Interfax quoted Ivan Petrov as saying.", "Ivan Petrov", "Interfax"),
    # (blind batch G1) "as saying early on Friday": words after "saying" are no content of its own
    ("The two countries have held productive trade talks, Reuters quoted an unnamed official as saying early on "
     "Friday.", "an unnamed official", "Reuters"),
])
def test_an_outlet_quoting_a_source_as_saying_after_the_content(text, speaker, outlet):
    """Regression (blind batch F4): "A, Bloomberg quoted people familiar with the matter as saying." is the
    people's claim, through Bloomberg."""
    claims = _claims(text, publisher="Example Daily")
    assert [(c[1], c[3]) for c in claims] == [(speaker, [outlet, "Example Daily"])], claims


def test_a_sentence_naming_the_interview_a_speaker_gave_relays_their_claims():
    """Regression (blind batch G2): "Kishida made the comments in an interview with Kyodo News" (no claim
    itself) names the channel of the minister's claims before and after it."""
    text = ('Foreign Minister Mateo Ruiz said, "We need such a dialogue at a ministers\' level." He said the two '
            "sides should talk soon.\n\n"
            "Ruiz made the comments in an interview with Kyodo News on Tuesday in Paris.\n\n"
            '"If they keep insisting, talks will fail," Ruiz said.')
    claims = _claims(text, publisher="Example Post")
    assert {tuple(c[3]) for c in claims} == {("Kyodo News", "Example Post")}, claims
    assert len(claims) == 3
    # reporters are no outlet
    text = text.replace("in an interview with Kyodo News", "to reporters")
    assert {tuple(c[3]) for c in _claims(text, publisher="Example Post")} == {("Example Post",)}


def test_quoted_in_an_outlets_report_and_the_report_after_it():
    """Regression (blind batch G1): "X was quoted as saying in an ABS-CBN report" named no hop, and the
    next "According to the report, ..." was a document of its own, not the outlet's report."""
    text = ('"We are doing our part," police spokesman Juan Cruz was quoted as saying in an ABS-CBN report.\n\n'
            "According to the report, the warning came from a police memo which was leaked online.")
    claims = _claims(text, publisher="Example Inquirer")
    first = _find(claims, "We are doing our part")
    assert (first[1], first[3]) == ("Juan Cruz", ["ABS-CBN", "Example Inquirer"])
    assert _find(claims, "the warning came from a police memo")[1] == "ABS-CBN"


def test_who_spoke_on_condition_of_anonymity_is_no_part_of_the_speakers_name():
    """Regression (blind batch G2): the parser hung "who spoke on condition of anonymity" on "party", and
    the speaker's name ran on to "... anonymity"."""
    claims = _claims("Citing a senior figure from the ruling party who spoke on condition of anonymity, the local "
                     "Liberty Times newspaper reported that the president had his own contacts.", publisher="Example")
    assert [(c[1], c[3]) for c in claims] == [("a senior figure from the ruling party", ["Liberty Times", "Example"])]


def test_two_outlets_citing_by_are_two_hops():
    """Regression (blind batch F3): "..., as cited by MTI and Agerpres" made one hop "MTI and Agerpres",
    read as MTI alone."""
    claim = _find(_claims("The reports are fake news, Prime Minister Karl Berg wrote on Twitter on Tuesday, as cited "
                          "by MTI and Agerpres.", publisher="Example Reel"), "The reports are fake news")
    assert claim[3] == ["MTI", "Agerpres", "Example Reel"]


def test_a_closing_cue_the_parser_read_as_a_participle_of_the_noun_before_it():
    """Regression (blind batch F4): in "A, a Senate aide familiar with negotiations confirmed Monday." the
    parser made "confirmed" modify "negotiations": the claim was lost."""
    claims = _claims("Senators hope to finish the revised bill by the end of this week, a Senate aide familiar "
                     "with negotiations confirmed Monday.", publisher="Example Daily")
    assert [(c[0], c[1]) for c in claims] == [
        ("Senators hope to finish the revised bill by the end of this week",
         "a Senate aide familiar with negotiations")], claims


def test_a_caption_closed_by_a_photo_credit_without_brackets_is_no_claim():
    """Regression (blind batch F4): "... speaks to the media after a meeting. Photo by Pete Marovich/UPI"
    is a photo's caption; "watches as X speaks to the media" was a claim of it."""
    text = ("Senators hope for a revised bill\n\n"
            "Senator Ann Roe watches as Senator Bo Lee speaks to the media after a meeting on June 27. Lee earlier "
            "postponed a vote. Photo by Jane Doe/UPI\n\n"
            "The aide told CBS News that members could be briefed on Tuesday.")
    claims = _claims(text, publisher="Example Daily")
    assert [c[0] for c in claims] == ["members could be briefed on Tuesday"], claims


@pytest.mark.parametrize("text,content,speaker", [
    ("Asked to comment on the content of the talks, Lena Ortiz only mentioned that details were being reviewed.",
     "details were being reviewed", "Lena Ortiz"),
    ("When asked to comment on reports about the border, Hua Min said China hoped for calm.",
     "China hoped for calm", "Hua Min"),
])
def test_being_asked_to_comment_is_no_claim(text, content, speaker):
    """Regression (blind batches F1, G2): "Asked to comment on X, ..." was a claim of the person asked
    (the object rule read "asked" as a cue with its object)."""
    claims = _claims(text, publisher="Example")
    assert [(c[0], c[1]) for c in claims] == [(content, speaker)], claims


def test_an_open_question_is_no_claim():
    """Regression (blind batches F2, G1): "has called into question whether X can hold ..." was a claim of
    the conflict."""
    assert _claims("The conflict has called into question whether the prime minister can hold the country together.",
                   publisher="Example") == []


def test_a_noun_object_stops_before_a_contrast_with_a_speaker_of_its_own():
    """Regression (blind batch G2): "declared the test a 'great success,' even as the agency in the South
    claimed just the opposite" ran the first claim on into the second speaker's."""
    claims = _claims('State media declared the test a "great success," even as the news agency in the South '
                     "claimed just the opposite.", publisher="Example")
    first = _find(claims, "great success")
    assert "even as" not in first[0], claims


@pytest.mark.parametrize("text,content", [
    # the parser coordinated the speaker's next cue with the content: it is what the speaker did
    ("Military spokesman Aung Min said China was friends with the country but did not specify the others.",
     "China was friends with the country"),
    # ... but the content's own second verb stays ("were attacking": not the cue's form)
    ("The governor said Russian forces had changed tactics and were now attacking the ports with drones.",
     "Russian forces had changed tactics and were now attacking the ports with drones"),
    ("The ministry said they would announce the decision and report to parliament.",
     "they would announce the decision and report to parliament"),
])
def test_the_speakers_next_cue_is_no_part_of_the_content(text, content):
    """Regression (blind batch G1)."""
    assert [c[0] for c in _claims(text, publisher="Example")][0] == content


def test_an_unnamed_outlet_placed_by_country_is_a_hop():
    """Regression (blind batch G1): "in an interview with an Indian newspaper" is a hop written as the text
    names it, like "Russian media" (the guidelines' unnamed outlet groups); "in a newspaper" is none."""
    claim = _find(_claims("Prime Minister Ravi Das, in an interview with an Indian newspaper, had said that one strike "
                          "would not be enough.", publisher="Example Today"), "one strike would not be enough")
    assert claim[3] == ["an Indian newspaper", "Example Today"]


def test_a_closing_attribution_reports_the_whole_sentence_before_its_subject():
    """Blind batch K1: the parser made the first of two coordinated clauses a second complement of the
    closing cue, and the claim kept only the second ("A have made progress and B is expected soon, a
    mediation source told Reuters")."""
    text = ("MOMBASA - Negotiations between the navy and the coastal militia in Lamu, Kenya, have made progress and "
            "an agreement on a truce is expected soon, a mediation source told Reuters.")
    claim = _find(_claims(text), "expected soon")
    assert claim[0].startswith("Negotiations between") and claim[0].endswith("expected soon"), claim


def test_a_participle_after_the_second_that_clause_is_the_speakers_third_claim():
    """Blind batch K1: "said that A and that B, adding that C": the parser hung "adding" on B, whose
    subject ("it") took the claim, and C stayed inside B."""
    text = ('The ministry said Monday that the talks were "very hard" and that it would be naive to expect quick '
            'results, adding that it was waiting for a reply to its offer.')
    claims = _claims(text)
    b = _find(claims, "naive to expect")
    c = _find(claims, "waiting for a reply")
    assert "adding" not in b[0] and b != c and c[1] == "ministry", claims


def test_an_outlet_named_after_its_description_frames_only_the_clause_before_it():
    """Blind batch K1: in "A, according to news site Axios which quoted an official as ...", the parser left
    "Axios" out of the phrase, so the claim ran over the frame and its relative clause; and the official
    Axios quoted "as describing" something spoke that, not A."""
    text = ("The envoy was headed to Amman, according to news site Axios which quoted a State Department official "
            "as describing a \u201cfinal push\u201d.")
    claim = _find(_claims(text), "The envoy was headed")
    assert claim[0] == "The envoy was headed to Amman" and claim[1] == "Axios", claim


@pytest.mark.parametrize("text,content", [
    ("Around 40 raiders were \u201crepelled\u201d by the guards and the police during a patrol, the regional army said.",
     "Around 40 raiders were \u201crepelled\u201d by the guards and the police during a patrol"),
    ("The raiders were \u201crepelled\u201d by the guards, the regional army said.",
     "The raiders were \u201crepelled\u201d by the guards"),
])
def test_a_clause_whose_verb_alone_is_quoted_is_a_mixed_claim(text, content):
    """Blind batch K1: the clause's verb was in quotation marks, so no rule took the clause as the cue's
    content; the claim was lost, or cut after the quotation."""
    claim = _find(_claims(text), "raiders were")
    assert claim[0] == content and claim[2] == "mixed" and claim[1] == "regional army", claim


@pytest.mark.parametrize("text,speaker", [
    ("The strike took place at dawn, according to Mali's army.", "Mali's army"),
    ("The deal is off, Donald Trump's lawyer said.", "Donald Trump's lawyer"),
])
def test_who_owns_the_speaker_is_not_the_speaker(text, speaker):
    """Blind batch K1: "according to Mali's army" (the tagger read "Mali" as a person) gave the speaker
    "Mali": a person in the possessive of the speaker's phrase was taken for the speaker."""
    assert [c[1] for c in _claims(text)] == [speaker]


def test_according_to_a_source_who_said_is_two_claims_of_that_source():
    """The example article's "A, according to police, who said B": since the frame stops at its outlet-
    or source-phrase, B is a claim of its own, and the parser made "who said" a clause of its own, not a
    relative clause: the pronoun stands for the noun before its comma."""
    text = ("The fire began at 9:15 a.m. local time, according to firefighters, who said crews arrived at the depot "
            "ten minutes later.")
    claims = _claims(text)
    assert [(c[0], c[1]) for c in claims] == [("The fire began at 9:15 a.m. local time", "firefighters"),
                                              ("crews arrived at the depot ten minutes later", "firefighters")]


def test_a_name_closing_the_content_is_not_the_speaker_apposed_to_it():
    """Blind batch K5: "A in a call with his counterpart, Sheikh X, the foreign ministry said": the parser
    made the name that closes A the cue's subject and the ministry its apposition."""
    text = ("Egypt\u2019s Foreign Minister Karim Nabil expressed Egypt\u2019s solidarity with Jordan in a phone call with "
            "his Jordanian counterpart, Sheikh Faisal bin Ali Al Hamad, the Egyptian foreign ministry said in a statement.")
    assert [c[1] for c in _claims(text)] == ["Egyptian foreign ministry"]


def test_a_second_clauses_subject_coordinated_into_the_first_clauses_object_speaks():
    """Blind batch K4: "Observers praised the handling of the vote and the EU mission said ...": the parser
    made "the EU mission" a conjunct of the first clause's object, and "said" took the observers."""
    text = ("Foreign monitors praised the handling of Sunday\u2019s ballot and the African Union mission said it had seen "
            "no sign of fraud during voting.")
    claim = _find(_claims(text), "no sign of fraud")
    assert claim[1] == "African Union mission", claim


def test_a_quotation_before_a_passive_quoting_cue_keeps_its_speaker():
    """Regression of this session: a clause before its cue whose verb alone is quoted is reported speech,
    but a whole quotation (its first word inside the marks; the opening mark itself is no word of the
    clause) stays the quotation rules': the reported reading had taken it, without a speaker."""
    text = ("Officials met on Monday. A ministry spokesperson said talks were under way.\n\n"
            "\"We are talking about a significant increase already in 2026,\" the spokesperson was quoted as saying.")
    claim = _find(_claims(text), "significant increase")
    assert claim[2] == "direct" and claim[1] is not None, claim


def test_a_participle_hung_on_the_quotations_verb_adds_what_the_earlier_cues_speaker_says():
    """Blind batch K8: '"A," said the diplomat, speaking on condition of anonymity and adding: "B"': the
    parser hung the participles on B's verb, so the subject it found for "adding" was inside B."""
    text = ("\u201cThe mayor knows that the port is the only lever the union will respect,\u201d said the official, "
            "speaking on condition of anonymity and adding: \u201cPeople are waiting to see if it gets some support from "
            "other towns.\u201d")
    claim = _find(_claims(text), "People are waiting")
    assert claim[1] is not None and "official" in claim[1], claim


def test_whose_channel_says_is_the_antecedents_claim():
    """Blind batch K7: "X, whose LinkedIn profile says A": the speaker was "whose LinkedIn profile"."""
    text = ("The post drew comment from Maria Lund, whose LinkedIn profile says her comments are her own and don't "
            "reflect the official view of her employer.")
    claim = _find(_claims(text), "her comments are her own")
    assert claim[1] == "Maria Lund", claim


# -- blind batches N1-N3 of the twelfth session (sentences written for these tests) -----------------------

def test_a_syndicators_bracket_names_the_outlet_whose_copy_it_carries():
    """"(MENAFN- KaspiNews) ..." on a line of its own below the page's date: the syndicator (the publisher)
    and the outlet whose story it carries, named as the bracket writes it (the credit was read only as the
    page's first characters)."""
    text = ("Minister warns of shortages\n\n2026-02-26 03:06:22\n\n"
            "(MENAFN- KaspiNews) The energy minister said on Monday that gas reserves would last the winter.\n\n"
            "\"We are prepared,\" she said.")
    claims = _claims(text, publisher="MENAFN")
    assert all(c[3] == ["KaspiNews", "MENAFN"] for c in claims) and len(claims) == 2, claims


def test_an_infinitive_on_a_noun_is_an_intended_act_and_the_closing_cue_takes_the_sentence():
    """"The council's decision to declare Oslo a partner is raising tensions, Security Secretary Ivan
    Petrov said": "declare" (an infinitive hung on "decision") reports nothing; the parser made "decision"
    a second subject of "said", whose content is the whole clause before the speaker."""
    text = ("Officials met in Riga.\n\n"
            "The council's decision to declare Oslo a partner is raising tensions across the region, "
            "Secretary of the Security Council Ivan Petrov said.")
    claims = _claims(text)
    claim = _find(claims, "is raising tensions")
    assert claim[1] == "Ivan Petrov" and claim[0].startswith("The council's decision"), claims
    assert not [c for c in claims if c[1] and "decision" in c[1]], claims


def test_the_definite_role_noun_with_common_modifiers_is_the_person_who_spoke_before():
    text = ("Secretary of the Security Council Ivan Petrov said the alliance was moving closer.\n\n"
            "\"New bases were opened on the eastern flank,\" the top security official noted.")
    claim = _find(_claims(text), "New bases")
    assert claim[1] == "Ivan Petrov", claim
    # a modifier naming a nation may be someone else's: "the Latvian official" is not Petrov
    text = text.replace("the top security official", "the Latvian official")
    assert _find(_claims(text), "New bases")[1] != "Ivan Petrov"


def test_an_outlets_agency_named_with_a_possessive_is_no_garbled_hop():
    """"public broadcaster Polish Radio's IAR news agency reported": the tagger made "Radio's IAR news" one
    entity; the outlet owning the agency is the name before "'s" (here the publisher itself)."""
    text = ("Leaders met in Brussels.\n\n"
            "The summit ended without a deal on Thursday night, public broadcaster Polish Radio's IAR news agency reported.")
    claim = _find(_claims(text, publisher="Polskie Radio"), "without a deal")
    assert claim[3] == ["Polish Radio"] or claim[3] == ["Polskie Radio"], claim
    claim = _find(_claims(text, publisher="Example Times"), "without a deal")
    assert claim[3] == ["Polish Radio", "Example Times"], claim


def test_an_interview_sentence_with_a_title_for_subject_gives_the_outlet_to_the_speakers_claims():
    """"The Minister made the statement in an exclusive interview with CNN's Jane Roe": the title names the
    speaker of the claim before; the interview's outlet is a hop of it and of the pronoun claims after it
    (the sentence's "statement" is the outlet's occasion, not a channel of the speaker's own), while the
    publisher's own report later on ("Example News reported that ...") is no other channel of theirs."""
    text = ("Gas deal talks continue\n\n"
            "The Qatari Energy Minister Ali Hamad has said that no long-term deal has been signed yet.\n"
            "The Minister made the statement in an exclusive interview with CNN\u2019s Jane Roe on Thursday.\n"
            "\u201cWe are still talking to the companies,\u201d he said. \u201cIt is a commercial matter.\u201d\n"
            "On Monday, Example News reported that a ministry spokesperson had confirmed the talks.\n"
            "The contracts can be diverted to other buyers, Hamad told Roe, but added that this will not happen.")
    claims = _claims(text, publisher="Example News")
    for fragment in ("no long-term deal", "still talking", "commercial matter", "can be diverted"):
        claim = _find(claims, fragment)
        assert claim[1] == "Ali Hamad" and claim[3] == ["CNN", "Example News"], claim


def test_the_name_closing_a_titles_of_phrase_speaks_without_the_channel_hung_on_it():
    """"head of Ukraine's Presidential Office Andriy Yermak on Telegram reaffirmed ...": the parser hung the
    name inside the office's "of" phrase and the channel on the name; the speaker is the person alone."""
    text = ("Talks stalled.\n\nEarlier, head of Ukraine's Presidential Office Andriy Yermak on Telegram reaffirmed "
            "Kyiv's position that the swap must come first.")
    claim = _find(_claims(text), "the swap must come first")
    assert claim[1] == "Andriy Yermak", claim
    # "the lawyer for John Smith" is still not John Smith, nor is "the lawyer of John Smith" (the name
    # right after "of")
    for prep in ("for", "of"):
        claims = _claims(f"Talks stalled.\n\nThe lawyer {prep} John Smith said the case would be dropped.")
        assert _find(claims, "the case would be dropped")[1] != "John Smith", claims


def test_the_publishers_own_dateline_below_a_teaser_is_furniture_not_content():
    text = ("Minister rejects export deal\n\nThe press reported earlier that the companies were talking\n\n"
            "MOSCOW, June 3. /TASS/. The gas holding rejects the export deal, Energy Minister Ivan Sokolov said on Friday.")
    claim = _find(_claims(text, publisher="TASS"), "rejects the export deal")
    assert claim[0].startswith("The gas holding") and claim[1] == "Ivan Sokolov" and claim[3] == ["TASS"], claim


def test_a_participle_after_a_mid_sentence_according_to_is_the_writers_comment():
    text = ("Chip deal\n\nAcme is in talks to buy the software maker Betasoft, according to people familiar with the "
            "matter, setting up one of the largest technology deals of the year.")
    claim = _find(_claims(text), "in talks to buy")
    assert claim[0] == "Acme is in talks to buy the software maker Betasoft" and claim[2] == "according_to", claim


def test_a_naming_verb_after_a_noun_and_its_comma_is_no_claim():
    text = ("Markets\n\nThe big worry now is that the economy has instead fallen back into recession, called a double-dip.")
    assert not [c for c in _claims(text) if "double-dip" in c[0]]


def test_a_line_opening_with_an_agency_and_the_date_credits_the_story_and_a_ticker_is_furniture():
    text = ("Latest\nMinister resigns  \u2022 Gold down sharply  \u2022 Spotlight: PM makes plea, calling the decision \"final\"\n\n"
            "Government vows crackdown\n\nXinhua, June 22, 2016 Adjust font size:\n\n"
            "Violence will not be tolerated by the police, the government warned on Tuesday.")
    claims = _claims(text, publisher="China Development Gateway")
    assert not [c for c in claims if "final" in c[0]], claims
    claim = _find(claims, "will not be tolerated")
    assert claim[3] == ["Xinhua", "China Development Gateway"], claim


def test_a_country_named_before_a_title_points_back_at_the_titled_person_the_text_named():
    """"the Pakistan finance minister" for "the country's Finance Minister Ali Khan" (no country in his
    description); an outlet's "quoted ... as saying" is then a hop of his claims that follow."""
    text = ("Budget\n\nThe economy faces a difficult phase, said the country's Finance Minister Ali Khan on Saturday.\n\n"
            "\"We have never seen a harder time,\" Dawn quoted the Pakistan finance minister as saying.\n\n"
            "He said that power was produced at high cost.")
    claims = _claims(text, publisher="Eastern Eye")
    assert _find(claims, "never seen a harder time")[1:4:2] == ("Ali Khan", ["Dawn", "Eastern Eye"]), claims
    assert _find(claims, "power was produced")[1:4:2] == ("Ali Khan", ["Dawn", "Eastern Eye"]), claims


def test_an_agencys_credit_closing_an_attribution_is_no_claim_of_its_own():
    text = ("Ties\n\nForeign Adviser Ali Rahman on Saturday said Dhaka wanted working relations with its neighbour.\n"
            "\u201cWe must try to keep a working relation,\u201d he told newsmen at the ministry while describing his "
            "meeting with his counterpart, reports BSS.")
    claims = _claims(text, publisher="Business Post")
    claim = _find(claims, "keep a working relation")
    assert claim[1] == "Ali Rahman" and claim[3] == ["BSS", "Business Post"], claims
    assert _find(claims, "working relations with its neighbour")[1] == "Ali Rahman"  # not "Adviser Ali Rahman"


def test_a_byline_naming_a_national_agency_makes_the_page_its_copy():
    text = ("Kathmandu\n\nBorder issues will be resolved through talks: PM\n\nBy Rastriya Samachar Samiti\n\n"
            "KATHMANDU, JULY 22\n\nPrime Minister Ram Thapa stated that an understanding was reached on the border.")
    claim = _find(_claims(text, publisher="The Himalayan Times"), "an understanding was reached")
    assert claim[3] == ["Rastriya Samachar Samiti", "The Himalayan Times"], claim


def test_a_speaker_introduced_with_an_honorific_the_tagger_left_out_is_one_person_with_the_entity():
    """"Mawlavi Amir Khan Muttaqi said ..." (a religious honorific outside the tagger's "Amir Khan Muttaqi"),
    then "Muttaqi said": one person, without the honorific."""
    text = ("News\n\nKABUL: Acting Foreign Minister of the Islamic Emirate of Afghanistan Mawlavi Amir Khan Muttaqi in an "
            "interview with a radio station said that the border was secure.\nMilitants came from abroad, Muttaqi said.")
    claims = _claims(text)
    assert {_find(claims, f)[1] for f in ("the border was secure", "came from abroad")} == {"Amir Khan Muttaqi"}, claims


def test_the_narration_going_on_after_a_closing_cue_is_no_content_of_it():
    """Blind batch N8 (hard-wrapped copy): "A, the sources said, in an area where armed groups move ...":
    the words after the cue and its comma continue the narrated sentence; the claim is A."""
    text = ("Attack\nGunmen attacked the convoy of the\nNigerien army near the border, a source said.\n"
            "The attack took place in a\nvillage called Kankoro, the sources said, in an area where armed groups\n"
            "move back and forth across the border.")
    claims = _claims(text)
    assert not [c for c in claims if c[0].startswith(",")], claims
    assert _find(claims, "took place in a")[1] == "the sources"


def test_a_refusal_coordinated_into_the_content_is_the_speakers_own_act():
    text = ("Arrest\n\nThe chancellor's spokesman, Peter Lang, said the chancellor had been told. He said she spoke to "
            "the president late Thursday, but would not say if the leaders had discussed the arrest.")
    claim = _find(_claims(text), "spoke to the president")
    assert claim[0] == "she spoke to the president late Thursday" and claim[1] == "Peter Lang", claim


# (text, publisher, a fragment of the claim or several of claims, their speaker, their relay): blind batches
# N1-N9 of the twelfth session, sentences written for these tests
BLIND_N = [
    # a bare "AA" credit line under the page's date is Anadolu's copy ("AA" names it only in a credit or
    # dateline: the hop as the credit writes it)
    ("Talks to resume next week\n\n12:05 14/03/2025, Friday\nAA\n\n"
     "The Kremlin said on Friday that all sides wanted the talks to resume soon.",
     "Daily Sabah", "wanted the talks", "Kremlin", ["AA", "Daily Sabah"]),
    # "reaffirmed X's position that ...": a cue with its content clause
    ("Talks stalled.\n\nEarlier, Ivan Petrov on Telegram reaffirmed Kyiv's position that the swap must come first.",
     None, "the swap must come first", "Ivan Petrov", None),
    # the parser apposed the official to the agency spoken to; the official (the generic unnamed source the
    # text named before) speaks, the agency is a hop
    ("A Libyan security source said that the clashes in Tripoli were continuing.\n\n"
     "In a statement to Anadolu Agency, the security official, who asked not to be named because he was not "
     "authorised to speak to the media, said that \"the fighting is now less intense.\"",
     "Middle East Monitor", "less intense", "A Libyan security source", ["Anadolu Agency", "Middle East Monitor"]),
    # a sentence that is a speech participle alone goes on with the paragraph's speaker
    ("Fighting went on.\n\nThe spokesman Ali Omar said that \"the clashes are calmer now.\" "
     "Adding that they are \"continuing for no reason at all.\"", None, "for no reason", "Ali Omar", None),
    # the source an outlet's report names speaks, the outlet is a hop
    ("Quake hits east\n\nANKARA. KAZINFORM - At least 19 people were killed on Friday after an earthquake rattled the "
     "east of the country, according to authorities, Anadolu reports.",
     "Kazinform", "At least 19 people", "authorities", ["Anadolu", "Kazinform"]),
    # an outlet's reporter named before the noun makes the outlet a hop, of the reporter's later claims too
    ("Fighting went on.\n\nThis was contradicted by a Sudan Tribune reporter who said the rebels had not "
     "captured the town. He reported that the troops had suffered casualties.",
     "Radio Tamazuj", ("had not captured", "suffered casualties"), "a Sudan Tribune reporter",
     ["Sudan Tribune", "Radio Tamazuj"]),
    # an outlet's "according to" closing a speech cue is a hop of that cue's claim (and the quotation after it)
    ("Coach goes quiet\n\nSouth Carolina coach Tom Reed has stopped giving injury updates.\n\n"
     "\u201cFor the rest of the year, I'm not going to address injuries,\u201d he said, according to ESPN. "
     "\u201cWe are tested three times a week.\u201d",
     "Fox News", ("address injuries", "three times a week"), "Tom Reed", ["ESPN", "Fox News"]),
    # an unlisted outlet named in full, where the tagger cut its name short ("Radio Television" of it)
    ("News\n\nKABUL: Acting Foreign Minister Amir Khan Muttaqi in an interview with Radio Television of Afghanistan "
     "(RTA) said that the group had been completely suppressed.", "The Kabul Times", "completely suppressed",
     "Amir Khan Muttaqi", ["Radio Television of Afghanistan", "The Kabul Times"]),
]


@pytest.mark.parametrize("text, fragment, not_speaker", [
    # a role whose modifier the person's description lacks is someone else
    ("Prime Minister John Smith said the budget was balanced.\n\nThe opposition leader said the figures were false.",
     "the figures were false", "John Smith"),
    ("Police chief John Smith said the road was closed.\n\nThe other official said it would reopen soon.",
     "it would reopen soon", "John Smith"),
])
def test_a_role_the_persons_description_does_not_give_is_not_that_person(text, fragment, not_speaker):
    claims = _claims(text)
    assert _find(claims, fragment)[1] != not_speaker, claims


@pytest.mark.parametrize("text, fragment, whole", [
    # an infinitive on a noun with a content clause of its own is a cue
    ("Visit\n\nBiden took the opportunity to stress that the US would stand by Ukraine.", "would stand by Ukraine", None),
    # the content's own "would not ..." stays in it
    ("Fuel\n\nThe minister said the government would raise fuel prices but would not announce the new rates until Monday.",
     "would raise fuel prices", "the government would raise fuel prices but would not announce the new rates until Monday"),
    # a naming verb with an object of its own is a claim
    ("Vote\n\nJohnson slammed the proposal, called it a disgrace and vowed to fight it.", "a disgrace", None),
    # after a cue that does not close an attribution, a comma and a preposition: the content still follows
    ("Plant\n\nThe minister told reporters, after the meeting, the plant would close by June.", "would close by June", None),
])
def test_the_twelfth_sessions_rules_leave_these_alone(text, fragment, whole):
    claim = _find(_claims(text), fragment)
    assert whole is None or claim[0] == whole, claim


def test_a_feed_link_or_a_motoring_body_is_no_outlet():
    text = ("Follow us\nRSS\n\nProtest goes on\n\nThe farmers said they would continue the protest.")
    assert _find(_claims(text, publisher="The Hindu"), "continue the protest")[3] == ["The Hindu"]
    text = ("Fuel\n\nPetrol prices will rise by five pence a litre, the AA said. Motorists in the north face the "
            "highest prices, the RAC said.")
    claims = _claims(text, publisher="BBC")
    assert _find(claims, "highest prices")[3] == ["BBC"], claims


# Blind batches of the thirteenth session (sentences written for the tests, after the constructions the
# engine missed on pages it had never seen)
BLIND_S = [
    # a participle after the interview's noun describes the interview ("broadcast on Saturday"): it is no
    # content of the cue, no channel of the speaker's own; the interview's outlet goes on with the speaker
    *((f"Minister speaks\n\nForeign Minister Anna Berg has said that the talks \"are over for now.\"\n\n"
       f"\"We will not return to the table this year,\" she said in an interview with {outlet} broadcast on "
       f"Saturday as a telethon.\n\n\"Our partners know our position,\" she said.",
       "Daily Courier", ("are over for now", "return to the table", "know our position"), "Anna Berg",
       [outlet, "Daily Courier"]) for outlet in ("ICTV", "Inter")),
    # a title's "of" and its country glued by the tagger to the name ("President of Ukraine Volodymyr
    # Zelensky" tagged one entity, "Ukraine Volodymyr Zelensky"): the name is the person's, the title
    # describes them, and "he" is them
    ("Frontline\n\nThe war goes on in Ukraine and Poland.\n\n1 min read\nPresident of Ukraine Volodymyr Zelensky "
     "has said that the front is stable.\n\n\"We will hold the line,\" he said.",
     "Kyiv Post", ("the front is stable", "hold the line"), "Volodymyr Zelensky", ["Kyiv Post"]),
    # a photo's credit closing its caption is no wire credit ("(Photographer/Agency via Getty Images)"),
    # and the podcaster the speaker talked to is a hop, named by the host
    ("Minister on the war\n\nby Jane Roe May 6, 2025 9:00 AM 2 min read\nMinister Anna Berg speaks in Riga, "
     "Latvia, on May 1, 2025. (Ivan Petrov/Baltic Images via Getty Images)\n\nThe war will end by spring, "
     "Minister Anna Berg said in an interview with U.S. podcaster Lex Fridman released on May 5.",
     "Riga Times", "The war will end by spring", "Anna Berg", ["Lex Fridman", "Riga Times"]),
    # the page's own credit in the lead citing an outlet ("..., Censor.NET reports citing Ukrinform") names
    # what the whole story comes through: a hop of every claim, the one before it and the speaker's press
    # conference included
    ("We must talk - Berg\n\nThe talks have stalled. They must resume.\n\nThis was stated by Foreign Minister Anna "
     "Berg during a press conference with her Austrian counterpart on Wednesday in Vienna, Censor.NET reports "
     "citing Ukrinform.\n\n\"We are ready to meet at any time,\" she said.\n\nAccording to Berg, the next round "
     "could take place in May.",
     "Censor.NET", ("ready to meet", "next round"), "Anna Berg", ["Ukrinform", "Censor.NET"]),
    # a given name the tagger read as a verb it does not know ("Andrii" with "Sybiha" its object) is part of
    # the name, no content clause; "This was stated by X" points back at the paragraph's sentences before
    # it that attribute nothing themselves
    ("Moscow can only be forced into peace by increasing pressure, which requires strengthening Ukraine. This will "
     "prevent the threat of war in Europe. This was stated by Deputy Minister of Foreign Affairs Andrii Sybiha "
     "during a joint press conference with his German counterpart, as reported by UNN.\n\n"
     "Sybiha emphasized that the war goes on.",
     "UNN", ("Moscow can only be forced into peace by increasing pressure, which requires strengthening Ukraine. "
             "This will prevent the threat of war in Europe", "the war goes on"), "Andrii Sybiha", ["UNN"]),
    # an outlet named by the proper noun before its outlet noun ("the Zorya newspaper's broadcast"): the
    # outlet speaks in the lead, and frames the speaker's words after it
    ("Title\n\nTUNIS, January 31. /TASS/. Omar Haddad has announced work to form an interim government, according "
     "to the Zorya newspaper's broadcast on Facebook.\n\n\"We will work for all citizens,\" Haddad said.",
     "TASS", "work for all citizens", "Omar Haddad", ["Zorya", "TASS"]),
    ("Title\n\nTUNIS, January 31. /TASS/. Omar Haddad has announced work to form an interim government, according "
     "to the Zorya newspaper's broadcast on Facebook.", "TASS", "announced work", "Zorya", ["TASS"]),
    # a listed newspaper's name alone on its line between the headline and the story: the page carries its copy
    ("The Daily Courier\nRiverside, Ohio\n\nCourt Upholds Cable Rule In Split Vote\n\nLos Angeles Times\n\n"
     "Ending a long legal fight over local television, the court ruled Monday that cable operators must carry "
     "every local station in their area.\n\nThe ruling rejects the industry's claim that it has a free-press right.",
     "The Daily Courier", "cable operators must carry", "court", ["Los Angeles Times", "The Daily Courier"]),
    # "referring to" a topic after an outlet's "according to" names no source the outlet cites: the speaker's
    # quotation comes through the outlet
    ("Title\n\n\u201cWe should not worry,\u201d Prime Minister Anna Berg told the cabinet on Tuesday night, according "
     "to the Kurzeme news site, referring to long talks over the budget deal. \u201cThe opposition should worry.\u201d",
     "Riga Times", "We should not worry", "Anna Berg", ["the Kurzeme news site", "Riga Times"]),
    # a quotation whose cue is the content of an outlet's report is the outlet's relay
    ("Title\n\nPrime Minister Anna Berg came under fire on Wednesday.\n\nKan news quoted Berg differently, reporting "
     "that she had said: \u201cWe will not lose the vote. We are ready and we will win it.\u201d",
     "Riga Times", "We will not lose the vote", "Anna Berg", ["Kan news", "Riga Times"]),
    # an unlisted outlet's own newsgathering shown twice ("a statement seen by Radio Zorya", "Radio Zorya was
    # not immediately able to obtain comment") on a page with no reporting of its own: the page is its copy;
    # a place in title case and a dash opening the story is a dateline, the speaker apposed after it
    ("El Obeid \u2014 The Joint Force of Armed Movements and the army say that an attack on the city was repelled yesterday. "
     "The army said in a statement seen by Radio Zorya that its forces held the airport.\n\n"
     "Radio Zorya was not immediately able to obtain comment from the rebels.",
     "allAfrica", "an attack on the city was repelled", "Joint Force of Armed Movements and the army",
     ["Radio Zorya", "allAfrica"]),
    # a dateline's credit alias ("(AA)") and the agency's full name told something are one hop
    ("Strikes hit Idlib\n\nIDLIB, Syria (AA) - At least seven people were killed on Saturday, according to a civil "
     "defense official.\n\n\"The strikes hit homes and a market,\" Ali Omar, a civil defense official, told Anadolu "
     "Agency.", "Daily Courier", "hit homes and a market", "Ali Omar", ["Anadolu Agency", "Daily Courier"]),
    # "for the first time" hung on the speaker says when, not who
    ("Title\n\nTucked into its quarterly filing, Nvidia for the first time said that export rules could hurt its "
     "business.", "CNA", "export rules could hurt", "Nvidia", ["CNA"]),
    # the subject of an "as" clause the parser read as the object of "as"
    ("Title\n\nShares of Acme Holdings Inc rose as a source familiar with the matter told Benzinga an investor was "
     "pushing for a merger.", "Benzinga", "an investor was pushing", "a source familiar with the matter", ["Benzinga"]),
    # a lead that gathers several outlets' reports: none of them frames the rest of the page
    ("State media announced that the navy seized a tanker in the Gulf on Thursday. The Tasnim news agency reported "
     "that the tanker was detained under a court order, according to official media reports.\n"
     "The Greek shipping company Star Navigation reported today that the tanker is leased by a Turkish firm.",
     "Gulf Daily", "leased by a Turkish firm", "Star Navigation", ["Gulf Daily"]),
    # a listed agency first in a line of the story's particulars split by bars
    ("Left Menu\n\nAgency arrests suspect in attack on police\n\nPTI | Ranchi | Updated: 03-02-2021 19:59 IST\n"
     "The agency on Wednesday arrested a man for his alleged role in an attack on a police post, an official said.",
     "Devdiscourse", "arrested a man", "an official", ["PTI", "Devdiscourse"]),
    # a listed outlet and a word of an outlet's name in lower case ("EFE news") is the outlet: it frames the
    # story after its report
    ("Title\n\nThe suspect had been detained, police said, while adding that an inquiry was under way, EFE news "
     "reported on Wednesday.\n\nAuthorities said the focus of the investigation remained on terrorism.",
     "Business Standard", "remained on terrorism", "Authorities", ["EFE", "Business Standard"]),
    # a "that" the parser read as the dative of a relative clause that has a subject and an object of its
    # own opens the cue's content ("said ... after a Cabinet meeting that ministers reviewed the plan")
    ("Title\n\nInformation Minister Omar Haddad said on Friday after a Cabinet meeting that ministers reviewed the "
     "army's proposal and approved it, Xinhua news agency reported.", "The Hawk", "reviewed the army's proposal",
     "Omar Haddad", ["Xinhua", "The Hawk"]),
]


BLIND_T = [
    # a dated wire dateline without its dash (PTI's "Mumbai, Apr 22 (PTI) ...", APP's "ISLAMABAD, Nov 9
    # (APP):The ..."): the body, and the speaker, start after it
    ("Chennai, Jun 3 (PTI) State Minister Ravi Kumar on Monday said the dam was safe and would be inspected.",
     "Example Times", "the dam was safe", "Ravi Kumar", ["PTI", "Example Times"]),
    ("LAHORE, Mar 4 (APP):The provincial minister Ali Raza Khan said the new hospital would open in May.",
     "Example Times", "the new hospital", "Ali Raza Khan", ["APP", "Example Times"]),
    # a weekday the tagger took into the name ("Dr Amina Yusuf Thursday said") is no part of it
    # (and a role the tagger took into it, "Spokesperson Dr Hamid", is its description)
    ("Title\n\nThe Interior Ministry Spokesperson Dr Hamid Thursday said the vote was fair.", "Example Times",
     "the vote was fair", "Hamid", ["Example Times"]),
    # "the career diplomat-turned-author": an epithet standing for the person who spoke just before
    ("Title\n\nFormer ambassador Karl Berg said on Friday that the treaty was dead. The career diplomat-turned-author "
     "also said, in the same speech, that talks should resume.", "Example Times", "talks should resume", "Karl Berg",
     ["Example Times"]),
    # "speaking to the media at the power station": the press in general, no outlet (nor is its place)
    ("Title\n\nSpeaking to the media at the Kusile power station in Mpumalanga, the electricity minister said that "
     "the cuts would end soon.", "Example Times", "the cuts would end", "electricity minister", ["Example Times"]),
    # ... nor is "the power station" an outlet's pointer: a station in another sense than a broadcaster's
    ("Title\n\nSpeaking to journalists at the Kusile power station, the electricity minister said that the cuts "
     "would end soon.", "Example Times", "the cuts would end", "electricity minister", ["Example Times"]),
    # a quotation with its own attribution inside an outlet's closing credit is the speaker's claim, the
    # outlet (and the interview's broadcaster) its hops; "al-Mayadeen" with its article is the listed outlet
    ("Talks go on\n\n\"We will win,\" Minister Ali Khan said in an interview with Lebanon's al-Mayadeen television, "
     "IRNA reported.", "Iran Daily", "We will win", "Ali Khan", ["al-Mayadeen", "IRNA", "Iran Daily"]),
    ("T\n\n\"We will win,\" Minister Ali Khan said, IRNA reported.", "Iran Daily", "We will win", "Ali Khan",
     ["IRNA", "Iran Daily"]),
    # the page's date line crediting where the story came from, the listed name written without its spaces
    ("Visit a tradition: FM\n\n2018-09-06 01:03:55 | From:GlobalTimes\n\nThe visit follows a friendly tradition, "
     "the Foreign Ministry said on Wednesday.", "China Tibet Online", "follows a friendly tradition",
     "Foreign Ministry", ["Global Times", "China Tibet Online"]),
    # AAP's dateline: the agency after the date with no brackets, under the page's furniture
    ("Skip navigation\n\nLatest Headlines\n\nSYDNEY, Jan 29 AAP - The inquest is underway.\nThe coroner, Jane Roe, "
     "said inquiry staff were steadying themselves.", "Police News", "steadying themselves", "Jane Roe",
     ["AAP", "Police News"]),
    # an entity the tagger ran over the cue ("Dodik told Serbia's" one WORK_OF_ART): the name ends before it
    ("Title\n\n\"Bosnia is a compulsion,\" Dodik told Serbia's state broadcaster RTS.", "B92", "Bosnia is a compulsion",
     "Dodik", ["RTS", "B92"]),
    # several outlets credited with slashes: the agency's copy is the hop ("(CBSNewYork/CBS News/AP)" on CBS
    # New York's page, its own name written together)
    ("Charges approved\n\nCBSNewYork (CBSNewYork/CBS News/AP) -- A grand jury has approved the first charges.\n\n"
     "\"The investigation is ongoing,\" said Jane Roe, a former prosecutor.", "CBS New York",
     "The investigation is ongoing", "Jane Roe", ["AP", "CBS New York"]),
    # an aggregator's "Read Full Article at RT.com" under the teaser: the page is that outlet's story
    ("'Only trust primary sources' - Kremlin\n\nThe Kremlin has warned of fake news Read Full Article at RT.com\n\n"
     "Apr 23, 2025\n\nPresidential aide Yury Ushakov confirmed on Tuesday that Moscow is expecting another visit.",
     "NewsWorldStream", "Moscow is expecting", "Yury Ushakov", ["RT.com", "NewsWorldStream"]),
    # an outlet's report after the page has attributed the news to its own source frames no more than its
    # neighbourhood: the page's later sources are its own
    ("Charges due\n\nWASHINGTON - The Justice Department is set to announce charges against two hackers, according to "
     "a law enforcement source.\n\nThe source would not say more, though the Washington Post reports that the "
     "indictment targets two intelligence officers.\n\nThe charges include wire fraud, according to officials.\n\n"
     "Hackers stole names and passwords, the company said in its announcement.\n\n"
     "The court has scheduled a hearing for Friday.", "WTVR", "include wire fraud", "officials", ["WTVR"]),
    ("Title\n\nSpeaking to the Russian media in Moscow, the foreign minister said that the talks were over.",
     "Example Times", "the talks were over", "foreign minister", ["the Russian media", "Example Times"]),
    # an 'according to' frame whose sentence ends in a quotation closing after the stop ('."') keeps the
    # quotation's own cue: the speaker inside the frame, the agency its hop
    ("Talks\n\nAccording to Chinese state media Xinhua, Xi expressed hope that \u201cthe two sides will work "
     "together.\u201d", "Example Times", "the two sides will work together", "Xi", ["Xinhua", "Example Times"]),
    # "Le Figaro cited an official, who said: ...": the outlet quoting the speaker is a hop
    ("Talks\n\nLe Figaro also cited an unnamed Elysee Palace official, who said: \u201cWe will not accept this "
     "deal.\u201d", "Example Times", "We will not accept this deal", "an unnamed Elysee Palace official",
     ["Le Figaro", "Example Times"]),
    # "X cited Y: '...'": whom the quoting verb quotes speaks, the outlet quoting them is a hop
    ("Talks\n\nThe agency IRNA cited Tasnim: \"The negotiations will resume next week in Muscat.\"", "Iran Daily",
     "The negotiations will resume", "Tasnim", ["IRNA", "Iran Daily"]),
    ("Talks\n\nThe daily quoted a senior official: \"The negotiations will resume next week.\"", "Iran Daily",
     "The negotiations will resume", "a senior official", ["The daily", "Iran Daily"]),
    # the credits and the date inside the dateline's bracket, the page's own name with more words after it
    ("Strike confirmed\n\nKYIV (Example News / Sputnik - 22nd June, 2023) The spokesman said on Wednesday that the "
     "building had been hit.", "Example", "the building had been hit", "The spokesman", ["Sputnik", "Example"]),
    # a copyright line in the form "(C)UNIAN 2022" closing the story credits the agency's copy
    ("Talks stall\n\nThe minister said on Monday that the talks had stalled.\n\n(C)UNIAN 2022", "Ukraine Daily",
     "the talks had stalled", "minister", ["UNIAN", "Ukraine Daily"]),
    # "A. That's according to X": the pointer stands for the sentence before
    ("Strike\n\nEleven people were killed in the strike on Thursday.\n\nThat's according to the emergency "
     "service spokesperson Ivan Petrenko, who spoke on television.", "Example Times", "Eleven people were killed",
     "Ivan Petrenko", ["Example Times"]),
    # the parser apposed the framed clause's subject to the source of 'according to'
    ("Strike\n\nAccording to the spokesman, currently more than 100 rescuers and 25 vehicles are involved in the "
     "work.", "Example Times", "currently more than 100 rescuers", "the spokesman", ["Example Times"]),
    # what a third party thought, inside an 'according to' frame opening the sentence, is the frame's source's claim
    ("Talks\n\nAccording to the newspaper's sources, in the first days of the war, the generals thought that the "
     "war would be easy.", "Example Times", "the generals thought that", "sources", None),
    # 'Quote: "..."' under a 'Source:' line (Ukrainska Pravda's layout): the label names no speaker, the
    # outlet the story comes through speaks; "Medusa" is Meduza
    ("Kremlin searches for a new idea\n\nThe Kremlin is looking for a way out of the war.\n\nSource: Medusa, "
     "quoting sources close to the Kremlin\n\nAdvertisement:\n\nQuote: \"As of the end of May, the army has "
     "become completely reconciled to the fact that the city cannot be taken easily.\"",
     "Ukrainska Pravda", "the army has become", "Medusa", ["Ukrainska Pravda"]),
    # "was certain that": a belief after a copula; a sentence's "It is certain that" holds none
    ("Talks\n\nIn February, the official was certain that the city would fall.", "Example Times",
     "the city would fall", "the official", ["Example Times"]),
    # "Spanish news agency Efe reported": the parser split the noun from the name; the name is the outlet
    ("Talks\n\nThe minister earlier said that the response was \"not valid\", Spanish news agency Efe reported.",
     "Example Times", "the response was", "minister", ["Efe", "Example Times"]),
    # a listed broadcaster the tagger took for a person ("In an interview with Voz do Brasil")
    ("Trip\n\nIn an interview with Voz do Brasil, Lula explained that the trip is meant to seek investment.",
     "Example Times", "the trip is meant", "Lula", ["Voz do Brasil", "Example Times"]),
    # a person apposed to a title after the bracketed initials of the title's organization
    ("Speech\n\nDuring the speech, the first Secretary of the Communist Party of Cuba (PCC), Raul Castro, "
     "reaffirmed that no threat will stop them.", "Example Times", "no threat will stop them", "Raul Castro",
     ["Example Times"]),
    # the lead's agency report of a speaker carries on through the speaker's press conference later on
    ("Visit\n\nCroatia can help Albania on its way to the EU, Foreign Minister Ivan Horvat said today in Tirana, "
     "HINA agency reported.\n\nCroatia is ready to provide technical support, said Ivan Horvat at a joint press "
     "conference with his Albanian counterpart.", "Example Times", "ready to provide technical support",
     "Ivan Horvat", ["HINA", "Example Times"]),
    # a name ending in an institution's noun keeps its title words ("General" in "General Affairs Council")
    ("Bosnia waits\n\nThe EU General Affairs Council reached a brief conclusion in June, saying: \"The Council "
     "takes note of the Opinion.\"", "N1", "The Council takes note", "EU General Affairs Council", ["N1"]),
    # "according to an article to appear Thursday in Sueddeutsche Zeitung": the newspaper whose article it is
    ("Spying\n\nGerman services spied on French officials, according to an article to appear Thursday in "
     "Sueddeutsche Zeitung.", "SecurityWeek", "German services spied", "Sueddeutsche Zeitung", ["SecurityWeek"]),
    # '"...," the paper claims, citing a source': the outlet relays the source it cites
    ("Spying\n\nAccording to Sueddeutsche Zeitung, spying on companies was rare.\n\n\u201cThe heart of the problem "
     "is political espionage,\u201d the paper claims, citing a source with knowledge of the procedures.",
     "SecurityWeek", "The heart of the problem", "a source with knowledge of the procedures",
     ["Sueddeutsche Zeitung", "SecurityWeek"]),
    # "X announced this on Telegram, Ukrinform reports.": the credit's verb is no content of the pointing cue;
    # the sentence before is X's, the outlet its hop, and "he" after it is X
    ("Attack\n\nThree people were killed in a missile attack on the city.\nIvan Petrenko, head of the city "
     "council, announced this on Telegram , Ukrinform reports.\n\"The operation is underway,\" he wrote.",
     "Example Times", ("Three people were killed", "The operation is underway"), "Ivan Petrenko",
     ["Ukrinform", "Example Times"]),
    # a bracketed 'according to' inside a frame's content hedges it; the frame's source speaks
    ("Attack\n\nAccording to the Air Force, the enemy launched cruise missiles at the city at night, as well as "
     "ballistic missiles (according to tentative data).", "Example Times", "the enemy launched cruise missiles",
     "Air Force", ["Example Times"]),
    # '"...," Le Figaro said an official told them.': who told the outlet speaks, the outlet relays; "an
    # official told them" asserts nothing of its own
    ("Denial\n\n\u201cAs a matter of principle, we do not rule anything out,\u201d Le Figaro said an Elysee official "
     "told them.", "POLITICO", "we do not rule anything out", "an Elysee official", ["Le Figaro", "POLITICO"]),
    # "he" after an outlet's frame: the person the framed clause is about ("According to the newspaper, Michel
    # is ..."), never an outlet's name the tagger took for a person's ("Politico reports this")
    ("Michel plans\n\nCouncil President Charles Michel wants to exclude the Commission chief from the meeting. "
     "Politico reports this, citing diplomats. According to the newspaper, Michel is in charge of the invitations. "
     "In talks with EU leaders, he suggested that she should not be invited.", "RegTrends",
     "she should not be invited", "Charles Michel", None),
    # "the statement" with no issuer named, right after a speaker announced it: that speaker's
    ("Address\n\nPresident Ivan Petrenko said Russia was prolonging the war. He announced this in his evening "
     "address.\n\n\"In Kyiv today, the army damaged another hospital,\" the statement reads.", "Example Times",
     "the army damaged another hospital", "Ivan Petrenko", ["Example Times"]),
    # an agency's name and a label before the page's date on a line of their own ("AFP Published 10 Oct, 2023")
    ("Prince says\n\nAFP Published 10 Oct, 2023 09:18am\n\nRIYADH: The crown prince told the president he was "
     "working to prevent an expansion of the conflict, state media said.", "Business Recorder",
     "working to prevent an expansion", "crown prince", ["state media", "AFP", "Business Recorder"]),
    # "A US official who spoke to CNN said ...": whom the speaker spoke to, in their relative clause, is a hop
    ("Strike\n\nA US official who spoke to CNN said Washington did not approve the attack.", "Example Times",
     "Washington did not approve", "A US official", ["CNN", "Example Times"]),
    # a listed outlet's service in another language ("told BBC Hausa") is that outlet's hop
    ("Clash\n\nAn eyewitness told BBC Hausa that the insurgents were killed after a fierce battle.", "Daily Nigerian",
     "the insurgents were killed", "An eyewitness", ["BBC", "Daily Nigerian"]),
    # "deplore" is a cue ("..., he deplored.")
    ("Syria\n\nSpokesman Nasser Kanaani said the strikes were a crime.\n\nThe regime seeks to aggravate the "
     "pains of the Syrian people, he deplored.", "Khabar Online", "seeks to aggravate the pains", "Nasser Kanaani",
     ["Khabar Online"]),
    # whom an unnamed source tells by a name no list has is an outlet ("A source also told ET that ...")
    ("Couple\n\nA source also told ET that they remain a couple and had not broken up.", "PopCulture.com",
     "they remain a couple", "A source", ["ET", "PopCulture.com"]),
    # entertainment and sports outlets the lexicon lists ("THR's sources", "according to Deadline")
    ("Exit\n\nThe actor has decided to leave the series, according to The Hollywood Reporter's sources.",
     "Moviefone", "decided to leave the series", "sources", ["The Hollywood Reporter", "Moviefone"]),
    # "a Wall Street Journal report cited unnamed sources saying ...": whom the report quotes speaks, its
    # outlet relays (no "as")
    ("Shell\n\nShell's comments came after a Wall Street Journal report cited unnamed sources saying the US company "
     "was in early discussions to acquire the British energy firm.", "Mint", "the US company was in early discussions",
     "unnamed sources", ["The Wall Street Journal", "Mint"]),
    # "according to a Bloomberg report on Monday, which cited people ...": the relative clause the parser hung
    # on the report's date
    ("Deal\n\nCapital One has been working with advisors to consider a possible acquisition of Discover, according "
     "to a Bloomberg Report on Monday, which cited people familiar with the matter.", "Technical Terrence",
     "working with advisors", "people familiar with the matter", ["Bloomberg", "Technical Terrence"]),
    # an organisation's initials that spell a pronoun ("the WHO added", "WHO explained") are no pronoun
    ("Bird flu\n\nThe patient died on March 23, the WHO added.\n\nThe virus typically circulates in animals, WHO "
     "explained.", "Daily Caller", ("The patient died", "The virus typically circulates"), "WHO", ["Daily Caller"]),
    # "From BBC" after the stored page's date, before the story: the page is the BBC's copy
    (" date 2023-07-25 From BBC\nThe heatwaves in July would have been virtually impossible without climate change, "
     "a scientific study says.", "EnviroLink", "virtually impossible", "a scientific study", ["BBC", "EnviroLink"]),
    # "a draft of the summary seen by AFP": the outlet that saw the document is no part of its name
    ("Climate\n\nA draft of the summary seen by AFP declares that humans are responsible for the warming.",
     "Tengrinews", "humans are responsible", "A draft of the summary", None),
    # the story's last line closed by an agency's credit in capitals, with the page's footer after it: the
    # line is no headline, and the agency's copy the page is
    ("Title\n\nAnwar said on Monday that Brunei supports the regional dialogue. \u2013 BERNAMA\n\nRelated News\n\n"
     "Most Viewed Last 2 Days", "New Sarawak Tribune", "Brunei supports", "Anwar", ["BERNAMA", "New Sarawak Tribune"]),
]

# Fifteenth session (blind batches N49, N50, N52 and the seen-not-fixed list)
BLIND_U = [
    # an unnamed source tells an outlet by a capitalised common word ("People") after the quotation too
    ('"We will not give up," a source told People.', "Example Times", "We will not give up", "a source",
     ["People", "Example Times"]),
    # an acronym of the publisher's own name is the publisher, not a second outlet
    ('"It is over," one of the MPs told UP. The minister said the move would help.', "Ukrainska Pravda",
     "It is over", "one of the MPs", ["Ukrainska Pravda"]),
    # "the minister" is the minister named most recently, by surname too; a nation among its modifiers
    # picks the one it names; "the ministers" are no one person
    ("Title\n\nLatvian Foreign Minister Edgars Rinkevics spoke at a press conference after the meeting. In Riga, "
     "Rinkevics met Estonian "
     "Foreign Minister Urmas Reinsalu and Polish Foreign Minister Zbigniew Rau.\n\nRinkevics states that the deal "
     "will help. The minister points out that the region has common interests.",
     "Example Times", "the region has common interests", "Edgars Rinkevics", None),
    ("Title\n\nLatvian Foreign Minister Edgars Rinkevics said the talks went well. In Riga, Rinkevics met Estonian "
     "Foreign Minister Urmas Reinsalu and Polish Foreign Minister Zbigniew Rau.\n\nRinkevics states that the deal "
     "will help. The Estonian foreign minister emphasizes that the West must act quickly.",
     "Example Times", "the West must act quickly", "Urmas Reinsalu", None),
    ("Title\n\nLatvian Foreign Minister Edgars Rinkevics met Polish Foreign Minister Zbigniew Rau.\n\nRinkevics "
     "states that the deal will help. The ministers believe that the summit matters.",
     "Example Times", "the summit matters", "ministers", None),
    # a closing attribution the parser coordinated with a clause of the sentence it closes
    ("Title\n\nAll kinds of support must be provided to Ukraine, so that it not only defends itself against "
     "Russia, but is also able to recover the lost territories, Latvian Foreign Minister Edgars Rinkevics (New "
     "Unity) said today at a press conference.", "Example Times", "All kinds of support must be provided",
     "Edgars Rinkevics", ["Example Times"]),
    # "the report said" after "as reported by Turkey's state-run Anadolu Agency": the agency speaks
    ("Title\n\nThe president's office said, as reported by Turkey's state-run Anadolu Agency, that the talks went "
     "well.\n\nThe leader stressed the need for more trade, the report said.", "Example Times",
     "The leader stressed the need for more trade", "Anadolu Agency", ["Example Times"]),
    # "the Turkish president" is no "Turkish president's office": an organization is what its head noun says
    ("Title\n\nTurkish president Recep Tayyip Erdogan spoke to the Iraqi prime minister.\n\nThe Turkish "
     "president's office said that the call went well. The Turkish president claimed that the operation was a "
     "success.", "Example Times", "the operation was a success", "Recep Tayyip Erdogan", None),
    # a closing credit after a quotation's comma, its outlet described by a participle, quoting "him as saying"
    ('Title\n\nThe foreign minister, Karl Berg, said the crisis would last "as long as Doha does not change its '
     'policy," the Saudi-owned Zorgen newspaper cited him as saying on Tuesday.', "Example Times",
     "the crisis would last", "Karl Berg", ["Zorgen", "Example Times"]),
    # a time clause on the content that reports another's statement is no part of this one's, and a claim
    # of its own
    ("Title\n\nKremlin spokesman Dmitry Peskov said negotiations with Kyiv were still possible one day after Foreign "
     "Minister Sergei Lavrov said such talks \u201cmake no sense\u201d nearly five months into the war.",
     "Example Times", "such talks", "Sergei Lavrov", ["Example Times"]),
    # the gerund of a cue opening a sentence is no part of the name after it
    ("Title\n\nEchoing Lavrov on his visit to Iran this Wednesday, Putin accused Ukraine of bad faith.\n\nIn his "
     "comments Wednesday, Lavrov also warned that Russia has expanded its goals.", "Example Times",
     "Russia has expanded its goals", "Lavrov", None),
    # an outlet reporting, citing another, that a named speaker shared his views: both are hops of what the
    # speaker says next
    ("Title\n\nPoland\u2019s Foreign Minister Karl Nowak shared his views during a press conference on June 10, "
     "reports Ukrainska Pravda, citing UNIAN.\n\n\u201cPoland supports the dialogue,\u201d he said.", "Example Times",
     "Poland supports the dialogue", "Karl Nowak", ["UNIAN", "Ukrainska Pravda", "Example Times"]),
    # an interview broadcast by a broadcaster named by its acronym ("on" names a topic as often: "in a
    # statement on the Daily Mail report", see REVIEW_U)
    ("Title\n\nThe minister said the reform would pass. He made the comments in an interview broadcast by ETV on "
     "Sunday.", "Example Times", "the reform would pass", "minister", ["ETV", "Example Times"]),
    # a "that" the parser made the object of a relative clause on the occasion, after a cue with no content
    ("Title\n\nThe SPD politician said in front of 200 guests at a meeting that the party would win.", "Example Times",
     "the party would win", "SPD politician", ["Example Times"]),
    # a one-word listed name ("Express") closing a longer name is that other outlet's
    ("Title\n\nThe Super Express tabloid reported that the mayor would resign.", "Example Times",
     "the mayor would resign", "Super Express", ["Example Times"]),
    # the state's unnamed broadcaster one tells something is a hop ("state media" is not one outlet)
    ("Title\n\nMr Araghchi later told state television that the next round of talks will be held next Saturday.",
     "Example Times", "the next round of talks", "Araghchi", ["state television", "Example Times"]),
    # a statement with a named issuer is the issuer's
    ("Title\n\nIran\u2019s Foreign Ministry said the talks ended. Iran and the US held discussions in a good "
     "atmosphere, the ministry's statement on Telegram added.", "Example Times", "held discussions",
     "Iran's Foreign Ministry", ["Example Times"]),
    # a bullet line of the story's particulars naming the agency, then the page's staff: its copy
    ("All kinds of support must be given\n\n  \u2022 2023-01-31\n  \u2022 LETA/TBT Staff\n\nRIGA - All kinds of "
     "support must be provided to Ukraine, Latvian Foreign Minister Edgars Rinkevics said today.", "The Baltic Times",
     "All kinds of support must be provided", "Edgars Rinkevics", ["LETA", "The Baltic Times"]),
    # a role word the parse made the head of the phrase after a quotation: the name after it speaks
    ("Title\n\n\u201cThe people are tired,\u201d protester Luis Chaparro, a retired soldier, told Agence "
     "France-Presse (AFP).", "Example Times", "The people are tired", "Luis Chaparro",
     ["Agence France-Presse", "Example Times"]),
    # a listed outlet with the last word of its name in lower case reports what a titled person stressed
    ("Title\n\nChannel 12 news said that Trump\u2019s envoy stressed that both sides must show flexibility.",
     "Example Times", "both sides must show flexibility", "Trump's envoy", ["Channel 12 news", "Example Times"]),
    # a report "of" an institution is the institution's (not "a report of attacks")
    ("Title\n\nThe last victim died on Sunday, according to the report of the Ombudsman's Office.", "Example Times",
     "The last victim died on Sunday", "Ombudsman's Office", ["Example Times"]),
    # a listed agency in brackets closing the story's last paragraph, above the page's footer: its copy
    ("Report: chief visits dealership\n\nTOKYO \u2014 The company president visited a dealership, a news report "
     "said.\n\nCongress is scheduled to hold hearings on the recalls in March. He is expected to visit the United "
     "States, though nothing has been decided on whether he will attend any hearings. (AP)\n\nTrending\n",
     "Example Times", "The company president visited a dealership", "a news report", ["AP", "Example Times"]),
    # ... not a photo's caption closed by its credit
    ("Report: chief visits dealership\n\nTOKYO \u2014 The company president visited a dealership, a news report "
     "said.\n\nThe Apple logo is seen on the Apple store in Paris, France July 15, 2020. (Reuters)\n\nTrending\n",
     "Example Times", "The company president visited a dealership", "a news report", ["Example Times"]),
    # a closing attribution whose speaker the parser apposed to a noun of the content (blind batch N48, after
    # its held-out score): the name speaks, for the participle after the cue too
    ("Title\n\nSeven people died at the National Trauma Centre, chief medical superintendent Dr Badri Risal told "
     "The Associated Press news agency, adding there were 58 wounded in the country\u2019s main hospital.",
     "Example Times", ("Seven people died", "there were 58 wounded"), "Badri Risal", None),
]


_COMPILED = ("Topics of the briefing\nThe main topics of a briefing by presidential spokesman Ivan Sokolov on "
             "Tuesday were trade and the border.\nTASS has compiled the key statements of the Kremlin "
             "representative.\nAbout trade\n- Russia and China will sign a new trade deal in May.\n- Tariffs "
             "will not change this year: \u201cWe see no reason to raise them. The talks go on.\u201d\nAbout the "
             "border\n- The border will stay open for trucks.\n\nMeanwhile, the minister said the port was closed.")


@pytest.mark.parametrize("fragment, kind", [
    ("Russia and China will sign a new trade deal in May", "indirect"),
    ("Tariffs will not change this year", "indirect"),
    ("We see no reason to raise them. The talks go on.", "direct"),
    ("The border will stay open for trucks", "indirect"),
])
def test_a_compiled_list_of_statements_is_the_speakers(fragment, kind):
    """A line announcing a compilation of one speaker's statements makes each bullet under it (past
    subheadings) the speaker's claim, the compiling outlet a hop; a bullet that quotes after a colon is two
    claims (blind batch N52); the list ends at the first line that is neither bullet nor subheading."""
    claims = _claims(_COMPILED, publisher="Example Times")
    claim = _find(claims, fragment)
    assert claim[1:] == ("the Kremlin representative", kind, ["TASS", "Example Times"]), claims
    assert _find(claims, "the port was closed")[1:4:2] == ("minister", ["Example Times"]), claims


def test_a_common_noun_in_lower_case_is_no_outlet_of_the_same_name():
    # "deadline" is no "Deadline", "variety" no "Variety" (only an article's prefix is read in lower case)
    from app.nlp.lexicon import default_lexicon
    lexicon = default_lexicon()
    assert lexicon.canonical_outlet("Deadline") == "Deadline"
    assert lexicon.canonical_outlet("deadline") is None and lexicon.canonical_outlet("variety") is None
    assert lexicon.canonical_outlet("al-Mayadeen") is not None


def test_the_statement_after_another_statement_is_brought_in_is_no_earlier_speakers():
    text = ("Talks\n\nPresident Ivan Petrenko said the talks would go on. The Kremlin issued a statement later on "
            "Monday.\n\n\"The talks are over,\" the statement reads.")
    claims = _claims(text, publisher="Example Times")
    assert _find(claims, "The talks are over")[1] != "Ivan Petrenko", claims


def test_said_someone_told_them_is_no_claim_of_its_own():
    claims = _claims("Denial\n\n\u201cWe rule nothing out,\u201d Le Figaro said an Elysee official told them.",
                     publisher="POLITICO")
    assert [c[0] for c in claims] == ["We rule nothing out,"], claims


def test_a_photos_credit_is_no_outlet_a_pointer_goes_back_to():
    # "| Photo: EFE" under a picture names the picture's agency; "the agency" later is no pointer to it
    text = ("Protests go on\n\nPeople gathered in the square. | Photo: EFE\n\nThe Ombudsman's Office corrected "
            "the count on Monday.\n\n\"There are six dead, not seven,\" the agency said.")
    claims = _claims(text, publisher="Example Times")
    assert _find(claims, "There are six dead")[1] != "EFE", claims


def test_a_sentences_it_is_certain_holds_no_belief():
    claims = _claims("Prices\n\nIt is certain that prices will rise. The firm said it was sure that costs would fall.",
                     publisher="Example Times")
    assert not any("prices will rise" in c[0] for c in claims), claims
    assert _find(claims, "it was sure")[1] == "firm", claims


def test_a_plain_object_cut_before_the_same_speakers_second_cue_is_no_claim():
    # "dismissed the reports, adding in a statement that ...": what the second cue says is the claim, the
    # noun the first one took is none
    claims = _claims("The army dismissed the reports, adding in a statement that no soldiers were hurt.")
    assert [c[0] for c in claims] == ["no soldiers were hurt"], claims
    assert claims[0][1] == "army", claims


def _check_claims(text, publisher, fragment, speaker, relay):
    """Each fragment's claim has that speaker (and, unless None, that relay)."""
    claims = _claims(text, **({"publisher": publisher} if publisher else {}))
    for one in (fragment,) if isinstance(fragment, str) else fragment:
        claim = _find(claims, one)
        assert claim[1] == speaker, claims
        assert relay is None or claim[3] == relay, claims


@pytest.mark.parametrize("text, publisher, fragment, speaker, relay", BLIND_N + BLIND_S + BLIND_T + BLIND_U)
def test_blind_batch_constructions(text, publisher, fragment, speaker, relay):
    _check_claims(text, publisher, fragment, speaker, relay)


@pytest.mark.parametrize("text", [
    "Briefing\n\n\"We have sent more troops,\" the general told a news conference streamed on the army's channel.",
    "Podcast\n\nThe war will end soon, the minister said in an interview with a podcaster released on Monday.",
])
def test_a_participle_describing_the_occasion_is_no_claim(text):
    claims = _claims(text)
    assert not any(c[0].startswith(("streamed", "released", "a news conference")) for c in claims), claims
    assert len(claims) == 1, claims


def test_this_was_stated_stops_at_a_sentence_that_attributes_itself():
    text = ("Prices rose sharply in May. The minister said that costs had fallen. Wages will grow next year. "
            "This was stated by economist Anna Berg at a forum in Riga.")
    claims = _claims(text)
    stated = _find(claims, "Wages will grow")
    assert stated[0] == "Wages will grow next year" and stated[1] == "Anna Berg", claims
    assert _find(claims, "costs had fallen")[1] == "minister", claims


@pytest.mark.parametrize("text, fragment, outlet", [
    # a place before the noun is no name of the outlet's; nor is a platform
    ("Title\n\nThe talks failed, according to the Syrian newspaper.", "The talks failed", None),
    ("Title\n\nSeveral Telegram channels wrote that fighting was underway near the town.", "fighting was underway", None),
])
def test_a_place_or_platform_before_an_outlet_noun_names_no_outlet(text, fragment, outlet):
    result = annotate(text)
    names = {s.id: s for s in result.sources}
    claim = next(c for c in result.claims if fragment in c.text)
    relay = [names[r].name for r in claim.relay]
    speaker = names[claim.speaker.source].name if claim.speaker else ""
    assert "Syrian" not in relay and "Telegram" not in relay and speaker not in ("Syrian", "Telegram"), (speaker, relay)
    assert outlet is None or outlet in relay, relay


def test_one_sign_of_an_unlisted_outlets_newsgathering_is_no_wire_copy():
    # a page citing one document an outlet saw is the page's own story
    text = ("Nyala \u2014 The army said in a statement seen by Radio Zorya that its forces held the airport.\n\n"
            "Residents said the shelling had stopped.")
    claims = _claims(text, publisher="allAfrica")
    assert _find(claims, "the shelling had stopped")[3] == ["allAfrica"], claims


# Review of the thirteenth session's rules: each a case a first version got wrong (sentences written by the
# reviewer for the tests)
REVIEW_S = [
    # "This was stated by X" takes no sentence another cue attributes ("according to", "threatened to")
    ("Title\n\nTwo civilians were injured in overnight shelling, according to regional police. Ukraine urgently "
     "needs more air defence systems. This was stated by President Volodymyr Zelensky during his evening address.",
     "Example News", "Two civilians were injured", "regional police", ["Example News"]),
    ("Title\n\nThe European Commission proposed a new sanctions package on Wednesday. Hungary has threatened to veto "
     "previous packages. The package includes a ban on Russian LNG imports. This was reported by the press service "
     "of the Commission.", "Example News", "threatened to veto", "Hungary", ["Example News"]),
    # an owner named before "newspaper" is no outlet's name: "a Hamas newspaper", "the Communist Party newspaper"
    ("Title\n\nA Hamas newspaper reported that the group had rejected the proposal. The Islamist movement has ruled "
     "Gaza since 2007.", "Example News", "ruled Gaza", "Islamist movement", ["Example News"]),
    ("Title\n\nThe Communist Party newspaper said that the plan would succeed.", "Example News", "the plan would succeed",
     "The Communist Party newspaper", ["Example News"]),
    # a name and an aside between dashes opening the line is no dateline
    ("Meta \u2014 the parent company of Facebook and Instagram \u2014 said on Tuesday it would appeal the ruling.",
     "Example News", "would appeal the ruling", "Meta", ["Example News"]),
    # the subject the parser made the object of "told" is no occasion a participle describes
    ("Title\n\nWitnesses told AFP gunmen arrived shortly after midnight.", "Example News", "arrived shortly after midnight",
     "Witnesses", ["AFP", "Example News"]),
    # after "first reported", the outlet's own report and sources keep it ("the report" is the outlet's, which speaks)
    ("Title\n\nThe Washington Post first reported on Friday that the administration was weighing new tariffs. According "
     "to the report, officials had drawn up a list of 50 products.", "Example News", "a list of 50 products",
     "The Washington Post", ["Example News"]),
    ("Title\n\nBloomberg News originally reported the plan in March, citing people familiar with the matter. The people "
     "said the deal could be worth $5 billion.", "Example News", "worth $5 billion", "The people",
     ["Bloomberg News", "Example News"]),
    # a summit's host hosts no show; a show host's outlet is the hop
    ("Title\n\nBiden said in a meeting with summit host Narendra Modi that the partnership was stronger than ever.",
     "Example News", "stronger than ever", "Biden", ["Example News"]),
    ("Title\n\nTrump told Fox News host Sean Hannity that he would win the election.", "Example News",
     "would win the election", "Trump", ["Fox News", "Example News"]),
    # a story's "(wire via service)" credit after its last sentence is no photo's
    ("Title\n\nA warehouse in the port district burned down on Sunday night, officials said. The cause is under "
     "investigation. (Reuters via Yahoo News)", "Example News", "burned down", "officials",
     ["Reuters", "Yahoo News", "Example News"]),
    # the page's own reporting ends the frame its credit opened
    ("Title\n\nThe port was hit overnight, Censor.NET reports citing Suspilne Odesa.\n\nOur correspondent visited the "
     "site on Tuesday. Governor Oleh Kiper told Censor.NET that two workers were injured.", "Censor.NET",
     "two workers were injured", "Oleh Kiper", ["Censor.NET"]),
]


@pytest.mark.parametrize("text, publisher, fragment, speaker, relay", REVIEW_S)
def test_the_thirteenth_sessions_rules_leave_these_alone(text, publisher, fragment, speaker, relay):
    claims = _claims(text, publisher=publisher)
    claim = _find(claims, fragment)
    assert claim[1] == speaker and claim[3] == relay, claims


# A helper's review of this session's rules (real misfires on sentences written to probe them): each
# passage below went wrong with the rule as first written.
REVIEW_T = [
    # "(c)" inside a sentence is an enumeration or a unit, no copyright credit for the outlet after it
    ("Grain deal\n\nThe UN said on Tuesday that shipments would resume next week. The deal falls under paragraph "
     "4(c) of the accord, as reported by Reuters last month. The Kremlin said it had not yet decided whether to "
     "extend it.", "it had not yet decided", "Kremlin", ["Example Times"]),
    ("Charity\n\nThe group, a 501(c)(3) nonprofit, told CNN it had raised $2 million. Prosecutors said on Monday "
     "the money was never spent on veterans.", "the money was never spent", "Prosecutors", ["Example Times"]),
    # "That's according to X" never takes over a sentence attributed on its own
    ("Housing\n\n\"Rents have doubled in five years,\" said tenant organiser Maria Lopez. That's according to data "
     "from the city's housing department.", "Rents have doubled", "Maria Lopez", ["Example Times"]),
    ("Prices\n\nPrices rose 5 percent last year, the ministry said. That's according to preliminary data released "
     "on Friday.", "Prices rose 5 percent", "ministry", ["Example Times"]),
    # after a quotation, "citing" a reason or the outlet's own analysis names no source
    ("Editorial\n\n\"The government has failed the country,\" the paper wrote in an editorial, citing the rise in "
     "poverty.", "The government has failed", "the paper", ["Example Times"]),
    ("Election\n\n\"The results are statistically impossible,\" the agency said, citing its analysis of "
     "polling-station data.", "statistically impossible", "the agency", ["Example Times"]),
    # a person quoting someone says it in their own voice, and "He" after it is that person
    ("Speech\n\nThe prime minister quoted Winston Churchill: \"We shall never surrender.\" He said Britain would "
     "stand by Ukraine.", ("We shall never surrender", "Britain would stand by Ukraine"), "prime minister",
     ["Example Times"]),
    # the lead's agency report does not carry over to the same speaker's own channel on another day
    ("Drones\n\nRussia's Defence Ministry said on Monday that it had shot down 30 drones, Interfax reported.\n\n"
     "In a statement posted on its Telegram channel on Tuesday, the ministry said another 12 drones had been "
     "destroyed.", "another 12 drones", "Russia's Defence Ministry", ["Example Times"]),
    # "it is certain" after an opener: no one holds the belief; the outlet's report is the claim
    ("Vote\n\nHowever, it is certain that the vote will be delayed, the BBC reported.", "the vote will be delayed",
     "BBC", ["Example Times"]),
    # a document that has an issuer of its own is not the outlet's that carried it
    ("Talks\n\nAccording to a Kremlin statement republished in RIA Novosti, the meeting will take place next week.",
     "the meeting will take place", None, None),
    # a photo's credit later on the line hides only itself: the agency before it is what "the agency" means
    ("Denial\n\nThe Kremlin denied the claims, TASS news agency reported. Photo: Reuters\n\nThe agency added that "
     "Peskov called the report \"nonsense\".", "called the report", "Peskov", ["TASS", "Example Times"]),
]


@pytest.mark.parametrize("text, fragment, speaker, relay", REVIEW_T)
def test_review_of_the_fourteenth_sessions_rules(text, fragment, speaker, relay):
    claims = _claims(text, publisher="Example Times")
    for one in (fragment,) if isinstance(fragment, str) else fragment:
        claim = _find(claims, one)
        if speaker is None:
            assert claim[1] != "RIA Novosti", claims
        else:
            assert claim[1] == speaker, claims
        assert relay is None or claim[3] == relay, claims


def test_a_list_of_that_clauses_is_one_claim_each():
    # "reiterated that A, that B and that C": three claims (the parser hangs B on A's verb)
    text = ("Land\n\nThe president reiterated that land grabs would not take place, that land reform would be "
            "implemented in terms of the law and that food security would not be compromised.")
    claims = _claims(text, publisher="News24")
    assert [c[0] for c in claims] == ["land grabs would not take place",
                                      "land reform would be implemented in terms of the law",
                                      "food security would not be compromised"], claims


# the review of the fifteenth session's rules: passages they misread at first (each fails on the code before
# its fix)
REVIEW_U = [
    # a nation word rules out persons only: "the Israeli military" is "Israel's military"
    ("Title\n\nIsrael's military said on Monday that it had struck 40 targets overnight. The Israeli military "
     "added that two soldiers had been wounded.", "two soldiers had been wounded", "Israel's military", None),
    # "the report said" after a report "first reported in" an outlet is the report's, not the outlet's
    ("Title\n\nA confidential UN report, first reported in the Guardian on Monday, found that aid was blocked.\n\n"
     "The report said that at least 300 children had died.", "at least 300 children", "The report", None),
    # a date owns no statement, and a person issues only what they say
    ("Title\n\nThe ministry said the talks had ended. Monday's statement said that the two sides would meet "
     "again.", "the two sides would meet again", "Monday's statement", None),
    ("Title\n\nFormer mayor Karl Berg was charged on Tuesday. Berg's indictment says he took bribes from three "
     "firms.", "he took bribes", "Berg's indictment", None),
    # a time clause that is part of what was said stays in it
    ("Title\n\nThe minister said he was shocked after the president announced he would step down.",
     "he was shocked after the president announced he would step down", "minister", None),
    # an institution one tells something is no outlet
    ("Title\n\n\"We have no plans to leave,\" a senior official told Congress on Tuesday.", "no plans to leave",
     "a senior official", ["Example Times"]),
    # "in a statement on the Daily Mail report": the report is the statement's topic, no interview
    ("Title\n\nLind said the article was fabricated. Lind made the remarks in a statement on the Daily Mail "
     "report.", "the article was fabricated", "Lind", ["Example Times"]),
    # a photo's credit in a bullet above the story is no credit of the story
    ("Title\n\n  \u2022 2023-01-31\n  \u2022 AFP/Getty Images\n\nRIGA - Talks with Moscow will go on, Foreign "
     "Minister Edgars Kalnins said today.", "Talks with Moscow will go on", "Edgars Kalnins", ["Example Times"]),
    # an acronym the text introduced in brackets is that outlet's, though another outlet goes by it elsewhere
    ("Title\n\nTaiwan's Central News Agency (CNA) reported that the drills ended. CNA also said that ships left.",
     "ships left", "Central News Agency", None),
]


@pytest.mark.parametrize("text, fragment, speaker, relay", REVIEW_U)
def test_review_of_the_fifteenth_sessions_rules(text, fragment, speaker, relay):
    _check_claims(text, "Example Times", fragment, speaker, relay)


@pytest.mark.parametrize("text", [
    "Title\n\nLind spoke at a rally that the party organised in Riga on Saturday.",
    "Title\n\nThe governor commented on the plan that the council adopted last week.",
])
def test_a_relative_clause_on_the_occasion_is_no_content(text):
    assert _claims(text, publisher="Example Times") == []


BLIND_V = [
    # the tagger glued the outlet of "According to X," to the speaker's name: the speaker is the name, the
    # outlet a hop, and its frame carries to the speaker's next claims
    ("Title\n\nAccording to government news agency Bernama, Fahmi said on Sunday he would meet with Prime "
     "Minister Anwar Ibrahim on Monday.\n\n\"We will have several major announcements,\" Fahmi told reporters.",
     "Example Times", ("he would meet with Prime Minister", "several major announcements"), "Fahmi",
     ["Bernama", "Example Times"]),
    # the date and time, then the agency, on a line under the headline: the page is its copy
    ("Malaysia's ruling party mulls early election\n\n06 October 2022 - 17:45 Reuters\n\nThe prospect of an early "
     "election looms as Prime Minister Ismail Sabri Yaakob said he could propose a date for the dissolution of "
     "parliament, state media said.",
     "Example Times", "he could propose a date", "Ismail Sabri Yaakob", ["state media", "Reuters", "Example Times"]),
    # a broadcast show one tells something is an outlet
    ('Title\n\n"We hope we might have another offer," spokeswoman Cee Payne told The AM Show on Friday.',
     "Example Times", "another offer", "Cee Payne", ["AM Show", "Example Times"]),
    # a verb of reporting quotes someone "as saying" as "quoted" does (and its object is no claim)
    ('Title\n\n"We need a change," the El Colombiano newspaper reported Lopez as saying.', "Example Times",
     "We need a change", "Lopez", ["El Colombiano", "Example Times"]),
    # the agency's reporters gathering the story, in the plural with no article: the page is its copy
    ("Title\n\nDhaka: The commission said it would act if rigging was confirmed.\nReuters reporters saw sparse "
     "turnout at polling booths. In nine polling centres Reuters reporters visited, posters of the ruling party "
     "far outnumbered those of the opposition.", "Example Times", "it would act", "commission",
     ["Reuters", "Example Times"]),
    # "he" after a surname the tagger took for an organization's name: the person it names
    ("Title\n\nFormer president Ranil Wickremesinghe was granted bail on Tuesday. The magistrate Nilupuli "
     "Lankapura ordered his release. Wickremesinghe joined Tuesday's bail hearing via video link from his bed at "
     "the National Hospital of Colombo. He has maintained that no state funds were used for the visit.",
     "Example Times", "no state funds were used", "Ranil Wickremesinghe", None),
    # capitalised words right after a role are a person's name, though tagged an organization; "he" then
    # picks the person up, with the interview's outlet
    ("Title\n\nThe opposition MDC Alliance has rejected the results, which gave the incumbent a narrow victory over "
     "his main challenger Nelson Chamisa.\n\nHowever, before the commission confirmed the result, senior MDC "
     "Alliance official Morgan Komichi and Chamisa's spokesman Nkululeko Sibanda entered the room and rejected the "
     "outcome.\n\nIn an interview with NewZimbabwe.com later, Komichi said the results were predetermined.\n\n"
     "\"These figures are fake and illegal,\" he said.", "Example Times",
     ("the results were predetermined", "These figures are fake"), "Morgan Komichi", ["NewZimbabwe.com", "Example Times"]),
]


@pytest.mark.parametrize("text, publisher, fragment, speaker, relay", BLIND_V)
def test_blind_batch_constructions_v(text, publisher, fragment, speaker, relay):
    _check_claims(text, publisher, fragment, speaker, relay)


def test_a_reporting_verb_quoting_someone_as_saying_is_no_claim_of_its_own():
    claims = _claims('Title\n\n"We need a change," the El Colombiano newspaper reported Lopez as saying.',
                     publisher="Example Times")
    assert [c[0] for c in claims] == ["We need a change,"], claims


def test_every_token_rule_opens_at_a_cue_word():
    """The token rules run only at words of the lexicon's cues: a word added as a cue in a user lexicon
    is one of them, a word of no cue is not."""
    from app.core.config import get_settings
    from app.nlp.lexicon import Lexicon
    lexicon = Lexicon.from_dirs((get_settings().models_dir,))
    assert {"say", "according", "claim", "call", "point"} <= lexicon.cue_words
    assert "table" not in lexicon.cue_words
    lexicon.add_cue({"cue": "opine", "category": "speech"})
    assert "opine" in lexicon.cue_words


_FAHMI = (
    "Title\n\nMalaysia's Communications Minister Fahmi Fadzil has teased upcoming announcements regarding 5G.\n"
    "According to government news agency Bernama, Fahmi said on Sunday he would meet with Prime Minister Anwar "
    "Ibrahim on Monday to discuss measures to encourage more adoption of 5G services.\n"
    "\"My hope is towards the end of this month or early next month, we will have several significant and major "
    "announcements regarding the 5G network,\" Fahmi told reporters.\n"
    "Fahmi said the talks would focus on the industrial sector, the report said.\n"
    "Fahmi also said the MCMC is reviewing the \"5G Rahmah\" package for university students to encourage more "
    "younger people to adopt 5G.\n"
    "Meanwhile, Bernama reports, Fahmi said the names of board members will be announced \"soon\".")


def test_a_given_name_the_tagger_took_for_a_product_is_the_person_and_the_cited_outlet_frames_the_rest():
    """'Fahmi' alone is 'Fahmi Fadzil' (the one person named with it) whatever the tagger made of it; "the
    report said" after "According to ... Bernama" is Bernama's report; "5G." ends its sentence."""
    _check_claims(_FAHMI, "Example Times", ("My hope is", "the talks would focus", "the MCMC is reviewing",
                                            "names of board members"), "Fahmi Fadzil", ["Bernama", "Example Times"])


def test_a_stop_after_a_number_and_a_capital_ends_the_sentence():
    from app.nlp.pipeline import get_nlp
    words = [t.text for t in get_nlp().make_doc("to adopt 5G. Meanwhile it uses 4K. The U.S. agreed.")]
    assert words[words.index("Meanwhile") - 1] == "." and "U.S." in words, words



@pytest.mark.parametrize("text, fragment, speaker, relay", [
    # the broadcast a speaker said something on is a hop, its show's quoted name no quotation of its own
    ('Title\n\nLauterbach denied the reports. "No, that is not true," Lauterbach said Wednesday on ARD\'s '
     '"Morgenmagazin." "We have moved forward with the reform."', ("that is not true", "moved forward"),
     "Lauterbach", ["ARD", "Example Times"]),
    ("Title\n\nSmith said on Wednesday on CNN that the plan had failed.", "the plan had failed", "Smith",
     ["CNN", "Example Times"]),
    # (a platform is no outlet; a topic is no broadcast)
    ("Title\n\nLind said on Telegram that it was over.", "it was over", "Lind", ["Example Times"]),
    # a quotation closed by its stop, then a sentence opening with an adverbial: the colon's speaker's
    ('Title\n\nThe health minister Karl Lauterbach rejected criticism that it was only a small reform: "This is no '
     'small reform. We are spending 7 billion more per year." On Tuesday, there were more changes announced.',
     "We are spending 7 billion", "Karl Lauterbach", ["Example Times"]),
])
def test_blind_n55_broadcasts_and_quotation_ends(text, fragment, speaker, relay):
    _check_claims(text, "Example Times", fragment, speaker, relay)



def test_a_cue_in_a_clause_describing_the_reported_act_leaves_the_outlets_claim_whole():
    """Regression (blind N55): every claim of the sentence was dropped, the outlet's too."""
    text = ("Title\n\nEnvironmental groups have criticized plans to restart two offline nuclear reactors as the "
            "government warns the nation could go without nuclear power next month, Agence France-Presse reported.")
    claims = _claims(text, publisher="Example Times")
    assert len(claims) == 1 and claims[0][0].startswith("Environmental groups have criticized plans"), claims
    assert claims[0][1] == "Agence France-Presse", claims


def test_a_dateline_naming_the_publishers_initials_is_no_agency():
    text = "Title\n\nTOKYO (TR) \u2013 The minister said the plan had failed."
    assert _claims(text, publisher="Tokyo Reporter")[0][3] == ["Tokyo Reporter"]
    assert _claims(text, publisher="Example Times")[0][3] == ["TR", "Example Times"]



@pytest.mark.parametrize("text, fragment, speaker, relay", [
    # "BEIJING, Reuters" on a line of its own above the story: the agency's dateline
    ("Police net suspects\n\nBEIJING, Reuters\n\nPolice have captured four men suspected of the heist, officials "
     "said on Wednesday.", "Police have captured four men", "officials", ["Reuters", "Example Times"]),
    # (a place and a word that is no agency is no dateline)
    ("Police net suspects\n\nBEIJING, Tuesday\n\nPolice have captured four men suspected of the heist, officials "
     "said on Wednesday.", "Police have captured four men", "officials", ["Example Times"]),
    # the issuer of a statement the parser hung "from" off the quoting verb
    ("Title\n\nThe president sacked his mining minister on Tuesday, state radio reported, quoting a statement from "
     "the presidency.", "sacked his mining minister", "presidency", ["state radio", "Example Times"]),
])
def test_blind_n53_n56_datelines_and_issuers(text, fragment, speaker, relay):
    _check_claims(text, "Example Times", fragment, speaker, relay)



def test_the_media_placed_by_country_is_an_unnamed_group_that_frames_the_publishers_report():
    """Held-out N54, its one fix: "the Armenian media" is a group as "Armenian media" is, not a pointer
    back at one outlet; cited by the page's own credit it frames the speaker's later claims."""
    text = ("Title\n\nArmenian Prime Minister Nikol Pashinyan spoke about the border in parliament.\n\n"
            "Azernews reports, citing the Armenian media that Pashinyan showed the map of the border. He said that "
            "the accusations were illogical.")
    _check_claims(text, "Azernews", "Pashinyan showed the map", "the Armenian media", ["Azernews"])
    _check_claims(text, "Azernews", "the accusations were illogical", "Nikol Pashinyan",
                  ["the Armenian media", "Azernews"])



def test_a_relative_clause_in_which_another_source_answers_is_no_part_of_the_content():
    """Held-out N57, its one fix: "to which Asefi replied that ..." is Asefi's claim, not more of what the
    reporter told the spokesman."""
    text = ("Title\n\nForeign Ministry spokesman Hamidreza Asefi held his weekly briefing. A reporter told the spokesman "
            "that world countries were taken by surprise by the remarks of the US president to which Asefi replied "
            "that it was the American officials who were taken by surprise.")
    claims = _claims(text, publisher="IRNA")
    assert _find(claims, "world countries were taken by surprise")[0].endswith("the US president"), claims
    assert _find(claims, "it was the American officials")[1] == "Hamidreza Asefi", claims



def test_a_that_clause_whose_verb_the_parser_made_a_modifier_is_content():
    """Blind N56: "adding that the first officers to arrive witnessed employees scrambling" (the parser
    made "witnessed" an adjective of "employees"): after an explicit "that", a past form is the clause's verb."""
    text = ("Title\n\nPolice were called to the warehouse at about 10.30pm on Tuesday, Jones said, adding that the first "
            "officers to arrive witnessed employees scrambling to exit the building.")
    claim = _find(_claims(text, publisher="Example Times"), "the first officers to arrive")
    assert claim[0].startswith("the first officers") and claim[1] == "Jones", claim



REVIEW_V = [
    # stories about an agency's staff are no copy of the agency's
    ("Title\n\nThe detention of Reuters reporters in Myanmar drew condemnation. The United Nations said the case "
     "was a setback for press freedom.", "the case was a setback", "United Nations", ["Example Times"]),
    ("Title\n\nA court in Yangon freed jailed Reuters reporters on Tuesday. The information minister said the pardon "
     "showed the government's goodwill.", "the pardon showed", "information minister", ["Example Times"]),
    ("Title\n\nAFP photographers were among those injured in the blast, the hospital said.", "AFP photographers were",
     "hospital", ["Example Times"]),
    # a credit's label in capitals is no dateline's place
    ("Governor visits flood zone\n\nPHOTO, AFP\n\nThe governor said the dams would hold.", "the dams would hold",
     "governor", ["Example Times"]),
    # a date after "from" is when, not who
    ("Title\n\nThe deal was signed on Monday, state media reported, quoting a statement from Tuesday.",
     "The deal was signed on Monday", "a statement", ["state media", "Example Times"]),
    # an inverted attribution after a quotation closed by its stop
    ('Title\n\n"We will not give up." So said union leader Jane Doe after the vote.', "We will not give up",
     "Jane Doe", ["Example Times"]),
    # "as the government said" with no comma frames what was said, inside the outlet's report
    ("Title\n\nFuel prices will fall next month as the government said last week, Reuters reported.",
     "Fuel prices will fall next month", "government", ["Reuters", "Example Times"]),
    # a medium named by no outlet is no hop
    ("Title\n\nThe governor said on the radio that schools would stay closed.", "schools would stay closed",
     "governor", ["Example Times"]),
    # a fair opened by a place is no programme
    ("Title\n\nAirbus chief executive Guillaume Faury told the Paris Air Show that demand was strong.",
     "demand was strong", "Guillaume Faury", ["Example Times"]),
    # the company named after its founder stays the company for "it"
    ("Title\n\nMichael Dell founded the company in 1984. Dell cut 6,650 jobs on Monday. It said demand for personal "
     "computers had weakened.", "demand for personal computers", "Dell", ["Example Times"]),
]


@pytest.mark.parametrize("text, fragment, speaker, relay", REVIEW_V)
def test_review_of_the_sixteenth_sessions_rules(text, fragment, speaker, relay):
    _check_claims(text, "Example Times", fragment, speaker, relay)



@pytest.mark.parametrize("text, fragment, speaker, relay", [
    # "on X." ends the sentence: the next quotation is no part of it (a channel of one letter, lexicon)
    ('Title\n\nThe vote was a win for the ruling party.\n"A landslide victory," Moldova\'s Minister of Foreign '
     'Affairs said in a statement on X. "The ruling party retains the absolute majority."\n"Kremlin lost," he added.',
     ("A landslide victory", "retains the absolute majority"), "Moldova's Minister of Foreign Affairs", ["Example Times"]),
    # the purpose of going to a channel is a statement made there, not one asked for
    ('Title\n\nAhead of voting, Sandu took to X to describe the election as the nation\'s "most consequential."',
     "the election as the nation's", "Sandu", ["Example Times"]),
])
def test_blind_n58_channels(text, fragment, speaker, relay):
    _check_claims(text, "Example Times", fragment, speaker, relay)


def test_an_infinitive_asked_for_is_still_no_claim():
    claims = _claims("Title\n\nOfficials urged him to condemn the attack.", publisher="Example Times")
    assert not any(c[0] == "condemn the attack" for c in claims), claims



def test_blind_n60_credit_honorifics_and_citing_phrases():
    """Blind N60: "..., reports Malay Mail on Friday." opens the outlet's frame and "the report reads" is its
    report; "Datuk Seri" before a name the tagger cut is an honorific of one person however the text
    reaches them; "Quoting police sources, news agency PTI reported" cites the sources."""
    text = ("Malaysian police have arrested 36 people, reports Malay Mail on Friday.\n"
            "The police arrested 36 citizens this week, Home Minister Datuk Seri Saifuddin Nasution Ismail stated "
            "today, the report reads.\n"
            "The Home Minister added that the police had also found recruitment cells.")
    _check_claims(text, "Dhaka Stream", ("The police arrested 36 citizens", "recruitment cells"),
                  "Saifuddin Nasution Ismail", ["Malay Mail", "Dhaka Stream"])
    text = ("Title\n\nOne militant was gunned down on Thursday night. Quoting police sources, news agency PTI reported "
            "that a militant was believed to have been killed.")
    _check_claims(text, "Example Times", "a militant was believed", "police sources", ["PTI", "Example Times"])



def test_a_slash_dateline_with_an_ordinal_day_and_the_agency_in_lower_case():
    """Held-out N59, its one fix: "NEW YORK, February 11th. /tass/." is TASS's dateline (the day an
    ordinal, the agency written in lower case): the page is its copy, and the claim starts after it."""
    claims = _claims("Title\n\nNEW YORK, February 11th. /tass/. High gas prices may lead to losses, the agency said.",
                     publisher="News-Pravda")
    claim = _find(claims, "High gas prices")
    assert claim[0].startswith("High gas prices") and claim[3] == ["TASS", "News-Pravda"], claims



def test_a_speaker_is_none_of_its_own_hops():
    """Blind N55: "AFP cited the newspaper as saying" after "Japan's daily Mainichi Shimbun said ...": the
    newspaper is the Mainichi, not AFP, the outlet that quotes it."""
    text = ("Title\n\nTOKYO \u2013 The government wants to restart two reactors, Agence France-Presse reported.\n\n"
            "Japan's daily Mainichi Shimbun said more checks are needed. \"It is hard to understand the haste,\" AFP "
            "cited the newspaper as saying.")
    claim = _find(_claims(text, publisher="Tokyo Reporter"), "It is hard to understand")
    assert claim[1] in ("Mainichi", "Mainichi Shimbun") and claim[3][0] in ("AFP", "Agence France-Presse"), claim



BLIND_W = [
    # "without citing sources" cites no one: the outlet said it (its report, where the text points back at it)
    ("Title\n\nToyota may import cars, NHK said on Saturday. The chairman is expected to unveil the plan, the report "
     "said without citing sources.", "Example Times", "expected to unveil the plan", "NHK", ["Example Times"]),
    ("Title\n\nThe company is in talks with suitors, CNBC said without citing its sources.", "Example Times",
     "in talks with suitors", "CNBC", ["Example Times"]),
    # a citing phrase closing the content, wherever the parser hung it, is no part of it: the outlet cites
    ("Title\n\nSeparately, Bloomberg reported that OpenAI wants Microsoft to hold a 33% stake in a restructured unit in "
     "exchange for foregoing rights to future profits, citing a person who spoke to OpenAI executives.",
     "Example Times", "foregoing rights to future profits", "a person", ["Bloomberg", "Example Times"]),
    # an interviewer named by a person's name, on a broadcaster named after: the broadcaster is the hop, and the
    # same speaker's claim just before, which the interview's claim goes on from ("added"), has it too
    ("Title\n\nInformation Minister Melhem Riachy highlighted on Friday that Lebanon needs a real defensive strategy.\n\n"
     "\u201cSupporting the army is a basic strategic plan,\u201d Riachy added in an interview with colleague Rola Kassab in "
     "\u201cKalam Beirut\u201d talk show on \u201cFuture TV\u201d.", "Example Times",
     ("Lebanon needs a real defensive strategy", "Supporting the army"), "Melhem Riachy", ["Future TV", "Example Times"]),
    # "authorities" (the lexicon's institution noun in the plural) speaks: a claim of theirs inside an outlet's
    # report is theirs, the outlet a hop
    ("Title\n\nBefore its discovery, authorities believed that the most easterly glacier was at the Kamchatka Peninsula "
     "in Russia, the Mainichi Daily reported.", "Example Times", "the most easterly glacier", "authorities",
     ["Mainichi", "Example Times"]),
    # "the Foreign Ministry official" points back at the spokesperson of that ministry who spoke just before, and
    # goes on in the agency's report that carried her
    ("Title\n\nForeign Ministry spokesperson Marzieh Afkham denounced the remarks.\nAfkham demanded that countries "
     "in the region stop supporting terrorism, IRNA reported on Saturday.\nThe Foreign Ministry official noted that "
     "a logical approach is crucial to restoring peace.", "Example Times", "a logical approach is crucial",
     "Marzieh Afkham", ["IRNA", "Example Times"]),
    # reports in the plural that nothing points back at are other outlets' reports: the lead's frame holds no more
    ("Title\n\nFoxconn plans to spend $700 million on a plant in India, according to a new report from Bloomberg.\n"
     "Apple has three manufacturing partners in India.\nReports have previously suggested that Apple is aiming to "
     "produce 25 percent of all iPhones in India by 2025.", "Example Times", "aiming to produce 25 percent", "Reports",
     ["Example Times"]),
    # "the report added" is the report named last (The Information's, which cites its source), not an earlier one
    ("Title\n\nOpenAI considered accusing Microsoft, the Wall Street Journal reported, citing people familiar with the "
     "matter.\n\nSeparately, The Information reported that OpenAI wants Microsoft to hold a 33% stake, citing a person "
     "who spoke to OpenAI executives.\n\nThe ChatGPT owner wants to modify existing clauses, the report added.",
     "Example Times", "modify existing clauses", "The Information", ["Example Times"]),
    # a lead that answers an outlet's report is the page's own story: the report frames its neighbourhood only,
    # and whoever answers the report speaks in their own right
    ("Pearson denies Bloomberg report\n\nPearson has denied a report by rival publisher Bloomberg that it is "
     "considering offers for the newspaper. Bloomberg reported last night that Pearson was planning to explore a "
     "sale.\nThe announcement of the chief executive's departure led to speculation.\nAnalysts have questioned "
     "the group's focus.\nScardino once famously said that Pearson would sell the FT over her dead body.\n"
     "Charles Goldsmith, a spokesman for Pearson, flatly denied the report: \u201cWe have said many times that the "
     "FT is a valued part of Pearson.\u201d", "Example Times", ("would sell the FT", "We have said many times"),
     None, ["Example Times"]),
    # a quotation after the close of an aside the cue stands in is not the cue's
    ("Title\n\nNews Corp (which publishes the rival Wall Street Journal) \u201cmay not bid due to regulatory "
     "concerns\u201d, according to Bloomberg.", "Example Times", "may not bid", "Bloomberg", ["Example Times"]),
    # a name and its description set off by commas before a closing cue the parser coordinated with the content
    ("Title\n\nThe outbreak led to 20 confirmed cases of cholera, with 27 people also found to be carrying the "
     "cholera virus, Chen Juemin, director of the provincial health department, said at a press conference in Yuxi.",
     "Example Times", "The outbreak led to 20 confirmed cases", "Chen Juemin", ["Example Times"]),
    # one who spoke at a press conference of their own goes on there in a later paragraph, after a quotation an
    # outlet carried
    ("Title\n\nAll 47 people have recovered, Chen Juemin, the director, said at a press conference in Yuxi on "
     "Monday.\n\n\"No deaths were reported,\" Chen was quoted by Wednesday's Beijing Daily as saying.\n\nChen said "
     "all 47 patients had attended a funeral feast.", "Example Times", "all 47 patients had attended", "Chen Juemin",
     ["Example Times"]),
    # "- Copyright AFP DALE DE LA REY" closing a photo's caption credits the photographer, not the story
    ("Heat wave\n\nIndia is struggling to meet its water needs - Copyright AFP DALE DE LA REY\n\nThe weather agency "
     "said there is a very high likelihood of heat stroke.", "Example Times", "a very high likelihood",
     "weather agency", ["Example Times"]),
    # a quotation closed by a comma and followed by a name with no verb: the page left out "said"
    ("Title\n\nHospitals are full.\n\n\u201cSo many people are dying from the heat. On Sunday, I carried 26 dead "
     "bodies,\u201d Jitendra Kumar Yadav, a hearse driver in Deoria town, 110 kilometers (68 miles) from Ballia.",
     "Example Times", "So many people are dying", "Jitendra Kumar Yadav", ["Example Times"]),
    ("Title\n\nThe chief spoke on Monday. \"We will not stop until the job is done,\" Superintendent Jane Roe.",
     "Example Times", "We will not stop", "Jane Roe", ["Example Times"]),
    # copy credited to one agency that shows another's own reporting ("dpa was unable to contact sources", the
    # agency's name in lower case): the credited agency carried the other's story
    ("Africa News\n\nSource: GNA\n\nFighting goes on in Tigray\n\nPrime Minister Abiy Ahmed said on Wednesday that he "
     "was sending soldiers into the region.\n\nDue to a phone blackout in the region, dpa was unable to contact "
     "sources on the ground.", "GhanaWeb", "he was sending soldiers", "Abiy Ahmed", ["dpa", "GNA", "GhanaWeb"]),
    # an inverted credit closing the sentence ("..., reported the Saudi Press Agency, SPA"), after a quotation of
    # two sentences
    ("Title\n\n\u201cNo country should tolerate terrorism. We will not deal with a state that supports it,\u201d "
     "Al-Jubeir told a news conference at the Saudi Embassy\u2019s headquarters in London, reported the Saudi Press "
     "Agency, SPA.", "Example Times", "No country should tolerate", "Al-Jubeir",
     ["Saudi Press Agency", "Example Times"]),
    ("Title\n\n\"We will not deal with it,\" Al-Jubeir said, reported IRNA.", "Example Times", "We will not deal",
     "Al-Jubeir", ["IRNA", "Example Times"]),
    # a relative clause the parser hung on the date that dates a report is the report's; it frames nothing after it
    ("Title\n\nIslamabad on Friday rebutted the Israeli media reports as baseless.\nAt her weekly briefing, "
     "spokesperson Mumtaz Zahra Baloch rejected a Jerusalem Post\u2019s report from August 6 which alleged that "
     "\u201cPakistan plans to supply Iran with missiles.\u201d\n\u201cSuch reports are patently false,\u201d she added.",
     "Example Times", "Pakistan plans to supply Iran", "The Jerusalem Post", ["Example Times"]),
    ("Title\n\nIslamabad on Friday rebutted the Israeli media reports as baseless.\nAt her weekly briefing, "
     "spokesperson Mumtaz Zahra Baloch rejected a Jerusalem Post\u2019s report from August 6 which alleged that "
     "\u201cPakistan plans to supply Iran with missiles.\u201d\n\u201cSuch reports are patently false,\u201d she added.",
     "Example Times", "Such reports are patently false", "Mumtaz Zahra Baloch", ["Example Times"]),
]


def test_calling_on_a_person_is_a_visit_not_a_statement():
    """Blind N63: "called on the Prime Minister early this morning" says nothing; "called on the government to
    resign" is a request (optional by the guidelines, kept)."""
    claims = _claims("Title\n\nThe Indian envoy called on the Prime Minister early this morning.", publisher="Example Times")
    assert not claims, claims
    claims = _claims("Title\n\nThe minister called on the government to resign.", publisher="Example Times")
    assert _find(claims, "the government to resign")[1] == "minister", claims


# Regressions a review of the seventeenth session's rules found (passages written for the review; each fails on
# the code before its fix): a bracket of the cue's own before a quotation, a copyright line that is no caption's,
# sources telling another agency in datelined copy, titles followed by their authors, another document between
# an outlet and "the report"
REVIEW_W = [
    ("Title\n\nThe spokesman told CNN (in English) \u201cWe have nothing to hide.\u201d", "We have nothing to hide",
     "The spokesman", ["CNN", "Example Times"]),
    ("Title\n\nThe CEO wrote (in a memo seen by staff) \u201cWe must cut costs this year.\u201d", "We must cut costs",
     "CEO", ["Example Times"]),
    ("Floods in Jakarta\n\nThe disaster agency said 12 people had died.\n\nCopyright AFP ALL RIGHTS RESERVED",
     "12 people had died", "disaster agency", ["AFP", "Example Times"]),
    ("Title\n\nCAIRO (AFP) - The foreign ministry said talks would resume next week.\n\nIranian officials told Reuters "
     "last week that a deal was close. A senior diplomat also told Reuters the deal was imminent.",
     "talks would resume next week", "foreign ministry", ["AFP", "Example Times"]),
    ("Title\n\nHonda will build a new battery plant in Ohio, Kyodo News said on Friday.\n\nThe trade ministry released "
     "its annual report on Thursday. The report said exports rose 4 percent.", "exports rose 4 percent", "The report",
     None),
]


@pytest.mark.parametrize("text, fragment, speaker, relay", REVIEW_W)
def test_review_of_the_seventeenth_sessions_rules(text, fragment, speaker, relay):
    _check_claims(text, "Example Times", fragment, speaker, relay)


@pytest.mark.parametrize("text", [
    "Title\n\nThe best books of the year:\n\n\u201cThe Covenant of Water,\u201d Abraham Verghese.\n\n\u201cTomorrow, and "
    "Tomorrow, and Tomorrow,\u201d Gabrielle Zevin.",
    "Title\n\nNew releases this week:\n\n\"Gone Girl,\" Gillian Flynn.\n\n\"The Firm,\" John Grisham.",
    "Title\n\nThe band closed with \"Let It Be,\" Paul McCartney.",
])
def test_a_title_followed_by_its_author_is_no_quotation(text):
    assert _claims(text, publisher="Example Times") == []


def test_the_former_noun_is_the_person_who_spoke_just_before():
    """Held-out N65, its one fix: "The former wicketkeeper said ..." after MSK Prasad's interview with The Hindu
    is Prasad, whose interview goes on (the lexicon's ``epithet_marker``)."""
    text = ("Title\n\nIndia's chief selector MSK Prasad has revealed that the selectors now pick the playing XI.\n\n"
            "\u201cWe are a part of the process,\u201d Prasad told The Hindu.\n\nThe former wicketkeeper said the current "
            "selectors share an excellent relationship with the captains.")
    _check_claims(text, "SportsCafe", "the current selectors share", "MSK Prasad", ["The Hindu", "SportsCafe"])



def test_an_agency_and_the_page_named_together_over_a_date_make_the_page_its_copy():
    """Held-out N68, its one fix: "NTB/The Local · 25 Jul 2014, 09:59" under the headline credits the agency's
    copy beside the page's own name; every claim of the story came through NTB."""
    text = ("Day 2: Norway terror warnings\n\nNTB/The Local \u00b7 25 Jul 2014, 09:59\n\nThe security police said the "
            "threat was credible.")
    _check_claims(text, "The Local", "the threat was credible", "security police", ["NTB", "The Local"])


# Blind batches N69-N76 (eighteenth session), each written for the test on a construction a blind page showed
BLIND_X = [
    # a dateline of a place, a bar and a listed agency glued to the story by a dash: the agency's copy
    ("Wheat slips\n\nChicago | Reuters\u2014Soybean futures fell on Wednesday on weak demand, traders said.\n\n"
     "Prices may recover next week, said Jane Roe, an analyst at Example Grain.", "Farm Daily",
     ("Soybean futures fell", "Prices may recover"), None, ["Reuters", "Farm Daily"]),
    # the agency's beat line on a line of its own under the headline (its byline lost): the agency's copy
    ("Minister: exports to resume\n\nAssociated Press Writer\nPublished Sunday, May 4, 2003\n\nBAGHDAD, Iraq -- "
     "Exports will resume within weeks, the oil minister said Saturday.", "Example Record",
     "Exports will resume within weeks", "oil minister", ["Associated Press", "Example Record"]),
    # a closing finding cue the parser read as a participle, with its day and a participle phrase after it
    ("Title\n\nCoffee exports rose for a fourth month in June, a Reuters poll found on Monday, helped by "
     "strong demand in Asia.", "Example Times", "Coffee exports rose for a fourth month in June", "Reuters",
     ["Example Times"]),
    # a name set off by a comma that the parser took into the content as a preposition's object
    ("Title\n\nTwelve soldiers were among the dead, spokeswoman Anna Berg said, adding that three were missing.",
     "Example Times", ("Twelve soldiers were among the dead", "three were missing"), "Anna Berg", ["Example Times"]),
    # "the agency" after an organization that spoke, with no news agency named since, is that organization;
    # citing its sources it speaks for itself
    ("Title\n\nThe World Health Organization said on Monday that cases had doubled.\n\nCiting local clinics, the "
     "agency said vaccines were on the way.", "Example Times", "vaccines were on the way",
     "World Health Organization", ["Example Times"]),
    ("Title\n\nThe World Health Organization said on Monday that cases had doubled.\n\nThe agency said vaccines "
     "were on the way.", "Example Times", "vaccines were on the way", "World Health Organization", ["Example Times"]),
    # "the statement" is the statement a speaker made earlier, other speakers between
    ("Title\n\nIn a statement on Monday, the Red Cross said 40 people were missing.\n\nLocal officials said the "
     "ferry sank at night.\n\n\u201cWe are deeply saddened,\u201d the statement said.", "Example Times",
     "We are deeply saddened", "Red Cross", ["Example Times"]),
    # a long byline of two reporters naming another outlet's staff: the page carries that outlet's story
    ("Unrest goes on\n\nBy Annabel Holmberg, RNZ Pacific correspondent for the French Pacific desk, and Thomas Vale, "
     "RNZ Pacific journalist\n\nFour people have died, a spokesperson for the government said.\n\n"
     + "Shops stayed shut and the streets were empty for a fourth day running in the capital. " * 8, "Example Report", "Four people have died", "a spokesperson for the government",
     ["RNZ", "Example Report"]),
    # a name the tagger tagged only in part, apposed to a role: the name speaks
    ("Title\n\nBut FAST's leader Fiame Naomi Mata'afa, who was sworn in on Monday, said taxes would rise.",
     "Example Times", "taxes would rise", "Fiame Naomi Mata'afa", ["Example Times"]),
    # a noun phrase and its description set off by commas after a quotation, then the cue
    ("Title\n\n\"Disturbances are still going on,\" the high commission, the representative of the state on the "
     "island, said in a statement.", "Example Times", "Disturbances are still going on", "high commission",
     ["Example Times"]),
    # "He said this in an interview with AFP, <the page> reports.": no claim, it names the interview the
    # speaker's claims around it came through
    ("Title\n\nPresident Anna Berg has said that the border situation is under control.\n\nShe said this in an "
     "interview with AFP, Example Times reports.\n\nBerg said troops had stopped the advance.", "Example Times",
     ("the border situation is under control", "troops had stopped the advance"), "Anna Berg",
     ["AFP", "Example Times"]),
    # whom the outlet quotes speaks; the outlet relays
    ("Title\n\nRafael Grossi visited the plant on Monday.\n\n\"Every safety rule has been broken,\" the newspaper "
     "quotes Grossi.", "Example Times", "Every safety rule has been broken", "Rafael Grossi",
     ["the newspaper", "Example Times"]),
    # "This was reported by X, <the page> reports." opens X's frame; "him" is the person the sentence before
    # narrates
    ("Title\n\nRafael Grossi, head of the agency, has called on both sides to allow inspectors in.\n\nThis was "
     "reported by Sky News, Example Times reports.\n\nAccording to him, the situation at the plant is out of "
     "control.", "Example Times", "the situation at the plant is out of control", "Rafael Grossi",
     ["Sky News", "Example Times"]),
    # "the report said" after an outlet that said something later than another outlet's report named before
    ("Title\n\nThe Senate adjourned after the whip said there would be no vote, the CNN reported.\n\nIt means the "
     "parks will close, the BBC said.\n\nThousands of employees will work unpaid, the report said.", "Example Times",
     "Thousands of employees will work unpaid", "BBC", ["Example Times"]),
    # a body's name closing a role's "of" phrase is no person's: the unnamed spokesman speaks
    ("Title\n\nThe spokesman of the UN Refugee Agency on Friday warned that the camps were full.", "Example Times",
     "the camps were full", "The spokesman of the UN Refugee Agency", ["Example Times"]),
    # a page that opens quotations with right marks, mid-line too
    ("Title\n\nThe programme's director addressed the council on Tuesday.\n\n\u201dThis is a crisis,\u201d Dora "
     "Lind said. \u201dBusiness as usual will not do.\u201d", "Example Times", "Business as usual will not do",
     "Dora Lind", ["Example Times"]),
]


@pytest.mark.parametrize("text, publisher, fragment, speaker, relay", BLIND_W + BLIND_X)
def test_blind_batch_constructions_w_x(text, publisher, fragment, speaker, relay):
    if speaker is None:  # (the relay alone: each fragment's own speaker)
        claims = _claims(text, publisher=publisher)
        for one in fragment:
            assert _find(claims, one)[3] == relay, claims
        return
    _check_claims(text, publisher, fragment, speaker, relay)


def test_another_statement_brought_in_since_is_not_the_earlier_speakers():
    claims = _claims("Title\n\nIn a statement on Monday, the Red Cross said 40 people were missing.\n\nThe ministry "
                     "released a statement on Tuesday. \u201cWe deny everything,\u201d the statement said.",
                     publisher="Example Times")
    assert _find(claims, "We deny everything")[2] != "Red Cross", claims


def test_the_day_and_a_clause_of_when_after_a_quotations_cue_are_no_content():
    claims = _claims("Title\n\n\u201cThat relief is significant,\u201d Attorney General Bob Ferguson said Friday after "
                     "the restraining order was issued.", publisher="Example Times")
    assert [c[0] for c in claims] == ["That relief is significant,"], claims
    claims = _claims("Title\n\n\u201cWe are done,\u201d the lawyer said Monday, while the jury was still out.",
                     publisher="Example Times")
    assert [c[0] for c in claims] == ["We are done,"], claims


def test_another_outlets_name_alone_on_the_last_line_credits_the_story():
    """Held-out N70, its one fix: a broadcaster's name alone on the page's last line ("NHK") credits the story
    the page carries; every claim came through it. The page's own name there credits nothing."""
    text = ("Title\n\nThe prime minister said the launch was unforgivable.\n\nHe said Japan had lodged a protest.\n\nNHK")
    _check_claims(text, "Example Digital", ("the launch was unforgivable", "Japan had lodged a protest"),
                  "prime minister", ["NHK", "Example Digital"])
    _check_claims(text.replace("NHK", "Example Digital"), "Example Digital", "the launch was unforgivable",
                  "prime minister", ["Example Digital"])


def test_a_statement_issued_before_a_colon_introduces_the_quotation_in_the_next_paragraph():
    """Held-out N73, its one fix: 'X released the following statement:' and the quotation on the next line."""
    text = ("Title\nThe suspect was being held at the county jail.\nOn Sunday, Congressman Tom Reyes released the "
            "following statement:\n\u201cI was saddened to learn of the officer's death. My heart goes out to his "
            "family.\u201d")
    _check_claims(text, "Example News", "My heart goes out to his family", "Congressman Tom Reyes", ["Example News"])


def test_per_an_outlet_attributes_and_a_rate_does_not():
    """Held-out N76, its one fix: "per the BBC" (the lexicon's according_to phrase "per") attributes like
    "according to"; a rate ("5 per cent", "12.4 lei per cubic meter", "four packs per transaction") does not."""
    claims = _claims("Title\n\nItaly has become the first country to ban the chatbot, per the BBC. Shares rose 5 per "
                     "cent. Gas costs 12.4 lei per cubic meter. Shops allow four packs per transaction.",
                     publisher="Example News")
    assert [c[:2] for c in claims] == [("Italy has become the first country to ban the chatbot", "BBC")], claims


# Regressions a review of the eighteenth session's rules found (passages written for the review; each fails on
# the code before its fix)
REVIEW_X = [
    # "the station" after a broadcaster named since the organization spoke is the broadcaster
    ("Title\n\nThe health ministry said 12 people had died, according to public broadcaster NHK. The station said "
     "more deaths were feared.", "more deaths were feared", "NHK", ["Example Times"]),
    # a story's paragraph opening "By <time>" is no byline, whatever agency it names
    ("By Tuesday evening, the death toll had risen to 40, the health ministry said, citing figures compiled by "
     "Reuters and local hospitals.\n\nThe ministry said more bodies were expected.", "more bodies were expected",
     "health ministry", ["Example Times"]),
    # a day and a clause of time, then the "that" clause: what was said
    ("Title\n\nSmith said Friday after the hearing that she feared for her life.", "she feared for her life", "Smith",
     ["Example Times"]),
]


@pytest.mark.parametrize("text, fragment, speaker, relay", REVIEW_X)
def test_review_of_the_eighteenth_sessions_rules(text, fragment, speaker, relay):
    _check_claims(text, "Example Times", fragment, speaker, relay)


def test_an_organization_with_a_whose_clause_stays_one_organization():
    """Review: "Tesla, whose shares fell ..." is no person (a rule this session tried and took back)."""
    result = annotate("Title\n\nTesla, whose shares fell 5% on Monday, said it would cut prices. The company said "
                      "demand remained strong.", publisher="Example Times")
    assert [s.type for s in result.sources if s.name == "Tesla"] == ["organization"], result.sources


def test_a_tensed_verb_whose_subject_went_to_another_phrase_is_no_content():
    """Blind N75: "warned of the camps as Rohingya Muslims fleeing Myanmar edged towards half a million" reports
    nothing that "edged ..." says; "He remarked toilet paper is a bulky item" (the subject made the cue's
    object) still does."""
    claims = _claims("Title\n\nThe spokesman on Friday warned of the conditions of refugee camps as Rohingya Muslims "
                     "fleeing Myanmar edged towards half a million.", publisher="Example Times")
    assert not any("edged" in c[0] for c in claims), claims
    claims = _claims("Title\n\nHe remarked toilet paper is a bulky item.", publisher="Example Times")
    assert _find(claims, "is a bulky item")


@pytest.mark.parametrize("text, content", [
    ("China said on Tuesday (April 19) it had signed a pact with Fiji.", "it had signed a pact with Fiji"),
    ("The foreign ministry said on Monday it condemned the attack.", "it condemned the attack"),
    ("The minister said Monday the talks would resume.", "the talks would resume"),
])
def test_the_day_of_the_speaking_after_the_cue_is_no_part_of_the_content(text, content):
    """Review (wrong on both): the parser hangs "on Tuesday" after "said" on the content's verb; it dates the
    speaking. A day inside the content after "that" stays ("said that on Monday the talks would resume")."""
    assert [c[0] for c in _claims("Title\n\n" + text, publisher="Example Times")] == [content]
    claims = _claims("Title\n\nThe minister said that on Monday the talks would resume.", publisher="Example Times")
    assert [c[0] for c in claims] == ["on Monday the talks would resume"], claims


def test_it_after_the_content_is_the_organization_the_content_names():
    """Blind N77: "Morocco's OCP posted a drop in profit, it said in a statement" opening the story: "it" is the
    organization that is the content's own subject (no earlier speaker to point back at)."""
    claims = _claims("Title\n\nRABAT (Reuters) - Morocco's Office Cherifien de Phosphate (OCP) posted a 46 percent drop "
                     "in its profit, it said in a statement.", publisher="Example Finance")
    assert _find(claims, "posted a 46 percent drop")[1] == "Office Cherifien de Phosphate", claims
