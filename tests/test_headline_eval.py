"""The headline claim measured against the attributions PolNeAR marks in headlines (`onrecord eval headline`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.cli import main
from onrecord.evaluation import headline as evaluation
from onrecord.evaluation.brat import BratAttribution
from onrecord.report import HeadlineClaim, Span

FIXTURE = Path(__file__).parent / "fixtures" / "polnear_headlines"

TEXT = "Lynch: No outside influence on FBI probe.\n\nLynch said so."
GOLD = BratAttribution(((0, 5),), ((5, 6),), ((7, 40),))  # Lynch | : | No outside influence on FBI probe


def counts(pred: BratAttribution | None, golds: list[BratAttribution]) -> dict:
    return evaluation.score_headline(TEXT, pred, golds)


def test_an_exact_claim_counts_on_every_measure() -> None:
    c = counts(GOLD, [GOLD])
    assert c["detection"] == (1, 1, 1, 1)
    assert all(c[f"{k}/{m}"] == (1, 1, 1, 1) for k in ("Source", "Cue", "Content", "Claim") for m in ("exact", "overlap"))


def test_a_claim_without_its_cue_is_not_a_whole_claim() -> None:
    c = counts(BratAttribution(((0, 5),), (), ((7, 40),)), [GOLD])  # the old "says" shape had no cue span
    assert c["Source/exact"] == (1, 1, 1, 1) and c["Content/exact"] == (1, 1, 1, 1)
    assert c["Cue/exact"] == (0, 1, 0, 1) and c["Cue/overlap"] == (0, 1, 0, 1)
    assert c["Claim/exact"] == (0, 1, 0, 1)


def test_overlap_reads_words_and_a_punctuation_cue_by_its_characters() -> None:
    shorter = BratAttribution(((0, 5),), ((5, 6),), ((7, 27),))  # "No outside influence"
    c = counts(shorter, [GOLD])
    assert c["Content/exact"] == (0, 1, 0, 1) and c["Content/overlap"] == (1, 1, 1, 1)
    assert c["Cue/overlap"] == (1, 1, 1, 1)  # ":" has no word, yet it is the gold cue's character
    assert c["Claim/overlap"] == (1, 1, 1, 1) and c["Claim/exact"] == (0, 1, 0, 1)


def test_missing_and_spurious_claims() -> None:
    assert counts(None, [GOLD])["detection"] == (0, 0, 0, 1)
    assert counts(None, [GOLD])["Claim/exact"] == (0, 0, 0, 1)
    assert counts(GOLD, [])["detection"] == (0, 1, 0, 0)
    assert counts(None, [])["detection"] == (0, 0, 0, 0)


def test_any_gold_attribution_of_the_headline_may_match() -> None:
    other = BratAttribution(((7, 9),), ((10, 17),), ((18, 27),))
    assert counts(GOLD, [other, GOLD])["Claim/exact"] == (1, 1, 1, 1)


def test_score_sums_headlines_and_gives_intervals() -> None:
    m = evaluation.score([(TEXT, GOLD, [GOLD]), (TEXT, None, [GOLD]), (TEXT, GOLD, [])])
    assert (m["headlines"], m["with_gold"], m["with_claim"]) == (3, 2, 2)
    assert m["Claim"]["exact"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert m["detection"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    low, high = m["intervals"]["Claim"]["exact"]
    assert 0.0 <= low <= 0.5 <= high <= 1.0


def test_relation_of_a_claim() -> None:
    assert evaluation.relation(HeadlineClaim()) is None
    claim = HeadlineClaim(holder="Loretta Lynch", attitude="says", holder_span=Span("Lynch", 0, 5),
                          attitude_span=Span(":", 5, 6), content_span=Span("No outside influence on FBI probe", 7, 40))
    assert evaluation.relation(claim) == GOLD


def test_only_attributions_whose_cue_is_in_the_headline_are_gold() -> None:
    body = BratAttribution(((44, 49),), ((50, 54),), ((55, 57),))
    assert evaluation.gold_in_headline([GOLD, body], len(TEXT.split("\n")[0])) == [GOLD]


def test_evaluate_on_a_polnear_layout_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = evaluation.evaluate([FIXTURE], predictions=tmp_path / "p.jsonl", json_out=tmp_path / "m.json", progress=False)
    # four headlines: two with an attribution ("Lynch: …", "Warren blasts Trump …"), a plain one and a topic label
    # before a colon; the body attributions of the fixture are not headline gold
    assert (m["headlines"], m["with_gold"], m["with_claim"]) == (4, 2, 2)
    assert m["Claim"]["exact"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    lines = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    by_name = {line["name"]: line for line in lines}
    assert set(by_name) == {"dam", "lynch", "topic", "warren"}
    assert by_name["lynch"]["holder"] == "Loretta Lynch" and by_name["lynch"]["attitude_span"]["text"] == ":"
    assert by_name["warren"]["holder"] == "Elizabeth Warren" and by_name["warren"]["content"] == "Trump over tax plan"
    assert by_name["topic"]["holder"] is None and by_name["dam"]["holder"] is None
    assert json.loads((tmp_path / "m.json").read_text())["Claim"] == m["Claim"]
    assert "Claim" in capsys.readouterr().out


def test_cli_eval_headline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "headline", str(FIXTURE), "--json", str(tmp_path / "m.json")]) == 0
    assert json.loads((tmp_path / "m.json").read_text())["headlines"] == 4
    capsys.readouterr()
    rc = main(["eval", "headline", str(tmp_path / "missing")])
    err = capsys.readouterr().err
    assert rc != 0 and len([line for line in err.splitlines() if line.strip()]) == 1 and "Traceback" not in err
