"""Reader for the Szeged Uncertainty Corpus XML (and BioScope-style files of the same DTD).

A file holds ``<Document>`` elements, each with a ``<DocID>`` and ``<DocumentPart>`` elements of
``<Sentence>`` elements. Uncertainty cues are inline ``<ccue type="speculation_...">`` elements
(BioScope's ``<cue type="speculation">`` is read too; negation cues are ignored). A sentence is
uncertain iff it holds at least one cue.

Cue offsets are character offsets into the sentence text (the text of the sentence element with
its markup removed), so ``sentence.text[cue.start:cue.end] == cue.text``.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, TypeVar

from ..errors import InputError

# Substrings of a corpus cue type -> onrecord hedge type (report.HEDGE_TYPES).
_TYPE_KEYS = (
    ("doxastic", "doxastic"),
    ("condition", "condition"),
    ("investigation", "investigation"),
    ("possible", "possible"),
    ("dynamic", "possible"),
)
_CUE_TAGS = ("ccue", "cue")


@dataclass(frozen=True)
class Cue:
    """One uncertainty cue: its text, offsets into the sentence text and hedge type."""

    text: str
    start: int
    end: int
    type: str


@dataclass
class CorpusSentence:
    """One annotated sentence, in file order."""

    file: str
    doc: str
    index: int  # position within the file
    id: str
    text: str
    cues: list[Cue] = field(default_factory=list)

    @property
    def uncertain(self) -> bool:
        return bool(self.cues)


def cue_type(corpus_type: str) -> str:
    """Map a corpus cue type (``speculation_hypo_doxastic _``) to a report hedge type."""
    low = corpus_type.lower()
    for key, kind in _TYPE_KEYS:
        if key in low:
            return kind
    return "epistemic"  # speculation_modal_probable_ and anything unforeseen


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _is_cue(el: ET.Element) -> bool:
    if _local(el.tag) not in _CUE_TAGS:
        return False
    kind = el.get("type", "").lower()
    return "negation" not in kind


def _flatten(el: ET.Element, parts: list[str], cues: list[Cue], pos: int) -> int:
    """Append ``el``'s text to ``parts`` (markup removed), recording cues; return the new offset."""
    if el.text:
        parts.append(el.text)
        pos += len(el.text)
    for child in el:
        start = pos
        pos = _flatten(child, parts, cues, pos)
        if _is_cue(child):
            text = "".join(parts)[start:pos]
            if text.strip():
                cues.append(Cue(text, start, pos, cue_type(child.get("type", ""))))
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def _sentence(el: ET.Element, file: str, doc: str, index: int) -> CorpusSentence:
    parts: list[str] = []
    cues: list[Cue] = []
    _flatten(el, parts, cues, 0)
    cues.sort(key=lambda c: (c.start, c.end))
    return CorpusSentence(file, doc, index, el.get("id", ""), "".join(parts), cues)


MAX_SENTENCE_CHARS = 100_000  # the corpora's longest sentence is a few thousand; spaCy refuses past 1,000,000


def read(path: Path) -> list[CorpusSentence]:
    """All sentences of one Szeged/BioScope XML file, in document order."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        raise InputError(f"{path}: not readable as Szeged uncertainty XML ({e})") from None
    out: list[CorpusSentence] = []
    try:
        for n, document in enumerate(el for el in root.iter() if _local(el.tag) == "document"):
            doc_id = next((d.text or "" for d in document if _local(d.tag) == "docid"), "") or f"doc{n}"
            for el in document.iter():
                if _local(el.tag) == "sentence":
                    out.append(_sentence(el, path.name, doc_id.strip(), len(out)))
                    if len(out[-1].text) > MAX_SENTENCE_CHARS:
                        raise InputError(f"{path}: sentence {len(out)} has {len(out[-1].text):,} characters; a "
                                         f"corpus sentence has at most {MAX_SENTENCE_CHARS:,}")
    except RecursionError:
        raise InputError(f"{path}: markup nested too deeply to be a corpus of sentences") from None
    if not out:
        raise InputError(f"{path}: no <Sentence> elements found (expected Szeged uncertainty XML)")
    return out


_T = TypeVar("_T", bound=CorpusSentence)
_COPY_SUFFIX = re.compile(r"_\d+$")


def doc_group(doc_id: str) -> str:
    """The group a document belongs to for splitting: the DocID without a trailing ``_<number>``.

    Wikipedia DocIDs are ``<article title>_<number>``; a few titles occur under several numbers,
    and grouping by title keeps one article's paragraphs on one side of the split.
    """
    return _COPY_SUFFIX.sub("", doc_id)


def in_dev(doc_id: str, fraction: float = 0.2, seed: int = 0) -> bool:
    """Deterministic, order-independent assignment of a document to the dev side."""
    digest = hashlib.sha256(f"{seed}:{doc_group(doc_id)}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def dev_split(docs: Iterable[_T], fraction: float = 0.2, seed: int = 0) -> tuple[list[_T], list[_T]]:
    """Split sentences (or anything with a ``doc`` DocID) into (train, dev) by document group."""
    train: list[_T] = []
    dev: list[_T] = []
    for s in docs:
        (dev if in_dev(s.doc, fraction, seed) else train).append(s)
    return train, dev

