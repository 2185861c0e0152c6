"""The same worksheet in two tabs of one browser: edits to different fields both survive,
each tab shows the other's changes, and on the same field the latest edit wins."""

from __future__ import annotations

import pytest

from tests.browser.data_helpers import answers_key_end
from tests.browser.helpers import POLL_MS, stored_answers

# Tests of what is saved: Python's runtime is held (conftest.py's without_python).
pytestmark = pytest.mark.without_python

FORM = "every-field"


def wait_value(page, selector: str, value: str) -> None:
    page.wait_for_function("([s, v]) => document.querySelector(s).value === v",
                           arg=[selector, value], polling=POLL_MS)


def wait_stored(page, field: str, value: str) -> None:
    page.wait_for_function(
        "([end, f, v]) => { const k = Object.keys(localStorage).find((k) => k.endsWith(end));"
        " return k && JSON.parse(localStorage.getItem(k)).answers[f] === v; }",
        arg=[answers_key_end("every-field"), field, value], polling=POLL_MS)


def test_two_tabs_keep_each_others_edits(context, fixture_url):
    first = context.new_page()
    second = context.new_page()
    for page in (first, second):
        page.goto(fixture_url + "every-field/")
    first.fill("input[name=name]", "Typed in the first tab")
    wait_stored(first, "name", "Typed in the first tab")
    second.fill("textarea[name=story]", "Typed in the second tab")
    wait_stored(second, "story", "Typed in the second tab")
    # Each tab shows what the other typed, without a reload.
    wait_value(second, "input[name=name]", "Typed in the first tab")
    wait_value(first, "textarea[name=story]", "Typed in the second tab")
    answers = stored_answers(first, FORM)["answers"]
    assert (answers["name"], answers["story"]) == ("Typed in the first tab",
                                                   "Typed in the second tab")

    # The same field in both: the later edit is the one kept, in both tabs.
    first.fill("input[name=count]", "1")
    wait_stored(first, "count", "1")
    second.fill("input[name=count]", "2")
    wait_stored(second, "count", "2")
    wait_value(first, "input[name=count]", "2")
    first.fill("textarea[name=story]", "Edited again in the first tab")
    wait_stored(first, "story", "Edited again in the first tab")
    wait_value(second, "textarea[name=story]", "Edited again in the first tab")
    for page in (first, second):
        page.reload()
        assert page.input_value("input[name=name]") == "Typed in the first tab"
        assert page.input_value("input[name=count]") == "2"
        assert page.input_value("textarea[name=story]") == "Edited again in the first tab"
