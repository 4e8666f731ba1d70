"""Does the fine-tuned MiniLM role tagger find a cue's source and content better than the role CRF?

    python benchmarks/explore_role_tagger.py --shared ../shared [--split valid|dev] [--skip-analyzer]
        [--variants crf/crf,minilm/minilm]

``--split valid`` (the default) reads the 107 PolNeAR *train* articles of the cue and role taggers' 10 % carve-out
(``training.cue_tagger.in_validation``): neither MiniLM tagger was fine-tuned on them, while the shipped CRFs were
fitted on all of train, these included — a comparison tilted towards the CRF. ``--split dev`` reads PolNeAR dev.

1. **Gold cues**: for every gold attribution whose cue is one contiguous span, the cue is given as a token span and
   each role tagger's source (the run nearest the cue) and content (the longest run) are compared with gold, exactly
   (characters, whitespace trimmed), as the analyzer takes them (:func:`onrecord.analyzers.attribution._roles`);
   also the content made of all its runs as pieces (PolNeAR splits 12 % of its contents).
2. **The whole analyzer** (``--skip-analyzer`` leaves it out): ``onrecord eval attribution`` on the same articles
   for each pair of ``analyzers.attribution.ROLE_TAGGER`` (the rules' attributions) and ``TAGGED_ROLE_TAGGER`` (the
   attributions the cue taggers add), in one process.
Writes nothing in the package.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from onrecord import models, nlp
from onrecord.analyzers import attribution
from onrecord.evaluation import attribution as evaluation
from onrecord.evaluation.brat import read_ann
from onrecord.training.cue_tagger import in_validation

METRICS = ("Source", "Cue", "Content", "Attribution")
# (ROLE_TAGGER, TAGGED_ROLE_TAGGER): which role tagger reads the rules' attributions, and the tagger cues'
VARIANTS = (("crf", "crf"), ("minilm", "minilm"), ("minilm", "crf"), ("crf", "minilm"), ("mixed", "mixed"),
            ("mixed", "crf"))


def link_folder(items: list[evaluation.Item], root: Path) -> Path:
    """A PolNeAR-layout folder of links to ``items``' text and gold files."""
    for sub in ("text", "attributions"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for it in items:
        os.symlink(it.text_path.resolve(), root / "text" / it.text_path.name)
        if it.gold_path is not None:
            os.symlink(it.gold_path.resolve(), root / "attributions" / it.gold_path.name)
    return root


def gold_cue_comparison(items: list[evaluation.Item]) -> dict[str, dict[str, float]]:
    """Per role tagger, the share of gold attributions (contiguous cue) whose taken source / content is gold's."""
    model = models.load("attribution")
    hits = {name: {"source": 0, "content": 0, "both": 0, "content_all_runs": 0} for name in ("crf", "minilm")}
    n = 0
    for it in items:
        doc = nlp.parse(evaluation.as_article(it))
        body, text = doc.body, doc.body_text
        prep = attribution._prepared(doc, model, attribution.find_quotes(text, carried=False))
        for att in read_ann(it.gold_path):
            cue = evaluation._normalize(att.cue, text)
            if len(cue) != 1:
                continue
            span = body.char_span(*cue[0], alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            tcue = (span.start, span.end - 1)
            gold_s = evaluation._normalize(att.source, text) if att.source else ()
            gold_c = evaluation._normalize(att.content, text)
            n += 1
            for name in hits:
                sources, contents = attribution._roles(prep, model["taggers"]["role"], tcue, text, name) or ([], [])
                src = evaluation._normalize((attribution._token_chars(body, attribution._nearest(sources, tcue)),),
                                            text) if sources else ()
                con = evaluation._normalize((attribution._token_chars(body, attribution._longest(contents, tcue)),),
                                            text) if contents else ()
                hits[name]["source"] += src == gold_s
                hits[name]["content"] += con == gold_c
                hits[name]["both"] += src == gold_s and con == gold_c
                runs = tuple(sorted(attribution._token_chars(body, c) for c in contents))
                hits[name]["content_all_runs"] += evaluation._normalize(runs, text) == gold_c
    return {name: {k: v / max(1, n) for k, v in h.items()} | {"n": n} for name, h in hits.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--split", choices=("valid", "dev"), default="valid")
    ap.add_argument("--skip-analyzer", action="store_true", help="only the gold-cue comparison")
    ap.add_argument("--variants", help="only these (ROLE_TAGGER / TAGGED_ROLE_TAGGER) pairs of the whole analyzer, e.g. "
                    "'crf/crf,minilm/minilm', and no gold-cue comparison")
    args = ap.parse_args()
    variants = VARIANTS if not args.variants else [tuple(v.split("/")) for v in args.variants.split(",")]
    if not models.available("role_tagger"):
        sys.exit("no role tagger artifact: run `onrecord train role_tagger --data ../shared/data/polnear` first")
    data = args.shared / "data" / "polnear"
    if args.split == "dev":
        items = [it for it in evaluation.discover([data / "dev"]) if it.gold_path is not None]
    else:
        items = [it for it in evaluation.discover([data / "train"])
                 if it.gold_path is not None and in_validation(it.name)]
    print(f"{args.split}: {len(items)} annotated articles")
    if not args.variants:
        start = time.perf_counter()
        gold = gold_cue_comparison(items)
        print(f"\n1. gold cues ({gold['crf']['n']} attributions with a contiguous cue; {time.perf_counter() - start:.0f} s)")
        print("| role tagger | source exact | content exact | both | content exact, all runs as pieces |")
        print("|---|---:|---:|---:|---:|")
        for name, h in gold.items():
            print(f"| {name} | {h['source']:.4f} | {h['content']:.4f} | {h['both']:.4f} | {h['content_all_runs']:.4f} |")
    if args.skip_analyzer:
        return
    rows = []
    shipped = attribution.ROLE_TAGGER, attribution.TAGGED_ROLE_TAGGER
    with tempfile.TemporaryDirectory() as tmp:
        folder = link_folder(items, Path(tmp) / "articles") if args.split == "valid" else data / "dev"
        for rules, tagged in variants:
            attribution.ROLE_TAGGER, attribution.TAGGED_ROLE_TAGGER = rules, tagged
            t0 = time.perf_counter()
            m = evaluation.evaluate([folder], progress=False, jobs=1)
            rows.append((f"{rules} / {tagged}", [m[k]["exact"]["f1"] for k in METRICS], time.perf_counter() - t0))
    attribution.ROLE_TAGGER, attribution.TAGGED_ROLE_TAGGER = shipped
    print("\n2. the whole analyzer, exact F1\n| role tagger: rules' attributions / tagger cues' | source | cue | content "
          "| whole attribution | seconds |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, f1s, secs in rows:
        print(f"| {name} | " + " | ".join(f"{f:.4f}" for f in f1s) + f" | {secs:.0f} |")


if __name__ == "__main__":
    main()
