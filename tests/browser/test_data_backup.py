"""Backup and restore: export, strict import with a preview, erase of this copy only,
persistent storage, and the quiet backup reminder."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tests.browser.data_helpers import (
    FIRST_TEXT,
    WORKSHEET,
    WORKSHEET_PAGE,
    answers_key,
    download_json,
    own_answer_keys,
    serve_many,
    storage_snapshot,
)
from tests.browser.helpers import POLL_MS, stored_answers, wait_saved

# Tests of what is saved: Python's runtime is held (conftest.py's without_python).
pytestmark = pytest.mark.without_python

REGION = "[data-onward-data]"
STATUS = f"{REGION} [data-data-status]"


def type_answer(page, text: str) -> None:
    page.fill(FIRST_TEXT, text)
    wait_saved(page, WORKSHEET)


def choose_file(page, name: str, content: bytes) -> None:
    page.set_input_files(f"{REGION} [data-data-file]",
                         files=[{"name": name, "mimeType": "application/json", "buffer": content}])


def test_export_and_import_on_another_browser(browser, site_url):
    first = browser.new_context()
    page = first.new_page()
    page.goto(site_url + WORKSHEET_PAGE)
    type_answer(page, "Moved between browsers")
    page.goto(site_url + "privacy/")
    backup = download_json(page, f'{REGION} [data-data-controls] [data-data-action="export"]')
    first.close()

    assert backup["format"] == "onward-answers"
    assert backup["formatVersion"] == 1
    assert backup["site"]["name"] == "Onward"
    assert backup["site"]["address"] == site_url
    assert datetime.fromisoformat(backup["exportedAt"].replace("Z", "+00:00"))
    [entry] = backup["worksheets"]
    assert (entry["id"], entry["version"]) == (WORKSHEET, 1)
    assert "Moved between browsers" in json.dumps(entry["answers"])
    # A worksheet this site does not have: kept, not dropped.
    backup["worksheets"].append({"id": "retired-sheet", "version": 3,
                                 "savedAt": "2020-01-01T00:00:00Z", "answers": {"q": "kept"}})

    second = browser.new_context()
    page = second.new_page()
    page.goto(site_url + "privacy/")
    choose_file(page, "backup.json", json.dumps(backup).encode())
    preview = page.locator(f"{REGION} [data-data-preview]")
    preview.wait_for()
    items = preview.locator("li").all_text_contents()
    assert any(item.startswith("Feelings check-in: nothing saved here yet") for item in items)
    assert any("retired-sheet" in item and "kept" in item for item in items)
    assert own_answer_keys(page) == []  # nothing changes before the visitor confirms
    page.click(f'{REGION} [data-data-action="import-confirm"]')
    page.wait_for_function("(s) => document.querySelector(s).textContent.startsWith('Imported')",
                           arg=STATUS, polling=POLL_MS)
    assert len(own_answer_keys(page)) == 2
    page.goto(site_url + WORKSHEET_PAGE)
    assert page.input_value(FIRST_TEXT) == "Moved between browsers"
    page.goto(site_url + "privacy/")
    again = download_json(page, f'{REGION} [data-data-controls] [data-data-action="export"]')
    assert [w["id"] for w in again["worksheets"]] == [WORKSHEET, "retired-sheet"]
    second.close()


def valid_backup(**changes) -> dict:
    data = {"format": "onward-answers", "formatVersion": 1, "site": {"name": "Onward"},
            "exportedAt": "2026-01-01T00:00:00Z",
            "worksheets": [{"id": WORKSHEET, "version": 1, "answers": {"checkins": []}}]}
    return {**data, **changes}


REFUSED = [
    ("not JSON", b"this is not json {", "it is not JSON"),
    ("another format", json.dumps({"format": "other", "worksheets": []}).encode(),
     "not an Onward backup file"),
    ("newer format", json.dumps(valid_backup(formatVersion=2)).encode(),
     "made by a newer version of this site"),
    ("over 5 MB", b'{"format": "onward-answers"' + b" " * (5 * 1024 * 1024) + b"}",
     "larger than 5 MB"),
    ("__proto__", b'{"format": "onward-answers", "formatVersion": 1, "worksheets": [], '
     b'"__proto__": {"polluted": true}}', 'a key named "__proto__"'),
    ("constructor", json.dumps(valid_backup(worksheets=[{
        "id": WORKSHEET, "version": 1, "answers": {"constructor": {"prototype": 1}}}])).encode(),
     'a key named "'),
    ("bad entry", json.dumps(valid_backup(worksheets=[{"id": "../x", "version": 1,
                                                        "answers": {}}])).encode(),
     "is damaged"),
]


def test_import_refuses_what_is_not_a_backup(page, site_url):
    page.goto(site_url + WORKSHEET_PAGE)
    type_answer(page, "Must survive every refusal")
    page.goto(site_url + "privacy/")
    before = storage_snapshot(page)
    for name, content, reason in REFUSED:
        choose_file(page, f"{name}.json", content)
        page.wait_for_function("([s, r]) => document.querySelector(s).textContent.includes(r)",
                               arg=[STATUS, reason], polling=POLL_MS)
        status = page.text_content(STATUS)
        assert status.startswith("Nothing was imported:"), (name, status)
        assert page.locator(f"{REGION} [data-data-preview]").is_hidden(), name
        assert storage_snapshot(page) == before, name
        page.evaluate("(s) => { document.querySelector(s).textContent = ''; }", STATUS)
    assert page.evaluate("({}).polluted") is None
    assert page.js_errors == []


def test_erase_removes_this_copy_only(browser, site_dir):
    # The same build served twice on one origin: two copies of the guide, /a/ and /b/.
    with serve_many({"/a/": site_dir, "/b/": site_dir}) as origin:
        context = browser.new_context()
        page = context.new_page()
        for copy in ("/b/", "/a/"):
            page.goto(origin + copy + WORKSHEET_PAGE)
            type_answer(page, f"answer in {copy}")
        page.evaluate("localStorage.setItem('someone-else', 'untouched')")
        assert own_answer_keys(page) == [answers_key(WORKSHEET, "/a/"),
                                         answers_key(WORKSHEET, "/b/")]
        page.goto(origin + "/a/privacy/")
        page.click(f'{REGION} [data-data-action="erase"]')
        confirm = page.locator(f"{REGION} [data-data-erase-confirm]")
        assert confirm.is_visible()
        assert len(own_answer_keys(page)) == 2  # asked, not yet done
        page.click(f'{REGION} [data-data-action="erase-confirm"]')
        page.wait_for_function("(s) => document.querySelector(s).textContent.includes('erased')",
                               arg=STATUS, polling=POLL_MS)
        assert own_answer_keys(page) == [answers_key(WORKSHEET, "/b/")]
        assert page.evaluate("localStorage.getItem('someone-else')") == "untouched"
        page.goto(origin + "/b/" + WORKSHEET_PAGE)
        assert page.input_value(FIRST_TEXT) == "answer in /b/"
        page.goto(origin + "/a/" + WORKSHEET_PAGE)
        assert page.input_value(FIRST_TEXT) == ""
        context.close()


COUNT_PERSIST = """
  window.__persistCalls = 0;
  Object.defineProperty(navigator, 'storage', { value: {
    persisted: async () => false,
    persist: async () => { window.__persistCalls += 1; return true; },
    estimate: async () => ({ usage: 0, quota: 1e9 }),
  } });
"""


def test_persistent_storage_is_asked_once_something_is_saved(context, site_url):
    context.add_init_script(COUNT_PERSIST)
    page = context.new_page()
    page.goto(site_url + WORKSHEET_PAGE)
    assert page.evaluate("window.__persistCalls") == 0
    type_answer(page, "Keep this")
    page.wait_for_function("() => window.__persistCalls === 1", polling=POLL_MS)
    page.fill(FIRST_TEXT, "Keep this too")
    wait_saved(page, WORKSHEET)
    assert page.evaluate("window.__persistCalls") == 1


@pytest.mark.parametrize("dismiss", ["download", "snooze"])
def test_a_quiet_reminder_when_answers_were_not_backed_up(page, site_url, dismiss):
    page.goto(site_url + WORKSHEET_PAGE)
    notices = f"form[data-worksheet={WORKSHEET}] [data-worksheet-notices]"
    type_answer(page, "Old answers")
    assert page.locator(notices).count() == 0  # fresh answers: no reminder
    record = stored_answers(page, WORKSHEET)
    old = (datetime.now(UTC) - timedelta(days=30)).isoformat()
    record.update(createdAt=old, savedAt=old)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [answers_key(WORKSHEET), json.dumps(record)])
    page.reload()
    assert "not been backed up for a while" in page.text_content(notices)
    if dismiss == "download":
        download_json(page, f"{notices} button:text('Download a backup file')")
    else:
        page.click(f"{notices} button:text('Not now')")
    page.wait_for_selector(notices, state="detached")
    page.goto(site_url + "privacy/")
    assert page.locator(f"{REGION} [data-data-reminder]").is_hidden()
