"""Terminal view: what a reader needs at a glance, built with rich ``Text`` objects.

Article text never goes through rich's markup parser (a body containing "[bold]" stays literal),
and control characters are replaced so an article can't drive the terminal (no ANSI escapes).
"""

from __future__ import annotations

import io
import re

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..report import CHECKWORTHY_THRESHOLD, Report, Source, asks

CHECKWORTHY_SHOWN = 8  # check-worthy sentences listed in the terminal view; the JSON has every score
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_VERDICT_STYLE = {"supported": "bold green", "unsupported": "bold yellow", "contradicted": "bold red",
                  "unrelated": "bold bright_black"}


def safe(text: str | None) -> str:
    """Text with terminal control characters (ESC, bidi overrides …) replaced by U+FFFD."""
    return _CONTROL.sub("\ufffd", text or "")


def _clip(text: str, n: int = 110) -> str:
    text = " ".join(safe(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _source_cell(source: Source) -> str:
    """Who a source is, for the attributions table: a name as is; a pronoun or description resolved to a name
    with its words ("Barack Obama (the president)", "Donald Trump (he)"); anything else with its kind."""
    if source.kind.startswith("named"):
        return safe(source.who)  # "Donald Trump and Hillary Clinton" for "Trump and Clinton"
    if source.kind in ("pronoun", "description") and source.resolved and source.text:
        return f"{safe(source.resolved)} ({_clip(source.text, 40)})"
    return f"{safe(source.resolved or source.text) or 'unstated'} ({source.kind})"


def _sentence_with_cues(report: Report, index: int, color: bool) -> Text:
    s = report.sentences[index]
    t = Text()
    pos = s.start
    for h in sorted(s.hedges, key=lambda h: h.start):
        if h.start < pos:
            continue
        t.append(safe(report.body[pos:h.start]))
        cue = safe(report.body[h.start:h.end])
        t.append(cue if color else f"«{cue}»", style="bold black on yellow")
        pos = h.end
    t.append(safe(report.body[pos:s.end]))
    return t


def render_text(report: Report, width: int = 100, color: bool = False) -> str:
    r = report
    parts: list = []
    head = Text(safe(r.headline), style="bold")
    meta = " · ".join(safe(x) for x in (r.source, r.published, r.url) if x)
    if meta:
        head.append("\n" + meta, style="dim")
    parts.append(head)

    c = r.headline_claim
    claim = Text("Headline claim: ", style="bold")
    if c.holder:
        claim.append(f"{safe(c.holder)} — {safe(c.attitude)} — ")
        if c.target:
            claim.append(f"{safe(c.target)} — ")
        claim.append(safe(c.content), style="italic")
    elif c.attitude and c.content:
        claim.append(f"hedged by the headline ({safe(c.attitude)}), credited to no one — ")
        claim.append(safe(c.content), style="italic")
    elif asks(r.headline):
        claim.append("a question (it asks; it claims nothing)")
    else:
        claim.append("a plain statement (no one is credited with it)")
    parts.append(claim)

    v = Text("Verdict: ", style="bold")
    v.append(r.verdict.label.upper(), style=_VERDICT_STYLE.get(r.verdict.label, "bold"))
    v.append(f"  (confidence {r.verdict.confidence:.2f})")
    for reason in r.verdict.reasons:
        v.append(f"\n  • {safe(reason)}")
    parts.append(Panel(v, expand=True))

    scores = "  ".join(f"{k} {p:.2f}" for k, p in r.stance.scores.items())
    sm = r.summary
    facts = Table.grid(padding=(0, 2))
    facts.add_row("Stance", f"{r.stance.label}   ({scores})")
    facts.add_row("Sentences", f"{sm.sentences}, speculative {sm.speculative_sentences} ({sm.speculative_ratio:.0%})")
    facts.add_row("Sources", f"{sm.direct_quotes} direct quotes · {sm.named_sources} named · {sm.anonymous_sources} anonymous")
    facts.add_row("Check-worthy", f"{sm.checkworthy_claims} sentences · clickbait {r.clickbait:.2f}")
    parts.append(facts)
    if r.warnings:  # before the findings they qualify ("the article does not read as English …")
        parts.append(Text("Warnings: " + "; ".join(safe(w) for w in r.warnings), style="yellow"))

    if r.attributions:
        t = Table(title="Attributions (hedged = the author hedges the attribution itself; "
                        "not = the source is said NOT to say or hold it)", title_justify="left",
                  box=None, expand=True, pad_edge=False)
        t.add_column("#", justify="right")
        t.add_column("type", no_wrap=True)
        t.add_column("source", ratio=2)
        t.add_column("cue", min_width=12, max_width=20)
        t.add_column("hedged", no_wrap=True)
        t.add_column("content", ratio=4)
        for i, a in enumerate(r.attributions):
            src = _source_cell(a.source)
            t.add_row(str(i), a.type.replace("_", " ") + (" · not" if a.negated else ""), src, safe(a.cue.text),
                      ", ".join(safe(x) for x in a.hedge_cues) if a.hedged else "—",
                      _clip(a.content_text, 90))
        parts.append(t)

    spec = [s.index for s in r.sentences if s.speculative]
    if spec:
        body = Text("Speculative sentences (hedge cues " + ("highlighted" if color else "in «»") + "):", style="bold")
        for i in spec:
            body.append(f"\n[{i}] ")
            body.append_text(_sentence_with_cues(r, i, color))
        parts.append(body)

    worthy = r.checkworthy_sentences()
    if worthy:
        body = Text(f"Check-worthy sentences (score >= {CHECKWORTHY_THRESHOLD:.2f}, highest first):", style="bold")
        for s in worthy[:CHECKWORTHY_SHOWN]:
            body.append(f"\n[{s.index}] {s.checkworthy:.2f}  {_clip(s.text, 240)}")
        if len(worthy) > CHECKWORTHY_SHOWN:
            body.append(f"\n… and {len(worthy) - CHECKWORTHY_SHOWN} more (every sentence's score is in --format json)")
        parts.append(body)

    if r.entities:
        parts.append(Text("Entities: " + " · ".join(f"{safe(e.name)} ({e.label}, {e.mentions})" for e in r.entities[:12])))

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      highlight=False, emoji=False, markup=False)
    console.print(Group(*parts))
    return buf.getvalue()
