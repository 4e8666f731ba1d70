"""`onrecord serve`: the HTTP API and the web page — reports, every kind of bad request, limits, the real server."""

from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from onrecord.cli import main
from onrecord.report import validate
from onrecord.server import Settings, create_app
from onrecord.server.guards import AuditGate, HTTPProblem

ARTICLE = {"headline": "Varga says the strike will end this week",
           "body": "“The strike will end this week,” union leader Anna Varga said on Monday. Talks resume on Tuesday."}
HOSTILE = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(max_bytes=100_000, max_chars=5_000, batch_limit=3))) as c:
        yield c


@pytest.fixture(scope="module")
def page_server() -> Iterator[tuple[str, list[str]]]:
    """A local web server serving one article page, recording every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            hits.append(self.path)
            page = (b"<html><head><title>Engineers say the dam will hold</title></head><body><article>"
                    b"<p>The dam will hold, engineers said on Monday after three days of inspections.</p>"
                    b"<p>They found no cracks in the main wall, the report says.</p></article></body></html>")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/story", hits
    httpd.shutdown()
    httpd.server_close()


def error_of(response) -> str:  # noqa: ANN001
    body = response.json()
    assert set(body) == {"error"} and "\n" not in body["error"] and "Traceback" not in body["error"]
    return body["error"]


# ------------------------------------------------------------------------ the API

def test_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["schema"] == "onrecord.report/1" and body["store"] is False


def test_head_requests_answer_without_a_body(client: TestClient) -> None:
    for path in ("/", "/api/health", "/api/schema", "/openapi.json"):
        r = client.head(path)
        assert r.status_code == 200 and r.content == b""
    assert client.head("/api/search", params={"q": "strike"}).status_code == 404  # as GET: no store
    paths = client.get("/openapi.json").json()["paths"]
    assert all("head" not in item for item in paths.values()) and list(paths["/api/health"]) == ["get"]


def test_a_405_says_which_methods_are_allowed(client: TestClient) -> None:
    response = client.delete("/api/audit")
    assert response.status_code == 405 and response.headers["allow"] == "POST"
    assert "DELETE is not allowed" in error_of(response)
    assert set(client.post("/api/schema").headers["allow"].split(", ")) == {"GET", "HEAD"}


def test_an_internal_error_is_one_line_with_the_security_headers_and_closes_the_connection() -> None:
    app = create_app(Settings())

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/boom")
    assert response.status_code == 500 and "the server's log" in error_of(response)
    assert response.headers["x-content-type-options"] == "nosniff" and response.headers["connection"] == "close"
    assert "default-src 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize(("host", "ok"), [("localhost", True), ("localhost:8080", True), ("127.0.0.1:8080", True),
                                          ("[::1]:8080", True), ("LOCALHOST", True), ("attacker.example", False),
                                          ("attacker.example:8080", False), ("localhost.attacker.example", False),
                                          ("", False)])
def test_host_headers_outside_the_allowed_names_get_a_json_400(host: str, ok: bool) -> None:
    app = create_app(Settings(allowed_hosts=("localhost", "127.0.0.1", "::1")))
    with TestClient(app) as c:
        response = c.get("/api/health", headers={"host": host})
    if ok:
        assert response.status_code == 200
    else:
        assert response.status_code == 400 and "is not accepted by this server" in error_of(response)
        assert response.headers["x-content-type-options"] == "nosniff"


def test_the_openapi_request_schema_takes_an_article_with_its_url_and_a_bare_url(client: TestClient) -> None:
    import jsonschema

    doc = client.get("/openapi.json").json()
    body = doc["paths"]["/api/audit"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    check = jsonschema.Draft202012Validator({**body, "components": doc["components"]})
    check.validate({**ARTICLE, "url": "https://news.example/a"})  # an article: audited, the url not fetched
    check.validate({"url": "https://news.example/a"})  # fetched
    with pytest.raises(jsonschema.ValidationError):
        check.validate({"headline": "No body"})


def test_unreadable_json_numbers_and_urls_are_400s(client: TestClient) -> None:
    huge = '{"headline": "Varga says", "body": "It ends.", "x": ' + "1" * 4301 + "}"
    response = client.post("/api/audit", content=huge, headers={"content-type": "application/json"})
    assert response.status_code == 400 and "number too long" in error_of(response)
    batch = client.post("/api/audit/batch", content=huge, headers={"content-type": "application/x-ndjson"})
    assert batch.status_code == 200 and "number too long" in batch.json()["results"][0]["error"]
    for url in ("http://[::1", "http://[zz]/"):
        response = client.post("/api/audit", json={"url": url})
        assert response.status_code == 400 and "refused: invalid URL" in error_of(response)
    page = client.post("/", data={"url": "http://[::1"})
    assert page.status_code == 400 and "invalid URL" in page.text


def test_schema_route_and_command_give_the_report_schema(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    from onrecord.report import json_schema

    assert client.get("/api/schema").json() == json_schema()
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_openapi_describes_bodies_and_responses_and_every_ref_resolves(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert set(doc["paths"]) == {"/api/audit", "/api/audit/batch", "/api/search", "/api/claim", "/api/health",
                                 "/api/schema"}  # the HTML pages are not API
    audit = doc["paths"]["/api/audit"]["post"]
    assert set(audit["requestBody"]["content"]) == {"application/json", "text/plain", "text/html"}
    assert audit["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Report"}
    assert {"400", "413", "415", "503"} <= set(audit["responses"])
    schemas = doc["components"]["schemas"]
    assert schemas["Stance"]["properties"]["label"]["enum"] == ["agree", "disagree", "discuss", "unrelated"]
    refs: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            refs.extend(v for k, v in node.items() if k == "$ref")
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    assert refs and all(r.startswith("#/components/schemas/") and r.rsplit("/", 1)[1] in schemas for r in refs)


def test_audit_json_keeps_the_report_contract(client: TestClient) -> None:
    response = client.post("/api/audit", json=ARTICLE)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    report = response.json()
    validate(report)
    assert report["verdict"]["label"] == "supported"
    assert report["summary"]["direct_quotes"] == 1
    # the quote's own marks are not doubled in the reason
    assert "““" not in " ".join(report["verdict"]["reasons"])


def test_audit_reads_plain_text_and_html_bodies(client: TestClient) -> None:
    text = f"{ARTICLE['headline']}\n{ARTICLE['body']}\n".encode()
    report = client.post("/api/audit", content=text, headers={"content-type": "text/plain; charset=utf-8"}).json()
    assert report["headline"] == ARTICLE["headline"] and report["body"] == ARTICLE["body"]
    html = (f"<html><head><title>{ARTICLE['headline']}</title></head><body><article><p>{ARTICLE['body']}</p>"
            "<p>Both sides said they expect a deal.</p></article></body></html>").encode()
    report = client.post("/api/audit", content=html, headers={"content-type": "text/html"}).json()
    assert report["headline"] == ARTICLE["headline"] and "Anna Varga" in report["body"]


def test_html_and_text_views_escape_what_they_render(client: TestClient) -> None:
    hostile = {"headline": f"Varga says {HOSTILE} the strike will end", "body": f"{HOSTILE} “It ends,” Varga said."}
    page = client.post("/api/audit?format=html", json=hostile)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<script>" not in page.text and "&lt;script&gt;" in page.text
    assert 'href="/"' in page.text  # the link back to the form
    assert "script-src" not in page.headers["content-security-policy"]  # no script allowed at all
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    text = client.post("/api/audit?format=text", json=hostile)
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
    assert "\x1b[" not in text.text  # no terminal colour codes over HTTP


@pytest.mark.parametrize("body, content_type, status, words", [
    (b"{not json", "application/json", 400, "invalid JSON"),
    (b"", "application/json", 400, "empty"),
    (b"   \n", "text/plain", 400, "empty"),
    (b'{"headline": "Only a headline"}', "application/json", 400, "missing field 'body'"),
    (b'{"headline": 5, "body": "x"}', "application/json", 400, "must be a string"),
    (b"[1, 2]", "application/json", 400, "expected a JSON object"),
    (b"\x00\x01\x02\x03binary" * 50, "text/plain", 400, "binary"),
    (b"%PDF-1.7", "application/pdf", 415, "application/pdf"),
    (b"Headline only, no body", "text/plain", 400, "no article body"),
    (b"<html><body><script>x()</script></body></html>", "text/html", 400, "no article text"),
    (b'{"url": "file:///etc/passwd"}', "application/json", 400, "only http and https"),
    (b'{"url": "/etc/passwd"}', "application/json", 400, "not a URL"),
    (b'{"url": 7}', "application/json", 400, "'url' must be a non-empty string"),
    (b"[" * 50_000, "application/json", 400, "nested too deeply"),
])
def test_bad_requests_get_one_line_4xx(client: TestClient, body: bytes, content_type: str, status: int,
                                       words: str) -> None:
    response = client.post("/api/audit", content=body, headers={"content-type": content_type})
    assert response.status_code == status
    assert words in error_of(response)


def test_a_local_path_is_never_read_as_the_url(client: TestClient, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret headline\nThe secret body that must not be read.\n")
    response = client.post("/api/audit", json={"url": str(secret)})
    assert response.status_code == 400 and "Secret" not in response.text


def test_private_addresses_are_refused_without_a_request(client: TestClient,
                                                         page_server: tuple[str, list[str]]) -> None:
    url, hits = page_server
    before = len(hits)
    response = client.post("/api/audit", json={"url": url})
    assert response.status_code == 400 and "loopback" in error_of(response)
    assert len(hits) == before  # nothing was sent to the private address


def test_a_url_is_fetched_and_audited_when_private_addresses_are_allowed(page_server: tuple[str, list[str]]) -> None:
    url, hits = page_server
    with TestClient(create_app(Settings(allow_private=True))) as c:
        report = c.post("/api/audit", json={"url": url}).json()
    assert report["headline"] == "Engineers say the dam will hold" and report["url"] == url
    assert hits[-1] == "/story"


def test_invalid_utf8_is_replaced_and_reported(client: TestClient) -> None:
    response = client.post("/api/audit", content=b"Caf\xe9 owner says rent doubled\nThe owner said the rent doubled.",
                           headers={"content-type": "text/plain"})
    assert response.status_code == 200
    assert any("invalid UTF-8" in w for w in response.json()["warnings"])


def test_oversized_requests_get_413_declared_or_streamed(client: TestClient) -> None:
    declared = client.post("/api/audit", content=b"x" * 100_001, headers={"content-type": "text/plain"})
    assert declared.status_code == 413 and "limit" in error_of(declared)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it arrives
        for _ in range(30):
            yield b"word " * 1000

    streamed = client.post("/api/audit", content=chunks(), headers={"content-type": "text/plain"})
    assert streamed.status_code == 413 and "limit" in error_of(streamed)


def test_an_oversized_form_post_gets_the_page_back_with_the_error(client: TestClient) -> None:
    """The browser's form post declares its length, so it is refused before it is read: with the web page
    and the error in it (it was a bare JSON object), while an API client still gets JSON."""
    big = {"headline": "A headline", "body": "x" * 100_001}
    page = client.post("/", data=big)
    assert page.status_code == 413 and page.headers["content-type"].startswith("text/html")
    assert "limit" in page.text and "<form" in page.text
    assert "content-security-policy" in page.headers
    api = client.post("/api/audit", json=big)
    assert api.status_code == 413 and "limit" in error_of(api)


def test_an_article_longer_than_max_chars_gets_413(client: TestClient) -> None:
    response = client.post("/api/audit", json={"headline": "Long one", "body": "Words go on. " * 500})
    assert response.status_code == 413 and "at most 5,000" in error_of(response)


def test_unknown_routes_methods_and_options(client: TestClient) -> None:
    assert client.get("/nothing-here").status_code == 404 and "no such route" in error_of(client.get("/nothing-here"))
    assert client.get("/api/audit").status_code == 405
    bad_format = client.post("/api/audit?format=pdf", json=ARTICLE)
    assert bad_format.status_code == 400 and "format must be one of" in error_of(bad_format)
    assert "Check a claim" not in client.get("/").text
    no_store_page = client.get("/claim", params={"q": "strike"})
    assert no_store_page.status_code == 404 and "--store" in no_store_page.text
    no_store = client.get("/api/search", params={"q": "strike"})
    assert no_store.status_code == 404 and "--store" in error_of(no_store)
    assert client.get("/docs").status_code == 404  # no page that loads scripts from elsewhere


def test_batch_reports_each_item_in_order(client: TestClient) -> None:
    response = client.post("/api/audit/batch", json=[ARTICLE, {"headline": "No body"}, 7])
    results = response.json()["results"]
    assert response.status_code == 200 and [r["index"] for r in results] == [0, 1, 2]
    validate(results[0]["report"])
    assert "missing field 'body'" in results[1]["error"] and "JSON object" in results[2]["error"]
    lines = (json.dumps(ARTICLE) + "\n{broken\n").encode()
    jsonl = client.post("/api/audit/batch", content=lines, headers={"content-type": "application/x-ndjson"}).json()
    assert "report" in jsonl["results"][0] and jsonl["results"][1]["error"].startswith("line 2:")
    too_many = client.post("/api/audit/batch", json=[ARTICLE] * 4)
    assert too_many.status_code == 413 and "at most 3" in error_of(too_many)
    deep = client.post("/api/audit/batch", content=b"[" * 50_000, headers={"content-type": "application/json"})
    assert deep.status_code == 400 and "nested too deeply" in error_of(deep)
    not_a_list = client.post("/api/audit/batch", json=ARTICLE)
    assert not_a_list.status_code == 400 and "array" in error_of(not_a_list)


def test_busy_server_answers_503_instead_of_hanging(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from onrecord.errors import InputError

    started = threading.Event()

    def slow_audit(article):  # noqa: ANN001, ANN202
        started.set()
        time.sleep(1.0)
        raise InputError("slow audit done")  # the first request's answer is not read

    monkeypatch.setattr(importlib.import_module("onrecord.audit"), "audit", slow_audit)
    app = create_app(Settings(wait=0.05))
    first = threading.Thread(target=lambda: TestClient(app, raise_server_exceptions=False).post("/api/audit", json=ARTICLE))
    first.start()
    assert started.wait(5)
    response = TestClient(app).post("/api/audit", json=ARTICLE)
    form = TestClient(app).post("/", data=ARTICLE)  # the page says so on the form
    first.join()
    assert response.status_code == 503 and response.headers["retry-after"] == "1"
    assert "busy" in error_of(response)
    assert form.status_code == 503 and "busy" in form.text and form.headers["retry-after"] == "1"


def test_audit_gate_runs_one_at_a_time() -> None:
    gate = AuditGate(wait=0.05)
    assert gate.run(lambda x: x + 1, 1) == 2
    held = threading.Event()
    release = threading.Event()
    worker = threading.Thread(target=lambda: gate.run(lambda: (held.set(), release.wait(5))))
    worker.start()
    assert held.wait(5)
    with pytest.raises(HTTPProblem) as problem:
        gate.run(lambda: None)
    release.set()
    worker.join()
    assert problem.value.status == 503
    assert gate.run(lambda: "free again") == "free again"


# ------------------------------------------------------------------------ the web page

def test_form_page_and_submission(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and '<form method="post" action="/"' in page.text
    report = client.post("/", data=ARTICLE)
    assert report.status_code == 200 and "audit another article" in report.text and "SUPPORTED" in report.text.upper()
    as_json = client.post("/", data={**ARTICLE, "format": "json"})
    validate(as_json.json())


def test_form_errors_come_back_on_the_form_escaped(client: TestClient) -> None:
    response = client.post("/", data={"headline": HOSTILE, "body": ""})
    assert response.status_code == 400 and "Could not audit this" in response.text
    assert "<script>" not in response.text and "&lt;script&gt;" in response.text  # the value is kept, escaped
    empty = client.post("/", data={})
    assert empty.status_code == 400 and "paste a headline" in empty.text


def test_form_file_upload(client: TestClient) -> None:
    text = f"{ARTICLE['headline']}\n{ARTICLE['body']}\n".encode()
    response = client.post("/", files={"file": ("story.txt", text, "text/plain")}, data={"format": "json"})
    assert response.json()["headline"] == ARTICLE["headline"]
    binary = client.post("/", files={"file": ("photo.jpg", b"\xff\xd8\xff\x00\x00" * 100, "image/jpeg")})
    assert binary.status_code == 400 and "binary" in binary.text


# ------------------------------------------------------------------------ the store

def test_search_and_claim_from_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.jsonl"
    rows = [{"id": "1", "headline": "Apple will buy Tesla, sources say", "source": "Wire",
             "body": "Apple is in talks to buy Tesla, people familiar with the matter said."},
            {"id": "2", "headline": "Council approves bus lanes", "source": "Local",
             "body": "The council approved new bus lanes on Tuesday."}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    store = tmp_path / "s.db"
    assert main(["corpus", "ingest", str(src), "--store", str(store), "--no-progress"]) == 0
    capsys.readouterr()
    with TestClient(create_app(Settings(store=str(store)))) as c:
        found = c.get("/api/search", params={"q": "Apple buy Tesla", "limit": 1}).json()
        assert [r["headline"] for r in found["results"]] == [rows[0]["headline"]]
        claim = c.get("/api/claim", params={"q": "Apple will buy Tesla"}).json()
        assert claim["claim"] == "Apple will buy Tesla" and claim["label"] in (
            "corroborated", "refuted", "unverified", "contested")
        assert c.get("/api/search").status_code == 400
        assert "limit must be" in error_of(c.get("/api/search", params={"q": "x", "limit": "0"}))
        assert "Check a claim" in c.get("/").text
        page = c.get("/claim", params={"q": f"Apple will buy Tesla {HOSTILE}"})
        assert page.status_code == 200 and "Wire" in page.text and rows[0]["headline"] in page.text
        assert "<script>" not in page.text and "&lt;script&gt;" in page.text
        assert c.get("/claim").status_code == 400 and "give the claim" in c.get("/claim").text
        assert "Could not check this claim" in c.get("/claim").text and "Could not audit" not in c.get("/claim").text
    with TestClient(create_app(Settings(store=str(src)))) as c:  # not a store: one line, not a traceback
        assert "not an onrecord store" in error_of(c.get("/api/search", params={"q": "x"}))


# ------------------------------------------------------------------------ the command

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_refuses_a_busy_port_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert main(["serve", "--port", str(taken.getsockname()[1]), "--no-warm"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("onrecord: error: cannot listen on 127.0.0.1:") and "\n" not in err


def test_serve_refuses_a_file_that_is_not_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("not sqlite")
    assert main(["serve", "--port", str(free_port()), "--store", str(bogus), "--no-warm"]) == 2
    assert "not an onrecord store" in capsys.readouterr().err


def test_onrecord_serve_answers_over_http() -> None:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "onrecord", "serve", "--port", str(port), "--no-warm"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{base}/api/health", timeout=2) as r:
                    assert json.load(r)["status"] == "ok"
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                time.sleep(0.1)
        request = urllib.request.Request(f"{base}/api/audit", data=json.dumps(ARTICLE).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as r:
            validate(json.load(r))
        # on loopback the server answers only to its own names: a rebound DNS name is turned away
        rebound = urllib.request.Request(f"{base}/api/health", headers={"Host": f"attacker.example:{port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(rebound, timeout=5)
        assert refused.value.code == 400
    finally:
        proc.terminate()
        proc.wait(timeout=20)


# ------------------------------------------------------------------------ any bytes at all

PIECES = ["{", "}", "[", "]", '"headline"', '"body"', '"url"', ":", ",", '"x"', "null", "1e999", "NaN", '"\\u0000"',
          '"http://[::1]/"', "<html>", "<title>", "</title>", "<p>", "\n", "Headline", " said ", "\x00", "\ufeff",
          "é", "“", HOSTILE]
CONTENT_TYPES = ["application/json", "text/plain", "text/html", "", "application/x-ndjson", "text/plain; charset=utf-16",
                 "text/html; charset=rot13", "application/json; charset=latin-1", "multipart/form-data; boundary=x",
                 "application/x-www-form-urlencoded", "text/plain; charset=", "application/ld+json"]


def test_no_request_body_makes_a_server_error(client: TestClient) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    bodies = st.binary(max_size=300) | st.lists(st.sampled_from(PIECES), max_size=40).map(
        lambda parts: "".join(parts).encode())

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(body=bodies, content_type=st.sampled_from(CONTENT_TYPES),
           path=st.sampled_from(["/api/audit", "/api/audit?format=html", "/api/audit/batch", "/"]))
    def check(body: bytes, content_type: str, path: str) -> None:
        response = client.post(path, content=body, headers={"content-type": content_type} if content_type else {})
        assert response.status_code in (200, 400, 413, 415), (response.status_code, response.text[:200])
        if response.status_code != 200 and path.startswith("/api"):
            error_of(response)

    check()
