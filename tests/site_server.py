"""Serve a built site on 127.0.0.1, optionally under a subfolder, for the browser tests."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import ClassVar

MIME_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
              ".json": "application/json", ".zip": "application/zip"}


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` at `prefix`; anything outside the prefix is a 404, as on a real
    host where the site lives in a subfolder."""

    prefix = "/"
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + clean[len(self.prefix):])

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        # A browser that drops a download it no longer needs (a page swap, a closed tab)
        # is normal here, not an error worth a traceback.
        with suppress(ConnectionResetError, BrokenPipeError):
            super().handle()


def free_port() -> int:
    """A port that is free now; the site is built for it before the server takes it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(server: http.server.ThreadingHTTPServer) -> Iterator[int]:
    """Run `server` in a thread; yield its port; stop it afterwards."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve(directory: Path, prefix: str = "/", port: int = 0) -> Iterator[str]:
    """Yield the site's base URL (ending in /) while a server runs in a thread."""
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    factory = functools.partial(handler, directory=str(directory))
    with running(http.server.ThreadingHTTPServer(("127.0.0.1", port), factory)) as bound:
        yield f"http://127.0.0.1:{bound}{prefix}"
