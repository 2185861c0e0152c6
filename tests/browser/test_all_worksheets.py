"""Every worksheet in Chromium (one per step, and the interview journal), used the way a
visitor uses them.

The module fixture fills every worksheet through its own page, reloads the site (a fresh
document: nothing typed is left in memory) and reads every worksheet again; the tests then
check every answer came back, that Python works out each result, and that My plan shows
them all. Pages are reached by Material's instant navigation, as a visitor clicking
through, so Python starts once per full load, not once per worksheet. One browser profile
serves the whole module, so the answers carry over. Each test checks every worksheet before
failing, and names every worksheet that went wrong.
The table of what to type, and what to expect, is in worksheet_fills.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from tests.browser.data_helpers import answers_key_end
from tests.browser.helpers import POLL_MS, PYTHON_TIMEOUT_MS, wait_saved
from tests.browser.page_waits import go_by_instant_navigation
from tests.browser.worksheet_fills import (
    TODAY,
    WORKSHEETS,
    Action,
    AddRow,
    Fill,
    Pick,
    Stamped,
    Tick,
    Type,
    WorksheetFill,
)
from tests.conftest import ROOT

# Short, so a control that is missing fails in seconds, not after Playwright's 30.
ACTION_TIMEOUT_MS = 10_000
# Once Python is running, a result comes back in well under a second.
RESULT_TIMEOUT_MS = 20_000
# Everything a visitor can read in a region, the drafts' editable text included; textContent
# to match against, innerText (with line breaks between blocks) to quote in a failure.
READABLE = ("(node) => [node.textContent, ...[...node.querySelectorAll('textarea')]"
            ".map((area) => area.value)].join('\\n')")
SHOWN = ("(node) => [node.innerText, ...[...node.querySelectorAll('textarea')]"
         ".map((area) => area.value)].join(' | ')")


@dataclass
class Visit:
    """One visitor's browser tab, after the fixture filled and reloaded every worksheet."""

    page: Page
    site_url: str
    reload_failures: list[str]
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def report(self, failures: list[str]) -> str:
        lines = [f"{len(failures)} problem(s):", *failures]
        if self.console_errors:
            lines += ["Console errors seen so far:", *self.console_errors[-10:]]
        return "\n".join(lines)


@pytest.fixture(scope="module")
def visit(browser, site_url) -> Iterator[Visit]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    visit = Visit(page, site_url, reload_failures=[])
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
    page.on("console", lambda message: visit.console_errors.append(message.text)
            if message.type == "error" else None)
    visit.reload_failures += fill_every_worksheet(page, site_url)
    visit.reload_failures += answers_lost_in_a_reload(page, site_url)
    yield visit
    context.close()


def test_the_table_covers_every_worksheet():
    defined = sorted(path.stem for path in (ROOT / "worksheets" / "definitions").glob("*.yml"))
    assert sorted(sheet.worksheet for sheet in WORKSHEETS) == defined
    assert len(defined) == 17  # one or more per step (step 8 has two), and the journal


# --- Filling and reloading ------------------------------------------------------------


def form_of(page: Page, worksheet: str) -> Locator:
    return page.locator(f"form[data-worksheet='{worksheet}']")


def wait_form_ready(page: Page, worksheet: str) -> Locator:
    """The form once its script has restored the answers and listens for changes (it marks
    the form as bound): typing sooner would go unsaved, as for a visitor on a slow page."""
    page.wait_for_function(
        "(id) => document.querySelector(`form[data-worksheet=\"${id}\"]`)?.onwardWorksheet",
        arg=worksheet, polling=POLL_MS)
    return form_of(page, worksheet)


def perform(form: Locator, action: Action) -> None:
    if isinstance(action, Fill):
        form.locator(action.control.css).fill(action.text)
    elif isinstance(action, Type):
        form.locator(action.control.css).press_sequentially(action.text)
    elif isinstance(action, Tick):
        form.locator(action.control.css).check()
    elif isinstance(action, AddRow):
        form.locator(f"[data-field='{action.rows}'] [data-row-action=add]").click()
    elif isinstance(action, Pick):
        form.locator(action.css).select_option(label=action.label)
    # Stamped: the form dated the row itself; there is nothing to do but check it later.


def note_changes(form: Locator) -> None:
    """Keep the time of the visitor's latest change on the form (see wait_last_change_saved)."""
    form.evaluate("(form) => { for (const type of ['input', 'change', 'click']) {"
                  " form.addEventListener(type, () => { form.lastChangeAt = Date.now(); }, true);"
                  " } }")


def wait_last_change_saved(page: Page, worksheet: str) -> None:
    """The last change is stored, not only an earlier one: the status reads "Saved" from the
    first keystroke on, and autosave waits for a pause before it writes again."""
    page.wait_for_function(
        "([id, end]) => { const key = Object.keys(localStorage)"
        ".find((k) => k.endsWith(end));"
        " const form = document.querySelector(`form[data-worksheet=\"${id}\"]`);"
        " return key && Date.parse(JSON.parse(localStorage.getItem(key)).savedAt)"
        " >= form.lastChangeAt; }",
        arg=[worksheet, answers_key_end(worksheet)], polling=POLL_MS)


def arrive(page: Page, href: str) -> None:
    """At `href` by instant navigation (no page load, so Python keeps running), or already."""
    if page.url != href:
        go_by_instant_navigation(page, href)


def fill_every_worksheet(page: Page, site_url: str) -> list[str]:
    """Fill every worksheet, page to page, each change saved before the page is left; list
    every worksheet that could not be filled."""
    problems = []
    page.goto(site_url + WORKSHEETS[0].path)
    for sheet in WORKSHEETS:
        try:
            arrive(page, site_url + sheet.path)
            form = wait_form_ready(page, sheet.worksheet)
            note_changes(form)
            for action in sheet.actions:
                perform(form, action)
            wait_last_change_saved(page, sheet.worksheet)
            wait_saved(page, sheet.worksheet)
        except (PlaywrightError, AssertionError) as error:
            problems.append(f"{sheet.worksheet} ({sheet.path}): could not be filled: "
                            f"{str(error).splitlines()[0]}")
    return problems


def answers_lost_in_a_reload(page: Page, site_url: str) -> list[str]:
    """Reload (a new document reads the answers from storage alone), then list every answer
    that did not come back, worksheet by worksheet."""
    page.reload()
    problems = []
    for sheet in WORKSHEETS:
        try:
            arrive(page, site_url + sheet.path)
            form = wait_form_ready(page, sheet.worksheet)
            found = restore_problems(form, sheet)
        except (PlaywrightError, AssertionError) as error:
            found = [f"could not be read after the reload: {str(error).splitlines()[0]}"]
        problems += [f"{sheet.worksheet} ({sheet.path}): {problem}" for problem in found]
    return problems


def restore_problems(form: Locator, sheet: WorksheetFill) -> list[str]:
    problems = []
    for rows, expected in sheet.rows_expected().items():
        found = form.locator(f"[data-field='{rows}'] [data-row]").count()
        if found != expected:
            problems.append(f"{rows} has {found} rows after reload, not {expected}")
    for action in sheet.actions:
        if isinstance(action, AddRow):
            continue
        control = form.locator(action.css if isinstance(action, Pick) else action.control.css)
        if control.count() != 1:
            problems.append(f"{action.control}: {control.count()} controls after reload, not 1")
        elif isinstance(action, Tick):
            if not control.is_checked():
                problems.append(f"{action.control} is no longer ticked after reload")
        elif isinstance(action, Pick):
            shown = control.evaluate("(select) => select.selectedOptions[0]?.textContent")
            if shown != action.label:
                problems.append(f"{action.control} shows {shown!r} after reload, "
                                f"not {action.label!r}")
        else:
            expected = TODAY.isoformat() if isinstance(action, Stamped) else action.text
            if (value := control.input_value()) != expected:
                problems.append(f"{action.control} reads {value!r} after reload, "
                                f"not {expected!r}")
    return problems


def test_every_answer_comes_back_after_a_reload(visit: Visit):
    assert not visit.reload_failures, visit.report(visit.reload_failures)
    assert visit.page_errors == []


# --- Python's results -----------------------------------------------------------------


def readable(locator: Locator) -> str:
    return locator.evaluate(READABLE) if locator.count() else ""


def quoted(locator: Locator, limit: int) -> str:
    """What the region shows, on one line, for a failure message."""
    if not locator.count():
        return "(not on the page)"
    return " / ".join(line.strip() for line in locator.evaluate(SHOWN).splitlines()
                      if line.strip())[:limit]


def wait_result(page: Page, worksheet: str, text: str) -> None:
    page.wait_for_function(
        f"([id, text]) => {{ const read = {READABLE}; const node = document.querySelector("
        "`form[data-worksheet=\"${id}\"] [data-worksheet-output]`);"
        " return node && read(node).includes(text); }",
        arg=[worksheet, text], timeout=RESULT_TIMEOUT_MS, polling=POLL_MS)


def wait_python_started(page: Page) -> None:
    # An arrow function, not an expression string: Playwright evaluates a string with eval,
    # which the site's Content-Security-Policy (rightly) refuses.
    page.wait_for_function(
        "() => performance.getEntriesByName('worksheets:python-ready').length > 0",
        timeout=PYTHON_TIMEOUT_MS, polling=POLL_MS)


def open_by_nav(page: Page, path: str) -> None:
    """Follow the sidebar link, as a visitor would: instant navigation, no page load."""
    page.click(f"a.md-nav__link[href$='{path.rstrip('/').rsplit('/', 1)[-1]}/']")


def test_python_works_out_every_result(visit: Visit):
    page, failures = visit.page, []
    page.goto(visit.site_url + WORKSHEETS[0].path)
    wait_python_started(page)
    for sheet in WORKSHEETS:
        if sheet is not WORKSHEETS[0]:
            open_by_nav(page, sheet.path)
        page.wait_for_selector(f"form[data-worksheet='{sheet.worksheet}']")
        for text in sheet.results:
            try:
                wait_result(page, sheet.worksheet, text)
            except PlaywrightError:
                output = form_of(page, sheet.worksheet).locator("[data-worksheet-output]")
                failures.append(f"{sheet.worksheet}: the result never showed {text!r}; it "
                                f"reads: {quoted(output, 800)}")
                break  # one miss per worksheet says enough, and each costs a timeout
    assert not failures, visit.report(failures)
    assert visit.page_errors == []


# --- My plan --------------------------------------------------------------------------


def test_my_plan_shows_every_worksheet(visit: Visit):
    page, failures = visit.page, []
    open_by_nav(page, "my-plan/")
    status = page.locator("[data-onward-plan-status]")
    page.wait_for_function(
        "() => /^You have|^No answers|can't|went wrong/.test(document.querySelector("
        "'[data-onward-plan-status]')?.textContent || '')", timeout=PYTHON_TIMEOUT_MS,
        polling=POLL_MS)
    count = len(WORKSHEETS)
    assert status.text_content() == f"You have answers in {count} of {count} worksheets."
    for sheet in WORKSHEETS:
        section = page.locator(f"section[data-plan-worksheet='{sheet.worksheet}']")
        if not section.is_visible():
            failures.append(f"{sheet.worksheet}: its section in My plan is hidden")
            continue
        text = readable(section)
        # One answer as typed, and the first of the results: My plan runs each compute too.
        for expected in (sheet.in_plan, sheet.results[0]):
            if expected not in text:
                failures.append(f"{sheet.worksheet}: My plan does not show {expected!r}; "
                                f"it shows: {quoted(section, 500)}")
    assert not failures, visit.report(failures)
    assert visit.page_errors == []
