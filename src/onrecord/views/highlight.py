"""Cut the body into segments that carry the highlight classes of every finding over them."""

from __future__ import annotations

from dataclasses import dataclass

from ..report import CHECKWORTHY_THRESHOLD, Report


@dataclass
class Segment:
    text: str
    classes: tuple[str, ...]
    title: str = ""


def marks(report: Report) -> list[tuple[int, int, str, str]]:
    """(start, end, css class, tooltip) for every highlighted finding in the body."""
    out: list[tuple[int, int, str, str]] = []
    evidence = set(report.stance.evidence)
    for s in report.sentences:
        if s.speculative:
            out.append((s.start, s.end, "spec", f"speculative sentence (score {s.speculation_score:.2f})"))
        if s.index in evidence:
            out.append((s.start, s.end, "evidence", "stance evidence"))
        if s.checkworthy >= CHECKWORTHY_THRESHOLD:
            out.append((s.start, s.end, "cw", f"check-worthy claim (score {s.checkworthy:.2f})"))
        for h in s.hedges:
            out.append((h.start, h.end, "hedge", f"hedge cue: {h.type}"))
    for i, a in enumerate(report.attributions):
        tag = (f"attribution {i}: {a.type}{' (hedged by the author)' if a.hedged else ''}"
               f"{' (negated: not said or held)' if a.negated else ''}")
        who = a.source.who
        out.append((a.source.start, a.source.end, "source", f"{tag}; source: {who} ({a.source.kind})"))
        out.append((a.cue.start, a.cue.end, "cue", tag))
        out.extend((c.start, c.end, "content", tag) for c in a.content_parts)
    return [m for m in out if 0 <= m[0] < m[1] <= len(report.body)]


def segments(report: Report) -> list[Segment]:
    """The body as consecutive segments, each with the classes of the marks covering it."""
    ms = marks(report)
    cuts = sorted({0, len(report.body), *(m[0] for m in ms), *(m[1] for m in ms)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        over = [m for m in ms if m[0] <= a and b <= m[1]]
        classes = tuple(sorted({m[2] for m in over}))
        title = "; ".join(dict.fromkeys(m[3] for m in over if m[2] in ("hedge", "source", "cue", "cw")))
        out.append(Segment(report.body[a:b], classes, title))
    return out
