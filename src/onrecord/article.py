"""Article: what onrecord audits — a headline, a body and what is known of their origin."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    headline: str
    body: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    id: str | None = None
    warnings: list[str] = field(default_factory=list)
