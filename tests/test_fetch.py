"""URL fetching: SSRF guards, redirects, limits. Only a loopback test server is ever contacted."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from onrecord import fetch, readers
from onrecord.errors import FetchError

ARTICLE_HTML = (Path(__file__).parent / "fixtures" / "articles" / "article.html").read_bytes()
FAKE_PUBLIC_IP = "93.184.215.14"  # what the fake resolver answers for news.example; never contacted
REAL_CREATE_CONNECTION = socket.create_connection


class Handler(http.server.BaseHTTPRequestHandler):
    """Routes of the local test server; records (path, Host header) of every request."""

    seen: list[tuple[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.seen.append((self.path, self.headers.get("Host", "")))
        route = getattr(self, "route_" + self.path.strip("/").replace("-", "_"), None)
        try:
            if route is None:
                self.reply(404, b"not found", "text/plain")
            else:
                route()
        except OSError:
            pass  # the client gave up (timeout tests)

    def reply(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_article(self) -> None:
        self.reply(200, ARTICLE_HTML, "text/html; charset=utf-8")

    def route_redirect(self) -> None:
        self.redirect("/article")

    def route_loop(self) -> None:
        self.redirect("/loop")

    def route_to_private(self) -> None:
        self.redirect("http://10.0.0.1/admin")

    def route_to_metadata(self) -> None:
        self.redirect("http://169.254.169.254/latest/meta-data/")

    def route_to_rebound_name(self) -> None:
        self.redirect("http://rebound.example/")

    def route_to_file(self) -> None:
        self.redirect("file:///etc/passwd")

    def route_png(self) -> None:
        self.reply(200, b"\x89PNG\r\n\x1a\n", "image/png")

    def route_gzip(self) -> None:
        self.reply(200, b"\x1f\x8b\x08\x00", "text/html", Content_Encoding="gzip")

    def route_big_declared(self) -> None:
        self.reply(200, b"a" * 5000, "text/plain")

    def route_big_streamed(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()  # no Content-Length: the body ends when the connection closes
        for _ in range(50):
            self.wfile.write(b"b" * 100)

    def route_slow(self) -> None:
        time.sleep(2)
        self.reply(200, b"too late", "text/plain")

    def route_drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        for _ in range(30):  # a byte every 0.1 s: each read is quick, the whole is not
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.1)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch, server: str) -> dict[str, list]:
    """A fake resolver and a guarded connect: only the local server can ever be reached.

    news.example resolves to a (fake) public address whose connections are routed to the local server;
    rebound.example resolves to 127.0.0.1 and mixed.example to a public and a private address. Every
    resolution and every connection attempt is recorded; a connection anywhere else fails the test.
    """
    port = int(server.rsplit(":", 1)[1])
    answers = {
        "news.example": ["93.184.215.14"],
        "rebound.example": ["127.0.0.1"],
        "mixed.example": ["93.184.215.14", "10.0.0.5"],
        "localhost": ["127.0.0.1", "::1"],
    }
    log: dict[str, list] = {"resolved": [], "connected": []}

    def fake_getaddrinfo(host: str, port_: object, *args: object, **kwargs: object) -> list:
        if host == "127.0.0.1":  # the real create_connection resolving the loopback literal
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (host, port_))]
        log["resolved"].append(host)
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port_))
            for ip in answers[host]
        ]

    def guarded_connect(address: tuple, *args: object, **kwargs: object) -> socket.socket:
        log["connected"].append(address)
        if address == (FAKE_PUBLIC_IP, port):
            return REAL_CREATE_CONNECTION(("127.0.0.1", port), *args, **kwargs)
        if ipaddress.ip_address(address[0]).is_loopback:
            return REAL_CREATE_CONNECTION(address, *args, **kwargs)
        raise AssertionError(f"test tried to connect to {address}")

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", guarded_connect)
    return log


def news(server: str, path: str) -> str:
    """The URL of ``path`` on the local server, under the fake public name news.example."""
    return f"http://news.example:{server.rsplit(':', 1)[1]}{path}"


def test_fetches_local_page_when_private_addresses_are_allowed(server: str, network: dict) -> None:
    body, content_type, final_url = fetch.fetch_url(f"http://{server}/article", allow_private=True)
    assert body == ARTICLE_HTML
    assert content_type == "text/html; charset=utf-8"
    assert final_url == f"http://{server}/article"


def test_connects_to_the_vetted_address_but_sends_the_original_host(server: str, network: dict) -> None:
    url = news(server, "/article")
    body, _, _ = fetch.fetch_url(url)
    assert body == ARTICLE_HTML
    assert network["resolved"] == ["news.example"]  # resolved once: no second lookup to rebind
    assert network["connected"] == [(FAKE_PUBLIC_IP, int(server.rsplit(":", 1)[1]))]
    assert Handler.seen[-1] == ("/article", url.split("/")[2])


def test_follows_redirects_and_reports_the_final_url(server: str, network: dict) -> None:
    body, _, final_url = fetch.fetch_url(news(server, "/redirect"))
    assert body == ARTICLE_HTML
    assert final_url == news(server, "/article")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback address"),
        ("http://localhost:8000/", "loopback address"),
        ("http://[::1]/", "loopback address"),
        ("http://10.0.0.1/", "private address"),
        ("http://192.168.1.20:8080/router", "private address"),
        ("http://169.254.169.254/latest/meta-data/", "link-local address"),
        ("http://[fe80::1]/", "link-local address"),
        ("http://2130706433/", "loopback address"),
        ("http://0x7f000001/", "loopback address"),
        ("http://127.1/", "loopback address"),
        ("http://0177.0.0.1/", "loopback address"),
        ("http://0.0.0.0/", "unspecified address"),
        ("http://[::]/", "unspecified address"),
        ("http://[::ffff:127.0.0.1]/", "loopback address"),
        ("http://[::ffff:a9fe:a9fe]/", "link-local address"),
        ("http://[64:ff9b::a00:1]/", "private address"),
        ("http://[2002:7f00:1::]/", "loopback address"),
        ("http://224.0.0.1/", "multicast address"),
        ("http://240.0.0.1/", "reserved address"),
        ("http://100.64.0.1/", "non-public address"),
        ("https://rebound.example/", "loopback address"),
        ("http://mixed.example/", "private address"),
    ],
)
def test_refuses_non_public_addresses_without_connecting(network: dict, url: str, reason: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch.fetch_url(url)
    message = str(caught.value)
    assert message.startswith(f"{url}: refused: ")
    assert reason in message and message.endswith("(use --allow-private to allow)")
    # the address a name resolves to is never shown: a server's errors would map its private network
    assert not any(a in message.replace(url, "") for a in ("127.0.0.1", "10.0.0.5", "::1"))
    assert "\n" not in message
    assert network["connected"] == []


@pytest.mark.parametrize("url", ["http://[::1", "http://[zz]/", "http://a]/", "http://example.com\uff03@127.0.0.1/"])
def test_urls_urlsplit_cannot_read_are_refused_in_one_line(network: dict, url: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch.fetch_url(url)
    assert str(caught.value).startswith(f"{url}: refused: invalid URL (")
    assert "\n" not in str(caught.value)
    assert network["connected"] == [] and network["resolved"] == []


def test_a_long_url_is_cut_in_messages(network: dict) -> None:
    url = "http://news.invalid/" + "a" * 100_000
    with pytest.raises(FetchError) as caught:
        fetch.fetch_url(url)
    assert len(str(caught.value)) < fetch.LABEL_CHARS + 100
    assert str(caught.value).startswith(url[:fetch.LABEL_CHARS] + "…: ")


def test_ip_literals_are_not_sent_to_the_resolver(network: dict) -> None:
    for url in ("http://2130706433/", "http://[::1]/", "http://10.0.0.1/"):
        with pytest.raises(FetchError):
            fetch.fetch_url(url)
    assert network["resolved"] == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.txt", "javascript:alert(1)", "gopher://x/"])
def test_refuses_other_schemes(network: dict, url: str) -> None:
    with pytest.raises(FetchError, match="refused: only http and https URLs can be fetched"):
        fetch.fetch_url(url, allow_private=True)
    assert network["connected"] == [] and network["resolved"] == []


def test_refuses_credentials_without_echoing_them(network: dict) -> None:
    with pytest.raises(FetchError) as caught:
        fetch.fetch_url("http://reader:s3cret@news.example/", allow_private=True)
    assert "credentials" in str(caught.value)
    assert "s3cret" not in str(caught.value)
    assert network["connected"] == []


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ("/to-private", "http://10.0.0.1/admin: refused: private address"),
        ("/to-metadata", "http://169.254.169.254/latest/meta-data/: refused: link-local address"),
        ("/to-rebound-name", "http://rebound.example/: refused: the host resolves to a loopback address ("),
        ("/to-file", "file:///etc/passwd: refused: only http and https"),
    ],
)
def test_every_redirect_hop_is_checked_again(server: str, network: dict, path: str, refused: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch.fetch_url(news(server, path))
    assert str(caught.value).startswith(refused)
    port = int(server.rsplit(":", 1)[1])
    assert network["connected"] == [(FAKE_PUBLIC_IP, port)]  # only the first, public hop


def test_redirect_loops_stop(server: str, network: dict) -> None:
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch.fetch_url(news(server, "/loop"), max_redirects=3)
    assert len(network["connected"]) == 4


@pytest.mark.parametrize("path", ["/slow", "/drip"])
def test_slow_servers_hit_the_overall_timeout(server: str, network: dict, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0.5 s"):
        fetch.fetch_url(news(server, path), timeout=0.5)
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed"])
def test_oversized_responses_are_cut(server: str, network: dict, path: str) -> None:
    with pytest.raises(FetchError, match="response larger than the 1 KB limit"):
        fetch.fetch_url(news(server, path), max_bytes=1000)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/nowhere", "HTTP 404 Not Found"),
        ("/png", "not an article page: content type 'image/png'"),
        ("/gzip", "unsupported content encoding 'gzip'"),
    ],
)
def test_unusable_responses_are_one_line_errors(server: str, network: dict, path: str, message: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch.fetch_url(news(server, path))
    assert str(caught.value) == f"{news(server, path)}: {message}"


def test_unknown_host_and_closed_port(network: dict) -> None:
    with pytest.raises(FetchError, match="cannot resolve host 'nowhere.example'"):
        fetch.fetch_url("http://nowhere.example/")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="connection refused"):
        fetch.fetch_url(f"http://127.0.0.1:{closed_port}/", allow_private=True)


def test_public_addresses_pass() -> None:
    for address in ("93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"):
        assert fetch.refusal_reason(ipaddress.ip_address(address)) is None


def test_load_reads_an_article_from_a_url(server: str, network: dict) -> None:
    article = readers.load(news(server, "/redirect"))
    assert article.headline == "Library extends opening hours after petition"
    assert article.url == news(server, "/article")
    assert article.source == "The Fenwick Courier"


def test_load_refuses_private_urls_unless_allowed(server: str, network: dict) -> None:
    with pytest.raises(FetchError, match="refused: loopback address"):
        readers.load(f"http://{server}/article")
    assert readers.load(f"http://{server}/article", allow_private=True).published == "2024-05-14"


def test_request_target_is_escaped(server: str, network: dict) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch.fetch_url(news(server, "/no such page?q=a b"))
    assert Handler.seen[-1][0] == "/no%20such%20page?q=a%20b"
