"""Batch input: many articles from a JSONL file, a CSV file or a folder.

Each iterator yields ``(number, Article | InputError)``: a bad line, row or file is reported with its
position and the batch goes on. Problems with the batch as a whole (missing file, empty folder, CSV
without headline/body columns) raise InputError at once, before anything is yielded.

- JSONL: one object a line, ``{id?, headline, body, source?, url?, published?}``; blank lines are
  skipped; ``number`` is the line number and the id defaults to it. Lines over `readers.MAX_BYTES`
  are refused without being held in memory.
- CSV: a header row with at least ``headline`` and ``body`` (optional id, source, url, published; names
  are matched ignoring case and surrounding spaces);
  ``number`` is the data row (1 = first row after the header) and the id defaults to it.
- Folder: every .txt/.html/.htm/.json file below it (hidden ones skipped), in path order, read as by
  ``onrecord check FILE``; the id defaults to the path relative to the folder (a.txt and a.html differ).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from onrecord import readers
from onrecord.article import Article
from onrecord.errors import InputError

BatchItem = tuple[int, Article | InputError]
DIR_SUFFIXES = (".txt", ".html", ".htm", ".json")
CSV_COLUMNS = ("headline", "body")

_SKIP_CHUNK = 65536
_ESCAPED = re.compile("[\udc80-\udcff]")  # what errors="surrogateescape" makes of a byte that is not UTF-8


ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm")  # one article a file, in a batch as in a folder


def iter_batch(path: str | Path) -> Iterator[BatchItem]:
    """Articles from a folder, a ``.csv`` file, one ``.txt`` / ``.html`` article, or otherwise a JSONL file."""
    if str(path) == "-":
        raise InputError("a batch is read from a file or folder, not from stdin (save it as a .jsonl file)")
    path = Path(path)
    if path.is_dir():
        return iter_dir(path)
    if path.suffix.lower() == ".csv":
        return iter_csv(path)
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        file = _existing_file(path)
        return iter([(1, _item(readers.load_file, file, default_id=file.name))])
    return iter_jsonl(path)


def iter_jsonl(path: str | Path) -> Iterator[BatchItem]:
    """(line number, Article or that line's InputError) for every non-blank line of a JSONL file."""
    path = _existing_file(Path(path))
    start = _refuse_non_text(path, "JSON Lines")
    if not start.strip() and not path.read_bytes().strip():
        raise InputError(f"{path}: empty (a JSON Lines batch has one {{headline, body}} object a line)")
    _refuse_one_json_value(path, start)
    return _jsonl_items(path, lambda number: f"{path}:{number}")


def _refuse_one_json_value(path: Path, start: bytes) -> None:
    """Refuse a file that is one JSON value over many lines — an array of articles, a pretty-printed object —
    in one line, instead of a warning for every line read as JSON Lines."""
    first = next((line for line in start.splitlines() if line.strip()), b"").strip()
    try:
        json.loads(first)
        return  # JSON Lines (a line that is no article object is that line's error)
    except (ValueError, RecursionError):
        pass
    if path.stat().st_size > readers.MAX_BYTES:
        return
    data = path.read_bytes()
    try:
        whole = json.loads(data)
    except (ValueError, RecursionError):
        return  # not one JSON value either: its lines get their own warnings
    if sum(1 for line in data.splitlines() if line.strip()) < 2:
        return  # one line longer than the sample: JSON Lines of one article
    if isinstance(whole, list):
        raise InputError(f"{path}: a JSON array, not JSON Lines: write one {{headline, body}} object a line")
    if isinstance(whole, dict):
        raise InputError(f"{path}: one JSON object over several lines, not JSON Lines (one article: onrecord check "
                         f"{path}; many: one object a line)")


def jsonl_items(handle: BinaryIO, label: Callable[[int], str]) -> Iterator[BatchItem]:
    """(line number, Article or that line's InputError) for every non-blank line of JSON Lines read from
    ``handle`` (a file, an HTTP request body); ``label(number)`` prefixes each line's errors."""
    limit = readers.format_size(readers.MAX_BYTES)
    for number, line in _bounded_lines(handle):
        if line is None:
            yield number, InputError(f"{label(number)}: line larger than the {limit} limit")
        elif line.strip():
            yield number, _item(readers.json_article, line, label(number), default_id=str(number))


def iter_csv(path: str | Path) -> Iterator[BatchItem]:
    """(row number, Article or that row's InputError) for every data row of a CSV file."""
    path = _existing_file(Path(path))
    _refuse_non_text(path, "CSV")
    with _open_csv(path) as handle:
        try:
            header = _column_names(next(csv.reader(handle), []))
        except csv.Error as err:
            raise InputError(f"{path}: unreadable CSV header ({err})") from None
    missing = [column for column in CSV_COLUMNS if column not in header]
    if missing:
        raise InputError(f"{path}: CSV header lacks column(s) {', '.join(missing)} (needs headline and body)")
    return _csv_items(path)


def dir_files(root: Path) -> list[Path]:
    """The article files below a folder, sorted: by suffix (:data:`DIR_SUFFIXES`), hidden files and folders left
    out; symbolic links to folders are not followed (links to files are listed: see :func:`_outside`)."""
    return sorted(
        file
        for file in root.rglob("*")
        if file.suffix.lower() in DIR_SUFFIXES
        and not any(part.startswith(".") for part in file.relative_to(root).parts)
        and file.is_file()
    )


def iter_dir(path: str | Path) -> Iterator[BatchItem]:
    """(position, Article or that file's InputError) for every article file below a folder."""
    root = Path(path)
    files = dir_files(root)
    if not files:
        raise InputError(f"{root}: no {', '.join(DIR_SUFFIXES)} files found")
    return _dir_items(root, files)


def _outside(root: Path, file: Path) -> bool:
    """Whether ``file`` is a symbolic link to a file outside ``root``: a folder unpacked from elsewhere could
    otherwise put ~/.ssh/id_rsa into reports meant to be shared."""
    try:
        file.resolve(strict=True).relative_to(root.resolve(strict=True))
    except ValueError:
        return True
    except OSError:  # a dangling link or a loop: the reader reports it
        return False
    return False


def _jsonl_items(path: Path, label: Callable[[int], str]) -> Iterator[BatchItem]:
    with path.open("rb") as handle:
        yield from jsonl_items(handle, label)


def _csv_items(path: Path) -> Iterator[BatchItem]:
    csv.field_size_limit(max(csv.field_size_limit(), readers.MAX_BYTES))
    with _open_csv(path) as handle:
        rows = csv.DictReader(handle)
        rows.fieldnames = _column_names(rows.fieldnames or [])
        number = 0
        while True:
            number += 1
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as err:  # the reader cannot resynchronise: report and stop
                message = f"{path}: row {number}: unreadable CSV ({err}); rest of the file skipped"
                yield number, InputError(message)
                return
            yield number, _item(_csv_row_article, row, f"{path}: row {number}", default_id=str(number))


def _csv_row_article(row: dict[str | None, object], label: str) -> Article:
    extra = row.get(None)  # DictReader's place for fields beyond the header's columns
    if isinstance(extra, list) and any(str(value).strip() for value in extra):
        raise InputError(f"{label}: {len(row) - 1 + len(extra)} fields for {len(row) - 1} columns (an unquoted comma?)")
    fields = {key: value or None for key, value in row.items() if isinstance(key, str)}  # "" -> missing
    bad = 0
    for key, value in fields.items():  # bytes that are not UTF-8 arrive escaped (surrogateescape): U+FFFD, counted
        if isinstance(value, str) and _ESCAPED.search(value):
            fields[key], n = _ESCAPED.subn("\ufffd", value)
            bad += n
    with readers.labelled(label):
        article = readers.article_from_mapping(fields)
    if bad:
        article.warnings.append(f"{label}: invalid UTF-8 replaced ({bad} byte{'s' if bad > 1 else ''})")
    return article


def _dir_items(root: Path, files: list[Path]) -> Iterator[BatchItem]:
    for number, file in enumerate(files, start=1):
        if file.is_symlink() and _outside(root, file):
            yield number, InputError(f"{file}: a symbolic link to a file outside {root}; skipped")
            continue
        yield number, _item(readers.load_file, file, default_id=file.relative_to(root).as_posix())


def _item(read: Callable[..., Article], *args: object, default_id: str) -> Article | InputError:
    """Run one reader: its Article (id defaulted) or its InputError — never a raised exception."""
    try:
        article = read(*args)
    except InputError as err:
        return err
    article.id = article.id or default_id
    return article


def _bounded_lines(handle: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of at most MAX_BYTES; an overlong line comes out as None and is skipped unread."""
    number = 0
    while line := handle.readline(readers.MAX_BYTES + 1):
        number += 1
        if len(line) <= readers.MAX_BYTES or line.endswith(b"\n"):
            yield number, line
            continue
        while (rest := handle.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
            pass
        yield number, None


def _column_names(header: Sequence[str]) -> list[str]:
    """CSV column names compared loosely: "Headline " is headline."""
    return [name.strip().lower() for name in header]


def _open_csv(path: Path) -> TextIO:
    """CSV text; a byte that is not UTF-8 is kept as a lone surrogate, for each row to count and replace."""
    return path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="")


def _refuse_non_text(path: Path, kind: str) -> bytes:
    """The file's first 4 KiB, after refusing a UTF-16 or binary file (a SQLite store, an archive) as a whole:
    read line by line it would only give one warning per line."""
    with open(path, "rb") as raw:
        start = raw.read(4096)
    if start[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in start:
        raise InputError(f"{path}: not UTF-8 text (UTF-16 or binary?); save the {kind} file as UTF-8")
    return start


def _existing_file(path: Path) -> Path:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    return path
