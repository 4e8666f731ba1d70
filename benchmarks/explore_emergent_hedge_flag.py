"""Which "hedged" flag should corroboration use: the word list, or the headline analyzer's shape? Train claims only.

    python benchmarks/explore_emergent_hedge_flag.py --shared ../shared

Corroboration gives a hedged report less weight (``corroborate.Params.hedge_weight``). Until now a report is hedged
when ``claimstance.hedged`` finds a question mark or any hedging or reporting cue word in its headline — "says" and
"claims" included — which flags a third of news headlines. The headline analyzer names the headline's own hedge since
session 28; on the hand-labelled news headlines of ``benchmarks/eval_headline_shape.py`` (sets A, B, C, two labellers
each) "hedged or a question" is found by the word list with F1 0.52-0.57 (precision 0.35-0.41) and by the analyzer
with F1 0.82-0.89 (precision 0.95-0.97). Each flag is given to the train claims' reports (the shipped model's
out-of-fold stacked stances, from the seed-0 cache of ``explore_emergent_seeds.py``), the corroboration rules are
fitted on the same grid as the training fits them, and the train out-of-fold veracity accuracy and macro-F1 are
printed. The rule, set before the run: switch to the analyzer's flag unless it loses more than one train claim (of
192) of veracity accuracy, since its meaning is the one the issue asks for ("hedged reports weigh less"). Dev is not
read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_headline_shape import predict  # noqa: E402
from explore_emergent_rules import macro_f1, train_stacked  # noqa: E402

from onrecord import claimstance, corroborate  # noqa: E402
from onrecord.evaluation.emergent import reports  # noqa: E402
from onrecord.stance_features import tokenize  # noqa: E402
from onrecord.training import emergent as te  # noqa: E402


def word_list_hedged(headline: str) -> bool:
    """The flag until session 28 (``claimstance.hedged``): a question mark, or any hedging or reporting cue word."""
    return "?" in headline or bool(claimstance.GROUPS["hedging"] & set(tokenize(headline)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    args = ap.parse_args()
    rows, stacked, _ = train_stacked(args.shared)
    shapes = predict({str(i): r.headline for i, r in enumerate(rows)})
    flags = {"word list (until session 28)": [word_list_hedged(r.headline) for r in rows],
             "headline analyzer: hedged or question": [shapes[str(i)][0] in ("hedged", "question") for i in range(len(rows))]}
    truths = te.claim_truths(rows)
    gold = list(truths.values())
    for name, flag in flags.items():
        items = reports(rows, stacked, flag)
        claims = [items[c] for c in truths]
        params, acc = corroborate.fit(claims, gold)
        labels = [corroborate.veracity(corroborate.aggregate(c, params).label) for c in claims]
        print(f"{name}: {sum(flag)} of {len(rows)} train headlines flagged; {params}\n"
              f"  train out-of-fold veracity accuracy {acc:.4f} ({round(acc * len(claims))} of {len(claims)}), "
              f"macro-F1 {macro_f1(gold, labels):.4f}")


if __name__ == "__main__":
    main()
