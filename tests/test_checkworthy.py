"""Check-worthiness: ranking metrics, CheckThat! readers and writers, evaluation and the analyzer."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from onrecord import textclf
from onrecord.analyzers import claims
from onrecord.article import Article
from onrecord.errors import InputError
from onrecord.evaluation import checkworthy as cw
from onrecord.nlp import parse
from onrecord.training.checkworthy import dev_transcripts, normalise

FIXTURES = Path(__file__).parent / "fixtures"
CLEF = FIXTURES / "checkworthy_clef2019.tsv"
CT24 = FIXTURES / "checkworthy_ct24.tsv"


# --------------------------------------------------------------------------- ranking metrics

def test_average_precision_hand_computed() -> None:
    # hits at ranks 1 and 3: (1/1 + 2/3) / 2
    assert cw.average_precision([1, 0, 1, 0]) == pytest.approx((1 + 2 / 3) / 2)
    assert cw.average_precision([0, 0, 0, 1]) == pytest.approx(0.25)
    assert cw.average_precision([1, 1, 0]) == pytest.approx(1.0)
    assert cw.average_precision([0, 0]) == 0.0


def test_precision_at_divides_by_k_even_when_the_list_is_shorter() -> None:
    assert cw.precision_at([1, 0, 1, 0, 0, 1], 5) == pytest.approx(0.4)
    assert cw.precision_at([1, 1], 5) == pytest.approx(0.4)


def test_r_precision() -> None:
    assert cw.r_precision([0, 1, 1, 0]) == pytest.approx(0.5)  # R = 2, top 2 hold one hit
    assert cw.r_precision([1, 1, 1, 0, 0]) == pytest.approx(1.0)
    assert cw.r_precision([0, 0]) == 0.0


def test_ranking_sorts_by_descending_score_and_keeps_input_order_on_ties() -> None:
    assert cw.ranked_labels([0, 1, 0, 1], [0.2, 0.9, 0.5, 0.2]).tolist() == [1, 0, 0, 1]
    m = cw.ranking_metrics([0, 1, 0, 1], [0.2, 0.9, 0.5, 0.2])
    assert m["average_precision"] == pytest.approx((1 + 2 / 4) / 2)
    assert m["r_precision"] == pytest.approx(0.5)
    assert m["p@5"] == pytest.approx(0.4)


def test_best_f1_threshold_separates_separable_scores() -> None:
    t = textclf.best_f1_threshold([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.8])
    assert 0.3 < t <= 0.6


# --------------------------------------------------------------------------- reading

def test_format_detection() -> None:
    assert cw.detect_format("Sentence_id\tText\tclass_label") == cw.CT24
    assert cw.detect_format("12\tTRUMP\tWe will win.\t0") == cw.CLEF2019
    with pytest.raises(InputError):
        cw.detect_format("Headline,Body ID,Stance")


def test_read_clef2019() -> None:
    f = cw.read_file(CLEF)
    assert f.format == cw.CLEF2019
    assert f.ids == ["1", "2", "3", "4", "5"]
    assert f.texts[2] == "Thank you."
    assert f.labels == [0, 1, 0, 1, 0]
    assert f.previous() == ["", *f.texts[:4]]  # a transcript's lines run on


def test_read_ct24_unquotes_text() -> None:
    f = cw.read_file(CT24)
    assert f.format == cw.CT24
    assert f.ids == ["101", "102", "103", "104"]
    assert f.texts[0] == 'He said, "I\'ll be back," and left.'
    assert f.labels == [0, 1, 0, 1]
    assert f.previous() == [""] * 4  # CT24's sentences are isolated


def test_unlabelled_ct24_is_read_without_labels(tmp_path: Path) -> None:
    p = tmp_path / "test.tsv"
    p.write_text("Sentence_id\tText\n7\tTaxes rose.\n8\tHello.\n")
    f = cw.read_file(p)
    assert f.labels is None and f.texts == ["Taxes rose.", "Hello."]
    assert cw.metrics([f], [np.array([0.9, 0.1])], 0.5) == {"threshold": 0.5}


def test_wrong_input_raises_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("Headline,Body ID,Stance\nx,1,agree\n")
    with pytest.raises(InputError):
        cw.read_file(bad)
    with pytest.raises(InputError):
        cw.read_file(tmp_path / "missing.tsv")
    mixed = tmp_path / "mixed.tsv"
    mixed.write_text("1\tA\tone\t1\n2\tB\ttwo\n")
    with pytest.raises(InputError):
        cw.read_file(mixed)


# --------------------------------------------------------------------------- metrics and writers

def test_metrics_for_both_formats() -> None:
    clef, ct = cw.read_file(CLEF), cw.read_file(CT24)
    result = cw.metrics([clef, ct], [np.array([0.1, 0.9, 0.2, 0.3, 0.4]), np.array([0.2, 0.7, 0.6, 0.4])], 0.5)
    # CLEF ranking: 2 (1), 5 (0), 4 (1), 3, 1 -> AP = (1 + 2/3) / 2
    assert result["clef2019"]["map"] == pytest.approx((1 + 2 / 3) / 2)
    assert result["clef2019"]["transcripts"] == 1
    # CT24 at 0.5: predicted yes = 102 (right), 103 (wrong); 104 missed -> P = R = F1 = 0.5
    assert result["ct24"]["precision"] == pytest.approx(0.5)
    assert result["ct24"]["recall"] == pytest.approx(0.5)
    assert result["ct24"]["f1"] == pytest.approx(0.5)


def test_prediction_files_in_each_format() -> None:
    clef, ct = cw.read_file(CLEF), cw.read_file(CT24)
    assert cw.prediction_text(clef, np.array([0.1, 0.9, 0.2, 0.3, 0.4]), 0.5).splitlines()[1] == "2\t0.900000"
    lines = cw.prediction_text(ct, np.array([0.2, 0.7, 0.6, 0.4]), 0.5).splitlines()
    assert lines[0] == "Sentence_id\tscore\tlabel"
    assert lines[1:3] == ["101\t0.200000\tNo", "102\t0.700000\tYes"]


def test_evaluate_writes_a_folder_of_predictions_and_json(tmp_path: Path) -> None:
    out, js = tmp_path / "pred", tmp_path / "m.json"
    result = cw.evaluate([CLEF, CT24], predictions=out, json_out=js, progress=False)
    assert sorted(p.name for p in out.iterdir()) == sorted([CLEF.name, CT24.name])
    clef_lines = (out / CLEF.name).read_text().splitlines()
    assert [line.split("\t")[0] for line in clef_lines] == ["1", "2", "3", "4", "5"]
    assert all(0.0 <= float(line.split("\t")[1]) <= 1.0 for line in clef_lines)
    ct_lines = (out / CT24.name).read_text().splitlines()
    assert len(ct_lines) == 5 and all(line.split("\t")[2] in ("Yes", "No") for line in ct_lines[1:])
    assert json.loads(js.read_text())["clef2019"]["map"] == pytest.approx(result["clef2019"]["map"])
    assert not [p for p in tmp_path.rglob("*.tmp")]


# --------------------------------------------------------------------------- training split

def test_dev_transcripts_skip_those_found_in_ct24() -> None:
    files = [cw.CheckworthyFile(Path(f"t{i}.tsv"), cw.CLEF2019, ["1"], [f"Sentence number {i}."], [0])
             for i in range(6)]
    dev = dev_transcripts(files, ["sentence number 3"], n=4)
    assert len(dev) == 4 and "t3.tsv" not in dev
    assert dev == dev_transcripts(list(reversed(files)), ["sentence number 3"], n=4)
    assert normalise("It's 40%!") == "it s 40"


# --------------------------------------------------------------------------- analyzer

def test_analyze_scores_every_sentence_and_ranks_a_claim_first() -> None:
    body = ("Thank you all so much for coming tonight. "
            "Unemployment fell to 3.5 percent in 2019, the lowest rate in fifty years. "
            "It is good to see you.")
    doc = parse(Article("Speech", body))
    scores = claims.analyze(doc)
    assert len(scores) == len(doc.sentences) == 3
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores[1] > max(scores[0], scores[2])
    assert 0.0 < claims.threshold() < 1.0
    assert claims.analyze(parse(Article("Empty", ""))) == []


def test_analyze_reads_each_body_sentence_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model's context is a transcript's previous line; a news body's sentence before it is not that."""
    seen: list[tuple[list[str], list[str] | None]] = []

    class Model:
        def scores(self, texts: list[str], before: list[str] | None = None) -> list[float]:
            seen.append((list(texts), before))
            return [0.5] * len(texts)

    doc = parse(Article("Speech", "Thank you all for coming. Unemployment fell to 3.5 percent. It is good to see you."))
    monkeypatch.setattr(claims.models, "load", lambda name: Model())
    assert claims.analyze(doc) == [0.5] * 3
    assert seen == [([s.text for s in doc.sentences], None)]
