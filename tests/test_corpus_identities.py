"""One name for each actor across a corpus: `onrecord.corpus.identities` and the actors export that reads it."""

from __future__ import annotations

from onrecord.corpus.actors import edges, rows
from onrecord.corpus.identities import Identities, name_key


def _report(entities, sources=(), body="", headline="h"):
    """A stored report's fields the actors export reads: entities (name, label) and attributions (source name,
    kind, content)."""
    atts = []
    for name, kind, content in sources:
        start = body.index(content)
        atts.append({"type": "indirect", "hedged": False, "hedge_cues": [],
                     "source": {"text": name, "kind": kind, "resolved": name if kind.startswith("named") else None},
                     "cue": {"text": "said", "start": 0, "end": 4},
                     "content": {"text": content, "start": start, "end": start + len(content)}})
    ents, at = [], {}
    for n, lab in entities:  # the k-th entity of a name is its k-th mention in the body
        i = body.find(n, at.get(n, 0))
        at[n] = i + 1 if i >= 0 else len(body)
        ents.append({"name": n, "label": lab, "spans": [[i, i + len(n)]] if i >= 0 else []})
    return {"headline": headline, "source": None, "published": None, "entities": ents, "attributions": atts}


FIRST_NAMES = {"barack", "michelle", "bill", "hillary", "james", "aaron", "john"}


def _index(*name_label_lists, first_names=FIRST_NAMES):
    return Identities.from_reports([({}, _report(list(ents))) for ents in name_label_lists], first_names)


def test_name_key_drops_case_stops_the_and_possessive():
    assert name_key("The New York Times") == name_key("the New York Times") == "new york times"
    assert name_key("U.S.") == name_key("US") == "us"
    assert name_key("Obama's") == name_key("Obama’s") == "obama"
    assert name_key("ISIS") == name_key("Isis")


def test_a_bare_surname_is_the_one_full_name_that_ends_in_it():
    idx = _index([("Barack Obama", "PERSON")], [("Obama", "PERSON")], [("Obama", "PERSON")])
    assert idx.entity("Obama") == idx.entity("Barack Obama") == "Barack Obama"
    # two people share the surname, each written as often: "Clinton" stays itself
    idx = _index([("Bill Clinton", "PERSON")], [("Hillary Clinton", "PERSON")], [("Clinton", "PERSON")])
    assert idx.entity("Clinton") == "Clinton"
    assert idx.entity("Bill Clinton") == "Bill Clinton" and idx.entity("Hillary Clinton") == "Hillary Clinton"
    # …unless one of them has at least three quarters of the full names' mentions
    idx = _index(*[[("Bill Clinton", "PERSON")]] * 3, [("Hillary Clinton", "PERSON")], [("Clinton", "PERSON")])
    assert idx.entity("Clinton") == "Bill Clinton"


def test_a_first_name_is_not_a_surname():
    # "John" is the first word of a full name in this corpus, so "Jihadi John" does not take it
    idx = _index([("Jihadi John", "PERSON")], [("John Kirby", "PERSON")], [("John", "PERSON")])
    assert idx.entity("John") == "John"


def test_a_surname_that_also_opens_a_few_names_is_still_a_surname() -> None:
    # the recognizer tags "Trump Tower" as a person once; "Trump" ends "Donald Trump" in far more mentions
    trump = [[("Donald Trump", "PERSON")]] * 8 + [[("Trump Tower", "PERSON")], [("Trump", "PERSON")]]
    assert _index(*trump, first_names=FIRST_NAMES | {"donald"}).entity("Trump") == "Donald Trump"
    # as often first as last (a quarter or more): a first name, left alone
    john = [[("John Kirby", "PERSON")], [("Jihadi John", "PERSON")], [("Jihadi John", "PERSON")], [("John", "PERSON")]]
    assert _index(*john).entity("John") == "John"


def test_a_title_the_recognizer_took_in_and_a_middle_name_join_the_full_name():
    idx = _index([("Aaron Sorkin", "PERSON")], [("Aaron Sorkin", "PERSON")], [("Screenwriter Aaron Sorkin", "PERSON")],
                 [("James Foley", "PERSON")], [("James Wright Foley", "PERSON")], [("Foley", "PERSON")])
    assert idx.entity("Screenwriter Aaron Sorkin") == "Aaron Sorkin"   # the most written name of the group
    assert idx.entity("James Foley") == idx.entity("Foley") == idx.entity("James Wright Foley")
    # two middle names compete: "John Smith" joins neither
    idx = _index([("John Smith", "PERSON")], [("John Adam Smith", "PERSON")], [("John Brian Smith", "PERSON")])
    assert idx.entity("John Smith") == "John Smith"


def test_a_surname_inside_a_title_of_words_is_not_taken():
    idx = _index([("the King of Jordan", "PERSON")], [("Jordan", "PERSON")])
    assert idx.entity("Jordan") == "Jordan"


def test_a_surname_joins_only_a_name_that_opens_with_a_first_name():
    lists = ([("Batman V. Superman", "PERSON")], [("Superman", "PERSON")], [("Kurt Sutter", "PERSON")], [("Sutter", "PERSON")])
    idx = _index(*lists)
    assert idx.entity("Superman") == "Superman"          # the recognizer's "person" is a film
    assert idx.entity("Sutter") == "Sutter"              # "Kurt" is in no first-name table here…
    assert _index(*lists, first_names=FIRST_NAMES | {"kurt"}).entity("Sutter") == "Kurt Sutter"
    # …or opens two of the corpus's full names
    assert _index(*lists, [("Kurt Cobain", "PERSON")]).entity("Sutter") == "Kurt Sutter"
    # a full name with no known first name still competes: "Richards" is not the only Richards with one
    idx = _index([("Anne Richards", "PERSON")], [("Cecile Richards", "PERSON")], [("Richards", "PERSON")],
                 first_names={"anne"})
    assert idx.entity("Richards") == "Richards"


def test_a_generation_is_no_surname():
    idx = _index([("John G. Roberts Jr.", "PERSON")], [("John Hinckley Jr.", "PERSON")], [("Roberts", "PERSON")])
    assert idx.entity("John Hinckley Jr.") == "John Hinckley Jr."     # not Roberts: "Jr." is no last name
    assert idx.entity("Roberts") == "John G. Roberts Jr."


def test_no_entity_for_pronouns_descriptions_and_lower_case_tags():
    idx = _index([("Government", "ORG")], [("They", "ORG")], [("the government", "ORG")], [("the White House", "ORG")])
    assert idx.entity("the government") == ""      # written as a common noun
    assert idx.entity("They") == ""                # a pronoun the recognizer tagged
    assert idx.entity("officials") == ""           # never a name in the corpus
    assert idx.entity("The White House") == "White House"
    assert idx.canonical("the company") == "the company"
    assert _index([("U.S.", "GPE")], [("US", "GPE")], [("U.S.", "GPE")]).entity("US") == "U.S."  # "US" is no "us"


def test_the_index_does_not_depend_on_the_order_of_the_articles():
    lists = [[("Barack Obama", "PERSON")], [("Obama", "PERSON")], [("President Barack Obama", "PERSON")],
             [("Michelle Obama", "PERSON")], [("The Pentagon", "ORG")], [("the Pentagon", "ORG")], [("Pentagon", "ORG")]]
    names = ["Obama", "President Barack Obama", "Michelle Obama", "the Pentagon"]
    first = [_index(*lists).entity(n) for n in names]
    assert first == [_index(*reversed(lists)).entity(n) for n in names]
    assert first[1] == "Barack Obama" and first[3] == "Pentagon"
    # two middle-name variants: joined whichever comes first
    lists = [[("John Smith", "PERSON")], [("John A. Smith", "PERSON")], [("John A. B. Smith", "PERSON")]]
    for idx in (_index(*lists), _index(*reversed(lists))):
        assert idx.entity("John Smith") == idx.entity("John A. Smith") == idx.entity("John A. B. Smith")


def test_actor_rows_and_the_network_read_entities():
    body_a = "Barack Obama said ISIS must be stopped."
    body_b = "Obama said Isis is weak. Officials said ISIS is strong. They said ISIS is losing."
    a = _report([("Barack Obama", "PERSON"), ("ISIS", "ORG")], [("Barack Obama", "named_person", "ISIS must be stopped")],
                body_a)
    b = _report([("Obama", "PERSON"), ("Isis", "ORG"), ("ISIS", "ORG"), ("ISIS", "ORG")],
                [("Obama", "named_person", "Isis is weak"), ("Officials", "anonymous", "ISIS is strong"),
                 ("They", "pronoun", "ISIS is losing")], body_b)
    table = list(rows([({"article_id": 1}, a), ({"article_id": 2}, b)]))
    assert [(r["actor"], r["entity"], r["targets"]) for r in table] == [
        ("Barack Obama", "Barack Obama", "ISIS"), ("Obama", "Barack Obama", "ISIS"),
        ("Officials", "", "ISIS"), ("They", "", "ISIS")]
    (edge,) = edges(table)                           # one node for Obama, one for ISIS; no node for "Officials"
    assert (edge["actor"], edge["target"], edge["attributions"], edge["articles"]) == ("Barack Obama", "ISIS", 2, 2)
