"""Train the FNC-1 stance model (``artifacts/stance.pkl``) and report it on a grouped dev split.

Dev split (deterministic, the same for every seed), from ``train_bodies.csv`` / ``train_stances.csv``:

1. Build a graph whose nodes are the headlines and Body IDs and whose edges are the *related* pairs
   (agree / disagree / discuss). Its connected components are FNC-1's claims (191 in the training
   set): every headline and every body has at least one related pair, and unrelated pairs (random
   re-pairings) always join two different components.
2. Order the components by ``sha256("fnc1-dev:" + smallest Body ID in the component)`` and move them
   to dev in that order until dev holds at least 20 % of the bodies.
3. dev = the pairs whose headline *and* body are in dev components; train = the pairs whose headline
   and body are both in train components. The unrelated pairs that cross the split (headline on one
   side, body on the other) are dropped, so no headline and no body is shared across the split.
   Consequence: dev has fewer unrelated pairs than FNC-1's 73 % (only re-pairings within dev claims
   survive), which makes its FNC % harsher than on the official test set.

Training (on the train part only; the shipped model never sees dev):

* fit the TF-IDF spaces of :class:`~onrecord.stance_features.FeatureExtractor` on train headlines and bodies;
* two ``HistGradientBoostingClassifier`` stages on the pair features: related vs. unrelated (all
  train pairs), then agree / disagree / discuss (related train pairs, classes weighted
  ``n / (3 · n_class)``, "balanced", which beat square-root-balanced weights on out-of-fold macro-F1);
  fixed iteration counts, no early stopping, ``random_state=seed``, one thread (deterministic, and
  polite on a shared machine);
* calibration: per stage, a temperature T fitted by minimum log-loss on out-of-fold probabilities
  (3 folds grouped by claim); the shipped probabilities are ``softmax(log p / T)``, which keeps each
  stage's argmax. The TF-IDF spaces are fitted once on all train text, also for these folds.
* the cross-encoder (model ``fnc1-xenc-v2``; ``epochs=0`` leaves the boosting-only ``fnc1-hgb2-v1``):
  the train claims are split again (:func:`validation_mask`, 15 % of train pairs by salted claim
  hash) into *fit* and *validation* claims. all-MiniLM-L6-v2 is fine-tuned
  (:mod:`onrecord.training.crossencoder`, :data:`CROSS_EPOCHS` epochs at batch :data:`CROSS_BATCH`, the
  best by validation macro-F1; on a CUDA GPU when PyTorch sees one) on the fit claims' related pairs
  plus :data:`NEGATION_SHARE` of them again with the headline negated and agree / disagree swapped
  (:mod:`onrecord.training.negation`), reading the headline against
  :func:`~onrecord.stance_features.evidence_passage`; it is exported as int8 ONNX
  (``artifacts/stance_xenc.onnx``, run by ONNX Runtime at inference). Stage two then becomes a
  logistic regression (the *stacker*) over the boosting stage's out-of-fold log-probabilities and
  the exported cross-encoder's logits, fitted on the validation claims' related pairs; a temperature
  fitted on its out-of-fold probabilities there (5 folds grouped by claim) calibrates it for claims
  it has not seen, and the decision weights are chosen on those tempered probabilities.

A plain word-overlap baseline (multinomial logistic regression on the Jaccard overlap of headline
and body content words, fitted on the same train part) is reported on the same dev pairs.

Run: ``python -m onrecord.training.stance --data ../shared/data/fnc1`` (train, report dev, write
the artifacts; ~25 min on 2 cores, needs PyTorch: ``pip install -e .[train]``), ``... --reuse-cross``
(same, but with the fine-tuned tensors a previous run cached) or ``... --eval-dev`` (report the shipped
artifact and the baseline on dev).
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from .. import models
from ..atomic import write_bytes
from ..evaluation.fnc import RELATED, Pair, read_bodies, read_stances
from ..evaluation.stance import classification_metrics, format_metrics
from ..stance_features import (
    LABELS,
    RELATED_LABELS,
    FeatureExtractor,
    StanceModel,
    content_words,
    decide,
    softmax_with_temperature,
    stack_inputs,
    tokenize,
)
from . import cache_dir, command_line, negation

DEFAULT_DATA = Path("../shared/data/fnc1")
DEV_SHARE = 0.20
SPLIT_SALT = "fnc1-dev:"
ARTIFACT = models.ARTIFACTS / "stance.pkl"
MODEL_ID = "fnc1-xenc-v2"
GBM_MODEL_ID = "fnc1-hgb2-v1"  # the model without its cross-encoder stage (epochs=0)
XENC_ARTIFACT = models.ARTIFACTS / "stance_xenc.onnx"
CROSS_EPOCHS = 3
CROSS_BATCH = 16
VALID_SHARE = 0.15
VALID_SALT = "fnc1-valid:"
CALIBRATION_FOLDS = 3
# Negated-headline pairs added to the cross-encoder's fit pairs, as a share of them (:mod:`.negation`).
NEGATION_SHARE = 0.2
# Extra passage score for a sentence with a refutation / negation word (stance_features.evidence_passage),
# for fine-tuning and reading alike. Session 13 tried 1.0 and did not keep it (BENCHMARKS.md); 0.0 is v2's recipe.
PASSAGE_CUE_BONUS = 0.0
# Calibrate the stacker with a temperature fitted on its out-of-fold probabilities (validation claims).
STACKER_TEMPERATURE = True
UNRELATED = LABELS.index("unrelated")
STAGE1_PARAMS: dict[str, Any] = dict(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=40,
                                     l2_regularization=1.0, early_stopping=False)
# Stage two's settings were chosen over three alternatives by out-of-fold macro-F1 on the train part.
STAGE2_PARAMS: dict[str, Any] = dict(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=50,
                                     l2_regularization=1.0, early_stopping=False)


@dataclass
class Split:
    """Pairs of each side, and each train pair's claim (component) id for grouped folds."""

    train: list[Pair]
    dev: list[Pair]
    train_groups: list[int]
    dropped: int


def claim_components(pairs: Sequence[Pair]) -> dict[str, int]:
    """Node ("h:<headline>" / "b:<Body ID>") -> component id over the related pairs (union–find)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        a, b = find("h:" + p.headline), find("b:" + p.body_id)
        if p.stance in RELATED and a != b:
            parent[a] = b
    roots = sorted({find(x) for x in list(parent)})
    ids = {r: i for i, r in enumerate(roots)}
    return {x: ids[find(x)] for x in parent}


def _body_key(body_id: str) -> tuple[int, str]:
    return (int(body_id), body_id) if body_id.isdigit() else (sys.maxsize, body_id)


def split(pairs: Sequence[Pair], dev_share: float = DEV_SHARE) -> Split:
    """The claim-grouped, headline-disjoint dev split described in the module docstring."""
    comp = claim_components(pairs)
    bodies_of: dict[int, set[str]] = {}
    for p in pairs:
        bodies_of.setdefault(comp["b:" + p.body_id], set()).add(p.body_id)
    n_bodies = sum(len(b) for b in bodies_of.values())

    def rank(c: int) -> str:
        return hashlib.sha256((SPLIT_SALT + min(bodies_of[c], key=_body_key)).encode()).hexdigest()

    dev_comps: set[int] = set()
    taken = 0
    for c in sorted(bodies_of, key=rank):
        if taken >= dev_share * n_bodies:
            break
        dev_comps.add(c)
        taken += len(bodies_of[c])
    train, dev, groups, dropped = [], [], [], 0
    for p in pairs:
        h_dev, b_dev = comp["h:" + p.headline] in dev_comps, comp["b:" + p.body_id] in dev_comps
        if h_dev and b_dev:
            dev.append(p)
        elif not h_dev and not b_dev:
            train.append(p)
            groups.append(comp["b:" + p.body_id])
        else:
            dropped += 1
    return Split(train, dev, groups, dropped)


def overlap(headline: str, body: str) -> float:
    """Jaccard overlap of the content words of headline and body."""
    h, b = content_words(tokenize(headline)), content_words(tokenize(body))
    return len(h & b) / len(h | b) if h | b else 0.0


class OverlapBaseline:
    """The plain word-overlap baseline: logistic regression on :func:`overlap` alone."""

    def fit(self, headlines: Sequence[str], bodies: Sequence[str], y: np.ndarray) -> "OverlapBaseline":
        self.lr = LogisticRegression(max_iter=1000).fit(self._x(headlines, bodies), y)
        return self

    def predict_proba(self, headlines: Sequence[str], bodies: Sequence[str]) -> np.ndarray:
        return _full_proba(self.lr, self.lr.predict_proba(self._x(headlines, bodies)))

    @staticmethod
    def _x(headlines: Sequence[str], bodies: Sequence[str]) -> np.ndarray:
        cache: dict[tuple[str, str], float] = {}
        return np.array([[cache.setdefault((h, b), overlap(h, b))] for h, b in zip(headlines, bodies)])


def _full_proba(clf: Any, proba: np.ndarray, n_classes: int = len(LABELS)) -> np.ndarray:
    """Probabilities in all ``n_classes`` columns, whatever subset of classes the classifier saw."""
    full = np.zeros((len(proba), n_classes))
    full[:, clf.classes_] = proba
    return full


def class_weights(y: np.ndarray, n_classes: int) -> dict[int, float]:
    """Balanced weights ``n / (n_classes · n_class)`` for the classes present in ``y``."""
    counts = np.bincount(y, minlength=n_classes)
    return {k: float(len(y) / (n_classes * counts[k])) for k in range(n_classes) if counts[k]}


def fit_temperature(proba: np.ndarray, y: np.ndarray) -> float:
    """The T > 0 minimizing the log-loss of ``softmax(log proba / T)``."""
    def nll(log_t: float) -> float:
        p = softmax_with_temperature(proba, float(np.exp(log_t)))
        return float(-np.log(np.clip(p[np.arange(len(y)), y], 1e-12, 1.0)).mean())

    return float(np.exp(minimize_scalar(nll, bounds=(-3.0, 3.0), method="bounded").x))


def fit_stages(X: np.ndarray, y: np.ndarray, seed: int) -> tuple[HistGradientBoostingClassifier, HistGradientBoostingClassifier]:
    """Stage one (related vs. unrelated) on all pairs; stage two (agree/disagree/discuss) on the related ones."""
    related = y != UNRELATED
    stage1 = HistGradientBoostingClassifier(random_state=seed, **STAGE1_PARAMS).fit(X, related.astype(int))
    y2 = y[related]
    stage2 = HistGradientBoostingClassifier(class_weight=class_weights(y2, len(RELATED_LABELS)), random_state=seed,
                                            **STAGE2_PARAMS).fit(X[related], y2)
    return stage1, stage2


def _texts(pairs: Sequence[Pair], bodies: dict[str, str]) -> tuple[list[str], list[str]]:
    return [p.headline for p in pairs], [bodies[p.body_id] for p in pairs]


def _labels(pairs: Sequence[Pair]) -> np.ndarray:
    return np.array([LABELS.index(p.stance) for p in pairs])  # type: ignore[arg-type]


def _log(progress: bool, msg: str) -> None:
    if progress:
        print(msg, file=sys.stderr, flush=True)


def fit_model(split_: Split, bodies: dict[str, str], seed: int = 0,
              progress: bool = True) -> tuple[StanceModel, np.ndarray, np.ndarray]:
    """Fit features, both stages and their temperatures on the train part of ``split_``; also return
    stage two's out-of-fold probabilities and the feature matrix of every train pair (the stacker's inputs)."""
    heads, texts = _texts(split_.train, bodies)
    y = _labels(split_.train)
    related = y != UNRELATED
    start = time.perf_counter()
    features = FeatureExtractor().fit(heads, [bodies[b] for b in sorted({p.body_id for p in split_.train}, key=_body_key)])
    X = features.transform(heads, texts)
    _log(progress, f"features: {X.shape[0]} x {X.shape[1]} in {time.perf_counter() - start:.0f} s")
    with threadpool_limits(limits=1):
        oof1, oof2 = np.zeros((len(y), 2)), np.zeros((len(y), len(RELATED_LABELS)))
        for k, (fit_idx, held_idx) in enumerate(GroupKFold(n_splits=CALIBRATION_FOLDS).split(X, y, split_.train_groups)):
            stage1, stage2 = fit_stages(X[fit_idx], y[fit_idx], seed)
            oof1[held_idx] = stage1.predict_proba(X[held_idx])
            oof2[held_idx] = _full_proba(stage2, stage2.predict_proba(X[held_idx]), len(RELATED_LABELS))
            _log(progress, f"calibration fold {k + 1}/{CALIBRATION_FOLDS} done ({time.perf_counter() - start:.0f} s)")
        temperatures = (fit_temperature(oof1, related.astype(int)), fit_temperature(oof2[related], y[related]))
        stage1, stage2 = fit_stages(X, y, seed)
    _log(progress, f"stages fitted, temperatures {temperatures[0]:.3f} / {temperatures[1]:.3f} ({time.perf_counter() - start:.0f} s)")
    info = {"train_pairs": len(y), "seed": seed, "features": X.shape[1]}
    return StanceModel(features, stage1, stage2, temperatures, GBM_MODEL_ID, info), oof2, X


def validation_mask(groups: Sequence[int], share: float = VALID_SHARE) -> np.ndarray:
    """Train pairs whose claim is held out for validation (claims ordered by a salted hash until
    ``share`` of the pairs): the cross-encoder's epoch choice and the stacker are fitted there."""
    groups = np.asarray(groups)
    chosen: set[int] = set()
    taken = 0
    for g in sorted(set(groups.tolist()), key=lambda g: hashlib.sha256(f"{VALID_SALT}{g}".encode()).hexdigest()):
        if taken >= share * len(groups):
            break
        chosen.add(g)
        taken += int((groups == g).sum())
    return np.isin(groups, list(chosen))


def _macro_f1(y: np.ndarray, logits: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y, logits.argmax(axis=1), average="macro", labels=[0, 1, 2], zero_division=0))


def _class_f1(y: np.ndarray, logits: np.ndarray, label: int) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y, logits.argmax(axis=1), average=None, labels=[label], zero_division=0)[0])


def stacker() -> Any:
    """Stage two's combiner: standardized inputs, multinomial logistic regression (C = 1)."""
    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))


def decision_weights(proba: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Weights (agree = 1, disagree, discuss = 1) maximizing the macro-F1 of ``decide(proba, weights)``
    over a small grid (ties: the smallest weight, i.e. the least departure from argmax).

    Only the rare class is weighted. Disagree is ~6 % of related pairs, and argmax under-calls it; agree
    (~a quarter of them) is not rare, and weighting it too (``fnc1-xenc-v1`` did, 1.25) added only ~0.01 of
    validation macro-F1 — within what one claim moves — while turning a hedged body's near-tie between
    agree and discuss into "agree" (the seed article's)."""
    grid = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)
    best = max(grid, key=lambda d: (_macro_f1(y, proba * np.array([1.0, d, 1.0])), -d))
    return 1.0, best, 1.0


def _torch_device() -> str:
    """Where the fine-tuning runs: a CUDA GPU when PyTorch sees one, else the CPU (same recipe, not the same
    arithmetic to the bit)."""
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def cross_cache(seed: int) -> Path:
    """Where the fine-tuned float32 tensors are kept between runs (outside the package; never shipped)."""
    bonus = f"-cue{PASSAGE_CUE_BONUS}" if PASSAGE_CUE_BONUS else ""
    return cache_dir() / f"stance-cross-seed{seed}-neg{NEGATION_SHARE}{bonus}.npz"


def write_cross_cache(tensors: dict[str, np.ndarray], seed: int) -> Path:
    """Keep fine-tuned tensors in :func:`cross_cache` (atomically), where ``--reuse-cross`` reads them."""
    cache = cross_cache(seed)
    cache.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    np.savez(buf, **tensors)
    write_bytes(cache, buf.getvalue())
    return cache


def fit_cross_stage(model: StanceModel, oof2: np.ndarray, X: np.ndarray, split_: Split, bodies: dict[str, str],
                    seed: int, epochs: int, progress: bool, reuse: bool = False) -> dict[str, Any]:
    """Fine-tune the cross-encoder on the related train pairs outside the validation claims (or, with
    ``reuse``, take the tensors a previous run left in :func:`cross_cache`), export it as int8 ONNX to
    :data:`XENC_ARTIFACT`, then fit the stacker on the validation claims' related pairs from the logits
    of exactly that exported model; attaches both to ``model``."""
    from .. import minilm
    from ..stance_features import evidence_passage
    from .crossencoder import MAX_LENGTH, export_onnx, fine_tune

    y = _labels(split_.train)
    related = y != UNRELATED
    valid = validation_mask(split_.train_groups)
    fit_idx, val_idx = np.flatnonzero(related & ~valid), np.flatnonzero(related & valid)
    heads = [p.headline for p in split_.train]
    model.passage_cue_bonus = PASSAGE_CUE_BONUS
    passages = {i: evidence_passage(heads[i], bodies[split_.train[i].body_id], cue_bonus=PASSAGE_CUE_BONUS)
                for i in np.flatnonzero(related)}
    base = models.load("minilm")
    cache = cross_cache(seed)
    start = time.perf_counter()
    history: list[dict[str, float]] = []
    fit_heads, fit_passages, fit_y = [heads[i] for i in fit_idx], [passages[i] for i in fit_idx], y[fit_idx]
    n_augmented = 0
    if NEGATION_SHARE > 0:
        aug = negation.augment(fit_heads, fit_passages, fit_y, models.load("spacy").pipe(fit_heads), NEGATION_SHARE, seed)
        n_augmented = len(aug[0])
        fit_heads, fit_passages, fit_y = fit_heads + aug[0], fit_passages + aug[1], np.concatenate([fit_y, aug[2]])
    if reuse and cache.exists():
        with np.load(cache) as f:
            tensors = {k: f[k] for k in f.files}
        _log(progress, f"cross-encoder: reusing the fine-tuned tensors in {cache}")
    else:
        _log(progress, f"cross-encoder: {len(fit_idx)} fit pairs + {n_augmented} negated, {len(val_idx)} validation "
                       f"pairs, {epochs} epochs")
        tensors, history = fine_tune(base, fit_heads, fit_passages, fit_y,
                                     ([heads[i] for i in val_idx], [passages[i] for i in val_idx], y[val_idx]),
                                     _macro_f1, epochs=epochs, seed=seed, progress=progress, batch=CROSS_BATCH,
                                     device=_torch_device())
        write_cross_cache(tensors, seed)
    seconds = time.perf_counter() - start
    export_onnx(base, tensors, XENC_ARTIFACT)
    # From here on, exactly what ships: the int8 ONNX graph under ONNX Runtime.
    model.cross = minilm.OnnxCrossEncoder(XENC_ARTIFACT, base, MAX_LENGTH)
    valid_figures = fit_stacker(model, oof2, X, split_, bodies)
    model.info.update(cross_max_length=MAX_LENGTH, cross_epochs=epochs, cross_batch=CROSS_BATCH,
                      cross_fit_pairs=len(fit_idx), cross_augmented_pairs=n_augmented, stacker_pairs=len(val_idx))
    _log(progress, f"cross-encoder: {seconds:.0f} s; validation macro-F1 by epoch "
                   + ", ".join(f"{h['valid_score']:.3f}" for h in history) + "; " + format_validation(valid_figures))
    return {"history": history, "seconds": seconds, "valid_pairs": len(val_idx), "validation": valid_figures}


def fit_stacker(model: StanceModel, oof2: np.ndarray, X: np.ndarray, split_: Split,
                bodies: dict[str, str]) -> dict[str, Any]:
    """Fit stage two's stacker and decision weights on the validation claims' related pairs from the
    logits of ``model.cross`` (the exported graph, exactly what ships); return the validation figures the
    recipe is judged by: the cross-encoder's own macro-F1, and the stacker's out-of-fold macro-F1 (5 folds
    grouped by claim) plain and with the decision weights."""
    from ..stance_features import evidence_passage

    y = _labels(split_.train)
    val_idx = np.flatnonzero((y != UNRELATED) & validation_mask(split_.train_groups))
    heads = [split_.train[i].headline for i in val_idx]
    val_logits = model.cross.logits(heads, [evidence_passage(h, bodies[split_.train[i].body_id],
                                                             cue_bonus=model.passage_cue_bonus)
                                            for h, i in zip(heads, val_idx)])
    Z = stack_inputs(oof2[val_idx], val_logits, X[val_idx])
    model.stacker = stacker().fit(Z, y[val_idx])
    # Out-of-fold stacked probabilities on the validation claims (5 folds grouped by claim) show how the
    # stacker behaves on claims it was not fitted on: a temperature fitted there calibrates it (in-sample
    # it is overconfident on new claims: T ~ 1.6-1.8), then decision weights for macro-F1 on the tempered ones.
    raw_oof = cross_val_predict(stacker(), Z, y[val_idx],
                                groups=np.asarray(split_.train_groups)[val_idx], cv=GroupKFold(n_splits=5),
                                method="predict_proba")
    model.stacker_temperature = fit_temperature(raw_oof, y[val_idx]) if STACKER_TEMPERATURE else None
    oof_stacked = softmax_with_temperature(raw_oof, model.stacker_temperature or 1.0)
    model.decision_weights = (*decision_weights(oof_stacked, y[val_idx]), 1.0)
    model.model_id = MODEL_ID
    weighted = oof_stacked * np.array(model.decision_weights[:3])
    return {"cross_macro_f1": _macro_f1(y[val_idx], val_logits), "stacked_macro_f1": _macro_f1(y[val_idx], oof_stacked),
            "stacker_temperature": model.stacker_temperature, "raw_stacked_ece": _ece(y[val_idx], raw_oof),
            "decision_weights": list(model.decision_weights[:3]), "weighted_macro_f1": _macro_f1(y[val_idx], weighted),
            "cross_disagree_f1": _class_f1(y[val_idx], val_logits, RELATED_LABELS.index("disagree")),
            "weighted_disagree_f1": _class_f1(y[val_idx], weighted, RELATED_LABELS.index("disagree")),
            "stacked_ece": _ece(y[val_idx], oof_stacked)}


def _ece(y: np.ndarray, proba3: np.ndarray) -> float:
    """Top-label ECE of stage-two probabilities (agree / disagree / discuss) against labels ``y``."""
    from ..evaluation.stance import expected_calibration_error

    full = np.hstack([proba3, np.zeros((len(proba3), 1))])
    return expected_calibration_error([LABELS[int(j)] for j in y], full)


def format_validation(v: dict[str, Any]) -> str:
    return (f"validation claims: cross-encoder macro-F1 {v['cross_macro_f1']:.3f} (disagree {v['cross_disagree_f1']:.3f}); "
            f"stacked out-of-fold {v['stacked_macro_f1']:.3f}, with decision weights {tuple(v['decision_weights'])} "
            f"{v['weighted_macro_f1']:.3f} (disagree {v['weighted_disagree_f1']:.3f}); ECE {v['raw_stacked_ece']:.3f}, "
            f"with temperature {v['stacker_temperature'] or 1.0:.3f} {v['stacked_ece']:.3f}")


def load_split(data: Path) -> tuple[Split, dict[str, str]]:
    bodies = read_bodies(data / "train_bodies.csv")
    return split(read_stances(data / "train_stances.csv")), bodies


def dev_report(predict: Any, split_: Split, bodies: dict[str, str], title: str,
               weights: Sequence[float] | None = None) -> dict[str, Any]:
    """Predict the dev pairs with ``predict(headlines, bodies) -> proba``, decide labels with the model's
    decision ``weights`` (:func:`~onrecord.stance_features.decide`), print and return metrics."""
    heads, texts = _texts(split_.dev, bodies)
    start = time.perf_counter()
    proba = predict(heads, texts)
    seconds = time.perf_counter() - start
    pred = decide(proba, weights)
    comp = claim_components(split_.dev)  # the unit the split is grouped by
    m = classification_metrics([p.stance for p in split_.dev], [LABELS[j] for j in pred], proba,  # type: ignore[misc]
                               groups=[comp["b:" + p.body_id] for p in split_.dev], unit="claims")
    m["pairs_per_second"] = len(heads) / seconds if seconds > 0 else float("inf")
    print(format_metrics(title, m))
    print(f"{len(heads)} pairs in {seconds:.1f} s = {m['pairs_per_second']:.0f} pairs/s\n")
    return m


def baseline_report(split_: Split, bodies: dict[str, str]) -> dict[str, Any]:
    heads, texts = _texts(split_.train, bodies)
    baseline = OverlapBaseline().fit(heads, texts, _labels(split_.train))
    return dev_report(baseline.predict_proba, split_, bodies, "dev: word-overlap baseline")


def describe(split_: Split) -> str:
    def dist(pairs: Sequence[Pair]) -> str:
        n = max(len(pairs), 1)
        return ", ".join(f"{lab} {100 * sum(p.stance == lab for p in pairs) / n:.1f}%" for lab in LABELS)

    return (f"split: train {len(split_.train)} pairs / {len({p.body_id for p in split_.train})} bodies ({dist(split_.train)}); "
            f"dev {len(split_.dev)} pairs / {len({p.body_id for p in split_.dev})} bodies ({dist(split_.dev)}); "
            f"{split_.dropped} crossing unrelated pairs dropped")


def train(data: Path = DEFAULT_DATA, seed: int = 0, progress: bool = True, epochs: int = CROSS_EPOCHS,
          reuse_cross: bool = False) -> dict[str, Any]:
    """Rebuild ``artifacts/stance.pkl`` from FNC-1 in ``data``; return dev metrics (model and baseline)."""
    split_, bodies = load_split(Path(data))
    print(describe(split_))
    start = time.perf_counter()
    model, oof2, X = fit_model(split_, bodies, seed, progress)
    cross = fit_cross_stage(model, oof2, X, split_, bodies, seed, epochs, progress, reuse_cross) if epochs > 0 else None
    train_seconds = time.perf_counter() - start
    print(f"training time {train_seconds:.0f} s")
    dev = dev_report(model.predict_proba, split_, bodies, f"dev: {model.model_id}", model.decision_weights)
    baseline = baseline_report(split_, bodies)
    model.info.update(dev_fnc_percent=round(dev["fnc_percent"], 2), dev_macro_f1=round(dev["macro_f1"], 4))
    tmp = ARTIFACT.with_suffix(".pkl.tmp")
    with open(tmp, "wb") as f:
        pickle.dump(model, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(ARTIFACT)
    cross_info = ({"cross_file": XENC_ARTIFACT.name, "cross_sha256": models.sha256_file(XENC_ARTIFACT)}
                  if cross is not None else {})
    models.record_artifact("stance", ARTIFACT, model=model.model_id, seed=seed, trained_on="FNC-1 train split (dev held out)",
                           **cross_info,
                           dev_fnc_percent=f"{dev['fnc_percent']:.2f}", dev_macro_f1=f"{dev['macro_f1']:.4f}")
    models.clear_cache()
    print(f"wrote {ARTIFACT} ({ARTIFACT.stat().st_size / 1e6:.1f} MB)")
    return {"model": dev, "baseline": baseline, "train_seconds": train_seconds, "split": describe(split_)}


def eval_dev(data: Path = DEFAULT_DATA) -> dict[str, Any]:
    """Report the shipped artifact and the overlap baseline on the dev split."""
    from ..analyzers.stance import predict_proba

    split_, bodies = load_split(Path(data))
    print(describe(split_))
    shipped = models.load("stance")
    model = dev_report(predict_proba, split_, bodies, f"dev: shipped {shipped.model_id}", shipped.decision_weights)
    return {"model": model, "baseline": baseline_report(split_, bodies)}


def main(argv: Sequence[str] | None = None) -> None:
    command_line("stance", __doc__, train, data_help="folder with train_bodies.csv and train_stances.csv",
                 default_data=DEFAULT_DATA, eval_dev=eval_dev, argv=argv,
                 flags={"reuse-cross": "take the fine-tuned cross-encoder tensors a previous run cached "
                                       "(~/.cache/onrecord) instead of fine-tuning again (~25 min)"})


if __name__ == "__main__":
    main()
