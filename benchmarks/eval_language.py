"""How onrecord's English check (``onrecord.language``) reads the project's corpora.

    python benchmarks/eval_language.py --shared ../shared

Every text below is English except where listed: FNC-1's train (and, where present, competition test) bodies,
PolNeAR's train and dev articles, and the Szeged uncertainty corpus's Wikipedia documents. For each corpus: the texts of ``language.MIN_WORDS`` words or more, the lowest and median share of English function
words, how many the report would warn about, and the lowest five with their opening words, so that a non-English
text (FNC-1 holds a few) can be read and told from English that merely reads oddly.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

from onrecord import language


def fnc1(shared: Path, split: str) -> Iterator[tuple[str, str]]:
    csv.field_size_limit(sys.maxsize)
    bodies_file = shared / "data" / "fnc1" / f"{split}_bodies.csv"
    if bodies_file.exists():
        with open(bodies_file, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                yield f"body {r['Body ID']}", r["articleBody"]


def polnear(shared: Path) -> Iterator[tuple[str, str]]:
    for split in ("train", "dev"):
        for path in sorted((shared / "data" / "polnear" / split / "text").glob("*.txt")):
            yield f"{split}/{path.name}", path.read_text(encoding="utf-8")


def szeged_wiki(shared: Path) -> Iterator[tuple[str, str]]:
    root = ET.parse(shared / "data" / "uncertainty" / "wiki.xml").getroot()
    for i, doc in enumerate(root.iter("Document")):
        yield f"wiki document {i}", " ".join("".join(s.itertext()) for s in doc.iter("Sentence"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    args = ap.parse_args()
    corpora = {
        "FNC-1 train bodies": fnc1(args.shared, "train"),
        "FNC-1 competition test bodies": fnc1(args.shared, "competition_test"),
        "PolNeAR train + dev articles": polnear(args.shared),
        "Szeged Wikipedia documents": szeged_wiki(args.shared),
    }
    print(f"MIN_WORDS {language.MIN_WORDS}, MIN_SHARE {language.MIN_SHARE}\n")
    print("| corpus | texts read | lowest share | median | warned |")
    print("|---|---:|---:|---:|---:|")
    lowest: dict[str, list[tuple[float, str, str]]] = {}
    for name, texts in corpora.items():
        scored = []
        for label, text in texts:
            share, n = language.english_share(text)
            if n >= language.MIN_WORDS:
                scored.append((share, label, " ".join(text.split()[:12])))
        if not scored:
            continue
        scored.sort()
        warned = sum(1 for s in scored if s[0] < language.MIN_SHARE)  # what language.warning warns about
        print(f"| {name} | {len(scored)} | {scored[0][0]:.3f} | {statistics.median(s[0] for s in scored):.3f} "
              f"| {warned} |")
        lowest[name] = scored[:5]
    for name, rows in lowest.items():
        print(f"\n{name}, lowest five:")
        for share, label, opening in rows:
            print(f"  {share:.3f}  {label}: {opening}")


if __name__ == "__main__":
    main()
