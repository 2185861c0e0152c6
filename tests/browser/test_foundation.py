"""The foundation: no request leaves the origin, Python loads lazily in a worker, subfolders."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import POLL_MS, READY, built_pages, wait_python_ready
from tests.conftest import FIXTURE_CONFIG, built_and_served


def test_no_page_requests_another_origin(full_load_walk, site_dir, site_url):
    # Every page loaded in full once (page_walk.py, shared with the CSP test), with Python's
    # start on a worksheet page waited for, so its requests are in the record too.
    origin = urlsplit(site_url).netloc
    pages = built_pages(site_dir)
    assert len(pages) >= 20, pages
    assert [loaded.path for loaded in full_load_walk.pages] == pages
    assert full_load_walk.python_seen, (
        "no page had a worksheet, so Python's requests were never seen")
    requests = full_load_walk.requests
    foreign = [url for url in requests if urlsplit(url).netloc not in (origin, "")
               and not url.startswith(("data:", "blob:"))]
    assert foreign == []
    # The recorder saw the worker's own fetches, so an empty list above means something.
    assert any(url.endswith("pyodide.asm.wasm") for url in requests)


def test_worker_answers_a_round_trip(page, fixture_url):
    page.goto(fixture_url + "every-field/")
    wait_python_ready(page)
    assert page.evaluate("onward.ping('hello')") == {"pong": "hello"}
    marks = page.evaluate("performance.getEntriesByName('worksheets:python-ready').length")
    assert marks == 1
    assert page.js_errors == []


@pytest.mark.offline_copy  # the worker saving the site must not start Python either
def test_page_without_worksheet_loads_no_python(context, fixture_url):
    requests: list[str] = []
    # The page's own requests: the service worker saving the site for offline use in the
    # background (runtime included) is not the page starting Python.
    context.on("request", lambda request: requests.append(request.url)
               if request.service_worker is None else None)
    page = context.new_page()
    page.goto(fixture_url, wait_until="networkidle")
    assert page.locator("form[data-worksheet]").count() == 0
    assert [url for url in requests if "/pyodide/" in url or "worksheets-" in url] == []
    assert page.evaluate("performance.getEntriesByName('worksheets:python-ready').length") == 0


@pytest.mark.offline_copy  # the worker's scope is the subfolder
def test_site_works_under_a_subfolder(context, tmp_path):
    target = tmp_path / "site"
    with built_and_served(FIXTURE_CONFIG, target, prefix="/careers/guide/") as (url, _):
        page = context.new_page()
        page.goto(url + "every-field/")
        wait_python_ready(page)
        page.fill("input[name=name]", "Ada")
        page.wait_for_function(
            "() => Object.keys(localStorage).some(k => k.includes('/careers/guide/'))",
            polling=POLL_MS)
        assert page.evaluate("onward.ping(1)") == {"pong": 1}
        # Instant navigation works under the subfolder too: the worker survives a page swap.
        page.click("a[href$='scorecard/'].md-nav__link")
        page.wait_for_selector("form[data-worksheet=interview-scorecard]")
        assert page.evaluate(READY) == 1
