"""Attribution: who said or believes what, with the source, cue and content spans in the body.

Rules over the spaCy dependency parse:

* a speech verb (``lexicon.SPEECH_VERBS``) with a clausal complement or an adjacent quotation →
  ``indirect`` or ``direct_quote`` (the content is a quotation);
* a belief verb / adjective / noun ("believes that", "is confident that", "Putin's confidence
  that", "may perceive Trump as …", "From X's perspective, …") → ``belief``;
* "according to X, …" → ``indirect``;
* a source the text leaves unstated ("X is expected to …", "reportedly", "Asked whether …") → an
  attribution with an empty source span at the cue, kind ``anonymous`` (:func:`_unstated`).

A quotation counts only when a cue introduces it, so scare quotes (his "America First"
doctrine) give nothing. A quotation whose paragraph ends without a closing mark continues into
the next paragraph when that one opens with a quote mark (news convention). An attribution is
``hedged`` when the author hedges the attribution itself: a speculative modal or hedge adverb on
the cue ("Putin may believe", "reportedly said"), a hedging frame ("is said to believe",
"seems to think"), or a condition or open question the cue's clause is ("if they feel …",
"whether he said …").

Span conventions follow PolNeAR: the source is the subject noun phrase, the cue the verb (or
"according to"), the content the complement clause including "that" and any quotation marks,
without the sentence-final full stop.
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import itertools
import re
from typing import TYPE_CHECKING, Iterable, Iterator

from .. import attribution_features as af
from .. import lexicon, models, names
from .. import quotes as quotations
from ..quotes import OPEN_QUOTES, find_quotes  # noqa: F401 (find_quotes: the analyzer's tests and callers)
from ..quotes import mark_at as _mark_at
from ..report import Attribution, Source, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from ..nlp import Document

FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
# Indefinite and quantifying pronouns ("some said", "many believe", "everyone knows") refer to no one in
# particular: such a source is anonymous, not a pronoun to resolve to an earlier name.
INDEFINITE_PRONOUNS = frozenset({"some", "many", "most", "others", "several", "few", "all", "both", "everyone",
                                 "everybody", "someone", "somebody", "anyone", "anybody", "nobody", "none",
                                 "one", "each", "any", "either", "neither"})
# Belief verbs whose content is "X as Y" ("Putin could see Trump as someone who …").
AS_VERBS = frozenset({"see", "view", "perceive", "regard", "consider"})
# Verbs that, governing a cue, hedge it: "is said to believe", "seems to think".
HEDGING_FRAMES = frozenset({"say", "seem", "appear", "report", "rumor", "rumour", "believe", "think"})
# Words that signal a sentence-initial frame for a belief ("From Putin's perspective, …").
FRAME_NOUNS = frozenset({"perspective", "view", "viewpoint", "opinion", "mind"})
AGENT_KINDS = frozenset({"named_person", "named_org", "pronoun", "author"})
# Speech verbs that also report inference ("This approach suggested that …"): a cue only with an agent.
INFERENCE_VERBS = frozenset({"suggest", "indicate", "signal", "hint", "point", "reveal", "show", "mean", "imply"})
# Records that can show something as a source does ("a new poll shows …", "FEC records show …"): PolNeAR marks them
# as sources, unlike "this approach suggests". Whether they count: EVIDENCE_SOURCES.
EVIDENCE_NOUNS = lexicon.EVIDENCE_NOUNS
EVIDENCE_SOURCES = True
# Source kinds (report.SOURCE_KINDS) beyond names, pronouns and unnamed people. A source headed by one of these
# nouns, with no name in it, is a ``record`` — a thing the author cites, not a person ("the ruling", "his
# 'America First' doctrine"; "reports say" stays anonymous sourcing, see lexicon.ANONYMOUS_HEADS).
RECORD_HEADS = EVIDENCE_NOUNS - {"number"} | frozenset({  # "a number of experts" is the experts
    "statement", "ruling", "decision", "verdict", "opinion", "order", "platform", "policy", "doctrine", "plan",
    "proposal", "initiative", "referendum", "bill", "law", "website", "site", "ad", "advertisement", "commercial",
    "letter", "book", "article", "editorial", "slide", "chart", "map", "average", "estimate", "projection",
    "writeup", "write-up",  # "Snopes.com also has a writeup …, which says: “…”" (session 38's second audit)
    "forecast", "model", "tweet", "post", "message", "release", "announcement", "evidence", "history", "tape",
    "recording", "audio", "calendar", "budget", "agreement", "treaty", "resolution", "complaint", "lawsuit",
    "indictment", "testimony", "speech", "interview", "paper", "page", "note", "guideline", "rule", "autopsy",
    "version",  # "An earlier version of this article stated …"
    "test",  # "A DNA test had confirmed the child … is Baghdadi's son" (session 39's audit)
    "return",  # "Clinton won the Democratic primary in Puerto Rico, according to early returns" (session 45)
})
_QUALIFIED_HEADS = lexicon.ANONYMOUS_HEADS | lexicon.PERSON_ROLES  # heads a name before them only qualifies
# Whether a kinship or other person noun is such a head too: "Woodard's brother, Allen, expressed …" is Allen, and
# "Woodard's brother" unnamed, not Woodard (session 40's audit credited Jeremy Woodard with his brother's words).
PERSON_NOUN_HEADS = True
_PERSON_NOUN_HEADS = names.PERSON_NOUNS - _QUALIFIED_HEADS - {"one", "another"}
# Whether any plural common noun is such a head: "UK banks, which stated …" are unnamed banks, as "British banks" are,
# not the UK (session 38's audit); "Clinton's campaign" and "the IMF report" stay named.
PLURAL_HEADS_QUALIFIED = True
_NAMING_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
_OUTLET_PLURALS = frozenset({"media", "medium", "outlet", "newspaper", "paper",  # and a name's words:
                             "comment", "remark", "word", "tweet", "post", "letter", "email", "testimony"})
# Determiners that make a noun phrase point at someone or something the text has in view ("the president",
# "his lawyer", "this group"): such a source is a ``description``, not an anonymous one.
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "his", "her", "its", "their"})
# Whether a sentence opening "In <a poll>, …" credits the poll with the clause (PolNeAR's cue "In").
POLL_FRAMES = True
POLL_NOUNS = frozenset({"poll", "survey", "polling"})
# Verbs whose bare object is the addressee, not what is said ("told reporters").
ADDRESSEE_VERBS = frozenset({"tell", "inform", "ask", "answer", "urge", "thank"})
# Verbs whose object is never what is said ("maintained a relationship"); inference verbs too.
NO_OBJECT_CONTENT = frozenset({"maintain", "post", "observe", "add", "point"}) | INFERENCE_VERBS
OBJECT_DEPS = frozenset({"dobj", "oprd", "xcomp", "ccomp", "dative", "attr"})
_TRAIL = " \t\n\xa0,;:—–-."
_SOURCE_TRAIL = " \t\n\xa0,;:—–-"  # a source keeps a final full stop ("R-Tenn.")


# --------------------------------------------------------------------------- spans

def _text(doc: "Doc") -> str:
    """The Doc's text (spaCy rebuilds ``Doc.text`` on every access; keep one copy)."""
    text = doc.user_data.get("onrecord.text")
    if text is None:
        text = doc.user_data["onrecord.text"] = doc.text
    return text


def _span(doc: "Doc", first: int, last: int) -> tuple[int, int]:
    """Character range of tokens ``first..last`` with trailing punctuation and spaces trimmed."""
    return _strip(_text(doc), doc[first].idx, doc[last].idx + len(doc[last]))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``start..end`` without surrounding spaces and punctuation (a final full stop included)."""
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    while start < end and text[start] in " \t\n\xa0,;:—–-":
        start += 1
    return start, end


def _subtree(tok: "Token") -> tuple[int, int]:
    return _span(tok.doc, tok.left_edge.i, tok.right_edge.i)


def _np(tok: "Token") -> tuple[int, int]:
    """A source noun phrase: the token's whole subtree (appositions and relative clauses
    included, as PolNeAR marks sources), without a dateline or heading before a line break or dash, nor a closing
    quotation mark or comma the parse hung on it."""
    doc = tok.doc
    first = tok.left_edge.i
    for j in range(tok.i - 1, first - 1, -1):
        if "\n" in doc[j].text_with_ws or doc[j].text in ("—", "--", "–"):
            first = j + 1
            break
    while first < tok.i and doc[first].text in _CLOSING_MARKS:  # "” Flynn, a top Trump surrogate": the quote's end
        first += 1
    return _span(doc, first, tok.right_edge.i)


_CLOSING_MARKS = frozenset({"”", ","})


def _snap_to_quotes(start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """Grow a content range to the whole of every quotation it touches."""
    for qs, qe in quotes:
        if qs < end and start < qe:
            start, end = min(start, qs), max(end, qe)
    return start, end


def _quoted_share(start: int, end: int, text: str, quotes: list[tuple[int, int]]) -> float:
    inside = sum(max(0, min(end, qe) - max(start, qs)) for qs, qe in quotes)
    return inside / max(1, len(text[start:end].strip()))


# --------------------------------------------------------------------------- sources

def _subject(verb: "Token") -> tuple["Token | None", list["Token"]]:
    """The subject of a cue verb and any hedging frame words found on the way up.

    Climbs through conjunctions ("smiled and said"), participles ("…, saying"), and frames
    ("is said to believe", "seems to think").
    """
    frame: list["Token"] = []
    stolen = _inverted_subject(verb) if INVERTED_SUBJECTS else None
    if stolen is None and INVERTED_CLOSERS:
        stolen = _inverted_closer(verb)
    if stolen is not None:
        return stolen, frame
    tok = verb
    if PARTICIPLE_FRAMES and verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "acl", "advcl"):
        head = verb.head
        if verb.dep_ == "advcl":  # "…, with one fan asking on a site: …": the parse hung "with" on the clause
            with_ = next((c for c in head.children if c.lower_ == "with" and c.dep_ == "prep" and c.i < verb.i), None)
            head = with_ if with_ is not None and with_.right_edge.i == verb.i - 1 else head
        if verb.dep_ in ("pcomp", "advcl") and head.lower_ == "with":  # "with Martin O'Malley calling Trump a fascist"
            pobj = next((c for c in head.children if c.dep_ == "pobj" and c.i < verb.i), None)
            if pobj is not None:
                return pobj, frame
        elif head.lower_ in ("point", "time") and head.dep_ == "pobj" and head.head.dep_ == "prep":
            tok = head.head.head  # "…, at one point calling the mayor a “liar”": the clause's subject
        elif (GERUND_SPEAKERS and verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in _GERUND_PREPOSITIONS
              and verb.lemma_.lower() in _GERUND_VERBS):
            tok = head.head  # "began by saying he would …", "criticized for saying that …": the clause's subject
            while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and tok.dep_ in ("advmod", "prep"):
                tok = tok.head  # "aside from saying …"
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ == "nsubj" and not _labels_subject(c)]
        if (RELATIVE_NOT_SPEAKER and len(subjects) > 1 and subjects[0].lower_ in names.RELATIVE_PRONOUNS
                and subjects[-1].lower_ not in names.RELATIVE_PRONOUNS):
            return subjects[-1], frame  # "the system, which advocates say disadvantages schools": the advocates say
        if QUOTED_TITLES and subjects and _quoted_title(subjects[0], tok):
            speaker = _name_after_quote(tok)
            if speaker is not None:
                return speaker, frame
        if subjects:
            return subjects[0], frame
        for c in tok.children:
            if c.dep_ == "agent":
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                if pobj:
                    return pobj[0], frame
        for c in tok.children:
            if c.dep_ == "nsubjpass" and tok.i != verb.i:
                return c, frame
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in HEDGING_FRAMES:
            head = tok.head
            frame.extend(c for c in head.children if c.dep_ in ("aux", "auxpass"))
            frame.append(head)
            tok = head
        elif tok.dep_ in ("conj", "xcomp") or (tok.dep_ == "advcl" and tok.tag_ == "VBG"):
            tok = _reporting_conjunct(tok) if CONJOINED_REPORTS and tok.dep_ in ("conj", "advcl") else tok.head
        else:
            return None, frame
    return None, frame


# Whether a speech verb with two subjects, a relative pronoun and a noun ("the state funding system, which advocates
# say disadvantages needy schools"), takes the noun as its speaker: the pronoun is the subject of what they say
# (session 44's audit: the funding system was the source).
RELATIVE_NOT_SPEAKER = True


def _relative_beside_subject(body: "SpacyDoc", span: af.TokenSpan) -> bool:
    """Whether a tagged source opens with a relative pronoun that is a subject beside another subject of the same verb
    in the span ("which advocates" of "…, which advocates say disadvantages …") (:data:`RELATIVE_NOT_SPEAKER`)."""
    first = body[span[0]]
    return span[1] > span[0] and first.lower_ in names.RELATIVE_PRONOUNS and first.dep_ == "nsubj" and any(
        body[i].dep_ == "nsubj" and body[i].head.i == first.head.i for i in range(span[0] + 1, span[1] + 1))


# Whether a participle of saying takes its subject from the frame the parse gave it: the noun of "with" in "…, with
# Martin O'Malley calling Trump a fascist", the clause's subject in "…, at one point calling the mayor a “liar”"
# (session 41, PolNeAR train: no attribution).
PARTICIPLE_FRAMES = True


# Whether a speech verb's gerund after a preposition ("began by saying he would never …", "was criticized for saying
# that …", "aside from saying he wants …", "After saying her foot was swollen, Clinton …") takes the subject of the clause
# the preposition belongs to (session 46: six such "saying" cues missed on PolNeAR dev).
GERUND_SPEAKERS = True
_GERUND_PREPOSITIONS = frozenset({"by", "for", "after", "from", "before", "despite", "since"})  # not "it goes without
# saying", nor "is not alone in saying" (the frame's negation would negate the report)
_GERUND_VERBS = frozenset({"say"})  # all speech verbs: 32 more on PolNeAR dev + 150, about half wrong


# Whether a speech verb after a quotation takes back the subject the parse gave to a verb after it: in "“…,” said
# David Brock, a Clinton confidant who heads the super PAC Correct the Record" and "“…,” said Ben Carson, asked
# about his claims" the small model makes Brock the subject of "Correct" and Carson of "asked", leaving "said" none.
INVERTED_SUBJECTS = True

# Whether the speech verb of a split quotation takes back its subject when the parse hung the verb under the quotation's
# second half and gave that half the name: in "“The risk,” said Edward Leamer, an economist …, “is that …”" the small
# model makes "said" a parataxis of "is" and Leamer the subject of "is" (session 41, PolNeAR train).
SPLIT_QUOTATIONS = True

# Whether the speech verb after a quotation, with no subject, takes the noun phrase the parse made its object: "“…,”
# added a South Carolina Democrat."; "''…?'' asked Mr. Manafort, referring to …" (session 41: no attribution).
INVERTED_OBJECTS = True
# The speech verbs that put their speaker after them: "“…,” added a South Carolina Democrat".
INVERTING_VERBS = frozenset({"say", "add", "ask", "write", "explain", "continue", "reply", "note", "recall", "insist",
                             "argue", "counter", "quip", "remark", "respond", "declare", "conclude", "exclaim",
                             "observe", "tweet", "warn", "joke"})  # not "tell": "“…,” told reporters" is whom


def _inverted_subject(verb: "Token") -> "Token | None":
    """The subject of a quotation's speech verb ("“…,” said NAME, …") that the parse attached to a later verb: the
    verb follows a closing quotation mark and has no subject of its own, and a clause it governs has a subject
    starting just after it."""
    doc = verb.doc
    # finite only: in "“New York values,” saying the city …" the participle's subject is its clause's
    finite = verb.tag_ in ("VBD", "VBZ", "VBP")
    if not finite or verb.i == 0 or doc[verb.i - 1].tag_ != "''" or verb.lemma_.lower() not in lexicon.SPEECH_VERBS:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "agent", "expl") for c in verb.children):
        return None
    for c in verb.rights:
        if c.dep_ in ("ccomp", "conj", "advcl"):  # a clause, however tagged ("Correct" the Record: NNP)
            subj = next((g for g in c.lefts if g.dep_ == "nsubj" and g.left_edge.i == verb.i + 1), None)
            if subj is not None and subj.pos_ in ("PROPN", "NOUN"):
                return subj
    head = verb.head
    if SPLIT_QUOTATIONS and verb.dep_ in ("parataxis", "ccomp") and head.i > verb.i:
        subj = next((g for g in head.lefts if g.dep_ == "nsubj" and g.left_edge.i == verb.i + 1), None)
        if subj is not None and subj.pos_ == "PROPN":
            return subj
    if INVERTED_OBJECTS and verb.lemma_.lower() in INVERTING_VERBS:
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        if (obj is not None and obj.pos_ in ("PROPN", "NOUN") and obj.left_edge.i == verb.i + 1
                and (obj.right_edge.i + 1 >= verb.sent.end or doc[obj.right_edge.i + 1].is_punct)):
            return obj  # (not "“Can't Stop, Won't Stop,” describes the song as …": a title's verb and its object)
    return None


# Whether a subject the parse found after the verb inside quotation marks — a quoted programme title ("“…,” Flynn, a top
# Trump surrogate, said Thursday morning on Fox News's “Fox and Friends.”") — gives way to the name between the closing
# quote mark and the verb (session 44's audit: "Fox and Friends" was the speaker; session 45).
QUOTED_TITLES = True


def _quoted_title(subj: "Token", verb: "Token") -> bool:
    """Whether ``subj`` follows ``verb`` and opens just after a quotation mark (:data:`QUOTED_TITLES`)."""
    return subj.i > verb.i and subj.left_edge.i > 0 and subj.doc[subj.left_edge.i - 1].is_quote


def _name_after_quote(verb: "Token") -> "Token | None":
    """The first proper name after the last closing quotation mark before ``verb`` and before it ("” Flynn, a top
    Trump surrogate, said"), or None when no quotation mark closes in the verb's sentence before it."""
    start = verb.sent.start
    close = next((i for i in range(verb.i - 1, start - 1, -1) if verb.doc[i].is_quote), None)
    if close is None:
        return None
    return next((t for t in verb.doc[close + 1:verb.i] if t.pos_ == "PROPN" and t.ent_type_ == "PERSON"), None)


# Whether a speech verb that closes its sentence after a comma and the clause it reports takes the noun phrase after it
# as its subject when the parse made that phrase its object or gave the verb a second subject before it: "… is not the
# end of the violence from this group warn officials."; "… to identify “Jihadi John,” the man seen in the video with
# Foley, reports the Telegraph." (session 35's audit: sources "this group" and "the man seen in the video").
INVERTED_CLOSERS = True


# Whether such a verb may also be a conjunct the parse hung on the clause before it: "The Olberholtzers sold the
# truck …, confirmed Marc Cannon, senior vice-president …" (the Olberholtzers were the source and Cannon the content);
# "…, said one person." (no attribution; session 41's audit). Not a verb whose object is whom it addresses ("…, told
# reporters").
CONJOINED_CLOSERS = True
_ADDRESSING_VERBS = frozenset({"tell", "ask", "inform", "warn", "urge", "remind", "assure", "notify", "brief", "thank"})


def _inverted_closer(verb: "Token") -> "Token | None":
    """The subject of "CLAUSE[,] VERB NOUN-PHRASE." (:data:`INVERTED_CLOSERS`): a finite speech verb with a clausal
    complement before it and one noun phrase after it, its object or a subject, that runs to the sentence's end; None
    when the verb has a subject of its own before it that is not also the complement's appositive."""
    doc = verb.doc
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.lemma_.lower() not in lexicon.SPEECH_VERBS:
        return None
    prev = doc[verb.i - 1]
    conjoined = (CONJOINED_CLOSERS and verb.dep_ == "conj" and verb.head.i < verb.i and prev.text == ","
                 and verb.lemma_.lower() not in _ADDRESSING_VERBS
                 and not any(c.dep_ == "cc" and verb.head.i < c.i < verb.i for c in verb.head.children))
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    if not (conjoined or clauses) or prev.is_quote:
        return None  # after a closing quote mark ("“…,” says KFC spokesperson William Rausch") the quotation rules
    if not conjoined and prev.text != "," and not any(c.left_edge.i <= prev.i <= c.right_edge.i for c in clauses):
        return None  # words between the clause and the verb are its subject, however parsed ("…,” WHO director … told"
    after = [c for c in verb.children if c.i > verb.i and not c.is_punct]
    if len(after) != 1 or after[0].dep_ not in ("dobj", "nsubj") or after[0].pos_ not in ("NOUN", "PROPN"):
        return None
    noun = after[0]
    if conjoined and not clauses and noun.pos_ != "PROPN" and noun.lemma_.lower() not in names.PERSON_NOUNS \
            and noun.lemma_.lower() not in lexicon.ANONYMOUS_HEADS:
        return None  # "…, at Monday's debate, cited derogatory comments …": an object, not a speaker
    if noun.dep_ == "dobj" and verb.tag_ == "VBD" and verb.lemma_.lower() in _ADDRESSING_VERBS:
        return None  # "…, told reporters.": whom the verb addresses ("…, warn officials." agrees as a subject)
    rest = doc[noun.right_edge.i + 1:verb.sent.end]
    if noun.left_edge.i != verb.i + 1 or any(not (t.is_punct or (SPACE_ENDS and t.is_space)) for t in rest):
        return None
    before = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if noun.dep_ == "dobj" and before:
        return None  # "Officials warn residents": a subject before, the object is the one warned
    if before and not (doc[verb.i - 1].text == "," and doc[before[0].left_edge.i - 1].text in (",", "”", "\"")):
        return None  # a second subject only when set off as an apposition of the clause before
    return noun


def _stolen_by(verb: "Token") -> bool:
    """Whether ``verb``'s subject is the inverted subject of the speech verb governing it (:func:`_inverted_subject`)."""
    subj = _inverted_subject(verb.head)
    return subj is not None and subj.head == verb


def _labels_subject(subj: "Token") -> bool:
    """Whether ``subj`` is a label before a colon that the parse took for a second subject: "Correction: An earlier
    version of this article stated …" (session 35's audit) is the version's statement."""
    doc = subj.doc
    return subj.i + 1 < len(doc) and doc[subj.i + 1].text == ":" and any(
        c.dep_ == "nsubj" and c.i > subj.i for c in subj.head.children)


# Whether ", citing X" after a reported clause is the reporter's citing even when that clause's subject could speak:
# "The Chosun Ilbo reported that the North had fired a missile, citing a government official" (the audits' Chosun
# Ilbo report) — reporters cite sources, the people they report on rarely do (session 38).
CITING_REPORTER = True

# Whether a report conjoined by the parse to the clause another report reports takes that report's subject:
# "Babici said that children engage in … and added that …" is Babici adding, not the children (session 34's audit).
CONJOINED_REPORTS = True
_REPORTING = lexicon.SPEECH_VERBS | lexicon.BELIEF_VERBS


def _reporting_conjunct(tok: "Token") -> "Token":
    """The verb whose subject a conjoined ``tok`` (or a participle after a comma) shares: its head, or — when ``tok``
    reports and its head is no report but the reported clause of one ("said that children engage … and added that …",
    "said the deal was off, citing sources") — that outer report."""
    head = tok.head
    if tok.dep_ == "advcl":  # "X said the deal was off, citing sources": X cites, not the deal
        participle = tok.tag_ == "VBG" and any(t.text == "," for t in tok.doc[head.i:tok.i])
        if participle and tok.lemma_.lower() in _REPORTING and head.lemma_.lower() not in _REPORTING \
                and head.dep_ == "ccomp" and head.head.lemma_.lower() in _REPORTING and head.head.i < head.i \
                and (not any(c.dep_ == "nsubj" and _may_speak(c) for c in head.children)
                     or (CITING_REPORTER and tok.lemma_.lower() in _CITING)):
            return head.head  # "Johnson says Brown stopped, … saying he would comply": Brown says it
        return head
    if (tok.lemma_.lower() in _REPORTING and head.lemma_.lower() not in _REPORTING and head.dep_ == "ccomp"
            and head.head.lemma_.lower() in _REPORTING and head.head.i < head.i
            and tok.tag_ == head.head.tag_ != head.tag_):
        # the tense says whose: "said that children engage … and added" (added: said's tense, not engage's);
        # "Johnson says Brown stopped, turned … and said" is Brown's (said: stopped's tense, not says')
        return head.head
    return head


def _may_speak(tok: "Token") -> bool:
    """Whether a subject can say or believe anything: a name, a pronoun, or a noun for people or an institution
    ("officials", "the company"), not a thing ("the deal")."""
    lemma = tok.lemma_.lower()
    return (tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or lemma in names.PERSON_NOUNS or lemma in lexicon.ANONYMOUS_HEADS or lemma in lexicon.INSTITUTION_HEADS
            or lemma in _SPEAKING_BODIES)


_SPEAKING_BODIES = frozenset({"company", "group", "firm", "campaign", "team", "agency", "party"})


def _source(doc: "Document", subj: "Token") -> Source:
    return _source_at(doc, subj, *_np(subj))


# A wire story's dateline opening a paragraph ("RENO, Nev. (AP) — ", "LONDON (Reuters) - ", "WASHINGTON — "): not
# part of a source that follows it. Groups: the place in capitals, a state or country and a date after commas
# ("BUNBURY, Australia, Oct. 16 (UPI) -- "; session 38's audit), the agency.
_DATELINE = re.compile(r"([A-Z][A-Z'’.-]*(?:\s+[A-Z][A-Z'’.-]*)*)((?:,\s+(?:[A-Z][A-Za-z]*\.?\s?){1,3}(?:\d{1,2}\s?)?){1,2})?"
                       r"(\s*\([A-Za-z .&]+\))?\s*(?:—|–|--|-)\s*")


def _after_dateline(doc: "Document", start: int, end: int) -> int:
    """``start`` moved past a dateline that opens the paragraph at ``start`` (see :data:`_DATELINE`): capitals
    and a dash, with a state, an agency or a place the parse knows, or capitals that name no one
    (:func:`_caps_label`) before a new sentence ("WORLDWIDE - NASA has confirmed"; "NATO — the alliance —" is no
    dateline)."""
    text = doc.body_text
    if start and text[start - 1] != "\n":
        return start
    m = _DATELINE.match(text, start, end)
    if m is None or m.end() >= end:
        return start
    place = doc.body.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if m.group(2) or m.group(3) or (place is not None and (any(t.ent_type_ == "GPE" for t in place) or (
            text[m.end(1)].isspace() and text[m.end()].isupper() and _caps_label(doc, list(place))))):
        # a place, or capitals that name no one, spaced from the dash ("G-III" is a name) and followed by a sentence
        # ("WORLDWIDE - NASA has confirmed …"; in "NATO — the alliance — said …" an apposition follows)
        return m.end()
    return start


_LABEL = re.compile(r"([A-Za-z’' ]{1,20}):\s+")


def _after_label(doc: "Document", start: int, end: int) -> int:
    """``start`` moved past a label that opens the line ("Correction: An earlier version of this article stated …",
    :data:`NOT_SPEAKERS`), else 0."""
    text = doc.body_text
    m = _LABEL.match(text, start, end) if not start or text[start - 1] == "\n" else None
    return m.end() if m and m.end() < end and m.group(1).strip().lower() in NOT_SPEAKERS else 0


# Whether a person noun's apposition names its person before any organisation in it: the small NER tags a rank
# ("Rear Admiral") as an ORG, and "The Pentagon spokesman, Rear Admiral John Kirby, told …" was credited to "Rear
# Admiral", an organisation (session 57's audit).
APPOSED_PERSON_FIRST = True


# Whether a fake or parody account is an unnamed source, not the person it mimics: session 57's audit found a joke
# "tweeted the fake Brian Williams account" credited to Brian Williams.
FAKE_ACCOUNTS = True
_ACCOUNT_HEADS = frozenset({"account", "handle", "profile", "page", "feed", "site", "website", "blog"})
_FAKE_WORDS = frozenset({"fake", "parody", "spoof", "satirical", "impostor", "imposter", "phony", "phoney", "bogus"})


def _fake_account(text: str) -> bool:
    """Whether a source's words name a fake or parody account (:data:`FAKE_ACCOUNTS`)."""
    words = re.findall(r"[a-z]+", text.casefold())
    return not _FAKE_WORDS.isdisjoint(words) and not _ACCOUNT_HEADS.isdisjoint(words)


def _source_at(doc: "Document", subj: "Token", start: int, end: int) -> Source:
    """The source ``start..end`` whose head is ``subj``: its kind, and the name it resolves to."""
    after = _after_label(doc, start, end) or _after_dateline(doc, start, end)
    if after > start:  # the parse may have made the dateline's city the head: the head is then the rest's
        rest = doc.body.char_span(after, end, alignment_mode="expand")
        if rest is not None and len(rest):
            subj = subj if subj.idx >= rest.start_char else rest.root
            start = rest.start_char
    text = doc.body_text[start:end]
    low = subj.lower_
    if low in INDEFINITE_PRONOUNS:
        return Source(text, start, end, "anonymous")
    noun = names.relative_antecedent(subj) if low in names.RELATIVE_PRONOUNS else None
    if noun is not None and noun.lower_ not in names.RELATIVE_PRONOUNS:
        # "Smith, who said …" is Smith; "officials, who said …" anonymous: the source keeps its span ("who") and
        # takes the kind of the noun phrase it stands for, which it resolves to (its name, else the phrase).
        last = noun.i
        if APPOSED_ANTECEDENTS:  # "his predecessor, Benedict XVI, who insisted …": the name in apposition too
            last = next((c.right_edge.i for c in noun.children if c.dep_ == "appos" and c.i > noun.i
                         and c.ent_type_ in ("PERSON", "ORG")), last)
        ante_start, ante_end = _span(doc.body, noun.left_edge.i, last)
        ante = _source_at(doc, noun, ante_start, ante_end)
        return Source(text, start, end, ante.kind, ante.resolved or ante.text)
    if subj.pos_ == "PRON" or low in names.RELATIVE_PRONOUNS:
        if low in FIRST_PERSON:
            return Source(text, start, end, "author")
        return Source(text, start, end, "pronoun", names.resolve(doc, subj))
    # the entity the head belongs to, else one among its left modifiers ("Clinton's campaign")
    head = subj.lemma_.lower()
    if FAKE_ACCOUNTS and _fake_account(text):
        return Source(text, start, end, "anonymous")  # "the fake Brian Williams account": not Brian Williams
    owner = next((c for c in subj.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
    if POSSESSOR_SPEAKS and owner is not None and (head in RECORD_HEADS or head in _STATEMENT_HEADS):
        # "The California congressman's bombshell … claims": the congressman's words, whoever he resolves to
        mine = _source_at(doc, owner, *_span(doc.body, owner.left_edge.i, owner.i))
        if mine.resolved and (mine.kind == "description" or (
                mine.kind in ("named_person", "named_org") and owner.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"))):
            return Source(text, start, end, mine.kind, mine.resolved)
    # a name before the head names the source ("Clinton's campaign", "the IMF report"), unless the head is a person
    # or an unnamed group it only qualifies ("White House officials", "the Vermont senator")
    modifier_names = head in RECORD_HEADS or (head not in _QUALIFIED_HEADS and not _one_of_them(subj) and not (
        PERSON_NOUN_HEADS and head in _PERSON_NOUN_HEADS) and not (
        PLURAL_HEADS_QUALIFIED and subj.tag_ == "NNS" and subj.pos_ == "NOUN" and head not in lexicon.SPEECH_NOUNS
        and head not in _OUTLET_PLURALS and head not in lexicon.INSTITUTION_HEADS))  # "UK banks": unnamed banks;
    # "Hunter's comments", "North Korea's state media", "the Canadian and Israeli governments" stay named
    ents = [e for e in names.ents_within(doc, start, max(end, subj.idx + 1)) if e.label_ in names.NAME_LABELS
            and not names.capitalised_by_position(e) and start <= e.start_char and e.start <= subj.i
            and (subj.i < e.end or modifier_names)
            and not (e.end <= subj.i and (_place_of_outlet(e, subj) or _based_in(e)))]
    ents.sort(key=lambda e: (not (e.start <= subj.i < e.end), e.label_ == "NORP", e.label_ in ("GPE", "LOC")))
    if not ents or ents[0].label_ == "NORP":  # a name in apposition after the head: "the Democratic candidate
        # Hillary Clinton" (head "candidate"), "a spokeswoman, Jane Doe", "his guest, the actress Kamala Lopez"
        apposed = [e for e in names.ents_within(doc, start, end) if e.label_ in ("PERSON", "ORG")
                   and e.end_char <= end and e.start > subj.i and (
                       _in_apposition(e.root, subj) or _named_as(e.root, subj) or (
                       e.label_ == "PERSON" and (_apposition_past_of(e.root, subj) or _titled_of(e, subj))))]
        if APPOSED_PERSON_FIRST and head in names.PERSON_NOUNS:
            apposed.sort(key=lambda e: e.label_ != "PERSON")  # "spokesman, Rear Admiral John Kirby": not the rank
        ents = apposed[:1] + ents
    # a surname the small NER missed or mislabelled ("Brandt could see …" after "Tomas Brandt") is that person
    person = None
    if (subj.pos_ == "PROPN" or _bare_capital(subj)) and (not ents or ents[0].label_ != "PERSON"):
        first = _first_names(doc, subj.i, subj.i + 1, start) if UNTAGGED_FIRST_NAMES else subj.i
        named = doc.body[first:subj.i + 1].text
        person = names.known_person(doc, ents[0].text if ents else named)
    if person:
        return Source(text, start, end, "named_person", person)
    if (not ents and WEBSITE_NAMES and _WEBSITE.match(subj.text)
            and not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subj.children)):
        return Source(text, start, end, "named_org", subj.text)  # "iGen.fr", "TMZ.com": a site named by its address
    handle = _HANDLE.search(text) if not ents and HANDLE_SOURCES else None
    if handle is not None and handle.group() == text[handle.start():].split()[0].rstrip(",.:;"):
        return Source(text, start, end, "named_person", handle.group())  # "iPhone 6 user @philquinn1": the account
    if (PARTY_MEMBERS and ents and ents[0].label_ == "NORP" and ents[0].start <= subj.i < ents[0].end
            and _one_member(subj)):
        return Source(text, start, end, "anonymous")  # "a South Carolina Democrat": one unnamed member
    if not ents or (ents[0].label_ == "NORP" and not ents[0].start <= subj.i < ents[0].end):
        # no name, or only a nationality or party word modifying a common noun ("American leaders", "Democratic
        # lawmakers"): an unnamed group; "Democrats" or "the Kremlin" themselves are named
        return _unnamed(doc, subj, start, end, ents)
    # an apposition may say it is an organisation, whatever the NER: "The Chosun Ilbo, South Korea's largest newspaper"
    org = APPOSITION_ORG and any(
        c.dep_ == "appos" and c.lemma_.lower() in _ORG_APPOSITIONS and c.left_edge.i == ents[0].end + 1
        and doc.body[ents[0].end].text == "," and not any(g.dep_ == "conj" for g in c.children)
        for c in subj.children)
    kind = "named_person" if ents[0].label_ == "PERSON" and not names.is_outlet_name(ents[0].text) and not org \
        else "named_org"
    ent = ents[0]
    before = ent.start - 1
    if (ent.label_ == "ORG" and before >= 0 and doc.body[before].ent_type_ == "NORP" and doc.body[before].is_title
            and doc.body[before].idx >= start and doc.body[before].whitespace_ == " "):
        # the small NER splits some names into a nationality or creed and an organisation ("Islamic" + "State"):
        # the source is named by both
        ent = doc.body[_ent_start(doc.body, before):ent.end]
    if UNTAGGED_FIRST_NAMES and ent.label_ == "PERSON":
        ent = doc.body[_first_names(doc, ent.start, ent.end, start):ent.end]  # "Ivanka Trump", not only "Trump"
    resolved = names.resolve(doc, ent)
    kind = _outlet_kind(kind, resolved)
    if kind == "named_org" and not org and resolved and names.known_person(doc, resolved):
        # a name the body tags as a person is a person wherever the small NER called it an organisation
        # ("Varga's confidence in Brandt" → Elena Varga), as the report's entity list counts it
        kind = "named_person"
    return Source(text, start, end, kind, resolved)


# Whether a capitalised first name the small NER left out of a person's name ("Ivanka" of "Ivanka Trump, the nominee's
# eldest daughter, noted", where only "Trump" is tagged) is read with it, so that the source resolves to that person and
# not to the body's other Trump (session 44's audit: Ivanka Trump's words credited to Donald Trump).
UNTAGGED_FIRST_NAMES = True
# Whether a relative pronoun after a noun with a name in apposition stands for the name ("his predecessor, Benedict XVI,
# who insisted …" is Benedict XVI, not the unresolved "his predecessor"; session 44, the held-out seed k73).
APPOSED_ANTECEDENTS = True


def _title_word(word: str) -> bool:
    """Whether a word is a title or a role before a name ("Officer", "Sen", "Commander"), not a first name."""
    return word in names.TITLES or word in names.PERSON_NOUNS or word in names.ROLE_TITLES


def _first_names(doc: "Document", first: int, end: int, start: int) -> int:
    """The token index where a name ``doc.body[first:end]`` begins once the capitalised proper nouns compounded onto it
    that no person-name entity holds, from character ``start`` on, are read with it — when the longer name is one the
    body gives a person elsewhere ("Ivanka Trump"; not "Commander Richard Walton") (:data:`UNTAGGED_FIRST_NAMES`)."""
    at = first
    while (at > 0 and doc.body[at - 1].idx >= start and doc.body[at - 1].pos_ == "PROPN"
           and doc.body[at - 1].dep_ == "compound" and first <= doc.body[at - 1].head.i < end
           and doc.body[at - 1].is_title and doc.body[at - 1].ent_type_ in ("", "PRODUCT", "WORK_OF_ART")
           and not _title_word(doc.body[at - 1].lower_.rstrip("."))):  # "Officer Wilson" is Darren Wilson
        at -= 1
    return at if at < first and names.known_person(doc, doc.body[at:end].text) else first


# Whether "a Democrat", "one Republican", "another Muslim" is one unnamed member of the group the word names, not the
# group ("Democrats") as a named source (session 41: "a South Carolina Democrat" was named_org Democrat).
PARTY_MEMBERS = True


def _one_member(subj: "Token") -> bool:
    """Whether ``subj`` is a singular group word counted as one of its members: "a Democrat", "one Republican"."""
    return subj.tag_ in ("NNP", "NN") and any(
        c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one", "another") for c in subj.children)


# Whether an attribution whose source lies inside a quotation its content holds is credited to the social-media handle
# that opens its cue ("“… started by Samsung,” @JustAlly tweeted"; session 37's audit: Samsung, named inside the tweet,
# was its source), a tagged one without such a handle refused; and whether a source phrase holding a handle ("iPhone 6
# user @philquinn1") is that account.
HANDLE_SOURCES = True


def _quoted_source(source: Source, content: tuple[int, int], quotes: list[tuple[int, int]]) -> bool:
    """Whether the source lies inside a quotation that the content holds (a name the quoted words mention)."""
    return bool(source.text) and any(content[0] <= q0 <= source.start and source.end <= q1 <= content[1]
                                     for q0, q1 in quotes)


def _handle_source(doc: "Document", cue: tuple[int, int]) -> tuple[Source, tuple[int, int]] | None:
    """For an attribution whose source lies inside its quoted content (:data:`HANDLE_SOURCES`): the social-media
    handle that opens its cue as the source ("“…,” @JustAlly tweeted"; the parse and the tagger read the handle as
    part of the cue and took a name inside the quotation as the source), with the cue after it; None when the cue
    opens with none."""
    text = doc.body_text
    m = _HANDLE.match(text, cue[0], cue[1])
    if m is None or m.end() >= cue[1]:
        return None
    rest = cue[0] + len(text[cue[0]:cue[1]]) - len(text[m.end():cue[1]].lstrip())
    return Source(m.group(), m.start(), m.end(), "named_person", m.group()), (rest, cue[1])


_HANDLE = re.compile(r"@\w{1,30}")


# Whether a source head that is a web address the small NER did not tag ("According to iGen.fr, …", "TMZ.com
# reports") names a site (named_org) rather than no one (session 37's audit: "iGen.fr (anonymous)").
WEBSITE_NAMES = True
_WEBSITE = re.compile(r"^[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.(?:com|net|org|info|news|tv|io|co\.uk|uk|fr|de|es|it|ca|au|"
                      r"ru|cn|jp|in|ie|nz|ch|nl|be|se|no|dk|fi|pl|br|mx|ar|za|co)$", re.I)


# Whether a name that only modifies an indefinite head ("A PGA Tour golfer said", "a Google engineer") leaves the
# source unnamed (one of the organisation's people), and a place of a "-based" modifier ("the Geneva-based United
# Nations health agency") never names it (the report audit of session 31 found both counted as named sources).
UNNAMED_MEMBERS = True


def _one_of_them(head: "Token") -> bool:
    """Whether ``head`` is an indefinite common noun of a person ("a golfer", "an engineer"), not a record, outlet or
    institution (:data:`UNNAMED_MEMBERS`)."""
    low = head.lemma_.lower()
    return (UNNAMED_MEMBERS and head.pos_ == "NOUN" and head.tag_ == "NN"
            and any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in head.children)
            and low not in RECORD_HEADS and low not in lexicon.INSTITUTION_HEADS and low not in lexicon.MEDIA_HEADS
            and low not in ORG_HEADS)


# Heads of organisations a name before them names ("a California company called …" is still unnamed, but "an Apple
# subsidiary" is Apple's): kept named by :func:`_one_of_them`.
ORG_HEADS = frozenset({"company", "firm", "subsidiary", "group", "organization", "organisation", "agency",
                       "unit", "division", "branch", "affiliate", "chain", "retailer", "bank", "network", "startup"})


# Whether a name the small NER tags as a person is an organisation when an apposition right after it, no
# coordination, says so ("The Chosun Ilbo, South Korea's largest newspaper, reported …"; the audits' Chosun Ilbo
# report, session 38; not "Hamish de Bretton-Gordon, a former British army and NATO head of …").
APPOSITION_ORG = True
_ORG_APPOSITIONS = lexicon.MEDIA_HEADS | ORG_HEADS


def _outlet_kind(kind: str, resolved: str | None) -> str:
    """``kind``, or ``named_org`` for a person whose full name is an outlet's ("Virgin is planning …" after "Virgin
    Media", both tagged PERSON or left untagged; session 38's second audit; under :data:`names.GROUP_NAMED`)."""
    if kind == "named_person" and names.GROUP_NAMED and resolved and names.is_outlet_name(resolved):
        return "named_org"
    return kind


def _based_in(ent: "SpacySpan") -> bool:
    """Whether a place is the first part of a "-based" modifier ("Geneva-based", "London - based")."""
    body = ent.doc
    nxt = [t.lower_ for t in body[ent.end:ent.end + 2]]
    return UNNAMED_MEMBERS and ent.label_ in ("GPE", "LOC") and (nxt[:2] == ["-", "based"] or nxt[:1] == ["based"])


# Whether a person named in apposition after an "of" phrase names the source the parse hung it on ("A member of
# pro-government … vigilantes, Mohammed Haruna, said": Haruna is in apposition to "vigilantes" in the parse, but he
# is the member; session 31's audit found him counted anonymous).
APPOSITION_PAST_OF = True
_MEMBER_HEADS = _QUALIFIED_HEADS | {"member", "one"}


def _apposition_past_of(tok: "Token", head: "Token") -> bool:
    """Whether the person ``tok`` stands in apposition to the object of an "of" phrase of an unnamed person
    ``head`` (a member, one, a spokesman …), set off by commas right after that object."""
    if not APPOSITION_PAST_OF or tok.dep_ != "appos" or head.lemma_.lower() not in _MEMBER_HEADS:
        return False
    obj = tok.head
    prep = obj.head
    return (obj.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ == "of" and prep.head.i == head.i
            and tok.left_edge.i >= 1 and tok.doc[tok.left_edge.i - 1].text == ",")


# Whether a capitalised title with an "of" phrase that ends in a person's name is that person: "Head of Nasa's
# Meteoroid Environment Office Bill Cooke said" (the parse reads the name as the office's; session 41's audit credited
# the words to a person "Head").
TITLED_OF = True
_TITLE_WORDS = lexicon.PERSON_ROLES | {"head", "chair", "ceo", "spokesman", "spokeswoman", "spokesperson"}


def _titled_of(ent: "SpacySpan", head: "Token") -> bool:
    """Whether the person ``ent`` ends the "of" phrase of the capitalised title ``head`` (:data:`TITLED_OF`)."""
    if not TITLED_OF or head.lower_ not in _TITLE_WORDS or not head.is_title:
        return False
    obj = ent.root
    while obj.dep_ == "compound" and obj.head.i > obj.i:
        obj = obj.head
    prep = obj.head
    return (obj.dep_ == "pobj" and obj.i == ent.end - 1 and prep.lower_ == "of" and prep.head.i == head.i
            and obj.right_edge.i == ent.end - 1)


# Whether "a woman named Taylor Lianne Chandler", "an analyst called Yakoub Mustafa" is that named person, as an
# apposition is (session 38's audits: both were anonymous sources).
NAMED_AS = True


def _named_as(tok: "Token", head: "Token") -> bool:
    """Whether ``tok`` is the name in "HEAD named / called NAME" (:data:`NAMED_AS`)."""
    verb = tok.head
    return (NAMED_AS and tok.dep_ in ("oprd", "dobj", "xcomp", "attr") and verb.dep_ == "acl" and verb.head.i == head.i
            and verb.lower_ in ("named", "called", "dubbed"))


def _in_apposition(tok: "Token", head: "Token") -> bool:
    """Whether ``tok`` stands in apposition to ``head``, directly or through a coordination or compound
    ("his guest, the actress and activist Kamala Lopez": Lopez → actress → guest)."""
    appos = False
    for _ in range(4):
        if tok.dep_ not in ("appos", "conj", "compound", "flat"):
            return False
        appos |= tok.dep_ == "appos"
        if tok.head.i == head.i:
            return appos
        tok = tok.head
    return False


# Groups that are nobody in particular even with "the" ("the public", "the media").
_GENERIC_GROUPS = frozenset({"public", "media", "press", "electorate", "crowd", "audience", "world"})


# Whether a news agency or service ("Libya's official news agency", "a Russian press service") is a news outlet's noun
# for :func:`_place_of_outlet` (session 40's audit: "Libya's official news agency said" was credited to Libya).
NEWS_AGENCIES = True
_AGENCY_HEADS = frozenset({"agency", "service", "wire"})


def _media_head(head: "Token") -> bool:
    """Whether ``head`` is a news outlet's noun: a newspaper, a channel …, or a news agency (:data:`NEWS_AGENCIES`)."""
    low = head.lemma_.lower()
    return low in lexicon.MEDIA_HEADS or (NEWS_AGENCIES and low in _AGENCY_HEADS and any(
        c.dep_ == "compound" and c.lower_ in ("news", "press") for c in head.children))


def _place_of_outlet(ent: "SpacySpan", head: "Token") -> bool:
    """Whether a place or nationality before a news outlet's noun only says where it is ("South Korea's largest
    newspaper", "a Wichita station", "a Russian news agency"): possessive, or the outlet is indefinite. A name
    before it names it ("Time magazine", "Britain's Telegraph newspaper" is the Telegraph, "New York magazine")."""
    if not _media_head(head) or ent.label_ not in ("GPE", "LOC", "NORP"):
        return False
    possessive = any(c.tag_ == "POS" for c in ent.root.children) or ent.root.dep_ == "poss"
    return possessive or any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in head.children)


# Whether a statement or record with a possessor ("The California congressman's bombshell on Fox News … also claims",
# "the senator's claim says") is credited to whom the possessor resolves to (session 39's audit: the congressman's
# bombshell was credited to "California", a place qualifying his role).
POSSESSOR_SPEAKS = True
_STATEMENT_HEADS = lexicon.SPEECH_NOUNS | frozenset({"bombshell", "remark", "comment", "word", "revelation"})

# Whether a role described by its owner ("Saudi Arabia's Interior Ministry spokesman said …") is the person the text
# goes on to name with that title ("Interior Ministry spokesman Mansour al-Turki's comments were published …"), as an
# indefinite role is (session 41's audit: an anonymous source three sentences before his name).
POSSESSIVE_TITLES = True


def _title_qualifiers(subj: "Token") -> list[str]:
    """The lower-case words that qualify a role noun before it ("interior" of "a Lebanese interior minister"), not its
    nationality, place or standing."""
    return [c.lower_ for c in subj.children if c.dep_ in ("amod", "compound") and c.i < subj.i
            and c.ent_type_ not in ("NORP", "GPE", "LOC") and c.lower_ not in _STANDING_WORDS]


# Whether an indefinite role ("But a Lebanese interior minister confirmed today …") is the person the text goes on to
# name with that title ("… Interior Minister Nouhad Mashnuq told the Lebanese MTV channel"): news ledes hold the name
# back a paragraph (session 39's audit counted the minister as an anonymous source). A description resolved forward.
FORWARD_TITLES = True
# Whether an indefinite description is the person the text goes on to name with the same noun in apposition ("A former
# American soldier from Wisconsin … told UPI" before "Jordan Matson, 28, a former U.S. Army soldier, said …"; session
# 40's audit counted him as an anonymous source).
FORWARD_APPOSITIONS = True
# Words of standing that describe the person, not the title ("a prominent Saudi Arabian cleric" is "Sheikh …"); "a
# federal judge" is "Judge Gonzalo Curiel" (session 45: a court's level is seldom part of the judge's title).
_STANDING_WORDS = frozenset({"prominent", "leading", "influential", "well-known", "popular", "respected", "veteran",
                             "local", "top", "young", "elderly", "radical", "hardline", "moderate", "outspoken",
                             "federal"})

# Whether a capitalised role ("the Congressman replied", "the President said") refers back to the person the text
# introduced with that title, as the lower-case one does (session 39's audit: "Rep. Duncan Hunter … the Congressman").
TITLED_CAPITALS = True


# Whether a bare capitalised word the parser took for a common noun ("Price said most countries …" after "Jeffrey
# Price, author of …") is the person whose surname it is (session 40's audit: "Price (anonymous)").
CAPITALISED_SURNAMES = True


def _bare_capital(subj: "Token") -> bool:
    """Whether ``subj`` is a capitalised common noun with nothing before it in its phrase
    (:data:`CAPITALISED_SURNAMES`)."""
    return CAPITALISED_SURNAMES and subj.pos_ == "NOUN" and subj.is_title and subj.left_edge.i == subj.i


def _unnamed(doc: "Document", subj: "Token", start: int, end: int, modifiers: list["SpacySpan"]) -> Source:
    """The kind of a source whose head names no one: a ``record`` the author cites ("the ruling", "his
    doctrine"; "a study by Justin Levitt" is Levitt), an institution of a named country ("the Mexican
    government"), a name the small NER missed ("The West", "MacNab"), a ``description`` of someone or
    something in view ("the president", "his lawyer", "the agency"), else ``anonymous`` ("officials",
    "a federal judge", "American leaders")."""
    text, head = doc.body_text[start:end], subj.lemma_.lower()
    if text.lower().split() == ["the", subj.lower_] and subj.tag_ == "NN":
        outlet = names.outlet_antecedent(doc, start, head)  # "the paper reported" after "The Washington Post said"
        if outlet is not None:
            return Source(text, start, end, "description", outlet)
    record = head in RECORD_HEADS or subj.lower_ in RECORD_HEADS  # the lemma of "data" is "datum"
    if record:
        authors = [e for e in names.ents_within(doc, start, end) if e.label_ in ("PERSON", "ORG")
                   and e.end_char <= end and e.start > subj.i and _credited_by(e.root, subj)]
        author = min(authors, key=lambda e: e.label_ != "PERSON", default=None)  # "by Loyola professor Justin Levitt"
        if author is not None:
            return Source(text, start, end, "named_person" if author.label_ == "PERSON" else "named_org",
                          names.resolve(doc, author))
    if CAPITALISED_OUTLETS and _capitalised_outlet(subj):  # "according to the Hollywood Reporter"
        first = min(c.i for c in subj.children if c.dep_ == "compound")
        name = doc.body_text[doc.body[first].idx:subj.idx + len(subj)]
        return Source(text, start, end, "named_org", names.resolve(doc, name) or name)
    owner = next((c for c in subj.children if c.dep_ == "poss"), None)
    if POSSESSIVE_TITLES and owner is not None and head in names.ROLE_TITLES and _title_qualifiers(subj):
        # "Saudi Arabia's Interior Ministry spokesman" … "Interior Ministry spokesman Mansour al-Turki"; an owner that is
        # not a place must be in the later title too ("Trump's campaign spokesman" is not "Clinton campaign spokesman …")
        wanted = _title_qualifiers(subj) + ([] if owner.ent_type_ in ("GPE", "NORP", "LOC") else
                                            [t.lower_ for t in owner.subtree if t.is_alpha and t.tag_ != "POS"])
        later = names.titled_successor(doc, end, head, wanted)
        if later is not None:
            return Source(text, start, end, "description", later)
    if (DEFINITE_ROLES and subj.tag_ == "NN" and head in names.ROLE_TITLES and head in lexicon.ANONYMOUS_HEADS
            and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)):
        earlier = names.titled_antecedent(doc, start, head)  # "the spokesman" after "spokesman Jeff Rathke said"
        if earlier is not None:
            return Source(text, start, end, "description", earlier)
    if (head in lexicon.ANONYMOUS_HEADS or subj.lower_ in lexicon.ANONYMOUS_HEADS or head in _GENERIC_GROUPS) \
            and not (record and subj.lower_ == "report"):
        return Source(text, start, end, "anonymous")  # "officials", "reports say"; "the report" is a document
    if record:
        return Source(text, start, end, "record")
    if modifiers and head in lexicon.INSTITUTION_HEADS and subj.pos_ == "NOUN":
        return Source(text, start, end, "named_org", doc.body_text[modifiers[0].start_char:subj.idx + len(subj)])
    if _unlabelled_name(subj):  # "The West" (resolved with its article), "MacNab"
        the = next((c for c in subj.children if c.lower_ == "the"), None)
        brand = _brand(subj)
        kind = "named_org" if subj.is_upper or the is not None or brand else "named_person"
        first = the.idx if the is not None else _name_start(subj)
        name = doc.body_text[first:subj.idx + len(subj)]
        resolved = names.resolve(doc, name) or (name if brand else None)
        return Source(text, start, end, _outlet_kind(kind, resolved), resolved)
    if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS) for c in subj.children):
        # "the president" after "President Barack Obama" is Obama; "the senators", other descriptions unresolved
        # "the Congressman", "the President" capitalised are the role too (TITLED_CAPITALS)
        the = (subj.tag_ == "NN" or (TITLED_CAPITALS and subj.tag_ == "NNP" and head in names.ROLE_TITLES)) and any(
            c.dep_ == "det" and c.lower_ == "the" for c in subj.children)
        return Source(text, start, end, "description", names.titled_antecedent(doc, start, head) if the else None)
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subj.children):  # someone the text names later:
        later = None
        if FORWARD_TITLES and head in names.ROLE_TITLES:  # "a Lebanese interior minister", "Interior Minister X"
            later = names.titled_successor(doc, end, head, _title_qualifiers(subj))
        if later is None and FORWARD_APPOSITIONS and subj.tag_ == "NN":  # "A former soldier", "X, a former soldier"
            later = names.described_successor(doc, end, head)
        if later is None and names.LEDE_SUCCESSOR and subj.tag_ == "NN":  # "A husband who … has described …" ¶
            later = names.lede_successor(doc, subj, end)  # "Stan Beaton, from Mirfield, had kept …"
        if later is not None:
            return Source(text, start, end, "description", later)
    return Source(text, start, end, "anonymous")


# Whether "the spokesman", "the analyst" — a role of the unnamed-people list with "the" — is the person the text
# introduced earlier with that title ("State Department spokesman Jeff Rathke", "analyst Gene Munster"), a description
# resolved to them, rather than an anonymous source (session 43's audit: "the analyst believes …" was anonymous).
DEFINITE_ROLES = True


# Whether a capitalised head of the unnamed-people list after a capitalised name word, which the small NER left
# untagged, is an outlet's name ("according to the Hollywood Reporter" was an anonymous source; session 38's second
# audit), outside a title-case heading.
CAPITALISED_OUTLETS = True


def _capitalised_outlet(subj: "Token") -> bool:
    """Whether ``subj`` is "Reporter" of "the Hollywood Reporter" (:data:`CAPITALISED_OUTLETS`)."""
    if not (subj.pos_ == "PROPN" and subj.is_title and subj.lower_ in lexicon.ANONYMOUS_HEADS
            and any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.is_title for c in subj.children)):
        return False
    return sum(t.is_alpha and t.is_lower and len(t) > 3 for t in subj.sent) >= 2  # not in a title-case heading


def _credited_by(tok: "Token", head: "Token") -> bool:
    """Whether ``tok`` lies under a "by" / "from" phrase of ``head`` ("a 2014 study by … Justin Levitt"), not
    inside a clause there ("a slide from a presentation that Mr. Guajardo carries"), nor in a place named under
    the phrase's noun ("Reports from the scene in the community of Pueblo Viejo": :data:`PLACES_NOT_AUTHORS`)."""
    nested = False
    while tok.i != head.i and tok.dep_ in ("pobj", "compound", "flat", "appos", "conj", "prep", "poss", "nmod"):
        if tok.dep_ == "prep" and tok.head.i == head.i:
            if PLACES_NOT_AUTHORS and nested:
                noun = next((c for c in tok.children if c.dep_ == "pobj"), None)
                if noun is not None and noun.pos_ == "NOUN" and noun.lemma_.lower() not in _AUTHOR_NOUNS:
                    return False  # "from the scene in …": the phrase names a place, the name is in it
            return tok.lower_ in ("by", "from")
        nested = nested or tok.dep_ == "prep"
        tok = tok.head
    return False


# Whether a name under a further phrase of a record's "from" / "by" noun credits the record only when that noun is
# people or an institution ("a study from researchers at Harvard" is Harvard's; "Reports from the scene in the
# community of Pueblo Viejo" are no one's: session 42's audit found the place named as the source).
PLACES_NOT_AUTHORS = True
_AUTHOR_NOUNS = lexicon.PERSON_ROLES | lexicon.INSTITUTION_HEADS | lexicon.ANONYMOUS_HEADS | names.PERSON_NOUNS


# Whether a plural the parse tags as a proper noun only because it opens its sentence, and that the body never writes
# capitalised elsewhere, is a common noun: "Medics say that the child is suffering …" was a named person "Medics"
# (session 42's audit).
SENTENCE_PLURALS = True


def _unlabelled_name(subj: "Token") -> bool:
    """Whether a proper-noun head the small NER did not tag is a name ("The West said", "MacNab says"), not a
    title ("Senator presses agenda") or a word of a title-case heading ("The Only Reason Hedge Funds Support")."""
    if _brand(subj):
        return True  # "9to5Mac reports …": the small model reads it as a number
    lemma = subj.lemma_.lower()
    if subj.pos_ != "PROPN" or not subj.text[:1].isupper() or subj.lower_ in names.TITLES \
            or lemma in lexicon.PERSON_ROLES or lemma in RECORD_HEADS or lemma in lexicon.INSTITUTION_HEADS:
        return False
    if SENTENCE_PLURALS and subj.tag_ == "NNPS" and subj.is_sent_start and not any(
            c.dep_ == "compound" for c in subj.children) and not any(
            t.text == subj.text and not t.is_sent_start for t in subj.doc):
        return False  # "Medics say that the child is …": a common plural capitalised by its place, named nowhere else
    words = [t for t in subj.sent if t.is_alpha and len(t) > 3]
    return len(words) < 3 or sum(t.is_title for t in words) / len(words) < 0.6


def _brand(tok: "Token") -> bool:
    """A name written as one word of digits and letters with a capital inside ("9to5Mac", "4Chan"): a site or
    company, whatever tag the small model gives it."""
    text = tok.text
    return (any(c.isdigit() for c in text) and any(c.isalpha() for c in text)
            and any(c.isupper() for c in text[1:]) and not text.isupper())


def _name_start(subj: "Token") -> int:
    """Where the name ending at ``subj`` starts: its run of proper-noun compounds."""
    return min((c for c in subj.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"),
               key=lambda c: c.i, default=subj).idx


def _ent_start(body: "Doc", i: int) -> int:
    """The first token of the entity token ``i`` belongs to."""
    while i > 0 and body[i].ent_iob_ == "I":
        i -= 1
    return i


# --------------------------------------------------------------------------- contents

# Whether a speech verb the parse left without a subject takes, as its source, the noun phrase that ends right
# before it after a comma ("…, a source close to KCTV5 News says."), which the parse hung on the clause as an
# appositive; the clause before the comma is the content.
TRAILING_APPOSITIVE_SOURCES = True


# Whether a speech verb the parse made a conjunct of the sentence's verb ("X were killed …, a military source and
# residents said on Monday": "said" conj of "killed") takes the clause before its comma as its content.
TRAILING_CONJ_SOURCES = True


def _before_trailing_source(verb: "Token", subj: "Token") -> tuple[int, int] | None:
    """The sentence's opening clause up to the comma before ``subj`` when ``verb`` closes the sentence as a conjunct
    of an earlier verb ("…, a military source and residents said on Monday."); else None."""
    body = verb.doc
    first = subj.left_edge.i
    sent = verb.sent
    told = ADDRESSED_TRAILING and verb.lemma_.lower() in ("tell", "inform")  # "…, his manager told the Times."
    if (verb.dep_ != "conj" or verb.head.i >= first or first - 1 <= sent.start or body[first - 1].text != ","
            or any(c.dep_ in ("ccomp", "xcomp", "aux", "auxpass", "neg") or c.dep_ == "dobj" and not told
                   for c in verb.children)
            or any(t.pos_ in ("VERB", "AUX") for t in body[verb.i + 1:sent.end])):
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in body[sent.start:first - 1]):
        return None
    return _span(body, sent.start, first - 2)


# Whether "tell" / "inform" closing a sentence as a conjunct may keep its object, the one told (session 37: "…, the
# star is alive and well, his manager and agent told the Los Angeles Times." had no attribution).
ADDRESSED_TRAILING = True


def _trailing_source(verb: "Token") -> "tuple[Token, int] | None":
    """(the source's head, the comma's token index) for "CLAUSE, NOUN PHRASE says." read without a subject."""
    if verb.i < 3 or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    prev = verb.doc[verb.i - 1]
    head = prev
    while head.head.i != head.i and head.head.i < verb.i and head.dep_ not in ("appos", "npadvmod", "dep"):
        head = head.head
    if head.dep_ not in ("appos", "npadvmod", "dep") or head.pos_ not in ("NOUN", "PROPN"):
        return None
    left = head.left_edge.i
    if left < 1 or verb.doc[left - 1].text != "," or head.right_edge.i != verb.i - 1:
        return None
    return head, left - 1


# Whether a sentence-final speech verb with no subject takes the noun phrase between the last comma and itself as its
# source when the parse hung that phrase on the clause before ("… arrested in Lebanon, security officials and Lebanese
# politicians said on Tuesday.": "officials" read as a conjunct of "Lebanon"; session 37's reading of the seventh
# audit).
TRAILING_PHRASE_SOURCES = True
# How long such a phrase may be, in tokens.
TRAILING_PHRASE_MAX = 12


def _trailing_phrase(verb: "Token") -> "tuple[Token, int, int] | None":
    """(the phrase's head, its first token, the comma's token index) for "CLAUSE, NOUN PHRASE said [ADVERBIALS]."
    whose parse gave the verb no subject: the phrase is the tokens between the last comma before the verb and the
    verb, with a noun and no verb, quote mark or other comma; the clause before the comma holds a verb; after the
    verb nothing but adverbials (:func:`_nothing_after`). Its head is its first noun whose own head lies outside it."""
    body = verb.doc
    sent = verb.sent
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    if not _closes_sentence(verb):
        return None  # nothing after the verb but its adverbials of time and place
    comma = verb.i - 1
    while comma > sent.start and body[comma].text != ",":
        t = body[comma]
        if t.pos_ in ("VERB", "AUX") or t.is_quote or t.text in (";", ":") or verb.i - comma > TRAILING_PHRASE_MAX:
            return None
        comma -= 1
    if comma <= sent.start or comma == verb.i - 1:
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in body[sent.start:comma]):
        return None
    phrase = body[comma + 1:verb.i]
    head = next((t for t in phrase if t.pos_ in ("NOUN", "PROPN") and not comma < t.head.i < verb.i), None)
    if head is None or phrase[0].pos_ in ("CCONJ", "ADP", "SCONJ"):
        return None
    return head, comma + 1, comma


# Whether "X reported, citing an unnamed source, that Y" gives "reported" the that-clause the parse hung on "citing"
# (session 37, FNC-1 bodies read for uncovered speech verbs).
CITING_ASIDE = True
_CITING = frozenset({"cite", "quote"})  # also the verbs of QUOTED_AS_SAYING and CITING_REPORTER


def _aside_clause(verb: "Token") -> "Token | None":
    """The clause that "citing X," between commas right after ``verb`` was given by the parse ("reported, citing an
    unnamed source, that he is suffering from gout"): a ccomp of the participle after the comma that closes it."""
    doc = verb.doc
    for c in verb.children:
        if (c.dep_ == "advcl" and c.lemma_.lower() in _CITING and c.tag_ == "VBG" and c.i == verb.i + 2
                and doc[verb.i + 1].text == ","):
            comp = next((g for g in c.children if g.dep_ == "ccomp" and g.i > c.i), None)
            if comp is not None and doc[comp.left_edge.i - 1].text == ",":
                return comp
    return None


# Whether a clause the parse hangs on a cue verb past its own participle speech verb is the participle's, not the
# verb's: in "Mr. Cruz mocked his talk, saying at one point, “The answer is …”" the quotation is a ccomp of "mocked",
# so both verbs took it and it counted twice (session 40); "mocked" keeps its object.
PARTICIPLE_COMPLEMENTS = True


def _past_participle_report(verb: "Token", clause: "Token") -> bool:
    """Whether a speech-verb participle hanging on ``verb`` ("…, saying", "…, adding") stands between it and
    ``clause`` (:data:`PARTICIPLE_COMPLEMENTS`)."""
    return PARTICIPLE_COMPLEMENTS and any(
        c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in lexicon.SPEECH_VERBS
        and verb.i < c.i < clause.left_edge.i for c in verb.children)


# Whether a clause the parse hung on the cue after a comma and a subordinate clause ("“You should resign …,” Warren told
# Stumpf, after he admitted … he hadn’t yet been held accountable": "held" made the complement of "told") is not the
# cue's content: the subordinate clause is the circumstance, and the quotation before is what was said (session 44's
# audit; session 46).
OPENED_BY_ADVERBIAL = True
_SUBORDINATORS = lexicon.SUBORDINATORS | {"once"}


def _opened_by_adverbial(verb: "Token", clause: "Token") -> bool:
    """Whether ``clause`` (a complement after ``verb``) opens, after a comma, with a subordinate clause of its own."""
    first = clause.left_edge
    return (first.lower_ in _SUBORDINATORS and first.dep_ == "mark" and first.head.i != clause.i
            and first.head.dep_ == "advcl" and first.head.head.i == clause.i and first.i > 0
            and first.doc[first.i - 1].text == "," and first.i - 1 > verb.i)


def _content(verb: "Token", belief: bool) -> tuple[int, int] | None:
    """The complement of a cue verb / adjective: a clause, or "X as Y" for see-verbs."""
    if (CITING_ASIDE and verb.lemma_.lower() in _CITING and verb.dep_ == "advcl"
            and _aside_clause(verb.head) is not None):
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)  # "citing an unnamed source": whom it cites
        return _subtree(obj) if obj is not None and not belief else None
    holders = [verb] + ([verb.head] if verb.dep_ == "acomp" else [])
    for h in holders:
        for c in h.children:
            if c.dep_ in ("ccomp", "acl") and c.i > verb.i and not _past_participle_report(h, c) and not (
                    OPENED_BY_ADVERBIAL and _opened_by_adverbial(verb, c)):
                return _subtree(c)
    aside = _aside_clause(verb) if CITING_ASIDE and not belief else None
    if aside is not None:
        return _subtree(aside)
    for c in verb.children:
        if c.dep_ == "ccomp" and not _past_participle_report(verb, c):  # "“We will win,” Putin said."
            return _subtree(c)
    obj = [c for c in verb.rights if c.dep_ == "dobj"]
    if belief:
        for c in verb.children:
            if c.dep_ == "xcomp" and c.i > verb.i:
                return _subtree(c)
        if verb.lemma_.lower() in AS_VERBS and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.rights):
            return _object_phrase(obj[0]) if obj else None
    elif obj and verb.lemma_.lower() not in NO_OBJECT_CONTENT and (
            verb.lemma_.lower() not in ADDRESSEE_VERBS or any(c.dep_ in ("xcomp", "oprd") for c in verb.rights)):
        return _object_phrase(obj[0])
    return None


# Whether a belief adjective's cue takes in the linking verb before it with its auxiliaries and negation ("is not sure",
# "were worried", "remain confident"), as PolNeAR marks it, so that "I'm not sure whether …" reads negated and the
# tagger's "are not" of "are not certain" is not a second attribution (session 40's audit).
ADJECTIVE_FRAMES = True
_LINKING_VERBS = frozenset({"be", "remain", "seem", "appear", "stay", "become", "feel", "sound", "look", "grow"})


# Whether "sure" or "certain" before an infinitive says what will happen, not what anyone believes ("rhetoric that is
# certain to feed the flames", "any Bigfoot sighting is sure to increase the number of visitors"; session 40).
RAISING_ADJECTIVES = True
_RAISING = frozenset({"sure", "certain"})


def _raising(adj: "Token") -> bool:
    """Whether ``adj`` is "sure / certain to <verb>" (:data:`RAISING_ADJECTIVES`)."""
    return RAISING_ADJECTIVES and adj.lemma_.lower() in _RAISING and any(
        c.dep_ == "xcomp" and c.i > adj.i and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in adj.children)


def _adjective_cue(adj: "Token") -> tuple[int, int]:
    """The cue of a belief adjective: the adjective, or (:data:`ADJECTIVE_FRAMES`) from the linking verb it completes,
    with that verb's auxiliaries and negation before it, when only negation and adverbs stand between them."""
    end = adj.idx + len(adj)
    verb = adj.head
    if not (ADJECTIVE_FRAMES and adj.dep_ == "acomp" and verb.i < adj.i and verb.lemma_.lower() in _LINKING_VERBS
            and all(t.dep_ in ("neg", "advmod") and t.head.i in (verb.i, adj.i) for t in adj.doc[verb.i + 1:adj.i])):
        return adj.idx, end
    first = verb.i
    while first > 0 and adj.doc[first - 1].head.i == verb.i and adj.doc[first - 1].dep_ in ("aux", "neg"):
        first -= 1
    return adj.doc[first].idx, end


def _object_phrase(obj: "Token") -> tuple[int, int]:
    """A verb's object with what completes it ("called Trump “a disgrace”", "see Trump as …")."""
    verb = obj.head
    last = max(c.right_edge.i for c in verb.rights
               if (c.dep_ in OBJECT_DEPS and not (c.dep_ == "ccomp" and _past_participle_report(verb, c)))
               or c.i == obj.i or (c.dep_ == "prep" and c.lower_ == "as"))
    return _span(obj.doc, obj.left_edge.i, last)


def _cue_span(verb: "Token") -> tuple[int, int]:
    """The cue as PolNeAR marks it: the verb with its auxiliaries, negation and adverbs right
    before it ("has also said"), a particle ("pointed out") and a colon right after ("said:")."""
    doc = verb.doc
    first = verb.i
    while first > 0 and doc[first - 1].head.i == verb.i and doc[first - 1].dep_ in ("aux", "auxpass", "neg", "advmod"):
        first -= 1
    last = max([verb.i] + [c.i for c in verb.rights if c.dep_ == "prt" and c.i <= verb.i + 2])
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    if _text(doc)[end:end + 1] == ":":
        end += 1
    return start, end


# Whether "As reported by the Daily Mirror, Plant … were offered …" and "…, as first reported by the New York Times"
# credit the clause to the agent, as PolNeAR marks them (source the agent, cue the verb, content the clause).
AS_REPORTED_BY = True


def _as_reported(verb: "Token") -> bool:
    """Whether a speech verb frames its head's clause as "as <verb> by X": an adverbial clause marked "as", with an
    agent and no subject ("as Singh is accused of … by the CBI" is a clause of its own)."""
    deps = {c.dep_ for c in verb.children}
    return (verb.dep_ == "advcl" and verb.head.i != verb.i and "agent" in deps and not deps & {"nsubj", "nsubjpass"}
            and _marked_as(verb))


def _marked_as(verb: "Token") -> bool:
    """Whether a verb's clause opens with the subordinator "as" ("as reported by …", "as Gawker points out")."""
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


# Whether "…, as Gawker points out." and "As the BBC reported, …" credit the clause to the subject, as AS_REPORTED_BY
# does the agent's passive (session 39's audit missed "almost none of it is true, as Gawker points out").
AS_SAID = True


def _as_said(verb: "Token") -> bool:
    """Whether a speech verb frames its head's clause as "as X <verb>": an adverbial clause marked "as", with a subject
    and nothing said of its own ("as he told reporters" may name whom he told; "as she said goodbye" is no frame)."""
    if (verb.dep_ != "advcl" or verb.head.i == verb.i or verb.head.pos_ not in ("VERB", "AUX")
            or verb.head.dep_ not in ("ROOT", "ccomp") or verb.lemma_.lower() not in lexicon.SPEECH_VERBS):
        return False  # not "nearly as much money as he has promised", nor a clause deep inside ("when taking calls …,
        # as some iPhone 6 users are now reporting": the parse hangs it on "taking")
    if not _marked_as(verb) or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    for c in verb.children:
        if c.dep_ in _AS_SAID_DEPS:
            continue
        if c.dep_ in ("dobj", "dative") and verb.lemma_.lower() == "tell" and (
                c.pos_ in ("PRON", "PROPN") or c.lemma_.lower() in lexicon.ANONYMOUS_HEADS | {"reporter", "journalist"}):
            continue  # "as he told reporters"
        if c.dep_ == "prep" and (c.lower_ == "in" or (c.lower_ == "on" and any(
                g.pos_ == "PROPN" or g.lower_ in _MEDIA_WORDS for g in c.children))):
            continue  # "as he said in a statement", "as she wrote on Facebook"; not "as it commented on the rules"
        return False  # a complement of its own: "as advocates called for his dismissal" is a time, not a source
    return True


_AS_SAID_DEPS = frozenset({"nsubj", "mark", "aux", "neg", "advmod", "prt", "punct", "npadvmod"})
_MEDIA_WORDS = frozenset({"twitter", "facebook", "television", "tv", "radio", "air", "camera", "instagram"})


def _rest_of_clause(head: "Token", frame: "Token") -> tuple[int, int] | None:
    """The clause ``head`` governs, without the framing phrase ``frame`` ("according to X")."""
    doc = head.doc
    lo, hi = head.left_edge.i, head.right_edge.i
    flo, fhi = frame.left_edge.i, frame.right_edge.i
    if fhi < head.i:
        lo = fhi + 1
    else:
        hi = flo - 1
    if lo > hi:
        return None
    return _span(doc, lo, hi)


# --------------------------------------------------------------------------- the analyzer

def _hedges(cue: "Token", frame: list["Token"]) -> list["Token"]:
    found = [t for t in frame if t.dep_ not in ("aux",) or t.lower_ in lexicon.SPECULATIVE_MODALS]
    for tok in [cue] + ([cue.head] if cue.dep_ == "acomp" else []) + [t for t in frame if t.dep_ not in ("aux", "auxpass")]:
        for c in tok.children:
            if (c.dep_ == "aux" and c.lower_ in lexicon.SPECULATIVE_MODALS) or (
                    c.dep_ == "advmod" and c.lower_ in lexicon.HEDGE_ADVERBS) or (
                    CONDITION_HEDGES and c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS):
                found.append(c)
    # "would not confirm", "couldn't say": the source declines or cannot answer; the author hedges nothing
    found = [t for t in found if not (t.lower_ in _REFUSAL_MODALS
                                      and any(c.dep_ == "neg" or _neither(c) for c in t.head.children))]
    return sorted(set(found), key=lambda t: t.i)


# "if they feel they were sold a bad batch", "whether he said it": the cue's own clause is a condition or an open
# question, so the author asserts no one said or felt anything
CONDITION_HEDGES = True
_CONDITION_MARKS = frozenset({"if", "unless", "whether"})
_REFUSAL_MODALS = frozenset({"could", "would", "can", "will", "wo", "ca"})  # spaCy splits "won't" → "wo", "n't"


# Whether a noun for a person or for people ("The successful teenager revealed he had used …") is an agent that can
# report an inference, besides the roles of lexicon.PERSON_ROLES (session 37, FNC-1 bodies read for missed cues).
PERSON_AGENTS = True
_AGENT_PEOPLE = names.PERSON_NOUNS | {"teenager", "teen", "youngster", "child", "kid", "pupil", "patient", "player",
                                     "coach", "athlete", "singer", "rapper", "celebrity", "model", "couple", "family"}


def _is_agent(source: Source, subj: "Token") -> bool:
    """Whether a source can report an inference ("Officials suggested", not "This approach suggested")."""
    if DEMONSTRATIVES_INFER and subj.lower_ in _DEMONSTRATIVES and not source.resolved:
        return False  # "this would suggest that the air environment over Raqqa is permissive": the author's inference
    return (source.kind in AGENT_KINDS or subj.lemma_.lower() in lexicon.ANONYMOUS_HEADS
            or subj.lemma_.lower() in lexicon.PERSON_ROLES  # "one Reddit user seems to indicate …"
            or (PERSON_AGENTS and subj.pos_ == "NOUN"
                and subj.lemma_.lower() in _AGENT_PEOPLE)  # "the teenager revealed …"
            or (source.kind == "anonymous" and _one_of_them(subj)  # "a Vogue staffer revealed …", named before
                and any(t.ent_type_ for left in subj.lefts for t in left.subtree))  # UNNAMED_MEMBERS took it away
            or (PLURAL_HEADS_QUALIFIED and subj.tag_ == "NNS" and source.kind in ("anonymous", "description")
                and any(t.ent_type_ in names.NAME_LABELS for left in subj.lefts if left.dep_ in _NAMING_DEPS
                        for t in left.subtree))  # "Some Pyongyang watchers suggest", a name qualifying the group
            or subj.lower_ in names.RELATIVE_PRONOUNS  # "…, which suggests": as before relatives took their noun's kind
            or (EVIDENCE_SOURCES and subj.lemma_.lower() in EVIDENCE_NOUNS))  # "a new poll shows …"


# Whether a tagged cue whose head is no verb of saying but which holds one, or a noun of what is said ("gave no details
# on", "offered no further information about", "has yet to comment publicly on"), is speech (indirect), not a belief
# (session 39's audit: negated statements listed as beliefs).
SAYING_PHRASES = True
_SAID_NOUNS = lexicon.SPEECH_NOUNS | frozenset({
    "mention", "detail", "information", "comment", "word", "remark", "reference", "account", "explanation", "answer",
    "reply", "response"})

# Whether a demonstrative pronoun ("this", "that") the text resolves to no one is no agent of an inference verb: in
# "…, and this would suggest that the air environment over Raqqa is permissive" the author infers (session 39's audit).
DEMONSTRATIVES_INFER = True
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})

# Whether a content that opens its paragraph leaves out a dateline before it (session 37).
DATELINE_CONTENT = True


def _make(doc: "Document", kind: str, subj: "Token", cue: tuple[int, int], content: tuple[int, int],
          hedges: list["Token"], quotes: list[tuple[int, int]], source: Source | None = None,
          quoted: bool = False) -> Attribution | None:
    """An attribution of ``kind`` ("speech", "inference" or "belief"), its source the noun phrase of ``subj``
    unless ``source`` is given; speech is a direct quote when ``quoted`` or when quotations make its content."""
    text = doc.body_text
    if DATELINE_CONTENT:  # "TORONTO, Oct 22 (Reuters) - Canadian police are …, a source said": not the source's words
        content = (_after_dateline(doc, *content), content[1])
    if content[1] <= content[0] or cue[0] < content[1] and content[0] < cue[1]:
        return None
    source = source or _source(doc, subj)
    if HANDLE_SOURCES and _quoted_source(source, content, quotes):
        # a source inside the quotation it is said to say is none: a handle opening the cue is the source (else the
        # role tagger's source, which replaces the rules' for quotes, has its turn: "…, but they [award] …," Mook said)
        source, cue = _handle_source(doc, cue) or (source, cue)
    if kind == "speech":
        kind = "direct_quote" if quoted or _quoted_share(*content, text, quotes) >= 0.9 else "indirect"
    elif kind == "inference":
        if not _is_agent(source, subj):
            return None
        kind = "indirect"
    return Attribution(
        type=kind,
        hedged=bool(hedges),
        source=source,
        cue=Span(text[cue[0]:cue[1]], *cue),
        content=Span(text[content[0]:content[1]], *content),
        hedge_cues=[t.text for t in hedges],
        sentence=doc.sentence_of(cue[0]),
    )


def _clause_after_prep(verb: "Token", content: tuple[int, int]) -> bool:
    """Whether a speech verb's clause starts after a preposition of the verb — "“…,” Warren said of the plan Trump
    unveiled": the parse took the relative clause for what was said, and the quotation next to the verb is it."""
    return QUOTE_OVER_PREP_CLAUSE and any(
        c.dep_ == "prep" and verb.i < c.i and c.idx < content[0] for c in verb.children)


# Whether a quotation next to a speech verb wins over a clause after one of the verb's prepositions (above).
QUOTE_OVER_PREP_CLAUSE = True


# Whether a speech verb introduces a quotation after an adverbial phrase of its own and a comma or colon ("…, saying at
# one point, “The answer is not simple.”", where the parse hung the quotation on the verb before; session 41).
ADVERBIAL_BEFORE_QUOTE = True
# The most words such a phrase may hold.
ADVERBIAL_MAX = 6


def _adverbial_run(verb: "Token", start: int) -> bool:
    """Whether the words between ``verb`` and the character offset ``start`` are one to :data:`ADVERBIAL_MAX` words
    of adverbials the verb governs (a prepositional phrase, an adverb, a time noun) and punctuation, no quote mark."""
    between, words = [], []
    for t in verb.doc[verb.i + 1:]:  # up to the quotation, and no further than the words allowed: every later
        if t.idx >= start:           # quotation of a long text is asked about
            break
        between.append(t)
        if not t.is_punct:
            words.append(t)
            if len(words) > ADVERBIAL_MAX:
                return False
    if not words or any(t.is_quote or t.pos_ in ("VERB", "AUX") for t in between):
        return False
    if any(t.lower_ == "with" for t in words):
        return False  # "others disagreed – with Taliesen13 responding: “…”": someone else's words
    for t in words:
        top = t
        while top.head.i != verb.i and top.head.i != top.i and verb.i < top.head.i < start:
            top = top.head
        if top.head.i != verb.i or top.dep_ not in ("prep", "advmod", "npadvmod"):
            return False
    return True


def _quote_next_to(verb: "Token", quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A quotation the speech verb introduces ("He said: “…”") or closes ("“…,” she said")."""
    text = _text(verb.doc)
    for qs, qe in quotes:
        before = text[verb.idx + len(verb):qs]
        if 0 <= len(before) <= 3 and before.strip() in (",", ":"):
            return qs, qe
        if ADVERBIAL_BEFORE_QUOTE and qs > verb.idx and before.rstrip()[-1:] in (",", ":") and _adverbial_run(verb, qs):
            return qs, qe  # "saying at one point, “…”"
        mark = 2 if text.startswith("''", qe - 2) else 1  # the closing mark: ” or ''
        if qe <= verb.idx and qe - qs > 2 and (text[qe - 1 - mark] in ",?!"
                                               or text[qe:verb.idx].lstrip()[:1] in (",", "—")):
            between = [verb.doc[j] for j in range(max(0, verb.i - 9), verb.i) if verb.doc[j].idx >= qe]
            if verb.i - len(between) - 1 >= 0 and verb.doc[verb.i - len(between) - 1].idx >= qe:
                continue  # more than eight words between quotation and cue
            if all(t.is_punct or verb.is_ancestor(t) for t in between) and not any(
                    t.pos_ == "VERB" and t.lemma_.lower() in lexicon.SPEECH_VERBS for t in between):
                return qs, qe  # (a speech verb between is the quotation's own: “…,” she said, noting that …)
    return None


# Whether a quotation interrupted by its speaker ("“…,” Rick Tyler said, “and he has the record …”") has the
# quotation before the cue as its content (and the one after as its continuation), as PolNeAR marks it, rather
# than the clause the parse hangs on the verb, which is the second quotation.
INTERRUPTED_QUOTES = True


def _interrupted(verb: "Token", subj: "Token", quote: tuple[int, int], content: tuple[int, int],
                 quotes: list[tuple[int, int]]) -> bool:
    """Whether ``quote`` closes before the source ``subj`` and ``content`` lies in a quotation that the verb's
    comma opens (not "Sanders said the process could be “messy,” adding, “…”")."""
    if not INTERRUPTED_QUOTES or quote[1] > min([verb.idx] + [t.idx for t in subj.subtree if not t.is_punct]):
        return False  # (the parse may hang the quotation's closing mark on the source)
    text = _text(verb.doc)
    if not text[quote[0]:quote[1]].rstrip("'\"”’").endswith(","):
        return False  # “…?” They said, “…”: a question and its answer
    for qs, qe in quotes:
        if qs >= verb.idx + len(verb) and text[verb.idx + len(verb):qs].strip() == "," and qs <= content[0] < qe:
            return True
    return False


# Whether a quotation that finishes a clause the author began (Manafort “has taken on a tough task,” Black said)
# takes the clause's opening words into the content, as PolNeAR does.
QUOTE_LEAD = True


def _led_quote(text: str, clause: tuple[int, int] | None, quote: tuple[int, int] | None) -> tuple[int, int] | None:
    """The content of a speech verb next to ``quote`` whose complement clause is ``clause``: the quotation, or,
    when the quotation opens in lower case inside the clause and runs to its end (the clause's subject is
    the author's: Manafort “has taken on a tough task, …”), the clause up to the quotation's end."""
    if not QUOTE_LEAD or clause is None or quote is None:
        return quote
    if not (clause[0] < quote[0] and quote[0] <= clause[1] <= quote[1] + 2):
        return quote
    first = next((ch for ch in text[quote[0]:quote[1]] if ch.isalpha()), "")
    lead = text[clause[0]:quote[0]]
    if not first.islower() or "\n" in lead or any(_mark_at(text, i)[0] for i in range(clause[0], quote[0])):
        return quote
    return clause[0], quote[1]


# Whether "suspected" / "alleged" / "reported" right before the noun they qualify are adjectives, not cues, even where
# the parse makes them verbs ("… told BuzzFeed News Wednesday suspected terrorists have infiltrated …": session 31's
# audit found "suspected" read as the lawmakers' belief).
PARTICIPLE_ADJECTIVES = True
_ADJECTIVAL_PARTICIPLES = frozenset({"suspect", "allege", "report", "rumor", "rumour", "presume", "purport"})


def _premodifier(verb: "Token") -> bool:
    """Whether a past participle with no auxiliary and no subject of its own stands right before a noun that is the
    subject of another clause (the noun it qualifies)."""
    if verb.tag_ != "VBN" or verb.lemma_.lower() not in _ADJECTIVAL_PARTICIPLES or verb.i + 1 >= len(verb.doc):
        return False
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return False
    nxt = verb.doc[verb.i + 1]
    return nxt.pos_ in ("NOUN", "PROPN") and nxt.dep_ in ("nsubj", "nsubjpass") and nxt.head.i != verb.i


def _within(span: tuple[int, int], tok: "Token") -> bool:
    """Whether the characters ``span`` lie inside ``tok``'s phrase (its subtree); with :data:`QUOTE_WORDS_WITHIN`,
    a quotation's closing comma and mark may hang outside it (the parse hangs them on the verb: "Leigh-Anne Royster,
    director of Elon’s “Inclusive Community Wellbeing,” said …" is no quotation of hers; session 38's audit)."""
    last = tok.right_edge
    end = span[1]
    if QUOTE_WORDS_WITHIN:
        text = tok.doc.text
        while end > span[0] and text[end - 1] in ",.”’\"' \xa0":
            end -= 1
    return tok.left_edge.idx <= span[0] and end <= last.idx + len(last)


QUOTE_WORDS_WITHIN = True


def _rest_of_sentence(verb: "Token") -> tuple[int, int] | None:
    """The words after ``verb`` to its sentence's end, when they hold a verb: the content of a speech verb whose parse
    lost its clause ("… said Brown -- after going away … -- turned around, taunted the officer …")."""
    rest = verb.doc[verb.i + 1:verb.sent.end]
    if not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    return _span(verb.doc, verb.i + 1, verb.sent.end - 1)


def _candidates(doc: "Document", quotes: list[tuple[int, int]],
                unstated: "dict[int, Attribution] | None" = None) -> Iterator[Attribution | None]:
    """The rules' attributions; the verbs of ``unstated`` (token index → its unstated-source attribution,
    :func:`_unstated_passives`) are left to it."""
    unstated = unstated or {}
    body = doc.body
    for tok in body:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and (lemma in lexicon.SPEECH_VERBS or lemma in lexicon.BELIEF_VERBS):
            belief = lemma not in lexicon.SPEECH_VERBS
            if any(c.dep_ == "nsubjpass" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children):
                continue  # "could be seen as", "is said to …" (the governed cue takes it)
            if tok.i in unstated:
                continue  # "A car thought to be …", misparsed as active: no one named thinks it (_unstated_passives)
            if PARTICIPLE_ADJECTIVES and _premodifier(tok):
                continue  # "told BuzzFeed News Wednesday suspected terrorists have …": "suspected" is an adjective
            subj, frame = _subject(tok)
            trailing = _trailing_source(tok) if subj is None and not belief and TRAILING_APPOSITIVE_SOURCES else None
            if trailing is not None:  # "…, a source close to KCTV5 News says": the parse hung the source on the clause
                subj, comma = trailing
                opening = body[comma].sent.start
                if opening < comma and any(t.pos_ in ("VERB", "AUX") for t in body[opening:comma]):  # a clause
                    yield _make(doc, "speech", subj, _cue_span(tok), _span(body, opening, comma - 1),
                                _hedges(tok, frame), quotes)
                continue
            if subj is None and not belief and TRAILING_PHRASE_SOURCES:
                found = _trailing_phrase(tok)
                if found is not None:  # "… in Lebanon, security officials and Lebanese politicians said on Tuesday."
                    head, first, comma = found
                    start, end = _span(body, first, tok.i - 1)
                    yield _make(doc, "speech", head, _cue_span(tok), _span(body, body[comma].sent.start, comma - 1),
                                _hedges(tok, frame), quotes, _source_at(doc, head, start, end))
                continue
            if subj is None:
                continue
            content = _content(tok, belief)
            closer = INVERTED_CLOSERS and subj.i > tok.i and not belief and subj == _inverted_closer(tok)
            if closer:  # "…, the man seen in the video with Foley, reports the Telegraph.": all before the verb
                content = _span(body, tok.sent.start, tok.i - 2 if body[tok.i - 1].text == "," else tok.i - 1)
            if (INVERTED_SUBJECTS and not belief and content is not None and subj.i > tok.i
                    and subj == _inverted_subject(tok)):
                content = None  # the clause that held the subject is no content: the quotation before the verb is
            quoted = False
            if not belief and not closer:
                quote = _quote_next_to(tok, quotes)
                if quote is not None and subj.idx < quote[0] and _within(quote, subj):
                    quote = None  # "The caller, who identified herself only as “Josie,” said …": the subject's words
                    content = content or _rest_of_sentence(tok)
                if quote is not None and content is not None and _interrupted(tok, subj, quote, content, quotes):
                    content = None  # “…,” she said, “…”: the first quotation (_continue_quotes adds the rest)
                if content is None or (quote and (quote[0] <= content[1] and content[0] <= quote[1]
                                                  or _clause_after_prep(tok, content))):
                    led = _led_quote(_text(body), content, quote)
                    quoted = led is not None and led != quote  # a quotation after the author's opening words
                    content = led or content
            if content is None and not belief and ((AS_REPORTED_BY and _as_reported(tok)) or (AS_SAID and _as_said(tok))):
                content = _rest_of_clause(tok.head, tok)  # "As reported by X, <the clause>", "<the clause>, as X said"
            if content is None and not belief and TRAILING_CONJ_SOURCES:
                content = _before_trailing_source(tok, subj)  # "…, a military source and residents said"
            rest = None
            if content is None and not belief:
                subj, content = _fronted_fragment(tok, subj)
            if content is None and not belief and PARENTHETICAL_SOURCES:
                subj, content, rest = _parenthetical(tok, subj)  # "X became known …, the WSJ's sources said, as …"
            if content is None:
                continue
            content = _snap_to_quotes(*content, quotes)
            cue = _cue_span(tok)
            kind = "belief" if belief else "inference" if lemma in INFERENCE_VERBS else "speech"
            att = _make(doc, kind, subj, cue, content, _hedges(tok, frame), quotes, quoted=quoted)
            if att is not None and rest is not None:
                att = dataclasses.replace(att, continuation=[Span(doc.body_text[rest[0]:rest[1]], *rest)])
            yield att
        elif tok.pos_ == "ADJ" and lemma in lexicon.BELIEF_ADJECTIVES and not _raising(tok):
            subj, frame = _subject(tok.head if tok.dep_ == "acomp" else tok)
            content = _content(tok, True)
            if subj is not None and content is not None:
                yield _make(doc, "belief", subj, _adjective_cue(tok), content, _hedges(tok, frame), quotes)
        elif tok.pos_ == "NOUN" and (lemma in lexicon.BELIEF_NOUNS or lemma in lexicon.SPEECH_NOUNS):
            yield _belief_noun(doc, tok, quotes)
        elif POLL_FRAMES and tok.lower_ == "in" and tok.dep_ == "prep" and tok.is_sent_start and tok.head.i > tok.i:
            # "In a CBS News poll released Monday, Clinton led Sanders 56 to 33": the poll is the source
            pobj = [c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in POLL_NOUNS]
            content = _rest_of_clause(tok.head, tok) if pobj else None
            if content and content[1] > content[0]:
                yield _make(doc, "speech", pobj[0], (tok.idx, tok.idx + len(tok)), content, [], quotes)
        elif tok.lower_ == "according" and tok.i + 1 < len(body) and body[tok.i + 1].lower_ == "to":
            pobj = [c for c in body[tok.i + 1].children if c.dep_ == "pobj"]
            if not pobj or (ACCORDING_TO_MANNER and pobj[0].lemma_.lower() in _MANNER_NOUNS):
                continue  # "… to reshape the Middle East according to its radical vision of Islam": in keeping with
            source = None
            if tok.head.i != tok.i:
                content = _rest_of_clause(tok.head, tok)
            else:  # the parse made "According" the root: the source ends at its comma, the rest is the content
                end = tok.sent.end - 1
                comma = next((t.i for t in body[pobj[0].i:end] if t.text == ","), None)
                if comma is None:
                    continue
                content = _span(body, comma + 1, end) if comma < end else None
                source = _source_at(doc, pobj[0], *_span(body, pobj[0].left_edge.i, comma - 1))
            if content and content[1] > content[0]:
                cue = (tok.idx, body[tok.i + 1].idx + 2)
                yield _make(doc, "speech", pobj[0], cue, _snap_to_quotes(*content, quotes), [], quotes, source)


# Whether "according to" a vision, a tradition, a doctrine … means "in keeping with", not a source (session 41's audit:
# "its radical vision of Islam" was the source of the clause it ends).
ACCORDING_TO_MANNER = True
_MANNER_NOUNS = frozenset({"vision", "tradition", "custom", "ideology", "doctrine", "principle", "will", "wish",
                           "design", "need", "interpretation", "taste", "mood", "size", "age", "ability", "merit"})
# (not "law", "rule", "plan": PolNeAR marks "According to state law" as a source, a record that says something)


# Whether a line that gives an e-mail address or a telephone number after a name and a colon is no statement.
CONTACT_LINES = True
_CONTACT = re.compile(r"\s*(?:[\w.+-]+@[\w-]+\.[\w.]+|\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4})")


# Whether "wrote for", "reported for", "contributed to" an outlet, with the outlet as the content, is a job, not a
# report (session 41's audit: "Foley … frequently reported for the Global Post and Agence France-Presse" made a
# freelancer an anonymous source); "wrote for The Washington Informer that …" keeps its clause and stays a report.
WRITES_FOR = True
_WORK_VERBS = frozenset({"write", "report", "contribute", "blog", "work", "freelance"})


def _writes_for(doc: "Document", a: Attribution) -> bool:
    """Whether ``a``'s cue is a verb of :data:`_WORK_VERBS` ending in "for" / "to" and its content the words right
    after, with no clause or quotation in them (:data:`WRITES_FOR`)."""
    words = a.cue.text.lower().split()
    if len(words) < 2 or words[-1] not in ("for", "to"):
        return False
    head = _cue_head(doc, a.cue)
    content = _token_run(doc, a.content)
    return (head is not None and head.lemma_.lower() in _WORK_VERBS and content is not None and not a.continuation
            and content.start > 0 and doc.body[content.start - 1].lower_ == words[-1]
            and not any(t.dep_ in ("ccomp", "mark") or t.is_quote for t in content))


def _manner_source(doc: "Document", source: Source) -> bool:
    """Whether the head of ``source`` is a noun of :data:`_MANNER_NOUNS`."""
    run = _token_run(doc, source) if source.text else None
    return run is not None and run.root.lemma_.lower() in _MANNER_NOUNS


# Whether "X was quoted (by Y) as saying C" credits C to X, and "Y quoted / cited X (as) saying C" credits it to X as
# well as to Y, who relays it (session 38: the ninth audit's "the Sunday Times quoted a police source as saying" and
# "Arab News quoted Nnamdi Obasi" were the outlets' words; of the 17 "was quoted as saying" in FNC-1 train bodies the
# rules found 3 and gave the BBC of "was quoted by the BBC as saying" the quotation). PolNeAR marks the relay ("CNN |
# quoted | an American witness as saying he saw …", "Braynard | is quoted as saying | …"), and the relay is typed
# indirect: the words are the quoted person's, counted once.
QUOTED_AS_SAYING = True


def _as_saying(verb: "Token") -> "Token | None":
    """The "saying" of "quoted X as saying" / "was quoted as saying" / "cited X saying" (no comma before it: in "cited
    poor sales, saying …" the subject says it)."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            said = next((g for g in c.children if g.lemma_.lower() == "say" and g.tag_ == "VBG"), None)
            if said is not None:
                return said
        if (c.dep_ in ("advcl", "xcomp", "ccomp") and c.lemma_.lower() == "say" and c.tag_ == "VBG" and c.i > verb.i
                and not any(t.text == "," for t in verb.doc[verb.i + 1:c.i])):
            return c
    return None


def _quoted_person(tok: "Token") -> bool:
    """Whether ``tok`` is the "saying" of "Y quoted X as saying": its source is X, not the outlet Y the role tagger
    finds."""
    if tok.lemma_.lower() in _CITING and any(c.dep_ == "nsubjpass" for c in tok.children):
        return _as_saying(tok) is not None  # "Francis was quoted by Italian news media as saying": Francis
    if tok.lower_ == "as":  # the head of the cue "as saying"
        tok = next((c for c in tok.children if c.lemma_.lower() == "say"), tok)
    verb = tok.head.head if tok.head.lower_ == "as" else tok.head
    return tok.lemma_.lower() == "say" and verb.lemma_.lower() in _CITING and _as_saying(verb) == tok


def _said_words(saying: "Token", anchor: "Token", quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """What "as saying" introduces: its clause (one with a subject), else the quotation right after it ("as saying:
    “…”"), else the quotation or clause that closes just before ``anchor``'s phrase, the quoted person or the outlet
    ("“…,” the source was quoted as saying", "Eight soldiers were killed, Reuters quoted the ministry as saying")."""
    clause = next((c for c in saying.children if c.dep_ == "ccomp" and c.i > saying.i), None)
    if clause is not None and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return _subtree(clause)
    text = _text(saying.doc)
    end = saying.idx + len(saying)
    for qs, qe in quotes:
        if qs >= end and text[end:qs].strip() in ("", ":", ","):
            return qs, qe
    opening = anchor.left_edge.idx
    fronted = next((q for q in quotes if q[1] <= opening and text[q[1]:opening].strip() in ("", ",", "—")), None)
    if fronted is not None and fronted[0] >= anchor.sent.start_char - 1:
        return fronted
    if clause is not None:
        return _subtree(clause)
    body, comma, start = anchor.doc, anchor.left_edge.i - 1, anchor.sent.start
    if comma > start and body[comma].text == "," and any(t.pos_ in ("VERB", "AUX") for t in body[start:comma]):
        return _span(body, start, comma - 1)
    return None


def _fronted_quoted(doc: "Document", verb: "Token", quotes: list[tuple[int, int]]) -> Attribution | None:
    """The quoted person's attribution of "“C,” Arab News quoted Nnamdi Obasi, …" / "C, the Sunday Times quoted
    counterterrorism officials.": the words before the outlet are the person's (one cue, so the outlet goes unnamed)."""
    body = doc.body
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # "…, citing sources": the reporter cites (CITING_REPORTER)
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    quoted = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if quoted is None or quoted.pos_ == "PRON" or not _may_speak(quoted) or (
            subj is not None and subj.lower_ in names.RELATIVE_PRONOUNS):
        return None  # not "Sanders, who cites them as evidence"
    content = _quote_next_to(verb, quotes)
    if subj is not None:
        comma = subj.left_edge.i - 1
    else:  # "…, London's Sunday Times quoted officials", the outlet hung on the clause: the last comma before the verb
        comma = next((t.i for t in reversed(body[max(verb.sent.start, verb.i - TRAILING_PHRASE_MAX):verb.i])
                      if t.text == "," or t.pos_ in ("VERB", "AUX") or t.is_quote), verb.sent.start)
    if content is None and comma > verb.sent.start and body[comma].text == "," and any(
            t.pos_ in ("VERB", "AUX") for t in body[verb.sent.start:comma]):
        content = _span(body, verb.sent.start, comma - 1)
    if content is None:
        return None
    return _make(doc, "speech", quoted, _cue_span(verb), _snap_to_quotes(*content, quotes), _hedges(verb, []), quotes)


def _quoted_as(doc: "Document", quotes: list[tuple[int, int]]) -> Iterator[Attribution | None]:
    """The attributions of "X was quoted as saying C" and "Y quoted X as saying C" (:data:`QUOTED_AS_SAYING`)."""
    body = doc.body
    for tok in body:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in _CITING:
            continue
        saying = _as_saying(tok)
        if saying is None:
            yield _fronted_quoted(doc, tok, quotes)
            continue
        passive = any(c.dep_ == "nsubjpass" for c in tok.children)
        speaker = next((c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        anchor = speaker if passive else subj if subj is not None and subj.i < tok.i else tok
        content = _said_words(saying, anchor, quotes) if speaker is not None else None
        if content is None:
            continue
        content = _snap_to_quotes(*content, quotes)
        lead = body[saying.i - 1] if body[saying.i - 1].lower_ == "as" else saying
        if passive:
            first = min([tok.i] + [c.i for c in tok.children if c.dep_ in ("aux", "auxpass") and c.i < tok.i])
            last = saying.i if lead.i == tok.i + 1 else tok.i  # "was quoted as saying"; "was quoted" by the BBC …
            yield _make(doc, "speech", speaker, _span(body, first, last), content, _hedges(tok, []), quotes)
            continue
        yield _make(doc, "speech", speaker, _span(body, lead.i, saying.i), content, [], quotes)
        if subj is None:
            continue  # "…, quoting X as saying": the participle's subject is found with the outer report's
        relayed = (_span(body, speaker.left_edge.i, speaker.i)[0], content[1]) if content[0] > tok.idx else content
        relay = _make(doc, "speech", subj, _cue_span(tok), relayed, _hedges(tok, []), quotes)
        yield dataclasses.replace(relay, type="indirect") if relay is not None else None


# Line openings that are labels, not speakers ("Editor’s note: …", "UPDATE: …"); "Q:" / "A:" are left alone
# (PolNeAR marks interview turns only sometimes, and they name nobody).
NOT_SPEAKERS = frozenset({
    "note", "editor's note", "editor’s note", "editors note", "update", "updates", "updated", "the latest", "latest",
    "breaking", "breaking news", "watch", "video", "videos", "photo", "photos", "related", "read more", "read",
    "exclusive", "contributing", "byline", "revealed", "still to come", "h/t", "name", "age", "city", "q", "a",
    "twitter", "facebook", "instagram", "wow", "warning", "correction", "clarification", "listen", "see also",
    "also", "more", "analysis", "opinion", "editorial", "live", "transcript", "full transcript", "background",
    "context", "credit", "source", "image", "caption", "tags", "share", "topics", "subscribe", "advertisement",
    "problem", "solution", "pictured", "above", "below", "inset", "file photo", "bottom line", "the bottom line",
    "story",
    # a fact-check's labels (session 33's audit: six "FACT: …" lines made "FACT" a named source)
    "fact", "facts", "the facts", "fiction", "myth", "the myth", "truth", "the truth", "reality", "claim", "the claim",
    "verdict", "the verdict", "ruling", "our ruling", "rating", "our rating", "true", "false", "fake", "real",
})
SPEAKER_MAX_TOKENS = 5
# Whether a quotation that makes a paragraph of its own is credited by a dash line below it ("“…”\n\n--Mike Ditka";
# session 38's audit: four signed pundit quotations had no speaker). Not a lone hyphen, which opens list items.
CREDIT_BELOW = True
_GLUED_NAME = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}$")  # "Mike Ditka", "Keyshawn Johnson"
# The dash that credits a quotation to whoever follows it (“…” ― Pamela Padilla): horizontal bar, em and en
# dashes, a double hyphen, or a hyphen between spaces.
CREDIT_DASHES = ("―", "—", "–", "--", "-")


def _name_run(doc: "Document", span: "SpacySpan") -> bool:
    """Whether a span of the body reads as a (short) name: every word title-case or capitals, no verb, no
    quotation mark ("Wash Post Fact-Check", "JAKE TAPPER", "Poll"; not "Clinton Wades In")."""
    toks = [t for t in span if not t.is_space]
    if not toks or len(toks) > SPEAKER_MAX_TOKENS or not (toks[0].is_title or toks[0].is_upper):
        return False
    if span.text.lower() in NOT_SPEAKERS:
        return False
    if not names.is_name(span) or any(t.pos_ in ("VERB", "AUX") and not t.is_upper for t in toks):
        return False
    # several title-case words are a heading ("Little Relief for Refugees") unless a name is among them; one
    # title-case word is a caption label ("Unmasked:", "Home:") unless it names someone or a speaker
    if len(toks) == 1 and not toks[0].is_upper and SINGLE_WORD_SPEAKERS_NAMED:
        tok = toks[0]
        return (tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.lower_ in lexicon.SPEAKER_HEADS
                or tok.lemma_.lower() in lexicon.SPEAKER_HEADS or names.known_person(doc, tok.text) is not None
                or names.in_body_name(doc, tok.lower_))
    if all(t.is_upper for t in toks):
        return not _caps_label(doc, toks)
    return len(toks) == 1 or any(t.ent_type_ in ("PERSON", "ORG") for t in toks) \
        or names.known_person(doc, span.text) is not None


_CAPS_OPENER = re.compile(r"^[\s\"“‘']*([A-Z][A-Z.'’ -]*[A-Z.]):\s", re.M)  # a line opening with capitals and a colon


def _caps_label(doc: "Document", toks: list["Token"]) -> bool:
    """Whether words in capitals before a colon are a label, not a speaker: transcripts name speakers in capitals
    ("FALLIN: I think …", "JAKE TAPPER: …"), but tabloid and wire bodies open sections, captions and datelines the
    same way ("SYRIAN WAR: 10 points …", "REVENGE: …", "LONDON: …", "NEWS:"). A speaker speaks more than once (the
    label's last word opens another line: "TAPPER: …"), or is someone the body names (a person or organisation
    named elsewhere in the body has one of the words: "Trump", "CNN"), or is a speaker word ("MODERATOR"); the
    small NER's label for words in capitals is no evidence ("LONDON" reads as an organisation)."""
    if any(t.lower_ in lexicon.SPEAKER_HEADS for t in toks):
        return False
    openers = doc.body.user_data.get("onrecord.caps_openers")
    if openers is None:  # the last word of each line-opening label in capitals, counted once a document
        openers = doc.body.user_data["onrecord.caps_openers"] = collections.Counter(
            m.group(1).split()[-1] for m in _CAPS_OPENER.finditer(doc.body_text))
    if openers[toks[-1].text] > 1:
        return False  # a speaker who speaks more than once ("JAKE TAPPER: …", later "TAPPER: …")
    words = {t.lower_ for t in toks if len(t) > 1 and not t.is_stop}  # "UN" is a name; "Q" is no one
    first, last = toks[0].i, toks[-1].i
    return not any(ent.label_ in ("PERSON", "ORG") and (ent.end <= first or ent.start > last)  # not the label itself
                   and words & set(ent.text.lower().split()) for ent in names.body_ents(doc)[0])


# Whether a speaker line's single title-case word must name someone (an entity, a person or organisation of the body)
# or be a speaker word (lexicon.SPEAKER_HEADS): photo captions open with "Unmasked:", "Home:", "Not him:".
SINGLE_WORD_SPEAKERS_NAMED = True


def _speaker_source(doc: "Document", head: "Token", start: int, end: int) -> Source:
    """The source of a speaker line or a credit: as :func:`_source_at`, and a name the small NER missed (a
    headline's "Sanders:") is the body's person of that name when there is one."""
    source = _source_at(doc, head, start, end)
    if source.kind in ("anonymous", "description") and head.lower_ not in lexicon.ANONYMOUS_HEADS:
        person = names.known_person(doc, source.text)
        if person:
            return dataclasses.replace(source, kind="named_person", resolved=person)
    return source


def _lone_label(doc: "Document", span: "SpacySpan") -> bool:
    """Whether a one-word speaker of a body line is a label: a photo caption's "Hunt: A forensic investigator works
    at the site …" (session 35's audit; the NER calls Hunt a person, which :func:`_name_run` accepts) names no one the
    text mentions again, where a speaker does ("JOHNSON: …" recurs; PolNeAR train: 76 of 79 one-word speakers recur,
    the other 3 open headlines). A headline and a speaker word ("Poll:") keep it."""
    if len(span) != 1 or not LONE_LABELS or span[0].lower_ in lexicon.SPEAKER_HEADS:  # "Poll: …" speaks
        return False
    text = doc.body_text
    end = text.find("\n", span.start_char)
    line = text[span.start_char:end if end >= 0 else None].strip()
    if line == doc.article.headline.strip():
        return False
    # "CLINTON:" recurs as "Clinton"; "the hunt is on" is no mention of a "Hunt"; counted once a word and document (a
    # transcript's thousand "JOHNSON:" lines must not each scan the text)
    counts = doc.body.user_data.setdefault("onrecord.capitalised_mentions", {})
    key = span.text.lower()
    if key not in counts:
        counts[key] = sum(m.group()[0].isupper() for m in re.finditer(rf"\b{re.escape(span.text)}\b", text, re.I))
    return counts[key] == 1


# Whether a one-word line opener mentioned nowhere else is a label, not a speaker (:func:`_lone_label`).
LONE_LABELS = True


def _says_something(doc: "Document", start: int, end: int, quotes: list[tuple[int, int]]) -> bool:
    """Whether a speaker line's rest holds a statement (a verb or a quotation), not a list ("Iowa: Tim
    Albrecht, Brad Anderson, …")."""
    if any(qs < end and start < qe for qs, qe in quotes):
        return True
    span = doc.body.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


# Whether a speaker line whose rest is a caption about the name says nothing: an indefinite noun phrase ("Mullah
# Norullah Nori: A senior Taliban commander in … when the Taliban fought U.S. forces") or a clause with no subject that
# opens on its past-tense verb ("Abdul Haq Wasiq: Served as the Taliban deputy minister of intelligence"; session 40's
# audit found four such biography lines credited to the men they describe).
CAPTION_LINES = True


def _caption(doc: "Document", content: Span) -> bool:
    """Whether the first sentence of a speaker line's rest is a caption (:data:`CAPTION_LINES`)."""
    span = doc.body.char_span(content.start, content.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    sent_end = min(span.end, span[0].sent.end)
    root = next((t for t in span.doc[span.start:sent_end]
                 if t.head.i == t.i or (not span.start <= t.head.i < sent_end and not t.is_punct)),
                None)  # the first head the rest's first sentence hangs from
    if root is None:
        return False
    if root.pos_ in ("NOUN", "PROPN"):
        return span[0].lower_ in ("a", "an")  # not a headline's fragment: "Clinton: Time for ‘intensification’ …"
    return root.i == span.start and root.tag_ in ("VBD", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)


def _fronted_fragment(verb: "Token", subj: "Token") -> tuple["Token", tuple[int, int] | None]:
    """The source and content of "People like Scott, he said." — a sentence-final speech verb whose parse gave
    it no complement: its subject nearest before it (the parse may take the fragment for a second subject),
    and the words before the comma that precedes that subject, from the sentence start."""
    doc = verb.doc
    if verb.i + 1 >= len(doc) or doc[verb.i + 1].text not in (".", "!", "?") and not (
            ADVERBIAL_TAIL and doc[verb.sent.end - 1].text in (".", "!", "?") and _closes_sentence(verb)):
        return subj, None  # the verb must close the sentence, but for its own adverbials
    return _clause_before_source(verb, subj) or (subj, None)


def _clause_before_source(verb: "Token", subj: "Token") -> tuple["Token", tuple[int, int]] | None:
    """For a speech verb with nothing of its own after it: its subject nearest before it (the parse may take the
    clause for a second subject) and the words from the sentence start to the comma before that subject; None when
    no such comma sets a clause off (:func:`_fronted_fragment`, :func:`_parenthetical`)."""
    doc = verb.doc
    near = max((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), key=lambda c: c.i, default=subj)
    first, start = near.left_edge.i, verb.sent.start
    if first - 1 <= start or doc[first - 1].text != "," or not _nothing_after(verb):
        return None
    if ADVERBIAL_TAIL and near.lower_ in names.RELATIVE_PRONOUNS:
        return None  # "…,” said a Republican, who, like all respondents, responded anonymously."
    return near, _span(doc, start, first - 2)


# Whether a speech verb closing its sentence may keep adverbials of time and place after it ("…, a source familiar
# with the matter said on Wednesday."; session 37: such a lead, its verb parsed as a relative clause, had no
# attribution).
ADVERBIAL_TAIL = True
_TAIL_DEPS = frozenset({"prep", "npadvmod", "advmod", "pobj", "det", "compound", "amod", "nummod", "punct"})
# The prepositions and adverbs such a tail may open with: of time, place and medium, not of what the verb is about
# ("disagrees with her former boss", "responded anonymously" keep their sentences as they were).
_TAIL_PREPS = frozenset({"on", "in", "at", "during", "after", "before", "via", "through", "by"})
_TAIL_ADVERBS = frozenset({"today", "yesterday", "tonight", "later", "earlier", "recently", "previously", "again",
                           "also", "then", "now", "late", "early", "afterwards", "overnight"})


# What the object of such a tail's preposition may be: a date, a time or a place, or a medium ("in a statement").
_TAIL_ENTITIES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})
_TAIL_MEDIA = frozenset({"statement", "interview", "briefing", "conference", "email", "e-mail", "post", "tweet",
                         "letter", "release", "broadcast", "radio", "television", "tv", "twitter", "facebook",
                         "instagram", "speech", "message", "video", "podcast"})


# Whether the paragraph break a sentence ends with (a whitespace token the parse hangs on the final stop) counts as
# nothing after the verb, as punctuation does: until session 41 a speech verb closing a paragraph's last sentence never
# read as closing it unless it was the sentence's root.
SPACE_ENDS = True


def _closes_sentence(verb: "Token") -> bool:
    """Whether nothing follows the verb in its sentence but punctuation and its own adverbials
    (:func:`_nothing_after`)."""
    doc = verb.doc
    return _nothing_after(verb) and all(t.is_punct or (SPACE_ENDS and t.is_space) or verb in t.ancestors
                                        for t in doc[verb.i + 1:verb.sent.end])


def _nothing_after(verb: "Token") -> bool:
    """Whether the verb's subtree holds nothing after it but punctuation, or (:data:`ADVERBIAL_TAIL`, for a finite
    verb) adverbials without a verb: of time ("on Wednesday", "late Tuesday", "earlier"), place ("in Beirut") or
    medium ("in a statement") — not what the verb is about ("reporting on the uprising")."""
    after = [t for t in verb.subtree if t.i > verb.i and not t.is_punct]
    if not after or not ADVERBIAL_TAIL:
        return not after
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    if not all(t.dep_ in _TAIL_DEPS and t.pos_ not in ("VERB", "AUX") and not t.is_quote for t in after):
        return False
    for c in verb.children:
        if c.i < verb.i or c.is_punct:
            continue
        if c.dep_ == "npadvmod" or (c.dep_ == "advmod" and c.lower_ in _TAIL_ADVERBS):
            continue
        pobj = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ in _TAIL_PREPS else []
        if not pobj or not (pobj[0].ent_type_ in _TAIL_ENTITIES or pobj[0].lemma_.lower() in _TAIL_MEDIA):
            return False
    return True


# Whether a speech verb set off by commas inside the clause it reports ("Apple Watch became known as a black hole, the
# WSJ's sources said, as it continued …": the parse makes it a parataxis with no complement) reports that clause.
PARENTHETICAL_SOURCES = True


def _parenthetical(verb: "Token", subj: "Token") -> tuple["Token", tuple[int, int] | None, tuple[int, int] | None]:
    """The source and content of a speech verb between commas in mid-sentence, a ``parataxis`` of the clause before
    it with nothing of its own after it: the subject nearest before the verb; the words from the sentence start to
    the comma before that subject; and, as the content's second piece, the rest of the sentence after the verb's
    comma, which the clause before (the sentence's root) must govern."""
    doc = verb.doc
    after = verb.i + 1
    if PARENTHETICAL_BEFORE_ROOT and verb.dep_ == "parataxis" and verb.head.i > verb.i:
        return _parenthetical_before(verb, subj)
    if (verb.dep_ != "parataxis" or verb.head.i >= verb.i or verb.head.i != verb.sent.root.i
            or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children)
            or after >= len(doc) or doc[after].text != ","):
        return subj, None, None
    found = _clause_before_source(verb, subj)
    if found is None:
        return subj, None, None
    near, content = found
    end = verb.sent.end - 1
    while end > after and doc[end].is_punct:
        end -= 1
    if end > after and not all(doc[i].head.i == verb.head.i or verb.head in doc[i].ancestors
                               for i in range(after + 1, end + 1)):
        return subj, None, None  # "Though that was seamless, he said, replacing Clinton would be …": the rest rules
    return near, content, _span(doc, after + 1, end) if end > after else None


# Whether the same holds before the clause's verb ("Now, he says, she continues those duties and has taken on …": the
# words before the source and the clause after the verb's comma; session 37's reading of the seventh audit, where such a
# sentence had no attribution when the tagger's cue fell short of its confidence).
PARENTHETICAL_BEFORE_ROOT = True


def _parenthetical_before(verb: "Token", subj: "Token"
                          ) -> tuple["Token", tuple[int, int] | None, tuple[int, int] | None]:
    """:func:`_parenthetical` for a speech verb set off by commas before the root it interrupts: its subject, the words
    from the sentence start to the comma before the subject, and the rest of the sentence after the verb's comma."""
    doc = verb.doc
    after, root = verb.i + 1, verb.head
    if (root.i != verb.sent.root.i or after >= root.i or doc[after].text != ","
            or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children)
            or any(t.i > verb.i and not t.is_punct for t in verb.subtree)):
        return subj, None, None
    near = max((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), key=lambda c: c.i, default=None)
    if near is None:
        return subj, None, None
    first, start = near.left_edge.i, verb.sent.start
    if first - 1 <= start or doc[first - 1].text != ",":
        return subj, None, None
    end = verb.sent.end - 1
    for k in range(after + 1, end):  # "…, which he said would be its lowest ever" is not the content
        if doc[k].is_quote:  # quoted words stay whole
            break
        if doc[k].text == "," and doc[k + 1].lower_ in _RELATIVES:
            end = k
            break
    while end > after and doc[end].is_punct:
        end -= 1
    return near, _span(doc, start, first - 2), _span(doc, after + 1, end)


_RELATIVES = names.RELATIVE_PRONOUNS - {"that"}  # ", that" seldom opens a relative clause


_TEXT_VERBS = frozenset({"read", "begin", "open"})  # what a text does: "The letter reads:", "The article begins:"
# Whether a block quotation is also led in by "X continued:" and by a statement noun that is the object of a verb whose
# subject is the speaker ("Sanders made the following comment:") (session 44's audit: both blocks had no source).
BLOCK_LEAD_INS = True
_LEAD_NOUNS = frozenset({"comment", "remark", "endorsement", "message"})  # "made the following comment:"
_MAKING_VERBS = frozenset({"make", "issue", "give", "offer", "deliver", "post", "release", "send"})
_ANSWER_NOUNS = frozenset({"response", "reaction", "reply", "answer"})  # "His response:", "This was her reaction:"


# Whether a quotation that makes its own paragraph after a paragraph ending in a colon is introduced by the speech verb
# before that colon, as a block quotation is ("Because, as Ben Collins writes in his Esquire piece:¶"… ESPN has a
# $15.2 billion broadcasting agreement …""; session 38's audit: the quotation had no speaker).
LED_QUOTATIONS = True


def _led_quotations(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(colon, start, end) for each quotation in marks that is a whole paragraph right after a paragraph whose last
    character is a colon (:data:`LED_QUOTATIONS`), in the form of :func:`onrecord.quotes.block_quotes`."""
    out = []
    for qs, qe in quotes:
        line_end = text.find("\n", qe)
        if qs == 0 or text[qs - 1] != "\n" or text[qe:line_end if line_end >= 0 else len(text)].strip():
            continue
        colon = qs - 1
        while colon >= 0 and text[colon].isspace():  # back over the blank lines, not a copy of all before
            colon -= 1
        if colon >= 0 and text[colon] == ":":
            out.append((colon, qs, qe))
    return out


# Whether a block quotation whose lead-in verb reports a clause before it ("The intruder overpowered an officer …, the
# Washington Post reported:") is the second piece of that clause's attribution, not the whole of one that drops the
# clause (session 42: "reported:" became a lead-in, and the sentence's own content was lost).
BLOCK_AFTER_CLAUSE = True


def _block_leads(doc: "Document", blocks: list[tuple[int, int, int]],
                 marked: "frozenset[int] | set[int]" = frozenset()) -> Iterator[Attribution | None]:
    """Direct quotes of block quotations (:func:`onrecord.quotes.block_quotes`): the speech verb last before the
    colon that introduces a block, with its subject as the source ("Comcast's Jason Livingood wrote in today's
    post:", "Here's what the fake piece says:", "The letter reads:"), or a statement noun's "from" / "by" phrase
    or possessor ("a statement from ESPN:", "His response:"); the block is the content. For a quotation in marks
    (``marked``: its start, :data:`LED_QUOTATIONS`) a lead-in verb with a clause of its own ("…warned a customer,
    DeepDotWeb reports:") credits nothing — the words may be whoever's the clause reports — and a statement noun
    with its own clause ("on ESPN's announcement that …:") is passed over for one before it ("Statement from …")."""
    body = doc.body
    for colon, start, end in blocks:
        span = body.char_span(colon, colon + 1, alignment_mode="expand")
        if span is None:
            continue
        sent = span[0].sent
        for tok in reversed(body[sent.start:span[0].i]):
            lemma = tok.lemma_.lower()
            goes_on = BLOCK_LEAD_INS and lemma == "continue" and tok.i == span[0].i - 1  # "Caddell continued:"
            if tok.pos_ in ("VERB", "AUX") and (lemma in lexicon.SPEECH_VERBS or lemma in _TEXT_VERBS or goes_on):
                subj, frame = _subject(tok)
                if start in marked and lemma == "read" and any(c.dep_ == "dobj" for c in tok.children):
                    break  # "Those who read the ‘About’ page: “…”" quote the page, not themselves
                clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.right_edge.i < tok.i), None)
                if subj is not None and start not in marked and clause is not None and BLOCK_AFTER_CLAUSE:
                    # "The intruder overpowered an officer …, the Washington Post reported:¶ An alarm box …": the
                    # clause before the verb is what it reports, and the block goes on with it
                    said = _tokens_span(doc.body, clause.left_edge.i, clause.right_edge.i)
                    att = _make(doc, "speech", subj, _cue_span(tok), said, _hedges(tok, frame), []) if said else None
                    yield None if att is None else dataclasses.replace(
                        att, type="direct_quote", continuation=[Span(doc.body_text[start:end], start, end)])
                elif subj is not None and not (start in marked and any(c.dep_ == "ccomp" for c in tok.children)):
                    yield _make(doc, "speech", subj, _cue_span(tok), (start, end), _hedges(tok, frame), [], quoted=True)
                break
            if tok.pos_ == "NOUN" and (lemma in lexicon.SPEECH_NOUNS or lemma in _ANSWER_NOUNS
                                       or BLOCK_LEAD_INS and lemma in _LEAD_NOUNS):
                if start in marked and any(c.dep_ in ("acl", "ccomp") for c in tok.children):
                    continue  # "Statement from X, on ESPN's announcement that …:" is X's
                by = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                      for g in c.children if g.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "poss"]
                if not by and BLOCK_LEAD_INS and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _MAKING_VERBS:
                    # "Sanders made the following comment:", "the Times gave Clinton a glowing endorsement:"
                    by = [s for s in (_subject(tok.head)[0],) if s is not None]
                if by:  # "a statement from ESPN:", "His response:"
                    yield _make(doc, "speech", by[0], (tok.idx, tok.idx + len(tok)), (start, end), [], [], quoted=True)
                break


def _speaker_lines(doc: "Document", quotes: list[tuple[int, int]]) -> Iterator[Attribution | None]:
    """Lines that open with a speaker and a colon: headlines ("Rubio: ‘You Don’t Win …’", "Poll: Clinton and
    Trump in dead heat") and transcripts ("FALLIN: I think …", also inside a quotation: "PENCE: Well, …").
    The colon is the cue, the rest of the line the content; the speaker is a short name
    (:func:`_name_run`), not a label (:data:`NOT_SPEAKERS`)."""
    text, body = doc.body_text, doc.body
    line_start = 0
    while line_start < len(text):
        stop = text.find("\n", line_start)
        stop = len(text) if stop < 0 else stop
        start = line_start
        while start < stop and (text[start].isspace() or text[start] in OPEN_QUOTES or text[start] in "‘'"):
            start += 1
        colon = text.find(": ", start, stop)
        if colon > start:
            span = body.char_span(start, colon, alignment_mode="expand")
            if span is not None and span.start_char == start and _name_run(doc, span) and not _lone_label(doc, span):
                content = _strip(text, colon + 1, stop)
                if content[1] > content[0] and _says_something(doc, *content, quotes):
                    source = _speaker_source(doc, span[-1], start, colon)
                    yield _make(doc, "speech", span[-1], (colon, colon + 1),
                                _snap_to_quotes(*content, quotes), [], quotes, source)
        line_start = stop + 1


def _initial(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends a name's initial ("Edwin G. Monroy"), not the name."""
    return dot >= 1 and text[dot - 1].isupper() and (dot == 1 or not text[dot - 2].isalnum()) and \
        text[dot + 2:dot + 3].isupper()


def _credit_lines(doc: "Document", quotes: list[tuple[int, int]]) -> Iterator[Attribution | None]:
    """A quotation credited by a dash and a name after it (“He can’t even answer a question …” ― Esther Tapia;
    "… pay zero taxes." - Sanders): the dash is the cue, the quotation the content. The name must end its
    line or be followed by the next quotation, so "“…” — Sanders said" is left to the speech verb."""
    text, body = doc.body_text, doc.body
    for qs, qe in quotes:
        at = qe
        while at < len(text) and text[at] in " \t\xa0":
            at += 1
        below = CREDIT_BELOW and text[at:at + 1] == "\n" and (qs == 0 or text[qs - 1] == "\n")
        if below:  # a paragraph-long quotation, credited on the line below it ("--Mike Ditka")
            at = next((at + k for k in range(len(text) - at) if text[at + k] not in " \t\xa0\n"), at)
            if text.count("\n", qe, at) > 2:
                continue
        dash = next((d for d in CREDIT_DASHES if text.startswith(d, at)), None)
        if dash is None or (dash == "-" and (at == qe or below)):
            continue
        name_start = at + len(dash)
        while name_start < len(text) and text[name_start] in " \t\xa0":
            name_start += 1
        if dash == "-" and name_start == at + 1:
            continue
        end = name_start
        while end < len(text) and text[end] not in "\n“\"(,;" and not (
                text[end] == "." and text[end + 1:end + 2] in ("", "\n", " ") and not _initial(text, end)):
            end += 1
        name_end = _strip(text, name_start, end)[1]
        if name_end <= name_start:
            continue
        span = body.char_span(name_start, name_end, alignment_mode="expand")
        if span is None:
            continue
        if span[0].idx < name_start:  # the tokenizer glued the dash to the name ("--Mike"): the name's words decide
            if not (CREDIT_BELOW and _GLUED_NAME.match(text[name_start:name_end])
                    and not any(t.pos_ in ("VERB", "AUX") for t in span[1:])):
                continue
        elif not _name_run(doc, span):
            continue
        source = _speaker_source(doc, span[-1], name_start, name_end)
        yield _make(doc, "speech", span[-1], (at, at + len(dash)), (qs, qe), [], quotes, source)


# Whether an embedded tweet with its credit line ("… — Angela Carless (@AngelaCarless) February 10, 2015") is its
# author's direct quote.
TWEET_QUOTES = True


def _tweet_lines(doc: "Document") -> Iterator[Attribution | None]:
    """Embedded tweets as web copy keeps them, the text and then a credit line (:data:`_TWEET_CREDIT`): a direct
    quote of the display name (else the handle), the credit's dash the cue, the tweet's text the content — from its
    paragraph's start or the previous credit, or the paragraph before when the credit line stands alone."""
    text, body = doc.body_text, doc.body
    if not TWEET_QUOTES or "(@" not in text:
        return
    for m, start in _tweets(text):
        dash = m.start() if text[m.start()] in "—–;" else m.start() + 1  # "—", ";" or " -"
        if not text[start:dash].strip():  # the credit on its own line: the tweet is the paragraph before
            before = text[:start].rstrip()
            start = before.rfind("\n") + 1
            content = _strip(text, start, len(before))
        else:
            content = _strip(text, start, dash)
        name = _strip(text, m.start("name"), m.end("name")) if m.group("name").strip() else (
            m.start("handle") - 1, m.end("handle"))
        span = body.char_span(*name, alignment_mode="expand")
        if span is None or not len(span) or content[1] <= content[0] or _TWEET_CREDIT.search(text, *content):
            continue
        source = _speaker_source(doc, span[-1], *name)
        if source.kind not in ("named_person", "named_org"):
            source = dataclasses.replace(source, kind="named_person", resolved=source.text)
        yield _make(doc, "speech", span[-1], (dash, dash + 1), content, [], [], source, quoted=True)


def _belief_noun(doc: "Document", noun: "Token", quotes: list[tuple[int, int]]) -> Attribution | None:
    """ "Putin's confidence that …" and "From Putin's perspective, …"; and, for a noun of statement
    (``lexicon.SPEECH_NOUNS``), "Trump's claim that …" (indirect speech)."""
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if not poss:
        return None
    cue = (noun.idx, noun.idx + len(noun))
    clause = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i
              and any(g.lower_ == "that" for g in c.subtree if g.i < c.i)]
    if clause:
        kind = "speech" if noun.lemma_.lower() in lexicon.SPEECH_NOUNS else "belief"
        return _make(doc, kind, poss[0], cue, _subtree(clause[0]), [], quotes)
    prep = noun.head
    if noun.lemma_.lower() in FRAME_NOUNS and noun.dep_ == "pobj" and prep.lower_ in ("from", "in") \
            and prep.head.i != prep.i:
        content = _rest_of_clause(prep.head, prep)
        if content:
            return _make(doc, "belief", poss[0], cue, content, [], quotes)
    return None


# --------------------------------------------------------------------------- unstated sources

# Whether attributions whose source the text never states are reported ("X is expected to …", "reportedly",
# "Asked whether …"). PolNeAR annotates them without a Source (7.8 % of the held-out train attributions); the report
# gives them an empty source span at the cue, kind "anonymous". Chosen on the held-out train articles of
# ``benchmarks/explore_cue_tagger.py`` (cue 0.681 -> 0.687, whole attribution 0.488 -> 0.492; BENCHMARKS.md).
# "seems / appears to" was measured too and left out: PolNeAR marks only about a third of them.
UNSTATED_SOURCES = True
EXPECT_VERBS = frozenset({"expect", "project"})
# Passives that credit a clause to no one ("The comic is said to be worth $1m", "It is believed that …", and the
# reduced "A car thought to be the suspect's", "…, believed stolen"), by the attribution type they make. PolNeAR
# marks "is said / reported to" with an unstated source; onrecord also reads beliefs so, rather than crediting the
# belief to the thing it is about (the tagger had "A car" think). Switch: UNSTATED_PASSIVE.
UNSTATED_PASSIVES = {"say": "indirect", "report": "indirect", "rumor": "indirect", "rumour": "indirect",
                     "allege": "indirect", "claim": "indirect", "believe": "belief", "think": "belief",
                     "consider": "belief",
                     "understand": "indirect",  # the British press's "It is understood (that)": a source unnamed
                     "tell": "indirect", "inform": "indirect"}  # "we're told that …": only with the author as subject
UNSTATED_PASSIVE = True
_AUTHOR_PRONOUNS = frozenset({"i", "we"})
# Adverbs that belong to the cue of "X is widely expected to …".
EXPECT_ADVERBS = frozenset({"widely", "generally", "also", "now", "still"})
UNSTATED_ADVERBS = frozenset({"reportedly"})
_DASHES = frozenset({"—", "–", "-", "--"})


def _tokens_span(doc: "Doc", first: int, last: int) -> tuple[int, int] | None:
    """Characters of tokens ``first..last`` without punctuation at either end (quote marks kept); None if empty."""
    while first <= last and (doc[first].is_punct or doc[first].is_space) and not doc[first].is_quote:
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space) and not doc[last].is_quote:
        last -= 1
    return (doc[first].idx, doc[last].idx + len(doc[last])) if first <= last else None


def _until_break(doc: "Doc", first: int, last: int, after: int) -> tuple[int, int] | None:
    """Tokens ``first..last`` cut before the first comma or dash after token ``after`` ("to be unfavorable for
    Beijing[, with potentially sharp consequences …]")."""
    for k in range(after + 1, last + 1):  # a dash between spaces, not the hyphen of "high-resolution"
        if doc[k].text in (",", ";") or (doc[k].text in _DASHES and doc[k - 1].whitespace_):
            return _tokens_span(doc, first, k - 1)
    return _tokens_span(doc, first, last)


def _clause_subject(verb: "Token") -> "Token | None":
    """The verb's subject, or for a verb conjoined without one, its first conjunct's ("She … and is expected to")."""
    while True:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None or verb.dep_ != "conj" or verb.head is verb:
            return subj
        verb = verb.head


def _subject_phrase(subj: "Token") -> tuple[int, int] | None:
    """The subject's noun phrase without a leading adverb ("Even John Oliver") or its relative clause."""
    doc = subj.doc
    first, last = subj.left_edge.i, subj.right_edge.i
    while first < subj.i and doc[first].dep_ in ("advmod", "cc", "punct"):
        first += 1
    rel = [c for c in subj.children if c.dep_ == "relcl" and c.i > subj.i]
    if rel:  # "Sanders, whose populist campaign …, was projected the winner": the relative clause stays out
        last = rel[0].left_edge.i - 1
    return _tokens_span(doc, first, last)


def _unstated_attribution(doc: "Document", cue: tuple[int, int], pieces: list[tuple[int, int] | None], kind: str,
                          head: "Token") -> Attribution | None:
    text = doc.body_text
    parts = [p for p in pieces if p is not None and p[1] > p[0]]
    if not parts or any(p[0] < cue[1] and cue[0] < p[1] for p in parts):
        return None
    hedges = _hedges(head, [])
    spans = [Span(text[a:b], a, b) for a, b in parts]
    return Attribution(type=kind, hedged=bool(hedges), source=Source("", cue[0], cue[0], "anonymous"),
                       cue=Span(text[cue[0]:cue[1]], *cue), content=spans[0], hedge_cues=[t.text for t in hedges],
                       sentence=doc.sentence_of(cue[0]), continuation=spans[1:])


_REDUCED_ALONE = frozenset({"believe", "think", "rumor", "rumour", "allege", "consider"})  # reduced without a comma before


def _unstated_passives(doc: "Document") -> dict[int, Attribution]:
    """Token index → the unstated-source attribution of each passive of :data:`UNSTATED_PASSIVES` in the body
    (:func:`_unstated_passive`); empty when :data:`UNSTATED_PASSIVE` is off."""
    if not UNSTATED_PASSIVE:
        return {}
    out = {}
    for t in doc.body:
        lemma = t.lemma_.lower()
        if lemma in UNSTATED_PASSIVES and t.tag_ in ("VBN", "VBD"):
            att = _unstated_passive(doc, t, UNSTATED_PASSIVES[lemma])
            if att is not None:
                out[t.i] = att
    return out


def _unstated_passive(doc: "Document", t: "Token", kind: str) -> Attribution | None:
    """A passive of :data:`UNSTATED_PASSIVES` with its clause: "X is said to be Y" (content "X … to be Y"), "It is
    believed that Y" (content Y), and the reduced "X, believed to be Y", "A car thought to be Y", "…, believed
    stolen" (the noun and the infinitive or participle; the small parser reads these as active verbs with that
    noun as subject, so they are told by the infinitive right after the verb, a comma before it or a belief verb,
    and a noun, not a pronoun, as the "subject": "He thought to ask" stays his). None when the verb has an agent."""
    body = doc.body
    sent_end = t.sent.end - 1
    comp = next((c for c in t.children if c.i > t.i and c.dep_ in ("xcomp", "oprd", "ccomp")), None)
    if comp is None and TRAILING_IT_PASSIVE:
        return _trailing_it_passive(doc, t, kind)
    if comp is None or any(c.dep_ == "agent" for c in t.children):
        return None
    if any(c.dep_ == "auxpass" for c in t.children) and t.tag_ == "VBN":
        subj = _clause_subject(t)
        told = t.lemma_.lower() in TOLD_VERBS
        if subj is not None and comp.dep_ == "ccomp" and (subj.lower_ == "it" and not told or
                                                          told and subj.lower_ in _AUTHOR_PRONOUNS):
            subj = None  # "It is believed that …", "We're told that …": the that-clause is the content
        elif comp.dep_ == "ccomp" or told:
            return None
        pieces = [] if subj is None else [_subject_phrase(subj)]
    else:
        after = body[t.i + 1] if t.i + 1 < len(body) else None
        while (REDUCED_ADVERB and after is not None and after.dep_ == "advmod" and after.head.i == t.i
               and after.i + 1 < len(body)):
            after = body[after.i + 1]  # "a meteor, thought possibly to be a chunk of …" (session 38's audit)
        reduced = (comp.dep_ != "ccomp" and after is not None and after.i == comp.left_edge.i
                   and (after.lower_ == "to" or after.tag_ == "VBN")
                   and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in t.children)
                   and (body[t.i - 1].text == "," or t.lemma_.lower() in _REDUCED_ALONE))
        if not reduced:
            return None
        noun = t.head if t.dep_ == "acl" else _clause_subject(t)
        if noun is None and t.dep_ in ("conj", "advcl"):
            noun = _clause_subject(t.head)
        if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
            return None
        pieces = [_tokens_span(body, noun.left_edge.i, min(noun.right_edge.i, t.i - 1)) if noun.i < t.i
                  else _subject_phrase(noun)]
    pieces.append(_until_break(body, comp.left_edge.i, min(comp.right_edge.i, sent_end), comp.i))
    lead = [c.i for c in t.children if c.i < t.i and (
        c.dep_ in ("aux", "auxpass", "neg") or (c.dep_ == "advmod" and c.lower_ in EXPECT_ADVERBS))]
    return _unstated_attribution(doc, _token_chars(body, (min(lead + [t.i]), t.i)), pieces, kind, t)


# Whether a reduced passive keeps its reading with an adverb before its infinitive ("a meteor, thought possibly to be a
# chunk of an asteroid": no one stated thinks so, not the meteor).
REDUCED_ADVERB = True

# Whether "CLAUSE, it has been reported." / "…, it is understood." closing a sentence credits the clause before the
# comma to someone unstated (session 37's reading of the seventh audit: a lead sentence's "…, it has been reported" had
# no attribution, so the report showed the article's main claim as the author's).
TRAILING_IT_PASSIVE = True


def _trailing_it_passive(doc: "Document", t: "Token", kind: str) -> Attribution | None:
    """The unstated-source attribution of a passive with a dummy "it" that closes its sentence after a comma ("The
    sister has taken over state duties, as he recovers, it has been reported."; the parse hangs it on the clause or
    the clause on it), or of a passive "told" with whoever was told ("…, Fox News is told."): content the sentence up
    to that comma, which must hold a verb; cue the verb with its auxiliaries. None for any other shape (an agent, an
    object or a verb after it)."""
    body = doc.body
    subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
    told = PASSIVE_TOLD and t.lemma_.lower() in TOLD_VERBS  # "…, Fox News is told.": the one told, by someone unstated
    if (subj is None or not (subj.lower_ == "it" or told) or t.tag_ != "VBN"
            or not any(c.dep_ == "auxpass" for c in t.children)
            or any(c.dep_ == "agent" for c in t.children)):
        return None
    start, first = t.sent.start, subj.left_edge.i
    if first - 1 <= start or body[first - 1].text != ",":
        return None
    if not any(tok.pos_ in ("VERB", "AUX") for tok in body[start:first - 1]):
        return None
    if any(tok.pos_ in ("VERB", "AUX") or tok.dep_ in ("dobj", "ccomp", "xcomp") for tok in body[t.i + 1:t.sent.end]):
        return None  # only adverbials may follow ("…, it was reported on Tuesday")
    lead = [c.i for c in t.children if c.i < t.i and c.dep_ in ("aux", "auxpass", "neg")]
    content = _tokens_span(body, start, first - 2)
    return _unstated_attribution(doc, _token_chars(body, (min(lead + [t.i]), t.i)), [content], kind, t)


# Whether "Word has it (that) …" / "Rumor has it …" credits the clause to someone unstated (session 38's second audit:
# "Word has it that Amazon is looking to launch …" made Amazon the holder of a belief).
HEARSAY_HAS_IT = True
_HEARSAY_SUBJECTS = frozenset({"word", "rumor", "rumour", "legend", "gossip", "talk", "speculation"})


def _hearsay_has_it(t: "Token") -> bool:
    """Whether ``t`` is the "has" of "Word / Rumor has it" with a clause after it (:data:`HEARSAY_HAS_IT`)."""
    return (any(c.dep_ == "nsubj" and c.lemma_.lower() in _HEARSAY_SUBJECTS and c.i == t.i - 1 for c in t.children)
            and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "it"
            and any(c.dep_ == "ccomp" and c.i > t.i + 1 for c in t.children))


def _unstated(doc: "Document") -> Iterator[Attribution | None]:
    """Attributions whose source the text leaves unstated, as PolNeAR marks them:

    * "The convention is (widely) expected to inject $200 million …" — a ``belief`` held by no one named: cue "is
      widely expected", content the subject and the infinitive ("The convention … to inject …");
    * "The FBI is reportedly making arrangements …" — ``indirect``: cue "reportedly", content the clause around it;
    * "Asked whether he would run, Trump said …", "when asked which candidate she would back", "X was asked
      what …" — ``indirect``: the question put by someone unnamed, cue "Asked" / "was asked", content the question.
    """
    body = doc.body
    for t in body:
        lemma = t.lemma_.lower()
        if lemma in EXPECT_VERBS and t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children):
            lead = [c.i for c in t.children if c.i < t.i and (
                c.dep_ in ("aux", "auxpass", "neg") or (c.dep_ == "advmod" and c.lower_ in EXPECT_ADVERBS))]
            subj = _clause_subject(t)
            if subj is not None and subj.lower_ == "it" and any(c.dep_ == "ccomp" for c in t.children):
                subj = None  # "It is expected that …": the that-clause is the content
            pieces = [] if subj is None else [_subject_phrase(subj)]
            xcomp = next((c for c in t.children if c.dep_ == "xcomp" and c.i > t.i), None)
            if xcomp is not None:
                pieces.append(_until_break(body, xcomp.left_edge.i, xcomp.right_edge.i, xcomp.i))
            else:  # "A decision is expected in mid-May in the Virginia case"
                right = [c for c in t.children if c.i > t.i and c.dep_ not in ("punct", "cc", "conj")]
                if not right:
                    continue
                pieces.append(_until_break(body, right[0].left_edge.i, right[-1].right_edge.i, right[0].i))
            yield _unstated_attribution(doc, _token_chars(body, (min(lead + [t.i]), t.i)), pieces, "belief", t)
        elif t.lower_ in UNSTATED_ADVERBS and t.dep_ == "advmod":
            verb = t.head
            if verb.lemma_.lower() in ("do", "be", "have") and not any(c.i > verb.i and not c.is_punct for c in verb.children):
                continue  # an elided predicate ("as their counterparts reportedly do") says nothing by itself
            # the clause without adverbials fronted before its subject ("When …, delegates reportedly erupted")
            # and without the clauses conjoined after it
            kept = [c for c in verb.children if c is t or not (
                (c.i < verb.i and c.dep_ in ("advcl", "prep", "punct", "cc", "advmod", "npadvmod"))
                or (c.i > verb.i and c.dep_ in ("conj", "cc")))]
            first = min([c.left_edge.i for c in kept] + [verb.i])
            last = max([c.right_edge.i for c in kept] + [verb.i])
            subj = _clause_subject(verb)
            pieces = [_subject_phrase(subj)] if subj is not None and subj.i < first else []
            pieces += [_tokens_span(body, first, t.i - 1) if first < t.i else None,
                       _tokens_span(body, t.i + 1, last) if t.i < last else None]
            yield _unstated_attribution(doc, _token_chars(body, (t.i, t.i)), pieces, "indirect", t)
        elif HEARSAY_HAS_IT and lemma == "have" and _hearsay_has_it(t):
            clause = next(c for c in t.children if c.dep_ == "ccomp" and c.i > t.i)
            subj = next(c for c in t.children if c.dep_ == "nsubj")
            first = next((c.i for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), clause.left_edge.i)
            pieces = [_tokens_span(body, first, clause.right_edge.i)]
            yield _unstated_attribution(doc, _token_chars(body, (subj.left_edge.i, t.i + 1)), pieces, "indirect", t)
        elif lemma == "ask" and t.tag_ == "VBN":
            passive = any(c.dep_ == "auxpass" for c in t.children)
            if not passive and any(c.dep_ in ("nsubj", "aux") for c in t.children):
                continue  # "she has asked": the asker is stated, the rules read it
            question = next((c for c in t.children if c.i > t.i and c.dep_ in ("ccomp", "xcomp", "advcl")), None)
            if question is None:
                continue
            first, last = question.left_edge.i, question.right_edge.i
            wh = [c.i for c in t.children if t.i < c.i < first and c.tag_ in ("WP", "WRB", "WDT")]
            first = wh[0] if wh else first
            pieces = []
            if question.dep_ == "xcomp":  # "Sanders was asked to name …": the one asked is part of the content
                subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
                pieces.append(None if subj is None else _subject_phrase(subj))
            # a question fronted before the main clause ends before it ("Asked if …, Trump replied")
            pieces.append(_until_break(body, first, last, question.i) if t.i < t.sent.root.i
                          else _tokens_span(body, first, last))
            lead = [c.i for c in t.children if c.i < t.i and c.dep_ in ("aux", "auxpass", "neg")] if passive else []
            yield _unstated_attribution(doc, _token_chars(body, (min(lead + [t.i]), t.i)), pieces, "indirect", t)


# --------------------------------------------------------------------------- the trained tagger

def _token_chars(body: "Doc", span: af.TokenSpan) -> tuple[int, int]:
    return body[span[0]].idx, body[span[1]].idx + len(body[span[1]])


def _source_head(body: "SpacyDoc", span: af.TokenSpan) -> "Token":
    """A tagged source's head, for its kind: the first of its tokens whose head lies outside it that the parse does
    not hang on the verb as a heading or stray piece ("Re/code's John Paczkowski said": Paczkowski, not "Re";
    :data:`_STRAY_DEPS`). The CRF features keep :func:`onrecord.attribution_features.span_head`."""
    outside = (body[i] for i in range(span[0], span[1] + 1)
               if body[i].head.i == i or not span[0] <= body[i].head.i <= span[1])
    return next((t for t in outside if t.dep_ not in _STRAY_DEPS), None) or af.span_head(body, span)


_STRAY_DEPS = frozenset({"meta", "punct", "dep", "npadvmod"})  # "North Korean Leadership Watch editor Michael Madden"


# Whether a tagged cue that is a participle modifying its source's noun ("A man accused of …") has an unstated source
# and the participle's phrase as its content.
REDUCED_PASSIVE_CUES = True
# Participles that report something of their noun ("a man accused of …", "a woman named …"), not "astronomers quoted in
# early news reports" (who said it) or "factions opposed to the attacks" (who hold it).
_REPORTED_OF = frozenset({"accuse", "suspect", "allege", "name", "call", "describe", "identify", "consider", "deem",
                          "label", "brand", "charge", "blame", "believe", "think", "report", "rumor", "rumour", "say"})


# Whether a tagged cue's source run that lies in a relative or participle clause of the cue's grammatical subject gives
# way to that subject: "Exit polls from the New Hampshire primary, which *Mr. Trump* won decisively, showed …"
# (session 41, PolNeAR train: the role tagger took the nearest name).
RELATIVE_SOURCE_GUARD = True


def _subject_outside_clause(body: "SpacyDoc", head: "Token", near: af.TokenSpan) -> af.TokenSpan:
    """``near``, or the subject of the cue's verb ``head`` up to its first relative or participle clause when ``near``
    lies inside such a clause of that subject (:data:`RELATIVE_SOURCE_GUARD`)."""
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i), None)
    if subj is None or not subj.left_edge.i <= near[0] <= near[1] <= subj.right_edge.i:
        return near
    clause, tok = None, af.span_head(body, near)
    while tok.i != subj.i and tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl") and tok.i > subj.i:
            clause = tok
        tok = tok.head
    if clause is None or tok.i != subj.i or not clause.left_edge.i <= near[0] <= near[1] <= clause.right_edge.i:
        return near
    end = clause.left_edge.i - 1
    while end > subj.left_edge.i and body[end].is_punct:
        end -= 1
    return (subj.left_edge.i, end) if end >= subj.i else near


# Whether a tagger cue that is a passive verb of naming (NAMING_VERBS) with a content but no source from the role
# tagger credits the content to no one, as PolNeAR marks such cues ("Ahmed Godane, also known as Mukhtar Abu Zubeyr").
UNSTATED_NAMING = True
# Whether a tagger cue in an "as" clause hung on a noun (a comparison: "as much money as he has promised") may not take
# a content outside that clause.
AS_FRAME_GUARD = True


# Whether a tagged cue whose verb has an agent ("by the Libyan parliament") takes it as the source over the tagger's
# source run: "Tripoli Airport is occupied by two rival groups deemed “terrorists” by the Libyan parliament" credited
# the groups (session 42's audit).
AGENT_SOURCES = True


def _agent_of(verb: "Token") -> "Token | None":
    """The object of the verb's own "by" agent phrase, or None."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return None if by is None else next((g for g in by.children if g.dep_ == "pobj"), None)


def _from_roles(doc: "Document", cue: af.TokenSpan, sources: list[af.TokenSpan],
                contents: list[af.TokenSpan], quotes: list[tuple[int, int]]) -> Attribution | None:
    """An attribution from tagged spans: the longest content run, the source run nearest the cue;
    type, hedges and the source's kind as the rules decide them."""
    body, text = doc.body, doc.body_text
    head = af.span_head(body, cue)
    lemma = head.lemma_.lower()
    if contents and not sources and TAGGER_SUBJECT_SOURCE:
        sources = _subject_run(body, head, cue)
    cue_chars = _token_chars(body, cue)
    if contents and not sources and UNSTATED_NAMING and lemma in NAMING_VERBS and head.tag_ == "VBN" and (
            head.dep_ == "acl" or any(c.dep_ == "auxpass" for c in head.children)) and any(
            c.dep_ in ("oprd", "xcomp", "attr", "acomp") or (c.dep_ == "prep" and c.lower_ == "as")
            for c in head.children):  # what the one named is named ("known as …"; not "known for …")
        # "Ahmed Godane, also known as Mukhtar Abu Zubeyr": no one names him (_not_reports puts the pieces right)
        run = _longest(contents, cue)
        if DANGLING_GUARD and _dangles(body, run):
            return None
        content = _token_chars(body, run)
        return Attribution(type="indirect", hedged=False, source=Source("", cue_chars[0], cue_chars[0], "anonymous"),
                           cue=Span(text[cue_chars[0]:cue_chars[1]], *cue_chars),
                           content=Span(text[content[0]:content[1]], *content), hedge_cues=[],
                           sentence=doc.sentence_of(cue_chars[0]))
    if not contents or not sources:
        return None  # the report keeps attributions with a source
    run = _finished(body, _longest(contents, cue))
    content = _token_chars(body, run)
    if AS_FRAME_GUARD and head.dep_ == "advcl" and _marked_as(head) and head.head.pos_ not in ("VERB", "AUX") and not (
            head.left_edge.i <= run[0] and run[1] <= head.right_edge.i):
        return None  # "The cuts would not yield nearly as much money as he has promised": a comparison, no frame
    near = _nearest(sources, cue)
    if DANGLING_GUARD and _dangles(body, run):
        return None  # "Singh is accused of grievous bodily harm by …": a content cut off mid-phrase
    if BARE_DETERMINER_GUARD and all(t.pos_ in ("DET", "PUNCT") for t in body[near[0]:near[1] + 1]):
        return None  # "The" of "The caller, …" for the cue "taunted": no one
    outside = _subject_outside_clause(body, head, near) if RELATIVE_SOURCE_GUARD else near
    subj = af.span_head(body, near)
    if outside != near:  # the subject, not a name in its relative clause
        near, subj = outside, af.span_head(body, outside)
        source = _source_at(doc, subj, *_source_chars(text, _token_chars(body, near)))
    else:
        source = _source_at(doc, _source_head(body, near), *_source_chars(text, _token_chars(body, near)))
    noun = head.head
    if (REDUCED_PASSIVE_CUES and head.tag_ == "VBN" and head.dep_ == "acl" and near[0] <= noun.i <= near[1]
            and lemma in _REPORTED_OF
            and head.i == noun.i + 1 and noun.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
            and any(c.dep_ == "det" for c in noun.children)
            and head.sent.root.pos_ in ("VERB", "AUX") and head.sent.root.i != head.i):
        # "A man accused of attempting to rape a girl …": the noun is the one accused; whoever accuses is unstated,
        # and what he is accused of ends with the participle's phrase (session 38's second audit)
        if lemma in ("name", "call"):
            return None  # "a 20-year-old man named Deandre Joshua", "a report called “…”": a name, no report
        source = Source("", cue_chars[0], cue_chars[0], "anonymous")
        last = max([t.i for t in head.subtree if t.i > head.i], default=head.i)
        if last > cue[1]:
            content = _token_chars(body, (cue[1] + 1, last))
    agent = _agent_of(head) if AGENT_SOURCES else None
    phrase = _subject_phrase(agent) if agent is not None and not cue[0] <= agent.head.i <= cue[1] else None
    if (phrase is not None and not near[0] <= agent.i <= near[1] and (phrase[1] <= content[0] or content[1] <= phrase[0])
            and subj.pos_ in ("NOUN", "PROPN")):  # not "those suggested by …": a pronoun stands for what is said
        # "two rival groups deemed “terrorists” by the Libyan parliament": the parliament deems ("quoted by Fox News",
        # its "by" in the cue, and an agent inside the content keep the tagger's source)
        source = _source_at(doc, agent, *phrase)
    if HANDLE_SOURCES and _quoted_source(source, content, quotes):
        handled = _handle_source(doc, cue_chars)  # a source inside the quotation it is said to say is none
        if handled is None:
            return None
        source, cue_chars = handled
    if lemma in INFERENCE_VERBS and not _is_agent(source, subj):
        return None
    if not any(ch.isalnum() for ch in text[cue_chars[0]:cue_chars[1]]) and not (
            source.kind in ("named_person", "named_org") and names.is_name(body[near[0]:near[1] + 1])
            and (source.start == 0 or text[source.start - 1] == "\n")
            and not (source.text.isupper() and _caps_label(doc, list(body[near[0]:near[1] + 1])))
            and not _lone_label(doc, body[near[0]:near[1] + 1])):
        # A punctuation cue ("Name: words") stands only for a name opening its line, as in _speaker_lines;
        # a section heading before a colon ("Trump's 'America First' Foreign Policy: …") is no source.
        return None
    if _quoted_share(*content, text, quotes) >= 0.9:
        kind = "direct_quote"
    elif lemma in lexicon.SPEECH_VERBS or lemma in INFERENCE_VERBS or (QUOTED_AS_SAYING and lemma in _CITING):
        kind = "indirect"  # "Clinton suggested …", "a poll shows …", "Reuters quoted the ministry as saying"
    elif SAYING_PHRASES and any((t.pos_ == "VERB" and t.lemma_.lower() in lexicon.SPEECH_VERBS)
                                or (t.pos_ == "NOUN" and t.lemma_.lower() in _SAID_NOUNS) for t in body[cue[0]:cue[1] + 1]):
        kind = "indirect"  # "gave no details on", "has yet to comment publicly on", "made no mention of"
    else:  # a belief word, or an attitude PolNeAR marks ("expressed admiration for", "contradicted")
        kind = "belief"
    hedges = _hedges(head, _subject(head)[1])
    rest = _as_complement(body, cue, content)
    if rest is not None and rest[0] < source.end and source.start < rest[1]:
        rest = None  # "… has been named in reports as Mohammed Emwazi": what follows "as" is the (mis)tagged source
    return Attribution(
        type=kind,
        hedged=bool(hedges),
        source=source,
        cue=Span(text[cue_chars[0]:cue_chars[1]], *cue_chars),
        content=Span(text[content[0]:content[1]], *content),
        hedge_cues=[t.text for t in hedges],
        sentence=doc.sentence_of(cue_chars[0]),
        continuation=[Span(text[rest[0]:rest[1]], *rest)] if rest else [],
    )


# Whether a cue ending in "as" whose content stands before it ("the establishment, which he views as adversarial to
# Russia"; "Scalia, regarded as the dominant figure") continues the content with what follows "as", as PolNeAR marks
# it (content "which … adversarial to Russia"): the tagger's content alone was the bare "which" (session 49; the seed
# article's "he — views as — which"). Gold cues ending in "as": 24 in PolNeAR train, 4 in dev.
AS_COMPLEMENT = True


def _as_complement(body: "SpacyDoc", cue: af.TokenSpan, content: tuple[int, int]) -> tuple[int, int] | None:
    """The characters of what "as" governs after a cue that ends in it (:data:`AS_COMPLEMENT`), when the content
    lies wholly before the cue; else None."""
    last = body[cue[1]]
    if not (AS_COMPLEMENT and last.lower_ == "as" and last.dep_ == "prep" and cue[0] <= last.head.i <= cue[1]
            and content[1] <= body[cue[0]].idx and last.right_edge.i > last.i):
        return None
    return _strip(body.text, last.nbor().idx, last.right_edge.idx + len(last.right_edge))


def _prepared(doc: "Document", model: dict, quotes: list[tuple[int, int]]) -> af.Prepared:
    """The CRFs' per-token features of the body, with the token clusters and lemma cue rates when the
    artifact was trained with them."""
    centroids = model.get("clusters")
    rates = model.get("cue_rates")
    return af.prepare(doc.body, quotes, af.TokenClusters(centroids) if centroids else None,
                      af.CueRates(rates) if rates else None)


def _roles(prep: af.Prepared, tagger: "object", cue: af.TokenSpan, text: str,
           which: str = "crf") -> tuple[list[af.TokenSpan], list[af.TokenSpan]] | None:
    """The role tagger's source and content spans for ``cue`` (None when the cue is not in a paragraph): the
    fine-tuned MiniLM's when ``which`` is "minilm" and it is installed, else the role CRF's (``tagger``).
    ``text``: the body's text."""
    if which == "minilm" and models.available("role_tagger"):
        return _minilm_roles(prep.doc, text, cue)
    if which == "mixed" and models.available("role_tagger"):
        crf = _roles(prep, tagger, cue, text)
        return (crf[0] if crf else []), _minilm_roles(prep.doc, text, cue)[1]
    para = prep.paragraph_of[cue[0]]
    if para < 0 or prep.paragraph_of[cue[1]] != para:
        return None
    seq = af.role_window(prep, cue)
    roles = tagger.tag(af.role_features(prep, seq, cue))  # type: ignore[attr-defined]
    return af.decode(seq, roles, af.SRC), af.decode(seq, roles, af.CON)


def _minilm_roles(body: "Doc", text: str, cue: af.TokenSpan) -> tuple[list[af.TokenSpan], list[af.TokenSpan]]:
    """The MiniLM role tagger's (``models.load("role_tagger")``) source and content runs for ``cue``, as body
    token spans."""
    (sources, contents), = models.load("role_tagger").roles(text, [[_token_chars(body, cue)]])

    def tokens(chars: list[tuple[int, int]]) -> list[af.TokenSpan]:
        out = []
        for start, end in chars:
            span = body.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                out.append((span.start, span.end - 1))
        return out

    return tokens(sources), tokens(contents)


def _subject_run(body: "Doc", head: "Token", cue: af.TokenSpan) -> list[af.TokenSpan]:
    """The cue's grammatical subject as the rules find it (:func:`_subject`), as a token run clear of the cue."""
    subj, _ = _subject(head)
    if subj is None:
        return []
    span = body.char_span(*_np(subj), alignment_mode="expand")
    if span is None or len(span) == 0 or (span.start <= cue[1] and cue[0] <= span.end - 1):
        return []
    return [(span.start, span.end - 1)]


def _source_chars(text: str, chars: tuple[int, int]) -> tuple[int, int]:
    """A tagged source's span as the report keeps it: without the closing comma or dash PolNeAR includes
    ("Hicks, his spokeswoman,"); :func:`onrecord.evaluation.attribution.to_brat` puts it back."""
    start, end = chars
    while end > start and text[end - 1] in _SOURCE_TRAIL:
        end -= 1
    return start, end


def _nearest(sources: list[af.TokenSpan], cue: af.TokenSpan) -> af.TokenSpan:
    """The source run an attribution takes: the one nearest the cue."""
    return min(sources, key=lambda s: min(abs(s[1] - cue[0]), abs(s[0] - cue[1])))


def _longest(contents: list[af.TokenSpan], cue: af.TokenSpan) -> af.TokenSpan:
    """The content run an attribution takes: the longest, the nearest the cue among equals."""
    return max(contents, key=lambda s: (s[1] - s[0], -abs(s[0] - cue[0])))


def _tagger_cues(prep: af.Prepared, tagger: "object") -> list[af.TokenSpan]:
    """The cue tagger's cues, paragraph by paragraph."""
    return [cue for seq in prep.paragraphs
            for cue in af.decode(seq, tagger.tag(af.cue_features(prep, seq)), af.CUE)]  # type: ignore[attr-defined]


def _minilm_cues(doc: "Document") -> list[af.TokenSpan]:
    """The fine-tuned MiniLM cue tagger's cues (``models.load("cue_tagger")``) as body token spans."""
    body, out = doc.body, []
    for start, end in models.load("cue_tagger").spans(doc.body_text, MINILM_CUE_MIN_PROB):
        span = body.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((span.start, span.end - 1))
    return out


def _cues(doc: "Document", crf_cues: list[af.TokenSpan]) -> list[af.TokenSpan]:
    """The tagger cues that may add attributions (:data:`CUE_TAGGER`); the rules' attributions take their cue
    extents from the CRF's cues (``crf_cues``) whatever this says."""
    if CUE_TAGGER == "crf" or not models.available("cue_tagger"):
        return crf_cues
    cues = set()
    crf_ends = [c[1] for c in crf_cues]
    for cue in _minilm_cues(doc):  # the CRF's extent where one CRF cue overlaps ("has said" for "said")
        over = _over(crf_cues, crf_ends, cue)
        cues.add(over[0] if len(over) == 1 and MINILM_CRF_EXTENT else cue)
    if CUE_TAGGER == "both":
        cues |= {c for c in crf_cues if not any(c[0] <= d[1] and d[0] <= c[1] for d in cues)}
    return sorted(cues)


def _tagged(doc: "Document", prep: af.Prepared, taggers: dict, cues: list[af.TokenSpan],
            quotes: list[tuple[int, int]], taken: "_Cues") -> Iterator[Attribution | None]:
    """Attributions from the tagger's ``cues``: each cue's source and content from the role tagger.

    Every cue not overlapping a cue in ``taken`` (the analyzer's cues so far, read as the caller adds to them)
    gets the second stage, including PolNeAR's attitude
    cues outside onrecord's word lists ("expressed admiration for", "contradicted"); those are typed
    ``belief`` (an attitude credited to the source, not a statement it made), so they never count as
    putting anyone on record or as a denial (see :mod:`onrecord.verdict`)."""
    body = doc.body
    for cue in cues:
        if taken.overlaps(*_token_chars(body, cue)):
            continue
        words = {t.lower_ for t in body[cue[0]:cue[1] + 1] if t.pos_ != "AUX"}
        if UNSTATED_SOURCES and words and words <= UNSTATED_ADVERBS:
            continue  # "Oliver Ilic reportedly removed …": no one states it, Ilic least (left to _unstated)
        sources, contents = _roles(prep, taggers["role"], cue, doc.body_text, TAGGED_ROLE_TAGGER) or ([], [])
        yield _from_roles(doc, cue, sources, contents, quotes)


# Rule-found attributions of these types take their content from the role tagger, when it finds one for their
# cue: the rules' content is the cue's whole complement subtree, which drags in trailing modifiers and clauses
# that PolNeAR leaves out ("the health of Donald Trump[, who is 70]"). Direct quotes keep the quotation.
# Compared on held-out train articles (``python -m onrecord.training.attribution --select-pipeline``).
TAGGER_CONTENT_TYPES: frozenset[str] = frozenset({"indirect", "belief"})
# Whether the tagger's content must overlap the rules' content to replace it. With False (session 53) a run clear of
# the rules' content may still replace it when the run lies in the cue's own sentence: with the MiniLM role tagger
# such a run is more often PolNeAR's than the rules' (a run in another sentence is not: "The governor has not decided.
# People like Scott, he said."). Content exact F1 dev 0.6371 -> 0.6376, carve-out 0.6174 -> 0.6200. The role CRF's
# contents (the fallback without the MiniLM artifact) keep the rule, with which it was chosen.
TAGGER_CONTENT_NEAR = False
# Likewise their source, for these types (the run nearest the cue, its kind and name decided as for the rules').
TAGGER_SOURCE_TYPES: frozenset[str] = frozenset({"indirect", "belief", "direct_quote"})
# Which tagger's cues may add attributions: "minilm" (the fine-tuned MiniLM of attribution_cues.onnx, `onrecord train
# cue_tagger`; its confident cues, MINILM_CUE_MIN_PROB), "crf" (the CRF cue tagger of attribution.pkl) or "both"
# (MiniLM's, plus the CRF's that overlap none of them). The rules' cue extents come from the CRF's cues in every case.
# "minilm" ships since session 8: on held-out train articles neither model saw (benchmarks/explore_cue_tagger.py)
# source / cue / content / whole exact F1 0.713 / 0.666 / 0.542 / 0.475 with the CRF -> 0.745 / 0.681 / 0.548 / 0.480.
# It costs about a sixth of the single-process batch throughput (BENCHMARKS.md, attribution, session 8).
CUE_TAGGER = "minilm"
# A MiniLM cue adds an attribution only when its first piece's B probability reaches this (the tagger, trained with
# balanced class weights, over-predicts: at its argmax the analyzer gained recall but lost more precision on dev).
MINILM_CUE_MIN_PROB = 0.9
# A MiniLM cue overlapped by exactly one CRF cue takes the CRF's extent (PolNeAR's extents are the CRF's strength).
MINILM_CRF_EXTENT = True
# Which network gives the rules' attributions their tagged source and content (the role tagger): "crf" (the role CRF
# of attribution.pkl), "minilm" (MiniLM fine-tuned as a role tagger, attribution_roles.onnx, built by
# `onrecord train role_tagger`; used only when that artifact is installed) or "mixed" (the CRF's sources, MiniLM's
# contents). Session 18: given PolNeAR dev's gold cues MiniLM's spans are the more often exact (source 0.853 vs 0.844,
# content 0.644 vs 0.610), but inside the analyzer every combination scored below the CRF's on dev (whole attribution
# 0.501-0.519 vs 0.521; benchmarks/explore_role_tagger.py, BENCHMARKS.md), so the CRF stays and the artifact is not
# shipped. Session 51: with all 6 layers (now the training's default) "minilm" / "minilm" beats the CRF on dev (whole
# attribution 0.561 vs 0.546, content 0.632 vs 0.609), but 18 of the 349 hand-written cases of
# tests/test_attribution.py fail with it and every rule on (`pytest tests/test_attribution.py --role-tagger minilm`
# lists them; 25 switched-off halves that it got right without their rule pin the CRF), so the switch waited until
# those were mended. Session 52 mended them with guards on the tagger's spans (DANGLING_GUARD … FINISH_NOUN, below)
# and ships "minilm" / "minilm": dev 0.797 / 0.727 / 0.635 / 0.565 (source / cue / content / whole) against the CRF's
# 0.794 / 0.722 / 0.609 / 0.546; without the artifact (`onrecord models`) the analyzer falls back to the CRF.
ROLE_TAGGER = "minilm"
# The same for the attributions the tagger's cues add (their source and content come wholly from the role tagger).
TAGGED_ROLE_TAGGER = "minilm"
# Whether a rule-found cue takes the extent of the one tagger cue that overlaps it ("has said" for "said").
TAGGER_CUE_EXTENT = True
# Whether a tagger-found cue whose role CRF found a content but no source takes the cue's grammatical subject.
TAGGER_SUBJECT_SOURCE = False


def _overlaps(a: tuple[int, int], b: Span) -> bool:
    return a[0] < b.end and b.start < a[1]


def _over(spans: list[af.TokenSpan], ends: list[int], span: af.TokenSpan) -> list[af.TokenSpan]:
    """The token spans of ``spans`` (disjoint, in text order; ``ends`` their last tokens) that overlap ``span``."""
    out = []
    for i in range(bisect.bisect_left(ends, span[0]), len(spans)):
        if spans[i][0] > span[1]:
            break
        out.append(spans[i])
    return out


class _Reach:
    """Spans sorted once with the furthest end reached so far, so that whether a range lies inside one of them, or
    meets one, is a bisection (long texts hold thousands of content pieces and quotations)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach = list(itertools.accumulate((e for _, e in ordered), max))

    def holds(self, start: int, end: int) -> bool:
        """Whether some span starts at or before ``start`` and ends at or after ``end``."""
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end

    def meets(self, start: int, end: int) -> bool:
        """Whether some span starting before ``end`` runs past ``start``."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.reach[i] > start


class _Cues:
    """Disjoint character intervals (the cues taken so far), for overlap tests in O(log n): an article of
    thousands of attributions must not cost their square."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.ends, start + 1)  # the first interval ending after ``start``
        return i < len(self.starts) and self.starts[i] < end

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        out = []
        for i in range(bisect.bisect_left(self.ends, start + 1), len(self.starts)):
            if self.starts[i] >= end:
                break
            out.append((self.starts[i], self.ends[i]))
        return out

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


# Whether the role tagger's content is refused when it leaves out the verb that heads the rules' content clause.
KEEP_PREDICATE = True


# Whether the role tagger's content run gives way to the rules' content when it starts past the cue of another
# attribution inside that content: the nested report's words, not the outer one's (session 44's audit: Flynn credited
# with Trump's "the generals have been reduced to rubble"; session 46).
NESTED_KEEP_CONTENT = True


def _drops_predicate(body: "SpacyDoc", content: Span, start: int, end: int) -> bool:
    """Whether the run ``start..end`` lies inside the rules' content, which holds no quotation, but leaves out the
    verb that heads it: "the story" for "the story, which left Banksy's name trending, was fake"."""
    if not KEEP_PREDICATE or not (content.start <= start and end <= content.end) or (start, end) == (
            content.start, content.end):
        return False
    if any(_mark_at(content.text, i)[0] for i in range(len(content.text))):
        return False  # a clause holding a quotation: the tagger's quotation is as often PolNeAR's content
    span = body.char_span(content.start, content.end, alignment_mode="expand")
    root = span.root if span is not None and len(span) else None
    return root is not None and root.pos_ in ("VERB", "AUX") and not start <= root.idx < end


def _tagger_roles(found: list[Attribution], doc: "Document", prep: af.Prepared, tagger: "object",
                  cues: list[af.TokenSpan]) -> list[Attribution]:
    """``found`` (the rules' attributions) with the tagger's cue extent (:data:`TAGGER_CUE_EXTENT`), content
    (:data:`TAGGER_CONTENT_TYPES`: the role tagger's longest content run for the cue) and source
    (:data:`TAGGER_SOURCE_TYPES`: its run nearest the cue) where the tagger has them and they do not
    collide with the attribution's other spans (nor, for a cue, with another attribution's cue)."""
    body, text = doc.body, doc.body_text
    cue_ends = [c[1] for c in cues]
    taken = _Cues((b.cue.start, b.cue.end) for b in found)
    minilm_contents = ROLE_TAGGER in ("minilm", "mixed") and models.available("role_tagger")
    out = []
    for original in found:
        a = original
        span = body.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
        if span is None or len(span) == 0 or a.cue.text == ":" or a.cue.text in CREDIT_DASHES:
            out.append(a)
            continue
        cue = (span.start, span.end - 1)
        if TAGGER_CUE_EXTENT:
            over = _over(cues, cue_ends, cue)
            if len(over) == 1 and over[0] != cue:
                chars = _token_chars(body, over[0])
                others = [c for c in taken.overlapping(*chars) if c != (original.cue.start, original.cue.end)]
                if not _overlaps(chars, a.content) and not _overlaps(chars, a.source) and not others:
                    cue = over[0]
                    a = dataclasses.replace(a, cue=Span(text[chars[0]:chars[1]], *chars))
        if a.type in TAGGER_CONTENT_TYPES or a.type in TAGGER_SOURCE_TYPES:
            sources, contents = _roles(prep, tagger, cue, text, ROLE_TAGGER) or ([], [])
            unstated = UNSTATED_KEEP_CONTENT and a.type == "indirect" and not a.source.text
            pieces = KEEP_PIECES and bool(a.continuation)
            if a.type in TAGGER_CONTENT_TYPES and contents and not unstated and not pieces:
                run = _finished(body, _longest(contents, cue))
                start, end = _token_chars(body, run)
                head = af.span_head(body, cue)
                # a content holding the verb whose subject is the cue reads on into the cue's own clause
                # ("Putin's confidence that Trump can … reflects a belief …"): the rules' content stays
                into_clause = head.dep_ in ("nsubj", "nsubjpass") and run[0] <= head.head.i <= run[1]
                # a run clear of the rules' own content is another clause's (the quotation before "…,” he said,
                # noting that …" is not what "noting" introduces)
                elsewhere = not _overlaps((start, end), a.content) and (
                    TAGGER_CONTENT_NEAR or not minilm_contents or body[run[0]].sent.start != head.sent.start
                    or body[run[1]].sent.start != head.sent.start)
                # a run inside the rules' content past another attribution's cue, and inside that one's content, is the
                # nested report's content
                # ("Flynn said Trump was “absolutely right” when he said … “the generals have been reduced …”"; not
                # "he said, adding that …": a cue that hangs on this one's verb, or follows it across a comma, goes on
                # the same report)
                nested = NESTED_KEEP_CONTENT and a.content.start <= start and any(
                    b is not original and max(a.cue.end, a.content.start) <= b.cue.start and b.cue.end <= start
                    and any(c.start <= start and end <= c.end for c in b.content_parts)
                    and getattr(_cue_head(doc, b.cue), "head", head).i != head.i
                    and text[a.cue.end:b.cue.start].strip(" ,") for b in found)
                # nor may it swallow the attribution's source ("According to Bloomberg, accounts vary …"), nor leave
                # out the verb of the rules' clause ("confirmed the story[, which left …, was fake]")
                if (not _overlaps((start, end), a.cue) and not _overlaps((start, end), a.source)
                        and not into_clause and not elsewhere and not nested
                        and not _drops_predicate(body, a.content, start, end)
                        and not (DANGLING_GUARD and _dangles(body, run))
                        and not (OTHER_REPORT_GUARD and _takes_other_report(doc, found, original, start, end))
                        and not (CUT_NESTED_GUARD and _cuts_nested(doc, found, original, start, end))):
                    a = dataclasses.replace(a, content=Span(text[start:end], start, end))
            if a.type in TAGGER_SOURCE_TYPES and sources:
                near = _nearest(sources, cue)
                if RELATIVE_NOT_SPEAKER and _relative_beside_subject(body, near):
                    near = (near[0] + 1, near[1])  # "which advocates say …": the advocates
                cue_head = af.span_head(body, cue)
                chars = _source_chars(text, _token_chars(body, near))
                head = af.span_head(body, near)
                if chars[1] > chars[0] and not _overlaps(chars, a.cue) and not _overlaps(chars, a.content) and not (
                        SUBSPAN_SOURCE_GUARD and _inside_source(body, a, chars)) and not (
                        OUTER_SPEAKER_GUARD and _outer_speaker(doc, found, original, chars)) and not (
                        CLAUSE_SOURCE_GUARD and head.pos_ in ("VERB", "AUX")) and not (  # "he left for Syria"
                        ADDRESSEE_SOURCE_GUARD and a.source.text and _addressee(head, cue_head)) and not (
                        INVERTED_SOURCE_GUARD and a.source.text and 0 <= a.source.start - a.cue.end <= 1
                        and chars[1] <= a.cue.start) and not (QUOTED_AS_SAYING and _quoted_person(cue_head)):
                    a = dataclasses.replace(a, source=_source_at(doc, _source_head(body, near), *chars))
        out.append(a)
    return out


# Guards on the role tagger's spans for the rules' attributions (session 52: they mend the hand-written cases the
# MiniLM role tagger got wrong). Whether its content is refused when it ends on a word that needs what follows (a
# preposition, a conjunction, a determiner: "… the violence from", "… turned with his hands up and").
DANGLING_GUARD = True
# Whether its content is refused when it takes in another report the rules' content kept out: that report's cue, or
# its content without its cue (the open quotation after "He said:" swallowing "I know that …"; the aside "citing an
# unnamed source" running on into what "reported" introduces).
OTHER_REPORT_GUARD = True
# Whether its content is refused when it stops, inside the rules' content, before a clause of time nested there with a
# report of its own ("Flynn said Trump was “absolutely right” when he said …" kept whole; _cuts_nested).
CUT_NESTED_GUARD = True
# Whether a rules' content in pieces (a passive's "Superman …, believed stolen": "Superman" and "stolen") keeps them.
KEEP_PIECES = True
# Whether a tagger cue's attribution is dropped when its source is a bare determiner ("The").
BARE_DETERMINER_GUARD = True
# Whether its source is refused when it lies strictly inside the rules' source and drops a name before it or opens
# with a function word ("the alliance" for "NATO — the alliance", "of his late wife's voice"; _inside_source).
SUBSPAN_SOURCE_GUARD = True
# Whether a direct quote's source is refused when it is the source of a report whose content holds the quote's cue and
# its conjoined verb's subject: the reporter is not the speaker he reports ("Johnson says Brown … and said “I don't have
# a gun!”": Brown; _outer_speaker).
OUTER_SPEAKER_GUARD = True

_DANGLING_POS = frozenset({"ADP", "CCONJ", "SCONJ", "DET"})


def _dangles(body: "SpacyDoc", run: af.TokenSpan) -> bool:
    """Whether the token run ends on a word that needs what follows it (:data:`DANGLING_GUARD`)."""
    last = body[run[1]]
    return last.pos_ in _DANGLING_POS and run[1] + 1 < len(body) and not body[run[1] + 1].is_punct


# Whether a role tagger's content run ending on a modifier of a noun just after it ("… improve U.S.–Russia" of
# "U.S.–Russia relations") runs on to that noun.
FINISH_NOUN = True
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nummod", "nmod"})
_FINISH_REACH = 3  # tokens at most between the run's end and the noun


def _finished(body: "SpacyDoc", run: af.TokenSpan) -> af.TokenSpan:
    """``run`` carried on to the noun its last word modifies, when that noun follows within :data:`_FINISH_REACH`
    tokens and nothing but modifiers stand between (:data:`FINISH_NOUN`)."""
    last = body[run[1]]
    noun = last.head
    if not (FINISH_NOUN and last.dep_ in _MODIFIER_DEPS and run[1] < noun.i <= run[1] + _FINISH_REACH
            and all(body[k].head.i == noun.i or body[k].dep_ in _MODIFIER_DEPS for k in range(run[1] + 1, noun.i))):
        return run
    return run[0], noun.i


def _takes_other_report(doc: "Document", found: list[Attribution], a: Attribution, start: int, end: int) -> bool:
    """Whether ``start..end`` takes in another report of ``found`` that ``a``'s own content leaves out
    (:data:`OTHER_REPORT_GUARD`): its cue, across a sentence end the rules' content does not cross, or, where ``a`` is
    an aside between that report's cue and its content, that content."""
    for b in found:
        if b is a:
            continue
        if start <= b.cue.start and b.cue.end <= end:
            if not (a.content.start <= b.cue.start and b.cue.end <= a.content.end) and (
                    doc.sentence_of(start) != doc.sentence_of(end - 1)
                    and doc.sentence_of(a.content.start) == doc.sentence_of(a.content.end - 1)):
                return True
        elif (b.cue.end <= a.cue.start and a.cue.end <= b.content.start
              and any(_overlaps((start, end), c) for c in b.content_parts)):
            return True
    return False


def _cuts_nested(doc: "Document", found: list[Attribution], a: Attribution, start: int, end: int) -> bool:
    """Whether ``start..end``, inside ``a``'s content, stops before a report nested there, a clause of time with its
    own source hung on the run's verb ("… was “absolutely right” when he said …"; not "…, arguing that …", nor
    "…, though she noted …", which PolNeAR leaves out) (:data:`CUT_NESTED_GUARD`)."""
    if not (a.content.start <= start and end <= a.content.end) or (start, end) == (a.content.start, a.content.end):
        return False
    for b in found:
        head = _cue_head(doc, b.cue) if b is not a and b.source.text and end <= b.source.start else None
        if (head is not None and b.cue.end <= a.content.end and head.dep_ == "advcl" and start <= head.head.idx < end
                and any(c.dep_ in ("advmod", "mark") and c.lower_ in _WHEN_MARKS for c in head.children)):
            return True
    return False


_WHEN_MARKS = frozenset({"when", "after", "before", "while", "as"})


def _inside_source(body: "SpacyDoc", a: Attribution, chars: tuple[int, int]) -> bool:
    """Whether ``chars`` lies strictly inside ``a``'s source and either drops a name before it ("the alliance" of
    "NATO — the alliance") or opens with a word that needs what comes before it ("of his late wife's voice")
    (:data:`SUBSPAN_SOURCE_GUARD`). A source that only sheds a relative clause or an apposition after it is
    PolNeAR's more often ("Mr. Obama" of "Mr. Obama, who understood …")."""
    if not (a.source.start <= chars[0] and chars[1] <= a.source.end and chars != (a.source.start, a.source.end)):
        return False
    span = body.char_span(*chars, alignment_mode="expand")
    if span is None or not len(span):
        return False
    if span[0].pos_ in _DANGLING_POS and not (span[0].pos_ == "DET" and len(span) > 1):
        return True
    before = body.char_span(a.source.start, chars[0], alignment_mode="contract")
    return before is not None and any(t.pos_ == "PROPN" for t in before)


def _outer_speaker(doc: "Document", found: list[Attribution], a: Attribution, chars: tuple[int, int]) -> bool:
    """Whether ``chars`` is (overlaps) the source of a report whose content holds ``a``'s cue and ``a``'s own
    source, a noun rather than a pronoun, is the subject its verb shares with the one it is conjoined to, and the
    content a quotation (:data:`OUTER_SPEAKER_GUARD`)."""
    if a.type != "direct_quote" or not a.source.text or a.source.kind in ("pronoun", "author"):
        return False  # PolNeAR credits "Merrill says Machado promised … and said she would …" to Merrill
    verb = cue_head = _cue_head(doc, a.cue)
    while verb is not None and verb.dep_ == "conj":
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb is not None else None
    if subj is None or not a.source.start <= subj.idx < a.source.end or verb.i == cue_head.i:
        return False  # only a verb that shares the subject of the one it is conjoined to: "Brown stopped … and said"
    return any(b is not a and b.source.text and _overlaps(chars, b.source)
               and any(c.start <= a.source.start and a.cue.end <= c.end for c in b.content_parts) for b in found)


# Whether the role tagger's source is refused when its head is a verb: a clause is no source ("Qureshi, …, which was
# in contact with Emwazi before *he left for Syria*, told the Post …" kept the rules' "Asim Qureshi").
CLAUSE_SOURCE_GUARD = True
# Whether a report with an unstated source ("It is claimed that Emwazi told friends he was flown …") keeps the rules'
# content instead of the role tagger's, which stops at a nested report's cue ("that Emwazi told") or runs on past the
# clause ("…, the Pentagon did not confirm the death, but …"); beliefs keep the tagger's, which reads "Any wels catfish
# bigger than 6.5 feet is considered …" whole where the rules take a fragment (session 37, FNC-1 seed "k55").
UNSTATED_KEEP_CONTENT = True
# Whether the role tagger's source is refused when it comes before the cue and the rules' source right after it ("…, the
# man seen in the video with Foley, reports the Telegraph" keeps the Telegraph; session 37).
INVERTED_SOURCE_GUARD = True
# Whether the role tagger's source is refused, where the rules found one, when it is whom the cue's verb speaks to:
# "Mark Oberholtzer, who has owned …, confirmed *to CBS News* that …" keeps the rules' Oberholtzer.
ADDRESSEE_SOURCE_GUARD = True


def _addressee(head: "Token", verb: "Token") -> bool:
    """Whether ``head`` is the object of a "to" that hangs on the cue's verb ("confirmed to CBS News"), not of
    "according to", whose object is the source."""
    return (head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.i == verb.i
            and verb.pos_ == "VERB" and verb.lemma_.lower() != "accord")


# Whether an aside attribution between the two quotations (… Buchanan said, noting that Manafort did not lose a
# single delegate. “If you're not tough, …”) lets the quotation continue: its cue and content lie in the gap.
CONTINUE_PAST_ASIDES = True
# Whether the continuing quotation may be the next paragraph when it is a paragraph of its own (“…,” Ramos said.
# ¶ “So I think …”). Session 4 measured "the next paragraph" in any form as neutral (0.691 against 0.692); a
# paragraph that is only a quotation gains (session 31: 150 train articles, content exact F1 0.585 -> 0.587).
NEXT_PARAGRAPH = True
# At most this many characters between the cue (or source) and the continuing quotation: 120 until session 53, which
# found three PolNeAR dev quotations continued after a longer setting ("“…,” said European Council President Donald
# Tusk, summing up conversations that extended beyond … challenges. “People are concerned …”"; content exact F1 dev
# 0.6371 -> 0.6385, carve-out unchanged; 200 and 300 gave the same), unless it tells of something else
# (CONTINUATION_GAP_PLAIN).
CONTINUATION_GAP = 200
# A gap longer than this may not hold a verb conjoined to the cue's: "“We will win,” Varga said, and then she walked out
# of the packed hall …, past the cameras … “Bye.”" tells of something else before the next quotation.
CONTINUATION_GAP_PLAIN = 120
# Whether a quotation inside another attribution's content is no continuation ("“…,” Mr. Obama said. And perhaps, he
# said, it could help a black visitor see the efforts of police officers who, “in fits and starts, …”").
OTHERS_QUOTATION = True


# Whether a cue inside the next quotation (the speaker's own "in my opinion", "I told them") no longer stops it from
# continuing the quotation before (session 41: "“…,” the Senate minority leader said. “It shows a lack of character in
# my opinion.”" kept one piece where PolNeAR has two).
INNER_CUES_CONTINUE = True


# Whether a quoted title between the cue and the next quotation (a programme, a book: “State of the Union”) is passed
# over, so that the quotation after it can continue the first (session 41, PolNeAR train).
TITLES_IN_GAP = True
# The most words a quoted title holds.
TITLE_MAX_WORDS = 6


def _title(text: str, quote: tuple[int, int]) -> bool:
    """Whether the quotation ``quote`` reads as a title: a few words, no sentence or clause punctuation, capitalised."""
    inner = text[quote[0]:quote[1]].strip("'\"“”‘’` ")
    words = inner.split()
    return 0 < len(words) <= TITLE_MAX_WORDS and inner[:1].isupper() and not any(c in inner for c in ",.;:?!")


# Whether a direct quote whose content ends with a quotation, not only one that is a quotation ('The answers to veteran
# suicides are "not meeting the demand," says Paul Rieckhoff, founder of … "We often compare it to …"'), takes the
# quotation that carries on after its source and cue (session 44's audit; session 46).
ENDING_QUOTE_CONTINUES = True


def _continue_quotes(found: list[Attribution], quotes: list[tuple[int, int]], doc: "Document") -> list[Attribution]:
    """Give a direct quote interrupted by its source and cue the quotation that carries on after them.

    “This is in their heads,” Caddell said. “It is one of the things worrying them.” — PolNeAR annotates the
    two quotations as one discontinuous content. Applies when the attribution's content is exactly a
    quotation and its cue comes after it, and the next quotation starts in the same paragraph, at most
    :data:`CONTINUATION_GAP` characters after the cue and source, after a clause that ends in ".", "," or ":"
    (“…,” Kaine told CNN. “…”) — or opens the next paragraph and fills it (:data:`NEXT_PARAGRAPH`) — and is no
    other attribution's content and holds no other cue (a cue in the gap is
    allowed when its attribution lies wholly in the gap: :data:`CONTINUE_PAST_ASIDES`). Measured on 250
    PolNeAR train articles (content exact F1): no continuation 0.625, this rule 0.692; allowing the next
    paragraph or chaining a third quotation did not help (0.691, 0.690); only punctuation between 0.674."""
    text = doc.body_text
    taken = {(a.content.start, a.content.end) for a in found}
    contents = _Reach((p.start, p.end) for a in found for p in a.content_parts)  # a's own lie before the next quotation
    by_cue = sorted(found, key=lambda b: b.cue.start)
    cue_starts = [b.cue.start for b in by_cue]
    index = {q: i for i, q in enumerate(quotes)}
    ending = {q[1]: i for i, q in enumerate(quotes)} if ENDING_QUOTE_CONTINUES else {}
    out: list[Attribution] = []
    for a in found:
        i = index.get((a.content.start, a.content.end))
        if i is None and a.content.end in ending and quotes[ending[a.content.end]][0] > a.content.start:
            i = ending[a.content.end]  # 'The answers are "not meeting the demand," says Rieckhoff. "We often …"'
        if a.type == "direct_quote" and i is not None and i + 1 < len(quotes) and a.cue.start >= a.content.end:
            tail = max(a.cue.end, a.source.end)
            j = i + 1
            while TITLES_IN_GAP and j + 1 < len(quotes) and quotes[j][0] >= tail and _title(text, quotes[j]):
                j += 1  # “…,” Sanders said during an interview on CNN's “State of the Union” Sunday. “…”
            start, end = quotes[j]
            gap = text[tail:start]
            if (NEXT_PARAGRAPH and "\n" in gap and not gap.rsplit("\n", 1)[1].strip()
                    and text[end:].lstrip(" \t\xa0")[:1] in ("", "\n")):
                gap = gap.split("\n", 1)[0]  # the next quotation is a paragraph of its own: the gap is the line's end
            if (tail <= start and len(gap) <= CONTINUATION_GAP and "\n" not in gap
                    and gap.rstrip(" \t\xa0").endswith((".", ",", ":")) and (start, end) not in taken
                    and not (OTHERS_QUOTATION and contents.holds(start, end))
                    and (len(gap) <= CONTINUATION_GAP_PLAIN or not _tells_on(doc, a.cue, tail, tail + len(gap)))):
                between = by_cue[bisect.bisect_left(cue_starts, tail):bisect.bisect_left(
                    cue_starts, start if INNER_CUES_CONTINUE else end)]
                if all(CONTINUE_PAST_ASIDES and b.cue.start < start and tail <= b.content.start
                       and b.content.end <= start for b in between):
                    a = dataclasses.replace(a, continuation=[Span(text[start:end], start, end)])
        out.append(a)
    return out


def _tells_on(doc: "Document", cue: Span, start: int, end: int) -> bool:
    """Whether the text between ``start`` and ``end`` holds a verb conjoined to the cue's (:data:`CONTINUATION_GAP_PLAIN`)."""
    head = _cue_head(doc, cue)
    span = doc.body.char_span(start, end, alignment_mode="contract")
    return head is not None and span is not None and any(
        t.dep_ == "conj" and t.head.i == head.i and t.pos_ in ("VERB", "AUX") for t in span)


# Whether a paragraph that is one quotation and credits no one (no cue in it) carries on what the last source of the
# paragraph before says, as the press runs a speaker's words on ("Nordegren told People in May that she and Woods live a
# 25-minute drive apart. …¶¶“I have moved on and I am in a good place. …”"; session 42's audit: the quotation was no
# one's) — PolNeAR annotates it as one more piece of that attribution's content. A run of such paragraphs goes on to
# the same source. The attribution's source must be stated and not the author, its cue outside any quotation; reported
# speech that gains a quotation is a direct quote.
ORPHAN_QUOTES = True
_ORPHAN_WORDS = 8  # fewer words in marks make a subheading ('A healthy environment.'), not a speaker's words


# Whether a paragraph that is a whole quotation crediting no one goes on the content of the direct quote that takes up
# the whole paragraph before it, not only of a cue inside that paragraph ("The New York Times reports:" ¶ "In an
# illustration …" ¶ "Without this online network, … pause.": the Times' second paragraph; session 46).
LED_QUOTE_RUNS = True


def _orphan_quotes(found: list[Attribution], quotes: list[tuple[int, int]], text: str) -> list[Attribution]:
    """``found`` with each paragraph that is a whole quotation crediting no one (:data:`ORPHAN_QUOTES`) added to the
    content of the last attribution whose cue lies in the paragraph before."""
    if not found or not quotes:
        return found
    contents = _Reach((c.start, c.end) for a in found for c in a.content_parts)
    by_cue = sorted(range(len(found)), key=lambda i: found[i].cue.start)
    cues = [found[i].cue.start for i in by_cue]
    extra: dict[int, list[Span]] = {}  # index in found -> pieces to add
    last_para_end = -1
    owner: int | None = None
    for qs, qe in quotes:
        para_start = text.rfind("\n", 0, qs) + 1
        para_end = text.find("\n", qe)
        para_end = len(text) if para_end < 0 else para_end
        if text[para_start:qs].strip() or text[qe:para_end].strip() or len(text[qs:qe].split()) < _ORPHAN_WORDS:
            continue  # not the whole paragraph, or a subheading in marks ('We're vetting VP candidates!')
        if contents.meets(qs, qe):
            continue  # some attribution's content already
        if bisect.bisect_left(cues, para_start) != bisect.bisect_left(cues, para_end):
            continue  # a cue in the paragraph: someone is credited here
        prev_end = len(text[:para_start].rstrip())
        if prev_end <= 0:
            continue
        if owner is None or prev_end != last_para_end:  # else the paragraph before was an orphan quotation: the run
            prev_start = text.rfind("\n", 0, prev_end) + 1  # goes on to its ``owner``
            inside = [i for i in by_cue[bisect.bisect_left(cues, prev_start):bisect.bisect_left(cues, prev_end)]
                      if quotations.containing(quotes, found[i].cue.start) is None]  # not a source a quotation quotes
            if not inside and LED_QUOTE_RUNS:  # the paragraph before is a led quotation: the run goes on to its speaker
                words_start = prev_end - len(text[prev_start:prev_end].lstrip())
                inside = [i for i, a in enumerate(found) if a.type == "direct_quote" and any(
                    c.start <= words_start and c.end >= prev_end for c in a.content_parts)][-1:]
            if not inside:
                owner = None
                continue
            owner = inside[-1]  # the last cue of the paragraph before
            a = found[owner]
            if (a.source.kind == "author" or not a.source.text or a.negated or a.content.end <= a.content.start
                    or a.type == "belief" and not (a.source.kind in ("named_person", "named_org") or (
                        a.source.kind == "pronoun" and a.source.text.lower() in ("he", "she")))):
                owner = None  # a belief only of someone named: "they see him singing …" is no speaker's lead-in
                continue
        extra.setdefault(owner, []).append(Span(text[qs:qe], qs, qe))
        last_para_end = qe + len(text[qe:para_end].rstrip())
    if not extra:
        return found
    out = []
    for i, a in enumerate(found):
        if i in extra:
            a = dataclasses.replace(a, continuation=[*a.continuation, *extra[i]],
                                    type="direct_quote" if a.type == "indirect" else a.type)
        out.append(a)
    return out


# Content boundaries (session 11), for indirect and belief contents, each chosen on the 150 PolNeAR train articles
# that ``--select-pipeline`` holds out, the CRFs and the cue tagger fitted without them (dev not read): see
# BENCHMARKS.md, attribution, session 11. Switched off together by CONTENT_BOUNDS = False.
CONTENT_BOUNDS = True
# Verbs whose object before a that-clause is the addressee, not part of what is said ("told a lunch group that
# her position remains firm": PolNeAR's content is the clause). With an infinitive ("told Bush to quiet down")
# the object stays: there it is part of the content.
CLAUSE_ADDRESSEE_VERBS = frozenset({"tell", "inform", "show", "remind", "assure", "reassure", "warn", "notify",
                                    "promise", "convince", "persuade", "teach", "advise", "email", "write"})
# Nouns of the setting of a statement, which a trailing phrase of the cue verb names ("addressed Muslim-Americans
# *in an email to supporters*", "*on Twitter*", "*at a rally*"): the setting is not what is said.
SETTING_NOUNS = frozenset({"statement", "interview", "email", "e-mail", "letter", "twitter", "tweet", "speech",
                           "rally", "conference", "call", "post", "op-ed", "appearance", "remarks", "memo",
                           "facebook", "release", "video", "ad", "debate", "town", "hall", "event", "meeting"})
# Words that open a relative clause whose verb is a cue ("…, which she said was fair").
RELATIVE_WORDS = frozenset({"which", "that", "what", "who", "whom"})
_CLOSING_MARK = re.compile(r"[.,!?;:]?(?:''|”|\")")


def _token_run(doc: "Document", span: Span) -> "SpacySpan | None":
    run = doc.body.char_span(span.start, span.end, alignment_mode="expand")
    return run if run is not None and len(run) else None


def _without_addressee(a: Attribution, doc: "Document") -> Attribution:
    """An indirect or belief content that opens with the cue verb's addressee and goes on to the verb's
    that-clause ("told *a Wall Street Journal lunch group* that her position remains firm") starts at the
    clause: PolNeAR's content is what is said, not to whom (:data:`CLAUSE_ADDRESSEE_VERBS`)."""
    cue, content = _token_run(doc, a.cue), _token_run(doc, a.content)
    if cue is None or content is None or len(content) < 2 or content[0].lower_ == "that":
        return a
    heads = {t.i for t in cue}
    if not any(t.lemma_.lower() in CLAUSE_ADDRESSEE_VERBS for t in cue):
        return a
    objects = [t for t in content if t.head.i in heads and t.dep_ in ("dobj", "dative", "iobj")
               and t.left_edge.i == content.start]
    clauses = [t for t in content if t.head.i in heads and t.dep_ == "ccomp" and t.left_edge.i > content.start]
    if (not objects or not clauses or not any(c.dep_ in ("nsubj", "nsubjpass") for c in clauses[0].children)
            or objects[0].right_edge.i >= clauses[0].left_edge.i):
        return a
    start = doc.body[clauses[0].left_edge.i].idx
    return dataclasses.replace(a, content=Span(doc.body_text[start:a.content.end], start, a.content.end))


def _is_setting(t: "Token") -> bool:
    """A phrase that dates or places a statement: a DATE / TIME noun phrase ("Tuesday"), or a preposition whose
    object is one or a setting noun ("in February", "in an email to supporters", "on Twitter")."""
    if t.dep_ == "npadvmod":
        return t.ent_type_ in ("DATE", "TIME")
    if t.dep_ != "prep":
        return False
    obj = next((c for c in t.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    return (obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in SETTING_NOUNS
            or any(c.dep_ == "compound" and c.ent_type_ in ("DATE", "TIME") for c in obj.children))


def _without_setting(a: Attribution, doc: "Document") -> Attribution:
    """An indirect or belief content after its cue ends before a trailing phrase of the cue verb that dates or
    places the statement (:func:`_is_setting`): "made these allegations against the NRA *in February*"."""
    cue, content = _token_run(doc, a.cue), _token_run(doc, a.content)
    if cue is None or content is None or len(content) < 2:
        return a
    heads = {t.i for t in cue}
    body, text = doc.body, doc.body_text
    cut = None
    for t in content:
        if (t.head.i in heads and t.i > content.start and t.i >= cue.end - 1 and _is_setting(t)
                and all(x.is_punct for x in body[t.right_edge.i + 1:content.end])):
            cut = t.left_edge.i if cut is None else min(cut, t.left_edge.i)
    if cut is None or cut <= content.start:
        return a
    end = body[cut - 1].idx + len(body[cut - 1])
    while end > a.content.start and text[end - 1] in " ,;—–-":
        end -= 1
    if end <= a.content.start:
        return a
    return dataclasses.replace(a, content=Span(text[a.content.start:end], a.content.start, end))


def _with_relative(a: Attribution, doc: "Document") -> Attribution:
    """An indirect or belief content after a cue inside a relative clause takes what the clause relativizes as
    its first piece, as PolNeAR does: the relative pronoun ("*which* | she said represented all her emails", "…,
    *which* he added “is deeply regrettable”"), or, with no pronoun, the noun the clause modifies when the
    clause's subject follows it directly and the cue verb has no object of its own ("*the increase* | he seeks
    to the minimum wage", "*a fight* | it expects to last into the spring")."""
    if a.content.start < a.cue.end:
        return a
    cue, content = _token_run(doc, a.cue), _token_run(doc, a.content)
    if cue is None or content is None:
        return a
    body, head = doc.body, cue.root
    piece: tuple[int, int] | None = None
    if head.dep_ == "relcl" and head.head.i < head.i:
        first = body[min(t.i for t in head.subtree)]
        noun = head.head
        if first.lower_ in RELATIVE_WORDS and first.i < cue.start:
            piece = (first.i, first.i)
        elif (noun.pos_ == "NOUN" and not noun.ent_type_ and first.dep_ in ("nsubj", "nsubjpass")
              and first.head.i == head.i and noun.i == first.i - 1
              and not any(c.dep_ in ("dobj", "ccomp") for c in head.children)):
            piece = (noun.left_edge.i, noun.i)
    if piece is None:  # "which she said represented …": the pronoun is the subject of the content's clause
        clause = next((t for t in content if t.head.i == head.i and t.dep_ == "ccomp"), None)
        if clause is not None:
            pron = next((c for c in clause.children if c.lower_ in RELATIVE_WORDS and c.i < cue.start
                         and c.dep_ in ("nsubj", "nsubjpass", "dobj")), None)
            piece = (pron.i, pron.i) if pron is not None else None
    if piece is None:
        return a
    start, end = body[piece[0]].idx, body[piece[1]].idx + len(body[piece[1]])
    if (start < a.source.end and a.source.start < end) or end > a.cue.start:
        return a
    return dataclasses.replace(a, content=Span(doc.body_text[start:end], start, end), continuation=[a.content])


def _close_quotation(a: Attribution, text: str) -> Attribution:
    """An indirect or belief content that ends inside a quotation it opened takes the quotation's closing
    punctuation and mark (that Mr. Clinton would be ''in charge … in places like coal country*.''*), as PolNeAR's
    contents always do."""
    last = (a.continuation or [a.content])[-1]
    seg = text[a.content.start:last.end]
    m = _CLOSING_MARK.match(text, last.end)
    if m is None or not (seg.count("“") + seg.count("``") > seg.count("”") or seg.count("''") % 2
                         or seg.count('"') % 2):
        return a
    new = Span(text[last.start:m.end()], last.start, m.end())
    if a.continuation:
        return dataclasses.replace(a, continuation=[*a.continuation[:-1], new])
    return dataclasses.replace(a, content=new)


def _content_bounds(found: list[Attribution], doc: "Document", last: bool = False) -> list[Attribution]:
    """Apply the content-boundary rules (:data:`CONTENT_BOUNDS`) to indirect and belief attributions: the
    addressee and the setting come off a one-piece content (``last`` False, before quotations are continued and
    fronted phrases taken), a cue in a relative clause gives what it relativizes (:func:`_with_relative`), and a
    quotation left open is closed (``last`` True, once the pieces are final)."""
    if not CONTENT_BOUNDS:
        return found
    out = []
    for a in found:
        if a.type in ("indirect", "belief"):
            if last:
                a = _close_quotation(a, doc.body_text)
            elif not a.continuation:
                a = _with_relative(_without_setting(_without_addressee(a, doc), doc), doc)
                a = _without_second_predicate(a, doc) if SECOND_PREDICATES else a
        out.append(a)
    return out if last or not CONJOINED_REPORTS else _before_next_report(out, doc)


# Whether a one-piece content stops before a second predicate of the cue's own subject that the tagger ran it into:
# "questions Clinton's ties to super PACs [and has called for …]", "was hoping for far more than that [and will have to
# brace …]" (session 41, PolNeAR train).
SECOND_PREDICATES = True


def _without_second_predicate(a: Attribution, doc: "Document") -> Attribution:
    """``a`` with its content cut at the conjunction before a verb conjoined to the cue's head that has no subject of
    its own — after a reported clause, only a verb of saying or believing (:data:`SECOND_PREDICATES`)."""
    head = _cue_head(doc, a.cue)
    if head is None or a.content.start < head.idx:
        return a
    cut = None
    clause = any(c.dep_ in ("ccomp", "xcomp", "advcl") and a.content.start <= c.idx < a.content.end
                 for c in head.children)
    for c in head.rights:
        if not (a.content.start < c.idx < a.content.end and c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
            continue
        if any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children):
            continue  # a clause with a subject of its own ("…, but no meeting has been arranged") may be reported
        if clause and (c.lemma_.lower() not in _REPORTING or any(g.dep_ == "auxpass" for g in c.children)):
            continue  # after a reported clause the parse often hangs the clause's own second verb on the cue
        cc = [g for g in head.children if g.dep_ == "cc" and g.lower_ in ("and", "but")
              and a.content.start < g.idx < c.idx]  # not "or": "… to “cross-sell” or make customers …" is one object
        if cc:
            cut = cc[-1].idx
            break
    if cut is None:
        return a
    text = doc.body_text[a.content.start:cut].rstrip().rstrip(",;").rstrip()
    if not text:
        return a
    return dataclasses.replace(a, content=Span(text, a.content.start, a.content.start + len(text)))


def _next_report(doc: "Document", a: Attribution, b: Attribution) -> bool:
    """Whether ``b``'s cue, inside ``a``'s content, is the same source's next report: after "and" in ``a``'s tense
    ("said that … and added that …") or after a comma as a participle ("…, saying …"); not "to think" or "and consider"
    inside what is reported ("called on the administration to … and consider …")."""
    before = doc.body_text[a.content.start:b.cue.start].rstrip()
    ha, hb = _cue_head(doc, a.cue), _cue_head(doc, b.cue)
    if ha is None or hb is None:
        return False
    return (before.endswith(" and") and hb.tag_ == ha.tag_) or (before.endswith(",") and hb.tag_ == "VBG")


def _before_next_report(found: list[Attribution], doc: "Document") -> list[Attribution]:
    """A one-piece content cut before the cue of the same source's next report inside it: "Babici said that children
    engage in … [and added that …]" (:data:`CONJOINED_REPORTS`)."""
    text = doc.body_text
    by_source = collections.defaultdict(list)  # one pass, not every pair: long texts have thousands of attributions
    for b in found:
        by_source[b.source.start, b.source.end].append(b)
    out = []
    for a in found:
        if a.type in ("indirect", "belief") and not a.continuation and a.source.end > a.source.start:
            inside = [b.cue.start for b in by_source[a.source.start, a.source.end] if b is not a and b.source == a.source
                      and a.content.start < b.cue.start < a.content.end and b.cue.start > a.cue.end
                      and _next_report(doc, a, b)]
            if inside:  # "… and added that", "…, saying": a report of its own, not "to think that" inside it
                cut = text[a.content.start:min(inside)].rstrip()
                while cut.endswith((" and", ",", ";")):
                    cut = (cut[:-4] if cut.endswith(" and") else cut[:-1]).rstrip()
                if cut:
                    a = dataclasses.replace(a, content=Span(cut, a.content.start, a.content.start + len(cut)))
        out.append(a)
    return out


LEAD_MAX = 200  # longest sentence-initial phrase taken into a content interrupted by its source and cue


# Whether _fronted_content also reads a source after its cue ("Rather than …, said Marcia Smith, senior vice president,
# Teck wants …"; "About 10:03 p.m., according to a congressional timeline, the contractors left …").
FRONTED_INVERTED = True


def _fronted_content(found: list[Attribution], doc: "Document") -> list[Attribution]:
    """Give a content interrupted by its source and cue the phrase that opens the sentence.

    "In the three years since the shootings, she says, far too many lives have been lost" — PolNeAR's content is
    "In the three years since the shootings" + "far too many lives have been lost". Applies when the source and
    cue stand between commas after a sentence-initial phrase (at most :data:`LEAD_MAX` characters, holding no
    other cue), the content follows the cue's comma and is not a quotation (before a quotation the phrase is
    the author's framing: "Just last week, Varga said, “…”"). The content's first piece is then that phrase
    and the rest its continuation (``Attribution.content_text`` reads the whole). On 250 PolNeAR train
    articles: content exact F1 0.692 -> 0.698 (0.696 when quotations were allowed too)."""
    text = doc.body_text
    cues = sorted(a.cue.start for a in found)
    out: list[Attribution] = []
    for a in found:
        inverted = FRONTED_INVERTED and a.source.start >= a.cue.end
        if (a.sentence is not None and a.source.end > a.source.start and (a.source.start < a.cue.start or inverted)
                and a.content.start >= max(a.cue.end, a.source.end)
                and _mark_at(text, a.content.start)[0] not in ("open", "both")):
            sent = doc.sentences[a.sentence]
            first = min(a.source.start, a.cue.start)
            core = text[sent.start:first].rstrip()
            gap = text[max(a.cue.end, a.source.end):a.content.start]
            if (core.endswith(",") and gap.strip() == "," and 0 < len(core) - 1 <= LEAD_MAX
                    and bisect.bisect_left(cues, sent.start) == bisect.bisect_left(cues, first)):
                start, end = _strip(text, sent.start, sent.start + len(core) - 1)
                if end > start:
                    a = dataclasses.replace(a, content=Span(text[start:end], start, end),
                                            continuation=[a.content, *a.continuation])
        out.append(a)
    return out


# Whether a free relative "what" just before the source (or before a cue with no source before it) opens the content
# that follows the cue: "what Mr. Hedge called ''the prior economy model''", "what she said is growing demand …",
# "what is known as the Purcell doctrine" — PolNeAR's content is "what" + the rest (45 two-piece contents opening on
# "what" in train).
WHAT_FRONTED = True


def _what_fronted(found: list[Attribution], doc: "Document") -> list[Attribution]:
    """:data:`WHAT_FRONTED`: an attribution whose content, in one piece, follows its cue, and whose source (or cue)
    has "what" right before it, a dependent of the cue or of the content, takes "what" as its content's first piece."""
    if not WHAT_FRONTED:
        return found
    body, text = doc.body, doc.body_text
    out = []
    for a in found:
        lead = a.source.start if a.source.text and a.source.end <= a.cue.start else a.cue.start
        before = body.char_span(0, lead, alignment_mode="contract") if (
            lead and not a.continuation and a.content.start >= a.cue.end) else None
        what = before[-1] if before is not None and len(before) else None
        if what is not None and what.lower_ == "what" and not text[what.idx + len(what):lead].strip():
            cue = body.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
            content = body.char_span(a.content.start, a.content.end, alignment_mode="expand")
            if cue is not None and len(cue) and what.head.i in {t.i for t in (*cue, *(content or ()))}:
                a = dataclasses.replace(a, content=Span(what.text, what.idx, what.idx + len(what)),
                                        continuation=[a.content])
        out.append(a)
    return out


SINGULAR_FIRST_PERSON = frozenset({"i", "me", "my"})


_MARK_OR_BREAK = re.compile(r"''|``|[“”\"\n]")


# Whether "said in a statement" is one cue, as PolNeAR train marks it 42 times of 58 ("in a / the statement" right after
# a speech verb, not before "that"); "in an interview" is split (8 in, 15 out) and stays out.
STATEMENT_FRAMES = True
_STATEMENT_FRAME = re.compile(r"[ \xa0]+in (?:a|the) statement\b(?![ \xa0]+that\b)")
_FRAMED_VERBS = re.compile(r"\b(?:said|says|say|wrote|writes|added|tweeted)$")


def _with_statement_frame(a: Attribution, text: str) -> Attribution:
    """``a`` with " in a statement" after its cue's speech verb taken into the cue, unless its content starts there."""
    m = _STATEMENT_FRAME.match(text, a.cue.end) if _FRAMED_VERBS.search(a.cue.text) else None
    if m is None or any(p.start < m.end() and a.cue.end < p.end for p in a.content_parts):
        return a
    return dataclasses.replace(a, cue=Span(text[a.cue.start:m.end()], a.cue.start, m.end()))


def _open_quotations(text: str) -> tuple[list[int], list[int | None]]:
    """Where a quotation is open, as two parallel lists: offsets where the state changes, and the start of the
    quotation open from there on (None: none). One pass, each paragraph read from its start; unlike
    :func:`find_quotes`, a quotation need not close within its paragraph (news texts leave one that goes on in
    the next paragraph unclosed)."""
    at: list[int] = [0]
    state: list[int | None] = [None]
    open_at: int | None = None
    for m in _MARK_OR_BREAK.finditer(text):
        i = m.start()
        if text[i] == "\n":
            new = None
        else:
            role, _ = _mark_at(text, i)
            if open_at is not None and role in ("close", "both"):
                new = None
            elif open_at is None and role in ("open", "both"):
                new = i
            else:
                continue
        if new != open_at:
            open_at = new
            at.append(m.end() if new is None else i + 1)
            state.append(new)
    return at, state


def _carried_on(text: str, at: list[int], state: list[int | None]) -> dict[int, int]:
    """For a quotation that carries on a quotation left open at the end of the paragraph before (the press's
    convention: He said: “… responsible.¶¶“If anyone can help we would ask …”), its opening mark → the first
    paragraph's opening mark (from :func:`_open_quotations`' lists)."""
    origin: dict[int, int] = {}
    for k in range(len(state) - 2):
        before, new = state[k], state[k + 2]
        if before is not None and state[k + 1] is None and new is not None and text[at[k + 1] - 1] == "\n" \
                and not text[at[k + 1]:new].strip():
            origin[new] = origin.get(before, before)
    return origin


def _quoted_first_person(found: list[Attribution], text: str,
                         quotes: list[tuple[int, int]] | None = None) -> list[Attribution]:
    """A first-person source inside a quotation that another attribution reports is that quotation's speaker,
    not the article's author: in He said: “… I know that it isn't necessary …”, "I" takes the speaker's kind and
    name; "we" becomes a pronoun (the speaker's side, not the author). The speaker is the source of the
    attribution whose content starts at the quotation's opening mark (a direct quote's first)."""
    if not any(a.source.kind == "author" for a in found):
        return found
    speaker_at: dict[int, Source] = {}
    for b in sorted(found, key=lambda b: b.type != "direct_quote"):
        if b.source.kind != "author":
            for c in (b.content, *b.continuation):
                speaker_at.setdefault(c.start, b.source)
                if c.start and text[c.start - 1] in _PARAGRAPH_MARKS:  # a content just inside the opening mark
                    speaker_at.setdefault(c.start - 1, b.source)
    at, state = _open_quotations(text)
    origin = _carried_on(text, at, state)
    out = []
    for a in found:
        opened = state[bisect.bisect_right(at, a.cue.start) - 1] if a.source.kind == "author" else None
        speaker = speaker_at.get(origin.get(opened, opened)) if opened is not None else None
        if speaker is None and a.source.kind == "author" and quotes:  # a quotation in single marks: ‘… I think …’
            q = quotations.containing(quotes, a.cue.start)
            speaker = speaker_at.get(q[0]) if q is not None else None
        if speaker is None and a.source.kind == "author" and QUOTE_PARAGRAPH_SPEAKER:
            speaker = _last_quoted_speaker(found, text, a.cue.start)
        if speaker is not None:
            if a.source.text.lower() in SINGULAR_FIRST_PERSON:
                source = dataclasses.replace(a.source, kind=speaker.kind, resolved=speaker.resolved or speaker.text)
            else:
                source = dataclasses.replace(a.source, kind="pronoun", resolved=None)
            a = dataclasses.replace(a, source=source)
        out.append(a)
    return out


# Whether a first person in a paragraph that opens with a quotation mark and credits no one ("‘I can’t believe there have
# been complaints, is no-one allowed to have fun anymore?") is the speaker of the direct quote that ends the paragraph
# before ("‘The children love him …,’ she said."): a speech running on over paragraphs, credited once (session 39's
# audit found the cafe worker's words read as the author's negated belief).
QUOTE_PARAGRAPH_SPEAKER = True
_PARAGRAPH_MARKS = frozenset("“\"‘'")


def _last_quoted_speaker(found: list[Attribution], text: str, pos: int) -> Source | None:
    """The source of the last direct quote in the paragraph before the one holding ``pos``, when ``pos``'s paragraph
    opens with a quotation mark and the paragraph before ends with that quote's attribution; else None."""
    start = text.rfind("\n", 0, pos) + 1
    if start == 0 or not text[start:start + 1] or text[start] not in _PARAGRAPH_MARKS:
        return None
    prev_end = len(text[:start].rstrip())
    prev_start = text.rfind("\n", 0, prev_end) + 1
    quoted = [a for a in found if a.type == "direct_quote" and prev_start <= a.content.start < prev_end
              and prev_start <= a.cue.start < prev_end]
    if not quoted:
        return None
    last = max(quoted, key=lambda a: a.cue.end)
    return last.source if not text[max(last.cue.end, last.source.end):prev_end].strip(" .") else None


# An embedded tweet's credit line, as web copy keeps it after the tweet's text: "… — Quinn Nelson (@SnazzyQ) October 6,
# 2014" (the dash, or the ";" some scrapers leave, before the display name, the handle and the date).
_TWEET_CREDIT = re.compile(
    r"(?:[—–;]|\s-)\s*(?P<name>[^\n—–;()]{0,60}?)\s*\(@(?P<handle>\w{1,30})\)\s*(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}")


def _tweets(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Each embedded tweet's credit line (:data:`_TWEET_CREDIT`) and where the tweet's text starts: its
    paragraph's start, or the end of the previous credit in the same paragraph."""
    previous = 0
    for m in _TWEET_CREDIT.finditer(text):
        yield m, max(text.rfind("\n", 0, m.start()) + 1, previous)
        previous = m.end()


def _tweeted_first_person(found: list[Attribution], text: str) -> list[Attribution]:
    """A first-person source inside an embedded tweet is the tweet's author, not the article's: in "I think mike
    seidel was writing lester holt in the snow … — Jane Doe (@jdoe) February 13, 2014", "I" is a pronoun for Jane
    Doe (the display name, else the handle). A tweet's text runs from its paragraph's start, or the previous tweet's
    credit, to its own credit line."""
    if not any(a.source.kind == "author" for a in found) or "(@" not in text:
        return found
    spans = [(start, m.end(), " ".join(m.group("name").split()) or "@" + m.group("handle"))  # (start, end, who)
             for m, start in _tweets(text)]
    out = []
    for a in found:
        tweet = next((sp for sp in spans if sp[0] <= a.cue.start < sp[1]), None) if a.source.kind == "author" else None
        if tweet is not None:
            a = dataclasses.replace(a, source=dataclasses.replace(a.source, kind="pronoun", resolved=tweet[2]))
        out.append(a)
    return out


# Whether "he" / "she" as a source takes the speaker the text is already reporting (:func:`_continued_speakers`)
# before the nearest name: "Qureshi told the Post *he* believed Emwazi was Jihadi John" is Qureshi's belief, and
# "“There was a strong resemblance,” *he* said" in the next paragraph is Qureshi speaking on.
CONTINUED_SPEAKERS = True
SPEAKER_WINDOW = 3000  # characters before the pronoun in which a reporting attribution's cue is looked for
_PERSON_KINDS = frozenset({"named_person", "pronoun", "description"})


def _speaker_name(doc: "Document", source: Source) -> str | None:
    """The person an attribution's source names, in full, when it is a person: a named person, or a pronoun or
    description resolved to a PERSON of the body; else None."""
    if source.kind not in _PERSON_KINDS or not source.resolved:
        return None
    return source.resolved if source.kind == "named_person" or names.is_person(doc, source.resolved) else None


# Whether "“…,” he said" looks past the attributions just before it whose source cannot be "he" or "she" (a group,
# a record, the author) to the speaker before them, within the same or the previous paragraph.
SKIP_NO_ONE = True
_GROUP_WORDS = frozenset({"they", "we", "it", "many", "some", "all", "both", "others", "most", "several", "few"})


def _no_one(doc: "Document", source: Source) -> bool:
    """Whether a source cannot be a "he" or "she": a group ("many of whom", "officials"), a record or the author
    (unstated sources too). An organisation can: the small NER takes many a surname for one ("Ashraf")."""
    if source.kind in ("record", "author") or not source.text:
        return True
    span = doc.body.char_span(source.start, source.end, alignment_mode="expand")
    root = span.root if span is not None and len(span) else None
    return root is not None and (root.tag_ in ("NNS", "NNPS") or root.lower_ in _GROUP_WORDS)


# Whether a pronoun inside a question is left to the nearest name rather than given to the one who asks: in "Maddow
# asking Clinton pointedly whether she would consider a woman as a running mate" she is Clinton (session 41: the
# asker became a source once "with Maddow asking" was read).
ASKED_NOT_ASKER = True


def _asks(doc: "Document", b: Attribution) -> bool:
    """Whether ``b``'s cue is a verb of asking (``names.ASKING_VERBS``)."""
    head = _cue_head(doc, b.cue)
    return head is not None and head.lemma_.lower() in names.ASKING_VERBS


def _continued_speakers(found: list[Attribution], doc: "Document") -> list[Attribution]:
    """Resolve "he" / "she" sources to the speaker the text is reporting, when there is one of the pronoun's gender
    (or of none known): the source of an attribution whose content holds the pronoun ("X told the Post he believed
    …"), else, for a quotation closed before its cue ("“…,” he said"), the source of the attribution just before
    it in the same or the previous paragraph. Otherwise the nearest name stays (:func:`onrecord.names.resolve`)."""
    text = doc.body_text
    ordered = sorted(found, key=lambda b: b.cue.start)
    starts = [b.cue.start for b in ordered]
    out = []
    for a in found:
        gender = names.PRONOUN_GENDER.get(a.source.text.lower())
        if a.source.kind != "pronoun" or a.source.text.lower() not in ("he", "she") or gender is None:
            out.append(a)
            continue

        def fits(b: Attribution) -> str | None:
            who = _speaker_name(doc, b.source) if b is not a else None
            return who if who is not None and names.person_gender(doc, who) in (None, gender) else None

        # attributions whose cue comes before the pronoun, nearest first, within a window (a content is a clause)
        near = ordered[bisect.bisect_left(starts, a.source.start - SPEAKER_WINDOW):
                       bisect.bisect_left(starts, a.source.start)][::-1]
        holding = (b for b in near if any(c.start <= a.source.start < c.end for c in (b.content, *b.continuation))
                   and not (ASKED_NOT_ASKER and _asks(doc, b)))
        who = next(filter(None, map(fits, holding)), None)
        if who is None and a.type == "direct_quote" and a.content.end <= a.cue.start:
            k = bisect.bisect_left(starts, a.content.start) - 1  # the attribution just before the quotation
            while k >= 0 and ordered[k].cue.end <= a.content.start and text.count(
                    "\n\n", ordered[k].cue.end, a.content.start) <= 1:
                who = fits(ordered[k])
                if who is not None or not (SKIP_NO_ONE and _no_one(doc, ordered[k].source)):
                    break
                k -= 1  # "many of whom were accusing him …¶“…,” he told KHOU-TV": the speaker is further back
        if who is not None and who != a.source.resolved:
            a = dataclasses.replace(a, source=dataclasses.replace(a.source, resolved=who))
        out.append(a)
    return out


def analyze(doc: "Document") -> list[Attribution]:
    """Every attribution in the body, in text order (one per cue).

    The rules find attributions first; the trained tagger (when its artifact is installed) adds
    those whose cue no rule found, each with the source and content its role CRF gives it (the cues
    are the CRF's, or, switched on by :data:`CUE_TAGGER`, a fine-tuned MiniLM's confident ones). Rules go first because they decide the cases the report leans
    on (scare quotes, mentioned statements, beliefs and their hedges) more reliably; the tagger
    brings recall, and the span boundaries of the rules' attributions where PolNeAR's conventions
    are its own (cue extents, sources, indirect and belief contents: :func:`_tagger_roles`).
    A cue inside a quotation counts only when that quotation is itself what a source says
    ("“I believe we will win,” he said"): a quoted phrase the author merely mentions
    (The statement that "Putin is confident …" suggests …) attributes nothing.
    """
    quotes = quotations.in_document(doc)
    blocks = quotations.block_quotes(doc.body_text, quotes)
    found: list[Attribution] = []
    taken = _Cues()

    def add(candidates: Iterator[Attribution | None]) -> None:
        for att in candidates:
            if att is not None and not taken.overlaps(att.cue.start, att.cue.end):
                found.append(att)
                taken.add(att.cue.start, att.cue.end)

    unstated = _unstated_passives(doc)
    led = _led_quotations(doc.body_text, quotes) if LED_QUOTATIONS else []
    add(itertools.chain(_block_leads(doc, sorted(blocks + led), {start for _, start, _ in led}), _tweet_lines(doc), _speaker_lines(doc, quotes),
                        _credit_lines(doc, quotes), _quoted_as(doc, quotes) if QUOTED_AS_SAYING else iter(()),
                        _candidates(doc, quotes, unstated)))
    add(iter(unstated.values()))  # before the tagger, whose source for "A car thought to be …" is the car
    if models.available("attribution"):
        model = models.load("attribution")
        prep = _prepared(doc, model, find_quotes(doc.body_text, carried=False))  # the quotations the CRFs learnt
        crf_cues = _tagger_cues(prep, model["taggers"]["cue"])
        found = _tagger_roles(found, doc, prep, model["taggers"]["role"], crf_cues)
        taken = _Cues((a.cue.start, a.cue.end) for a in found)  # the cues' extents may have grown
        add(_tagged(doc, prep, model["taggers"], _cues(doc, crf_cues), quotes, taken))
    if UNSTATED_SOURCES:  # last: only where no stated source's cue lies
        add(a for a in _unstated(doc) if not (REPORTED_INSIDE and a is not None and _reported_inside(a, found)))
    if SOURCE_FULL_STOP:  # before quotations are continued past the source
        found = [_without_full_stop(a, doc) for a in found]
    found = _content_bounds(found, doc)
    found = _what_fronted(_fronted_content(_continue_quotes(found, quotes, doc), doc), doc)
    if ORPHAN_QUOTES:
        found = _orphan_quotes(found, quotes, doc.body_text)
    found = _content_bounds(found, doc, last=True)
    if STATEMENT_FRAMES:
        found = [_with_statement_frame(a, doc.body_text) for a in found]
    spoken = _Reach({(c.start, c.end) for a in found if a.type == "direct_quote" for c in a.content_parts})
    mentioned = [q for q in quotes if not spoken.holds(*q)]
    starts = [q[0] for q in mentioned]  # quotations are disjoint and in text order

    def in_mentioned(pos: int) -> bool:
        i = bisect.bisect_left(starts, pos) - 1
        return i >= 0 and mentioned[i][0] < pos < mentioned[i][1]

    kept = _quoted_first_person([a for a in found if not in_mentioned(a.cue.start)], doc.body_text,
                                sorted(quotes + [(s, e) for _, s, e in blocks]) if blocks else quotes)
    kept = _tweeted_first_person(kept, doc.body_text)
    if CONTINUED_SPEAKERS:
        kept = _continued_speakers(kept, doc)
    found = sorted(_with_negation(_not_reports(kept, doc), doc), key=lambda a: a.cue.start)
    if GENERIC_YOU:  # "Just when you thought you had seen it all", "Not exactly what you expected?": the reader
        found = [a for a in found if not (a.type == "belief" and a.source.text.casefold() == "you"
                                          and quotations.containing(quotes, a.cue.start) is None)]
    if ANTECEDENT_CONTENTS:  # "Trump’s comments, which came during …": the relative's antecedent is no one's words
        found = [a for a in found if not _antecedent_content(a, doc)]
    if COORDINATED_SOURCES:
        found = [_coordinated(a, doc) for a in found]
    if NESTED_BELIEFS:
        found = _without_nested_beliefs(found)
    if TRAILING_TO:
        found = [_without_trailing_to(a, doc) for a in found]
    if FINAL_COMMA:
        found = [_without_final_comma(a, doc.body_text) for a in found]
    if LEADING_COMMA:
        found = [_without_leading_comma(a, doc.body_text) for a in found]
    if UNBALANCED_ENDS:
        found = [_without_unbalanced_ends(a, doc.body_text) for a in found]
    if CUE_AS_CONTENT:
        contents = {(a.content.start, a.content.end) for a in found}
        found = [a for a in found if (a.cue.start, a.cue.end) not in contents]
    if STAFF_CREDITS:
        found = [a for a in found if not _staff_credit(a, doc.body_text)]
    if PHONE_CALLS:
        found = [a for a in found if not _phone_call(a, doc)]
    return _relayed_quotes(found, quotes) if RELAYED_QUOTES else found


# Whether an unstated "reportedly" inside what a stated source says is left to that source: in "Apple is reportedly
# planning …, according to a report from The Wall Street Journal" the Journal is the report, not a second, anonymous
# one (session 57's audit: two reports showed a phantom anonymous source). PolNeAR train: 8 of its 12 "allegedly" and
# 7 of its 9 "supposedly" lie inside another attribution's gold content, and none of those is a cue of its own (its 29
# "reportedly" never lie inside one: 19 are cues).
REPORTED_INSIDE = True


def _reported_inside(a: Attribution, found: list[Attribution]) -> bool:
    """Whether ``a`` is an unstated adverb's attribution (:data:`UNSTATED_ADVERBS`) whose cue lies in the content of
    an attribution in ``found`` with a stated source (:data:`REPORTED_INSIDE`)."""
    if a.source.text or a.cue.text.casefold() not in UNSTATED_ADVERBS:
        return False
    return any(b.source.text and any(c.start <= a.cue.start and a.cue.end <= c.end for c in b.content_parts)
               for b in found)


# Whether a wire story's staff line ("(Reporting by Randall Palmer; Writing by Amran Abocar; Editing by …)") and an
# attribution whose content holds no word are dropped: session 57's audit found "Amran Abocar — Writing" as a direct
# quote of a lone quote mark.
STAFF_CREDITS = True
_STAFF_CREDIT = re.compile(r"(?:additional\s+)?(?:reporting|writing|editing|compiled|compiling)$", re.I)
_BY = re.compile(r"\s+by\s", re.I)


# Whether "call" with only a person (or a phone) after it is a telephone call, not an attribution: "was trying to call
# them with his cellphone", "he had called Foley's parents" (session 57's audit: three rows, one with a made-up
# source). PolNeAR train's 69 gold "call" cues with a content of three words or fewer never have a bare person as the
# content: they call someone something ("called him a \"moderate\"", "called it \"shameful\"").
PHONE_CALLS = True
_PHONE_WORDS = frozenset({"phone", "cellphone", "telephone", "mobile", "cell", "smartphone", "number"})
_CALLED_PEOPLE = frozenset({"parent", "family", "wife", "husband", "mother", "father", "friend", "police", "office",
                            "room", "station", "desk", "home", "hotline"})


def _phone_call(a: Attribution, doc: "Document") -> bool:
    """Whether ``a`` is a telephone call (:data:`PHONE_CALLS`): a cue whose last word is a form of "call", with one
    content piece of at most four words, holding no quote mark or verb, that is only a pronoun, a person or a phone
    (its head last: "Foley's parents", not "it shameful")."""
    cue_words = a.cue.text.casefold().split()
    if not cue_words or cue_words[-1] not in ("call", "calls", "called", "calling") or a.continuation \
            or not a.content.text:
        return False
    span = doc.body.char_span(a.content.start, a.content.end, alignment_mode="expand")
    if span is None or not 0 < len(span) <= 4 or any(t.pos_ in ("VERB", "AUX") or _mark_at(t.text, 0)[0] for t in span):
        return False
    words = [t for t in span if not t.is_punct]
    root = span.root
    if not words or root.i != words[-1].i:  # "called it shameful", "called Rubio a moderate": named something
        return False
    rest = root.sent.text[root.idx + len(root) - root.sent.start_char:]
    if any(_mark_at(rest, i)[0] for i in range(len(rest))):
        return False  # "as The Daily Beast called them in an article last week, ''Manchurian anchors''"
    lemma = root.lemma_.lower()
    return (root.pos_ == "PRON" or root.ent_type_ == "PERSON" or lemma in names.PERSON_NOUNS
            or lemma in _CALLED_PEOPLE or lemma in _PHONE_WORDS)


def _staff_credit(a: Attribution, text: str) -> bool:
    """Whether ``a`` is a staff credit or has a content without a word (:data:`STAFF_CREDITS`)."""
    if a.content.text and not any(ch.isalnum() for ch in a.content.text):
        return True
    return bool(_STAFF_CREDIT.search(a.cue.text.strip())) and _BY.match(text, a.cue.end) is not None


# Whether an attribution whose cue is exactly another attribution's content is dropped: in "Through a spokesman, he
# declined to comment." the rules find "he — declined — to comment" and the tagger adds "he — to comment — Through a
# spokesman". PolNeAR train's 19,831 gold attributions never have a cue that is another's content. Session 54: one
# such attribution on dev, none on the carve-out.
CUE_AS_CONTENT = True


# Whether a cue the taggers ended with "to" gives it up before an infinitive ("vowed to | fight on": PolNeAR train's
# gold cues stop before such a "to" 863 times of 921, and its content starts there) and before the person a verb of
# speaking addresses ("apologized to | his supporters", "confided to | her"; "responded to", "referred to", "according
# to", whose object is what is reported, keep it). Session 47, PolNeAR train: 29 cues come out gold, 5 were.
TRAILING_TO = True
_ADDRESSING = frozenset({"apologize", "appeal", "complain", "confide", "disclose", "explain", "grouse",
                         "lament", "make", "pass", "proclaim", "say", "speak", "suggest", "talk", "vent", "whisper"})


def _without_trailing_to(a: Attribution, doc: "Document") -> Attribution:
    """``a`` with a cue-final "to" given up before an infinitive (to the content, when it starts right after) or an
    addressee (:data:`TRAILING_TO`)."""
    if not a.cue.text.casefold().endswith(" to"):
        return a
    toks = list(doc.body.char_span(a.cue.start, a.cue.end, alignment_mode="expand") or ())
    if len(toks) < 2 or toks[-1].lower_ != "to" or toks[-1].i + 1 >= len(doc.body):
        return a
    to, after = toks[-1], doc.body[toks[-1].i + 1]
    infinitive = after.tag_ == "VB" and to.dep_ == "aux" and to.head == after  # not "according to show insiders"
    if not infinitive and to.head.lemma_.lower() not in _ADDRESSING:
        return a
    text = doc.body_text
    end = toks[-2].idx + len(toks[-2])
    out = dataclasses.replace(a, cue=Span(text[a.cue.start:end], a.cue.start, end))
    if infinitive and a.content.start == after.idx:
        out = dataclasses.replace(out, content=Span(text[to.idx:a.content.end], to.idx, a.content.end))
    return out


# Whether a content whose last piece ends in a comma outside any quotation mark gives the comma up ("… a good business
# decision, but …": PolNeAR train's contents stop before such a comma 3,248 times and keep it 105 times; a quotation that
# closes on ",”" keeps it). Session 53: the role tagger's runs sometimes take it.
FINAL_COMMA = True
_CLOSERS = "\"'”’"
_SPACES = " \t\n\xa0"


def _trimmed(text: str, start: int, end: int) -> Span:
    """``text[start:end]`` as a span without the white space at either end."""
    while start < end and text[start] in _SPACES:
        start += 1
    while end > start and text[end - 1] in _SPACES:
        end -= 1
    return Span(text[start:end], start, end)


def _without_final_comma(a: Attribution, text: str) -> Attribution:
    """``a`` with the comma that ends its last content piece given up (:data:`FINAL_COMMA`)."""
    last = a.content_parts[-1]
    body = text[last.start:last.end].rstrip(_SPACES)
    if not body.endswith(",") or len(body) < 2 or body[-2] in _CLOSERS:
        return a
    piece = _trimmed(text, last.start, last.start + len(body) - 1)
    if piece.end <= piece.start:
        return a
    if a.continuation:
        return dataclasses.replace(a, continuation=[*a.continuation[:-1], piece])
    return dataclasses.replace(a, content=piece)


# Whether a content that opens on a comma gives it up (', "I think he will do it,"' after "but despite the increasingly
# fractious tone"; session 53: three on PolNeAR dev and the carve-out, two of them then gold's).
LEADING_COMMA = True


def _without_leading_comma(a: Attribution, text: str) -> Attribution:
    """``a`` with the comma that opens its first content piece given up (:data:`LEADING_COMMA`)."""
    first = a.content
    if not text.startswith(",", first.start):
        return a
    piece = _trimmed(text, first.start + 1, first.end)
    return dataclasses.replace(a, content=piece) if piece.end > piece.start else a


# Whether a span gives up a mark at its edge that opens or closes nothing inside it: a content's last ")" with no "("
# ("that she has pneumonia)"), its first quotation mark followed by a space ('" Clinton plans to visit …'), a source's
# last "(" ("Mr. Burman ("). Session 53: three on PolNeAR dev, all then gold's.
UNBALANCED_ENDS = True


def _without_unbalanced_ends(a: Attribution, text: str) -> Attribution:
    """``a`` without the unbalanced marks at the edges of its content pieces and source (:data:`UNBALANCED_ENDS`)."""
    pieces = []
    for p in a.content_parts:
        start, end = p.start, p.end
        if text[start:end].endswith(")") and text.count(")", start, end) > text.count("(", start, end):
            end -= 1
        if end - start > 2 and text[start] in "\"“" and text[start + 1] in _SPACES:
            start += 1
        piece = _trimmed(text, start, end) if (start, end) != (p.start, p.end) else p
        pieces.append(piece if piece.end > piece.start else p)
    src = a.source
    if src.end - src.start > 1 and text[src.end - 1] in "([":
        cut = _trimmed(text, src.start, src.end - 1)
        src = dataclasses.replace(src, text=cut.text, start=cut.start, end=cut.end) if cut.end > cut.start else src
    if pieces == a.content_parts and src is a.source:
        return a
    return dataclasses.replace(a, content=pieces[0], continuation=pieces[1:], source=src)


# Whether a source that runs on to the full stop ending its sentence gives it up ("said Robert McAtee, one of several
# coal industry veterans who have come to work with Mr. Clarke."), where the parse makes the stop a token of its own;
# an abbreviation's stop is part of its word ("R-Tenn.") and stays. Session 53.
SOURCE_FULL_STOP = True


def _without_full_stop(a: Attribution, doc: "Document") -> Attribution:
    """``a`` with its source's sentence-ending full stop given up (:data:`SOURCE_FULL_STOP`)."""
    src = a.source
    if src.end - src.start < 2 or doc.body_text[src.end - 1] != ".":
        return a
    stop = doc.body.char_span(src.end - 1, src.end)
    if stop is None or len(stop) != 1 or not stop[0].is_sent_end:
        return a
    cut = _trimmed(doc.body_text, src.start, src.end - 1)
    return dataclasses.replace(a, source=dataclasses.replace(src, text=cut.text, start=cut.start, end=cut.end))


# Whether a belief whose source is a personal pronoun is dropped when its cue lies inside another attribution's content:
# "Clinton said she thinks America is strongest …", "Fowler said he expects Clinton to …" are one attribution in PolNeAR,
# the report's "said" with "she thinks …" as its content (session 47: PolNeAR train marks 3 of the analyzer's 116 such
# nested beliefs, dev none of its 12). A belief credited to someone else ("told the Times that Carter believes …") stays,
# and so does the author's own ("I believe", "we assume" outside quotations: how the author hedges, which the report
# shows, even where another attribution's content runs over it).
NESTED_BELIEFS = True
# With NESTED_POSSESSIVE_HOLDERS, also a possessive or relative pronoun or no stated holder ("set off our fear that …",
# "…, which is strongly considering …", "were thought to be safe" inside a report): 57 on PolNeAR train, 5 gold.
NESTED_POSSESSIVE_HOLDERS = True
_NESTED_OTHER_HOLDERS = frozenset({"my", "our", "your", "his", "her", "its", "their", "who", "whom", "which", "that", ""})


def _without_nested_beliefs(found: list[Attribution]) -> list[Attribution]:
    """``found`` without the pronoun-held beliefs whose cue lies inside another attribution's content
    (:data:`NESTED_BELIEFS`)."""
    contents = _Reach((p.start, p.end) for b in found for p in b.content_parts)

    def inside(a: Attribution) -> bool:  # some content part holds the cue, and not one of a's own
        return (contents.holds(a.cue.start, a.cue.end)
                and not any(p.start <= a.cue.start and a.cue.end <= p.end for p in a.content_parts))

    def pronoun(a: Attribution) -> bool:
        held = a.source.text.casefold()
        return held in lexicon.PERSONAL_PRONOUNS or (NESTED_POSSESSIVE_HOLDERS and held in _NESTED_OTHER_HOLDERS)

    return [a for a in found if not (a.type == "belief" and a.source.kind != "author" and pronoun(a) and inside(a))]


# Whether an attribution whose source is a relative pronoun and whose content lies before it is dropped: the content is
# then the pronoun's own antecedent ("Trump’s comments, which came during an answer …", a cue the tagger found in
# "came"; "a man or woman, who said and did the same things"), no statement, when it is a noun phrase (session 44's
# audit; session 46: the only two such on PolNeAR dev + 150 train articles).
ANTECEDENT_CONTENTS = True


def _antecedent_content(a: Attribution, doc: "Document") -> bool:
    """Whether ``a``'s source is a relative pronoun and its content a noun phrase before it (:data:`ANTECEDENT_CONTENTS`;
    a clause before it — "That story was intriguing …, which tweeted Monday:" — stays)."""
    if a.source.text.lower() not in names.RELATIVE_PRONOUNS or a.content.end > a.source.start or a.continuation:
        return False
    span = doc.body.char_span(a.content.start, a.content.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.pos_ in ("NOUN", "PROPN", "PRON", "NUM")


# Whether a named source that coordinates names ("Trump and Clinton point out …", "Obama and Clinton call them …")
# credits each of them (Source.others), not only the first (session 44's audit: Clinton dropped from four statements).
COORDINATED_SOURCES = True
_NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _coordinated(a: Attribution, doc: "Document") -> Attribution:
    """``a`` with the further names of a coordinated named source in ``Source.others``: the conjuncts of the source's
    head (or of a name in apposition to it) that lie in its span and are names ("Clinton" of "Trump and Clinton"; not
    "the Obama administration", a description, nor "said and smiled", whose conjunct is a verb)."""
    source = a.source
    if source.kind not in ("named_person", "named_org") or not source.resolved or source.others:
        return a
    span = doc.body.char_span(source.start, source.end, alignment_mode="expand")
    if span is None or not len(span):
        return a
    head = span.root  # and a name in apposition to it: "The senators, Rubio and Cruz, argued"
    conjuncts, todo = [], [head, *(c for c in head.children if c.dep_ == "appos" and span.start <= c.i < span.end)]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "conj" and span.start <= c.i < span.end:
                conjuncts.append(c)
                todo.append(c)
    found = []
    for c in sorted(conjuncts, key=lambda t: t.i):
        if c.pos_ != "PROPN" or c.ent_type_ not in _NAME_TYPES or _inside_name(c) or any(
                (d.dep_ in ("amod", "nummod") or d.dep_ == "det" and d.lower_ != "the") and not d.ent_type_
                for d in c.children):
            continue  # "Friends" of "Fox & Friends"; "many more Latinos", a group
        member = _source_at(doc, c, *_subtree(c))
        name = member.resolved if member.kind in ("named_person", "named_org") else None
        if name and name != source.resolved and name not in found:
            found.append(name)
    return dataclasses.replace(a, source=dataclasses.replace(source, others=found)) if found else a


def _inside_name(tok: "Token") -> bool:
    """Whether ``tok`` continues a name that a coordinator inside it began ("Friends" of "Fox & Friends")."""
    doc, i = tok.doc, tok.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
        if doc[i].dep_ == "cc" or doc[i].text == "&":
            return True
    return False


# Whether a belief credited to "you" outside any quotation is dropped: the author's turn of phrase to the reader ("Just
# when you thought you had seen it all", "But is KFC really where you'd want to spend …?"), no one's view (session 43's
# audit found three in 30 reports); inside a quotation the "you" is the speaker's listener, and stays.
GENERIC_YOU = True


# Whether a direct quote whose content holds another direct quote's cue and quotation ("As reported by Mail Online, …,
# she said: “I was never a man …”") is typed indirect: the outlet reports that someone said the words, and the words are
# the inner speaker's quotation, counted once (session 37's audit counted the quotation twice).
RELAYED_QUOTES = True


def _relayed_quotes(found: list[Attribution], quoted: list[tuple[int, int]]) -> list[Attribution]:
    """``found`` (in cue order) with each relaying direct quote (:data:`RELAYED_QUOTES`) typed indirect: the inner
    cue must stand outside every quotation (in "“… whenever I asked, they said no …,” he said" the words are his)."""
    quotes = [b for b in found if b.type == "direct_quote"]
    starts = [b.cue.start for b in quotes]
    out = []
    for a in found:
        if a.type == "direct_quote":
            inside = quotes[bisect.bisect_left(starts, a.content.start):bisect.bisect_left(starts, a.content.end)]
            if any(b is not a and b.cue.end <= a.content.end and a.content.start <= b.content.start
                   and b.content.end <= a.content.end and quotations.containing(quoted, b.cue.start) is None
                   for b in inside):
                a = dataclasses.replace(a, type="indirect")
        out.append(a)
    return out


# --------------------------------------------------------------------------- what reads as a report but is not

# What "claim" takes when it means took or killed, not said: "the virus has claimed thousands of lives", "claimed the
# title" (session 34's audit); "claimed responsibility / victory / credit" stay statements.
CLAIMED_NOT_SAID = frozenset({"life", "victim", "casualty", "title", "medal", "trophy", "prize", "seat", "crown"})
# Verbs of asking someone questions: with a person as object ("the FBI has questioned a man who …") an act, not a
# statement; with a thing ("questioned the decision", "questioned whether …") a doubt voiced, which stays. Not
# "grill": PolNeAR marks "Warren grilled Wells Fargo CEO John Stumpf … for his role in …" (dev) as a statement.
QUESTIONING_VERBS = frozenset({"question", "interview", "interrogate"})
_PERSON_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "you"})

# Whether a capitalised "Said" that opens a person's name ("Brigadier General Said Al-Saudi … told Al Jazeera") is no
# cue (session 39's audit: "Brigadier Gerneral — Said — Al-Saudi, chief of …"); "Obama Said To …" keeps its verb.
GIVEN_NAME_SAID = True
# Whether :func:`_not_reports` applies (the report audit of session 30 found each of these in FNC-1 reports).
NOT_REPORTS = True
# Whom one calls for help, not to say anything: "had called medics", "had to call ambulance", "called police".
CALLED_FOR_HELP = frozenset({
    "ambulance", "ambulances", "medic", "medics", "paramedic", "paramedics", "police", "cop", "cops", "doctor",
    "doctors", "911", "999", "firefighter", "firefighters", "brigade", "help", "taxi", "cab", "security",
})
# Verbs whose passive with the author as subject ("we're told", "I was informed") credits someone unnamed.
TOLD_VERBS = frozenset({"tell", "inform", "brief", "assure"})
# Whether the same holds for anyone told: the subject of "The charity … were told he had been sold" is the one told, by
# someone unnamed (session 35's audit); PolNeAR marks such cues with no source ("Sanders had been told just before
# Tuesday's vote that …").
PASSIVE_TOLD = True


_UNCLEAR = re.compile(r"\b(?:unclear|not (?:yet |entirely |immediately )?clear)\b", re.I)


def _unclear(cue: str) -> bool:
    """Whether a cue says that something is unclear ("remains unclear", "was not immediately clear")."""
    return bool(_UNCLEAR.search(cue))


def _aside(verb: "Token") -> bool:
    """Whether the verb opens an aside set off by a comma ("You see, …", "you know,")."""
    nxt = verb.i + 1
    return nxt < len(verb.doc) and verb.doc[nxt].text == ","


# A line that opens with a label of a pasted link to another story ("MORE:", "STORY:", "READ MORE:", "RELATED:"):
# what follows is that story's headline, not this article's reporting (session 31's audit).
_LINK_LINE = re.compile(r"[ \t]*(?:more|read more|story|related|related story|see also|also read|read also|"
                        r"recommended|more on this)[ \t]*:", re.I)


# Whether a dummy "it" is no source (session 32): "It is hard to see if …" / "It remains to be seen whether …"
# report nothing, and "it's claimed that …" credits someone unnamed (the role tagger gave both "it" as their source).
DUMMY_IT = True
_FRAME_VERBS = frozenset({"be", "remain", "seem", "appear"})


def _dummy_it(doc: "Document", a: Attribution, head: "Token") -> str | None:
    """"frame" when the source is the dummy subject of a copula before an adjective or noun and the cue an
    infinitive ("It is hard to say", "It's too early to confirm", "It remains to be seen"); "passive" when it is the
    dummy subject of the cue's passive verb of saying or believing before a that-clause ("it's claimed that …");
    None otherwise."""
    if a.source.text.casefold() != "it":
        return None
    span = doc.body.char_span(a.source.start, a.source.end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return None
    it = span[0]
    if (it.dep_ in ("nsubj", "expl") and it.head.lemma_.lower() in _FRAME_VERBS and a.cue.text.lower().startswith("to ")
            and (any(c.dep_ in ("acomp", "attr") for c in it.head.children) or a.cue.text.lower() == "to be seen")):
        return "frame"
    if (it.dep_ in ("nsubj", "nsubjpass") and it.head.i == head.i
            and (it.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in head.children))
            and any(c.dep_ == "ccomp" for c in head.children)):  # the parse may read "’s claimed" as active
        return "passive"
    return None


# Whether the one named by a passive verb of naming is no source (session 33's audit): "Corporal Nathan Cirillo has been
# named locally as the soldier killed …", "Credido has also been identified as the creator of …", "Abdul-Rahman Kassig,
# also known as Peter" had made the named person a named source. PolNeAR marks such cues with the agent as the source
# ("named by police"), or none, and the one named inside the content ("One of the suspects … as Syed Farook").
NAMING_PASSIVES = True
NAMING_VERBS = frozenset({"identify", "name", "dub", "describe", "call", "label", "brand", "know", "declare", "nickname",
                          "bill", "portray", "depict", "list"})


def _naming_passive(doc: "Document", a: Attribution, head: "Token") -> Attribution | None:
    """``a`` put right when its cue is a passive verb of naming (:data:`NAMING_VERBS`) and its source is the one named
    or what they are named as: the source becomes the agent ("by the BBC"), else someone unstated; the content, the
    one named and what the verb's complement says of them, in two pieces. None when the rule does not apply."""
    if (head.lemma_.lower() not in NAMING_VERBS or head.tag_ != "VBN"
            or any(c.dep_ in ("dobj", "nsubj") for c in head.children)):  # "Clinton named “Madam Secretary” as …"
        return None
    body = doc.body
    if any(c.dep_ == "auxpass" for c in head.children):
        named = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if named is None:
            return None
        first, last = named.left_edge.i, named.right_edge.i
    elif head.dep_ == "acl" and head.head.i < head.i and head.head.dep_ != "ROOT":  # "Kassig, also known as Peter"
        # (a noun that is the sentence's root has lost its verb to the parse: "Clinton, for example, named …")
        named = head.head
        first, last = named.left_edge.i, head.left_edge.i - 1
    else:
        return None
    if last < first:
        return None
    named_chars = _span(body, first, last)
    agent = next((c for c in head.children if c.dep_ == "agent"), None)
    rest = []  # what the one named is named: "as the creator …", "the Loch Ness monster", "clinically dead"
    for c in head.children:
        if c.i > head.i and (c.dep_ in ("oprd", "xcomp", "attr", "acomp") or (c.dep_ == "prep" and c.lower_ == "as")):
            # a preposition in the cue ("named as", "known as") gives its object: "… as Peter"
            rest += [g for g in c.children if g.idx >= a.cue.end] if c.idx < a.cue.end else [c]
    if not rest:
        return None
    rest_chars = _span(body, rest[0].left_edge.i, rest[-1].right_edge.i)
    if a.source.text and not any(s < a.source.end and a.source.start < e for s, e in (named_chars, rest_chars)):
        return None  # the source is someone else: "police named him as …" is not passive, "named by police" keeps it
    by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    source = _source(doc, by) if by is not None else Source("", a.cue.start, a.cue.start, "anonymous")
    text = doc.body_text
    (s1, e1), (s2, e2) = sorted([named_chars, rest_chars])
    if e1 <= s1 or e2 <= s2 or e1 > a.cue.start or s2 < a.cue.end:
        return None  # empty, or not on either side of the cue
    return dataclasses.replace(a, type="indirect", source=source, content=Span(text[s1:e1], s1, e1),
                               continuation=[Span(text[s2:e2], s2, e2)])


# Whether the discourse marker "That said," opening a sentence is no report with "That" as its source (session 41,
# PolNeAR train).
THAT_SAID = True


def _not_reports(found: list[Attribution], doc: "Document") -> list[Attribution]:
    """Attributions the words make look like reports, put right: a call for help is no statement ("Ilic had
    called medics after …"), "time will tell" and "you see, …" name no source, the author who is told something
    ("we're also told that Wintour …") is not its source — someone unnamed is, so the source becomes unstated —
    and neither is the "it" of "it remains unclear whether …"."""
    if not NOT_REPORTS:
        return found
    text = doc.body_text
    out = []
    for a in found:
        if _LINK_LINE.match(text, text.rfind("\n", 0, a.cue.start) + 1):
            continue  # "MORE: ‘Homosexuals will die out …,’ claims Televangelist Pat Robertson": a pasted link
        if a.type == "direct_quote" and a.source.start <= a.content.start and a.content.end <= a.source.end:
            continue  # "The customer, identified only as “Conal,” told …": a quotation inside the source is not its words
        if CAPTION_LINES and a.cue.text == ":" and not a.continuation and _caption(doc, a.content):
            continue  # "Abdul Haq Wasiq: Served as the Taliban deputy minister of intelligence"
        if ACCORDING_TO_MANNER and a.cue.text.lower() == "according to" and _manner_source(doc, a.source):
            continue  # "according to its radical vision of Islam", however found
        if CONTACT_LINES and a.cue.text == ":" and _CONTACT.match(a.content.text):
            continue  # "Contact Katrease Stafford: kstafford@freepress.com or 313-223-4759": a reporter's footer
        if WRITES_FOR and _writes_for(doc, a):
            continue  # "he wrote for a variety of media organisations": whom he worked for, not what he said
        head = _cue_head(doc, a.cue)
        if head is not None and a.type == "direct_quote" and NAMING_PASSIVES:
            a = _naming_passive(doc, a, head) or a  # "identified only as “Conal”": a name in quotation marks
        if head is not None and a.type != "direct_quote":
            lemma = head.lemma_.lower()
            if GIVEN_NAME_SAID and head.text == "Said" and head.ent_iob_ == "B" and head.ent_type_ == "PERSON" and (
                    head.i + 1 < len(head.doc) and head.doc[head.i + 1].ent_iob_ == "I"):
                continue  # "Brigadier General Said Al-Saudi, chief of the civil defence agency, told …": a name
            if lemma == "call" and any(c.dep_ == "dobj" and c.lower_ in CALLED_FOR_HELP for c in head.children):
                continue
            if lemma == "tell" and a.source.text.casefold() == "time":
                continue
            if (THAT_SAID and lemma == "say" and a.source.text.casefold() == "that" and head.i + 1 < len(head.doc)
                    and head.doc[head.i + 1].text == "," and head.i - 1 == head.sent.start):
                continue  # "That said, Millennials say …": a discourse marker
            if INVERTED_SUBJECTS and head.dep_ in ("ccomp", "conj", "advcl") and _stolen_by(head):
                continue  # "“…,” said Ben Carson, asked about his claims …": Carson was asked; he asks nothing
            if lemma == "claim" and any(c.dep_ == "dobj" and _claimed_not_said(c) for c in head.children):
                continue  # "the virus has claimed thousands of lives"
            if lemma in QUESTIONING_VERBS and any(c.dep_ == "dobj" and _a_person(c) for c in head.children):
                continue  # "the FBI has questioned a man who says …": an act; the man's words are his own row
            if (lemma == "tell" and a.source.text.casefold() == "all"
                    and head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == ","):
                continue  # "All told, this statement strikes us as incorrect": "in all", not "all" telling
            if a.source.text.casefold() == "you" and lemma in ("see", "know") and _aside(head):
                continue  # "You see, he's really a nice old man": a turn of phrase, not someone's view
            if (a.source.kind == "author" and lemma == "see" and any(c.lower_ in ("will", "'ll", "’ll")
                                                                     for c in head.children)):
                continue  # "We'll see if this prompts …": the author's wait, not a belief
            if PURPOSE_NOT_REPORTS and _purpose_or_aside(head):
                continue  # "examining the audio to see if …", "Considering that …, it seems …", "which boasts 34 …"
            if REQUESTED_ACTS and _requested(head):
                continue  # "Earnest was asked to explain …", "urged his followers to consider joining …"
            if RHETORICAL_WHO and a.source.text.casefold() == "who" and _rhetorical(head, a.source):
                continue  # "who can entirely blame him?": the author's question, no one's statement
            # "It also remains unclear whether …": the author's doubt, credited to no one (not to the last thing
            # named, "Mosul"; PolNeAR marks such cues with no source); "we're told …": by someone unnamed
            told = (lemma in TOLD_VERBS and head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in head.children)
                    and not any(c.dep_ == "agent" for c in head.children)
                    and (a.source.kind == "author" or PASSIVE_TOLD))
            dummy = _dummy_it(doc, a, head) if DUMMY_IT else None
            if dummy == "frame":
                continue  # "It is hard to see if …", "It remains to be seen whether …": the author's own doubt
            if told or dummy == "passive" or (a.source.text.casefold() == "it" and _unclear(a.cue.text)):
                a = dataclasses.replace(a, source=Source("", a.cue.start, a.cue.start, "anonymous"))
            elif NAMING_PASSIVES:
                a = _naming_passive(doc, a, head) or a
            if CHECKED_REPORTS and lemma in _CHECKING_VERBS:
                a = _checked_report(doc, a, head) or a
        out.append(a)
    return out


# Whether "X is investigating reports that …" credits the reports, unnamed, with the clause, not X ("The World Health
# Organization is investigating reports that ISIS militants have contracted Ebola" showed a belief of the WHO; session
# 42's audit): the checker holds no view of what it checks.
CHECKED_REPORTS = True
_CHECKING_VERBS = frozenset({"investigate", "probe", "examine", "check", "verify", "study", "review", "look"})
_REPORT_NOUNS = frozenset({"report", "claim", "allegation", "rumor", "rumour"})


def _checked_report(doc: "Document", a: Attribution, head: "Token") -> Attribution | None:
    """``a`` credited to the unnamed reports its cue verb checks (:data:`CHECKED_REPORTS`), the noun as its cue, when
    the content is that noun's clause; else None."""
    objs = [c for c in head.children if c.dep_ == "dobj"]
    if head.lemma_.lower() == "look":
        objs = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "into" for g in c.children
                if g.dep_ == "pobj"]
    noun = next((o for o in objs if o.lemma_.lower() in _REPORT_NOUNS), None)
    if noun is None or noun.idx + len(noun) > a.content.start:
        return None
    cue = (noun.idx, noun.idx + len(noun))
    return dataclasses.replace(a, type="indirect", hedged=False, hedge_cues=[],
                               source=Source("", cue[0], cue[0], "anonymous"),
                               cue=Span(doc.body_text[cue[0]:cue[1]], *cue))


# Whether cue words that state a purpose or the author's reasoning, or that mean "has", are no report (session 38's
# audit): "engineers examining the audio to see if there was any dubbing", "People will now be watching to see if he
# attends", a sentence opening "Considering that …" / "Given that …", "the first-generation Watch, which boasts as
# many as 34 variants" (a thing's "boast" with an object and no clause).
PURPOSE_NOT_REPORTS = True
# Whether "who" that opens a question and stands for no one before it ("who can entirely blame him?") is no source.
RHETORICAL_WHO = True
_OPENING_PARTICIPLES = frozenset({"considering", "given"})


# Whether a cue that someone is asked or urged to perform is no one's statement or belief: "Josh Earnest was asked to
# explain U.S. support …" (he was asked; the explanation is not reported), "Matson urged his followers to consider
# joining the YPG" (the followers are to consider it; session 40's audit found both credited to the subject).
REQUESTED_ACTS = True
_REQUEST_VERBS = frozenset({"ask", "urge", "encourage", "invite", "implore", "beg", "press", "pressure", "push",
                            "exhort", "instruct", "order", "direct", "challenge", "dare", "tell", "call"})


def _requested(head: "Token") -> bool:
    """Whether the cue's head is the infinitive of a request (:data:`REQUESTED_ACTS`): the xcomp of a request verb
    that is passive ("was asked to explain") or names who is asked ("urged his followers to consider", "called on
    Sanders to release")."""
    if head.dep_ != "xcomp" or head.head.lemma_.lower() not in _REQUEST_VERBS:
        return False
    verb = head.head
    if verb.lemma_.lower() == "call":
        return any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in verb.children)
    return any(c.dep_ in ("auxpass", "dobj", "dative") and c.i < head.i for c in verb.children)


def _purpose_or_aside(head: "Token") -> bool:
    """Whether the cue's head is "to see if / whether", a sentence-opening "Considering" / "Given", or "boast" with
    an object and no clause (:data:`PURPOSE_NOT_REPORTS`)."""
    lemma = head.lemma_.lower()
    if lemma == "see" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) and any(
            g.dep_ == "mark" and g.lower_ in ("if", "whether") for c in head.children for g in c.children):
        return True
    if head.lower_ in _OPENING_PARTICIPLES and head.tag_ in ("VBG", "VBN"):
        first = _first_word(head.sent)
        if first is not None and first.i == head.i:
            return True
    return lemma == "boast" and any(c.dep_ == "dobj" for c in head.children) and not any(
        c.dep_ == "ccomp" for c in head.children)


def _first_word(sent: "SpacySpan") -> "Token | None":
    """A sentence's first token that is no punctuation or space (its opening quote marks and dashes skipped)."""
    return next((t for t in sent if not t.is_punct and not t.is_space), None)


def _rhetorical(head: "Token", source: Source) -> bool:
    """Whether the source "who" opens the cue's sentence and the sentence asks a question (:data:`RHETORICAL_WHO`)."""
    sent = head.sent
    first = _first_word(sent)
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in ("”", '"', "’", "'", ")")), None)
    return (first is not None and first.lower_ == "who" and first.idx == source.start and last is not None
            and last.text == "?")


def _claimed_not_said(obj: "Token") -> bool:
    """Whether the object of "claim" is one of :data:`CLAIMED_NOT_SAID`, or a number of them ("thousands of lives")."""
    if obj.lemma_.lower() in CLAIMED_NOT_SAID:
        return True
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(o.dep_ == "pobj" and o.lemma_.lower() in CLAIMED_NOT_SAID
                                                              for o in p.children) for p in obj.children) \
        and obj.lemma_.lower() not in ("responsibility", "credit")


_PERSON_HEADS = lexicon.ANONYMOUS_HEADS | names.PERSON_NOUNS  # PERSON_NOUNS holds the roles already


def _a_person(tok: "Token") -> bool:
    """Whether the noun ``tok`` is a person: a PERSON name, a personal pronoun, or a noun for a person or people."""
    return (tok.ent_type_ == "PERSON" or tok.lower_ in _PERSON_PRONOUNS
            or (tok.pos_ == "NOUN" and tok.lemma_.lower() in _PERSON_HEADS))


# --------------------------------------------------------------------------- negated attributions

# Verbs by which a source withholds what its complement would say: "declined to comment", "refused to confirm".
REFUSAL_VERBS = frozenset({"decline", "refuse"})
# Words by which a source is said not to manage what the cue would do: "was unable to verify", "failed to confirm".
INABILITY = frozenset({"unable", "fail"})
# Subjects that make the cue say that no one said or holds the content: "nobody said", "none of them believe".
NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "neither", "nothing"})
# "not only said …", "not just believes": the negation takes the adverb, not the cue
_NOT_NEGATING = lexicon.NOT_ONLY | {"simply"}


def _cue_head(doc: "Document", cue: Span) -> "Token | None":
    """The cue's syntactic head: its first token whose head lies outside the cue (the verb of "did not say")."""
    body = doc.body
    toks = list(body.char_span(cue.start, cue.end, alignment_mode="expand") or ())
    for t in toks:
        if t.head == t or not cue.start <= t.head.idx < cue.end:
            return t
    return toks[0] if toks else None


# Whether a subject opened by "neither" negates its cue ("Neither the U.S. Army nor the Pentagon would comment":
# session 40's audit read it as the Army commenting).
NEITHER_SUBJECTS = True


def _neither(subj: "Token") -> bool:
    """Whether ``subj`` is a subject opened by "neither" (:data:`NEITHER_SUBJECTS`)."""
    return NEITHER_SUBJECTS and subj.dep_ in ("nsubj", "nsubjpass") and any(
        g.dep_ == "preconj" and g.lower_ == "neither" for g in subj.children)


def negates(tok: "Token", depth: int = 0, content: tuple[tuple[int, int], ...] = ()) -> bool:
    """Whether the parse says the cue headed by ``tok`` is negated or refused: a negation on it ("did not say",
    "never said", "no comment"), "neither" before it or "nor" with it ("neither confirmed nor denied"), a negative
    subject or object ("no official has confirmed", "nobody said", "said nothing", "makes no mention of"), a refusal
    verb ("declined to comment", "refused to confirm"), "without saying", "no evidence to suggest", or an "or" that
    joins it to a negated cue ("did not confirm or deny"). A negation inside the content (character ranges ``content``: "said he would not
    run", "Shekau claims no ceasefire", "“Vice doesn't,” says a report") is the content's, not the cue's; "cannot
    stress this enough" asserts."""
    def outside(t: "Token") -> bool:
        return not any(s <= t.idx < e for s, e in content)

    if any(c.dep_ == "advmod" and c.lower_ == "enough" for c in tok.children):
        return False
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    for c in tok.children:
        if c.dep_ == "dobj" and c.lower_ == "nothing" and (outside(c) or any(s == c.idx for s, _ in content)):
            return True  # "said nothing about …", also when the content starts there
        if not outside(c):
            continue
        if c.dep_ == "neg" and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ in _NOT_NEGATING):
            return True
        if (c.dep_ == "preconj" and c.lower_ == "neither") or (c.dep_ == "cc" and c.lower_ == "nor"):
            return True
        if c.dep_ == "det" and c.lower_ == "no":  # "no comment"
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and len(subjects) == 1 and (
                c.lower_ in NEGATIVE_SUBJECTS or _has_no(c) or _neither(c)):
            return True  # "no official has confirmed", "Neither the Army nor the Pentagon would comment"
        if c.dep_ == "dobj" and _has_no(c):
            return True  # "gives no hint as to", "makes no mention of"
    if tok.lemma_.lower() in REFUSAL_VERBS or (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in REFUSAL_VERBS):
        return True
    if tok.lemma_.lower() in INABILITY or (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in INABILITY) \
            or any(c.dep_ == "acomp" and c.lower_ in INABILITY for c in tok.children):
        return True  # "was unable to verify", "failed to confirm"
    if tok.dep_ == "pcomp" and tok.head.lower_ == "without":
        return True
    if _yet_to(tok) or tok.dep_ == "xcomp" and _yet_to(tok.head):
        return True  # "Castro has yet to comment on …", "the company is yet to confirm"
    # "(has) no credible intelligence to suggest …", parsed either way
    if tok.dep_ == "acl" and _has_no(tok.head) or tok.dep_ == "xcomp" and any(
            c.dep_ == "dobj" and _has_no(c) for c in tok.head.children):
        return True
    if tok.dep_ == "conj" and depth < 3:
        ccs = {c.lower_ for c in itertools.chain(tok.head.children, tok.children) if c.dep_ == "cc"}
        return "nor" in ccs or ("or" in ccs and negates(tok.head, depth + 1, content))
    return False


def _yet_to(tok: "Token") -> bool:
    """Whether ``tok`` is the "has" / "is" of "has yet to <verb>": not (yet) done."""
    if tok.lemma_.lower() not in ("have", "be") or not any(c.dep_ == "advmod" and c.lower_ == "yet" for c in tok.children):
        return False
    return any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in tok.children)


def _has_no(tok: "Token") -> bool:
    """Whether ``tok`` has the determiner "no" ("no official", "no mention")."""
    return any(d.dep_ == "det" and d.lower_ == "no" for d in tok.children)


def _with_negation(found: list[Attribution], doc: "Document") -> list[Attribution]:
    """The attributions with ``negated`` set from the parse of their cue (:func:`negates`)."""
    out = []
    for a in found:
        head = _cue_head(doc, a.cue)
        content = tuple((p.start, p.end) for p in a.content_parts)
        silent = SILENCE_NEGATES and any(w in _SILENCE_WORDS for w in re.findall(r"[a-z-]+", a.cue.text.lower()))
        if silent and SILENT_NOUNS_SPEAK:
            run = _token_run(doc, a.cue)
            silent = run is None or any(t.lower_ in _SILENCE_WORDS and t.dep_ != "amod" for t in run)
        out.append(dataclasses.replace(a, negated=True)
                   if silent or (head is not None and negates(head, content=content)) else a)
    return out


# Whether a cue that says its source kept silent ("it has been mum about whether he survived", "has remained silent
# on") marks the attribution negated: the source said nothing (session 38's second audit).
SILENCE_NEGATES = True
_SILENCE_WORDS = frozenset({"mum", "silent", "tight-lipped"})  # not "silence": "broke his silence" speaks
# Whether a silence word that describes a noun of the cue leaves it a statement: "Her speech made a silent reference to
# her marriage" refers to it (session 42's audit: the row said the speech did NOT refer to it).
SILENT_NOUNS_SPEAK = True
