"""Name resolution: map a mention ("Putin", "Mr. Trump", "he", "who") to the full name the body uses.

Rule-based and cheap: names are matched against the PERSON / ORG / GPE / NORP entities of the
parsed body; pronouns take the nearest earlier compatible entity mention.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Iterable, Iterator, Union

from . import quotes
from .lexicon import ANONYMOUS_HEADS, BELIEF_VERBS, GENDERED_TITLES, MEDIA_HEADS, PERSON_ROLES, SPEECH_NOUNS, SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from .nlp import Document
    from .report import Span

# Personal pronouns and what entity labels they can stand for.
PRONOUN_LABELS: dict[str, tuple[str, ...]] = {
    "he": ("PERSON",), "him": ("PERSON",), "his": ("PERSON",), "himself": ("PERSON",),
    "she": ("PERSON",), "her": ("PERSON",), "hers": ("PERSON",), "herself": ("PERSON",),
    "it": ("ORG", "GPE"), "its": ("ORG", "GPE"),  # not NORP: "American-made weapons it says …" is not "American"
    # "they": a group or an organisation; not one person, nor a place ("Medics said … before they know" is not
    # the city named before)
    "they": ("ORG", "NORP"), "them": ("ORG", "NORP"), "their": ("ORG", "NORP"),
}
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
PERSON_RELATIVES = frozenset({"who", "whom"})
# Entity types of things and places, which "who" does not stand for.
THING_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
# Pronouns that name no one in the body, even capitalised at a sentence's start ("You …", "We …").
NOT_NAMES = frozenset({"i", "me", "my", "we", "us", "our", "you", "your", "one", "this", "these", "those", "someone"})
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")

# Words before a name that are not part of it ("Mr. Trump", "President Obama").
TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "president", "former", "russian",
    "u.s.", "vice", "secretary", "senator", "governor", "minister", "prime", "the", "sir", "lord",
    "candidate", "nominee", "chancellor", "king", "queen", "prince", "judge", "speaker",
})
_PARTICLES = frozenset({"of", "the", "de", "da", "van", "von", "bin", "al", "and", "for", "le", "la"})
_WORD = re.compile(r"[\w.'’-]+")

Mention = Union[str, "Span", "SpacySpan", "Token"]


# Whether an Arabic article joined to a surname ("al-Munajjid", "el-Sisi") is left off the name's words, so that "Sheikh
# Munajjid" is "Mohammed Saleh al-Munajjid" (session 40's audit counted the cleric as two named sources).
ARTICLE_PREFIXES = True
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)-(?=\w{3})")


def _words(text: str) -> list[str]:
    """Lower-cased name words of ``text``, without possessive endings, titles and (:data:`ARTICLE_PREFIXES`) an
    article joined to a surname."""
    out = []
    for w in _WORD.findall(text):
        w = _without_possessive(w).lower().rstrip(".")
        if ARTICLE_PREFIXES:
            w = _ARTICLE_PREFIX.sub("", w)
        if w and w + "." not in TITLES and w not in TITLES and w not in _SUFFIXES:
            out.append(w)
    return out


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})  # "Duncan Hunter Jr." is still "Hunter"


def _without_possessive(text: str) -> str:
    """``text`` without a possessive ending: "Putin's" → "Putin", "Tiger Woods'" → "Tiger Woods"."""
    return re.sub(r"['’]s?$", "", text)


_MODALS = frozenset({"might", "may", "could", "would", "should", "must", "can", "will", "shall"})


def reads_as_clause(ent: "SpacySpan") -> bool:
    """Whether a title-case entity is a heading's clause rather than a name: a modal inside it ("Why Varga
    Might Trust Brandt"); at either end a modal can be a name ("Theresa May", "Will Smith")."""
    words = [t for t in ent if not t.is_space]
    return any(t.lower_ in _MODALS for t in words[1:-1])


# A government portfolio before "Minister" / "Secretary" is part of a title ("Trade Minister Tomas Brandt"), not an
# organisation, though the small model tags it ORG.
_PORTFOLIOS = frozenset({
    "trade", "finance", "defence", "defense", "foreign", "interior", "health", "education", "justice", "energy",
    "labour", "labor", "transport", "transportation", "agriculture", "environment", "home", "culture", "economy",
    "treasury", "commerce", "housing", "industry", "immigration", "communications", "tourism", "fisheries",
    "infrastructure", "science", "technology", "development", "security", "and",
})
_PORTFOLIO_TITLES = frozenset({"minister", "secretary", "commissioner"})


def is_portfolio(ent: "SpacySpan") -> bool:
    """Whether an entity is only the portfolio of an office title that follows it ("Trade" in "Trade Minister
    Tomas Brandt", "Health and Education" in "Health and Education Secretary …")."""
    words = [t.lower_ for t in ent if not t.is_space]
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return (bool(words) and all(w in _PORTFOLIOS for w in words) and words[0] != "and"
            and after is not None and after.lower_ in _PORTFOLIO_TITLES)


# Whether a PERSON entity holding a digit is no name ("Wednesday Oct.22, 2014" gave the small NER a person "Oct.22").
DIGIT_NOT_PERSON = True


# Whether a one-word entity that opens its sentence and that the tagger reads as a common noun is no name: the small
# NER tags "Exit" of "Exit polls … showed" ORG or PERSON (session 41: the polls were credited to a person "Exit").
SENTENCE_CAPITALS = True


def capitalised_by_position(ent: "SpacySpan") -> bool:
    """Whether ``ent`` is one common noun capitalised only because it opens its sentence, modifying the common noun
    after it ("Exit polls"; :data:`SENTENCE_CAPITALS`)."""
    tok = ent[0]
    return (SENTENCE_CAPITALS and len(ent) == 1 and tok.tag_ in ("NN", "NNS") and tok.is_sent_start
            and tok.dep_ == "compound" and tok.head.i == tok.i + 1 and tok.head.tag_ in ("NN", "NNS"))


def is_name(ent: "SpacySpan") -> bool:
    """Whether an entity reads as a proper name (the small model sometimes tags whole headings)."""
    if capitalised_by_position(ent):
        return False
    core = _without_possessive(ent.text)  # "Tiger Woods'", "Putin's"
    # quotation marks (a quoted heading), but not an apostrophe inside a name ("O'Brien")
    if len(ent) > 6 or any(c in core for c in "\"“”‘") or _STRAY_APOSTROPHE.search(core) or reads_as_clause(ent):
        return False
    if DIGIT_NOT_PERSON and ent.label_ == "PERSON" and any(c.isdigit() for c in core):
        return False  # "Oct.22" of a photo caption, tagged PERSON, was "he" (session 38's second audit)
    return all(_capitalised(t) or t.lower_ in _PARTICLES or t.text in _NAME_PUNCT for t in ent) \
        and not any(t.text in _POSSESSIVES for t in ent[:-1]) \
        and any(_capitalised(t) for t in ent)  # particles alone ("bin", "the") name no one


_STRAY_APOSTROPHE = re.compile(r"(?<![A-Za-z])['’]|['’](?![A-Za-z])")
_POSSESSIVES = frozenset({"’s", "'s", "'", "’"})
_NAME_PUNCT = frozenset({".", "-"}) | _POSSESSIVES


def _capitalised(t: "Token") -> bool:
    """A name word: capital first letter, whatever follows ("LeFevre", "McManus", "NASA", "O'Brien")."""
    return t.text[:1].isupper()


def _names(doc: "Document") -> list[tuple[list[str], str, int, str]]:
    """(name words, name, start, label) of the body's name-like entities, cached on the spaCy Doc."""
    cached = doc.body.user_data.get("onrecord.names")
    if cached is None:
        cached = []
        for ent in body_ents(doc)[0]:
            if ent.label_ in NAME_LABELS and is_name(ent):
                text = _without_possessive(ent.text)
                cached.append((_words(text), text, ent.start_char, ent.label_))
        doc.body.user_data["onrecord.names"] = cached
    return cached


def body_ents(doc: "Document") -> tuple[list["SpacySpan"], list[int], list[int]]:
    """The body's entities with their start and end offsets, built once (spaCy's ``Doc.ents`` makes a new tuple
    of spans on every access, which per source or pronoun made long texts quadratic)."""
    cached = doc.body.user_data.get("onrecord.ents")
    if cached is None:
        ents = list(doc.body.ents)
        cached = (ents, [e.start_char for e in ents], [e.end_char for e in ents])
        doc.body.user_data["onrecord.ents"] = cached
    return cached


def ents_within(doc: "Document", start: int, end: int) -> list["SpacySpan"]:
    """The body's entities that start at a character offset in ``start``..``end`` (end excluded)."""
    ents, starts, _ = body_ents(doc)
    return ents[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


def _ents_before(doc: "Document", start: int) -> Iterator["SpacySpan"]:
    """The body's entities that end by character offset ``start``, nearest first."""
    ents, _, ends = body_ents(doc)
    return reversed(ents[:bisect.bisect_right(ends, start)])


def _full_name(doc: "Document", words: list[str], namesake: bool = True) -> str | None:
    """The longest body name holding all of ``words`` and ending like them (earliest on ties), or for a bare
    surname of several people the first of them (:data:`NAMESAKES`, unless ``namesake`` is False); remembered per
    ``words`` for the document."""
    if not words:
        return None
    memo = doc.body.user_data.setdefault("onrecord.full_names", {})
    key = (tuple(words), namesake)
    if key not in memo:
        if NAMESAKES and namesake and len(words) == 1:
            people = namesakes(doc, words[0])
            if len(people) > 1:  # "Murphy" when the body names Chris Murphy and, later, Anne Marie Murphy
                memo[key] = people[0]
                return memo[key]
        best: tuple[int, str] | None = None
        for ent_words, text, _, _ in _names(doc):
            if ent_words and ent_words[-1] == words[-1] and all(w in ent_words for w in words) \
                    and (best is None or len(ent_words) > best[0]):
                best = (len(ent_words), text)
        if FIRST_NAME_MENTIONS and len(words) == 1 and (best is None or best[0] == 1):
            first = _first_named(doc, words[0])
            if first is not None:  # "Mohammed, 17, refused …" after "Mohammed Islam"
                best = (0, first)
        memo[key] = best[1] if best else None
    return memo[key]


# Whether a one-word mention that no longer name ends with is the person whose name it begins, when just one person
# of the body has such a name ("Mohammed" after "Mohammed Islam", "Dylan" after "Dylan Thomas"; session 32).
FIRST_NAME_MENTIONS = True


def _first_named(doc: "Document", word: str) -> str | None:
    """The fullest name of the one person whose PERSON name of two or more words begins with ``word`` (lower case);
    None when no one's does, or the names that do are of different people (their words do not nest)."""
    people: list[tuple[list[str], str]] = []
    for ent_words, text, _, label in _names(doc):
        if label != "PERSON" or len(ent_words) < 2 or ent_words[0] != word:
            continue
        for i, (w, _) in enumerate(people):
            if set(ent_words) <= set(w) or set(w) <= set(ent_words):
                if len(ent_words) > len(w):
                    people[i] = (ent_words, text)
                break
        else:
            people.append((ent_words, text))
    return people[0][1] if len(people) == 1 else None


# Whether a bare surname that several people of the body share ("Murphy": Chris Murphy, Anne Marie Murphy) is the
# one introduced first, not the longest name (news style names a later namesake in full) (:func:`namesakes`).
# Tried with it and not kept: "he" / "she" taking the namesake of its gender when the first is of the other
# (pronoun sets A-H 477 -> 476 of 662: "Clinton" then stands for Bill wherever a "he" follows Hillary).
NAMESAKES = True


def namesakes(doc: "Document", surname: str) -> list[str]:
    """The different people whose names of two or more words end with ``surname`` (lower case), each by their
    fullest name, in the order the body first names them; names whose words nest ("Donald Trump", "Donald J.
    Trump") are one person."""
    memo = doc.body.user_data.setdefault("onrecord.namesakes", {})
    if surname not in memo:
        people: list[list[tuple[list[str], str]]] = []  # each person's names, in order of first mention
        for ent_words, text, _, label in _names(doc):
            if label != "PERSON" or len(ent_words) < 2 or ent_words[-1] != surname:
                continue
            for names_of in people:
                if any(set(ent_words) <= set(w) or set(w) <= set(ent_words) for w, _ in names_of):
                    names_of.append((ent_words, text))
                    break
            else:
                people.append([(ent_words, text)])
        memo[surname] = [max(names_of, key=lambda n: len(n[0]))[1] for names_of in people]
    return memo[surname]


def in_body_name(doc: "Document", word: str) -> bool:
    """Whether ``word`` (lower case) is a word of a PERSON or ORG name in ``doc``'s body ("fiorina" when the body
    names "Carly Fiorina"): a capitalised word before a colon that names someone the article speaks of."""
    return any(ent.label_ in ("PERSON", "ORG") and word in ent.text.lower().split() for ent in doc.body.ents)


def known_person(doc: "Document", text: str) -> str | None:
    """The body's PERSON entity whose name ends with ``text``'s name words ("Brandt" → "Tomas Brandt"; the
    longest such name), for a mention the small NER left untagged or labelled otherwise; None when no
    person of the body is so named."""
    words = _words(text)
    if not words:
        return None
    index = doc.body.user_data.get("onrecord.person_endings")
    if index is None:  # every ending of every person's name words → the longest name so ending (earliest on ties)
        best: dict[tuple[str, ...], tuple[int, str]] = {}
        for ent_words, name, _, label in _names(doc):
            if label == "PERSON" and not (GROUP_NAMED and is_outlet_name(name)):  # "Mail Online" tagged PERSON
                for k in range(1, len(ent_words) + 1):
                    key = tuple(ent_words[-k:])
                    if key not in best or len(ent_words) > best[key][0]:
                        best[key] = (len(ent_words), name)
        index = doc.body.user_data["onrecord.person_endings"] = {k: v[1] for k, v in best.items()}
    return index.get(tuple(words))


def _start_of(doc: "Document", mention: Mention) -> tuple[str, int | None]:
    if isinstance(mention, str):
        return mention, None
    if hasattr(mention, "idx") and hasattr(mention, "i"):  # spaCy Token
        return mention.text, mention.idx
    if hasattr(mention, "start_char"):  # spaCy Span
        return mention.text, mention.start_char
    return mention.text, mention.start  # report.Span / report.Source


def _in_full(doc: "Document", ent: "SpacySpan", namesake: bool = True) -> str:
    """An entity mention's fullest name in the body ("Obama's" → "Barack Obama" when the body has it)."""
    text = _without_possessive(ent.text)
    return _full_name(doc, _words(text), namesake) or text


def title_gender(ent: "SpacySpan") -> str | None:
    """"m" or "f" when a gendered title opens a person's mention or stands just before it ("Mrs. Clinton",
    "spokeswoman Jane Doe"; :data:`onrecord.lexicon.GENDERED_TITLES`), else None."""
    for tok in (ent[0], ent.doc[ent.start - 1] if ent.start else None):
        if tok is not None:
            g = GENDERED_TITLES.get(tok.lower_.rstrip("."))
            if g:
                return g
    return None


# The pronouns that say their referent's gender.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}


def title_votes(persons: list["SpacySpan"], key) -> dict[str, "Counter[str]"]:
    """Each person's gendered titles ("Mrs. Clinton", "spokeswoman Jane Doe"), by ``key(ent)`` (an identity, or
    None to skip)."""
    from collections import Counter, defaultdict

    out: dict[str, Counter] = defaultdict(Counter)
    for e in persons:
        g = title_gender(e)
        who = key(e) if g else None
        if who is not None:
            out[who][g] += 1
    return out


def pronoun_votes(sdoc: "SpacyDoc", persons: list["SpacySpan"], key, quoted: list[tuple[int, int]],
                  next_sentence: bool = False) -> dict[str, "Counter[str]"]:
    """Each person's gender as the pronouns after them say it, by ``key(ent)``: a sentence naming only that one
    person is a vote when only one gender's pronouns follow the mention in it ("Fiorina said her plan …"), or, with
    ``next_sentence`` and none there, in the next sentence if that one names no person (``onrecord train genders``
    counts those; at run time they would be the very pronoun being resolved). A pronoun inside one of the
    ``quoted`` ranges (the text's quotations) counts only for a mention in the same quotation: "Blumenthal was
    asked, “If you had known she had …”" says nothing of Blumenthal."""
    from collections import Counter, defaultdict

    def gendered(tokens: "SpacySpan", mention: "SpacySpan") -> set[str]:
        home = quotes.containing(quoted, mention.start_char)
        return {PRONOUN_GENDER[t.lower_] for t in tokens
                if t.lower_ in PRONOUN_GENDER and quotes.containing(quoted, t.idx) in (None, home)}

    sents = list(sdoc.sents)
    starts = [s.start for s in sents]
    by_sent: dict[int, list["SpacySpan"]] = defaultdict(list)
    for e in persons:
        by_sent[bisect.bisect_right(starts, e.start) - 1].append(e)
    out: dict[str, Counter] = defaultdict(Counter)
    for k, here in by_sent.items():
        ids = {key(e) for e in here}
        if len(ids) != 1 or None in ids:
            continue
        who = ids.pop()
        seen = gendered(sdoc[here[0].end:sents[k].end], here[0])
        if not seen and next_sentence and k + 1 < len(sents) and not by_sent.get(k + 1):
            seen = gendered(sents[k + 1], here[0])
        if len(seen) == 1:
            out[who][seen.pop()] += 1
    return out


def _leaning(c: "Counter[str] | None") -> str | None:
    """The gender votes say: all one way, or one way by at least two."""
    if not c or c["m"] == c["f"] or (min(c["m"], c["f"]) and abs(c["m"] - c["f"]) < 2):
        return None
    return "m" if c["m"] > c["f"] else "f"


# Whether a title before a bare surname ("Mrs Islam") says less of a person's gender than the first-name table does
# of their full name (session 32: "Mrs Islam", his mother, made "Mohammed Islam" a woman, so no "he" was him).
BARE_TITLES_LAST = True


def person_gender(doc: "Document", full: str) -> str | None:
    """"m", "f" or None (not known) for the person the body names ``full`` (as :func:`_in_full` gives it): a
    gendered title the body gives them with more than their surname; else the first-name table learned from the
    training corpora (``models.load("genders")``); else a title before their bare surname
    (:data:`BARE_TITLES_LAST`); else the pronouns that follow them in the body (:func:`pronoun_votes`, which can be
    misled: "Trump attacked her emails" is a vote for Trump)."""
    cached = doc.body.user_data.get("onrecord.genders")
    if cached is None:
        from . import models

        table = models.load("genders") if models.available("genders") else {}
        persons = [e for e in body_ents(doc)[0] if e.label_ == "PERSON" and is_name(e)]
        titles = title_votes(persons, lambda e: _in_full(doc, e) if len(_words(e.text)) > 1 or not BARE_TITLES_LAST
                             else None)
        bare = title_votes(persons, lambda e: _in_full(doc, e) if len(_words(e.text)) == 1 and BARE_TITLES_LAST
                           else None)
        pronouns = pronoun_votes(doc.body, persons, lambda e: _in_full(doc, e), quotes.in_document(doc))
        cached = {}
        for e in persons:
            name = _in_full(doc, e)
            if name not in cached:
                words = _words(name)
                cached[name] = (_leaning(titles.get(name)) or (table.get(words[0]) if len(words) >= 2 else None)
                                or _leaning(bare.get(name)) or _leaning(pronouns.get(name)))
        doc.body.user_data["onrecord.genders"] = cached
    return cached.get(full)


def is_person(doc: "Document", full: str) -> bool:
    """Whether ``full`` is the full name (as :func:`_in_full` gives it) of a PERSON the body names."""
    person_gender(doc, full)  # computes, once a document, the genders of every person the body names
    return full in doc.body.user_data["onrecord.genders"]


# How far back (characters) a pronoun's antecedent is looked for: far enough for a speaker introduced above a long
# quotation, near enough that a text of many pronouns and no compatible name stays linear.
ANTECEDENT_WINDOW = 5000


# Whether a surname the small NER left untagged ("Brandt left early" after "Tomas Brandt") counts as a mention of
# its person for pronouns: a capitalised token tagged PROPN, outside every entity, that ends a PERSON name of two or
# more words in the body (a surname that is also a word, "Jolly", is often tagged otherwise and stays unseen).
# Session 31: pronoun sets A-F 349 -> 357 of 500; set G, labelled before it was scored, 0.658 -> 0.684.
SURNAME_MENTIONS = True


# Whether an untagged first name counts too, when one person of the body has a name it begins ("Jess only revealed
# her secret …" after "Jess Smith"; the audits' Teletubbies story resolved the next "She" to the page text "Watch
# Next", tagged PERSON; session 38).
FIRST_NAME_TOKENS = True


def _mentions(doc: "Document") -> tuple[list["SpacySpan"], list[int]]:
    """The body's entities and, with :data:`SURNAME_MENTIONS`, its untagged surnames (and first names,
    :data:`FIRST_NAME_TOKENS`) as one-token PERSON spans, in text order, with their end offsets; built once per
    document."""
    cached = doc.body.user_data.get("onrecord.mentions")
    if cached is None:
        ents = body_ents(doc)[0]
        spans = list(ents)
        if SURNAME_MENTIONS:
            from spacy.tokens import Span as SpacySpanType

            surnames = {words[-1] for words, _, _, label in _names(doc) if label == "PERSON" and len(words) > 1}
            if FIRST_NAME_TOKENS:  # "Jess only revealed …" after "Jess Smith", Jess untagged
                labels: dict[str, list[int]] = {}
                for e in ents:
                    labels.setdefault(e.text, [0, 0])[e.label_ != "PERSON"] += 1
                surnames |= {words[0] for words, name, _, label in _names(doc) if label == "PERSON" and len(words) > 1
                             and _first_named(doc, words[0]) is not None
                             and labels.get(name, [1, 0])[1] <= labels.get(name, [1, 0])[0]}  # not "Moffett Place"
            inside = {i for e in ents for i in range(e.start, e.end)}
            spans += [SpacySpanType(doc.body, t.i, t.i + 1, label="PERSON") for t in doc.body
                      if t.lower_ in surnames and t.text[:1].isupper() and t.pos_ == "PROPN" and t.i not in inside]
            spans.sort(key=lambda e: e.start)
        cached = doc.body.user_data["onrecord.mentions"] = (spans, [e.end_char for e in spans])
    return cached


# Whether a name the NER labels PERSON at one mention, but more often something else in the same body ("Comcast":
# ORG twenty times, PERSON once), is kept from the candidates for "he" / "she" (session 34).
MAJORITY_LABEL = True


def _mostly_not_person(doc: "Document", text: str) -> bool:
    """Whether the body's mentions of exactly ``text`` (:func:`_mentions`: a surname left untagged counts as a
    person) are more often labelled other than PERSON than PERSON."""
    votes = doc.body.user_data.get("onrecord.label_votes")
    if votes is None:
        votes = doc.body.user_data["onrecord.label_votes"] = {}
        for e in _mentions(doc)[0]:
            v = votes.setdefault(e.text, [0, 0])
            v[e.label_ != "PERSON"] += 1
    person, other = votes.get(text, (0, 0))
    return other > person


def _candidates(doc: "Document", start: int, labels: tuple[str, ...],
                gender: str | None) -> Iterator[tuple["SpacySpan", str]]:
    """The entity mentions a pronoun at body offset ``start`` may stand for, nearest first, each with its full
    name (the filters of :func:`_antecedent`)."""
    spans = quotes.in_document(doc)
    inside = quotes.containing(spans, start)
    seen = doc.body.user_data.setdefault("onrecord.candidates", {})  # entity start → (a name?, the person it is)
    mentions, ends = _mentions(doc)
    for ent in reversed(mentions[:bisect.bisect_right(ends, start)]):
        if ent.end_char < start - ANTECEDENT_WINDOW:
            break
        if ent.start_char not in seen:
            named = is_name(ent)
            seen[ent.start_char] = (named, known_person(doc, ent.text) if named and ent.label_ != "PERSON" else None)
        named, person = seen[ent.start_char]
        if not named:
            continue
        if MAJORITY_LABEL and "PERSON" in labels and (ent.label_ == "PERSON" or person == ent.text) \
                and _mostly_not_person(doc, ent.text):
            continue  # "Comcast" read as a person once among twenty readings as an organisation is no "he"
        if GROUP_NAMED and "PERSON" in labels and (_named_group(ent) or is_outlet_name(ent.text)):
            continue  # "the jihadist group al-Shabab", "Mail Online", tagged PERSON, are no "he" or "she"
        full = None
        if ent.label_ not in labels:
            # a person the small NER mislabelled here ("Sanders exaggerates" as ORG) when the body names them
            if "PERSON" not in labels or ent.label_ not in NAME_LABELS or person is None:
                continue
            full = person
        elif person is not None:
            continue  # and such a person is no "it" or "they"
        if quotes.containing(spans, ent.start_char) not in (None, inside):
            continue  # a name inside a quotation is not who "he" outside it is ("“… Reagan …,” she wrote")
        if ent.label_ == "NORP" and not ent.text.rstrip("'’").lower().endswith("s"):
            continue
        full = full or _in_full(doc, ent)
        if GROUP_NAMED and "PERSON" in labels and full != ent.text and is_outlet_name(full):
            continue  # "Virgin", tagged PERSON, whose full name is "Virgin Media" (session 38's second audit)
        if gender is not None and person_gender(doc, full) not in (None, gender):
            continue
        yield ent, full


# Whether a name right after a noun for a group or an outlet ("the jihadist group al-Shabab", "the website Gawker") is
# never a person, whatever the small NER's label (session 37's audit: "… where the jihadist group al-Shabab operates.
# He denied the accusation" credited Emwazi's denial to al-Shabab).
GROUP_NAMED = True
_GROUP_NOUNS = MEDIA_HEADS | frozenset({
    "group", "organization", "organisation", "company", "firm", "agency", "militia", "movement", "party", "outfit",
    "band", "brand", "app", "faction", "coalition", "alliance", "union", "charity", "foundation", "team", "club"})


# The last words of a news outlet's name, which the small NER sometimes tags PERSON ("As reported by Mail Online, …,
# she said" resolved "she" to Mail Online; session 37's audit).
# Not "Guardian" or "Post", which are surnames too (Atlantic City's mayor Don Guardian, in pronoun set B).
OUTLET_LAST_WORDS = frozenset({
    "Online", "News", "Times", "Journal", "Herald", "Tribune", "Gazette", "Daily", "Mail", "Telegraph", "Magazine",
    "Radio", "TV", "Television", "Network", "Media", "Weekly", "Chronicle", "Inquirer", "Examiner"})


# Whether the name of a social network or an app store, which the small NER sometimes tags PERSON, is never a person
# ("Writing on Twitter, he said" resolved "he" to Twitter, "he writes" to App Store; session 38's audit).
PLATFORMS_NOT_PEOPLE = True
PLATFORM_NAMES = frozenset({
    "twitter", "facebook", "instagram", "youtube", "snapchat", "whatsapp", "reddit", "weibo", "wechat", "tiktok",
    "linkedin", "tumblr", "pinterest", "vine", "periscope", "telegram", "app store", "appstore", "itunes",
    "google play", "play store", "skype", "netflix", "spotify"})


def is_outlet_name(text: str) -> bool:
    """Whether a name of two or more words ends with a word of a news outlet's name ("Mail Online", "Fox News"), or
    the name is a platform's (:data:`PLATFORMS_NOT_PEOPLE`: "Twitter", "App Store")."""
    words = text.split()
    if PLATFORMS_NOT_PEOPLE and re.sub(r"['’]s?$", "", text.strip()).lower() in PLATFORM_NAMES:
        return True
    return len(words) >= 2 and re.sub(r"['’]s?$", "", words[-1]) in OUTLET_LAST_WORDS


def _named_group(ent: "SpacySpan") -> bool:
    """Whether the entity follows a noun for a group or outlet that it names (:data:`GROUP_NAMED`)."""
    before = ent.start - 1
    if before < 0:
        return False
    tok = ent.doc[before]
    return tok.is_lower and tok.text in _GROUP_NOUNS  # the parse may tag "group" a proper noun before a name


# Whether "he" / "she" takes the most salient person of the last sentences rather than the nearest one: each
# mention counts SALIENCE_ROLE[its role] halved for every sentence back (Lappin & Leass's salience, simplified),
# summed by person; the nearest person keeps the pronoun unless another is SALIENCE_MARGIN times as salient.
SALIENT_ANTECEDENT = True
SALIENT_PRONOUNS = frozenset({"he", "she"})  # not "him" / "her": "Brandt's background could allow *him* to …"
SALIENCE_ROLE = {"nsubj": 2.0, "nsubjpass": 2.0}  # any other role: 1.0
SALIENCE_SENTENCES = 3  # the pronoun's sentence and the ones before it
SALIENCE_MARGIN = 1.5


def _sent_starts(doc: "Document") -> list[int]:
    """The body's sentence starts (token indices), computed once per document."""
    sents = doc.body.user_data.get("onrecord.sent_starts")
    if sents is None:
        sents = doc.body.user_data["onrecord.sent_starts"] = [s.start for s in doc.body.sents]
    return sents


def _sentence_of(doc: "Document", i: int) -> int:
    """The index of the body sentence that holds body token ``i``."""
    return bisect.bisect_right(_sent_starts(doc), i) - 1


def _salient(doc: "Document", start: int, candidates: Iterable[tuple["SpacySpan", str]], nearest: str) -> str:
    """Among ``candidates`` (mentions before body offset ``start``, nearest first), the most salient person."""
    tok = _token_at(doc, start)
    if tok is None:
        return nearest
    here = _sentence_of(doc, tok.i)
    score: dict[str, float] = {}
    for ent, full in candidates:
        back = here - _sentence_of(doc, ent.root.i)
        if back >= SALIENCE_SENTENCES:
            break
        score[full] = score.get(full, 0.0) + SALIENCE_ROLE.get(ent.root.dep_, 1.0) * 0.5 ** back
    best = max(score, key=lambda k: score[k], default=nearest)
    return best if score.get(best, 0.0) >= SALIENCE_MARGIN * score.get(nearest, 0.0) else nearest


def _antecedent(doc: "Document", start: int, labels: tuple[str, ...], gender: str | None = None,
                salient: bool = False) -> str | None:
    """Nearest entity mention with one of ``labels`` ending before body offset ``start``; for a gendered pronoun,
    the nearest person not known to be of the other gender (or, when ``salient``, a more salient one:
    :data:`SALIENT_ANTECEDENT`); for "they", a group named by a plural ("Democrats", not the adjective
    "Democratic"). A name inside a quotation is skipped unless the pronoun is in the same one; a name the NER
    labelled otherwise counts as a person when the body names that person (:func:`known_person`)."""
    found = _candidates(doc, start, labels, gender)
    if gender is None and SPEAKING_ANTECEDENT:
        return _speaking(doc, start, found, "NORP" in labels)
    for ent, full in found:
        if "NORP" in labels and _plural_between(doc, ent, start):
            return None  # "they" is more likely the nouns in between ("the numbers were updated and they showed")
        if gender is not None:
            if UNNAMED_SPEAKER and (_unnamed_speaker_after(doc, ent, start, gender)
                                    or _unnamed_subject_over(doc, ent, start, gender)):
                return None
            if UNNAMED_IN_VIEW and _unnamed_in_view(doc, ent, start, gender):
                return None
            earlier = _chained(doc, start, ent, gender)
            if earlier is not None:
                return _antecedent(doc, earlier.idx, labels, gender, salient)
            rest = list(found)  # the candidates after the nearest, read by both rules below
            if SPEAKER_CONTINUES and salient and not _speaks(ent):
                speaker = _last_speaker(doc, start, [(ent, full), *rest])
                if speaker is not None:
                    return speaker
            if SALIENT_ANTECEDENT and salient:
                return _salient(doc, start, [(ent, full), *rest], full)
        return full
    return None


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})

# Whether "he" / "she" as the subject of a verb of saying, when the nearest person does not speak, is the person who
# spoke in the sentence before ("Inspector Stewart Taylor said Kai had been sold … He said: …" is Taylor, not the dog
# Kai; session 35's audit).
SPEAKER_CONTINUES = True


def _last_speaker(doc: "Document", start: int, candidates: Iterable[tuple["SpacySpan", str]]) -> str | None:
    """For a pronoun at body offset ``start`` that is the subject of a verb of saying, when the nearest of
    ``candidates`` (nearest first) lies in an earlier sentence: the nearest one in the sentence before the pronoun's
    that :func:`_speaks`; None otherwise (a person named in the pronoun's own sentence keeps it: "Rumours on King
    Abdullah spread after he promised …")."""
    tok = _token_at(doc, start)
    if tok is None or tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in SPEECH_VERBS:
        return None
    here = _sentence_of(doc, tok.i)
    reach = 2 if SPEAKER_CHAIN and _same_pronoun_subject(doc, here - 1, tok.lower_) else 1
    for n, (ent, full) in enumerate(candidates):
        back = here - _sentence_of(doc, ent.root.i)
        if back > reach or (n == 0 and back == 0):
            return None
        if back >= 1 and _speaks(ent):
            return full
    return None


# Whether the speaker may stand two sentences back when the sentence between has the same pronoun as its subject
# ("Ibrahim told The Associated Press that … He identified her as the sister of Omar …, who is held in Iraq.¶He added
# that …" is Ibrahim, not Omar; session 41's audit).
SPEAKER_CHAIN = True


def _same_pronoun_subject(doc: "Document", sentence: int, pronoun: str) -> bool:
    """Whether body sentence number ``sentence`` has ``pronoun`` as the subject of its root."""
    sents = _sent_starts(doc)
    if sentence < 0 or sentence >= len(sents):
        return False
    end = sents[sentence + 1] if sentence + 1 < len(sents) else len(doc.body)
    return any(t.lower_ == pronoun and t.dep_ == "nsubj" and t.head.dep_ == "ROOT"
               for t in doc.body[sents[sentence]:end])


# Whether a source "it" / "they" stands only for a group or organisation that the last sentences show speaking
# (session 32): the nearest ORG / GPE / NORP name was the antecedent of 7 of 48 such "it" and 8 of 28 "they" in the
# pronoun sets A-I — the pronoun mostly stands for an unnamed thing ("the report", "the campaign") or people
# ("voters"), which the report should leave unnamed rather than credit to the last organisation or place named.
SPEAKING_ANTECEDENT = True


_SPEAKING_VERBS = SPEECH_VERBS | BELIEF_VERBS
# Whether the subject of a verb whose object is a statement speaks ("Al-Nusra, despite a feud with Baghdadi's group,
# issued a statement of condemnation.¶It described her as …": "It" was no one; session 42's audit).
STATEMENT_ISSUERS = True
_ISSUED = SPEECH_NOUNS | {"communique", "communiqué", "message", "letter", "video", "tweet", "post", "comment", "remark"}


def _speaks(ent: "SpacySpan") -> bool:
    """Whether a name is the subject of a verb of saying or believing ("The SOHR said", "Democrats believe"), the
    agent of one ("was reported by SITE") or the object of "according to"."""
    root = ent.root
    if root.dep_ in _SUBJECTS and root.head.lemma_.lower() in _SPEAKING_VERBS:
        return True
    if STATEMENT_ISSUERS and root.dep_ == "nsubj" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _ISSUED for c in root.head.children):
        return True  # "Al-Nusra … issued a statement of condemnation. It described her as …"
    if root.dep_ == "pobj" and root.head.dep_ == "agent" and root.head.head.lemma_.lower() in _SPEAKING_VERBS:
        return True
    return (root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.i > 0
            and root.doc[root.head.i - 1].lower_ == "according")


def _speaking(doc: "Document", start: int, candidates: Iterable[tuple["SpacySpan", str]], plural: bool) -> str | None:
    """The nearest of ``candidates`` (nearest first) within :data:`SALIENCE_SENTENCES` sentences before body offset
    ``start`` that :func:`_speaks`, or that is a subject in the pronoun's own sentence; None when there is none, or
    (``plural``: "they") when a plural common noun stands between the pronoun and it."""
    tok = _token_at(doc, start)
    if tok is None:
        return None
    here = _sentence_of(doc, tok.i)
    for ent, full in candidates:
        back = here - _sentence_of(doc, ent.root.i)
        if back >= SALIENCE_SENTENCES:
            return None
        if _speaks(ent) or (back == 0 and ent.root.dep_ in _SUBJECTS):  # "ISIS shows weapons it says were …"
            if UNTAGGED_SPEAKER and _untagged_speaker_between(doc, ent, tok):
                return None
            return None if plural and _plural_between(doc, ent, start) else full
    return None


# Whether "it" / "they" stays unnamed when a speaker the entity finder did not tag spoke after the nearest speaking
# name ("The U.S. has not confirmed those reports …¶The Lebanese daily As-Safir first reported …. It said …" is
# As-Safir, which the small NER missed, not the U.S.; session 37's audit).
UNTAGGED_SPEAKER = True


def _untagged_speaker_between(doc: "Document", ent: "SpacySpan", tok: "Token") -> bool:
    """Whether, after ``ent`` and before the pronoun ``tok``, a proper noun outside every entity is the subject of a
    verb of saying (``lexicon.SPEECH_VERBS``); not a common noun, which may describe the name ("Apple … the company
    said … It added")."""
    return any(t.dep_ in _SUBJECTS and t.pos_ == "PROPN" and not t.ent_type_
               and t.head.lemma_.lower() in SPEECH_VERBS for t in doc.body[ent.end:tok.i])


# Whether "he" / "she" stays unnamed when an unnamed person spoke after the nearest name and before the pronoun's
# sentence (session 33, from a report audit: "One of his friends told the Washington Post he had 'no doubt' … '… I am
# sure it is him,' he added." had credited the friend's words to "Al Shabab", named three sentences up).
UNNAMED_SPEAKER = True
# Singular nouns for an unnamed person who can be a speaker: roles, the anonymous heads, "one" ("one of his friends").
PERSON_NOUNS = (PERSON_ROLES | {h for h in ANONYMOUS_HEADS if not h.endswith(("s", "people", "staff", "police"))}
                 | {"one", "another", "relative", "neighbor", "neighbour", "victim", "survivor", "colleague", "boyfriend",
                    "girlfriend", "brother", "sister", "uncle", "aunt", "boy", "girl", "lady", "mum", "mom", "dad",
                    # session 41 (the thirteenth audit: "An Islamic State fighter denied … “…,” he said" went to the
                    # last name, al-Baghdadi): people in conflict and crime news
                    "fighter", "militant", "jihadist", "rebel", "soldier", "gunman", "hostage", "prisoner", "detainee",
                    "witness", "eyewitness", "protester", "pilot", "driver",
                    # session 43 (the fifteenth audit: "The YouTube prankster insists …" was YouTube's): people in
                    # entertainment, arts and sport news, whom a name before them only qualifies
                    "prankster", "youtuber", "vlogger", "comedian", "singer", "rapper", "celebrity", "presenter",
                    "author", "co-founder", "cofounder", "nurse", "chef", "artist", "photographer", "filmmaker",
                    "musician", "player", "coach", "athlete",
                    # session 44 (the sixteenth audit, on real political articles: "Trump's running mate, Indiana Gov.
                    # Mike Pence, plans …" was Trump's): people named by their relation to another
                    "mate", "spouse", "partner", "successor", "predecessor", "surrogate", "deputy", "counterpart",
                    # session 57 (the seventeenth audit: "Foley's killer emphasized … that Isis is a state" was Foley's):
                    # perpetrators of crime and war, whom a victim's name before them only qualifies, and more kin
                    "killer", "murderer", "captor", "kidnapper", "abductor", "attacker", "assailant", "executioner",
                    "assassin", "shooter", "bomber", "hijacker", "widow", "widower", "cousin", "nephew", "niece",
                    "grandmother", "grandfather", "fiance", "fiancee", "classmate", "roommate", "teenager"})


# Whoever asks is the one answered, not the one who answers ("… when a reporter asked if … ‘…,’ he said" is Obama).
ASKING_VERBS = frozenset({"ask", "question", "interview", "press", "query"})


def _indefinite(t: "Token") -> bool:
    """Whether a person noun brings in someone new: "a spokesman", "another official", "one of his friends" — not
    "the senator" or "his spokesman", which may be someone the body names."""
    if t.lower_ == "one":
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
    if t.lower_ == "another":
        return True  # "Another posted a photo …": another one of those just named
    return any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "another", "one", "some") for c in t.children)


# Whether a definite person noun speaking after the name ("“…,” the officer said") is the unnamed person an
# indefinite one brought in earlier in the window ("An army officer, who requested anonymity, said …"), so that
# "He said" next is that officer, not a name between (session 38's audit: Boko Haram, in "a Boko Haram hideout").
UNNAMED_DEFINITE = True


def _named_before(body: "SpacyDoc", t: "Token", first: int) -> bool:
    """Whether "the NOUN" ``t`` takes up "a NOUN" brought in as a speaker (:func:`_indefinite`, the subject of a verb
    of saying) between token ``first`` and it, outside every name ("An army officer … said …. “…,” the officer
    said"; not "A Macedonian man chopped … The man told medics", who is the man the caption named)."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
        return False
    lemma = t.lemma_.lower()
    return any(u.lemma_.lower() == lemma and u.ent_type_ not in NAME_LABELS and _indefinite(u)
               and u.dep_ in _SUBJECTS and u.head.lemma_.lower() in _SPEAKING_VERBS
               and not any(g.ent_type_ == "PERSON" for g in u.subtree)  # "a spokesperson …, Ahmed Rudaini, …"
               for u in body[first:t.i])


def _unnamed_speaker_after(doc: "Document", ent: "SpacySpan", start: int, gender: str) -> bool:
    """Whether, after the name ``ent`` and before the sentence of the pronoun at body offset ``start`` (within
    :data:`SALIENCE_SENTENCES` sentences), an unnamed person is the subject of a verb of saying or believing: a
    singular person noun (:data:`PERSON_NOUNS`) that brings in someone new (:func:`_indefinite`), outside every name
    and quotation, not of the other gender ("a woman said … he added" is not her); not one who asks
    (:data:`ASKING_VERBS`)."""
    tok = _token_at(doc, start)
    if tok is None:
        return False
    body = doc.body
    sents = _sent_starts(doc)
    quoted = quotes.in_document(doc)
    # a pronoun right after a quotation ("“… I am sure it is him,” he added") counts from the quotation's first
    # sentence: a quotation of several sentences is one turn of its speaker
    closed = next((q for q in quoted if tok.idx - 4 <= q[1] <= tok.idx and q[0] < tok.idx), None)
    ref = body.char_span(closed[0], closed[0] + 1, alignment_mode="expand") if closed else None
    at = ref[0].i if ref is not None and len(ref) else tok.i
    here = _sentence_of(doc, at)
    window = sents[max(0, here - SALIENCE_SENTENCES + 1)]
    first = max(ent.end, window)
    for t in body[first:sents[here]]:
        if (t.dep_ in _SUBJECTS and t.head.lemma_.lower() in _SPEAKING_VERBS - ASKING_VERBS
                and t.ent_type_ not in NAME_LABELS
                and t.lemma_.lower() in PERSON_NOUNS and t.tag_ in ("NN", "CD", "PRP", "DT")
                and (_indefinite(t) or (UNNAMED_DEFINITE and _named_before(body, t, window)))
                and GENDERED_TITLES.get(t.lemma_.lower(), gender) == gender
                and quotes.containing(quoted, t.idx) is None):
            return True
    return False


_GENDERED_NOUNS = {**GENDERED_TITLES, "woman": "f", "girl": "f", "man": "m", "boy": "m"}


# Whether "he" / "she" stays unnamed when the sentence before it, after the nearest name, is about an unnamed person of
# its gender: one it brings in ("a man", "a woman") while its subject is no person ("The video shows a man in
# camouflage clothes … He says they were dropped by US forces" is the man, not the Pentagon spokesman named before), or
# one who is its subject ("The militant at Foley's side started his speech … His statement referred to …" is the
# militant's, not Foley's). Session 57's audit: both had credited a militant's words to the wrong man.
UNNAMED_IN_VIEW = True


def _unnamed_in_view(doc: "Document", ent: "SpacySpan", start: int, gender: str) -> bool:
    """Whether the sentence right before the pronoun's at body offset ``start``, which ``ent`` (the nearest name) does
    not reach into as a subject, is about an unnamed person of ``gender`` (:data:`UNNAMED_IN_VIEW`)."""
    tok = _token_at(doc, start)
    if tok is None:
        return False
    sents = _sent_starts(doc)
    here = _sentence_of(doc, tok.i)
    if here == 0 or ent.start >= sents[here]:
        return False
    lo, hi = sents[here - 1], sents[here]
    if ent.start >= lo and ent.root.dep_ in _SUBJECTS:
        return False  # the name speaks or acts there: it stays the nearest
    body = doc.body
    window = sents[max(0, here - SALIENCE_SENTENCES)]  # how far back "a masked militant" may have been brought in
    subjects = [c for c in body[lo].sent.root.children if c.dep_ in _SUBJECTS]
    for s in subjects:  # "The militant at Foley's side started …": an unnamed person is the subject, one brought
        # in unnamed ("a masked militant … The militant"), not a role that may describe a name ("The Florida senator")
        lemma = s.lemma_.lower()
        if (s.tag_ == "NN" and s.ent_type_ not in NAME_LABELS and lemma in PERSON_NOUNS and lemma not in PERSON_ROLES
                and lemma not in ROLE_TITLES and _GENDERED_NOUNS.get(lemma, gender) == gender
                and (_indefinite(s) or any(u.lemma_.lower() == lemma and u.ent_type_ not in NAME_LABELS
                                           and _indefinite(u) for u in body[window:s.i]))):
            return True
    if any(s.pos_ == "PRON" or s.ent_type_ in NAME_LABELS or _people(s) for s in subjects):
        return False
    quoted = quotes.in_document(doc)
    return any(_GENDERED_NOUNS.get(t.lemma_.lower()) == gender and t.tag_ == "NN" and t.ent_type_ not in NAME_LABELS
               and _indefinite(t) and quotes.containing(quoted, t.idx) is None for t in body[max(lo, ent.end):hi])


def _unnamed_subject_over(doc: "Document", ent: "SpacySpan", start: int, gender: str) -> bool:
    """Whether the pronoun at body offset ``start`` sits in a clause whose subject, after the name ``ent``, is an
    unnamed person of its gender: "a woman who identified herself as a friend of Wilson called in … with what *she*
    said was the officer's version" is the woman, not Darren Wilson (session 35's audit)."""
    tok = _token_at(doc, start)
    if tok is None:
        return False
    for head in tok.ancestors:
        for t in head.children:
            after = ent.end_char <= t.idx or t.left_edge.idx <= ent.start_char <= t.right_edge.idx  # or inside it
            if (t.dep_ in _SUBJECTS and after and t.idx < tok.idx and t.ent_type_ not in NAME_LABELS
                    and _GENDERED_NOUNS.get(t.lemma_.lower()) == gender and _indefinite(t)):
                return True
    return False


def _token_at(doc: "Document", start: int) -> "Token | None":
    """The body token at character offset ``start``."""
    span = doc.body.char_span(start, start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _plural_between(doc: "Document", ent: "SpacySpan", start: int) -> bool:
    """Whether a plural common noun outside any entity stands between ``ent`` and body offset ``start``, in the
    sentence of ``start`` or the one before ("… Saez … But when the numbers were updated, they …")."""
    body = doc.body
    tok = _token_at(doc, start)
    if tok is None:
        return False
    sent = tok.sent
    first = max(ent.end, body[sent.start - 1].sent.start if sent.start > 0 else sent.start)
    return any(t.tag_ == "NNS" and not t.ent_type_ for t in body[first:tok.i])


def _chained(doc: "Document", start: int, ent: "SpacySpan", gender: str) -> "Token | None":
    """The subject pronoun of the same gender that the one at ``start`` continues, in place of the name ``ent``
    found before it: this sentence's subject when ``ent``, in this sentence after it, is not one ("He avoided
    criticism of Trump until he expressed …" is not Trump)."""
    body = doc.body
    tok = _token_at(doc, start)
    if tok is None:
        return None
    sent = tok.sent
    if ent.start >= sent.start and ent.root.dep_ not in _SUBJECTS:
        for t in body[sent.start:ent.start]:
            if t.dep_ in _SUBJECTS and PRONOUN_GENDER.get(t.lower_) == gender:
                return t
    return None


# The titles that introduce a person holding a role ("President Obama", "Sen. Graham"), by the role noun a later
# definite description uses for them ("the president", "the senator").
ROLE_TITLES: dict[str, frozenset[str]] = {
    "president": frozenset({"president"}), "senator": frozenset({"sen", "senator"}),
    "congressman": frozenset({"rep", "representative", "congressman"}),
    "congresswoman": frozenset({"rep", "representative", "congresswoman"}),
    "governor": frozenset({"gov", "governor"}), "mayor": frozenset({"mayor"}), "judge": frozenset({"judge"}),
    "justice": frozenset({"justice"}), "secretary": frozenset({"secretary"}), "minister": frozenset({"minister"}),
    "chancellor": frozenset({"chancellor"}), "speaker": frozenset({"speaker"}), "nominee": frozenset({"nominee"}),
    "candidate": frozenset({"candidate"}), "chairman": frozenset({"chairman"}), "chairwoman": frozenset({"chairwoman"}),
    # session 39's audit: "a Catholic priest" / "Father John Micheal O’Neal", "a prominent Saudi Arabian cleric" /
    # "Sheikh Mohammed Saleh al-Munajjid", "the spokesman" after "State Department spokesman Jeff Rathke"
    "priest": frozenset({"father", "fr", "rev", "reverend", "priest"}),
    "cleric": frozenset({"sheikh", "imam", "ayatollah", "cleric"}),
    "spokesman": frozenset({"spokesman"}), "spokeswoman": frozenset({"spokeswoman"}),
    # session 43's audit: "the analyst" after "analyst Gene Munster"
    "analyst": frozenset({"analyst"}), "expert": frozenset({"expert"}), "spokesperson": frozenset({"spokesperson"}),
}


def _titled(body: "SpacyDoc", ent: "SpacySpan", titles: frozenset[str]) -> bool:
    """Whether one of ``titles`` opens the name ``ent`` or stands just before it with only title-case words
    between ("Republican nominee Donald Trump", "Sen. Graham", "Secretary of State John Kerry"; not "… the
    judge. Brafman said", nor "Vice President Biden" for "president")."""
    for i in range(ent.start, max(ent.start - 4, -1), -1):
        tok = body[i]
        if tok.lower_.rstrip(".") in titles:
            return i == 0 or body[i - 1].lower_ != "vice"
        if i < ent.start and (tok.is_punct or not (tok.is_title or tok.is_upper or tok.lower_ == "of")):
            return False
    return False


def titled_antecedent(doc: "Document", start: int, role: str) -> str | None:
    """The person a definite description of a role refers back to ("the president" → "Barack Obama"): the
    nearest PERSON mention ending before body offset ``start`` that the text introduced with that role's title
    ("President Barack Obama", "Sen. Lindsey Graham", "Republican nominee Donald Trump"), in full; else None."""
    titles = ROLE_TITLES.get(role)
    if titles is None:
        return None
    best = next((ent for ent in _ents_before(doc, start)
                 if ent.label_ == "PERSON" and is_name(ent) and _titled(doc.body, ent, titles)), None)
    return None if best is None else _in_full(doc, best, namesake=False)  # "President Bush" is not Jeb


# How far after an indefinite role ("a Lebanese interior minister confirmed …") :func:`titled_successor` looks for the
# person the text then names with that title ("Interior Minister Nouhad Mashnuq told …"), in characters.
SUCCESSOR_WINDOW = 2000


def _new_person(doc: "Document", ent: "SpacySpan", end: int) -> str | None:
    """``ent`` in full, unless the body named that person before offset ``end`` (then a description before ``end``
    is someone else)."""
    words = set(_words(_without_possessive(ent.text)))
    if any(e.label_ == "PERSON" and set(_words(e.text)) & words for e in _ents_before(doc, end)):
        return None
    return _in_full(doc, ent, namesake=False)


def titled_successor(doc: "Document", end: int, role: str, qualifiers: Iterable[str]) -> str | None:
    """The person an indefinite description of a role ("a Lebanese interior minister") goes on to name: the nearest
    PERSON starting after body offset ``end``, within :data:`SUCCESSOR_WINDOW` characters, whose title is the role's
    with every one of ``qualifiers`` (lower-case words of the description, "interior") among the title-case words
    before it ("Interior Minister Nouhad Mashnuq"), in full; None when there is none or the body named that person
    before ``end`` (then the description is someone else)."""
    titles = ROLE_TITLES.get(role)
    if titles is None:
        return None
    wanted = set(qualifiers)
    ents, starts, _ = body_ents(doc)
    for ent in ents[bisect.bisect_left(starts, end):]:
        if ent.start_char > end + SUCCESSOR_WINDOW:
            break
        if ent.label_ != "PERSON" or not is_name(ent) or not _titled(doc.body, ent, titles):
            continue
        before = {t.lower_.rstrip(".") for t in doc.body[max(ent.start - 4, 0):ent.start] if t.is_title or t.is_upper}
        if not wanted <= before:
            continue
        return _new_person(doc, ent, end)
    return None


def described_successor(doc: "Document", end: int, head: str) -> str | None:
    """The person an indefinite description ("A former American soldier from Wisconsin …") goes on to name with the
    same noun in apposition: the nearest PERSON starting after body offset ``end``, within :data:`SUCCESSOR_WINDOW`
    characters, followed in its sentence by an apposition headed by ``head`` ("Jordan Matson, 28, a former U.S. Army
    soldier"), in full; None when there is none or the body named that person before ``end``."""
    ents, starts, _ = body_ents(doc)
    body = doc.body
    for ent in ents[bisect.bisect_left(starts, end):]:
        if ent.start_char > end + SUCCESSOR_WINDOW:
            break
        if ent.label_ != "PERSON" or not is_name(ent) or ent.end >= len(body) or body[ent.end].text != ",":
            continue
        stop = min(ent.end + 12, ent.sent.end)
        if not any(t.lemma_.lower() == head and t.tag_ == "NN" and t.dep_ == "appos"
                   and (ent.start <= t.head.i < ent.end or ent.start <= t.head.head.i < ent.end)
                   for t in body[ent.end:stop]):
            continue
        return _new_person(doc, ent, end)
    return None


# Whether an unnamed person who opens the article ("A husband who thought he had lost a recording of his late wife's
# voice has described the moment … as "wonderful"") is the person the next sentence names as its subject ("Stan
# Beaton, from Mirfield, had kept the voicemail …"): the delayed identification of a news lede (session 42's audit: the
# husband was an anonymous source beside Stan Beaton).
LEDE_SUCCESSOR = True


def lede_successor(doc: "Document", subj: "Token", end: int) -> str | None:
    """For the head ``subj`` of an indefinite person noun that is a subject in the body's first sentence: the PERSON
    who is the subject of the second sentence's root, in full (:data:`LEDE_SUCCESSOR`); None otherwise, or when the
    body named that person before offset ``end``."""
    sents = _sent_starts(doc)
    if len(sents) < 2 or _sentence_of(doc, subj.i) != 0 or subj.lemma_.lower() not in PERSON_NOUNS:
        return None
    second = doc.body[sents[1]:sents[2] if len(sents) > 2 else len(doc.body)]
    root = second.root
    who = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    if who is None or who.ent_type_ != "PERSON":
        return None
    ents, starts, _ = body_ents(doc)  # the cached entities: Doc.ents builds new spans on each access
    k = bisect.bisect_right(starts, who.idx) - 1
    ent = ents[k] if k >= 0 and ents[k].start <= who.i < ents[k].end else None
    return _new_person(doc, ent, end) if ent is not None and is_name(ent) else None


def outlet_antecedent(doc: "Document", start: int, noun: str) -> str | None:
    """The news outlet "the ``noun``" refers back to ("the paper" → "The Washington Post", "the network" → "CNN"):
    the nearest name ending before body offset ``start`` within :data:`ANTECEDENT_WINDOW` characters that has one of
    that noun's outlet words in it (:data:`lexicon.OUTLET_NAME_WORDS`), in full; else None."""
    from .lexicon import OUTLET_NAME_WORDS

    wanted = OUTLET_NAME_WORDS.get(noun)
    if not wanted:
        return None
    for ent in _ents_before(doc, start):
        if ent.end_char < start - ANTECEDENT_WINDOW:
            break
        if ent.label_ in ("ORG", "PERSON", "WORK_OF_ART", "GPE") and is_name(ent) and set(
                w.lower() for w in _words(ent.text)) & wanted:
            return _in_full(doc, ent)
    return None


def resolve(doc: "Document", mention: Mention) -> str | None:
    """The full name a mention stands for in ``doc``'s body, or None when it names no one.

    ``mention`` is a string ("Putin", "Mr. Trump") or something with body offsets (a spaCy
    span/token of the body, or a :class:`onrecord.report.Span`). A name resolves to the longest
    PERSON / ORG / GPE / NORP entity of the body that contains all its name words ("Putin" →
    "Vladimir Putin" when the body names him fully anywhere; otherwise the name itself). A
    pronoun ("he", "they") or relative pronoun ("who") needs offsets: it resolves to the nearest
    earlier compatible entity, he/she to a PERSON, it to an ORG/GPE, they to an ORG/NORP; a
    relative pronoun to the noun its clause modifies. First-person pronouns and lower-case
    common nouns ("officials") resolve to None.
    """
    text, start = _start_of(doc, mention)
    key = text.strip().lower()
    if key in PRONOUN_LABELS or key in RELATIVE_PRONOUNS:
        if start is None:
            return None
        if key in RELATIVE_PRONOUNS:
            return _relative_antecedent(doc, start)
        return _antecedent(doc, start, PRONOUN_LABELS[key], PRONOUN_GENDER.get(key), key in SALIENT_PRONOUNS)
    if key in NOT_NAMES:
        return None
    words = _words(text)
    full = _full_name(doc, words)
    if full is not None:
        return full
    if text[:1].isupper() and words:
        return re.sub(r"['’]s$", "", text.strip())
    return None


# Whether "who" hung by the parse on a noun for no person stands for the people named right before its comma, inside
# that noun's phrase ("running battles with Nigerian security forces, who say …"; session 38's audit).
WHO_NEAREST_PEOPLE = True
_ARMED_PEOPLE = frozenset({"force", "troop", "soldier", "militant", "fighter", "rebel", "guard", "army", "militia",
                           "police", "insurgent", "protester", "protestor", "activist", "worker", "student", "fan"})


def _people(t: "Token") -> bool:
    """Whether a noun stands for a person or people: a name of a person, group or nationality, or a person noun."""
    lemma = t.lemma_.lower()
    return (t.ent_type_ in ("PERSON", "ORG", "NORP") or lemma in PERSON_NOUNS or t.lower_ in ANONYMOUS_HEADS
            or lemma in _ARMED_PEOPLE)


def relative_antecedent(tok: "Token") -> "Token | None":
    """The noun a relative pronoun token refers to: the head of the relative clause it opens
    ("Smith, who said …" → Smith; "officials, who said …" → officials), or None outside one."""
    clause = tok.head
    while clause.dep_ != "relcl" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "relcl":
        return None
    noun = clause.head
    if tok.lower_ in PERSON_RELATIVES:
        # "who" stands for a person, so not for a thing named after the person noun the parse hung it on: "a
        # student at Canterbury Christ Church University who claims …" is the student, "a spokesman for Google,
        # who said …" the spokesman
        while noun.ent_type_ in THING_LABELS and noun.dep_ == "pobj" and noun.head.dep_ == "prep" \
                and noun.head.head.lemma_.lower() in PERSON_NOUNS:
            noun = noun.head.head
        if noun.dep_ == "appos" and noun.head.ent_type_ == "PERSON" and noun.head.i < noun.i:
            noun = noun.head  # "Jess Smith, a student at …, who claims …" is Jess Smith
        if WHO_NEAREST_PEOPLE and not _people(noun) and tok.i >= 2 and tok.doc[tok.i - 1].text == ",":
            near = tok.doc[tok.i - 2]
            if near.i > noun.i and noun.is_ancestor(near) and _people(near):
                noun = near  # "holding running battles with Nigerian security forces, who say …": the forces
    first = noun.left_edge.i
    if noun.pos_ == "NUM" and first >= 2 and noun.doc[first - 1].text == "," \
            and noun.doc[first - 2].pos_ in ("NOUN", "PROPN"):
        noun = noun.doc[first - 2]  # "his girlfriend, also 22, who forgot …": an age is no antecedent, she is
    return noun


def _relative_antecedent(doc: "Document", start: int) -> str | None:
    """The name (else the noun phrase up to its noun) a relative pronoun at ``start`` refers to."""
    span = doc.body.char_span(start, start + 1, alignment_mode="expand")
    noun = relative_antecedent(span[0]) if span is not None and len(span) else None
    if noun is None:
        return None
    np = doc.body[noun.left_edge.i:noun.i + 1]
    return resolve(doc, np) or np.text
