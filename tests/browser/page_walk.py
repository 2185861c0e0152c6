"""One full load of every page of a built site, recorded once for the tests that check
what a page does when it loads: the requests it makes (test_foundation.py) and its
Content-Security-Policy (test_data_csp.py). Each page is loaded with `page.goto`, a fresh
document, as a visitor arriving from outside; the tests assert on the record, as they did
on their own walks, instead of loading every page again."""

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
    violations: list[str]  # what the page reported (securitypolicyviolation), by networkidle


@dataclass
class FullLoadWalk:
    pages: list[LoadedPage] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL the browser asked for
    csp_logged: list[str] = field(default_factory=list)  # Chromium's CSP messages, workers too
    python_seen: bool = False  # a worksheet page's Python start was waited for


def walk_every_page(browser: Any, site_url: str, site_dir: Path) -> FullLoadWalk:
    context = browser.new_context()
    walk = FullLoadWalk()
    context.add_init_script(LISTEN_CSP)
    context.on("request", lambda request: walk.requests.append(request.url))
    context.on("console", lambda message: walk.csp_logged.append(message.text)
               if "Content Security Policy" in message.text else None)
    page = context.new_page()
    try:
        for path in built_pages(site_dir):
            page.goto(site_url + path, wait_until="networkidle")
            # Python starts the same way on every page: waited for once, its start shows
            # every request it makes; waiting on each page only repeated a cold start.
            if not walk.python_seen and page.locator("form[data-worksheet]").count():
                wait_python_ready(page)
                walk.python_seen = True
            policy = page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content")
            walk.pages.append(LoadedPage(path, policy, page.evaluate("window.__csp")))
    finally:
        context.close()
    return walk
