"""Shared fixtures: the built sites, a local server, and headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.golden.golden import UPDATE_OPTION
from tests.golden.golden import WRITTEN as GOLDEN_WRITTEN
from tests.site_server import serve

ROOT = Path(__file__).resolve().parents[1]
# Debian's Chromium, headless. Its headless shell (the `chromium-headless-shell` package,
# the build Playwright itself runs headless) does the suite's work on about a quarter less
# CPU than the full browser started headless; .ci/test installs it when run as root, and
# /usr/bin/chromium stands in where it is missing. ONWARD_CHROMIUM names another.
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
CHROMIUM = os.environ.get("ONWARD_CHROMIUM") or (
    str(HEADLESS_SHELL) if HEADLESS_SHELL.exists() else "/usr/bin/chromium")
# No outside connections from the browser itself (the brief's flags).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def build_site(config: Path, target: Path, site_url: str = "https://onward.example/") -> Path:
    """Run the real `mkdocs build --strict` and fail with its output when it fails.

    Material's instant navigation only intercepts links under `site_url`, so a site that is
    served for a browser test is built for the exact address it is served at."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ONWARD_SITE_URL": site_url}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
         "-d", str(target)],
        cwd=ROOT, capture_output=True, text=True, env=env, check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed for {config}:\n{result.stdout}{result.stderr}")
    return target


# The site under test: the project's own, or a host's copy (`.ci/test -f careers.yml`
# sets ONWARD_CONFIG), so every test, accessibility included, checks what is published.
MAIN_CONFIG = Path(os.environ.get("ONWARD_CONFIG") or ROOT / "mkdocs.yml").resolve()
SHIPPED_CONFIG = ROOT / "mkdocs.yml"
FIXTURE_CONFIG = ROOT / "tests" / "fixture_site" / "mkdocs.yml"


@contextmanager
def built_and_served(config: Path, target: Path, prefix: str = "/") -> Iterator[tuple[str, Path]]:
    """Build `config` for the address it is served at, and serve it. The server takes its
    port before the build, so no other test (or pytest-xdist worker) can take it meanwhile."""
    with serve(target, prefix=prefix) as url:
        yield url, build_site(config, target, site_url=url)


# A host's copy (tests/host_site/careers.yml), and the test modules that also check it:
# the same tests, parametrised by configuration, not copies of them.
HOST_SITE = ROOT / "tests" / "host_site"
ALSO_ON_HOST_COPY = frozenset({"tests.browser.test_foundation", "tests.browser.test_a11y_axe",
                               "tests.browser.test_offline"})


def host_copy(work: Path) -> Path:
    """The host's project as its file expects it: the guide's pages with its own page in
    docs/, and its definitions folder (with its compute) beside careers.yml."""
    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.copytree(HOST_SITE / "pages", work / "docs", dirs_exist_ok=True)
    shutil.copytree(HOST_SITE / "definitions", work / "definitions")
    text = (HOST_SITE / "careers.yml").read_text(encoding="utf-8")
    (work / "careers.yml").write_text(text.replace("../../", f"{ROOT}/"), encoding="utf-8")
    return work / "careers.yml"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "site_config" in metafunc.fixturenames and metafunc.module.__name__ in ALSO_ON_HOST_COPY:
        metafunc.parametrize("site_config", ["main", "host"], indirect=True, scope="session")


@pytest.fixture(scope="session")
def site_config(request: pytest.FixtureRequest,
                tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The configuration under test: MAIN_CONFIG, or the host's copy where parametrised."""
    if getattr(request, "param", "main") == "host":
        return host_copy(tmp_path_factory.mktemp("host-copy"))
    return MAIN_CONFIG


@pytest.fixture(scope="session")
def _served_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Each configuration built and served once per session, however many tests use it."""
    with ExitStack() as stack:
        sites: dict = {}
        sites["open"] = lambda config: sites.setdefault(config, stack.enter_context(
            built_and_served(config, tmp_path_factory.mktemp("site") / "site")))
        yield sites


@pytest.fixture(scope="session")
def main_site(site_config: Path, _served_sites: dict) -> tuple[str, Path]:
    return _served_sites["open"](site_config)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    with built_and_served(FIXTURE_CONFIG, tmp_path_factory.mktemp("fixture") / "site") as built:
        yield built


@pytest.fixture(scope="session")
def site_url(main_site: tuple[str, Path]) -> str:
    return main_site[0]


@pytest.fixture(scope="session")
def site_dir(main_site: tuple[str, Path]) -> Path:
    return main_site[1]


@pytest.fixture(scope="session")
def fixture_url(fixture_site: tuple[str, Path]) -> str:
    return fixture_site[0]


@pytest.fixture(scope="session")
def _full_load_walks() -> dict[str, Any]:
    return {}


@pytest.fixture
def full_load_walk(browser: object, site_url: str, site_dir: Path,
                   _full_load_walks: dict[str, Any]) -> Any:
    """Every page of the site under test loaded once (tests/browser/page_walk.py), shared
    by the tests that check page loads; kept per site, for as long as the session."""
    from tests.browser.page_walk import walk_every_page

    if site_url not in _full_load_walks:
        _full_load_walks[site_url] = walk_every_page(browser, site_url, site_dir)
    return _full_load_walks[site_url]


@pytest.fixture(scope="session")
def node_binary() -> str:
    """Node.js, for the tests that run the browser's modules or the runtime build under it.
    Skipped, saying so, on a checkout without Node; under CI (CI=true) a failure instead,
    so a CI machine without Node can't pass by skipping them."""
    node = shutil.which("node")
    if node is None:
        message = ("Node.js is not installed, and this test runs JavaScript (or the runtime "
                   "build) under it: install nodejs 18 or newer, as .ci/setup asks")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return node


# A Node script's source → a function of one JSON value (see run_in_node).
NodeScript = Callable[[str], Callable[[Any], Any]]


@pytest.fixture(scope="session")
def run_in_node(node_binary: str, tmp_path_factory: pytest.TempPathFactory) -> NodeScript:
    """A Node script (its source) as a function: called with one value, which the script
    reads as JSON from process.argv[2]; returns what it prints, parsed as JSON."""
    def load(source: str) -> Callable[[Any], Any]:
        script = tmp_path_factory.mktemp("node") / "run.mjs"
        script.write_text(source, encoding="utf-8")

        def run(argument: Any) -> Any:
            done = subprocess.run([node_binary, str(script), json.dumps(argument)],
                                  capture_output=True, text=True, check=True)
            return json.loads(done.stdout)
        return run
    return load


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package "
                    "(the README's test command does this when run as root).")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# The offline copy's service worker saves the whole site, and Python's runtime once it is
# ready: one to two seconds of CPU in each profile, for nothing most tests look at. The
# `context` and `page` fixtures run without it (as a browser with service workers off),
# except in tests marked `offline_copy`; the tests that open their own profiles (the
# full-load and axe walks, every-worksheet fills, the hosting recipes) keep it, so pages
# are still exercised with it too.
OFFLINE_COPY = "offline_copy"
# A test of what is saved, not of what Python works out, can hold Python's runtime: its
# requests wait, unanswered, so the pages stay as they are before Python is ready (when
# typing and saving must already work) and no profile spends seconds starting Python.
WITHOUT_PYTHON = "without_python"


@pytest.fixture
def context(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh profile per test: empty storage, no cache shared with other tests."""
    offline_copy = request.node.get_closest_marker(OFFLINE_COPY) is not None
    context = browser.new_context(service_workers="allow" if offline_copy else "block")
    if request.node.get_closest_marker(WITHOUT_PYTHON):
        context.route("**/pyodide/**", lambda route: None)  # never answered
    yield context
    context.close()


def page_with_errors(context: Any) -> Any:
    """A new page of `context` that keeps its uncaught script errors in `page.js_errors`."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    return page


@pytest.fixture
def page(context: object) -> Iterator[object]:
    yield page_with_errors(context)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(UPDATE_OPTION, action="store_true",
                     help="write the golden tests' expected files from the output "
                          "(a missing one fails the test without this)")


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Say which expected files an --update-golden run wrote: they need reading."""
    written = config.stash.get(GOLDEN_WRITTEN, [])
    if written:
        terminalreporter.section("golden files written (read the diff before committing)")
        for path in written:
            terminalreporter.write_line(path)


def pytest_configure(config: pytest.Config) -> None:
    # The tests build over twenty sites, and check what the compressed siblings hold, never
    # their size: brotli's best level would cost them minutes of CPU (worksheets/builder/
    # runtime.py, COMPRESSION). Builds here and in the worker processes compress fast,
    # into a cache of their own, unless ONWARD_COMPRESSION says otherwise.
    os.environ.setdefault("ONWARD_COMPRESSION", "fast")
    if config.getvalue("dist") == "loadgroup":
        config.pluginmanager.register(_LongestFirst(), "onward-longest-first")
    config.addinivalue_line("markers", "node: runs JavaScript or the runtime build under Node")
    config.addinivalue_line("markers", f"{OFFLINE_COPY}: the `context` and `page` fixtures "
                            "let the site's service worker run (it is blocked otherwise)")
    config.addinivalue_line("markers", f"{WITHOUT_PYTHON}: the `context` and `page` fixtures "
                            "hold Python's runtime, so Python never becomes ready")


# Test files whose tests read the same full-load walk of the main site (page_walk.py): one
# worker group, so one worker walks the site once for all of them.
SHARE_THE_MAIN_WALK = frozenset({"tests/browser/test_foundation.py",
                                 "tests/browser/test_data_csp.py"})
# Tests of the host's copy as built and served (the `site_url` fixture): one group, so one
# worker builds it, not every worker.
SERVES_THE_HOST_COPY = frozenset({"tests/browser/test_foundation.py",
                                  "tests/browser/test_a11y_axe.py",
                                  "tests/browser/test_hosting_copy.py"})
HOST_COPY_FILES = frozenset(f"tests/browser/{name.rsplit('.', 1)[-1]}.py"
                            for name in ALSO_ON_HOST_COPY) | {"tests/browser/test_hosting_copy.py"}


def xdist_group(nodeid: str) -> str:
    """The worker group of a test, from its id (`.ci/test` runs `--dist loadgroup`, which
    this file's scheduler reads): its file, as `--dist loadfile` has it, so a module's
    fixtures are set up once; a file that also checks the host's copy is split by
    configuration (the ids start with it: `[main]`, `[host]`)."""
    path, _, name = nodeid.partition("@")[0].partition("::")
    params = name[name.index("[") + 1:-1] if name.endswith("]") and "[" in name else ""
    config = params.split("-", 1)[0] if path in HOST_COPY_FILES and params else "main"
    if config == "host" and path in SERVES_THE_HOST_COPY:
        return "served-host-copy"
    if path in SHARE_THE_MAIN_WALK:
        return "full-load-walk[main]"
    return f"{path}[{config}]" if path in HOST_COPY_FILES else path


# The groups that take longest (a minute or more each under a full run, from --durations):
# handed out first, longest first, so that no worker is left finishing a long one alone
# while the others have nothing to do. A scheduling hint only: a stale list costs time,
# never a result. Other browser groups follow, then the many short unit and golden tests,
# which fill the gaps at the end.
LONGEST_FIRST = ("served-host-copy", "tests/browser/test_a11y_axe.py[main]",
                 "full-load-walk[main]", "tests/browser/test_data_pressure.py",
                 "tests/browser/test_phone_experience.py", "tests/browser/test_offline.py[main]",
                 "tests/browser/test_offline.py[host]", "tests/browser/test_all_worksheets.py",
                 "tests/browser/test_a11y_layout.py", "tests/browser/test_data_backup.py",
                 "tests/browser/test_runtime.py", "tests/browser/test_tracker_and_stories.py")


def _hand_out_order(item: pytest.Item) -> tuple[int, int]:
    group = xdist_group(item.nodeid)
    if group in LONGEST_FIRST:
        return 0, LONGEST_FIRST.index(group)
    return (1, 0) if item.nodeid.startswith("tests/browser/") else (2, 0)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With `--dist loadgroup`, whole groups of tests (xdist_group above) go to a worker.
    pytest-xdist's own loadgroup reads `xdist_group` marks into the test ids, which pytest 9
    no longer lets it do, so the groups are read from the ids here, in the controller."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    # Groups go out in the order of the collection (sorted by _LongestFirst below), not
    # pytest-xdist's own order, most tests first, which put the longest walks (one test
    # each) last.
    config.option.loadscopereorder = False

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_group(nodeid)

    return GroupScheduling(config, log)


class _LongestFirst:
    """Sorts the collection for `--dist loadgroup` (a plugin of its own: it must run after
    pytest's grouping by parametrised fixtures and its `-m` selection, while the markers
    below must be added before that selection)."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        items.sort(key=_hand_out_order)  # stable: each group keeps its own order


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if "node_binary" in item.fixturenames:
            item.add_marker(pytest.mark.node)


def pytest_report_header() -> str:
    return f"chromium: {CHROMIUM if shutil.which(CHROMIUM) else 'missing'}"
