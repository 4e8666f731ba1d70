"""Whether an article reads as English: every model and rule in onrecord is English-only.

An article in another language is still audited (nothing refuses it), but its findings are noise: a French body's
"Aucune mention de …" became an attribution with the source "Aucune" (session 59's report audit). The report says so
in its ``warnings``.

The test is the share of the body's words that are English function words (spaCy's English stop words: "the", "of",
"that" …). Measured with ``python benchmarks/eval_language.py --shared ../shared`` over the texts of :data:`MIN_WORDS`
words or more: FNC-1's train bodies (1,625; median 0.465, the lowest English one 0.267), PolNeAR's articles (922;
lowest 0.261) and the Szeged corpus's Wikipedia documents (3,962; lowest 0.129, list-like stubs) are English; FNC-1's
two French bodies read 0.007 and 0.023, and hand-written French, Spanish and German news 0.025-0.067
(``tests/test_language.py``). :data:`MIN_SHARE` lies between.
"""

from __future__ import annotations

import re

MIN_WORDS = 30  # fewer words than this tell too little either way (a one-line body of names): no warning
MIN_SHARE = 0.10  # English text of MIN_WORDS words or more reads 0.13 or more; French, Spanish, German 0.07 or less

_WORDS = re.compile(r"[^\W\d_]+")


def english_share(text: str) -> tuple[float, int]:
    """The share of ``text``'s words that are English function words, and the number of words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = _WORDS.findall(text.lower())
    if not words:
        return 0.0, 0
    return sum(w in STOP_WORDS for w in words) / len(words), len(words)


def warning(body: str) -> str | None:
    """A one-line warning for the report when the article's body does not read as English, else None (the
    headline is left out: FNC-1 puts English headlines over French bodies)."""
    share, n = english_share(body)
    if n < MIN_WORDS or share >= MIN_SHARE:
        return None
    return (f"the article does not read as English (only {share:.0%} of its words are common English words); "
            "onrecord's analyzers read English only, so these findings are unreliable")
