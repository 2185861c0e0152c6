"""Readers pay nothing for Python: a visitor who opens only pages without a worksheet (My
plan included, while nothing is saved) never downloads the runtime, neither for the page
nor for the offline copy; from the first page
with a worksheet on, the offline copy holds it and worksheets compute with the server gone.
Under the browser's data saver the offline copy leaves the runtime out."""

from __future__ import annotations

import functools
import http.server
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.page_waits import (
    ASK,
    RUNTIME_SAVED,
    SAVED,
    wait_output,
    wait_python,
    wait_until,
)
from tests.site_server import _SiteHandler, running
from worksheets.builder import offline

# The site's service worker runs here: the offline copy is what these tests check.
pytestmark = pytest.mark.offline_copy

# Pages of the guide without a worksheet (every step page has one), and My plan, which has
# nothing for Python to do while no answers are saved.
READER_PAGES = ("", "situations/", "privacy/", "my-plan/")
PLAN_EMPTY = "() => document.querySelector('[data-onward-plan-status]').textContent"
WORKSHEET_PAGE = "steps/01-acknowledge-your-feelings/"
SCORECARD_PAGE = "steps/05-evaluate-your-performance/"
SCORECARD = "form[data-worksheet=interview-scorecard]"

STATUS = f"async () => navigator.serviceWorker.controller && ({ASK})('status')"
# Every address in this copy's offline caches.
CACHED = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}"""
# The browser's data saver, as a page sees it.
SAVE_DATA = """Object.defineProperty(Navigator.prototype, "connection", {
  configurable: true, get: () => ({ saveData: true, addEventListener() {} }) });"""


def is_runtime(path: str) -> bool:
    """Whether a request path (from the site's root) is one of the runtime's files."""
    return offline.is_runtime(path.lstrip("/"))


@contextmanager
def logged_site(site: Path) -> Iterator[tuple[str, list[str]]]:
    """The built site, with the path of every request the server answered: the page's own
    and its service worker's, which the page's network log would not show."""
    log: list[str] = []

    class Logged(_SiteHandler):
        def do_GET(self) -> None:
            log.append(self.path.split("?", 1)[0])
            super().do_GET()

    factory = functools.partial(Logged, directory=str(site))
    with running(http.server.ThreadingHTTPServer(("127.0.0.1", 0), factory)) as port:
        yield f"http://127.0.0.1:{port}/", log


def test_a_reader_downloads_no_runtime_and_worksheets_work_offline_after_one(context, site_dir):
    page = context.new_page()
    with logged_site(site_dir) as (url, log):
        page.goto(url)
        wait_until(page, SAVED)  # the offline copy of the pages is saved
        for path in READER_PAGES[1:]:
            page.goto(url + path)
            wait_until(page, SAVED)
        assert page.evaluate(PLAN_EMPTY) == "No answers are saved in this browser yet."
        status = page.evaluate(STATUS)
        assert status["current"] and not status["runtime"] and not status["runtimeSaved"]
        assert any(path.endswith("/situations/") for path in log)  # the log does see pages
        assert [path for path in log if is_runtime(path)] == []
        assert [u for u in page.evaluate(CACHED) if is_runtime(u.removeprefix(url))] == []
        # The first page with a worksheet: Python runs, and the offline copy takes it.
        page.goto(url + WORKSHEET_PAGE)
        wait_python(page)
        wait_until(page, RUNTIME_SAVED)
        assert any(is_runtime(path) for path in log)
    context.set_offline(True)
    page.goto(url + SCORECARD_PAGE)  # never opened online: from the saved copy
    page.wait_for_selector(SCORECARD)
    wait_python(page)
    page.check(f"{SCORECARD} input[type=radio] >> nth=0")
    wait_output(page, "interview-scorecard", "Overall")


def test_under_the_data_saver_the_runtime_is_left_out(context, site_dir):
    context.add_init_script(SAVE_DATA)
    page = context.new_page()
    with logged_site(site_dir) as (url, _):
        page.goto(url + WORKSHEET_PAGE)
        wait_python(page)  # worksheets still work online
        wait_until(page, SAVED)
        status = page.evaluate(STATUS)
        assert status["current"] and not status["runtime"] and not status["runtimeSaved"]
        assert [u for u in page.evaluate(CACHED) if is_runtime(u.removeprefix(url))] == []
