"""Fine-tune MiniLM as the attribution role tagger on PolNeAR train (needs PyTorch): a cue's source and content.

The role CRF (:mod:`onrecord.training.attribution`, stage 2) reads a cue's paragraph through hand-made features
relative to the cue; its content boundaries are the analyzer's main loss (BENCHMARKS.md, attribution). This
fine-tunes the first :data:`LAYERS` layers of all-MiniLM-L6-v2 (word embeddings frozen) to do the same job: the
input is the cue's paragraph (:func:`onrecord.token_tagger.role_window`; the cue's pieces carry BERT's second
segment embedding, so the network knows which cue it reads for), the output a label per piece — B / I of the
source, B / I of the content, or O. The analyzer runs it where it ran the role CRF
(``analyzers.attribution.ROLE_TAGGER``).

Data: PolNeAR ``train/``, every gold attribution with a cue (the first annotator's file in sorted order is gold,
as ``onrecord eval attribution`` does). Loss: cross-entropy; AdamW (lr 1e-4), linear warm-up and decay, batches
of 16 windows of similar length in a seeded order. Validation: the train articles the cue tagger holds out
(:func:`onrecord.training.cue_tagger.in_validation`); after each epoch, per gold attribution, whether the run
the analyzer would take — the source run nearest the cue, the longest content run — is exactly the gold source
and content; the epoch with the best mean of the two is kept. The network goes to
``artifacts/attribution_roles.onnx`` (int8) and dev is scored the same way (gold cues).

Run: ``python -m onrecord.training.role_tagger --data ../shared/data/polnear`` (= ``onrecord train role_tagger``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .. import minilm, models
from ..evaluation import attribution as evaluation
from ..evaluation.brat import read_ann
from ..token_tagger import ROLE_LABELS, RoleWindow, decode_roles, role_arrays, role_window
from . import command_line, cue_tagger
from .cue_tagger import _log, split, tuned_and_exported

LAYERS = 6
ARTIFACT = models.ARTIFACTS / "attribution_roles.onnx"
DEFAULT_DATA = Path("../shared/data/polnear")
EPOCHS = 3
MODEL_ID = "polnear-roles-minilm6-v1"
# The share of fit cues whose marked extent is moved by a word (:func:`jittered`), so that the network reads the
# analyzer's cue extents ("then said", "had confirmed") as it reads gold's. 0.6 (13 % of cues actually moved: a word
# of the source or content is never taken) was measured in session 18 and did not help (BENCHMARKS.md); v1 is 0.0.
EXTENT_JITTER = 0.0

Frags = tuple[tuple[int, int], ...]


def examples(tokenizer: Any, item: evaluation.Item) -> list[tuple[RoleWindow, Frags, Frags]]:
    """One labelled window per gold attribution of an article, with its gold source and content (whitespace
    trimmed; the source empty when PolNeAR gives none)."""
    if item.gold_path is None:
        return []
    out = []
    for att in read_ann(item.gold_path):
        cue = evaluation._normalize(att.cue, item.text)
        if not cue:
            continue
        source = evaluation._normalize(att.source, item.text) if att.source else ()
        content = evaluation._normalize(att.content, item.text)
        w = role_window(tokenizer, item.text, cue, source, content)
        if w.ids:
            out.append((w, source, content))
    return out


def _words(w: RoleWindow) -> list[list[int]]:
    """The window's pieces grouped into words (a piece that starts where the previous one ends joins it)."""
    out: list[list[int]] = []
    for k, (s, _) in enumerate(w.offsets):
        if out and s == w.offsets[k - 1][1]:
            out[-1].append(k)
        else:
            out.append([k])
    return out


def jittered(w: RoleWindow, rng: np.random.RandomState, share: float | None = None) -> RoleWindow:
    """``w`` with its marked cue extent moved as the analyzer's cue extents differ from gold's (``share`` of the time,
    default :data:`EXTENT_JITTER`, in equal parts): one word more before it ("then said"), one word more after it ("said Monday") —
    only a word outside the source and content — or, for a cue of several words, one word fewer at either end."""
    if rng.random_sample() >= (EXTENT_JITTER if share is None else share):
        return w
    words = _words(w)
    cue = [i for i, ps in enumerate(words) if any(w.types[k] for k in ps)]
    if not cue:
        return w
    types = list(w.types)
    move = rng.randint(3)
    if move == 2:
        if len(cue) < 2:
            return w
        for k in words[cue[0] if rng.randint(2) == 0 else cue[-1]]:
            types[k] = 0
    else:
        i = cue[0] - 1 if move == 0 else cue[-1] + 1
        if not 0 <= i < len(words) or any(w.labels[k] for k in words[i]):
            return w
        for k in words[i]:
            types[k] = 1
    return RoleWindow(w.ids, w.offsets, types, w.labels)


def build(enc: minilm.Encoder, layers: int = LAYERS) -> Any:
    """The torch network: MiniLM's first ``layers`` layers and a linear head of the five role labels on every piece,
    reading the segment ids that mark the cue (``forward(ids, types, mask)``)."""
    return cue_tagger.build(enc, layers, n_labels=len(ROLE_LABELS), segments=True)


def export_onnx(enc: minilm.Encoder, tensors: dict[str, np.ndarray], path: Path, int8: bool = True) -> None:
    """Write the tagger as an int8 ONNX graph (dynamic quantization, per channel) over the base model's word
    embeddings: inputs ``embeds`` (B x L x 384), ``types``, ``mask``; output ``logits`` (B x L x 5); atomically.
    ``int8`` False: the same graph with float weights, before quantization."""
    import torch

    from .crossencoder import export_fp32, export_int8, layers_in

    model = build(enc, layers_in(tensors))
    model.load_state_dict({k: torch.from_numpy(v) for k, v in tensors.items()}, strict=False)
    model.eval()
    tok = enc.tokenizer
    text = "A sentence here, he said.\nAnother paragraph, longer than the first, she added."
    ws = [role_window(tok, text, [(17, 21)]), role_window(tok, text, [(70, 75)])]
    ids, types, mask, _ = role_arrays(ws, tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]"))
    example = (torch.from_numpy(enc.w["embeddings.word_embeddings.weight"][ids]), torch.from_numpy(types),
               torch.from_numpy(mask))
    (export_int8 if int8 else export_fp32)(model, example, ("embeds", "types", "mask"), path, per_piece=True)


def predict(model: Any, tokenizer: Any, ws: Sequence[RoleWindow], batch: int = 32) -> list[np.ndarray]:
    """Per window, its pieces' logits from the torch network (windows batched by length)."""
    return cue_tagger.predict(model, tokenizer, ws, batch, arrays=role_arrays)


def taken(w: RoleWindow, tags: Sequence[int]) -> tuple[Frags, Frags]:
    """The source and content an attribution takes from a window's tags, as the analyzer takes them: the
    source run nearest the cue, the longest content run (ties: nearest the cue)."""
    sources, contents = decode_roles(w, tags)
    cue = [o for o, t in zip(w.offsets, w.types) if t]
    c0, c1 = (cue[0][0], cue[-1][1]) if cue else (0, 0)
    src = min(sources, key=lambda s: min(abs(s[1] - c0), abs(s[0] - c1)), default=None)
    con = max(contents, key=lambda s: (s[1] - s[0], -abs(s[0] - c0)), default=None)
    return ((src,) if src else ()), ((con,) if con else ())


def score(model: Any, tokenizer: Any, data: Sequence[tuple[RoleWindow, Frags, Frags]]) -> dict[str, float]:
    """With gold cues: the share of attributions whose taken source, and content, is exactly gold's."""
    logits = predict(model, tokenizer, [d[0] for d in data])
    src = con = both = 0
    for (w, gs, gc), lg in zip(data, logits):
        ps, pc = taken(w, lg.argmax(axis=1))
        src += ps == gs
        con += pc == gc
        both += ps == gs and pc == gc
    n = max(1, len(data))
    return {"source": src / n, "content": con / n, "both": both / n, "n": len(data)}


def _fine_tune(enc: minilm.Encoder, fit: Sequence[evaluation.Item], valid: Sequence[evaluation.Item], epochs: int,
               layers: int, seed: int, progress: bool) -> tuple[dict[str, np.ndarray], list[dict[str, float]]]:
    """Fine-tune on ``fit``; after each epoch score ``valid``; return the best epoch's tensors (without the frozen
    word embeddings) and the per-epoch validation figures."""
    import torch

    from .crossencoder import LR, _optimise

    torch.manual_seed(seed)
    tok = enc.tokenizer
    cls_sep = (tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]"))
    rng = np.random.RandomState(seed)
    ws = [jittered(ex[0], rng) for it in fit for ex in examples(tok, it)]
    held = [ex for it in valid for ex in examples(tok, it)]
    _log(progress, f"{len(fit)} fit / {len(valid)} validation articles; {len(ws)} fit cues, {len(held)} validation "
                   f"cues; {sum(len(w.ids) for w in ws)} pieces")
    model = build(enc, layers)

    def loss_of(idx: list[int]) -> Any:
        ids, types, mask, lab = role_arrays([ws[j] for j in idx], *cls_sep)
        logits = model(torch.from_numpy(ids), torch.from_numpy(types), torch.from_numpy(mask))
        return torch.nn.functional.cross_entropy(logits.reshape(-1, len(ROLE_LABELS)),
                                                 torch.from_numpy(lab).reshape(-1), ignore_index=-100)

    history: list[dict[str, float]] = []

    def valid_score(m: Any) -> float:
        s = score(m, tok, held)
        history.append({"epoch": len(history) + 1, **s})
        print(f"epoch {len(history)}: validation (gold cues) source exact {s['source']:.4f}, content exact "
              f"{s['content']:.4f}, both {s['both']:.4f}", flush=True)
        return (s["source"] + s["content"]) / 2

    best, timing = _optimise(model, len(ws), lambda rng: cue_tagger.length_batches(ws, rng), loss_of, valid_score,
                             epochs, seed, progress, None, lr=LR * 2)
    for h, t in zip(history, timing):
        h["seconds"] = t["seconds"]
    return best, history


def train(data: Path = DEFAULT_DATA, seed: int = 0, progress: bool = True, epochs: int = EPOCHS,
          layers: int = LAYERS, tensors: Path | None = None) -> dict[str, Any]:
    """Fine-tune the role tagger on PolNeAR train (the validation carve-out picks the epoch), write
    ``artifacts/attribution_roles.onnx``, record it in the manifest and return the figures, dev's included (gold
    cues). ``tensors``: an npz of a fine-tune's tensors to export instead of training."""
    enc = models.load("minilm")
    model, history, seconds = tuned_and_exported(
        enc, lambda: _fine_tune(enc, *split(data), epochs, layers, seed, progress), build, export_onnx, ARTIFACT,
        cue_tagger.cache_name("role-tagger", seed, layers, epochs, EPOCHS), tensors, progress)
    dev_items = [it for it in evaluation.discover([Path(data) / "dev"]) if it.gold_path is not None]
    dev = score(model, enc.tokenizer, [ex for it in dev_items for ex in examples(enc.tokenizer, it)])
    print(f"dev ({len(dev_items)} articles, gold cues): source exact {dev['source']:.4f}, content exact "
          f"{dev['content']:.4f}, both {dev['both']:.4f}")
    models.record_artifact("role_tagger", ARTIFACT, model=MODEL_ID, seed=seed, layers=model.layers, epochs=epochs,
                           trained_on="PolNeAR train (the cue tagger's 10 % carve-out chose the epoch)",
                           dev_gold_cue_content_exact=f"{dev['content']:.4f}", train_seconds=round(seconds))
    models.clear_cache()
    print(f"wrote {ARTIFACT} ({ARTIFACT.stat().st_size / 1e6:.1f} MB); {seconds:.0f} s")
    return {"validation": history, "dev_gold_cues": dev, "train_seconds": seconds}


def main(argv: Sequence[str] | None = None) -> None:
    command_line("role_tagger", __doc__, train, data_help="the polnear/ corpus folder (train/ and dev/)",
                 default_data=DEFAULT_DATA, argv=argv)


if __name__ == "__main__":
    main()
