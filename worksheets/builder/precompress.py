"""Precompressed copies of every text file of the built site: `file.br` and `file.gz`.

A host that serves precompressed files (nginx's gzip_static/brotli_static, the Apache
recipe in docs/hosting/) then sends every page, stylesheet, script and the search index
compressed at the best settings, at no cost per request. The runtime already has its
siblings (worksheets/builder/runtime.py); this does the same for the rest, with the same
code: the `compress` step of compile_runtime.mjs (Node's brotli, which the build needs
anyway; Python's standard library has none).

Results are cached by content under the runtime's cache folder, so a rebuild compresses
only the files that changed (Material's assets never do). Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from worksheets.builder import runtime

# Text a browser downloads. Source maps are for developers and are never asked for by
# a visitor's browser; the runtime's files come with their siblings already.
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg",
                           ".webmanifest", ".txt"})
SIBLINGS = runtime.COMPRESSED_SUFFIXES
# Below this, the headers cost more than compression saves (nginx's gzip_min_length idea).
MIN_SIZE = 256
# Cached copies unused for this long are removed: pages differ between builds for
# different addresses, so the cache would otherwise only grow.
KEEP_UNUSED_S = 7 * 24 * 3600


def text_files(site_dir: Path) -> list[Path]:
    """The files that should get siblings: text, big enough, and without them yet."""
    return sorted(
        path for path in site_dir.rglob("*")
        if path.suffix in TEXT_SUFFIXES and path.is_file()
        and path.stat().st_size >= MIN_SIZE
        and not all(path.with_name(path.name + suffix).exists() for suffix in SIBLINGS))


def _cache_root() -> Path:
    root = runtime.cache_dir() / "compressed"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _cached(root: Path, digest: str) -> bool:
    return all((root / (digest + suffix)).exists() for suffix in SIBLINGS)


def _compress_missing(root: Path, sources: dict[str, Path]) -> None:
    """One Node run for every content not in the cache yet; results land by rename, so a
    parallel build never reads half a file."""
    with tempfile.TemporaryDirectory(prefix="work-", dir=root) as work:
        runtime.compress_with_node(Path(work), [(source, Path(work) / digest)
                                                for digest, source in sources.items()])
        for digest in sources:
            for suffix in SIBLINGS:
                os.replace(Path(work) / (digest + suffix), root / (digest + suffix))


def _prune(root: Path) -> None:
    cutoff = time.time() - KEEP_UNUSED_S
    for entry in root.iterdir():
        if entry.is_file() and entry.stat().st_mtime < cutoff:
            entry.unlink(missing_ok=True)


def write_siblings(site_dir: Path) -> int:
    """Write `.br` and `.gz` beside every text file of `site_dir`; returns how many files
    got them."""
    files = text_files(site_dir)
    root = _cache_root()
    digests = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    missing = {digest: path for path, digest in digests.items() if not _cached(root, digest)}
    if missing:
        if len(missing) > 20:
            runtime.LOG.info("Onward: compressing %d files for hosts that serve precompressed "
                             "copies (cached for later builds)...", len(missing))
        _compress_missing(root, missing)
    for path, digest in digests.items():
        for suffix in SIBLINGS:
            cached = root / (digest + suffix)
            shutil.copyfile(cached, path.with_name(path.name + suffix))
            os.utime(cached)  # recently used: kept by _prune
    _prune(root)
    return len(files)
