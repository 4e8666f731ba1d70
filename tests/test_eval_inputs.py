"""Malformed evaluation inputs and the Python API's edges (session 59's QA pass): one-line errors before any work,
nothing scored smaller or merged without a word."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import pytest

from onrecord.cli import main
from onrecord.errors import InputError


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    rc = main(list(args))
    return rc, capsys.readouterr().err


# ------------------------------------------------------------------ clickbait

def test_clickbait_corrupt_gzip_is_an_input_error(tmp_path: Path) -> None:
    from onrecord.evaluation import clickbait

    data = bytearray(gzip.compress(b"a headline\nanother one\n"))
    data[10] = 0xFF  # the deflate block header: invalid block type
    bad = tmp_path / "c.gz"
    bad.write_bytes(bytes(data))
    with pytest.raises(InputError, match="cannot read"):
        clickbait.read_file(bad)
    with pytest.raises(zlib.error):  # what the reader now turns into that error
        gzip.decompress(bytes(data))


def test_clickbait_headlines_that_open_with_a_bracket_are_headlines(tmp_path: Path) -> None:
    from onrecord.evaluation import clickbait

    path = tmp_path / "headlines.txt"
    path.write_text("[Video] You Will Not Believe This Cat\nSenate passes budget\n")
    assert clickbait.read_file(path).texts == ["[Video] You Will Not Believe This Cat", "Senate passes budget"]
    array = tmp_path / "posts.txt"
    array.write_text('[\n {"postText": ["You won\'t believe it"], "truthClass": "clickbait"}\n]\n')
    assert clickbait.read_file(array).texts == ["You won't believe it"]


def test_clickbait_tsv_keeps_quote_marks_and_refuses_ragged_rows(tmp_path: Path) -> None:
    from onrecord.evaluation import clickbait

    ok = tmp_path / "ok.tsv"
    ok.write_text('text\tlabel\n"Trump" says no to budget\t0\nthird headline\t1\n')
    assert clickbait.read_file(ok).texts == ['"Trump" says no to budget', "third headline"]
    merged = tmp_path / "merge.tsv"
    merged.write_text('text\tlabel\n"Trump\t1\nsays" no to budget\t0\nthird headline\t1\n')
    assert clickbait.read_file(merged).texts == ['"Trump', 'says" no to budget', "third headline"]  # no row swallowed
    ragged = tmp_path / "ragged.tsv"
    ragged.write_text("text\tlabel\nfirst\t1\textra\n")
    with pytest.raises(InputError, match="line 2 has 3 fields for the header's 2"):
        clickbait.read_file(ragged)


def test_two_inputs_with_one_name_are_refused_before_any_model_runs(tmp_path: Path, capsys) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "h.tsv").write_text("text\tlabel\nheadline one\t1\n")
        (tmp_path / sub / "t.tsv").write_text("1\tA\tWe cut taxes by half.\t1\n2\tB\tThank you.\t0\n")
    for command, name in (("clickbait", "h.tsv"), ("checkworthy", "t.tsv")):
        rc, err = run(capsys, "eval", command, str(tmp_path / "a" / name), str(tmp_path / "b" / name))
        assert rc == 2 and f"two inputs are named {name}" in err and len(err.strip().splitlines()) == 1


# ------------------------------------------------------------------ check-worthiness

def test_checkworthy_format_from_the_first_line_with_text_and_errors_name_the_file(tmp_path: Path) -> None:
    from onrecord.evaluation import checkworthy as cw

    blank_first = tmp_path / "l.tsv"
    blank_first.write_text("\n1\tA\tHi there.\t0\n")
    assert cw.read_file(blank_first).ids == ["1"]
    reordered = tmp_path / "c.tsv"
    reordered.write_text("Text\tSentence_id\tclass_label\nWe cut taxes.\t7\tYes\n")
    f = cw.read_file(reordered)
    assert (f.format, f.ids, f.texts, f.labels) == (cw.CT24, ["7"], ["We cut taxes."], [1])
    extra = tmp_path / "x.tsv"
    extra.write_text("Sentence_id\tText\tclass_label\n7\tWe cut\ttaxes.\tYes\n")
    with pytest.raises(InputError, match="x.tsv: malformed ct24 file .*4 fields"):
        cw.read_file(extra)
    other = tmp_path / "o.tsv"
    other.write_text("Headline,Body ID,Stance\n")
    with pytest.raises(InputError, match=r"^.*o\.tsv: not a CheckThat! TSV"):
        cw.read_file(other)


# ------------------------------------------------------------------ outputs

def test_json_inside_the_predictions_folder_is_refused(tmp_path: Path, capsys) -> None:
    transcript = tmp_path / "t.tsv"
    transcript.write_text("1\tA\tWe cut taxes by half.\t1\n2\tB\tThank you.\t0\n")
    (tmp_path / "p").mkdir()
    rc, err = run(capsys, "eval", "checkworthy", str(transcript), "--predictions", str(tmp_path / "p"),
                  "--json", str(tmp_path / "p" / "t.tsv"))
    assert rc == 2 and "lies inside the --predictions folder" in err
    assert list((tmp_path / "p").iterdir()) == []  # refused before any prediction was written


# ------------------------------------------------------------------ FNC-1 / Emergent CSVs

def test_fnc_and_emergent_csv_errors(tmp_path: Path) -> None:
    from onrecord.evaluation import emergent, fnc

    latin = tmp_path / "latin1.csv"
    latin.write_bytes(b"Headline,Body ID,Stance\nM\xe9t\xe9orite,1,agree\n")
    with pytest.raises(InputError, match="latin1.csv: not UTF-8 text"):
        fnc.read_stances(latin)
    extra = tmp_path / "extra.csv"
    extra.write_text("Headline,Body ID,Stance\nMeteorite,1,agree,zz,yy\n")
    with pytest.raises(InputError, match="line 2 has more fields than the header's 3"):
        fnc.read_stances(extra)
    empty_id = tmp_path / "noid.csv"
    empty_id.write_text("Headline,Body ID,Stance\nMeteorite,,agree\n")
    with pytest.raises(InputError, match="noid.csv: row 2 has no Body ID"):
        fnc.read_stances(empty_id)
    conflict = tmp_path / "e.csv"
    conflict.write_text("claimHeadline,articleHeadline,articleId,claimId,claimTruth\n"
                        "C,H1,a1,c1,true\nC,H2,a2,c1,false\n")
    with pytest.raises(InputError, match="e.csv: rows 2 and 3 give claim c1 different claimTruth values"):
        emergent.read_rows(conflict)


# ------------------------------------------------------------------ brat and long first lines

def test_brat_gold_that_refers_to_a_missing_span_is_refused(tmp_path: Path) -> None:
    from onrecord.evaluation.brat import read_ann

    ann = tmp_path / "a.ann"
    ann.write_text("T1\tSource 0 3\tBob\nT2\tCue 4 8\tsaid\nE1\tAttribution:T9 Cue:T2 Content:T7 Source:T1\n")
    with pytest.raises(InputError, match="E1 refers to T9, which no T line defines"):
        read_ann(ann)


def test_an_article_file_of_one_long_line_is_scored_or_named(tmp_path: Path) -> None:
    from onrecord.evaluation import attribution, headline

    text = "Bob said the plan would pass. " * 100  # 3,000 characters, no line break
    item = attribution.Item(name="a1", text_path=tmp_path / "a1.txt", gold_path=None, text=text)
    article = attribution.as_article(item)  # scored: the body is the whole text, the headline cut to the limit
    assert article.body == text and len(article.headline) == 2_000
    with pytest.raises(InputError, match="^a1: the headline is 3,000 characters long"):
        headline._article(type("I", (), {"name": "a1", "text": text})())  # type: ignore[arg-type]


# ------------------------------------------------------------------ the Python API

def test_string_subclasses_are_plain_strings_and_a_batch_survives_them() -> None:
    np = pytest.importorskip("numpy")
    from onrecord import Article, audit_many

    items = [Article(headline="Mayor says budget balanced", body="The mayor said the budget was balanced.", id="ok"),
             Article(headline=np.str_("Mayor denies claim"), body=np.str_("The mayor said it."), id=np.str_("np"))]
    assert type(items[1].headline) is str and type(items[1].id) is str
    assert [r.id for r in audit_many(items)] == ["ok", "np"]


def test_audit_many_hands_over_what_it_read_before_the_input_failed() -> None:
    from onrecord import Article, audit_many

    def source():
        for i in range(4):
            yield Article(headline=f"Mayor says item {i} is fine", body=f"The mayor said item {i} was fine.", id=f"g{i}")
        raise RuntimeError("source broke midway")

    got = []
    with pytest.raises(RuntimeError, match="source broke midway"):
        for report in audit_many(source(), chunk_size=8):
            got.append(report.id)
    assert got == ["g0", "g1", "g2", "g3"]


@pytest.mark.parametrize("broken", ["[]", "null", "{", "sentences", "confidence", "holder_span"])
def test_every_malformed_report_is_a_report_error(broken: str) -> None:
    from onrecord import Article, audit
    from onrecord.report import ReportError, from_json

    good = json.loads(audit(Article("Mayor denies claim", "The mayor said the budget was balanced.")).to_json())
    if broken == "sentences":
        good["sentences"] = [1]
    elif broken == "confidence":
        good["verdict"]["confidence"] = "x"
    elif broken == "holder_span":
        good["headline_claim"]["holder_span"] = {"start": 0, "end": 3}
    text = broken if broken in ("[]", "null", "{") else json.dumps(good)
    with pytest.raises(ReportError):
        from_json(text)


def test_a_prediction_target_that_is_a_folder_is_refused_before_any_is_written(tmp_path: Path) -> None:
    from onrecord.evaluation import checkworthy as cw

    for name in ("a.tsv", "b.tsv"):
        (tmp_path / name).write_text("1\tA\tWe cut taxes by half.\t1\n2\tB\tThank you.\t0\n")
    files = [cw.read_file(tmp_path / n) for n in ("a.tsv", "b.tsv")]
    out = tmp_path / "pred"
    (out / "b.tsv").mkdir(parents=True)
    with pytest.raises(InputError, match="b.tsv: is a directory, not a file name"):
        cw.write_predictions(out, files, [[0.9, 0.1], [0.9, 0.1]], 0.5)  # type: ignore[list-item]
    assert not (out / "a.tsv").exists()  # nothing written
