"""Actors: who is said to hold or voice what about whom, across a corpus.

One row per attribution in every stored report — one per name of a coordinated source ("Trump and Clinton
point out …" gives a row for each) — : the **source** (resolved name), the **targets** (the
named people and organisations its content mentions, by the report's own entities), whether it is **on
record** (a direct quote or reported speech neither hedged by the author nor negated) or only a belief the
author ascribes, whether the author **hedges** it ("Putin *may* believe"), and whether it is **negated**
("Putin *did not say* …", "declined to comment": the source is named but credited with nothing). Each
headline's own claim is a row too (``found_in`` "headline"; type ``headline_claim``): its holder — under the
body's fuller name for them when the body has one — its attitude as the cue, on record when the body quotes or
reports the holder behind the claim, hedged when the headline hedges its own attitude ("Putin May Be
Confident …"). So "Putin — confident — Trump …" over a body that never quotes Putin shows as a headline row
with ``on_record`` 0 beside the body's hedged belief rows. :func:`edges` folds the rows into
source → target counts, the network a researcher starts from.

Across articles one actor is written many ways ("Obama", "Barack Obama"). Each row's **entity** is the corpus's one
name for its actor (:mod:`onrecord.corpus.identities`), and its targets are written under their entities too; an
actor that names no one beyond its article (an unresolved "they", the author's "I", "officials", "the report") has
no entity. :func:`edges` keys the network by entity and leaves such rows out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..report import CONTENT_JOIN, attitude_hedge
from ..verdict import same_person
from .identities import Identities

COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "int"), ("headline", "str"), ("source_outlet", "str"), ("published", "str"),
    ("actor", "str"), ("entity", "str"), ("actor_kind", "str"), ("type", "str"), ("on_record", "int"), ("hedged", "int"),
    ("negated", "int"), ("hedge_cues", "str"), ("cue", "str"), ("targets", "str"), ("content", "str"),
    ("found_in", "str"),
)
EDGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("actor", "str"), ("target", "str"), ("attributions", "int"), ("on_record", "int"), ("hedged", "int"),
    ("beliefs", "int"), ("articles", "int"),
)
_NAMED = ("PERSON", "ORG", "NORP", "GPE")
# Source kinds that name no one a reader could find in another article, whatever their words.
_NO_ENTITY_KINDS = frozenset({"author", "anonymous", "record"})
_NAMED_KINDS = frozenset({"named_person", "named_org"})


def _targets(report: Mapping[str, Any], parts: list[Mapping[str, Any]], actor: str | None) -> list[str]:
    """The named entities (other than the actor) mentioned inside the content's parts."""
    names = []
    for e in report["entities"]:
        if e["label"] in _NAMED and e["name"] != actor and any(
                p["start"] <= s < p["end"] for s, _ in e.get("spans", []) for p in parts):
            names.append(e["name"])
    return names


def _headline_row(meta: Mapping[str, Any], report: Mapping[str, Any], body_actors: list[str]) -> dict[str, Any] | None:
    """The headline's claim as an actor row (None without a holder): the holder under the longest body actor or
    named entity that is the same person ("Putin" → "Vladimir Putin"), the target as the claim's target."""
    hc = report.get("headline_claim") or {}
    holder = hc.get("holder")
    if not holder:
        return None
    names = body_actors + [e["name"] for e in report["entities"] if e["label"] in _NAMED]
    actor = max((n for n in names if same_person(n, holder)), key=len, default=holder)
    target = hc.get("target")
    modal = attitude_hedge(hc.get("attitude"))  # "may be confident": the headline hedges itself
    return {
        "article_id": meta.get("article_id"), "headline": report["headline"],
        "source_outlet": report.get("source"), "published": report.get("published"),
        "actor": actor, "actor_kind": "headline", "type": "headline_claim",
        "on_record": int(bool(hc.get("on_record_support"))), "hedged": int(bool(modal)), "negated": 0,
        "hedge_cues": modal,
        "cue": hc.get("attitude") or "", "targets": target if target and target != actor else "",
        "content": hc.get("content") or "", "found_in": "headline",
    }


def rows(reports: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
         identities: Identities | None = None) -> Iterator[dict[str, Any]]:
    """Attribution rows from (article metadata, report) pairs, as :meth:`Store.reports` yields them: the
    headline's claim first (:func:`_headline_row`), then the body's attributions. ``identities`` names each actor's
    and target's entity; by default it is built from ``reports`` themselves (read twice; pass it, built from the
    same reports, when they come from a one-pass iterator)."""
    if identities is None:
        reports = list(reports)
        identities = Identities.from_reports(reports)
    for row in _rows(reports):
        kind = row["actor_kind"]
        row["entity"] = "" if kind in _NO_ENTITY_KINDS else identities.entity(row["actor"], kind in _NAMED_KINDS)
        targets = (identities.canonical(t) for t in filter(None, row["targets"].split("; ")))
        row["targets"] = "; ".join(t for t in dict.fromkeys(targets) if t != row["entity"])
        yield {c: row[c] for c, _ in COLUMNS}


def _rows(reports: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> Iterator[dict[str, Any]]:
    for meta, report in reports:
        actors = [[a["source"].get("resolved") or a["source"]["text"], *a["source"].get("others", [])]
                  for a in report["attributions"]]
        head = _headline_row(meta, report, [n for names in actors for n in names if n])
        if head is not None:
            yield head
        for a, names in zip(report["attributions"], actors):
            for actor in names:
                if not actor:  # an unstated source ("reportedly", "X is expected to") is no actor
                    continue
                yield _body_row(meta, report, a, actor)


def _body_row(meta: Mapping[str, Any], report: Mapping[str, Any], a: Mapping[str, Any], actor: str) -> dict[str, Any]:
    """One body attribution as ``actor``'s row."""
    parts = [a["content"], *a.get("continuation", [])]
    return {
        "article_id": meta.get("article_id"), "headline": report["headline"],
        "source_outlet": report.get("source"), "published": report.get("published"),
        "actor": actor, "actor_kind": a["source"]["kind"], "type": a["type"],
        "on_record": int(a["type"] in ("direct_quote", "indirect") and not a["hedged"] and not a.get("negated", False)),
        "hedged": int(a["hedged"]), "negated": int(a.get("negated", False)),
        "hedge_cues": " ".join(a.get("hedge_cues", [])),
        "cue": a["cue"]["text"], "targets": "; ".join(_targets(report, parts, actor)),
        "content": CONTENT_JOIN.join(p["text"] for p in parts), "found_in": "body",
    }


def edges(attribution_rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """entity → target counts (one per named target of each attribution), most frequent first; rows whose actor
    has no entity are left out."""
    counts: dict[tuple[str, str], Counter] = {}
    articles: dict[tuple[str, str], set] = {}
    for r in attribution_rows:
        if not r["entity"]:
            continue
        for target in filter(None, r["targets"].split("; ")):
            key = (r["entity"], target)
            c = counts.setdefault(key, Counter())
            c["attributions"] += 1
            c["on_record"] += r["on_record"]
            c["hedged"] += r["hedged"]
            c["beliefs"] += r["type"] == "belief"
            articles.setdefault(key, set()).add(r["article_id"])
    out = [{"actor": a, "target": t, **c, "articles": len(articles[(a, t)])} for (a, t), c in counts.items()]
    return sorted(out, key=lambda d: (-d["attributions"], d["actor"], d["target"]))
