"""A job seeker's experience on a phone (issue 16): worksheets and results that fit a 360 px
screen with 44 px targets, My plan right before Python is ready, the home page's start, and
the "Go to your worksheet" link. Each check runs at 360 px and 1280 px, light and dark."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import PYTHON_TIMEOUT_MS, READY
from tests.browser.page_waits import wait_until
from tests.browser.test_a11y_axe import ARRIVED, FILL, GO
from tests.browser.test_all_worksheets import READABLE, perform
from tests.browser.worksheet_fills import WORKSHEETS, WorksheetFill

SIZES = {
    "phone-360": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
                  "is_mobile": True, "has_touch": True},
    "desktop-1280": {"viewport": {"width": 1280, "height": 800}},
}
SCHEMES = {"light": "default", "dark": "slate"}

# Steps whose results hold tables, charts, scores and drafts (the widest results).
# The interview journal first: the scorecard picks its interview from it.
RESULT_PAGES = ["interview-journal/", "steps/01-acknowledge-your-feelings/",
                "steps/05-evaluate-your-performance/", "steps/06-close-skill-gaps/",
                "steps/08-keep-your-search-moving/", "steps/13-prepare-for-the-next-interview/",
                "steps/14-lean-on-your-network/"]

# Sideways scrolling; targets under 44 x 44 CSS px; result-table words split over lines.
PROBLEMS = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push(`page is ${document.documentElement.scrollWidth}px wide in ${width}px`);
  }
  const targets = "form[data-worksheet] :is(button, .md-button, label.onward-option), " +
    "[data-onward-plan] .md-button, .onward-jump a";
  for (const node of document.querySelectorAll(targets)) {
    const box = node.getBoundingClientRect();
    if (!box.width && !box.height) continue;  // not shown (hidden or display: none)
    if (box.width < 43.5 || box.height < 43.5) {
      problems.push(`target "${node.textContent.trim().slice(0, 30)}" is ` +
        `${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  for (const cell of document.querySelectorAll(".onward-result__table :is(th, td)")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      for (const match of text.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        if (range.getClientRects().length > 1) problems.push(`"${match[0]}" breaks in a cell`);
      }
    }
  }
  return problems;
}"""

SET_SCHEME = """(scheme) => document.body.setAttribute("data-md-color-scheme", scheme)"""


def go(page: Any, href: str) -> None:
    """Instant navigation, as a visitor's click: Python keeps running between pages."""
    if page.url != href:
        page.evaluate(GO, href)
        wait_until(page, ARRIVED, href)


def fill_with_results(page: Any, sheet: WorksheetFill) -> None:
    """Answer as a visitor would, then wait for what only those answers produce (a filled
    form computes more than once, so the first changed result is not yet the last)."""
    wait_until(page, "(id) => document.querySelector(`form[data-worksheet=\"${id}\"]`)"
                     "?.onwardWorksheet", sheet.worksheet)
    form = page.locator(f"form[data-worksheet='{sheet.worksheet}']")
    for action in sheet.actions:
        perform(form, action)
    wait_until(page, f"([id, text]) => ({READABLE})(document.querySelector("
                     "`form[data-worksheet=\"${id}\"] [data-worksheet-output]`)).includes(text)",
               [sheet.worksheet, sheet.results[0]], timeout_ms=PYTHON_TIMEOUT_MS)


@pytest.mark.parametrize("size", SIZES)
def test_filled_worksheets_fit_with_big_targets_and_whole_words(browser, site_url, size):
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    page.goto(site_url)
    sheets = {sheet.path: sheet for sheet in WORKSHEETS}
    found: dict[str, list[str]] = {}
    for path in RESULT_PAGES:
        go(page, site_url + path)
        fill_with_results(page, sheets[path])
        for name, scheme in SCHEMES.items():
            page.evaluate(SET_SCHEME, scheme)
            if problems := page.evaluate(PROBLEMS):
                found[f"{path} {name}"] = problems
    assert page.locator(".onward-result__table").count()  # the last page's table was seen
    context.close()
    assert found == {}


@pytest.mark.parametrize("size", SIZES)
def test_home_numbers_the_steps_1_to_15_and_starts_at_step_1(browser, site_url, size):
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    page.goto(site_url)
    numbers = page.evaluate("""() => [...document.querySelectorAll("ol.onward-steps")]
      .flatMap((list) => [...list.children].map((item, index) => list.start + index))""")
    assert numbers == list(range(1, 16))
    start = page.get_by_role("link", name="Start with step 1")
    assert "steps/01-acknowledge-your-feelings/" in start.get_attribute("href")
    box = start.bounding_box()
    assert box["y"] + box["height"] <= SIZES[size]["viewport"]["height"]  # on the first screen
    for scheme in SCHEMES.values():
        page.evaluate(SET_SCHEME, scheme)
        assert page.evaluate(PROBLEMS) == []
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_go_to_your_worksheet_moves_focus_to_its_heading(browser, site_url, size):
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    page.goto(site_url + "steps/05-evaluate-your-performance/")
    link = page.get_by_role("link", name="Go to your worksheet")
    box = link.bounding_box()
    assert box["y"] + box["height"] <= SIZES[size]["viewport"]["height"]
    link.focus()
    page.keyboard.press("Enter")
    wait_until(page, "() => document.activeElement?.id === 'ws-interview-scorecard-title'")
    heading = page.locator("#ws-interview-scorecard-title").bounding_box()
    assert 0 <= heading["y"] < SIZES[size]["viewport"]["height"]
    context.close()


def save_answers(page: Any, site_url: str, path: str, fill_all: bool) -> None:
    page.goto(site_url + path)
    form = page.locator("form[data-worksheet]").first
    if fill_all:
        page.evaluate(FILL)
    else:
        form.locator("input[type=checkbox], input[type=radio]").first.check()
    form.locator("[data-worksheet-status]").filter(has_text="Saved").wait_for()


STATES = """() => Object.fromEntries([...document.querySelectorAll("[data-plan-progress-item]")]
  .map((item) => [item.dataset.planProgressItem,
                  item.querySelector("[data-plan-state]").textContent]))"""
SHOWN = "(selector) => getComputedStyle(document.querySelector(selector)).display !== 'none'"


@pytest.mark.parametrize("size", SIZES)
def test_my_plan_is_right_before_python_is_ready_and_full_after(browser, site_url, size):
    # No offline worker: its cache would answer for the runtime, out of the route's reach.
    context = browser.new_context(**SIZES[size], service_workers="block")
    page = context.new_page()
    save_answers(page, site_url, "steps/01-acknowledge-your-feelings/", fill_all=False)
    save_answers(page, site_url, "steps/02-separate-worth-from-outcome/", fill_all=True)
    held: list[Any] = []
    released = False

    def hold(route: Any) -> None:  # Python's runtime waits here until released
        if released:
            route.continue_()
        else:
            held.append(route)

    context.route("**/*.wasm", hold)
    page.goto(site_url + "my-plan/")
    wait_until(page, "() => document.querySelector('[data-onward-plan-status]')"
                     ".textContent.startsWith('Putting together')")
    wait_until(page, "() => document.querySelectorAll('[data-plan-progress=started]').length")
    assert page.evaluate(f"() => {READY}") == 0  # deterministic: the runtime is held
    states = page.evaluate(STATES)
    assert states.pop("feelings-check-in") == "started"
    assert states.pop("control-sort") == "done"
    assert set(states.values()) == {"not started"}
    page.emulate_media(media="print")
    assert page.evaluate(SHOWN, ".onward-plan__print-notice")
    assert not page.evaluate(SHOWN, "#if-the-page-is-empty")
    assert not page.evaluate(SHOWN, "[data-onward-data]")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.onward-plan'))"
                         ".borderLeftStyle") == "none"
    page.emulate_media(media="screen")
    assert held, "the page did not ask for the runtime"
    released = True
    for route in held:
        route.continue_()
    wait_until(page, "() => /^You have answers in 2 of/.test(document.querySelector("
                     "'[data-onward-plan-status]').textContent)", timeout_ms=PYTHON_TIMEOUT_MS)
    assert page.locator("[data-plan-worksheet=feelings-check-in]").is_visible()
    assert page.locator("[data-plan-worksheet=control-sort]").is_visible()
    assert page.evaluate(STATES)["control-sort"] == "done"
    page.emulate_media(media="print")
    assert not page.evaluate(SHOWN, ".onward-plan__print-notice")
    for scheme in SCHEMES.values():
        page.evaluate(SET_SCHEME, scheme)
        assert page.evaluate(PROBLEMS) == []
    context.close()


@pytest.mark.without_python  # home reads what is saved
def test_home_continues_with_the_worksheet_saved_last(context, site_url):
    page = context.new_page()
    page.goto(site_url)
    assert page.locator("[data-onward-continue]").is_hidden()  # nothing saved yet
    save_answers(page, site_url, "steps/01-acknowledge-your-feelings/", fill_all=False)
    save_answers(page, site_url, "steps/13-prepare-for-the-next-interview/", fill_all=False)
    page.goto(site_url)
    resume = page.locator("[data-onward-continue] a:visible")
    resume.wait_for()
    assert resume.count() == 1
    assert resume.text_content() == "Continue where you left off: Prepare for the next interview"


WORDS_PER_MINUTE = 200  # an easy reading pace
DOCS = Path(__file__).resolve().parents[2] / "docs"


def words_of(markdown: str) -> int:
    """The words a visitor reads: front matter and fenced blocks (worksheets) left out."""
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)
    body = re.sub(r"^```.*?^```", "", body, flags=re.DOTALL | re.MULTILINE)
    return len(re.findall(r"[A-Za-z0-9'’]+", body))


def test_the_home_pages_reading_times_are_true():
    """"About four minutes" a step and "about an hour" for all fifteen, at 200 words a
    minute: kept true as the steps are edited."""
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    assert "about four minutes to read" in home and "about an hour in all" in home
    minutes = [words_of(page.read_text(encoding="utf-8")) / WORDS_PER_MINUTE
               for page in sorted((DOCS / "steps").glob("*.md"))]
    assert len(minutes) == 15
    assert all(3 <= m <= 5.5 for m in minutes), [round(m, 1) for m in minutes]
    assert 45 <= sum(minutes) <= 75, round(sum(minutes))
