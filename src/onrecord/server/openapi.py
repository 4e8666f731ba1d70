"""The OpenAPI 3.1 description of the HTTP API (``GET /openapi.json``), for generating clients.

The routes read their bodies themselves (several content types, one-line errors), so FastAPI cannot infer their
schemas; this module states them: request bodies, query parameters, and responses whose report schema is
:func:`onrecord.report.json_schema` itself (its ``$defs`` become ``components/schemas``), never a second copy.
"""

from __future__ import annotations

import json
from typing import Any

ERROR = {"$ref": "#/components/schemas/Error"}
REPORT = {"$ref": "#/components/schemas/Report"}


def _errors(*codes: int) -> dict[str, Any]:
    reasons = {400: "unreadable input, a refused or unfetchable URL, a bad parameter",
               404: "no store (start the server with --store)",
               413: "request over the size limit, or an article body over --max-chars",
               415: "a content type this route does not read",
               503: "busy: an audit waited longer than --wait (see Retry-After)"}
    return {str(c): {"description": reasons[c], "content": {"application/json": {"schema": ERROR}}} for c in codes}


def _query(name: str, description: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


def _store_route(summary: str, description: str, limit: str, default: int, answer: str,
                 schema: dict[str, Any]) -> dict[str, Any]:
    """A ``--store`` route: the claim in ``q``, a ``limit``, JSON ``schema`` back."""
    limit_schema = {"type": "integer", "minimum": 1, "maximum": 1000, "default": default}
    return {"summary": summary, "description": description,
            "parameters": [_query("q", "the claim, in plain words", {"type": "string", "maxLength": 1000}, True),
                           _query("limit", limit, limit_schema)],
            "responses": {"200": {"description": answer, "content": {"application/json": {"schema": schema}}},
                          **_errors(400, 404, 503)}}


ROUTES: dict[tuple[str, str], dict[str, Any]] = {
    ("post", "/api/audit"): {
        "summary": "Audit one article",
        "description": "The article as JSON ({headline, body, …}), as a URL to fetch ({url}; private and local "
                       "addresses are refused), as plain text (first line = headline) or as an HTML page.",
        "parameters": [_query("format", "the report view", {"enum": ["json", "html", "text"], "default": "json"})],
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Article"},
                                                      {"$ref": "#/components/schemas/UrlRequest"}]}},
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}}}},
        "responses": {"200": {"description": "the report", "content": {
            "application/json": {"schema": REPORT},
            "text/html": {"schema": {"type": "string"}},
            "text/plain": {"schema": {"type": "string"}}}}, **_errors(400, 413, 415, 503)},
    },
    ("post", "/api/audit/batch"): {
        "summary": "Audit many articles",
        "description": "A JSON array of articles, or JSON Lines (application/x-ndjson); results in input order, an "
                       "item that cannot be read reported by its index without stopping the rest.",
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Article"}}},
            "application/x-ndjson": {"schema": {"type": "string"}}}},
        "responses": {"200": {"description": "one result per item", "content": {"application/json": {"schema": {
            "type": "object", "required": ["results"], "properties": {"results": {"type": "array", "items": {
                "type": "object", "required": ["index"],
                "properties": {"index": {"type": "integer"}, "report": REPORT, "error": {"type": "string"}}}}}}}}},
            **_errors(400, 413, 415, 503)},
    },
    ("get", "/api/search"): _store_route(
        "Rank stored articles for a claim",
        "BM25 fused with sentence-embedding similarity; the same JSON as `onrecord corpus search --format json`.",
        "how many articles", 10, "the ranked articles and their best sentences",
        {"type": "object", "required": ["claim", "results"],
         "properties": {"claim": {"type": "string"}, "results": {"type": "array", "items": {"type": "object"}}}}),
    ("get", "/api/claim"): _store_route(
        "Which outlets corroborate, refute or only repeat a claim",
        "Each outlet counted once, hedged reports weighing less; the same JSON as `onrecord corpus claim --format "
        "json`.",
        "articles to consider", 50, "the verdict and the evidence by outlet",
        {"type": "object", "required": ["claim", "label", "evidence"], "properties": {
            "claim": {"type": "string"}, "label": {"enum": ["corroborated", "refuted", "unverified", "contested"]},
            "support": {"type": "number", "description": "weighted share of the counted outlets that assert the claim"},
            "refute": {"type": "number", "description": "weighted share of the counted outlets that refute it"},
            "outlets": {"type": "integer"},
            "evidence": {"type": "array", "items": {"type": "object"}}}}),
    ("get", "/api/health"): {
        "summary": "Liveness, version and report schema",
        "responses": {"200": {"description": "the server is up", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"status": {"const": "ok"}, "version": {"type": "string"},
                                             "schema": {"type": "string"}, "store": {"type": "boolean"}}}}}}},
    },
    ("get", "/api/schema"): {
        "summary": "The report's JSON Schema (draft 2020-12)",
        "responses": {"200": {"description": "the schema", "content": {"application/json": {"schema": {"type": "object"}}}}},
    },
}

INPUTS = {
    "Article": {"type": "object", "required": ["headline", "body"], "properties": {
        "headline": {"type": "string"}, "body": {"type": "string"},
        **{k: {"type": ["string", "null"]} for k in ("source", "url", "published", "id")}}},
    # {url} is fetched only without a body: an article that also carries its url is an Article, not a UrlRequest
    "UrlRequest": {"type": "object", "required": ["url"], "not": {"required": ["body"]},
                   "properties": {"url": {"type": "string", "format": "uri"}}},
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
}


def describe(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` (FastAPI's generated document) with the routes' bodies, parameters and responses stated and the
    report schema in ``components``."""
    from ..report import json_schema

    report = json_schema()
    defs = report.pop("$defs")
    for key in ("$schema", "$id"):
        report.pop(key, None)
    shared = json.loads(json.dumps({**defs, "Report": report}).replace('"#/$defs/', '"#/components/schemas/'))
    spec.setdefault("components", {}).setdefault("schemas", {}).update({**shared, **INPUTS})
    for (method, path), operation in ROUTES.items():
        spec["paths"][path][method] = {**spec["paths"][path][method], **operation}
    return spec
