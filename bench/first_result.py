"""The first result after the first keystroke, on a cold visit to a phone-speed page.

Run by hand (it is not a test, and takes a few minutes):

    .venv/bin/python bench/first_result.py [--runs 5] [--cpu 4] [--type-at 1500]

It builds the site and serves it as bench/python_start.py does (a static host sending the
build's .br/.gz siblings), then, in a fresh Chromium profile per run with the CPU slowed
down 4x (Chrome DevTools Protocol `Emulation.setCPUThrottlingRate`), opens step 1, waits
until 1.5 s after navigation start (or until the form is there, if later) and types one
letter into the first check-in's journal. Measured: from that keystroke (the input
event's time) to the moment the worksheet shows the result for it (the result's text is
the one CPython's compute gives for the same answers), and the page's
`worksheets:python-ready` mark in the same run. Target: the result within 1 s of
python-ready. Prints the median and range of each, and every run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import python_start as host_bench  # noqa: E402  (the static host and profile set-up)

from worksheets.compute import runner  # noqa: E402

PAGE = "steps/01-acknowledge-your-feelings/"
WORKSHEET = "feelings-check-in"
TYPED_FIELD = 'textarea[name="checkins.0.journal"]'
TYPED = "I"
TARGET_AFTER_READY_MS = 1000

# Installed before the page's own scripts: the time of the first input event in the form,
# and every text the result area shows afterwards, each with the time it appeared.
WATCH = """
globalThis.__firstInput = null;
globalThis.__results = [];
addEventListener("input", (event) => {
  if (__firstInput === null && event.target.closest("form[data-worksheet]")) {
    __firstInput = event.timeStamp;
  }
}, true);
new MutationObserver(() => {
  if (__firstInput === null) return;
  const result = document.querySelector("form[data-worksheet] [data-worksheet-result]");
  if (result) __results.push([performance.now(), result.textContent]);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""
# Waits in the page (the site's policy forbids Playwright's own polling) until the result
# for the typed answer is shown; then its time, or null.
RESULT_SHOWN = """([expected, limit]) => new Promise((resolve) => {
  const give_up = performance.now() + limit;
  const look = () => {
    const found = __results.find(([, text]) => text.includes(expected));
    if (found) resolve(found[0]);
    else if (performance.now() > give_up) resolve(null);
    else setTimeout(look, 20);
  };
  look();
})"""
UNTIL = """(at) => new Promise((resolve) => {
  const look = () => performance.now() >= at ? resolve(performance.now()) : setTimeout(look, 5);
  look();
})"""


@dataclass(frozen=True)
class Run:
    typed_at_ms: float  # since navigation start
    result_ms: float  # from the keystroke
    ready_ms: float  # worksheets:python-ready, since navigation start

    @property
    def after_ready_ms(self) -> float:
        """How long after Python was ready the result was shown (0 if before: impossible)."""
        return self.typed_at_ms + self.result_ms - self.ready_ms


def expected_text() -> str:
    """What the worksheet shows for one letter in a dated check-in: its compute's first
    block, worked out here by CPython from the same answers."""
    today = date.today()
    result = runner.run(WORKSHEET, {"checkins": [{"date": today.isoformat(), "journal": TYPED}]},
                        today)
    return result[0]["text"]


def one_run(playwright: Any, url: str, cpu: float, type_at: float, expected: str) -> Run:
    with tempfile.TemporaryDirectory(prefix="onward-bench-first-") as folder:
        context = host_bench.open_profile(playwright, Path(folder))
        try:
            context.add_init_script(WATCH)
            page = context.new_page()
            session = context.new_cdp_session(page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
            page.goto(url, wait_until="commit", timeout=host_bench.TIMEOUT_MS)
            page.wait_for_selector(TYPED_FIELD, timeout=host_bench.TIMEOUT_MS)
            page.evaluate(UNTIL, type_at)
            page.type(TYPED_FIELD, TYPED)
            shown = page.evaluate(RESULT_SHOWN, [expected, host_bench.TIMEOUT_MS])
            if shown is None:
                raise RuntimeError(f"no result showing {expected!r} at {url}")
            typed = page.evaluate("__firstInput")
            ready = host_bench.wait_mark(page, "worksheets:python-ready")
            return Run(typed_at_ms=typed, result_ms=shown - typed, ready_ms=ready)
        finally:
            context.close()


def measure(runs: int, cpu: float, type_at: float) -> list[Run]:
    """`runs` cold visits, each in a fresh profile, against a freshly built site."""
    from playwright.sync_api import sync_playwright

    port = host_bench.free_port()
    base = f"http://127.0.0.1:{port}/"
    expected = expected_text()
    results = []
    with tempfile.TemporaryDirectory(prefix="onward-bench-") as work:
        site = Path(work) / "site"
        print("building the site…", file=sys.stderr)
        host_bench.build_site(site, base + "site/")
        ledger = host_bench.Ledger()
        with host_bench.host({"/site/": (site, "site")}, ledger, port), \
                sync_playwright() as playwright:
            for number in range(runs):
                run = one_run(playwright, base + "site/" + PAGE, cpu, type_at, expected)
                results.append(run)
                print(f"run {number + 1}: typed at {run.typed_at_ms:,.0f} ms, result after "
                      f"{run.result_ms:,.0f} ms, python-ready at {run.ready_ms:,.0f} ms",
                      file=sys.stderr)
    return results


def spread(values: list[float]) -> str:
    return (f"{statistics.median(values):,.0f} ms "
            f"({min(values):,.0f}–{max(values):,.0f})")


def summary(results: list[Run]) -> dict[str, str]:
    """The medians the bench table shows, and whether the target holds."""
    after = statistics.median([r.after_ready_ms for r in results])
    return {
        "keystroke → result": spread([r.result_ms for r in results]),
        "python-ready (cold)": spread([r.ready_ms for r in results]),
        "result after python-ready": spread([r.after_ready_ms for r in results]),
        "target": f"≤ {TARGET_AFTER_READY_MS} ms after python-ready",
        "verdict": "met" if after <= TARGET_AFTER_READY_MS else "NOT met",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpu", type=float, default=4, help="CPU slowdown (CDP)")
    parser.add_argument("--type-at", type=float, default=1500,
                        help="ms after navigation start to type the first letter")
    args = parser.parse_args()
    results = measure(args.runs, args.cpu, args.type_at)
    print(f"\nFirst result after the first keystroke, step 1, cold, CPU {args.cpu:g}x, typing "
          f"at {args.type_at:,.0f} ms; median (min–max) of {args.runs}:")
    for label, value in summary(results).items():
        print(f"  {label:<28} {value}")


if __name__ == "__main__":
    main()
