"""Readers and batch input: every file, stdin and batch shape gives an Article or one clear InputError."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from onrecord import batch_input, readers
from onrecord.article import Article
from onrecord.errors import FetchError, InputError

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
BODY = "The council said on Monday that the road would reopen in May."


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def load_error(source: str, **kwargs: object) -> str:
    with pytest.raises(InputError) as caught:
        readers.load(source, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- plain text ---------------------------------------------------------------------------------


def test_text_headline_quotes_and_trailing_boilerplate_are_removed() -> None:
    article = readers.load(str(FIXTURES / "quoted_headline.txt"))
    assert article.headline == "Harbour bridge to close for six months, council says"
    assert article.body.startswith("The town council of Port Ellery voted")
    assert article.body.endswith("promised a free ferry service.")
    assert "Comments" not in article.body and "Share" not in article.body
    assert article.warnings == []


def test_text_curly_quotes_crlf_and_markup_kept_verbatim() -> None:
    article = readers.load(str(FIXTURES / "curly_headline_crlf.txt"))
    assert article.headline == "Mayor <b>denies</b> budget shortfall"
    assert article.body == (
        "The mayor said on Friday that the city budget was balanced, according to a statement.\n"
        '<script>alert("not executed")</script>'
    )


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("'Single quoted'", "Single quoted"),
        ("\u2018Curly single\u2019", "Curly single"),
        ('"Fake" news law passes "today"', '"Fake" news law passes "today"'),  # not one surrounding pair
        ('"Unbalanced', '"Unbalanced'),
        ('Minister says "no"', 'Minister says "no"'),
    ],
)
def test_only_a_surrounding_pair_of_quotes_is_stripped(line: str, headline: str) -> None:
    assert readers.article_from_text(f"{line}\n{BODY}").headline == headline


def test_boilerplate_is_dropped_only_from_the_end() -> None:
    text = f"Headline\n{BODY}\nShare this\nRead more about the plan below.\n\n  12 Comments \nAdvertisement\n"
    assert readers.article_from_text(text).body == f"{BODY}\nShare this\nRead more about the plan below."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b" \n\t\n  ", "file is empty"),
        (b"Just a headline\n\n", "no article body after the headline"),
        (b"Headline\n0 Comments\nShare this\n", "no article body after the headline"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "looks like a binary file, not text"),
        (b"PK\x03\x04\x14\x00\x06\x00", "looks like a binary file, not text"),
        pytest.param(bytes(range(1, 32)) * 10, "looks like a binary file, not text", id="control-bytes"),
    ],
)
def test_unusable_text_files_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, "input.txt", data)
    assert load_error(path).startswith(f"{path}: {message}")


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "input.txt", b"Caf\xe9 owner fined\nThe owner paid \xff\xfe euros, the court said.\n")
    article = readers.load(path)
    assert article.headline == "Caf\ufffd owner fined"
    assert article.body == "The owner paid \ufffd\ufffd euros, the court said."
    assert article.warnings == [f"{path}: invalid UTF-8 replaced (3 bytes)"]


def test_genuine_replacement_characters_are_not_counted(tmp_path: Path) -> None:
    path = write(tmp_path, "input.txt", "Odd \ufffd sign\nIt is valid UTF-8 after all.\n".encode())
    assert readers.load(path).warnings == []


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_are_honoured(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "input.txt", f"Caf\u00e9 reopens\n{BODY}\n".encode(encoding))
    article = readers.load(path)
    assert (article.headline, article.body, article.warnings) == ("Caf\u00e9 reopens", BODY, [])


def test_oversize_input_is_refused_without_reading_it_all(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(readers, "MAX_BYTES", 1000)

    class CountingStream(io.BytesIO):
        taken = 0

        def read(self, size: int | None = -1) -> bytes:
            data = super().read(size)
            CountingStream.taken += len(data)
            return data

    stream = CountingStream(b"Headline\n" + b"word " * 100_000)
    assert load_error("-", stdin=stream) == "<stdin>: larger than the 1 KB limit"
    assert CountingStream.taken == 1001
    path = write(tmp_path, "big.txt", b"Headline\n" + b"x" * 1000)
    assert load_error(path) == f"{path}: larger than the 1 KB limit"


def test_missing_paths_and_folders(tmp_path: Path) -> None:
    assert load_error(str(tmp_path / "nope.txt")) == f"{tmp_path / 'nope.txt'}: no such file"
    assert load_error(str(tmp_path)).startswith(f"{tmp_path}: is a directory")


# --- HTML ---------------------------------------------------------------------------------------


def test_html_gives_title_text_date_site_and_canonical_url() -> None:
    article = readers.load(str(FIXTURES / "article.html"))
    assert article.headline == "Library extends opening hours after petition"
    assert article.body.startswith("The Fenwick public library will stay open")
    assert article.body.endswith("weekend hours would not change.")
    assert "Home" not in article.body and "Share this" not in article.body
    assert article.published == "2024-05-14"
    assert article.source == "The Fenwick Courier"
    assert article.url == "https://courier.example/local/library-hours"


def test_html_without_article_text_is_refused() -> None:
    path = str(FIXTURES / "no_text.html")
    assert load_error(path) == f"{path}: no article text found"


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9 owners protest</title></head><body>'
        f"<p>{BODY} Owners of the caf\u00e9 said they would appeal.</p></body></html>"
    ).encode("cp1252")
    article = readers.load(write(tmp_path, "page.htm", html))
    assert article.headline == "Caf\u00e9 owners protest"
    assert "caf\u00e9" in article.body
    assert article.warnings == []


@pytest.mark.parametrize("charset", ["rot13", "hex", "zlib", "base64", "idna", "no-such-charset"])
def test_a_declared_charset_that_is_no_text_encoding_is_read_as_utf8_with_a_warning(tmp_path: Path,
                                                                                     charset: str) -> None:
    html = (f'<html><head><meta charset="{charset}"><title>Council reopens road</title></head><body>'
            f"<p>{BODY}</p></body></html>").encode()
    article = readers.load(write(tmp_path, "page.html", html))
    assert article.headline == "Council reopens road" and article.body == BODY
    assert len(article.warnings) == 1 and "read as UTF-8" in article.warnings[0]
    sent = readers.load_bytes(f"Council reopens road\n{BODY}".encode(), "request body",
                              content_type=f"text/plain; charset={charset}")
    assert sent.body == BODY and "read as UTF-8" in sent.warnings[0]


def test_html_without_title_falls_back_to_first_line() -> None:
    article = readers.article_from_html(f"<html><body><p>Road to reopen in May</p><p>{BODY}</p></body></html>")
    assert (article.headline, article.body) == ("Road to reopen in May", BODY)


# --- JSON ---------------------------------------------------------------------------------------


def test_json_article() -> None:
    article = readers.load(str(FIXTURES / "article.json"))
    assert article == Article(
        headline="Rail strike called off after last-minute deal",
        body=(
            "Union leaders called off Thursday's rail strike after reaching a pay agreement late on "
            "Wednesday, a spokesperson for the union said.\nThe operator said services would run normally."
        ),
        source="Valley Post",
        url="https://valley.example/rail",
        published="2024-02-01",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"headline": "A headline with nothing under it"}', "missing field 'body'"),
        (json.dumps({"body": BODY}), "missing field 'headline'"),
        (json.dumps({"headline": "  ", "body": BODY}), "field 'headline' is empty"),
        (json.dumps({"headline": ["a"], "body": BODY}), "field 'headline' must be a string, got an array"),
        (json.dumps({"headline": "H", "body": BODY, "url": {"a": 1}}), "field 'url' must be a string, got an object"),
        (json.dumps([{"headline": "H", "body": BODY}]), "expected one JSON object"),
        ('{"headline": "H",\n "body": }', "invalid JSON at line 2 column 10: Expecting value"),
        ('{"headline": "H", "body": "B"}\n{"headline": "I", "body": "C"}', "several JSON values (JSONL?)"),
        ("[" * 100_000, "JSON nested too deeply"),
        ('{"headline": "H", "body": "bo\\u0000dy"}', "field 'body' contains a NUL character"),
        ('{"headline": "H", "body": ' + "[" * 100_000, "JSON nested too deeply"),
    ],
)
def test_bad_json_articles_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path, "article.json", content)
    assert load_error(path).startswith(f"{path}: {message}")


def test_mapping_ids_become_strings_and_extra_keys_are_ignored() -> None:
    article = readers.article_from_mapping({"id": 7, "headline": " H ", "body": BODY, "stance": "agree"})
    assert (article.id, article.headline, article.source) == ("7", "H", None)


# --- stdin and sniffing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "headline"),
    [
        (json.dumps({"headline": "From JSON", "body": BODY}).encode(), "From JSON"),
        (f"<!doctype html><html><head><title>From HTML</title></head><body><p>{BODY}</p></body></html>".encode(), "From HTML"),
        (f"From text\n{BODY}".encode(), "From text"),
    ],
)
def test_stdin_content_is_sniffed(data: bytes, headline: str) -> None:
    article = readers.load("-", stdin=io.BytesIO(data))
    assert (article.headline, article.body) == (headline, BODY)


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    path = write(tmp_path, "story.dat", f"<html><head><title>Sniffed</title></head><body><p>{BODY}</p></body></html>")
    assert readers.load(path).headline == "Sniffed"
    assert load_error("-", stdin=io.BytesIO(b"")) == "<stdin>: input is empty"


def test_url_like_sources_go_to_the_fetcher() -> None:
    with pytest.raises(FetchError, match="refused: only http and https URLs can be fetched"):
        readers.load("javascript:alert(1)")


# --- batches ------------------------------------------------------------------------------------


def test_jsonl_reports_bad_lines_by_number_and_keeps_the_rest() -> None:
    path = FIXTURES / "batch.jsonl"
    items = list(batch_input.iter_batch(path))
    assert [number for number, _ in items] == [1, 3, 4, 5]  # line 2 is blank
    first, bad, museum, no_body = (item for _, item in items)
    assert isinstance(first, Article) and first.id == "a1"
    assert isinstance(museum, Article) and (museum.id, museum.source) == ("4", "Courier")
    assert isinstance(bad, InputError) and str(bad).startswith(f"{path}:3: invalid JSON")
    assert isinstance(no_body, InputError) and str(no_body) == f"{path}:5: missing field 'body'"


def test_a_jsonl_line_nested_too_deeply_is_that_line_s_error(tmp_path: Path) -> None:
    path = write(tmp_path, "deep.jsonl", "[" * 100_000 + "\n" + json.dumps({"headline": "H", "body": BODY}) + "\n")
    (n1, deep), (n2, fine) = batch_input.iter_batch(path)
    assert (n1, n2) == (1, 2) and isinstance(fine, Article)
    assert isinstance(deep, InputError) and str(deep) == f"{path}:1: JSON nested too deeply to be an article"


def test_jsonl_overlong_and_undecodable_lines(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(readers, "MAX_BYTES", 200)
    good = json.dumps({"headline": "Fine", "body": BODY}).encode()
    long = json.dumps({"headline": "Long", "body": "x" * 500}).encode()
    latin = b'{"headline": "Caf\xe9", "body": "' + BODY.encode() + b'"}'
    path = write(tmp_path, "batch.jsonl", b"\n".join([good, long, latin, good]))
    items = dict(batch_input.iter_jsonl(path))
    assert str(items[2]) == f"{path}:2: line larger than the 200 bytes limit"
    assert isinstance(items[3], Article) and items[3].warnings == [f"{path}:3: invalid UTF-8 replaced (1 byte)"]
    assert isinstance(items[4], Article) and items[4].id == "4"


def test_csv_batch() -> None:
    path = FIXTURES / "batch.csv"
    items = list(batch_input.iter_batch(path))
    assert [number for number, _ in items] == [1, 2, 3]
    ferry, museum, bad = (item for _, item in items)
    assert isinstance(ferry, Article) and ferry.id == "c1" and ferry.body.endswith("reflected fuel costs.")
    assert isinstance(museum, Article) and (museum.id, museum.source) == ("2", None)
    assert str(bad) == f"{path}: row 3: missing field 'headline'"


def test_folder_batch_reads_every_article_file(tmp_path: Path) -> None:
    for name in ("article.html", "article.json", "quoted_headline.txt", "missing_body.json"):
        (tmp_path / "news" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "news" / name).write_bytes((FIXTURES / name).read_bytes())
    (tmp_path / "news" / ".hidden.txt").write_text("Hidden\nNot read.")
    (tmp_path / "news" / "notes.md").write_text("Ignored\nNot an article file.")
    results = [item.id if isinstance(item, Article) else str(item) for _, item in batch_input.iter_batch(tmp_path)]
    assert results == [
        "news/article.html",
        "news/article.json",
        f"{tmp_path / 'news' / 'missing_body.json'}: missing field 'body'",
        "news/quoted_headline.txt",
    ]


def test_folder_batch_skips_links_to_files_outside_the_folder(tmp_path: Path) -> None:
    """A folder unpacked from elsewhere must not pull ~/.ssh/id_rsa into reports: a link to a file outside the
    folder is reported and skipped; a link inside it, or to a folder, is not a way out."""
    root, outside = tmp_path / "news", tmp_path / "private"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\nThe key is 1234.")
    (outside / "sub").mkdir()
    (outside / "sub" / "inner.txt").write_text("Inner\nNot read either.")
    (root / "story.txt").write_text("Story\nThe ferry ran late.")
    (root / "leak.txt").symlink_to(outside / "secret.txt")
    (root / "same.txt").symlink_to(root / "story.txt")
    (root / "linked_folder").symlink_to(outside / "sub", target_is_directory=True)
    results = [item.id if isinstance(item, Article) else str(item) for _, item in batch_input.iter_batch(root)]
    assert results == [f"{root / 'leak.txt'}: a symbolic link to a file outside {root}; skipped", "same.txt",
                       "story.txt"]
    assert batch_input.dir_files(root) == [root / "leak.txt", root / "same.txt", root / "story.txt"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.jsonl", None, "no such file"),
        ("empty_dir", "", "no .txt, .html, .htm, .json files found"),
        ("table.csv", "title,text\nA,B\n", "CSV header lacks column(s) headline, body"),
    ],
)
def test_whole_batch_problems_raise_at_once(tmp_path: Path, name: str, content: str | None, message: str) -> None:
    path = tmp_path / name
    if name == "empty_dir":
        path.mkdir()
    elif content is not None:
        path.write_text(content)
    with pytest.raises(InputError) as caught:
        batch_input.iter_batch(path)  # raises before any iteration
    assert str(caught.value).startswith(f"{path}: {message}")


def test_csv_errors_end_the_file_with_a_row_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(readers, "MAX_BYTES", 10)
    path = write(tmp_path, "batch.csv", f"headline,body\nRoad,{BODY}\nHuge,{'x' * 200}\nAfter,{BODY}\n")
    saved_limit = batch_input.csv.field_size_limit(100)  # a 200-character field stands in for a huge one
    try:
        items = list(batch_input.iter_csv(path))
    finally:
        batch_input.csv.field_size_limit(saved_limit)
    assert isinstance(items[0][1], Article)
    assert str(items[1][1]).startswith(f"{path}: row 2: unreadable CSV (field larger than field limit")
    assert len(items) == 2


def test_lone_surrogates_become_replacement_characters_with_a_warning() -> None:
    a = readers.article_from_mapping(json.loads('{"headline": "Mayor \\ud800 says", "body": "It is \\udfff fine.", '
                                                '"source": "x\\ud83d"}'))
    assert a.headline == "Mayor \ufffd says" and a.body == "It is \ufffd fine." and a.source == "x\ufffd"
    assert len(a.warnings) == 1 and "3 unpaired surrogate" in a.warnings[0]
    a.body.encode("utf-8")  # what spaCy and the store's hash need


def test_overlong_bodies_and_headlines_are_input_errors() -> None:
    from onrecord.article import MAX_BODY_CHARS, MAX_HEADLINE_CHARS

    Article("Mayor says", "x" * MAX_BODY_CHARS)
    with pytest.raises(InputError, match="body is 1,000,001 characters long"):
        Article("Mayor says", "x" * (MAX_BODY_CHARS + 1))
    with pytest.raises(InputError, match="is the first line the headline"):
        readers.article_from_text("y" * (MAX_HEADLINE_CHARS + 1) + "\nThe body.")
    with pytest.raises(InputError, match=r"at most 2,000$"):  # a JSON field has no first line to blame
        readers.article_from_mapping({"headline": "y" * (MAX_HEADLINE_CHARS + 1), "body": "The body."})


def test_a_number_too_long_to_read_is_invalid_json() -> None:
    text = '{"headline": "Mayor says", "body": "The body.", "x": ' + "1" * 4301 + "}"
    with pytest.raises(InputError, match="invalid JSON: a number too long to read"):
        readers.parse_json(text)
    with pytest.raises(InputError, match="number too long"):
        readers.json_article(text.encode(), "request body")


def test_control_characters_in_labels_are_replaced_with_a_warning() -> None:
    article = readers.article_from_mapping({"headline": "Mayor says", "body": "The body.",
                                            "source": "Daily\x00Post\x1b[31m", "published": "\x00", "id": "a\nb"})
    assert (article.source, article.published, article.id) == ("Daily\ufffdPost\ufffd[31m", "\ufffd", "a\ufffdb")
    assert any("4 control character(s)" in w for w in article.warnings)
    assert not readers.article_from_mapping({"headline": "H", "body": "B", "source": "Daily Post"}).warnings


def test_a_json_array_points_to_both_batch_routes() -> None:
    with pytest.raises(InputError, match="--batch .*/api/audit/batch"):
        readers.article_from_content('[{"headline": "H", "body": "B"}]', "json")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_no_field_values(value: str) -> None:
    with pytest.raises(InputError, match="field 'published' must be a string, got a number"):
        readers.article_from_mapping(readers.parse_json('{"headline": "a b", "body": "c d", "published": %s}' % value))
    assert readers.article_from_mapping(readers.parse_json('{"headline": "a b", "body": "c d", "id": 7}')).id == "7"
