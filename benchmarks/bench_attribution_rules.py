"""Time the attribution analyzer and its line rules on pre-parsed FNC-1 bodies (one process, medians of 5).

    OMP_NUM_THREADS=1 python benchmarks/bench_attribution_rules.py --shared ../shared [--articles 100]

Prints ms an article for the whole ``attribution.analyze`` (as shipped; and, when the optional MiniLM cue tagger
has been trained, with its cues, and the tagger alone), for ``find_quotes`` and for the speaker-line and dash-credit rules alone, so a change to one rule can be costed without the noise of a whole-audit run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).parent))
from bench_models import fnc1_articles  # noqa: E402

from onrecord import models, nlp  # noqa: E402
from onrecord.analyzers import attribution  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--articles", type=int, default=100)
    args = ap.parse_args()
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
    if models.available("cue_tagger"):  # the optional MiniLM cue tagger, once trained (onrecord train cue_tagger)
        saved = attribution.CUE_TAGGER
        attribution.CUE_TAGGER = "minilm"
        print(f"  ... with the MiniLM cue tagger's cues  {ms(lambda: [attribution.analyze(d) for d in docs]):.2f}")
        attribution.CUE_TAGGER = saved
        print(f"  MiniLM cue tagger    {ms(lambda: [attribution._minilm_cues(d) for d in docs]):.2f}")
    print(f"  find_quotes          {ms(lambda: [attribution.find_quotes(d.body_text) for d in docs]):.3f}")
    print(f"  speaker lines        {ms(lambda: [list(attribution._speaker_lines(d, q)) for d, q in zip(docs, quotes)]):.3f}")
    print(f"  dash credits         {ms(lambda: [list(attribution._credit_lines(d, q)) for d, q in zip(docs, quotes)]):.3f}")


if __name__ == "__main__":
    main()
