"""The trained hedging model: its features (shared with the rules), fitting, and the analyzer switch."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from onrecord.analyzers import hedging
from onrecord.evaluation import szeged
from onrecord.nlp import get_nlp
from onrecord.training import hedging as training


def _features(sentence: str) -> dict[str, float]:
    return hedging.features(get_nlp()(sentence))


def test_features_carry_the_rules_evidence() -> None:
    doc = get_nlp()("It is not clear whether the vote could be delayed, he believes.")
    f = hedging.features(doc)
    assert f["rules"] == hedging.speculation_score(hedging.find_cues(doc))  # the rules' own score
    assert f["cue=whether:max"] == hedging.STRONG and f["type=investigation:n"] == 1.0
    assert f["cue=clear:max"] == hedging.MEDIUM  # "not clear" is keyed by its lexicon word
    assert f["type=doxastic:max"] == hedging.STRONG and f["cue=believe:n"] == 1.0
    assert {"word=clear", "word=whether", "word=could", "word=believe"} <= set(f)


def test_features_see_words_the_rules_reject() -> None:
    f = _features("The vote took place on May 20.")
    assert f == {"rules": 0.0, "word=may": 1.0}  # the month: a lexicon word but no cue
    assert _features("The sky is blue.") == {"rules": 0.0}


def _synthetic_split(name: str, n_docs: int) -> tuple:
    """Documents of four sentences: two hedged by "may" (a cue), two plain, one with the month May."""
    sentences: list[szeged.CorpusSentence] = []
    feats: list[dict[str, float]] = []
    for d in range(n_docs):
        for k in range(4):
            hedged = k < 2
            cues = [szeged.Cue("may", 0, 3, "epistemic")] if hedged else []
            sentences.append(szeged.CorpusSentence(name, f"doc{d}", len(sentences), "", "x", cues))
            feats.append({"rules": 0.9, "cue=may:max": 0.9, "word=may": 1.0} if hedged
                         else {"rules": 0.0, "word=may": 1.0} if k == 2 else {"rules": 0.0})
    cut = len(sentences) * 3 // 4
    return sentences[:cut], feats[:cut], sentences[cut:], feats[cut:]


def test_train_on_learns_reports_and_is_deterministic() -> None:
    splits = {"wiki.xml": _synthetic_split("wiki.xml", 12), "bio_x.xml": _synthetic_split("bio_x.xml", 8)}
    model, dev = training.train_on(splits, seed=0)
    assert dev["wiki.xml"]["trained"]["f1"] == 1.0 and dev["wiki.xml"]["rules"]["f1"] == 1.0
    assert dev["bio_mean_f1"] == {"rules": 1.0, "trained": 1.0}
    assert 0.05 <= model["info"]["cv_threshold"] <= 0.95
    proba = model["classifier"].predict_proba(model["vectorizer"].transform([{"rules": 0.9, "cue=may:max": 0.9},
                                                                             {"rules": 0.0, "word=may": 1.0}]))[:, 1]
    assert proba[0] >= hedging.THRESHOLD > proba[1]
    again, _ = training.train_on(splits, seed=0)
    assert pickle.dumps(again) == pickle.dumps(model)


def test_prf_counts_the_uncertain_class() -> None:
    gold = np.array([1, 1, 0, 0], dtype=bool)
    assert training.prf(gold, np.array([1, 0, 1, 0], dtype=bool))["f1"] == 0.5
    assert training.prf(gold, np.zeros(4, dtype=bool))["f1"] == 0.0


def test_analyzer_uses_the_trained_score_only_when_switched_on(monkeypatch: pytest.MonkeyPatch) -> None:
    splits = {"wiki.xml": _synthetic_split("wiki.xml", 12), "bio_x.xml": _synthetic_split("bio_x.xml", 8)}
    model, _ = training.train_on(splits, seed=0)
    doc, month = get_nlp()("The talks may collapse next week."), get_nlp()("The vote took place on May 20.")
    monkeypatch.setattr(hedging.models, "load", {"hedging": model}.__getitem__)
    monkeypatch.setattr(hedging, "USE_TRAINED", False)
    rules = hedging.score(doc)
    monkeypatch.setattr(hedging, "USE_TRAINED", True)
    trained = hedging.score(doc)
    x = model["vectorizer"].transform([hedging.features(doc)])
    assert trained.score == round(float(model["classifier"].predict_proba(x)[0, 1]), 4) != rules.score
    assert trained.speculative and trained.cues == rules.cues  # the cues still come from the rules
    assert not hedging.score(month).speculative
