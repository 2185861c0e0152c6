"""The offline list's two groups: what every visitor saves, and Python's runtime, saved
only for a visitor who opened a page that runs Python."""

from __future__ import annotations

from pathlib import Path

from tests.unit.site_files import write_site
from worksheets.builder import offline


def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {
        "index.html": "home",
        "assets/onward/onward.js": "page script",
        "assets/onward/python-client.js": "client, imported by every page",
        "assets/onward/python-worker.js": "worker",
        "assets/onward/worksheets-0123456789ab.zip": "package",
        "assets/onward/pyodide/1.0/pyodide.asm.wasm": "wasm",
        "assets/onward/pyodide/1.0/python_stdlib-abc.zip": "stdlib",
    })


def test_the_runtime_is_a_group_of_its_own(tmp_path):
    manifest = offline.precache_manifest(offline.precache_entries(site(tmp_path)))
    assert [url for url, _ in manifest["files"]] == [
        "", "assets/onward/onward.js", "assets/onward/python-client.js"]
    assert [url for url, _ in manifest["runtime"]] == [
        "assets/onward/pyodide/1.0/pyodide.asm.wasm",
        "assets/onward/pyodide/1.0/python_stdlib-abc.zip",
        "assets/onward/python-worker.js", "assets/onward/worksheets-0123456789ab.zip"]


def test_a_new_runtime_alone_is_a_new_version(tmp_path):
    root = site(tmp_path)
    first = offline.precache_manifest(offline.precache_entries(root))
    (root / "assets/onward/python-worker.js").write_text("worker, changed")
    second = offline.precache_manifest(offline.precache_entries(root))
    assert second["files"] == first["files"] and second["version"] != first["version"]
