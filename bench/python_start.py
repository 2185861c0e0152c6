"""How fast Python starts on the built site, against stock Pyodide from the same package.

Run by hand (it is not a test, and takes a few minutes):

    .venv/bin/python bench/python_start.py [--rounds 5] [--rounds-4g 3]
        [--service-workers allow|block] [--raw]

It builds the site, serves it and a blank page that runs stock `loadPyodide()` from
node_modules/pyodide (the pinned package) from one local server, and drives headless
Chromium with a fresh profile for every run, alternating stock and site. The server acts
like a static host: it sends a file's `.br` or `.gz` sibling when there is one and the
browser accepts it, gzips other text on the fly, and lets browsers revalidate (ETag,
Cache-Control: no-cache). Stock gets every file gzipped at level 9, its best case.

Measured, as medians with ranges: time to Python-ready from navigation start (stock: after
`loadPyodide()` and `runPython("1+1")` on the page; site: the `worksheets:python-ready`
mark on a worksheet page), cold and warm (a second visit in the same profile, and a
third after a reading pause, once V8 could keep its compiled WebAssembly); the next
worksheet page under Material's instant navigation; cold again under simulated 4G
(Chrome DevTools Protocol network emulation: 9 Mbps down, 1.5 up, 170 ms); the bytes the
server sent until Python was ready; main-thread long tasks, with the scripts they came
from (long animation frames). Prints one table; where the site's cold starts spend their
time (first paint, worker created and running, downloads done, WebAssembly instantiated,
Python up, package imported), local and on 4G; and the runtime's sizes.

Run it on a quiet machine: other processes slow both sides, but not equally.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.page_waits import RUNTIME_SAVED, SAVED, wait_until  # noqa: E402
from worksheets.builder import bundle  # noqa: E402

CHROMIUM = os.environ.get("ONWARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
FIRST_PAGE = "steps/01-acknowledge-your-feelings/"
NEXT_PAGE_LINK = "a.md-footer__link--next"  # step 2, which has a worksheet too
TIMEOUT_MS = 180_000
FOUR_G = {"offline": False, "latency": 170, "downloadThroughput": 9_000_000 / 8,
          "uploadThroughput": 1_500_000 / 8}
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
         ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm",
         ".zip": "application/zip", ".svg": "image/svg+xml", ".png": "image/png",
         ".webmanifest": "application/manifest+json", ".xml": "application/xml",
         ".txt": "text/plain", ".ico": "image/x-icon"}
TEXT_SUFFIXES = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".webmanifest", ".xml",
                 ".txt"}
# Stock gets gzip on everything: what a host that gzips all it serves would send.
STOCK_GZIP_SUFFIXES = TEXT_SUFFIXES | {".wasm", ".zip"}
STOCK_PAGE = """<!doctype html>
<meta charset="utf-8"><title>Stock Pyodide</title>
<p>Stock Pyodide, loaded on the page as its documentation shows.</p>
<script type="module">
  import { loadPyodide } from "./pyodide/pyodide.mjs";
  const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location).href });
  globalThis.answer = pyodide.runPython("1+1");
  performance.mark("stock:python-ready");
</script>
"""
# Long tasks, and long animation frames with the scripts that ran in them: those tell
# which script a long task came from (Python start-up, or the page's own scripts).
LONG_TASKS = """
globalThis.__longTasks = [];
globalThis.__longFrames = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) __longTasks.push([entry.startTime, entry.duration]);
}).observe({ type: "longtask", buffered: true });
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      __longFrames.push(entry.scripts.map((s) => [s.startTime, s.duration, s.sourceURL]));
    }
  }).observe({ type: "long-animation-frame", buffered: true });
} catch {}
"""
# Scripts of Python's start-up on the page's main thread (the site's and stock's).
PYTHON_SCRIPTS = ("/python-client.js", "/python-start.js", "/pyodide/", "/stock/")


# --- a static host, with a byte counter -------------------------------------------------


@dataclass
class Sent:
    path: str
    size: int
    encoding: str
    at: float = field(default_factory=time.monotonic)  # when the request arrived


class Ledger:
    """Every response the server sent, to count bytes per run."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: list[Sent] = []

    def add(self, entry: Sent) -> None:
        with self.lock:
            self.entries.append(entry)

    def take(self) -> list[Sent]:
        with self.lock:
            entries, self.entries = self.entries, []
        return entries


class HostHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a real host
    roots: ClassVar[dict[str, tuple[Path, str]]] = {}
    ledger: ClassVar[Ledger]
    gzipped: ClassVar[dict[tuple[str, int], bytes]] = {}
    gzip_lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        with suppress(ConnectionResetError, BrokenPipeError):
            super().handle()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        for prefix, (folder, mode) in self.roots.items():
            if path.startswith(prefix):
                self.serve(folder / path[len(prefix):], mode, path)
                return
        self.reply(404, b"not found", "text/plain", "", path)

    def serve(self, target: Path, mode: str, path: str) -> None:
        self.arrived = time.monotonic()
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if not target.is_file() or ".." in target.parts:
            self.reply(404, b"not found", "text/plain", "", path)
            return
        body, encoding = self.encoded(target, mode)
        stat = target.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}-{encoding or "identity"}"'
        if self.headers.get("If-None-Match") == etag:
            self.reply(304, b"", "", encoding, path, etag)
            return
        kind = TYPES.get(target.suffix, "application/octet-stream")
        self.reply(200, body, kind, encoding, path, etag)

    def encoded(self, target: Path, mode: str) -> tuple[bytes, str]:
        accepted = {part.split(";")[0].strip() for part in
                    self.headers.get("Accept-Encoding", "").split(",")}
        if mode == "site":
            for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
                sibling = target.with_name(target.name + suffix)
                if encoding in accepted and sibling.is_file():
                    return sibling.read_bytes(), encoding
        wanted = STOCK_GZIP_SUFFIXES if mode == "stock" else TEXT_SUFFIXES
        if "gzip" in accepted and target.suffix in wanted:
            return self.gzip(target, 9 if mode == "stock" else 6), "gzip"
        return target.read_bytes(), ""

    def gzip(self, target: Path, level: int) -> bytes:
        key = (str(target), target.stat().st_mtime_ns)
        with self.gzip_lock:
            if key not in self.gzipped:
                self.gzipped[key] = gzip.compress(target.read_bytes(), level, mtime=0)
            return self.gzipped[key]

    def reply(self, status: int, body: bytes, kind: str, encoding: str, path: str,
              etag: str = "") -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        headers = sum(len(line) for line in getattr(self, "_headers_buffer", []))
        self.end_headers()
        self.wfile.write(body)
        self.ledger.add(Sent(path, len(body) + headers, encoding,
                             getattr(self, "arrived", time.monotonic())))


@contextmanager
def host(roots: dict[str, tuple[Path, str]], ledger: Ledger, port: int) -> Iterator[str]:
    handler = type("Handler", (HostHandler,), {"roots": roots, "ledger": ledger,
                                               "gzipped": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- what is served -------------------------------------------------------------------


def build_site(target: Path, site_url: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ONWARD_SITE_URL": site_url}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                             "-d", str(target)], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stdout}{result.stderr}")


def stock_folder(target: Path) -> None:
    """A blank page and the pinned package's five runtime files, checked against the pins."""
    (target / "pyodide").mkdir(parents=True)
    for item in bundle.verify_runtime(bundle.RUNTIME_DIR):
        shutil.copy2(item.path, target / "pyodide" / item.name)
    (target / "index.html").write_text(STOCK_PAGE, encoding="utf-8")


# --- one run ----------------------------------------------------------------------------


@dataclass
class Run:
    variant: str
    cold_ms: float = 0.0
    warm_ms: float | None = None
    later_ms: float | None = None
    next_ms: float | None = None
    next_ready: bool | None = None
    bytes_total: int = 0
    bytes_runtime: int = 0
    long_tasks: list[tuple[float, float]] = field(default_factory=list)
    python_long_tasks: list[tuple[float, float]] = field(default_factory=list)
    long_sources: list[str] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)


def is_runtime(path: str) -> bool:
    return "/pyodide/" in path or "/worksheets-" in path


# Waits run inside the page as one promise: the site's Content-Security-Policy forbids the
# string evaluation Playwright's wait_for_function polls with.
WAIT_FOR_MARK = """([name, after, limit]) => new Promise((resolve) => {
  const give_up = performance.now() + limit;
  const look = () => {
    const mark = performance.getEntriesByName(name).find((m) => m.startTime > after);
    if (mark) resolve(mark.startTime);
    else if (performance.now() > give_up) resolve(null);
    else setTimeout(look, 5);
  };
  look();
})"""


def wait_mark(page: Any, name: str, after: float = -1) -> float:
    found = page.evaluate(WAIT_FOR_MARK, [name, after, TIMEOUT_MS])
    if found is None:
        raise RuntimeError(f"no {name} mark within {TIMEOUT_MS / 1000:.0f} s at {page.url}")
    return found


SERVICE_WORKERS = {"allow": "allow"}  # set from --service-workers


def open_profile(playwright: Any, folder: Path) -> Any:
    context = playwright.chromium.launch_persistent_context(
        str(folder), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        service_workers=SERVICE_WORKERS["allow"])
    context.add_init_script(LONG_TASKS)
    return context


def python_tasks(frames: list[list[list[Any]]], until: float) -> list[tuple[float, float]]:
    """Scripts of Python's start-up that ran 50 ms or more at a time on the main thread."""
    return [(start, duration) for scripts in frames for start, duration, source in scripts
            if start < until and duration >= 50
            and any(part in source for part in PYTHON_SCRIPTS)]


# Where a cold start's time goes on the site: the page's first paint and marks, and the
# worker's own marks and downloads (python-worker.js answers "timings"), on the page's clock.
PHASES = """async () => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  const script = document.querySelector('script[src$="python-start.js"]');
  const client = await import(script.src.replace(/python-start\\.js$/, "python-client.js"));
  const shift = (time) => Number.isFinite(time) ? time - performance.timeOrigin : null;
  const worker = await client.callPython("timings", null);
  const mark = (name) => shift(worker.find((entry) => entry.name === name)?.start ?? NaN);
  const done = (part) => shift(Math.max(...worker.filter((entry) => entry.type === "resource"
    && entry.name.includes(part)).map((entry) => entry.end)));
  return {
    "first contentful paint": at("first-contentful-paint"),
    "page asks for Python (worker created)": at("worksheets:python-start"),
    "worker running": mark("worksheets:worker-start"),
    "standard library downloaded": done("/python_stdlib-"),
    "WebAssembly downloaded": done("/pyodide.asm.wasm"),
    "WebAssembly instantiated": mark("worksheets:python-init"),
    "Python up (Pyodide loaded)": mark("worksheets:pyodide-loaded"),
    "worksheets package downloaded": done("/worksheets-"),
    "worksheets package imported": mark("worksheets:runner-imported"),
    "python-ready on the page": at("worksheets:python-ready"),
  };
}"""


def visit(context: Any, url: str, mark: str, network: dict[str, Any] | None
          ) -> tuple[Any, float]:
    page = context.new_page()
    if network:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", network)
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    return page, wait_mark(page, mark)


def measure(playwright: Any, variant: str, base: str, ledger: Ledger,
            network: dict[str, Any] | None) -> Run:
    url = base + ("stock/" if variant == "stock" else "site/" + FIRST_PAGE)
    mark = "stock:python-ready" if variant == "stock" else "worksheets:python-ready"
    run = Run(variant)
    with tempfile.TemporaryDirectory(prefix="onward-bench-profile-") as folder:
        context = open_profile(playwright, Path(folder))
        try:
            ledger.take()
            page, run.cold_ms = visit(context, url, mark, network)
            sent = ledger.take()
            run.bytes_total = sum(item.size for item in sent)
            run.bytes_runtime = sum(item.size for item in sent if is_runtime(item.path))
            run.long_tasks = [tuple(t) for t in page.evaluate("__longTasks")
                              if t[0] < run.cold_ms]
            frames = page.evaluate("__longFrames")
            run.long_sources = sorted({source.rsplit("/", 1)[-1] or "(page)"
                                       for scripts in frames for start, duration, source
                                       in scripts if duration >= 50 and start < run.cold_ms})
            # The blank stock page runs nothing but Pyodide: all its long tasks are Python's
            # (its big one is a promise continuation, which frames do not attribute).
            run.python_long_tasks = (run.long_tasks if variant == "stock"
                                     else python_tasks(frames, run.cold_ms))
            if variant == "site":
                run.phases = page.evaluate(PHASES)
            if network:
                return run
            if variant == "site":
                settle(page)
            page.close()
            warm, run.warm_ms = visit(context, url, mark, None)
            if variant == "site":
                next_page(warm, run)
            later_visit(context, url, mark, warm, run)
        finally:
            context.close()
    return run


# V8 keeps compiled WebAssembly with the response it compiled from (the HTTP cache, or the
# offline copy's Cache Storage), once it has optimised enough of it and a couple of quiet
# seconds passed. A reader stays longer than that; the bench waits this long on the second
# visit, then makes a third: the start a returning visitor gets once V8 kept its work.
READING_PAUSE_MS = 4000


def later_visit(context: Any, url: str, mark: str, page: Any, run: Run) -> None:
    page.wait_for_timeout(READING_PAUSE_MS)  # a reader's pause, not a synchronisation
    page.close()
    later, run.later_ms = visit(context, url, mark, None)
    later.close()


# A second visit comes later: let the first one finish what it does after Python is
# ready (the site's offline copy: its service worker installs, saves the site, then adds
# Python's runtime, which the page asks for once Python is up). A visitor who comes back
# another day finds the runtime in the offline copy; the later visits are timed from there.
OFFLINE_COPY_LIMIT_MS = 30_000  # registered after load, the runtime saved after that


def settle(page: Any) -> None:
    page.wait_for_load_state("load")
    if SERVICE_WORKERS["allow"] == "block":
        return  # no offline copy to wait for: the later visits read the HTTP cache
    try:
        wait_until(page, SAVED, timeout_ms=OFFLINE_COPY_LIMIT_MS)
        wait_until(page, RUNTIME_SAVED, timeout_ms=OFFLINE_COPY_LIMIT_MS)
    except AssertionError:
        print("bench: the offline copy did not save Python's runtime in time; the later "
              "visits are timed without it", file=sys.stderr)


def next_page(page: Any, run: Run) -> None:
    """Material's instant navigation to the next worksheet page: Python must already be
    ready there, and its first result is timed from the click."""
    clicked = page.evaluate(f"""() => {{
        const t = performance.now();
        document.querySelector({json.dumps(NEXT_PAGE_LINK)}).click();
        return t; }}""")
    run.next_ms = wait_mark(page, "worksheets:output", clicked) - clicked
    navigations = page.evaluate("performance.getEntriesByType('navigation').length")
    marks = page.evaluate("performance.getEntriesByName('worksheets:python-ready').length")
    run.next_ready = navigations == 1 and marks == 1  # one document, one Python start


# --- the table --------------------------------------------------------------------------


def spread(values: list[float], unit: Callable[[float], str]) -> str:
    if not values:
        return "n/a"
    return f"{unit(statistics.median(values))} ({unit(min(values))}–{unit(max(values))})"


def ms(value: float) -> str:
    return f"{value:,.0f} ms"


def mb(value: float) -> str:
    return f"{value / 1e6:.2f} MB"


def ratio(site: list[float], stock: list[float]) -> float | None:
    if not site or not stock:
        return None
    return statistics.median(site) / statistics.median(stock)


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "n/a"
    return "met" if value <= limit else "NOT met"


def table(runs: list[Run], runs_4g: list[Run], sizes: dict[str, tuple[int, int]]) -> str:
    def of(variant: str, source: list[Run], attr: str) -> list[float]:
        return [getattr(r, attr) for r in source
                if r.variant == variant and getattr(r, attr) is not None]

    rows = []
    cold = (of("stock", runs, "cold_ms"), of("site", runs, "cold_ms"))
    warm = (of("stock", runs, "warm_ms"), of("site", runs, "warm_ms"))
    slow = (of("stock", runs_4g, "cold_ms"), of("site", runs_4g, "cold_ms"))
    wire = (of("stock", runs, "bytes_runtime"), of("site", runs, "bytes_runtime"))
    total = (of("stock", runs, "bytes_total"), of("site", runs, "bytes_total"))
    wire_4g = (of("stock", runs_4g, "bytes_total"), of("site", runs_4g, "bytes_total"))
    cold_ratio = ratio(cold[1], cold[0])
    rows.append(("cold Python-ready", spread(cold[0], ms), spread(cold[1], ms),
                 _r(cold_ratio), "≤ 0.45 × stock (aim 0.35)", verdict(cold_ratio, 0.45)))
    warm_site = statistics.median(warm[1]) if warm[1] else None
    rows.append(("warm Python-ready (2nd visit)", spread(warm[0], ms), spread(warm[1], ms),
                 _r(ratio(warm[1], warm[0])), "≤ 700 ms",
                 "n/a" if warm_site is None else verdict(warm_site / 700, 1)))
    nexts = of("site", runs, "next_ms")
    ready = [r.next_ready for r in runs if r.variant == "site" and r.next_ready is not None]
    later = (of("stock", runs, "later_ms"), of("site", runs, "later_ms"))
    rows.append(("warm, third visit (4 s read before)", spread(later[0], ms),
                 spread(later[1], ms), _r(ratio(later[1], later[0])), "", ""))
    rows.append(("next page, instant navigation", "full page load: as warm",
                 f"ready at swap {sum(ready)}/{len(ready)}; first result "
                 f"{spread(nexts, ms)}", "", "already ready",
                 "met" if ready and all(ready) else "NOT met"))
    slow_ratio = ratio(slow[1], slow[0])
    rows.append(("4G cold Python-ready", spread(slow[0], ms), spread(slow[1], ms),
                 _r(slow_ratio), "≤ 0.6 × stock", verdict(slow_ratio, 0.6)))
    wire_ratio = ratio(wire[1], wire[0])
    rows.append(("runtime bytes sent, cold", spread(wire[0], mb), spread(wire[1], mb),
                 _r(wire_ratio), "≤ stock with gzip", verdict(wire_ratio, 1.0)))
    rows.append(("all bytes until ready, cold", spread(total[0], mb), spread(total[1], mb),
                 _r(ratio(total[1], total[0])), "", ""))
    rows.append(("all bytes until ready, 4G", spread(wire_4g[0], mb), spread(wire_4g[1], mb),
                 _r(ratio(wire_4g[1], wire_4g[0])), "", ""))
    for label, source in (("long tasks, cold", runs), ("long tasks, 4G", runs_4g)):
        stock_tasks = [r.python_long_tasks for r in source if r.variant == "stock"]
        site_all = [r.long_tasks for r in source if r.variant == "site"]
        site_python = [r.python_long_tasks for r in source if r.variant == "site"]
        sources = sorted({name for r in source if r.variant == "site" for name in r.long_sources})
        rows.append((label, _tasks(stock_tasks) + " from Python",
                     _tasks(site_python) + " from Python; " + _tasks(site_all) + " in all"
                     + (f" (scripts: {', '.join(sources)})" if sources else ""), "",
                     "0 from Python start-up",
                     "n/a" if not site_python else "NOT met" if any(site_python) else "met"))
    header = ("measure", "stock loadPyodide, blank page", "site, worksheet page", "ratio",
              "target", "")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
             .rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    for label, source in (("local", runs), ("4G", runs_4g)):
        lines += ["", f"Where a cold start's time goes on the site, {label} (medians, ms from "
                  "navigation start):"]
        lines += _phases([r.phases for r in source if r.variant == "site" and r.phases])
    lines.append("")
    lines.append("Runtime the site ships (assets/onward/pyodide/ and the package zip):")
    for name, (raw, packed) in sizes.items():
        lines.append(f"  {name:<52} {raw:>12,} bytes" + (
            f"   compressed {packed:>11,} bytes" if packed else ""))
    return "\n".join(lines)


def _r(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _phases(per_run: list[dict[str, float]]) -> list[str]:
    if not per_run:
        return ["  n/a"]
    lines = []
    for name in per_run[0]:
        values = [run[name] for run in per_run if run.get(name) is not None]
        lines.append(f"  {name:<40} {spread(values, ms) if values else 'n/a'}")
    return lines


def _tasks(per_run: list[list[tuple[float, float]]]) -> str:
    if not per_run:
        return "n/a"
    counts = [len(tasks) for tasks in per_run]
    longest = max((d for tasks in per_run for _, d in tasks), default=0)
    text = f"{statistics.median(counts):g} per run"
    return text + (f" (longest {longest:,.0f} ms)" if longest else "")


def shipped_sizes(site: Path, stock: Path) -> dict[str, tuple[int, int]]:
    """Bytes of each runtime file the site ships, plain and as its .br sibling, with the
    totals; and stock's five files, plain and gzipped (-9) for comparison."""
    sizes = {}
    folder = site / "assets" / "onward"
    files = sorted((folder / "pyodide").rglob("*")) + sorted(folder.glob("worksheets-*"))
    on_disk = sum(path.stat().st_size for path in files if path.is_file())
    for path in files:
        if path.is_file() and path.suffix not in (".br", ".gz"):
            brotli = path.with_name(path.name + ".br")
            sizes[path.relative_to(folder).as_posix()] = (
                path.stat().st_size, brotli.stat().st_size if brotli.is_file() else 0)
    sizes["total"] = (sum(a for a, _ in sizes.values()), sum(b for _, b in sizes.values()))
    sizes["on disk, with the .br and .gz siblings"] = (on_disk, 0)
    stock_files = [path for path in (stock / "pyodide").iterdir() if path.is_file()]
    sizes["stock: the five files (gzip -9 instead of brotli)"] = (
        sum(path.stat().st_size for path in stock_files),
        sum(len(gzip.compress(path.read_bytes(), 9)) for path in stock_files))
    return sizes


# --- main -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="cold+warm runs of each")
    parser.add_argument("--rounds-4g", type=int, default=3, help="4G cold runs of each")
    parser.add_argument("--service-workers", choices=("allow", "block"), default="allow",
                        help="block: measure without the site's offline copy (service worker)")
    parser.add_argument("--raw", action="store_true", help="print every run as JSON too")
    args = parser.parse_args()
    SERVICE_WORKERS["allow"] = args.service_workers
    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="onward-bench-") as work:
        site, stock = Path(work) / "site", Path(work) / "stock"
        print("building the site…", file=sys.stderr)
        build_site(site, base + "site/")
        stock_folder(stock)
        ledger = Ledger()
        runs: list[Run] = []
        runs_4g: list[Run] = []
        roots = {"/site/": (site, "site"), "/stock/": (stock, "stock")}
        with host(roots, ledger, port), sync_playwright() as playwright:
            plan = [("local", i) for i in range(args.rounds)]
            plan += [("4g", i) for i in range(args.rounds_4g)]
            for kind, number in plan:
                order = ("stock", "site") if number % 2 == 0 else ("site", "stock")
                for variant in order:
                    started = time.monotonic()
                    run = measure(playwright, variant, base, ledger,
                                  FOUR_G if kind == "4g" else None)
                    (runs_4g if kind == "4g" else runs).append(run)
                    print(f"{kind} {number + 1} {variant}: cold {run.cold_ms:,.0f} ms, "
                          f"warm {run.warm_ms or 0:,.0f} ms, {run.bytes_total:,} bytes "
                          f"({time.monotonic() - started:.0f} s)", file=sys.stderr)
        print(f"\nPython start-up, Pyodide {bundle.load_pins().version}, "
              f"{args.rounds} rounds local and {args.rounds_4g} on 4G, alternating, a fresh "
              f"profile per run, service workers: {args.service_workers}; "
              "medians (min–max).\n")
        print(table(runs, runs_4g, shipped_sizes(site, stock)))
        if args.raw:
            print(json.dumps([r.__dict__ for r in runs + runs_4g], indent=1))


if __name__ == "__main__":
    main()
