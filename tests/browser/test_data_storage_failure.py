"""When the browser refuses storage (blocked, or full), the page still works: answers are
kept in the tab, the status says they are not being kept, and offers the download."""

from __future__ import annotations

import json

import pytest

from tests.browser.data_helpers import download_text
from tests.browser.helpers import POLL_MS, wait_output_contains

FORM = "every-field"
STATUS = f"form[data-worksheet={FORM}] [data-worksheet-status]"
NOTICES = f"form[data-worksheet={FORM}] [data-worksheet-notices]"

BLOCKED = """
  for (const name of ['localStorage', 'sessionStorage']) {
    Object.defineProperty(window, name, { get() {
      throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  }
"""
FULL = """
  Storage.prototype.setItem = function () {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
"""


@pytest.mark.parametrize(("script", "reason"), [
    (BLOCKED, "this browser blocks storage for the site"),
    (FULL, "this browser's storage for the site is full"),
], ids=["blocked", "full"])
def test_the_form_works_in_memory_when_storage_fails(context, fixture_url, script, reason):
    context.add_init_script(script)
    page = context.new_page()
    errors: list[str] = []
    # Material's own inline scripts read localStorage without a guard and throw when it is
    # blocked; only errors from Onward's modules count here.
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    page.goto(fixture_url + "every-field/")
    page.fill("input[name=name]", "Only in this tab")
    page.wait_for_function("(s) => document.querySelector(s).textContent.startsWith('Not saved')",
                           arg=STATUS, polling=POLL_MS)
    status = page.text_content(STATUS)
    assert reason in status
    assert "kept only in this tab" in status
    wait_output_contains(page, FORM, "Your name: Only in this tab")
    # The answers are offered as a file, from memory.
    backup = json.loads(download_text(page, f"{NOTICES} button"))
    assert backup["worksheets"][0]["answers"]["name"] == "Only in this tab"
    # Instant navigation keeps them for the rest of the visit.
    page.click("a[href$='scorecard/'].md-nav__link")
    page.wait_for_selector("form[data-worksheet=interview-scorecard]")
    page.go_back()
    page.wait_for_selector(f"form[data-worksheet={FORM}]")
    assert page.input_value("input[name=name]") == "Only in this tab"
    assert [error for error in errors if "/assets/onward/" in error] == []
