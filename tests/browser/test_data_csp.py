"""The Content-Security-Policy: every page carries it, no page reports a violation (page
loads, instant navigation, search, Python), and the header version lets Pyodide start in
its worker."""

from __future__ import annotations

import functools
import http.server
import threading

from tests.browser.data_helpers import LISTEN_CSP
from tests.browser.helpers import POLL_MS, built_pages, wait_output_contains, wait_python_ready
from tests.site_server import _SiteHandler
from worksheets.builder import csp


def watch(context) -> list[str]:
    """Violations as the page reports them, and as Chromium logs them (workers too)."""
    context.add_init_script(LISTEN_CSP)
    logged: list[str] = []
    context.on("console", lambda message: logged.append(message.text)
               if "Content Security Policy" in message.text else None)
    return logged


def violations(page) -> list[str]:
    return page.evaluate("window.__csp")


def test_no_page_reports_a_violation(browser, site_url, site_dir, full_load_walk):
    # Every page loaded in full once (page_walk.py, shared with test_foundation.py).
    assert [loaded.path for loaded in full_load_walk.pages] == built_pages(site_dir)
    for loaded in full_load_walk.pages:
        policy, path = loaded.policy, loaded.path
        assert "default-src 'self'" in policy and "'wasm-unsafe-eval'" in policy, path
        assert "unsafe-inline" not in policy and "http" not in policy, path
        assert loaded.violations == [], path
    assert full_load_walk.csp_logged == []
    context = browser.new_context()
    logged = watch(context)
    page = context.new_page()
    # One visit as a visitor makes it: a worksheet with Python, instant navigation across
    # folder depths (each page's own inline scripts run again), search, and My plan.
    page.goto(site_url)
    page.click("a.md-nav__link[href$='01-acknowledge-your-feelings/']")
    page.wait_for_selector("form[data-worksheet]")
    wait_python_ready(page)
    page.click("a.md-nav__link[href$='my-plan/']")
    page.wait_for_function("() => /^You have|^No answers/.test(document.querySelector("
                           "'[data-onward-plan-status]')?.textContent)", polling=POLL_MS)
    page.click("a.md-nav__link[href$='privacy/']")
    page.wait_for_selector("[data-onward-data] [data-data-controls]:not([hidden])")
    page.click("label.md-search__icon, .md-search__input")
    page.locator("input.md-search__input").press_sequentially("feedback", delay=10)
    # Results come from Material's search worker, which the policy must let start.
    page.locator(".md-search-result__item").first.wait_for(state="attached")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert violations(page) == []
    assert logged == []
    context.close()


class _HeaderHandler(_SiteHandler):
    headers_to_send: dict[str, str] = {}  # noqa: RUF012 (set per server on a subclass)

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()


def test_header_policy_lets_python_run_in_its_worker(browser, site_dir):
    headers = csp.security_headers(site_dir)
    assert "frame-ancestors" in headers["Content-Security-Policy"]
    handler = type("Handler", (_HeaderHandler,), {"headers_to_send": headers})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context()
        logged = watch(context)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/steps/05-evaluate-your-performance/")
        wait_python_ready(page)  # Pyodide compiled its WebAssembly under the header policy
        page.check("[data-field=interviews] [data-row] [data-field=clarity] input[value='4']")
        wait_output_contains(page, "interview-scorecard", "4 of 5")
        assert violations(page) == []
        assert logged == []
        context.close()
    finally:
        server.shutdown()
        server.server_close()
