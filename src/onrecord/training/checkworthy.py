"""Train the sentence check-worthiness model (artifact ``checkworthy``; :mod:`onrecord.checkworthiness`).

Data (``--data``, the ``checkworthy/`` corpus folder):

* ``clef2019_train/*.tsv`` — 19 CLEF CheckThat! 2019 debate and speech transcripts. Split by
  transcript: :data:`DEV_TRANSCRIPTS` of them are held out as dev (see :func:`dev_transcripts`).
* ``ct24/*train*.tsv`` — CheckThat! 2024 training sentences (all used for training, minus any
  sentence that also occurs in a dev transcript); ``ct24/*dev*.tsv`` — CT24 dev, held out.

Model ``checkworthy-xenc-v3`` (``train(..., epochs=0)``: the TF-IDF model alone, ``checkworthy-tfidf-v1``;
``--sentence-alone``: ``checkworthy-xenc-v2``, whose network reads no previous sentence):

1. **Validation carve-out** from the training data only: :data:`VALID_TRANSCRIPTS` more transcripts
   (picked as the dev ones are, among the rest) and a :data:`VALID_CT24_SHARE` of the CT24 training
   sentences (by a hash of their id); CT24 sentences found in a validation transcript are dropped. The rest
   is the *fit* part.
2. **TF-IDF model** (word + char n-gram TF-IDF, logistic regression, :mod:`onrecord.textclf`) fitted on
   the fit part, to score the validation part.
3. **Fine-tuned MiniLM** (:func:`onrecord.training.crossencoder.fine_tune`, two classes, ``[CLS] sentence
   [SEP] previous sentence [SEP]`` — the transcript's line before it, empty for a transcript's first line and for
   CT24's isolated sentences —, the first :data:`CROSS_LAYERS` of its six layers) on the fit part for :data:`CROSS_EPOCHS` epochs; the epoch kept is the one with the best
   mean average precision over the validation groups (each validation transcript, and the CT24 part).
   Exported as int8 ONNX.
4. **Stacker**: logistic regression over the two scores (:func:`onrecord.checkworthiness.stack_inputs`)
   fitted on the validation part; the decision threshold is the F1-best one on the CT24 validation part.
5. The shipped TF-IDF model is refitted on fit + validation parts (the fine-tuned model is not).

No dev data chooses anything. Dev metrics: MAP, R-precision, P@k over the held-out transcripts; F1 on
CT24 dev — of the shipped model, and of the TF-IDF model alone in the same run.

    python -m onrecord.training.checkworthy --data ../shared/data/checkworthy
"""

from __future__ import annotations

import hashlib
import pickle
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from sklearn.model_selection import StratifiedKFold

from .. import models, textclf
from ..atomic import write_bytes
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
VALID_TRANSCRIPTS = 3
VALID_CT24_SHARE = 0.15
CROSS_EPOCHS = 2
CROSS_LAYERS = 3  # the fine-tuned model keeps MiniLM's first 3 of 6 layers: half the cost, no loss on validation (BENCHMARKS.md)
MAX_LENGTH = 128  # the fine-tuned model's input cap (crossencoder.MAX_LENGTH; sentences are far shorter)
MODEL_ID = "checkworthy-xenc-v3"  # v3: reads the previous sentence; v2: 3 layers; v1 (6 layers, session 3)
MODEL_ID_ALONE = "checkworthy-xenc-v2"  # --sentence-alone
ARTIFACT = models.ARTIFACTS / "checkworthy.pkl"
XENC_ARTIFACT = models.ARTIFACTS / "checkworthy_xenc.onnx"


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
    """F1-best threshold on out-of-fold scores of the rows selected by ``tune_on`` (the TF-IDF-only model)."""
    oof = np.zeros(len(texts))
    for fit_idx, pred_idx in StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(texts, labels):
        clf = textclf.fit([texts[i] for i in fit_idx], labels[fit_idx], FEATURES, seed)
        oof[pred_idx] = clf.scores([texts[i] for i in pred_idx])
    return textclf.best_f1_threshold(labels[tune_on], oof[tune_on])


@dataclass
class Part:
    """Sentences with labels, a group name per sentence (a transcript's file name, or ``CT24``) and the sentence
    before each (its transcript's previous line; ``""`` for a first line and for CT24's isolated sentences)."""

    texts: list[str]
    labels: np.ndarray
    groups: list[str]
    before: list[str]

    @classmethod
    def of(cls, ct24: Sequence[tuple[str, int]], files: Sequence[cw.CheckworthyFile]) -> Part:
        texts = [t for t, _ in ct24] + [t for f in files for t in f.texts]
        labels = np.array([y for _, y in ct24] + [y for f in files for y in f.labels or []], dtype=np.int64)
        groups = [cw.CT24] * len(ct24) + [f.path.name for f in files for _ in f.texts]
        before = [""] * len(ct24) + [t for f in files for t in f.previous()]
        return cls(texts, labels, groups, before)

    def group_ap(self, scores: np.ndarray) -> float:
        """Mean average precision over the groups (each transcript, and CT24)."""
        g = np.array(self.groups)
        return float(np.mean([cw.average_precision(cw.ranked_labels(self.labels[g == name], scores[g == name]))
                              for name in dict.fromkeys(self.groups)]))


def _in_valid_share(sentence_id: str) -> bool:
    return int(hashlib.sha1(("checkworthy-valid:" + sentence_id).encode()).hexdigest(), 16) % 1000 < VALID_CT24_SHARE * 1000


def fit_cross(fit: Part, valid: Part, seed: int, epochs: int, progress: bool,
              max_steps: int | None = None, layers: int = CROSS_LAYERS,
              context: bool = True) -> tuple[dict[str, np.ndarray], np.ndarray, list[float]]:
    """Step 3: the fine-tuned tensors of the best epoch (by validation group MAP), that epoch's validation
    logits, and the score of every epoch; with ``context`` each sentence is read with the one before it."""
    from ..checkworthiness import sentence_pairs
    from .crossencoder import fine_tune

    logits_by_epoch: list[np.ndarray] = []

    def score(y: np.ndarray, logits: np.ndarray) -> float:
        logits_by_epoch.append(np.asarray(logits, dtype=np.float64))
        return valid.group_ap(logits[:, 1] - logits[:, 0])

    tensors, history = fine_tune(models.load("minilm"), *sentence_pairs(fit.texts, fit.before if context else None),
                                 fit.labels, (*sentence_pairs(valid.texts, valid.before if context else None),
                                              valid.labels), score, epochs=epochs, seed=seed,
                                 progress=progress, max_steps=max_steps, n_classes=2, layers=layers)
    scores = [h["valid_score"] for h in history]
    return tensors, logits_by_epoch[int(np.argmax(scores))], scores


def train(data: Path, seed: int = 0, progress: bool = True, epochs: int = CROSS_EPOCHS,
          max_steps: int | None = None, layers: int = CROSS_LAYERS, sentence_alone: bool = False) -> dict[str, Any]:
    """Rebuild ``artifacts/checkworthy.pkl`` (and, with ``epochs`` > 0, ``checkworthy_xenc.onnx``) from the
    corpus; return dev metrics. ``sentence_alone`` trains v2's network, which reads no previous sentence."""
    from sklearn.linear_model import LogisticRegression

    from ..checkworthiness import CheckworthyModel, stack_inputs

    def say(msg: str) -> None:
        if progress:
            print(f"[checkworthy {time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    transcripts = [cw.read_file(p) for p in sorted((data / "clef2019_train").glob("*.tsv"))]
    if not transcripts:
        raise InputError(f"no CLEF 2019 transcripts in {data / 'clef2019_train'}")
    ct24_train, ct24_dev = _one(data / "ct24", "*train*.tsv"), _one(data / "ct24", "*dev*.tsv")
    dev_names = dev_transcripts(transcripts, ct24_train.texts)
    dev = [f for f in transcripts if f.path.name in dev_names]
    train_files = [f for f in transcripts if f.path.name not in dev_names]
    valid_names = dev_transcripts(train_files, ct24_train.texts, VALID_TRANSCRIPTS) if epochs > 0 else []
    say(f"dev transcripts: {', '.join(dev_names)}; validation transcripts: {', '.join(valid_names) or '-'}")

    dev_text = {normalise(t) for f in dev for t in f.texts}
    valid_text = {normalise(t) for f in train_files if f.path.name in valid_names for t in f.texts}
    ct24 = [(i, t, y) for i, t, y in zip(ct24_train.ids, ct24_train.texts, ct24_train.labels or [])
            if normalise(t) not in dev_text]
    dropped = len(ct24_train.texts) - len(ct24)
    whole = Part.of([(t, y) for _, t, y in ct24], train_files)
    say(f"training sentences: {len(ct24)} CT24 (dropped {dropped} found in dev) + {len(whole.texts) - len(ct24)} "
        f"CLEF 2019; {int(whole.labels.sum())} check-worthy")

    text_model_id, info = "checkworthy-tfidf-v1", {"dev_transcripts": dev_names, "training_sentences": len(whole.texts), "seed": seed}
    stacker, cross_tensors, threshold = None, None, 0.0
    if epochs > 0:
        fit = Part.of([(t, y) for i, t, y in ct24 if not _in_valid_share(i) and normalise(t) not in valid_text],
                      [f for f in train_files if f.path.name not in valid_names])
        valid = Part.of([(t, y) for i, t, y in ct24 if _in_valid_share(i)],
                        [f for f in train_files if f.path.name in valid_names])
        say(f"fit part {len(fit.texts)} sentences ({int(fit.labels.sum())} check-worthy); validation part "
            f"{len(valid.texts)} ({int(valid.labels.sum())})")
        text_fit = textclf.fit(fit.texts, fit.labels, FEATURES, seed)
        valid_text_scores = text_fit.scores(valid.texts)
        valid_map_tfidf = valid.group_ap(valid_text_scores)
        say(f"TF-IDF model on the fit part: validation group MAP {valid_map_tfidf:.4f}")
        start = time.perf_counter()
        cross_tensors, valid_logits, by_epoch = fit_cross(fit, valid, seed, epochs, progress, max_steps, layers,
                                                          context=not sentence_alone)
        cross_seconds = time.perf_counter() - start
        chosen = int(np.argmax(by_epoch)) + 1
        say(f"fine-tuned MiniLM: validation group MAP by epoch {', '.join(f'{v:.4f}' for v in by_epoch)}; "
            f"kept epoch {chosen} ({cross_seconds:.0f} s)")
        Z = stack_inputs(valid_text_scores, valid_logits)
        stacker = LogisticRegression(C=1.0, max_iter=2000).fit(Z, valid.labels)
        stacked = stacker.predict_proba(Z)[:, 1]
        is_ct24 = np.array(valid.groups) == cw.CT24
        threshold = textclf.best_f1_threshold(valid.labels[is_ct24], stacked[is_ct24])
        say(f"stacker weights {np.round(stacker.coef_[0], 3).tolist()} (in-sample validation group MAP "
            f"{valid.group_ap(stacked):.4f}); threshold {threshold:.4f} (CT24 validation F1-best)")
        info.update(valid_transcripts=valid_names, cross_epochs=chosen, cross_epochs_run=len(by_epoch),
                    cross_valid_map_by_epoch=[round(v, 4) for v in by_epoch], cross_seconds=round(cross_seconds),
                    cross_max_length=MAX_LENGTH, cross_layers=layers, valid_map_tfidf=round(valid_map_tfidf, 4),
                    cross_context="none" if sentence_alone else "previous sentence")
    else:
        threshold = oof_threshold(whole.texts, whole.labels, np.array(whole.groups) == cw.CT24, seed)
        say(f"threshold (CT24 out-of-fold F1-best): {threshold:.4f}")

    text_clf = textclf.fit(whole.texts, whole.labels, FEATURES, seed)
    text_clf.threshold = threshold
    held_out = [*dev, ct24_dev]
    baseline = cw.metrics(held_out, [text_clf.scores(f.texts) for f in held_out], threshold)
    model = CheckworthyModel(text_clf, threshold, text_model_id, info)
    cross_info: dict[str, str] = {}
    if stacker is not None and cross_tensors is not None:
        from .crossencoder import export_onnx

        export_onnx(models.load("minilm"), cross_tensors, XENC_ARTIFACT)
        model.stacker, model.model_id = stacker, MODEL_ID_ALONE if sentence_alone else MODEL_ID
        model.context = not sentence_alone
        model.cross = models.cross_encoders([XENC_ARTIFACT], MAX_LENGTH)  # exactly what ships: int8 ONNX
        cross_info = {"cross_file": XENC_ARTIFACT.name, "cross_sha256": models.sha256_file(XENC_ARTIFACT)}
    train_seconds = time.perf_counter() - t0

    start = time.perf_counter()
    scores = [model.scores(f.texts, f.previous()) for f in held_out]
    seconds = time.perf_counter() - start
    result = cw.metrics(held_out, scores, threshold)
    result.update(dev_transcripts=dev_names, model=model.model_id, tfidf_alone=baseline,
                  sentences_per_second=round(sum(len(f.texts) for f in held_out) / seconds, 1))
    model.info.update(dev_map=round(result[cw.CLEF2019]["map"], 4), dev_ct24_f1=round(result[cw.CT24]["f1"], 4))
    textclf.drop_caches(text_clf)
    write_bytes(ARTIFACT, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    models.record_artifact("checkworthy", ARTIFACT, model=model.model_id, seed=seed, dev_transcripts=",".join(dev_names),
                           dev_map=round(result[cw.CLEF2019]["map"], 4), dev_ct24_f1=round(result[cw.CT24]["f1"], 4),
                           **cross_info)
    models.clear_cache()
    if stacker is None and XENC_ARTIFACT.exists():
        XENC_ARTIFACT.unlink()  # the TF-IDF-only model ships no fine-tuned network
    result.update(artifact={"file": str(ARTIFACT), "bytes": ARTIFACT.stat().st_size}, train_seconds=round(train_seconds, 1))
    say(f"wrote {ARTIFACT} ({ARTIFACT.stat().st_size / 1e6:.2f} MB); dev scored at {result['sentences_per_second']} sentences/s")
    if progress:
        print(f"== TF-IDF model alone (checkworthy-tfidf-v1), same run: dev MAP {baseline[cw.CLEF2019]['map']:.4f}, "
              f"CT24 dev F1 {baseline[cw.CT24]['f1']:.4f}")
        print(f"== shipped model ({model.model_id})")
        cw.print_metrics(result)
    return result


def main(argv: Sequence[str] | None = None) -> None:
    command_line("checkworthy", __doc__, train, data_help="the checkworthy/ corpus folder", argv=argv,
                 flags={"sentence-alone": "train the v2 network, which reads each sentence without the one before it"})


if __name__ == "__main__":
    main()
