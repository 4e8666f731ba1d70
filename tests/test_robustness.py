"""The stance robustness set is well-formed and its scorer counts consistently (no model accuracy asserted)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from onrecord.errors import InputError
from onrecord.evaluation.robustness import (
    CATEGORIES,
    ROBUSTNESS_SET,
    VERDICTS,
    evaluate_robustness,
    evaluate_verdicts,
    read_cases,
)
from onrecord.report import STANCE_LABELS


def test_set_is_well_formed() -> None:
    rows = [json.loads(line) for line in ROBUSTNESS_SET.read_text(encoding="utf-8").splitlines()]
    assert len({r["id"] for r in rows}) == len(rows)
    counts = Counter(r["category"] for r in rows)
    assert set(counts) == set(CATEGORIES)
    assert min(counts.values()) >= 5
    for r in rows:
        assert r["expected"] == CATEGORIES[r["category"]] and r["expected"] in STANCE_LABELS
        assert 3 <= r["body"].count(". ") + 1 <= 6 and r["headline"].strip()
    assert len(read_cases(ROBUSTNESS_SET)) == len(rows)


def always(label: str):
    def predict(headlines: Sequence[str], bodies: Sequence[str]) -> np.ndarray:
        proba = np.zeros((len(headlines), len(STANCE_LABELS)))
        proba[:, STANCE_LABELS.index(label)] = 1.0
        return proba
    return predict


def test_counts_with_a_constant_predictor() -> None:
    m = evaluate_robustness(predict=always("agree"), show=False)
    cases = read_cases(ROBUSTNESS_SET)
    agree = sum(c.expected == "agree" for c in cases)
    assert (m["n"], m["correct"]) == (len(cases), agree)
    assert m["accuracy"] == pytest.approx(agree / len(cases))
    for name, c in m["per_category"].items():
        assert c["accuracy"] == (1.0 if CATEGORIES[name] == "agree" else 0.0)
    assert len(m["failures"]) == len(cases) - agree
    assert all(f["predicted"] == "agree" != f["expected"] for f in m["failures"])


def test_shipped_model_counts_are_consistent(capsys: pytest.CaptureFixture[str]) -> None:
    m = evaluate_robustness()
    assert sum(c["n"] for c in m["per_category"].values()) == m["n"] == len(read_cases(ROBUSTNESS_SET))
    assert m["correct"] + len(m["failures"]) == m["n"]
    assert sum(c["n"] - c["correct"] for c in m["per_category"].values()) == len(m["failures"])
    out = capsys.readouterr().out
    assert m["model"] in out and all(name in out for name in CATEGORIES)


def test_verdicts_of_whole_audits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--verdict`` audits each case whole: an explicit denial by the headline's subject is contradicted."""
    assert set(VERDICTS) == set(CATEGORIES)
    rows = [json.loads(line) for line in ROBUSTNESS_SET.read_text(encoding="utf-8").splitlines()]
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows if r["id"] in ("den-04", "unr-01")), encoding="utf-8")
    m = evaluate_verdicts(path)
    assert m["n"] == 2 and m["correct"] + len(m["failures"]) == 2
    assert m["per_category"]["denial"]["correct"] == 1  # "Kestrel Airlines denied … that it planned to cut 5,000 jobs"
    out = capsys.readouterr().out
    assert "verdict robustness" in out and "contradicted" in out


@pytest.mark.parametrize("line, message", [
    ('{"id": "a", "category": "nope", "headline": "h", "body": "b", "expected": "agree"}', "unknown category"),
    ('{"id": "a", "category": "agree", "headline": "h", "body": "b", "expected": "maybe"}', "unknown label"),
    ('{"id": "a", "category": "agree", "headline": "", "body": "b", "expected": "agree"}', "non-empty"),
    ("not json", "not JSON"),
])
def test_bad_lines_are_input_errors(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_cases(path)


def test_repeated_id_is_an_input_error(tmp_path: Path) -> None:
    line = '{"id": "a", "category": "agree", "headline": "h", "body": "b", "expected": "agree"}\n'
    path = tmp_path / "set.jsonl"
    path.write_text(line * 2, encoding="utf-8")
    with pytest.raises(InputError, match="repeats id"):
        read_cases(path)


def test_the_command_line_teaches_and_fails_in_one_line(tmp_path, capsys) -> None:
    from onrecord.evaluation.robustness import main

    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0 and "--verdict" in capsys.readouterr().out
    with pytest.raises(SystemExit) as e:
        main([str(tmp_path / "missing.jsonl"), "--verdict"])
    err = capsys.readouterr().err
    assert e.value.code == 2 and err.count("\n") == 1 and "cannot read" in err
