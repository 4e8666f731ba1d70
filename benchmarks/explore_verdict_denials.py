"""How often does the verdict's denial rule fire, and on which FNC-1 stances? A measurement of the verdict.

    python benchmarks/explore_verdict_denials.py --shared ../shared [--side train|dev] [--bodies N] [--show N]

The verdict calls a headline *contradicted* when the stance model says "disagree", or when a source in the body
denies, rejects or dismisses what the headline says: a denial attribution (reported speech or a quote, not an
attitude) whose content or sentence shares at least a third of the claim's key words (``verdict.denials``).
FNC-1 has no verdict labels, but its stances bound what the rule may do: on a *disagree* pair the body refutes the
headline, so the rule may fire; on an *agree* pair the body asserts it, and a firing turns the verdict into
"contradicted" against the label; on a *discuss* pair the body reports without taking a side, and a firing is
often a denial of something else ("declined to comment and denied that the company was for sale"). For the related
pairs of the chosen side of the stance split (train by default — dev is for measuring), each body parsed once,
this prints per stance how many times the shipped rule and stricter variants (``VARIANTS``) fire, and with
``--show N`` the shipped rule's first N firings for reading. ``--verdicts`` also runs the stance model and the whole
verdict on each pair and counts the verdicts by FNC-1 stance, with a "disagree" the stance model gives only by its
decision weight taken as contradicting the headline (as until session 22) and not (shipped). Writes nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from explore_verdict_on_record import print_firings, related_pairs  # noqa: E402

from onrecord import verdict  # noqa: E402
from onrecord.report import Sentence  # noqa: E402


def _words(a, sentences, with_sentence: bool) -> set[str]:
    have = verdict._keywords(a.content_text)
    if with_sentence and a.sentence is not None and 0 <= a.sentence < len(sentences):
        have |= verdict._keywords(sentences[a.sentence].text)
    return have


def denial_variant(headline_text, claim, atts, sentences, share: float = 1 / 3, with_sentence: bool = True,
                   predicate: bool = False, cue_checked: bool = True, debunk_checked: bool = True,
                   holder_only: bool = True, questions_skipped: bool = True, hedged_skipped: bool = True) -> list[int]:
    """Indices of denial attributions under one test: at least ``share`` of the claim's key words in the denial's
    content (and its sentence, ``with_sentence``); with ``predicate``, one of them a word the claim says about its
    subject (``verdict._predicate_words``), not the subject's or the holder's name alone; ``cue_checked``: no
    negation or refusal just before the denial verb (``verdict.denies``; else any cue ending in a denial verb);
    ``debunk_checked``: none for a headline that debunks the story itself (``verdict.debunks``); ``holder_only``:
    for a named holder's attitude ("X says …") only X's own denials; ``questions_skipped``: none for a question;
    ``hedged_skipped``: not a denial the author hedges."""
    if debunk_checked and verdict.debunks(headline_text) or questions_skipped and headline_text.rstrip().endswith("?"):
        return []
    words = verdict._keywords(claim.content or headline_text)
    pred = verdict._predicate_words(claim) if claim.content else words
    named = claim.holder if claim.holder and not verdict._unnamed(claim.holder) else None
    out = []
    for i, a in enumerate(atts):
        if cue_checked:
            if not verdict.denies(a if hedged_skipped else dataclasses.replace(a, hedged=False), sentences):
                continue
        elif a.type == "belief" or a.cue.text.lower().split()[-1] not in verdict.DENIAL_CUES:
            continue
        if holder_only and named and not verdict.same_person(a.source.resolved or a.source.text, named):
            continue
        shared = words & _words(a, sentences, with_sentence)
        if len(shared) >= max(1, round(len(words) * share)) and (not predicate or shared & pred):
            out.append(i)
    return out


BEFORE = dict(cue_checked=False, debunk_checked=False, holder_only=False, questions_skipped=False, hedged_skipped=False)
# name -> the test's settings (``denial_variant``'s keywords)
VARIANTS = {"session 21's rule: a third of the key words in the content or its sentence": BEFORE,
            "+ no negation or refusal before the denial verb": dict(BEFORE, cue_checked=True),
            "+ not when the headline debunks the story": dict(BEFORE, cue_checked=True, debunk_checked=True),
            "+ a named holder's claim denied only by the holder": dict(questions_skipped=False, hedged_skipped=False),
            "+ no hedged denial": dict(questions_skipped=False),
            "+ no question headline (= shipped)": {},
            "shipped, the content only (not its sentence)": dict(with_sentence=False),
            "shipped + a predicate word": dict(predicate=True),
            "shipped, half the key words": dict(share=0.5)}
SHIPPED = "shipped (verdict.denials)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--side", choices=("train", "dev"), default="train")
    ap.add_argument("--bodies", type=int, default=400, help="a seeded sample of this many bodies (0: all)")
    ap.add_argument("--show", type=int, default=0, help="print this many of the shipped rule's firings")
    ap.add_argument("--verdicts", action="store_true",
                    help="also run the stance model and the whole verdict on each pair, and count verdicts by stance")
    args = ap.parse_args()
    verdicts: dict[bool, Counter] = {False: Counter(), True: Counter()}
    total: Counter = Counter()
    fired = {name: Counter() for name in (SHIPPED, *VARIANTS)}
    shown = 0
    for p, doc, claim, atts in related_pairs(args.shared, args.side, args.bodies, total):
        total[p.stance] += 1
        if args.verdicts:
            count_verdicts(verdicts, p.stance, doc, claim, atts)
        words = (claim.attitude or "").split()
        if claim.attitude == "deny" or (words[-1:] == ["confident"] and "not" in words):
            continue  # the verdict does not look for denials of a negated headline
        shipped = verdict.denials(doc.headline_text, claim, atts, doc.sentences)[0]
        fired[SHIPPED][p.stance] += bool(shipped)
        for name, settings in VARIANTS.items():
            fired[name][p.stance] += bool(denial_variant(doc.headline_text, claim, atts, doc.sentences, **settings))
        if shipped and shown < args.show:
            shown += 1
            a = atts[shipped[0]]
            print(f"[{p.stance}] {p.headline}\n    {a.source.resolved or a.source.text} | {a.cue.text} | "
                  f"{a.content_text[:160]}\n    sentence: {doc.sentences[a.sentence].text[:200]}\n")
    print_firings(args.side, total, fired, "denial test", "disagree")
    if args.verdicts:
        print_verdicts(verdicts)


def count_verdicts(verdicts: dict[bool, Counter], gold: str, doc, claim, atts) -> None:
    """The verdict of one pair, counted as (gold stance, verdict), with a weighted "disagree" taken as contradicting
    (``verdicts[True]``, as until session 22) and not (``verdicts[False]``, shipped)."""
    from onrecord.analyzers import stance

    found = stance.analyze(doc)
    sentences = [Sentence(s.index, s.start, s.end, s.text) for s in doc.sentences]  # hedging not run: no speculative
    for weighted in (False, True):
        verdict.WEIGHTED_DISAGREE_CONTRADICTS = weighted
        verdicts[weighted][gold, verdict.decide(doc, dataclasses.replace(claim), found, sentences, atts).label] += 1
    verdict.WEIGHTED_DISAGREE_CONTRADICTS = False


def print_verdicts(verdicts: dict[bool, Counter]) -> None:
    labels = ("supported", "unsupported", "contradicted", "unrelated")
    print("| a weighted disagree | gold stance | " + " | ".join(labels) + " | contradicted precision |")
    print("|---|---|" + "---:|" * (len(labels) + 1))
    for weighted in (True, False):
        c = verdicts[weighted]
        for gold in ("agree", "discuss", "disagree"):
            print(f"| {'contradicts' if weighted else 'does not contradict'} | {gold} | "
                  + " | ".join(str(c[gold, v]) for v in labels) + " | |")
        n = sum(c[g, "contradicted"] for g in ("agree", "discuss", "disagree"))
        print(f"| | all | | | {n} | | {c['disagree', 'contradicted'] / n if n else 0:.3f} |")

if __name__ == "__main__":
    main()
