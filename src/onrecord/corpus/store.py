"""The corpus store: one SQLite file (WAL) holding articles, their reports and their sentences.

Layout (schema version :data:`SCHEMA_VERSION`)::

    meta(key, value)                  application = "onrecord", schema_version = "1"
    articles(id, content_hash UNIQUE, headline, body, source, url, published, origin, added)
    reports(article_id, report_json, verdict, confidence, stance, speculative_ratio,
            direct_quotes, named_sources, anonymous_sources, clickbait)
    sentences(id, article_id, idx, text, start, end, speculative, checkworthy)
    sentence_embeddings(sentence_id, model, vector)   reserved: nothing writes it yet
    articles_fts(headline, body)      FTS5, external content = articles, kept in step by triggers

An article is identified by :func:`content_hash` (sha256 of its normalised headline and body), so
adding the same article twice is a no-op. Every write is its own transaction: a process killed
with SIGKILL loses at most the article it was writing, and the file stays consistent.

A file that is not an onrecord store, or one written by a newer onrecord, is refused with an
:class:`~onrecord.errors.InputError` rather than modified.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.article import Article
from onrecord.errors import InputError

from . import summary

APPLICATION = "onrecord"
SCHEMA_VERSION = 1
DEFAULT_STORE = "onrecord.db"
TOKENIZE = "porter unicode61 remove_diacritics 2"  # search.py ranks sentences with the same tokenizer

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    headline TEXT NOT NULL,
    body TEXT NOT NULL,
    source TEXT, url TEXT, published TEXT,
    origin TEXT,
    added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE reports (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    report_json TEXT NOT NULL,
    verdict TEXT, confidence REAL, stance TEXT, speculative_ratio REAL,
    direct_quotes INTEGER, named_sources INTEGER, anonymous_sources INTEGER, clickbait REAL
);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speculative INTEGER,
    checkworthy REAL,
    UNIQUE (article_id, idx)
);
CREATE TABLE sentence_embeddings (
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (sentence_id, model)
);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, body, content='articles', content_rowid='id', tokenize="{TOKENIZE}"
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.id, old.headline, old.body);
END;
"""

# the reports columns besides article_id and report_json, filled from the flat summary row
_REPORT_COLUMNS = ("verdict", "confidence", "stance", "speculative_ratio",
                   "direct_quotes", "named_sources", "anonymous_sources", "clickbait")


@dataclass(frozen=True)
class SentenceRow:
    """One body sentence as stored: offsets into the article body."""

    idx: int
    text: str
    start: int
    end: int
    speculative: bool | None = None
    checkworthy: float | None = None


def content_hash(headline: str, body: str) -> str:
    """sha256 of the NFC-normalised, whitespace-collapsed headline + "\\n" + body: the article's identity."""
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).split())

    return hashlib.sha256(f"{norm(headline)}\n{norm(body)}".encode()).hexdigest()


def sentences_of_report(report: dict[str, Any]) -> list[SentenceRow]:
    """The sentence rows a report describes (offsets into its body)."""
    return [SentenceRow(s["index"], s["text"], s["start"], s["end"], s["speculative"], s["checkworthy"])
            for s in report["sentences"]]


class Store:
    """An open onrecord store. Use :meth:`open`; close it (or use it as a context manager) when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | Path, create: bool = False) -> Store:
        """Open the store at ``path``; with ``create`` a missing (or empty) file becomes a new store.

        Raises InputError for a missing store (without ``create``), a file that is not SQLite or not
        an onrecord store, and a store of a newer schema version.
        """
        path = Path(path)
        if path.is_dir():
            raise InputError(f"{path}: is a folder, not a store file")
        if not path.exists():
            if not create:
                raise InputError(f"{path}: no such store (create one with: onrecord corpus ingest FILE --store {path})")
            if not path.parent.is_dir():
                raise InputError(f"{path}: folder {path.parent} does not exist")
        try:
            conn = sqlite3.connect(path, isolation_level=None)  # autocommit; transactions are explicit
        except sqlite3.Error as err:
            raise InputError(f"{path}: cannot open store ({err})") from None
        store = cls(path, conn)
        try:
            store._check_or_create(create)
        except BaseException:
            conn.close()
            raise
        return store

    def _check_or_create(self, create: bool) -> None:
        try:
            tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError:
            raise InputError(f"{self.path}: not an onrecord store (not an SQLite database)") from None
        if not tables:
            if not create:
                raise InputError(f"{self.path}: empty file, not an onrecord store")
            self._create()
            tables = {"meta"}
        meta = dict(self.conn.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
        if meta.get("application") != APPLICATION:
            raise InputError(f"{self.path}: an SQLite database but not an onrecord store; refusing to use it")
        version = meta.get("schema_version", "")
        if not version.isdigit():
            raise InputError(f"{self.path}: onrecord store with an unreadable schema version {version!r}")
        if int(version) > SCHEMA_VERSION:
            raise InputError(f"{self.path}: store schema version {version} is newer than this onrecord supports "
                             f"({SCHEMA_VERSION}); upgrade onrecord to use it")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a killed process loses no commit
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 10000")

    def _create(self) -> None:
        self.conn.executescript(
            f"BEGIN IMMEDIATE;\n{_SCHEMA.replace('{TOKENIZE}', TOKENIZE)}\n"
            f"INSERT INTO meta(key, value) VALUES ('application', '{APPLICATION}'), "
            f"('schema_version', '{SCHEMA_VERSION}');\nCOMMIT;"
        )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    class _Transaction:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn

        def __enter__(self) -> sqlite3.Connection:
            self.conn.execute("BEGIN IMMEDIATE")
            return self.conn

        def __exit__(self, exc_type: object, *rest: object) -> None:
            self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")

    def transaction(self) -> _Transaction:
        """``with store.transaction() as conn:`` — one atomic write (rolled back on an exception)."""
        return Store._Transaction(self.conn)

    def hashes(self) -> set[str]:
        """The content hashes of every stored article."""
        return {row[0] for row in self.conn.execute("SELECT content_hash FROM articles")}

    def add(self, article: Article, report: dict[str, Any], origin: str | None = None) -> int | None:
        """Store one audited article, its report and its sentences in one transaction.

        Returns the new article id, or None when an article with the same content hash is already stored.
        """
        with self.transaction() as conn:
            article_id = self._insert(conn, article, sentences_of_report(report), origin)
            if article_id is not None:
                row = summary.summary_row(report)
                conn.execute(
                    f"INSERT INTO reports(article_id, report_json, {', '.join(_REPORT_COLUMNS)}) "
                    f"VALUES (?, ?, {', '.join('?' * len(_REPORT_COLUMNS))})",
                    (article_id, _report_json(report), *(row[c] for c in _REPORT_COLUMNS)),
                )
        return article_id

    def bulk_load(self, rows: Iterable[tuple[Article, Sequence[SentenceRow]]], batch: int = 2000) -> int:
        """Insert articles with their sentences but no reports, ``batch`` articles a transaction.

        For building search corpora (benchmarks) without auditing each article. Articles already
        stored are skipped. Returns the number added.
        """
        added = 0
        pending = iter(rows)
        while True:
            with self.transaction() as conn:
                n = 0
                for article, sentences in pending:
                    added += self._insert(conn, article, sentences, None) is not None
                    n += 1
                    if n >= batch:
                        break
            if n < batch:
                return added

    @staticmethod
    def _insert(conn: sqlite3.Connection, article: Article, sentences: Sequence[SentenceRow],
                origin: str | None) -> int | None:
        cur = conn.execute(
            "INSERT OR IGNORE INTO articles(content_hash, headline, body, source, url, published, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (content_hash(article.headline, article.body), article.headline, article.body,
             article.source, article.url, article.published, origin),
        )
        if cur.rowcount == 0:
            return None
        article_id = cur.lastrowid
        conn.executemany(
            'INSERT INTO sentences(article_id, idx, text, start, "end", speculative, checkworthy) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(article_id, s.idx, s.text, s.start, s.end, s.speculative, s.checkworthy) for s in sentences],
        )
        return article_id

    # ------------------------------------------------------------------ reading

    def counts(self) -> dict[str, int]:
        """Number of articles, reports and sentences stored."""
        return {table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("articles", "reports", "sentences")}

    def verdicts(self) -> dict[str, int]:
        """How many stored reports have each verdict."""
        return dict(self.conn.execute("SELECT verdict, count(*) FROM reports GROUP BY verdict ORDER BY 2 DESC"))

    def reports(self) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """(article metadata, report dict) for every audited article, in the order they were added."""
        cur = self.conn.execute(
            "SELECT a.id, a.content_hash, a.origin, a.added, r.report_json "
            "FROM articles a JOIN reports r ON r.article_id = a.id ORDER BY a.id"
        )
        for article_id, digest, origin, added, report_json in cur:
            meta = {"article_id": article_id, "content_hash": digest, "origin": origin, "added": added}
            yield meta, json.loads(report_json)

    def size_bytes(self) -> int:
        """Bytes on disk: the database file plus its write-ahead log."""
        return sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())



def _report_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, separators=(",", ":"))
