"""Shared-computer mode: answers live only in this tab's session, a banner says so on
every page with a download button, and a new tab (a new session) starts empty."""

from __future__ import annotations

import pytest

from tests.browser.data_helpers import (
    FIRST_TEXT,
    WORKSHEET,
    WORKSHEET_PAGE,
    answers_key,
    download_json,
    own_answer_keys,
    wait_stored_text,
)
from tests.browser.helpers import wait_saved

# Tests of what is saved: Python's runtime is held (conftest.py's without_python).
pytestmark = pytest.mark.without_python

BANNER = "[data-onward-banner=shared]"


def test_shared_computer_mode_keeps_answers_in_the_tab_only(context, site_url):
    page = context.new_page()
    page.goto(site_url + WORKSHEET_PAGE)
    page.fill(FIRST_TEXT, "Before the switch")
    wait_saved(page, WORKSHEET)
    page.goto(site_url + "privacy/")
    assert page.locator(BANNER).count() == 0
    page.click('[data-onward-data] [data-data-action="shared-on"]')
    page.wait_for_selector(BANNER)
    assert page.locator('[data-onward-data] [data-data-action="shared-on"]').is_hidden()
    assert page.locator('[data-onward-data] [data-data-action="shared-off"]').is_visible()
    # What was saved moves into the tab's session; nothing is left in the browser.
    assert own_answer_keys(page) == []
    assert own_answer_keys(page, "sessionStorage") == [answers_key(WORKSHEET)]

    page.goto(site_url + WORKSHEET_PAGE)
    assert "Shared computer mode is on" in page.text_content(BANNER)
    assert page.input_value(FIRST_TEXT) == "Before the switch"
    page.fill(FIRST_TEXT, "Only for this tab")
    wait_stored_text(page, "Only for this tab", "sessionStorage")
    status = page.text_content(f"form[data-worksheet={WORKSHEET}] [data-worksheet-status]")
    assert "this tab only" in status
    assert own_answer_keys(page) == []
    backup = download_json(page, f"{BANNER} button:text('Download your answers')")
    assert "Only for this tab" in str(backup["worksheets"][0]["answers"])
    page.reload()  # the same tab session: still there
    assert page.input_value(FIRST_TEXT) == "Only for this tab"

    # Another tab is another session: it sees none of it, and is in the normal mode.
    other = context.new_page()
    other.goto(site_url + WORKSHEET_PAGE)
    assert other.input_value(FIRST_TEXT) == ""
    assert other.locator(BANNER).count() == 0
    page.close()  # closing the tab ends its session: nothing of it is left anywhere
    assert own_answer_keys(other) == []
    assert own_answer_keys(other, "sessionStorage") == []

    # Turned off, the tab's answers are saved in the browser again.
    again = context.new_page()
    again.goto(site_url + "privacy/")
    again.click('[data-onward-data] [data-data-action="shared-on"]')
    again.goto(site_url + WORKSHEET_PAGE)
    again.fill(FIRST_TEXT, "Kept after all")
    wait_stored_text(again, "Kept after all", "sessionStorage")
    again.click(f"{BANNER} button:text('Turn off')")
    again.wait_for_selector(BANNER, state="detached")
    assert own_answer_keys(again) == [answers_key(WORKSHEET)]
    wait_stored_text(again, "Kept after all")
    assert own_answer_keys(again, "sessionStorage") == []
