"""Would transcript context help check-worthiness? An exploration on the *training* transcripts only.

    python benchmarks/explore_checkworthy_context.py --shared ../shared

1. Transcript-grouped 5-fold out-of-fold scores of the TF-IDF model (``onrecord.textclf``, the shipped
   features) on the 15 CLEF 2019 training transcripts (the 4 dev transcripts are never read past the split):
   each fold's model learns from CT24 train (minus sentences of the held-out or dev transcripts) and the other
   transcripts. Also with CT24 weighted 0.3 and without CT24.
2. A logistic re-ranker over those scores (z-scored within the transcript) plus context features, scored by
   the same leave-folds-out scheme: the speaker's share of lines and share of question lines (moderators ask),
   same-speaker neighbours' scores, the turn's best score, sentence length and "?" , first sentence of a turn;
   (session 11) the entity types a sentence names, digits, superlatives and absolutes ("ents").

3. Nearest neighbours (session 6): TF-IDF (word 1-2-grams) cosine of each sentence to the check-worthy and the
   other sentences of the training transcripts outside its fold — the best positive, the mean of the best three,
   and best positive minus best negative (also over the best five) — added to the re-ranker.
   ``--dev``: the re-ranker with these features, fitted on the out-of-fold training scores, applied to the shipped
   model's scores of the 4 dev transcripts (neighbours from the 15 training transcripts); dev AP per transcript.

Prints MAP over the 15 transcripts and over the 5 debates among them. Nothing here is shipped; the figures
are in BENCHMARKS.md (check-worthiness section).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from onrecord import textclf
from onrecord.evaluation import checkworthy as cw
from onrecord.training import checkworthy as tc

DEBATES = {"20160209_msnbc_dem.tsv", "20160926_1pres.tsv", "20161005_vice_pres.tsv", "20161010_2pres.tsv",
           "20161019_3pres.tsv"}
VARIANTS = ((), ("nb",), ("turnmax",), ("spk",), ("len",), ("pos",), ("nb", "spk"), ("spk", "len"),
            ("nb", "spk", "len", "pos"), ("nb", "turnmax", "spk", "len", "pos"), ("ents",), ("spk", "len", "ents"))
# Session 11: what a fact-checker checks is specific — numbers, amounts, dates, named bodies, superlatives, absolutes.
ENTITY_TYPES = ("CARDINAL", "PERCENT", "MONEY", "DATE", "QUANTITY", "ORG", "GPE", "PERSON", "NORP", "LAW", "ORDINAL")
ABSOLUTES = frozenset({"never", "always", "every", "all", "nobody"})


def oof_scores(data: Path, ct24_weight: float) -> dict[str, dict]:
    files = [cw.read_file(p) for p in sorted((data / "clef2019_train").glob("*.tsv"))]
    ct24 = tc._one(data / "ct24", "*train*.tsv")
    dev = set(tc.dev_transcripts(files, ct24.texts))
    train = [f for f in files if f.path.name not in dev]
    dev_text = {tc.normalise(t) for f in files if f.path.name in dev for t in f.texts}
    out: dict[str, dict] = {}
    for k in range(5):
        held = train[k::5]
        held_text = {tc.normalise(x) for f in held for x in f.texts}
        texts, labels, weights = [], [], []
        if ct24_weight > 0:
            for x, y in zip(ct24.texts, ct24.labels or []):
                if tc.normalise(x) not in dev_text and tc.normalise(x) not in held_text:
                    texts.append(x), labels.append(y), weights.append(ct24_weight)
        for f in train:
            if f not in held:
                texts += f.texts
                labels += f.labels or []
                weights += [1.0] * len(f.texts)
        pipe = textclf.build_pipeline(tc.FEATURES, 0)
        with threadpool_limits(limits=1):
            pipe.fit(texts, np.array(labels), lr__sample_weight=np.array(weights))
        for f in held:
            speakers = [line.split("\t")[1] for line in f.path.read_text(encoding="utf-8").splitlines() if line.strip()]
            out[f.path.name] = {"texts": f.texts, "labels": np.array(f.labels), "speakers": speakers,
                                "score": pipe.predict_proba(f.texts)[:, 1]}
    return out


def features(d: dict, which: tuple[str, ...]) -> np.ndarray:
    p = np.clip(d["score"], 1e-6, 1 - 1e-6)
    s = np.log(p / (1 - p))
    z = (s - s.mean()) / (s.std() + 1e-9)
    sp, texts, n = d["speakers"], d["texts"], len(s)
    cols = [z]
    turn = np.cumsum([0] + [sp[i] != sp[i - 1] for i in range(1, n)])
    if "nb" in which:
        same_prev = np.array([i > 0 and sp[i] == sp[i - 1] for i in range(n)], float)
        same_next = np.array([i < n - 1 and sp[i] == sp[i + 1] for i in range(n)], float)
        cols += [np.r_[z[0], z[:-1]] * same_prev, np.r_[z[1:], z[-1]] * same_next]
    if "turnmax" in which:
        best = {t: z[turn == t].max() for t in set(turn.tolist())}
        cols.append(np.array([best[t] for t in turn]))
    if "spk" in which:
        share = {x: sp.count(x) / n for x in set(sp)}
        qrate = {x: np.mean([texts[i].rstrip().endswith("?") for i in range(n) if sp[i] == x]) for x in set(sp)}
        cols += [np.array([qrate[x] for x in sp]), np.array([share[x] for x in sp])]
    if "len" in which:
        cols += [np.log1p([len(x.split()) for x in texts]), np.array([x.rstrip().endswith("?") for x in texts], float)]
    if "ents" in which:
        cols += list(entity_features(texts).T)
    if "pos" in which:
        first = np.array([i == 0 or turn[i] != turn[i - 1] for i in range(n)], float)
        length = np.array([np.sum(turn == t) for t in turn])
        cols += [first, np.log1p(length)]
    return np.column_stack(cols)


def entity_features(texts: list[str]) -> np.ndarray:
    """Per sentence (spaCy's parse, as an audit has it): whether it names an entity of each of
    :data:`ENTITY_TYPES`, holds a digit, a superlative, an absolute ("never", "every")."""
    from onrecord.nlp import get_nlp

    rows = []
    for doc in get_nlp().pipe(texts, batch_size=64):
        labels = {e.label_ for e in doc.ents}
        rows.append([float(t in labels) for t in ENTITY_TYPES] + [
            float(any(ch.isdigit() for ch in doc.text)), float(any(t.tag_ in ("JJS", "RBS") for t in doc)),
            float(any(t.lower_ in ABSOLUTES for t in doc))])
    return np.array(rows)


KNN = {"analyzer": "word", "ngram_range": (1, 2), "sublinear_tf": True}


def neighbours(memory: list[tuple[str, int]], texts: list[str]) -> np.ndarray:
    """Per text: best cosine to a check-worthy memory sentence, mean of the best three, best positive minus best
    negative, and the same over the best five."""
    vec = TfidfVectorizer(**KNN).fit([t for t, _ in memory])
    pos = vec.transform([t for t, y in memory if y == 1])
    neg = vec.transform([t for t, y in memory if y == 0])
    x = vec.transform(texts)
    p, n = np.sort((x @ pos.T).toarray(), 1), np.sort((x @ neg.T).toarray(), 1)
    return np.column_stack([p[:, -1], p[:, -3:].mean(1), p[:, -1] - n[:, -1], p[:, -5:].mean(1) - n[:, -5:].mean(1)])


def zscore(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    s = np.log(p / (1 - p))
    return (s - s.mean()) / (s.std() + 1e-9)


def knn_rerank(oof: dict[str, dict], dev: bool, data: Path) -> None:
    names = list(oof)
    folds = [names[i::5] for i in range(5)]
    for k in names:
        memory = [(t, int(y)) for o in names if not any(k in f and o in f for f in folds)
                  for t, y in zip(oof[o]["texts"], oof[o]["labels"])]
        oof[k]["knn"] = neighbours(memory, oof[k]["texts"])
    for cols in ((0,), (0, 1, 2, 3)):
        aps = {}
        for held in folds:
            rest = [k for k in names if k not in held]
            model = LogisticRegression(max_iter=3000).fit(
                np.vstack([np.column_stack([zscore(oof[k]["score"]), oof[k]["knn"][:, cols]]) for k in rest]),
                np.concatenate([oof[k]["labels"] for k in rest]))
            for k in held:
                aps[k] = cw.average_precision(cw.ranked_labels(
                    oof[k]["labels"], model.decision_function(np.column_stack([zscore(oof[k]["score"]), oof[k]["knn"][:, cols]]))))
        report(f"  re-ranker: z-score + neighbours {cols}", aps)
    if not dev:
        return
    from onrecord import models

    model = LogisticRegression(max_iter=3000).fit(
        np.vstack([np.column_stack([zscore(oof[k]["score"]), oof[k]["knn"]]) for k in names]),
        np.concatenate([oof[k]["labels"] for k in names]))
    files = [cw.read_file(p) for p in sorted((data / "clef2019_train").glob("*.tsv"))]
    dev_names = set(tc.dev_transcripts(files, tc._one(data / "ct24", "*train*.tsv").texts))
    memory = [(t, int(y)) for k in names for t, y in zip(oof[k]["texts"], oof[k]["labels"])]
    shipped = models.load("checkworthy")
    before, after = [], []
    for f in (f for f in files if f.path.name in dev_names):
        s, y = shipped.scores(f.texts), np.array(f.labels)
        r = model.decision_function(np.column_stack([zscore(s), neighbours(memory, f.texts)]))
        before.append(cw.average_precision(cw.ranked_labels(y, s)))
        after.append(cw.average_precision(cw.ranked_labels(y, r)))
        print(f"  dev {f.path.name}: AP shipped {before[-1]:.4f}, re-ranked {after[-1]:.4f}")
    print(f"  dev MAP shipped {np.mean(before):.4f}, re-ranked with neighbours {np.mean(after):.4f}")


def report(name: str, aps: dict[str, float]) -> None:
    print(f"{name:34s} MAP {np.mean(list(aps.values())):.4f}   debates {np.mean([aps[k] for k in DEBATES]):.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--dev", action="store_true", help="also apply the neighbour re-ranker to the dev transcripts")
    args = ap.parse_args()
    data = args.shared / "data" / "checkworthy"
    for weight in (1.0, 0.3, 0.0):
        oof = oof_scores(data, weight)
        report(f"TF-IDF, CT24 weight {weight}", {k: cw.average_precision(cw.ranked_labels(v["labels"], v["score"]))
                                               for k, v in oof.items()})
        if weight != 1.0:
            continue
        names = list(oof)
        for which in VARIANTS:
            aps = {}
            for held in (names[i::5] for i in range(5)):
                rest = [k for k in names if k not in held]
                model = LogisticRegression(max_iter=3000).fit(np.vstack([features(oof[k], which) for k in rest]),
                                                              np.concatenate([oof[k]["labels"] for k in rest]))
                for k in held:
                    aps[k] = cw.average_precision(cw.ranked_labels(oof[k]["labels"],
                                                                   model.decision_function(features(oof[k], which))))
            report("  re-ranker: z-score" + "".join(f" + {w}" for w in which), aps)
        knn_rerank(oof, args.dev, data)


if __name__ == "__main__":
    main()
