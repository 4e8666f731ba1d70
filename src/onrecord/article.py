"""Article: what onrecord audits — a headline, a body and what is known of their origin."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import InputError

MAX_BODY_CHARS = 1_000_000  # about 150,000 words, a book; an audit of that takes minutes (the parser allows 2,000,000)
MAX_HEADLINE_CHARS = 2_000
_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters (C0 but tab and line breaks, DEL, C1): a one-line label such as the source or the id carries
# none of them, and a raw NUL or ESC would reach the JSON, the web page and a terminal.
_LABEL_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass
class Article:
    """One article. Headline and body are strings; source, url, published and id strings or None (an integer
    becomes its digits). Text that Python holds but UTF-8 cannot encode (a lone surrogate, as JSON's "\\ud800"
    makes) is replaced by U+FFFD with a warning, as is a control character (NUL, ESC, a line break …) in source, url,
    published or id; a body over :data:`MAX_BODY_CHARS` or a headline over
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
        for name in ("headline", "body", "source", "url", "published", "id"):
            value = getattr(self, name)
            if isinstance(value, str) and type(value) is not str:  # numpy.str_ from a DataFrame: spaCy takes str only
                setattr(self, name, str(value))
        for name in ("source", "url", "published", "id"):
            value = getattr(self, name)
            if isinstance(value, int) and not isinstance(value, bool):
                setattr(self, name, str(value))  # an id of 7 is "7", as the JSON and CSV readers make it
            elif value is not None and not isinstance(value, str):
                raise InputError(f"the {name} must be a string or None, not {type(value).__name__}")
        replaced = self._replace(_SURROGATE, ("headline", "body", "source", "url", "published", "id"))
        if replaced:
            self.warnings.append(f"{replaced} unpaired surrogate code point(s) (not valid Unicode text) "
                                 "replaced with U+FFFD")
        controls = self._replace(_LABEL_CONTROL, ("source", "url", "published", "id"))
        if controls:
            self.warnings.append(f"{controls} control character(s) in the source, url, published or id field "
                                 "replaced with U+FFFD")
        if len(self.body) > MAX_BODY_CHARS:
            raise InputError(f"the article body is {len(self.body):,} characters long; onrecord audits at most "
                             f"{MAX_BODY_CHARS:,} (split it into articles)")
        if len(self.headline) > MAX_HEADLINE_CHARS:
            raise InputError(f"the headline is {len(self.headline):,} characters long, at most {MAX_HEADLINE_CHARS:,}")

    def _replace(self, pattern: re.Pattern[str], names: tuple[str, ...]) -> int:
        """Replace ``pattern``'s matches in the string fields ``names`` by U+FFFD; how many were replaced."""
        replaced = 0
        for name in names:
            value = getattr(self, name)
            if isinstance(value, str) and pattern.search(value):
                value, n = pattern.subn("\ufffd", value)
                setattr(self, name, value)
                replaced += n
        return replaced
