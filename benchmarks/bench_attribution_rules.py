"""Time the attribution analyzer and its line rules on pre-parsed FNC-1 bodies (one process, medians of 5).

    OMP_NUM_THREADS=1 python benchmarks/bench_attribution_rules.py --shared ../shared [--articles 100] [--long 100 300]
        [--off SWITCH ...]

Prints ms an article for the whole ``attribution.analyze`` (as shipped, with the MiniLM cue tagger's cues; with the
CRF's cues instead; and the tagger alone), for ``find_quotes`` and for the speaker-line and dash-credit rules alone,
so a change to one rule can be costed without the noise of a whole-audit run. ``--long KB …`` also times one
``analyze`` of a synthetic article of that many kilobytes dense with attributions (seeded, one paragraph of 120
words after another, ``said`` / ``believe`` / ``argued`` in most sentences): the analyzer must stay near linear in
the number of attributions. ``--one-paragraph KB …`` times the same text with its paragraph breaks removed (a
scraped page often has none): stage 2 reads each cue's paragraph, so this is where a cost per cue that grows with
the paragraph would show. ``--off NESTED_BELIEFS TRAILING_TO`` also times the analyzer with those module switches of
``analyzers.attribution`` off together, and again as shipped, in turn with the first timing, so a rule's cost is
read within one process.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).parent))
from bench_models import fnc1_articles  # noqa: E402

from onrecord import models, nlp  # noqa: E402
from onrecord.article import Article  # noqa: E402
from onrecord.analyzers import attribution  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--long", type=int, nargs="*", default=[], metavar="KB",
                    help="also time synthetic articles of these sizes in kilobytes")
    ap.add_argument("--one-paragraph", type=int, nargs="*", default=[], metavar="KB",
                    help="the same synthetic articles as one paragraph")
    ap.add_argument("--off", nargs="*", default=[], metavar="SWITCH",
                    help="also time analyze with these boolean switches of analyzers.attribution off")
    args = ap.parse_args()
    for name in args.off:
        if not isinstance(getattr(attribution, name, None), bool):
            ap.error(f"{name} is not a boolean switch of onrecord.analyzers.attribution")
    docs = list(nlp.parse_many(fnc1_articles(args.shared, args.articles)))
    attribution.analyze(docs[0])  # load the model outside the timings
    quotes = [attribution.find_quotes(d.body_text) for d in docs]

    def ms(step: Callable[[], object]) -> float:
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            step()
            times.append(time.perf_counter() - t0)
        return 1000 * statistics.median(times) / len(docs)

    print(f"{len(docs)} FNC-1 bodies, ms an article (median of 5):")
    print(f"  attribution.analyze  {ms(lambda: [attribution.analyze(d) for d in docs]):.2f}")
    saved = attribution.CUE_TAGGER
    attribution.CUE_TAGGER = "crf"
    print(f"  ... with the CRF's cues instead of the MiniLM tagger's  {ms(lambda: [attribution.analyze(d) for d in docs]):.2f}")
    attribution.CUE_TAGGER = saved
    if args.off:
        def toggled(value: bool) -> float:
            for name in args.off:
                setattr(attribution, name, value)
            return ms(lambda: [attribution.analyze(d) for d in docs])

        off, on = toggled(False), toggled(True)
        print(f"  ... with {', '.join(args.off)} off  {off:.2f}  (as shipped, just after: {on:.2f})")
    if models.available("cue_tagger"):
        print(f"  MiniLM cue tagger    {ms(lambda: [attribution._minilm_cues(d) for d in docs]):.2f}")
    print(f"  find_quotes          {ms(lambda: [attribution.find_quotes(d.body_text) for d in docs]):.3f}")
    print(f"  speaker lines        {ms(lambda: [list(attribution._speaker_lines(d, q)) for d, q in zip(docs, quotes)]):.3f}")
    print(f"  dash credits         {ms(lambda: [list(attribution._credit_lines(d, q)) for d, q in zip(docs, quotes)]):.3f}")
    for kb, one in [(kb, False) for kb in args.long] + [(kb, True) for kb in args.one_paragraph]:
        doc = nlp.parse(long_article(kb, one_paragraph=one))
        t0 = time.perf_counter()
        found = attribution.analyze(doc)
        print(f"synthetic article of {kb} KB{' in one paragraph' if one else ''} ({len(doc.body)} tokens): "
              f"{len(found)} attributions in {time.perf_counter() - t0:.2f} s")


def long_article(kb: int, one_paragraph: bool = False) -> Article:
    """A seeded synthetic article of about ``kb`` kilobytes, most sentences an attribution."""
    rng = random.Random(0)
    words = ("the senator said that officials believe the plan could fail while critics argued it would cost more "
             "than expected").split()
    paras: list[str] = []
    while sum(len(p) + 2 for p in paras) < kb * 1000:
        paras.append(" ".join(rng.choice(words) for _ in range(120)).capitalize() + ".")
    return Article(headline="A long headline about the plan", body=(" " if one_paragraph else "\n\n").join(paras))


if __name__ == "__main__":
    main()
