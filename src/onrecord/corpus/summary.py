"""One flat row per article from its report, and writers for tables of such rows (CSV, Parquet).

The row is what a corpus analysis usually needs from a report without walking the tree: verdict,
stance, how speculative the body is, who is quoted, clickbait, and the headline's claim — with
``headline_hedged`` 1 when the headline hedges its own claim and credits it to no one, or asks it
(:func:`onrecord.report.headline_hedged`): the share of such headlines by outlet is a one-line groupby.
CSV is always available; Parquet needs the optional ``pyarrow`` package.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from onrecord import language
from onrecord.atomic import atomic_open
from onrecord.errors import InputError
from onrecord.report import STANCE_LABELS, HeadlineClaim, headline_hedged

# (column, type) in table order; types are "str", "int", "float" (all columns may be null)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("headline", "str"), ("source", "str"), ("url", "str"), ("published", "str"),
    ("verdict", "str"), ("confidence", "float"),
    ("stance", "str"), *((f"stance_{label}", "float") for label in STANCE_LABELS),
    ("sentences", "int"), ("speculative_sentences", "int"), ("speculative_ratio", "float"),
    ("direct_quotes", "int"), ("named_sources", "int"), ("anonymous_sources", "int"),
    ("checkworthy_claims", "int"), ("clickbait", "float"),
    ("claim_holder", "str"), ("claim_attitude", "str"), ("claim_target", "str"),
    ("claim_on_record", "int"), ("headline_hedged", "int"), ("warnings", "int"), ("reads_english", "int"),
)


def summary_row(report: Mapping[str, Any]) -> dict[str, Any]:
    """The flat summary of one ``onrecord.report/1`` dict, keyed by :data:`COLUMNS`."""
    claim, stance, verdict, counts = (report["headline_claim"], report["stance"], report["verdict"],
                                      report["summary"])
    row: dict[str, Any] = {key: report.get(key) for key in ("id", "headline", "source", "url", "published")}
    row.update(verdict=verdict["label"], confidence=verdict["confidence"], stance=stance["label"])
    row.update({f"stance_{label}": stance["scores"][label] for label in STANCE_LABELS})
    row.update({key: counts[key] for key in ("sentences", "speculative_sentences", "speculative_ratio",
                                             "direct_quotes", "named_sources", "anonymous_sources",
                                             "checkworthy_claims")})
    row.update(clickbait=report["clickbait"], claim_holder=claim["holder"], claim_attitude=claim["attitude"],
               claim_target=claim["target"], claim_on_record=len(claim["on_record_support"]),
               headline_hedged=int(headline_hedged(HeadlineClaim(holder=claim["holder"], attitude=claim["attitude"]),
                                                   report["headline"])),
               warnings=len(report.get("warnings", [])),
               reads_english=int(language.warning(report["body"]) is None))  # a column to filter a corpus by
    return row


def write_table(rows: Iterable[Mapping[str, Any]], path: Path, columns: tuple[tuple[str, str], ...]) -> int:
    """Write rows to ``path`` atomically: Parquet for a ``.parquet`` name, else CSV. Returns the row count."""
    if path.suffix.lower() == ".parquet":
        return write_parquet(rows, path, columns)
    return write_csv(rows, path, columns)


def write_csv(rows: Iterable[Mapping[str, Any]], path: Path, columns: tuple[tuple[str, str], ...]) -> int:
    """CSV with a header row; nulls are empty cells. Returns the row count."""
    n = 0
    with atomic_open(path, "w", make_parents=False) as f:
        writer = csv.DictWriter(f, fieldnames=[name for name, _ in columns], extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def write_parquet(rows: Iterable[Mapping[str, Any]], path: Path, columns: tuple[tuple[str, str], ...]) -> int:
    """Parquet with a typed schema (so all-null columns keep their type). Needs ``pyarrow``."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("writing Parquet needs the pyarrow package (pip install pyarrow); "
                         "or give a .csv file name") from None
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    schema = pa.schema([(name, types[kind]) for name, kind in columns])
    data: dict[str, list[Any]] = {name: [] for name, _ in columns}
    for row in rows:
        for name, values in data.items():
            values.append(row.get(name))
    table = pa.Table.from_pydict(data, schema=schema)
    with atomic_open(path, "wb", make_parents=False) as f:
        pq.write_table(table, f)
    return table.num_rows
