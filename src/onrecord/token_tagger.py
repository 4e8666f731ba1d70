"""A fine-tuned MiniLM word-piece tagger (B / I / O) over paragraphs: what finds attribution cues.

Runtime half of :mod:`onrecord.training.cue_tagger` (which needs PyTorch); this half needs only ONNX Runtime and
the checksummed base model. A text is cut into paragraphs (at line breaks), a long paragraph into overlapping
windows of :data:`WINDOW` word pieces; each window is tagged and a tagged span is a B piece with the I pieces after
it, read back as character offsets of the text. Loaded only through :func:`onrecord.models.load`
(``"cue_tagger"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

WINDOW = 126  # word pieces a window holds, [CLS] and [SEP] aside
STRIDE = 96  # a long paragraph's windows start this many pieces apart (30 pieces of overlap)
LABELS = ("O", "B", "I")
BATCH = 4  # windows an ONNX call tags at most (4 was fastest per article: 26 ms vs 38 at 8, 29 at 1)


@dataclass
class Window:
    ids: list[int]
    offsets: list[tuple[int, int]]  # character offsets of each piece in the whole text
    labels: list[int]  # gold labels (training), or zeros


def windows(tokenizer: Any, text: str, spans: Sequence[tuple[int, int]] = ()) -> list[Window]:
    """``text``'s paragraphs as windows of word pieces; with ``spans`` (sorted, gold), each piece labelled B
    (first piece inside a span), I (a later piece inside it) or O."""
    out: list[Window] = []
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            enc = tokenizer.encode(para, add_special_tokens=False)
            offsets = [(pos + s, pos + e) for s, e in enc.offsets]
            inside = [s for s in spans if s[0] < pos + len(para) and pos < s[1]]
            labels, seen = [], set()
            for s, _ in offsets:
                hit = next((sp for sp in inside if sp[0] <= s < sp[1]), None)
                labels.append(0 if hit is None else 2 if hit in seen else 1)
                if hit is not None:
                    seen.add(hit)
            n, start = len(enc.ids), 0
            while True:
                end = min(n, start + WINDOW)
                out.append(Window(enc.ids[start:end], offsets[start:end], labels[start:end]))
                if end >= n:
                    break
                start += STRIDE
        pos += len(para) + 1
    return out


def batch_arrays(ws: Sequence[Window], cls: int, sep: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``[CLS] pieces [SEP]`` rows padded to the longest: ids, mask, labels (-100 off the pieces)."""
    width = max(len(w.ids) for w in ws) + 2
    ids = np.zeros((len(ws), width), dtype=np.int64)
    mask = np.zeros((len(ws), width), dtype=np.float32)
    labels = np.full((len(ws), width), -100, dtype=np.int64)
    for i, w in enumerate(ws):
        n = len(w.ids)
        ids[i, :n + 2] = [cls, *w.ids, sep]
        mask[i, :n + 2] = 1.0
        labels[i, 1:n + 1] = w.labels
    return ids, mask, labels


def decode(ws: Sequence[Window], tags: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Character spans of the B (I …) runs, over all windows (a span two windows share counts once)."""
    found: set[tuple[int, int]] = set()
    for w, ts in zip(ws, tags):
        cur: list[int] | None = None
        for (s, e), t in zip(w.offsets, ts):
            if t == 2 and cur is not None:
                cur[1] = e
                continue
            if cur:
                found.add((cur[0], cur[1]))
            cur = [s, e] if t == 1 else None
        if cur:
            found.add((cur[0], cur[1]))
    return sorted(found)


class OnnxTokenTagger:
    """The tagger as an int8 ONNX graph over the base model's word embeddings (inputs ``embeds``, ``mask``;
    output ``logits``, B x L x 3). A text's windows are batched among themselves only, so its tags do not depend
    on other texts."""

    def __init__(self, path: Path, base: Any):
        from .minilm import onnx_session

        self.session = onnx_session(path)
        self.base = base
        tok = base.tokenizer
        self.cls, self.sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")

    def logits(self, ws: Sequence[Window]) -> list[np.ndarray]:
        """Per window, its pieces' logits (pieces x 3). Windows of similar length are run together
        (:data:`BATCH` at most), so little is padding; the grouping depends only on the text's own windows."""
        out: list[np.ndarray] = [np.zeros((0, len(LABELS)), dtype=np.float32)] * len(ws)
        table = self.base.w["embeddings.word_embeddings.weight"]
        order = sorted(range(len(ws)), key=lambda i: (len(ws[i].ids), i))
        for k in range(0, len(order), BATCH):
            idx = order[k:k + BATCH]
            ids, mask, _ = batch_arrays([ws[i] for i in idx], self.cls, self.sep)
            res = self.session.run(None, {"embeds": table[ids], "mask": mask})[0]
            for r, i in enumerate(idx):
                out[i] = res[r, 1:len(ws[i].ids) + 1]
        return out

    def spans(self, text: str, min_b: float = 0.0) -> list[tuple[int, int]]:
        """The tagged spans of ``text`` as character offsets: a span starts at a piece whose B probability is
        at least ``min_b`` and the most probable label (or, with ``min_b`` > 0.5, at least ``min_b``)."""
        ws = windows(self.base.tokenizer, text)
        return decode(ws, [tags(lg, min_b) for lg in self.logits(ws)])


def tags(logits: np.ndarray, min_b: float = 0.0) -> np.ndarray:
    """Labels of pieces x 3 logits: the most probable, except that a B below ``min_b`` probability is O."""
    z = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = z / z.sum(axis=1, keepdims=True)
    out = p.argmax(axis=1)
    out[(out == 1) & (p[:, 1] < min_b)] = 0
    return out
