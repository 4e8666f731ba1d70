"""Negated headlines for the stance cross-encoder's training (onrecord.training.negation)."""

from __future__ import annotations

import numpy as np
import pytest

from onrecord import models
from onrecord.training.negation import FLIP, augment, negate


@pytest.fixture(scope="module")
def nlp():
    return models.load("spacy")


@pytest.mark.parametrize("headline, expected", [
    ("Apple will release a new iPhone", "Apple will not release a new iPhone"),
    ("Kim Jong-un is dead", "Kim Jong-un is not dead"),
    ("ISIS beheads American journalist", "ISIS does not behead American journalist"),
    ("Obama has signed the bill", "Obama has not signed the bill"),
    ("Man arrested for stealing car", "Man not arrested for stealing car"),
    ("The mayor resigned on Friday", "The mayor did not resign on Friday"),
    # an existing negation is removed, contracted ones included
    ("Mayor didn't resign", "Mayor did resign"),
    ("He can't win", "He can win"),
    ("The senator did not vote for the bill", "The senator did vote for the bill"),
])
def test_negate_main_verb(nlp, headline: str, expected: str) -> None:
    assert negate(nlp(headline)) == expected


def test_negate_keeps_title_case(nlp) -> None:
    out = negate(nlp("Apple Will Release A New iPhone Next Month"))
    assert out == "Apple Will Not Release A New iPhone Next Month"


@pytest.mark.parametrize("headline", ["Is the Pope coming?", "A Murdered Witness?", "", "Axl Rose Dead? Fans Freak Out"])
def test_negate_gives_none_where_it_cannot_read(nlp, headline: str) -> None:
    assert negate(nlp(headline)) is None


def test_augment_flips_agree_and_disagree_keeps_discuss(nlp) -> None:
    heads = ["Apple will release a new iPhone", "Kim Jong-un is dead", "Man arrested for stealing car",
             "A Murdered Witness?"]
    passages = ["p0", "p1", "p2", "p3"]
    y = np.array([0, 1, 2, 0])
    a, b, labels = augment(heads, passages, y, nlp.pipe(heads), share=1.0, seed=0)
    assert len(a) == 3  # the question is skipped
    got = {p: (h, int(lab)) for h, p, lab in zip(a, b, labels)}
    assert got["p0"] == ("Apple will not release a new iPhone", 1)
    assert got["p1"] == ("Kim Jong-un is not dead", 0)
    assert got["p2"] == ("Man not arrested for stealing car", 2)
    assert FLIP == {0: 1, 1: 0, 2: 2}


def test_augment_share_and_seed(nlp) -> None:
    heads = [f"Company {i} will release a phone" for i in range(20)]
    y = np.zeros(20, dtype=np.int64)
    a1, b1, _ = augment(heads, [str(i) for i in range(20)], y, nlp.pipe(heads), share=0.25, seed=3)
    a2, b2, _ = augment(heads, [str(i) for i in range(20)], y, nlp.pipe(heads), share=0.25, seed=3)
    a3, b3, _ = augment(heads, [str(i) for i in range(20)], y, nlp.pipe(heads), share=0.25, seed=4)
    assert len(a1) == 5 and (a1, b1) == (a2, b2) and b1 != b3
