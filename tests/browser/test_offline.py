"""Offline: after one visit the guide works with the server gone, and its worksheets too
once one page with a worksheet was opened (Python's runtime is saved only for visitors who
use it: tests/browser/test_reader_cost.py); a new version is fetched in the background
(only what changed) and takes over at the next page, which says the guide was updated."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.helpers import READY
from tests.browser.page_waits import (
    ASK,
    RUNTIME_SAVED,
    SAVED,
    wait_output,
    wait_python,
    wait_until,
)
from tests.conftest import build_site
from tests.site_server import free_port, serve

# The site's service worker runs here: the offline copy is what these tests check.
pytestmark = pytest.mark.offline_copy

# A newer version is saved and ready for the next page.
READY_NEXT = f"""async () => Boolean((await ({ASK})("status")).next)"""
# No worker for this copy, and none of its saved files.
GONE = """async () => !(await navigator.serviceWorker.getRegistration())
  && !(await caches.keys()).some((name) => name.startsWith("onward-offline:"))"""
NOTICE = "Careers drop-in sessions run every weekday."


def newer(site: Path, than: Path) -> Path:
    """Make `site` a later upload of the copy in `than`, in the worst case for validators:
    every file the two share keeps the old one's Last-Modified, as two uploads within one
    second would, so the test server answers "not modified" to the browser's old copy of a
    changed page. Only the list of files, which announces a new version, is dated later."""
    for path in site.rglob("*"):
        old = than / path.relative_to(site)
        if path.is_file() and old.is_file():
            os.utime(path, (old.stat().st_atime, old.stat().st_mtime))
    for name in ("offline-manifest.json", "service-worker.js"):
        later = (than / name).stat().st_mtime + 60
        os.utime(site / name, (later, later))
    return site


@contextmanager
def updated_config(base: Path, onward: str) -> Iterator[Path]:
    """The configuration under test with more host settings: a new version of the same
    copy. Written beside it, so that its relative paths mean the same (and removed)."""
    config = base.with_name(f".onward-test-{uuid.uuid4().hex[:8]}.yml")
    config.write_text(f"INHERIT: {base.name}\nextra:\n  onward:\n{onward}",
                      encoding="utf-8")
    try:
        yield config
    finally:
        config.unlink()


@pytest.fixture(scope="module")
def two_versions(site_config: Path,
                 tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path, int, Path]:
    """Version 1 and version 2 of one copy (the project's, or a host's), built for one
    address."""
    work = tmp_path_factory.mktemp("offline")
    port = free_port()
    url = f"http://127.0.0.1:{port}/guide/"
    first = build_site(site_config, work / "v1", site_url=url)
    with updated_config(site_config, f"    notice: {NOTICE}\n") as config:
        second = newer(build_site(config, work / "v2", site_url=url), than=first)
    return url, first, second, port, site_config


def save_for_offline(page, url: str) -> None:
    page.goto(url)
    wait_until(page, SAVED)


def save_python_for_offline(page, url: str) -> None:
    """A page with a worksheet: once Python is up there, the offline copy adds it."""
    page.goto(url + "steps/01-acknowledge-your-feelings/")
    wait_python(page)
    wait_until(page, RUNTIME_SAVED)


def test_guide_and_worksheets_work_with_the_server_gone(context, two_versions):
    url, first, _, port, _ = two_versions
    page = context.new_page()
    with serve(first, prefix="/guide/", port=port):
        save_for_offline(page, url)  # one visit to the home page, one to a worksheet page
        save_python_for_offline(page, url)
    # A full page load, then instant navigation, both from the saved copy.
    page.goto(url + "steps/04-ask-for-feedback/")
    page.click("a.md-nav__link[href$='05-evaluate-your-performance/']")
    form = "form[data-worksheet=interview-scorecard]"
    page.wait_for_selector(form)
    wait_python(page)
    page.check(f"{form} input[type=radio] >> nth=0")
    wait_output(page, "interview-scorecard", "Overall")
    # A page the site does not have gets the site's own 404 page, not the browser's error.
    response = page.goto(url + "no-such-page/")
    assert response.status == 404 and page.locator("h1").first.text_content() == "404 - Not found"


def test_a_new_version_takes_over_at_the_next_page_and_says_so(context, two_versions):
    url, first, second, port, _ = two_versions
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve(first, prefix="/guide/", port=port):
        save_for_offline(page, url)
        save_python_for_offline(page, url)
        page.goto(url + "privacy/")  # served by version 1's worker: remembers version 1
        assert page.locator(".onward-updated").count() == 0
    downloads: list[str] = []
    context.on("request", lambda request: downloads.append(request.url))
    with serve(second, prefix="/guide/", port=port):
        page.reload()  # each page opened checks for a newer version, in the background
        wait_until(page, READY_NEXT)
        # Still version 1 on this page: nothing changes under the visitor.
        assert NOTICE not in page.content()
        page.goto(url + "about/")
        page.locator(".onward-updated").wait_for()
    assert "updated" in page.locator(".onward-updated").text_content()
    assert page.locator(".onward-notice").text_content().strip() == NOTICE
    # The unchanged 12 MB runtime was copied from the old version, not downloaded again.
    assert [u for u in downloads if u.endswith(".wasm")] == []
    assert any(u.endswith("/guide/about/") for u in downloads)
    assert errors == []
    # The new version is now the saved one, Python included: it works with the server gone.
    wait_until(page, RUNTIME_SAVED)
    context.set_offline(True)
    page.goto(url + "privacy/")
    assert NOTICE in page.content()
    assert page.locator(".onward-updated").count() == 0  # said once, not on every page
    assert page.evaluate(READY) == 0


def test_switching_offline_off_removes_the_saved_copy(context, two_versions, tmp_path):
    url, first, _, port, config = two_versions
    with updated_config(config, "    offline: false\n") as changed:
        off = newer(build_site(changed, tmp_path / "off", site_url=url), than=first)
    page = context.new_page()
    with serve(first, prefix="/guide/", port=port):
        save_for_offline(page, url)
    with serve(off, prefix="/guide/", port=port):
        page.goto(url + "privacy/")  # from the saved copy; the worker finds it retired
        wait_until(page, GONE)
        page.reload()  # now from the server
        assert page.evaluate("() => navigator.serviceWorker.controller") is None
