"""The passphrase lock: nothing readable in storage while locked, a wrong passphrase says
so and destroys nothing, the right one opens the answers, and every write has a new IV."""

from __future__ import annotations

import json

import pytest

from tests.browser.data_helpers import (
    FIRST_TEXT,
    WORKSHEET,
    WORKSHEET_PAGE,
    own_answer_keys,
    storage_snapshot,
    vault_key,
)
from tests.browser.helpers import POLL_MS, wait_saved

# Tests of what is saved: Python's runtime is held (conftest.py's without_python).
pytestmark = pytest.mark.without_python

REGION = "[data-onward-data]"
BANNER = "[data-onward-banner=locked]"
SECRET = "A very private sentence"
VAULT = vault_key()


def vault(page) -> dict:
    return json.loads(page.evaluate("(k) => localStorage.getItem(k)", VAULT))


def test_passphrase_lock(page, site_url):
    page.goto(site_url + WORKSHEET_PAGE)
    page.fill(FIRST_TEXT, SECRET)
    wait_saved(page, WORKSHEET)
    page.goto(site_url + "privacy/")
    # The page says what forgetting means before anything is set.
    warning = page.text_content(f"{REGION} [data-data-lock-off]")
    assert "can't be recovered" in warning and "erase" in warning
    page.fill(f"{REGION} [data-data-pass]", "correct horse battery")
    page.fill(f"{REGION} [data-data-pass2]", "correct horse battery")
    page.click(f'{REGION} [data-data-action="lock-set"]')
    page.wait_for_function("(s) => document.querySelector(s).textContent.includes('locked "
                           "with your passphrase')", arg=f"{REGION} [data-data-status]",
                           polling=POLL_MS)
    stored = storage_snapshot(page)
    assert SECRET not in json.dumps(stored)
    assert not own_answer_keys(page)  # not even which worksheets
    sealed = vault(page)
    assert sealed["kdf"]["name"] == "PBKDF2" and sealed["kdf"]["hash"] == "SHA-256"
    assert sealed["kdf"]["iterations"] >= 600_000
    assert len(sealed["kdf"]["salt"]) >= 20 and len(sealed["iv"]) == 16  # 16 and 12 bytes

    page.reload()
    page.wait_for_selector(BANNER)
    page.goto(site_url + WORKSHEET_PAGE)
    form = f"form[data-worksheet={WORKSHEET}]"
    assert page.input_value(FIRST_TEXT) == ""
    assert page.evaluate("(s) => document.querySelector(s).inert", form)
    assert page.text_content(f"{form} [data-worksheet-status]").startswith("Locked")
    before = storage_snapshot(page)
    page.fill(f"{BANNER} input[type=password]", "wrong horse battery")
    page.click(f"{BANNER} button:text('Unlock')")
    page.wait_for_function("(s) => document.querySelector(s).textContent.includes('not the one')",
                           arg=f"{BANNER} [role=status]", polling=POLL_MS)
    assert storage_snapshot(page) == before  # a wrong passphrase destroys nothing

    page.fill(f"{BANNER} input[type=password]", "correct horse battery")
    page.click(f"{BANNER} button:text('Unlock')")
    page.wait_for_selector(BANNER, state="detached")
    assert page.input_value(FIRST_TEXT) == SECRET
    first_iv = vault(page)["iv"]
    page.fill(FIRST_TEXT, SECRET + ", changed")
    page.wait_for_function("([k, iv]) => JSON.parse(localStorage.getItem(k)).iv !== iv",
                           arg=[VAULT, first_iv], polling=POLL_MS)
    assert "changed" not in json.dumps(storage_snapshot(page))
    page.reload()
    page.fill(f"{BANNER} input[type=password]", "correct horse battery")
    page.press(f"{BANNER} input[type=password]", "Enter")
    page.wait_for_selector(BANNER, state="detached")
    assert page.input_value(FIRST_TEXT) == SECRET + ", changed"

    # Forgotten: the only way on is to erase, from the same banner.
    page.reload()
    page.click(f"{BANNER} button:text('Erase locked answers…')")
    assert page.evaluate("(k) => localStorage.getItem(k)", VAULT) is not None  # asked first
    page.click(f"{BANNER} button:text('Erase them for good')")
    page.wait_for_selector(BANNER, state="detached")
    assert page.evaluate("(k) => localStorage.getItem(k)", VAULT) is None
    assert page.input_value(FIRST_TEXT) == ""
    assert not page.evaluate("(s) => document.querySelector(s).inert", form)
    assert page.js_errors == []
