"""onrecord: read news the way a careful fact-checker does.

>>> from onrecord import Article, audit
>>> report = audit(Article(headline="Putin confident Trump can end the war", body="..."))
>>> report.verdict.label
"""

from __future__ import annotations

__version__ = "0.1.0"

from .article import Article
from .audit import audit, audit_many
from .report import SCHEMA, Report

__all__ = ["Article", "Report", "SCHEMA", "__version__", "audit", "audit_many"]
