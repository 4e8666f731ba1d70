"""Passives that credit a clause to no one ("is said to", "A car thought to be …"): the analyzer with and without
``analyzers.attribution.UNSTATED_PASSIVE``, on held-out PolNeAR *train* articles (the whole analyzer, CRFs fitted
on the other 80 %, scored as ``onrecord eval attribution`` scores; dev is not read), and how many attributions the
rule changes in FNC-1 train bodies.

    python benchmarks/explore_unstated_passives.py --shared ../shared [--fnc 300]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def fnc_changes(shared: Path, n: int, show: int = 40) -> None:
    from bench_models import fnc1_articles

    from onrecord.analyzers import attribution
    from onrecord.nlp import parse_many

    docs = list(parse_many(fnc1_articles(shared, n)))
    found: dict[bool, dict[tuple, str]] = {}
    for on in (False, True):
        attribution.UNSTATED_PASSIVE = on
        found[on] = {(d.article.id, a.cue.start, a.source.text):
                     f"{a.type}: [{a.source.text}] {a.cue.text} | {' … '.join(p.text for p in a.content_parts)}"[:160]
                     for d in docs for a in attribution.analyze(d)}
    attribution.UNSTATED_PASSIVE = True
    added, dropped = sorted(found[True].keys() - found[False].keys()), sorted(found[False].keys() - found[True].keys())
    print(f"FNC-1 train, {n} bodies: {len(added)} attributions only with the rule, {len(dropped)} only without it")
    for key in added[:show]:
        print(f"  + {key[0]}: {found[True][key]}")
    for key in dropped[:show]:
        print(f"  - {key[0]}: {found[False][key]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--fnc", type=int, default=300, help="FNC-1 train bodies to count changes on (0: none)")
    ap.add_argument("--show", type=int, default=40, help="attributions the rule adds / removes to print")
    ap.add_argument("--skip-polnear", action="store_true", help="only the FNC-1 count")
    args = ap.parse_args()
    if args.fnc:
        fnc_changes(args.shared, args.fnc, args.show)
    if not args.skip_polnear:
        from onrecord.training import attribution as training

        parsed = training.parse_split(args.shared / "data" / "polnear" / "train")
        training.compare_pipeline(parsed, [{"UNSTATED_PASSIVE": False}, {}])


if __name__ == "__main__":
    main()
