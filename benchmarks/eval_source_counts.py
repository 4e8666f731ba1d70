"""The report's source counts against hand counts of distinct sources (benchmarks/data/source_counts_fnc1.tsv).

For each labelled FNC-1 train body, audits the body (with its first related headline) and compares the report's
``summary.named_sources`` and ``summary.anonymous_sources`` with the hand counts: mean absolute error, exact
matches, totals. For comparison it also prints the counts of attributions by source kind (what the summary
counted before session 30: every attribution with a named source was one more "named source").

    python benchmarks/eval_source_counts.py --shared ../shared
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from audit_reports import fnc1_train  # noqa: E402  (a sibling script)

LABELS = Path(__file__).resolve().parent / "data" / "source_counts_fnc1.tsv"
NAMED = ("named_person", "named_org")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data/fnc1 inside)")
    ap.add_argument("--labels", type=Path, default=LABELS)
    args = ap.parse_args(argv)
    fnc = args.shared / "data" / "fnc1"
    if not (fnc / "train_bodies.csv").is_file():
        print(f"error: {fnc}/train_bodies.csv not found (--shared)", file=sys.stderr)
        return 2
    try:
        with open(args.labels, newline="", encoding="utf-8") as f:
            labels = list(csv.DictReader(f, delimiter="\t"))
    except OSError as e:
        print(f"error: cannot read --labels {args.labels}: {e.strerror}", file=sys.stderr)
        return 2
    if not labels or not {"body_id", "named", "anonymous"} <= set(labels[0]):
        print(f"error: {args.labels}: no rows with body_id, named and anonymous columns", file=sys.stderr)
        return 2
    bodies, headline = fnc1_train(args.shared)

    from onrecord.article import Article
    from onrecord.audit import audit

    got: dict[str, list[tuple[int, int, int]]] = {"named": [], "anonymous": []}  # (gold, summary, rows)
    for lab in labels:
        report = audit(Article(headline=headline[lab["body_id"]], body=bodies[lab["body_id"]]))
        kinds = [a.source.kind for a in report.attributions]
        got["named"].append((int(lab["named"]), report.summary.named_sources, sum(k in NAMED for k in kinds)))
        got["anonymous"].append((int(lab["anonymous"]), report.summary.anonymous_sources, kinds.count("anonymous")))
    print(f"{len(labels)} labelled bodies ({args.labels.name})")
    print(f"{'count':<10} {'hand total':>10} | {'summary: MAE':>12} {'exact':>6} {'total':>6} | "
          f"{'attributions: MAE':>17} {'exact':>6} {'total':>6}")
    for what, rows in got.items():
        cols = []
        for k in (1, 2):
            cols += [statistics.mean(abs(r[0] - r[k]) for r in rows), sum(r[0] == r[k] for r in rows),
                     sum(r[k] for r in rows)]
        print(f"{what:<10} {sum(r[0] for r in rows):>10} | {cols[0]:>12.2f} {cols[1]:>6} {cols[2]:>6} | "
              f"{cols[3]:>17.2f} {cols[4]:>6} {cols[5]:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
