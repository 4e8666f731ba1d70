"""What stands between the network and the auditor: a request-size cap, security headers, one audit at a time.

Each is small and separately tested:

* :class:`BodyLimit` — ASGI middleware refusing a request body over ``max_bytes`` with 413, whether the
  client declared its length (refused before a byte is read) or streams it chunked (cut off at the limit);
  the web page's own form post gets the page back with the error, an API client JSON;
* :class:`HostCheck` — ASGI middleware answering a request whose ``Host`` header names another host with
  400 ``{"error": …}`` (a server on loopback accepts only its own names, against DNS rebinding);
* :class:`SecurityHeaders` — ASGI middleware adding ``nosniff``, no-referrer, no framing and, on HTML, a
  Content-Security-Policy that allows no script and no remote resource at all;
* :class:`AuditGate` — the auditor's models are shared by the process and not all of them are safe to call
  from two threads, so audits run one at a time; a request that cannot get its turn within ``wait``
  seconds gets 503 with ``Retry-After`` instead of hanging.
"""

from __future__ import annotations

import json
import threading
from typing import Any, Awaitable, Callable, Sequence, TypeVar

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_T = TypeVar("_T")

HTML_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'self'; "
               "base-uri 'none'; frame-ancestors 'none'")


SECURITY_HEADERS = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY",
                    "content-security-policy": HTML_POLICY}


class HTTPProblem(Exception):
    """A request the server answers with ``status`` and a one-line ``message`` (never a traceback)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413 (declared length checked first, then counted).

    ``page``, when given, renders the HTML answer (from the one-line message) to a form post to ``/``; other
    requests get ``{"error": ...}``. A streamed body over the limit raises :class:`HTTPProblem` in the
    handler's read, which answers it in its own way."""

    def __init__(self, app: ASGIApp, max_bytes: int, page: Callable[[str], str] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.page = page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > self.max_bytes
            except ValueError:
                await _send_json(send, 400, "invalid Content-Length header")
                return
            if too_large:
                if self.page is not None and scope.get("method") == "POST" and scope.get("path") == "/":
                    await _send(send, 413, self.page(self.message()).encode(), b"text/html; charset=utf-8")
                else:
                    await _send_json(send, 413, self.message())
                return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPProblem(413, self.message())
            return message

        await self.app(scope, counted, send)

    def message(self) -> str:
        from ..readers import format_size

        return f"request body larger than this server's {format_size(self.max_bytes)} limit"


class HostCheck:
    """Refuse a request whose ``Host`` header (its port aside) is none of ``allowed`` with 400 ``{"error": …}``;
    a pattern ``*.example.org`` allows that domain's subdomains."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str]) -> None:
        self.app = app
        self.allowed = tuple(a.lower() for a in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").strip()
        host = host_name(raw)
        if any(host == a or (a.startswith("*.") and host.endswith(a[1:])) for a in self.allowed):
            await self.app(scope, receive, send)
            return
        shown = f"host header '{raw[:100]}'" if raw else "a request without a Host header"
        await _send_json(send, 400, f"{shown} is not accepted by this server")


def host_name(header: str) -> str:
    """The host of a ``Host`` header, lower-cased, without its port (``[::1]:8080`` → ``::1``)."""
    header = header.lower()
    if header.startswith("["):
        return header[1:header.index("]")] if "]" in header else ""
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class SecurityHeaders:
    """Add headers that keep a browser from sniffing, framing or running anything in a response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {k.lower() for k, _ in headers}
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class AuditGate:
    """Run audits one at a time; wait at most ``wait`` seconds for a turn, else raise a 503 problem."""

    def __init__(self, wait: float) -> None:
        self.wait = wait
        self._lock = threading.Lock()

    def run(self, fn: Callable[..., _T], *args: Any) -> _T:
        if not self._lock.acquire(timeout=self.wait):
            raise HTTPProblem(503, f"the server is busy with other audits (waited {self.wait:g} s); retry later",
                              {"Retry-After": str(max(1, round(self.wait)))})
        try:
            return fn(*args)
        finally:
            self._lock.release()


async def _send_json(send: Send, status: int, message: str) -> None:
    await _send(send, status, json.dumps({"error": message}).encode(), b"application/json")


async def _send(send: Send, status: int, body: bytes, content_type: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
