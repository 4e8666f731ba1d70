"""Self-contained HTML view (one file, inline CSS, no scripts, everything escaped by Jinja2)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from jinja2 import Environment, PackageLoader, select_autoescape

from ..report import Report, asks
from .highlight import segments


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=PackageLoader("onrecord", "views/templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def render_html(report: Report, home: str | None = None) -> str:
    """The report as one page; ``home`` (the web page's address, from ``onrecord serve``) adds a link back."""
    return _env().get_template("report.html.j2").render(r=report, segments=segments(report), home=home,
                                                        asks=asks(report.headline))


def render_form(error: str | None = None, values: Mapping[str, str] | None = None, max_chars: int = 100_000,
                store: str | None = None, failed: str = "Could not audit this") -> str:
    """The web page of ``onrecord serve``: a form for a pasted article, a URL or a file; ``error`` shown above
    it after ``failed`` (what could not be done) and ``values`` (what the user sent) kept in its fields; with a
    ``store``, a claim form too."""
    return _env().get_template("form.html.j2").render(error=error, v=dict(values or {}), max_chars=max_chars,
                                                      store=store, failed=failed)


def render_claim(check: Any, store: str) -> str:
    """A corpus claim check (:class:`onrecord.corpus.claim.ClaimCheck`) as a page: the verdict and each outlet's
    counted report."""
    return _env().get_template("claim.html.j2").render(c=check, store=store)
