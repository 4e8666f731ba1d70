"""Headline claim decomposition on hand-written headlines."""

from __future__ import annotations

import pytest

from onrecord import nlp
from onrecord.analyzers import get
from onrecord.article import Article
from onrecord.report import headline_hedged

BODY = ("Prime Minister Elena Varga spoke on Monday. Trade Minister Tomas Brandt met the union. "
        "German Chancellor Angela Merkel spoke too. Apple and Tesla declined to comment.")


def claim(headline: str, body: str = BODY):
    return get("headline")(nlp.parse(Article(headline, body)))


@pytest.mark.parametrize("headline, holder, attitude, target", [
    ("Varga Confident Brandt Can End the Port Strike", "Elena Varga", "confident", "Tomas Brandt"),
    ("Merkel warns Greece could leave the euro", "Angela Merkel", "warn", "Greece"),
    ("Varga: Brandt can end the strike", "Elena Varga", "says", "Tomas Brandt"),
    ("The strike will end this week, Varga says", "Elena Varga", "say", "The strike"),
    ("Officials say the dam will hold", "Officials", "say", "the dam"),
    ("Varga is not confident that Brandt can end the strike", "Elena Varga", "not confident", "Tomas Brandt"),
    # a credit closing the headline after a colon or a spaced dash
    ("Brandt can end the port strike: Report", "Report", "says", "Tomas Brandt"),
    ("Varga will call an election — Reuters", "Reuters", "says", "Elena Varga"),
    ("Brandt can end the strike - sources", "sources", "says", "Tomas Brandt"),
    ("Brandt will end the strike, dock workers to return, official says", "official", "say", "Tomas Brandt"),
    ("Report: Brandt can end the strike", "Report", "says", "Tomas Brandt"),
    # a credit in words: "according to"
    ("Brandt can end the port strike, according to Varga", "Elena Varga", "according to", "Tomas Brandt"),
    ("According to officials, Brandt can end the strike", "officials", "according to", "Tomas Brandt"),
    ("Hospital: Brandt is not being treated for Ebola", "Hospital", "says", "Tomas Brandt"),  # an institution speaks
    ("Brandt was not arrested: Cops", "Cops", "says", "Tomas Brandt"),
])
def test_attitude_headlines(headline, holder, attitude, target):
    c = claim(headline)
    assert (c.holder, c.attitude, c.target) == (holder, attitude, target)
    # every span points at the headline words it came from
    for span in (c.holder_span, c.target_span, c.content_span):
        assert headline[span.start:span.end] == span.text
    assert c.content and c.content in headline


@pytest.mark.parametrize("headline, holder, switch, before", [
    # American style sets the comma inside the closing quotation mark
    ("At Elon, ‘first-year’ has not replaced ‘freshman,’ university says", "university", "CLOSED_QUOTE_COMMA", None),
    # the parse of the lower-cased headline hangs "iphone" elsewhere; the model number keeps its name
    ("#HairGate: iPhone 6 Customers Are Complaining That The Phone Is Ripping Out Their Hair", "iPhone 6 Customers",
     "MODEL_NUMBER_HOLDERS", "6 Customers"),
    # a claim verb conjoined to the subject's other verbs
    ("Catholic Priest Dies for 48 Minutes, Comes Back to Life and Claims God Is Female", "Catholic Priest",
     "CONJOINED_HOLDERS", None),
])
def test_closing_holders_and_model_numbers(monkeypatch, headline, holder, switch, before):
    from onrecord.analyzers import headline as headline_analyzer

    assert claim(headline).holder == holder
    monkeypatch.setattr(headline_analyzer, switch, False)
    assert claim(headline).holder == before


def test_two_closing_holders_and_identifies_as(monkeypatch):
    from onrecord.analyzers import headline as headline_analyzer

    c = claim("Tiger Woods is not on suspension for failing a drug test, his agent and a PGA official say")
    assert (c.holder, c.attitude) == ("his agent and a PGA official", "say")
    c = claim("Canadian official identifies dead Ottawa gunman as Michael Zehaf-Bibeau")
    assert (c.holder, c.attitude) == ("Canadian official", "identify")
    assert claim("Scientists identify gene linked to obesity").holder is None  # no "as": no claim
    monkeypatch.setattr(headline_analyzer, "COORDINATED_HOLDERS", False)
    monkeypatch.setattr(headline_analyzer, "IDENTIFIES_AS", False)
    assert claim("Tiger Woods is not on suspension for failing a drug test, his agent and a PGA official say"
                 ).holder is None
    assert claim("Canadian official identifies dead Ottawa gunman as Michael Zehaf-Bibeau").holder is None


def test_a_subject_that_coordinates_names_is_the_holder_whole(monkeypatch):
    from onrecord.analyzers import headline as headline_analyzer

    c = claim("Varga and Brandt say the strike will end")
    assert (c.holder, c.holder_span.text, c.attitude) == ("Elena Varga and Tomas Brandt", "Varga and Brandt", "say")
    assert claim("Varga and her aides say the strike will end").holder == "Elena Varga"  # a name and a group
    assert claim("Apple and Tesla say the strike will end").holder == "Apple and Tesla"
    monkeypatch.setattr(headline_analyzer, "COORDINATED_SUBJECT_HOLDERS", False)
    assert claim("Varga and Brandt say the strike will end").holder == "Elena Varga"


def test_feared_before_a_participle_reports_of_the_subject():
    c = claim("Gill Rosenberg, Canadian-Israeli Woman Feared Kidnapped By ISIS, Says She's Safe")
    assert (c.holder, c.attitude, c.content) == ("Gill Rosenberg", "say", "She's Safe")  # she fears nothing
    assert headline_hedged(claim("Woman feared kidnapped by ISIS"), "Woman feared kidnapped by ISIS")


@pytest.mark.parametrize("headline, holder, attitude, attitude_text, content", [
    # a colon shape's attitude word is the colon itself (PolNeAR's cue there), and it wins over a verb inside the
    # quotation: Varga says "I believe …", not "I" believes
    ("Varga: I Still Believe Brandt Can End the Strike", "Elena Varga", "says", ":", "I Still Believe Brandt Can End the Strike"),
    ("Trade Minister Brandt: Talks will resume", "Trade Minister Brandt", "says", ":", "Talks will resume"),
    # a verb of public judgement takes its object as the content, up to a second coordinated verb
    ("Merkel blasts Brandt over the port strike", "Angela Merkel", "blast", "blasts", "Brandt over the port strike"),
    ("Varga Backs Brandt And Denounces the Union", "Elena Varga", "back", "Backs", "Brandt"),
    ("Varga swipes at Brandt over strike", "Elena Varga", "swipe", "swipes at", "Brandt over strike"),
    # a quotation keeps its marks; a that-clause keeps its "that"
    ("Varga: ‘We Will Not Give In.’", "Elena Varga", "says", ":", "‘We Will Not Give In.’"),
    ("Merkel acknowledges that the strike hurt trade", "Angela Merkel", "acknowledge", "acknowledges",
     "that the strike hurt trade"),
    # an addressee is not part of what was said
    ("Varga tells voters the strike will end", "Elena Varga", "tell", "tells", "the strike will end"),
    # a speech verb with an object and no clause: the object is what was said
    ("Varga promises action on the strike", "Elena Varga", "promise", "promises", "action on the strike"),
    ("Brandt claims victory in the port dispute", "Tomas Brandt", "claim", "claims", "victory in the port dispute"),
    # a bare verb form after a plural subject
    ("Economists rebuke Brandt proposal", "Economists", "rebuke", "rebuke", "Brandt proposal"),
    # a hedged headline keeps its holder, and its attitude span shows the hedge ("Putin May Be Confident …")
    ("Varga May Be Confident Brandt Can End the Strike", "Elena Varga", "may be confident", "May Be Confident",
     "Brandt Can End the Strike"),
    ("Varga Could Be Worried Brandt Will End the Strike", "Elena Varga", "could be worried", "Could Be Worried",
     "Brandt Will End the Strike"),
    # a reporting passive reports the holder's attitude, as someone unnamed tells it ("Putin Said to Be Confident …")
    ("Varga Said to Be Confident Brandt Can End the Strike", "Elena Varga", "said to be confident",
     "Said to Be Confident", "Brandt Can End the Strike"),
    ("Brandt said to confirm the strike is over", "Tomas Brandt", "said to confirm", "said to confirm",
     "the strike is over"),
    # … and so does an adverb that credits it to others ("Putin Reportedly Confident …")
    ("Varga Reportedly Confident Brandt Can End the Strike", "Elena Varga", "reportedly confident",
     "Reportedly Confident", "Brandt Can End the Strike"),
    ("Varga allegedly confident Brandt can end the strike", "Elena Varga", "allegedly confident",
     "allegedly confident", "Brandt can end the strike"),
    ("Brandt Allegedly Told Aides He Would Resign", "Tomas Brandt", "allegedly tell", "Allegedly Told",
     "He Would Resign"),
    # the cue takes the auxiliaries, negation, infinitive "to" and adverbs before its verb (PolNeAR's cues)
    ("Varga May Not Have Promised A Port Deal", "Elena Varga", "may not promise", "May Not Have Promised", "A Port Deal"),
    ("Varga Might Not Be Confident Brandt Can End the Strike", "Elena Varga", "might not be confident",
     "Might Not Be Confident", "Brandt Can End the Strike"),
    ("Varga Just Dismissed Brandt's Port Plan", "Elena Varga", "dismiss", "Just Dismissed", "Brandt's Port Plan"),
    ("Union to endorse Brandt", "Union", "endorse", "to endorse", "Brandt"),
    # … and a "for" / "on" that introduces what is called for, but not the "to" of "responded to"
    ("Varga Calls On Brandt To Resign", "Elena Varga", "call", "Calls On", "Brandt To Resign"),
    # the content stops where the headline goes on with a clause of its own
    ("Varga Just Revealed Who She Would Pick – It May Surprise You", "Elena Varga", "reveal", "Just Revealed",
     "Who She Would Pick"),
    ("Varga Finally Confirmed A Deal. Is This Brandt's Last Chance?", "Elena Varga", "confirm", "Finally Confirmed",
     "A Deal"),
    ("Varga Confident Brandt Can Repair US–EU Relations", "Elena Varga", "confident", "Confident",
     "Brandt Can Repair US–EU Relations"),  # a dash inside a compound goes on with nothing
    ("Varga Calls For Talks While Brandt Tweets Prayers", "Elena Varga", "call", "Calls For", "Talks"),
    ("Varga Says No To A Deal As Brandt Turns Up The Heat", "Elena Varga", "say", "Says", "No To A Deal"),
    # wanting and naming are attitudes too: the object is what is wanted, or what is called what
    ("Varga Wants Brandt Fired", "Elena Varga", "want", "Wants", "Brandt Fired"),
    ("Union seeks new strike inquiry", "Union", "seek", "seeks", "new strike inquiry"),
    ("Merkel calls Brandt a risk to port safety", "Angela Merkel", "call", "calls", "Brandt a risk to port safety"),
    ("Merkel calls Brandt unqualified", "Angela Merkel", "call", "calls", "Brandt unqualified"),
    ("Varga calls Brandt's plan ‘reckless’, ‘useless.’", "Elena Varga", "call", "calls",
     "Brandt's plan ‘reckless’, ‘useless.’"),  # a list of quoted words goes on past its comma
    # a closing credit or holder frames the whole headline: the outer attribution wins over the inner attitude
    ("Varga Wants Brandt Fired Over Port Strike: Report", "Report", "says", ":", "Varga Wants Brandt Fired Over Port Strike"),
    ("Brandt will back Varga, eventually, former rival says", "former rival", "say", "says",
     "Brandt will back Varga, eventually"),
    # a verb of public judgement: not the setting of the judgement ("With …", "In …", "Amid …")
    ("Merkel Endorses Brandt With Varga's Blessing", "Angela Merkel", "endorse", "Endorses", "Brandt"),
    ("Merkel Slams Brandt And The Union In One Debate Answer", "Angela Merkel", "slam", "Slams",
     "Brandt And The Union"),
])
def test_claim_spans(headline, holder, attitude, attitude_text, content):
    c = claim(headline)
    assert (c.holder, c.attitude) == (holder, attitude)
    assert c.attitude_span is not None and c.attitude_span.text == attitude_text
    assert headline[c.attitude_span.start:c.attitude_span.end] == attitude_text
    assert c.content == content == headline[c.content_span.start:c.content_span.end]


@pytest.mark.parametrize("headline, holder", [
    ("Varga to Dock Workers: The strike will end", "Elena Varga"),  # the addressee is not the speaker
    ("Trade Minister Brandt On Varga: ‘She Will Not Give In.’", "Trade Minister Brandt"),
])
def test_colon_holder_without_addressee(headline, holder):
    c = claim(headline)
    assert (c.holder, c.attitude) == (holder, "says")


@pytest.mark.parametrize("headline, holder", [
    ("WHO says reports of Ebola cases in Iraq are untrue", "WHO"),  # the organisation, not the pronoun
    ("ISIS Border Crisis: DHS Chief Says Terrorists Not Entering US Through Mexico", "DHS Chief"),  # the nearest subject
])
def test_the_speaker_a_first_parse_hides(headline, holder):
    assert (claim(headline).holder, claim(headline).attitude) == (holder, "say")


@pytest.mark.parametrize("headline", [
    "Tesla's first port office said to open in Kessel",  # someone unnamed says it: the office says nothing
    "Apple said to buy six Kessel buildings for $585 million",
    "Brandt thought to be the new union leader",
    "Kessel dock worker believed to be under investigation for theft",
    "Brandt said not to have resigned",
])
def test_a_reporting_passive_credits_nothing_to_its_subject(headline):
    c = claim(headline)
    assert c.holder is None  # not the office, Apple, Brandt or the dock worker
    assert c.attitude in ("said to", "thought to", "believed to")  # the headline hedges a claim it credits to no one
    assert headline[c.attitude_span.start:c.attitude_span.end].startswith(c.attitude.split()[0])
    assert c.content_span.start == 0 and c.content == headline[:c.content_span.end]


@pytest.mark.parametrize("headline, holder", [
    ("Terrorism fears rise amid reports of stolen jetliners", None),  # the fears rise: no one holds them here
    ("Kessel dock workers fear layoffs will follow", "Kessel dock workers"),
    ("Glenn Beck fears Obama will seize guns", "Glenn Beck"),
    ("Mystery dock worker behind the Kessel theft revealed: Former port guard 'made $5m a year'", None),
    ("Identity of Kessel thief revealed: former port guard made $5m a year", None),
    ("Brandt reveals: 'I was never the union leader'", "Tomas Brandt"),  # headlines give the active in the present
    ("Snowmen Declared Anti-Islamic", None),  # the snowmen are declared so; they declare nothing
    ("Kessel Dock Strike Deemed Illegal", None),
    ("Kessel Cleric Declares Snowmen Anti-Islamic", "Kessel Cleric"),
])
def test_a_plural_noun_or_a_bare_passive_holds_no_attitude(headline, holder):
    assert claim(headline).holder == holder


@pytest.mark.parametrize("headline, attitude, cue, target", [
    ("Brandt may resign as union leader", "may", "may", "Tomas Brandt"),
    ("Kessel port reportedly closing next month", "reportedly", "reportedly", "Kessel port"),
    ("Tesla could open a factory in Kessel", "could", "could", "Tesla"),
    ("Brandt Allegedly Took Bribes From Dock Owners", "allegedly", "Allegedly", "Tomas Brandt"),
    ("Brandt likely to resign as union leader", "likely", "likely", "Tomas Brandt"),
    ("Cheese blamed for the outbreak", "blamed for", "blamed for", "Cheese"),  # someone unnamed blames the cheese
    ("Brandt accused of taking bribes", "accused of", "accused of", "Tomas Brandt"),
    ("Kessel dock worker appears to confess in video", "appears to", "appears to", "Kessel dock worker"),
])
def test_a_statement_the_headline_hedges_is_credited_to_no_one(headline, attitude, cue, target):
    c = claim(headline)
    assert (c.holder, c.attitude, c.target) == (None, attitude, target)
    assert c.attitude_span.text == cue and headline[c.attitude_span.start:c.attitude_span.end] == cue
    assert c.content == headline and c.content_span.start == 0  # the whole statement, hedge and all
    assert c.holder_span is None and c.on_record_support == []


@pytest.mark.parametrize("headline, attitude, cue, content", [
    # headlinese's reporting passive without "to be": the subject is reported on, not reporting
    ("Kessel port chief said identified as the thief", "said", "said", None),
    ("Union leader believed killed in Kessel blast", "believed", "believed", None),
    # a passive without its auxiliary, hedged, after a label: the parse hangs it on the noun phrase before it
    ("URGENT: Union leader Tomas Brandt allegedly arrested by police", "allegedly", "allegedly",
     "Union leader Tomas Brandt allegedly arrested by police"),
    ("UPDATE: Kessel Port Crane Reportedly Stolen By Dock Workers", "reportedly", "Reportedly",
     "Kessel Port Crane Reportedly Stolen By Dock Workers"),
    ("HORROR: Dock Workers Have Reportedly Walked Out", "reportedly", "Reportedly",  # a label in capitals, no speaker
     "Dock Workers Have Reportedly Walked Out"),
    ("Video Purports To Show Brandt Taking Bribes", "purports to", "Purports To", None),  # title case read as a noun
    ("Kessel dock union blamed for raids despite truce", "blamed for", "blamed for", None),  # parsed as active
    ("Unverified video shows Brandt taking bribes", "unverified", "Unverified", None),
    ("Fears Brandt kidnapped by smugglers in Kessel", "fears", "Fears", "Brandt kidnapped by smugglers in Kessel"),
    ("Wildest Kessel port rumor yet: Tesla to buy the docks", "rumor", "rumor", "Tesla to buy the docks"),
    ("Strike questions are likely to dominate the vote", "likely", "likely", None),  # "questions" is no verb
    ("SMUGGLERS REPORTEDLY USE TUNNELS IN KESSEL", "reportedly", "REPORTEDLY", None),  # capitals, read as a noun
    ("Brandt's standing among dock workers looks to be weakening", "looks to", "looks to", None),
    ("Kessel Port Update: Possible Chemical Leak At The Docks", "possible", "Possible",
     "Possible Chemical Leak At The Docks"),  # a verbless claim after its label
    ("Kessel port crane rumored to be priced at $1200: Will you buy?", "rumored to", "rumored to",
     "Kessel port crane rumored to be priced at $1200"),  # the question only follows the claim
])
def test_headlinese_hedges_credit_the_claim_to_no_one(headline, attitude, cue, content):
    c = claim(headline)
    assert (c.holder, c.attitude, c.attitude_span.text) == (None, attitude, cue)
    assert c.content == (content or headline)
    assert headline_hedged(c, headline)


@pytest.mark.parametrize("headline", ["Fears grow over missing dock worker", "Claims of bribery at Kessel port",
                                      "Brandt claims were false, union finds",
                                      "Possible suspect in Kessel port theft dies",  # "possible" only describes him
                                      "Brandt looks to buy the Kessel docks"])  # an intention, not a hedge
def test_a_hearsay_noun_that_is_no_opener_hedges_nothing(headline):
    c = claim(headline)
    assert not headline_hedged(c, headline) and c.attitude != "claim"


def test_words_in_capitals_before_a_colon_speak_when_the_body_names_them():
    assert claim("TESLA: We will open a factory in Kessel").holder == "Tesla"  # the body names Tesla
    assert claim("HORROR: We will open a factory in Kessel").holder is None  # a label


@pytest.mark.parametrize("headline, content", [
    ("[Rumor] Apple to buy a Kessel start-up", "Apple to buy a Kessel start-up"),
    ("Rumor: Apple to buy a Kessel start-up", "Apple to buy a Kessel start-up"),
    ("Apple to buy a Kessel start-up: Rumor", "Apple to buy a Kessel start-up"),
    ("Apple to buy a Kessel start-up (Rumour)", "Apple to buy a Kessel start-up"),
])
def test_a_rumour_tag_hedges_the_claim_it_labels(headline, content):
    c = claim(headline)
    assert (c.holder, c.attitude, c.content) == (None, "rumor", content)
    assert c.attitude_span.text.lower() in ("rumor", "rumour")


@pytest.mark.parametrize("headline", [
    "Port that may close next month hires 200 workers",  # a relative clause: the hedge is not on the claim
    "Police arrest a man believed to be the thief",  # a reduced relative on the object
    "Kessel port 'likely' to hire 200 workers",  # a hedge only inside a quotation
    "Tesla opens a factory in Kessel",  # nothing hedged
    "Rumor mill spins as Brandt resigns",  # a rumour word that is no tag
    "Could Brandt end the port strike?",  # a question claims nothing to hedge
])
def test_a_hedge_off_the_main_claim_makes_no_claim(headline):
    c = claim(headline)
    assert (c.holder, c.attitude, c.content) == (None, None, None)


def test_a_credited_claim_keeps_its_holder_before_a_hedge():
    c = claim("Varga says Brandt may resign")
    assert (c.holder, c.attitude, c.content) == ("Elena Varga", "say", "Brandt may resign")


@pytest.mark.parametrize("headline", ["Dock workers told to end the strike", "Residents urged to leave Kessel",
                                      "Brandt asked to resign by union"])
def test_the_addressee_of_a_passive_request_is_no_holder(headline):
    assert claim(headline).holder is None  # someone unnamed tells them; they say nothing


def test_according_to_in_mid_headline_credits_nothing_to_the_whole():
    c = claim("Port traffic fell, according to the report, but wages rose")
    assert c.holder is None


def test_who_in_a_headline_all_in_capitals_is_the_pronoun():
    assert claim("MAN WHO SAYS THE STRIKE WILL END IS ARRESTED").holder != "WHO"


@pytest.mark.parametrize("headline, holder", [
    ("60% of dock workers say the strike will end", "60% of dock workers"),  # a share names its people
    ("Half of voters want Brandt fired", "Half of voters"),
])
def test_quantity_holder_keeps_its_people(headline, holder):
    assert claim(headline).holder == holder


@pytest.mark.parametrize("headline", [
    "If you really believed Brandt would end the strike, here's a reality check",  # a condition, not a claim
    "Obama calls Merkel",  # a phone call names nothing
    "Port Deal Called 'Rubbish' By Union",  # a passive: the deal is judged
])
def test_no_claim_but_an_attitude_word(headline):
    assert claim(headline).holder is None


@pytest.mark.parametrize("headline", [
    "Dam bursts in northern Italy",
    # a topic before a colon is no speaker, in news more often than a name is
    "Pure Evil: Gunmen attack a school",
    "Port Strike: Trade halts in the north",
    "Varga: Strongwoman or career politician?",  # a question claims nothing
    # judged, not judging: the passive
    "Brandt hailed as hero after the strike",
    # verbs as often physical as verbal
    "Gunmen attack a school in the north",
    # the colon of a quoted title; what a video shows is the author's report of a record, not a speaker's claim
    "Varga’s ‘Port Wars: The Strike Strikes Back’ opens this week",
    "Video shows the dam bursting as workers flee",
    "Party support grows in the north",  # a noun, not "support" the verb
    "Police call off search for missing hiker",
    "Police report three arrests after protest",
    "Apple unveils a new phone",
    "Gunman identified: John Smith",  # a name after a colon is the content, not a credit
    "Port strike ends: Brandt",
    "Breaking: dam bursts in Italy",  # a label before a colon is no credit
])
def test_plain_headlines_have_no_holder(headline):
    c = claim(headline)
    assert c.holder is None and c.attitude is None and c.target is None and c.content is None


def test_title_case_is_undone_for_parsing_but_offsets_kept():
    h = "Varga Confident Brandt Can End the Port Strike"
    t = nlp.truecase_headline(h, BODY + " The strike at the port goes on.")
    assert len(t) == len(h)
    assert t.startswith("Varga confident Brandt can end")


@pytest.mark.parametrize("headline, holder, content", [
    ("Tesla to open a factory in Kessel -- report", "report", "Tesla to open a factory in Kessel"),
    ("Dock workers end the strike in Kessel: Family", "Family", "Dock workers end the strike in Kessel"),
    ("Tesla Will Open a Factory by Late March [Report]", "Report", "Tesla Will Open a Factory by Late March"),
    ("The strike will end this week, says union spokesman", "union spokesman", "The strike will end this week"),
])
def test_a_closing_credit_holds_the_claim(headline, holder, content):
    c = claim(headline)
    assert (c.holder, c.content) == (holder, content)


@pytest.mark.parametrize("headline, holder", [
    ("Luke Somers: British-born photojournalist 'killed by al-Qaeda after failed rescue attempt'", None),
    ("Mohammed Emwazi: Man identified as 'Jihadi John' was 'stopped by MI5' while on safari", None),
    ("Obama: Economy is growing", "Obama"),  # no person described: he speaks
    ("Police: Man arrested after shooting", "Police"),  # a credit, not a person's name
])
def test_a_persons_name_before_a_description_of_a_person_is_the_topic(monkeypatch, headline, holder) -> None:
    assert claim(headline).holder == holder
    if holder is None:
        from onrecord.analyzers import headline as module

        monkeypatch.setattr(module, "TOPIC_LABELS", False)
        assert claim(headline).holder is not None


def test_a_label_before_a_speaker_and_a_bare_passive_hold_no_claim(monkeypatch) -> None:
    from onrecord.analyzers import headline as module

    label = "Bergdahl: Senator Says Jihadists Swapped For U.S. Troop ‘In Touch’ With Al-Qaida Affiliate"
    passive = "Texas Plumber Threatened Over Jihadis Using His Old Truck"
    body = "Bowe Bergdahl exited Taliban captivity. Sen. Lindsey Graham said Thursday that the detainees are in touch."
    assert claim(label, body).holder == "Senator"
    assert claim(passive).holder is None
    assert claim("Obama: Economy is growing").holder == "Obama"  # no speaker after the colon
    monkeypatch.setattr(module, "SPEAKING_RESTS", False)
    monkeypatch.setattr(module, "BARE_PASSIVES", False)
    assert claim(label, body).holder == "Bowe Bergdahl"
    assert claim(passive).holder == "Texas Plumber"


def test_a_nationality_that_modifies_a_name_is_read_with_it_and_one_that_qualifies_a_noun_is_no_target(
        monkeypatch) -> None:
    from onrecord.analyzers import headline as module

    assert claim("Islamic State training pilots to fly MiG fighter planes, says monitoring group").target == (
        "Islamic State")
    assert claim("Saudi cleric condemns snowmen as anti-Islamic").target == "snowmen"
    assert claim("Putin says Russian troops will stay").target == "Russian troops"
    monkeypatch.setattr(module, "NORP_MODIFIERS", False)
    assert claim("Islamic State training pilots to fly MiG fighter planes, says monitoring group").target == "Islamic"
    assert claim("Saudi cleric condemns snowmen as anti-Islamic").target == "anti-Islamic"


def test_a_group_after_a_speakers_colon_is_what_the_speaker_says(monkeypatch) -> None:
    from onrecord.analyzers import headline as module

    headline = "Pat Caddell: Democrat Voters Worried About Hillary Clinton's Health"
    body = "Pollster Pat Caddell said Democratic voters are worried. Caddell spoke on Monday."
    c = claim(headline, body)
    assert (c.holder, c.attitude) == ("Pat Caddell", "says")  # voters are no description of Caddell
    monkeypatch.setattr(module, "SINGULAR_DESCRIPTIONS", False)
    assert claim(headline, body).holder != "Pat Caddell"


def test_a_quoted_nickname_before_a_colon_is_the_topic(monkeypatch) -> None:
    from onrecord.analyzers import headline as module

    headline = "‘Jihadi John’: The Islamic State killer behind the mask is a young Londoner"
    body = "Jihadi John threatened the hostages. He said the strikes must stop. The BBC reported that he grew up in London."
    assert claim(headline, body).holder is None
    assert claim("Obama: Economy is growing").holder == "Obama"  # a name, not quoted, speaks
    monkeypatch.setattr(module, "QUOTED_TOPICS", False)
    assert claim(headline, body).holder is not None
