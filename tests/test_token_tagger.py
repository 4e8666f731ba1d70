"""The word-piece tagger's windows, labels and decoding (no trained model needed)."""

from __future__ import annotations

import pytest

from onrecord import models
from onrecord.token_tagger import WINDOW, Window, batch_arrays, decode, windows


@pytest.fixture(scope="module")
def tokenizer():
    return models.load("minilm").tokenizer


def test_labels_mark_the_first_piece_of_a_span_b_and_the_rest_i(tokenizer) -> None:
    text = "Title line\nThe senator has said that taxes will rise."
    start = text.index("has said")
    [_, w] = windows(tokenizer, text, [(start, start + len("has said"))])
    tagged = [(text[s:e], lab) for (s, e), lab in zip(w.offsets, w.labels) if lab]
    assert tagged == [("has", 1), ("said", 2)]
    assert decode([w], [w.labels]) == [(start, start + len("has said"))]


def test_offsets_point_into_the_whole_text(tokenizer) -> None:
    text = "First paragraph.\n\nSecond one, after a blank line."
    ws = windows(tokenizer, text)
    assert len(ws) == 2  # blank lines give no window
    assert [text[s:e] for s, e in ws[1].offsets][:3] == ["Second", "one", ","]


def test_a_long_paragraph_is_cut_into_overlapping_windows_and_spans_count_once(tokenizer) -> None:
    text = " ".join(["word"] * 300) + " she said."
    ws = windows(tokenizer, text, [(text.index("said"), text.index("said") + 4)])
    assert len(ws) > 1 and all(len(w.ids) <= WINDOW for w in ws)
    assert ws[-1].offsets[-1][1] == len(text)
    tags = [w.labels for w in ws]
    assert decode(ws, tags) == [(text.index("said"), text.index("said") + 4)]


def test_decode_reads_b_then_i_runs_and_ignores_a_stray_i() -> None:
    w = Window(ids=[1, 2, 3, 4, 5], offsets=[(0, 2), (3, 5), (6, 8), (9, 11), (12, 14)], labels=[0] * 5)
    assert decode([w], [[2, 1, 2, 0, 1]]) == [(3, 8), (12, 14)]


def test_batch_rows_wrap_pieces_in_cls_and_sep() -> None:
    ws = [Window([7, 8], [(0, 1), (2, 3)], [1, 0]), Window([9], [(0, 1)], [2])]
    ids, mask, labels = batch_arrays(ws, 101, 102)
    assert ids.tolist() == [[101, 7, 8, 102], [101, 9, 102, 0]]
    assert mask.tolist() == [[1, 1, 1, 1], [1, 1, 1, 0]]
    assert labels.tolist() == [[-100, 1, 0, -100], [-100, 2, -100, -100]]
