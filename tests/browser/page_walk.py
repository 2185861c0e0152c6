"""One full load of every page of a built site, recorded once for the tests that check
what a page does when it loads: the requests it makes (test_foundation.py) and its
Content-Security-Policy (test_data_csp.py). Each page is loaded with `page.goto`, a fresh
document, as a visitor arriving from outside; the tests assert on the record, as they did
on their own walks, instead of loading every page again.

The first page of each kind (a worksheet page, My plan, any other page) is followed until
the network is quiet, Python ready on the worksheet page: that shows every request the
kind's scripts make after the load, the offline copy's and Python's included. Later pages
of a kind run the same scripts, so they are recorded to their load event; following each
to a quiet network doubled the walk's time and started Python on every worksheet page.
Once Python has been followed, the runtime's files are asked for but never answered on
later pages: their requests are recorded all the same, without compiling the 10 MB
interpreter again for each page (a quarter of the walk's time)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.browser.data_helpers import LISTEN_CSP
from tests.browser.helpers import built_pages, wait_python_ready


@dataclass
class LoadedPage:
    path: str
    policy: str | None  # the page's Content-Security-Policy <meta>, as served
    violations: list[str]  # what the page reported (securitypolicyviolation)


@dataclass
class FullLoadWalk:
    pages: list[LoadedPage] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL the browser asked for
    csp_logged: list[str] = field(default_factory=list)  # Chromium's CSP messages, workers too
    python_seen: bool = False  # a worksheet page's Python start was waited for


KIND = """() => document.querySelector('form[data-worksheet]') ? 'worksheet'
  : document.querySelector('[data-onward-plan]') ? 'plan' : 'page'"""


def walk_every_page(browser: Any, site_url: str, site_dir: Path) -> FullLoadWalk:
    context = browser.new_context()
    walk = FullLoadWalk()
    context.add_init_script(LISTEN_CSP)
    context.on("request", lambda request: walk.requests.append(request.url))
    context.on("console", lambda message: walk.csp_logged.append(message.text)
               if "Content Security Policy" in message.text else None)
    page = context.new_page()
    kinds_followed: set[str] = set()
    try:
        for path in built_pages(site_dir):
            page.goto(site_url + path, wait_until="load")
            kind = page.evaluate(KIND)
            if kind not in kinds_followed:
                kinds_followed.add(kind)
                if kind == "worksheet":
                    wait_python_ready(page)
                    walk.python_seen = True
                    context.route("**/pyodide/**", lambda route: None)
                page.wait_for_load_state("networkidle")
            policy = page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content")
            walk.pages.append(LoadedPage(path, policy, page.evaluate("window.__csp")))
    finally:
        context.close()
    return walk
