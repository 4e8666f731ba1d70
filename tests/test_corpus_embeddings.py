"""Corpus embeddings: written on ingest (each distinct text once), hybrid search, schema-1 stores."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from onrecord import models
from onrecord.article import Article
from onrecord.batch_input import iter_batch
from onrecord.corpus.cli import corpus_app
from onrecord.corpus.ingest import embed_missing, ingest
from onrecord.corpus.search import search
from onrecord.corpus.store import EMBEDDING_MODEL, SCHEMA_VERSION, Store, text_key, vector_of

from .test_corpus import _sentences  # the same sentence rows as the BM25 tests

SHARED = "Officials said an investigation was under way."
ROWS = [
    {"headline": "Mayor says the city budget will double",
     "body": f"The mayor said on Monday that the city budget will double. {SHARED}"},
    {"headline": "Storm floods coastal villages",
     "body": f"A storm flooded three coastal villages overnight. {SHARED}"},
]


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def run_ingest(db: Path, source: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    with Store.open(db, create=True) as store:
        stats = ingest(store, iter_batch(source), origin=str(source), **kwargs)
        return stats, store.counts()


def bulk(store: Store, articles: list[tuple[str, str]]) -> None:
    store.bulk_load((Article(h, b), _sentences(b)) for h, b in articles)


# --------------------------------------------------------------------------- ingest


def test_ingest_embeds_each_distinct_text_once_and_not_again(tmp_path):
    db = tmp_path / "c.db"
    source = write_jsonl(tmp_path / "in.jsonl", ROWS)
    stats, counts = run_ingest(db, source)
    assert stats.added == 2 and counts["embedded"] == 2
    # 2 headlines + 2 own sentences + the shared sentence once
    assert counts["vectors"] == 5 and counts["sentences"] == 4
    conn = sqlite3.connect(db)
    linked = conn.execute("SELECT count(*) FROM sentence_embeddings").fetchone()[0]
    model, blob = conn.execute("SELECT v.model, v.vector FROM vectors v WHERE v.text_key = ?",
                               (text_key(SHARED),)).fetchone()
    conn.close()
    assert linked == 4  # every sentence, the shared one in both articles
    assert model == EMBEDDING_MODEL and len(blob) == 384 * 2  # float16
    expected = models.load("minilm").embed([SHARED])[0]
    assert np.abs(vector_of(blob) - expected).max() < 2e-3

    again, counts_again = run_ingest(db, source)
    assert (again.added, again.skipped) == (0, 2) and counts_again == counts


def test_ingest_without_embeddings_then_embed_missing(tmp_path):
    db = tmp_path / "c.db"
    _, counts = run_ingest(db, write_jsonl(tmp_path / "in.jsonl", ROWS[:1]), embed=False)
    assert counts["embedded"] == counts["vectors"] == 0
    with Store.open(db) as store:
        assert embed_missing(store) == 1 and embed_missing(store) == 0
        assert store.counts()["vectors"] == 3
    # a later article reuses the stored vector of the sentence it shares
    _, counts = run_ingest(db, write_jsonl(tmp_path / "more.jsonl", ROWS[1:]))
    assert counts["embedded"] == 2 and counts["vectors"] == 5


# --------------------------------------------------------------------------- hybrid search

# The claim shares only function words ("by", "of") with the paraphrase; the unrelated article also
# shares "police" with it, so BM25 puts the unrelated one above the paraphrase.
CLAIM = "Doctor arrested by police for insurance fraud"
RELEVANT = ("Doctor arrested by police over insurance fraud",
            "Police arrested a doctor for insurance fraud on Monday. The doctor denies the charges.")
PARAPHRASE = ("Physician detained on suspicion of billing scam",
              "Authorities detained a physician suspected of swindling health insurers. The clinic was closed.")
UNRELATED = ("New station opens by the river",
             "A new police station opened by the river. The mayor cut the ribbon.")
FILLERS = [("Storm hits the coast", "A storm hit the coast. Homes were damaged by the wind."),
           ("Team wins the cup", "The team won the cup final. Fans celebrated in the streets."),
           ("Prices rise again", "Food prices rose again in March. Bread cost more than ever."),
           ("Museum reopens", "The museum reopened after repairs. Visitors queued for hours.")]


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "s.db", create=True) as store:
        bulk(store, [RELEVANT, PARAPHRASE, UNRELATED, *FILLERS])
        yield store


def test_hybrid_ranks_a_paraphrase_above_an_unrelated_article(store):
    plain = [h.headline for h in search(store, CLAIM, weight=0)]
    assert plain.index(UNRELATED[0]) < plain.index(PARAPHRASE[0])  # BM25 alone cannot
    embed_missing(store)
    hits = search(store, CLAIM)
    ranked = [h.headline for h in hits]
    assert ranked[0] == RELEVANT[0]
    assert ranked.index(PARAPHRASE[0]) < ranked.index(UNRELATED[0])
    paraphrase = hits[ranked.index(PARAPHRASE[0])]
    assert paraphrase.similarity > hits[ranked.index(UNRELATED[0])].similarity
    # its sentences are ranked by the same fusion: the paraphrase sentence shares no word with the claim
    assert paraphrase.sentences[0].text.startswith("Authorities detained a physician")
    assert paraphrase.sentences[0].similarity == max(s.similarity for s in paraphrase.sentences)


def test_articles_without_embeddings_still_rank_by_bm25(store):
    before = search(store, CLAIM, weight=0)
    same = search(store, CLAIM)  # no embeddings anywhere: plain BM25, scores included
    assert [(h.article_id, h.score) for h in same] == [(h.article_id, h.score) for h in before]
    assert all(h.similarity is None for h in same)

    embed_missing(store)
    bulk(store, [("Second doctor arrested for insurance fraud", "A second doctor was arrested for insurance fraud.")])
    hits = search(store, CLAIM)
    late = next(h for h in hits if h.headline.startswith("Second doctor"))
    assert late.similarity is None and late.sentences  # found, with its matching sentence
    assert late.score == pytest.approx(late.bm25 / max(h.bm25 for h in hits))  # BM25 on the fused scale


# --------------------------------------------------------------------------- schema 1


def downgrade_to_schema_1(db: Path) -> None:
    """Turn a store into what onrecord with schema 1 wrote (its reserved, unused embeddings table)."""
    conn = sqlite3.connect(db)
    conn.executescript("""
        DROP TABLE sentence_embeddings; DROP TABLE embedded_articles; DROP TABLE vectors;
        CREATE TABLE sentence_embeddings (
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            model TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (sentence_id, model));
        UPDATE meta SET value = '1' WHERE key = 'schema_version';
    """)
    conn.close()


def test_schema_1_store_is_upgraded_in_place_then_embedded(tmp_path):
    db = tmp_path / "old.db"
    with Store.open(db, create=True) as store:
        bulk(store, [RELEVANT, PARAPHRASE, UNRELATED])
    downgrade_to_schema_1(db)

    with Store.open(db) as store:
        assert store.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
            str(SCHEMA_VERSION),)
        assert store.counts()["articles"] == 3 and store.counts()["embedded"] == 0
        assert search(store, CLAIM)[0].headline == RELEVANT[0]  # BM25 until embedded
    runner = CliRunner()
    result = runner.invoke(corpus_app, ["embed", "--store", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(corpus_app, ["search", CLAIM, "--store", str(db)])
    assert result.exit_code == 0, result.output
    assert "similarity" in result.stdout.splitlines()[0]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM embedded_articles").fetchone() == (3,)
    conn.close()


def test_the_workers_embed_and_the_store_takes_their_vectors(tmp_path, monkeypatch):
    import concurrent.futures
    import contextlib

    from onrecord import workers
    from onrecord.audit import audit_many
    from onrecord.corpus import ingest as ingest_module

    @contextlib.contextmanager
    def threads(jobs, initializer=None):  # the pool's contract without spawning processes
        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            yield pool

    monkeypatch.setattr(workers, "process_pool", threads)
    arts = [Article(r["headline"], r["body"]) for r in ROWS]
    pairs = list(audit_many(arts, jobs=2, chunk_size=1, then=ingest_module.embed_report))
    encoder = models.load("minilm")
    for art, (report, vectors) in zip(arts, pairs):       # each report comes with its texts' embeddings
        texts = [art.headline, *(s.text for s in report.sentences)]
        assert set(vectors) == {text_key(t) for t in texts}
        np.testing.assert_allclose(vectors[text_key(art.headline)], encoder.embed([art.headline])[0], atol=1e-5)

    # the ingest stores the workers' vectors: the main process embeds nothing itself
    calls = []
    monkeypatch.setattr(encoder, "embed", lambda texts, **kw: pytest.fail(f"embedded outside the worker step: {texts}"))
    monkeypatch.setattr(ingest_module, "embed_report", lambda report: calls.append(report.headline) or {
        text_key(t): np.full(384, 0.5, dtype=np.float32) for t in (report.headline, *(s.text for s in report.sentences))})
    stats, counts = run_ingest(tmp_path / "w.db", write_jsonl(tmp_path / "in.jsonl", ROWS), jobs=2)
    assert stats.added == 2 and counts["vectors"] == 5 and len(calls) == 2
    blob = sqlite3.connect(tmp_path / "w.db").execute("SELECT vector FROM vectors WHERE text_key = ?",
                                                       (text_key(SHARED),)).fetchone()[0]
    assert np.allclose(vector_of(blob), 0.5, atol=1e-3)
