"""Negated headlines: training pairs that teach a stance model what contradiction looks like.

FNC-1 holds few *disagree* pairs (1.7 % of the training split) and almost none where the headline and
the body differ by a negation, so a cross-encoder fine-tuned on it reads "X did not win" much like "X
won" (the robustness set's negation and denial pairs). Negating a headline flips its stance towards the
same body: a body that *agrees* with "X won" *disagrees* with "X did not win", and the reverse; a body that
only *discusses* whether X won also only discusses whether X did not. Every class is augmented, so
"not" in a headline is never a label cue by itself.

:func:`negate` works on the headline's spaCy parse (the pipeline every audit loads): it negates the
main clause's verb — "not" after its first auxiliary or copula ("is not", "will not"), "does / do / did
not" + lemma for a bare finite verb, "not" before a headline's bare participle ("Man not arrested") —
or removes an existing negation ("did not win" → "did win"). Headlines it cannot read (no verb at
the root, a question) give ``None``. Title-case headlines get title-case insertions, so the added words
do not stand out by their case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

AUXILIARIES = frozenset({"be", "have", "do", "will", "would", "can", "could", "may", "might", "must", "shall",
                         "should", "ought"})
_DO = {"VBD": "did", "VBZ": "does", "VBP": "do"}
_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}


def _title_case(doc: "Doc") -> bool:
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    return len(words) >= 2 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def _case(word: str, like: "Token", title: bool) -> str:
    if title or (like.i == 0 and like.text[:1].isupper()):
        return word[:1].upper() + word[1:]
    return word


def negate(doc: "Doc") -> str | None:
    """``doc`` (a parsed headline) with its main verb negated, or ``None`` where no main verb is found."""
    if not len(doc) or doc.text.rstrip().endswith("?"):
        return None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None
    words = [t.text_with_ws for t in doc]
    neg = [c for c in root.children if c.dep_ == "neg"]
    if neg:  # already negated: drop the negation ("did not win" -> "did win"; "can't" -> "can")
        for t in neg:
            words[t.i] = ""
            prev = doc[t.i - 1] if t.i else None
            if prev is not None and not prev.whitespace_:
                words[prev.i] = _CONTRACTED.get(prev.text.lower(), prev.text) + (t.whitespace_ or " ")
        return "".join(words).strip() or None
    title = _title_case(doc)
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i
             and c.lemma_.lower() in AUXILIARIES and c.tag_ != "TO"]
    # "not" after the first auxiliary ("will not"), else after a copula ("X is dead" -> "X is not dead")
    after = auxes[0] if auxes else root if root.lemma_.lower() == "be" or root.pos_ == "AUX" else None
    if after is not None:
        words[after.i] = after.text + " " + _case("not", after, title) + (after.whitespace_ or " ")
    elif root.tag_ in _DO:
        do = _case(_DO[root.tag_], root, title)
        lemma = root.lemma_ if not root.text[:1].isupper() else root.lemma_[:1].upper() + root.lemma_[1:]
        words[root.i] = f"{do} {_case('not', root, title)} {lemma}{root.whitespace_}"
    elif root.tag_ in ("VBN", "VBG"):  # headline ellipsis: "Man arrested" -> "Man not arrested"
        words[root.i] = f"{_case('not', root, title)} {root.text}{root.whitespace_}"
    else:
        return None
    return "".join(words).strip()


# Stance indices of onrecord.stance_features.RELATED_LABELS: agree, disagree, discuss.
FLIP = {0: 1, 1: 0, 2: 2}


def augment(heads: Sequence[str], passages: Sequence[str], y: np.ndarray, docs: Iterable["Doc"],
            share: float, seed: int) -> tuple[list[str], list[str], np.ndarray]:
    """``share`` of the pairs (a seeded draw, each pair at most once), each with its headline negated and its
    stance flipped (:data:`FLIP`); pairs whose headline :func:`negate` cannot read are skipped. ``docs`` are
    the parsed headlines, in order."""
    negated = [negate(d) for d in docs]
    rng = np.random.RandomState(seed)
    order = rng.permutation(len(heads))
    want = int(round(share * len(heads)))
    a: list[str] = []
    b: list[str] = []
    labels: list[int] = []
    for i in order:
        if len(a) >= want:
            break
        if negated[i] is None or negated[i] == heads[i]:
            continue
        a.append(negated[i])  # type: ignore[arg-type]
        b.append(passages[i])
        labels.append(FLIP[int(y[i])])
    return a, b, np.asarray(labels, dtype=y.dtype)
