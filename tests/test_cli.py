"""The command line end to end: help, single and batch audits, and one-line errors on bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.cli import main
from onrecord.report import validate

from .conftest import EXAMPLES

ONRECORD = [sys.executable, "-m", "onrecord"]


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def assert_one_line_error(rc: int, err: str, needle: str) -> None:
    assert rc != 0
    lines = [l for l in err.splitlines() if l.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("onrecord: error: ")
    assert needle in lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize("content, needle", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20, "binary"),
    (b"Only a headline\n", "body"),
])
def test_bad_files_give_one_line_and_nonzero_exit(tmp_path, capsys, content, needle):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    rc, out, err = run_main(capsys, "check", str(p))
    assert_one_line_error(rc, err, needle)
    assert out == ""


def test_oversized_file_is_refused(tmp_path, capsys):
    from onrecord.readers import MAX_BYTES

    p = tmp_path / "huge.txt"
    p.write_bytes(b"Headline\n" + b"word " * (MAX_BYTES // 5 + 10))
    rc, _, err = run_main(capsys, "check", str(p))
    assert_one_line_error(rc, err, "MB")


def test_html_without_article_text(tmp_path, capsys):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><title></title></head><body><script>var x = 1;</script><img src='a.png'></body></html>")
    rc, _, err = run_main(capsys, "check", str(p))
    assert_one_line_error(rc, err, "no article text")


def test_missing_file(capsys):
    rc, _, err = run_main(capsys, "check", "does/not/exist.txt")
    assert_one_line_error(rc, err, "exist.txt")


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://localhost:8080/x", "http://[::1]/", "http://10.1.2.3/",
                                 "http://169.254.169.254/latest/meta-data/"])
def test_private_urls_are_refused(capsys, url):
    rc, _, err = run_main(capsys, "check", url)
    assert_one_line_error(rc, err, "refused")


def test_no_half_written_output_on_failure(tmp_path, capsys):
    out = tmp_path / "report.json"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    rc, _, _ = run_main(capsys, "check", str(bad), "--out", str(out))
    assert rc != 0
    assert list(tmp_path.iterdir()) == [bad]  # neither the report nor a temporary file


def test_usage_errors_are_short(capsys):
    rc, _, err = run_main(capsys, "check", "--format", "pdf", "x.txt")
    assert rc == 2 and "Traceback" not in err
    for args, needle in ((["check", "--format", "pdf", "x.txt"], "'pdf'"),
                         (["corpus", "search", "bridge", "--limit", "0"], "--limit"),
                         (["eval", "stance"], "Missing argument"),
                         (["corpus", "search", "-Apple"], "goes after --")):
        rc, _, err = run_main(capsys, *args)
        assert_one_line_error(rc, err, needle)  # was a usage block of four lines or more
        assert f"(see onrecord {' '.join(args[:2] if args[0] != 'check' else args[:1])} --help)" in err


def test_help_teaches():
    r = subprocess.run(ONRECORD + ["check", "--help"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0
    for word in ("--batch", "--format", "--allow-private", "Examples"):
        assert word in r.stdout


def test_subprocess_error_has_no_traceback(tmp_path):
    p = tmp_path / "e.txt"
    p.write_bytes(b"")
    r = subprocess.run(ONRECORD + ["check", str(p)], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "ONRECORD_DEBUG": "0"})
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "Traceback" not in r.stderr


# --------------------------------------------------------------------------- audits through the CLI

def test_check_json_is_a_valid_report(capsys):
    rc, out, err = run_main(capsys, "check", str(EXAMPLES / "on-record.txt"), "--format", "json")
    assert rc == 0, err
    d = json.loads(out)
    validate(d)
    assert d["headline"] == "Varga Says Port Strike Will End This Week"


def test_check_html_to_file(tmp_path, capsys):
    out = tmp_path / "a.html"
    rc, stdout, err = run_main(capsys, "check", str(EXAMPLES / "hedged-confidence.txt"), "-f", "html", "-o", str(out))
    assert rc == 0, err
    html = out.read_text()
    assert html.startswith("<!doctype html>") and 'class="hedge' in html
    assert stdout == ""


def test_check_stdin(capsys, monkeypatch):
    import io

    data = (EXAMPLES / "denied.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    rc, out, err = run_main(capsys, "check", "-", "--format", "json")
    assert rc == 0, err
    assert json.loads(out)["headline"] == "Northwind Airlines to Cut 5,000 Jobs"


def test_batch_reports_bad_lines_and_continues(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    good = {"headline": "Varga says strike will end", "body": "Varga said the strike will end this week."}
    src.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({**good, "id": "b"}) + "\n")
    out = tmp_path / "out.jsonl"
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress")
    assert rc == 0
    assert "in.jsonl:2" in err and "Traceback" not in err
    lines = out.read_text().splitlines()
    assert len(lines) == 2
    for line in lines:
        validate(json.loads(line))


def test_batch_with_two_jobs_matches_one_job(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    rows = [{"id": str(i), "headline": f"Varga says strike {i} will end",
             "body": f"Varga said strike number {i} will end. It might not."} for i in range(5)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--jobs", jobs, "--no-progress")
        assert rc == 0, err
        outs.append(out.read_text())
    assert outs[0] == outs[1]


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path, capsys):
    p = tmp_path / "latin1.txt"
    p.write_bytes("Café owner says rent will double\nThe café owner said the rent would double.".encode("latin-1"))
    rc, out, err = run_main(capsys, "check", str(p), "--format", "json")
    assert rc == 0
    assert "warning" in err and "UTF-8" in err
    d = json.loads(out)
    assert "\ufffd" in d["headline"] and d["warnings"]


def test_script_in_article_is_escaped_end_to_end(tmp_path, capsys):
    p = tmp_path / "evil.txt"
    p.write_text('<script>alert(1)</script> Mayor says "<img src=x onerror=alert(2)>" is fine\n'
                 'The mayor said <script>alert(3)</script> that the plan "<b>works</b>", officials said.\n')
    out = tmp_path / "evil.html"
    rc, _, err = run_main(capsys, "check", str(p), "-f", "html", "-o", str(out))
    assert rc == 0, err
    html = out.read_text()
    assert "<script" not in html and "<img" not in html and "<b>works" not in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html


def _batch_file(tmp_path, n: int = 4, bad_line: int | None = None):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": f"a{i}", "headline": f"Varga says strike {i} will end",
                         "body": f"Varga said strike number {i} will end. It might not."}) for i in range(n)]
    if bad_line is not None:
        lines.insert(bad_line - 1, "{broken")
    src.write_text("\n".join(lines) + "\n")
    return src


def test_batch_resumes_after_interruption(tmp_path, capsys):
    src = _batch_file(tmp_path)
    out = tmp_path / "out.jsonl"
    assert run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress")[0] == 0
    full = out.read_text().splitlines()
    # an interrupted run: two complete reports and a torn third line in OUT.partial, no OUT
    out.unlink()
    partial = tmp_path / "out.jsonl.partial"
    partial.write_text(full[0] + "\n" + full[1] + "\n" + full[2][:50])
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress")
    assert rc == 0 and "resuming: 2 reports" in err
    assert not partial.exists()
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert sorted(ids) == ["a0", "a1", "a2", "a3"]          # each once, the torn one redone


def test_batch_rerun_keeps_a_finished_output_and_audits_only_new_articles(tmp_path, capsys):
    src = _batch_file(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    assert run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress")[0] == 0
    first = out.read_text().splitlines()
    src.write_text(src.read_text() + json.dumps({"id": "new", "headline": "Varga says talks resume",
                                                 "body": "Varga said the talks resume on Tuesday."}) + "\n")
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress")
    assert rc == 0 and "resuming: 2 reports already in out.jsonl" in err
    lines = out.read_text().splitlines()
    assert lines[:2] == first                                  # kept byte for byte, not redone
    assert [json.loads(line)["id"] for line in lines] == ["a0", "a1", "new"]
    assert not (tmp_path / "out.jsonl.partial").exists()


@pytest.mark.parametrize("batch", [True, False])
def test_output_that_is_the_input_is_refused_and_the_input_kept(tmp_path, capsys, batch):
    src = _batch_file(tmp_path, 2) if batch else tmp_path / "a.txt"
    if not batch:
        src.write_text("Varga says strike will end\nVarga said the strike will end.\n")
    before = src.read_bytes()
    args = ("--batch", str(src)) if batch else (str(src),)
    rc, _, err = run_main(capsys, "check", *args, "--out", str(src), "--no-progress")
    assert_one_line_error(rc, err, "is also an input or output here")
    assert src.read_bytes() == before


def test_batch_refuses_to_replace_a_file_that_holds_no_reports(tmp_path, capsys):
    src = _batch_file(tmp_path, 2)
    other = tmp_path / "notes.jsonl"
    other.write_text('{"id": "mine", "text": "not a report"}\n')
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(other), "--no-progress")
    assert_one_line_error(rc, err, "not an onrecord reports file")
    assert other.read_text() == '{"id": "mine", "text": "not a report"}\n'
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(tmp_path / "o.jsonl"),
                          "--summary", str(src), "--no-progress")
    assert_one_line_error(rc, err, "choose another --summary")


def test_batch_refuses_to_resume_when_the_input_changed_under_line_number_ids(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    rows = [{"headline": "Varga says strike will end", "body": "Varga said the strike will end."},
            {"headline": "Brandt says talks resume", "body": "Brandt said the talks resume."}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.jsonl"
    assert run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress")[0] == 0
    before = out.read_bytes()
    new = {"headline": "Jones says snow is coming", "body": "Jones said it will snow."}
    src.write_text("".join(json.dumps(r) + "\n" for r in [new, *rows]))   # ids 1, 2 now name other articles
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress")
    assert_one_line_error(rc, err, "holds another article under id '1'")
    assert out.read_bytes() == before and not (tmp_path / "out.jsonl.partial").exists()


def test_batch_reports_and_skips_a_repeated_id(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "headline": "Varga says strike will end", "body": "Varga said so."}) + "\n"
                   + json.dumps({"id": "x", "headline": "Brandt says talks resume", "body": "Brandt said so."}) + "\n")
    out = tmp_path / "out.jsonl"
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress")
    assert rc == 0 and "item 2: id 'x' is item 1's too" in err
    assert [json.loads(line)["headline"] for line in out.read_text().splitlines()] == ["Varga says strike will end"]


def test_batch_with_a_lone_surrogate_audits_every_line(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"headline": "Varga says strike will end", "body": "Varga said so."}\n'
                   '{"headline": "Mayor \\ud800 says", "body": "The mayor said it."}\n')
    out = tmp_path / "out.jsonl"
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress")
    assert rc == 0, err
    reports = [json.loads(line) for line in out.read_text().splitlines()]
    assert reports[1]["headline"] == "Mayor \ufffd says" and "surrogate" in reports[1]["warnings"][0]


@pytest.mark.parametrize("strict", [False, True])
def test_a_batch_with_nothing_audited_leaves_no_output(tmp_path, capsys, strict):
    src = tmp_path / "in.jsonl"
    src.write_text('not json\n{"x": 1}\n')
    out = tmp_path / "out.jsonl"
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress",
                          *(["--strict"] if strict else []))
    assert rc == 2 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_batch_checks_the_summary_path_before_any_work(tmp_path, capsys):
    src = _batch_file(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    for summary, needle in ((out, "choose another --summary"), (tmp_path / "no" / "s.csv", "does not exist"),
                            (tmp_path / "s.txt", ".csv or .parquet")):
        rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--summary", str(summary),
                              "--no-progress")
        assert_one_line_error(rc, err, needle)
        assert not out.exists()


def test_batch_summary_table(tmp_path, capsys):
    import csv

    src = _batch_file(tmp_path, 3)
    out, table = tmp_path / "out.jsonl", tmp_path / "summary.csv"
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--summary", str(table),
                          "--no-progress")
    assert rc == 0, err
    rows = list(csv.DictReader(table.open()))
    assert [r["id"] for r in rows] == ["a0", "a1", "a2"]
    assert all(r["verdict"] in ("supported", "unsupported", "contradicted", "unrelated") for r in rows)
    pq = pytest.importorskip("pyarrow.parquet")
    table_pq = tmp_path / "summary.parquet"
    assert run_main(capsys, "check", "--batch", str(src), "--out", str(tmp_path / "o2.jsonl"),
                    "--summary", str(table_pq), "--no-progress")[0] == 0
    assert pq.read_table(table_pq).num_rows == 3


def test_batch_strict_stops_at_malformed_line(tmp_path, capsys):
    src = _batch_file(tmp_path, 3, bad_line=2)
    out = tmp_path / "out.jsonl"
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--strict", "--no-progress")
    assert_one_line_error(rc, err, "in.jsonl:2")
    assert not out.exists()


def test_train_writes_its_figures_as_json(tmp_path, monkeypatch):
    import onrecord.training.clickbait as clickbait_training

    seen = {}
    threads = []

    def fake_train(data, seed=0, progress=False):  # the real one trains for minutes; the CLI's job is the plumbing
        seen.update(data=data, seed=seed)
        threads.append(os.environ.get("OMP_NUM_THREADS"))
        return {"dev": {"auc": 0.9}, "path": tmp_path}

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)

    monkeypatch.setattr(clickbait_training, "train", fake_train)
    # an output folder that does not exist is refused before any training
    assert main(["train", "clickbait", "--data", str(tmp_path), "--json", str(tmp_path / "no" / "m.json")]) == 2
    assert seen == {}
    out = tmp_path / "m.json"
    assert main(["train", "clickbait", "--data", str(tmp_path), "--seed", "3", "--json", str(out)]) == 0
    assert seen == {"data": tmp_path, "seed": 3}
    assert json.loads(out.read_text()) == {"dev": {"auc": 0.9}, "path": str(tmp_path)}
    assert threads == [None]  # training keeps PyTorch's thread pool (audits run one thread a process)
    assert main(["version"]) == 0 and os.environ["OMP_NUM_THREADS"] == "1"


def test_models_verifies_every_shipped_model(capsys) -> None:
    rc, out, _ = run_main(capsys, "models")
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert rc == 0
    assert set(lines) >= {"attribution", "cue_tagger", "stance", "checkworthy"}
    from onrecord import models

    shipped = {name for name, spec in models.REGISTRY.items() if spec.shipped}
    assert {name: lines[name].split()[1] for name in shipped} == dict.fromkeys(shipped, "ok")
    for name in set(lines) - shipped:  # an experiment's artifact: ok when built, else said to be optional
        assert lines[name].split()[1] == "ok" or "not built (optional" in lines[name]


def test_a_long_single_article_shows_a_spinner_while_it_is_audited(monkeypatch) -> None:
    import io

    from rich.console import Console

    from onrecord import cli
    from onrecord.article import Article

    article = Article("Officials say the plan will pass", "Officials said the plan would pass. " * 20)
    shown = io.StringIO()
    monkeypatch.setattr(cli, "LONG_ARTICLE_CHARS", 200)
    report = cli._audit_one(article, True, Console(file=shown, force_terminal=True))
    assert "auditing a long article (720 bytes)" in shown.getvalue()
    quiet = io.StringIO()
    assert cli._audit_one(article, False, Console(file=quiet, force_terminal=True)) == report
    assert quiet.getvalue() == ""  # --no-progress
    monkeypatch.setattr(cli, "LONG_ARTICLE_CHARS", 10_000)
    assert cli._audit_one(article, True, Console(file=quiet, force_terminal=True)) == report
    assert quiet.getvalue() == ""  # short: no spinner


def test_a_long_article_says_so_in_one_line_when_stderr_is_no_terminal(monkeypatch, capsys) -> None:
    from onrecord import cli
    from onrecord.article import Article

    article = Article("Officials say the plan will pass", "Officials said the plan would pass. " * 20)
    monkeypatch.setattr(cli, "LONG_ARTICLE_CHARS", 200)
    cli._audit_one(article, True)  # capsys: stderr is no terminal
    assert capsys.readouterr().err == "onrecord: auditing a long article (720 bytes); this may take minutes\n"
    cli._audit_one(article, False)
    assert capsys.readouterr().err == ""


def test_every_line_break_ends_a_sentence() -> None:
    """(Set in one array since session 59: the per-token setter scanned the whole document for each line break,
    so 100,000 lines took minutes; BENCHMARKS.md, "Long, dense and hostile inputs".)"""
    from onrecord import nlp
    from onrecord.article import Article

    doc = nlp.parse(Article("Lines say", "First line\nsecond line\n\nThird one. It goes on.\n"))
    assert [s.text for s in doc.sentences] == ["First line", "second line", "Third one.", "It goes on."]
    assert sum(1 for _ in nlp.get_nlp()("a\n" * 2_000).sents) == 2_000


def test_batch_of_one_text_file_and_no_stdin(tmp_path, capsys):
    src = tmp_path / "story.txt"
    src.write_text("Varga says strike will end\nVarga said the strike will end.\n")
    out = tmp_path / "out.jsonl"
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress")
    assert rc == 0, err
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["story.txt"]
    rc, _, err = run_main(capsys, "check", "--batch", "-", "--out", str(tmp_path / "o.jsonl"))
    assert_one_line_error(rc, err, "not from stdin")


def test_evaluations_refuse_files_with_nothing_to_score(tmp_path, capsys):
    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    assert_one_line_error(*run_main(capsys, "eval", "clickbait", str(empty))[::2], "non-empty JSON array")
    bodies, stances = tmp_path / "bodies.csv", tmp_path / "stances.csv"
    bodies.write_text("Body ID,articleBody\n1,The mayor said so.\n")
    stances.write_text("Headline,Body ID,Stance\n")
    assert_one_line_error(*run_main(capsys, "eval", "stance", str(bodies), str(stances))[::2], "a header and no rows")


def test_batch_csv_rows_with_extra_fields_and_utf16_files_are_reported(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text('headline,body\nVarga says x,"Varga said x, y",stray\nBrandt says y,Brandt said y.\n')
    out = tmp_path / "out.jsonl"
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress")
    assert rc == 0 and "row 1: 3 fields for 2 columns" in err
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["2"]
    wide = tmp_path / "u16.csv"
    wide.write_bytes("headline,body\nVarga says x,Varga said x.\n".encode("utf-16"))
    rc, _, err = run_main(capsys, "check", "--batch", str(wide), "--out", str(tmp_path / "o.jsonl"))
    assert_one_line_error(rc, err, "not UTF-8 text")


def test_batch_refuses_a_view_format_and_shows_reader_warnings(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"headline": "Caf\xe9 owner says rent doubles", "body": "The owner said so."}\n')
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "-f", "html", "--out", str(tmp_path / "o.jsonl"))
    assert_one_line_error(rc, err, "--format html is for a single article")
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "-f", "json", "--out", str(tmp_path / "o.jsonl"),
                          "--no-progress")
    assert rc == 0 and "in.jsonl: item 1:" in err and "UTF-8" in err


@pytest.mark.parametrize("command", ["attribution", "headline"])
def test_eval_on_polnear_folders_without_usable_gold(tmp_path, capsys, command):
    import shutil

    from .test_attribution_training import FIXTURE

    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURE, folder)
    ann = sorted((folder / "attributions").glob("*.ann"))[0]
    ann.write_text(ann.read_text().replace("\tSource ", "\tSource 999999 1000010;", 1))
    rc, _, err = run_main(capsys, "eval", command, str(folder))
    assert_one_line_error(rc, err, "is not within")
    shutil.rmtree(folder / "attributions")
    rc, _, err = run_main(capsys, "eval", command, str(folder))
    assert_one_line_error(rc, err, "nothing to score")
    out = tmp_path / ("pred" if command == "attribution" else "pred.jsonl")
    rc, _, err = run_main(capsys, "eval", command, str(folder), "--predictions", str(out))
    assert rc == 0 and "predictions written, nothing scored" in err and out.exists()


def test_text_view_fits_the_terminal_but_not_a_file(monkeypatch):
    from onrecord.cli import text_width

    monkeypatch.setenv("COLUMNS", "132")
    assert text_width(terminal=True) == 132
    monkeypatch.setenv("COLUMNS", "20")
    assert text_width(terminal=True) == 60
    monkeypatch.setenv("COLUMNS", "400")
    assert text_width(terminal=True) == 160
    assert text_width(terminal=False) == 100


# ---------------------------------------------------------------- evaluation inputs and outputs (session 21)

FIX = Path(__file__).parent / "fixtures"


def _copy(src: Path, dst: Path) -> Path:
    if src.is_dir():
        shutil.copytree(src, dst)
    else:
        shutil.copyfile(src, dst)
    return dst


def test_evaluation_outputs_never_replace_an_input(tmp_path, capsys):
    """Each of these overwrote an input (or the other output) with exit 0; the attribution one wrote its
    predictions into the gold folder, where the next run read them back as gold and scored 1.0."""
    fnc = _copy(FIX / "fnc_small", tmp_path / "fnc")
    bodies, stances = fnc / "bodies.csv", fnc / "stances.csv"
    before = stances.read_bytes()
    polnear = _copy(FIX / "polnear_small", tmp_path / "polnear")
    clef = tmp_path / "data"
    clef.mkdir()
    debate = _copy(FIX / "checkworthy_clef2019.tsv", clef / "debate.tsv")
    cases = [
        (["eval", "stance", str(bodies), str(stances), "--predictions", str(stances)], "also an input"),
        (["eval", "stance", str(bodies), str(stances), "--json", str(bodies)], "also an input"),
        (["eval", "stance", str(bodies), str(stances), "--json", str(tmp_path / "x"), "--predictions",
          str(tmp_path / "x")], "also an input or output"),
        (["eval", "attribution", str(polnear), "--predictions", str(polnear / "attributions")], "overlaps the input"),
        (["eval", "headline", str(polnear), "--predictions", str(polnear / "text" / "x.txt")], "inside the input"),
        (["eval", "checkworthy", str(debate), "--predictions", str(clef)], "overlaps the input"),
        (["eval", "stance", str(bodies), str(stances), "--predictions", str(tmp_path / "no" / "p.csv")],
         "does not exist"),
    ]
    for args, needle in cases:
        assert_one_line_error(*run_main(capsys, *args)[::2], needle)
    assert stances.read_bytes() == before and not (tmp_path / "no").exists()
    assert sorted(p.name for p in (polnear / "attributions").iterdir()) == ["x_ann1.ann", "x_ann2.ann"]


def test_attribution_gold_is_never_a_prediction_file(tmp_path):
    from onrecord.evaluation.attribution import discover

    polnear = _copy(FIX / "polnear_small", tmp_path / "polnear")
    (polnear / "attributions" / "x.ann").write_text("T1\tCue 0 4\tMayor\n")  # sorts before x_ann1.ann
    (item,) = discover([polnear])
    assert item.gold_path is not None and item.gold_path.name == "x_ann1.ann"


@pytest.mark.parametrize("name, content, needle", [
    ("bodies.csv", 'Body ID,articleBody\n1,"The mayor said so.\n2,Another body.\n', "quote left open"),
    ("bodies.csv", "Body ID,articleBody\n1,The mayor said so.\n1,A different body.\n", "given twice"),
    ("bodies.csv", "Body ID,articleBody\n1," + "word " * 200_001 + "\n", "at most 1,000,000"),
    ("debate.tsv", "1\tTRUMP\tWe built a wall.\t2\n", "label must be 0 or 1"),
    ("posts.json", '[{"post_text": "A", "truthClass": "yes"}]', "truthClass must be"),
    ("posts.json", '[{"post_text": [1, 2]}]', "string or a list of strings"),
    ("posts.json", '[{"post_text": "A", "truthMean": NaN}]', "must lie in [0, 1]"),
    ("posts.json", '[{"post_text": "A", "truthClass": "clickbait"}, {"post_text": "B"}]', "label all of them"),
    ("heads.tsv", "text\tlabel\nA headline\t2\n", "must hold 0 or 1"),
    ("nested.xml", "<Annotation><Document><DocID>d</DocID><Sentence>" + "<ccue>" * 5000 + "x" + "</ccue>" * 5000
     + "</Sentence></Document></Annotation>", "nested too deeply"),
], ids=["open quote", "body id twice", "body too long", "clef label", "truthClass", "post_text", "truthMean", "partial labels",
        "tsv label", "nested xml"])
def test_corpus_files_that_would_score_wrongly_are_refused(tmp_path, capsys, name, content, needle):
    path = tmp_path / name
    path.write_text(content)
    command = {"bodies.csv": "stance", "debate.tsv": "checkworthy", "posts.json": "clickbait", "heads.tsv": "clickbait",
               "nested.xml": "hedging"}[name]
    args = ["eval", command, str(path)]
    if command == "stance":
        stances = tmp_path / "stances.csv"
        stances.write_text("Headline,Body ID,Stance\nMayor says so,1,agree\n")
        args.append(str(stances))
    assert_one_line_error(*run_main(capsys, *args)[::2], needle)


def test_a_file_that_is_not_brat_is_not_read_as_no_gold(tmp_path, capsys):
    polnear = _copy(FIX / "polnear_small", tmp_path / "polnear")
    (polnear / "attributions" / "x_ann1.ann").write_text("source,cue,content\nMayor,said,so\n")
    assert_one_line_error(*run_main(capsys, "eval", "attribution", str(polnear))[::2], "not a brat .ann file")


def test_binary_or_empty_jsonl_and_the_store_itself_are_refused_by_ingest(tmp_path, capsys):
    store = tmp_path / "s.db"
    empty, wide = tmp_path / "e.jsonl", tmp_path / "w.jsonl"
    empty.write_text("\n \n")
    wide.write_bytes('{"headline": "A", "body": "B"}\n'.encode("utf-16"))
    for path, needle in ((empty, "empty"), (wide, "not UTF-8 text")):
        assert_one_line_error(*run_main(capsys, "corpus", "ingest", str(path), "--store", str(store))[::2], needle)
    assert not store.exists()
    store.write_bytes(b"SQLite format 3\x00")
    assert_one_line_error(*run_main(capsys, "corpus", "ingest", str(store), "--store", str(store))[::2],
                          "also an input")


def test_outputs_to_devices_are_written_not_replaced_and_unwritable_folders_are_one_line(tmp_path, monkeypatch):
    import errno

    from onrecord import atomic
    from onrecord.errors import InputError

    atomic.write_text(os.devnull, "metrics\n")
    assert not Path(os.devnull).is_file()  # still the device: it was replaced by a plain file before

    def refused(*args, **kwargs):  # what a read-only folder does (root is not refused, so it is simulated)
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refused)
    with pytest.raises(InputError, match="p.csv: cannot write \\(Permission denied\\)"):
        atomic.write_text(tmp_path / "p.csv", "x")


# ----------------------------------------------------------------- session 59's QA findings

def test_an_option_without_its_value_is_one_line_naming_the_command(capsys) -> None:
    rc, _, err = run_main(capsys, "check", "story.txt", "-f")
    assert_one_line_error(rc, err, "requires an argument")
    assert "(see onrecord check --help)" in err
    rc, _, err = run_main(capsys, "corpus", "search", "a claim", "--store")
    assert_one_line_error(rc, err, "(see onrecord corpus search --help)")


def test_outputs_that_cannot_be_written_are_refused_before_any_work(tmp_path, capsys) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text('{"headline": "Varga says strike will end", "body": "It will end, Varga said."}\n')
    rc, _, err = run_main(capsys, "check", str(tmp_path / "none.txt"), "-o", str(tmp_path / "no" / "x.txt"))
    assert_one_line_error(rc, err, "folder")
    assert "(--out)" in err and "no such file" not in err  # the output is checked before the input is read
    if not Path("/proc/self").exists():  # pragma: no cover - not Linux
        pytest.skip("needs /proc, a folder that refuses new files even to root")
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", "/proc/x.jsonl", "--no-progress")
    assert_one_line_error(rc, err, "/proc/x.jsonl: cannot write in folder /proc")
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(tmp_path / "r.jsonl"),
                          "--summary", "/proc/s.csv", "--no-progress")
    assert_one_line_error(rc, err, "(--summary)")
    assert not (tmp_path / "r.jsonl").exists()  # refused before the batch ran
    rc, _, err = run_main(capsys, "train", "clickbait", "--data", str(tmp_path), "--json", str(tmp_path))
    assert_one_line_error(rc, err, "is a directory")


def test_a_long_url_is_fetched_or_refused_in_one_short_line(capsys) -> None:
    url = "http://127.0.0.1/" + "a" * 5000  # longer than a file name may be: not a path, a URL (refused)
    rc, _, err = run_main(capsys, "check", url)
    assert_one_line_error(rc, err, "refused: loopback address")
    assert len(err) < 400


def test_a_json_array_is_one_line_error_on_stdin_and_as_a_batch(tmp_path, capsys, monkeypatch) -> None:
    import io

    array = '[\n {"headline": "Varga says strike will end", "body": "It will end."},\n {"headline": "b", "body": "c"}\n]\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(array.encode())))
    rc, _, err = run_main(capsys, "check", "-")
    assert_one_line_error(rc, err, "expected one JSON object, not an array")
    arr = tmp_path / "arr.json"
    arr.write_text(array)
    rc, _, err = run_main(capsys, "check", "--batch", str(arr), "--out", str(tmp_path / "o.jsonl"), "--no-progress")
    assert_one_line_error(rc, err, "a JSON array, not JSON Lines")
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps({"headline": "Varga says strike will end", "body": "It will end."}, indent=2))
    rc, _, err = run_main(capsys, "check", "--batch", str(pretty), "--out", str(tmp_path / "o.jsonl"), "--no-progress")
    assert_one_line_error(rc, err, "one JSON object over several lines")
    assert not (tmp_path / "o.jsonl").exists()


def test_a_csv_batch_warns_of_bytes_that_are_not_utf8(tmp_path, capsys) -> None:
    src = tmp_path / "latin1.csv"
    src.write_bytes(b"headline,body\nCaf\xe9 owner says prices will rise,The owner said prices would rise.\n")
    out = tmp_path / "o.jsonl"
    rc, _, err = run_main(capsys, "check", "--batch", str(src), "--out", str(out), "--no-progress")
    assert rc == 0 and "row 1: invalid UTF-8 replaced (1 byte)" in err
    report = json.loads(out.read_text())
    assert report["headline"].startswith("Caf\ufffd owner") and "row 1: invalid UTF-8 replaced (1 byte)" in report["warnings"][0]


def test_a_batch_output_the_input_folder_would_read_is_refused(tmp_path, capsys) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text("Varga says strike will end\nIt will end, Varga said.\n")
    rc, _, err = run_main(capsys, "check", "--batch", str(folder), "--out", str(folder / "reports.json"), "--no-progress")
    assert_one_line_error(rc, err, "lies inside the input folder")


def test_a_jsonl_batch_of_one_line_longer_than_the_sniffed_sample_is_read(tmp_path) -> None:
    from onrecord.article import Article
    from onrecord.batch_input import iter_batch

    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"headline": "Mayor says", "body": "The budget is fine. " * 500}) + "\n")
    assert [type(item) for _, item in iter_batch(path)] == [Article]
