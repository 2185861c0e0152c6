"""Helpers for the data-safety browser tests: downloads, storage snapshots, and a server
that serves several copies of a site on one origin (under different folders).

The storage contract (README: keys `onward:<folder>:answers:<id>`, `...:meta`, `...:vault`)
is spelt here only: browser tests build keys with these functions."""

from __future__ import annotations

import functools
import http.server
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.browser.helpers import POLL_MS
from tests.site_server import _SiteHandler, running

WORKSHEET_PAGE = "steps/01-acknowledge-your-feelings/"
# Collects Content-Security-Policy violations the page reports, in window.__csp.
LISTEN_CSP = """
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (event) => window.__csp.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
"""
WORKSHEET = "feelings-check-in"
_ANSWERS = ":answers:"  # between a copy's prefix and a worksheet id, in every answers key
FIRST_TEXT = f"form[data-worksheet={WORKSHEET}] textarea"


def download_text(page: Any, selector: str) -> str:
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_text(encoding="utf-8")


def download_json(page: Any, selector: str) -> Any:
    return json.loads(download_text(page, selector))


def storage_snapshot(page: Any, area: str = "localStorage") -> dict[str, str]:
    return page.evaluate(f"Object.fromEntries(Object.entries({area}))")


def own_answer_keys(page: Any, area: str = "localStorage") -> list[str]:
    return sorted(key for key in storage_snapshot(page, area) if _ANSWERS in key)


class _ManyRootsHandler(_SiteHandler):
    """Serves each folder of `roots` at its own prefix; `/a/x` comes from roots['/a/']."""

    roots: dict[str, str] = {}  # noqa: RUF012 (set per server on a subclass)

    def translate_path(self, path: str) -> str:
        for prefix, directory in self.roots.items():
            if path.startswith(prefix):
                self.prefix, self.directory = prefix, directory
                return super().translate_path(path)
        return str(Path(next(iter(self.roots.values()))) / "__outside_prefix__")


@contextmanager
def serve_many(roots: dict[str, Path]) -> Iterator[str]:
    """Serve several built sites on one origin; yields the origin (no trailing slash)."""
    handler = type("Handler", (_ManyRootsHandler,),
                   {"roots": {prefix: str(folder) for prefix, folder in roots.items()}})
    factory = functools.partial(handler, directory=str(next(iter(roots.values()))))
    with running(http.server.ThreadingHTTPServer(("127.0.0.1", 0), factory)) as port:
        yield f"http://127.0.0.1:{port}"


def wait_stored_text(page: Any, text: str, area: str = "localStorage") -> None:
    """Wait until this copy's stored answers (in `area`) contain `text`."""
    page.wait_for_function(
        f"([t, part]) => Object.entries({area}).some(([k, v]) => k.includes(part) && "
        "v.includes(t))", arg=[text, _ANSWERS], polling=POLL_MS)


def answers_key(worksheet: str, namespace: str = "/") -> str:
    """The storage key of one worksheet's answers (README: `onward:<folder>:answers:<id>`);
    `namespace` is the site's folder, "/" for a site served at the root."""
    return f"onward:{namespace}{_ANSWERS}{worksheet}"


def answers_key_end(worksheet: str) -> str:
    """How one worksheet's answers key ends in any copy of the site, whatever its folder: for
    tests that run against a host's own configuration too (`k.endsWith(end)`)."""
    return f"{_ANSWERS}{worksheet}"


def meta_key(namespace: str = "/") -> str:
    """The storage key of this copy's note about backups (`onward:<folder>:meta`)."""
    return f"onward:{namespace}:meta"


def vault_key(namespace: str = "/") -> str:
    """The storage key of this copy's answers locked with a passphrase."""
    return f"onward:{namespace}:vault"


def put_record(page: Any, worksheet: str, record: dict[str, Any], namespace: str = "/") -> str:
    """Store a record as an older page or another tab could have; returns the exact text."""
    text = json.dumps(record)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)",
                  [answers_key(worksheet, namespace), text])
    return text


def stored_text(page: Any, worksheet: str, namespace: str = "/") -> str | None:
    return page.evaluate("(key) => localStorage.getItem(key)", answers_key(worksheet, namespace))


# Fills this origin's localStorage to the last byte, under keys that are not the site's.
FILL_STORAGE = """
  () => {
    let size = 1 << 20;
    let index = 0;
    while (size >= 1) {
      try {
        localStorage.setItem(`filler:${index}`, "x".repeat(size));
        index += 1;
      } catch {
        size = Math.floor(size / 2);
      }
    }
    return index;
  }
"""
FREE_STORAGE = """
  () => Object.keys(localStorage).filter((k) => k.startsWith("filler:"))
    .forEach((k) => localStorage.removeItem(k))
"""
