"""Step 15's card is printable: its button prints the card alone, not the page around it."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.page_waits import wait_output

STEP_15 = "steps/15-believe-in-your-potential/"
FORM = "affirmations"
OWN_LINE = "I kept a 40-person event on schedule."
# What the page shows while printing: is each element painted or hidden?
PRINTED = """() => {
  const shown = (node) => Boolean(node && node.getClientRects().length);
  return {
    card: shown(document.querySelector('.onward-card-print .onward-card__body')),
    line: [...document.querySelectorAll('.onward-card-print li')]
      .map((li) => shown(li) ? li.textContent : null),
    heading: shown(document.querySelector('.md-content h1')),
    form: shown(document.querySelector('form[data-worksheet] fieldset')),
    header: shown(document.querySelector('.md-header')),
  };
}"""


def test_the_card_prints_alone_and_the_page_returns_after(page: Page, site_url: str) -> None:
    page.goto(site_url + STEP_15)
    form = page.locator(f"form[data-worksheet='{FORM}']")
    form.locator("input[value='capable']").check()
    form.locator("input[name$='text']").first.fill(OWN_LINE)
    wait_output(page, FORM, "Print your card")
    card = form.locator(".onward-card")
    assert card.locator("li").all_text_contents() == [OWN_LINE, "I am capable."]

    # Headless Chromium has no print dialog: record what print media shows at the moment
    # the page asks to print, then close the "dialog" as a browser would.
    button = card.locator("button.onward-card__print")
    assert button.text_content() == "Print your card"
    assert button.is_visible()
    page.evaluate("() => { const printed = " + PRINTED + "; window.print = () => {"
                  " window.onwardPrinted = printed();"
                  " window.dispatchEvent(new Event('afterprint')); }; }")
    page.emulate_media(media="print")
    # Print media hides the button itself, so the click is dispatched, as a tap before
    # the dialog opened would have been.
    button.dispatch_event("click")
    printed = page.evaluate("() => window.onwardPrinted")
    assert printed["card"] and printed["line"] == [OWN_LINE, "I am capable."]
    assert not (printed["heading"] or printed["form"] or printed["header"]), printed
    # After printing, the whole page prints again (a later Ctrl+P is not the card alone).
    assert not page.evaluate("() => document.querySelector('.onward-card-print')")
    assert page.evaluate(f"({PRINTED})")["heading"]
