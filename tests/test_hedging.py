"""Hedging analyzer, Szeged XML reader, dev split and evaluation metrics (no corpus needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord import nlp, report
from onrecord.analyzers import hedging
from onrecord.article import Article
from onrecord.errors import InputError
from onrecord.evaluation import hedging as hedging_eval
from onrecord.evaluation import szeged

FIXTURE = Path(__file__).parent / "fixtures" / "szeged_small.xml"


def _score(sentence: str) -> tuple[hedging.Scored, list[report.Hedge]]:
    return next(hedging.score_texts([sentence]))


def _cues(sentence: str) -> list[tuple[str, str]]:
    return [(h.cue, h.type) for h in _score(sentence)[1]]


# --------------------------------------------------------------------------- analyzer

def test_analyze_article_sentences_offsets_and_cues() -> None:
    body = ("Putin may believe that Trump could steer U.S. policy.\n"
            "The West has consistently supported Ukraine with military aid.\n"
            "Whether this confidence is warranted remains unclear.")
    doc = nlp.parse(Article("Putin confident", body))
    out = hedging.analyze(doc)
    assert [(s.index, s.start, s.end, s.text) for s in out] == \
        [(s.index, s.start, s.end, s.text) for s in doc.sentences]
    assert [s.speculative for s in out] == [True, False, True]
    assert [(h.cue, h.type) for h in out[0].hedges] == [("may", "epistemic"), ("believe", "doxastic"), ("could", "epistemic")]
    assert [h.cue for h in out[2].hedges] == ["Whether", "unclear"]
    for s in out:
        assert 0.0 <= s.speculation_score <= 1.0
        for h in s.hedges:
            assert body[h.start:h.end] == h.cue and h.type in report.HEDGE_TYPES
    assert out[1].speculation_score == 0.0 and out[1].hedges == []


@pytest.mark.parametrize("sentence, cues", [
    ("The talks may collapse next week.", [("may", "epistemic")]),
    ("Trump's pragmatic style could allow for an approach to the conflict.", [("could", "epistemic")]),
    ("Officials said the plant would probably reopen.", [("would", "condition"), ("probably", "epistemic")]),
    ("The result suggests a shift in policy.", [("suggests", "epistemic")]),
    ("He appeared to be tired.", [("appeared", "epistemic")]),
    ("He is widely considered the best player of his generation.", [("considered", "doxastic")]),
    ("Putin has viewed the conflict as a struggle against the West.", [("viewed", "doxastic")]),
    ("It is possible that the vote was delayed.", [("possible", "possible")]),
    ("The suspect was allegedly armed.", [("allegedly", "doxastic")]),
    ("It is not clear who fired first.", [("not clear", "epistemic")]),
    ("There is no evidence that the vote was rigged.", [("no evidence", "epistemic")]),
    ("Nobody knows whether or not the bridge will hold.", [("whether or not", "investigation")]),
    ("The deal collapses if Congress objects.", [("if", "condition")]),
    ("The ceasefire could have been signed in May.", [("could", "epistemic")]),
    ("The woman is understood to be the last hostage held by the group.", [("understood", "doxastic")]),
    ("It is understood that the talks collapsed on Friday.", [("understood", "doxastic")]),
    ("Little is known about the group's leaders.", [("Little is known", "epistemic")]),
    ("He was accused of fraud by the regulator.", [("accused", "doxastic")]),
    ("This could not only hurt the company but its parent too.", [("could", "epistemic")]),  # "not only" negates nothing
    ("It is an option seen by organizers as a lifeboat for conservatives.", [("seen", "doxastic")]),  # "as" on the agent
    ("An unknown number of militants arrived at the hospital.", [("unknown", "epistemic")]),
])
def test_cues_found(sentence: str, cues: list[tuple[str, str]]) -> None:
    scored, hedges = _score(sentence)
    assert scored.speculative and scored.score >= hedging.THRESHOLD
    assert [(h.cue, h.type) for h in hedges] == cues
    assert all(sentence[h.start:h.end] == h.cue for h in hedges)


@pytest.mark.parametrize("sentence", [
    "On May 20, 1983, Witherspoon had his first attempt at a world title.",  # the month
    "In May the committee met again.",
    "Theresa May said the deal was done.",  # the name
    "May said the deal was done.",
    "He could not possibly win the election.",  # negated possibility is certainty
    "As a child, he could swim across the lake.",  # past ability
    "Reporters said they heard dozens of rounds and could smell gunpowder.",  # past ability of a conjunct verb
    "Years later he would reverse the decision.",  # future in the past
    "She would often walk to the harbour.",  # habit
    "A poll of likely voters showed a tie.",  # fixed phrase
    "There is no doubt that he won.",
    "Send the files as soon as possible.",
    "The treaty was made possible by years of talks.",
    "It is the best possible outcome.",
    "He appeared on television on Sunday.",
    "They considered the proposal at length.",
    "Feels great to support someone I believe in.",  # trust, no proposition
    "The accused was led away in handcuffs.",  # the person, no charge
    "The problem is well understood by engineers.",
    "The West, including the United States, has consistently supported Ukraine with military aid.",
])
def test_false_positive_guards(sentence: str) -> None:
    scored, hedges = _score(sentence)
    assert not scored.speculative and hedges == []
    assert scored.score < hedging.THRESHOLD


def test_weak_cue_alone_does_not_flip_but_scores() -> None:
    scored, hedges = _score("He said the company would hire 200 workers.")
    assert not scored.speculative and hedges == []
    assert 0.0 < scored.score < hedging.THRESHOLD


def test_speculation_score_is_noisy_or() -> None:
    cues = [hedging.Cue(0, 0, "epistemic", 0.5), hedging.Cue(1, 1, "condition", 0.5)]
    assert hedging.speculation_score(cues) == 0.75
    assert hedging.speculation_score([]) == 0.0


# --------------------------------------------------------------------------- reader and split

def test_reader_on_fixture() -> None:
    sents = szeged.read(FIXTURE)
    assert len(sents) == 8
    assert [s.index for s in sents] == list(range(8))
    assert [s.doc for s in sents] == ["Harbour Bridge_1"] * 4 + ["Old Mill_2"] * 3 + ["1234567"]
    assert sum(s.uncertain for s in sents) == 5 and sum(len(s.cues) for s in sents) == 6
    assert sents[0].text == "Harbour Bridge" and not sents[0].uncertain
    assert sents[1].cues == [szeged.Cue("may", 11, 14, "epistemic")]
    mill = sents[5]
    assert [(c.text, c.type) for c in mill.cues] == [("probably", "epistemic"), ("if", "condition")]
    assert sents[4].cues[0].type == "investigation" and sents[3].cues[0].type == "doxastic"
    assert sents[6].text == "The mill was restored in 1990 & reopened in 1992."
    bio = sents[7]  # BioScope-style nested scopes; the negation cue is not an uncertainty cue
    assert bio.text == "These results suggest that the gene is not required."
    assert [(c.text, c.start, c.end) for c in bio.cues] == [("suggest", 14, 21)]
    for s in sents:
        assert all(s.text[c.start:c.end] == c.text for c in s.cues)


def test_reader_rejects_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<Annotation><DocumentSet>")
    with pytest.raises(InputError):
        szeged.read(bad)
    empty = tmp_path / "empty.xml"
    empty.write_text("<Annotation><DocumentSet></DocumentSet></Annotation>")
    with pytest.raises(InputError):
        szeged.read(empty)


def test_cue_type_mapping() -> None:
    assert szeged.cue_type("speculation_modal_probable_") == "epistemic"
    assert szeged.cue_type("speculation_hypo_doxastic _") == "doxastic"
    assert szeged.cue_type("speculation_hypo_condition _") == "condition"
    assert szeged.cue_type("speculation_hypo_investigation _") == "investigation"
    assert szeged.cue_type("speculation_modal_possible_") == "possible"


def test_dev_split_is_deterministic_and_grouped() -> None:
    sents = [szeged.CorpusSentence("f", f"Article {i // 3}_{i}", i, f"S{i}", "x") for i in range(3000)]
    train, dev = szeged.dev_split(sents, fraction=0.2, seed=0)
    assert len(train) + len(dev) == len(sents)
    assert 0.15 < len(dev) / len(sents) < 0.25
    assert szeged.dev_split(list(reversed(sents)))[1] == list(reversed(dev))  # order does not matter
    dev_groups = {szeged.doc_group(s.doc) for s in dev}
    assert not dev_groups & {szeged.doc_group(s.doc) for s in train}  # copies of an article stay together
    assert {s.doc for s in szeged.dev_split(sents, seed=1)[1]} != {s.doc for s in dev}


# --------------------------------------------------------------------------- metrics and evaluate

def test_scorer_counts_on_fixture() -> None:
    sents = szeged.read(FIXTURE)
    # hand-made predictions: sentences 1 and 3 exact, 2 a false alarm ("May"), 4 missed,
    # 5 one cue exact plus one overlapping but not exact, 7 a cue beside the gold one.
    mill_if = sents[5].cues[1]
    cues = {1: [(11, 14)], 2: [(13, 16)], 3: [(13, 23)], 5: [(9, 17), (mill_if.start, mill_if.end + 3)], 7: [(0, 5)]}
    scorer = hedging_eval.Scorer()
    for s in sents:
        c = cues.get(s.index, [])
        scorer.add(hedging_eval.Prediction(s, bool(c), 0.9 if c else 0.0, c))
    m = scorer.as_dict()
    assert (m["sentences"], m["uncertain"]) == (8, 5)
    # sentence: predicted uncertain {1,2,3,5,7}; gold {1,3,4,5,7}
    assert m["sentence"] == {"precision": 0.8, "recall": 0.8, "f1": 0.8, "tp": 4, "fp": 1, "fn": 1}
    # exact: right = (11,14), (13,23), (9,17) -> 3 of 6 predicted, 3 of 6 gold
    assert (m["cue_exact"]["tp"], m["cue_exact"]["fp"], m["cue_exact"]["fn"]) == (3, 3, 3)
    # overlap additionally accepts the stretched "if" cue: 4 of 6 predicted, 4 of 6 gold
    assert (m["cue_overlap"]["tp"], m["cue_overlap"]["fp"], m["cue_overlap"]["fn"]) == (4, 2, 2)
    assert m["cue_overlap"]["precision"] == pytest.approx(4 / 6, abs=1e-4)


def test_evaluate_fixture_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    preds, out = tmp_path / "preds.jsonl", tmp_path / "metrics.json"
    metrics = hedging_eval.evaluate([FIXTURE], predictions=preds, json_out=out, progress=False)
    assert "szeged_small.xml" in capsys.readouterr().out
    assert json.loads(out.read_text()) == metrics
    lines = [json.loads(line) for line in preds.read_text().splitlines()]
    gold = szeged.read(FIXTURE)
    assert len(lines) == len(gold)
    for row, s in zip(lines, gold):
        assert set(row) == {"file", "doc", "index", "text", "uncertain", "score", "cues"}
        assert (row["file"], row["doc"], row["index"], row["text"]) == ("szeged_small.xml", s.doc, s.index, s.text)
        assert isinstance(row["uncertain"], bool) and 0.0 <= row["score"] <= 1.0
        assert all(0 <= a < b <= len(s.text) for a, b in row["cues"])
        assert row["uncertain"] == bool(row["cues"])
    assert [row["uncertain"] for row in lines] == [s.uncertain for s in gold]
    assert metrics["all"]["sentence"]["f1"] == 1.0
    assert metrics["files"]["szeged_small.xml"]["cue_exact"]["tp"] == 6
    # every document scored perfectly: every resample of the documents is perfect too
    assert metrics["intervals"]["sentence_f1"]["szeged_small.xml"] == [1.0, 1.0]


def test_evaluate_dev_subset_and_bad_subset(tmp_path: Path) -> None:
    m = hedging_eval.evaluate([FIXTURE], subset="dev", progress=False)
    _, dev = szeged.dev_split(szeged.read(FIXTURE))
    assert m["all"]["sentences"] == len(dev) and m["subset"] == "dev"
    with pytest.raises(InputError):
        hedging_eval.evaluate([FIXTURE], subset="test", progress=False)


@pytest.mark.parametrize(("sentence", "cue"), [
    ("The authenticity of the video could not be immediately verified.", "verified"),
    ("CNN cannot independently verify the authenticity of the tape.", "verify"),
    ("Officials have not confirmed the death.", "confirmed"),
    ("IraqiNews.com has been unable to verify the photo.", "verify"),
    ("The ministry declined to confirm the report.", "confirm"),
])
def test_a_verification_that_failed_leaves_the_claim_open(sentence: str, cue: str, monkeypatch) -> None:
    scored, hedges = _score(sentence)
    assert scored.speculative and [h.cue for h in hedges] == [cue]
    monkeypatch.setattr(hedging, "UNVERIFIED", False)
    assert not _score(sentence)[0].speculative  # the rule, not the model alone, reads it


@pytest.mark.parametrize("sentence", ["Police confirmed the death on Monday.", "He declined to comment.",
                                      "The lab verified the samples before the trial."])
def test_a_verification_made_is_no_hedge(sentence: str) -> None:
    assert not _score(sentence)[0].speculative
