"""Emergent's cross-encoder stage: the stacked model, and the cross-fitting that trains it honestly."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from onrecord.claimstance import (
    LABELS,
    ClaimStanceModel,
    FeatureExtractor,
    stack_inputs,
)
from onrecord.corroborate import Params
from onrecord.evaluation.emergent import Row
from onrecord.training import emergent as training

CLAIMS = [f"Claim number {k} about topic {k} happened" for k in range(12)]
HEADLINES = {"for": "{c} today, officials confirm", "against": "{c}? Officials deny it, a hoax",
             "observing": "Report: {c}, reportedly"}


def synthetic_rows() -> list[Row]:
    """12 claims, each with one headline per stance from a different outlet (plus a second 'for')."""
    rows = []
    for k, claim in enumerate(CLAIMS):
        for j, stance in enumerate((*LABELS, "for")):
            rows.append(Row(f"a{k}-{j}", f"c{k}", claim, HEADLINES[stance].format(c=claim) + " " * j, f"o{j}",
                            stance, ("true", "false", "unknown")[k % 3]))
    return rows


class FakeCross:
    """Stands in for minilm.CrossEncoder: logits favouring 'against' when the headline says 'deny'."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], list[str]]] = []

    def logits(self, a: list[str], b: list[str]) -> np.ndarray:
        self.calls.append((a, b))
        return np.array([[0.0, 3.0 if "deny" in h else -3.0, 0.0] for h in b], dtype=np.float32)


def lr_only_model(rows: list[Row]) -> ClaimStanceModel:
    claims, heads = [r.claim for r in rows], [r.headline for r in rows]
    fe = FeatureExtractor(min_df=1).fit(claims, heads)
    clf = LogisticRegression(max_iter=1000).fit(fe.transform(claims, heads), [LABELS.index(r.stance) for r in rows])
    return ClaimStanceModel(fe, clf, Params(), "test-lr", {})


def test_stacked_model_uses_the_cross_encoder_and_never_pickles_it() -> None:
    rows = synthetic_rows()
    model = lr_only_model(rows)
    claims, heads = [r.claim for r in rows], [r.headline for r in rows]
    lr = model.predict_proba(claims, heads)
    y = np.array([LABELS.index(r.stance) for r in rows])
    model.stacker = LogisticRegression(max_iter=1000).fit(stack_inputs(lr, FakeCross().logits(claims, heads)), y)
    with pytest.raises(RuntimeError, match="cross-encoder"):
        model.predict_proba(claims[:1], heads[:1])
    model.cross = FakeCross()
    got = model.predict_proba(claims[:3], heads[:3])
    assert model.cross.calls == [(claims[:3], heads[:3])]  # (claim, headline) pairs, in that order
    expected = model.stacker.predict_proba(stack_inputs(lr[:3], FakeCross().logits(claims[:3], heads[:3])))
    np.testing.assert_allclose(got, expected)
    assert model.predict_proba([], []).shape == (0, 3)
    back = pickle.loads(pickle.dumps(model))
    assert back.cross is None and back.stacker is not None and model.cross is not None


def test_models_pickled_before_the_stacker_still_load() -> None:
    model = lr_only_model(synthetic_rows())
    state = {k: v for k, v in vars(model).items() if k not in ("stacker", "cross")}  # an emergent-lr-v1 pickle
    old = ClaimStanceModel.__new__(ClaimStanceModel)
    old.__setstate__(state)
    assert old.stacker is None and old.cross is None
    np.testing.assert_allclose(old.predict_proba(CLAIMS[:1], ["A headline"]), model.predict_proba(CLAIMS[:1], ["A headline"]))


def test_stack_inputs_clip_zero_probabilities() -> None:
    z = stack_inputs(np.array([[1.0, 0.0, 0.0]]), np.array([[1.0, 2.0, 3.0]], dtype=np.float32))
    assert z.shape == (1, 6) and np.isfinite(z).all() and z[0, 1] == pytest.approx(np.log(1e-6))


def test_score_functions_record_and_pick_epochs() -> None:
    rec = training.EpochLogits()
    assert rec(np.array([0, 1]), np.array([[2.0, 0, 0], [2.0, 0, 0]])) == 0.5
    assert rec(np.array([0, 1]), np.array([[2.0, 0, 0], [0, 2.0, 0]])) == 1.0
    assert len(rec.logits) == 2
    keep = training.keep_epoch(2)
    assert [keep(np.zeros(0), np.zeros((0, 3))) for _ in range(3)] == [0.0, 1.0, 0.0]


def test_cross_out_of_fold_holds_each_claim_out(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = synthetic_rows()
    fits: list[set[str]] = []

    def fake_fine_tune(enc, a, b, y, valid, score, epochs, seed, progress, max_steps, snapshots=None):
        fitted = {r.claim_id for r in rows if r.claim in a}
        fits.append(fitted)
        held_claims = set(valid[0])
        assert not held_claims & set(a)  # claim-disjoint
        for e in range(epochs):  # logits encode (which fold's model, which epoch)
            score(valid[2], np.full((len(valid[0]), 3), 10.0 * len(fits) + e))
        return {}, []

    monkeypatch.setattr("onrecord.training.crossencoder.fine_tune", fake_fine_tune)
    out = training.cross_out_of_fold(None, rows, epochs=2, seed=0, progress=False)
    assert out.shape == (2, len(rows), 3) and len(fits) == training.CROSS_FOLDS
    for i, r in enumerate(rows):
        fold = int(out[0, i, 0] // 10)
        assert r.claim_id not in fits[fold - 1]  # each row predicted by the model that did not see its claim
        assert out[1, i, 0] == out[0, i, 0] + 1  # second epoch's logits recorded separately


def test_stacked_probabilities_are_out_of_fold() -> None:
    rows = synthetic_rows()
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(len(rows), 6))
    base = training.stacked_out_of_fold(Z, rows)
    flipped = [Row(r.article_id, r.claim_id, r.claim, r.headline, r.outlet,
                   "against" if r.claim_id == "c0" else r.stance, r.truth) for r in rows]
    moved = training.stacked_out_of_fold(Z, flipped)
    c0 = np.array([r.claim_id == "c0" for r in rows])
    np.testing.assert_allclose(moved[c0], base[c0])  # a claim's own labels never shape its probabilities
    assert not np.allclose(moved[~c0], base[~c0])


def test_fit_model_end_to_end(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Steps 1-4 with PyTorch's fine-tuning replaced by a head on the base MiniLM: one artifact per fold is
    written from that fold's tensors after the chosen epoch, the shipped ensemble is attached, and the model
    predicts."""
    rng = np.random.default_rng(0)
    runs: list[int] = []

    def fake_fine_tune(enc, a, b, y, valid, score, epochs, seed, progress, max_steps, snapshots=None):
        runs.append(len(a))
        for e in range(epochs):
            score(valid[2], rng.normal(size=(len(valid[0]), 3)))
            if snapshots is not None:  # each fold's epoch leaves a head whose bias names (fold, epoch)
                snapshots.append({"head.weight": rng.normal(scale=0.1, size=(3, 384)).astype(np.float32),
                                  "head.bias": np.array([len(runs), e + 1, 0.0], dtype=np.float32)})
        return {}, []

    monkeypatch.setattr("onrecord.training.crossencoder.fine_tune", fake_fine_tune)
    paths = tuple(tmp_path / f"xenc_{k}.npz" for k in range(training.CROSS_FOLDS))
    monkeypatch.setattr(training, "XENC_ARTIFACTS", paths)
    monkeypatch.setattr(training, "RESTATED_SHARE", 0.0)  # exact pair counts; restated pairs have their own test
    rows = synthetic_rows()
    model = training.fit_model(rows, seed=0, progress=False, epochs=2)
    assert runs == [36] * training.CROSS_FOLDS  # folds of 9 claims; no fine-tune on all claims
    assert all(p.exists() for p in paths) and model.model_id == training.MODEL_ID
    chosen = model.info["cross_epochs"]
    members = model.cross.members
    assert [m.head_b[:2].tolist() for m in members] == [[k + 1, chosen] for k in range(training.CROSS_FOLDS)]
    assert model.info["cross_max_length"] == 128 and model.stacker is not None
    claims, heads = CLAIMS[:2], ["Officials deny it", "It happened"]
    np.testing.assert_allclose(model.cross.logits(claims, heads), np.mean([m.logits(claims, heads) for m in members], axis=0),
                               rtol=1e-5, atol=1e-6)
    proba = model.predict_proba(claims, heads)
    assert proba.shape == (2, 3) and np.allclose(proba.sum(axis=1), 1.0)


def write_fnc1(folder: Path, bodies: dict[str, str], stances: list[tuple[str, str, str]]) -> Path:
    import csv

    folder.mkdir()
    with open(folder / "train_bodies.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([("Body ID", "articleBody"), *bodies.items()])
    with open(folder / "train_stances.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([("Headline", "Body ID", "Stance"), *stances])
    return folder


def test_pretraining_pairs_use_only_train_claims(tmp_path: Path) -> None:
    """FNC-1 claims (components of related pairs) are kept only when they touch a train claim and no dev one;
    unrelated pairs and claims of no known split are left out; labels map agree/disagree/discuss."""
    rows = synthetic_rows()
    train, dev = rows[:8], rows[8:]  # claims c0, c1 | c2 ...
    bodies = {str(k): f"Body {k}. It says many things. About claim {k}." for k in range(6)}
    stances = [
        (train[0].claim.upper() + "!", "0", "agree"),       # a train claim (case and punctuation ignored)
        ("Another headline on the same story", "0", "disagree"),  # same component via body 0
        ("Another headline on the same story", "1", "discuss"),
        (dev[0].headline, "2", "agree"),                    # a dev headline: its claim is dropped ...
        ("Shares body 2 with the dev headline", "2", "discuss"),
        ("Shares body 2 with the dev headline", "3", "agree"),
        (train[4].headline, "3", "agree"),                  # ... even where a train headline joins it
        ("Nobody knows this story", "4", "agree"),          # no known split: dropped
        (train[0].claim, "5", "unrelated"),                 # unrelated: never a pair
    ]
    a, b, y = training.pretraining_pairs(write_fnc1(tmp_path / "fnc1", bodies, stances), train, dev)
    assert a == [train[0].claim.upper() + "!", "Another headline on the same story", "Another headline on the same story"]
    assert [LABELS[i] for i in y] == ["for", "against", "observing"]
    assert b[0].startswith("Body 0.") and b[2].startswith("Body 1.")


def test_fit_model_pretrains_then_starts_every_fine_tune_from_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    seen: list[tuple[int, float]] = []
    probe = "encoder.layer.0.output.dense.bias"

    def fake_fine_tune(enc, a, b, y, valid, score, epochs, seed, progress, max_steps, snapshots=None):
        seen.append((len(a), float(enc.w[probe][0])))
        tensors = {probe: np.full(384, 7.0, dtype=np.float32),
                   "head.weight": rng.normal(scale=0.1, size=(3, 384)).astype(np.float32),
                   "head.bias": np.zeros(3, dtype=np.float32)}
        for _ in range(epochs):
            score(valid[2], rng.normal(size=(len(valid[0]), 3)))
            if snapshots is not None:
                snapshots.append(tensors)
        return tensors, []

    monkeypatch.setattr("onrecord.training.crossencoder.fine_tune", fake_fine_tune)
    monkeypatch.setattr(training, "XENC_ARTIFACTS", tuple(tmp_path / f"xenc_{k}.npz" for k in range(training.CROSS_FOLDS)))
    monkeypatch.setattr(training, "RESTATED_SHARE", 0.0)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    rows = synthetic_rows()
    pairs = (["h1", "h2"], ["p1", "p2"], np.array([0, 2]))
    model = training.fit_model(rows, seed=0, progress=False, epochs=2, pretraining=pairs)
    assert seen[0][0] == 2 and seen[0][1] != 7.0  # pre-training first, from the base weights
    assert [n for n, _ in seen[1:]] == [36] * training.CROSS_FOLDS
    assert all(v == 7.0 for _, v in seen[1:])  # every fold starts from the pre-trained encoder
    assert model.info["cross_pretraining_pairs"] == 2
    assert training.pretrain_cache(pairs, 0, None).exists()
    seen.clear()
    training.fit_model(rows, seed=0, progress=False, epochs=2, pretraining=pairs, reuse_pretrained=True)
    assert [n for n, _ in seen] == [36] * training.CROSS_FOLDS  # the cached pre-training is reused, not redone
    assert all(v == 7.0 for _, v in seen)
    assert training.pretrain_cache(pairs, 1, None) != training.pretrain_cache(pairs, 0, None)


def test_train_needs_fnc1_for_the_cross_encoder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from onrecord.errors import InputError

    rows = synthetic_rows()
    monkeypatch.setattr(training, "load_split", lambda data: training.Split(rows[:8], rows[8:]))
    with pytest.raises(InputError, match="pre-trained on FNC-1"):
        training.train(tmp_path / "emergent", progress=False)


def folds_seen(monkeypatch: pytest.MonkeyPatch, rows: list[Row], negation: float, restated: float
               ) -> list[tuple[list[str], list[str], np.ndarray, list[str]]]:
    """Run ``cross_out_of_fold`` with these augmentation shares and a recording stand-in for the fine-tune:
    each fold's fit claims, fit headlines and labels, and its held-out headlines."""
    seen: list[tuple[list[str], list[str], np.ndarray, list[str]]] = []

    def fake_fine_tune(enc, a, b, y, valid, score, epochs, seed, progress, max_steps, snapshots=None):
        seen.append((list(a), list(b), np.asarray(y), list(valid[1])))
        assert not set(valid[0]) & set(a)  # the added pairs keep the folds claim-disjoint
        for _ in range(epochs):
            score(valid[2], np.zeros((len(valid[0]), 3)))
        return {}, []

    monkeypatch.setattr("onrecord.training.crossencoder.fine_tune", fake_fine_tune)
    monkeypatch.setattr(training, "NEGATION_SHARE", negation)
    monkeypatch.setattr(training, "RESTATED_SHARE", restated)
    training.cross_out_of_fold(None, rows, epochs=1, seed=0, progress=False)
    return seen


def test_cross_out_of_fold_can_add_negated_headlines(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = synthetic_rows()
    seen = folds_seen(monkeypatch, rows, negation=0.5, restated=0.0)
    from onrecord import models
    from onrecord.training.negation import negate

    nlp = models.load("spacy")
    by_text = {(r.claim, r.headline) for r in rows}
    expected = {(r.claim, negate(nlp(r.headline)), {0: 1, 1: 0, 2: 2}[LABELS.index(r.stance)]) for r in rows}
    for a, b, y, _ in seen:
        added = [(c, h, int(lab)) for c, h, lab in zip(a, b, y) if (c, h) not in by_text]
        assert 0 < len(added) <= len(a) // 2 + 1
        assert set(added) <= expected  # each a negated headline of the fold, for <-> against swapped
        assert {lab for _, _, lab in added} == {0, 1}  # "for" rows became "against" and the reverse


def test_cross_out_of_fold_adds_restated_claims_within_each_fold(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = synthetic_rows()
    rows.append(Row("extra", "c0", CLAIMS[0], "A second outlet asserts it in other words", "o9", "for", "true"))
    seen = folds_seen(monkeypatch, rows, negation=0.0, restated=1.0)
    claims = {r.claim for r in rows}
    row_of = {r.headline: r for r in rows}
    assert len(seen) == training.CROSS_FOLDS
    for a, b, y, held_heads in seen:
        added = [(c, h, int(lab)) for c, h, lab in zip(a, b, y) if c not in claims]
        assert added  # claim c0's rows have "for" headlines that restate it differently
        for restatement, head, label in added:
            anchor, row = row_of[restatement], row_of[head]
            assert anchor.stance == "for" and anchor.claim_id == row.claim_id and anchor is not row
            assert LABELS[label] == row.stance  # a headline keeps its own stance towards the restatement
        assert not {c for c, _, _ in added} & set(held_heads)  # restatements come from the fit folds only
