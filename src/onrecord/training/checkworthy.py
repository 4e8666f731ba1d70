"""Train the sentence check-worthiness model (artifact ``checkworthy``).

Data (``--data``, the ``checkworthy/`` corpus folder):

* ``clef2019_train/*.tsv`` — 19 CLEF CheckThat! 2019 debate and speech transcripts. Split by
  transcript: :data:`DEV_TRANSCRIPTS` of them are held out as dev (see :func:`dev_transcripts`).
* ``ct24/*train*.tsv`` — CheckThat! 2024 training sentences (all used for training, minus any
  sentence that also occurs in a dev transcript); ``ct24/*dev*.tsv`` — CT24 dev, held out.

Model: word + char n-gram TF-IDF with logistic regression (:mod:`onrecord.textclf`). Its decision
threshold maximises CT24 F1 on 3-fold out-of-fold predictions over the training set, so no dev
data chooses it. Dev metrics: MAP, R-precision, P@k over the held-out transcripts; F1 on CT24 dev.

    python -m onrecord.training.checkworthy --data ../shared/data/checkworthy
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from sklearn.model_selection import StratifiedKFold

from .. import textclf
from ..errors import InputError
from ..evaluation import checkworthy as cw
from . import command_line

DEV_TRANSCRIPTS = 4
# A transcript is kept out of the dev candidates when this share of its sentences occurs in CT24
# train (CT24 contains the 2016 presidential debates): dev must not be memorised training text.
MAX_CT24_OVERLAP = 0.05
# C and the char n-gram range were chosen by transcript-grouped 5-fold CV on the training transcripts
# (MAP 0.273 vs 0.270 for the textclf defaults, within noise; (3, 5) char n-grams score faster).
FEATURES = textclf.Features(C=1.0, char_ngrams=(3, 5))
FOLDS = 3


def normalise(text: str) -> str:
    """Lower-cased words only: the key used to find the same sentence in two corpora."""
    return " ".join(re.findall(r"\w+", text.lower()))


def dev_transcripts(transcripts: Sequence[cw.CheckworthyFile], ct24_train: Sequence[str],
                    n: int = DEV_TRANSCRIPTS) -> list[str]:
    """Names of the held-out transcripts: the first ``n`` in sha1-of-name order among those that
    share less than :data:`MAX_CT24_OVERLAP` of their sentences with CT24 train (seed-independent)."""
    seen = {normalise(t) for t in ct24_train}
    candidates = [f.path.name for f in transcripts
                  if np.mean([normalise(t) in seen for t in f.texts]) < MAX_CT24_OVERLAP]
    return sorted(candidates, key=lambda name: hashlib.sha1(name.encode()).hexdigest())[:n]


def _one(folder: Path, pattern: str) -> cw.CheckworthyFile:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise InputError(f"expected one file matching {folder / pattern}, found {len(found)}")
    return cw.read_file(found[0])


def oof_threshold(texts: list[str], labels: np.ndarray, tune_on: np.ndarray, seed: int) -> float:
    """F1-best threshold on out-of-fold scores of the rows selected by ``tune_on``."""
    oof = np.zeros(len(texts))
    for fit_idx, pred_idx in StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(texts, labels):
        clf = textclf.fit([texts[i] for i in fit_idx], labels[fit_idx], FEATURES, seed)
        oof[pred_idx] = clf.scores([texts[i] for i in pred_idx])
    return textclf.best_f1_threshold(labels[tune_on], oof[tune_on])


def train(data: Path, seed: int = 0, progress: bool = True) -> dict[str, Any]:
    """Rebuild ``artifacts/checkworthy.pkl`` from the corpus; return dev metrics."""
    def say(msg: str) -> None:
        if progress:
            print(f"[checkworthy {time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr)

    t0 = time.perf_counter()
    transcripts = [cw.read_file(p) for p in sorted((data / "clef2019_train").glob("*.tsv"))]
    if not transcripts:
        raise InputError(f"no CLEF 2019 transcripts in {data / 'clef2019_train'}")
    ct24_train, ct24_dev = _one(data / "ct24", "*train*.tsv"), _one(data / "ct24", "*dev*.tsv")
    dev_names = dev_transcripts(transcripts, ct24_train.texts)
    dev = [f for f in transcripts if f.path.name in dev_names]
    train_files = [f for f in transcripts if f.path.name not in dev_names]
    say(f"dev transcripts: {', '.join(dev_names)}")

    dev_text = {normalise(t) for f in dev for t in f.texts}
    keep = [i for i, t in enumerate(ct24_train.texts) if normalise(t) not in dev_text]
    texts = [ct24_train.texts[i] for i in keep] + [t for f in train_files for t in f.texts]
    labels = np.array([(ct24_train.labels or [])[i] for i in keep] + [y for f in train_files for y in f.labels or []])
    is_ct24 = np.arange(len(texts)) < len(keep)
    say(f"training sentences: {len(keep)} CT24 (dropped {len(ct24_train.texts) - len(keep)} found in dev) "
        f"+ {len(texts) - len(keep)} CLEF 2019; {int(labels.sum())} check-worthy")

    threshold = oof_threshold(texts, labels, is_ct24, seed)
    say(f"threshold (CT24 out-of-fold F1-best): {threshold:.4f}")
    clf = textclf.fit(texts, labels, FEATURES, seed)
    clf.threshold = threshold
    train_seconds = time.perf_counter() - t0

    held_out = [*dev, ct24_dev]
    result = cw.metrics(held_out, [clf.scores(f.texts) for f in held_out], threshold)
    result["dev_transcripts"] = dev_names
    clf.info = {"dev_transcripts": dev_names, "training_sentences": len(texts), "seed": seed}
    saved = textclf.save(clf, "checkworthy", seed=seed, dev_transcripts=",".join(dev_names),
                         dev_map=round(result[cw.CLEF2019]["map"], 4), dev_ct24_f1=round(result[cw.CT24]["f1"], 4))
    result.update(artifact=saved, train_seconds=round(train_seconds, 1))
    say(f"wrote {saved['file']} ({saved['bytes'] / 1e6:.2f} MB)")
    if progress:
        cw.print_metrics(result)
    return result


def main(argv: Sequence[str] | None = None) -> None:
    command_line("checkworthy", __doc__, train, data_help="the checkworthy/ corpus folder", argv=argv)


if __name__ == "__main__":
    main()
