"""Readers: turn a file, stdin or a URL into an Article — or one clear InputError.

Supported inputs (see `load`):

- ``.txt``: first non-empty line is the headline (a surrounding pair of quotes is stripped), the rest is
  the body; trailing page boilerplate ("0 Comments", "Share this", "Read more" …) is dropped from its end.
  Markup inside a text file is kept verbatim: escaping is the renderer's job.
- ``.html`` / ``.htm``: main text, title, date and site name extracted with trafilatura.
- ``.json``: one object ``{headline, body, source?, url?, published?, id?}``.
- ``-`` (stdin) and unknown suffixes: the content is sniffed (JSON object, HTML, else text).
- ``http://`` / ``https://`` URLs: fetched by `onrecord.fetch.fetch_url` with its SSRF guards.

Every input is capped at `MAX_BYTES`; binary, empty and undecodable inputs are refused. Invalid UTF-8 is
replaced and reported in ``Article.warnings`` rather than refused.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from onrecord.article import MAX_HEADLINE_CHARS, Article
from onrecord.errors import InputError

MAX_BYTES = 5_000_000
"""Largest input accepted, in bytes (5 MB), for files, stdin and fetched pages alike."""

STDIN_LABEL = "<stdin>"

_BINARY_SAMPLE = 8192
_MAX_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r")
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_REPLACEMENT_UTF8 = "\ufffd".encode()

_QUOTE_PAIRS = {
    '"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb", "\u201e": "\u201c"
}
_BOILERPLATE = re.compile(
    r"""(?ix)^\W*(?:
        \d+\s+comments?
      | comments?\s*\(?\d*\)?
      | no\s+comments(?:\s+yet)?
      | (?:view|show|read)\s+(?:all\s+)?comments
      | leave\s+a\s+(?:comment|reply)
      | add\s+(?:a\s+)?comment
      | join\s+the\s+(?:discussion|conversation)
      | share(?:\s+(?:this|on\s+\w+))?(?:\s+(?:article|story|post|page))?
      | tweet | email | print
      | read\s+more | continue\s+reading | see\s+also
      | related(?:\s+(?:articles|stories|posts|content))?
      | advertisement | sponsored(?:\s+content)? | ad
      | subscribe(?:\s+now)? | sign\s+up(?:\s+for\s+\w+(?:\s+\w+)?)?
    )\W*$""",
)
_HTML_SNIFF = re.compile(r"^\s*<(?:!doctype\s+html|html|head|body|article|meta|title|div|p)\b|<html\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_JSON_ARRAY = re.compile(r"\[\s*[{\[]")
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")

_MANY = "for many articles use onrecord check --batch (JSONL) or POST /api/audit/batch"
_SUFFIX_KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".json": "json"}


def load(
    source: str,
    *,
    allow_private: bool = False,
    stdin: BinaryIO | None = None,
    timeout: float = 10.0,
) -> Article:
    """Read one article from a path, ``-`` (stdin) or an http(s) URL.

    Raises InputError (FetchError for URLs) with a one-line message naming the source.
    ``allow_private`` and ``timeout`` apply to URLs only (see `onrecord.fetch.fetch_url`).
    """
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return _parse_bytes(read_limited(stream, STDIN_LABEL), STDIN_LABEL, kind=None)
    if _URL_LIKE.match(source) and not _exists(source):
        return _load_url(source, allow_private=allow_private, timeout=timeout)
    return load_file(Path(source))


def _exists(path: str) -> bool:
    try:
        return Path(path).exists()
    except OSError:  # a name too long to be a path (a long URL): not a file
        return False


def load_file(path: Path) -> Article:
    """Read one article file, choosing the reader by suffix (.txt, .html/.htm, .json; others sniffed)."""
    return _parse_bytes(read_file(path), str(path), kind=_SUFFIX_KINDS.get(path.suffix.lower()))


@contextmanager
def labelled(label: str) -> Iterator[None]:
    """Prefix the InputErrors raised inside with ``label``: "no body" -> "input.txt: no body"."""
    try:
        yield
    except InputError as err:
        raise InputError(f"{label}: {err}") from None


def read_file(path: Path) -> bytes:
    """Read at most MAX_BYTES + 1 bytes of ``path``; refuse missing files, folders and oversize files."""
    try:
        with path.open("rb") as handle:
            return read_limited(handle, str(path))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory (use --batch for a folder of articles)") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None


def read_limited(stream: BinaryIO, label: str) -> bytes:
    """Read a stream up to the size limit, refusing (without reading further) anything larger."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"{label}: larger than the {format_size(MAX_BYTES)} limit")
    return data


def format_size(n_bytes: int) -> str:
    """A byte count for messages: '5 MB', '300 KB', '12 bytes'."""
    for unit, size in (("MB", 1_000_000), ("KB", 1_000)):
        if n_bytes >= size:
            x = n_bytes / size  # three significant digits: 199,999 bytes are "200 KB", not "199.999 KB"
            return f"{round(x, 2 if x < 10 else 1 if x < 100 else 0):g} {unit}"
    return f"{n_bytes} bytes"


def decode(data: bytes, label: str, charset: str | None = None) -> tuple[str, list[str]]:
    """Decode input bytes to text with universal newlines; return (text, warnings).

    A BOM wins; then a declared ``charset`` (HTTP header or HTML meta) when Python knows it; else UTF-8.
    Invalid bytes are replaced with U+FFFD and counted in a warning. Binary data raises InputError.
    """
    bom_encoding, data = _split_bom(data)
    declared = _known_codec(charset)
    encoding = bom_encoding or declared or "utf-8"
    warnings = []
    if charset and not bom_encoding and declared is None:
        warnings.append(f"{label}: declared charset {charset[:40]!r} is not a text encoding Python knows; read as UTF-8")
    if not encoding.startswith(("utf-16", "utf-32")):
        _refuse_binary(data, label)
    try:
        text = data.decode(encoding, errors="replace")
    except (UnicodeError, ValueError):  # a text codec that fails whatever the error handler (idna, punycode …)
        warnings.append(f"{label}: not decodable as the declared {encoding}; read as UTF-8")
        encoding = "utf-8"
        text = data.decode(encoding, errors="replace")
    bad = _invalid_byte_count(data, text, encoding)
    if bad:
        plural = "s" if bad != 1 else ""
        warnings.append(f"{label}: invalid {encoding.upper()} replaced ({bad} byte{plural})")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise InputError(f"{label}: looks like a binary file, not text")
    return text, warnings


def article_from_text(text: str) -> Article:
    """Plain text: first non-empty line is the headline, the remaining lines are the body."""
    lines = [line.rstrip() for line in text.split("\n")]
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise InputError("no text (empty or whitespace only)")
    headline = clean_headline(lines[start])
    body = clean_body(lines[start + 1 :])
    if not headline:
        raise InputError("the headline (first line) is empty")
    if not body:
        raise InputError("no article body after the headline (first line)")
    if len(headline) > MAX_HEADLINE_CHARS:
        raise InputError(f"the headline (first line) is {len(headline):,} characters long, at most "
                         f"{MAX_HEADLINE_CHARS:,}: is the first line the headline?")
    return Article(headline=headline, body=body)


def article_from_html(html: str, url: str | None = None) -> Article:
    """HTML page: title -> headline, main text -> body, date -> published, site name -> source."""
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = (extracted.text or "").strip() if extracted is not None else ""
    if not text:
        raise InputError("no article text found")
    lines = [line.rstrip() for line in text.split("\n")]
    title = clean_headline(extracted.title or "")
    if title:
        if lines and clean_headline(lines[0]) == title:  # the page's <h1> repeats the title
            lines = lines[1:]
        article = Article(headline=title, body=clean_body(lines))
    else:
        try:
            article = article_from_text(text)
        except InputError:
            raise InputError("no article text found") from None
    if not article.body:
        raise InputError("no article text found")
    final_url = url or extracted.url
    article.url = final_url
    article.source = extracted.sitename or extracted.hostname or _hostname(final_url)
    article.published = extracted.date or None
    return article


def article_from_mapping(data: Any) -> Article:
    """A JSON-like object ``{headline, body, source?, url?, published?, id?}`` -> Article."""
    if not isinstance(data, dict):
        raise InputError(f"expected a JSON object with headline and body, got {_json_type(data)}")
    fields: dict[str, str | None] = {}
    for key in ("headline", "body"):
        value = data.get(key)
        if value is None:
            raise InputError(f"missing field '{key}'")
        if not isinstance(value, str):
            raise InputError(f"field '{key}' must be a string, got {_json_type(value)}")
        if not value.strip():
            raise InputError(f"field '{key}' is empty")
        if "\x00" in value:  # a file with NULs is refused as binary; a JSON escape or CSV field is no different
            raise InputError(f"field '{key}' contains a NUL character (binary data?)")
        fields[key] = value.strip()
    for key in ("source", "url", "published", "id"):
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, (str, int, float, type(None))) \
                or (isinstance(value, float) and not math.isfinite(value)):  # JSON's NaN / Infinity extensions
            raise InputError(f"field '{key}' must be a string, got {_json_type(value)}")
        fields[key] = None if value is None else str(value)
    return Article(**fields)  # type: ignore[arg-type]


def json_article(data: bytes, label: str, fetch: Callable[[str], Article] | None = None) -> Article:
    """The article one JSON object in ``data`` describes (a JSON Lines line, an API request body), with the
    decoding warnings; with ``fetch``, an object ``{url}`` without a body is fetched instead."""
    text, warnings = decode(data, label)
    with labelled(label):
        obj = parse_json(text)
    if fetch is not None and isinstance(obj, dict) and "url" in obj and "body" not in obj:
        return fetch(obj["url"])
    with labelled(label):
        article = article_from_mapping(obj)
    article.warnings.extend(warnings)
    return article


def parse_json(text: str, extra_data_hint: str | None = None) -> Any:
    """json.loads with a one-line error message (``extra_data_hint`` replaces it for trailing values)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data" and extra_data_hint:
            raise InputError(extra_data_hint) from None
        raise InputError(f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
    except RecursionError:  # "[[[[…" thousands deep: the parser's recursion, not a crash of ours
        raise InputError("JSON nested too deeply to be an article") from None
    except ValueError:  # an integer of more than 4,300 digits (Python's limit on converting digits)
        raise InputError("invalid JSON: a number too long to read") from None


def clean_headline(line: str) -> str:
    """Strip whitespace and one surrounding pair of quotes (straight or curly) from a headline."""
    headline = line.strip()
    if len(headline) >= 2:
        opening, closing = headline[0], headline[-1]
        inner = headline[1:-1]
        if _QUOTE_PAIRS.get(opening) == closing and opening not in inner and closing not in inner:
            headline = inner.strip()
    return headline


def clean_body(lines: list[str]) -> str:
    """Join body lines, dropping blank edges and trailing page boilerplate ("0 Comments", "Share this" …)."""
    end = len(lines)
    while end > 0 and (not lines[end - 1].strip() or _BOILERPLATE.match(lines[end - 1])):
        end -= 1
    start = 0
    while start < end and not lines[start].strip():
        start += 1
    return "\n".join(lines[start:end])


def sniff_kind(text: str) -> str:
    """Guess 'json', 'html' or 'text' from the start of decoded content."""
    head = text.lstrip()[:2048]
    if head.startswith("{") or _JSON_ARRAY.match(head):  # "[{…" is JSON; "[Rumor] Apple buys …" a headline
        return "json"
    if _HTML_SNIFF.search(head):
        return "html"
    return "text"


def article_from_content(text: str, kind: str | None, url: str | None = None) -> Article:
    """Dispatch decoded content to the reader for ``kind`` (sniffed when None)."""
    if not text.strip():
        raise InputError("empty (nothing but whitespace)")
    kind = kind or sniff_kind(text)
    if kind == "json":
        data = parse_json(text, extra_data_hint=f"several JSON values (JSONL?): {_MANY}")
        if isinstance(data, list):
            raise InputError(f"expected one JSON object, not an array: {_MANY}")
        article = article_from_mapping(data)
        article.url = article.url or url
        return article
    if kind == "html":
        return article_from_html(text, url=url)
    article = article_from_text(text)
    article.url = url
    article.source = _hostname(url)
    return article


def _parse_bytes(
    data: bytes, label: str, kind: str | None, url: str | None = None, charset: str | None = None
) -> Article:
    if not data.strip():
        noun = "response" if url else "input" if label == STDIN_LABEL else "file"
        raise InputError(f"{label}: {noun} is empty")
    if kind == "html" and charset is None:
        charset = _meta_charset(data)
    text, warnings = decode(data, label, charset)
    with labelled(label):
        article = article_from_content(text, kind, url=url)
    article.warnings.extend(warnings)
    return article


def load_bytes(data: bytes, label: str, *, content_type: str | None = None, filename: str | None = None) -> Article:
    """Read one article from bytes that arrived some other way (an HTTP request body, an uploaded file).

    The reader is chosen by the declared media type (``text/plain``, ``text/html``, ``application/json``;
    its charset is honoured), else by ``filename``'s suffix, else sniffed. Same limits as :func:`load`.
    """
    if len(data) > MAX_BYTES:
        raise InputError(f"{label}: larger than the {format_size(MAX_BYTES)} limit")
    media_type, charset = parse_content_type(content_type)
    kind = _media_kind(media_type) if media_type else None
    if kind is None and filename:
        kind = _SUFFIX_KINDS.get(Path(filename).suffix.lower())
    return _parse_bytes(data, label, kind=kind, charset=charset)


def load_url(url: str, *, allow_private: bool = False, timeout: float = 10.0) -> Article:
    """Fetch and read one article from an http(s) URL, never a local path (unlike :func:`load`, which
    reads a path when one exists by that name): the entry point for URLs from untrusted callers."""
    if not _URL_LIKE.match(url):
        raise InputError(f"{url[:200]!r}: not a URL (give an http:// or https:// address)")
    return _load_url(url, allow_private=allow_private, timeout=timeout)


def _load_url(url: str, *, allow_private: bool, timeout: float) -> Article:
    from onrecord.fetch import fetch_url, url_label

    body, content_type, final_url = fetch_url(
        url, allow_private=allow_private, timeout=timeout, max_bytes=MAX_BYTES
    )
    media_type, charset = parse_content_type(content_type)
    return _parse_bytes(body, url_label(final_url), kind=_media_kind(media_type), url=final_url, charset=charset)


def _media_kind(media_type: str) -> str | None:
    """The reader for a served content type; None (sniff) for the rest."""
    if media_type == "text/plain":
        return "text"
    if "html" in media_type:
        return "html"
    return "json" if "json" in media_type else None


def parse_content_type(content_type: str | None) -> tuple[str, str | None]:
    """``"Text/HTML; charset=UTF-8"`` -> ``("text/html", "UTF-8")``; ``("", None)`` for none."""
    if not content_type:
        return "", None
    media_type, *params = (part.strip() for part in content_type.split(";"))
    charsets = (param.split("=", 1)[1].strip("\"' ") for param in params if param.lower().startswith("charset="))
    charset = next(charsets, None)
    return media_type.lower(), charset


def _split_bom(data: bytes) -> tuple[str | None, bytes]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None, data


def _refuse_binary(data: bytes, label: str) -> None:
    sample = data[:_BINARY_SAMPLE]
    controls = sum(1 for byte in sample if (byte < 0x20 and byte not in _TEXT_CONTROLS) or byte == 0x7F)
    if b"\x00" in data or controls > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(f"{label}: looks like a binary file, not text")


def _known_codec(charset: str | None) -> str | None:
    """The Python codec for a declared charset; None for unknown names and for codecs that are not text
    encodings (a hostile page may declare ``charset=rot13``, ``hex`` or ``zlib``)."""
    if not charset:
        return None
    try:
        info = codecs.lookup(charset)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return "cp1252" if info.name == "iso8859-1" else info.name  # as browsers do (WHATWG encoding standard)


def _invalid_byte_count(data: bytes, text: str, encoding: str) -> int:
    """How many input bytes were replaced by U+FFFD (exact for UTF-8; replacements counted otherwise)."""
    inserted = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if inserted <= 0 or encoding != "utf-8":
        return max(inserted, 0)
    # Valid UTF-8 round-trips byte for byte, so the bytes that did not are the invalid ones.
    return len(data) - (len(text.encode("utf-8")) - len(_REPLACEMENT_UTF8) * inserted)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _hostname(url: str | None) -> str | None:
    return (urlsplit(url).hostname or None) if url else None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
