"""`onrecord corpus claim`: relevance filter, one vote per outlet, hedging, the denial read as against."""

from __future__ import annotations

import json

from onrecord.cli import main

ROWS = [
    ("Apple will buy Tesla for $75 billion, sources say",
     "Apple is in talks to buy Tesla, people familiar with the matter said. Apple will buy Tesla.", "Wire Feed"),
    ("Apple denies it will buy Tesla",
     "Apple on Monday denied reports that it will buy Tesla. 'We have no plan to buy Tesla,' a spokeswoman said.",
     "Tech Times"),
    ("Apple reportedly in talks to buy Tesla", "Apple may buy Tesla, according to a report.", "Morning Post"),
    ("Apple reportedly in talks to buy Tesla again", "Apple might buy Tesla, a blog claimed.", "Morning Post"),
    ("City council approves new bus lanes in Apple Valley", "The council approved new bus lanes on Tuesday.",
     "Local News"),
]


def _ingest(tmp_path, rows):
    """A store (path) of ``rows`` (JSONL objects), ingested through the CLI."""
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    store = tmp_path / "s.db"
    assert main(["corpus", "ingest", str(src), "--store", str(store), "--no-progress"]) == 0
    return store


def _claim_json(capsys, store, claim="Apple will buy Tesla"):
    """`onrecord corpus claim --format json` on ``store``, parsed."""
    capsys.readouterr()
    assert main(["corpus", "claim", claim, "--store", str(store), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_claim_verdict_by_outlet(tmp_path, capsys):
    store = _ingest(tmp_path, [{"id": str(i), "headline": h, "body": b, "source": s} for i, (h, b, s) in enumerate(ROWS)])
    d = _claim_json(capsys, store)
    outlets = [e["outlet"] for e in d["evidence"]]
    assert sorted(outlets) == ["Morning Post", "Tech Times", "Wire Feed"]      # the bus-lane story is not about it
    assert d["outlets"] == 3 and d["relevant"] == 4
    post = next(e for e in d["evidence"] if e["outlet"] == "Morning Post")
    assert len(post["others"]) == 1                                            # one vote per outlet
    assert post["counted"]["hedged"] and post["weight"] < 1                    # "reportedly" weighs less
    denial = next(e for e in d["evidence"] if e["outlet"] == "Tech Times")["counted"]["stance"]
    assert max(denial, key=denial.get) == "against"
    assert d["label"] in ("corroborated", "refuted", "unverified", "contested")
    assert 0.0 <= d["support"] <= 1.0 and 0.0 <= d["refute"] <= 1.0


def test_actors_export(tmp_path, capsys):
    import csv

    rows = [{"id": "1", "headline": "Varga says Brandt will end the strike", "source": "Kessel Post",
             "body": "“Tomas Brandt will end the strike this week,” Prime Minister Elena Varga said on Monday. "
                     "Varga may believe that Tomas Brandt can also fix the budget."}]
    store = _ingest(tmp_path, rows)
    out = tmp_path / "actors.csv"
    assert main(["corpus", "actors", "--store", str(store), "--out", str(out)]) == 0
    table = list(csv.DictReader(out.open()))
    varga = [r for r in table if r["actor"] == "Elena Varga"]
    assert any(r["on_record"] == "1" and r["type"] == "direct_quote" and "Tomas Brandt" in r["targets"] for r in varga)
    assert any(r["hedged"] == "1" and r["on_record"] == "0" for r in varga)
    # the headline's own claim is a row too, under the body's full name for its holder, on record: the body quotes her
    (head,) = [r for r in table if r["found_in"] == "headline"]
    assert (head["actor"], head["type"], head["cue"], head["on_record"]) == ("Elena Varga", "headline_claim", "say", "1")
    assert {r["found_in"] for r in table} == {"headline", "body"}
    net = tmp_path / "net.json"
    assert main(["corpus", "actors", "--store", str(store), "--out", str(net), "--network"]) == 0
    edges = json.loads(net.read_text())
    edge = next(e for e in edges if e["actor"] == "Elena Varga" and e["target"] == "Tomas Brandt")
    assert edge["on_record"] >= 1 and edge["hedged"] >= 1 and edge["articles"] == 1


def test_actor_rows_read_the_content_continuation():
    from onrecord.corpus.actors import rows

    body = "“We will win,” Varga said. “Tomas Brandt cannot stop us.”"
    span = lambda text: {"text": text, "start": body.index(text), "end": body.index(text) + len(text)}  # noqa: E731
    report = {"headline": "h", "source": None, "published": None,
              "entities": [{"name": "Tomas Brandt", "label": "PERSON", "spans": [[body.index("Tomas"), body.index(" cannot")]]}],
              "attributions": [{"type": "direct_quote", "hedged": False, "hedge_cues": [],
                                "source": {"text": "Varga", "kind": "named_person", "resolved": "Elena Varga"},
                                "cue": span("said"), "content": span("“We will win,”"),
                                "continuation": [span("“Tomas Brandt cannot stop us.”")]}]}
    (row,) = rows([({"article_id": 1}, report)])
    assert row["content"] == "“We will win,” … “Tomas Brandt cannot stop us.”"
    assert row["targets"] == "Tomas Brandt"          # the target is named only in the continuation


def test_an_unstated_source_gives_no_actor_row():
    from onrecord.corpus.actors import rows

    body = "The FBI is reportedly making arrangements. Varga said the plan works."
    span = lambda text: {"text": text, "start": body.index(text), "end": body.index(text) + len(text)}  # noqa: E731
    att = lambda source, cue, content: {"type": "indirect", "hedged": False, "hedge_cues": [], "source": source,  # noqa: E731
                                        "cue": span(cue), "content": span(content)}
    cue = body.index("reportedly")
    report = {"headline": "h", "source": None, "published": None, "entities": [],
              "attributions": [att({"text": "", "start": cue, "end": cue, "kind": "anonymous"}, "reportedly",
                                   "making arrangements"),
                               att({"text": "Varga", "kind": "named_person", "resolved": None}, "said", "the plan works")]}
    assert [r["actor"] for r in rows([({"article_id": 1}, report)])] == ["Varga"]


def test_a_headline_claim_the_body_never_backs_is_a_row_off_the_record():
    from onrecord.corpus.actors import rows

    body = "Putin may believe that Trump can repair relations."
    report = {"headline": "Putin Confident Trump Can Repair Relations", "source": None, "published": None,
              "entities": [{"name": "Vladimir Putin", "label": "PERSON", "spans": []},
                           {"name": "Donald Trump", "label": "PERSON", "spans": [[body.index("Trump"), body.index(" can")]]}],
              "headline_claim": {"holder": "Putin", "attitude": "Confident", "target": "Trump",
                                 "content": "Trump Can Repair Relations", "on_record_support": []},
              "attributions": [{"type": "belief", "hedged": True, "hedge_cues": ["may"],
                                "source": {"text": "Putin", "kind": "named_person", "resolved": "Vladimir Putin"},
                                "cue": {"text": "believe", "start": 10, "end": 17},
                                "content": {"text": body[18:-1], "start": 18, "end": len(body) - 1}}]}
    head, belief = rows([({"article_id": 7}, report)])
    assert (head["found_in"], head["actor"], head["cue"], head["targets"], head["on_record"]) == (
        "headline", "Vladimir Putin", "Confident", "Trump", 0)
    assert (belief["found_in"], belief["actor"], belief["hedged"], belief["on_record"]) == ("body", "Vladimir Putin", 1, 0)
    assert (head["hedged"], head["hedge_cues"]) == (0, "")
    report["headline_claim"]["attitude"] = "may be confident"  # "Putin May Be Confident …" hedges its own claim
    head = next(rows([({"article_id": 7}, report)]))
    assert (head["cue"], head["hedged"], head["hedge_cues"]) == ("may be confident", 1, "may")
    report["headline_claim"]["holder"] = None  # no holder, no headline row
    assert [r["found_in"] for r in rows([({"article_id": 7}, report)])] == ["body"]


def test_a_negated_attribution_is_not_on_record():
    from onrecord.corpus.actors import edges, rows

    body = "Varga did not say that Brandt can win. Varga said that Brandt can lose."
    span = lambda text: {"text": text, "start": body.index(text), "end": body.index(text) + len(text)}  # noqa: E731
    att = lambda cue, content, negated: {"type": "indirect", "hedged": False, "hedge_cues": [], "negated": negated,  # noqa: E731
                                         "source": {"text": "Varga", "kind": "named_person", "resolved": "Elena Varga"},
                                         "cue": span(cue), "content": span(content)}
    report = {"headline": "h", "source": None, "published": None,
              "entities": [{"name": "Brandt", "label": "PERSON", "spans": [[body.index("Brandt"), body.index(" can")]]},
                           {"name": "Brandt", "label": "PERSON", "spans": [[body.rindex("Brandt"), body.rindex(" can")]]}],
              "attributions": [att("did not say", "that Brandt can win", True), att("said", "that Brandt can lose", False)]}
    table = list(rows([({"article_id": 1}, report)]))
    assert [(r["on_record"], r["negated"]) for r in table] == [(0, 1), (1, 0)]
    (edge,) = edges(table)
    assert (edge["attributions"], edge["on_record"]) == (2, 1)


def test_a_coordinated_source_gives_a_row_per_name():
    from onrecord.corpus.actors import rows

    body = "Trump and Clinton point out that Sanders was wrong."
    span = lambda text: {"text": text, "start": body.index(text), "end": body.index(text) + len(text)}  # noqa: E731
    report = {"headline": "h", "source": None, "published": None,
              "entities": [{"name": "Bernie Sanders", "label": "PERSON", "spans": [[33, 40]]}],
              "attributions": [{"type": "indirect", "hedged": False, "hedge_cues": [],
                                "source": {**span("Trump and Clinton"), "kind": "named_person",
                                           "resolved": "Donald Trump", "others": ["Hillary Clinton"]},
                                "cue": span("point out"), "content": span("that Sanders was wrong")}]}
    got = [(r["actor"], r["targets"], r["on_record"]) for r in rows([({"article_id": 1}, report)])]
    assert got == [("Donald Trump", "Bernie Sanders", 1), ("Hillary Clinton", "Bernie Sanders", 1)]
    del report["attributions"][0]["source"]["others"]  # a report written before the field: one row
    assert [r["actor"] for r in rows([({"article_id": 1}, report)])] == ["Donald Trump"]


def test_the_stance_is_read_from_the_sentence_that_states_the_claim(tmp_path, capsys):
    rows = [{"id": "1", "source": "Gadget Weekly", "headline": "Tech roundup: chips, phones and cars",
             "body": "Chip prices fell again this quarter. Apple denied on Monday that it will buy Tesla. "
                     "Phone sales rose in Asia."}]
    store = _ingest(tmp_path, rows)
    (e,) = _claim_json(capsys, store)["evidence"]
    counted = e["counted"]
    assert counted["evidence"] == "Apple denied on Monday that it will buy Tesla."   # not the roundup headline
    assert max(counted["stance"], key=counted["stance"].get) == "against"
    assert main(["corpus", "claim", "Apple will buy Tesla", "--store", str(store)]) == 0
    assert "read from: Apple denied on Monday" in capsys.readouterr().out


def test_a_hedged_headline_weighs_less_whatever_sentence_the_stance_is_read_from(tmp_path, capsys):
    rows = [{"id": "1", "source": "Morning Post", "headline": "Apple reportedly set to buy Tesla",
             "body": "Apple will buy Tesla for $75 billion. The deal closes in May."}]
    (e,) = _claim_json(capsys, _ingest(tmp_path, rows))["evidence"]
    assert e["counted"]["evidence"] == "Apple will buy Tesla for $75 billion."
    assert e["counted"]["hedged"] and e["weight"] < 1                     # the headline's "reportedly"
