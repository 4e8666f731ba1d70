"""Fine-tune MiniLM as a word-piece tagger for attribution cues on PolNeAR train (needs PyTorch).

The CRF cue tagger (:mod:`onrecord.training.attribution`) misses a long tail of cue words it has seen too rarely
("shows", "pledged", "is raising questions about"). This fine-tunes the :data:`LAYERS` (all six) layers of
all-MiniLM-L6-v2 (word embeddings frozen) as a B / I / O tagger over word pieces, one paragraph — or a window of
a long one — at a time (:mod:`onrecord.token_tagger`, which also runs the exported graph at inference). The
analyzer adds attributions at its confident cues that no rule found (``analyzers.attribution.CUE_TAGGER``).

Data: PolNeAR ``train/``; where an article has several annotators' files the first in sorted order is gold (as
``onrecord eval attribution`` does). Labels: a piece is B when it starts a cue fragment, I when it lies inside
one, else O. Loss: cross-entropy with square-root-balanced class weights; AdamW (lr 1e-4), linear warm-up and
decay, batches of 16 windows of similar length in a seeded order. Validation: the train articles whose
``sha256("cue-valid:" + name)`` falls in the first :data:`VALID_SHARE`; after each epoch they are tagged and the
epoch with the best exact cue-span F1 is kept. The tensors go to the cache directory, the network to
``artifacts/attribution_cues.onnx`` (int8), and dev is scored (the tagger alone, exact cue fragments).

Run: ``python -m onrecord.training.cue_tagger --data ../shared/data/polnear`` (= ``onrecord train cue_tagger``).
"""

from __future__ import annotations

import hashlib
import math
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .. import minilm, models
from ..evaluation import attribution as evaluation
from ..evaluation.brat import read_ann
from ..token_tagger import LABELS, batch_arrays, decode, windows
from . import cache_dir, command_line

LAYERS = 6  # all of MiniLM (session 48; 3 until then: validation cue F1 0.634 vs 0.664 on the same split)
VALID_SHARE = 0.1
ARTIFACT = models.ARTIFACTS / "attribution_cues.onnx"
DEFAULT_DATA = Path("../shared/data/polnear")
EPOCHS = 3
MODEL_ID = "polnear-cues-minilm6-v1"


def cue_fragments(item: evaluation.Item) -> list[tuple[int, int]]:
    """The gold cue fragments of an article (whitespace trimmed), sorted."""
    if item.gold_path is None:
        return []
    frags = []
    for att in read_ann(item.gold_path):
        frags.extend(evaluation._normalize(att.cue, item.text))
    return sorted(set(frags))


def build(enc: minilm.Encoder, layers: int = LAYERS, n_labels: int = len(LABELS), segments: bool = False) -> Any:
    """The torch network: MiniLM's first ``layers`` layers and a linear head of ``n_labels`` on every piece. Its
    ``forward(ids, mask)`` / ``forward_embeds(words, mask)`` (what the ONNX export holds) take the segment ids as
    well — ``(ids, types, mask)`` — when ``segments`` is set (the role tagger marks its cue with them); without,
    every piece is of the first segment."""
    import torch

    from .crossencoder import build_torch_model

    base = build_torch_model(enc.w, n_classes=n_labels, layers=layers)

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = base

        def forward(self, ids: Any, *rest: Any) -> Any:
            return self.forward_embeds(self.bert.embeddings.word_embeddings(ids), *rest)

        def forward_embeds(self, words: Any, *rest: Any) -> Any:
            """The network after the word-embedding lookup: logits per piece."""
            types, mask = rest if segments else (torch.zeros_like(rest[0], dtype=torch.long), rest[0])
            return self.bert.head(self.bert.drop(self.bert.hidden_states(words, types, mask)))

    return Tagger()


def export_onnx(enc: minilm.Encoder, tensors: dict[str, np.ndarray], path: Path) -> None:
    """Write the tagger (``tensors``: its state without the frozen word embeddings) as an int8 ONNX graph
    (dynamic quantization, per channel) over the base model's word embeddings: inputs ``embeds`` (B x L x 384)
    and ``mask``, output ``logits`` (B x L x 3); atomically."""
    import torch

    from .crossencoder import export_int8, layers_in

    model = build(enc, layers_in(tensors))
    model.load_state_dict({k: torch.from_numpy(v) for k, v in tensors.items()}, strict=False)
    model.eval()
    tok = enc.tokenizer
    ids, mask, _ = batch_arrays(windows(tok, "A sentence here.\nAnother paragraph, longer than the first."),
                                tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]"))
    example = (torch.from_numpy(enc.w["embeddings.word_embeddings.weight"][ids]), torch.from_numpy(mask))
    export_int8(model, example, ("embeds", "mask"), path, per_piece=True)


def predict(model: Any, tokenizer: Any, ws: Sequence[Any], batch: int = 32,
            arrays: Callable[..., tuple[np.ndarray, ...]] = batch_arrays) -> list[np.ndarray]:
    """Per window, its pieces' logits from the torch network (windows batched by length). ``arrays(windows, cls,
    sep)`` builds a batch's inputs, labels last (:func:`~onrecord.token_tagger.batch_arrays`; the role tagger's
    :func:`~onrecord.token_tagger.role_arrays`)."""
    import torch

    model.eval()
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    order = sorted(range(len(ws)), key=lambda i: len(ws[i].ids))
    res: dict[int, np.ndarray] = {}
    with torch.no_grad():
        for i in range(0, len(order), batch):
            idx = order[i:i + batch]
            inputs = arrays([ws[j] for j in idx], cls, sep)[:-1]
            logits = model(*(torch.from_numpy(a) for a in inputs)).numpy()
            for r, j in enumerate(idx):
                res[j] = logits[r, 1:len(ws[j].ids) + 1]
    return [res[j] for j in range(len(ws))]


def prf(gold: set, pred: set) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted against gold items."""
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def score(model: Any, tokenizer: Any, items: Sequence[evaluation.Item]) -> tuple[float, float, float]:
    """Exact cue-fragment precision / recall / F1 of the torch network on ``items``."""
    gold: set = set()
    pred: set = set()
    for k, it in enumerate(items):
        cues = cue_fragments(it)
        ws = windows(tokenizer, it.text, cues)
        gold |= {(k, c) for c in cues}
        pred |= {(k, c) for c in decode(ws, [lg.argmax(axis=1) for lg in predict(model, tokenizer, ws)])}
    return prf(gold, pred)


def length_batches(ws: Sequence[Any], rng: np.random.RandomState) -> list[list[int]]:
    """One epoch over windows ``ws``: windows of similar length batched together (less padding), the batches in a
    seeded order (the cue and role taggers' fine-tuning)."""
    from .crossencoder import BATCH

    order = rng.permutation(len(ws))
    out = []
    for i in range(0, len(order), BATCH * 50):
        chunk = sorted(order[i:i + BATCH * 50], key=lambda j: len(ws[j].ids))
        out += [chunk[k:k + BATCH] for k in range(0, len(chunk), BATCH)]
    rng.shuffle(out)
    return out


def _fine_tune(enc: minilm.Encoder, fit: Sequence[evaluation.Item], valid: Sequence[evaluation.Item], epochs: int,
               layers: int, seed: int, progress: bool) -> tuple[dict[str, np.ndarray], list[dict[str, float]]]:
    """Fine-tune on ``fit``; after each epoch score ``valid`` (exact cue spans); return the best epoch's tensors
    (without the frozen word embeddings) and the per-epoch validation figures."""
    import torch

    from .crossencoder import LR, _optimise

    torch.manual_seed(seed)
    tok = enc.tokenizer
    cls_sep = (tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]"))
    ws = [w for it in fit for w in windows(tok, it.text, cue_fragments(it))]
    labels = np.concatenate([w.labels for w in ws])
    _log(progress, f"{len(fit)} fit / {len(valid)} validation articles; {len(ws)} windows, {len(labels)} pieces "
                   f"(B {np.mean(labels == 1):.3f}, I {np.mean(labels == 2):.3f})")
    model = build(enc, layers)
    counts = np.bincount(labels, minlength=3).astype(np.float64)
    class_w = torch.tensor(np.sqrt(len(labels) / (3 * counts)), dtype=torch.float32)  # square-root balanced

    def loss_of(idx: list[int]) -> Any:
        ids, mask, lab = batch_arrays([ws[j] for j in idx], *cls_sep)
        logits = model(torch.from_numpy(ids), torch.from_numpy(mask))
        return torch.nn.functional.cross_entropy(logits.reshape(-1, 3), torch.from_numpy(lab).reshape(-1),
                                                 weight=class_w, ignore_index=-100)

    history: list[dict[str, float]] = []

    def valid_score(m: Any) -> float:
        p, r, f = score(m, tok, valid)
        history.append({"epoch": len(history) + 1, "precision": p, "recall": r, "f1": f})
        print(f"epoch {len(history)}: validation cue exact P {p:.3f} R {r:.3f} F1 {f:.3f}", flush=True)
        return f

    best, timing = _optimise(model, len(ws), lambda rng: length_batches(ws, rng), loss_of, valid_score, epochs, seed,
                             progress, None, lr=LR * 2)
    for h, t in zip(history, timing):
        h["seconds"] = t["seconds"]
    return best, history


def _log(progress: bool, msg: str) -> None:
    if progress:
        print(msg, file=sys.stderr, flush=True)


def split(data: Path) -> tuple[list[evaluation.Item], list[evaluation.Item]]:
    """PolNeAR train's annotated articles cut into fit and validation (:data:`VALID_SHARE`, by a hash of the name)."""
    items = [it for it in evaluation.discover([Path(data) / "train"]) if it.gold_path is not None]
    if not items:
        from ..errors import InputError

        raise InputError(f"{data}: no annotated articles in train/ (a PolNeAR folder with train/ and dev/)")
    return [it for it in items if not in_validation(it.name)], [it for it in items if in_validation(it.name)]


def in_validation(name: str) -> bool:
    """Whether an article is in the :data:`VALID_SHARE` carve-out that picks the epoch (by a hash of its name)."""
    return int(hashlib.sha256(f"cue-valid:{name}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < VALID_SHARE


def cache_name(kind: str, seed: int, layers: int, epochs: int, default_epochs: int) -> str:
    """The file a fine-tune's chosen tensors are kept in: by seed and layers, and by epochs when not the default
    (a longer schedule's network must not take the shipped recipe's name)."""
    longer = "" if epochs == default_epochs else f"-epochs{epochs}"
    return f"{kind}-seed{seed}-layers{layers}{longer}.npz"


def tuned_and_exported(enc: minilm.Encoder, fine_tune: Callable[[], tuple[dict[str, np.ndarray], list]],
                       build_fn: Callable[[minilm.Encoder, int], Any],
                       export_fn: Callable[[minilm.Encoder, dict[str, np.ndarray], Path], None], artifact: Path,
                       cache_name: str, tensors: Path | None, progress: bool) -> tuple[Any, list, float]:
    """What a MiniLM tagger's training command does around its fine-tuning (the cue and role taggers share it):
    run ``fine_tune()`` (its chosen tensors kept under ``cache_name`` in the cache directory) or read ``tensors``
    (an npz such a run left), export the network to ``artifact`` and return it rebuilt in PyTorch (``.layers``
    set) for scoring, with the fine-tuning's history and seconds."""
    from .crossencoder import _torch, layers_in

    torch = _torch()  # a one-line error without PyTorch (pip install -e .[train])
    torch.set_num_threads(max(1, min(2, torch.get_num_threads())))
    start = time.perf_counter()
    history: list = []
    if tensors is None:
        chosen, history = fine_tune()
        cached = cache_dir() / cache_name
        cached.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cached, **chosen)
        _log(progress, f"tensors kept in {cached}")
    else:
        with np.load(tensors) as f:
            chosen = {k: f[k] for k in f.files}
    seconds = time.perf_counter() - start
    export_fn(enc, chosen, artifact)
    model = build_fn(enc, layers_in(chosen))
    model.load_state_dict({k: torch.from_numpy(v) for k, v in chosen.items()}, strict=False)
    model.layers = layers_in(chosen)
    return model, history, seconds


def train(data: Path = DEFAULT_DATA, seed: int = 0, progress: bool = True, epochs: int = EPOCHS,
          layers: int = LAYERS, tensors: Path | None = None) -> dict[str, Any]:
    """Fine-tune the cue tagger on PolNeAR train (the validation carve-out picks the epoch), write
    ``artifacts/attribution_cues.onnx``, record it in the manifest and return the figures, dev's included
    (the tagger alone, exact cue spans). ``tensors``: an npz of a fine-tune's tensors to export instead of
    training (the file a run leaves in the cache directory)."""
    enc = models.load("minilm")
    model, history, seconds = tuned_and_exported(
        enc, lambda: _fine_tune(enc, *split(data), epochs, layers, seed, progress), build, export_onnx, ARTIFACT,
        cache_name("cue-tagger", seed, layers, epochs, EPOCHS), tensors, progress)
    dev = [it for it in evaluation.discover([Path(data) / "dev"]) if it.gold_path is not None]
    p, r, f = score(model, enc.tokenizer, dev) if dev else (0.0, 0.0, 0.0)
    print(f"dev ({len(dev)} articles), the tagger alone: cue exact P {p:.3f} R {r:.3f} F1 {f:.3f}")
    models.record_artifact("cue_tagger", ARTIFACT, model=MODEL_ID, seed=seed, layers=model.layers, epochs=epochs,
                           trained_on="PolNeAR train (a 10 % carve-out chose the epoch)",
                           dev_tagger_cue_f1=f"{f:.4f}", train_seconds=round(seconds))
    models.clear_cache()
    print(f"wrote {ARTIFACT} ({ARTIFACT.stat().st_size / 1e6:.1f} MB); {seconds:.0f} s")
    return {"validation": history, "dev_tagger": {"precision": p, "recall": r, "f1": f}, "train_seconds": seconds}


def main(argv: Sequence[str] | None = None) -> None:
    command_line("cue_tagger", __doc__, train, data_help="the polnear/ corpus folder (train/ and dev/)",
                 default_data=DEFAULT_DATA, argv=argv)


if __name__ == "__main__":
    main()
