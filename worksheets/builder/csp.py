"""The site's Content-Security-Policy: only its own origin, WebAssembly for Pyodide, and
the inline scripts Material writes into each page, allowed one by one by their hash.

Every page gets the policy as a `<meta>` tag at build time (`insert_meta`). Hosts that can
send headers should send `header_policy(site_dir)` as well: it adds what a meta tag cannot
carry (`frame-ancestors`), and it also covers the Python worker, which a page's meta tag
does not reach. `python -m worksheets.builder.csp site/` prints the header for a built site.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

# Each directive and why it is there. No host outside the site's own origin, anywhere.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    # Pyodide compiles WebAssembly; 'wasm-unsafe-eval' allows that and nothing else (no eval).
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    # Material draws its icons with SVG data: URIs in its stylesheet.
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    # The Python worker starts as a blob the page makes (python-boot.js), so its first
    # downloads need not wait for a script of its own; it imports only from 'self'.
    ("worker-src", "'self' blob:"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# A meta tag cannot carry these (the browser ignores them there): headers only.
HEADER_ONLY: tuple[tuple[str, str], ...] = (
    ("frame-ancestors", "'self'"),
)
# Other headers worth sending with every response, for hosts that can.
OTHER_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.I | re.S)
_TYPE = re.compile(r"""\btype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
# Script types a browser runs; anything else (application/json, ...) is data, not code.
_RUNNABLE = frozenset({"", "text/javascript", "application/javascript", "module"})
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str) -> list[str]:
    """The hash of every inline script the browser would run, in page order, once each."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        attrs = match["attrs"]
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind["type"].lower() not in _RUNNABLE):
            continue
        digest = script_hash(match["body"])
        if digest not in hashes:
            hashes.append(digest)
    return hashes


def policy(hashes: list[str], *, header: bool = False) -> str:
    """The policy text: the meta version, or with `header=True` the header version."""
    parts = []
    for name, value in DIRECTIVES + (HEADER_ONLY if header else ()):
        if name == "script-src" and hashes:
            value = f"{value} {' '.join(hashes)}"
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def meta_tag(text: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{text}">'


def insert_meta(html: str) -> str:
    """Put the page's policy first in <head>, before any script it governs."""
    if "http-equiv=\"Content-Security-Policy\"" in html:
        return html  # already there (a page processed twice)
    tag = meta_tag(policy(inline_script_hashes(html)))
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html  # not a full HTML page (a fragment): nothing to protect here
    return f"{html[:anchor.end()]}{tag}{html[anchor.end():]}"


def site_hashes(site_dir: Path) -> list[str]:
    """Every inline script hash of a built site: one header then fits every page."""
    found: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        found.update(inline_script_hashes(page.read_text(encoding="utf-8")))
    return sorted(found)


def header_policy(site_dir: Path) -> str:
    """The Content-Security-Policy header value for a built site (for nginx and others)."""
    return policy(site_hashes(site_dir), header=True)


def security_headers(site_dir: Path) -> dict[str, str]:
    """Every header a host should send with the built site, by name."""
    return {"Content-Security-Policy": header_policy(site_dir), **OTHER_HEADERS}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m worksheets.builder.csp SITE_DIR  (a folder made by mkdocs build)",
              file=sys.stderr)
        return 2
    for name, value in security_headers(Path(argv[0])).items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
