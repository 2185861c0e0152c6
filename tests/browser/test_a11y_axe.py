"""WCAG 2.2 AA with axe-core (from npm, injected by the test, never shipped): zero
violations on every page, with its worksheets empty and then filled in, in the light and
the dark palette.

One page walks the whole site by instant navigation, so Python starts once and axe is
injected once per full load. At each stop it checks the light palette, then switches to
the dark one with the header's switch (a change of colours only: the page is the same
document) and checks again with the rules that read colours, then switches back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.helpers import PYTHON_TIMEOUT_MS, built_pages
from tests.browser.page_waits import ARRIVED, GO, wait_until
from tests.conftest import MAIN_CONFIG, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
# The rules among those that read colours. A palette changes colours only (the same
# document, the same markup), so in the second palette every other rule would give the
# first one's answer again.
COLOURS = {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}
WORKSHEET_PARTS = "form[data-worksheet], [data-onward-plan]"
LOADING = "Loading the part"

RUN_AXE = """async ([only, include]) => {
  // Colours are measured as shown: let transitions (the header's title swap) finish.
  // (A cancelled one rejects; it is over all the same.)
  await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
  const result = await axe.run(include ? { include: [[include]] } : document,
    { runOnly: only, resultTypes: ["violations"] });
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map((n) => n.target.join(" ") + " :: " + n.failureSummary) }));
}"""

# Every worksheet's result, and My plan, has been worked out for what the form now holds.
RESULTS_SHOWN = """(loading) => [...document.querySelectorAll("[data-worksheet-output]")]
  .every((node) => !node.textContent.includes(loading))
  && [...document.querySelectorAll("[data-onward-plan-status]")]
    .every((node) => /^(You have answers|No answers)/.test(node.textContent))"""

# Fill every worksheet on the page as a visitor might: add a row to each list, then put
# something in every control. Returns each form's result text before filling.
FILL = """() => {
  const before = {};
  for (const form of document.querySelectorAll("form[data-worksheet]")) {
    before[form.dataset.worksheet] = form.querySelector("[data-worksheet-output]").textContent;
    for (const add of form.querySelectorAll("[data-row-action=add]")) add.click();
    const seen = new Set();
    for (const control of form.querySelectorAll("input, textarea")) {
      if (control.type === "radio" || control.type === "checkbox") {
        const group = control.name;
        if (seen.has(group)) continue;
        seen.add(group);
        control.checked = true;
      } else if (control.type === "number") {
        control.value = control.min || "3";
      } else if (control.type === "date") {
        if (!control.value) control.value = new Date().toISOString().slice(0, 10);
      } else if (control.type === "text" || control.tagName === "TEXTAREA") {
        control.value = control.tagName === "TEXTAREA" ? "A first line.\\nA second line."
          : "Sample answer";
      } else {
        continue;
      }
      control.dispatchEvent(new Event("input", { bubbles: true }));
      control.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }
  return before;
}"""
# A form not (or no longer) on the page is "not yet", not an error: the wait then fails
# naming what it waited for.
CHANGED = """(before) => Object.entries(before).every(([id, text]) => {
  const node = document.querySelector(`form[data-worksheet="${id}"] [data-worksheet-output]`);
  return node !== null && node.textContent !== text
    && !node.textContent.includes("Loading the part");
})"""


def describe(violations: list[dict]) -> str:
    return "\n".join(f"  {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
                     for v in violations)


@pytest.fixture(scope="module")
def axe_source() -> Path:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` (axe-core is a devDependency).")
    return AXE


# The header's light/dark switch (overrides/partials/palette.html), and the scheme it sets.
SHOWN_SWITCH = "form[data-onward-palette] label:not([hidden])"
SCHEME_IS = """(scheme) => document.body.getAttribute('data-md-color-scheme') === scheme
  && !document.body.hasAttribute('data-md-color-switching')"""
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}


def switch_to(page, scheme: str) -> None:
    if not page.evaluate(SCHEME_IS, MATERIAL_SCHEME[scheme]):
        page.locator(SHOWN_SWITCH).click()
        wait_until(page, SCHEME_IS, MATERIAL_SCHEME[scheme])


def in_each_scheme(page, schemes: tuple[str, ...], include: str | None) -> dict[str, list]:
    """Violations in each palette, the page left in the first one."""
    found = {}
    for scheme in schemes:
        switch_to(page, scheme)
        rules = WCAG_22_AA if scheme == schemes[0] else COLOURS
        found[scheme] = page.evaluate(RUN_AXE, [rules, include])
    switch_to(page, schemes[0])
    return found


def walk(browser, site_url: str, site_dir: Path, axe: Path,
         schemes: tuple[str, ...]) -> dict[str, list]:
    """Every page's violations, worksheets empty then filled, in each colour scheme."""
    context = browser.new_context(color_scheme=schemes[0])
    context.add_init_script(path=str(axe))
    page = context.new_page()
    found: dict[str, list] = {}
    pages = built_pages(site_dir)
    # My plan first while nothing is saved, and again at the end with everything filled.
    order = ["my-plan/", *[p for p in pages if p != "my-plan/"], "my-plan/"]
    page.goto(site_url)
    assert page.evaluate(SCHEME_IS, MATERIAL_SCHEME[schemes[0]])
    for number, path in enumerate(order):
        href = site_url + path
        if page.url != href:
            page.evaluate(GO, href)
            wait_until(page, ARRIVED, href)
        if page.locator(WORKSHEET_PARTS).count():
            wait_until(page, RESULTS_SHOWN, LOADING, timeout_ms=PYTHON_TIMEOUT_MS)
        state = "filled" if number == len(order) - 1 else "empty"
        for scheme, violations in in_each_scheme(page, schemes, None).items():
            found[f"{scheme} {path or '/'} ({state})"] = violations
        if page.locator("form[data-worksheet]").count():
            before = page.evaluate(FILL)
            wait_until(page, CHANGED, before, timeout_ms=PYTHON_TIMEOUT_MS)
            for scheme, violations in in_each_scheme(page, schemes, "article").items():
                found[f"{scheme} {path} (filled)"] = violations
    context.close()
    return found


def test_every_page_has_no_wcag_violations(browser, site_url, site_dir, site_config,
                                           axe_source):
    # A host copy's own colours are its light palette; its dark one is the guide's, which
    # the main site's walk checks. (`.ci/test -f careers.yml` tests a host's copy as the
    # main site, in both.)
    schemes = ("light", "dark") if site_config == MAIN_CONFIG else ("light",)
    found = walk(browser, site_url, site_dir, axe_source, schemes)
    # Every page, and every worksheet page twice, in each palette (counted from the site: a
    # host's copy may have fewer pages).
    pages = built_pages(site_dir)
    forms = sum('<form class="onward-worksheet"' in (site_dir / p / "index.html").read_text()
                for p in pages)
    assert len(found) >= (len(pages) + forms) * len(schemes), list(found)
    failures = {where: v for where, v in found.items() if v}
    assert failures == {}, "\n".join(f"{where}:\n{describe(v)}" for where, v in failures.items())
