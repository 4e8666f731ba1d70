"""One name for each person or organisation across a corpus ("Obama" and "Barack Obama", "the Pentagon" and "Pentagon").

A report resolves names inside its own article ("Putin" → "Vladimir Putin"), but a corpus sees the same actor written
many ways across articles, and a network keyed by the written names splits one actor into several nodes. An
:class:`Identities` index, built from every stored report, gives each name an **entity**: the name the corpus writes
most often for it.

- Two names are one entity when they are written the same up to case, full stops, a leading "the" and a possessive
  ("The New York Times" / "the New York Times", "U.S." / "US", "ISIS" / "Isis").
- Person names join when one is the other with words before it that the entity recognizer took in ("Screenwriter
  Aaron Sorkin", "Piper Jaffray’s Gene Munster") or with a middle name ("James Foley", "James Wright Foley"; only
  when no other middle name competes).
- A bare surname is the full name it ends ("Obama" → "Barack Obama") when the corpus's full names ending in it are one
  person, or one of them has at least :data:`DOMINANT_SHARE` of their mentions, and that one opens with a first
  name (the registry's first-name table, or a word that opens two of the corpus's full names): the entity recognizer
  also tags "Batman V. Superman" and "West Yorkshire" as people. A closing "Jr." or "Sr." is not the surname. A word the corpus writes as a first name is no
  surname ("John" is not "Jihadi John"): one that opens at least a quarter as many mentions of full names as it ends
  ("Trump" opens "Trump Tower" but ends "Donald Trump" a hundred times as often: a surname).
- A group is written under its most frequent name of more than one word (the shorter of two as frequent).
- Pronouns the report could not resolve, the author ("I", "we"), unnamed sources ("officials"), descriptions ("the
  company") and records ("the report") name no one beyond their sentence: they get no entity.

Nothing is learned here: the index is a function of the reports and the first-name table, so the same store always
gives the same entities, whatever order the articles were added in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

# Entity labels that name someone or something a network can have as a node (NORP, "Iraqi", is a target only).
NAMED_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_SOURCE_LABELS = {"named_person": "PERSON", "named_org": "ORG"}
_POSSESSIVE = re.compile(r"['’]s$")
_THE = re.compile(r"^the\s+", re.I)
_SPACE = re.compile(r"\s+")
# A bare surname stands for the full name that has at least this share of the mentions of all the corpus's full names
# ending in it ("Obama": "Barack Obama" far more often than "Michelle Obama").
DOMINANT_SHARE = 0.75
# Whether a word counts as a first name only when the corpus's full names open with it in at least FIRST_SHARE as many
# mentions as they end with it (session 59: "Trump", "Obama", "Cruz" stayed apart from "Donald Trump" … because the
# entity recognizer also tags "Trump Tower", "Obama White House", "Cruz control" as people).
FIRST_BY_MENTIONS = True
FIRST_SHARE = 0.25
# A pronoun is no one's name, even where the entity recognizer tagged one ("They" as an ORG).
_PRONOUNS = frozenset("i me we us you he him she her it they them this that these those who one".split())


def name_key(name: str) -> str:
    """The form two spellings of one name share: case, full stops, a leading "the" and a possessive dropped."""
    text = _THE.sub("", _SPACE.sub(" ", name.strip()))
    text = _POSSESSIVE.sub("", text).replace(".", "").replace("’", "'")
    return text.casefold().strip()


_GENERATION = frozenset({"jr", "sr"})  # not "II": a regnal number tells two kings apart


def _name_words(key: str) -> tuple[str, ...]:
    """A name key's words without a closing "Jr." or "Sr.", so that "John G. Roberts Jr." ends in "Roberts"."""
    words = tuple(key.replace(",", " ").split())
    return words[:-1] if len(words) > 2 and words[-1] in _GENERATION else words


class Identities:
    """Entities for the names of a corpus (see the module's docstring); build with :meth:`from_reports`."""

    def __init__(self, names: Mapping[str, Counter], labels: Mapping[str, Counter], named: Iterable[str] = (),
                 first_names: Iterable[str] = ()):
        # names: key → Counter of written forms; labels: key → Counter of entity labels; named: keys some report
        # calls a named source (kept however they are written: "al-Shabab", "iGen")
        named = frozenset(named)
        self._first_names = frozenset(first_names)
        self._forms = {k: forms for k, forms in names.items() if k in named or _written_as_name(forms)}
        self._label = {k: labels[k].most_common(1)[0][0] for k in self._forms if labels.get(k)}
        self._group = _Groups(self._forms)
        self._fold_persons()
        members: dict[str, list[str]] = defaultdict(list)
        for k in self._forms:
            members[self._group.find(k)].append(k)
        self._display = {}
        for root, keys in members.items():
            forms: Counter = Counter()
            for k in keys:
                for form, n in self._forms[k].items():
                    forms[form.removeprefix("the ")] += n  # "the" mid-sentence is the article, not the name's
            best = max(forms.items(), key=lambda kv: (_capitalised(kv[0]), len(_THE.sub("", kv[0]).split()) > 1, kv[1], -len(kv[0]), kv[0]))[0]
            for k in keys:
                self._display[k] = best

    @classmethod
    def from_reports(cls, reports: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
                     first_names: Iterable[str] | None = None) -> "Identities":
        """The index of every name the reports' entities and named sources write ((metadata, report) pairs, as
        :meth:`onrecord.corpus.store.Store.reports` yields them). ``first_names`` (lower case) are words known to
        open a personal name; by default the first-name table of the model registry (``genders``)."""
        if first_names is None:
            first_names = known_first_names()
        names: dict[str, Counter] = defaultdict(Counter)
        labels: dict[str, Counter] = defaultdict(Counter)
        named: set[str] = set()

        def add(name: str | None, label: str, source: bool = False) -> None:
            key = name_key(name or "")
            if key and any(c.isalpha() for c in key) and not _is_pronoun(name or ""):
                names[key][name.strip()] += 1  # type: ignore[union-attr]
                labels[key][label] += 1
                if source:
                    named.add(key)

        for _, report in reports:
            for e in report.get("entities", []):
                if e.get("label") in NAMED_LABELS:
                    add(e.get("name"), e["label"])
            for a in report.get("attributions", []):
                source = a.get("source") or {}
                label = _SOURCE_LABELS.get(source.get("kind", ""))
                if label:
                    for name in (source.get("resolved") or source.get("text"), *source.get("others", [])):
                        add(name, label, source=True)
        return cls(names, labels, named, first_names)

    def _fold_persons(self) -> None:
        """Join the person names that are one person (see the module's docstring)."""
        persons = {k: _name_words(k) for k, lab in self._label.items() if lab == "PERSON"}
        multi = {k: w for k, w in persons.items() if len(w) > 1}
        same: dict[tuple[str, ...], str] = {}
        for k, words in sorted(multi.items()):  # "james b comey jr" is "james b comey"
            self._group.union(k, same.setdefault(words, k))
        for k, words in multi.items():
            # "screenwriter aaron sorkin" is "aaron sorkin": a longer name ending in a known full name
            for n in range(len(words) - 1, 1, -1):
                tail = " ".join(words[-n:])
                if tail in multi:
                    self._group.union(k, tail)
                    break
        ends: dict[tuple[str, str], list[str]] = defaultdict(list)  # (first word, last word) → names
        for k, words in multi.items():
            ends[(words[0], words[-1])].append(k)
        # "james foley" is "james wright foley", when no other middle name competes; longest names first, so that the
        # result does not depend on the order the names came in
        for k, words in sorted(multi.items(), key=lambda kw: (-len(kw[1]), kw[0])):
            longer = [u for u in ends[(words[0], words[-1])] if len(multi[u]) > len(words)]
            if len({self._group.find(u) for u in longer}) == 1:
                self._group.union(k, longer[0])
        mentions = {k: sum(f.values()) for k, f in self._forms.items()}
        # a word that opens full names is a first name when it opens at least FIRST_SHARE as many of their mentions as
        # it ends: "john" (459 first, 6 last: "Jihadi John"), "thomas" (33 first, 78 last: "Dylan Thomas" beside a
        # homeless man called Thomas); "trump" opens "Trump Tower" and "Trump wants" (16) but ends "Donald Trump"
        # (1,946): a surname (session 59; FIRST_BY_MENTIONS)
        first_mentions, last_mentions = Counter(), Counter()
        for k, words in multi.items():
            first_mentions[words[0]] += mentions[k]
            last_mentions[words[-1]] += mentions[k]
        first_words = Counter(w[0] for w in multi.values() if not FIRST_BY_MENTIONS
                              or first_mentions[w[0]] >= FIRST_SHARE * last_mentions[w[0]])
        opens = self._first_names | {w for w, n in first_words.items() if n > 1}
        people = {self._group.find(k) for k, words in multi.items() if words[0] in opens}  # groups with a first name
        by_last: dict[str, list[str]] = defaultdict(list)
        for k, words in multi.items():
            if _personal_name(self._forms[k]):
                by_last[words[-1]].append(k)
        for k, words in sorted(persons.items()):
            # "obama" is "barack obama" when the corpus's full names ending in it are one person, or nearly all are
            if len(words) != 1 or k in first_words or not by_last.get(k):
                continue
            groups: Counter = Counter()
            for u in by_last[k]:
                groups[self._group.find(u)] += mentions[u]
            root, n = groups.most_common(1)[0]
            if n >= DOMINANT_SHARE * sum(groups.values()) and root in people:
                self._group.union(k, root)
                people.add(self._group.find(k))  # the group may have a new representative ("adams" < "john adams")

    def entity(self, name: str | None, named: bool = False) -> str:
        """The corpus's name for ``name``; "" when no report's entities or named sources write it as a name, or
        ``name`` is not written as one (a pronoun, "the company", "officials") and is not a source the report calls
        ``named``."""
        key = name_key(name or "")
        if key not in self._display or _is_pronoun(name or "") or not (named or _capitalised(name or "")):
            return ""
        return self._display[key]

    def canonical(self, name: str) -> str:
        """The corpus's name for ``name`` (an entity's name in a report) when it is a known entity, else ``name``."""
        return self.entity(name, named=True) or name


class _Groups:
    """Union-find over name keys; a group's representative is its smallest key, so the result never depends on
    the order names were joined in."""

    def __init__(self, keys: Iterable[str]):
        self._parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        while self._parent[k] != k:
            self._parent[k] = self._parent[self._parent[k]]
            k = self._parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self._parent[hi] = lo


def known_first_names() -> frozenset[str]:
    """The first names of the registry's ``genders`` table (learned from PolNeAR and FNC-1 train), lower case."""
    from .. import models

    return frozenset(models.load("genders")) if models.available("genders") else frozenset()


def _is_pronoun(name: str) -> bool:
    """"They", "it", "I" — but not "US", the country."""
    text = name.strip()
    return text.casefold() in _PRONOUNS and not (len(text) > 1 and text.isupper())


def _capitalised(name: str) -> bool:
    """Written as a name: a capital (or a digit) first once a leading "the" is dropped ("the White House", not "the
    government")."""
    first = _THE.sub("", name.strip())[:1]
    return first.isupper() or first.isdigit()


def _written_as_name(forms: Counter) -> bool:
    """Most of a key's written forms are capitalised (:func:`_capitalised`): the entity recognizer sometimes tags
    "the government"."""
    return 2 * sum(n for f, n in forms.items() if _capitalised(f)) >= sum(forms.values())


# Lower-case words a personal name may hold ("Abu Bakr al-Baghdadi", "Greta van Susteren").
_PARTICLES = re.compile(r"^(?:al|el|bin|ibn|van|von|de|da|di|du|der|den|le|la|del|dos)(?:-|$)")


def _personal_name(forms: Counter) -> bool:
    """The most written form is capitalised words only (name particles aside): "Barack Obama", not "the King of
    Jordan", whose "Jordan" is not a surname."""
    form = forms.most_common(1)[0][0]
    return all(w[:1].isupper() or _PARTICLES.match(w) for w in form.split())


