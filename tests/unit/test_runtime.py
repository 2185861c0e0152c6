"""The site's runtime build (worksheets/builder/runtime.py) without Node: the module list, the
host's extra modules, the import check, and the cache (Node replaced by a stand-in)."""

from __future__ import annotations

import io
import json
import sys
import threading
import zipfile
from pathlib import Path

import pytest

if sys.platform != "win32":
    import fcntl

from worksheets.builder import bundle, contract, runtime
from worksheets.builder.host_config import HostConfigError, load_host_config
from worksheets.builder.registry import load_package_definitions

MANIFEST = runtime.Manifest(
    modules=frozenset({"json", "json.decoder", "re", "collections", "collections.abc",
                       "dataclasses", "__future__", "typing", "datetime"}),
    builtins=frozenset({"math", "sys", "_datetime"}),
    available=frozenset({"json", "json.decoder", "re", "collections", "collections.abc",
                         "dataclasses", "__future__", "typing", "datetime", "csv", "email",
                         "email.utils", "zoneinfo"}),
)


def package_of(**modules: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, source in modules.items():
            archive.writestr(f"worksheets/compute/{name}.py", source)
    return buffer.getvalue()


def test_the_module_list_reads_names_and_skips_comments(tmp_path):
    listing = tmp_path / "modules.txt"
    listing.write_text("# heading\n\njson   # why\nemail.utils\n", encoding="utf-8")
    assert runtime.read_module_list(listing) == ["json", "email.utils"]


def test_a_bad_name_in_the_module_list_names_file_and_line(tmp_path):
    listing = tmp_path / "modules.txt"
    listing.write_text("json\nnot a module\n", encoding="utf-8")
    with pytest.raises(runtime.RuntimeBuildError, match=r"modules\.txt:2: 'not a module'"):
        runtime.read_module_list(listing)


def test_the_shipped_module_list_covers_every_compute_import():
    listing = set(runtime.read_module_list())
    assert {"json", "re", "dataclasses", "datetime", "statistics", "hashlib"} <= listing


# The setting is read, like every host setting, by host_config; the runtime gets the names.
@pytest.mark.parametrize("onward", [None, {}, {"organization": "x"}])
def test_no_extra_modules_unless_the_host_names_some(onward):
    assert load_host_config(onward, Path("mkdocs.yml")).runtime_modules == ()


def test_the_host_adds_modules_in_mkdocs_yml():
    host = load_host_config({"runtime_modules": ["csv", " zoneinfo "]}, Path("mkdocs.yml"))
    assert host.runtime_modules == ("csv", "zoneinfo")


@pytest.mark.parametrize("value", ["csv", [1], {"csv": True}, ["not-a-name"]])
def test_a_bad_runtime_modules_setting_says_what_to_write(value):
    with pytest.raises(HostConfigError,
                       match=r"site/mkdocs\.yml: extra\.onward\.runtime_modules: .*csv"):
        load_host_config({"runtime_modules": value}, Path("site/mkdocs.yml"))


def test_imports_the_runtime_ships_pass():
    package = package_of(ok=(
        "from __future__ import annotations\nimport json\nimport math\n"
        "from collections import Counter, abc\nfrom collections.abc import Sequence\n"
        "from worksheets.compute import blocks\nfrom . import answers\n"))
    assert runtime.import_problems(package, MANIFEST) == []


def test_a_standard_module_left_out_is_named_with_file_line_and_fix():
    package = package_of(tally="import json\n\nimport csv\n")
    problems = runtime.import_problems(package, MANIFEST)
    assert problems == [
        "worksheets/compute/tally.py:3: imports `csv`, a standard-library module the site's "
        f"trimmed Python runtime leaves out: {runtime.HOW_TO_EXTEND}."]
    assert "runtime_modules" in problems[0]


def test_a_submodule_imported_by_from_is_checked_too():
    problems = runtime.import_problems(package_of(mail="from email import utils\n"), MANIFEST)
    named = {problem.split("`")[1] for problem in problems}
    assert named == {"email", "email.utils"}


def test_a_module_outside_the_standard_library_is_refused():
    problems = runtime.import_problems(package_of(science="import numpy as np\n"), MANIFEST)
    assert len(problems) == 1
    assert "science.py:1: imports `numpy`, which is not part of Python's standard library" \
        in problems[0]


def test_imports_only_for_type_checkers_are_not_checked():
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import csv\n"
              "    from zoneinfo import ZoneInfo\n")
    assert runtime.import_problems(package_of(typed=source), MANIFEST) == []


# --- the cache, with Node replaced by a stand-in that writes what the real one would ---


class FakeNode:
    """Does what compile_runtime.mjs does, with placeholder bytes, and records each job."""

    def __init__(self) -> None:
        self.jobs: list[dict] = []

    def __call__(self, job: runtime._Job) -> None:
        spec = job.spec
        self.jobs.append(spec)
        if "stdlib" in spec:
            stdlib = spec["stdlib"]
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                for root in stdlib["roots"]:
                    archive.writestr(root.replace(".", "/") + ".pyc", b"code")
            Path(stdlib["out"]).write_bytes(buffer.getvalue())
            Path(stdlib["manifest"]).write_text(json.dumps({
                "modules": [*sorted(stdlib["roots"]), "collections", "typing", "__future__"],
                "builtins": ["math", "sys", "_datetime"], "available": stdlib["roots"],
                "startup": []}))
        if "package" in spec:
            source = Path(spec["package"]["source"]).read_bytes()
            Path(spec["package"]["out"]).write_bytes(source + b"compiled")
        for item in spec.get("compress", []):
            data = Path(item["source"]).read_bytes()
            for suffix in (".br", ".gz"):
                Path(item["out"] + suffix).write_bytes(suffix.encode() + data[:16])


@pytest.fixture
def fake_node(monkeypatch, tmp_path) -> FakeNode:
    """Node replaced, and a small pinned runtime in place of node_modules/pyodide, so the
    cache is tested on a fresh checkout (no `npm ci`) and never checks the real files."""
    monkeypatch.setenv("ONWARD_CACHE_DIR", str(tmp_path / "cache"))
    node = FakeNode()
    monkeypatch.setattr(runtime, "_run_node", node)
    pinned = pinned_runtime(tmp_path / "pyodide")
    verify = bundle.verify_runtime
    monkeypatch.setattr(runtime.bundle, "load_pins", lambda *args: pinned)
    monkeypatch.setattr(runtime.bundle, "verify_runtime",
                        lambda _folder, pins=None: verify(tmp_path / "pyodide", pins))
    return node


def pinned_runtime(folder: Path) -> bundle.RuntimePins:
    """A stand-in for the pinned Pyodide files (same names, tiny contents) and its pins."""
    folder.mkdir()
    (folder / "package.json").write_text('{"version": "0.0.1-test"}')
    for name in bundle.load_pins().files:
        text = '{"info": {"abi_version": "test"}}' if name == "pyodide-lock.json" else name
        (folder / name).write_text(text)
    with zipfile.ZipFile(folder / "python_stdlib.zip", "w") as archive:
        for module in ("csv.py", "json/__init__.py", "email/utils.py"):
            archive.writestr(module, "")
    return bundle.RuntimePins("0.0.1-test", {name: bundle.sha256_of(folder / name)
                                             for name in bundle.load_pins().files})


@pytest.fixture(scope="module")
def package() -> bytes:
    return bundle.package_zip(load_package_definitions())


def test_a_first_build_makes_everything_in_one_node_run(fake_node, package):
    built = runtime.build_runtime(package)
    assert len(fake_node.jobs) == 1
    job = fake_node.jobs[0]
    assert set(job) == {"pyodide", "stdlib", "package", "compress", "levels"}
    # The pinned wasm, its JavaScript and the trimmed zips each get .br and .gz siblings.
    compressed = sorted(Path(item["source"]).name for item in job["compress"])
    assert compressed == ["pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs",
                          "python_stdlib.zip", "worksheets.zip"]
    paths = {item.path for item in built.files}
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"):
        assert {f"pyodide/{built.version}/{name}{suffix}" for suffix in ("", ".br", ".gz")} \
            <= paths
    assert f"pyodide/{built.version}/pyodide-lock.json" not in paths
    assert built.stdlib_path.startswith(f"pyodide/{built.version}/python_stdlib-")
    assert {built.stdlib_path, built.stdlib_path + ".br", built.package_path + ".gz"} <= paths
    assert all(item.source.is_file() for item in built.files)
    assert built.site_config()["lockInfo"]["abi_version"]


def test_a_published_build_compresses_best_and_a_fast_one_keeps_its_own_cache(
        fake_node, package, monkeypatch):
    monkeypatch.delenv("ONWARD_COMPRESSION", raising=False)
    runtime.build_runtime(package)
    assert fake_node.jobs[-1]["levels"] == {"brotli": 11, "gzip": 9}
    published = runtime.cache_dir()
    monkeypatch.setenv("ONWARD_COMPRESSION", "fast")
    runtime.build_runtime(package)
    # Nothing the published build made is taken: the fast one makes its own, elsewhere.
    assert len(fake_node.jobs) == 2
    assert fake_node.jobs[-1]["levels"]["brotli"] < 11
    assert runtime.cache_dir() == published.with_name(published.name + "-fast")
    monkeypatch.setenv("ONWARD_COMPRESSION", "smallest")
    with pytest.raises(runtime.RuntimeBuildError, match="ONWARD_COMPRESSION='smallest'"):
        runtime.build_runtime(package)


def test_a_rebuild_with_the_same_inputs_runs_no_node(fake_node, package):
    first = runtime.build_runtime(package)
    again = runtime.build_runtime(package)
    assert len(fake_node.jobs) == 1
    assert again == first


@pytest.mark.skipif(sys.platform == "win32", reason="the cache lock is POSIX's flock")
def test_a_build_waits_for_another_preparing_the_runtime(fake_node, package):
    root = runtime.cache_dir()
    root.mkdir(parents=True)
    with open(root / ".lock", "a", encoding="utf-8") as other_build:
        fcntl.flock(other_build, fcntl.LOCK_EX)
        waiting = threading.Thread(target=runtime.build_runtime, args=(package,))
        waiting.start()
        waiting.join(timeout=1)  # bounds the check only: it must still be waiting after it
        assert waiting.is_alive() and fake_node.jobs == []
    waiting.join()
    assert len(fake_node.jobs) == 1


def test_the_shared_parts_prepared_beforehand_leave_a_build_only_the_package(fake_node,
                                                                             package):
    runtime.prepare_shared_parts()
    assert set(fake_node.jobs[0]) == {"pyodide", "stdlib", "compress", "levels"}
    runtime.build_runtime(package)
    assert set(fake_node.jobs[1]) == {"pyodide", "package", "compress", "levels"}


def test_a_changed_worksheet_recompiles_only_the_package(fake_node, package):
    first = runtime.build_runtime(package)
    changed = package_of(extra="import json\n")
    second = runtime.build_runtime(changed)
    assert len(fake_node.jobs) == 2
    assert set(fake_node.jobs[1]) == {"pyodide", "package", "compress", "levels"}
    # It boots Pyodide with the cached trimmed library, which starts fast.
    assert fake_node.jobs[1]["package"]["bootStdlib"].endswith("python_stdlib.zip")
    assert second.stdlib_path == first.stdlib_path
    assert second.package_path != first.package_path


def test_host_modules_remake_the_standard_library(fake_node, package):
    first = runtime.build_runtime(package)
    second = runtime.build_runtime(package, ["csv"])
    assert "csv" in fake_node.jobs[1]["stdlib"]["roots"]
    assert "package" not in fake_node.jobs[1]
    assert second.stdlib_path != first.stdlib_path


def test_an_import_the_runtime_lacks_stops_the_build(fake_node):
    with pytest.raises(runtime.RuntimeBuildError,
                       match=r"worksheets/compute/tally\.py:1: imports `csv`"):
        runtime.build_runtime(package_of(tally="import csv\n"))


def test_a_name_that_is_no_standard_module_stops_the_build_before_node(fake_node, package):
    with pytest.raises(runtime.RuntimeBuildError,
                       match=r"cannot include no_such_module: .*runtime_modules"):
        runtime.build_runtime(package, ["csv", "no_such_module"])
    assert fake_node.jobs == []


def test_old_cache_entries_are_pruned(fake_node, tmp_path):
    for number in range(runtime.KEEP_CACHED["package"] + 3):
        runtime.build_runtime(package_of(step=f"VALUE = {number}\n"))
    kept = list(runtime.cache_dir().glob("package-*"))
    assert len(kept) == runtime.KEEP_CACHED["package"]


def test_node_failures_are_summed_up_without_minified_source():
    noise = "x" * 5000
    stderr = f"{noise}\nPythonError: Traceback\nSystemExit: cannot import: nosuch (No module)\n"
    message = runtime._node_failure(stderr)
    assert noise not in message
    assert "cannot include nosuch (No module)" in message
    assert "runtime_modules" in message


@pytest.mark.parametrize("html", [
    '<h1>Step</h1><form class="onward-worksheet" id="ws-x" data-worksheet="x">',
    '<div class="onward-plan" data-onward-plan data-search-exclude>',
])
def test_pages_that_run_python_start_it_from_their_first_lines(html):
    early = runtime.with_early_start(html, "../../assets/onward")
    assert early == (
        '<link rel="modulepreload" href="../../assets/onward/python-client.js">'
        '<link rel="modulepreload" href="../../assets/onward/site-config.js">'
        '<script type="module" async src="../../assets/onward/python-start.js"></script>\n'
        f"{html}")


@pytest.mark.parametrize("html", ["<h1>About</h1><p>data-worksheet is a word here.</p>",
                                  '<form action="/search"><input name="q"></form>'])
def test_other_pages_are_left_alone(html):
    assert runtime.with_early_start(html, "assets/onward/") == html


INIT = {"pyodidePath": "pyodide/314.0.7/", "packagePath": "worksheets-0123.zip",
        "stdlibPath": "pyodide/314.0.7/python_stdlib-4567.zip", "lockInfo": {"arch": "wasm32"}}


def boot_config(page: str) -> dict:
    """The addresses the boot script of a built page was given."""
    script = page[page.index("<script>") + len("<script>"):page.index("</script>")]
    line = next(line for line in script.splitlines() if line.strip().startswith("const boot ="))
    return json.loads(line.split("=", 1)[1].strip().rstrip(";"))


def test_a_page_that_runs_python_starts_its_worker_from_the_end_of_its_head():
    html = ('<html><head><title>Step</title></head><body>'
            '<form class="onward-worksheet" data-worksheet="x"></form></body></html>')
    page = runtime.with_boot(html, "../../assets/onward", INIT)
    head = page[:page.index("</head>")]
    assert head.startswith("<html><head><title>Step</title><script>")
    assert boot_config(head) == {"assets": "../../assets/onward/", "worker": "python-worker.js",
                                 "init": {"op": "init", **INIT, "marks": contract.MARKS}}
    assert page[page.index("</head>"):] == html[html.index("</head>"):]


def test_no_address_can_close_the_boot_script():
    html = '<head></head><div class="onward-plan" data-onward-plan>'
    page = runtime.with_boot(html, "assets/onward/", {**INIT, "packagePath": "</script>.zip"})
    assert page.count("</script>") == 1
    assert boot_config(page)["init"]["packagePath"] == "</script>.zip"


@pytest.mark.parametrize("html", ["<head></head><h1>About</h1>",
                                  '<form class="onward-worksheet" data-worksheet="x"></form>'])
def test_pages_without_python_or_without_a_head_get_no_boot_script(html):
    assert runtime.with_boot(html, "assets/onward/", INIT) == html
