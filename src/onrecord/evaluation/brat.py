"""brat standoff (.ann) for attribution relations, as PolNeAR writes them.

Each attribution is a set of T lines (``T1<TAB>Source 89 106<TAB>The New York Post``; a span may
have ``;``-separated fragments) tied by an E line
(``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``). An attribution without a source uses the
trigger label ``Attribution-no-source``; extra content pieces come as ``Content2`` … roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_text
from ..errors import InputError

Fragments = tuple[tuple[int, int], ...]

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass(frozen=True)
class BratAttribution:
    """One attribution relation: character fragments of its source (None if absent), cue and content."""

    source: Fragments | None
    cue: Fragments
    content: Fragments


def _fragments(spec: str) -> Fragments:
    return tuple(sorted((int(a), int(b)) for a, b in (part.split() for part in spec.split(";"))))


def parse_ann(text: str) -> list[BratAttribution]:
    """The attributions of one .ann file's text (lines that are neither T nor E are skipped:
    notes, and continuation lines of span texts that hold a line break)."""
    spans: dict[str, Fragments] = {}
    events: list[str] = []
    for line in text.splitlines():
        if m := _T_LINE.match(line):
            spans[m.group(1)] = _fragments(m.group(3))
        elif m := _E_LINE.match(line):
            events.append((m.group(1), m.group(2)))
    out = []
    for eid, args in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for arg in args.split():
            role, _, tid = arg.partition(":")
            if tid not in spans:  # gold that lost a span: refused, not scored smaller without a word
                raise ValueError(f"{eid} refers to {tid}, which no T line defines")
            role = "Content" if role.startswith("Content") else role
            roles.setdefault(role, []).extend(spans[tid])
        if "Cue" in roles and "Content" in roles:
            source = tuple(sorted(roles["Source"])) if "Source" in roles else None
            out.append(BratAttribution(source, tuple(sorted(roles["Cue"])), tuple(sorted(roles["Content"]))))
    return out


def read_ann(path: Path) -> list[BratAttribution]:
    """Read a brat .ann file; raise :class:`InputError` when it can't be read."""
    try:
        text = path.read_text(encoding="utf-8")
        attributions = parse_ann(text)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise InputError(f"cannot read brat annotations {path}: {e}") from e
    if text.strip() and not any(_BRAT_LINE.match(line) for line in text.splitlines()):
        raise InputError(f"{path}: not a brat .ann file (no line starts with an annotation id such as T1 or E1)")
    return attributions


_BRAT_LINE = re.compile(r"[TRAEMN#*]\d*\t")  # brat's annotation ids: text-bound, relation, attribute, event, …


def format_ann(attributions: list[BratAttribution], text: str) -> str:
    """The .ann text for ``attributions`` over document ``text`` (PolNeAR's layout)."""
    lines: list[str] = []
    t = 0

    def span_line(label: str, frags: Fragments) -> str:
        nonlocal t
        t += 1
        spec = ";".join(f"{s} {e}" for s, e in frags)
        words = " ".join(text[s:e] for s, e in frags).replace("\n", " ").replace("\r", " ")
        lines.append(f"T{t}\t{label} {spec}\t{words}")
        return f"T{t}"

    for n, att in enumerate(attributions, 1):
        args = []
        if att.source is not None:
            args.append(f"Source:{span_line('Source', att.source)}")
        args.append(f"Cue:{span_line('Cue', att.cue)}")
        args.append(f"Content:{span_line('Content', att.content)}")
        trigger = "Attribution" if att.source is not None else "Attribution-no-source"
        lines.append(f"E{n}\t{trigger}:{span_line(trigger, att.cue)} " + " ".join(args))
    return "".join(line + "\n" for line in lines)


def write_ann(path: Path, attributions: list[BratAttribution], text: str) -> None:
    """Write ``attributions`` over ``text`` as a brat .ann file at ``path``."""
    write_text(path, format_ann(attributions, text))
