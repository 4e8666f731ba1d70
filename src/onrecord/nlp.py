"""The spaCy pipeline (loaded once, through the model registry) and the parsed :class:`Document`.

An article is parsed once: one spaCy ``Doc`` for the headline, one for the body.
Analyzers read the :class:`Document` and never parse again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from .article import Article

# The small English model tags a bare surname of some public figures as ORG or GPE
# ("Trump" most of all). A component after `ner` relabels the bare names (a ruler ahead
# of `ner` would stop the model from finding "Donald Trump" as one name).
PERSON_PATTERNS = ["Trump", "Putin", "Biden", "Obama", "Clinton", "Zelensky", "Zelenskyy", "Xi", "Merkel", "Macron"]

_WORD = re.compile(r"\w")
# Abbreviated ranks and titles the model's tokenizer splits from their full stop, which then ends the sentence ("…
# swapped for Army Sgt." | "Bowe Bergdahl has attempted to return to terrorism" read as a sentence of its own).
RANK_ABBREVIATIONS = ("Sgt", "Lt", "Col", "Capt", "Cpl", "Pvt", "Maj", "Insp", "Det", "Supt", "Cmdr", "Brig", "Atty")


# Capitalised words the tokenizer's exceptions split as contractions without their apostrophe: "Jony Ive, saying …"
# became "I" + "ve", an author's "I" (session 38's second audit); "Wed" (Wednesday) became "We" + "d".
UNSPLIT_WORDS = ("Ive", "Wed")


def build_pipeline(model_dir: Path) -> "Language":
    """Build onrecord's pipeline from the (checksum-verified) model directory."""
    import spacy
    from spacy.attrs import SENT_START
    from spacy.language import Language
    from spacy.tokens import Span as SpacySpan
    from spacy.util import filter_spans

    if "onrecord_newline_sents" not in Language.factories:
        @Language.component("onrecord_newline_sents")
        def newline_sents(doc: "Doc") -> "Doc":
            # A line break ends a sentence: headings, list items and paragraphs never run together. Set in one
            # array: a token's is_sent_start setter scans the whole Doc each time (100,000 lines took minutes).
            starts = [tok.i + 1 for tok in doc[:-1] if "\n" in tok.text or "\n" in tok.whitespace_]
            if starts:
                values = doc.to_array([SENT_START])
                values[starts] = 1
                doc.from_array([SENT_START], values)
            return doc

        @Language.component("onrecord_person_names")
        def person_names(doc: "Doc") -> "Doc":
            # After `ner`: a bare known surname is a PERSON, whatever label (or none) it got;
            # "Donald Trump" and "Trump Tower" keep what the model found.
            found = list(doc.ents)
            ents = _apostrophe_surnames(doc, found) if APOSTROPHE_SURNAMES else found
            fixed = []
            for tok in doc:
                if tok.text in _PERSON_SET and not (tok.i > 0 and doc[tok.i - 1].is_title and doc[tok.i - 1].ent_type_ == "PERSON"):
                    if not tok.ent_type_ or (tok.ent_iob_ == "B" and _single(doc, tok)):
                        fixed.append(SpacySpan(doc, tok.i, tok.i + 1, label="PERSON"))
            if fixed:
                keep = [e for e in ents if not any(f.start < e.end and e.start < f.end for f in fixed)]
                ents = keep + fixed
            if ents is not found:  # most documents: nothing to set
                doc.ents = filter_spans(ents)
            return doc

    nlp = spacy.load(model_dir, exclude=["senter"])
    for title in RANK_ABBREVIATIONS:  # one token, as the model already has "Gen." and "Dr.": no sentence ends there
        for form in (title, title.upper()):
            nlp.tokenizer.add_special_case(f"{form}.", [{"ORTH": f"{form}."}])
    for word in UNSPLIT_WORDS:  # a name or an abbreviation, not "I've" / "we'd" typed without the apostrophe
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])
    nlp.add_pipe("onrecord_newline_sents", before="parser")
    nlp.add_pipe("onrecord_person_names", after="ner")
    nlp.max_length = 2_000_000
    return nlp


_PERSON_SET = frozenset(PERSON_PATTERNS)

# Whether a surname written with a curly apostrophe ("O’Neal", "O’Malley", "D’Souza") belongs to the PERSON before it
# and is that person wherever it stands alone. The model knows "O'Neal" but not "O’Neal": it tagged "Father John
# Micheal O’Neal" as the person "John Micheal" and a sentence-opening "O’Neal has reportedly said" as an adverb, so the
# priest's words went to an unnamed source (session 39's audit).
APOSTROPHE_SURNAMES = True
_APOSTROPHE_NAME = re.compile(r"[A-Z]’[A-Z][a-z]+")


def _apostrophe_surnames(doc: "Doc", ents: list) -> list:
    """``ents`` with each PERSON followed at once by an apostrophe surname grown over it, and every other token of
    such a surname made a PERSON of its own (:data:`APOSTROPHE_SURNAMES`); ``ents`` itself when the text holds no
    such surname."""
    from spacy.tokens import Span as SpacySpan

    if "’" not in doc.text or not _APOSTROPHE_NAME.search(doc.text):
        return ents
    out, surnames = [], set()
    for e in ents:
        nxt = doc[e.end] if e.end < len(doc) else None
        if (e.label_ == "PERSON" and nxt is not None and doc[e.end - 1].whitespace_ == " "
                and _APOSTROPHE_NAME.fullmatch(nxt.text) and not nxt.ent_type_):
            e = SpacySpan(doc, e.start, e.end + 1, label="PERSON")
        if e.label_ == "PERSON" and _APOSTROPHE_NAME.fullmatch(doc[e.end - 1].text):
            surnames.add(doc[e.end - 1].text)
        out.append(e)
    taken = {i for e in out for i in range(e.start, e.end)}
    out += [SpacySpan(doc, t.i, t.i + 1, label="PERSON") for t in doc if t.text in surnames and t.i not in taken]
    return out


def _single(doc: "Doc", tok: "object") -> bool:
    """True when ``tok`` is a one-token entity."""
    i = tok.i  # type: ignore[attr-defined]
    return i + 1 >= len(doc) or doc[i + 1].ent_iob_ != "I"


def get_nlp() -> "Language":
    from . import models

    return models.load("spacy")


@dataclass
class Sentence:
    """A body sentence: offsets into the body and its spaCy span."""

    index: int
    start: int
    end: int
    text: str
    span: "Span"


@dataclass
class Document:
    """One parsed article: what every analyzer reads."""

    article: "Article"
    headline: "Doc"
    body: "Doc"
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def headline_text(self) -> str:
        return self.article.headline

    @property
    def body_text(self) -> str:
        return self.article.body

    def sentence_of(self, char: int) -> int | None:
        """Index of the sentence holding body offset ``char``."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if char < s.start:
                hi = mid - 1
            elif char >= s.end:
                lo = mid + 1
            else:
                return mid
        return None


def _sentences(body: "Doc") -> list[Sentence]:
    out: list[Sentence] = []
    text = body.text
    for span in body.sents:
        start, end = span.start_char, span.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end or not _WORD.search(text[start:end]):
            continue  # list bullets, stray punctuation
        trimmed = body.char_span(start, end, alignment_mode="expand") or span
        out.append(Sentence(len(out), start, end, text[start:end], trimmed))
    return out


def make_document(article: "Article", headline: "Doc", body: "Doc") -> Document:
    return Document(article, headline, body, _sentences(body))


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


def truecase_headline(headline: str, body: str) -> str:
    """Undo Title Case so the parser reads a headline like a sentence.

    "Putin Confident Trump Can Navigate Ukraine Crisis" → "Putin confident Trump can navigate Ukraine crisis".
    A word keeps its capital when the body writes it capitalized mid-sentence (so names stay names)
    and loses it when the body writes it in lower case or not at all (unless it is the first word).
    The result has the same length as the input, so offsets carry over unchanged.
    """
    words = _TOKEN.findall(headline)
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.6 * len(words):
        return headline
    lower_in_body = set(re.findall(r"(?<![.!?]\s)(?<!^)\b([a-z][a-z'’-]*)\b", body[:20000]))
    upper_in_body = set(re.findall(r"(?<=[a-z,;:] )([A-Z][A-Za-z'’-]*)", body[:20000]))
    out = list(headline)
    first = True
    for m in _TOKEN.finditer(headline):
        w = m.group(0)
        if first:
            first = False
            continue
        if w.isupper() and len(w) > 1:
            continue  # acronyms: US, NATO
        if w in upper_in_body and w.lower() not in lower_in_body:
            continue
        if w.lower() in lower_in_body or w not in upper_in_body:
            low = w.lower()
            if len(low) == len(w):
                out[m.start():m.end()] = low
    result = "".join(out)
    return result if len(result) == len(headline) else headline


def parse(article: "Article", body: "Doc | None" = None) -> Document:
    """The article's Document; ``body``: its body already parsed by :func:`get_nlp` (then only the headline is)."""
    nlp = get_nlp()
    return make_document(article, nlp(truecase_headline(article.headline, article.body)),
                         parse_body(article.body) if body is None else body)


# A body longer than PARSE_WHOLE_CHARS is parsed in pieces of at most PARSE_PIECE_CHARS characters, cut at line
# breaks, and the pieces' Docs joined: spaCy's tok2vec holds about 15 KB a token while it runs over one Doc, so a body at
# the 1,000,000-character limit peaked at about 3 GB (session 59; BENCHMARKS.md, "Long, dense and hostile inputs").
# Shorter bodies (all but the longest articles) are parsed whole, exactly as before.
PARSE_WHOLE_CHARS = 100_000
PARSE_PIECE_CHARS = 20_000


def parse_body(text: str) -> "Doc":
    """``text`` parsed by :func:`get_nlp`; one over :data:`PARSE_WHOLE_CHARS` in pieces cut at line breaks
    (:data:`PARSE_PIECE_CHARS`), joined into one Doc with the same text."""
    nlp = get_nlp()
    if len(text) <= PARSE_WHOLE_CHARS:
        return nlp(text)
    from spacy.tokens import Doc

    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + PARSE_PIECE_CHARS)
        if end < len(text):  # at the last line break, else the last space, else where it must be
            cut = max(text.rfind("\n", start + 1, end), 0) or max(text.rfind(" ", start + 1, end), 0)
            end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    doc = Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)
    if doc.text != text:  # pragma: no cover - from_docs keeps every token's text and whitespace
        raise RuntimeError("parsing a long body in pieces changed its text")
    return doc


def parse_many(articles: Iterable["Article"], batch_size: int = 16) -> Iterator[Document]:
    """Parse articles in batches (spaCy's ``pipe``), yielding Documents in input order."""
    nlp = get_nlp()
    buf: list["Article"] = []

    def flush() -> Iterator[Document]:
        short = [a for a in buf if len(a.body) <= PARSE_WHOLE_CHARS]  # a long body: parse_body, on its own
        texts = [t for a in short for t in (truecase_headline(a.headline, a.body), a.body)]
        parsed = iter(nlp.pipe(texts, batch_size=batch_size * 2))
        for a in buf:
            if len(a.body) <= PARSE_WHOLE_CHARS:
                headline, body = next(parsed), next(parsed)
            else:
                headline, body = nlp(truecase_headline(a.headline, a.body)), parse_body(a.body)
            yield make_document(a, headline, body)
        buf.clear()

    for a in articles:
        buf.append(a)
        if len(buf) >= batch_size:
            yield from flush()
    if buf:
        yield from flush()
