"""Waits that work under the site's Content-Security-Policy.

Playwright's wait_for_function runs its predicate through eval in the page, which the
policy forbids. page.evaluate is not subject to it, so these poll inside one evaluate
call (a condition checked every 100 ms, never a fixed sleep) and fail with what they
waited for."""

from __future__ import annotations

from typing import Any

from tests.browser.helpers import PYTHON_TIMEOUT_MS, READY

_POLL = """async ([check, arg, timeout]) => {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await check(arg)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}"""


def wait_until(page: Any, check: str, arg: object = None, timeout_ms: int = 60_000) -> None:
    """Until the JavaScript function `check(arg)` (it may be async) returns something true."""
    done = page.evaluate(f"async ([arg, timeout]) => ({_POLL})([{check}, arg, timeout])",
                         [arg, timeout_ms])
    assert done, f"timed out after {timeout_ms} ms waiting for {check} with {arg!r}"


def wait_python(page: Any) -> None:
    wait_until(page, f"() => {READY} > 0", timeout_ms=PYTHON_TIMEOUT_MS)


def wait_output(page: Any, form: str, text: str) -> None:
    wait_until(page, "([form, text]) => { const node = document.querySelector("
               "`form[data-worksheet=\"${form}\"] [data-worksheet-output]`);"
               " return node && node.textContent.includes(text); }", [form, text],
               timeout_ms=PYTHON_TIMEOUT_MS)


# Material's instant navigation: a link made and clicked here is a visitor's click, without
# hunting for it in the menus. The page being left has its article marked first: Material
# changes the address at the click, before it has fetched the next page and swapped it in,
# so under load a check of the address alone passed on the old page (then its forms
# vanished mid-wait).
GO = """(href) => {
  document.querySelector("article")?.setAttribute("data-test-left", "");
  const link = document.createElement("a");
  link.href = href;
  document.body.append(link);
  link.click();
  link.remove();
}"""
# At `href`, with the new page swapped in and every worksheet on it set up by onward.js
# (bindWorksheet), so filling it in is seen, saved and computed.
ARRIVED = """(href) => {
  const article = document.querySelector("article");
  return location.href === href && document.readyState === "complete"
    && article !== null && !article.hasAttribute("data-test-left")
    && article.querySelector("h1") !== null
    && [...document.querySelectorAll("form[data-worksheet]")].every((f) => f.onwardWorksheet);
}"""


def go_by_instant_navigation(page: Any, href: str) -> None:
    """Click through to `href` as a visitor would, and wait until its page is in place."""
    page.evaluate(GO, href)
    wait_until(page, ARRIVED, href)


# The offline copy: ask this page's service worker a question (QUESTIONS in
# service-worker.js), and the conditions the offline tests and the bench wait on.
ASK = """(op) => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = ({ data }) => resolve(data);
  navigator.serviceWorker.controller.postMessage({ op }, [channel.port2]);
})"""
# This page is served by the worker, with a version of the site saved.
SAVED = f"""async () => Boolean(navigator.serviceWorker.controller
  && (await ({ASK})("status")).current)"""
# Python's runtime is saved with the version in use.
RUNTIME_SAVED = f"""async () => Boolean((await ({ASK})("status")).runtimeSaved)"""
