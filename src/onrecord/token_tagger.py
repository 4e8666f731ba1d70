"""A fine-tuned MiniLM word-piece tagger (B / I / O) over paragraphs: what finds attribution cues.

Runtime half of :mod:`onrecord.training.cue_tagger` (which needs PyTorch); this half needs only ONNX Runtime and
the checksummed base model. A text is cut into paragraphs (at line breaks), a long paragraph into overlapping
windows of :data:`WINDOW` word pieces; each window is tagged and a tagged span is a B piece with the I pieces after
it, read back as character offsets of the text. Loaded only through :func:`onrecord.models.load`
(``"cue_tagger"``).
"""

from __future__ import annotations

import functools
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


# --------------------------------------------------------------------------- the role tagger: a cue's source and content

ROLE_LABELS = ("O", "B-SRC", "I-SRC", "B-CON", "I-CON")
ROLE_WINDOW = 254  # word pieces of the cue's paragraph a window holds ([CLS] and [SEP] aside): 99 % of PolNeAR's fit
ROLE_REACH = ROLE_WINDOW * 25  # characters either side of the cue that a window can reach (25 a word piece at most)
ROLE_BATCH = 8  # cues an ONNX call reads at most (windows of similar length together)


@dataclass
class RoleWindow:
    ids: list[int]
    offsets: list[tuple[int, int]]  # character offsets of each piece in the whole text
    types: list[int]  # 1 on the cue's pieces (BERT's second segment embedding marks the cue), else 0
    labels: list[int]  # gold ROLE_LABELS indices (training), or zeros


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    """The paragraph (line) around ``pos``; one ending in a colon ("Cruz said:") runs on through the next
    non-empty line, where its quotation is."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    if text[start:end].rstrip().endswith(":"):
        nxt = end
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt < len(text):
            stop = text.find("\n", nxt)
            end = len(text) if stop < 0 else stop
    return start, end


@functools.lru_cache(maxsize=32)
def _encoded(tokenizer: Any, segment: str) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    """``segment``'s word-piece ids and character offsets: the analyzer asks for the same paragraph once per cue
    in it, and each cue's window encodes it (the cache keeps the last few)."""
    enc = tokenizer.encode(segment, add_special_tokens=False)
    return tuple(enc.ids), tuple(enc.offsets)


def role_window(tokenizer: Any, text: str, cue: Sequence[tuple[int, int]],
                sources: Sequence[tuple[int, int]] = (), contents: Sequence[tuple[int, int]] = ()) -> RoleWindow:
    """The paragraph holding the cue's first fragment (:func:`_paragraph`) as word pieces, the cue's pieces of type 1; with gold
    ``sources`` / ``contents`` (character fragments), each piece labelled B / I of its role or O (fragments outside
    the window are left out). A paragraph longer than :data:`ROLE_WINDOW` pieces is cut around the cue (a third of
    the window before it)."""
    start, end = _paragraph(text, cue[0][0])
    if end - start > 2 * ROLE_REACH:  # encode only the stretch around the cue that a window can reach, cut between
        # words (a paragraph of a whole long article would otherwise be encoded once per cue: its square)
        lo, hi = cue[0][0] - ROLE_REACH, cue[-1][1] + ROLE_REACH
        if lo > start:
            start = next((i for i in range(lo, cue[0][0]) if text[i].isspace()), start)
        if hi < end:
            end = next((i for i in range(hi, cue[-1][1], -1) if text[i].isspace()), end)
    ids, pieces = _encoded(tokenizer, text[start:end])
    offsets = [(start + s, start + e) for s, e in pieces]
    types = [int(any(a < e and s < b for a, b in cue)) for s, e in offsets]
    labels = [0] * len(offsets)
    for first, frags in ((1, sources), (3, contents)):
        for a, b in frags:
            inside = [k for k, (s, e) in enumerate(offsets) if a <= s and e <= b and e > s]
            for j, k in enumerate(inside):
                labels[k] = first if j == 0 else first + 1
    ids = list(ids)
    if len(ids) > ROLE_WINDOW:
        k = types.index(1) if 1 in types else 0
        lo = max(0, min(k - ROLE_WINDOW // 3, len(ids) - ROLE_WINDOW))
        ids, offsets, types, labels = (x[lo:lo + ROLE_WINDOW] for x in (ids, offsets, types, labels))
    return RoleWindow(ids, offsets, types, labels)


def role_arrays(ws: Sequence[RoleWindow], cls: int, sep: int) -> tuple[np.ndarray, ...]:
    """:func:`batch_arrays` with the cue's segment ids: ids, types, mask, labels."""
    # batch_arrays reads only a window's ids and labels, which a RoleWindow has too
    ids, mask, labels = batch_arrays(ws, cls, sep)  # type: ignore[arg-type]
    types = np.zeros_like(ids)
    for i, w in enumerate(ws):
        types[i, 1:len(w.ids) + 1] = w.types
    return ids, types, mask, labels


def decode_roles(w: RoleWindow, tags: Sequence[int]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The source runs and content runs of one window as character spans: a run is a B piece (or an I piece
    after a piece of another label) with the I pieces of its role after it; the cue's own pieces are no role."""
    runs: dict[int, list[tuple[int, int]]] = {1: [], 3: []}
    cur: list[int] | None = None
    role = 0
    for (s, e), t, ty in zip(w.offsets, tags, w.types):
        t = int(t)
        r = 0 if ty or t == 0 else (1 if t in (1, 2) else 3)
        if r and cur is not None and role == r and t == r + 1:
            cur[1] = e
            continue
        if cur is not None:
            runs[role].append((cur[0], cur[1]))
        cur, role = ([s, e], r) if r else (None, 0)
    if cur is not None:
        runs[role].append((cur[0], cur[1]))
    return runs[1], runs[3]


class OnnxRoleTagger:
    """The role tagger as an int8 ONNX graph over the base model's word embeddings (inputs ``embeds``, ``types``,
    ``mask``; output ``logits``, B x L x 5): for a cue, the source and content runs of its paragraph. Each cue is
    read alone (its window batched only with the same text's other cues), so its roles do not depend on other
    texts."""

    def __init__(self, path: Path, base: Any):
        from .minilm import onnx_session

        self.session = onnx_session(path)
        self.base = base
        tok = base.tokenizer
        self.cls, self.sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")

    def feed(self, ws: Sequence[RoleWindow]) -> dict[str, np.ndarray]:
        """The graph's inputs for a batch of windows."""
        ids, types, mask, _ = role_arrays(ws, self.cls, self.sep)
        return {"embeds": self.base.w["embeddings.word_embeddings.weight"][ids], "types": types, "mask": mask}

    def logits(self, ws: Sequence[RoleWindow]) -> np.ndarray:
        """Logits of a batch of windows (B x L x 5, [CLS] first)."""
        return self.session.run(None, self.feed(ws))[0]

    def roles(self, text: str, cues: Sequence[Sequence[tuple[int, int]]]
              ) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
        """Per cue (its character fragments), the (sources, contents) character spans the tagger finds."""
        ws = [role_window(self.base.tokenizer, text, cue) for cue in cues]
        out: list[tuple[list[tuple[int, int]], list[tuple[int, int]]]] = [([], [])] * len(ws)
        order = sorted(range(len(ws)), key=lambda i: (len(ws[i].ids), i))
        for k in range(0, len(order), ROLE_BATCH):
            idx = [i for i in order[k:k + ROLE_BATCH] if ws[i].ids]
            if not idx:
                continue
            res = self.logits([ws[i] for i in idx])
            for r, i in enumerate(idx):
                out[i] = decode_roles(ws[i], res[r, 1:len(ws[i].ids) + 1].argmax(axis=1))
        return out
