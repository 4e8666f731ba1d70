"""Corpus mode: a store of audited articles (SQLite, one file), ingest into it, claim search over it.

- :mod:`.store` — the SQLite store (schema, identity by content hash, refusal of foreign / newer files)
- :mod:`.ingest` — audit new articles, embed their sentences (MiniLM) and commit each one (resumable, idempotent)
- :mod:`.search` — claim search: FTS5 BM25 candidates re-scored with sentence-embedding similarity
- :mod:`.summary` — one flat row per report; CSV / Parquet tables
- :mod:`.cli` — ``onrecord corpus ingest | embed | search | stats | export | claim | actors``
"""
