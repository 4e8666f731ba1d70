"""Explore swapping a doubtful content for the role tagger's own: when the MiniLM role tagger, given an attribution's
final cue, gives its content a low mean probability (below TAU) and its own best content run differs, take that run.

It reads the rows that ``benchmarks/explore_attribution_filter.py`` caches (run that first, with its default
``--cache``). TAU is chosen on the carve-out (the 107 train articles neither MiniLM tagger saw: the best content exact F1
where no other span falls); dev is then scored at the chosen TAU only.

    python benchmarks/explore_attribution_filter.py --shared ../shared --label content_exact
    python benchmarks/explore_content_swap.py --shared ../shared
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from explore_attribution_filter import metrics  # noqa: E402

from onrecord.evaluation import attribution as ea  # noqa: E402
from onrecord.training import cue_tagger  # noqa: E402

TAUS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
SPANS = ("Source", "Cue", "Content", "Attribution")


def score(rows: list[dict], items: dict[str, ea.Item], tau: float, types: tuple[str, ...]) -> tuple[int, dict]:
    """The exact F1s with each doubtful content of ``types`` swapped (:data:`TAUS`), and how many were swapped."""
    swapped = []
    for r in rows:
        if r["con_run"] == 0 and r["con_mean"] < tau and r["content_runs"] and r["type"] in types:
            source, cue, _ = r["brat"]
            at = cue[0][0]
            r = {**r, "brat": [source, cue, [max(r["content_runs"], key=lambda x: (x[1] - x[0], -abs(x[0] - at)))]]}
        swapped.append(r)
    n = sum(a is not b for a, b in zip(swapped, rows))
    return n, metrics(swapped, np.ones(len(swapped), dtype=bool), items)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/attribution_filter_rows.pkl"))
    args = ap.parse_args()
    _, carve_rows, dev_rows = pickle.loads(args.cache.read_bytes())
    polnear = args.shared / "data" / "polnear"
    carve = {i.name: i for i in ea.discover([polnear / "train"]) if cue_tagger.in_validation(i.name)}
    dev = {i.name: i for i in ea.discover([polnear / "dev"])}
    for types in (("indirect", "belief"), ("indirect", "belief", "direct_quote")):
        _, base = score(carve_rows, carve, 0.0, types)
        best, chosen = base["Content"], None
        for tau in TAUS:
            n, m = score(carve_rows, carve, tau, types)
            print(f"carve-out {'/'.join(types)} TAU {tau}: {n} swapped, exact F1 {m}")
            if m["Content"] > best and all(m[k] >= base[k] for k in SPANS if k != "Content"):
                best, chosen = m["Content"], tau
        if chosen is None:
            print("  no TAU raises the carve-out's content; dev not read")
            continue
        n, m = score(dev_rows, dev, chosen, types)
        print(f"dev {'/'.join(types)} at the chosen TAU {chosen}: {n} swapped, exact F1 {m}"
              f" (unswapped {score(dev_rows, dev, 0.0, types)[1]})")


if __name__ == "__main__":
    main()
