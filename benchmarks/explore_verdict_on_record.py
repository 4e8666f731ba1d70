"""How often does the verdict's on-record rule fire, and on which FNC-1 stances? A measurement of the verdict.

    python benchmarks/explore_verdict_on_record.py --shared ../shared [--side train|dev] [--bodies N]

The verdict calls a headline *supported* when the body puts the headline's holder ("X says …", "…, X says") on
record behind the claim: a direct quote or reported speech by X, not hedged, whose content or sentence shares
enough of the claim's key words (``verdict.on_record_support``). FNC-1 has no verdict labels, but its stances
bound what the rule may do: on an *agree* pair the body asserts the headline, so the rule may fire; on a
*discuss* pair it reports without asserting, and on a *disagree* pair it refutes — there a firing turns the
verdict into "supported" against the label. For the related pairs of the chosen side of the stance split (train by
default — dev is for measuring), each body parsed once, this prints how many headlines have a holder and, per
stance, how many times the rule fires — with the shipped key-word test and with stricter ones (``VARIANTS``).
Writes nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator

from onrecord import nlp, verdict
from onrecord.analyzers import attribution, headline
from onrecord.article import Article
from onrecord.training import stance as st

# name -> (share of the claim's key words the content or sentence must hold, whether one of them must lie outside
# the claim's target — the predicate: "use platinum" in "Apple Watch Edition could use platinum")
# (the shipped row is ``verdict.on_record_support`` itself)
VARIANTS = {"a third (without the unnamed-holder guard)": (1 / 3, False), "half": (0.5, False),
            "a third + a predicate word": (1 / 3, True), "half + a predicate word": (0.5, True)}
SHIPPED = "shipped: a third, + a predicate word for an unnamed holder"


def fires(claim, atts, sentences, share: float, predicate: bool) -> bool:
    words = verdict._keywords(claim.content)
    target = verdict._keywords(claim.target) | verdict._keywords(claim.holder)
    for a in atts:
        if a.type not in ("direct_quote", "indirect") or a.hedged or verdict._denial_verb(a):
            continue
        if not verdict.is_holder(a, claim.holder):
            continue
        have = verdict._keywords(a.content_text)
        if a.sentence is not None and 0 <= a.sentence < len(sentences):
            have |= verdict._keywords(sentences[a.sentence].text)
        shared = words & have
        if not words or (len(shared) >= max(1, round(len(words) * share)) and (not predicate or shared - target)):
            return True
    return False


def related_pairs(shared: Path, side: str, n_bodies: int, counts: Counter) -> Iterator[tuple]:
    """(pair, parsed document, headline claim, body attributions) for the related FNC-1 pairs of one side of the
    stance split, over a seeded sample of ``n_bodies`` bodies (0: all), counted in ``counts["bodies"]``; each body
    parsed and its attributions found once. Prints progress to stderr."""
    split_, bodies = st.load_split(shared / "data" / "fnc1")
    pairs = [p for p in (split_.train if side == "train" else split_.dev) if p.stance != "unrelated"]
    ids = sorted({p.body_id for p in pairs})
    if n_bodies and len(ids) > n_bodies:
        ids = sorted(random.Random(0).sample(ids, n_bodies))
    by_body: dict[str, list] = {body_id: [] for body_id in ids}
    for p in pairs:
        if p.body_id in by_body:
            by_body[p.body_id].append(p)
    counts["bodies"] = len(ids)
    nlp_ = nlp.get_nlp()
    for n, body_id in enumerate(ids, 1):
        text = bodies[body_id]
        body = nlp_(text)
        atts = None
        for p in by_body[body_id]:
            doc = nlp.parse(Article(headline=p.headline, body=text), body)
            if atts is None:
                atts = attribution.analyze(doc)
            yield p, doc, headline.analyze(doc), atts
        if n % 50 == 0:
            print(f"{n} / {len(ids)} bodies", file=sys.stderr, flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--side", choices=("train", "dev"), default="train")
    ap.add_argument("--bodies", type=int, default=400, help="a seeded sample of this many bodies (0: all)")
    args = ap.parse_args()
    with_holder: Counter = Counter()
    total: Counter = Counter()
    fired = {name: Counter() for name in (SHIPPED, *VARIANTS)}
    for p, doc, claim, atts in related_pairs(args.shared, args.side, args.bodies, total):
        total[p.stance] += 1
        if not claim.holder:
            continue
        with_holder[p.stance] += 1
        fired[SHIPPED][p.stance] += bool(verdict.on_record_support(claim, atts, doc.sentences))
        for name, (share, predicate) in VARIANTS.items():
            fired[name][p.stance] += fires(claim, atts, doc.sentences, share, predicate)
    print_firings(args.side, total, fired, "on-record test", "agree",
                  {lab: f" ({with_holder[lab]} with a headline holder)" for lab in LABELS})


LABELS = ("agree", "discuss", "disagree")


def print_firings(side: str, total: Counter, fired: dict[str, Counter], test: str, share_of: str,
                  notes: dict[str, str] | None = None) -> None:
    """The table of how often each variant of a verdict rule fires, by FNC-1 stance."""
    print(f"FNC-1 {side} split, {total['bodies']} bodies, related pairs: "
          + ", ".join(f"{lab} {total[lab]}{(notes or {}).get(lab, '')}" for lab in LABELS))
    print(f"| {test} | fires on agree | on discuss | on disagree | share of firings on {share_of} |")
    print("|---|---:|---:|---:|---:|")
    for name, c in fired.items():
        n = sum(c[lab] for lab in LABELS)
        print(f"| {name} | {c['agree']} | {c['discuss']} | {c['disagree']} | {c[share_of] / n if n else 0:.2f} |")

if __name__ == "__main__":
    main()
