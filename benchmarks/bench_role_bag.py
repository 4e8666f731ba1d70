"""What a bag of role taggers costs the audit: the shipped role tagger with more graphs (``--extra``, fine-tunes of
its recipe with other seeds) read as a cascade (``explore_cue_bag.RoleBag``), against the shipped tagger alone,
alternated in one process. With ``--instead GRAPH``, another role tagger (a smaller network) replaces the shipped one.

    python benchmarks/bench_role_bag.py --shared ../shared --extra SEED1.onnx --second-below 0.6 --articles 100 --rounds 3
    python benchmarks/bench_role_bag.py --shared ../shared --instead LAYERS4.onnx

Data: the first N FNC-1 training bodies with a related headline (as ``bench_models.py``), parsed once. Each round
times the attribution analyzer and then the whole audit over every document, first with one variant and then the
other (the order swapped each round); the medians of the rounds and their ratio are printed, with the share of cues
the second graph read. One process, one thread (OMP_NUM_THREADS=1 as the CLI sets), so the two variants share the
machine's state; compare ratios, not absolute figures, between runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).parent))


def main() -> None:
    from bench_models import fnc1_articles
    from explore_cue_bag import RoleBag, shipped_path

    from onrecord import analyzers, models, nlp
    from onrecord.audit import audit_document
    from onrecord.token_tagger import OnnxRoleTagger

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    which = ap.add_mutually_exclusive_group(required=True)
    which.add_argument("--extra", type=Path, action="append", help="another role tagger's ONNX graph, for the bag")
    which.add_argument("--instead", type=Path, help="a role tagger's ONNX graph to time in the shipped one's place")
    ap.add_argument("--second-below", type=float, default=2.0, help="the cascade's threshold (above 1: every graph "
                                                                    "reads every cue)")
    args = ap.parse_args()
    docs = list(nlp.parse_many(fnc1_articles(args.shared, args.articles)))
    paths = [shipped_path(), *(args.extra or [])]
    other = "bag" if args.extra else "instead"
    bag = RoleBag(paths, models.load("minilm"), args.second_below) if args.extra else None
    variants = {other: bag or OnnxRoleTagger(args.instead, models.load("minilm")), "shipped": models.load("role_tagger")}
    attribution = analyzers.get("attribution")
    for d in docs[:3]:  # warm both
        for tagger in variants.values():
            with models.substituted("role_tagger", tagger):
                audit_document(d)
    times: dict[str, dict[str, list[float]]] = {v: {"attribution": [], "whole audit": []} for v in variants}
    calls = [0] * len(paths)  # the bag's ONNX calls per graph in one attribution pass
    for r in range(args.rounds):
        for name in (list(variants) if r % 2 == 0 else list(variants)[::-1]):
            with models.substituted("role_tagger", variants[name]):
                for step, fn in (("attribution", attribution), ("whole audit", audit_document)):
                    before = list(bag.calls) if bag else []
                    t0 = time.perf_counter()
                    for d in docs:
                        fn(d)
                    times[name][step].append(1000 * (time.perf_counter() - t0) / len(docs))
                    if bag and name == "bag" and step == "attribution":
                        calls = [a - b for a, b in zip(bag.calls, before)]
    if args.extra:
        print(f"{len(docs)} FNC-1 articles, {args.rounds} rounds; {len(paths)} graphs; one attribution pass: ONNX "
              f"calls per graph {calls} ({calls[-1] / max(1, calls[0]):.0%} of the cues read by the second)")
    else:
        print(f"{len(docs)} FNC-1 articles, {args.rounds} rounds; {args.instead} in the shipped role tagger's place")
    print("| ms an article, one thread | " + " | ".join(variants) + " | ratio |")
    print("|---|" + "---:|" * (len(variants) + 1))
    for step in ("attribution", "whole audit"):
        meds = [statistics.median(times[v][step]) for v in variants]
        rounds = " / ".join(f"{t:.1f}" for t in times[other][step])
        print(f"| {step} ({other} rounds {rounds}) | " + " | ".join(f"{m:.1f}" for m in meds)
              + f" | {meds[0] / meds[1]:.3f} |")


if __name__ == "__main__":
    main()
