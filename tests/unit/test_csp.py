"""The Content-Security-Policy built at build time: inline-script hashes, the meta tag in
each page, and the header version hosts send (and nginx imports)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from worksheets.builder import csp

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>x</title>
<script>__md_scope=new URL(".",location)</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="assets/javascripts/bundle.js"></script>
<script type="module" src="assets/onward/onward.js"></script>
</head><body><script>var palette=1</script><script>var palette=1</script></body></html>"""


def sha(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_only_inline_code_is_hashed_once_each():
    assert csp.inline_script_hashes(PAGE) == [sha('__md_scope=new URL(".",location)'),
                                              sha("var palette=1")]


def test_meta_goes_first_in_head_before_any_script():
    page = csp.insert_meta(PAGE)
    meta = page.index('<meta http-equiv="Content-Security-Policy"')
    assert page.index('<meta charset="utf-8">') < meta < page.index("<script")
    assert csp.insert_meta(page) == page  # a second pass changes nothing
    assert csp.insert_meta("<p>a fragment</p>") == "<p>a fragment</p>"


def test_meta_policy_is_strict():
    text = re.search(r'content="([^"]*)"', csp.insert_meta(PAGE))[1]
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self' 'wasm-unsafe-eval' 'sha256-")
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in text and "unsafe-eval'" not in text.replace(
        "'wasm-unsafe-eval'", "")
    assert not re.search(r"https?:|\*", text)  # no other origin, no wildcard
    assert "frame-ancestors" not in text  # ignored in a meta tag: header only


def test_header_policy_covers_every_page_of_a_site(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "a" / "index.html").write_text(PAGE.replace('"."', '".."'))
    header = csp.header_policy(tmp_path)
    assert sha('__md_scope=new URL("..",location)') in header
    assert sha('__md_scope=new URL(".",location)') in header
    assert "frame-ancestors 'self'" in header
    headers = csp.security_headers(tmp_path)
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_command_prints_the_headers(tmp_path: Path, capsys):
    (tmp_path / "index.html").write_text(PAGE)
    assert csp.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Content-Security-Policy: default-src 'self';")
    assert csp.main([]) == 2
