"""Draw rows to label for ``benchmarks/data/attribution_acts.tsv`` (session 36's set D), blind to the act rule.

The population is session 32's: the analyzer's ``belief`` rows (acts kept: ``analyze(doc, acts=True)``) whose cue
head is in none of onrecord's word lists, in FNC-1 training bodies. Set D takes

* ``--random`` rows drawn at random from that population in the 400 bodies first by sha256("k50:" + Body ID), so
  that the share of acts the report hides (recall) can be read, and
* up to ``--hidden`` more rows that the report hides as acts, from the 400 bodies first by "k51:", so that the share
  of hidden rows that are truly acts (precision) rests on more than a handful,

leaving out the bodies of sets A-C and of the samples the act word lists were written from (seeds k44-k49). The rows
are shuffled together; ``--out`` gets what a labeller sees (id, sentence, source, cue, content) and ``--key`` which
draw each row came from and whether the report hides it.

    python benchmarks/sample_attribution_acts.py --shared ../shared --out /tmp/d_rows.tsv --key /tmp/d_key.tsv
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from audit_reports import fnc1_train  # noqa: E402
from eval_attribution_acts import read_labels  # noqa: E402

WORD_LIST_SEEDS = ("k44", "k45", "k46", "k47", "k48", "k49")  # the bodies the act word lists were written from


def first(headline: dict[str, str], seed: str, n: int = 400) -> list[str]:
    return sorted(headline, key=lambda b: hashlib.sha256(f"{seed}:{b}".encode()).hexdigest())[:n]


def polnear_train(shared: Path) -> dict[str, str]:
    """PolNeAR training texts by stem, ordered by sha256 of the stem (the first 150: the sample read for diffs)."""
    folder = shared / "data" / "polnear" / "train" / "text"
    stems = sorted((f.stem for f in folder.glob("*.txt")), key=lambda s: hashlib.sha256(s.encode()).hexdigest())
    return {"polnear:" + s: (folder / f"{s}.txt").read_text(encoding="utf-8") for s in stems}


def population(ids: list[str], bodies: dict[str, str]) -> list[dict[str, object]]:
    """The belief rows outside the word lists in these bodies, each with whether the report hides it."""
    from onrecord import lexicon
    from onrecord.analyzers import attribution
    from onrecord.article import Article
    from onrecord.nlp import parse_many

    lists = (lexicon.SPEECH_VERBS | lexicon.BELIEF_VERBS | lexicon.BELIEF_ADJECTIVES | lexicon.EVALUATION_VERBS
             | lexicon.EPISTEMIC_VERBS | lexicon.DOXASTIC_VERBS | lexicon.BELIEF_NOUNS | lexicon.SPEECH_NOUNS
             | attribution.INFERENCE_VERBS)
    rows = []
    for b, doc in zip(ids, parse_many(Article(headline="x", body=bodies[b], id=b) for b in ids)):
        shown = {a.cue.start for a in attribution.analyze(doc)}
        for a in attribution.analyze(doc, acts=True):
            cue = doc.body.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
            if a.type != "belief" or cue is None or cue.root.lemma_.lower() in lists:
                continue
            sentence = doc.sentences[a.sentence].text if a.sentence is not None else ""
            rows.append({"fnc1_body_id": b, "cue_start": a.cue.start, "sentence": " ".join(sentence.split()),
                         "source": a.source.text, "cue": a.cue.text, "content": " ".join(a.content.text.split()),
                         "hidden": a.cue.start not in shown})
    return rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--shared", type=Path, default=Path("../shared"))
    p.add_argument("--set", default="D", help="the new set's name (the row ids' prefix)")
    p.add_argument("--random", type=int, default=150)
    p.add_argument("--hidden", type=int, default=60)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--key", type=Path, required=True)
    a = p.parse_args()
    bodies, headline = fnc1_train(a.shared)
    seen = {r["fnc1_body_id"] for r in read_labels()}
    for seed in WORD_LIST_SEEDS:
        seen.update(first(headline, seed))
    rng = random.Random(36)
    d1 = [b for b in first(headline, "k50") if b not in seen]
    pop1 = population(d1, bodies)
    drawn = [dict(r, draw="random") for r in rng.sample(pop1, min(a.random, len(pop1)))]
    # FNC-1 has only 1,683 training bodies and those above are nearly all its unread ones, so the rest come from
    # PolNeAR training articles (political news), leaving out the 150 that session 36's measurements read
    pol = [(k, t) for k, t in list(polnear_train(a.shared).items())[150:] if k not in seen]  # the first 150: read
    pop2 = population([k for k, _ in pol], dict(pol))
    drawn += [dict(r, draw="random") for r in rng.sample(pop2, min(a.random - len(drawn), len(pop2)))]
    hidden = [r for r in pop2 if r["hidden"] and not any(r is d for d in drawn)]
    drawn += [dict(r, draw="hidden") for r in rng.sample(hidden, min(a.hidden, len(hidden)))]
    rng.shuffle(drawn)
    with a.out.open("w", encoding="utf-8", newline="") as fo, a.key.open("w", encoding="utf-8", newline="") as fk:
        wo = csv.writer(fo, delimiter="\t", lineterminator="\n")
        wk = csv.writer(fk, delimiter="\t", lineterminator="\n")
        wo.writerow(["id", "sentence", "source", "cue", "content"])
        wk.writerow(["id", "set", "fnc1_body_id", "cue_start", "draw", "hidden", "sentence", "source", "cue", "content"])
        for i, r in enumerate(drawn):
            rid = f"{a.set}{i:03d}"
            wo.writerow([rid, r["sentence"], r["source"], r["cue"], r["content"]])
            wk.writerow([rid, a.set, r["fnc1_body_id"], r["cue_start"], r["draw"], int(bool(r["hidden"])), r["sentence"],
                         r["source"], r["cue"], r["content"]])
    print(f"set {a.set}: FNC-1 {len(pop1)} population rows in {len(d1)} bodies ({sum(bool(r['hidden']) for r in pop1)} "
          f"hidden); PolNeAR train {len(pop2)} in {len(pol)} articles ({sum(bool(r['hidden']) for r in pop2)} hidden); "
          f"drawn {sum(r['draw'] == 'random' for r in drawn)} at random + {sum(r['draw'] == 'hidden' for r in drawn)} "
          f"hidden -> {a.out}, {a.key}")


if __name__ == "__main__":
    main()
