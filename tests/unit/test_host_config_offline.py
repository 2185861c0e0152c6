"""The offline list and the web app manifest, from a built site folder."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.unit.site_files import write_site
from worksheets.builder import offline


def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    files = {
        "index.html": "home",
        "steps/01-x/index.html": "step",
        "404.html": "missing",
        "assets/onward/pyodide/1.0/pyodide.asm.wasm": "wasm",
        "assets/onward/pyodide/1.0/pyodide.asm.wasm.br": "br copy",
        "assets/onward/pyodide/1.0/pyodide.asm.wasm.gz": "gz copy",
        "assets/javascripts/bundle.1234abcd.min.js.map": "map",
        "sitemap.xml.gz": "gz",
        "service-worker.js": "old worker",
    }
    return write_site(root, files)


def test_the_list_holds_what_visitors_are_served(tmp_path):
    entries = offline.precache_entries(site(tmp_path))
    assert [entry.url for entry in entries] == [
        "", "404.html", "assets/onward/pyodide/1.0/pyodide.asm.wasm", "steps/01-x/"]
    assert entries[0].sha256 == hashlib.sha256(b"home").hexdigest()


def test_the_version_changes_with_any_file_and_only_then(tmp_path):
    root = site(tmp_path)
    first = offline.precache_manifest(offline.precache_entries(root))
    assert first == offline.precache_manifest(offline.precache_entries(root))
    (root / "steps" / "01-x" / "index.html").write_text("step, reworded")
    second = offline.precache_manifest(offline.precache_entries(root))
    assert second["version"] != first["version"]


def test_the_worker_and_its_list_are_written_at_the_root(tmp_path):
    root = site(tmp_path)
    manifest = offline.write_service_worker(root)
    assert json.loads((root / offline.OFFLINE_MANIFEST).read_text()) == manifest
    worker = (root / offline.SERVICE_WORKER).read_text()
    assert worker == offline.service_worker_source()  # a new build needs no new worker
    # Neither file is on the list: the browser must always fetch them from the server.
    listed = {url for url, _ in manifest["files"]}
    assert offline.SERVICE_WORKER not in listed and offline.OFFLINE_MANIFEST not in listed
    assert offline.write_service_worker(root) == manifest  # the files themselves don't count


def test_switching_offline_off_retires_the_worker(tmp_path):
    root = site(tmp_path)
    offline.write_retiring_worker(root)
    assert json.loads((root / offline.OFFLINE_MANIFEST).read_text()) == {"retired": True}
    assert "unregister()" in (root / offline.SERVICE_WORKER).read_text()


def test_web_manifest_opens_in_the_copys_own_folder():
    data = json.loads(offline.web_manifest("Riverside Careers Guide", "", "A guide.",
                                           "#4051b5"))
    assert data["start_url"] == "./" and data["scope"] == "./"
    assert data["short_name"] == "Riverside Careers Guide"
    assert {icon["purpose"] for icon in data["icons"]} == {"any", "maskable"}
    for icon in data["icons"]:
        name = icon["src"].removeprefix(offline.ICONS_URL)
        assert (offline.ICONS_DIR / name).is_file()


def test_theme_color_follows_the_first_palette():
    assert offline.theme_color([{"primary": "indigo"}, {"primary": "teal"}]) == "#4051b5"
    assert offline.theme_color({"primary": "deep orange"}) == "#ff6e42"
    assert offline.theme_color([{"primary": "custom"}]) == "#00695c"
    assert offline.theme_color(None) == offline.MATERIAL_PRIMARY["indigo"]
