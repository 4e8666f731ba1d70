"""The word-piece tagger's windows, labels and decoding (no trained model needed)."""

from __future__ import annotations

import pytest

from onrecord import models
from onrecord.token_tagger import (ROLE_WINDOW, WINDOW, RoleWindow, Window, batch_arrays, decode, decode_roles,
                                   role_arrays, role_window, windows)


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


# --------------------------------------------------------------------------- the role tagger's windows


def _at(text: str, phrase: str) -> tuple[int, int]:
    return text.index(phrase), text.index(phrase) + len(phrase)


def test_a_role_window_is_the_cue_paragraph_with_the_cue_marked_and_roles_labelled(tokenizer) -> None:
    text = "Headline here\nThe senator has said that taxes will rise.\nAnother paragraph."
    cue, src, con = _at(text, "has said"), _at(text, "The senator"), _at(text, "that taxes will rise")
    w = role_window(tokenizer, text, [cue], [src], [con])
    pieces = [text[s:e] for s, e in w.offsets]
    assert pieces[0] == "The" and pieces[-1] == "."  # this paragraph only
    assert [p for p, t in zip(pieces, w.types) if t] == ["has", "said"]
    assert [(p, lab) for p, lab in zip(pieces, w.labels) if lab] == [
        ("The", 1), ("senator", 2), ("that", 3), ("taxes", 4), ("will", 4), ("rise", 4)]
    assert decode_roles(w, w.labels) == ([src], [con])  # the gold labels read back as the gold spans


def test_a_colon_line_runs_on_into_the_next_paragraph_where_its_quotation_is(tokenizer) -> None:
    text = "Cruz said:\n\n“The questions were a disgrace.”\nLater text."
    w = role_window(tokenizer, text, [_at(text, "said")])
    assert text[w.offsets[-1][0]:w.offsets[-1][1]] == "”"
    assert "Later" not in [text[s:e] for s, e in w.offsets]


def test_a_long_paragraph_is_cut_around_the_cue(tokenizer) -> None:
    text = " ".join(["word"] * 400) + " she said of it " + " ".join(["more"] * 400)
    w = role_window(tokenizer, text, [_at(text, "said")])
    assert len(w.ids) == ROLE_WINDOW
    k = w.types.index(1)
    assert ROLE_WINDOW // 3 - 1 <= k <= ROLE_WINDOW // 3 + 1  # a third of the window before the cue


def test_decode_roles_skips_the_cue_and_reads_a_stray_i_as_a_start() -> None:
    w = RoleWindow(ids=[1] * 6, offsets=[(0, 2), (3, 5), (6, 8), (9, 11), (12, 14), (15, 17)],
                   types=[0, 0, 1, 0, 0, 0], labels=[0] * 6)
    # source B I, then the cue (tagged as content, ignored), then content I (stray) I, then source I (stray)
    assert decode_roles(w, [1, 2, 3, 4, 4, 2]) == ([(0, 5), (15, 17)], [(9, 14)])


def test_role_rows_mark_the_cue_as_the_second_segment() -> None:
    ws = [RoleWindow([7, 8], [(0, 1), (2, 3)], [0, 1], [1, 0]), RoleWindow([9], [(0, 1)], [1], [3])]
    ids, types, mask, labels = role_arrays(ws, 101, 102)
    assert ids.tolist() == [[101, 7, 8, 102], [101, 9, 102, 0]]
    assert types.tolist() == [[0, 0, 1, 0], [0, 1, 0, 0]]
    assert mask.tolist() == [[1, 1, 1, 1], [1, 1, 1, 0]]
    assert labels.tolist() == [[-100, 1, 0, -100], [-100, 3, -100, -100]]


def test_jittered_cue_extents_move_by_a_word_and_never_over_a_role(tokenizer) -> None:
    import numpy as np

    from onrecord.training.role_tagger import jittered

    text = "The judge then has said the case was closed."
    cue, src, con = _at(text, "has said"), _at(text, "The judge"), _at(text, "the case was closed")
    w = role_window(tokenizer, text, [cue], [src], [con])
    seen = set()
    rng = np.random.RandomState(0)
    for _ in range(200):
        j = jittered(w, rng, 0.6)
        assert j.labels == w.labels and j.ids == w.ids
        seen.add(" ".join(text[s:e] for (s, e), t in zip(j.offsets, j.types) if t))
    # gold, one word more before, one word fewer at either end; never a word of the content after it
    assert seen == {"has said", "then has said", "said", "has"}
    assert jittered(w, rng, 0.0) is w


def test_a_longer_schedule_keeps_its_tensors_under_its_own_name() -> None:
    from onrecord.training import cue_tagger, role_tagger

    shipped = cue_tagger.cache_name("role-tagger", 1, 6, role_tagger.EPOCHS, role_tagger.EPOCHS)
    longer = cue_tagger.cache_name("role-tagger", 0, 6, role_tagger.EPOCHS + 1, role_tagger.EPOCHS)
    assert shipped == "role-tagger-seed1-layers6.npz"  # the name earlier runs left (BENCHMARKS' commands read it)
    assert longer == f"role-tagger-seed0-layers6-epochs{role_tagger.EPOCHS + 1}.npz"


@pytest.mark.parametrize("where", [0.02, 0.5, 0.98])  # the cue near the paragraph's start, middle and end
def test_a_paragraph_far_longer_than_a_window_is_encoded_only_around_the_cue_with_the_same_window(
        tokenizer, monkeypatch, where: float) -> None:
    from onrecord import token_tagger

    words = [f"word{i % 97} said-{i}, and more." for i in range(3000)]  # ~100 KB in one paragraph
    text = " ".join(words)
    at = text.index(words[int(len(words) * where)])
    cue = (at, at + 6)
    cut = role_window(tokenizer, text, [cue])
    monkeypatch.setattr(token_tagger, "ROLE_REACH", len(text))  # encode the whole paragraph, as before the cut
    whole = role_window(tokenizer, text, [cue])
    assert len(cut.ids) == ROLE_WINDOW and cut == whole
