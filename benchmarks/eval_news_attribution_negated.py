"""Is the attribution negated? The report's ``negated`` flag, measured on news.

"Putin did not say that Trump could end the war" names Putin as a source and "did not say" as a cue, but it puts
Putin on record for nothing. The report marks such attributions ``negated``: the author reports that the source did
*not* say, or hold, the content, or would not say it ("has not commented", "declined to comment", "neither confirmed
nor denied", "no one has claimed"). PolNeAR marks no such thing, so ``benchmarks/data/news_attribution_negated.tsv``
holds hand labels for attributions the analyzer finds in news whose sentence holds a negation or refusal word (the
only sentences where the flag can be on, and the ones where it is hardest: "said he would not run" is no negated
attribution). The articles are PolNeAR train articles and FNC-1 train bodies, picked by hash, none of them in PolNeAR
dev; set A's labels were read to write the rules, set B's were scored once, after. The guideline the labellers read
is ``benchmarks/data/news_attribution_negated_guideline.md``.

    python benchmarks/eval_news_attribution_negated.py --shared ../shared [--sets A B] [--show]
    python benchmarks/eval_news_attribution_negated.py --shared ../shared --dump OUT_DIR   # rows to label, with text

Rows are matched by article, cue offset and cue text; a labelled attribution the analyzer no longer finds is
counted apart. Reported: P / R / F1 of the flag over the rows labelled as attributions.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from eval_news_hedging import prf  # noqa: E402

LABELS = Path(__file__).parent / "data" / "news_attribution_negated.tsv"
PER_CORPUS = 120  # articles of each corpus looked at
PER_ARTICLE = 3  # at most this many rows an article
SETS = ("A", "B")
# a sentence is a candidate when it holds one of these (the words after which the flag can be on)
NEGATION_WORDS = re.compile(
    r"\b(?:not|never|no|nobody|none|neither|nor|nothing|declin\w*|refus\w*|without)\b|n['’]t\b", re.IGNORECASE)


def _rank(name: str) -> str:
    return hashlib.sha256(f"negated-news:{name}".encode()).hexdigest()


def articles(shared: Path) -> list[tuple[str, str]]:
    """(article key, body): PER_CORPUS PolNeAR train articles and PER_CORPUS FNC-1 train bodies, by hash."""
    polnear = shared / "data" / "polnear" / "train" / "text"
    names = sorted((p.stem for p in polnear.glob("*.txt")), key=_rank)[:PER_CORPUS]
    out = [(f"polnear:{n}", (polnear / f"{n}.txt").read_text(encoding="utf-8")) for n in names]
    csv.field_size_limit(sys.maxsize)
    with (shared / "data" / "fnc1" / "train_bodies.csv").open(encoding="utf-8") as fh:
        fnc = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh)}
    out += [(f"fnc1:{b}", fnc[b]) for b in sorted(fnc, key=_rank)[:PER_CORPUS]]
    return out


def set_of(article: str) -> str:
    """The set an article's rows belong to, by hash (about half each)."""
    return SETS[int(_rank("set:" + article), 16) % len(SETS)]


# The verdict's reading before the ``negated`` field (sessions 20-24), kept here as the baseline it replaced.
_NOT_SAYING = frozenset({"not", "never", "nor", "neither", "no", "nobody", "refused", "declined"})


def window_rule(a, sentences) -> bool:
    """A negation or refusal word among the cue's words but its last and the three words before the cue in its
    clause, or a content that is "nothing" (``verdict.states`` until session 25)."""
    from onrecord import verdict
    return bool(_NOT_SAYING & verdict._words_before(a, sentences)) \
        or verdict._plain_words(a.content_text)[:1] == ["nothing"]


def found_attributions(shared: Path) -> dict[tuple[str, int, str], tuple[object, object, bool]]:
    """(article, cue start, cue text) → (attribution, its sentence, :func:`window_rule`'s reading) for every
    attribution of the sampled articles whose sentence holds a negation or refusal word; at most PER_ARTICLE an
    article, in text order."""
    from onrecord.analyzers import attribution
    from onrecord.article import Article
    from onrecord.nlp import parse_many

    arts = articles(shared)
    out: dict[tuple[str, int, str], tuple[object, str]] = {}
    for (key, _), doc in zip(arts, parse_many(Article(headline="", body=b, id=k) for k, b in arts)):
        kept = 0
        for a in sorted(attribution.analyze(doc), key=lambda a: a.cue.start):
            if a.sentence is None or kept >= PER_ARTICLE:
                continue
            sentence = doc.sentences[a.sentence]
            if NEGATION_WORDS.search(sentence.text):
                out[(key, a.cue.start, a.cue.text)] = (a, sentence, window_rule(a, doc.sentences))
                kept += 1
    return out


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def _clean(text: str) -> str:
    return " ".join(text.split()).replace("\t", " ")


def dump(shared: Path, out: Path) -> None:
    """Write one TSV a set, to label: the keys, the sentence with the cue in [[ ]], source, cue and content."""
    out.mkdir(parents=True, exist_ok=True)
    rows: dict[str, list[list[str]]] = {s: [] for s in SETS}
    for (key, start, cue), (a, sentence, _) in sorted(found_attributions(shared).items()):
        i = start - sentence.start  # mark the cue inside its sentence, at its own offset
        marked = sentence.text[:i] + "[[" + cue + "]]" + sentence.text[i + len(cue):]
        rows[set_of(key)].append([set_of(key), key, str(start), cue, "", "", "", _clean(marked),
                                  _clean(a.source.text), _clean(a.content_text)])
    for s, rs in rows.items():
        with (out / f"negated_{s}.tsv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(["set", "article", "cue_start", "cue", "is_attribution", "negated", "note", "sentence",
                        "source", "content"])
            w.writerows(rs)
        print(f"set {s}: {len(rs)} rows -> {out / f'negated_{s}.tsv'}")


def score(shared: Path, labels: list[dict[str, str]], show: bool = False) -> dict:
    """The ``negated`` field and the window rule against the labels, over the rows labelled as attributions."""
    found = found_attributions(shared)
    n = real = unmatched = 0
    counts = {"field": [0, 0, 0], "window": [0, 0, 0]}  # tp, fp, fn
    for r in labels:
        got_row = found.get((r["article"], int(r["cue_start"]), r["cue"]))
        if got_row is None:
            unmatched += 1
            continue
        a, sentence, window = got_row
        n += 1
        if r["is_attribution"].strip() != "1":
            continue
        real += 1
        gold = r["negated"].strip() == "1"
        for name, got in (("field", bool(getattr(a, "negated", False))), ("window", window)):
            c = counts[name]
            c[0] += gold and got
            c[1] += got and not gold
            c[2] += gold and not got
            if show and name == "field" and gold != got:
                print(f"  {'FP' if got else 'FN'} {r['article']} {r['cue_start']} [{a.source.text}] {a.cue.text} | "
                      f"{_clean(sentence.text)[:150]}")
    gold_n = counts["field"][0] + counts["field"][2]
    return {"found": n, "attributions": real, "negated_gold": gold_n, "unmatched": unmatched,
            **{name: {**prf(*c), "flagged": c[0] + c[1]} for name, c in counts.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data/polnear, data/fnc1)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="the labels file (default: %(default)s)")
    ap.add_argument("--sets", nargs="+", default=["A"], choices=SETS, help="the sets to score (default: A)")
    ap.add_argument("--show", action="store_true", help="print each disagreement")
    ap.add_argument("--dump", type=Path, metavar="OUT_DIR", help="write the rows to label (with their text) and stop")
    args = ap.parse_args()
    if not (args.shared / "data" / "polnear").is_dir():
        sys.exit(f"error: {args.shared}/data/polnear not found (pass --shared)")
    if args.dump:
        dump(args.shared, args.dump)
        return
    if not args.labels.is_file():
        sys.exit(f"error: no labels file at {args.labels}")
    labels = [r for r in read_labels(args.labels) if r["set"] in args.sets]
    res = score(args.shared, labels, show=args.show)
    print(f"sets {' '.join(args.sets)}: {res['found']} labelled rows found ({res['unmatched']} no longer found), "
          f"{res['attributions']} attributions, {res['negated_gold']} negated")
    for name, what in (("field", "the negated field"), ("window", "the verdict's word window (before)")):
        m = res[name]
        print(f"{what}: P {m['P']:.3f}  R {m['R']:.3f}  F1 {m['F1']:.3f}  (flagged {m['flagged']})")


if __name__ == "__main__":
    main()
