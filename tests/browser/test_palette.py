"""The light/dark switch (overrides/partials/palette.html): the system's scheme on a first
visit, a person's own choice kept across reloads and instant navigation, the browser's
own colours following the header, and Material's palette component left unmounted (its
start-up restyles the whole page twice while a phone loads it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.page_waits import go_by_instant_navigation, wait_until
from tests.conftest import page_with_errors

# The palette needs no Python: its runtime is held (conftest.py's without_python).
pytestmark = pytest.mark.without_python

SHOWN_SWITCH = "form[data-onward-palette] label:not([hidden])"
SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
THEME_COLOUR_SET = """() => /^#[0-9a-f]{6}$/.test(
    document.querySelector("meta[name='theme-color']")?.content || "")"""
COLOUR_SCHEME = "() => document.querySelector(\"meta[name='color-scheme']\").content"


@pytest.fixture
def dark_page(browser: object) -> Iterator[object]:
    context = browser.new_context(color_scheme="dark")
    yield page_with_errors(context)
    context.close()


def test_a_first_visit_takes_the_systems_scheme(page, dark_page, site_url):
    page.goto(site_url)
    dark_page.goto(site_url)
    assert page.evaluate(SCHEME) == "default"
    assert dark_page.evaluate(SCHEME) == "slate"
    # One switch shown, offering the other scheme; nothing stored until a person chooses.
    assert page.locator(SHOWN_SWITCH).get_attribute("title") == "Switch to dark mode"
    assert dark_page.locator(SHOWN_SWITCH).get_attribute("title") == "Switch to light mode"
    stored = page.evaluate("() => Object.keys(localStorage)")
    assert [key for key in stored if key.endswith("__palette")] == []
    assert page.js_errors == dark_page.js_errors == []


def test_a_choice_is_kept_across_pages_and_reloads(page, site_url):
    page.goto(site_url)
    wait_until(page, THEME_COLOUR_SET)
    assert page.evaluate(COLOUR_SCHEME) != "dark"
    page.locator(SHOWN_SWITCH).click()
    assert page.evaluate(SCHEME) == "slate"
    assert page.locator(SHOWN_SWITCH).get_attribute("title") == "Switch to light mode"
    assert page.evaluate(COLOUR_SCHEME) == "dark"  # scroll bars and form controls follow
    wait_until(page, "() => !document.body.hasAttribute('data-md-color-switching')")
    go_by_instant_navigation(page, site_url + "privacy/")
    assert page.evaluate(SCHEME) == "slate"
    page.reload()
    assert page.evaluate(SCHEME) == "slate"
    assert page.locator(SHOWN_SWITCH).count() == 1
    page.locator(SHOWN_SWITCH).click()
    page.reload()
    assert page.evaluate(SCHEME) == "default"
    assert page.js_errors == []


def test_materials_palette_component_is_not_mounted(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="palette"' not in home
    assert "data-onward-palette" in home
