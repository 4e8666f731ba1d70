"""Would a learned "does the content end here?" classifier mend the analyzer's content ends?

    python benchmarks/explore_content_cut.py --shared ../shared [--jobs 2]

Session 47. Of the analyzer's dev contents whose cue is gold's, about 200 end elsewhere than gold's, most often at a
comma ("…, which …", "…, forcing …", "…, and …"), where PolNeAR's annotators end some contents and run on through
others. This fits a gradient-boosted classifier over each candidate end inside a content — a comma, dash, semicolon or
parenthesis outside quotation marks, within the content's sentence — with features of the parse (the word after the
mark, its part of speech, the relation of the phrase it opens and where that phrase's head lies: inside the content,
on the cue, outside), the lengths on both sides, and the cue's side. Its training candidates come from PolNeAR train
only: every gold content's candidates up to its end (the end a positive, earlier ones negatives), and the analyzer's
own train contents that start where gold's do (its candidates before gold's end; gold's end a positive). Then it
cuts each dev content (not a quotation) at its first candidate with a probability above the threshold and scores the
contents and whole attributions exactly, as `onrecord eval attribution` does. Dev is read for the report only.
Writes nothing in the package; parses both splits and runs the analyzer on them (about 10 minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import bisect
import collections
from pathlib import Path

import numpy as np

from onrecord.evaluation import attribution as EA
from onrecord.nlp import get_nlp

PUNCT = {",": 0, "--": 1, "—": 2, "―": 3, "(": 4, ";": 5, "-": 6}
NEXT_WORDS = ("which", "who", "whose", "where", "when", "while", "as", "after", "before", "because", "but", "and",
              "including", "especially", "even", "though", "although", "despite", "a", "an", "the", "according",
              "saying", "adding", "noting", "or", "if", "unless", "so", "that", "with", "he", "she", "they", "it",
              "then", "not", "in", "on", "at", "for", "to", "by", "from", "since", "until", "than", "like")
NW = {w: i for i, w in enumerate(NEXT_WORDS)}
DEPS = ("relcl", "advcl", "conj", "appos", "acl", "npadvmod", "prep", "ccomp", "xcomp", "cc", "nsubj", "dobj", "pobj",
        "advmod", "parataxis", "punct", "ROOT", "amod", "compound", "nmod", "attr", "dep", "mark", "det", "poss", "nummod")
DI = {d: i for i, d in enumerate(DEPS)}
POS = ("NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM", "PART", "PUNCT")
PI = {p: i for i, p in enumerate(POS)}
TAGS = ("VBG", "VBN", "VBD", "VBZ", "VBP", "VB", "MD")
TI = {t: i for i, t in enumerate(TAGS)}
MARKS = ('"', "''", "``", "“", "”")
SPEECH = frozenset({"say", "add", "note", "tell", "claim", "argue", "insist", "explain", "suggest", "warn"})


def _onehot(i: int | None, n: int) -> list[float]:
    v = [0.0] * (n + 1)
    v[n if i is None else i] = 1.0
    return v


def features(doc, start: int, p: int, cue: set[int]) -> list[float]:  # noqa: ANN001 - spaCy Doc
    """Cutting the content that starts at token ``start`` right before the mark at token ``p``."""
    sent = doc[p].sent
    nxt = doc[p + 1] if p + 1 < sent.end else None
    c = nxt  # the phrase that opens after the mark: nxt's highest ancestor still right of it
    while c is not None and c.head is not c and c.head.i >= p + 1 and c.head.left_edge.i >= p + 1:
        c = c.head
    h = c.head if c is not None else None
    f = _onehot(PUNCT.get(doc[p].text), len(PUNCT))
    f += _onehot(NW.get(nxt.lower_) if nxt is not None else None, len(NW))
    f += _onehot(PI.get(nxt.pos_) if nxt is not None else None, len(PI))
    f += _onehot(TI.get(nxt.tag_) if nxt is not None else None, len(TI))
    f += _onehot(DI.get(c.dep_) if c is not None else None, len(DI))
    f += _onehot(PI.get(c.pos_) if c is not None else None, len(PI))
    f += _onehot(TI.get(c.tag_) if c is not None else None, len(TI))
    f += [float(h is not None and start <= h.i < p), float(h is not None and h.i in cue),
          float(h is not None and h.i < start and h.i not in cue), float(h is not None and h.i > p)]
    f += _onehot(PI.get(h.pos_) if h is not None else None, len(PI))
    f += _onehot(DI.get(h.dep_) if h is not None else None, len(DI))
    f += [float(c is not None and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)),
          float(c is not None and c.lemma_.lower() in SPEECH)]
    before, after = p - start, sent.end - p
    end = c.right_edge.i if c is not None else p
    f += [np.log1p(before), np.log1p(after), np.log1p(end - p), float(end + 2 >= sent.end), before / max(1, before + after),
          float(min(cue, default=0) > p), min(sum(doc[k].text == "," for k in range(start, p)), 5),
          float(doc[p - 1].text in MARKS), float(nxt is not None and nxt.text in MARKS)]
    return f


def candidates(doc, starts: list[int], s: int, limit: int, cue: set[int]) -> list[tuple[int, list[float]]]:  # noqa: ANN001
    """The candidate ends of a content starting at character ``s``: marks in its sentence before character ``limit``."""
    first = bisect.bisect_left(starts, s)
    if first >= len(doc):
        return []
    out = []
    for p in range(first + 1, doc[first].sent.end - 1):
        if doc[p].idx >= limit:
            break
        quoted = sum(doc[k].text in MARKS for k in range(first, p)) % 2 == 1
        if doc[p].text in PUNCT and not quoted and p not in cue:
            out.append((p, features(doc, first, p, cue)))
    return out


def _tokens(starts: list[int], frags) -> set[int]:  # noqa: ANN001
    out = set()
    for a, b in frags:
        i = max(bisect.bisect_right(starts, a) - 1, 0)
        while i < len(starts) and starts[i] < b:
            out.add(i)
            i += 1
    return out


def _quotation(text: str, s: int) -> bool:
    return text[s:s + 1] in '"“' or text[s:s + 2] in ("''", "``")


def _end_before(doc, p: int) -> int:  # noqa: ANN001
    return doc[p - 1].idx + len(doc[p - 1])


def training_rows(items, docs, preds) -> tuple[np.ndarray, np.ndarray]:  # noqa: ANN001
    X: list[list[float]] = []
    y: list[int] = []
    for item, doc, pred in zip(items, docs, preds):
        text, gold = item.text, EA.read_gold(item)
        starts = [t.idx for t in doc]
        for a in gold:  # gold contents: every candidate up to the end
            s, e = a.content[-1]
            if _quotation(text, s):
                continue
            for p, f in candidates(doc, starts, s, e + 3, _tokens(starts, a.cue)):
                if _end_before(doc, p) == e or (doc[p].idx >= e and not text[e:doc[p].idx].strip()):
                    X.append(f)
                    y.append(1)
                elif doc[p].idx < e:
                    X.append(f)
                    y.append(0)
        by_cue = {a.cue: a.content for a in gold}
        for a in pred:  # the analyzer's contents that start where gold's does and run on past its end
            g = by_cue.get(a.cue)
            if g is None or g[-1][0] != a.content[-1][0] or _quotation(text, a.content[-1][0]) or g[-1][1] > a.content[-1][1]:
                continue
            s, e = a.content[-1]
            for p, f in candidates(doc, starts, s, e, _tokens(starts, a.cue)):
                end = _end_before(doc, p)
                if end == g[-1][1]:
                    X.append(f)
                    y.append(1)
                    break
                if end > g[-1][1]:
                    break
                X.append(f)
                y.append(0)
    return np.array(X), np.array(y)


def score(items, docs, preds, model, threshold: float | None) -> dict[str, int]:  # noqa: ANN001
    """Exact content and whole-attribution matches (one gold each) with every content cut at ``threshold``."""
    out = collections.Counter()
    for item, doc, pred in zip(items, docs, preds):
        text, gold = item.text, EA.read_gold(item)
        starts = [t.idx for t in doc]
        contents = collections.Counter(a.content for a in gold)
        wholes = collections.Counter((a.source, a.cue, a.content) for a in gold)
        for a in pred:
            content = a.content
            s, e = content[-1]
            if threshold is not None and not _quotation(text, s):
                found = [(p, f) for p, f in candidates(doc, starts, s, e, _tokens(starts, a.cue)) if doc[p].idx < e]
                if found:
                    proba = model.predict_proba(np.array([f for _, f in found]))[:, 1]
                    for (p, _), q in zip(found, proba):
                        if q > threshold:
                            if _end_before(doc, p) > s:
                                content = content[:-1] + ((s, _end_before(doc, p)),)
                            break
            out["changed"] += content != a.content
            if contents[content] > 0:
                contents[content] -= 1
                out["content"] += 1
            if wholes[(a.source, a.cue, content)] > 0:
                wholes[(a.source, a.cue, content)] -= 1
                out["whole"] += 1
        out["predicted"] += len(pred)
        out["gold"] += len(gold)
    return out


def main() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    splits = {}
    for split in ("train", "dev"):
        items = [it for it in EA.discover([args.shared / "data" / "polnear" / split]) if it.gold_path is not None]
        preds = list(EA.predict(items, progress=False, jobs=args.jobs))
        docs = list(get_nlp().pipe((it.text for it in items), batch_size=32))
        splits[split] = (items, docs, preds)
    X, y = training_rows(*splits["train"])
    model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, random_state=0).fit(X, y)
    print(f"training candidates (PolNeAR train): {len(y)}, of them ends {int(y.sum())}")
    print("| cut at probability above | contents changed | content exact F1 | whole attribution exact F1 |")
    print("|---|---:|---:|---:|")
    for threshold in (None, 0.5, 0.6, 0.7, 0.8, 0.9):
        r = score(*splits["dev"], model, threshold)
        f1 = lambda tp: 2 * tp / (r["predicted"] + r["gold"])  # noqa: E731
        print(f"| {'no cut (shipped)' if threshold is None else threshold} | {r['changed']} | {f1(r['content']):.4f} | "
              f"{f1(r['whole']):.4f} |")


if __name__ == "__main__":
    main()
