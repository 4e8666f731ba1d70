"""The verdict's use of attributions: what counts as a denial, and as putting the holder on record."""

from __future__ import annotations

import dataclasses

from onrecord import verdict
from onrecord.report import Attribution, HeadlineClaim, Source, Span, join_names, split_names

CLAIM = HeadlineClaim(holder="Putin", attitude="confident", target="Trump", content="Trump can repair relations")


def attribution(kind: str, source: str, cue: str, content: str, hedged: bool = False) -> Attribution:
    return Attribution(kind, hedged, Source(source, 0, len(source), "named_person", source),
                       Span(cue, 10, 10 + len(cue)), Span(content, 30, 30 + len(content)))


PLAIN = HeadlineClaim(content="Trump can repair relations")  # a plain statement: no holder


def test_a_denial_is_speech_not_an_attitude() -> None:
    said = attribution("indirect", "Kremlin", "denied", "that Trump can repair relations")
    attitude = attribution("belief", "Trump's rhetoric", "often contradicted", "that Trump can repair relations")
    assert verdict.denials("Trump can repair relations", PLAIN, [said, attitude], []) == ([0], [])


def test_a_named_holders_claim_is_contradicted_only_by_the_holders_denial() -> None:
    # "Putin confident …": the Kremlin denying that Trump can repair relations does not make it untrue that Putin is
    # confident of it; Putin's own denial does
    kremlin = attribution("indirect", "Kremlin", "denied", "that Trump can repair relations")
    putin = attribution("indirect", "Vladimir Putin", "denied", "that Trump can repair relations")
    assert verdict.denials("Putin confident Trump can repair relations", CLAIM, [kremlin, putin], []) == ([1], [0])
    # an unnamed credit ("Report: …") is judged as a plain statement: anyone's denial contradicts it
    report = HeadlineClaim(holder="Report", attitude="says", content="Trump can repair relations")
    assert verdict.denials("Report: Trump can repair relations", report, [kremlin], []) == ([0], [])


def test_a_negated_or_refused_denial_is_no_denial() -> None:
    # read from the parse: the analyzer sets the attribution's ``negated``, the verdict reads it
    from onrecord import nlp
    from onrecord.analyzers import attribution as analyzer
    from onrecord.article import Article

    for text, is_denial in (("An Amazon spokeswoman neither confirmed nor denied the rumor.", False),
                            ("The company didn't deny the rumor.", False),
                            ("The company declined to confirm or deny the rumor.", False),
                            ("No one has denied the rumor.", False),
                            ("The company was asked to confirm or deny the rumor.", False),
                            ("Paler Lin, however, adamantly denied the rumor.", True),
                            ("The official, who did not give his name, denied the rumor.", True)):
        doc = nlp.parse(Article(headline="A rumor", body=text))
        denial = [a for a in analyzer.analyze(doc) if a.cue.text.split()[-1] in ("denied", "deny")]
        assert len(denial) <= 1 and any(verdict.denies(a, doc.sentences) for a in denial) is is_denial, text
    hedged = attribution("indirect", "The company", "denied", "the rumor", hedged=True)  # "may have denied"
    assert not verdict.denies(hedged, []) and verdict.denies(attribution("indirect", "The company", "denied", "it"), [])
    negated = dataclasses.replace(attribution("indirect", "The company", "denied", "it"), negated=True)
    assert not verdict.denies(negated, [])


def test_a_headline_that_debunks_the_story_is_not_contradicted_by_a_denial() -> None:
    # "Macaulay Culkin NOT Dead": the actor's representatives denying the death reports agree with it
    denial = attribution("indirect", "his representatives", "denied", "the reports that Macaulay Culkin is dead")
    for headline, counted in (("Macaulay Culkin NOT Dead", False), ("Macaulay Culkin death hoax goes viral", False),
                              ("Macaulay Culkin is dead", True)):
        claim = HeadlineClaim(content=headline)
        assert verdict.denials(headline, claim, [denial], []) == (([0], []) if counted else ([], [])), headline


def test_only_unhedged_speech_by_the_holder_puts_him_on_record() -> None:
    atts = [attribution("belief", "Putin", "expressed admiration for", "Trump can repair relations"),
            attribution("indirect", "Putin", "said", "Trump can repair relations", hedged=True),
            attribution("indirect", "Lavrov", "said", "Trump can repair relations"),
            attribution("direct_quote", "Putin", "said", "“Trump can repair relations”")]
    assert verdict.on_record_support(CLAIM, atts, []) == [3]


def test_a_denial_puts_no_one_on_record_behind_an_affirmative_claim() -> None:
    # "Putin has denied that Trump can repair relations" is not Putin backing "Putin confident Trump can …",
    # whatever words come before the denial verb; it backs only "Putin denies …"
    for cue in ("denied", "has denied", "flatly rejected"):
        denial = attribution("indirect", "Putin", cue, "that Trump can repair relations")
        assert verdict.on_record_support(CLAIM, [denial], []) == [], cue
        denies = HeadlineClaim(holder="Putin", attitude="deny", content="Trump can repair relations")
        assert verdict.on_record_support(denies, [denial], []) == [0], cue


def test_an_unnamed_holder_must_be_backed_beyond_the_claims_subject() -> None:
    # "Apple Watch Edition could use platinum: Report" — any "the report" of the body matches the holder "Report",
    # so sharing only the subject's words ("Apple Watch") does not put it on record; the predicate must show
    claim = HeadlineClaim(holder="Report", attitude="says", target="Apple Watch Edition",
                          content="Apple Watch Edition could use platinum")
    subject_only = attribution("indirect", "The report", "claims", "that Apple Watch Edition stores take bookings")
    predicate = attribution("indirect", "The report", "adds", "that the Apple Watch Edition may use platinum")
    assert verdict.on_record_support(claim, [subject_only, predicate], []) == [1]
    # a named holder keeps the plain test: a third of the claim's key words
    named = HeadlineClaim(holder="Tim Cook", attitude="says", target="Apple Watch Edition",
                          content="Apple Watch Edition could use platinum")
    cook = attribution("indirect", "Tim Cook", "said", "that Apple Watch Edition stores take bookings")
    assert verdict.on_record_support(named, [cook], []) == [0]


def test_an_unnamed_credit_not_on_record_leaves_the_claim_to_the_stance() -> None:
    from types import SimpleNamespace

    from onrecord.report import Stance

    doc = SimpleNamespace(headline_text="Report: Brandt can end the strike")
    agree = Stance("agree", {"agree": 0.8, "disagree": 0.05, "discuss": 0.1, "unrelated": 0.05})
    unnamed = HeadlineClaim(holder="Report", attitude="says", target="Brandt", content="Brandt can end the strike")
    assert verdict.decide(doc, unnamed, agree, [], []).label == "supported"  # the body asserts it
    named = HeadlineClaim(holder="Varga", attitude="says", target="Brandt", content="Brandt can end the strike")
    assert verdict.decide(doc, named, agree, [], []).label == "unsupported"  # Varga is never quoted


def test_an_unnamed_holder_is_backed_by_the_predicate_not_a_lead_in() -> None:
    # "Forget 18-karat gold, Apple Watch Edition could use platinum: Report": "gold" comes before the subject
    headline = "Forget 18-karat gold, Apple Watch Edition could use platinum"
    claim = HeadlineClaim(holder="Report", attitude="says", target="Apple Watch Edition", content=headline,
                          target_span=Span("Apple Watch Edition", 22, 41), content_span=Span(headline, 0, len(headline)))
    gold = attribution("indirect", "The report", "adds", "that the Apple Watch Edition will have scratch-resistant gold")
    platinum = attribution("indirect", "The report", "adds", "that the Apple Watch Edition may use platinum")
    assert verdict.on_record_support(claim, [gold, platinum], []) == [1]


def test_qualified_credits_stay_unnamed_and_a_named_body_does_not() -> None:
    for holder in ("Report", "Unconfirmed reports", "Senior US officials", "Anonymous sources", "Local media", "US", "I"):
        assert verdict._unnamed(holder), holder
    for holder in ("Pentagon officials", "Varga", "Senior Varga", "New"):  # a name, or no credit word at all
        assert not verdict._unnamed(holder), holder
    for holder in ("Officials", "Experts", "Witnesses", "Insiders"):  # plural credits, as the key words spell them
        assert verdict._unnamed(holder), holder


def test_a_negated_confidence_is_not_contradicted_by_a_denial() -> None:
    # "Putin (May) Not Be Confident …": a body's denial agrees with the headline rather than contradicting it
    from types import SimpleNamespace

    from onrecord.report import Stance

    discuss = Stance("discuss", {"agree": 0.1, "disagree": 0.05, "discuss": 0.8, "unrelated": 0.05})
    denial = attribution("indirect", "Putin", "denied", "that Trump can repair relations")
    for attitude, contradicted in (("might not be confident", False), ("not confident", False), ("confident", True)):
        doc = SimpleNamespace(headline_text=f"Putin {attitude} Trump can repair relations")
        claim = HeadlineClaim(holder="Putin", attitude=attitude, target="Trump", content="Trump can repair relations")
        label = verdict.decide(doc, claim, discuss, [], [denial]).label
        assert (label == "contradicted") is contradicted, (attitude, label)


def test_another_sources_denial_is_reported_beside_a_named_holders_verdict() -> None:
    from types import SimpleNamespace

    from onrecord.report import Stance

    doc = SimpleNamespace(headline_text="Varga says Brandt can end the strike")
    discuss = Stance("discuss", {"agree": 0.1, "disagree": 0.05, "discuss": 0.8, "unrelated": 0.05})
    claim = HeadlineClaim(holder="Varga", attitude="says", target="Brandt", content="Brandt can end the strike")
    varga = attribution("indirect", "Varga", "said", "that Brandt can end the strike")
    union = attribution("indirect", "The union", "denied", "that Brandt can end the strike")
    v = verdict.decide(doc, claim, discuss, [], [varga, union])
    assert v.label == "supported"  # Varga did say it
    assert v.reasons[-1] == "another source denies the claim itself: The union denied it: “that Brandt can end the strike”"


def test_saying_nothing_puts_no_one_on_record() -> None:
    from types import SimpleNamespace

    from onrecord.report import Stance

    doc = SimpleNamespace(headline_text="Varga says Brandt can end the strike")
    discuss = Stance("discuss", {"agree": 0.1, "disagree": 0.05, "discuss": 0.8, "unrelated": 0.05})
    claim = HeadlineClaim(holder="Varga", attitude="says", target="Brandt", content="Brandt can end the strike")
    silent = [dataclasses.replace(a, negated=True) for a in (  # as the analyzer marks them (test_attribution)
        attribution("indirect", "Varga", "has not commented on", "whether Brandt can end the strike"),
        attribution("indirect", "Varga", "declined to comment on", "whether Brandt can end the strike"),
        attribution("indirect", "Varga", "said", "nothing about whether Brandt can end the strike"))]
    v = verdict.decide(doc, claim, discuss, [], silent)
    assert v.label == "unsupported" and "the body never quotes Varga or reports Varga saying anything" in v.reasons
    said = attribution("indirect", "Varga", "said", "that Brandt can end the strike")
    assert verdict.on_record_support(claim, [*silent, said], []) == [3]
    assert verdict.states(said) and not any(verdict.states(a) for a in silent)


def test_a_headline_that_hedges_its_own_claim_says_so() -> None:
    from types import SimpleNamespace

    from onrecord.report import Stance

    doc = SimpleNamespace(headline_text="Putin May Be Confident Trump Can Repair Relations")
    discuss = Stance("discuss", {"agree": 0.1, "disagree": 0.05, "discuss": 0.8, "unrelated": 0.05})
    hedged = HeadlineClaim(holder="Putin", attitude="may be confident", target="Trump", content="Trump can repair relations")
    v = verdict.decide(doc, hedged, discuss, [], [])
    assert v.label == "unsupported" and v.reasons[0] == "the headline itself hedges the claim: Putin may be confident"
    plain = verdict.decide(doc, CLAIM, discuss, [], [])
    assert not any("hedges the claim" in r for r in plain.reasons)
    reported = HeadlineClaim(holder="Putin", attitude="said to be confident", target="Trump", content="Trump can repair relations")
    v = verdict.decide(doc, reported, discuss, [], [])
    assert v.reasons[0] == "the headline itself hedges the claim: Putin said to be confident"
    reported = HeadlineClaim(holder="Putin", attitude="reportedly confident", target="Trump", content="Trump can repair relations")
    assert verdict.decide(doc, reported, discuss, [], []).reasons[0] == (
        "the headline itself hedges the claim: Putin reportedly confident")


def test_a_hedged_claim_credited_to_no_one_says_so_and_keeps_the_stance_rules() -> None:
    from types import SimpleNamespace

    from onrecord.report import Stance

    doc = SimpleNamespace(headline_text="Brandt reportedly ending the strike")
    claim = HeadlineClaim(attitude="reportedly", target="Brandt", content="Brandt reportedly ending the strike")
    discuss = Stance("discuss", {"agree": 0.1, "disagree": 0.05, "discuss": 0.8, "unrelated": 0.05})
    v = verdict.decide(doc, claim, discuss, [], [])
    assert (v.label, v.confidence) == ("unsupported", 0.8)
    assert v.reasons[0] == "the headline itself hedges the claim and credits it to no one: reportedly"
    agree = Stance("agree", {"agree": 0.8, "disagree": 0.05, "discuss": 0.1, "unrelated": 0.05})
    v = verdict.decide(doc, claim, agree, [], [])
    assert v.label == "supported" and v.reasons[0].endswith(": reportedly")  # the body asserts what it hedges
    rumour = dataclasses.replace(claim, attitude="rumor")
    assert verdict.decide(doc, rumour, discuss, [], []).reasons[0].endswith(": rumor")
    plain = HeadlineClaim()  # a plain statement: no hedge named
    assert not any("hedges" in r for r in verdict.decide(doc, plain, discuss, [], []).reasons)


def test_an_acronym_holder_is_the_body_source_it_abbreviates() -> None:
    claim = HeadlineClaim(holder="DHS", attitude="says", target="the border wall",
                          content="the border wall will be finished by May")
    atts = [attribution("indirect", "a Central Intelligence Agency spokesperson", "said",
                        "that the border wall will be finished by May"),
            attribution("indirect", "a Department of Homeland Security spokesperson", "said",
                        "that the border wall will be finished by May")]
    assert verdict.on_record_support(claim, atts, []) == [1]
    assert verdict.same_person("Federal Bureau of Investigation", "FBI director")
    assert not verdict.same_person("FBI", "the Food and Drug Administration")


def test_a_weighted_disagree_alone_does_not_contradict(monkeypatch) -> None:
    """The stance model weighs disagree above its probability, so a body can read "disagree" at p=0.25 while
    "discuss" has 0.34: that alone leaves the verdict unsupported, saying why; with a source's denial, or with
    disagreement the most probable stance, the body contradicts the headline."""
    from types import SimpleNamespace

    from onrecord.report import Stance

    doc = SimpleNamespace(headline_text="Brandt will end the strike")
    claim = HeadlineClaim(holder=None, attitude=None, target=None, content="Brandt will end the strike")
    weighed = Stance("disagree", {"agree": 0.2, "disagree": 0.25, "discuss": 0.34, "unrelated": 0.21})
    v = verdict.decide(doc, claim, weighed, [], [])
    assert v.label == "unsupported" and v.confidence == 0.59
    assert v.reasons[0].startswith("the stance model is torn: it leans to disagreement (p=0.25)")
    assert "discuss is more probable (p=0.34)" in v.reasons[0]
    denial = attribution("indirect", "The union", "denied", "that Brandt will end the strike")
    v = verdict.decide(doc, claim, weighed, [], [denial])
    assert v.label == "contradicted" and "chosen over discuss (p=0.34)" in v.reasons[0]
    plain = Stance("disagree", {"agree": 0.1, "disagree": 0.7, "discuss": 0.15, "unrelated": 0.05})
    v = verdict.decide(doc, claim, plain, [], [])
    assert v.label == "contradicted" and "chosen over" not in v.reasons[0]
    monkeypatch.setattr(verdict, "WEIGHTED_DISAGREE_CONTRADICTS", True)  # the rule until session 22
    assert verdict.decide(doc, claim, weighed, [], []).label == "contradicted"


def test_a_coordinated_holder_is_on_record_when_any_of_its_names_is() -> None:
    def by(name: str) -> Attribution:
        return Attribution("indirect", False, Source(name, 0, len(name), "named_person", name), Span("said", 0, 4),
                           Span("that the bridge opens", 5, 26))

    assert split_names("Barack Obama and Hillary Clinton") == ["Barack Obama", "Hillary Clinton"]
    assert split_names("Putin, Xi and Modi") == ["Putin", "Xi", "Modi"]
    assert split_names("Johnson & Johnson") == ["Johnson & Johnson"]
    assert join_names(["Putin", "Xi", "Modi"]) == "Putin, Xi and Modi"
    assert verdict.is_holder(by("Hillary Clinton"), "Barack Obama and Hillary Clinton")
    assert verdict.is_holder(by("Barack Obama"), "Barack Obama and Hillary Clinton")
    assert not verdict.is_holder(by("Donald Trump"), "Barack Obama and Hillary Clinton")
    from onrecord import nlp
    from onrecord.article import Article
    from onrecord.audit import audit_document

    doc = nlp.parse(Article(headline="Obama and Clinton say the bridge opens",
                            body="Barack Obama spoke. Hillary Clinton said that the bridge opens."))
    v = audit_document(doc).verdict
    assert v.label == "supported" and v.reasons[0].startswith("the body puts Hillary Clinton on record")


def test_a_title_holder_is_the_named_source_with_that_title() -> None:
    def titled(text: str, resolved: str, kind: str = "named_person") -> Attribution:
        return Attribution("indirect", False, Source(text, 0, len(text), kind, resolved), Span("said", 0, 4),
                           Span("that the bridge opens", 5, 26))

    mayor = titled("Mayor Jane Cole", "Jane Cole")
    assert verdict.is_holder(mayor, "Mayor") and verdict.is_holder(mayor, "Mayor Cole")
    assert verdict.is_holder(mayor, "Jane Cole") and not verdict.is_holder(mayor, "Governor")
    assert verdict.is_holder(titled("the mayor", "Jane Cole", "description"), "Mayor")
    # a two-word title is not the one-word title; a title is no name of its own
    assert not verdict.is_holder(titled("Vice President Joe Biden", "Joe Biden"), "President")
    assert not verdict.is_holder(titled("Mayor Jane Cole", "Jane Cole", "pronoun"), "Mayor")
    both = titled("Trump and Clinton", "Donald Trump")
    assert not verdict.is_holder(both, "Hillary Rodham Clinton")
    both.source.others = ["Hillary Clinton"]  # "Trump and Clinton point out …" credits Clinton too
    assert verdict.is_holder(both, "Hillary Rodham Clinton") and verdict.is_holder(both, "Trump")
    claim = HeadlineClaim(holder="Mayor", attitude="says", content="the bridge opens")
    assert verdict.on_record_support(claim, [mayor], []) == [0]


def test_a_denial_is_never_shown_as_the_evidence_of_support() -> None:
    from types import SimpleNamespace

    from onrecord.report import Sentence, Stance

    headline = "Nun who gave birth after agonising stomach pains had no idea she was pregnant"
    doc = SimpleNamespace(headline_text=headline)
    sentences = [Sentence(0, 0, 47, 'But the abbess denied: "No sister had a child."'),
                 Sentence(1, 48, 90, "The woman gave birth to a boy in March.")]
    denial = Attribution("direct_quote", False, Source("the abbess", 4, 14, "description"), Span("denied:", 15, 22),
                         Span('"No sister had a child."', 23, 46), sentence=0)
    agree = Stance("agree", {"agree": 0.8, "disagree": 0.1, "discuss": 0.05, "unrelated": 0.05}, evidence=[0, 1])
    plain = HeadlineClaim(content=headline)
    v = verdict.decide(doc, plain, agree, sentences, [denial])
    assert v.label == "supported" and not any("abbess" in r for r in v.reasons)
    assert any(r.startswith("evidence: “The woman gave birth") for r in v.reasons)
    only_denial = dataclasses.replace(agree, evidence=[0])
    assert not any(r.startswith("evidence") for r in verdict.decide(doc, plain, only_denial, sentences, [denial]).reasons)


def test_the_speculation_reason_names_the_bodys_own_hedge_cues() -> None:
    from onrecord.report import Hedge, Sentence
    from onrecord.verdict import _hedged_by

    def sent(i: int, *cues: str) -> Sentence:
        return Sentence(i, 0, 1, "x", speculative=bool(cues), hedges=[Hedge(c, 0, 1, "epistemic") for c in cues])

    assert _hedged_by([sent(0, "reportedly"), sent(1, "If", "may"), sent(2), sent(3, "may")]) == (
        " (hedged by may, reportedly, if)")
    assert _hedged_by([sent(0, "a"), sent(1, "b"), sent(2, "c"), sent(3, "d")]) == " (hedged by a, b, c …)"
    assert _hedged_by([sent(0), sent(1)]) == ""  # no speculative sentence: no list of words it does not hold


def test_a_country_holder_is_the_voice_of_its_state() -> None:
    claim = HeadlineClaim(holder="Nigeria", attitude="claim", target="Boko Haram",
                          content="deal with Boko Haram on ceasefire")
    atts = [attribution("indirect", "a Nigerian farmer", "said", "there is a ceasefire deal with Boko Haram"),
            attribution("indirect", "The Nigerian military", "says", "it has reached a ceasefire deal with Boko Haram")]
    assert verdict.on_record_support(claim, atts, []) == [1]  # the military speaks for Nigeria; a farmer does not
    assert verdict.is_holder(attribution("indirect", "Iran's foreign ministry", "said", "x"), "Iran")
    assert not verdict.is_holder(attribution("indirect", "Iraqi officials", "said", "x"), "Iran")  # not a demonym of it
    assert not verdict.is_holder(attribution("indirect", "the military", "said", "x"), "Nigeria")


def test_a_hedged_claim_the_body_reports_on_someones_word_is_supported(monkeypatch) -> None:
    from types import SimpleNamespace

    from onrecord.report import Stance

    doc = SimpleNamespace(headline_text="Seth Rogen may play Steve Wozniak for $1,200")
    claim = HeadlineClaim(attitude="may", target="Seth Rogen", content="Seth Rogen may play Steve Wozniak for $1,200")
    discuss = Stance("discuss", {"agree": 0.1, "disagree": 0.05, "discuss": 0.8, "unrelated": 0.05})
    thr = attribution("indirect", "the Hollywood Reporter", "according to",
                      "Seth Rogen is in early talks to play Steve Wozniak for $1,200")
    v = verdict.decide(doc, claim, discuss, [], [thr])
    assert (v.label, v.confidence) == ("supported", 0.9)
    assert v.reasons[1].startswith("the body reports the claim as the headline does, credited to the Hollywood Reporter")
    # a report of another sum, a negated one, the author's own guess or a report of the subject alone back nothing
    other = attribution("indirect", "the Hollywood Reporter", "according to", "Seth Rogen will play Steve Wozniak for $349")
    author = dataclasses.replace(thr, source=Source("we", 0, 2, "author"))
    for att in (other, dataclasses.replace(thr, negated=True), author):
        assert verdict.decide(doc, claim, discuss, [], [att]).label == "unsupported"
    # without a number, a word of what the claim says about its subject must be there too
    wozniak = HeadlineClaim(attitude="may", target="Seth Rogen", content="Seth Rogen may play Steve Wozniak")
    seen = attribution("indirect", "Variety", "reports", "Seth Rogen was seen in Paris")
    assert verdict.decide(doc, wozniak, discuss, [], [seen]).label == "unsupported"
    talks = attribution("indirect", "Variety", "reports", "Seth Rogen is in talks to play Steve Wozniak")
    assert verdict.decide(doc, wozniak, discuss, [], [talks]).label == "supported"
    # a stance labelled disagree only by its decision weight, discuss its most probable, is read as discuss
    torn = Stance("disagree", {"agree": 0.26, "disagree": 0.26, "discuss": 0.47, "unrelated": 0.01})
    v = verdict.decide(doc, claim, torn, [], [thr])
    assert v.label == "supported" and v.reasons[1].startswith("the stance model is torn")
    monkeypatch.setattr(verdict, "TORN_REPORTED", False)
    assert verdict.decide(doc, claim, torn, [], [thr]).label == "unsupported"
    monkeypatch.setattr(verdict, "HEDGED_CLAIM_REPORTED", False)
    assert verdict.decide(doc, claim, discuss, [], [thr]).label == "unsupported"


def test_a_description_resolved_to_a_name_is_still_the_holder_its_words_describe() -> None:
    cleric = attribution("indirect", "A prominent Saudi Arabian cleric", "condemned", "snowmen as anti-Islamic")
    cleric = dataclasses.replace(cleric, source=dataclasses.replace(cleric.source, kind="description",
                                                                    resolved="Mohammed Saleh al-Munajjid"))
    assert verdict.is_holder(cleric, "Saudi cleric")
    assert verdict.is_holder(cleric, "Mohammed Saleh al-Munajjid")
    assert not verdict.is_holder(cleric, "Saudi king")


def _discuss():
    from onrecord.report import Stance

    return Stance("discuss", {"agree": 0.1, "disagree": 0.05, "discuss": 0.8, "unrelated": 0.05})


def _sentences(*texts: str, speculative: tuple[int, ...] = ()):
    from onrecord.report import Sentence

    out, at = [], 0
    for i, t in enumerate(texts):
        out.append(Sentence(i, at, at + len(t), t, speculative=i in speculative))
        at += len(t) + 1
    return out


def test_a_plain_headline_a_named_source_confirms_is_supported(monkeypatch) -> None:
    from types import SimpleNamespace

    doc = SimpleNamespace(headline_text="Sugarhill Gang rapper Big Bank Hank dies")
    plain = HeadlineClaim()
    sents = _sentences("Big Bank Hank has died, his manager said.", "He was 57.")
    manager = dataclasses.replace(attribution("indirect", "David Mallie", "confirmed",
                                              "that Sugarhill Gang rapper Big Bank Hank died"), sentence=0)
    v = verdict.decide(doc, plain, _discuss(), sents, [manager])
    assert v.label == "supported" and "credited to David Mallie" in v.reasons[0]
    # unnamed sources, a hedged sentence, a report of half the story or of the opposite back no plain headline
    anon = dataclasses.replace(manager, source=Source("friends", 0, 7, "anonymous"))
    hedged = _sentences("Big Bank Hank may have died, his manager said.", "He was 57.", speculative=(0,))
    half = dataclasses.replace(manager, content=Span("that the rapper was ill", 30, 53))
    assert verdict.decide(doc, plain, _discuss(), sents, [anon]).label == "unsupported"
    assert verdict.decide(doc, plain, _discuss(), hedged, [manager]).label == "unsupported"
    assert verdict.decide(doc, plain, _discuss(), sents, [half]).label == "unsupported"
    quits = SimpleNamespace(headline_text="Christian Bale will not play Steve Jobs")
    talks = dataclasses.replace(manager, content=Span("Christian Bale is in talks to play Steve Jobs", 30, 75))
    assert verdict.decide(quits, plain, _discuss(), sents, [talks]).label == "unsupported"
    monkeypatch.setattr(verdict, "NAMED_REPORTS", False)
    assert verdict.decide(doc, plain, _discuss(), sents, [manager]).label == "unsupported"


def test_a_plain_headline_the_body_states_in_its_own_voice_is_supported(monkeypatch) -> None:
    from types import SimpleNamespace

    doc = SimpleNamespace(headline_text="Police find mass graves near missing students' town")
    sents = _sentences("Police in the town have found mass graves near where the students went missing.",
                       "It is not known who is buried there.")
    v = verdict.decide(doc, HeadlineClaim(), _discuss(), sents, [])
    assert v.label == "supported" and v.reasons[0].startswith("the body states the claim in its own voice")
    # not when that sentence is credited to someone, hedged, or when the headline negates what the body states
    credited = dataclasses.replace(attribution("indirect", "El Proceso", "reported", "x"), sentence=0)
    assert verdict.decide(doc, HeadlineClaim(), _discuss(), sents, [credited]).label == "unsupported"
    hedged = _sentences(sents[0].text, sents[1].text, speculative=(0,))
    assert verdict.decide(doc, HeadlineClaim(), _discuss(), hedged, []).label == "unsupported"
    negated = SimpleNamespace(headline_text="Police did not find mass graves near missing students' town")
    assert verdict.decide(negated, HeadlineClaim(), _discuss(), sents, []).label == "unsupported"
    monkeypatch.setattr(verdict, "AUTHOR_ASSERTS", False)
    assert verdict.decide(doc, HeadlineClaim(), _discuss(), sents, []).label == "unsupported"


def test_an_unnamed_credit_or_a_question_is_supported_by_the_report_it_promises(monkeypatch) -> None:
    from types import SimpleNamespace

    post = attribution("indirect", "the New York Post's Page Six", "reported",
                       "that Tom Brokaw wants Brian Williams fired")
    report = HeadlineClaim(holder="Report", attitude="says", content="Tom Brokaw Wants Brian Williams Fired")
    doc = SimpleNamespace(headline_text="Tom Brokaw Wants Brian Williams Fired: Report")
    v = verdict.decide(doc, report, _discuss(), [], [post])
    assert v.label == "supported" and v.reasons[0] == "the headline credits the claim to an unnamed Report"
    asked = SimpleNamespace(headline_text="Does Tom Brokaw want Brian Williams fired?")
    v = verdict.decide(asked, HeadlineClaim(), _discuss(), [], [post])
    assert v.label == "supported" and v.reasons[0] == "the headline asks whether the claim is so"
    monkeypatch.setattr(verdict, "UNNAMED_CREDIT_REPORTED", False)
    monkeypatch.setattr(verdict, "QUESTION_REPORTED", False)
    monkeypatch.setattr(verdict, "NAMED_REPORTS", False)
    assert verdict.decide(doc, report, _discuss(), [], [post]).label == "unsupported"
    assert verdict.decide(asked, HeadlineClaim(), _discuss(), [], [post]).label == "unsupported"


def test_a_body_that_calls_the_story_false_contradicts_it_when_switched_on(monkeypatch) -> None:
    from types import SimpleNamespace

    monkeypatch.setattr(verdict, "BODY_REFUTES", True)  # measured, not shipped (BENCHMARKS.md)
    doc = SimpleNamespace(headline_text="Batmobile reportedly stolen in Detroit")
    claim = HeadlineClaim(attitude="reportedly", content="Batmobile reportedly stolen in Detroit")
    false = _sentences("The rumor of the stolen Batmobile has since been debunked.", "It is safe.")
    v = verdict.decide(doc, claim, _discuss(), false, [])
    assert v.label == "contradicted" and v.reasons[-1].startswith("the body says the claim is false")
    # a doubt, a denial of the falsehood, or a falsehood that is not this story's is no refutation
    for text in ("The rumor of the stolen Batmobile may be a hoax.", "The report of the stolen Batmobile is no hoax.",
                 "The Batmobile was stolen in Detroit under false pretences."):
        assert verdict.decide(doc, claim, _discuss(), _sentences(text), []).label != "contradicted", text
    # a headline that calls the story false itself is backed by such a body
    debunk = SimpleNamespace(headline_text="Batmobile stolen in Detroit? No, the story is a hoax")
    assert verdict.decide(debunk, HeadlineClaim(), _discuss(), false, []).label == "supported"
    monkeypatch.setattr(verdict, "BODY_REFUTES", False)
    assert verdict.decide(doc, claim, _discuss(), false, []).label != "contradicted"


def _parsed(headline: str, *texts: str):
    """A parsed document (its spaCy headline and body) and its sentences, for the rules that read lemmas."""
    from onrecord import nlp
    from onrecord.article import Article

    return nlp.parse(Article(headline=headline, body=" ".join(texts))), _sentences(*texts)


def test_the_body_states_a_plain_claim_in_other_forms_of_its_words(monkeypatch) -> None:
    doc, sents = _parsed("Clinton wins Puerto Rico amid California fight",
                         "Hillary Clinton won Puerto Rico on Sunday.", "The next primary is in June.")
    v = verdict.decide(doc, HeadlineClaim(), _discuss(), sents, [])
    assert v.label == "supported" and v.reasons[0].startswith("the body states the claim in its own voice")
    # names alone do not state it: what the claim says of them must be there too
    loses, _ = _parsed("Clinton loses Puerto Rico amid California fight", *(s.text for s in sents))
    assert verdict.decide(loses, HeadlineClaim(), _discuss(), sents, []).label == "unsupported"
    # a named source's unhedged sentence states it on the record; an unnamed one's does not
    ap = dataclasses.replace(attribution("indirect", "the AP", "said", "Hillary Clinton won Puerto Rico"), sentence=0)
    ap = dataclasses.replace(ap, source=Source("the AP", 0, 6, "named_org", "AP"))
    v = verdict.decide(doc, HeadlineClaim(), _discuss(), sents, [ap])
    assert v.label == "supported" and v.reasons[0].startswith("the body states the claim on AP's word")
    anon = dataclasses.replace(ap, source=Source("aides", 0, 5, "anonymous"))
    assert verdict.decide(doc, HeadlineClaim(), _discuss(), sents, [anon]).label == "unsupported"
    # nor does a sentence an unnamed source's words fill, whichever sentence holds its cue
    quoted = dataclasses.replace(anon, sentence=1, content=Span(sents[0].text, sents[0].start, sents[0].end))
    assert verdict.decide(doc, HeadlineClaim(), _discuss(), sents, [quoted]).label == "unsupported"
    # the key-word test this replaces asks for two thirds of the headline's words as written
    monkeypatch.setattr(verdict, "ASSERTS_BY_LEMMA", False)
    assert verdict.decide(doc, HeadlineClaim(), _discuss(), sents, []).label == "unsupported"


def test_a_record_holder_is_judged_as_the_claim_it_makes(monkeypatch) -> None:
    from types import SimpleNamespace

    from onrecord.report import Stance

    doc = SimpleNamespace(headline_text="Emails reveal Clinton aide coached CNN reporter")
    claim = HeadlineClaim(holder="Emails", attitude="reveal", content="Clinton aide coached CNN reporter")
    agree = Stance("agree", {"agree": 0.7, "disagree": 0.05, "discuss": 0.2, "unrelated": 0.05})
    v = verdict.decide(doc, claim, agree, [], [])
    assert v.label == "supported" and v.reasons[0].startswith("the headline credits the claim to a record (Emails)")
    assert verdict._record("Schlafly's final column") and not verdict._record("Barack Obama")
    monkeypatch.setattr(verdict, "RECORD_HOLDERS", False)
    v = verdict.decide(doc, claim, agree, [], [])
    assert v.label == "unsupported" and v.reasons[0] == "the body never quotes Emails or reports Emails saying anything"


def test_a_holder_named_after_a_title_is_found_by_the_name(monkeypatch) -> None:
    calderon = Attribution("direct_quote", False, Source("Calderon", 0, 8, "named_person", "Felipe Calderon"),
                           Span("told", 9, 13), Span("we are not going to pay for such a stupid wall", 14, 60))
    assert verdict.is_holder(calderon, "Former Mexico leader Calderon")
    assert not verdict.is_holder(calderon, "Former Mexico leader Fox") and not verdict.is_holder(calderon, "former rival")
    monkeypatch.setattr(verdict, "HOLDER_NAME_ALONE", False)
    assert not verdict.is_holder(calderon, "Former Mexico leader Calderon")


def test_a_subhead_after_a_semicolon_is_not_part_of_the_claim(monkeypatch) -> None:
    claim = HeadlineClaim(holder="Khans", attitude="says", target="Trump",
                          content="Trump stirs ugliness; Muslim couple cope with sudden fame in the spotlight")
    khan = attribution("indirect", "Khans", "said", "that Trump stirs hatred")
    assert verdict.on_record_support(claim, [khan], []) == [0]
    monkeypatch.setattr(verdict, "MAIN_PART_ONLY", False)
    assert verdict.on_record_support(claim, [khan], []) == []


def test_a_named_holder_on_record_is_not_contradicted_by_the_stance_alone(monkeypatch) -> None:
    from types import SimpleNamespace

    from onrecord.report import Stance

    doc = SimpleNamespace(headline_text="Obama claims Hillary most qualified candidate ever")
    claim = HeadlineClaim(holder="Obama", attitude="claim", target="Hillary", content="Hillary most qualified candidate ever")
    obama = attribution("direct_quote", "Obama", "said", "there has never been a candidate more qualified than Hillary")
    disagree = Stance("disagree", {"agree": 0.3, "disagree": 0.5, "discuss": 0.15, "unrelated": 0.05})
    v = verdict.decide(doc, claim, disagree, [], [obama])
    assert v.label == "supported" and v.reasons[0].startswith("the body puts Obama on record")
    # the holder's own denial still contradicts
    denial = attribution("indirect", "Obama", "denied", "that Hillary is the most qualified candidate ever")
    assert verdict.decide(doc, claim, disagree, [], [obama, denial]).label == "contradicted"
    monkeypatch.setattr(verdict, "HOLDER_ON_RECORD", False)
    assert verdict.decide(doc, claim, disagree, [], [obama]).label == "contradicted"


def test_a_weighted_disagree_over_a_more_probable_agree_is_decided_as_agree(monkeypatch) -> None:
    from types import SimpleNamespace

    from onrecord.report import Stance

    doc = SimpleNamespace(headline_text="Brandt will end the strike")
    claim = HeadlineClaim(content="Brandt will end the strike")
    leaning = Stance("disagree", {"agree": 0.45, "disagree": 0.3, "discuss": 0.2, "unrelated": 0.05})
    v = verdict.decide(doc, claim, leaning, [], [])
    assert v.label == "supported" and v.confidence == 0.45
    assert v.reasons[0].startswith("the body asserts what the headline says (stance model: agree most probable")
    # a source's denial still contradicts it
    denial = attribution("indirect", "The union", "denied", "that Brandt will end the strike")
    assert verdict.decide(doc, claim, leaning, [], [denial]).label == "contradicted"
    monkeypatch.setattr(verdict, "TORN_AGREES", False)
    v = verdict.decide(doc, claim, leaning, [], [])
    assert v.label == "unsupported" and v.reasons[0].startswith("the stance model is torn")


def test_a_hedge_inside_a_noun_phrase_leaves_the_main_clause_stated(monkeypatch) -> None:
    from onrecord.report import Hedge

    text = "Trump called for the surveillance of mosques, mocking concerns about a potential erosion of liberties."
    doc, sents = _parsed("Trump calls for surveillance of mosques", text, "The next primary is in June.")
    cue = text.index("potential")
    sents[0].speculative, sents[0].hedges = True, [Hedge("potential", cue, cue + 9, "epistemic")]
    v = verdict.decide(doc, HeadlineClaim(), _discuss(), sents, [])
    assert v.label == "supported" and v.reasons[0].startswith("the body states the claim in its own voice")
    # a hedge of the main clause still hedges the claim
    hedged = "Trump could call for the surveillance of mosques, mocking concerns about liberties."
    doc2, sents2 = _parsed("Trump calls for surveillance of mosques", hedged, "The next primary is in June.")
    sents2[0].speculative, sents2[0].hedges = True, [Hedge("could", 6, 11, "epistemic")]
    assert verdict.decide(doc2, HeadlineClaim(), _discuss(), sents2, []).label == "unsupported"
    # the claim's words inside the hedged phrase do not count: "a potential surveillance of mosques"
    inside = "Critics warned about a potential surveillance of mosques by police under Trump."
    doc3, sents3 = _parsed("Trump calls for surveillance of mosques", inside, "The next primary is in June.")
    cue3 = inside.index("potential")
    sents3[0].speculative, sents3[0].hedges = True, [Hedge("potential", cue3, cue3 + 9, "epistemic")]
    assert verdict.decide(doc3, HeadlineClaim(), _discuss(), sents3, []).label == "unsupported"
    monkeypatch.setattr(verdict, "LOCAL_HEDGES", False)
    assert verdict.decide(doc, HeadlineClaim(), _discuss(), sents, []).label == "unsupported"


def test_a_holders_act_the_body_states_is_supported(monkeypatch) -> None:
    headline = "Rick Perry Just Announced His Official Endorsement Of A Candidate"
    doc, sents = _parsed(headline, "Former Texas Gov. Rick Perry announced his endorsement of Sen. Ted Cruz on Sunday.",
                         "Cruz thanked him.")
    start = headline.index("His")
    claim = HeadlineClaim(holder="Rick Perry", attitude="announce", content=headline[start:],
                          holder_span=Span("Rick Perry", 0, 10), attitude_span=Span("Announced", 16, 25),
                          content_span=Span(headline[start:], start, len(headline)))
    v = verdict.decide(doc, claim, _discuss(), sents, [])
    assert v.label == "supported" and v.reasons[0].startswith("the headline reports what Rick Perry did")
    # the body must state the act itself, with its verb
    other, osents = _parsed(headline, "Former Texas Gov. Rick Perry welcomed the endorsement of a candidate on Sunday.",
                            "Cruz thanked him.")
    assert verdict.decide(other, claim, _discuss(), osents, []).label == "unsupported"
    # a denial is no act the body can state ("North Korea denies plans to open a restaurant")
    deny = "North Korea denies plans for a restaurant in Scotland"
    ddoc, dsents = _parsed(deny, "North Korea plans a restaurant in Scotland, a report said.", "It would open soon.")
    dclaim = HeadlineClaim(holder="North Korea", attitude="deny", content=deny[19:], holder_span=Span("North Korea", 0, 11),
                           attitude_span=Span("denies", 12, 18), content_span=Span(deny[19:], 19, len(deny)))
    assert verdict.decide(ddoc, dclaim, _discuss(), dsents, []).label == "unsupported"
    # a clause is a view, which the holder must put on record ("Putin confident Trump can repair ties")
    view = "Putin confident Trump can repair ties"
    vdoc, vsents = _parsed(view, "Putin is confident that Trump can repair ties, the author writes.", "Nothing more.")
    vclaim = HeadlineClaim(holder="Putin", attitude="confident", content=view[16:], holder_span=Span("Putin", 0, 5),
                           attitude_span=Span("confident", 6, 15), content_span=Span(view[16:], 16, len(view)))
    assert verdict.decide(vdoc, vclaim, _discuss(), vsents, []).label == "unsupported"
    monkeypatch.setattr(verdict, "ACTS_AS_CLAIMS", False)
    assert verdict.decide(doc, claim, _discuss(), sents, []).label == "unsupported"


def test_a_hedged_report_of_what_a_question_asks_is_not_called_the_bodys_own_voice() -> None:
    from types import SimpleNamespace

    asked = SimpleNamespace(headline_text="Is this the moment police found the mass graves?")
    sents = _sentences("Police in the town allegedly found mass graves at this moment, a new tape shows.",
                       "It is not known who is buried there.", speculative=(0,))
    v = verdict.decide(asked, HeadlineClaim(), _discuss(), sents, [])
    assert v.label == "supported" and v.reasons[1].startswith("the body reports it, hedged as the headline is")
    plain = _sentences(sents[0].text.replace("allegedly ", ""), sents[1].text)
    v = verdict.decide(asked, HeadlineClaim(), _discuss(), plain, [])
    assert v.reasons[1].startswith("the body states the claim in its own voice")
