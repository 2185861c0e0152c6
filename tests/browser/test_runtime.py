"""The site's trimmed, precompiled Python runtime in Chromium: every worksheet's compute and
My plan run under it, so a standard-library module the trim left out fails here, never in
a visitor's browser. Worksheet tracebacks still show their source lines."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.conftest import FIXTURE_CONFIG, ROOT
from worksheets.builder.bundle import definitions_json
from worksheets.builder.registry import load_package_definitions

TODAY = date(2026, 11, 27)
# Text with what real answers hold: digits, a percentage, a date, punctuation, accents,
# another script, several sentences and lines. Computes split, count and search it.
TEXTS = (
    "I prepared well, asked for feedback and followed up on 2026-12-01. Revenue grew 6%,"
    " not 14%; naïve café talk.\nNext: practise the STAR answer with Dana (team lead).",
    "Я решил задачу. We reviewed the data together and I led the client call!\n"
    "Keep going: one application a day, two networking messages a week, 30 minutes.",
)


def sample_value(field: dict[str, Any], variant: int, depth: int = 0) -> Any:
    """One plausible answer for a field, as the browser stores it (text, a list of values,
    or rows of such answers). Variant 0 and 1 take opposite ends of every range."""
    kind = field["type"]
    options = [option["value"] for option in field.get("options", [])]
    if kind in ("short_text", "long_text"):
        text = TEXTS[variant % 2]
        return text.split("\n")[0][:60] if kind == "short_text" else text
    if kind in ("number", "scale"):
        low, high = field.get("minimum"), field.get("maximum")
        low = 1 if low is None else low
        high = low + 9 if high is None else high
        value = low if variant == 0 else high
        return f"{value:g}"
    if kind == "date":
        return (TODAY + timedelta(days=-12 if variant == 0 else 20 + depth)).isoformat()
    if kind == "single_choice":
        return options[0] if variant == 0 else options[-1]
    if kind in ("multiple_choice", "checklist"):
        return options[:1] if variant == 0 else options
    if kind == "reference":  # a picked entry (linked in SOURCES), or text from before
        return {"row": "i0", "label": "Acme · Analyst", "snapshot": {"organization": "Acme"}} \
            if variant == 0 else TEXTS[1].split("\n")[0][:60]
    if kind == "rows":
        count = 1 if variant == 0 else 3
        return [sample_answers(field["fields"], (variant + row) % 2, depth + row, field)
                for row in range(count)]
    raise AssertionError(f"no sample for field type {kind}")


def sample_answers(fields: list[dict[str, Any]], variant: int, depth: int = 0,
                   parent: dict[str, Any] | None = None) -> dict[str, Any]:
    answers = {field["id"]: sample_value(field, variant, depth) for field in fields}
    if parent and parent.get("dated"):
        answers["date"] = (TODAY - timedelta(days=7 * depth)).isoformat()
    return answers


# The rows a reference may pick, as the browser sends them with each request.
SOURCES = {"interview-journal": {"interviews": {"i0": {
    "organization": "Acme", "role": "Analyst", "date": TODAY.isoformat(), "notes": "Panel"}}}}


def compute_cases() -> list[dict[str, Any]]:
    """Every worksheet with nothing answered and with everything answered, twice."""
    definitions = json.loads(definitions_json(load_package_definitions()))
    cases = []
    for worksheet_id, definition in sorted(definitions.items()):
        for answers in ({}, *(sample_answers(definition["fields"], v) for v in (0, 1))):
            cases.append({"worksheet": worksheet_id, "answers": answers,
                          "today": TODAY.isoformat(), "sources": SOURCES})
    return cases


# --- in Chromium, on the real site ---------------------------------------------------------

PAGE = "steps/05-evaluate-your-performance/"
# Waits run in the page as one promise: the site's Content-Security-Policy forbids the
# string evaluation that Playwright's wait_for_function polls with.
WAIT_READY = """() => new Promise((resolve, reject) => {
  const limit = performance.now() + 90000;
  const look = () => {
    if (performance.getEntriesByName('worksheets:python-ready').length) resolve(true);
    else if (performance.now() > limit) reject(new Error('Python was not ready in 90 s'));
    else setTimeout(look, 20);
  };
  look();
})"""
# The page's own Python client: the same module instance onward.js uses, so the same worker.
CALL_ALL = """async ([cases, plan]) => {
  const entry = document.querySelector('script[src*="assets/onward/onward.js"]').src;
  const { callPython } = await import(new URL('python-client.js', entry).href);
  const results = [];
  for (const request of cases) results.push(await callPython('compute', request));
  return { results, plan: await callPython('plan', plan) };
}"""


def plan_request(cases: list[dict[str, Any]]) -> dict[str, Any]:
    answers = {case["worksheet"]: case["answers"] for case in cases if case["answers"]}
    return {"answers": answers, "order": sorted(answers), "today": TODAY.isoformat(),
            "sources": SOURCES}


def test_every_compute_and_my_plan_run_under_the_trimmed_runtime(page, site_url):
    cases = compute_cases()
    cases.append({"worksheet": "no-such-worksheet", "answers": {}, "today": TODAY.isoformat()})
    page.goto(site_url + PAGE)
    page.evaluate(WAIT_READY)
    answered = page.evaluate(CALL_ALL, [cases, plan_request(cases)])
    failures = [f"{case['worksheet']} {json.dumps(case['answers'])[:80]}: {result['error']}\n"
                f"{result['traceback']}"
                for case, result in zip(cases[:-1], answered["results"][:-1], strict=True)
                if not result["ok"]]
    assert failures == [], "\n".join(failures)
    plan = answered["plan"]
    assert plan["ok"], plan.get("traceback")
    assert len(plan["answered"]) == len({case["worksheet"] for case in cases[:-1]})
    # A worksheet's traceback still shows its source lines, read from the shipped .py.
    error = answered["results"][-1]
    assert not error["ok"]
    assert 'worksheets/compute/runner.py", line' in error["traceback"]
    assert 'raise KeyError(f"no worksheet' in error["traceback"]
    assert page.js_errors == []


def test_each_runtime_file_is_downloaded_once_and_only_from_the_site(browser, site_url):
    # Without the offline copy's service worker, which downloads every file again.
    context = browser.new_context(service_workers="block")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(site_url + PAGE)
    page.evaluate(WAIT_READY)
    context.close()
    runtime = [url for url in requests if "/pyodide/" in url or "/worksheets-" in url]
    assert all(url.startswith(site_url) for url in runtime), runtime
    names = sorted(url.rsplit("/", 1)[-1] for url in runtime)
    assert len(names) == len(set(names)), names  # the early downloads were used, not repeated
    assert {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"} <= set(names)
    assert [name for name in names if name.startswith("python_stdlib-")]
    assert "pyodide-lock.json" not in names


# When the page asked for Python, and when it first painted content.
START_AND_PAINT = """() => [
  performance.getEntriesByName("worksheets:python-start").map((mark) => mark.startTime),
  performance.getEntriesByName("first-contentful-paint")[0].startTime,
]"""


def start_python(page: Any, url: str) -> list[str]:
    """Open `url`, wait until Python is ready; the addresses of the workers the page made
    (other than Material's search worker)."""
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.goto(url)
    page.evaluate(WAIT_READY)
    return [worker for worker in workers if "/javascripts/workers/" not in worker]


def test_the_worker_starts_at_first_paint_from_a_blob_the_page_makes(page, site_url):
    # From python-boot.js in the page's head: no module or worker script to wait for.
    workers = start_python(page, site_url + PAGE)
    starts, painted = page.evaluate(START_AND_PAINT)
    assert len(starts) == 1 and starts[0] >= painted, (starts, painted)
    assert len(workers) == 1 and workers[0].startswith("blob:"), workers
    assert page.js_errors == []


def test_python_starts_where_the_host_policy_forbids_workers_from_blobs(page, site_url):
    # A host still sending an older header policy (no `worker-src blob:`): the page's own
    # client starts the worker from its file instead.
    def older_policy(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={
            **response.headers, "content-security-policy": "worker-src 'self'"})

    page.route(site_url + PAGE, older_policy)
    workers = start_python(page, site_url + PAGE)
    assert workers == [site_url + "assets/onward/python-worker.js"], workers
    assert page.js_errors == []


# --- what the build wrote ---------------------------------------------------------------


def runtime_folder(site_dir: Path) -> Path:
    (folder,) = (site_dir / "assets" / "onward" / "pyodide").iterdir()
    return folder


def decompressed(path: Path) -> bytes:
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes())
    # No brotli module in the standard library; Node's zlib has one (Node builds the site).
    script = ("process.stdout.write(require('zlib').brotliDecompressSync("
              "require('fs').readFileSync(process.argv[1])))")
    return subprocess.run(["node", "-e", script, str(path)], capture_output=True,
                          check=True).stdout


def test_the_site_ships_the_trimmed_precompiled_runtime(site_dir):
    folder = runtime_folder(site_dir)
    names = sorted(path.name for path in folder.iterdir())
    (stdlib_name,) = [name for name in names if name.startswith("python_stdlib-")
                      and name.endswith(".zip")]
    shipped = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", stdlib_name]
    assert names == sorted(f"{name}{suffix}" for name in shipped
                           for suffix in ("", ".br", ".gz"))
    for name in shipped:
        for suffix in (".br", ".gz"):
            assert decompressed(folder / f"{name}{suffix}") == (folder / name).read_bytes()
    with zipfile.ZipFile(folder / stdlib_name) as archive:
        entries = archive.infolist()
    assert {entry.compress_type for entry in entries} == {zipfile.ZIP_STORED}
    files = {entry.filename for entry in entries}
    assert all(name.endswith(".pyc") for name in files)
    assert {"json/__init__.pyc", "statistics.pyc", "dataclasses.pyc", "re/__init__.pyc"} <= files
    assert not {"unittest/__init__.pyc", "tkinter/__init__.pyc", "email/__init__.pyc"} & files
    assert len(files) < 300  # of the stock library's 559 modules
    config = (site_dir / "assets" / "onward" / "site-config.js").read_text(encoding="utf-8")
    assert f'"stdlibPath": "pyodide/{folder.name}/{stdlib_name}"' in config
    assert '"abi_version"' in config


# Boots the shipped standard library in Pyodide under Node (the build's own tool) and says
# what its code objects kept.
LEAN_PROBE = """
const [dir, stdLibURL] = process.argv.slice(1);
const { loadPyodide } = await import(dir + "pyodide.mjs");
const info = JSON.parse((await import("node:fs")).readFileSync(dir + "pyodide-lock.json")).info;
const pyodide = await loadPyodide({ indexURL: dir, stdLibURL, packages: [],
                                    lockFileContents: { info, packages: {} } });
process.stdout.write(pyodide.runPython(`
import json, traceback, _pyodide._base
try:
    json.loads("{")
except ValueError as error:
    frames = traceback.extract_tb(error.__traceback__)
positions = list(json.decoder.JSONDecoder.decode.__code__.co_positions())
json.dumps({
    "stdlib_doc": json.dumps.__doc__,
    "pyodide_doc": bool(_pyodide._base.eval_code.__doc__),
    "lines": [frame.lineno for frame in frames if "json/" in frame.filename],
    "columns": sorted({str(position[2]) for position in positions}),
})`));
"""


def test_the_standard_library_ships_lean_with_its_line_numbers(site_dir):
    folder = runtime_folder(site_dir)
    (stdlib,) = folder.glob("python_stdlib-*.zip")
    pyodide = f"{ROOT / 'node_modules' / 'pyodide'}/"
    result = subprocess.run(["node", "--input-type=module", "-e", LEAN_PROBE, pyodide,
                             str(stdlib)], capture_output=True, text=True, check=True)
    lean = json.loads(result.stdout)
    assert lean["stdlib_doc"] is None  # compiled as -OO would: no docstrings
    assert lean["pyodide_doc"]  # Pyodide's own packages keep theirs
    assert lean["lines"] and all(isinstance(line, int) for line in lean["lines"])
    assert lean["columns"] == ["None"]  # no column ranges: those weigh more than the lines


def test_the_package_ships_its_sources_and_bytecode_for_this_python(site_dir):
    folder = runtime_folder(site_dir)
    (stdlib,) = folder.glob("python_stdlib-*.zip")
    with zipfile.ZipFile(stdlib) as archive:
        magic = archive.read("json/__init__.pyc")[:4]
    (package,) = (site_dir / "assets" / "onward").glob("worksheets-*.zip")
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        sources = sorted(name for name in names if name.endswith(".py"))
        assert "worksheets/compute/runner.py" in sources
        for source in sources:
            folder_name, _, file = source.rpartition("/")
            cached = f"{folder_name}/__pycache__/{file[:-3]}.cpython-314.pyc"
            assert cached in names, source
            header = archive.read(cached)[:8]
            # This Pyodide's own bytecode, hash-based and never checked against the source.
            assert header[:4] == magic
            assert int.from_bytes(header[4:8], "little") == 0b01


def build_fixture_with(tmp_path: Path, onward_lines: str) -> subprocess.CompletedProcess[str]:
    """The fixture site, with more settings under `extra: onward:`."""
    site = tmp_path / "fixture_site"
    shutil.copytree(FIXTURE_CONFIG.parent, site)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("../../", f"{ROOT.as_posix()}/")
    config.write_text(text.replace("  onward:\n", f"  onward:\n{onward_lines}", 1),
                      encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d",
         str(site / "out")], capture_output=True, text=True, check=False, cwd=site,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_a_host_ships_more_of_the_standard_library_from_mkdocs_yml(tmp_path):
    result = build_fixture_with(tmp_path, "    runtime_modules: [csv]\n")
    assert result.returncode == 0, result.stderr
    (stdlib,) = (tmp_path / "fixture_site" / "out").rglob("python_stdlib-*.zip")
    with zipfile.ZipFile(stdlib) as archive:
        assert "csv.pyc" in archive.namelist()


def test_a_module_the_runtime_cannot_have_stops_the_build(tmp_path):
    result = build_fixture_with(tmp_path, "    runtime_modules: [no_such_module]\n")
    assert result.returncode != 0
    assert "cannot include no_such_module" in result.stderr
    assert "runtime_modules" in result.stderr
