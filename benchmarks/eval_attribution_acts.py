"""Does the report list acts as if they were statements or beliefs? Hand labels of the rows it lists.

The attribution tagger adds every cue it finds; one outside onrecord's word lists is typed ``belief``. Report audits
found many such rows that are acts ("CBI registered a case against …", "ordered a probe", "released a video of …").
``benchmarks/data/attribution_acts.tsv`` holds two helpers' labels of such rows (``belief`` rows whose cue head is
in none of the word lists) from the reports of FNC-1 training bodies: set A (150 rows of the 400 bodies first by
sha256 of "k30:" + Body ID), set B (150 rows of the 400 first by "k32:", set A's bodies left out) and set C (150
rows of the 400 first by "k33:", A's and B's bodies left out; 450 rows in all), and, from session 36, sets D and E
(210 rows each: 150 drawn at random from the same population plus 60 drawn among the rows session 36's act rule hid —
column ``draw`` "random" / "hidden"; D from the few FNC-1 bodies no earlier sample read and from PolNeAR training
articles, ids "polnear:<stem>"; E from PolNeAR training articles holding no D row; drawn by
``benchmarks/sample_attribution_acts.py`` at commit f27fa69, where the rule lives, reverted since). Labels
(guideline ``benchmarks/data/attribution_acts_guideline.md``): S speech, B belief or attitude, A an act or event, X
garbled. A reader should see the S and B rows and not the A and X ones.

This script audits those bodies with the shipped analyzer and prints, per set and labeller, how many of the rows
drawn at random the report still lists (matched by body and cue offset) by label, so a change that drops acts shows as
fewer A rows listed and the cost as fewer S / B rows listed; and how many of all the rows it hides are acts or garbled.

    python benchmarks/eval_attribution_acts.py --shared ../shared
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

LABELS = Path(__file__).parent / "data" / "attribution_acts.tsv"


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def listed_cues(bodies: dict[str, str]) -> set[tuple[str, int]]:
    """(body id, cue start) of every attribution the report lists for these bodies."""
    from onrecord.analyzers import attribution
    from onrecord.article import Article
    from onrecord.nlp import parse_many

    ids = sorted(bodies)
    docs = parse_many(Article(headline="x", body=bodies[i], id=i) for i in ids)
    return {(i, a.cue.start) for i, doc in zip(ids, docs) for a in attribution.analyze(doc)}


def score(labels: list[dict[str, str]], listed: set[tuple[str, int]]) -> dict[str, dict[str, Counter]]:
    """set -> labeller -> Counter of (label, "listed" | "dropped", draw): ``draw`` is "random" for a row drawn at
    random from the population, "hidden" for one of sets D's and E's extra draws among the rows session 36's rule hid."""
    out: dict[str, dict[str, Counter]] = {}
    for row in labels:
        state = "listed" if (row["fnc1_body_id"], int(row["cue_start"])) in listed else "dropped"
        for who in ("label_1", "label_2"):
            out.setdefault(row["set"], {}).setdefault(who, Counter())[row[who], state, row["draw"]] += 1
    return out


def polnear_texts(shared: Path, stems: set[str]) -> dict[str, str]:
    """The PolNeAR training texts of the "polnear:<stem>" rows (sets D and E)."""
    folder = shared / "data" / "polnear" / "train" / "text"
    return {f"polnear:{s}": (folder / f"{s}.txt").read_text(encoding="utf-8") for s in stems}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the folder holding data/fnc1")
    args = ap.parse_args(argv)
    path = args.shared / "data" / "fnc1" / "train_bodies.csv"
    if not path.is_file():
        print(f"error: {path} not found (pass --shared)", file=sys.stderr)
        return 2
    labels = read_labels()
    wanted = {r["fnc1_body_id"] for r in labels}
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8") as fh:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh) if r["Body ID"] in wanted}
    bodies.update(polnear_texts(args.shared, {b.split(":", 1)[1] for b in wanted if b.startswith("polnear:")}))
    result = score(labels, listed_cues(bodies))
    for name, by in sorted(result.items()):
        for who, c in sorted(by.items()):
            listed = {lab: c[lab, "listed", "random"] for lab in "SBAX"}
            cells = "  ".join(f"{lab} {listed[lab]}/{listed[lab] + c[lab, 'dropped', 'random']}" for lab in "SBAX")
            hidden = {lab: c[lab, "dropped", "random"] + c[lab, "dropped", "hidden"] for lab in "SBAX"}
            total, acts = sum(hidden.values()), hidden["A"] + hidden["X"]
            extra = sum(c[lab, "dropped", "hidden"] for lab in "SBAX")
            tail = (f"hidden rows (with {extra} drawn among them): {total}, acts or garbled {acts} ({acts / total:.2f})"
                    if total else "no row hidden")
            print(f"set {name} {who}: random rows still listed, by label: {cells}; {tail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
