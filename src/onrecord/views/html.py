"""Self-contained HTML view (one file, inline CSS, no scripts, everything escaped by Jinja2)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from ..report import Report
from .highlight import segments


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=PackageLoader("onrecord", "views/templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def render_html(report: Report) -> str:
    return _env().get_template("report.html.j2").render(r=report, segments=segments(report))
