"""Render a sample of reports for a hand audit (DEVELOPERS.md, "Report audits").

Picks FNC-1 train bodies by ``sha256(SEED + ":" + Body ID)`` (smallest first), pairs each with its first
related headline (agree / disagree / discuss, in file order), audits the pair as one article and writes, per
body, ``NN-article.txt`` (headline, blank line, body, as audited) and ``NN-report.txt`` (the text view) into
OUT. Bodies shorter than ``--min-chars`` or longer than ``--max-chars`` are skipped so a reader can check a
report against its article in a few minutes. A new audit round takes a new seed.

    python benchmarks/audit_reports.py --shared ../shared --seed audit-s30 --n 30 --out /tmp/audit
    python benchmarks/audit_reports.py --shared ../shared --corpus polnear-dev --seed audit-s44 --n 30 --out /tmp/audit

``--corpus polnear-dev`` audits real articles under their own title instead: PolNeAR's dev split, whose attribution
errors may be read (the verdict's real-article sets come from PolNeAR train).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path


def fnc1_train(shared: Path) -> tuple[dict[str, str], dict[str, str]]:
    """FNC-1 train's bodies by Body ID, and each body's first related headline (agree / disagree / discuss)."""
    fnc = shared / "data" / "fnc1"
    csv.field_size_limit(sys.maxsize)
    with open(fnc / "train_bodies.csv", newline="", encoding="utf-8") as f:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}
    headline: dict[str, str] = {}
    with open(fnc / "train_stances.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Stance"] != "unrelated":
                headline.setdefault(row["Body ID"], row["Headline"])
    return bodies, headline


def polnear_dev(shared: Path) -> tuple[dict[str, str], dict[str, str]]:
    """PolNeAR dev's article bodies by file name, and each article's own title (``metadata.tsv``)."""
    root = shared / "data" / "polnear"
    with open(root / "metadata.tsv", newline="", encoding="utf-8") as f:
        titles = {r["filename"]: " ".join(r["title"].split()) for r in csv.DictReader(f, delimiter="\t")
                  if r["compartment"] == "dev" and r["title"].strip()}
    bodies = {name: (root / "dev" / "text" / f"{name}.txt").read_text(encoding="utf-8").split("\n", 1)[-1].strip()
              for name in titles if (root / "dev" / "text" / f"{name}.txt").is_file()}
    return bodies, {name: titles[name] for name in bodies}


def sample(shared: Path, seed: str, n: int, min_chars: int, max_chars: int,
           corpus: str = "fnc1") -> list[tuple[str, str, str]]:
    """(id, headline, body) for the n articles of the sample, in hash order: FNC-1 train bodies under their first
    related headline, or PolNeAR dev articles under their own title (``corpus`` "polnear-dev")."""
    bodies, headline = polnear_dev(shared) if corpus == "polnear-dev" else fnc1_train(shared)
    order = sorted(headline, key=lambda b: hashlib.sha256(f"{seed}:{b}".encode()).hexdigest())
    picked = [(b, headline[b], bodies[b]) for b in order if min_chars <= len(bodies[b]) <= max_chars]
    return picked[:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data/fnc1 inside)")
    ap.add_argument("--seed", required=True, help="the round's hash seed, e.g. audit-s30")
    ap.add_argument("--n", type=int, default=30, help="reports to render (default 30)")
    ap.add_argument("--min-chars", type=int, default=800)
    ap.add_argument("--max-chars", type=int, default=6000)
    ap.add_argument("--out", type=Path, required=True, help="folder to write NN-article.txt / NN-report.txt into")
    ap.add_argument("--corpus", choices=("fnc1", "polnear-dev"), default="fnc1",
                    help="FNC-1 train bodies under a related headline (default), or PolNeAR dev articles under their "
                         "own title (real articles; the attribution model's development split)")
    args = ap.parse_args(argv)
    need = ("data/polnear/metadata.tsv" if args.corpus == "polnear-dev" else "data/fnc1/train_bodies.csv")
    if not (args.shared / need).is_file():
        print(f"error: {args.shared}/{need} not found (--shared)", file=sys.stderr)
        return 2

    from onrecord.article import Article
    from onrecord.audit import audit
    from onrecord.views import render

    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        print(f"error: cannot create --out {args.out}: {e.strerror}", file=sys.stderr)
        return 2
    picked = sample(args.shared, args.seed, args.n, args.min_chars, args.max_chars, args.corpus)
    label = "PolNeAR dev article" if args.corpus == "polnear-dev" else "FNC-1 Body ID"
    for i, (body_id, head, body) in enumerate(picked, 1):
        report = audit(Article(headline=head, body=body))
        (args.out / f"{i:02d}-article.txt").write_text(f"{head}\n\n{body}\n", encoding="utf-8")
        (args.out / f"{i:02d}-report.txt").write_text(f"{label} {body_id}\n\n" + render(report, "text"),
                                                      encoding="utf-8")
        print(f"{i:02d}  body {body_id}  {head[:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
