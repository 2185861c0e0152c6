"""Hostile answers stay text: payloads typed into every text field of every worksheet of
the real site never run, in results, My plan, print or the Markdown export, and come back
unchanged."""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser.data_helpers import LISTEN_CSP, answers_key_end, download_text
from tests.browser.helpers import POLL_MS, PYTHON_TIMEOUT_MS, built_pages, wait_python_ready
from tests.browser.page_waits import go_by_instant_navigation

PAYLOADS = [
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    "<script>window.__pwned=2;alert(2)</script>",
    "javascript:alert(3)",
    '"><svg onload="window.__pwned=4;alert(4)">',
    "[a link](javascript:alert(5)) <a href=\"javascript:alert(6)\">x</a>",
]
TEXT_CONTROLS = "input[type=text][name], textarea[name]"  # answers, not drafts in results
# Anything a payload could have turned into, in the regions that show answers.
INJECTED = ("img, script, iframe, object, embed, svg:not(.onward-chart__svg), "
            "a[href^='javascript:' i], [onerror], [onload]")


def worksheet_pages(site_dir: Path) -> list[str]:
    return [path for path in built_pages(site_dir)
            # The form itself: the hosting guide quotes its attributes in code.
            if '<form class="onward-worksheet"' in (site_dir / path / "index.html").read_text()]


def go(page, url: str, ready: str) -> None:
    """Instant navigation (one document, one Python worker), as a visitor's click does.
    Waits for the new page first: step 8's second form, never marked done, matched `ready`
    on the old page while the next one was still being fetched."""
    go_by_instant_navigation(page, url)
    page.wait_for_selector(ready)


def text_values(page, form: str) -> list[str]:
    return page.eval_on_selector_all(f"{form} :is({TEXT_CONTROLS})",
                                     "(nodes) => nodes.map((node) => node.value)")


def fill_with_payloads(page, form: str) -> list[str]:
    typed = []
    controls = page.locator(f"{form} :is({TEXT_CONTROLS})")
    for index in range(controls.count()):
        text = f"{PAYLOADS[index % len(PAYLOADS)]} #{index}"
        controls.nth(index).fill(text)
        typed.append(text)
    return typed


def wait_stored(page, worksheet: str, text: str) -> None:
    page.wait_for_function(
        "([end, text]) => { const key = Object.keys(localStorage).find((k) => "
        "k.endsWith(end)); return key && localStorage.getItem(key).includes("
        "JSON.stringify(text).slice(1, -1)); }", arg=[answers_key_end(worksheet), text],
        polling=POLL_MS)


def assert_nothing_injected(page, scope: str) -> None:
    found = page.eval_on_selector_all(
        f"{scope} :is({INJECTED})", "(nodes) => nodes.map((n) => n.outerHTML.slice(0, 80))")
    assert found == [], scope


def test_hostile_answers_stay_text_everywhere(page, site_url, site_dir):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(LISTEN_CSP)  # results with charts and drafts, under the policy
    pages = worksheet_pages(site_dir)
    assert len(pages) >= 15
    typed: dict[str, list[str]] = {}
    page.goto(site_url + pages[0])
    wait_python_ready(page)
    for path in pages:
        if path != pages[0]:
            go(page, site_url + path, "form[data-worksheet]:not([data-done])")
        worksheet = page.get_attribute("form[data-worksheet]", "data-worksheet")
        form = f"form[data-worksheet='{worksheet}']"
        typed[path] = fill_with_payloads(page, form)
        assert typed[path], f"{path} has no text field"
        wait_stored(page, worksheet, typed[path][-1])
        page.wait_for_function(  # the result worked out from the payloads, not a loading note
            "(f) => !document.querySelector(f + ' [data-worksheet-output]').textContent"
            ".includes('Loading')", arg=form, timeout=PYTHON_TIMEOUT_MS, polling=POLL_MS)
        assert_nothing_injected(page, f"{form} [data-worksheet-output]")
        page.evaluate("(f) => document.querySelector(f).setAttribute('data-done', '')", form)

    go(page, site_url + "my-plan/", "[data-onward-plan]:not([data-done])")
    page.wait_for_function("() => document.querySelector('[data-onward-plan-status]')"
                           ".textContent.startsWith('You have answers')", timeout=PYTHON_TIMEOUT_MS,
                           polling=POLL_MS)
    plan_text = page.text_content("[data-onward-plan]")
    for payload in PAYLOADS:
        assert payload in plan_text
    assert_nothing_injected(page, "[data-onward-plan]")
    page.emulate_media(media="print")
    assert PAYLOADS[0] in page.inner_text("[data-onward-plan]")
    page.emulate_media(media="screen")
    markdown = download_text(page, "[data-plan-action=markdown]")
    assert re.search(r"(?<!\\)<", markdown) is None  # no raw HTML at all
    assert re.search(r"(?<!\\)\]\(javascript", markdown) is None  # no live links
    assert r'\<img src=x onerror="window.\_\_pwned=1;alert\(1\)"\>' in markdown

    # Round trip: every page shows exactly what was typed, back from storage.
    for path in pages:
        go(page, site_url + path, "form[data-worksheet]:not([data-done])")
        # The page's first worksheet, the one filled above (step 8 holds two).
        worksheet = page.get_attribute("form[data-worksheet]", "data-worksheet")
        assert text_values(page, f"form[data-worksheet='{worksheet}']") == typed[path], path
        page.evaluate("() => document.querySelector('form[data-worksheet]')"
                      ".setAttribute('data-done', '')")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("window.__csp") == []
    assert dialogs == []
    assert page.js_errors == []
