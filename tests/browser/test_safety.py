"""The safety check in a real browser: a crisis phrase typed into step 2's and step 12's
worksheets puts the support note at the top of the result, with the host's support lines
and a link that opens the support page, on a copy served from a subfolder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.browser.helpers import PYTHON_TIMEOUT_MS, import_modules_as_written
from tests.browser.page_waits import wait_output, wait_python, wait_until
from tests.conftest import MAIN_CONFIG, ROOT, built_and_served

PREFIX = "/careers/guide/"
SUPPORT_LINE = "Wellbeing team: 01234 567891, weekdays 9 to 5"
HOST_PHRASE = "can't see a future"
NOTE = "If you are struggling"
# The result region's blocks in order: what the visitor meets first.
FIRST_BLOCK = ("(form) => { const first = document.querySelector("
               "`form[data-worksheet=\"${form}\"] [data-worksheet-result] > *`);"
               " return first ? {cls: first.className, text: first.textContent} : null; }")
NOTE_SHOWN = ("(form) => { const first = document.querySelector("
              "`form[data-worksheet=\"${form}\"] [data-worksheet-result] > *`);"
              " return first && first.classList.contains('onward-note'); }")
# Where a screenshot of the note is written, to look at by hand (unset: none written).
SHOTS = os.environ.get("ONWARD_SAFETY_SHOTS", "")


@pytest.fixture(scope="module")
def host_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped guide with a host's support line and crisis phrase, from a subfolder."""
    work = tmp_path_factory.mktemp("safety")
    settings = {
        "INHERIT": str(MAIN_CONFIG),
        # Paths inherited from the shipped file would be read relative to this one.
        "docs_dir": str(ROOT / "docs"),
        "hooks": [str(ROOT / "hooks" / "onward.py")],
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "extra": {"onward": {
            "support_lines": [SUPPORT_LINE],
            "crisis_phrases": [HOST_PHRASE],
            "definitions": [str(ROOT / "worksheets" / "examples" / "definitions")],
        }},
    }
    config = work / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    with built_and_served(config, work / "site", prefix=PREFIX) as (url, _site):
        yield url


def type_and_see_the_note(page: Page, form: str, field: str, text: str) -> None:
    page.locator(f"form[data-worksheet='{form}'] :is(input, textarea)[name='{field}']").fill(text)
    # Step 12's result always ends with a link naming the support page, so wait for the
    # note itself rather than for its words.
    wait_until(page, NOTE_SHOWN, form, timeout_ms=PYTHON_TIMEOUT_MS)
    first = page.evaluate(FIRST_BLOCK, form)
    assert first is not None and "onward-note" in first["cls"], first
    assert first["text"].startswith(NOTE) and SUPPORT_LINE in first["text"], first


def follow_the_support_link(page: Page, form: str, site: str) -> None:
    link = page.locator(f"form[data-worksheet='{form}'] .onward-note a").first
    assert link.get_attribute("href") == f"{site}support/"
    link.click()
    page.wait_for_url(f"{site}support/")
    # Instant navigation swaps the content after the address changes: wait for the heading.
    expect(page.locator("article h1")).to_contain_text("If you are struggling")


def screenshot(page: Page, form: str, name: str) -> None:
    """The result at 390 px, light and dark (Material's slate scheme), and at 1280 px."""
    if not SHOTS:
        return
    output = page.locator(f"form[data-worksheet='{form}'] [data-worksheet-output]")
    for scheme, width in (("default", 390), ("slate", 390), ("default", 1280)):
        page.set_viewport_size({"width": width, "height": 844})
        page.evaluate("(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)",
                      scheme)
        output.scroll_into_view_if_needed()
        output.screenshot(path=str(Path(SHOTS) / f"{name}-{scheme}-{width}.png"))
    page.set_viewport_size({"width": 390, "height": 844})


@pytest.mark.parametrize(("path", "form", "field", "text"), [
    ("steps/02-separate-worth-from-outcome/", "control-sort", "sentence",
     "I can’t go on like this"),
    ("steps/12-reframe-rejection/", "reframe-record", "automatic_thought",
     "Everyone would be better off without me."),
    ("steps/12-reframe-rejection/", "reframe-record", "situation",
     f"Another no today. I {HOST_PHRASE}."),
])
def test_a_crisis_phrase_puts_the_support_note_first(browser: object, host_site: str,
                                                     path: str, form: str, field: str,
                                                     text: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(host_site + path)
        wait_python(page)
        type_and_see_the_note(page, form, field, text)
        if form == "control-sort":
            # No cheerful rewrite beside the note.
            assert page.locator(f"form[data-worksheet='{form}'] .onward-draft").count() == 0
        screenshot(page, form, f"safety-{form}-{field}")
        follow_the_support_link(page, form, host_site)
        assert not errors
    finally:
        context.close()


def test_step_12_always_links_the_support_page(page: Page, host_site: str) -> None:
    page.goto(host_site + "steps/12-reframe-rejection/")
    wait_python(page)
    form = "reframe-record"
    page.locator(f"form[data-worksheet='{form}'] textarea[name='situation']").fill(
        "An email on Tuesday saying they chose someone else.")
    wait_output(page, form, "If this brings up more than you can carry today:")
    assert page.locator(f"form[data-worksheet='{form}'] .onward-note").count() == 0
    link = page.locator(f"form[data-worksheet='{form}'] .onward-link a")
    assert link.get_attribute("href") == f"{host_site}support/"


RENDER = """async ([site, blocks]) => {
  const { renderBlocks } = await import(`${site}assets/onward/result-view.js`);
  const target = document.createElement("div");
  renderBlocks(target, blocks);
  return [...target.querySelectorAll("p, a, h5, section")].map((node) => ({
    tag: node.tagName, text: node.textContent, href: node.getAttribute("href") }));
}"""


def test_links_resolve_against_the_site_root_and_refuse_other_schemes(page: Page,
                                                                       host_site: str) -> None:
    # From a page two folders deep, under the subfolder the copy is served from.
    import_modules_as_written(page, host_site)
    page.goto(host_site + "steps/12-reframe-rejection/")
    hostile = "<img src=x onerror=alert(1)>"
    nodes = page.evaluate(RENDER, [host_site, [
        {"type": "link", "text": "Support", "href": "support/", "lead": "See"},
        {"type": "link", "text": "Bad", "href": "javascript:alert(1)", "lead": ""},
        {"type": "note", "title": hostile, "blocks": [
            {"type": "text", "text": hostile},
            {"type": "link", "text": "Book", "href": "https://careers.example.edu/book"}]},
    ]])
    anchors = [n for n in nodes if n["tag"] == "A"]
    assert [(a["text"], a["href"]) for a in anchors] == [
        ("Support", f"{host_site}support/"), ("Book", "https://careers.example.edu/book")]
    assert {"tag": "P", "text": "Bad", "href": None} in nodes
    assert [n["text"] for n in nodes if n["tag"] == "H5"] == [hostile]
    assert page.locator("img[src=x]").count() == 0
