"""Keyboard only: skip to the content, complete a worksheet, add and remove a row, copy a
draft, and export a backup, with a visible focus ring on every stop and each change
announced. The worksheet is the hosting guide's example (every kind of control it needs)."""

from __future__ import annotations

import json

from tests.browser.page_waits import wait_until

PAGE = "hosting/add-a-worksheet/"
FORM = "appointment-prep"
MAX_TABS = 250

# What has the focus, and whether a sighted keyboard user can see it: an outline of at
# least 2 px, or a box shadow, that is not transparent.
FOCUSED = """() => {
  const node = document.activeElement;
  if (!node || node === document.body) return null;
  const style = getComputedStyle(node);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
    && !style.outlineColor.endsWith(", 0)") && style.outlineColor !== "transparent";
  return {
    tag: node.tagName.toLowerCase(), name: node.name || "", type: node.type || "",
    text: (node.textContent || node.value || "").trim().slice(0, 60),
    action: node.dataset.rowAction || node.dataset.dataAction || "",
    inForm: Boolean(node.closest(`form[data-worksheet="FORM_ID"]`)),
    inOutput: Boolean(node.closest("[data-worksheet-output]")),
    visible: outline || style.boxShadow !== "none",
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED.replace("FORM_ID", FORM))


def press(page, key: str, trail: list | None = None) -> dict:
    page.keyboard.press(key)
    now = focused(page)
    assert now is not None, f"{key} left the focus nowhere, after: {(trail or [])[-8:]}"
    assert now["visible"], f"no visible focus ring on {now}"
    return now


def tab_to(page, wanted, backwards: bool = False) -> dict:
    """Tab (every stop checked for a focus ring) until `wanted(focus)` holds."""
    trail: list = []
    for _ in range(MAX_TABS):
        now = press(page, "Shift+Tab" if backwards else "Tab", trail)
        trail.append((now["tag"], now["name"], now["text"][:20]))
        if wanted(now):
            return now
    raise AssertionError(f"{MAX_TABS} tabs did not reach the control; last: {trail[-8:]}")


def control(name: str):
    return lambda now: now["inForm"] and now["name"] == name


def question(now: dict) -> bool:
    """A row's question box: named questions.<row key>.question (DOM contract)."""
    return now["inForm"] and now["name"].startswith("questions.") \
        and now["name"].endswith(".question")


def test_a_worksheet_completed_by_keyboard_alone(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + PAGE)
    status = page.locator(f"form[data-worksheet={FORM}] [data-worksheet-status]")
    assert status.get_attribute("role") == "status"  # saving is announced
    output = page.locator(f"form[data-worksheet={FORM}] [data-worksheet-output]")
    assert output.get_attribute("aria-live") == "polite"  # and so is each new result

    first = press(page, "Tab")
    assert first["text"] == "Skip to content"
    # The skip link puts the focus on the page's heading, without reloading the page.
    heading = press(page, "Enter")
    assert heading["tag"] == "h1" and heading["text"].startswith("Add your own worksheet")
    tab_to(page, lambda now: now["inForm"])
    # A radio group: one Tab stop, arrow keys choose.
    assert focused(page)["name"] == "goal"
    page.keyboard.press("ArrowDown")
    assert page.is_checked(f"form[data-worksheet={FORM}] input[name=goal][value=applications]")

    tab_to(page, question)
    page.keyboard.type("Which roles suit me?")
    tab_to(page, lambda now: now["action"] == "add")
    page.keyboard.press("Enter")  # the new row's first box takes the focus
    assert question(focused(page))
    page.keyboard.type("How do I find employers?")
    rows = page.locator(f"form[data-worksheet={FORM}] [data-field=questions] [data-row]")
    assert rows.count() == 2

    # Remove the first row: back to its Remove button, Enter, confirm.
    tab_to(page, lambda now: now["action"] == "remove", backwards=True)
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("Enter")
    assert rows.count() == 1
    assert rows.first.locator("input").input_value() == "How do I find employers?"
    assert focused(page)["action"] == "remove"  # the focus stays in the list, not lost

    tab_to(page, control("tried"))
    page.keyboard.type("I have sent four applications.")
    tab_to(page, control("bring"))
    page.keyboard.press("Space")
    tab_to(page, control("adviser"))
    page.keyboard.type("Priya")
    # The result is worked out again after the last key: wait for the note to greet Priya.
    wait_until(page, "(form) => [...document.querySelectorAll(`form[data-worksheet=\"${form}\"]"
               " [data-worksheet-output] textarea`)]"
               ".some((t) => t.value.startsWith('Hello Priya,'))", FORM)
    status.filter(has_text="Saved in this browser.").wait_for()

    # Copy the draft note from the result.
    tab_to(page, lambda now: now["inOutput"] and now["text"] == "Copy")
    page.keyboard.press("Enter")
    note = output.locator(".onward-draft__note")
    note.filter(has_text="Copied.").wait_for()
    assert note.get_attribute("role") == "status"
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("Hello Priya,") and "How do I find employers?" in copied

    # Export: the backup download on My plan, by keyboard too.
    page.goto(site_url + "my-plan/")
    tab_to(page, lambda now: now["action"] == "export")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    backup = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert FORM in json.dumps(backup)
    context.close()
