"""The Apache recipe in the hosting guide, exercised: Debian's apache2 runs in the
foreground on 127.0.0.1 with a minimal server config that allows .htaccess files, serving
the real site from a subfolder with docs/hosting/apache.htaccess, unchanged, as its
.htaccess; the guide is used through it: headers, types, caching, precompressed files, and
a worksheet computing with Python under the Content-Security-Policy."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.test_hosting_nginx import (
    PREFIX,
    assert_served_compressed,
    fetch,
    runtime_file,
    scorecard_used_under_the_policy,
    wait_for_port,
)
from tests.conftest import MAIN_CONFIG, ROOT, build_site
from tests.site_server import free_port

RECIPE = ROOT / "docs" / "hosting" / "apache.htaccess"
MODULES = Path("/usr/lib/apache2/modules")
NEEDED = ("mpm_event", "authz_core", "mime", "dir", "rewrite", "headers")


def apache_binary() -> str | None:
    return shutil.which("apache2") or next(
        (path for path in ("/usr/sbin/apache2", "/usr/sbin/httpd") if Path(path).exists()), None)


def require_apache() -> str:
    apache = apache_binary()
    if apache is None or not all((MODULES / f"mod_{name}.so").exists() for name in NEEDED):
        pytest.skip("Apache is not installed, so the Apache recipe is not exercised here: "
                    "install Debian's `apache2` package (.ci/test does this when run as root)")
    return apache


def server_config(www: Path, work: Path, port: int) -> str:
    """What a host's server already has: the modules the recipe needs, and a folder whose
    .htaccess files may set types, rewrites and headers (AllowOverride FileInfo)."""
    modules = "\n".join(f"LoadModule {name}_module {MODULES}/mod_{name}.so" for name in NEEDED)
    # Apache never serves as root: as root it switches to www-data, who can read `www`.
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
    return (f"{modules}\n{user}ServerName 127.0.0.1\nListen 127.0.0.1:{port}\n"
            f"ServerRoot {work}\nDefaultRuntimeDir {work}\nPidFile {work}/apache.pid\n"
            f"ErrorLog {work}/error.log\nLogLevel warn\nTypesConfig /etc/mime.types\n"
            f"DocumentRoot {www}\nDirectoryIndex index.html\n"
            f"<Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n"
            f"<Directory {www}>\n  AllowOverride FileInfo\n  Require all granted\n"
            f"</Directory>\n<FilesMatch \"^\\.ht\">\n  Require all denied\n</FilesMatch>\n")


@contextmanager
def apache_serving(www: Path, work: Path, port: int) -> Iterator[None]:
    apache = require_apache()
    (work / "httpd.conf").write_text(server_config(www, work, port), encoding="utf-8")
    command = [apache, "-f", str(work / "httpd.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([*command, "-DFOREGROUND"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process, work / "error.log")
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def apache_site() -> Iterator[tuple[str, Path]]:
    require_apache()
    # Not pytest's tmp folder: that is private to its owner, and Apache's www-data must read.
    with tempfile.TemporaryDirectory(prefix="onward-apache-") as folder:
        work = Path(folder)
        work.chmod(0o755)
        port = free_port()
        site = build_site(MAIN_CONFIG, work / "www" / PREFIX.strip("/"),
                          site_url=f"http://127.0.0.1:{port}{PREFIX}")
        shutil.copy(RECIPE, site / ".htaccess")
        with apache_serving(work / "www", work, port):
            yield f"http://127.0.0.1:{port}{PREFIX}", site


def test_pages_carry_the_security_headers_and_are_revalidated(apache_site):
    url, _ = apache_site
    status, headers, body = fetch(url, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body).rstrip().endswith(b"</html>")
    assert headers["content-type"].startswith("text/html")
    assert headers["cache-control"] == "no-cache"
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    status, headers, _ = fetch(url + "service-worker.js")
    assert status == 200 and headers["cache-control"] == "no-cache"
    assert headers["content-type"].startswith("text/javascript")


def test_runtime_is_wasm_typed_and_cached_for_a_year(apache_site):
    url, site = apache_site
    for encoding in ("br", "gzip", "identity"):
        status, headers, _ = fetch(url + runtime_file(site, "pyodide.asm.wasm"),
                                   **{"Accept-Encoding": encoding})
        assert status == 200 and headers["content-type"] == "application/wasm", encoding
        assert "immutable" in headers["cache-control"], encoding
        assert "content-security-policy" in headers
    mjs = fetch(url + runtime_file(site, "pyodide.mjs"), **{"Accept-Encoding": "br"})[1]
    assert mjs["content-type"].startswith("text/javascript") and mjs["content-encoding"] == "br"
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    assert "immutable" in fetch(f"{url}assets/javascripts/{bundle}",
                                **{"Accept-Encoding": "br"})[1]["cache-control"]
    assert fetch(url + "assets/onward/onward.js")[1]["cache-control"] == "no-cache"


def test_every_text_file_is_served_precompressed(apache_site):
    url, site = apache_site
    assert_served_compressed(url, site, brotli=True)
    plain = (site / "assets" / "onward" / "onward.js").read_bytes()
    status, headers, body = fetch(url + "assets/onward/onward.js")
    assert status == 200 and "content-encoding" not in headers and body == plain


def test_folders_redirect_and_missing_pages_get_the_404_page(apache_site):
    url, _ = apache_site
    status, headers, _ = fetch(url + "privacy", **{"Accept-Encoding": "br"})
    assert status == 301 and headers["location"].endswith(f"{PREFIX}privacy/")
    status, headers, body = fetch(url + "no-such-page/")
    assert status == 404 and b"404" in body and "content-security-policy" in headers
    assert fetch(url + ".htaccess")[0] == 403


def test_a_worksheet_works_through_apache_under_its_policy(browser, apache_site):
    url, _ = apache_site
    with scorecard_used_under_the_policy(browser, url):
        pass


def test_the_recipe_sends_the_same_headers_as_the_nginx_recipe():
    """One policy for both servers: the nginx recipe's is checked against csp.py."""
    from tests.unit.test_host_config_recipes import nginx_headers

    text = RECIPE.read_text(encoding="utf-8")
    apache = dict(re.findall(r'^\s*Header always set ([\w-]+) "([^"]*)"$', text, re.MULTILINE))
    apache.pop("Cache-Control")
    assert apache == nginx_headers()
