"""The nginx recipe in the hosting guide, exercised: nginx runs docs/hosting/nginx.conf
(changed only in its `listen` and `root` lines) on 127.0.0.1, serving the real site from a
subfolder, and the guide is used through it: headers, types, caching, precompressed
files, and a worksheet computing with Python under the Content-Security-Policy."""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests.browser.helpers import PYTHON_TIMEOUT_MS, READY
from tests.conftest import MAIN_CONFIG, ROOT, build_site
from tests.site_server import free_port

RECIPE = ROOT / "docs" / "hosting" / "nginx.conf"
PREFIX = "/careers/guide/"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
START_TIMEOUT_S = 10


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(path).exists()),
        None)


def recipe_for_test(root: Path, port: int, brotli: bool) -> str:
    """The recipe with only its address and folder changed (and brotli switched on when
    the module is installed), failing loudly if those lines moved."""
    text = RECIPE.read_text(encoding="utf-8")
    for line in ("    listen 80;\n", "    root /var/www/html;\n"):
        assert text.count(line) == 1, f"{RECIPE} no longer has the line {line.strip()!r}"
    text = text.replace("    listen 80;\n", f"    listen 127.0.0.1:{port};\n")
    text = text.replace("    root /var/www/html;\n", f"    root {root};\n")
    if brotli:
        assert "        # brotli_static on;\n" in text
        text = text.replace("        # brotli_static on;\n", "        brotli_static on;\n")
    return text


def main_config(work: Path, mime_types: Path, brotli: bool) -> str:
    temp = "\n".join(f"  {kind}_temp_path {work}/{kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, workers would run as `nobody`, who cannot read pytest's private tmp folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    module = f"load_module {BROTLI_MODULE};\n" if brotli else ""
    return (f"{module}{user}worker_processes 1;\ndaemon off;\npid {work}/nginx.pid;\n"
            f"error_log {work}/error.log warn;\nevents {{ worker_connections 64; }}\n"
            f"http {{\n  include {mime_types};\n  default_type application/octet-stream;\n"
            f"  access_log off;\n{temp}\n  include {work}/onward.conf;\n}}\n")


def mime_types_path(nginx: str) -> Path:
    details = subprocess.run([nginx, "-V"], capture_output=True, text=True, check=False).stderr
    match = re.search(r"--conf-path=(\S+)", details)
    return Path(match[1]).parent / "mime.types" if match else Path("/etc/nginx/mime.types")


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    """Until nginx accepts connections; fails with its error log if it exits instead."""
    for _ in range(START_TIMEOUT_S * 20):
        if process.poll() is not None:
            pytest.fail(f"nginx exited with {process.returncode}:\n{log.read_text()}")
        with socket.socket() as probe:
            probe.settimeout(0.05)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.05)  # a pause that also notices an early exit
    pytest.fail(f"nginx did not start listening on port {port}:\n{log.read_text()}")


def require_nginx() -> str:
    nginx = nginx_binary()
    if nginx is None:
        pytest.skip("nginx is not installed, so the nginx recipe is not exercised here: "
                    "install Debian's `nginx` package (.ci/test does this when run as root)")
    return nginx


@contextmanager
def nginx_serving(www: Path, work: Path, port: int) -> Iterator[None]:
    """nginx on 127.0.0.1:`port` with the recipe, serving `www` as its root, until exit."""
    nginx = require_nginx()
    brotli = BROTLI_MODULE.exists()
    (work / "onward.conf").write_text(recipe_for_test(www, port, brotli))
    (work / "nginx.conf").write_text(main_config(work, mime_types_path(nginx), brotli))
    checked = subprocess.run([nginx, "-t", "-p", str(work), "-c", str(work / "nginx.conf")],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([nginx, "-p", str(work), "-c", str(work / "nginx.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process, work / "error.log")
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    require_nginx()
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    site = build_site(MAIN_CONFIG, work / "www" / PREFIX.strip("/"),
                      site_url=f"http://127.0.0.1:{port}{PREFIX}")
    with nginx_serving(work / "www", work, port):
        yield f"http://127.0.0.1:{port}{PREFIX}", site


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, \
                response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def runtime_file(site: Path, name: str) -> str:
    found = next((site / "assets" / "onward" / "pyodide").glob(f"*/{name}"))
    return found.relative_to(site).as_posix()


def test_pages_carry_the_security_headers_and_are_revalidated(nginx_site):
    url, _ = nginx_site
    status, headers, body = fetch(url)
    assert status == 200 and b"</html>" in body
    assert headers["content-type"].startswith("text/html")
    assert headers["cache-control"] == "no-cache"
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    status, headers, _ = fetch(url + "service-worker.js")
    assert status == 200 and headers["cache-control"] == "no-cache"
    assert "javascript" in headers["content-type"]
    status, headers, _ = fetch(url + "offline-manifest.json")
    assert status == 200 and headers["cache-control"] == "no-cache"


def test_runtime_is_wasm_typed_and_cached_for_a_year(nginx_site):
    url, site = nginx_site
    status, headers, _ = fetch(url + runtime_file(site, "pyodide.asm.wasm"))
    assert status == 200
    assert headers["content-type"] == "application/wasm"
    assert "immutable" in headers["cache-control"]
    # Nested locations inherit the headers only while they set none of their own.
    assert "content-security-policy" in headers
    mjs = fetch(url + runtime_file(site, "pyodide.mjs"))[1]
    assert mjs["content-type"] == "text/javascript"  # or the module would not run
    package = next((site / "assets" / "onward").glob("worksheets-*.zip")).name
    assert "immutable" in fetch(f"{url}assets/onward/{package}")[1]["cache-control"]
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    assert "immutable" in fetch(f"{url}assets/javascripts/{bundle}")[1]["cache-control"]
    assert fetch(url + "assets/onward/onward.js")[1]["cache-control"] == "no-cache"


# What a browser asks for on every page: each must arrive compressed.
COMPRESSED_TYPES = (".html", ".css", ".js", ".mjs", ".json", ".webmanifest", ".svg", ".xml")


def compressible_urls(site: Path) -> list[tuple[str, Path]]:
    """(address under the site, file) for every text file the build wrote, pages by their
    folder address as visitors ask for them."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix in COMPRESSED_TYPES and path.stat().st_size >= 256:
            relative = path.relative_to(site).as_posix()
            found.append((relative.removesuffix("index.html"), path))
    return found


# Node's zlib decodes brotli (Python's standard library has none; Node builds the site).
# One Node process for every body, read and written as a JSON list of base64 strings: a
# process per file cost a Node start each, a minute or more per server.
BROTLI_DECODE_ALL = """
const bodies = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(bodies.map((body) =>
  require("zlib").brotliDecompressSync(Buffer.from(body, "base64")).toString("base64"))));
"""


def decoded(bodies: list[bytes], encoding: str | None) -> list[bytes]:
    """Each body as it was before the server's `encoding`, in order."""
    if encoding == "gzip":
        return [gzip.decompress(body) for body in bodies]
    if encoding == "br":
        given = json.dumps([base64.b64encode(body).decode("ascii") for body in bodies])
        out = subprocess.run(["node", "-e", BROTLI_DECODE_ALL], input=given, text=True,
                             capture_output=True, check=True).stdout
        return [base64.b64decode(body) for body in json.loads(out)]
    return bodies


def assert_served_compressed(url: str, site: Path, brotli: bool) -> None:
    """Every page, stylesheet, script and JSON file, the search index included, comes
    compressed and decodes to exactly the built file."""
    encoding = "br" if brotli else "gzip"
    urls = compressible_urls(site)
    assert any(u.endswith(".css") for u, _ in urls) and any(u == "" for u, _ in urls)
    assert "search/search_index.json" in [u for u, _ in urls]
    bodies = []
    for relative, _ in urls:
        status, headers, body = fetch(url + relative, **{"Accept-Encoding": "br, gzip"})
        assert status == 200, relative
        assert headers.get("content-encoding") == encoding, relative
        assert "accept-encoding" in headers.get("vary", "").lower(), relative
        bodies.append(body)
    for (relative, path), body in zip(urls, decoded(bodies, encoding), strict=True):
        assert body == path.read_bytes(), relative


def test_every_text_file_is_served_precompressed(nginx_site):
    url, site = nginx_site
    assert_served_compressed(url, site, BROTLI_MODULE.exists())
    plain = (site / "assets" / "onward" / "onward.js").read_bytes()
    status, headers, body = fetch(url + "assets/onward/onward.js", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert gzip.decompress(body) == plain
    status, headers, body = fetch(url + "assets/onward/onward.js")
    assert "content-encoding" not in headers and body == plain


def test_folders_redirect_relatively_and_missing_pages_get_the_404_page(nginx_site):
    url, _ = nginx_site
    status, headers, _ = fetch(url + "privacy")
    assert status == 301 and headers["location"] == f"{PREFIX}privacy/"
    status, headers, body = fetch(url + "no-such-page/")
    assert status == 404 and b"404" in body and "content-security-policy" in headers


@contextmanager
def scorecard_used_under_the_policy(browser, url: str) -> Iterator[object]:
    """Step 5's worksheet computes through the server, with nothing blocked by the policy
    and no error, then yields the page for more; checked again when the block ends."""
    context = browser.new_context()
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + "steps/05-evaluate-your-performance/")
    form = "form[data-worksheet=interview-scorecard]"
    page.check(f"{form} input[type=radio] >> nth=0")
    # Locator waits: the policy forbids eval, which Playwright's wait_for_function uses.
    output = page.locator(f"{form} [data-worksheet-output]")
    output.get_by_text("Overall").wait_for(timeout=PYTHON_TIMEOUT_MS)
    assert page.evaluate(READY) == 1
    yield page
    context.close()
    assert blocked == [] and errors == []


def test_a_worksheet_works_through_nginx_under_its_policy(browser, nginx_site):
    url, _ = nginx_site
    with scorecard_used_under_the_policy(browser, url) as page:
        # Instant navigation through nginx, then a page with another worksheet.
        page.click("a.md-nav__link[href$='privacy/']")
        page.wait_for_url("**/privacy/")
