"""Every analyzer on its honest dev split, in one run: the figures BENCHMARKS.md quotes.

    python benchmarks/eval_all.py --shared ../shared [--only hedging attribution headline stance checkworthy clickbait emergent
        news verdict]
        [--json OUT.json]

Dev splits (none of them is a test set; nothing is tuned on them):
- hedging      Szeged wiki.xml and the three bio files, document-grouped dev parts (evaluation.szeged.dev_split)
- attribution  PolNeAR dev/ (84 articles; first annotator's file where there are several)
- headline     PolNeAR dev/ again: the headline claim against the attributions marked in each headline
- stance       FNC-1 training set, dev = claims (connected headline–body components) held out
               (training.stance.split); the word-overlap baseline on the same pairs; the hand-written
               robustness set (src/onrecord/data/stance_robustness.jsonl), for the stance model and the whole audit's verdict
- checkworthy  the 4 CheckThat! 2019 transcripts held out at training + CT24 dev
- clickbait    the stratified 20 % dev split, the hand-written transfer set, FNC-1 headlines
- emergent     claim-disjoint dev split (20 % of claimIds by hash): headline stance and claim veracity
- news         hand-labelled news sentences (benchmarks/data/news_*.tsv, from PolNeAR and FNC-1 train): hedging
               (sets A, B, C; set E stays held out), check-worthiness transfer, the attributions' hedged and
               negated flags, and headlines that hedge their own claim (benchmarks/eval_headline_shape.py, set A)
- verdict      the report's verdict against two fact-checkers' hand labels of FNC-1 stance-dev pairs and of
               PolNeAR articles under their own headline (benchmarks/eval_verdict.py, sets A and PA; B, C, PB-PD
               are test sets, scored once)
"""

from __future__ import annotations

import argparse
import json
import platform
import os
import time
from pathlib import Path
from typing import Any, Callable

TASKS = ("hedging", "attribution", "headline", "stance", "checkworthy", "clickbait", "emergent", "news", "verdict")


def hedging(data: Path) -> dict[str, Any]:
    from onrecord.evaluation.hedging import evaluate

    u = data / "uncertainty"
    return evaluate([u / f for f in ("wiki.xml", "bio_bmc.xml", "bio_fly.xml", "bio_hbc.xml")], subset="dev",
                    progress=False)


def attribution(data: Path) -> dict[str, Any]:
    from onrecord.evaluation.attribution import evaluate

    return evaluate([data / "polnear" / "dev"], progress=False)


def headline(data: Path) -> dict[str, Any]:
    from onrecord.evaluation.headline import evaluate

    return evaluate([data / "polnear" / "dev"], progress=False)


def stance(data: Path) -> dict[str, Any]:
    from onrecord.evaluation.robustness import evaluate_robustness, evaluate_verdicts
    from onrecord.training.stance import eval_dev

    return {**eval_dev(data / "fnc1"), "robustness": evaluate_robustness(), "verdict_robustness": evaluate_verdicts()}


def checkworthy(data: Path) -> dict[str, Any]:
    from onrecord import models
    from onrecord.evaluation.checkworthy import evaluate

    names = models.load("checkworthy").info["dev_transcripts"]
    files = [data / "checkworthy" / "clef2019_train" / n for n in names]
    files += sorted((data / "checkworthy" / "ct24").glob("*dev*.tsv"))
    return evaluate(files, progress=False)


def clickbait(data: Path) -> dict[str, Any]:
    from onrecord.training.clickbait import eval_dev

    return eval_dev(data / "clickbait")


def emergent(data: Path) -> dict[str, Any]:
    from onrecord.training.emergent import eval_dev

    return eval_dev(data / "emergent")


def news(data: Path) -> dict[str, Any]:
    import eval_headline_shape
    import eval_news_attribution_hedged
    import eval_news_attribution_negated
    import eval_news_checkworthy
    import eval_news_clickbait
    import eval_news_hedging

    shared = data.parent
    opened = ("A", "B", "C")  # set D was held out until session 24, set E is
    hedge = eval_news_hedging.score(shared, eval_news_hedging.read_labels(), opened)
    for s in opened:
        print(f"hedging, news set {s}: sentence F1 {hedge[s]['sentence']['F1']:.3f}, cue F1 {hedge[s]['cue']['F1']:.3f}")
    cw = eval_news_checkworthy.score(shared, eval_news_hedging.read_labels(eval_news_checkworthy.LABELS))
    print(f"check-worthiness, news (all sets): AP {cw['all']['AP']:.3f}, AUC {cw['all']['AUC']:.3f}, "
          f"F1 at the report's threshold {cw['all']['F1']:.3f}")
    flag = eval_news_attribution_hedged.score(shared, eval_news_hedging.read_labels(eval_news_attribution_hedged.LABELS))
    print(f"attributions' hedged flag, news: P {flag['P']:.3f} R {flag['R']:.3f} F1 {flag['F1']:.3f}")
    negated = eval_news_attribution_negated.score(shared, eval_news_attribution_negated.read_labels())
    m = negated["field"]
    print(f"attributions' negated flag, news (sets A, B): P {m['P']:.3f} R {m['R']:.3f} F1 {m['F1']:.3f}")
    bait = eval_news_clickbait.score(shared, eval_news_hedging.read_labels(eval_news_clickbait.LABELS))
    print("clickbait, news headlines (all): " + ", ".join(
        f"{k[0]} AUC {r['AUC']:.3f} F1 {r['F1']:.3f}" for k, r in bait["by"].items() if k[1] == "all"))
    shape = eval_headline_shape.score(shared, eval_news_hedging.read_labels(eval_headline_shape.LABELS), "A")
    print("headline hedged and credited to no one, news headlines (set A; B and C are test sets, scored once): " + ", ".join(
        f"{k} F1 {r['hedged']['F1']:.3f}" for k, r in shape["by"].items()))
    return {"hedging": hedge, "checkworthy": cw, "attribution_hedged": flag, "attribution_negated": negated,
            "clickbait": {f"{k[0]}/{k[1]}": r for k, r in bait["by"].items()},
            "headline_shape_A": {k: {"accuracy": r["accuracy"], "hedged": r["hedged"]} for k, r in shape["by"].items()}}


def verdict(data: Path) -> dict[str, Any]:
    import eval_verdict

    labels = eval_verdict.read_labels(eval_verdict.LABELS)
    out: dict[str, Any] = {}
    for sheet in ("A", "PA"):  # the development sets: FNC-1 pairs, and real articles under their own headline
        res = eval_verdict.score(data.parent, labels, sheet)
        for (what, labeller), r in res["by"].items():
            print(f"verdict from {what}, set {sheet}, against {labeller}: accuracy {r['accuracy']:.3f}, "
                  f"macro-F1 {r['macro_f1']:.3f}")
            out[f"{sheet}/{what}/{labeller}"] = {"accuracy": r["accuracy"], "macro_f1": r["macro_f1"]}
        if res.get("agreement"):
            print(f"set {sheet}: the labellers agree on {res['agreement'][0]:.3f} (Cohen's kappa {res['agreement'][1]:.3f})")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--only", nargs="+", choices=TASKS, default=list(TASKS))
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    data = args.shared / "data"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    results: dict[str, Any] = {}
    runners: dict[str, Callable[[Path], dict[str, Any]]] = {
        "hedging": hedging, "attribution": attribution, "headline": headline, "stance": stance,
        "checkworthy": checkworthy, "clickbait": clickbait, "emergent": emergent, "news": news, "verdict": verdict}
    for task in args.only:
        print(f"\n===== {task} =====", flush=True)
        t0 = time.perf_counter()
        results[task] = runners[task](data)
        print(f"[{task}: {time.perf_counter() - t0:.1f} s]", flush=True)
    if args.json:
        from onrecord.atomic import write_text

        write_text(args.json, json.dumps(results, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
