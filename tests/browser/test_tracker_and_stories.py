"""Step 8's application tracker and step 13's story bank in Chromium: the funnel, a
follow-up draft and a calendar file that parses; two stories against a pasted advert;
everything back after a reload; and a single answer saved by the old step 13 worksheet
moved into the first story when the page opens."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import Locator, Page

from tests.browser.data_helpers import answers_key
from tests.browser.helpers import POLL_MS, stored_answers, wait_saved
from tests.browser.page_waits import wait_output, wait_python, wait_until
from tests.unit.test_compute_icalendar import parse, unescape

TRACKER_PAGE = "steps/08-keep-your-search-moving/"
STORY_PAGE = "steps/13-prepare-for-the-next-interview/"
TRACKER, BANK = "application-tracker", "star-builder"
ADVERT = ("Sales team coordinator. Generate leads, follow up on inbound leads and keep lead "
          "times short. After six months you will lead a small team. Handle client "
          "complaints calmly.")


def form(page: Page, worksheet: str) -> Locator:
    page.wait_for_function(
        "(id) => document.querySelector(`form[data-worksheet=\"${id}\"]`)?.onwardWorksheet",
        arg=worksheet, polling=POLL_MS)
    return page.locator(f"form[data-worksheet='{worksheet}']")


def cell(rows: str, row: int, sub: str, value: str = "") -> str:
    option = f"[value='{value}']" if value else ""
    return (f"[data-field='{rows}'] [data-row]:nth-child({row}) [data-field='{sub}'] "
            f":is(input, textarea){option}")


def output(page: Page, worksheet: str) -> Locator:
    return page.locator(f"form[data-worksheet='{worksheet}'] [data-worksheet-output]")


def table_rows(page: Page, worksheet: str, caption: str) -> list[list[str]] | None:
    return page.evaluate(
        "([id, caption]) => { const table = [...document.querySelectorAll("
        "`form[data-worksheet=\"${id}\"] [data-worksheet-output] table`)]"
        ".find((t) => t.caption && t.caption.textContent === caption);"
        " return table ? [...table.tBodies[0].rows].map((row) =>"
        " [...row.cells].map((c) => c.textContent)) : null; }", [worksheet, caption])


def download_bytes_as_text(page: Page, selector: str) -> str:
    """The downloaded file exactly as written: read as bytes, so CRLF line ends stay."""
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes().decode("utf-8")


def namespace(site_url: str) -> str:
    return urlparse(site_url).path


def day_text(day: date) -> str:
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")
    return f"{day.day} {months[day.month - 1]} {day.year}"


# --- Step 8 ----------------------------------------------------------------------------------

def browser_today(page: Page) -> date:
    """The page's own calendar date, which its computes call today: read from the browser,
    not this process, so a run that crosses midnight compares the same day."""
    return date.fromisoformat(page.evaluate(
        "() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]"
        ".map((n) => String(n).padStart(2, '0')).join('-'); }"))


def applications(today: date) -> tuple[tuple[str, str], ...]:
    return (
        (cell("applications", 1, "organization"), "Harbor Health"),
        (cell("applications", 1, "role"), "Operations coordinator"),
        (cell("applications", 1, "date"), (today - timedelta(days=20)).isoformat()),
        (cell("applications", 2, "organization"), "Northwind Freight"),
        (cell("applications", 2, "role"), "Junior data analyst"),
        (cell("applications", 2, "date"), (today - timedelta(days=3)).isoformat()),
        (cell("applications", 2, "next_follow_up"), (today + timedelta(days=7)).isoformat()),
    )


TICKED = (cell("applications", 1, "stage", "applied"),
          cell("applications", 2, "stage", "interview"))


def fill_two_applications(sheet: Locator, filled: tuple[tuple[str, str], ...]) -> None:
    sheet.locator("[data-field='applications'] [data-row-action=add]").click()
    for selector, text in filled:
        sheet.locator(selector).fill(text)
    for selector in TICKED:
        sheet.locator(selector).check()


def test_the_tracker_shows_the_funnel_drafts_a_follow_up_and_exports_a_calendar(
        page: Page, site_url: str) -> None:
    page.goto(site_url + TRACKER_PAGE)
    sheet = form(page, TRACKER)
    today = browser_today(page)
    filled = applications(today)
    fill_two_applications(sheet, filled)
    wait_python(page)
    wait_output(page, TRACKER, "2 applications: 1 heard back, 1 reached an interview")
    result = output(page, TRACKER)
    funnel = result.locator("figure.onward-chart")
    assert funnel.locator("figcaption").text_content() == \
        "Applications that reached each stage, or went further"
    assert funnel.locator("li").all_text_contents() == [
        "Applied: 2", "Heard back: 1", "Screening: 1", "Interview: 1", "Final round: 0",
        "Offer: 0"]
    applied = today - timedelta(days=20)
    assert (f"Operations coordinator at Harbor Health: no reply since you applied on "
            f"{day_text(applied)}, 20 days ago") in result.text_content()
    drafts = result.locator(".onward-draft textarea")
    assert drafts.count() == 1
    assert drafts.first.input_value().startswith(
        "Hello,\n\nI applied for the Operations coordinator role at Harbor Health on "
        f"{day_text(applied)}")

    text = download_bytes_as_text(page, f"form[data-worksheet='{TRACKER}'] .onward-download button")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    events = parse(text)
    assert {e["DTSTART;VALUE=DATE"]: unescape(e["SUMMARY"]) for e in events} == {
        today.strftime("%Y%m%d"): "Follow up: Operations coordinator at Harbor Health",
        (today + timedelta(days=7)).strftime("%Y%m%d"):
            "Follow up: Junior data analyst at Northwind Freight"}

    wait_saved(page, TRACKER)
    page.reload()
    sheet = form(page, TRACKER)
    for selector, value in filled:
        assert sheet.locator(selector).input_value() == value, selector
    assert all(sheet.locator(selector).is_checked() for selector in TICKED)
    wait_output(page, TRACKER, "Due a follow-up (1)")
    assert page.js_errors == []


# --- Step 13 ---------------------------------------------------------------------------------

STORIES: tuple[tuple[str, str], ...] = (
    (cell("stories", 1, "question"), "Tell me about a time you led a team."),
    (cell("stories", 1, "action"), "I led a team of three volunteers through a winter appeal."),
    (cell("stories", 1, "result"), "We raised twice the target."),
    (cell("stories", 2, "question"), "Tell me about a difficult customer."),
    (cell("stories", 2, "action"), "I listened, apologised and fixed the order the same day."),
)
TAGS = (cell("stories", 1, "competencies", "leadership"),
        cell("stories", 2, "competencies", "customer"),
        cell("stories", 2, "competencies", "conflict"))


def test_two_stories_against_an_advert_show_what_is_covered_and_what_is_missing(
        page: Page, site_url: str) -> None:
    page.goto(site_url + STORY_PAGE)
    sheet = form(page, BANK)
    sheet.locator("[data-field='stories'] [data-row-action=add]").click()
    for selector, text in STORIES:
        sheet.locator(selector).fill(text)
    for selector in TAGS:
        sheet.locator(selector).check()
    sheet.locator("textarea[name='job_description']").fill(ADVERT)
    wait_python(page)
    wait_output(page, BANK, "What this advert asks for")
    # "Sales", and two sales leads; one team to lead; lead times are neither.
    assert table_rows(page, BANK, "What this advert asks for") == [
        ["Sales and targets", "3 times", "none yet"],
        ["Leadership", "once", "Story 1"],
        ["Customer focus", "once", "Story 2"],
        ["Handling conflict", "once", "Story 2"],
    ]
    missing = output(page, BANK).locator("ul").filter(has_text="Sales and targets: think of")
    assert missing.count() == 1

    wait_saved(page, BANK)
    page.reload()
    sheet = form(page, BANK)
    for selector, text in STORIES:
        assert sheet.locator(selector).input_value() == text, selector
    assert all(sheet.locator(selector).is_checked() for selector in TAGS)
    assert sheet.locator("textarea[name='job_description']").input_value() == ADVERT
    wait_output(page, BANK, "What this advert asks for")
    assert page.js_errors == []


V1_ANSWERS: dict[str, Any] = {
    "question": "Tell me about a time you solved a problem under pressure.",
    "format": "CAR",
    "situation": "The weekly delivery report broke before a board meeting.",
    "action": "I compared the raw data with last month's file.",
    "result": "The report went out a day early.",
    "job_description": "You will meet deadlines.",
}


def test_a_single_answer_saved_by_the_old_worksheet_becomes_the_first_story(
        page: Page, site_url: str) -> None:
    page.goto(site_url + STORY_PAGE)
    form(page, BANK)
    saved = (datetime.now(UTC) - timedelta(days=3)).isoformat()
    record = {"format": 1, "worksheet": BANK, "version": 1, "answers": V1_ANSWERS,
              "times": {}, "savedAt": saved, "createdAt": saved}
    key = answers_key(BANK, namespace(site_url))
    page.evaluate("([key, record]) => localStorage.setItem(key, JSON.stringify(record))",
                  [key, record])
    page.reload()
    sheet = form(page, BANK)
    assert sheet.get_attribute("data-worksheet-version") == "2"
    for field in ("question", "situation", "action", "result"):
        assert sheet.locator(cell("stories", 1, field)).input_value() == V1_ANSWERS[field]
    assert sheet.locator(cell("stories", 1, "format", "CAR")).is_checked()
    assert sheet.locator("textarea[name='job_description']").input_value() == \
        V1_ANSWERS["job_description"]
    assert sheet.locator("[data-worksheet-earlier]").count() == 0  # nothing left behind
    # Stored forward at once, and still there after another reload.
    wait_until(page, "(id) => { const key = Object.keys(localStorage).find((k) =>"
               " k.endsWith(':answers:' + id)); return JSON.parse(localStorage.getItem(key))"
               ".version === 2; }", BANK)
    stored = stored_answers(page, BANK)["answers"]
    assert sorted(stored) == ["job_description", "stories"]
    assert stored["job_description"] == V1_ANSWERS["job_description"]
    [story] = stored["stories"]
    # The form keeps its untouched controls too (an empty task, no competencies ticked).
    assert {name: value for name, value in story.items() if value} == {
        name: V1_ANSWERS[name] for name in ("question", "format", "situation", "action",
                                            "result")}
    page.reload()
    sheet = form(page, BANK)
    assert sheet.locator(cell("stories", 1, "action")).input_value() == V1_ANSWERS["action"]
    wait_output(page, BANK, "Your CAR answer")
    assert page.js_errors == []
