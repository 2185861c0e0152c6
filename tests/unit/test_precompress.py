"""Every text file of the built site gets .br and .gz siblings, cached by content."""

from __future__ import annotations

import gzip
import subprocess

from tests.unit.site_files import write_site
from worksheets.builder import precompress

PAGE = "<!doctype html><title>x</title>" + "<p>Keep going.</p>" * 40


def make_site(root):
    files = {
        "index.html": PAGE,
        "search/search_index.json": '{"docs": []}' * 40,
        "assets/style.css": "body { color: black; }\n" * 30,
        "assets/tiny.js": "x()",  # too small to be worth it
        "assets/photo.png": "not text" * 100,
        "assets/bundle.min.js.map": "{}" * 300,
        "assets/onward/pyodide/1/pyodide.mjs": "export {};" * 50,
        "assets/onward/pyodide/1/pyodide.mjs.br": "made by the runtime",
        "assets/onward/pyodide/1/pyodide.mjs.gz": "made by the runtime",
    }
    return write_site(root, files)


def test_text_files_only_and_not_those_with_siblings(tmp_path):
    site = make_site(tmp_path / "site")
    chosen = [path.relative_to(site).as_posix() for path in precompress.text_files(site)]
    assert chosen == ["assets/style.css", "index.html", "search/search_index.json"]


def test_siblings_decode_to_the_file_and_come_from_the_cache_next_time(tmp_path, monkeypatch,
                                                                      node_binary):
    monkeypatch.setenv("ONWARD_CACHE_DIR", str(tmp_path / "cache"))
    site = make_site(tmp_path / "site")
    assert precompress.write_siblings(site) == 3
    page = site / "index.html"
    assert gzip.decompress((site / "index.html.gz").read_bytes()) == page.read_bytes()
    decoded = subprocess.run([node_binary, "-e", "process.stdout.write(require('zlib')"
                              ".brotliDecompressSync(require('fs').readFileSync(0)))"],
                             input=(site / "index.html.br").read_bytes(), capture_output=True,
                             check=True).stdout
    assert decoded == page.read_bytes()
    assert (site / "assets/onward/pyodide/1/pyodide.mjs.br").read_text() == "made by the runtime"
    cached = sorted((precompress.runtime.cache_dir() / "compressed").iterdir())
    assert len(cached) == 6
    # A second site with the same files compresses nothing: no Node run at all.
    monkeypatch.setattr(precompress.runtime, "compress_with_node",
                        lambda *args: (_ for _ in ()).throw(AssertionError("compressed again")))
    again = make_site(tmp_path / "again")
    assert precompress.write_siblings(again) == 3
    assert (again / "index.html.br").read_bytes() == (site / "index.html.br").read_bytes()
