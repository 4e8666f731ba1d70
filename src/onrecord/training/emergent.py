"""Train the headline–claim stance model and the corroboration rules (``artifacts/emergent.pkl`` and its
cross-encoders ``artifacts/emergent_xenc_1.onnx`` … ``_4.onnx``) on Emergent.

Dev split (deterministic, the same for every seed), claim-disjoint: the claims of ``edata_train.csv`` are
ordered by ``sha256("emergent-dev:" + claimId)`` and the first 20 % (rounded) are dev; every article goes with
its claim. Nothing below sees the dev claims; dev is only reported.

Training, on the train claims only (model ``emergent-xenc-v3``; ``-v2`` shipped one more fine-tune on all train
claims instead of the fold models; ``-v1`` had no pre-training):

1. **Logistic regression.** :class:`~onrecord.claimstance.FeatureExtractor` fitted on the train claims and
   headlines; multinomial logistic regression with balanced class weights; its C picked from :data:`C_GRID`
   by claim-grouped 5-fold out-of-fold stance accuracy; its out-of-fold probabilities at that C kept; the final
   classifier refitted on all train claims.
2. **Cross-encoder, cross-fitted.** all-MiniLM-L6-v2, first pre-trained for :data:`PRETRAIN_EPOCHS` epoch on
   FNC-1's related (headline, body) pairs *of the Emergent train claims* (:func:`pretraining_pairs`: agree →
   for, disagree → against, discuss → observing; the body read as
   :func:`onrecord.stance_features.evidence_passage`), then fine-tuned
   (:func:`onrecord.training.crossencoder.fine_tune`) on ``[CLS] claim [SEP] headline [SEP]`` → for / against /
   observing. The train claims are cut into
   :data:`CROSS_FOLDS` claim-grouped folds; for each fold a cross-encoder is fine-tuned on the other folds for
   :data:`CROSS_EPOCHS` epochs and its logits on the held-out fold are recorded after every epoch. (With
   :data:`RESTATED_SHARE` > 0 the fit pairs are extended by :func:`restated_claim_pairs`: the claim restated by
   another outlet's headline of it that asserts it; measured in session 15, not kept.) That gives
   honest out-of-fold logits for *every* train headline, after every epoch. The epoch count is the one whose
   out-of-fold logits are most accurate (ties: fewer epochs). The four fold models after that epoch ship as a
   bag (int8 ONNX graphs, :data:`XENC_ARTIFACTS`; their logits averaged at inference): they are the very models
   whose out-of-fold logits the stacker and the rules below are fitted on.
3. **Stacker.** A logistic regression (C = 1, unweighted: accuracy is the target) over the logistic
   regression's out-of-fold log-probabilities and the cross-encoder's out-of-fold logits
   (:func:`~onrecord.claimstance.stack_inputs`), fitted on all train headlines.
4. **Corroboration rules.** :class:`~onrecord.corroborate.Params` fitted (:func:`onrecord.corroborate.fit`) on
   the train claims' veracity from *out-of-fold stacked* probabilities: the stacker refitted on 5 claim-grouped
   folds of the out-of-fold inputs, each fold predicted by the stacker that did not see it. So every
   probability the rules are fitted on comes from models that never saw that claim — as noisy as at inference.

Why pre-train on FNC-1, and why only on those claims: FNC-1 was built from Emergent — its headlines are
Emergent's article headlines, its bodies those articles' bodies, its labels their stance. Whether an article
asserts or merely reports a claim is the same question for a body as for a headline, so the pairs teach the
model what Emergent's 1,570 headlines alone cannot (claim-grouped out-of-fold accuracy of the cross-encoder
0.748 → 0.764, seed 0; 0.785 when FNC-1 claims of no known split are used too, which we do not do). FNC-1 pairs are grouped into claims (connected components of related pairs) and a
claim is used only when one of its headlines is, after normalisation, an Emergent *train* claim or headline
and none is a dev one: the dev claims stay unseen, and so do claims of no known split (a held-back Emergent
test set's, for instance). That keeps 7,178 of FNC-1's 13,427 related pairs (127 of 191 claims).

Why cross-fitting rather than one validation carve-out (as the FNC-1 stance training does): Emergent's train
part is small (1570 headlines, 192 claims). One carve-out of ~20 % of the claims would leave the rules ~38
claims to fit five parameters on (or in-sample cross-encoder probabilities, far more confident than at
inference), and the stacker ~300 headlines. Emergent's pairs are short (median 29 word pieces, 99th
percentile ~54), so the folds are affordable: on two shared CPU cores each fold's fine-tune (4 epochs, ~1180
headlines) took ~90-135 s, the pre-training ~350-530 s, the whole training 800-1,100 s (seed 0; the run prints
these times). ``--reuse-pretrained`` takes the pre-trained tensors a run with the same inputs cached.
What is not exact: the stacker and the rules learn from float32 PyTorch logits of single fold models, and read
at inference the mean logits of the four, int8 (averaging makes them somewhat less extreme).

The cross-encoder reads at most ``crossencoder.MAX_LENGTH`` (128) word pieces, recorded as
``info["cross_max_length"]`` (``fine_tune`` tokenizes at that limit, so inference uses the same); batches are
padded only to their longest pair, so cost follows the real lengths — a 64 cap would touch only the 0.4 % of
train pairs that are longer (not measured separately).

Reported on dev: stance accuracy / macro-F1 (and the majority class), veracity accuracy from the predicted
stances (and the majority class of the train claims), as a ceiling veracity from the gold stances, and the
prediction speed. ``train(..., epochs=0)`` rebuilds the logistic-regression-only model (``emergent-lr-v1``).

Run: ``python -m onrecord.training.emergent --data ../shared/data/emergent`` (train, report dev, write the
artifacts; FNC-1 is read from ``fnc1/`` beside the Emergent folder) or ``... --eval-dev`` (report the shipped
artifact on dev).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import pickle
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from .. import corroborate, models
from ..atomic import write_bytes
from ..claimstance import LABELS, ClaimStanceModel, FeatureExtractor, stack_inputs
from ..errors import InputError
from ..evaluation.emergent import (
    Row,
    claims_of,
    predict,
    read_rows,
    report,
    reports,
    score,
)
from . import cache_dir, command_line, negation

DEFAULT_DATA = Path("../shared/data/emergent")
FILE = "edata_train.csv"
DEV_SHARE = 0.20
SPLIT_SALT = "emergent-dev:"
ARTIFACT = models.ARTIFACTS / "emergent.pkl"
MODEL_ID = "emergent-xenc-v3"  # v3: the four cross-fitted fold cross-encoders shipped as a bag (ONNX int8)
LR_MODEL_ID = "emergent-lr-v1"  # the model without its cross-encoder (epochs=0)
FOLDS = 5
C_GRID = (0.5, 1.0, 2.0)
CROSS_FOLDS = 4
# The shipped cross-encoders: one int8 ONNX graph per cross-fitting fold, their logits averaged.
XENC_ARTIFACTS = tuple(models.ARTIFACTS / f"emergent_xenc_{k + 1}.onnx" for k in range(CROSS_FOLDS))
CROSS_EPOCHS = 4
PRETRAIN_EPOCHS = 1
NEGATION_SHARE = 0.0  # negated-headline pairs added to each fold's fit pairs (training.negation); 0.2 measured in session 9, not kept (BENCHMARKS.md)
RESTATED_SHARE = 0.0  # pairs with the claim restated by a "for" headline (restated_claim_pairs); 1.0 measured in session 15, not kept (BENCHMARKS.md)
FNC1_LABELS = {"agree": "for", "disagree": "against", "discuss": "observing"}


@dataclass
class Split:
    train: list[Row]
    dev: list[Row]


def split(rows: Sequence[Row], dev_share: float = DEV_SHARE) -> Split:
    """The claim-disjoint dev split described in the module docstring."""
    claims = sorted(claims_of(rows), key=lambda c: hashlib.sha256((SPLIT_SALT + c).encode()).hexdigest())
    dev = set(claims[:round(dev_share * len(claims))])
    return Split([r for r in rows if r.claim_id not in dev], [r for r in rows if r.claim_id in dev])


def _labels(rows: Sequence[Row]) -> np.ndarray:
    return np.array([LABELS.index(r.stance) for r in rows])  # type: ignore[arg-type]


def _classifier(C: float, seed: int) -> LogisticRegression:
    return LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=seed)


def out_of_fold(rows: Sequence[Row], C: float, seed: int) -> np.ndarray:
    """Stance probabilities of every row from models fitted on the other folds (folds grouped by claim)."""
    y, groups = _labels(rows), [r.claim_id for r in rows]
    proba = np.zeros((len(rows), len(LABELS)))
    for fit_idx, held_idx in GroupKFold(n_splits=FOLDS).split(rows, y, groups):
        part = [rows[i] for i in fit_idx]
        features = FeatureExtractor().fit([r.claim for r in part], [r.headline for r in part])
        clf = _classifier(C, seed).fit(features.transform([r.claim for r in part], [r.headline for r in part]), y[fit_idx])
        held = [rows[i] for i in held_idx]
        proba[held_idx] = clf.predict_proba(features.transform([r.claim for r in held], [r.headline for r in held]))
    return proba


def claim_truths(rows: Sequence[Row]) -> dict[str, str]:
    return {r.claim_id: r.truth for r in rows}  # type: ignore[misc]


def _log(progress: bool, msg: str) -> None:
    if progress:
        print(msg, file=sys.stderr, flush=True)


def _majority(train_rows: Sequence[Row]) -> dict[str, str]:
    return {"stance": Counter(r.stance for r in train_rows).most_common(1)[0][0],
            "veracity": Counter(claim_truths(train_rows).values()).most_common(1)[0][0]}


def fit_rules(train_rows: Sequence[Row], proba: np.ndarray) -> tuple[corroborate.Params, float]:
    """Corroboration parameters fitted on the train claims' veracity from (out-of-fold) stance probabilities."""
    truths = claim_truths(train_rows)
    items = reports(train_rows, proba)
    return corroborate.fit([items[c] for c in truths], list(truths.values()))


def fit_lr(train_rows: Sequence[Row], seed: int = 0, progress: bool = True) -> tuple[ClaimStanceModel, np.ndarray]:
    """Step 1: choose C out of fold, fit the final classifier; also return the out-of-fold probabilities at that
    C. The returned model (``emergent-lr-v1``) carries rules fitted on those probabilities."""
    y = _labels(train_rows)
    oof: dict[float, np.ndarray] = {}
    for C in C_GRID:
        oof[C] = out_of_fold(train_rows, C, seed)
        _log(progress, f"C={C}: out-of-fold stance accuracy {np.mean(oof[C].argmax(axis=1) == y):.4f}")
    best_c = max(C_GRID, key=lambda c: (np.mean(oof[c].argmax(axis=1) == y), -c))
    params, acc = fit_rules(train_rows, oof[best_c])
    _log(progress, f"chose C={best_c}; corroboration {params} (train veracity accuracy {acc:.4f}: out-of-fold "
                   "stances, the rules scored on the claims they were fitted on)")
    features = FeatureExtractor().fit([r.claim for r in train_rows], [r.headline for r in train_rows])
    clf = _classifier(best_c, seed).fit(features.transform([r.claim for r in train_rows], [r.headline for r in train_rows]), y)
    info = {"train_articles": len(train_rows), "train_claims": len(claim_truths(train_rows)), "C": best_c, "seed": seed,
            "majority": _majority(train_rows), "train_oof_stance_accuracy": float(np.mean(oof[best_c].argmax(axis=1) == y)),
            "train_oof_veracity_accuracy": acc}
    return ClaimStanceModel(features, clf, params, LR_MODEL_ID, info), oof[best_c]


class EpochLogits:
    """A ``fine_tune`` score function that records the validation logits after every epoch (scores: accuracy)."""

    def __init__(self) -> None:
        self.logits: list[np.ndarray] = []

    def __call__(self, y: np.ndarray, logits: np.ndarray) -> float:
        self.logits.append(np.asarray(logits, dtype=np.float64))
        return float(np.mean(logits.argmax(axis=1) == y)) if len(y) else 0.0


def keep_epoch(epoch: int) -> Callable[[np.ndarray, np.ndarray], float]:
    """A ``fine_tune`` score function that makes it keep the weights after ``epoch`` (1-based), whatever the
    validation data: that epoch scores 1, every other 0, and ``fine_tune`` keeps the first best."""
    seen = itertools.count(1)
    return lambda y, logits: float(next(seen) == epoch)


def _pairs(rows: Sequence[Row], idx: Sequence[int] | np.ndarray) -> tuple[list[str], list[str]]:
    return [rows[i].claim for i in idx], [rows[i].headline for i in idx]


def restated_claim_pairs(rows: Sequence[Row], idx: Sequence[int] | np.ndarray, share: float,
                         seed: int) -> tuple[list[str], list[str], np.ndarray]:
    """Extra (claim, headline) pairs in which the claim is restated by another outlet's headline of the same
    claim that asserts it ("for"): a headline's stance towards a restatement of the claim is its stance
    towards the claim. ``share`` of the rows ``idx`` (a seeded draw, each row at most once) get one such pair,
    its restatement drawn among the other "for" headlines of its claim; rows whose claim has none are skipped."""
    rng = np.random.RandomState(seed)
    norm = {int(i): _normalised(rows[i].headline) for i in idx}
    anchors: dict[str, list[int]] = {}
    for i in idx:
        if rows[i].stance == "for":
            anchors.setdefault(rows[i].claim_id, []).append(int(i))
    want = int(round(share * len(idx)))
    claims: list[str] = []
    heads: list[str] = []
    labels: list[int] = []
    for i in rng.permutation(np.asarray(idx)):
        if len(claims) >= want:
            break
        others = [a for a in anchors.get(rows[i].claim_id, []) if norm[a] != norm[int(i)]]
        if not others:
            continue
        claims.append(rows[others[rng.randint(len(others))]].headline)
        heads.append(rows[i].headline)
        labels.append(LABELS.index(rows[i].stance))
    return claims, heads, np.asarray(labels, dtype=np.int64)


def cross_out_of_fold(base: Any, rows: Sequence[Row], epochs: int, seed: int, progress: bool,
                      max_steps: int | None = None,
                      snapshots: list[list[dict[str, np.ndarray]]] | None = None) -> np.ndarray:
    """Step 2's folds: logits of every row from cross-encoders fine-tuned on the other claim-grouped folds,
    after each epoch — shape (epochs run, rows, 3). ``snapshots``, when given, receives one list per fold
    of that fold model's tensors after each epoch."""
    from .crossencoder import fine_tune

    y, groups = _labels(rows), [r.claim_id for r in rows]
    docs = list(models.load("spacy").pipe([r.headline for r in rows])) if NEGATION_SHARE > 0 else []
    folds: list[tuple[np.ndarray, list[np.ndarray]]] = []
    for k, (fit_idx, held_idx) in enumerate(GroupKFold(n_splits=CROSS_FOLDS).split(rows, y, groups)):
        start = time.perf_counter()
        recorder = EpochLogits()
        kept: list[dict[str, np.ndarray]] = []
        claims, heads = _pairs(rows, fit_idx)
        fit_y = y[fit_idx]
        if NEGATION_SHARE > 0:  # the headline negated, for <-> against swapped (negation.FLIP)
            neg_heads, neg_claims, neg_y = negation.augment(heads, claims, fit_y, [docs[i] for i in fit_idx],
                                                            NEGATION_SHARE, seed)
            claims, heads, fit_y = claims + neg_claims, heads + neg_heads, np.concatenate([fit_y, neg_y])
        if RESTATED_SHARE > 0:
            re_claims, re_heads, re_y = restated_claim_pairs(rows, fit_idx, RESTATED_SHARE, seed)
            claims, heads, fit_y = claims + re_claims, heads + re_heads, np.concatenate([fit_y, re_y.astype(fit_y.dtype)])
        fine_tune(base, claims, heads, fit_y, (*_pairs(rows, held_idx), y[held_idx]), recorder,
                  epochs=epochs, seed=seed, progress=progress, max_steps=max_steps,
                  snapshots=kept if snapshots is not None else None)
        if snapshots is not None:
            snapshots.append(kept)
        folds.append((held_idx, recorder.logits))
        _log(progress, f"cross-encoder fold {k + 1}/{CROSS_FOLDS}: held-out accuracy by epoch "
                       + ", ".join(f"{np.mean(l.argmax(axis=1) == y[held_idx]):.3f}" for l in recorder.logits)
                       + f" ({time.perf_counter() - start:.0f} s)")
    out = np.zeros((min(len(logits) for _, logits in folds), len(rows), len(LABELS)))  # fewer only with max_steps
    for held_idx, logits in folds:
        for e in range(len(out)):
            out[e, held_idx] = logits[e]
    return out


def stacked_out_of_fold(Z: np.ndarray, rows: Sequence[Row]) -> np.ndarray:
    """Step 4's probabilities: the stacker refitted on claim-grouped folds of ``Z``, each fold predicted by the
    stacker fitted without it."""
    y, groups = _labels(rows), [r.claim_id for r in rows]
    proba = np.zeros((len(rows), len(LABELS)))
    for fit_idx, held_idx in GroupKFold(n_splits=FOLDS).split(Z, y, groups):
        proba[held_idx] = _stacker().fit(Z[fit_idx], y[fit_idx]).predict_proba(Z[held_idx])
    return proba


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def pretraining_pairs(fnc1: Path, train_rows: Sequence[Row], dev_rows: Sequence[Row]) -> tuple[list[str], list[str], np.ndarray]:
    """FNC-1's related pairs of the Emergent train claims, as (headlines, evidence passages, label indices).

    FNC-1's claims are the connected components of its related (headline, body) pairs; a component is kept
    when one of its headlines equals (lower-cased words only) a claim or headline of ``train_rows`` and none
    equals one of ``dev_rows``. Labels map by :data:`FNC1_LABELS`; pairs keep FNC-1's file order."""
    from ..evaluation import fnc
    from ..stance_features import evidence_passage

    bodies = fnc.read_bodies(Path(fnc1) / "train_bodies.csv")
    pairs = [p for p in fnc.read_stances(Path(fnc1) / "train_stances.csv") if p.stance in FNC1_LABELS]
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[find(("headline", p.headline))] = find(("body", p.body_id))
    known = {_normalised(t) for r in train_rows for t in (r.claim, r.headline)}
    unseen = {_normalised(t) for r in dev_rows for t in (r.claim, r.headline)}
    keep = ({find(("headline", p.headline)) for p in pairs if _normalised(p.headline) in known}
            - {find(("headline", p.headline)) for p in pairs if _normalised(p.headline) in unseen})
    kept = [p for p in pairs if find(("headline", p.headline)) in keep]
    missing = sorted({p.body_id for p in kept if p.body_id not in bodies})
    if missing:
        raise ValueError(f"{fnc1}: stances name bodies not in train_bodies.csv: {', '.join(missing[:5])}")
    return ([p.headline for p in kept], [evidence_passage(p.headline, bodies[p.body_id]) for p in kept],
            np.array([LABELS.index(FNC1_LABELS[p.stance]) for p in kept], dtype=np.int64))


def pretrain_cache(pairs: tuple[list[str], list[str], np.ndarray], seed: int, max_steps: int | None) -> Path:
    """Where :func:`pretrain` keeps its float32 tensors between runs (outside the package; never shipped),
    named by a digest of everything that determines them."""
    from . import crossencoder as ce

    h = hashlib.sha256(repr((seed, max_steps, PRETRAIN_EPOCHS, ce.LR, ce.BATCH, ce.MAX_LENGTH, ce.WARMUP)).encode())
    for text in (*pairs[0], *pairs[1]):
        h.update(text.encode() + b"\0")
    h.update(np.asarray(pairs[2], dtype=np.int64).tobytes())
    return cache_dir() / f"emergent-pretrained-{h.hexdigest()[:16]}.npz"


def pretrain(base: Any, pairs: tuple[list[str], list[str], np.ndarray], seed: int, progress: bool,
             max_steps: int | None = None, reuse: bool = False) -> Any:
    """Step 2's pre-training: ``base`` fine-tuned on ``pairs`` for :data:`PRETRAIN_EPOCHS` epochs, returned as a
    new encoder (its head is dropped; each later fine-tune starts a fresh one). The tensors are cached in
    :func:`pretrain_cache`; ``reuse`` takes them from there when a run with the same inputs left them."""
    from .. import minilm
    from .crossencoder import fine_tune

    cache = pretrain_cache(pairs, seed, max_steps)
    if reuse and cache.exists():
        with np.load(cache) as f:
            tensors = {k: f[k] for k in f.files}
        _log(progress, f"pre-training: reusing the tensors in {cache}")
    else:
        tensors, _ = fine_tune(base, *pairs, ([], [], np.zeros(0, dtype=np.int64)), keep_epoch(PRETRAIN_EPOCHS),
                               epochs=PRETRAIN_EPOCHS, seed=seed, progress=progress, max_steps=max_steps)
        buf = io.BytesIO()
        np.savez(buf, **tensors)
        write_bytes(cache, buf.getvalue())
    return minilm.with_delta(base, tensors)


def export_member(base: Any, tensors: dict[str, np.ndarray], path: Path) -> None:
    """Write one shipped fold cross-encoder: int8 ONNX (:func:`onrecord.training.crossencoder.export_onnx`)
    for a ``.onnx`` path, else int8 npz (:func:`onrecord.minilm.pack`)."""
    if path.suffix == ".onnx":
        from .crossencoder import export_onnx

        export_onnx(base, tensors, path)
        return
    from .. import minilm

    buf = io.BytesIO()
    np.savez(buf, **minilm.pack(tensors))
    write_bytes(path, buf.getvalue())


def _stacker() -> LogisticRegression:
    return LogisticRegression(C=1.0, max_iter=2000)


def choose_epoch_and_stack(rows: Sequence[Row], lr_oof: np.ndarray, by_epoch: np.ndarray
                           ) -> tuple[list[float], int, np.ndarray, np.ndarray]:
    """Steps 2-4's choices from out-of-fold inputs: the cross-encoder's accuracy after each epoch, the epoch
    chosen (1-based; the first best, so fewer epochs on ties), the stacker's inputs at that epoch and the
    stacked out-of-fold probabilities (:func:`stacked_out_of_fold`)."""
    y = _labels(rows)
    accuracy = [float(np.mean(l.argmax(axis=1) == y)) for l in by_epoch]
    chosen = int(np.argmax(accuracy)) + 1
    Z = stack_inputs(lr_oof, by_epoch[chosen - 1])
    return accuracy, chosen, Z, stacked_out_of_fold(Z, rows)


def fit_model(train_rows: Sequence[Row], seed: int = 0, progress: bool = True, epochs: int = CROSS_EPOCHS,
              max_steps: int | None = None,
              pretraining: tuple[list[str], list[str], np.ndarray] | None = None,
              reuse_pretrained: bool = False) -> ClaimStanceModel:
    """Steps 1–4 of the module docstring (``epochs=0``: step 1 only). Writes the cross-encoder artifacts
    (:data:`XENC_ARTIFACTS`). ``pretraining``: the pairs of :func:`pretraining_pairs` (None: no pre-training).
    ``max_steps`` caps each fine-tune (for quick trials and tests)."""
    model, lr_oof = fit_lr(train_rows, seed, progress)
    if epochs <= 0:
        return model
    from .. import minilm
    from .crossencoder import MAX_LENGTH, fine_tune

    y = _labels(train_rows)
    base = models.load("minilm")
    start = time.perf_counter()
    if pretraining is not None:
        base = pretrain(base, pretraining, seed, progress, max_steps, reuse_pretrained)
        _log(progress, f"pre-trained on {len(pretraining[2])} FNC-1 pairs ({time.perf_counter() - start:.0f} s)")
    pretrain_seconds = time.perf_counter() - start
    start = time.perf_counter()
    snapshots: list[list[dict[str, np.ndarray]]] = []
    by_epoch = cross_out_of_fold(base, train_rows, epochs, seed, progress, max_steps, snapshots)
    folds_seconds = time.perf_counter() - start
    accuracy, chosen, Z, stacked = choose_epoch_and_stack(train_rows, lr_oof, by_epoch)
    _log(progress, "cross-encoder out-of-fold accuracy by epoch " + ", ".join(f"{a:.4f}" for a in accuracy)
                   + f"; chosen {chosen} ({folds_seconds:.0f} s)")
    params, veracity_acc = fit_rules(train_rows, stacked)
    stacked_acc = float(np.mean(stacked.argmax(axis=1) == y))
    _log(progress, f"stacked out-of-fold stance accuracy {stacked_acc:.4f}; corroboration {params} "
                   f"(train veracity accuracy {veracity_acc:.4f}: out-of-fold stances, the rules scored on the "
                   "claims they were fitted on; benchmarks/explore_emergent_aggregator.py cross-validates them)")
    start = time.perf_counter()
    for member, path in zip(snapshots, XENC_ARTIFACTS, strict=True):
        export_member(base, member[chosen - 1], path)
    export_seconds = time.perf_counter() - start
    # From here on, exactly what ships: the fold models after the chosen epoch, int8, their logits averaged.
    model.cross = models.cross_encoders(XENC_ARTIFACTS, MAX_LENGTH)
    model.stacker = _stacker().fit(Z, y)
    model.corroboration = params
    model.model_id = MODEL_ID
    model.info.update(cross_max_length=MAX_LENGTH, cross_epochs=chosen, cross_epochs_run=epochs, cross_folds=CROSS_FOLDS,
                      cross_oof_accuracy_by_epoch=[round(a, 4) for a in accuracy],
                      train_oof_stance_accuracy=stacked_acc, train_oof_veracity_accuracy=veracity_acc,
                      cross_folds_seconds=round(folds_seconds), cross_export_seconds=round(export_seconds),
                      cross_members=len(XENC_ARTIFACTS),
                      cross_pretraining_pairs=0 if pretraining is None else len(pretraining[2]),
                      cross_pretraining_epochs=0 if pretraining is None else PRETRAIN_EPOCHS,
                      cross_pretraining_seconds=round(pretrain_seconds), cross_restated_share=RESTATED_SHARE)
    _log(progress, f"{len(XENC_ARTIFACTS)} fold cross-encoders after epoch {chosen} exported: {export_seconds:.0f} s")
    return model


def dev_report(model: ClaimStanceModel, dev: Sequence[Row]) -> dict[str, Any]:
    """Score ``model`` on the dev rows; also veracity from the gold stances (the aggregation's ceiling) and the
    prediction speed."""
    start = time.perf_counter()
    proba, verdicts = predict(model, dev)
    seconds = time.perf_counter() - start
    metrics = score(dev, proba, verdicts, model.info["majority"])
    metrics["pairs_per_second"] = len(dev) / seconds if seconds > 0 else float("inf")
    report(f"dev ({model.model_id})", metrics)
    print(f"{len(dev)} headlines predicted in {seconds:.1f} s = {metrics['pairs_per_second']:.0f} pairs/s")
    gold = reports(dev, np.eye(len(LABELS))[_labels(dev)])
    truths = claim_truths(dev)
    ceiling = corroborate.accuracy([gold[c] for c in truths], list(truths.values()), model.corroboration)
    print(f"veracity from the gold stances (same rules): accuracy {ceiling:.4f}")
    metrics["veracity_from_gold_stances"] = ceiling
    return metrics


def describe(s: Split) -> str:
    def part(rows: Sequence[Row]) -> str:
        truths = Counter(claim_truths(rows).values())
        stances = Counter(r.stance for r in rows)
        return (f"{len(rows)} headlines ({', '.join(f'{k} {stances[k]}' for k in LABELS)}) / "
                f"{len(claim_truths(rows))} claims ({', '.join(f'{k} {truths[k]}' for k in corroborate.VERACITY_LABELS)})")

    return f"split: train {part(s.train)}; dev {part(s.dev)}"


def load_split(data: Path) -> Split:
    rows = read_rows(Path(data) / FILE)
    if not all(r.stance and r.truth for r in rows):
        raise ValueError(f"{FILE} must have articleHeadlineStance and claimTruth on every row")
    return split(rows)


def train(data: Path = DEFAULT_DATA, seed: int = 0, progress: bool = True, epochs: int = CROSS_EPOCHS,
          max_steps: int | None = None, fnc1: Path | None = None, reuse_pretrained: bool = False) -> dict[str, Any]:
    """Rebuild ``artifacts/emergent.pkl`` (and, with ``epochs`` > 0, ``emergent_xenc.npz``) from Emergent in
    ``data`` and, for the cross-encoder's pre-training, FNC-1 in ``fnc1`` (default: ``fnc1/`` beside
    ``data``); return the dev metrics."""
    s = load_split(data)
    print(describe(s))
    start = time.perf_counter()
    pairs = None
    if epochs > 0:
        fnc1 = Path(fnc1) if fnc1 is not None else Path(data).parent / "fnc1"
        if not (fnc1 / "train_stances.csv").is_file():
            raise InputError(f"the cross-encoder is pre-trained on FNC-1: no {fnc1 / 'train_stances.csv'} "
                             "(the fnc1/ corpus folder beside emergent/)")
        pairs = pretraining_pairs(fnc1, s.train, s.dev)
        print(f"pre-training pairs: {len(pairs[2])} FNC-1 related pairs of the train claims")
    model = fit_model(s.train, seed, progress, epochs, max_steps, pairs, reuse_pretrained)
    seconds = time.perf_counter() - start
    print(f"training time {seconds:.0f} s")
    dev = dev_report(model, s.dev)
    model.info.update(dev_stance_accuracy=round(dev["stance"]["accuracy"], 4),
                      dev_veracity_accuracy=round(dev["veracity"]["accuracy"], 4))
    write_bytes(ARTIFACT, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    cross_info = ({"cross_file": " ".join(p.name for p in XENC_ARTIFACTS),
                   "cross_sha256": " ".join(models.sha256_file(p) for p in XENC_ARTIFACTS)}
                  if model.stacker is not None else {})
    models.record_artifact("emergent", ARTIFACT, model=model.model_id, seed=seed, trained_on="Emergent train claims (dev held out)",
                           **cross_info,
                           dev_stance_accuracy=f"{dev['stance']['accuracy']:.4f}",
                           dev_stance_macro_f1=f"{dev['stance']['macro_f1']:.4f}",
                           dev_veracity_accuracy=f"{dev['veracity']['accuracy']:.4f}")
    models.clear_cache()
    print(f"wrote {ARTIFACT} ({ARTIFACT.stat().st_size / 1e6:.2f} MB)")
    return {"dev": dev, "train_seconds": seconds, "split": describe(s), "corroboration": vars(model.corroboration)}


def eval_dev(data: Path = DEFAULT_DATA) -> dict[str, Any]:
    """Report the shipped artifact on the dev claims."""
    s = load_split(data)
    print(describe(s))
    return dev_report(models.load("emergent"), s.dev)


def main(argv: Sequence[str] | None = None) -> None:
    command_line("emergent", __doc__, train, data_help="the emergent/ corpus folder", default_data=DEFAULT_DATA, eval_dev=eval_dev,
                 flags={"reuse-pretrained": "take the FNC-1 pre-trained tensors a previous run with the same inputs cached "
                                            "(in ~/.cache/onrecord) instead of pre-training again"}, argv=argv)


if __name__ == "__main__":
    main()
