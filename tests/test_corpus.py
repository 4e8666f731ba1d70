"""Corpus mode: the SQLite store, ingest (idempotent, SIGKILL-safe), claim search, summary export."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.article import Article
from onrecord.batch_input import iter_batch
from onrecord.corpus.cli import corpus_app
from onrecord.corpus.ingest import ingest
from onrecord.corpus.search import search
from onrecord.corpus.store import SentenceRow, Store, content_hash
from onrecord.corpus.summary import COLUMNS
from onrecord.errors import InputError
from onrecord.report import validate

TOPICS = [
    ("Mayor says the city budget will double", "The mayor said on Monday that the city budget will double.",
     "Critics called the plan reckless."),
    ("Scientists find water on distant moon", "Scientists reported that they found water ice on the moon.",
     "The finding may change plans for future missions."),
    ("Storm floods coastal villages", "A storm flooded three coastal villages overnight, officials said.",
     "Residents were evacuated by boat."),
    ("Company recalls faulty phone batteries", "The company said it would recall two million phone batteries.",
     "Some batteries reportedly overheated."),
    ("Minister denies bribery claims", "The minister denied claims that he accepted bribes.",
     "An anonymous official said an inquiry may follow."),
]


def articles(n: int) -> list[dict[str, str]]:
    """``n`` distinct small articles (topics cycled, numbered so each is new)."""
    out = []
    for i in range(n):
        headline, first, second = TOPICS[i % len(TOPICS)]
        out.append({"headline": f"{headline} ({i})", "body": f"{first} {second} This is report number {i}."})
    return out


def write_jsonl(path: Path, rows: list[dict[str, str] | str]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def run_ingest(store_path: Path, source: Path, **kwargs):  # type: ignore[no-untyped-def]
    warnings: list[str] = []
    with Store.open(store_path, create=True) as store:
        stats = ingest(store, iter_batch(source), origin=str(source), jobs=1, warn=warnings.append, **kwargs)
    return stats, warnings


def stored(store_path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(store_path)
    try:
        return conn.execute("SELECT a.headline, r.report_json FROM articles a JOIN reports r "
                            "ON r.article_id = a.id ORDER BY a.id").fetchall()
    finally:
        conn.close()


# --------------------------------------------------------------------------- store


def test_content_hash_ignores_whitespace_only():
    assert content_hash("A  headline", "Body text.\n") == content_hash("A headline", " Body  text.")
    assert content_hash("A headline", "Body text.") != content_hash("A headline", "Body text!")


def test_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some text, not a database\n" * 50)
    with pytest.raises(InputError, match="not an onrecord store"):
        Store.open(path, create=True)
    assert path.read_text().startswith("just some text")


def test_foreign_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="not an onrecord store"):
        Store.open(path, create=True)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["customers"]
    conn.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Store.open(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="schema version 99 is newer"):
        Store.open(path)


def test_missing_store_is_not_created_by_readers(tmp_path):
    with pytest.raises(InputError, match="no such store"):
        Store.open(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()


# --------------------------------------------------------------------------- ingest


def test_ingest_is_idempotent_and_reports_are_valid(tmp_path):
    rows = articles(3)
    rows.append({"headline": rows[0]["headline"], "body": rows[0]["body"].replace(" ", "  ")})  # same content
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    db = tmp_path / "c.db"
    first, _ = run_ingest(db, source)
    assert (first.added, first.skipped) == (3, 1)
    again, _ = run_ingest(db, source)
    assert (again.added, again.skipped) == (0, 4)
    kept = stored(db)
    assert [h for h, _ in kept] == [r["headline"] for r in rows[:3]]
    with Store.open(db) as store:
        assert store.counts()["articles"] == 3
        n_sentences = sum(json.loads(report)["summary"]["sentences"] for _, report in kept)
        assert store.counts()["sentences"] == n_sentences
    for _, report in kept:
        validate(json.loads(report))


def test_article_stored_by_another_ingest_meanwhile_counts_as_skipped(tmp_path, monkeypatch):
    """Two ingests of overlapping inputs: each reads the known hashes once, at its start, so an article the
    other one stores meanwhile reaches ``Store.add``, which declines it; it must be counted skipped, not added."""
    source = write_jsonl(tmp_path / "in.jsonl", articles(2))
    db = tmp_path / "c.db"
    run_ingest(db, source)
    monkeypatch.setattr(Store, "hashes", lambda self: set())  # as if the other ingest had not committed yet
    stats, _ = run_ingest(db, source)
    assert (stats.added, stats.skipped) == (0, 2)
    assert len(stored(db)) == 2


def test_malformed_line_is_reported_with_its_number_and_skipped(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [articles(1)[0], '{"headline": "no body"', articles(2)[1]])
    stats, warnings = run_ingest(tmp_path / "c.db", source)
    assert (stats.added, stats.bad_input) == (2, 1)
    assert len(warnings) == 1 and f"{source}:2:" in warnings[0]


def test_strict_makes_a_malformed_line_fatal(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [articles(1)[0], "not json", articles(2)[1]])
    with pytest.raises(InputError, match=r"in\.jsonl:2:.*--strict"):
        run_ingest(tmp_path / "c.db", source, strict=True)
    assert [h for h, _ in stored(tmp_path / "c.db")] == [articles(1)[0]["headline"]]  # what came before is kept


INGEST_CMD = "from onrecord.corpus.cli import corpus_app; corpus_app()"


def test_sigkill_mid_ingest_loses_nothing_committed_and_duplicates_nothing(tmp_path):
    rows = articles(30)
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    db = tmp_path / "c.db"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen([sys.executable, "-c", INGEST_CMD, "ingest", str(source), "--store", str(db),
                             "--jobs", "1", "--no-progress"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not (db.exists() and _count(db)):  # wait for the first committed article
            assert proc.poll() is None, "ingest ended before its first commit"
            assert time.monotonic() < deadline, "no commit within 120 s"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    at_kill = _count(db)
    assert 0 < at_kill < len(rows), "the kill must land mid-way for this test to mean anything"

    stats, _ = run_ingest(db, source)
    assert stats.skipped == at_kill and stats.added == len(rows) - at_kill
    kept = stored(db)
    assert sorted(h for h, _ in kept) == sorted(r["headline"] for r in rows)  # each exactly once
    for _, report in kept:
        validate(json.loads(report))
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def _count(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0
    finally:
        conn.close()


# --------------------------------------------------------------------------- search


def _sentences(body: str) -> list[SentenceRow]:
    rows, start = [], 0
    for i, text in enumerate(body.split(". ")):
        text = text if text.endswith(".") else text + "."
        start = body.index(text, start)
        rows.append(SentenceRow(i, text, start, start + len(text)))
        start += len(text)
    return rows


@pytest.fixture
def search_store(tmp_path):
    bodies = [
        ("Volcano erupts near village", "The volcano erupted on Sunday. Ash covered the village. No one was hurt."),
        ("Central bank raises interest rates",
         "The central bank raised interest rates. Markets fell. Analysts expect inflation to ease."),
        ("Football club sacks manager", "The club sacked its manager after five defeats. Fans had protested."),
        ("Bank robbery in the city centre", "Two men robbed a bank in the city centre. Police arrested one of them."),
    ]
    store = Store.open(tmp_path / "s.db", create=True)
    store.bulk_load((Article(h, b), _sentences(b)) for h, b in bodies)
    yield store
    store.close()


def test_search_ranks_the_relevant_article_first_with_its_best_sentence(search_store):
    hits = search(search_store, "Did the central bank raise interest rates?", limit=3)
    assert hits[0].headline == "Central bank raises interest rates"
    assert hits[0].score > hits[1].score
    best = hits[0].sentences[0]
    assert best.text == "The central bank raised interest rates."
    body = search_store.conn.execute("SELECT body FROM articles WHERE id = ?", (hits[0].article_id,)).fetchone()[0]
    assert all(body[s.start:s.end] == s.text for s in hits[0].sentences)
    assert [h.headline for h in search(search_store, "volcano ash", limit=1)] == ["Volcano erupts near village"]


def test_a_reranker_reorders_a_larger_candidate_pool(search_store):
    class Reverse:
        seen = 0

        def rerank(self, claim, hits):  # type: ignore[no-untyped-def]
            Reverse.seen = len(hits)
            return hits[::-1]

    plain = search(search_store, "bank", limit=1)
    reranked = search(search_store, "bank", limit=1, reranker=Reverse())
    assert Reverse.seen == 2  # both bank articles: the pool is larger than the limit
    assert reranked[0].article_id != plain[0].article_id


def test_search_without_a_match_is_empty(search_store):
    assert search(search_store, "quantum chromodynamics") == []


@pytest.mark.parametrize("claim", ['"foo" OR bar*', "NEAR(", "volcano NEAR(ash", "body:volcano", "^bank",
                                   'AND OR NOT "', "bank)) OR ((", "ash + -village {x}"])
def test_fts_syntax_in_the_claim_is_just_words(search_store, claim):
    search(search_store, claim)  # must not raise


def test_claim_without_words_is_a_user_error(search_store):
    with pytest.raises(InputError, match="no words"):
        search(search_store, "*** ()")


# --------------------------------------------------------------------------- CLI and export


def test_cli_ingest_search_stats_export(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", articles(5))
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    result = runner.invoke(corpus_app, ["ingest", str(source), "--store", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(corpus_app, ["search", "minister bribes", "--store", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["results"]
    assert found[0]["headline"] == "Minister denies bribery claims (4)" and found[0]["verdict"]
    result = runner.invoke(corpus_app, ["stats", "--store", db])
    assert "articles   5" in result.stdout
    out = tmp_path / "summary.csv"
    result = runner.invoke(corpus_app, ["export", "--store", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert len(lines) == 6 and lines[0].split(",")[3:] == [name for name, _ in COLUMNS]
    # a table written over the store itself would destroy it
    stored = tmp_path / "store.csv"
    run_ingest(stored, source)
    before = stored.read_bytes()
    for command in ("export", "actors"):
        result = runner.invoke(corpus_app, [command, "--store", str(stored), "--out", str(stored)])
        assert isinstance(result.exception, InputError) and "choose another --out" in str(result.exception)
    assert stored.read_bytes() == before


def test_cli_refuses_a_foreign_store(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"\x00garbage" * 100)
    result = CliRunner().invoke(corpus_app, ["stats", "--store", str(path)])
    assert isinstance(result.exception, InputError)


def test_foreign_meta_tables_and_read_only_writes_get_one_line(tmp_path):
    import sqlite3

    from onrecord.corpus import store as store_module

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta(k, v)")
    result = CliRunner().invoke(corpus_app, ["stats", "--store", str(path)])
    assert isinstance(result.exception, InputError) and "not an onrecord store" in str(result.exception)
    refused = store_module._read_only(path, sqlite3.OperationalError("attempt to write a readonly database"))
    assert isinstance(refused, InputError) and "read-only" in str(refused)
    assert store_module._read_only(path, sqlite3.OperationalError("database is locked")) is None


def test_parquet_export(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    source = write_jsonl(tmp_path / "in.jsonl", articles(2))
    db = tmp_path / "c.db"
    run_ingest(db, source)
    out = tmp_path / "summary.parquet"
    result = CliRunner().invoke(corpus_app, ["export", "--store", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows == 2 and table.schema.field("speculative_ratio").type == "double"


def test_the_summary_row_says_whether_the_headline_hedges_itself():
    from onrecord.audit import audit
    from onrecord.corpus.summary import summary_row

    body = "The Kessel port will close next month, people familiar with the plan said. The union objected."
    rows = {h: summary_row(audit(Article(h, body)).to_dict()) for h in (
        "Kessel port reportedly closing next month",   # hedged, credited to no one
        "Will the Kessel port close?",                 # asked
        "Union says Kessel port will close",           # credited: the union's report, not hedged by the headline
        "Kessel port to close next month")}            # asserted
    assert [r["headline_hedged"] for r in rows.values()] == [1, 1, 0, 0]
    assert rows["Kessel port reportedly closing next month"]["claim_attitude"] == "reportedly"
    assert rows["Kessel port reportedly closing next month"]["claim_holder"] is None
    assert all(r["reads_english"] == 1 for r in rows.values())
    french = "Le maire a déclaré lundi que le pont rouvrira la semaine prochaine, après que les ingénieurs ont " \
             "constaté que les dégâts étaient moins graves que prévu. Les habitants se plaignent depuis des mois."
    assert summary_row(audit(Article("Mayor says bridge will reopen", french)).to_dict())["reads_english"] == 0


def test_search_text_view_does_not_pass_terminal_escapes(tmp_path, capsys):
    from onrecord.cli import main

    evil = {"headline": "Apple will buy Tesla \x1b[31mRED\x1b[0m",
            "body": "Apple will buy Tesla, sources said. \x1b]0;pwned\x07\x1b[2J The deal may close soon."}
    db = str(tmp_path / "e.db")
    assert main(["corpus", "ingest", str(write_jsonl(tmp_path / "e.jsonl", [evil])), "--store", db,
                 "--no-progress", "--no-embed"]) == 0
    capsys.readouterr()
    assert main(["corpus", "search", "Apple buy Tesla", "--store", db]) == 0
    out = capsys.readouterr().out
    assert "Apple will buy Tesla" in out and "\x1b" not in out and "\x07" not in out


def test_an_ingest_that_stores_nothing_fails_and_a_damaged_store_is_named_so(tmp_path, capsys):
    from onrecord.cli import main

    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "ws.txt").write_text("   \n")
    db = tmp_path / "n.db"
    rc = main(["corpus", "ingest", str(tmp_path / "empty.txt"), str(tmp_path / "ws.txt"), "--store", str(db),
               "--no-progress"])
    err = capsys.readouterr().err
    assert rc == 2 and "nothing could be ingested" in err.splitlines()[-1]
    assert not db.exists()  # no empty store left behind
    source = write_jsonl(tmp_path / "in.jsonl", articles(3))
    assert main(["corpus", "ingest", str(source), "--store", str(db), "--no-progress", "--no-embed"]) == 0
    assert main(["corpus", "ingest", str(source), "--store", str(db), "--no-progress", "--no-embed"]) == 0  # all stored
    capsys.readouterr()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(db.read_bytes()[:8000])
    assert main(["corpus", "stats", "--store", str(damaged)]) == 2
    err = capsys.readouterr().err
    assert "store is damaged" in err and "-wal" not in err
