"""Corpus mode: a store of audited articles (SQLite, one file), ingest into it, claim search over it.

- :mod:`.store` — the SQLite store (schema, identity by content hash, refusal of foreign / newer files)
- :mod:`.ingest` — audit new articles and commit each one (resumable, idempotent)
- :mod:`.search` — BM25 claim search over articles and their sentences
- :mod:`.summary` — one flat row per report; CSV / Parquet tables
- :mod:`.cli` — ``onrecord corpus ingest | search | stats | export``
"""
