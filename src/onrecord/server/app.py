"""The ASGI application behind ``onrecord serve``: the HTTP API and the web page.

Routes (every error is ``{"error": "one line"}`` with a 4xx status, or the form again with the message):

=======================  ===============================================================================
``GET  /``               the web page: paste an article, give a URL or upload a .txt / .html / .json file
``POST /``               that form submitted: the report as a self-contained page (or JSON)
``GET  /claim``          ``?q=CLAIM`` — with ``--store``: the claim check as a page, outlet by outlet
``POST /api/audit``      one article → the ``onrecord.report/1`` JSON (``?format=html`` or ``text`` for
                         the other views). Body: JSON ``{headline, body, source?, url?, published?, id?}``
                         or ``{"url": "https://…"}``; or ``text/plain`` (first line = headline); or
                         ``text/html`` (a saved page)
``POST /api/audit/batch`` a JSON array (or JSONL) of article objects → ``{"results": [{"index", "report"}
                         | {"index", "error"}]}`` in input order; one bad item does not stop the rest
``GET  /api/search``     ``?q=CLAIM&limit=10`` — with ``--store``: stored articles ranked for a claim
``GET  /api/claim``      ``?q=CLAIM&limit=50`` — with ``--store``: corroborated / refuted / … by outlet
``GET  /api/health``     ``{"status": "ok", "version", "schema", "store"}``
``GET  /api/schema``     the report's JSON Schema (draft 2020-12)
``GET  /openapi.json``   the API's OpenAPI 3.1 description (:mod:`onrecord.server.openapi`)
=======================  ===============================================================================

Status codes: 400 unreadable input (empty, binary, malformed JSON, missing fields, a URL that is refused
or cannot be fetched), 404 / 405 unknown route or method, 413 a request over ``max_bytes`` or an article
body over ``max_chars``, 415 a content type the route does not read, 503 busy (``Retry-After``).
"""

from __future__ import annotations

import io
import json
import logging
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from .. import batch_input, readers
from ..article import Article
from ..errors import InputError
from ..report import Report
from .guards import SECURITY_HEADERS, AuditGate, BodyLimit, HostCheck, HTTPProblem, SecurityHeaders

log = logging.getLogger("onrecord.server")

FORMATS = ("json", "html", "text")
MAX_QUERY_CHARS = 1000
ENV_SETTINGS = "ONRECORD_SERVER_SETTINGS"


@dataclass(frozen=True)
class Settings:
    """How a server behaves; every field has a safe default."""

    max_bytes: int = readers.MAX_BYTES
    """Largest request body accepted (bytes): the CLI's input limit."""
    max_chars: int = 100_000
    """Longest article body audited (characters; about a minute of audit). Longer ones: ``onrecord check``."""
    batch_limit: int = 50
    """Most articles in one ``/api/audit/batch`` request."""
    wait: float = 30.0
    """Seconds a request waits for its turn at the auditor before a 503."""
    allow_private: bool = False
    """Allow URLs that resolve to loopback / private / link-local addresses (refused by default)."""
    fetch_timeout: float = 10.0
    store: str | None = None
    """An onrecord store (``onrecord corpus ingest``) for ``/api/search`` and ``/api/claim``."""
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)
    """Host headers accepted (empty: any). ``onrecord serve`` on loopback sets localhost / 127.0.0.1,
    so a web page elsewhere cannot reach the server through DNS rebinding."""
    warm: bool = False
    """Load every model at start-up instead of on the first request."""

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Settings:
        data = json.loads(text)
        data["allowed_hosts"] = tuple(data.get("allowed_hosts") or ())
        return cls(**data)


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory`` worker processes: settings from ``$ONRECORD_SERVER_SETTINGS``."""
    import os

    text = os.environ.get(ENV_SETTINGS)
    return create_app(Settings.from_json(text) if text else Settings())


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app serving the API and the page with ``settings`` (defaults: :class:`Settings`)."""
    settings = settings or Settings()
    gate = AuditGate(settings.wait)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if settings.warm:
            from ..audit import _warm

            await run_in_threadpool(_warm)
        yield

    # No /docs or /redoc: their pages load scripts from a CDN, and this server makes no outside request.
    app = FastAPI(title="onrecord", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Audit news articles: headline claim, stance, verdict, hedging, attribution.")
    store_name = None if settings.store is None else Path(settings.store).name

    def form_html(error: str | None = None, values: dict[str, str] | None = None,
                  failed: str = "Could not audit this") -> str:
        from ..views.html import render_form

        return render_form(error=error, values=values, max_chars=settings.max_chars, store=store_name, failed=failed)

    app.add_middleware(BodyLimit, max_bytes=settings.max_bytes, page=form_html)
    if settings.allowed_hosts:
        app.add_middleware(HostCheck, allowed=settings.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    _add_error_handlers(app)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            from .. import __version__
            from .openapi import describe

            app.openapi_schema = describe(get_openapi(title=app.title, version=__version__,
                                                      description=app.description, routes=_without_head(app.routes)))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    def audit_article(article: Article) -> Report:
        from ..audit import audit

        if len(article.body) > settings.max_chars:
            raise HTTPProblem(413, f"article body has {len(article.body):,} characters; this server audits at most "
                                   f"{settings.max_chars:,} (use onrecord check for longer ones)")
        return gate.run(audit, article)

    def fetch(url: Any) -> Article:
        if not isinstance(url, str) or not url.strip():
            raise InputError("field 'url' must be a non-empty string")
        return readers.load_url(url.strip(), allow_private=settings.allow_private, timeout=settings.fetch_timeout)

    # ------------------------------------------------------------------ API

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        from .. import __version__
        from ..report import SCHEMA

        return {"status": "ok", "version": __version__, "schema": SCHEMA, "store": settings.store is not None}

    @app.get("/api/schema")
    def schema() -> dict[str, Any]:
        from ..report import json_schema

        return json_schema()

    @app.post("/api/audit")
    async def api_audit(request: Request) -> Response:
        fmt = _choice(request.query_params.get("format", "json"), FORMATS, "format")
        data = await request.body()
        content_type = request.headers.get("content-type", "")
        article = await run_in_threadpool(_article_from_body, data, content_type, fetch)
        report = await run_in_threadpool(audit_article, article)
        return _view(report, fmt)

    @app.post("/api/audit/batch")
    async def api_batch(request: Request) -> Response:
        data = await request.body()
        items = _batch_items(data, _media(request.headers.get("content-type", "")), settings.batch_limit)
        results: list[dict[str, Any]] = []
        for index, item in enumerate(items):
            try:
                if isinstance(item, InputError):
                    raise item
                article = item if isinstance(item, Article) else readers.article_from_mapping(item)
                report = await run_in_threadpool(audit_article, article)
                results.append({"index": index, "report": report.to_dict()})
            except InputError as err:
                results.append({"index": index, "error": str(err)})
            except HTTPProblem as problem:
                if problem.status == 503:
                    raise
                results.append({"index": index, "error": problem.message})
        return JSONResponse({"results": results})

    @app.get("/api/search")
    def api_search(request: Request) -> dict[str, Any]:
        from ..corpus.search import results_json, search

        claim, limit = _claim_query(request, default_limit=10)
        with _open_store(settings) as store:
            hits = gate.run(search, store, claim, limit)
        return results_json(claim, hits)

    def check_claim(request: Request) -> Any:
        from ..corpus.claim import check_claim as run_check

        claim, limit = _claim_query(request, default_limit=50)
        with _open_store(settings) as store:
            return gate.run(run_check, store, claim, limit)

    @app.get("/api/claim")
    def api_claim(request: Request) -> dict[str, Any]:
        return check_claim(request).to_dict()

    # ------------------------------------------------------------------ the page

    def form_page(error: InputError | HTTPProblem | None = None, values: dict[str, str] | None = None,
                  failed: str = "Could not audit this") -> HTMLResponse:
        """The form; after a failed request (``failed``: what could not be done), with the error's message and
        status and the user's values."""
        problem = error if isinstance(error, HTTPProblem) or error is None else HTTPProblem(400, str(error))
        html = form_html(problem and problem.message, values, failed)
        return HTMLResponse(html, status_code=problem.status if problem else 200,
                            headers=problem.headers if problem else None)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return form_page()

    @app.get("/claim", response_class=HTMLResponse, include_in_schema=False)
    def claim_page(request: Request) -> HTMLResponse:
        from ..views.html import render_claim

        try:
            result = check_claim(request)
        except (InputError, HTTPProblem) as err:
            return form_page(err, failed="Could not check this claim")
        return HTMLResponse(render_claim(result, store_name or ""))

    @app.post("/", response_class=HTMLResponse, include_in_schema=False)
    async def submit(request: Request) -> Response:
        values: dict[str, str] = {}
        try:
            try:
                form = await request.form(max_files=1, max_fields=8, max_part_size=settings.max_bytes)
            except HTTPException as exc:
                raise HTTPProblem(400, f"the form could not be read ({exc.detail})") from None
            values = {k: v for k, v in form.items() if isinstance(v, str)}
            upload = form.get("file")
            upload_data = None
            if isinstance(upload, UploadFile) and upload.filename:
                upload_data = (await upload.read(), upload.filename, upload.content_type)
            fmt = _choice(values.get("format", "html"), ("html", "json"), "format")
            article = await run_in_threadpool(_article_from_form, values, upload_data, fetch)
            report = await run_in_threadpool(audit_article, article)
        except (InputError, HTTPProblem) as err:
            return form_page(err, values)
        return _view(report, fmt)

    for route in app.routes:  # HEAD wherever GET is (load balancers, uptime checks); FastAPI does not add it
        if isinstance(route, APIRoute) and "GET" in route.methods:
            route.methods.add("HEAD")
    return app


def _without_head(routes: list[Any]) -> list[Any]:
    """``routes`` as the API describes them: HEAD is GET without the body, not an operation of its own."""
    import copy

    out = []
    for route in routes:
        if isinstance(route, APIRoute) and "HEAD" in route.methods:
            route = copy.copy(route)
            route.methods = route.methods - {"HEAD"}
        out.append(route)
    return out


# ---------------------------------------------------------------------- reading requests

def _media(content_type: str | None) -> str:
    return readers.parse_content_type(content_type)[0]


def _article_from_body(data: bytes, content_type: str, fetch: Any) -> Article:
    """The article a POST /api/audit body describes (see the module docstring)."""
    media = _media(content_type)
    label = "request body"
    if not data.strip():
        raise InputError(f"{label} is empty: send a JSON object {{headline, body}}, {{url}}, or the article as text")
    if media in ("application/json", "") or media.endswith("+json"):
        if media == "" and readers.sniff_kind(readers.decode(data, label)[0]) != "json":
            return readers.load_bytes(data, label)
        return readers.json_article(data, label, fetch)
    if media in ("text/plain", "text/html", "application/xhtml+xml"):
        return readers.load_bytes(data, label, content_type=content_type)
    raise HTTPProblem(415, f"cannot read a body of type {media}: send application/json, text/plain or text/html")


def _article_from_form(values: dict[str, str], upload: tuple[bytes, str, str | None] | None, fetch: Any) -> Article:
    """The article the web form describes: an uploaded file, else a URL, else the pasted headline and body."""
    if upload is not None:
        data, filename, content_type = upload
        name = Path(filename).name[:200]
        kind = content_type if content_type and _media(content_type) != "application/octet-stream" else None
        return readers.load_bytes(data, name, content_type=kind, filename=name)
    if values.get("url", "").strip():
        return fetch(values["url"])
    headline, body = values.get("headline", "").strip(), values.get("body", "").strip()
    if not headline and not body:
        raise InputError("paste a headline and the article's body, give a URL, or choose a file")
    return readers.article_from_mapping({"headline": headline, "body": body})


def _batch_items(data: bytes, media: str, limit: int) -> list[Any]:
    """The items of a batch body: a JSON array's objects, or JSON Lines read as ``onrecord check --batch`` reads
    a JSONL file (each line an Article, or in its place the InputError that line raised, reported for its index)."""
    if not data.strip():
        raise InputError("request body is empty: send a JSON array of {headline, body} objects")
    items: list[Any]
    if media in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines"):
        items = [item for _, item in batch_input.jsonl_items(io.BytesIO(data), lambda number: f"line {number}")]
    elif media in ("application/json", ""):
        items = readers.parse_json(readers.decode(data, "request body")[0])
        if not isinstance(items, list):
            raise InputError("expected a JSON array of {headline, body} objects (one article: POST /api/audit)")
    else:
        raise HTTPProblem(415, f"cannot read a body of type {media}: send application/json (an array) or "
                                  "application/x-ndjson")
    if len(items) > limit:
        raise HTTPProblem(413, f"{len(items)} articles in one batch; this server takes at most {limit} a request")
    return items


def _choice(value: str, allowed: tuple[str, ...], name: str) -> str:
    if value not in allowed:
        raise HTTPProblem(400, f"{name} must be one of {', '.join(allowed)}, not {value[:40]!r}")
    return value


def _claim_query(request: Request, default_limit: int) -> tuple[str, int]:
    claim = request.query_params.get("q", "").strip()
    if not claim:
        raise InputError("give the claim as ?q=…")
    if len(claim) > MAX_QUERY_CHARS:
        raise InputError(f"the claim is {len(claim):,} characters; at most {MAX_QUERY_CHARS:,}")
    raw = request.query_params.get("limit", str(default_limit))
    try:
        limit = int(raw)
    except ValueError:
        raise InputError(f"limit must be a whole number, not {raw[:20]!r}") from None
    if not 1 <= limit <= 1000:
        raise InputError("limit must be between 1 and 1000")
    return claim, limit


def _open_store(settings: Settings) -> Any:
    from ..corpus.store import Store

    if settings.store is None:
        raise HTTPProblem(404, "no store: start the server with onrecord serve --store FILE")
    return Store.open(settings.store)


# ---------------------------------------------------------------------- responses

def _view(report: Report, fmt: str) -> Response:
    if fmt == "html":
        from ..views.html import render_html

        return HTMLResponse(render_html(report, home="/"))
    if fmt == "text":
        from ..views.text import render_text

        return PlainTextResponse(render_text(report, color=False))
    return Response(report.to_json(), media_type="application/json")


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    async def problem(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPProblem)
        return _error(exc.status, exc.message, exc.headers)

    async def bad_input(_: Request, exc: Exception) -> Response:
        return _error(400, str(exc).splitlines()[0] if str(exc) else "unreadable input")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            return _error(404, f"no such route: {request.url.path[:200]}")
        if exc.status_code == 405:  # with Starlette's Allow header (RFC 9110: a 405 lists the methods allowed)
            return _error(405, f"{request.method} is not allowed on {request.url.path[:200]}", exc.headers)
        return _error(exc.status_code, str(exc.detail).splitlines()[0] if exc.detail else "request refused")

    async def invalid(_: Request, exc: Exception) -> Response:
        return _error(400, "invalid request parameters")

    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        # Answered outside every middleware: the security headers are added here, and the connection is closed
        # (the server closes it anyway, so a client must not reuse it for its next request).
        return _error(500, "internal error (the server's log has the details)",
                      {**SECURITY_HEADERS, "connection": "close"})

    app.add_exception_handler(HTTPProblem, problem)
    app.add_exception_handler(InputError, bad_input)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, internal)
