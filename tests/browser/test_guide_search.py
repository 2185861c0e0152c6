"""Search finds each step by the words a reader would type, with the right page first."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import POLL_MS

QUERIES = {
    "feedback": "steps/04-ask-for-feedback/",
    "LinkedIn": "steps/07-keep-in-touch-with-interviewers/",
    "STAR": "steps/13-prepare-for-the-next-interview/",
    "affirmation": "steps/15-believe-in-your-potential/",
    "mock interview": "steps/13-prepare-for-the-next-interview/",
    "reframe": "steps/12-reframe-rejection/",
    "job alerts": "steps/08-keep-your-search-moving/",
}


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


@pytest.mark.parametrize(("query", "expected"), QUERIES.items())
def test_the_right_step_comes_first(search_page, site_url, query, expected):
    page = search_page
    page.click("label.md-search__icon, .md-search__input")
    page.fill("input.md-search__input", "")
    # Typed key by key: Material's search listens to keyboard events, as a person types.
    page.locator("input.md-search__input").press_sequentially(query, delay=10)
    # Results update as each key lands; wait for the ones for the whole query.
    page.wait_for_function(
        "(q) => [...document.querySelectorAll('.md-search-result__item a')]"
        ".some((a) => new URL(a.href).searchParams.get('h') === q)", arg=query.lower(),
        polling=POLL_MS)
    href = page.locator(".md-search-result__item > a").first.get_attribute("href")
    assert urlsplit(href).path == urlsplit(site_url + expected).path, f"{query!r} → {href}"
