"""Entities: the small model's bare "Trump" → ORG error is fixed, and mentions merge under the full name."""

from __future__ import annotations

from onrecord import nlp
from onrecord.analyzers import get
from onrecord.article import Article

BODY = ("Former President Donald Trump met Vladimir Putin in Helsinki. Trump said the talks went well. "
        "Putin's aides agreed. Trump Tower was not mentioned, but Trump's lawyers were there.")


def test_bare_surname_is_a_person_and_full_names_survive():
    doc = nlp.parse(Article("Trump meets Putin", BODY))
    ents = {(e.text, e.label_) for e in doc.body.ents}
    assert ("Donald Trump", "PERSON") in ents and ("Vladimir Putin", "PERSON") in ents
    assert ("Trump", "PERSON") in ents
    assert not any(e.text == "Trump" and e.label_ != "PERSON" for e in doc.body.ents)
    assert [(e.text, e.label_) for e in doc.headline.ents] == [("Trump", "PERSON"), ("Putin", "PERSON")]


def test_mentions_merge_under_the_fullest_name_with_offsets():
    doc = nlp.parse(Article("Trump meets Putin", BODY))
    ents = {e.name: e for e in get("entities")(doc)}
    trump = ents["Donald Trump"]
    assert trump.label == "PERSON" and trump.mentions >= 3
    assert "Trump" not in ents
    for start, end in trump.spans:
        assert "Trump" in BODY[start:end]
    assert ents["Vladimir Putin"].mentions == 2


def test_a_name_tagged_as_a_person_once_is_one_person_entity():
    body = ("Prime Minister Elena Varga spoke on Monday. Varga said the strike would end. Varga also said "
            "that the port would reopen. Trade Minister Tomas Brandt agreed, and Brandt met the union.")
    doc = nlp.parse(Article("Varga trusts Brandt", body))
    raw = {(e.text, e.label_) for e in doc.body.ents}
    ents = get("entities")(doc)
    people = {e.name: e for e in ents if e.label == "PERSON"}
    assert "Elena Varga" in people and "Tomas Brandt" in people
    # every mention of those names, whatever the model's label for it, is under the one person entity
    assert not [e for e in ents if e.name in people and e.label != "PERSON"], raw
    assert (people["Elena Varga"].mentions, people["Tomas Brandt"].mentions) == (3, 2)


def test_a_title_case_heading_with_a_modal_inside_is_no_entity():
    body = ("Prime Minister Elena Varga spoke on Monday about Tomas Brandt.\n\nWhy Varga Might Trust Brandt\n\n"
            "Varga said the strike would end. Theresa May and Will Smith were not there.")
    doc = nlp.parse(Article("Varga trusts Brandt", body))
    heading = [e for e in doc.body.ents if "Might" in e.text]
    ents = get("entities")(doc)
    assert not [e for e in ents if "Might" in e.name], [(e.name, e.label) for e in ents]
    # a modal at either end of a name is part of it
    from onrecord import names
    kept = [e for e in doc.body.ents if e.text.strip() in ("Theresa May", "Will Smith")]
    assert len(kept) == 2 and not any(names.reads_as_clause(e) for e in kept)
    assert {"Theresa May", "Will Smith"} <= {e.name for e in ents}
    assert heading and all(names.reads_as_clause(e) for e in heading)  # the model does tag the heading


def test_a_ministers_portfolio_is_no_organisation():
    body = ("Trade Minister Tomas Brandt met the union on Monday. Defense Secretary Lloyd Austin spoke later. "
            "Apple CEO Tim Cook and the Trade Ministry were not there.")
    doc = nlp.parse(Article("Brandt meets the union", body))
    ents = {e.name: e for e in get("entities")(doc)}
    assert "Trade" not in ents and "Defense" not in ents, ents
    assert "Tomas Brandt" in ents and "Lloyd Austin" in ents
    # a company before a title is still an organisation, and so is a portfolio that names the body itself
    raw = {e.text for e in doc.body.ents}
    assert ("Apple" in ents) == ("Apple" in raw)
    assert ("Trade Ministry" in ents) == ("Trade Ministry" in raw)


def test_a_link_the_ner_swallowed_is_no_part_of_the_name() -> None:
    body = "IS Threatens to Execute Another Briton, Alan Henning http://t.co/GOgalAc1mA\n\nDavid Cameron spoke."
    ents = {e.name: e for e in get("entities")(nlp.parse(Article(headline="h", body=body)))}
    assert "Alan Henning" in ents and not any("http" in name for name in ents)
    (start, end), = ents["Alan Henning"].spans
    assert body[start:end] == "Alan Henning"  # the span ends where the name does


def test_an_abbreviated_rank_does_not_end_the_sentence() -> None:
    doc = nlp.parse(Article(headline="h", body="CNN reported that a detainee swapped for Army Sgt. Bowe Bergdahl has "
                                               "returned to the fight. Officials said more."))
    assert [s.text for s in doc.body.sents][0].endswith("returned to the fight.")


def test_a_name_the_tokenizer_would_read_as_a_contraction_stays_one_word() -> None:
    doc = nlp.parse(Article(headline="h", body="Apple's designer Jony Ive spoke on Wed, saying he believes it."))
    words = [t.text for t in doc.body]
    assert "Ive" in words and "Wed" in words and "I" not in words and "We" not in words


def test_a_surname_with_a_curly_apostrophe_is_part_of_its_person_and_a_person_alone(monkeypatch) -> None:
    body = ("According to an unverified report, Father John Micheal O’Neal, 71, briefly went to heaven. "
            "O’Neal has reportedly said that he will continue.")
    doc = nlp.parse(Article(headline="h", body=body))
    assert [(e.text, e.label_) for e in doc.body.ents if e.label_ == "PERSON"] == [
        ("John Micheal O’Neal", "PERSON"), ("O’Neal", "PERSON")]
    monkeypatch.setattr(nlp, "APOSTROPHE_SURNAMES", False)
    doc = nlp.parse(Article(headline="h", body=body))
    assert [e.text for e in doc.body.ents if e.label_ == "PERSON"] == ["John Micheal"]  # the model's own reading
