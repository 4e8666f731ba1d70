"""Fine-tune all-MiniLM-L6-v2 as a cross-encoder for agree / disagree / discuss (needs PyTorch).

Only training needs PyTorch (``pip install torch==2.13.0``, a CPU build); inference runs the same
network in NumPy (:mod:`onrecord.minilm`). :class:`TorchBert` mirrors :class:`onrecord.minilm.Encoder`
module for module with the Hugging Face parameter names, so the fine-tuned tensors drop into the
NumPy encoder unchanged (a test checks that both give the same outputs).

Input: ``[CLS] headline [SEP] passage [SEP]``, the passage being
:func:`onrecord.stance_features.evidence_passage` (the body's lead sentence and the three sentences
sharing most content words with the headline), at most :data:`MAX_LENGTH` tokens. Output: mean-pooled
last hidden states → linear layer → three logits. The word embeddings stay frozen (they are read
from the encoder package at load time, so the artifact holds only what training changed, the
matrices stored as int8 with a scale per row).

Loss: cross-entropy with square-root-balanced class weights (disagree is 6 % of related pairs).
AdamW, linear warm-up then decay, gradient clipping 1.0, fixed seed; data order from NumPy's
``RandomState(seed)``. After each epoch the model is scored on the validation pairs (claims held
out of the train part, never dev); the best epoch by macro-F1 is kept.
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .. import minilm

MAX_LENGTH = 128
BATCH = 16
LR = 5e-5
WEIGHT_DECAY = 0.01
WARMUP = 0.06
N_CLASSES = 3


def _torch() -> Any:
    try:
        import torch
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise SystemExit("training the cross-encoder needs PyTorch: pip install torch==2.13.0 "
                         "(the CPU build; see DEVELOPERS.md)") from e
    return torch


def layers_in(tensors: Any) -> int:
    """How many transformer layers a set of fine-tuned tensors holds (``encoder.layer.N.…`` names, also under a
    prefix such as the cue tagger's ``bert.``); all of the base model's when it holds none (only a head was
    trained)."""
    found = {int(k.split("encoder.layer.", 1)[1].split(".")[0]) for k in tensors if "encoder.layer." in k}
    return max(found) + 1 if found else minilm.LAYERS


def build_torch_model(weights: dict[str, np.ndarray], n_classes: int = N_CLASSES, dropout: float = 0.1,
                      layers: int = minilm.LAYERS) -> Any:
    """A PyTorch BERT with the Hugging Face parameter names, initialised from ``weights``; the linear
    head reads the mean-pooled hidden states after the first ``layers`` layers (B x classes logits)."""
    torch = _torch()
    nn = torch.nn
    F = torch.nn.functional

    class Embeddings(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word_embeddings = nn.Embedding(30522, minilm.HIDDEN)
            self.position_embeddings = nn.Embedding(512, minilm.HIDDEN)
            self.token_type_embeddings = nn.Embedding(2, minilm.HIDDEN)
            self.LayerNorm = nn.LayerNorm(minilm.HIDDEN, eps=minilm.LN_EPS)

    class SelfAttention(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.query = nn.Linear(minilm.HIDDEN, minilm.HIDDEN)
            self.key = nn.Linear(minilm.HIDDEN, minilm.HIDDEN)
            self.value = nn.Linear(minilm.HIDDEN, minilm.HIDDEN)

    class DenseNorm(nn.Module):
        def __init__(self, d_in: int) -> None:
            super().__init__()
            self.dense = nn.Linear(d_in, minilm.HIDDEN)
            self.LayerNorm = nn.LayerNorm(minilm.HIDDEN, eps=minilm.LN_EPS)

    class Attention(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.add_module("self", SelfAttention())
            self.output = DenseNorm(minilm.HIDDEN)

    class Intermediate(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.dense = nn.Linear(minilm.HIDDEN, 4 * minilm.HIDDEN)

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.attention = Attention()
            self.intermediate = Intermediate()
            self.output = DenseNorm(4 * minilm.HIDDEN)

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layer = nn.ModuleList([Layer() for _ in range(layers)])

    class TorchBert(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embeddings = Embeddings()
            self.encoder = Encoder()
            self.head = nn.Linear(minilm.HIDDEN, n_classes)
            self.drop = nn.Dropout(dropout)

        def forward(self, ids: Any, types: Any, mask: Any) -> Any:
            return self.forward_embeds(self.embeddings.word_embeddings(ids), types, mask)

        def forward_embeds(self, words: Any, types: Any, mask: Any) -> Any:
            """The network after the word-embedding lookup (what the ONNX export holds)."""
            x = self.hidden_states(words, types, mask)
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
            return self.head(self.drop(pooled))

        def hidden_states(self, words: Any, types: Any, mask: Any) -> Any:
            """The last layer's hidden states (B x L x 384) from the looked-up word embeddings."""
            e = self.embeddings
            B, L = types.shape
            x = words + e.position_embeddings.weight[:L][None] + e.token_type_embeddings(types)
            x = self.drop(e.LayerNorm(x))
            bias = ((1.0 - mask) * -1e9)[:, None, None, :]
            H, dh = minilm.HEADS, minilm.HIDDEN // minilm.HEADS
            for layer in self.encoder.layer:
                sa = getattr(layer.attention, "self")
                q, k, v = (m(x).view(B, L, H, dh).transpose(1, 2) for m in (sa.query, sa.key, sa.value))
                att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(dh) + bias, dim=-1)
                ctx = (self.drop(att) @ v).transpose(1, 2).reshape(B, L, minilm.HIDDEN)
                x = layer.attention.output.LayerNorm(self.drop(layer.attention.output.dense(ctx)) + x)
                h = F.gelu(layer.intermediate.dense(x))
                x = layer.output.LayerNorm(self.drop(layer.output.dense(h)) + x)
            return x

    model = TorchBert()
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in weights.items()
             if not k.startswith("pooler.") and not (k.startswith("encoder.layer.") and int(k.split(".")[2]) >= layers)}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or set(missing) - {"head.weight", "head.bias"}:
        raise ValueError(f"weights do not fit the model: missing {missing}, unexpected {unexpected}")
    torch.manual_seed(0)
    nn.init.normal_(model.head.weight, std=0.02)
    nn.init.zeros_(model.head.bias)
    model.embeddings.word_embeddings.weight.requires_grad_(False)
    return model


def _device(model: Any) -> Any:
    return next(model.parameters()).device


def _batch_tensors(torch: Any, enc: minilm.Encoder, a: Sequence[str], b: Sequence[str],
                   max_length: int = MAX_LENGTH, device: Any = "cpu") -> tuple[Any, Any, Any]:
    bt = enc.tokenize(a, b, max_length=max_length)
    return tuple(torch.from_numpy(t).to(device) for t in (bt.ids, bt.types, bt.mask))  # type: ignore[return-value]


def predict_logits(model: Any, enc: minilm.Encoder, a: Sequence[str], b: Sequence[str], batch: int = 64,
                   max_length: int = MAX_LENGTH) -> np.ndarray:
    """The model's logits for the pairs (a, b), on whatever device the model is on."""
    torch = _torch()
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(a), batch):
            tensors = _batch_tensors(torch, enc, a[i:i + batch], b[i:i + batch], max_length, _device(model))
            out.append(model(*tensors).float().cpu().numpy())
    return np.concatenate(out) if out else np.zeros((0, model.head.out_features), dtype=np.float32)


def _optimise(model: Any, n: int, batches: Any, loss_of: Any, valid_score: Any, epochs: int, seed: int,
              progress: bool, max_steps: int | None,
              snapshots: list[dict[str, np.ndarray]] | None = None,
              lr: float = LR, batch: int = BATCH) -> tuple[dict[str, np.ndarray], list[dict[str, float]]]:
    """The training loop behind :func:`fine_tune`, kept apart from what the examples are.

    ``batches(rng) -> list of index arrays`` orders one epoch over ``n`` examples; ``loss_of(idx)``
    is a batch's loss; ``valid_score(model) -> float`` ranks epochs (higher is better). AdamW, linear
    warm-up then decay (peak ``lr``), gradient clipping 1.0; returns the best epoch's tensors (the frozen word
    embeddings left out) and per-epoch scores. ``snapshots``, when given, receives every epoch's tensors
    (for a caller that picks the epoch itself, from evidence the validation score does not see)."""
    torch = _torch()
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.dim() >= 2]
    no_decay = [p for p in params if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": WEIGHT_DECAY}, {"params": no_decay, "weight_decay": 0.0}], lr=lr)
    steps_per_epoch = math.ceil(n / batch)
    total = steps_per_epoch * epochs if max_steps is None else min(max_steps, steps_per_epoch * epochs)
    warm = max(1, int(WARMUP * total))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    rng = np.random.RandomState(seed)
    best: tuple[float, dict[str, np.ndarray]] | None = None
    history: list[dict[str, float]] = []
    step, start = 0, time.perf_counter()
    for epoch in range(epochs):
        model.train()
        running = 0.0
        for idx in batches(rng):
            if step >= total:
                break
            loss = loss_of(idx)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            running = 0.98 * running + 0.02 * float(loss.detach()) if step > 1 else float(loss.detach())
            if progress and step % 50 == 0:
                el = time.perf_counter() - start
                print(f"  epoch {epoch + 1} step {step}/{total} loss {running:.3f} ({el:.0f} s, "
                      f"~{el / step * (total - step):.0f} s left)", file=sys.stderr, flush=True)
        s = float(valid_score(model))
        history.append({"epoch": epoch + 1, "valid_score": s, "seconds": time.perf_counter() - start})
        if progress:
            print(f"  epoch {epoch + 1}: valid score {s:.4f} ({time.perf_counter() - start:.0f} s)", file=sys.stderr, flush=True)
        improved = best is None or s > best[0]
        if improved or snapshots is not None:  # copy the weights only when someone keeps them
            tensors = {k: v.detach().cpu().numpy().copy() for k, v in model.state_dict().items()
                       if not k.endswith("embeddings.word_embeddings.weight")}
            if snapshots is not None:
                snapshots.append(tensors)
            if improved:
                best = (s, tensors)
        if step >= total:
            break
    assert best is not None
    return best[1], history


def fine_tune(enc: minilm.Encoder, a: Sequence[str], b: Sequence[str], y: np.ndarray,
              valid: tuple[Sequence[str], Sequence[str], np.ndarray], score: Any,
              epochs: int = 2, seed: int = 0, progress: bool = True, max_steps: int | None = None,
              snapshots: list[dict[str, np.ndarray]] | None = None,
              n_classes: int = N_CLASSES, layers: int = minilm.LAYERS, *, device: str = "cpu",
              lr: float = LR, batch: int = BATCH, max_length: int = MAX_LENGTH,
              class_power: float = 0.5) -> tuple[dict[str, np.ndarray], list[dict[str, float]]]:
    """Fine-tune from ``enc``'s weights; returns the best epoch's changed tensors and per-epoch scores.
    Labels ``y`` are class indices below ``n_classes``; a text ``b`` may be empty (single-text input);
    ``layers`` < 6 keeps only the encoder's first layers (a cheaper network; only the ONNX export runs it).

    ``score(y_true, logits) -> float`` ranks epochs on ``valid`` (higher is better); ``snapshots``, when
    given, collects every epoch's changed tensors in order. ``device`` is PyTorch's ("cpu", "cuda"): the
    recipe is the same on either, the arithmetic not bit for bit. Class weights are (balanced weight) **
    ``class_power``: 0.5 square-root balanced (the default), 1 fully balanced, 0 none."""
    torch = _torch()
    torch.manual_seed(seed)
    model = build_torch_model(enc.w, n_classes=n_classes, layers=layers).to(device)
    counts = np.bincount(y, minlength=n_classes).astype(np.float64)
    class_w = torch.tensor((len(y) / (n_classes * np.maximum(counts, 1))) ** class_power, dtype=torch.float32,
                           device=device)

    # Tokenized once: a batch takes its rows, cut to its longest (the tensors per-batch tokenization gives).
    whole = enc.tokenize(a, b, max_length=max_length)
    lengths = whole.mask.sum(1).astype(np.int64)

    def batches(rng: np.random.RandomState) -> list[np.ndarray]:
        order = rng.permutation(len(y))
        return [order[i:i + batch] for i in range(0, len(order), batch)]

    def loss_of(idx: np.ndarray) -> Any:
        width = int(lengths[idx].max())
        ids, types, mask = (torch.from_numpy(np.ascontiguousarray(t[idx, :width])).to(device)
                            for t in (whole.ids, whole.types, whole.mask))
        return torch.nn.functional.cross_entropy(model(ids, types, mask), torch.from_numpy(y[idx]).to(device),
                                                 weight=class_w)

    def valid_score(m: Any) -> float:
        return score(valid[2], predict_logits(m, enc, valid[0], valid[1], max_length=max_length))

    return _optimise(model, len(y), batches, loss_of, valid_score, epochs, seed, progress, max_steps, snapshots,
                     lr=lr, batch=batch)


def torch_model(enc: minilm.Encoder, tensors: dict[str, np.ndarray]) -> Any:
    """The fine-tuned network as a PyTorch model: ``enc``'s weights with ``tensors`` (what :func:`fine_tune`
    returns) applied, head included, in eval mode, on the CPU."""
    torch = _torch()

    model = build_torch_model(minilm.apply_delta(enc.w, {k: v for k, v in tensors.items() if not k.startswith("head.")}),
                              n_classes=tensors["head.weight"].shape[0], layers=layers_in(tensors))
    with torch.no_grad():
        model.head.weight.copy_(torch.from_numpy(tensors["head.weight"]))
        model.head.bias.copy_(torch.from_numpy(tensors["head.bias"]))
    return model.eval()


def export_onnx(enc: minilm.Encoder, tensors: dict[str, np.ndarray], path: Path) -> None:
    """Write the fine-tuned network (``enc``'s weights with ``tensors`` applied) as ONNX with int8
    weights (dynamic quantization, one scale per output channel) to ``path``, atomically. Inputs:
    ``embeds`` (word embeddings, B x L x 384), ``types``, ``mask``; output: ``logits`` (B x classes)."""
    torch = _torch()

    model = torch_model(enc, tensors)
    batch = enc.tokenize(["a headline"] * 2, ["a body sentence. another one."] * 2)
    example = (torch.from_numpy(enc.w["embeddings.word_embeddings.weight"][batch.ids]),
               torch.from_numpy(batch.types), torch.from_numpy(batch.mask))
    export_int8(model, example, ("embeds", "types", "mask"), path, per_piece=False)


def export_int8(model: Any, example: tuple, inputs: Sequence[str], path: Path, per_piece: bool) -> None:
    """Export ``model.forward_embeds`` — the network after the word-embedding lookup, which the graph leaves to its
    caller — run on ``example`` as ONNX with int8 weights (dynamic quantization, one scale per output channel) to
    ``path``, atomically: ``inputs`` named in order, each of dynamic batch and length; output ``logits`` (batch x
    classes, or with ``per_piece`` batch x length x classes)."""
    import tempfile

    from ..atomic import write_bytes

    with tempfile.TemporaryDirectory() as tmp:
        fp32, int8 = Path(tmp) / "model.onnx", Path(tmp) / "model.int8.onnx"
        export_fp32(model, example, inputs, fp32, per_piece)
        quantize_int8(fp32, int8)
        write_bytes(path, int8.read_bytes())


def export_fp32(model: Any, example: tuple, inputs: Sequence[str], path: Path, per_piece: bool) -> None:
    """:func:`export_int8`'s graph before quantization, float weights (written in place, not atomically)."""
    torch = _torch()

    class AfterLookup(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, *args: Any) -> Any:
            return self.inner.forward_embeds(*args)

    dynamic = {name: {0: "batch", 1: "length"} for name in inputs}
    dynamic["logits"] = {0: "batch", 1: "length"} if per_piece else {0: "batch"}
    torch.onnx.export(AfterLookup(), example, str(path), input_names=list(inputs),
                      output_names=["logits"], dynamic_axes=dynamic, opset_version=17, dynamo=False)


def quantize_int8(fp32: Path, int8: Path) -> None:
    """The float graph ``fp32`` with int8 weights (dynamic quantization, one scale per output channel), to ``int8``."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
