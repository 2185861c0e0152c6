"""The worksheet engine in Chromium: restore, compute, instant navigation, failure, escaping."""

from __future__ import annotations

import shutil

import pytest

from tests.browser.data_helpers import answers_key_end
from tests.browser.helpers import (
    POLL_MS,
    READY,
    stored_answers,
    wait_output_contains,
    wait_python_ready,
    wait_saved,
)
from tests.site_server import serve

FORM = "every-field"


def fill_every_field(page) -> None:
    page.fill("input[name=name]", "Sam Smith")
    page.fill("textarea[name=story]", "Line one\nLine two")
    page.fill("input[name=count]", "42")
    page.fill("input[name=when]", "2026-12-31")
    page.check("input[name=mood][value='4']")
    page.fill("input[name=belief]", "65")
    page.check("input[name=colour][value=blue]")
    page.check("input[name=fruits][value=Pear]")
    page.check("input[name=fruits][value=Plum]")
    page.check("input[name=tasks][value='Reply sent']")
    page.fill("[data-field=log] [data-row]:nth-child(1) [data-field=note] input", "first")
    page.click("[data-field=log] [data-row-action=add]")
    second = "[data-field=log] [data-row]:nth-child(2)"
    page.fill(f"{second} [data-field=note] input", "second")
    page.check(f"{second} [data-field=level] input[value='2']")


@pytest.mark.without_python  # what is saved and restored, before Python
def test_every_field_is_restored_after_reload(page, fixture_url):
    page.goto(fixture_url + "every-field/")
    fill_every_field(page)
    wait_saved(page, FORM)
    page.reload()
    assert page.input_value("input[name=name]") == "Sam Smith"
    assert page.input_value("textarea[name=story]") == "Line one\nLine two"
    assert page.input_value("input[name=count]") == "42"
    assert page.input_value("input[name=when]") == "2026-12-31"
    assert page.is_checked("input[name=mood][value='4']")
    assert page.input_value("input[name=belief]") == "65"
    assert page.is_checked("input[name=colour][value=blue]")
    assert page.is_checked("input[name=fruits][value=Pear]")
    assert page.is_checked("input[name=fruits][value=Plum]")
    assert not page.is_checked("input[name=fruits][value=Apple]")
    assert page.is_checked("input[name=tasks][value='Reply sent']")
    rows = page.locator("[data-field=log] [data-row]")
    assert rows.count() == 2
    assert rows.nth(1).locator("[data-field=note] input").input_value() == "second"
    assert rows.nth(1).locator("[data-field=level] input[value='2']").is_checked()
    # The dated log stamps new entries with today's date.
    assert rows.nth(1).locator("[data-field=date] input").input_value() != ""
    record = stored_answers(page, FORM)
    assert record["version"] == 1
    assert record["answers"]["fruits"] == ["Pear", "Plum"]


@pytest.mark.without_python  # what is saved and restored, before Python
def test_rows_reorder_and_remove(page, fixture_url):
    page.goto(fixture_url + "every-field/")
    page.fill("[data-row]:nth-child(1) [data-field=note] input", "A")
    page.click("[data-row-action=add]")
    page.fill("[data-row]:nth-child(2) [data-field=note] input", "B")
    page.click("[data-row]:nth-child(2) [data-row-action=up]")
    notes = page.locator("[data-row] [data-field=note] input")
    assert [notes.nth(i).input_value() for i in range(2)] == ["B", "A"]
    assert page.locator("[data-row]:nth-child(1) [data-row-number]").text_content() == "1"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-row]:nth-child(1) [data-row-action=remove]")
    wait_saved(page, FORM)
    page.wait_for_function(
        "(end) => { const r = JSON.parse(localStorage.getItem(Object.keys(localStorage)"
        ".find(k => k.endsWith(end)))); return r.answers.log.length === 1; }",
        arg=answers_key_end(FORM), polling=POLL_MS)
    assert stored_answers(page, FORM)["answers"]["log"][0]["note"] == "A"


def test_python_computes_the_scorecard(page, fixture_url):
    page.goto(fixture_url + "scorecard/")
    row = "[data-field=interviews] [data-row]:nth-child(1)"
    page.check(f"{row} [data-field=research] input[value='2']")
    page.check(f"{row} [data-field=clarity] input[value='5']")
    # 3.5 appears nowhere in the page: only the Python compute can produce it.
    wait_output_contains(page, "interview-scorecard", "3.5 of 5")
    wait_output_contains(page, "interview-scorecard", "Clear answers")
    assert page.evaluate("performance.getEntriesByName('worksheets:output').length") >= 1


def test_instant_navigation_keeps_answers_and_worker(page, fixture_url):
    page.goto(fixture_url + "every-field/")
    wait_python_ready(page)
    page.fill("input[name=name]", "Kept")
    page.click("a[href$='scorecard/'].md-nav__link")
    page.wait_for_selector("form[data-worksheet=interview-scorecard]")
    wait_output_contains(page, "interview-scorecard", "Rate at least one part")
    page.go_back()
    page.wait_for_selector("form[data-worksheet=every-field]")
    assert page.input_value("input[name=name]") == "Kept"
    # One document all along (instant navigation), so one Python start, never two.
    assert page.evaluate(READY) == 1
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    wait_output_contains(page, FORM, "Your name: Kept")


def test_form_saves_when_python_cannot_load(page, fixture_site, tmp_path):
    # Playwright cannot intercept a worker's fetches, so the host "blocks" the wasm instead:
    # the same site, served without it.
    broken = tmp_path / "site"
    shutil.copytree(fixture_site[1], broken, ignore=shutil.ignore_patterns("*.wasm"))
    with serve(broken) as url:
        page.goto(url + "every-field/")
        fill_and_check_saved_without_python(page)


def fill_and_check_saved_without_python(page) -> None:
    page.fill("input[name=name]", "Offline")
    wait_saved(page, FORM)
    wait_output_contains(page, FORM, "can't be worked out in this browser")
    assert stored_answers(page, FORM)["answers"]["name"] == "Offline"


PAYLOADS = ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>",
            '"><svg onload=alert(3)>']


def test_hostile_text_stays_text(page, fixture_url):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(fixture_url + "every-field/")
    payload = " ".join(PAYLOADS)
    page.fill("input[name=name]", payload)
    page.fill("[data-row]:nth-child(1) [data-field=note] input", PAYLOADS[0])
    wait_output_contains(page, FORM, PAYLOADS[1])
    page.reload()
    assert page.input_value("input[name=name]") == payload
    wait_output_contains(page, FORM, f"Your name: {payload}")
    assert page.locator("[data-worksheet-output] img, [data-worksheet-output] script, "
                        "[data-worksheet-output] svg:not(.onward-chart__svg)").count() == 0
    assert dialogs == []
