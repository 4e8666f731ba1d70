"""Hedging on news: sentence and cue P / R / F1 on hand-labelled news sentences.

The hedging model is trained and measured on the Szeged Uncertainty Corpus — Wikipedia and biomedical text — but
onrecord reads news, and issue 4 holds a news-domain test set back. Nothing here measured how the model reads news,
so ``benchmarks/data/news_hedging.tsv`` holds hand labels, following the Szeged annotation scheme (epistemic,
doxastic, investigation and condition cues; see the file's header, and ``benchmarks/data/news_hedging_guideline.md``,
the guideline the labellers read), of every sentence of a window of 8 consecutive body sentences in 60 PolNeAR
*train* articles and 60 FNC-1 *train* bodies (picked by hash; 15 + 15 a set). Rules were written from set A; set B
was scored once before its errors were read, set C once after the second round of rules, and both were then opened
to rules too; set D was held out and scored once in session 24, then opened; set E (15 + 15 more articles, labelled
in session 25) is held out (``--final``).

The file stores each sentence's place (article, character offsets) and a hash of its text, never the text: the
corpora stay in ``../shared``. Each sentence is parsed alone, as ``onrecord eval hedging`` parses Szeged's.

    python benchmarks/eval_news_hedging.py --shared ../shared [--show A]   # score sets A-D (print A's errors)
    python benchmarks/eval_news_hedging.py --shared ../shared --final      # the held-out set E too
    python benchmarks/eval_news_hedging.py --shared ../shared --dump S.tsv [--dump-set E]  # a sheet to label
    python benchmarks/eval_news_hedging.py --agreement                     # the two annotators of set A

A cue matches when a predicted hedge's text equals a gold cue (case ignored) in the same sentence; cues are
scored in every sentence (a cue of a sentence the model calls certain is not predicted).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

LABELS = Path(__file__).parent / "data" / "news_hedging.tsv"
SECOND = Path(__file__).parent / "data" / "news_hedging_second.tsv"  # set A again, by a second annotator
PER_SET = 15  # articles of each corpus in each set
WINDOW = 8  # consecutive body sentences an article gives


def _rank(name: str) -> str:
    return hashlib.sha256(f"hedging-news:{name}".encode()).hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:12]


SETS = ("A", "B", "C", "D", "E")
HELD_OUT = ("E",)  # scored only with --final
OPEN = tuple(s for s in SETS if s not in HELD_OUT)


def bodies(shared: Path) -> dict[str, list[tuple[str, str]]]:
    """Sets A, B and C: (article key, body) — PER_SET PolNeAR train articles and PER_SET FNC-1 train bodies each."""
    polnear = shared / "data" / "polnear" / "train" / "text"
    names = sorted((p.stem for p in polnear.glob("*.txt")), key=_rank)[:len(SETS) * PER_SET]
    pol = []
    for name in names:
        text = (polnear / f"{name}.txt").read_text(encoding="utf-8")
        pol.append((f"polnear:{name}", text))
    csv.field_size_limit(sys.maxsize)
    with (shared / "data" / "fnc1" / "train_bodies.csv").open(encoding="utf-8") as fh:
        fnc = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh)}
    ids = sorted(fnc, key=_rank)[:len(SETS) * PER_SET]
    fn = [(f"fnc1:{b}", fnc[b]) for b in ids]
    return {s: pol[i * PER_SET:(i + 1) * PER_SET] + fn[i * PER_SET:(i + 1) * PER_SET] for i, s in enumerate(SETS)}


def sample(shared: Path) -> list[tuple[str, str, int, int, str]]:
    """(set, article key, start, end, text): a window of WINDOW sentences of each article's body, its start
    picked by hash; the parse's sentences, with sentences of fewer than 4 words skipped."""
    from onrecord.article import Article
    from onrecord.nlp import parse_many

    out = []
    for set_name, articles in bodies(shared).items():
        docs = parse_many(Article(headline="", body=b, id=k) for k, b in articles)
        for (key, body), doc in zip(articles, docs):
            sents = [s for s in doc.sentences if len(s.text.split()) >= 4]
            first = int(_rank(key)[:8], 16) % max(1, len(sents) - WINDOW + 1)
            for s in sents[first:first + WINDOW]:
                out.append((set_name, key, s.start, s.end, s.text))
    return out


def write_sheet(out: Path, header: list[str], rows: list[list[object]]) -> None:
    """A labelling sheet (TSV: ``header``, then ``rows``), written whole or not at all; a path that cannot be
    written ends the script with a one-line error. The news evaluations beside this one write theirs with it."""
    from onrecord.atomic import atomic_open
    from onrecord.errors import InputError

    try:
        with atomic_open(out, "w") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
    except InputError as exc:
        sys.exit(f"error: {exc}")


def cohen_kappa(a: Sequence[object], b: Sequence[object]) -> tuple[float, float]:
    """(observed agreement, Cohen's kappa) of two labellers' labels of the same items, in the same order."""
    n = len(a) or 1
    po = sum(x == y for x, y in zip(a, b)) / n
    pe = sum((sum(x == c for x in a) / n) * (sum(y == c for y in b) / n) for c in set(a) | set(b))
    return po, (po - pe) / (1 - pe) if pe < 1 else 1.0


def dump(shared: Path, out: Path, only: str | None = None) -> None:
    """A labelling sheet: each sampled sentence (of set ``only``, if given), with empty label columns; written
    whole or not at all (the sampling parses first)."""
    rows = [[set_name, key, start, end, text_hash(text), "", "", "", " ".join(text.split())]
            for set_name, key, start, end, text in sample(shared) if not only or set_name == only]
    write_sheet(out, ["set", "article", "start", "end", "hash", "uncertain", "cues", "note", "text"], rows)


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def labelled_sentences(shared: Path, labels: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[str], int]:
    """The label rows whose sentence is still found (its offsets hold text of the same hash), those sentences'
    texts, and how many rows were not found."""
    texts = {key: body for arts in bodies(shared).values() for key, body in arts}
    rows, sentences, unmatched = [], [], 0
    for r in labels:
        body = texts.get(r["article"])
        text = body[int(r["start"]):int(r["end"])] if body is not None else ""
        if body is None or text_hash(text) != r["hash"]:
            unmatched += 1
            continue
        rows.append(r)
        sentences.append(text)
    return rows, sentences, unmatched


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 where undefined); the news evaluations beside this one use it too."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}


def decision(y: "np.ndarray", scores: "np.ndarray", threshold: float) -> dict[str, float]:
    """P / R / F1 of "score >= threshold" against the 0 / 1 labels ``y``, and how many items it flags (the
    check-worthiness and clickbait news evaluations)."""
    pred = scores >= threshold
    tp, fp, fn = int((pred & (y == 1)).sum()), int((pred & (y == 0)).sum()), int((~pred & (y == 1)).sum())
    return {**prf(tp, fp, fn), "flagged": int(pred.sum())}


def _cues(field: str) -> list[str]:
    return [c.strip().lower() for c in field.split("|") if c.strip()]


def score(shared: Path, labels: list[dict[str, str]], sets: tuple[str, ...], show: str | None = None) -> dict:
    from onrecord.analyzers.hedging import score_texts

    rows, sentences, unmatched = labelled_sentences(shared, [r for r in labels if r["set"] in sets])
    out: dict[str, dict] = {}
    counts: dict[str, Counter] = {s: Counter() for s in sets}
    for r, text, (scored, hedges) in zip(rows, sentences, score_texts(sentences)):
        c = counts[r["set"]]
        gold = r["uncertain"].strip() == "1"
        got = scored.speculative
        c["n"] += 1
        c["gold"] += gold
        c["tp" if gold and got else "fp" if got else "fn" if gold else "tn"] += 1
        gold_cues = Counter(_cues(r["cues"]))
        pred_cues = Counter(h.cue.lower() for h in hedges)
        hit = sum((gold_cues & pred_cues).values())
        c["cue_tp"] += hit
        c["cue_fp"] += sum(pred_cues.values()) - hit
        c["cue_fn"] += sum(gold_cues.values()) - hit
        if show == r["set"] and (gold != got or gold_cues != pred_cues):
            mark = "FP" if got and not gold else "FN" if gold and not got else "cue"
            print(f"  {mark} {r['article']} {r['start']} score {scored.score:.2f} "
                  f"pred [{' | '.join(h.cue for h in hedges)}] gold [{r['cues']}]  {' '.join(text.split())}")
    for s, c in counts.items():
        out[s] = {"sentences": c["n"], "uncertain": c["gold"],
                  "sentence": prf(c["tp"], c["fp"], c["fn"]),
                  "cue": prf(c["cue_tp"], c["cue_fp"], c["cue_fn"])}
    out["unmatched"] = unmatched
    return out


def agreement(first: list[dict[str, str]], second: list[dict[str, str]]) -> dict:
    """How the two annotators of the doubly labelled rows agree: the sentence label (raw agreement, Cohen's
    kappa, F1 of the second against the first) and the cues (F1 of the second's against the first's)."""
    firsts = {(r["article"], r["start"]): r for r in first}
    c: Counter = Counter()
    xs, ys = [], []
    for r in second:
        a = firsts.get((r["article"], r["start"]))
        if a is None:
            continue
        x, y = a["uncertain"].strip() == "1", r["uncertain"].strip() == "1"
        xs.append(x)
        ys.append(y)
        c["n"] += 1
        c[(x, y)] += 1
        ga, gb = Counter(_cues(a["cues"])), Counter(_cues(r["cues"]))
        hit = sum((ga & gb).values())
        c["cue_tp"] += hit
        c["cue_fp"] += sum(gb.values()) - hit
        c["cue_fn"] += sum(ga.values()) - hit
    po, kappa = cohen_kappa(xs, ys)
    return {"sentences": c["n"], "agreement": po, "kappa": kappa,
            "sentence": prf(c[(True, True)], c[(False, True)], c[(True, False)]),
            "cue": prf(c["cue_tp"], c["cue_fp"], c["cue_fn"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data/polnear, data/fnc1)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="the labels file (default: %(default)s)")
    ap.add_argument("--dump", type=Path, help="write a labelling sheet here instead of scoring")
    ap.add_argument("--dump-set", choices=SETS, help="with --dump: only this set's sentences")
    ap.add_argument("--final", action="store_true", help="also score the held-out set E (once, when the rules are done)")
    ap.add_argument("--show", choices=SETS, help="print the errors of this set (set E's only once it is spent)")
    ap.add_argument("--agreement", action="store_true", help="only compare the two annotators of set A")
    args = ap.parse_args()
    if args.agreement:
        r = agreement(read_labels(args.labels), read_labels(SECOND))
        sp, cp = r["sentence"], r["cue"]
        print(f"set A, two annotators: {r['sentences']} sentences, agreement {r['agreement']:.3f}, kappa "
              f"{r['kappa']:.3f} | sentence F1 {sp['F1']:.3f} | cue F1 {cp['F1']:.3f}")
        return
    if not (args.shared / "data" / "polnear" / "train" / "text").is_dir():
        sys.exit(f"error: no PolNeAR train texts under {args.shared}/data/polnear/train/text")
    if args.dump:
        dump(args.shared, args.dump, args.dump_set)
        return
    if not args.labels.is_file():
        sys.exit(f"error: no labels file at {args.labels}")
    sets = SETS if args.final else OPEN
    res = score(args.shared, read_labels(args.labels), sets, args.show)
    for s in sets:
        r = res[s]
        sp, cp = r["sentence"], r["cue"]
        print(f"set {s}: {r['sentences']} sentences, {r['uncertain']} uncertain | sentence P {sp['P']:.3f} "
              f"R {sp['R']:.3f} F1 {sp['F1']:.3f} | cue P {cp['P']:.3f} R {cp['R']:.3f} F1 {cp['F1']:.3f}")
    if res["unmatched"]:
        print(f"{res['unmatched']} labelled sentences no longer found (text changed)")


if __name__ == "__main__":
    main()
