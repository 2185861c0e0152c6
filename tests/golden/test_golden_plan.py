"""Golden HTML of a filled My plan: the fixture site's plan page after loading saved answers.

The filled plan is drawn in the browser (plan-view.js and result-view.js turn the blocks
that Python's plan.py returns into DOM), and no Python draws that HTML, so this golden is
taken from Chromium: each `filled_plan/<name>.json` ({worksheet id: answers}) is stored in
the browser, the plan page is opened, and the plan region's HTML, once ready, must equal
`filled_plan/<name>.html`. Adding a case is adding the `.json`, then
`.ci/test tests/golden --update-golden` and reading the `.html` it writes.

The browser's clock is fixed, so dates worked out from "today" do not change the output.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.browser.data_helpers import put_record
from tests.browser.page_waits import wait_until
from tests.golden.golden import check_golden, pretty

CASES = Path(__file__).parent / "filled_plan"
TODAY = datetime(2026, 3, 9, 10, 30, tzinfo=UTC)
PLAN = "[data-onward-plan]"
# Set on the plan once every summary is drawn (plan-view.js), or the status if it failed.
READY_OR_FAILED = (f"() => document.querySelector('{PLAN}')?.hasAttribute('data-plan-ready')"
                   " || /can't|went wrong/.test(document.querySelector("
                   "'[data-onward-plan-status]')?.textContent || '')")
# Attributes whose value is the browser's own (layout, focus), not the page's.
_VOLATILE = re.compile(r' (?:style|tabindex)="[^"]*"')


def _record(worksheet: str, answers: dict[str, Any]) -> dict[str, Any]:
    return {"format": 1, "worksheet": worksheet, "version": 1, "answers": answers,
            "times": {}, "savedAt": TODAY.isoformat().replace("+00:00", "Z")}


def filled_plan_html(page: Any, fixture_url: str, answers: dict[str, dict[str, Any]]) -> str:
    page.clock.set_fixed_time(TODAY)
    page.goto(fixture_url)
    for worksheet, values in answers.items():
        put_record(page, worksheet, _record(worksheet, values))
    page.goto(fixture_url + "my-plan/")
    wait_until(page, READY_OR_FAILED, timeout_ms=90_000)
    assert page.evaluate(f"() => document.querySelector('{PLAN}').hasAttribute("
                         "'data-plan-ready')"), page.text_content("[data-onward-plan-status]")
    html = page.eval_on_selector(PLAN, "node => node.outerHTML")
    # Material's instant navigation makes links absolute; the server's port changes per run.
    return _VOLATILE.sub("", html.replace(f'="{fixture_url}', '="{site}/'))


@pytest.mark.parametrize("case", sorted(CASES.glob("*.json")), ids=lambda path: path.stem)
def test_a_filled_plan_renders_as_golden_html(case: Path, page: Any, fixture_url: str,
                                              request: pytest.FixtureRequest) -> None:
    answers = json.loads(case.read_text(encoding="utf-8"))
    html = filled_plan_html(page, fixture_url, answers)
    assert page.js_errors == []
    check_golden(request, case.with_suffix(".html"), pretty(html))
