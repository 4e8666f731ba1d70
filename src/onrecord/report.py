"""The report: one tree of dataclasses, one versioned JSON form.

This module is the only place that defines what an audit contains. Analyzers
return the pieces defined here; :mod:`onrecord.views` renders them; the JSON
form (``schema = "onrecord.report/1"``) is documented in ``docs/report.md`` and
checked by :func:`validate`.

Offsets are character offsets: for sentences, hedges and attributions into
``body`` (``body[start:end] == text``); for the headline claim into ``headline``.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from dataclasses import asdict, dataclass, field
from typing import Any

from .lexicon import (ACCUSATION_PASSIVES, HEARSAY_OPENERS, HEDGE_ADVERBS, HEDGE_MODALS, LOOKS_TO_BE, RAISING_HEDGES,
                      REPORTATIVE_PARTICIPLES, RUMOUR_TAGS, UNVERIFIED_QUALIFIERS)

SCHEMA = "onrecord.report/1"

STANCE_LABELS = ("agree", "disagree", "discuss", "unrelated")
VERDICT_LABELS = ("supported", "unsupported", "contradicted", "unrelated")
ATTRIBUTION_TYPES = ("direct_quote", "indirect", "belief")
CONTENT_JOIN = " … "  # between the pieces of a discontinuous content, wherever it is shown as one string
SOURCE_KINDS = ("named_person", "named_org", "anonymous", "pronoun", "author", "record", "description")
HEDGE_TYPES = ("epistemic", "possible", "doxastic", "investigation", "condition")
# A sentence at or above this check-worthiness score counts as a check-worthy claim. Chosen on news by session 27's
# rule (benchmarks/eval_news_checkworthy.py --select, two helpers' labels of 229 news sentences: the threshold of the
# best mean F1 replaces the old one when it gains >= 0.02): for checkworthy-xenc-v3 (session 45) 0.80, mean F1 0.691
# against 0.616 at 0.5 (v2's threshold; it had gained 0.005 at 0.51). The model's own (CT24) threshold flags too many.
CHECKWORTHY_THRESHOLD = 0.8


@dataclass
class Span:
    """A piece of text with its character offsets."""

    text: str
    start: int
    end: int


@dataclass
class Hedge:
    cue: str
    start: int
    end: int
    type: str  # one of HEDGE_TYPES


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    speculative: bool = False
    hedges: list[Hedge] = field(default_factory=list)
    checkworthy: float = 0.0
    speculation_score: float = 0.0


@dataclass
class Source:
    text: str
    start: int
    end: int
    kind: str  # one of SOURCE_KINDS
    resolved: str | None = None
    # The further names of a coordinated source, resolved, in text order: "Trump and Clinton point out …" → resolved
    # "Donald Trump", others ["Hillary Clinton"]. Empty for a single source (session 46).
    others: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Everyone the source names: ``resolved`` (or the text) and ``others``."""
        first = self.resolved or self.text
        return [first, *self.others] if first else list(self.others)

    @property
    def who(self) -> str:
        """The source as a reader names it: "Donald Trump and Hillary Clinton", "Donald Trump", "officials"."""
        return join_names(self.names)


def join_names(names: list[str]) -> str:
    """Names as a reader lists them: "A", "A and B", "A, B and C" ("" for none)."""
    if len(names) < 2:
        return names[0] if names else ""
    return f"{', '.join(names[:-1])} and {names[-1]}"


_JOINED = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def split_names(text: str) -> list[str]:
    """The names ``text`` joins by "and" or commas ("Obama and Clinton", "Putin, Xi and Modi"), each; ``[text]`` when it
    joins none (a name with "&", "Johnson & Johnson", is one)."""
    parts = [p for p in _JOINED.split(text) if p.strip()]
    return parts if len(parts) > 1 else [text]


@dataclass
class Attribution:
    type: str  # one of ATTRIBUTION_TYPES
    hedged: bool
    source: Source
    cue: Span
    content: Span
    hedge_cues: list[str] = field(default_factory=list)
    sentence: int | None = None
    # Further pieces of the same content, in text order, when its source and cue interrupt it:
    # “We will win,” she said. “Nothing stops us.” -> content “We will win,”, continuation [“Nothing stops us.”];
    # In three years, she says, prices doubled -> content "In three years", continuation ["prices doubled"]
    continuation: list[Span] = field(default_factory=list)
    # The author reports that the source did NOT say or hold the content, or would not say it: "Putin did not say
    # that …", "has not commented", "declined to comment", "neither confirmed nor denied", "no one has claimed".
    # Such an attribution names a source but puts no one on record (the verdict and the actors export read it).
    negated: bool = False

    @property
    def content_parts(self) -> list[Span]:
        """The content's pieces in text order: ``content``, then any ``continuation``."""
        return [self.content, *self.continuation]

    @property
    def content_text(self) -> str:
        """The whole content as one string, its pieces joined by :data:`CONTENT_JOIN`."""
        return CONTENT_JOIN.join(p.text for p in self.content_parts)


@dataclass
class HeadlineClaim:
    holder: str | None = None
    attitude: str | None = None
    target: str | None = None
    content: str | None = None
    # the headline words behind each field (offsets into the headline)
    holder_span: Span | None = None
    attitude_span: Span | None = None
    target_span: Span | None = None
    content_span: Span | None = None
    on_record_support: list[int] = field(default_factory=list)


def attitude_hedge(attitude: str | None) -> str:
    """How a headline hedges its own attitude — the modal ("may" of "may be confident"), the adverb ("reportedly" of
    "reportedly confident"), the reporting passive ("said to" of "said to be confident") — or, for a claim credited
    to no one, the hedge that is its attitude: those, a raising verb ("appears to"), an accusation passive ("accused
    of", "blamed for"), a rumour tag ("rumor": "[Rumor] …"), a reporting participle without its infinitive ("said":
    "X said identified as …"), a qualifier of the subject ("unverified") or a hearsay noun opening the headline
    ("fears": "Fears X beheaded"); "" when it does not."""
    words = (attitude or "").split()
    if words[:1] and (words[0] in HEDGE_MODALS or words[0] in HEDGE_ADVERBS or words[0] in RUMOUR_TAGS
                      or (len(words) == 1 and (words[0] in REPORTATIVE_PARTICIPLES or words[0] in UNVERIFIED_QUALIFIERS
                                               or words[0] in HEARSAY_OPENERS))):
        return words[0]
    if len(words) > 1 and ACCUSATION_PASSIVES.get(words[0]) == words[1]:
        return f"{words[0]} {words[1]}"
    raised = words[0] in REPORTATIVE_PARTICIPLES or words[0] in RAISING_HEDGES or words[0] in LOOKS_TO_BE if words else False
    return f"{words[0]} to" if len(words) > 1 and words[1] == "to" and raised else ""


def asks(headline: str) -> bool:
    """Whether a headline is a question ("Is Banksy dead?"): it asks, and claims nothing a body could back or deny."""
    return headline.rstrip().endswith("?")


def headline_hedged(claim: "HeadlineClaim", headline: str) -> bool:
    """Whether a headline hedges its own claim and credits it to no one ("Apple reportedly buying Beats", "Apple may
    buy Beats") or asks it ("Is Banksy dead?"): a report that does not assert what it reports, which corroboration
    weighs less. A headline that credits someone ("Officials say …") is that source's report, not hedged by this."""
    if claim.holder:
        return False
    return asks(headline) or bool(attitude_hedge(claim.attitude))


@dataclass
class Stance:
    label: str
    scores: dict[str, float]
    evidence: list[int] = field(default_factory=list)
    model: str = ""


@dataclass
class Verdict:
    label: str
    confidence: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class Entity:
    name: str
    label: str
    mentions: int
    spans: list[list[int]] = field(default_factory=list)


@dataclass
class Summary:
    """Counts over a report. ``named_sources`` and ``anonymous_sources`` count distinct sources, not attributions:
    Jeff Bewkes credited twice is one named source (by resolved name, case folded); anonymous sources by their
    words ("a source close to the family" twice is one), all unstated ones ("is said to", "reportedly") as one; a
    negated attribution credits no one ("nobody said", "X declined to comment"). ``direct_quotes`` counts the
    direct-quote attributions."""

    sentences: int
    speculative_sentences: int
    speculative_ratio: float
    direct_quotes: int
    named_sources: int
    anonymous_sources: int
    checkworthy_claims: int


@dataclass
class Report:
    headline: str
    body: str
    source: str | None
    url: str | None
    published: str | None
    headline_claim: HeadlineClaim
    stance: Stance
    verdict: Verdict
    sentences: list[Sentence]
    attributions: list[Attribution]
    entities: list[Entity]
    clickbait: float
    summary: Summary
    warnings: list[str] = field(default_factory=list)
    id: str | None = None  # the article's id in a batch (given, or its line / row / file name)
    schema: str = SCHEMA

    def checkworthy_sentences(self, threshold: float = CHECKWORTHY_THRESHOLD) -> list[Sentence]:
        """The sentences scoring at least ``threshold`` for check-worthiness, highest score first."""
        return sorted((s for s in self.sentences if s.checkworthy >= threshold), key=lambda s: (-s.checkworthy, s.index))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        # schema first, for readers of raw JSON
        return {"schema": d.pop("schema"), **d}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


# Determiners that make no two people of a description: "an official" … "the official" (or "one official") is one
# source; "another official", "a second official" stay apart.
_SAME_DETERMINERS = frozenset({"a", "an", "one", "the", "this", "that", "these", "those"})


def _who(source: Source) -> str:
    """Who a source is, for counting distinct sources: its resolved name (or its text), case and spacing folded;
    every unstated source ("is said to", "reportedly") is the one unstated source; an anonymous description without its
    leading determiner ("one official", "the official": "official")."""
    words = (source.resolved or source.text).casefold().split()
    if source.kind == "anonymous" and len(words) > 1 and words[0] in _SAME_DETERMINERS:
        words = words[1:]
    return " ".join(words)


# Whether a bare definite description ("the official", "the source") counts as the anonymous source named before it
# with the same head noun ("one American official said … The official added …"): the seventh and eighth audits found
# one unnamed official counted two or three times (session 37).
SAME_HEAD_ANONYMOUS = True
_BACK_REFERENCE = frozenset({"the", "this", "that"})


def _anonymous_count(sources: list[Source]) -> int:
    """The distinct anonymous sources among ``sources`` (in text order): :func:`_who`, and a "the NOUN" that takes up
    an earlier anonymous source ending in the same noun (:data:`SAME_HEAD_ANONYMOUS`) is not counted again."""
    seen: set[str] = set()
    heads: set[str] = set()
    for source in sorted(sources, key=lambda s: s.start):
        words = (source.resolved or source.text).casefold().split()
        if (SAME_HEAD_ANONYMOUS and len(words) == 2 and words[0] in _BACK_REFERENCE and words[1] in heads):
            continue
        seen.add(_who(source))
        if words:
            heads.add(words[-1])
    return len(seen)


def summarize(sentences: list[Sentence], attributions: list[Attribution],
              checkworthy_threshold: float = CHECKWORTHY_THRESHOLD) -> Summary:
    n = len(sentences)
    spec = sum(1 for s in sentences if s.speculative)
    # a source is someone credited with a statement or a belief: "nobody said", "no agency confirms", "X declined to
    # comment" credit none (the attributions stay in the report, marked negated)
    credited = [a for a in attributions if not a.negated]
    return Summary(
        sentences=n,
        speculative_sentences=spec,
        speculative_ratio=round(spec / n, 4) if n else 0.0,
        direct_quotes=sum(1 for a in attributions if a.type == "direct_quote"),
        named_sources=len({" ".join(name.casefold().split()) for a in credited
                           if a.source.kind in ("named_person", "named_org") for name in a.source.names}),
        anonymous_sources=_anonymous_count([a.source for a in credited if a.source.kind == "anonymous"]),
        checkworthy_claims=sum(1 for s in sentences if s.checkworthy >= checkworthy_threshold),
    )


# --------------------------------------------------------------------------- JSON Schema

SCHEMA_ID = "https://onrecord.invalid/schema/report-1.json"  # a name, not a place: nothing is fetched from it

# What the type hints cannot say: vocabularies, probabilities, the version constant.
_PROBABILITY = {"type": "number", "minimum": 0, "maximum": 1}
_FIELD_RULES: dict[tuple[str, str], dict[str, Any]] = {
    ("Report", "schema"): {"const": SCHEMA},
    ("Report", "clickbait"): _PROBABILITY,
    ("Stance", "label"): {"enum": list(STANCE_LABELS)},
    ("Stance", "scores"): {"type": "object", "required": list(STANCE_LABELS),
                           "properties": {k: _PROBABILITY for k in STANCE_LABELS}},
    ("Verdict", "label"): {"enum": list(VERDICT_LABELS)},
    ("Verdict", "confidence"): _PROBABILITY,
    ("Attribution", "type"): {"enum": list(ATTRIBUTION_TYPES)},
    ("Source", "kind"): {"enum": list(SOURCE_KINDS)},
    ("Hedge", "type"): {"enum": list(HEDGE_TYPES)},
    ("Sentence", "checkworthy"): _PROBABILITY,
    ("Sentence", "speculation_score"): _PROBABILITY,
    ("Summary", "speculative_ratio"): _PROBABILITY,
}
# Fields with a default that every report still carries (validate() requires them); the other defaulted fields
# may be missing from reports written before they were added within onrecord.report/1 (id, continuation …).
_ALWAYS = {("Report", "schema"), ("Sentence", "speculative"), ("Sentence", "checkworthy"), ("Verdict", "reasons"),
           *(("HeadlineClaim", k) for k in ("holder", "attitude", "target", "content", "on_record_support"))}
_COUNTS = {"start", "end", "index", "mentions", "sentence", "sentences", "speculative_sentences", "direct_quotes",
           "named_sources", "anonymous_sources", "checkworthy_claims"}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report's JSON form, built from the dataclasses above.

    It checks structure, types, vocabularies and ranges, so that a pipeline in any language can validate a
    report; :func:`validate` also checks what a schema cannot: that every offset points at its text.
    Fields may be added within ``onrecord.report/1`` (objects allow unknown keys); a breaking change bumps it.
    ``onrecord schema`` prints it; ``docs/report.schema.json`` is its copy in the repository.
    """
    defs: dict[str, Any] = {}
    root = _object_schema(Report, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": f"onrecord report ({SCHEMA})", **root, "$defs": dict(sorted(defs.items()))}


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties = {}
    for f in dataclasses.fields(cls):
        rule = _FIELD_RULES.get((cls.__name__, f.name))
        schema = _type_schema(hints[f.name], defs)
        if rule is not None:
            nullable = isinstance(schema.get("type"), list) and "null" in schema["type"]
            schema = {**rule, "type": [rule["type"], "null"]} if nullable and "type" in rule else dict(rule)
        elif f.name in _COUNTS and "integer" in str(schema.get("type")):
            schema["minimum"] = 0
        properties[f.name] = schema
    order = ["schema"] if "schema" in properties else []
    names = order + [n for n in properties if n not in order]
    defaulted = {f.name for f in dataclasses.fields(cls)
                 if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING}
    required = [n for n in names if n not in defaulted or (cls.__name__, n) in _ALWAYS]
    return {"type": "object", "required": required, "properties": {n: properties[n] for n in names}}


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        inner = _type_schema(next(a for a in args if a is not type(None)), defs)
        if "$ref" in inner:
            return {"anyOf": [inner, {"type": "null"}]}
        return {**inner, "type": [inner["type"], "null"]}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    if dataclasses.is_dataclass(hint):
        if hint.__name__ not in defs:
            defs[hint.__name__] = {}  # placeholder against recursion
            defs[hint.__name__] = _object_schema(hint, defs)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if hint in simple:
        return {"type": simple[hint]}
    raise TypeError(f"no JSON Schema for {hint!r}")


# --------------------------------------------------------------------------- validation

class ReportError(ValueError):
    """A report dict that breaks the onrecord.report/1 contract."""


def _need(cond: bool, msg: str) -> None:
    if not cond:
        raise ReportError(msg)


def _check_span(d: dict, text: str, where: str) -> None:
    _need(isinstance(d.get("start"), int) and isinstance(d.get("end"), int), f"{where}: start/end must be ints")
    _need(0 <= d["start"] <= d["end"] <= len(text), f"{where}: offsets {d['start']}..{d['end']} out of range")
    key = "text" if "text" in d else "cue"
    _need(text[d["start"]:d["end"]] == d[key], f"{where}: {key} does not match offsets")


def validate(report: dict[str, Any]) -> None:
    """Raise :class:`ReportError` unless ``report`` keeps the onrecord.report/1 contract.

    Checks field presence and types, label vocabularies, probability ranges and
    that every offset points at the text it claims to. Any malformation raises ReportError, whatever its shape (a
    list where an object belongs, a missing key, a string for a number).
    """
    if not isinstance(report, dict):
        raise ReportError(f"a report must be a JSON object, not {type(report).__name__}")
    try:
        _validate(report)
    except ReportError:
        raise
    except (KeyError, TypeError, AttributeError, ValueError, IndexError) as exc:
        raise ReportError(f"malformed report ({type(exc).__name__}: {exc})") from None


def _validate(report: dict[str, Any]) -> None:
    _need(report.get("schema") == SCHEMA, f"schema must be {SCHEMA!r}")
    for k in ("headline", "body"):
        _need(isinstance(report.get(k), str), f"{k} must be a string")
    for k in ("source", "url", "published", "id"):
        if k == "id" and k not in report:
            continue
        _need(k in report and (report[k] is None or isinstance(report[k], str)), f"{k} must be a string or null")
    body, headline = report["body"], report["headline"]

    hc = report.get("headline_claim")
    _need(isinstance(hc, dict), "headline_claim missing")
    for k in ("holder", "attitude", "target", "content"):
        _need(k in hc and (hc[k] is None or isinstance(hc[k], str)), f"headline_claim.{k} must be a string or null")
    for k in ("holder_span", "attitude_span", "target_span", "content_span"):
        if hc.get(k) is not None:
            _check_span(hc[k], headline, f"headline_claim.{k}")
    _need(isinstance(hc.get("on_record_support"), list), "headline_claim.on_record_support must be a list")

    st = report.get("stance")
    _need(isinstance(st, dict) and st.get("label") in STANCE_LABELS, "stance.label invalid")
    _need(set(st.get("scores", {})) == set(STANCE_LABELS), "stance.scores must have the four labels")
    _need(all(0.0 <= float(v) <= 1.0 for v in st["scores"].values()), "stance.scores must be probabilities")
    _need(abs(sum(st["scores"].values()) - 1.0) < 1e-3, "stance.scores must sum to 1")

    v = report.get("verdict")
    _need(isinstance(v, dict) and v.get("label") in VERDICT_LABELS, "verdict.label invalid")
    _need(0.0 <= float(v.get("confidence", -1)) <= 1.0, "verdict.confidence must be in [0, 1]")
    _need(isinstance(v.get("reasons"), list) and all(isinstance(r, str) for r in v["reasons"]), "verdict.reasons must be strings")

    sents = report.get("sentences")
    _need(isinstance(sents, list), "sentences must be a list")
    for i, s in enumerate(sents):
        _need(s.get("index") == i, f"sentences[{i}].index must be {i}")
        _check_span(s, body, f"sentences[{i}]")
        _need(isinstance(s.get("speculative"), bool), f"sentences[{i}].speculative must be bool")
        _need(0.0 <= float(s.get("checkworthy", -1)) <= 1.0, f"sentences[{i}].checkworthy must be in [0, 1]")
        for j, h in enumerate(s.get("hedges", [])):
            _check_span(h, body, f"sentences[{i}].hedges[{j}]")
            _need(h.get("type") in HEDGE_TYPES, f"sentences[{i}].hedges[{j}].type invalid")
    for n in st.get("evidence", []):
        _need(isinstance(n, int) and 0 <= n < len(sents), "stance.evidence must be sentence indices")

    atts = report.get("attributions")
    _need(isinstance(atts, list), "attributions must be a list")
    for i, a in enumerate(atts):
        _need(a.get("type") in ATTRIBUTION_TYPES, f"attributions[{i}].type invalid")
        _need(isinstance(a.get("hedged"), bool), f"attributions[{i}].hedged must be bool")
        _need(isinstance(a.get("negated", False), bool), f"attributions[{i}].negated must be bool")
        _need(a["source"].get("kind") in SOURCE_KINDS, f"attributions[{i}].source.kind invalid")
        for part in ("source", "cue", "content"):
            _check_span(a[part], body, f"attributions[{i}].{part}")
        for j, piece in enumerate(a.get("continuation", [])):
            _check_span(piece, body, f"attributions[{i}].continuation[{j}]")
    for n in hc["on_record_support"]:
        _need(isinstance(n, int) and 0 <= n < len(atts), "on_record_support must be attribution indices")

    ents = report.get("entities")
    _need(isinstance(ents, list), "entities must be a list")
    for e in ents:
        _need(isinstance(e.get("name"), str) and isinstance(e.get("mentions"), int), "entity needs name and mentions")
    _need(0.0 <= float(report.get("clickbait", -1)) <= 1.0, "clickbait must be in [0, 1]")
    sm = report.get("summary")
    _need(isinstance(sm, dict), "summary missing")
    for k in ("sentences", "speculative_sentences", "speculative_ratio", "direct_quotes",
              "named_sources", "anonymous_sources", "checkworthy_claims"):
        _need(k in sm, f"summary.{k} missing")
    _need(sm["sentences"] == len(sents), "summary.sentences must count the sentences")


def from_json(text: str) -> dict[str, Any]:
    """Parse and validate a report's JSON form (:class:`ReportError` if it is not JSON or breaks the contract)."""
    try:
        d = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ReportError(f"not JSON ({exc})") from None
    validate(d)
    return d
