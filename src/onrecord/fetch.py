"""Fetch an article page over HTTP(S) without letting a URL reach into private networks.

Guards, every one of them applied to the first URL and again to every redirect hop:

- only ``http`` and ``https``; URLs carrying credentials (``user:pass@host``) are refused, so a password
  never travels to a redirect target nor shows up in messages, and ``http://public@10.0.0.1/`` tricks
  nothing;
- the host is resolved once (IP literals in any form — ``2130706433``, ``0x7f000001``, ``127.1``,
  ``[::ffff:127.0.0.1]`` — are parsed without DNS) and every resolved address must be public: loopback,
  private, link-local (``169.254.169.254``), multicast, reserved, unspecified, shared (CGNAT) addresses and
  IPv6 forms that embed one (IPv4-mapped, NAT64, 6to4, Teredo) are refused unless ``allow_private``;
- the connection goes to the vetted IP itself while Host header and TLS SNI/certificate checks use the
  name from the URL, so a second DNS answer cannot swap in another address (DNS rebinding);
- ``timeout`` is the budget for the whole fetch: each connect and read waits at most what is left of it;
- the body is streamed and abandoned past ``max_bytes``; only text-like content types are accepted, and
  compressed bodies are refused (we ask for ``identity``) so nothing can inflate past the cap.

Name resolution itself (``socket.getaddrinfo``) cannot be interrupted by the standard library: a hanging
resolver can outlast ``timeout``.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from onrecord.errors import FetchError
from onrecord.readers import MAX_BYTES, format_size

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

USER_AGENT = "onrecord/0.1 (news article audit)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPTED_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/json")

_CHUNK = 65536
LABEL_CHARS = 200  # a URL in a message is cut to this many characters
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_INET_ATON_FORM = re.compile(r"[0-9a-fA-FxX.]+")
_URL_SAFE = "/%:@!$&'()*+,;=?~"  # what stays as is in a request target; spaces and controls get escaped
_PRIVATE_HINT = "(use --allow-private to allow)"
_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
    "Accept-Encoding": "identity",
    "Connection": "close",
}


def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 10.0,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = 5,
) -> tuple[bytes, str | None, str]:
    """GET ``url`` with the guards above; return (body, content type or None, final URL after redirects).

    Raises FetchError with a one-line message for refused URLs, network errors, timeouts, HTTP errors,
    non-text content and bodies over ``max_bytes``.
    """
    deadline = time.monotonic() + timeout
    current = url
    for _ in range(max_redirects + 1):
        label = url_label(current)
        conn = _connection_for(current, label, allow_private=allow_private, deadline=deadline)
        try:
            response = _get(conn, label, current)
            location = response.getheader("Location")
            if response.status in REDIRECT_STATUSES and location:
                current = urljoin(current, location.strip())
                continue
            body = _read_body(response, label, max_bytes)
            if conn.expired:  # the watchdog cut the body short
                raise TimeoutError
            return body, _content_type(response), current
        except FetchError:
            raise
        except Exception as err:
            raise _network_error(label, TimeoutError() if conn.expired else err, timeout) from None
        finally:
            conn.release()
    raise FetchError(f"{url_label(url)}: too many redirects (more than {max_redirects})")


def refusal_reason(address: IPAddress) -> str | None:
    """Why ``address`` must not be fetched without --allow-private, or None when it is public."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return refusal_reason(embedded)
    checks = (
        (address.is_unspecified, "unspecified address"),
        (address.is_loopback, "loopback address"),
        (address.is_link_local, "link-local address"),
        (address.is_multicast, "multicast address"),
        (address.is_reserved, "reserved address"),
        (address.is_private, "private address"),
        (not address.is_global, "non-public address"),
    )
    return next((reason for failed, reason in checks if failed), None)


def resolve(host: str, port: int) -> list[IPAddress]:
    """The addresses ``host`` stands for: IP literals (any inet_aton form) parsed, names resolved once."""
    literal = _ip_literal(host)
    if literal is not None:
        return [literal]
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


class PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to a vetted IP that still speaks to ``host`` (Host header, SNI, certificate).

    Once connected, a watchdog shuts the socket down at ``deadline``, so neither a slow handshake, slow
    headers nor a body trickled a byte at a time can outlast the fetch's time budget.
    """

    def __init__(self, host: str, port: int, ip: IPAddress, *, deadline: float, tls: ssl.SSLContext | None):
        super().__init__(host, port, timeout=max(deadline - time.monotonic(), 0.001))
        self.ip = ip
        self.tls = tls
        self.deadline = deadline
        self.default_port = 443 if tls is not None else 80  # keeps the Host header free of default ports
        self.expired = False
        self.watchdog: threading.Timer | None = None
        self.watched: socket.socket | None = None
        self.response: http.client.HTTPResponse | None = None

    def connect(self) -> None:
        sock = socket.create_connection((str(self.ip), self.port), self.timeout)
        self.watched = sock
        self.watchdog = threading.Timer(max(self.deadline - time.monotonic(), 0.0), self._expire)
        self.watchdog.daemon = True
        self.watchdog.start()
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.tls is not None:
                sock = self.watched = self.tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise
        self.sock = sock

    def getresponse(self) -> http.client.HTTPResponse:
        self.response = super().getresponse()
        return self.response

    def _expire(self) -> None:
        """Watchdog: wake any read blocked on the socket (bypassing SSLSocket.shutdown, not thread-safe)."""
        self.expired = True
        try:
            socket.socket.shutdown(self.watched, socket.SHUT_RDWR)  # type: ignore[arg-type]
        except OSError:
            pass  # already closed

    def release(self) -> None:
        """Stop the watchdog and close the response and the connection."""
        if self.watchdog is not None:
            self.watchdog.cancel()
        if self.response is not None:
            self.response.close()
        self.close()


def _connection_for(url: str, label: str, *, allow_private: bool, deadline: float) -> PinnedConnection:
    """Vet ``url`` (scheme, credentials, host, port, addresses) and build its connection; no I/O yet."""
    try:
        parts = urlsplit(url)
    except ValueError as err:  # "http://[::1", "http://[zz]/", a host that NFKC normalization changes
        raise FetchError(f"{label}: refused: invalid URL ({str(err).splitlines()[0][:100]})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        got = f" (got '{scheme}:')" if scheme else ""
        raise FetchError(f"{label}: refused: only http and https URLs can be fetched{got}")
    if parts.username is not None or parts.password is not None:
        raise FetchError(f"{label}: refused: URLs with credentials (user:password@) are not supported")
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")  # IDN -> punycode, as sent on the wire
    except UnicodeError:
        raise FetchError(f"{label}: refused: invalid host name") from None
    if not host:
        raise FetchError(f"{label}: refused: no host name in URL")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{label}: refused: invalid port") from None
    ip = _vetted_address(label, host, port, allow_private)
    tls = ssl.create_default_context() if scheme == "https" else None
    return PinnedConnection(host, port, ip, deadline=deadline, tls=tls)


def _get(conn: PinnedConnection, label: str, url: str) -> http.client.HTTPResponse:
    """Send the GET and read the status and headers; refuse error statuses."""
    parts = urlsplit(url)
    path, query = quote(parts.path or "/", safe=_URL_SAFE), quote(parts.query, safe=_URL_SAFE)
    target = urlunsplit(("", "", path, query, ""))
    conn.request("GET", target, headers=_HEADERS)
    response = conn.getresponse()
    if response.status >= 400:
        raise FetchError(f"{label}: HTTP {response.status} {response.reason}".rstrip())
    if response.status not in REDIRECT_STATUSES and not 200 <= response.status < 300:
        raise FetchError(f"{label}: unexpected HTTP status {response.status} {response.reason}".rstrip())
    return response


def _vetted_address(label: str, host: str, port: int, allow_private: bool) -> IPAddress:
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError):
        raise FetchError(f"{label}: cannot resolve host '{_cut(host)}'") from None
    if not addresses:
        raise FetchError(f"{label}: cannot resolve host '{_cut(host)}'")
    if not allow_private:
        for address in addresses:
            reason = refusal_reason(address)
            if reason:  # the address a host name resolves to is not shown: a server would map a private network
                what = reason if str(address) == host else f"the host resolves to a {reason}"
                raise FetchError(f"{label}: refused: {what} {_PRIVATE_HINT}")
    return addresses[0]


def _read_body(response: http.client.HTTPResponse, label: str, max_bytes: int) -> bytes:
    """Check the content type and encoding, then stream the body, stopping past ``max_bytes``."""
    content_type = _content_type(response)
    if content_type and not content_type.lower().startswith(ACCEPTED_TYPES):
        media_type = content_type.split(";", 1)[0].strip()
        raise FetchError(f"{label}: not an article page: content type '{media_type}'")
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        raise FetchError(f"{label}: unsupported content encoding '{encoding}'")
    too_large = FetchError(f"{label}: response larger than the {format_size(max_bytes)} limit")
    declared = (response.getheader("Content-Length") or "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _content_type(response: http.client.HTTPResponse) -> str | None:
    value = response.getheader("Content-Type")
    return value.strip() if value and value.strip() else None


def _network_error(label: str, err: Exception, timeout: float) -> FetchError:
    """Translate a socket/TLS/HTTP failure into one FetchError line."""
    if isinstance(err, TimeoutError):
        return FetchError(f"{label}: timed out after {timeout:g} s")
    if isinstance(err, ssl.SSLCertVerificationError):
        return FetchError(f"{label}: TLS certificate not valid: {err.verify_message}")
    if isinstance(err, ssl.SSLError):
        return FetchError(f"{label}: TLS error: {err.reason or err}")
    if isinstance(err, ConnectionRefusedError):
        return FetchError(f"{label}: connection refused")
    if isinstance(err, http.client.HTTPException):
        return FetchError(f"{label}: invalid HTTP response ({type(err).__name__})")
    if isinstance(err, OSError):
        return FetchError(f"{label}: network error: {err.strerror or err}")
    return FetchError(f"{label}: fetch failed: {err}")


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _INET_ATON_FORM.fullmatch(host) and any(c.isdigit() for c in host):
        try:  # the forms browsers and resolvers still accept: 2130706433, 0x7f000001, 0177.0.0.1, 127.1
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]  # the client address; the server is a public relay
    return None


def url_label(url: str) -> str:
    """The URL for messages: any credentials masked, and cut to :data:`LABEL_CHARS` characters."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL urlsplit reads ("http://[::1"); _connection_for refuses it
        return _cut(url)
    if parts.username is None and parts.password is None:
        return _cut(url)
    host = parts.netloc.rsplit("@", 1)[1]
    return _cut(urlunsplit((parts.scheme, f"***@{host}", parts.path, parts.query, parts.fragment)))


def _cut(url: str) -> str:
    return url if len(url) <= LABEL_CHARS else url[:LABEL_CHARS] + "…"
