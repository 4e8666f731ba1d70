"""``onrecord serve``: the HTTP API and the web page (FastAPI on uvicorn).

>>> from onrecord.server import Settings, create_app
>>> app = create_app(Settings(store="news.db"))     # any ASGI server can run it

:mod:`onrecord.server.app` lists the routes and status codes; :mod:`onrecord.server.guards` the limits.
:func:`serve` is what the command line runs.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import socket
import sys

from ..errors import InputError
from .app import ENV_SETTINGS, Settings, create_app

LOOPBACK_NAMES = ("localhost", "127.0.0.1")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """Raise InputError (one line) now if ``host:port`` cannot be listened on, rather than from uvicorn's log."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except (OSError, OverflowError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise InputError(f"cannot listen on {host}:{port} ({reason})") from None


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8080, workers: int = 1,
          log_level: str = "info") -> None:
    """Run the server until interrupted. Checks the address and the store first, so that a mistake is one line."""
    import uvicorn

    check_port(host, port)
    if settings.store is not None:
        from ..corpus.store import Store

        Store.open(settings.store).close()
    if not is_loopback(host):
        print(f"onrecord: warning: listening on {host}: anyone who can reach this address can use the server "
              "(it has no authentication)", file=sys.stderr)
    elif not settings.allowed_hosts and ":" not in host:
        settings = dataclasses.replace(settings, allowed_hosts=LOOPBACK_NAMES)
    print(f"onrecord: serving on http://{host if ':' not in host else f'[{host}]'}:{port}/  (Ctrl+C stops)",
          file=sys.stderr)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level)
        return
    os.environ[ENV_SETTINGS] = settings.to_json()
    uvicorn.run("onrecord.server.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level=log_level)


__all__ = ["Settings", "create_app", "serve"]
