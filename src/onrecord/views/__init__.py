"""Views of a report: JSON (the report's own form), terminal text, self-contained HTML."""

from __future__ import annotations

from ..report import Report
from .html import render_html
from .text import render_text

FORMATS = ("text", "json", "html")


def render(report: Report, fmt: str) -> str:
    if fmt == "json":
        return report.to_json() + "\n"
    if fmt == "html":
        return render_html(report)
    if fmt == "text":
        return render_text(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render", "render_html", "render_text"]
