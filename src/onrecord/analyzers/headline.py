"""Headline claim: who holds what attitude about whom.

"Putin Confident Trump Can Navigate Ukraine Crisis" →
holder "Vladimir Putin" (headline word "Putin"), attitude "confident",
target "Donald Trump" (headline word "Trump"), content "Trump Can Navigate Ukraine Crisis".

Headlines are written in headlinese: copulas and "that" are dropped, words are
Title Cased, and the small parser often misreads them. So the analyzer finds
the attitude word from a lexicon (speech verbs, belief verbs and adjectives, verbs of public judgement),
then takes the holder from the dependency parse when the parse gives a subject
and otherwise from the noun phrase right before the attitude word. Five
headline shapes are recognised, tried in this order:

- ``HOLDER: CONTENT``                  ("Putin: Trump can fix relations", "Report: …")  → attitude "says", the
  colon its span; first, so that "Rubio: I Still Believe …" is Rubio's claim. The phrase before the colon must
  name a speaker (:func:`_speaker`): news puts topics there as often ("Hairgate: …", "Pure Evil: …")
- ``HOLDER ATTITUDE [that] CONTENT``   ("Merkel warns Greece could leave the euro"); a verb of public judgement
  needs no clause, its object is the content ("Warren blasts Trump over tax plan")
- ``CONTENT, HOLDER says``             ("Greece will stay, Merkel says"; also "…, says publicist")
- ``CONTENT: CREDIT``                  ("Apple Watch could use platinum: Report", "… — Reuters") → attitude "says";
  only a credit word (:data:`CREDITS`), a wire agency, a speaker word ("…: Family") or an organisation the NER
  tags ("…: Pentagon") ends a headline so — a person's name after a colon is more often the content ("Gunman
  identified: John Smith"); a credit word in brackets ("… [Report]"); and ``CONTENT, according to HOLDER`` (or
  "According to HOLDER, CONTENT") → attitude "according to"

- ``CONTENT`` hedged, credited to no one ("Apple reportedly buying Beats", "Apple may buy Beats", "Store said to
  open in Manhattan", "Boko Haram blamed for raids", "[Rumor] …") → no holder; the attitude is the hedge
  ("reportedly", "may", "said to", "blamed for", "rumor"), the content the statement (:func:`_hedged_statement`)

Measured against the attributions PolNeAR marks in its headlines: :mod:`onrecord.evaluation.headline` (the first
four shapes); the fifth on hand labels of news headlines: ``benchmarks/eval_headline_shape.py``.

Plain factual headlines ("Dam bursts in northern Italy") give all nulls.
Names resolve against the body's entities ("Putin" → "Vladimir Putin").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import names
from ..lexicon import (ACCUSATION_PASSIVES, BELIEF_ADJECTIVES, BELIEF_VERBS, CREDIT_WORDS, EVALUATION_VERBS,
                       HEARSAY_OPENERS, HEDGE_ADVERBS, HEDGE_MODALS, LOOKS_TO_BE, PERSONAL_PRONOUNS, RAISING_HEDGES,
                       REPORTATIVE_PARTICIPLES, RUMOUR_TAGS, SPEAKER_HEADS, SPEECH_VERBS, SUBORDINATORS,
                       UNVERIFIED_QUALIFIERS, WIRE_AGENCIES)
from ..report import HeadlineClaim, Span, headline_hedged, join_names, split_names

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ..nlp import Document

_HOLDER_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
# Words between an attitude word and its content that the content leaves out ("confident in …", "says: …"); a
# complementizer ("that", "whether") opens the content, as in PolNeAR and the body's attributions.
_SKIP_AFTER = {"about", ":", "of", "in", "on", ","}
# Speech verbs whose addressee may stand between them and the content ("tells voters she's with them").
_ADDRESSEE_VERBS = frozenset({"tell", "urge", "ask", "warn", "remind", "assure", "reassure", "inform", "promise"})
CREDITS = CREDIT_WORDS | WIRE_AGENCIES
_CREDIT_MARKS = {":", "—", "–", "-", "|", "--"}
# Who closes a headline after a colon or a spaced dash besides the credit words and wire agencies ("…: Family", "… —
# watchdog", "… - Somali government"); an organisation the NER tags does too ("…: Pentagon").
_CLOSING_CREDIT_HEADS = frozenset({"family", "government", "watchdog", "monitor", "ministry", "military", "army",
                                   "spokesman", "spokeswoman", "mp", "lawyer", "agent", "publicist", "relatives"})
# Words that may stand between a holder and an adjective attitude: copulas, modals, negation, a few adverbs and the
# hedging ones ("Putin May Be Confident …", "Trump Is Not Confident …", "Putin Reportedly Confident …").
_COPULA_AND_MODALS = frozenset({"is", "are", "was", "were", "be", "'s", "’s", "not", "n't", "still", "now", "very",
                                "increasingly", "been", "being", "may", "might", "could", "would", "should", "must",
                                "will", "can", "also", *HEDGE_ADVERBS})
# Section labels that open a headline before a colon or dash ("Breaking: …", "EXCLUSIVE – Stone: …"): no holder.
SECTION_LABELS = frozenset({"breaking", "exclusive", "watch", "video", "videos", "update", "updated", "latest",
                            "the latest", "analysis", "opinion", "op-ed", "editorial", "live", "bombshell",
                            "breaking news", "just in", "photos", "revealed", "explainer", "fact check",
                            "byline", "boom", "look", "wow", "must see", "must-see", "listen", "audio", "quiz"})
# Verbs that credit a clause to their subject. Not what a study or video "finds" or "shows": that is the author's
# report of a record, which the verdict cannot ask the body to put "on record" ("ISIS Video Shows Execution …").
_CLAIM_VERBS = SPEECH_VERBS | BELIEF_VERBS
# Speech verbs whose object, without a clause, is what was said ("Sanders Promises Action On Immigration", "Trump
# claims nomination", "Carson hints at shakeup"); only when the parse reads them as verbs. Not "report" ("Police
# report three arrests" is an event) nor "reveal" (its subject is mostly a record: "Leaked Documents Reveal …").
_OBJECT_SPEECH_VERBS = frozenset({"announce", "promise", "pledge", "vow", "claim", "explain", "admit", "deny",
                                  "confirm", "predict", "demand", "propose", "hint", "urge"})
# Last words of a column's or newsletter's name before a colon ("Delegate Update:", "Monday's Morning Email:").
_COLUMN_HEADS = frozenset({"update", "email", "briefing", "digest", "roundup", "newsletter", "podcast", "nerdcast",
                           "daily", "circle", "cheat sheet", "recap", "wrap", "memo"})
_APOSTROPHE = re.compile(r"(?<=\w)[’'](?=\w)")  # "Snyder’s": not a closing quotation mark
_LABEL_MARKS = {"—", "–", "-", "|"}
_OPEN_MARKS = "‘“'\""
_CLOSE_MARKS = "’”'\""
# Cue and content conventions read from PolNeAR's train headlines (session 19): the setting of a judgement
# ("Endorses Paul Ryan With Trump's Blessing"), a clause that says when or why ("… While Republicans Tweet
# Prayers"), an addressee before a colon ("Clinton to Planned Parenthood:"), the prepositions a cue takes.
_ADJUNCT_PREPOSITIONS = frozenset({"with", "after", "amid", "in", "during", "at", "before", "despite"})
_ADDRESS_PREPOSITIONS = frozenset({"to", "on", "about"})
_CUE_PREPOSITIONS = frozenset({"for", "on", "about", "of"})
_CUE_LEFT_DEPS = {"aux", "auxpass", "neg", "advmod"}
_DESIRE_VERBS = frozenset({"want", "seek"})
_QUANTITY_HEADS = frozenset({"half", "most", "many", "some", "all", "majority", "third", "quarter", "percent", "none"})
# Qualifiers that hedge a subject whatever its verb ("Unverified video shows …"); "possible", "apparent" and "probable"
# only a verbless claim ("Possible ISIS Chemical Attack On …"), not a description ("Possible suspect dies").
_UNVERIFIED = frozenset({"unverified", "unconfirmed"})
# A colon shape's holder: the words before the colon, nominal only ("Former AG Mukasey at RNC", "Clinton camp").
_HOLDER_POS = {"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART", "ADP", "CCONJ", "PUNCT", "X", "INTJ"}


def _attitude_word(tok: "Token") -> bool:
    if tok.ent_type_ in _HOLDER_ENTS or (tok.pos_ == "PROPN" and tok.text[:1].isupper()):
        return False  # part of a name the body writes with capitals: "Washington Post", "United States"
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if tok.pos_ in ("ADJ", "PROPN", "NOUN", "VERB", "AUX") and (low in BELIEF_ADJECTIVES or lemma in BELIEF_ADJECTIVES):
        return True
    if tok.pos_ in ("VERB", "PROPN", "NOUN", "AUX") and (lemma in _CLAIM_VERBS or low.rstrip("s") in _CLAIM_VERBS):
        # a noun reading ("report", "fears") only counts with a holder right before it
        return True
    return _evaluation_word(tok) or _desire(tok) or _identifies_as(tok)


# Whether "HOLDER identifies X as Y" credits the holder with the claim that X is Y ("Canadian official identifies dead
# Ottawa gunman as Michael Zehaf-Bibeau" was a plain statement; session 38's second audit); "Scientists identify gene"
# claims nothing.
IDENTIFIES_AS = True


def _identifies_as(tok: "Token") -> bool:
    """Whether ``tok`` is "identifies" with an object and an "as" phrase (:data:`IDENTIFIES_AS`)."""
    return (IDENTIFIES_AS and tok.lower_ in ("identify", "identifies") and tok.pos_ in ("VERB", "NOUN")
            and any(c.dep_ == "dobj" for c in tok.children)
            and any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children))


def _desire(tok: "Token") -> bool:
    """A verb of wanting with an object ("Philippine lawmaker wants Trump banned", "Republican seeks new Clinton
    inquiry"): an attitude credited to its subject, whose object is what is wanted."""
    return (tok.pos_ == "VERB" and tok.lemma_.lower() in _DESIRE_VERBS and not _passive(tok)
            and any(c.dep_ in ("dobj", "ccomp") for c in tok.children))


# Whether headlinese's bare passive of a transitive verb of saying, right before "over", "after" or "amid" with no
# object ("Texas Plumber Threatened Over Jihadis Using His Old Truck"), leaves its subject no claim (session 41's audit
# read the plumber as threatening the jihadis). Verbs used without an object before such words ("warned over",
# "argued over", "apologized after") keep theirs.
BARE_PASSIVES = True
_PASSIVE_PREPOSITIONS = frozenset({"over", "after", "amid"})
_INTRANSITIVE_SPEECH = frozenset({"warn", "argue", "complain", "speak", "apologize", "apologise", "joke", "protest",
                                  "quarrel", "clash", "talk", "testify", "comment", "respond", "react", "reply",
                                  "explain", "insist", "rage", "fume", "vow", "speculate", "worry"})


def _bare_passive_before_prep(tok: "Token") -> bool:
    """Whether ``tok`` is an "-ed" verb form right before a word of :data:`_PASSIVE_PREPOSITIONS`, with no object and no
    auxiliary of its own (:data:`BARE_PASSIVES`)."""
    doc = tok.doc
    return (tok.lower_.endswith("ed") and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in _PASSIVE_PREPOSITIONS
            and tok.lemma_.lower() not in _INTRANSITIVE_SPEECH
            and not any(c.dep_ in ("dobj", "aux", "ccomp") for c in tok.children))


def _passive(tok: "Token") -> bool:
    """A passive participle ("Cheese blamed for …", "… Led Zeppelin Called 'Rubbish'"): its subject is judged."""
    return (tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)) or any(
        c.dep_ == "auxpass" for c in tok.children)


def _subject_noun(tok: "Token") -> bool:
    """Whether an attitude word is read as a noun that is another verb's subject ("Islamic *State* May Have …",
    "Nomination *questions* are likely to …", "Trump *claims* were false"): a noun, not the holder's verb."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    named = any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for left in tok.lefts for t in left.subtree)
    if (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass") and nxt is not None
            and nxt.pos_ == "AUX" and (nxt.i == tok.head.i or nxt.head.i == tok.head.i)
            and not named and not _evaluation_word(tok)):
        return True  # right before its auxiliary, after no name ("Glenn Beck Fears May Be …" is Beck's fear)
    return (nxt is not None and tok.lower_.endswith("s") and tok.pos_ in ("NOUN", "PROPN", "VERB")
            and nxt.lower_ in ("are", "were", "have", "aren't", "weren't", "haven't"))


# Attitude words whose plural is a noun that can be a headline's subject ("Fears rise", "Hopes fade", "Doubts grow").
_PLURAL_ATTITUDE_NOUNS = frozenset({"fear", "hope", "concern", "worry", "doubt", "question", "warning", "suspicion",
                                    "rumor", "rumour", "claim", "belief", "expectation", "allegation"})


def _noun_before_verb(tok: "Token") -> bool:
    """Whether an attitude word in "-s" is the plural noun subject of the bare verb right after it ("Terrorism *fears*
    rise amid reports …", parsed as "fears" taking the clause "rise …"), not a verb whose clause has its own subject
    ("Glenn Beck fears Obama will seize guns")."""
    if not tok.lower_.endswith("s") or tok.lower_[:-1] not in _PLURAL_ATTITUDE_NOUNS or tok.i + 1 >= len(tok.doc):
        return False  # not "Nicaragua says meteorite …", "Carson says cut regulations …"
    nxt = tok.nbor(1)
    return (nxt.head.i == tok.i and nxt.dep_ in ("ccomp", "xcomp") and nxt.tag_ in ("VB", "VBP")
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "mark") for c in nxt.children))


def _revealed(tok: "Token") -> bool:
    """Headlinese's bare passive before a colon ("Mystery woman behind … *revealed*: Former pornstar …", "Identity of
    thief *revealed*: …"): the subject is what is revealed, not who reveals it. Headlines give the active voice in the
    present ("Obama reveals: …"), so a form in "-ed" there is the passive whatever tense the tagger reads."""
    return (tok.tag_ in ("VBN", "VBD") and tok.lower_.endswith("ed") and tok.i + 1 < len(tok.doc)
            and tok.nbor(1).text == ":"
            and not any(c.dep_ in ("aux", "auxpass", "agent", "dobj") for c in tok.children))


# Verbs by which someone declares its subject something: in a headline's "-ed" form they are passives.
_DECLARING = frozenset({"declare", "deem", "rule", "brand", "label", "dub", "pronounce", "proclaim"})


def _declared(tok: "Token") -> bool:
    """Headlinese's bare passive of a verb of declaring ("Snowmen *Declared* Anti-Islamic", "Bill *Deemed*
    Unconstitutional"): the subject is what is declared something, not who declares it (the active voice comes in the
    present, "Cleric Declares Snowmen Anti-Islamic"); not with an auxiliary, a clause or a "that"."""
    return (tok.lemma_.lower() in _DECLARING and tok.lower_.endswith("ed") and tok.i > 0
            and not any(c.dep_ in ("aux", "auxpass", "mark") or (c.dep_ == "ccomp" and (
                c.pos_ in ("VERB", "AUX") or any(g.dep_ in ("nsubj", "mark") for g in c.children)))
                        for c in tok.children))


def _reduced_reportative(tok: "Token") -> bool:
    """Headlinese's reporting passive without "to be" ("Foley executioner *said* identified as British rapper",
    "Al-Shabab leader *believed* killed in US drone attack"): a participle of :data:`REPORTATIVE_PARTICIPLES` right
    before another past participle, with no auxiliary, agent or object of its own — the subject is reported on."""
    if tok.lower_ not in REPORTATIVE_PARTICIPLES or tok.tag_ not in ("VBD", "VBN") or tok.i + 1 >= len(tok.doc):
        return False
    nxt = tok.nbor(1)
    return (nxt.tag_ == "VBN" and nxt.head.i == tok.i and not any(
        c.dep_ in ("aux", "auxpass", "agent", "dobj", "ccomp", "nsubjpass") for c in tok.children if c.i != nxt.i)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in nxt.children))


def _naming(tok: "Token") -> bool:
    """Naming: the verb "call" with an object and what it is called ("Sanders calls Clinton unqualified", "State
    calls 22 emails 'top secret'"); not a phone call ("Obama calls Merkel") nor "call off", "call for"."""
    doc = tok.doc
    if tok.lemma_.lower() != "call" or any(c.dep_ == "prt" for c in tok.children) or tok.i + 1 >= len(doc) or _passive(tok):
        return False
    end = next((k for k in range(tok.i + 1, len(doc)) if _goes_on(doc, k) or doc[k].text in (":", ";")), len(doc))
    if any(c.dep_ in ("oprd", "ccomp") and c.i < end for c in tok.children) or any(
            t.text in _OPEN_MARKS for t in doc[tok.i + 1:end]):
        return True  # the small parser's readings of "calls Clinton unqualified", "calls … ‘stupid’"
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None or obj.right_edge.i + 1 >= end:
        return False
    after = doc[obj.right_edge.i + 1]
    return not after.is_punct and after.pos_ not in ("ADP", "CCONJ", "SCONJ")


def _evaluation_word(tok: "Token") -> bool:
    """A verb of public judgement ("blasts", "praises"): its object is the content, no clause needed. A verb
    reading, or a finite form of one in headlinese order — after a name or noun, before more words — which the
    small parser often tags as a noun ("Biden … trashes Trump"); a bare noun reading ("attacks", "support") is
    not one."""
    doc = tok.doc
    if tok.ent_type_ or tok.i == 0 or tok.i + 1 >= len(doc) or (doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_):
        return False  # "Ad-Supported"
    if _passive(tok):
        return False  # "Cheese blamed for …", "Vickers Hailed As Hero": the subject is judged, not judging
    nxt = doc[tok.i + 1]
    if nxt.lower_ in ("as", "by") or ACCUSATION_PASSIVES.get(tok.lower_) == nxt.lower_:
        return False  # "Vickers Hailed As Hero", "Cheese blamed by …", "Boko Haram blamed for …": the passive idiom
    if tok.pos_ == "VERB":
        return tok.lemma_.lower() in EVALUATION_VERBS
    if not (doc[tok.i - 1].pos_ in ("PROPN", "NOUN", "PRON") and doc[tok.i - 1].tag_ != "POS" and not nxt.is_punct):
        return False
    if tok.lower_ in EVALUATION_VERBS:  # a bare form after a plural subject ("experts rebuke Trump proposal")
        return doc[tok.i - 1].tag_ in ("NNS", "NNPS") and nxt.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PRON", "NUM")
    return _finite_form(tok.lower_) and nxt.pos_ != "AUX" and nxt.tag_ not in ("VBN", "VBD", "MD")


def _finite_form(word: str) -> bool:
    """Whether ``word`` is a present or past form of an evaluation verb ("blasts", "trashes", "praised")."""
    for suffix, add in (("ies", "y"), ("es", ""), ("es", "e"), ("s", ""), ("ed", ""), ("ed", "e"), ("d", "")):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] + add in EVALUATION_VERBS:
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
    while i >= 0 and hd[i].lower_ in _COPULA_AND_MODALS:
        i -= 1
    if i < 0:
        return None
    for ent in hd.ents:
        if ent.start <= i < ent.end and ent.label_ in _HOLDER_ENTS:
            return hd[ent.start:i + 1] if hd[i].tag_ != "POS" else hd[ent.start:i]
    for chunk in hd.noun_chunks:
        if chunk.start <= i < chunk.end:
            return hd[chunk.start:i + 1]
    if hd[i].pos_ in ("PROPN", "NOUN", "PRON") or (hd[i].dep_ == "nsubj" and hd[i].lower_ in _SPEAKERS):
        j = i  # a speaker word the parse tags as an adjective counts too ("…, official says")
        while j - 1 >= 0 and hd[j - 1].pos_ in ("PROPN", "NOUN") and hd[j - 1].tag_ != "POS":
            j -= 1
        return hd[j:i + 1]
    return None


# Whether a claim verb conjoined to earlier verbs takes their subject ("Catholic Priest Dies for 48 Minutes, Comes Back
# to Life and Claims God Is Female" credited the claim to no one; session 42's audit).
CONJOINED_HOLDERS = True


def _conjoined_subject(tok: "Token") -> "Token | None":
    """The subject of the headline's main verb when ``tok`` is conjoined to it and every verb between has none."""
    head = tok.head
    for _ in range(4):
        subj = _subject(head)
        if subj is not None or head.dep_ != "conj" or head.head.i == head.i:
            return subj if head.pos_ in ("VERB", "AUX") and head.dep_ == "ROOT" else None  # not "after she … and demanded"
        head = head.head
    return None


def _subject(tok: "Token") -> "Token | None":
    """The verb's subject; of two the parse gives it ("ISIS Border Crisis: DHS Chief Says …"), the one nearest
    before it."""
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    before = [c for c in subjects if c.i < tok.i]
    return before[-1] if before else (subjects[0] if subjects else None)


# Whether a NORP name that only modifies the proper noun after it is read as that whole name ("Islamic State", not
# "Islamic"), and one that qualifies a common noun ("anti-Islamic" of snowmen) is no target (session 43's audit).
NORP_MODIFIERS = True


def _target(doc: "Document", start_tok: int, end_tok: int) -> "SpacySpan | None":
    """Who the content is about: the first named PERSON/ORG/GPE/NORP, else the first noun phrase."""
    hd = doc.headline
    for ent in hd.ents:
        if ent.start >= start_tok and ent.end <= end_tok and ent.label_ in _HOLDER_ENTS:
            if NORP_MODIFIERS and ent.label_ == "NORP" and ent.root.dep_ in ("amod", "compound"):
                head = ent.root.head
                if not (head.pos_ == "PROPN" and ent.end <= head.i < end_tok
                        and all(t.pos_ == "PROPN" for t in hd[ent.end:head.i + 1])):
                    continue  # "snowmen as anti-Islamic", "Russian troops": a quality, not whom the claim is about
                return hd[ent.start:head.i + 1]  # "Islamic State", "Christian Bale"
            return ent
    for chunk in hd.noun_chunks:
        if chunk.start >= start_tok and chunk.end <= end_tok:
            return chunk
    return None


def _content_chars(doc: "Document", start: int, end: int) -> Span:
    """The content's span: :func:`_char_span`, except that a quotation keeps its marks ("Rubio: ‘You Don’t Win.’"
    → ‘You Don’t Win.’), as PolNeAR's annotators and the body's direct quotes do."""
    text = doc.headline_text
    span = _char_span(doc, start, end)
    a, b = span.start, span.end
    while b > a and text[b - 1] in ";":  # "Trump says he's riding momentum;" (a dropped continuation)
        b -= 1
        span = _char_span(doc, a, b)
        a, b = span.start, span.end
    if b <= a:
        return span
    tail = text[b:end]
    k = 0
    while k < len(tail) and tail[k] in ".,!?…":
        k += 1
    if k < len(tail) and tail[k] in _CLOSE_MARKS and any(c in _OPEN_MARKS for c in text[start:b]):
        b += k + 1
    if a > start and text[a - 1] in _OPEN_MARKS and any(c in _CLOSE_MARKS for c in text[a:b]):
        a -= 1  # "‘No Idea’ If I Would …": the quotation opens the content
    return Span(text[a:b], a, b)


def _resolved_holder(doc: "Document", text: str) -> str:
    """The holder's name as the body gives it in full ("Putin" → "Vladimir Putin"); names joined by "and" or commas
    each so ("Netanyahu and Obama" → "Benjamin Netanyahu and Barack Obama"; "Johnson & Johnson" is one name)."""
    whole = names.resolve(doc, text) or text
    if not COORDINATED_SUBJECT_HOLDERS:
        return whole
    parts = split_names(text)
    resolved = [names.resolve(doc, p) for p in parts]
    if len(parts) < 2 or not all(resolved) or len(set(resolved)) < len(resolved):
        return whole  # one name, or names that are one ("Johnson and Johnson")
    return join_names(resolved)  # type: ignore[arg-type]


def _claim(doc: "Document", holder: "SpacySpan", attitude: str, attitude_span: Span | None,
           content_start: int, content_end: int) -> HeadlineClaim:
    hd = doc.headline
    content_start_char = hd[content_start].idx if content_start < len(hd) else len(doc.headline_text)
    content_end_char = hd[content_end - 1].idx + len(hd[content_end - 1]) if content_end > content_start else content_start_char
    content = _content_chars(doc, content_start_char, content_end_char) if content_end > content_start else None
    holder_span = _char_span(doc, holder.start_char, holder.end_char)
    tgt = _target(doc, content_start, content_end)
    target_span = _char_span(doc, tgt.start_char, tgt.end_char) if tgt is not None else None
    return HeadlineClaim(
        holder=_resolved_holder(doc, holder_span.text),
        attitude=attitude,
        target=(names.resolve(doc, target_span.text) or target_span.text) if target_span else None,
        content=content.text if content else None,
        holder_span=holder_span,
        attitude_span=attitude_span,
        target_span=target_span,
        content_span=content,
    )


def _mark_span(doc: "Document", tok: "Token") -> Span:
    """A colon's or dash's own span: the attitude's evidence in "X: …" and "… — Reuters" (PolNeAR's cue there)."""
    return Span(tok.text, tok.idx, tok.idx + len(tok))


def _label_end(hd: "object") -> int:
    """The first token after a section label that opens the headline ("The Latest:", "EXCLUSIVE –"), else 0."""
    for tok in hd[:4]:  # type: ignore[index]
        if tok.text == ":" or tok.text in _LABEL_MARKS:
            label = hd[:tok.i].text.lower().strip()  # type: ignore[index]
            return tok.i + 1 if label in SECTION_LABELS else 0
    return 0


def _colon_holder(doc: "Document") -> tuple["SpacySpan", "Token"] | None:
    """Shape 2's holder and colon: a nominal phrase opening the headline (after any section label) and ending at a
    colon within its first words ("Lynch: …", "Former AG Mukasey at RNC: …", "Report: …") that names a speaker
    (:func:`_speaker`), so that "Gunman identified: …", "Port strike ends: …" and "Pure Evil: …" stay plain."""
    hd = doc.headline
    start = _label_end(hd)
    for tok in hd[start:start + 8]:
        if tok.text != ":":
            continue
        holder = hd[start:tok.i]
        text = _APOSTROPHE.sub("", holder.text)
        if sum(text.count(m) for m in "‘“") > sum(text.count(m) for m in "’”") or text.count('"') % 2:
            return None  # the colon of a quoted title ("‘Batman V Superman: Dawn Of Justice’")
        if QUOTED_TOPICS and _quoted_whole(holder.text):
            return None  # "‘Jihadi John’: The Islamic State killer … is a young Londoner": a nickname, the topic
        if (len(holder) == 0 or holder.text.lower() in SECTION_LABELS or holder[-1].lower_ in _COLUMN_HEADS
                or doc.headline_text.rstrip(" .").endswith("?")):  # a question after a colon claims nothing
            return None
        words = [t for t in holder if not t.is_punct]
        if not words or any(t.pos_ not in _HOLDER_POS for t in holder) or not _speaker(doc, holder, words[-1]):
            return None
        prep = next((t for t in holder[1:] if t.lower_ in _ADDRESS_PREPOSITIONS), None)
        if prep is not None and _speaker(doc, hd[start:prep.i], hd[prep.i - 1]):
            holder = hd[start:prep.i]  # "Clinton to Planned Parenthood:", "CNN President On Trump:": the speaker
        if TOPIC_LABELS and words[-1].ent_type_ == "PERSON" and _described(hd[tok.i + 1:]):
            return None  # "Luke Somers: British-born photojournalist 'killed by al-Qaeda …'": the person is the topic
        if SPEAKING_RESTS and _opens_with_speaker(hd[tok.i + 1:]):
            return None  # "Bergdahl: Senator Says Jihadists …": the senator speaks; the name is the topic
        return holder, tok
    return None


# Whether a phrase before a colon that is all in quote marks is the topic, not a speaker: a nickname or a coined label
# ("‘Jihadi John’: The Islamic State killer behind the mask is a young Londoner" read as Jihadi John's claim, which the
# body then "never quotes"; session 57's audit). Speakers are named, not quoted.
QUOTED_TOPICS = True
_QUOTED_WHOLE = re.compile(r"^\s*[‘“'\"].*[’”'\"]\s*$")


def _quoted_whole(text: str) -> bool:
    """Whether ``text`` opens with a quote mark and ends with one (:data:`QUOTED_TOPICS`)."""
    return len(text.strip()) > 2 and _QUOTED_WHOLE.match(text) is not None


# Whether only a singular person noun describes the person before a colon ("Pat Caddell: Democrat Voters Worried …" is
# Caddell's claim; session 44).
SINGULAR_DESCRIPTIONS = True
# Whether a person's name before a colon is the topic, not the speaker, when what follows opens by describing a person
# ("Luke Somers: British-born photojournalist 'killed by al-Qaeda …'", "Mohammed Emwazi: Man identified as 'Jihadi
# John' was 'stopped by MI5'"): headline style for "X, a …, was …" (session 39's audit). "Obama: Economy is growing",
# "Rubio: I still believe …" and "Police: Man arrested …" (no person's name) keep their speaker.
TOPIC_LABELS = True
_PERSON_NOUNS = names.PERSON_NOUNS | frozenset({
    "teen", "teenager", "child", "photojournalist", "photographer", "suspect", "singer", "rapper", "nurse", "priest",
    "grandmother", "grandfather", "player", "millionaire", "executioner", "cleric"})


# Whether the phrase before a colon is a topic when what follows opens with its own speaker and speech verb
# ("Bergdahl: Senator Says Jihadists Swapped For U.S. Troop ‘In Touch’ …" credited the senator's claim to Bergdahl;
# session 41's audit).
SPEAKING_RESTS = True


def _opens_with_speaker(rest: "SpacySpan") -> bool:
    """Whether ``rest`` opens with a person as the subject of a finite verb of saying or believing ("Senator Says
    …"), not a thing ("Attorney: New audio reveals …")."""
    verb = next((t for t in rest if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.lemma_.lower() not in _CLAIM_VERBS:
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (subj is not None and subj.left_edge.i == rest.start and verb.tag_ in ("VBZ", "VBP", "VBD")
            and (subj.ent_type_ == "PERSON" or subj.lemma_.lower() in _PERSON_NOUNS))


def _described(rest: "SpacySpan") -> bool:
    """Whether ``rest`` (a headline after its colon) opens with a bare noun phrase that describes a person: no
    determiner, then modifiers and a person noun ("British-born photojournalist", "Man identified as …")."""
    for t in rest:
        if (t.pos_ in ("ADJ", "PUNCT") or (t.pos_ == "PROPN" and (t.dep_ in ("compound", "amod") or t.ent_type_ in (
                "NORP", "GPE"))) or "-" in t.text
                or (t.i > 0 and t.doc[t.i - 1].text == "-")):  # "British-born"
            continue
        # one person described ("photojournalist", "Man identified as …"), not a group ("Democrat Voters Worried …",
        # what "Pat Caddell:" says of them; session 44's audit)
        return t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in _PERSON_NOUNS and not (
            SINGULAR_DESCRIPTIONS and t.tag_ in ("NNS", "NNPS"))
    return False


# Institutions and witnesses that speak before a headline's colon ("Hospital: Man not being treated …",
# "Eyewitness: …"); headline-only, as a body line opening "School:" is more often a caption label.
_SPEAKERS = SPEAKER_HEADS | frozenset({"hospital", "eyewitness", "coroner", "company", "firm", "agency",
                                       "university", "school", "church"})


def _speaker(doc: "Document", holder: "SpacySpan", last: "Token") -> bool:
    """Whether a phrase before a colon names someone who can speak — a person, an organisation or group, a role or a
    credit ("Lynch", "Clinton camp", "Former AG Mukasey at RNC", "Poll") — rather than a topic ("Pure Evil",
    "Hairgate", "280 Pound Catfish", "Star Wars"), which news headlines put before a colon just as often."""
    if last.lower_ in _SPEAKERS or last.lemma_.lower() in _SPEAKERS or last.lower_.rstrip(".") in _SPEAKERS:
        return True
    letters = [c for c in holder.text if c.isalpha()]
    if len(letters) > 4 and all(c.isupper() for c in letters) and not doc.headline_text.isupper():
        # words in capitals: a tabloid label ("HORROR: …", "URGENT: …") unless the body names them ("TRUMP: …");
        # the small NER's reading of capitals is no evidence (it tags "HORROR" a person). Short ones are acronyms.
        return any(names.in_body_name(doc, t.lower_) for t in holder if t.is_alpha)
    if last.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    return doc.headline_text[last.idx].isupper() and names.in_body_name(doc, last.lower_)


def _cue_end(hd: "object", tok: "Token", only: frozenset[str] | None = None) -> int:
    """The token after a verb's cue: the verb with the particles and the preposition that introduce its object
    ("swipes at", "comes out against"); for other attitude words only the prepositions in ``only`` ("calls for",
    "worried about": not the "in" of "said in 2015" nor the "to" of "responded to", which PolNeAR leaves out)."""
    k = tok.i + 1
    while k < len(hd) and hd[k].dep_ in ("prt", "prep") and hd[k].head.i in (tok.i, k - 1) and hd[k].pos_ == "ADP" and (  # type: ignore[index, arg-type]
            only is None or hd[k].lower_ in only):  # type: ignore[index]
        k += 1
    return k


def _cue_start(hd: "object", tok: "Token") -> int:
    """The first token of a verb's cue: the verb with the auxiliaries, negation, infinitive "to" and adverbs
    that stand just before it and depend on it ("May Not Have Suggested", "Just Announced", "to endorse"), as
    PolNeAR's annotators mark cues in headlines and bodies alike."""
    k = tok.i
    if _is_adjective(tok):  # "May Be Confident", "Is Not Confident": the copula and its modals are the cue's
        while k > 0 and hd[k - 1].lower_ in _COPULA_AND_MODALS:  # type: ignore[index]
            k -= 1
        return k
    while k > 0:
        prev = hd[k - 1]  # type: ignore[index]
        if (prev.head.i != tok.i or prev.dep_ not in _CUE_LEFT_DEPS or (prev.dep_ == "advmod" and prev.pos_ != "ADV")
                or prev.text[0] in "'’"):  # not a clitic ("as it's claimed")
            break
        k -= 1
    return k


def analyze(doc: "Document") -> HeadlineClaim:
    hd = doc.headline
    if len(hd) < 3:
        return HeadlineClaim()

    # Shape 2 first: HOLDER: CONTENT (the outer attribution of "Rubio: I Still Believe Trump …")
    colon = _colon_holder(doc)
    if colon is not None:
        holder, tok = colon
        return _claim(doc, holder, "says", _mark_span(doc, tok), tok.i + 1, len(hd))

    # Shapes 3 and 4 next: a closing holder or credit frames what comes before it (the outer attribution of
    # "Sanders will back Clinton, eventually, former rival says")
    closing = (_closing_holder(doc) or _closing_credit(doc) or _according_to(doc) or _inverted_closing_holder(doc)
               or _bracket_credit(doc))
    if closing is not None:
        return closing

    # Shape 1: HOLDER ATTITUDE [that] CONTENT
    for tok in hd:
        if tok.i == 0 or not _attitude_word(tok) or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            continue  # not a word of a condition: "If you really believed …, here's a reality check"
        if _subject_noun(tok):
            continue  # "Islamic State May Have …", "Nomination questions are likely …": a noun, the verb's subject
        if _reduced_reportative(tok):
            continue  # "Foley executioner said identified as …": reported of the subject, not by it
        if _noun_before_verb(tok) or _revealed(tok) or _declared(tok):
            continue  # "Terrorism fears rise …": the fears rise; "Mystery woman … revealed: …": she is revealed
        if _reportative(tok):
            continue  # "Store said to open …": someone unnamed says it of the store, which says nothing
        if tok.lemma_.lower() in _ADDRESSEE_VERBS - {"promise"} and tok.i + 1 < len(hd) and hd[tok.i + 1].lower_ == "to":
            continue  # "Developers told to limit features", "Residents urged to leave": the subject is told, not telling
        if BARE_PASSIVES and _bare_passive_before_prep(tok):
            continue  # "Texas Plumber Threatened Over Jihadis Using His Old Truck": the plumber is threatened
        reported = _reported_by(tok)  # "Putin said to be confident …": Putin's attitude, as others report it
        holder: SpacySpan | None = None
        subj = _subject(reported if reported is not None else tok)
        if (subj is None and CONJOINED_HOLDERS and reported is None and tok.dep_ == "conj" and tok.pos_ == "VERB"
                and tok.lemma_.lower() in (_CLAIM_VERBS | EVALUATION_VERBS)):
            subj = _conjoined_subject(tok)  # "Catholic Priest Dies …, Comes Back to Life and Claims God Is Female"
        if subj is not None and subj.i < tok.i:
            holder = hd[subj.left_edge.i:subj.i + 1]
            last = _last_conjunct(subj, tok.i) if COORDINATED_SUBJECT_HOLDERS else None
            if last is not None:
                holder = hd[subj.left_edge.i:last.i + 1]  # "Obama and Clinton say …": both hold the claim
            of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" and c.right_edge.i < tok.i), None)
            if of is not None and all(t.like_num or t.text == "%" or t.lower_ in _QUANTITY_HEADS for t in holder):
                holder = hd[subj.left_edge.i:of.right_edge.i + 1]  # "10% of consumers", "Half of voters", "Most of them"
        if holder is None or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in holder):
            holder = _holder_before(doc, tok)
        if (MODEL_NUMBER_HOLDERS and holder is not None and holder.start > 0 and holder[0].like_num
                and hd[holder.start - 1].pos_ in ("PROPN", "NOUN")):
            holder = hd[holder.start - 1:holder.end]  # "#HairGate: iPhone 6 Customers Are Complaining …"
        if holder is None or holder[-1].lower_ in ("who", "that", "which") and not _is_who(doc, holder[-1]):
            continue  # a relative clause's pronoun speaks for no one the report can name
        if all(t.pos_ in ("DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT") for t in holder):
            continue  # "… the report, but …": a determiner alone names no one
        if tok.tag_ in ("NN", "NNP") and all(t.head.i == tok.i and t.dep_ in ("amod", "compound") and t.pos_ != "PROPN"
                                             and t.ent_type_ not in ("PERSON", "ORG") for t in holder) and not (
                _evaluation_word(tok)):  # "Economists rebuke Brandt proposal" is headlinese's verb
            continue  # a singular noun's own modifiers hold nothing: "Islamic State Attempting to …", "key state"
        evaluation = _evaluation_word(tok) and not _is_adjective(tok)
        if (not evaluation and tok.pos_ == "VERB" and tok.lemma_.lower() in _OBJECT_SPEECH_VERBS
                and not _has_clause(tok, hd[tok.i + 1:])):  # "ISIS Claims It Kidnapped …" keeps its clause
            evaluation = True
        if not evaluation and (_desire(tok) or _naming(tok) or _identifies_as(tok)):
            evaluation = True  # "Pastor Wants Girl Scout Leaders …", "Biden calls Trump risk to U.S. safety"
        cue_end = _cue_end(hd, tok, None if evaluation else _CUE_PREPOSITIONS)
        k = cue_end
        while k < len(hd) and hd[k].lower_ in _SKIP_AFTER:
            k += 1
        rest = hd[k:]
        if not any(not t.is_punct for t in rest) or not (_is_adjective(tok) or evaluation or _has_clause(tok, rest)):
            continue  # "Police call off search", "Police report three arrests": no reported claim
        if tok.lemma_.lower() in _ADDRESSEE_VERBS:
            k = _after_addressee(hd, tok, k)
        cue_start = _cue_start(hd, tok)
        attitude = _attitude(hd, tok, cue_start)
        if reported is not None:
            cue_start = reported.i
            attitude = f"{reported.lower_} to {'be ' if _is_adjective(tok) else ''}{attitude}"
        att_span = _char_span(doc, hd[cue_start].idx, hd[cue_end - 1].idx + len(hd[cue_end - 1]))
        end = _object_end(hd, k, tok, _evaluation_word(tok)) if evaluation else _content_end(hd, k, tok)
        return _claim(doc, holder, attitude, att_span, k, end)

    # Shape 5 last: a statement the headline hedges and credits to no one ("Apple reportedly buying Beats")
    return _hedged_statement(doc) or HeadlineClaim()


# Dependencies that put a word outside the headline's main claim: a relative or adverbial clause ("the doctor it
# *could* have been"), a condition, a prepositional object, a clausal subject, a modifier inside a noun phrase ("FBI
# handed *potentially* damning tape").
_SUBORDINATE_DEPS = frozenset({"relcl", "advcl", "pcomp", "pobj", "csubj", "csubjpass", "mark", "prep", "appos",
                               "amod", "compound", "nmod", "poss"})
# Words that open a subordinate clause which the small parser may still read as the headline's main one ("… Wanted
# Marriage *So* She Could Display …"); with a pronoun subject right after a noun, a contact relative clause ("the
# digital doctor *it* could have been").
_CLAUSE_OPENERS = SUBORDINATORS | {"so", "that", "which", "who", "whom", "whose", "if", "unless", "whether", "where"}


def _hedged_statement(doc: "Document") -> HeadlineClaim | None:
    """Shape 5, a statement the headline hedges without crediting anyone: its main claim carries a modal of
    possibility ("Apple *may* buy Beats"), a hedging adverb ("Amazon *reportedly* launching …", "Apple *likely* to
    …"), a reporting passive whose agent it does not name ("Store *said to* open in Manhattan"), a raising verb
    ("Reporter *appeared to* be …"), an accusation with no accuser ("Boko Haram *blamed for* raids") or a rumour
    tag ("[Rumor] …"). The claim has no holder; its attitude is the hedge ("may", "reportedly", "said to", "appears
    to", "blamed for", "rumor"), its content the clause from the subject on, its target the clause's first name or
    noun phrase. A hedge inside a quotation, a subordinate clause or a question, or in the answer to one ("…?
    Probably not"), is not the headline's own."""
    hd = doc.headline
    first = _label_end(hd)
    quoted = _quoted_tokens(hd)
    for tok in hd[first:]:
        if tok.i in quoted:
            continue
        label = tok.lower_ in RUMOUR_TAGS and _label_word(hd, first, tok)
        if tok.lower_ in RUMOUR_TAGS and (_tag(hd, tok) or label):
            span = Span(tok.text, tok.idx, tok.idx + len(tok))
            if tok.i > first + 1 and all(t.is_punct for t in hd[tok.i + 1:]):  # "…: Rumor", "… (Rumor)"
                return _unheld(doc, "rumor", span, first, tok.i - 1)
            start = next(t.i for t in hd[tok.i:] if t.text == ":") + 1 if label else tok.i + 1
            while start < len(hd) and (hd[start].is_punct or hd[start].is_space):
                start += 1
            if start >= len(hd):
                return None
            return _unheld(doc, "rumor", span, start, _content_end(hd, start))
        opens = tok.i == first or (hd[tok.i - 1].text == ":" and tok.i + 1 < len(hd))
        if opens and (tok.i == first and tok.lower_ in HEARSAY_OPENERS and _hearsay_opener(hd, tok) or (
                tok.lower_ in UNVERIFIED_QUALIFIERS and tok.i + 1 < len(hd) and tok.nbor(1).pos_ in ("NOUN", "PROPN")
                and (tok.lower_ in _UNVERIFIED or not any(t.pos_ in ("VERB", "AUX") for t in hd[tok.i:])))):
            # "Fears journalist James Foley beheaded by …", "Unverified video shows …" (whatever the parse makes of it)
            span = _char_span(doc, tok.idx, tok.idx + len(tok))
            start = tok.i + 1 if tok.lower_ in HEARSAY_OPENERS else tok.i
            return _unheld(doc, tok.lower_, span, start, _content_end(hd, start))
        cue = _hedge_cue(tok)
        if cue is None or _asked(hd, tok):
            continue
        verb, last = cue
        if any(t.text in (".", "!", "?") for t in hd[min(tok.i, verb.i):max(tok.i, verb.i)]):
            continue  # the parse hangs the hedge on a word of another sentence of the headline
        ends = [t for t in hd[first:tok.i] if t.text in (".", "!", "?")]  # type: ignore[index]
        if ends and ends[-1].text == "?" and (verb.i < ends[-1].i or not any(
                t.dep_ in ("nsubj", "nsubjpass") for t in hd[ends[-1].i + 1:])):  # type: ignore[index]
            continue  # "Did Banksy Post This? Probably Not": an answer to the headline's question, not a claim
        subj = _subject(verb) or (_subject(verb.head) if verb.dep_ in ("xcomp", "conj") else None)
        opening = ends[-1].i + 1 if ends else first  # the hedge's own sentence
        segment = max([opening] + [t.i + 1 for t in hd[opening:tok.i] if t.text == ":"])  # type: ignore[index]
        nominal = _nominal_passive(hd, verb, tok, segment)
        if not (nominal or _main_clause(verb, tok is not verb)) or _opens_clause(
                hd, subj if subj is not None and subj.i < tok.i else tok):
            continue
        if tok.i > 0 and _in_object(hd[tok.i - 1]) and not nominal:
            continue  # a reduced relative on an object: "transporting patient *believed to* be …", "recording *allegedly* from"
        if nominal:
            opening = segment  # "URGENT: ISIS leader … allegedly killed by US airstrikes": the claim after the label
        start = subj.left_edge.i if subj is not None and opening <= subj.left_edge.i < tok.i else opening
        attitude = f"{tok.lower_} {last.lower_}" if last is not tok else tok.lower_
        span = _char_span(doc, tok.idx, last.idx + len(last))
        end = _content_end(hd, start)
        ask = next((t.i for t in hd[last.i + 1:end] if t.text == ":"), None)  # type: ignore[index]
        if ask is not None and hd[end - 1].text == "?":  # type: ignore[index]
            end = ask  # "… rumored to be priced at $1200: Will you buy?": the question is the reader's
        return _unheld(doc, attitude, span, start, end)
    return None


def _hedge_cue(tok: "Token") -> "tuple[Token, Token] | None":
    """(the predicate it hedges, the cue's last word) when ``tok`` opens a hedge: a modal of possibility, a hedging
    adverb, a reporting passive or a raising verb with its infinitive's "to" (the cues "said to", "appears to"), or
    an accusation passive with no agent and its preposition ("accused of", "blamed for")."""
    if tok.lower_ in HEDGE_MODALS and tok.tag_ == "MD":
        return tok.head, tok
    if tok.lower_ in HEDGE_ADVERBS and tok.pos_ in ("ADV", "ADJ"):
        return (tok.head if tok.dep_ in ("advmod", "npadvmod") else tok), tok
    if tok.lower_ in HEDGE_ADVERBS and tok.lower_.endswith("ly") and tok.lower_ != "likely" and tok.head.pos_ in (
            "VERB", "AUX"):  # the parse's noun for an adverb in capitals: "ISIS REPORTEDLY USE CHEMICAL WEAPONS"
        return tok.head, tok
    if _reduced_reportative(tok):
        return tok, tok  # "Foley executioner said identified as …", "Female fighter said abducted by …"
    if tok.lower_ in _UNVERIFIED and tok.dep_ == "amod" and tok.head.dep_ in ("nsubj", "nsubjpass"):
        return tok.head.head, tok  # "Unverified video shows beheading of …"
    if (_raising(tok) and tok.i + 2 < len(tok.doc) and tok.nbor(1).lower_ == "to" and tok.nbor(2).tag_ == "VB"
            and not _to_infinitive(tok)):
        # read as a noun: "ISIS Video Purports To Show Beheading …", "Clinton's standing looks to be weakening"
        inf = tok.nbor(2)
        return (tok if _main_clause(tok) or inf.dep_ not in ("aux", "auxpass") else inf.head), tok.nbor(1)
    if _reportative(tok) or (tok.pos_ in ("VERB", "AUX") and _to_infinitive(tok) and _raising(tok)):
        comp = next(c for c in tok.children if c.dep_ == "xcomp")
        to = next(g for g in comp.children if g.dep_ == "aux" and g.lower_ == "to")
        return tok, to  # "said to", "appears to"
    prep = ACCUSATION_PASSIVES.get(tok.lower_)
    if prep and (tok.tag_ == "VBN" or tok.tag_ == "VBD" and not any(c.dep_ in ("dobj", "aux") for c in tok.children)) and not any(
            c.dep_ == "agent" for c in tok.children):  # the parse reads "Boko Haram blamed for raids" as active
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == prep), None)
        if of is not None and of.i == tok.i + 1:
            return tok, of  # "accused of", "blamed for"
    return None


def _raising(tok: "Token") -> bool:
    """A raising verb that hedges its infinitive: "appears", "seems", "purports" (:data:`RAISING_HEDGES`), or "looks"
    before "to be" ("Clinton's standing looks to be weakening"; "looks to buy" is an intention)."""
    return tok.lower_ in RAISING_HEDGES or (tok.lower_ in LOOKS_TO_BE and tok.i + 2 < len(tok.doc)
                                           and tok.nbor(1).lower_ == "to" and tok.nbor(2).lower_ == "be")


def _nominal_passive(hd: "object", verb: "Token", tok: "Token", segment: int) -> bool:
    """Headlinese's passive without its auxiliary, hedged, which the parse hangs on the noun phrase before it
    ("ISIS leader Abu Bakr al-Baghdadi *allegedly killed* by US airstrikes", "Batmobile *Reportedly Stolen*"): the
    participle modifies a noun of the words that open the clause (after any label and colon), and those words are a
    noun phrase, no verb among them — so they are its subject, not an object it describes."""
    words = hd[segment:tok.i]  # type: ignore[index]
    return (verb.tag_ == "VBN" and verb.dep_ == "acl" and tok.i < verb.i and len(words) > 0
            and segment <= verb.head.i < tok.i and not any(t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") for t in words))


def _label_word(hd: "object", first: int, tok: "Token") -> bool:
    """Whether ``tok`` stands in a verbless label that opens the headline before a colon ("Wildest Apple Watch
    *rumor* yet: 100,000 apps at launch")."""
    colon = next((t for t in hd[tok.i + 1:tok.i + 4] if t.text == ":"), None)  # type: ignore[index]
    return colon is not None and colon.i + 1 < len(hd) and not any(  # type: ignore[arg-type]
        t.pos_ in ("VERB", "AUX") or t.text == ":" for t in hd[first:colon.i])  # type: ignore[index]


def _hearsay_opener(hd: "object", tok: "Token") -> bool:
    """Whether a hearsay noun that opens the headline introduces a clause ("*Fears* journalist … beheaded", "*Claims*
    Apple Watch delayed") rather than being the subject of its verb ("Fears grow over …") or a noun phrase's head
    ("Claims of abuse …")."""
    if tok.i + 1 >= len(hd) or tok.dep_ in ("nsubj", "nsubjpass"):  # type: ignore[arg-type]
        return False
    nxt = hd[tok.i + 1]  # type: ignore[index]
    return (nxt.lower_ == "that" or nxt.pos_ in ("DET", "PROPN", "NOUN", "ADJ", "NUM")) and not nxt.tag_.startswith(
        "VB") and any(t.pos_ in ("VERB", "AUX") for t in hd[tok.i + 2:])  # type: ignore[index]


def _to_infinitive(tok: "Token") -> bool:
    """Whether ``tok`` has an infinitive complement with "to" ("appeared *to be* urinating")."""
    return any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in tok.children)


def _main_clause(tok: "Token", predicate: bool = False) -> bool:
    """Whether ``tok`` belongs to the headline's main claim: no subordinating dependency on its way to the root.
    With ``predicate`` (``tok`` is what a hedge modifies), a phrase hanging from the root noun counts as the main
    claim's predicate in verbless headlinese ("HBO reportedly *in* talks", "Girl probably a *hoax*", "James Foley,
    Journalist, Apparently *Executed*")."""
    if predicate and tok.dep_ in ("prep", "appos", "acl", "advcl") and tok.head.dep_ == "ROOT" and tok.head.pos_ in (
            "NOUN", "PROPN") and tok.head.i < tok.i:
        return True
    while tok.head.i != tok.i:
        if tok.dep_ in _SUBORDINATE_DEPS:
            return False
        tok = tok.head
    return True


def _opens_clause(hd: "object", head: "Token") -> bool:
    """Whether the clause whose first word (its subject, or the hedge) is ``head`` is subordinate by its opener: a
    subordinator or relative word right before it, or a pronoun subject right after a noun."""
    if head.i == 0:
        return False
    before = hd[head.i - 1]  # type: ignore[index]
    return before.lower_ in _CLAUSE_OPENERS or (
        head.lower_ in PERSONAL_PRONOUNS and before.pos_ in ("NOUN", "PROPN") and not before.is_punct)


def _asked(hd: "object", tok: "Token") -> bool:
    """Whether ``tok`` stands in a question ("Could this be the end of the euro?"), which claims nothing to hedge."""
    end = next((t for t in hd[tok.i + 1:] if t.text in (".", "!", "?")), None)  # type: ignore[index]
    return end is not None and end.text == "?" and not any(  # a colon between opens the reader's question
        t.text == ":" for t in hd[tok.i + 1:end.i])  # type: ignore[index]  # "… rumored to …: Will you buy?"


def _in_object(tok: "Token") -> bool:
    """Whether a noun is (in) the main verb's object: its direct object, or a prepositional object within that or
    under the verb ("took a look at the *photo*"); not within the subject ("Hidden Port on Apple *Watch* Could Allow
    …", "The Executioner Who Killed 4 *Hostages* May Have …")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    while tok.dep_ in ("pobj", "prep", "dobj") and tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok.dep_ == "ROOT"
    return False


def _tag(hd: "object", tok: "Token") -> bool:
    """Whether a rumour word is a tag on the headline: in brackets ("[Rumor]", "(Rumour)"), opening it before a
    colon ("Rumor: …") or closing it after a colon or dash ("…: Rumor")."""
    before = hd[tok.i - 1].text if tok.i > 0 else ""  # type: ignore[index]
    after = hd[tok.i + 1].text if tok.i + 1 < len(hd) else ""  # type: ignore[arg-type, index]
    closing = all(t.is_punct for t in hd[tok.i + 1:]) and before in _CREDIT_MARKS  # type: ignore[index]
    return (before in ("[", "(") and after in ("]", ")")) or (tok.i == 0 and after == ":") or closing


def _quoted_tokens(hd: "object") -> set[int]:
    """Indices of the tokens inside a quotation ("10% of Consumers 'Very Likely' to Buy …")."""
    inside, out = False, set()
    for t in hd:  # type: ignore[attr-defined]
        if t.text in ("“", "‘") or (t.text in ('"', "'") and not inside):
            inside = True
        elif t.text in ("”", "’", '"', "'") and inside:
            inside = False
        elif inside:
            out.add(t.i)
    return out


def _unheld(doc: "Document", attitude: str, attitude_span: Span, start: int, end: int) -> HeadlineClaim | None:
    """A claim credited to no one: the hedge as attitude, tokens ``start``..``end`` as content."""
    hd = doc.headline
    if end <= start:
        return None
    content = _content_chars(doc, hd[start].idx, hd[end - 1].idx + len(hd[end - 1]))
    if not content.text:
        return None
    tgt = _target(doc, start, end)
    target_span = _char_span(doc, tgt.start_char, tgt.end_char) if tgt is not None else None
    return HeadlineClaim(
        attitude=attitude, attitude_span=attitude_span,
        target=(names.resolve(doc, target_span.text) or target_span.text) if target_span else None,
        target_span=target_span, content=content.text, content_span=content)


def hedged_headlines(texts: "Sequence[str]") -> list[bool]:
    """For callers without an audit (corroboration over stored or corpus headlines): whether each headline, read
    alone, hedges its own claim or asks it (:func:`onrecord.report.headline_hedged`)."""
    from ..article import Article
    from ..nlp import parse_many

    docs = parse_many(Article(headline=t, body="") for t in texts)
    return [headline_hedged(analyze(d), t) for d, t in zip(docs, texts)]


def _reportative(tok: "Token") -> bool:
    """A reporting passive with its infinitive ("Putin *said* to be confident …", "Store *said* to open …", "X is
    *believed* to …"), whose agent the headline does not name: its subject is reported on, not reporting."""
    return tok.lower_ in REPORTATIVE_PARTICIPLES and not any(c.dep_ == "agent" for c in tok.children) and any(
        c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in tok.children)


def _reported_by(tok: "Token") -> "Token | None":
    """The reporting passive whose infinitive ``tok`` stands in ("said" for "confident" in "Putin said to be
    confident …"), or None."""
    while tok.dep_ in ("acomp", "attr", "xcomp") and tok.head is not tok:
        if tok.dep_ == "xcomp" and _reportative(tok.head):
            return tok.head
        tok = tok.head
    return None


def _is_who(doc: "Document", tok: "Token") -> bool:
    """Whether "WHO" is the World Health Organization ("WHO says reports of Ebola in Iraq are untrue"), not the
    pronoun in capitals: written so in a headline not all in capitals."""
    return tok.text == "WHO" and not doc.headline_text.isupper()


def _attitude(hd: "object", tok: "Token", cue_start: int) -> str:
    """The attitude as the report names it: the word's lemma, with the negation and the hedging modal or adverb its
    cue holds ("believe", "not confident", "may be confident", "might not promise", "reportedly confident")."""
    before = [t.lower_ for t in hd[cue_start:tok.i]]  # type: ignore[index]
    neg = any(c.dep_ == "neg" for c in tok.children) or any(w in ("not", "n't", "n’t") for w in before) or (
        tok.i > 0 and hd[tok.i - 1].lower_ in ("not", "n't"))  # type: ignore[index]
    modal = next((w for w in before if w in HEDGE_MODALS), None)
    adverb = next((w for w in before if w in HEDGE_ADVERBS), None)  # "Reportedly Confident", "Allegedly Told"
    adjective = _is_adjective(tok)
    lemma = tok.lower_ if adjective else "identify" if _identifies_as(tok) else tok.lemma_.lower()
    return " ".join(w for w in (adverb, modal, "not" if neg else None, "be" if modal and adjective else None, lemma) if w)


# Whether a holder that opens with a number takes the name the number belongs to ("iPhone 6 Customers Are
# Complaining …", where the parse of the lower-cased headline hangs "iphone" elsewhere; session 38's audit).
MODEL_NUMBER_HOLDERS = True

# Whether a closing holder may be two holders joined by "and" ("Tiger Woods not suspended, his agent and a PGA official
# say"; session 38's second audit).
COORDINATED_HOLDERS = True

# Whether a subject that coordinates names ("Obama and Clinton say …", "Putin, Xi vow …") is the holder whole, not its
# first name (session 44's audit: "Trump and Clinton point out …" kept Trump only; session 46). The holder is then the
# names resolved each, joined ("Barack Obama and Hillary Clinton"), and the verdict finds it on record when any of them is.
COORDINATED_SUBJECT_HOLDERS = True


def _last_conjunct(subj: "Token", before: int) -> "Token | None":
    """The last name coordinated with the name ``subj`` before token ``before``, or None: proper nouns only, so that
    "Clinton and her aides" or "Trump and the economy" keep their first name."""
    if subj.pos_ != "PROPN":
        return None
    last, todo = None, [subj]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "conj" and c.i < before and c.pos_ == "PROPN":
                last = c if last is None or c.i > last.i else last
                todo.append(c)
    return last


# Whether a closing holder may follow a comma that stands inside a closing quotation mark, as American style sets it
# ("At Elon, ‘first-year’ has not replaced ‘freshman,’ university says"; session 38's audit).
CLOSED_QUOTE_COMMA = True


def _closing_holder(doc: "Document") -> HeadlineClaim | None:
    """Shape 3, CONTENT, HOLDER says ("Sanders will back Clinton, eventually, former rival says")."""
    hd = doc.headline
    for tok in reversed(hd):
        if tok.i > 2 and _attitude_word(tok) and hd[tok.i - 1].i > 0 and all(t.is_punct for t in hd[tok.i + 1:]):
            holder = _holder_before(doc, tok)
            if COORDINATED_HOLDERS and holder is not None and holder.start > 2 and hd[holder.start - 1].lower_ == "and":
                comma = next((j for j in range(holder.start - 2, max(0, holder.start - 8), -1) if hd[j].text == ","),
                             None)  # "…, his agent and a PGA official say"
                if comma is not None and not any(t.pos_ in ("VERB", "AUX") for t in hd[comma + 1:holder.start - 1]):
                    holder = hd[comma + 1:holder.end]
            if holder is not None and holder.start > 0 and hd[holder.start - 1].text in (",", "—", "-", "–"):
                end = holder.start - 1
            elif (CLOSED_QUOTE_COMMA and holder is not None and holder.start > 1
                    and hd[holder.start - 1].text in _CLOSE_MARKS and hd[holder.start - 2].text == ","):
                end = holder.start  # "…has not replaced ‘freshman,’ university says": the comma inside the mark
            else:
                break
            att_span = _char_span(doc, tok.idx, tok.idx + len(tok))
            return _claim(doc, holder, tok.lemma_.lower(), att_span, 0, end)
    return None


def _closing_credit(doc: "Document") -> HeadlineClaim | None:
    """Shape 4, CONTENT: CREDIT ("… could use platinum: Report", "… — Reuters")."""
    hd = doc.headline
    mark = next((t for t in reversed(hd) if t.text in _CREDIT_MARKS), None)
    if mark is not None and mark.i > 2 and (mark.text == ":" or (hd[mark.i - 1].whitespace_ and mark.whitespace_)):
        words = _credit_tail(hd, mark.i)
        # the credit word itself may be read as a verb ("…: Report"); the words before it must be nominal
        if words and all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM") for t in words[:-1]):
            return _claim(doc, hd[words[0].i:words[-1].i + 1], "says", _mark_span(doc, mark), 0, mark.i)
    return None


def _according_to(doc: "Document") -> HeadlineClaim | None:
    """Shape 4 with its cue in words, "CONTENT, according to HOLDER" or "According to HOLDER, CONTENT" ("Apple is
    limiting features …, according to developers"): attitude "according to", as the body's attributions read it."""
    hd = doc.headline
    first = _label_end(hd)
    quoted = _quoted_tokens(hd)
    for tok in hd[first:]:
        if tok.lower_ != "according" or tok.i in quoted or tok.i + 1 >= len(hd) or hd[tok.i + 1].lower_ != "to":
            continue
        to = hd[tok.i + 1]
        cue = _char_span(doc, tok.idx, to.idx + len(to))
        if tok.i == first:  # "According to HOLDER, CONTENT": the holder is the preposition's object
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                return None
            holder = hd[to.i + 1:obj.right_edge.i + 1]
            k = holder.end
            while k < len(hd) and hd[k].text in (",", ":"):
                k += 1
            return _claim(doc, holder, "according to", cue, k, _content_end(hd, k)) if k < len(hd) else None
        stop = next((t.i for t in hd[to.i + 1:] if t.text in (",", ";", ":", "—", "–")), len(hd))
        if any(not t.is_punct for t in hd[stop:]):
            return None  # more follows the credit: "Prices rose, according to the report, but wages fell"
        words = [t for t in hd[to.i + 1:stop] if not t.is_punct]
        if hd[tok.i - 1].text in (",", "—", "–", "-") and words:  # "CONTENT, according to X": X ends the headline
            holder = hd[words[0].i:words[-1].i + 1]
            start = max([first] + [t.i + 1 for t in hd[first:tok.i - 1] if t.text == ";"])
            return _claim(doc, holder, "according to", cue, start, tok.i - 1)
        return None
    return None


def _credit_tail(hd: "object", i: int) -> list["Token"]:
    """The words after token ``i`` when they are a closing credit — at most three, the last a credit word, a wire
    agency, a speaker of :data:`_CLOSING_CREDIT_HEADS` or a word of an organisation's name ("…: Report", "… —
    Reuters", "… - US officials", "…: Family", "…: Pentagon") — else none."""
    words = [t for t in hd[i + 1:] if not t.is_punct]  # type: ignore[index]
    if not 0 < len(words) <= 3:
        return []
    last = words[-1]
    return words if (last.lower_ in CREDITS or last.lower_ in _CLOSING_CREDIT_HEADS
                     or last.ent_type_ == "ORG" and all(t.ent_type_ == "ORG" for t in words)) else []


def _inverted_closing_holder(doc: "Document") -> HeadlineClaim | None:
    """Shape 3 with the verb first, "CONTENT, says HOLDER" ("It's 'rubbish' that Plant turned down the offer, says
    publicist", "…, says new report"): a closing "says" / "said" after a comma and before at most four words."""
    hd = doc.headline
    for tok in reversed(hd):
        if tok.lower_ in ("says", "said") and tok.i > 2 and hd[tok.i - 1].text == ",":
            words = [t for t in hd[tok.i + 1:] if not t.is_punct]
            if 0 < len(words) <= 4 and not any(t.pos_ in ("VERB", "AUX") for t in words) and any(
                    t.pos_ in ("NOUN", "PROPN") for t in words):
                holder = hd[words[0].i:words[-1].i + 1]
                att_span = _char_span(doc, tok.idx, tok.idx + len(tok))
                return _claim(doc, holder, "say", att_span, 0, tok.i - 1)
            return None
    return None


def _bracket_credit(doc: "Document") -> HeadlineClaim | None:
    """A credit word in brackets closing the headline ("The Apple Watch Will Debut by Late March [Report]")."""
    hd = doc.headline
    if len(hd) > 4 and hd[-1].text in ("]", ")") and hd[-3].text in ("[", "(") and hd[-2].lower_ in CREDITS:
        return _claim(doc, hd[len(hd) - 2:len(hd) - 1], "says", _char_span(doc, hd[-2].idx, hd[-2].idx + len(hd[-2])),
                      0, len(hd) - 3)
    return None


def _content_end(hd: "object", start: int, verb: "Token | None" = None) -> int:
    """Content runs to the end of the headline, or to a trailing ", X says", or to where the headline goes on with
    a clause of its own: after a spaced dash ("Trump Just Announced Who He'd Pick – It May Surprise You") or a
    sentence's end ("Republicans Finally Confirmed A Judge. Is This Obama's Last One?")."""
    n = len(hd)  # type: ignore[arg-type]
    for i in range(start, n):
        t = hd[i]  # type: ignore[index]
        if t.text in (",", "—", "–") and i + 1 < n and any(_attitude_word(w) for w in hd[i + 1:]):  # type: ignore[index]
            return i
        if i > start and _goes_on(hd, i, verb):
            return i
    return n


def _goes_on(hd: "object", i: int, verb: "Token | None" = None) -> bool:
    """Whether the headline goes on at token ``i`` with a clause of its own: a spaced dash ("… – It May Surprise
    You", "… Campaign- And It Says A LOT"), the end of a sentence before another ("… A Judge. Is This …?"), ", and"
    before a pronoun ("…, And He's Willing …") or a subordinate clause of ``verb``, the attitude's own ("Call For
    Action While Republicans Tweet Prayers", "Says No To Fox News As Sanders Turns Up The Heat")."""
    t = hd[i]  # type: ignore[index]
    if i + 1 >= len(hd) or i == 0:  # type: ignore[arg-type]
        return False
    nxt = hd[i + 1]  # type: ignore[index]
    if verb is not None and t.lower_ in SUBORDINATORS and verb.i in (t.head.i, t.head.head.i):
        clause = t.head if t.dep_ == "mark" else next((c for c in t.children if c.dep_ in ("pcomp", "pobj")), None)
        if clause is not None and clause.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            return True  # "Call For Action While Republicans Tweet Prayers …", "… After Report Reveals …"
    if t.text == "," and nxt.lower_ in ("and", "but") and i + 2 < len(hd) and hd[i + 2].pos_ == "PRON":  # type: ignore[arg-type, index]
        return True  # "… The GOP Will Do, And He's Willing To Bet …"
    before = bool(hd[i - 1].whitespace_)  # type: ignore[index]
    if t.text == ":":  # a closing credit ("… Fired Over Iraq Helicopter Story: Report"), not "Endorses Cruz: I Am …"
        return bool(_credit_tail(hd, i))
    if t.text in ("—", "–"):
        return before or bool(t.whitespace_)  # a spaced dash, not the "–" of "US–Russia"
    if t.text == "-":
        return nxt.lower_ in ("and", "but") or (before and bool(t.whitespace_))
    return t.text in (".", "?", "!") and bool(t.whitespace_) and nxt.is_alpha


def _object_end(hd: "object", start: int, verb: "Token | None" = None, adjuncts: bool = False) -> int:
    """An evaluation verb's object with what follows it, up to a comma, semicolon or spaced dash that ends the clause
    (:func:`_goes_on`) or a second verb coordinated with the first ("Le Pen Backs Trump And Denounces Clinton" →
    "Trump"; "Pence blames media for Trump's … flap" keeps the whole, as PolNeAR's annotators mostly do). With
    ``adjuncts`` (a verb of judgement), also up to a preposition of the verb's setting ("Pence Endorses Paul Ryan With
    Trump's Blessing" → "Paul Ryan"; "over" and "on" stay: "swipes at Trump over Brexit", "slams Trump On Abortion")."""
    n = len(hd)  # type: ignore[arg-type]
    for i in range(start + 1, n):
        t = hd[i]  # type: ignore[index]
        if adjuncts and verb is not None and t.dep_ == "prep" and t.lower_ in _ADJUNCT_PREPOSITIONS and t.head.i == verb.i:
            return i
        if t.text == "," and _quoted_list(hd, start, i):
            continue
        if t.text in (",", ";") or (t.text == "-" and t.whitespace_) or _goes_on(hd, i, verb) or (
                t.lower_ in ("and", "but") and i + 1 < n and _finite_form(hd[i + 1].lower_)):  # type: ignore[index]
            return i
    return n


def _quoted_list(hd: "object", start: int, i: int) -> bool:
    """Whether the comma at ``i`` stands inside a quotation or between two ("calls Trump line 'racist,' but …",
    "calls Trump's idea ‘stupid’, ‘useless.’"): the quoted words go on."""
    before = _APOSTROPHE.sub("", "".join(t.text_with_ws for t in hd[start:i]))  # type: ignore[index]
    nxt = hd[i + 1] if i + 1 < len(hd) else None  # type: ignore[arg-type, index]
    if nxt is None:
        return False
    opened = sum(before.count(m) for m in "‘“") > sum(before.count(m) for m in "’”") or before.count('"') % 2 == 1
    glued = nxt.text in ("'", "’", '"', "”") and not hd[i].whitespace_  # type: ignore[index]  # 'racist,'
    return opened or glued or (nxt.text in _OPEN_MARKS and before.rstrip()[-1:] in _CLOSE_MARKS)


def _after_addressee(hd: "object", verb: "Token", k: int) -> int:
    """Where the content starts after a speech verb's addressee ("tells voters she's with them", "calls on U.S. to
    lead"): past the verb's object or prepositional phrase when a clause or an infinitive follows it, else ``k``."""
    n = len(hd)  # type: ignore[arg-type]
    for c in verb.children:
        if c.dep_ in ("dobj", "dative", "prep") and c.i >= k - 1 and c.right_edge.i + 1 < n:
            nxt = hd[c.right_edge.i + 1]  # type: ignore[index]
            if nxt.lower_ in ("to", "that", "not") or nxt.pos_ in ("PROPN", "PRON", "NOUN", "DET") and any(
                    t.dep_ in ("ccomp", "xcomp") for t in verb.children if t.i > c.right_edge.i):
                return c.right_edge.i + 1
    return k
