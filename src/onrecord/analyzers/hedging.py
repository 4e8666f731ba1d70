"""Hedging: which body sentences speculate, and the cue words that make them do so.

Cues follow the Szeged Uncertainty Corpus taxonomy (``report.HEDGE_TYPES``): *epistemic* (may,
might, probably, suggests, seems), *possible* (possible, possibly, potentially), *doxastic*
(believe, is considered, allegedly), *investigation* (whether) and *condition* (if, unless,
conditional would). Each cue is found by a rule over the spaCy parse (lemma, tag, dependency)
that also knows the word's non-hedging uses: the month "May", "could not possibly", past-ability
"he could swim", future-in-the-past "would later", "as soon as possible", "no doubt" ...

Every cue carries a weight, the rule's confidence that the word hedges here. A sentence's
speculation score is the noisy-OR of its cue weights and it is speculative when the score
reaches :data:`THRESHOLD`; a strong cue decides alone, weak cues ("would" with no condition in
sight, "potential") only together.

A trained alternative (artifact ``hedging``, built by :mod:`onrecord.training.hedging`) is a logistic
regression over :func:`features` — the rules' cues per type and per word with their weights, plus
the hedge-lexicon words present, its decision point shifted to :data:`THRESHOLD`. It replaces the
noisy-OR score when :data:`USE_TRAINED` is set; the cues always come from the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .. import lexicon, models, report

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from ..nlp import Document

THRESHOLD = 0.5
USE_TRAINED = True  # the trained model: bio dev mean F1 0.717 -> 0.752, wiki dev 0.861 -> 0.859 (training.hedging)
STRONG, MEDIUM, WEAK = 0.9, 0.7, 0.35


@dataclass(frozen=True)
class Cue:
    """A hedge cue found in a parse: token range ``[first, last]`` of its Doc, type and weight."""

    first: int
    last: int
    type: str
    weight: float

    def hedge(self, doc: "Doc", offset: int = 0) -> report.Hedge:
        """The cue as a report hedge, offsets into ``doc.text`` minus ``offset``."""
        start = doc[self.first].idx
        end = doc[self.last].idx + len(doc[self.last])
        return report.Hedge(doc[self.first: self.last + 1].text, start - offset, end - offset, self.type)


@dataclass(frozen=True)
class Scored:
    """One sentence's verdict: speculative or not, its score, and its cues (empty when not speculative)."""

    speculative: bool
    score: float
    cues: list[Cue]


Rule = Callable[["Token"], "Cue | None"]

_PERSONAL = frozenset({"i", "you", "he", "she", "we", "they"})
_NARRATIVE_TIME = frozenset({"later", "eventually", "often", "usually", "sometimes", "always", "frequently",
                             "soon", "then", "never", "subsequently", "ultimately", "regularly"})
_NO_DOUBT = frozenset({"no", "without", "beyond", "little"})
_CONDITIONALS = frozenset({"if", "unless"})
_SCARCE = frozenset({"no", "little", "insufficient", "scant", "limited"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "acomp", "oprd", "attr"})
_ANALYTIC_VERBS = frozenset({"ask", "wonder", "know", "see", "check", "determine", "test", "question",
                             "decide", "investigate", "examine", "assess", "consider", "doubt"})


# --------------------------------------------------------------------------- parse helpers

def _cue(tok: "Token", kind: str, weight: float, last: "Token | None" = None) -> Cue:
    return Cue(tok.i, (last or tok).i, kind, weight)


def _deps(tok: "Token") -> set[str]:
    return {c.dep_ for c in tok.children}


def _negated(tok: "Token") -> bool:
    """``tok`` (or the verb it is an auxiliary/modifier of) has a negation; "not only … but" is none."""
    verb = tok.head if tok.dep_ in ("aux", "auxpass", "advmod", "acomp") else tok
    return any((c.dep_ == "neg" or c.lower_ in ("never", "not")) and not _not_only(c) for c in (*tok.children, *verb.children))


def _not_only(tok: "Token") -> bool:
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ == "not" and nxt is not None and nxt.lower_ in lexicon.NOT_ONLY


def _passive(tok: "Token") -> bool:
    return "auxpass" in _deps(tok) or tok.dep_ == "acl" and tok.tag_ == "VBN"


def _perfect_after(tok: "Token") -> bool:
    """``tok`` (a modal) is followed by perfect "have" + participle: "could have been"."""
    nxt = tok.doc[tok.i + 1: tok.i + 4]
    return len(nxt) >= 2 and nxt[0].lower_ in ("have", "'ve") and nxt[1].tag_ == "VBN"


def _subject(verb: "Token") -> "Token | None":
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)


def _sentence_has(tok: "Token", words: frozenset[str]) -> bool:
    return any(t.lower_ in words and t.dep_ == "mark" for t in tok.sent)


# --------------------------------------------------------------------------- rules

def _epistemic_modal(tok: "Token") -> Cue | None:
    """may / might: epistemic when a modal auxiliary (not the month or the name May)."""
    if tok.tag_ != "MD" or tok.ent_type_ in ("DATE", "PERSON"):
        return None
    if tok.text == "May":  # a modal governs a bare infinitive; "May said", "May 20" do not
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if tok.head.tag_ != "VB" or nxt is None or nxt.like_num or nxt.is_punct:
            return None
    return _cue(tok, "epistemic", STRONG)


def _could(tok: "Token") -> Cue | None:
    """could: possibility, unless negated (inability, "could not possibly") or past ability."""
    if tok.tag_ != "MD" or _negated(tok):
        return None
    if _perfect_after(tok):
        return _cue(tok, "epistemic", STRONG)
    verb = tok.head
    subj, head = _subject(verb), verb
    while subj is None and head.dep_ == "conj" and head.head.i != head.i:  # "they heard … and could smell": theirs
        head = head.head
        subj = _subject(head)
    person = subj is not None and (subj.lower_ in _PERSONAL or subj.ent_type_ == "PERSON")
    if person and verb.lemma_ in lexicon.ABILITY_VERBS:
        return None
    if _passive(verb) or verb.dep_ in ("relcl", "advcl", "pcomp"):
        return _cue(tok, "epistemic", WEAK)
    return _cue(tok, "epistemic", MEDIUM)


def _would(tok: "Token") -> Cue | None:
    """would: conditional, unless it narrates the future in the past ("would later") or habit."""
    if tok.tag_ != "MD":
        return None
    verb = tok.head
    if any(c.lower_ in _NARRATIVE_TIME for c in verb.children) or verb.lemma_ in ("like", "love", "prefer"):
        return None
    if _perfect_after(tok) or _sentence_has(tok, _CONDITIONALS):
        return _cue(tok, "condition", STRONG)
    return _cue(tok, "condition", WEAK)


def _must(tok: "Token") -> Cue | None:
    """must: epistemic only in "must have" + participle ("must have been")."""
    return _cue(tok, "epistemic", MEDIUM) if tok.tag_ == "MD" and _perfect_after(tok) else None


def _adverb(tok: "Token") -> Cue | None:
    """probably, perhaps, allegedly, possibly (not in "could not possibly") ..."""
    if tok.pos_ != "ADV":
        return None
    if _negated(tok.head if tok.dep_ == "advmod" else tok) and tok.lower_ in lexicon.POSSIBILITY_WORDS:
        return None  # "could not possibly"
    if tok.lower_ in lexicon.POSSIBILITY_WORDS:
        return _cue(tok, "possible", STRONG)
    if tok.lower_ in lexicon.DOXASTIC_ADVERBS:
        return _cue(tok, "doxastic", MEDIUM if tok.lower_ == "reportedly" else STRONG)
    weight = {"apparently": MEDIUM, "arguably": WEAK}.get(tok.lower_, STRONG)
    return _cue(tok, "epistemic", weight)


def _adjective(tok: "Token") -> Cue | None:
    """likely, unclear, alleged ...; not "likely voters" (a polling term)."""
    if tok.pos_ not in ("ADJ", "VERB"):
        return None
    if tok.lower_ == "likely" and tok.head.lemma_ == "voter":
        return None
    kind = "doxastic" if tok.lower_ in ("alleged", "putative", "presumed", "purported", "suspected") else "epistemic"
    return _cue(tok, kind, STRONG)


def _possible(tok: "Token") -> Cue | None:
    """possible / potential: not "as soon as possible", "best possible", "made possible", "not possible"."""
    if tok.pos_ != "ADJ":
        return None
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if _negated(tok) or tok.head.lower_ == "as" or (prev is not None and (prev.tag_ == "JJS" or prev.lower_ in ("as", "if"))):
        return None
    if tok.head.lemma_ == "make" and tok.dep_ in ("oprd", "ccomp", "acomp"):
        return None
    if tok.lemma_ == "potential":
        return _cue(tok, "possible", WEAK)
    that_clause = "ccomp" in _deps(tok) or tok.dep_ == "acomp" and "ccomp" in _deps(tok.head)
    return _cue(tok, "possible", STRONG if that_clause else WEAK)  # "it is possible that ..."


def _not_certain(tok: "Token") -> Cue | None:
    """Negated certainty marks uncertainty: "it is not clear", "not known"."""
    if tok.pos_ not in ("ADJ", "VERB") or not _negated(tok):
        return None
    neg = next((t for t in tok.doc[max(tok.sent.start, tok.i - 3): tok.i] if t.dep_ == "neg"), None)
    return _cue(neg or tok, "epistemic", MEDIUM, last=tok)


def _understood(tok: "Token") -> Cue | None:
    """The press's "is understood to be", "it is understood (that) …": a belief whose holder goes unnamed, like
    "is believed to" (negated, "it is not understood", the rule for certainty words takes it)."""
    if tok.tag_ != "VBN" or "auxpass" not in _deps(tok) or _negated(tok):
        return None
    subj = _subject(tok)
    to_clause = any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in tok.children)
    it_clause = subj is not None and subj.lower_ == "it" and ("ccomp" in _deps(tok) or tok.dep_ == "parataxis")
    return _cue(tok, "doxastic", STRONG) if to_clause or it_clause else None


def _little_known(tok: "Token") -> Cue | None:
    """"little is known", "nothing is known about …": the subject says how little is known."""
    if tok.lower_ != "known" or tok.tag_ != "VBN":
        return None
    subj = _subject(tok)
    if subj is None or subj.lower_ not in ("little", "nothing"):
        return None
    return _cue(subj, "epistemic", STRONG, last=tok)


# Whether a check that failed or was not made leaves a claim open: "could not be independently verified", "CNN cannot
# verify the tape", "has not been confirmed", "was unable to verify" (the news guideline's investigation cues: verify
# when the sentence leaves the result open; session 59's report audit found such disclaimers read as certain).
UNVERIFIED = True
VERIFY_VERBS = frozenset({"verify", "confirm", "corroborate", "substantiate", "authenticate"})
DECLINED_CHECKS = True  # "the ministry declined to confirm the report", "refused to confirm" leave it open too


def _unverified(tok: "Token") -> Cue | None:
    """A verification verb negated ("could not be verified"), after "unable" ("unable to confirm") or after "declined" /
    "refused" (:data:`DECLINED_CHECKS`)."""
    if not UNVERIFIED or tok.pos_ != "VERB":
        return None
    if _negated(tok) or tok.dep_ == "xcomp" and (tok.head.lower_ in ("unable", "impossible")
                                                 or DECLINED_CHECKS and tok.head.lemma_ in ("decline", "refuse")):
        return _cue(tok, "investigation", MEDIUM)  # the verb, as the guideline's labellers mark it ("verified")
    return None


def _epistemic_verb(tok: "Token") -> Cue | None:
    """suggest, seem, appear (to/that/adjective, not "appeared on TV"), imply ..."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if tok.lemma_ == "appear" and not (_deps(tok) & _CLAUSE_DEPS or _subject(tok) is not None and _subject(tok).lower_ == "it"):
        return None
    weight = {"indicate": WEAK, "appear": MEDIUM}.get(tok.lemma_, STRONG)
    return _cue(tok, "epistemic", weight)


def _holds_view(verb: "Token") -> bool:
    """``verb`` reports a view: a clause or predicate complement, an "as" phrase, or a stative
    passive ("is thought to be", "was considered too violent"); not "considered the proposal"."""
    deps = _deps(verb)
    if deps & {"ccomp", "oprd"} or any(c.lower_ == "as" for c in verb.children):
        return True
    if _passive(verb):
        return bool(deps & {"xcomp", "acomp", "attr"}) or not deps & {"prep", "conj"}
    return verb.lemma_ == "think" and not deps & {"prep", "dobj"}  # parenthetical "..., he thinks"


def _as_phrase(verb: "Token") -> bool:
    """``verb`` has its "as" phrase — also where the parse hangs it on the agent ("seen by organizers as a lifeboat")."""
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    return any(c.lower_ == "as" for v in (verb, *agents) for c in v.children)


def _doxastic_verb(tok: "Token") -> Cue | None:
    """believe, think, is considered/seen as, expect, allege, accuse ...; not "someone I believe in" (trust, no
    proposition) nor "the accused" (the person, no charge)."""
    if tok.pos_ != "VERB":
        return None
    lemma = tok.lemma_
    deps = _deps(tok)
    if lemma == "believe" and not deps & {"ccomp", "xcomp", "oprd"} and any(
            c.dep_ == "prep" and c.lower_ == "in" for c in tok.children):
        return None
    if lemma == "accuse" and not deps & {"prep", "dobj", "ccomp", "xcomp", "agent"} and (
            tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") or tok.dep_ == "amod" and tok.head.pos_ in ("VERB", "AUX")):
        return None
    if lemma in ("see", "view", "regard"):
        return _cue(tok, "doxastic", MEDIUM if lemma == "see" else STRONG) if _as_phrase(tok) else None
    if lemma in ("consider", "assume", "feel", "imagine", "think"):
        return _cue(tok, "doxastic", WEAK if lemma == "feel" else STRONG) if _holds_view(tok) else None
    if lemma in ("suspect", "fear", "predict"):
        return _cue(tok, "doxastic", MEDIUM)
    return _cue(tok, "doxastic", STRONG)


def _hedge_noun(tok: "Token") -> Cue | None:
    """possibility, rumor, allegation, doubt (not "no doubt"), speculation ..."""
    if tok.pos_ != "NOUN":
        return None
    if tok.lemma_ == "doubt" and any(c.lower_ in _NO_DOUBT for c in tok.children):
        return None
    kind = "possible" if tok.lemma_ == "possibility" else "doxastic" if tok.lemma_ in (
        "allegation", "accusation", "assumption", "hypothesis", "suspicion") else "epistemic"
    return _cue(tok, kind, MEDIUM)


def _opinion_noun(tok: "Token") -> Cue | None:
    """"the idea / belief / view that ..." hedges the clause."""
    if tok.pos_ != "NOUN":
        return None
    that_clause = any(c.dep_ in ("acl", "ccomp", "appos") and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)
                      for c in tok.children)
    return _cue(tok, "doxastic", MEDIUM) if that_clause else None


def _no_evidence(tok: "Token") -> Cue | None:
    """"no evidence", "little proof" (the determiner and the noun)."""
    if tok.pos_ != "NOUN":
        return None
    det = next((c for c in tok.children if c.lower_ in _SCARCE and c.i < tok.i), None)
    return _cue(det, "epistemic", MEDIUM, last=tok) if det is not None else None


def _if(tok: "Token") -> Cue | None:
    """if: condition; investigation in "asked if ..."; not "if and only if" or "if any"."""
    if tok.dep_ not in ("mark", "prep", "advmod") and tok.pos_ != "SCONJ":
        return None
    window = " ".join(t.lower_ for t in tok.doc[max(0, tok.i - 2): tok.i + 3])
    if "and only if" in window or "if and only" in window or "if any" in window:
        return None
    clause = tok.head
    if clause.dep_ in ("ccomp", "dobj") and clause.head.lemma_ in _ANALYTIC_VERBS:
        return _cue(tok, "investigation", STRONG)
    return _cue(tok, "condition", MEDIUM)


def _unless(tok: "Token") -> Cue | None:
    """unless: always a condition."""
    return _cue(tok, "condition", STRONG)


def _whether(tok: "Token") -> Cue | None:
    """whether (or not): an open question."""
    tail = tok.doc[tok.i + 1: tok.i + 3]
    last = tail[-1] if len(tail) == 2 and tail[0].lower_ == "or" and tail[1].lower_ == "not" else None
    return _cue(tok, "investigation", STRONG, last=last)


def _rules() -> dict[str, tuple[Rule, ...]]:
    table: dict[str, list[Rule]] = {}

    def add(words: Iterable[str], rule: Rule) -> None:
        for w in words:
            table.setdefault(w, []).append(rule)

    add(("may", "might"), _epistemic_modal)
    add(("could",), _could)
    add(("would",), _would)
    add(("must",), _must)
    add(lexicon.HEDGE_ADVERBS | lexicon.DOXASTIC_ADVERBS | {"possibly", "potentially", "conceivably"}, _adverb)
    add(lexicon.HEDGE_ADJECTIVES, _adjective)
    add(("possible", "potential", "conceivable"), _possible)
    add(lexicon.CERTAINTY_ADJECTIVES, _not_certain)
    add(("understood",), _understood)
    add(("known",), _little_known)
    add(lexicon.EPISTEMIC_VERBS, _epistemic_verb)
    add(lexicon.DOXASTIC_VERBS, _doxastic_verb)
    add(lexicon.HEDGE_NOUNS | {"possibility"}, _hedge_noun)
    add(lexicon.OPINION_NOUNS, _opinion_noun)
    add(("evidence", "proof", "indication"), _no_evidence)  # not "sign": the verb "signed" shares its lemma
    add(("if",), _if)
    add(("unless",), _unless)
    add(("whether",), _whether)
    add(VERIFY_VERBS, _unverified)
    return {w: tuple(rules) for w, rules in table.items()}


_RULES = _rules()


# --------------------------------------------------------------------------- scoring

def find_cues(tokens: "Span | Doc") -> list[Cue]:
    """The hedge cues among ``tokens`` (a sentence span or a whole Doc), in text order.

    A word is looked up by its lower-cased form, then by its lemma; the first rule that accepts
    it gives the cue. Overlapping cues keep the heavier one.
    """
    found: list[Cue] = []
    for tok in tokens:
        rules = _RULES.get(tok.lower_) or _RULES.get(tok.lemma_.lower(), ())
        cue = next((c for c in (rule(tok) for rule in rules) if c is not None), None)
        if cue is None:
            continue
        if found and cue.first <= found[-1].last:
            if cue.weight > found[-1].weight:
                found[-1] = cue
            continue
        found.append(cue)
    return found


def speculation_score(cues: Iterable[Cue]) -> float:
    """Noisy-OR of the cue weights: the chance that at least one cue hedges."""
    miss = 1.0
    for c in cues:
        miss *= 1.0 - c.weight
    return round(1.0 - miss, 4)


def _lexicon_word(tok: "Token") -> str | None:
    """The rule-table key ``tok`` is looked up under, if any (as in :func:`find_cues`)."""
    if tok.lower_ in _RULES:
        return tok.lower_
    lemma = tok.lemma_.lower()
    return lemma if lemma in _RULES else None


def features(tokens: "Span | Doc") -> dict[str, float]:
    """The trained model's features for one sentence: the rules' evidence and the lexicon words.

    Per cue type and per cue word: the count of rule cues and their heaviest weight; the rules'
    noisy-OR score; and, for every hedge-lexicon word present (cue or not), an indicator — so the
    model also sees the words the rules rejected ("May 20", "could not possibly").
    """
    cues = find_cues(tokens)
    out: dict[str, float] = {"rules": speculation_score(cues)}
    for c in cues:
        span = tokens[0].doc[c.first: c.last + 1]
        word = next((w for w in map(_lexicon_word, span) if w is not None), span[0].lower_)
        for key in (f"type={c.type}", f"cue={word}"):
            out[f"{key}:n"] = out.get(f"{key}:n", 0.0) + 1.0
            out[f"{key}:max"] = max(out.get(f"{key}:max", 0.0), c.weight)
    for tok in tokens:
        word = _lexicon_word(tok)
        if word is not None:
            out[f"word={word}"] = 1.0
    return out


def _trained_score(tokens: "Span | Doc") -> float:
    """The trained model's probability; 0.0 for a sentence without a hedge-lexicon word (no evidence)."""
    found = features(tokens)
    if len(found) == 1:  # only the rules' score, which is then 0.0
        return 0.0
    model = models.load("hedging")
    return float(model["classifier"].predict_proba(model["vectorizer"].transform([found]))[0, 1])


def score(tokens: "Span | Doc") -> Scored:
    """Score one sentence (span or Doc): by the rules, or by the trained model when :data:`USE_TRAINED`."""
    cues = find_cues(tokens)
    value = round(_trained_score(tokens), 4) if USE_TRAINED else speculation_score(cues)
    speculative = value >= THRESHOLD
    return Scored(speculative, value, cues if speculative else [])


def analyze(doc: "Document") -> list[report.Sentence]:
    """One report sentence per body sentence, with its speculation verdict and hedge cues."""
    out: list[report.Sentence] = []
    for s in doc.sentences:
        scored = score(s.span)
        out.append(report.Sentence(
            index=s.index, start=s.start, end=s.end, text=s.text,
            speculative=scored.speculative,
            speculation_score=scored.score,
            hedges=[c.hedge(doc.body) for c in scored.cues],
        ))
    return out


def score_texts(texts: Iterable[str], batch_size: int = 256) -> Iterator[tuple[Scored, list[report.Hedge]]]:
    """Score raw sentences (each parsed whole with the shared pipeline), in input order.

    Yields each sentence's :class:`Scored` and its cues as hedges with offsets into that text.
    """
    from ..nlp import get_nlp

    for parsed in get_nlp().pipe(texts, batch_size=batch_size):
        scored = score(parsed)
        yield scored, [c.hedge(parsed) for c in scored.cues]
