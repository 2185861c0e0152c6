"""Offline support at build time: the service worker, the list of files it saves, and the
web app manifest.

The list (offline-manifest.json) is read from the built site folder after everything else
has written to it, so it holds exactly the files a visitor can be served, with a content
hash each: a visitor's browser re-downloads only what changed, and moves to a new version
only when the list changes. Plain data in, plain files out: nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from worksheets.builder import bundle, contract

SERVICE_WORKER = "service-worker.js"
OFFLINE_MANIFEST = "offline-manifest.json"
WEB_MANIFEST = "manifest.webmanifest"
TEMPLATE = bundle.ASSETS_DIR / SERVICE_WORKER
# Not worth a visitor's storage: source maps are for developers; .gz/.br siblings are the
# same bytes the server already sends compressed; the worker must never cache itself.
SKIPPED_SUFFIXES = (".map", ".gz", ".br")
SKIPPED_NAMES = frozenset({SERVICE_WORKER, OFFLINE_MANIFEST})
# The one value the build writes into the worker (contract.py's OFFLINE_CACHE_PREFIX).
_PREFIX_SLOT = "/* the build puts the offline cache prefix here */ null"
# Python's runtime (worksheets/builder/runtime.py writes it; about 3.8 MB compressed): Pyodide,
# the standard library and the worksheets package, and the worker that loads them. Readers
# who never open a worksheet never need it.
RUNTIME_PREFIXES = ("assets/onward/pyodide/", "assets/onward/worksheets-")
RUNTIME_FILES = frozenset({"assets/onward/python-worker.js"})

# Material's palette names and their primary colours, for the installed app's title bar.
MATERIAL_PRIMARY = {
    "red": "#ef5350", "pink": "#e91e63", "purple": "#ab47bc", "deep-purple": "#7e57c2",
    "indigo": "#4051b5", "blue": "#2094f3", "light-blue": "#02a6f2", "cyan": "#00bdd6",
    "teal": "#009485", "green": "#4cae4f", "light-green": "#8bc34b", "lime": "#cbdc38",
    "yellow": "#ffec3d", "amber": "#ffc105", "orange": "#ffa724", "deep-orange": "#ff6e42",
    "brown": "#795649", "grey": "#757575", "blue-grey": "#546d78", "black": "#000000",
    "white": "#ffffff",
    # Onward's own `custom` primary (worksheets/assets/onward.css).
    "custom": "#00695c",
}
DEFAULT_PRIMARY = "indigo"
# The app icons (worksheets/assets/icons/), drawn with their mark inside the central 80%
# "safe zone", so the same square works as a plain and as a maskable icon.
ICONS_DIR = TEMPLATE.parent / "icons"
ICONS_URL = "assets/onward/icons/"
ICONS = (
    ("icon-192.png", "192x192", "image/png", "any"),
    ("icon-512.png", "512x512", "image/png", "any"),
    ("icon-512.png", "512x512", "image/png", "maskable"),
    ("icon.svg", "any", "image/svg+xml", "any"),
)  # Material's own default when no palette is set


@dataclass(frozen=True)
class PrecacheEntry:
    url: str  # relative to the site's root: "" for the home page, "steps/x/" for a page
    sha256: str
    size: int


def _page_url(relative: PurePosixPath) -> str:
    """The address a visitor uses: `steps/x/index.html` is asked for as `steps/x/`."""
    text = relative.as_posix()
    if relative.name == "index.html":
        return text[: -len("index.html")]
    return text


def _wanted(relative: PurePosixPath) -> bool:
    return relative.name not in SKIPPED_NAMES and relative.suffix not in SKIPPED_SUFFIXES


def precache_entries(site_dir: Path) -> list[PrecacheEntry]:
    """Every file of the built site a visitor may need offline, sorted by address."""
    entries = []
    for path in sorted(site_dir.rglob("*")):
        relative = PurePosixPath(path.relative_to(site_dir).as_posix())
        if path.is_file() and _wanted(relative):
            data = path.read_bytes()
            entries.append(PrecacheEntry(_page_url(relative), hashlib.sha256(data).hexdigest(),
                                         len(data)))
    return sorted(entries, key=lambda entry: entry.url)


def is_runtime(url: str) -> bool:
    """Whether a file belongs to Python's runtime: the worker saves those only for a visitor
    who opened a page that runs Python, so a reader never downloads them."""
    return url.startswith(RUNTIME_PREFIXES) or url in RUNTIME_FILES


def precache_manifest(entries: list[PrecacheEntry]) -> dict[str, object]:
    """The list the worker reads, in two groups: `files` (pages, styles, scripts, saved for
    every visitor) and `runtime` (Python, saved once a page with a worksheet asks). The
    version covers both and changes whenever any file does."""
    files = [[entry.url, entry.sha256] for entry in entries if not is_runtime(entry.url)]
    runtime = [[entry.url, entry.sha256] for entry in entries if is_runtime(entry.url)]
    version = hashlib.sha256(json.dumps([files, runtime]).encode()).hexdigest()[:16]
    return {"version": version, "files": files, "runtime": runtime}


def write_service_worker(site_dir: Path, template: Path = TEMPLATE) -> dict[str, object]:
    """Write the worker at the site's root (its scope is the folder it is in) and the list
    of files beside it. The worker fetches the list on each page opened, so a new build
    reaches visitors without a new worker."""
    manifest = precache_manifest(precache_entries(site_dir))
    (site_dir / OFFLINE_MANIFEST).write_text(json.dumps(manifest, separators=(",", ":")),
                                             encoding="utf-8")
    (site_dir / SERVICE_WORKER).write_text(service_worker_source(template), encoding="utf-8")
    return manifest


def _with_cache_prefix(source: str, name: str) -> str:
    if _PREFIX_SLOT not in source:
        raise RuntimeError(f"{name} has lost the line the build fills in ({_PREFIX_SLOT!r}); "
                           "put it back as the value of CACHE_PREFIX.")
    return source.replace(_PREFIX_SLOT, json.dumps(contract.OFFLINE_CACHE_PREFIX))


def service_worker_source(template: Path = TEMPLATE) -> str:
    """The worker as the site serves it: the template, with the cache prefix written in. The
    same for every build, so a new build needs no new worker."""
    return _with_cache_prefix(template.read_text(encoding="utf-8"), template.name)


# Written instead of the worker when a host switches offline use off: browsers that saved
# an earlier version find this new script at their next visit, and it removes the saved
# copy and itself (an old worker left in place would keep serving old pages for ever).
RETIRING_WORKER = """\
// Generated at build time by worksheets/builder/offline.py; do not edit.
// Offline use is switched off for this copy: remove the saved copy and this worker.
const CACHE_PREFIX = /* the build puts the offline cache prefix here */ null;
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const prefix = `${CACHE_PREFIX}${new URL(self.registration.scope).pathname}:`;
    for (const name of await caches.keys()) {
      if (name.startsWith(prefix)) await caches.delete(name);
    }
    await self.registration.unregister();
  })());
});
"""


def write_retiring_worker(site_dir: Path) -> None:
    """Offline off: a worker already installed reads `retired` from the list and removes
    itself; a browser that checks the worker script finds this one, which does the same."""
    (site_dir / OFFLINE_MANIFEST).write_text('{"retired":true}', encoding="utf-8")
    (site_dir / SERVICE_WORKER).write_text(retiring_worker_source(), encoding="utf-8")


def retiring_worker_source() -> str:
    """The retiring worker as the site serves it, the cache prefix written in."""
    return _with_cache_prefix(RETIRING_WORKER, "RETIRING_WORKER")


def theme_color(palette: object) -> str:
    """The primary colour of the first Material palette, as the installed app's colour."""
    first = palette[0] if isinstance(palette, list) and palette else palette
    name = first.get("primary", DEFAULT_PRIMARY) if isinstance(first, dict) else DEFAULT_PRIMARY
    return MATERIAL_PRIMARY.get(str(name).replace(" ", "-").lower(),
                                MATERIAL_PRIMARY[DEFAULT_PRIMARY])


def web_manifest(name: str, short_name: str, description: str, color: str) -> str:
    """The web app manifest. Addresses are relative to the manifest, which sits at the
    site's root, so an installed copy opens, and stays, in its own folder."""
    data = {
        "name": name,
        "short_name": short_name or name,
        "description": description,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": color,
        "background_color": "#ffffff",
        "icons": [{"src": f"{ICONS_URL}{file}", "sizes": sizes, "type": kind, "purpose": purpose}
                  for file, sizes, kind, purpose in ICONS],
    }
    return json.dumps(data, indent=2) + "\n"
