"""Clickbait: input readers, metrics, evaluation output and the shipped model's behaviour."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from onrecord.analyzers import clickbait
from onrecord.article import Article
from onrecord.errors import InputError
from onrecord.evaluation import clickbait as cb
from onrecord.nlp import parse
from onrecord.textclf import binary_metrics

FIXTURES = Path(__file__).parent / "fixtures"


def write_gz(path: Path, lines: list[str]) -> Path:
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    """The corpus layout: headlines separated by blank lines, label in the file name."""
    return [write_gz(tmp_path / "clickbait_data.gz", ["17 Cats Who Are Definitely Plotting Something", "",
                                                      "This Video Will Make Your Day", ""]),
            write_gz(tmp_path / "non_clickbait_data.gz", ["Senate Confirms New Treasury Secretary", "",
                                                          "Floods Kill 12 in Southern India", ""])]


def test_label_from_file_name() -> None:
    assert cb.label_from_name(Path("non_clickbait_data.gz")) == 0
    assert cb.label_from_name(Path("clickbait_data.gz")) == 1
    assert cb.label_from_name(Path("headlines.gz")) is None


def test_gzip_reader_skips_blank_lines(corpus: list[Path]) -> None:
    f = cb.read_file(corpus[0])
    assert f.texts == ["17 Cats Who Are Definitely Plotting Something", "This Video Will Make Your Day"]
    assert f.labels == [1, 1]
    assert cb.read_file(corpus[1]).labels == [0, 0]


def test_unlabelled_plain_file(tmp_path: Path) -> None:
    f = cb.read_file(write_gz(tmp_path / "headlines.gz", ["One", "Two"]))
    assert f.labels is None and f.texts == ["One", "Two"]


def test_json_reader_joins_post_text_and_reads_truth() -> None:
    f = cb.read_file(FIXTURES / "clickbait_posts.json")
    assert f.texts == ["You Won't Believe What This Cat Did Next", "Parliament passes the annual budget",
                       "Storm closes coastal roads"]
    assert f.labels == [1, 0, 0]
    assert f.truth_mean == pytest.approx([0.9, 0.1, 0.2])


def test_json_lines_and_unlabelled_json(tmp_path: Path) -> None:
    p = tmp_path / "posts.jsonl"
    p.write_text('{"postText": ["A"]}\n{"postText": ["B"]}\n')
    f = cb.read_file(p)
    assert f.texts == ["A", "B"] and f.labels is None and f.truth_mean is None


def test_bad_inputs_raise_input_error(tmp_path: Path) -> None:
    no_text = tmp_path / "x.json"
    no_text.write_text('[{"title": "no post text"}]')
    broken = tmp_path / "y.json"
    broken.write_text("[{")
    truncated = tmp_path / "z.gz"
    truncated.write_bytes(gzip.compress(b"a headline\n" * 50)[:20])
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000)
    bad_mean = tmp_path / "mean.json"
    bad_mean.write_text('[{"postText": ["A"], "truthMean": "high"}]')
    for path in (no_text, broken, truncated, tmp_path / "missing.gz", deep, bad_mean):
        with pytest.raises(InputError):
            cb.read_file(path)


def test_transfer_set_is_balanced_and_labelled() -> None:
    f = cb.read_file(cb.TRANSFER_SET)
    assert len(f.texts) == 40 and f.labels is not None and sum(f.labels) == 20


def test_binary_metrics_hand_computed() -> None:
    m = binary_metrics([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], 0.5)
    assert (m["precision"], m["recall"], m["f1"], m["accuracy"]) == pytest.approx((0.5, 0.5, 0.5, 0.5))
    assert m["roc_auc"] == pytest.approx(0.75)
    assert binary_metrics([1, 1], [0.9, 0.1], 0.5)["roc_auc"] is None


def test_metrics_include_mse_against_truth_mean() -> None:
    f = cb.read_file(FIXTURES / "clickbait_posts.json")
    result = cb.metrics([f], [np.array([0.9, 0.1, 0.4])], 0.5)
    assert result["truth_mean_mse"] == pytest.approx(0.04 / 3)
    assert result["f1"] == pytest.approx(1.0)


def test_evaluate_writes_jsonl_in_input_order(corpus: list[Path], tmp_path: Path) -> None:
    out, js = tmp_path / "pred.jsonl", tmp_path / "m.json"
    result = cb.evaluate(corpus, predictions=out, json_out=js, progress=False)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["text"] for r in rows] == [t for p in corpus for t in cb.read_file(p).texts]
    assert all(0.0 <= r["score"] <= 1.0 for r in rows)
    assert result["n"] == 4 and json.loads(js.read_text())["roc_auc"] == pytest.approx(result["roc_auc"])


def test_shipped_model_ranks_clickbait_above_news() -> None:
    bait = parse(Article("You Won't Believe What This Dog Did When Its Owner Came Home", "Body."))
    news = parse(Article("Central bank raises interest rates to curb inflation", "Body."))
    b, n = clickbait.analyze(bait), clickbait.analyze(news)
    assert 0.0 <= n < 0.5 < b <= 1.0
    assert clickbait.analyze(parse(Article("", "Body."))) == 0.0
