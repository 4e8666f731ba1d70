"""Entities: who and what the article names, with mention counts.

spaCy's NER over the body (plus the entity ruler in :mod:`onrecord.nlp` that fixes
the small model's bare "Trump" → ORG error). Mentions of one name are merged
under its fullest form: "Putin", "Putin's" and "Vladimir Putin" count as three
mentions of "Vladimir Putin".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import names
from ..report import Entity

if TYPE_CHECKING:  # pragma: no cover
    from ..nlp import Document

LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
_POSSESSIVE = re.compile(r"\s*['’]s?$")
# A link the small NER swallowed into a name ("Alan Henning http://t.co/GOgalAc1mA"): the name ends before it.
_LINK = re.compile(r"\s*(?:https?://|pic\.twitter\.com/|t\.co/|www\.)")


def analyze(doc: "Document") -> list[Entity]:
    """One entity per (name, label), mentions merged under the fullest name.

    A name the model tags as a person anywhere in the article is a person everywhere in it: the small model
    often tags a bare surname ("Varga said …") as ORG or GPE while tagging "Prime Minister Elena Varga" a
    person, which would split one actor into three entities."""
    mentions: list[tuple[str, str, int, int]] = []
    for ent in doc.body.ents:
        if ent.label_ not in LABELS or names.reads_as_clause(ent) or names.is_portfolio(ent):
            continue
        link = _LINK.search(ent.text)
        end = ent.start_char + link.start() if link else ent.end_char
        text = _POSSESSIVE.sub("", ent.text[:end - ent.start_char]).strip()
        if not text or not any(c.isalpha() for c in text):
            continue
        name = (names.resolve(doc, text) if ent.label_ in names.NAME_LABELS else None) or text
        mentions.append((name, ent.label_, ent.start_char, end))
    people = {name.lower() for name, label, _, _ in mentions if label == "PERSON"}
    groups: dict[tuple[str, str], Entity] = {}
    for name, label, start, end in mentions:
        if label in names.NAME_LABELS and name.lower() in people:
            label = "PERSON"
        key = (name.lower(), label)
        e = groups.get(key)
        if e is None:
            e = groups[key] = Entity(name=name, label=label, mentions=0)
        e.mentions += 1
        e.spans.append([start, end])
    return sorted(groups.values(), key=lambda e: (-e.mentions, e.name))
