"""How consistently do PolNeAR's annotators mark a speech cue's extent? ("said" or "said Monday"), train only.

    python benchmarks/explore_cue_extents.py --shared ../shared

For every gold cue in PolNeAR *train* that starts with a speech verb (said, says, told, wrote, tweeted, announced)
directly followed in the text by a day or time word ("Monday", "yesterday", "recently" …) or by a setting phrase
("in a statement", "in an interview", "on Twitter", "at a rally", "during a …"), whether the cue includes that
phrase — overall and by annotator (the suffix of the ``.ann`` file's name). Exact cue match is the issue's metric,
and a model cannot know which annotator's habit a held-out article follows. Dev is not read.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

from onrecord.evaluation import attribution as ev
from onrecord.evaluation.brat import read_ann

VERB = re.compile(r"(said|says|told|wrote|tweeted|announced)\b")
FOLLOWERS = {
    "day or time": re.compile(r"\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
                              r"last week|this week|recently|earlier)\b"),
    "setting": re.compile(r"\s+(in a statement|in an interview|in a tweet|on Twitter|at a rally|during a)\b"),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    args = ap.parse_args()
    train = args.shared / "data" / "polnear" / "train"
    if not (train / "text").is_dir():
        raise SystemExit(f"explore_cue_extents: no PolNeAR train folder at {train}")
    overall: dict[str, Counter[str]] = defaultdict(Counter)
    by_annotator: dict[str, Counter[str]] = defaultdict(Counter)
    for item in ev.discover([train]):
        if item.gold_path is None:
            continue
        annotator = item.gold_path.stem.rsplit("_", 1)[-1]
        for gold in read_ann(item.gold_path):
            start, end = gold.cue[0][0], gold.cue[-1][1]
            verb = VERB.match(item.text[start:end])
            if not verb:
                continue
            after = item.text[start + verb.end():start + verb.end() + 40]
            for kind, pattern in FOLLOWERS.items():
                if pattern.match(after):
                    included = "includes it" if end > start + verb.end() + 1 else "verb alone"
                    overall[kind][included] += 1
                    by_annotator[annotator][included] += 1
    print("| speech verb followed by | cue includes the phrase | cue is the verb alone |")
    print("|---|---:|---:|")
    for kind, counts in overall.items():
        print(f"| {kind} | {counts['includes it']} | {counts['verb alone']} |")
    print("\n| annotator | includes it | verb alone |")
    print("|---|---:|---:|")
    for annotator, counts in sorted(by_annotator.items(), key=lambda kv: -sum(kv[1].values())):
        if sum(counts.values()) >= 10:
            print(f"| {annotator} | {counts['includes it']} | {counts['verb alone']} |")


if __name__ == "__main__":
    main()
