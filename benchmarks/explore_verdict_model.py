"""Would a verdict learned from hand labels beat the rules? An exploration on the verdict labels (session 43) — not
shipped.

The report's verdict follows rules over the stance model's label (``onrecord/verdict.py``), and agrees with a
fact-checker's on fewer than half of the labelled pairs (``benchmarks/eval_verdict.py``). This script fits a small
multinomial logistic regression on features the report already holds — the stance model's probabilities, the headline
claim's shape (named holder, unnamed credit, hedged, question, debunking), what the verdict's rules found (on-record
support, a named source's or any source's report of the claim, the author's own statement of it, a denial, a sentence
calling the story false), the body's speculative share, and the rules' own verdict — on the pairs of set A's claims
(sets A, D and the part of E from A's claims: claims the test sets do not hold). It prints the rules' and the model's
accuracy out of fold (folds grouped by claim), and, with ``--final``, scores the model fitted on all of them once on
the test sets B and C (B's claims only; E's pairs from B's claims are left out of everything).

    python benchmarks/explore_verdict_model.py --shared ../shared            # out of fold on A's claims
    python benchmarks/explore_verdict_model.py --shared ../shared --final    # and the test sets, once
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import eval_verdict as ev  # noqa: E402

LABELS = ("supported", "unsupported", "contradicted")


def features(headline: str, report) -> tuple[list[float], str]:
    """The feature row of one audited pair, and the rules' verdict."""
    from onrecord import verdict as V
    from onrecord.report import asks, attitude_hedge

    p = report.stance.scores
    claim = report.headline_claim
    atts, sents = report.attributions, report.sentences
    named = bool(claim.holder) and not V._unnamed(claim.holder)
    reported = V._reported(claim, atts, headline)  # these read the claim, none changes it
    confirms = [i for i in reported if V._confirms(atts[i], headline, sents)]
    own = V._asserted(claim, headline, sents, atts)
    contradicting, _ = V.denials(headline, claim, atts, sents)
    false = V._refuting(headline, sents)
    spec = sum(s.speculative for s in sents) / max(1, len(sents))
    rule = report.verdict.label
    row = [p["agree"], p["disagree"], p["discuss"],
           float(named), float(bool(claim.holder) and not named), float(bool(attitude_hedge(claim.attitude))),
           float(asks(headline)), float(V.debunks(headline)),
           float(bool(claim.on_record_support)), float(bool(confirms)), float(bool(reported)), float(own is not None),
           float(bool(contradicting)), float(false is not None), spec,
           float(rule == "supported"), float(rule == "contradicted")]
    return row, rule


def dataset(shared: Path) -> dict[str, list]:
    """key -> [set, claim, features, rule verdict, labels] for every labelled pair."""
    from onrecord.article import Article
    from onrecord.audit import audit
    from onrecord.training.stance import claim_components, load_split

    split, _ = load_split(shared / "data" / "fnc1")
    comp = claim_components(split.dev)
    items = ev.pairs(shared, ev.FNC_SETS)  # the FNC-1 sets: the features read FNC-1 claims
    labels: dict[str, list[str]] = {}
    for r in ev.read_labels(ev.LABELS):
        if r["key"] in items and ev.pair_hash(items[r["key"]][1], items[r["key"]][2]) == r["hash"]:
            labels.setdefault(r["key"], []).append(r["verdict"])
    out = {}
    for key, gold in labels.items():
        s, head, body, _ = items[key]
        report = audit(Article(headline=head, body=body, id=key))
        row, rule = features(head, report)
        out[key] = [s, comp["b:" + key.split(":", 1)[1]], row, rule, gold]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--final", action="store_true", help="also score the model once on the test sets B and C")
    args = ap.parse_args()
    if not (args.shared / "data" / "fnc1" / "train_stances.csv").is_file():
        sys.exit(f"error: no FNC-1 train_stances.csv under {args.shared}/data/fnc1")
    if not ev.LABELS.is_file():
        sys.exit(f"error: no labels file at {ev.LABELS}")
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    data = dataset(args.shared)
    test_claims = {v[1] for v in data.values() if v[0] in ("B", "C")}
    train = {k: v for k, v in data.items() if v[0] in ("A", "D", "E") and v[1] not in test_claims}
    keys = sorted(train)
    X = np.array([train[k][2] for k in keys])
    y = np.array([LABELS.index(g) if g in LABELS else 1 for k in keys for g in train[k][4][:1]])
    groups = np.array([train[k][1] for k in keys])

    def agree(pred: list[str], ks: list[str], src: dict) -> str:
        """Accuracy and macro-F1 against each of the two labellers, as ``eval_verdict.py`` scores them."""
        out = []
        for j in (0, 1):
            had = [(p, k) for p, k in zip(pred, ks) if len(src[k][4]) > j]
            fig = ev.figures({k: src[k][4][j] for _, k in had}, {k: p for p, k in had})
            out.append(f"{fig['accuracy']:.3f} (macro-F1 {fig['macro_f1']:.3f})")
        return " / ".join(out)

    print(f"training pairs (A, D and E on A's claims): {len(keys)}, claims {len(set(groups))}; labels "
          f"{dict(zip(*np.unique([LABELS[i] for i in y], return_counts=True)))}")
    print(f"rules, against the two labellers: {agree([train[k][3] for k in keys], keys, train)}")
    print(f"always 'supported': {agree(['supported'] * len(keys), keys, train)}")
    folds = GroupKFold(n_splits=min(5, len(set(groups))))
    best = (-1.0, 1.0, None)
    for weight in (None, "balanced"):
        for c in (0.1, 0.3, 1.0, 3.0):
            oof = np.zeros(len(keys), dtype=int)
            for tr, te in folds.split(X, y, groups):
                m = LogisticRegression(C=c, max_iter=2000, class_weight=weight).fit(X[tr], y[tr])
                oof[te] = m.predict(X[te])
            acc = float(np.mean(oof == y))
            print(f"model C={c}, class weights {weight}, out of fold by claim: "
                  f"{agree([LABELS[i] for i in oof], keys, train)}")
            if acc > best[0]:
                best = (acc, c, weight)
    if args.final:  # the configuration best out of fold (against the first labeller), fitted on all training pairs
        _, c, weight = best
        m = LogisticRegression(C=c, max_iter=2000, class_weight=weight).fit(X, y)
        for s in ("B", "C"):
            ks = sorted(k for k, v in data.items() if v[0] == s)
            pred = [LABELS[i] for i in m.predict(np.array([data[k][2] for k in ks]))]
            print(f"set {s} ({len(ks)}): rules {agree([data[k][3] for k in ks], ks, data)}; always 'supported' "
                  f"{agree(['supported'] * len(ks), ks, data)}; model (C={c}, class weights {weight}) "
                  f"{agree(pred, ks, data)}")


if __name__ == "__main__":
    main()
