"""The corpus store: one SQLite file (WAL) holding articles, their reports, their sentences and
the sentences' embeddings.

Layout (schema version :data:`SCHEMA_VERSION`)::

    meta(key, value)                  application = "onrecord", schema_version = "2"
    articles(id, content_hash UNIQUE, headline, body, source, url, published, origin, added)
    reports(article_id, report_json, verdict, confidence, stance, speculative_ratio,
            direct_quotes, named_sources, anonymous_sources, clickbait)
    sentences(id, article_id, idx, text, start, end, speculative, checkworthy)
    vectors(id, model, text_key, vector)              one embedding per distinct text and encoder
    embedded_articles(article_id, model, headline_vector)
    sentence_embeddings(sentence_id, vector_id)
    articles_fts(headline, body)      FTS5, external content = articles, kept in step by triggers

An article is identified by :func:`content_hash` (sha256 of its normalised headline and body), so
adding the same article twice is a no-op. Every write is its own transaction: a process killed
with SIGKILL loses at most the article it was writing, and the file stays consistent.

Embeddings: ``vectors`` holds each distinct text's embedding once per encoder (``model``, e.g.
:data:`EMBEDDING_MODEL`), keyed by :func:`text_key`, as little-endian float16 bytes (384 values
for MiniLM, 768 bytes). Wire copies and boilerplate repeat sentences across articles, so
sentences link to a shared vector rather than each holding one (the 100k-article benchmark store,
scaled up from 1,683 FNC-1 bodies, has 1.76M sentences but 29,623 distinct texts: +47 MiB). A row in ``embedded_articles`` marks an article
whose headline and sentences were embedded with that encoder (``headline_vector`` is NULL for an
empty headline); articles without one (bulk-loaded, ingested with embeddings off, or stored by
schema 1) are searched by BM25 alone until embedded. Embeddings are written in the same
transaction as their article, or later for a batch of articles (:meth:`Store.add_embeddings`).

A file that is not an onrecord store, or one written by a newer onrecord, is refused with an
:class:`~onrecord.errors.InputError` rather than modified. A schema-1 store is upgraded in place
when opened, in one transaction: schema 1 reserved a ``sentence_embeddings`` table that nothing
wrote, which is replaced by the three embedding tables; articles, reports and sentences are kept.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from onrecord.article import Article
from onrecord.errors import InputError

from . import summary

APPLICATION = "onrecord"
SCHEMA_VERSION = 2
DEFAULT_STORE = "onrecord.db"
TOKENIZE = "porter unicode61 remove_diacritics 2"  # search.py ranks sentences with the same tokenizer
EMBEDDING_MODEL = "all-MiniLM-L6-v2"  # the encoder behind models.load("minilm"), as named in ``vectors.model``
VECTOR_DTYPE = np.dtype("<f2")

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
{EMBEDDING_TABLES}
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

_EMBEDDING_TABLES = """
CREATE TABLE vectors (
    id INTEGER PRIMARY KEY,
    model TEXT NOT NULL,
    text_key BLOB NOT NULL,
    vector BLOB NOT NULL,
    UNIQUE (model, text_key)
);
CREATE TABLE embedded_articles (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    headline_vector INTEGER REFERENCES vectors(id),
    PRIMARY KEY (article_id, model)
) WITHOUT ROWID;
CREATE TABLE sentence_embeddings (
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    vector_id INTEGER NOT NULL REFERENCES vectors(id),
    PRIMARY KEY (sentence_id, vector_id)
) WITHOUT ROWID;
"""

_CHUNK = 500  # bound variables a statement (SQLite allows 999 in old builds)

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


@dataclass(frozen=True)
class Embedded:
    """The texts of one article to link to embeddings, by :func:`text_key`; for :meth:`Store.add_embeddings`."""

    article_id: int
    headline: bytes | None  # None: empty headline, nothing to embed
    sentences: Sequence[tuple[int, bytes]]  # (sentence id, key)

    @classmethod
    def of(cls, article_id: int, headline: str, sentences: Iterable[tuple[int, str]]) -> Embedded:
        """From the article's headline and its (sentence id, text) pairs."""
        return cls(article_id, text_key(headline) if headline.strip() else None,
                   [(sentence_id, text_key(text)) for sentence_id, text in sentences])


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(headline: str, body: str) -> str:
    """sha256 of the NFC-normalised, whitespace-collapsed headline + "\\n" + body: the article's identity."""
    return hashlib.sha256(f"{_norm(headline)}\n{_norm(body)}".encode()).hexdigest()


def text_key(text: str) -> bytes:
    """A text's key in ``vectors``: the first 16 bytes of sha256 of its NFC-normalised, whitespace-collapsed
    form (the encoder's tokenizer ignores whitespace, so texts differing only there share a vector)."""
    return hashlib.sha256(_norm(text).encode()).digest()[:16]


def vector_bytes(vector: np.ndarray) -> bytes:
    """An embedding as stored: little-endian float16."""
    return np.asarray(vector, dtype=VECTOR_DTYPE).tobytes()


def vector_of(blob: bytes) -> np.ndarray:
    """A stored embedding back as float32."""
    return np.frombuffer(blob, dtype=VECTOR_DTYPE).astype(np.float32)


def sentences_of_report(report: dict[str, Any]) -> list[SentenceRow]:
    """The sentence rows a report describes (offsets into its body)."""
    return [SentenceRow(s["index"], s["text"], s["start"], s["end"], s["speculative"], s["checkworthy"])
            for s in report["sentences"]]


def _read_only(path: Path, err: sqlite3.OperationalError) -> InputError | None:
    """The one-line error for a write refused because the store (or its folder) is read-only, else None."""
    if "readonly" not in str(err) and "read-only" not in str(err):
        return None
    return InputError(f"{path}: the store is read-only ({err}); ingest needs write access to it and its folder")


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
        except sqlite3.DatabaseError as err:
            with open(self.path, "rb") as f:
                sqlite = f.read(16) == b"SQLite format 3\x00"
            if sqlite and "malformed" in str(err):  # the file is damaged (cut short, overwritten in part)
                raise InputError(f"{self.path}: this store is damaged ({err}); restore it from a copy or ingest "
                                 "into a new one") from None
            if sqlite:  # a store SQLite cannot open: most often its -wal / -shm files cannot be made beside it
                raise InputError(f"{self.path}: cannot read this SQLite file ({err}); a store needs a writable "
                                 "folder for its -wal and -shm files") from None
            raise InputError(f"{self.path}: not an onrecord store (not an SQLite database)") from None
        if not tables:
            if not create:
                raise InputError(f"{self.path}: empty file, not an onrecord store")
            self._create()
            tables = {"meta"}
        try:
            meta = dict(self.conn.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
        except sqlite3.DatabaseError:  # a "meta" table of some other application
            meta = {}
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
        if int(version) < SCHEMA_VERSION:
            self._upgrade(int(version))

    def _upgrade(self, version: int) -> None:
        """Schema 1 → 2 in one transaction (a no-op when another process has just done it)."""
        try:
            with self.transaction() as conn:
                (now,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                if int(now) < SCHEMA_VERSION:
                    conn.execute("DROP TABLE sentence_embeddings")  # reserved by schema 1, never written
                    for statement in _EMBEDDING_TABLES.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
        except sqlite3.OperationalError as err:
            raise InputError(f"{self.path}: store schema version {version} must be upgraded to {SCHEMA_VERSION} "
                             f"before use, and that failed ({err})") from None

    def _create(self) -> None:
        schema = _SCHEMA.replace("{TOKENIZE}", TOKENIZE).replace("{EMBEDDING_TABLES}", _EMBEDDING_TABLES)
        self.conn.executescript(
            f"BEGIN IMMEDIATE;\n{schema}\n"
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
        def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
            self.conn, self.path = conn, path

        def __enter__(self) -> sqlite3.Connection:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as err:
                raise _read_only(self.path, err) or err
            return self.conn

        def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
            self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) and (refused := _read_only(self.path, exc)):
                raise refused from None

    def transaction(self) -> _Transaction:
        """``with store.transaction() as conn:`` — one atomic write (rolled back on an exception)."""
        return Store._Transaction(self.conn, self.path)

    def hashes(self) -> set[str]:
        """The content hashes of every stored article."""
        return {row[0] for row in self.conn.execute("SELECT content_hash FROM articles")}

    def add(self, article: Article, report: dict[str, Any], origin: str | None = None,
            vectors: Mapping[bytes, np.ndarray] | None = None) -> int | None:
        """Store one audited article, its report and its sentences in one transaction.

        With ``vectors`` — the embeddings, by :func:`text_key`, of those of the article's texts (headline
        and sentences) that the store does not hold yet — the article is also linked to its embeddings,
        in the same transaction. Returns the new article id, or None when an article with the same
        content hash is already stored.
        """
        sentences = sentences_of_report(report)
        with self.transaction() as conn:
            article_id = self._insert(conn, article, sentences, origin)
            if article_id is not None:
                row = summary.summary_row(report)
                conn.execute(
                    f"INSERT INTO reports(article_id, report_json, {', '.join(_REPORT_COLUMNS)}) "
                    f"VALUES (?, ?, {', '.join('?' * len(_REPORT_COLUMNS))})",
                    (article_id, _report_json(report), *(row[c] for c in _REPORT_COLUMNS)),
                )
                if vectors is not None:
                    ids = dict(conn.execute("SELECT idx, id FROM sentences WHERE article_id = ?", (article_id,)))
                    item = Embedded.of(article_id, article.headline, [(ids[s.idx], s.text) for s in sentences])
                    self._link(conn, [item], vectors)
        return article_id

    def add_embeddings(self, items: Sequence[Embedded], vectors: Mapping[bytes, np.ndarray]) -> None:
        """Link already stored articles to their embeddings, in one transaction; ``vectors`` holds those
        of their texts' embeddings (by key) that the store does not hold yet."""
        with self.transaction() as conn:
            self._link(conn, items, vectors)

    def _link(self, conn: sqlite3.Connection, items: Sequence[Embedded], vectors: Mapping[bytes, np.ndarray]) -> None:
        conn.executemany("INSERT OR IGNORE INTO vectors(model, text_key, vector) VALUES (?, ?, ?)",
                         [(EMBEDDING_MODEL, key, vector_bytes(v)) for key, v in vectors.items()])
        keys = {key for item in items for key in (item.headline, *(k for _, k in item.sentences)) if key is not None}
        ids = self.vector_ids(keys)
        conn.executemany("INSERT OR IGNORE INTO embedded_articles(article_id, model, headline_vector) VALUES (?, ?, ?)",
                         [(item.article_id, EMBEDDING_MODEL, ids.get(item.headline)) for item in items])
        conn.executemany("INSERT OR IGNORE INTO sentence_embeddings(sentence_id, vector_id) VALUES (?, ?)",
                         [(sid, ids[key]) for item in items for sid, key in item.sentences if key in ids])

    def vector_ids(self, keys: Iterable[bytes]) -> dict[bytes, int]:
        """The ids in ``vectors`` of those text keys the store holds an embedding for."""
        keys = list(keys)
        found: dict[bytes, int] = {}
        for i in range(0, len(keys), _CHUNK):
            part = keys[i:i + _CHUNK]
            found.update(self.conn.execute(
                f"SELECT text_key, id FROM vectors WHERE model = ? AND text_key IN ({', '.join('?' * len(part))})",
                (EMBEDDING_MODEL, *part)))
        return found

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
        """Number of articles, reports and sentences stored, of embedded articles and of distinct vectors."""
        tables = {"articles": "articles", "reports": "reports", "sentences": "sentences",
                  "embedded": "embedded_articles", "vectors": "vectors"}
        return {name: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for name, table in tables.items()}

    def unembedded(self, after: int, limit: int) -> list[tuple[int, str, list[tuple[int, str]]]]:
        """Up to ``limit`` articles with an id above ``after`` that have no embeddings yet, by id:
        (article id, headline, [(sentence id, text), ...])."""
        articles = self.conn.execute(
            "SELECT id, headline FROM articles a WHERE id > ? AND NOT EXISTS (SELECT 1 FROM embedded_articles e "
            "WHERE e.article_id = a.id AND e.model = ?) ORDER BY id LIMIT ?", (after, EMBEDDING_MODEL, limit),
        ).fetchall()
        sentences: dict[int, list[tuple[int, str]]] = {article_id: [] for article_id, _ in articles}
        ids = list(sentences)
        for i in range(0, len(ids), _CHUNK):
            part = ids[i:i + _CHUNK]
            for sentence_id, article_id, text in self.conn.execute(
                    f"SELECT id, article_id, text FROM sentences WHERE article_id IN ({', '.join('?' * len(part))}) "
                    "ORDER BY article_id, idx", part):
                sentences[article_id].append((sentence_id, text))
        return [(article_id, headline, sentences[article_id]) for article_id, headline in articles]

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
