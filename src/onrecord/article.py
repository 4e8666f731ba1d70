"""Article: what onrecord audits — a headline, a body and what is known of their origin."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import InputError

MAX_BODY_CHARS = 1_000_000  # about 150,000 words, a book; an audit of that takes minutes (the parser allows 2,000,000)
MAX_HEADLINE_CHARS = 2_000
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Article:
    """One article. Headline and body are strings; source, url, published and id strings or None (an integer
    becomes its digits). Text that Python holds but UTF-8 cannot encode (a lone surrogate, as JSON's "\\ud800"
    makes) is replaced by U+FFFD with a warning; a body over :data:`MAX_BODY_CHARS` or a headline over
    :data:`MAX_HEADLINE_CHARS` characters, or a field of another type, is an :class:`InputError`."""

    headline: str
    body: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    id: str | None = None
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for name in ("headline", "body"):
            if not isinstance(getattr(self, name), str):
                raise InputError(f"the {name} must be a string, not {type(getattr(self, name)).__name__}")
        for name in ("source", "url", "published", "id"):
            value = getattr(self, name)
            if isinstance(value, int) and not isinstance(value, bool):
                setattr(self, name, str(value))  # an id of 7 is "7", as the JSON and CSV readers make it
            elif value is not None and not isinstance(value, str):
                raise InputError(f"the {name} must be a string or None, not {type(value).__name__}")
        replaced = 0
        for name in ("headline", "body", "source", "url", "published", "id"):
            value = getattr(self, name)
            if isinstance(value, str) and _SURROGATE.search(value):
                value, n = _SURROGATE.subn("\ufffd", value)
                setattr(self, name, value)
                replaced += n
        if replaced:
            self.warnings.append(f"{replaced} unpaired surrogate code point(s) (not valid Unicode text) "
                                 "replaced with U+FFFD")
        if len(self.body) > MAX_BODY_CHARS:
            raise InputError(f"the article body is {len(self.body):,} characters long; onrecord audits at most "
                             f"{MAX_BODY_CHARS:,} (split it into articles)")
        if len(self.headline) > MAX_HEADLINE_CHARS:
            raise InputError(f"the headline is {len(self.headline):,} characters long, at most {MAX_HEADLINE_CHARS:,} "
                             "(plain text: is the first line the headline?)")
