"""Reading a corpus CSV with required columns: one-line errors for every way it can be wrong."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Sequence

from ..errors import InputError


def read_table(path: Path, required: Sequence[str], kind: str) -> tuple[list[str], list[dict[str, str]]]:
    """(header, rows) of a CSV whose header must hold ``required`` (names stripped; BOM allowed).

    ``kind`` names the corpus format in the error ("not an FNC-1 file (missing column …)").
    """
    try:
        f = open(path, newline="", encoding="utf-8-sig")
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror or e}") from e
    with f:
        try:
            reader = csv.DictReader(f, strict=True)  # strict: a quote left open is an error, not a merged row
            fields = [h.strip() for h in (reader.fieldnames or [])]
            missing = [c for c in required if c not in fields]
            if missing:
                raise InputError(f"{path.name}: not an {kind} file (missing column {', '.join(missing)}; "
                                 f"found {', '.join(fields) or 'nothing'})")
            reader.fieldnames = fields
            rows = []
            for row in reader:
                if row.get(None):  # DictReader's place for fields beyond the header's: an unquoted comma
                    raise InputError(f"{path.name}: line {reader.line_num} has more fields than the header's "
                                     f"{len(fields)} (an unquoted comma?)")
                rows.append(row)
        except UnicodeDecodeError as e:
            raise InputError(f"{path.name}: not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8") from None
        except csv.Error as e:
            raise InputError(f"{path.name}: unreadable CSV after line {reader.line_num} ({e}; a quote left open?)") from e
    if not rows:
        raise InputError(f"{path.name}: a header and no rows")
    return fields, rows
