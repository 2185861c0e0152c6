"""One interview typed once: added in the interview journal, picked in the scorecard and the
lessons log, renamed (both follow, even in another tab), grouped in My plan, deleted (both
stay readable), and every answer still there after a reload and a new browser context."""

from __future__ import annotations

from typing import Any

from tests.browser.data_helpers import put_record
from tests.browser.helpers import POLL_MS, stored_answers, wait_output_contains, wait_saved
from tests.browser.page_waits import go_by_instant_navigation

JOURNAL = "interview-journal/"
SCORECARD = "steps/05-evaluate-your-performance/"
LESSONS = "steps/10-improve-continuously/"
FIRST_ROW = "[data-row]:nth-child(1)"
SCORE_PICK = f"[data-field=interviews] {FIRST_ROW} [data-field=interview] select"
LESSON_PICK = f"[data-field=entries] {FIRST_ROW} [data-field=interview] select"
NAME = "Acme · Data analyst · 20 Nov"
RENAMED = "Acme · Senior analyst · 20 Nov"
GONE = f"{RENAMED} (deleted from the interview journal)"


def shown_choice(page: Any, select: str) -> str:
    return page.eval_on_selector(select, "(node) => node.selectedOptions[0].textContent")


def wait_choice(page: Any, select: str, text: str) -> None:
    page.wait_for_function(
        "([select, text]) => document.querySelector(select)?.selectedOptions[0]?.textContent"
        " === text", arg=[select, text], polling=POLL_MS)


def add_interview(page: Any, base: str) -> None:
    page.goto(base + JOURNAL)
    row = f"[data-field=interviews] {FIRST_ROW}"
    page.fill(f"{row} [data-field=organization] input", "Acme")
    page.fill(f"{row} [data-field=role] input", "Data analyst")
    page.fill(f"{row} [data-field=date] input", "2026-11-20")
    wait_saved(page, "interview-journal")


def pick_everywhere(page: Any, base: str) -> None:
    page.goto(base + SCORECARD)
    # Listed from storage at first paint, before Python: the empty note is hidden.
    assert page.is_hidden(f"[data-field=interviews] {FIRST_ROW} [data-reference-empty]")
    page.select_option(SCORE_PICK, label=NAME)
    page.check(f"[data-field=interviews] {FIRST_ROW} [data-field=clarity] input[value='4']")
    wait_saved(page, "interview-scorecard")
    wait_output_contains(page, "interview-scorecard", NAME)
    # From here a visitor's clicks: one page load, so Python starts once.
    go_by_instant_navigation(page, base + LESSONS)
    page.select_option(LESSON_PICK, label=NAME)
    page.fill(f"[data-field=entries] {FIRST_ROW} [data-field=learned] textarea",
              "Shorter answers land better")
    wait_saved(page, "lessons-log")


def test_an_interview_typed_once_is_picked_renamed_deleted_and_kept(browser, context, page,
                                                                    site_url):
    add_interview(page, site_url)
    pick_everywhere(page, site_url)
    stored = stored_answers(page, "lessons-log")["answers"]["entries"][0]["interview"]
    assert stored["label"] == NAME and stored["snapshot"]["organization"] == "Acme"

    # Renamed in another tab while the lessons log is open: it follows, and saves the name.
    journal = context.new_page()
    journal.on("dialog", lambda dialog: dialog.accept())
    journal.goto(site_url + JOURNAL)
    journal.fill(f"[data-field=interviews] {FIRST_ROW} [data-field=role] input", "Senior analyst")
    wait_saved(journal, "interview-journal")
    wait_choice(page, LESSON_PICK, RENAMED)
    page.wait_for_function(
        "() => JSON.stringify(Object.entries(localStorage)).includes('Senior analyst') &&"
        " Object.entries(localStorage).some(([k, v]) => k.endsWith(':answers:lessons-log')"
        " && v.includes('Senior analyst'))", polling=POLL_MS)
    go_by_instant_navigation(page, site_url + SCORECARD)
    wait_choice(page, SCORE_PICK, RENAMED)
    wait_output_contains(page, "interview-scorecard", RENAMED)

    # My plan gathers what the interview produced under its name.
    go_by_instant_navigation(page, site_url + "my-plan/")
    page.wait_for_selector(".onward-plan[data-plan-ready]", timeout=90_000)
    plan = page.inner_text("[data-plan-worksheet='interview-journal']")
    assert RENAMED in plan and "Interview self-evaluation scorecard: 4" in plan
    assert "Lessons log: Shorter answers land better" in plan
    lessons = page.inner_text("[data-plan-worksheet='lessons-log']")
    assert f"Which interview: {RENAMED}" in lessons and "deleted" not in lessons

    # Deleted from the journal: both worksheets keep a readable name.
    journal.click(f"[data-field=interviews] {FIRST_ROW} [data-row-action=remove]")
    wait_saved(journal, "interview-journal")
    go_by_instant_navigation(page, site_url + LESSONS)
    wait_choice(page, LESSON_PICK, GONE)
    go_by_instant_navigation(page, site_url + SCORECARD)
    wait_choice(page, SCORE_PICK, GONE)
    wait_output_contains(page, "interview-scorecard", GONE)

    # A reload, then a new browser context with the same storage: everything still there.
    page.reload()
    wait_choice(page, SCORE_PICK, GONE)
    later = browser.new_context(storage_state=context.storage_state())
    try:
        again = later.new_page()
        again.goto(site_url + LESSONS)
        wait_choice(again, LESSON_PICK, GONE)
        assert again.input_value(
            f"[data-field=entries] {FIRST_ROW} [data-field=learned] textarea") \
            == "Shorter answers land better"
        go_by_instant_navigation(again, site_url + SCORECARD)
        wait_choice(again, SCORE_PICK, GONE)
        assert again.is_checked(
            f"[data-field=interviews] {FIRST_ROW} [data-field=clarity] input[value='4']")
    finally:
        later.close()
    assert not page.js_errors


def test_a_role_typed_before_the_journal_is_kept_in_place(page, site_url):
    page.goto(site_url + "privacy/")
    put_record(page, "interview-scorecard", {
        "worksheet": "interview-scorecard", "version": 1, "savedAt": "2026-11-01T10:00:00Z",
        "answers": {"interviews": [{"date": "2026-10-30", "role": "Analyst, Northwind",
                                    "clarity": "3"}]}})
    page.goto(site_url + SCORECARD)
    wait_choice(page, SCORE_PICK, "Analyst, Northwind")
    assert page.is_checked(f"[data-field=interviews] {FIRST_ROW} [data-field=clarity] "
                           "input[value='3']")
    wait_output_contains(page, "interview-scorecard", "Analyst, Northwind")
