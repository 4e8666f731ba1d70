"""Would the Emergent stacker gain from claim context or another stacker? An exploration on the *train* claims only.

    python benchmarks/explore_emergent_stacker.py --shared ../shared [--reuse]

1. The shipped model's out-of-fold inputs, as `python -m onrecord.training.emergent` computes them: the logistic
   regression's out-of-fold probabilities and the 4-fold claim-grouped cross-encoder logits after each epoch
   (pre-training included; ~18 min on 2 cores). Saved in ``~/.cache/onrecord/emergent-oof-inputs.npz``;
   ``--reuse`` reads them from there.
2. Out-of-fold stance accuracy (5 claim-grouped folds, as the training's stacked figure) of the shipped stacker
   and of variants: claim context — for each headline, the mean predicted probabilities of the *other* headlines
   of the same claim (what `onrecord corpus claim` has at hand: every outlet's headline for one claim), from the
   cross-encoder, the logistic regression or both, and the share of hedged headlines; the stacker's C; gradient
   boosting; the mean logits of epochs 2-4; (session 10) the hedging model's speculation score of the headline
   (`onrecord.analyzers.hedging.score_texts`, trained on Szeged, never on Emergent) and its hedge-cue count;
   (session 11) the attribution analyzer on the headline: whether it credits the claim to a source, the source's
   kind (named, anonymous), whether the attribution is hedged, and the content's share of the headline.

Dev is never read. Nothing here is shipped; the figures are in BENCHMARKS.md (Emergent section).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from onrecord import models
from onrecord.claimstance import hedged, stack_inputs
from onrecord.training import emergent as te
from onrecord.training import cache_dir


def oof_inputs(data: Path, reuse: bool) -> dict[str, np.ndarray]:
    path = cache_dir() / "emergent-oof-inputs.npz"
    if reuse and path.exists():
        with np.load(path) as f:
            return {k: f[k] for k in f.files}
    s = te.load_split(data)
    pairs = te.pretraining_pairs(data.parent / "fnc1", s.train, s.dev)
    _, lr_oof = te.fit_lr(s.train, 0, True)
    base = te.pretrain(models.load("minilm"), pairs, 0, True, None, reuse=True)
    by_epoch = te.cross_out_of_fold(base, s.train, te.CROSS_EPOCHS, 0, True)
    out = {"lr_oof": lr_oof, "by_epoch": by_epoch, "y": te._labels(s.train),
           "claims": np.array([r.claim_id for r in s.train])}
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, **out)
    return out


def softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(1, keepdims=True)
    p = np.exp(x)
    return p / p.sum(1, keepdims=True)


def others_mean(v: np.ndarray, claims: np.ndarray) -> np.ndarray:
    """Per row, the mean of ``v`` over the other rows of its claim (its own value when it is alone)."""
    out = v.astype(float).copy()
    for c in set(claims.tolist()):
        idx = np.where(claims == c)[0]
        if len(idx) > 1:
            total = v[idx].sum(0)
            out[idx] = (total - v[idx]) / (len(idx) - 1)
    return out


def headline_attributions(headlines: list[str]) -> np.ndarray:
    """Per headline, read by the attribution analyzer as a one-sentence body: whether it has an attribution, a
    named source, an anonymous source, a hedged attribution, and the longest content's share of the headline."""
    from onrecord import nlp
    from onrecord.analyzers import attribution
    from onrecord.article import Article

    rows = []
    for h in headlines:
        atts = attribution.analyze(nlp.parse(Article(headline="-", body=h)))
        rows.append([float(bool(atts)), float(any(a.source.kind in ("named_person", "named_org") for a in atts)),
                     float(any(a.source.kind == "anonymous" for a in atts)), float(any(a.hedged for a in atts)),
                     max((len(a.content.text) / max(1, len(h)) for a in atts), default=0.0)])
    return np.array(rows)


def accuracy(Z: np.ndarray, y: np.ndarray, claims: np.ndarray, make=lambda: LogisticRegression(C=1.0, max_iter=2000)) -> float:
    proba = np.zeros((len(y), 3))
    for fit, held in GroupKFold(n_splits=te.FOLDS).split(Z, y, claims):
        proba[held] = make().fit(Z[fit], y[fit]).predict_proba(Z[held])
    return float(np.mean(proba.argmax(1) == y))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--reuse", action="store_true", help="read the out-of-fold inputs cached by an earlier run")
    args = ap.parse_args()
    data = args.shared / "data" / "emergent"
    d = oof_inputs(data, args.reuse)
    y, claims, by_epoch = d["y"], d["claims"], d["by_epoch"]
    per_epoch = [float(np.mean(l.argmax(1) == y)) for l in by_epoch]
    e = int(np.argmax(per_epoch))
    print("cross-encoder out-of-fold accuracy by epoch", [round(a, 4) for a in per_epoch], "- chosen", e + 1)
    Z = stack_inputs(d["lr_oof"], by_epoch[e])
    rows = te.load_split(data).train
    cross, lr = softmax(by_epoch[e]), d["lr_oof"]
    hedge = np.array([[float(hedged(r.headline))] for r in rows])
    variants = {
        "shipped stacker": Z,
        "+ claim context (cross-encoder)": np.hstack([Z, np.log(others_mean(cross, claims) + 1e-3)]),
        "+ claim context (logistic regression)": np.hstack([Z, np.log(others_mean(lr, claims) + 1e-3)]),
        "+ claim context (both, averaged)": np.hstack([Z, np.log(others_mean((cross + lr) / 2, claims) + 1e-3)]),
        "+ share of hedged headlines": np.hstack([Z, others_mean(hedge, claims)]),
        "mean logits of epochs 2-4": stack_inputs(lr, by_epoch[1:].mean(0)),
    }
    from onrecord.analyzers.hedging import score_texts

    scored = list(score_texts([r.headline for r in rows]))
    speculation = np.array([[s.score] for s, _ in scored])
    n_cues = np.array([[float(len(h))] for _, h in scored])
    variants["+ headline speculation score (hedging model)"] = np.hstack([Z, speculation])
    variants["+ speculation score and hedge-cue count"] = np.hstack([Z, speculation, np.log1p(n_cues)])
    attributed = headline_attributions([r.headline for r in rows])
    variants["+ headline has an attribution"] = np.hstack([Z, attributed[:, :1]])
    variants["+ headline attribution features"] = np.hstack([Z, attributed])
    combined = np.hstack([Z, np.log(others_mean(cross, claims) + 1e-3), speculation])
    print(f"{'claim context + speculation, C 0.3':40s} "
          f"{accuracy(combined, y, claims, lambda: LogisticRegression(C=0.3, max_iter=2000)):.4f}")
    for name, X in variants.items():
        print(f"{name:40s} {accuracy(X, y, claims):.4f}")
    for C in (0.1, 0.3, 3.0, 10.0):
        print(f"{'stacker C ' + str(C):40s} {accuracy(Z, y, claims, lambda C=C: LogisticRegression(C=C, max_iter=2000)):.4f}")
    hgb = lambda: HistGradientBoostingClassifier(max_iter=100, learning_rate=0.05, max_depth=3, random_state=0)  # noqa: E731
    print(f"{'gradient boosting stacker':40s} {accuracy(Z, y, claims, hgb):.4f}")


if __name__ == "__main__":
    main()
