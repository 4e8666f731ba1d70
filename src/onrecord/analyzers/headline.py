"""Headline claim: who holds what attitude about whom.

"Putin Confident Trump Can Navigate Ukraine Crisis" →
holder "Vladimir Putin" (headline word "Putin"), attitude "confident",
target "Donald Trump" (headline word "Trump"), content "Trump Can Navigate Ukraine Crisis".

Headlines are written in headlinese: copulas and "that" are dropped, words are
Title Cased, and the small parser often misreads them. So the analyzer finds
the attitude word from a lexicon (speech verbs, belief verbs and adjectives),
then takes the holder from the dependency parse when the parse gives a subject
and otherwise from the noun phrase right before the attitude word. Four
headline shapes are recognised:

- ``HOLDER ATTITUDE [that] CONTENT``   ("Merkel warns Greece could leave the euro")
- ``HOLDER: CONTENT``                  ("Putin: Trump can fix relations", "Report: …")  → attitude "says"
- ``CONTENT, HOLDER says``             ("Greece will stay, Merkel says")
- ``CONTENT: CREDIT``                  ("Apple Watch could use platinum: Report", "… — Reuters") → attitude "says";
  only a credit word (:data:`CREDITS`) or a wire agency ends a headline so — a name after a colon is more
  often the content ("Gunman identified: John Smith")

Plain factual headlines ("Dam bursts in northern Italy") give all nulls.
Names resolve against the body's entities ("Putin" → "Vladimir Putin").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import names
from ..lexicon import BELIEF_ADJECTIVES, BELIEF_VERBS, CREDIT_WORDS, SPEECH_VERBS, WIRE_AGENCIES
from ..report import HeadlineClaim, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ..nlp import Document

_HOLDER_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_SKIP_AFTER = {"that", "about", ":", "of", "in", "on", "whether", ","}
CREDITS = CREDIT_WORDS | WIRE_AGENCIES
_CREDIT_MARKS = {":", "—", "–", "-", "|"}
_COPULA = {"is", "are", "was", "were", "be", "'s", "’s", "not", "n't", "still", "now", "very", "increasingly"}


def _attitude_word(tok: "Token") -> bool:
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if tok.pos_ in ("ADJ", "PROPN", "NOUN", "VERB", "AUX") and (low in BELIEF_ADJECTIVES or lemma in BELIEF_ADJECTIVES):
        return True
    if tok.pos_ in ("VERB", "PROPN", "NOUN", "AUX") and (lemma in SPEECH_VERBS or lemma in BELIEF_VERBS or
                                                          low.rstrip("s") in SPEECH_VERBS | BELIEF_VERBS):
        # a noun reading ("report", "fears") only counts with a holder right before it
        return True
    return False


def _is_adjective(tok: "Token") -> bool:
    return tok.lower_ in BELIEF_ADJECTIVES or tok.lemma_.lower() in BELIEF_ADJECTIVES


def _has_clause(tok: "Token", rest: "SpacySpan") -> bool:
    """A reported clause follows: "that"/":" right after the verb, a clausal complement,
    or a subject or modal in what follows ("warns Greece could leave", "say the dam will hold")."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in ("that", ":"):
        return True
    if any(c.dep_ == "ccomp" for c in tok.children):
        return True
    return any(t.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") or t.tag_ == "MD" for t in rest)


def _char_span(doc: "Document", start: int, end: int) -> Span:
    text = doc.headline_text
    while start < end and text[start] in " \t\"'“”‘’,:":
        start += 1
    while end > start and text[end - 1] in " \t\"'“”‘’,:.":
        end -= 1
    return Span(text[start:end], start, end)


def _holder_before(doc: "Document", tok: "Token") -> "SpacySpan | None":
    """The entity or noun phrase that ends right before ``tok`` (copulas allowed between)."""
    hd = doc.headline
    i = tok.i - 1
    while i >= 0 and hd[i].lower_ in _COPULA:
        i -= 1
    if i < 0:
        return None
    for ent in hd.ents:
        if ent.start <= i < ent.end and ent.label_ in _HOLDER_ENTS:
            return hd[ent.start:i + 1] if hd[i].tag_ != "POS" else hd[ent.start:i]
    for chunk in hd.noun_chunks:
        if chunk.start <= i < chunk.end:
            return hd[chunk.start:i + 1]
    if hd[i].pos_ in ("PROPN", "NOUN", "PRON"):
        j = i
        while j - 1 >= 0 and hd[j - 1].pos_ in ("PROPN", "NOUN") and hd[j - 1].tag_ != "POS":
            j -= 1
        return hd[j:i + 1]
    return None


def _subject(tok: "Token") -> "Token | None":
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _target(doc: "Document", start_tok: int, end_tok: int) -> "SpacySpan | None":
    """Who the content is about: the first named PERSON/ORG/GPE, else the first noun phrase."""
    hd = doc.headline
    for ent in hd.ents:
        if ent.start >= start_tok and ent.end <= end_tok and ent.label_ in _HOLDER_ENTS:
            return ent
    for chunk in hd.noun_chunks:
        if chunk.start >= start_tok and chunk.end <= end_tok:
            return chunk
    return None


def _claim(doc: "Document", holder: "SpacySpan", attitude: str, attitude_span: Span | None,
           content_start: int, content_end: int) -> HeadlineClaim:
    hd = doc.headline
    content_start_char = hd[content_start].idx if content_start < len(hd) else len(doc.headline_text)
    content_end_char = hd[content_end - 1].idx + len(hd[content_end - 1]) if content_end > content_start else content_start_char
    content = _char_span(doc, content_start_char, content_end_char) if content_end > content_start else None
    holder_span = _char_span(doc, holder.start_char, holder.end_char)
    tgt = _target(doc, content_start, content_end)
    target_span = _char_span(doc, tgt.start_char, tgt.end_char) if tgt is not None else None
    return HeadlineClaim(
        holder=names.resolve(doc, holder_span.text) or holder_span.text,
        attitude=attitude,
        target=(names.resolve(doc, target_span.text) or target_span.text) if target_span else None,
        content=content.text if content else None,
        holder_span=holder_span,
        attitude_span=attitude_span,
        target_span=target_span,
        content_span=content,
    )


def analyze(doc: "Document") -> HeadlineClaim:
    hd = doc.headline
    if len(hd) < 3:
        return HeadlineClaim()

    # Shape 1: HOLDER ATTITUDE [that] CONTENT
    for tok in hd:
        if tok.i == 0 or not _attitude_word(tok):
            continue
        holder: SpacySpan | None = None
        subj = _subject(tok)
        if subj is not None and subj.i < tok.i:
            holder = hd[subj.left_edge.i:subj.i + 1]
        if holder is None or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in holder):
            holder = _holder_before(doc, tok)
        if holder is None:
            continue
        k = tok.i + 1
        while k < len(hd) and hd[k].lower_ in _SKIP_AFTER:
            k += 1
        rest = hd[k:]
        if len(rest) == 0 or not (_is_adjective(tok) or _has_clause(tok, rest)):
            continue  # "Police call off search", "Police report three arrests": no reported claim
        neg = "not " if any(c.dep_ == "neg" for c in tok.children) or (tok.i > 0 and hd[tok.i - 1].lower_ in ("not", "n't")) else ""
        lemma = tok.lower_ if _is_adjective(tok) else tok.lemma_.lower()
        att_span = _char_span(doc, tok.idx, tok.idx + len(tok))
        return _claim(doc, holder, neg + lemma, att_span, k, _content_end(hd, k))

    # Shape 2: HOLDER: CONTENT
    for tok in hd[:6]:
        if tok.text == ":" and tok.i > 0:
            holder = _holder_before(doc, tok)
            if holder is not None and holder.start == 0 and (any(
                    t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN" for t in holder)
                    or (len(holder) <= 3 and holder[-1].lower_ in CREDITS)):  # "Report: …", "Police: …"
                return _claim(doc, holder, "says", None, tok.i + 1, len(hd))

    # Shape 3: CONTENT, HOLDER says
    for tok in reversed(hd):
        if tok.i > 2 and _attitude_word(tok) and hd[tok.i - 1].i > 0:
            holder = _holder_before(doc, tok)
            if holder is not None and holder.start > 0 and hd[holder.start - 1].text in (",", "—", "-", "–"):
                end = holder.start - 1
                att_span = _char_span(doc, tok.idx, tok.idx + len(tok))
                return _claim(doc, holder, tok.lemma_.lower(), att_span, 0, end)
            break

    # Shape 4: CONTENT: CREDIT
    mark = next((t for t in reversed(hd) if t.text in _CREDIT_MARKS), None)
    if mark is not None and mark.i > 2 and (mark.text == ":" or (hd[mark.i - 1].whitespace_ and mark.whitespace_)):
        tail = hd[mark.i + 1:]
        words = [t for t in tail if not t.is_punct]
        # the credit word itself may be read as a verb ("…: Report"); the words before it must be nominal
        if 0 < len(words) <= 3 and words[-1].lower_ in CREDITS and all(
                t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM") for t in words[:-1]):
            return _claim(doc, hd[words[0].i:words[-1].i + 1], "says", None, 0, mark.i)
    return HeadlineClaim()


def _content_end(hd: "object", start: int) -> int:
    """Content runs to the end of the headline, or to a trailing ", X says"."""
    n = len(hd)  # type: ignore[arg-type]
    for i in range(start, n):
        if hd[i].text in (",", "—", "–") and i + 1 < n and any(_attitude_word(t) for t in hd[i + 1:]):  # type: ignore[index]
            return i
    return n
