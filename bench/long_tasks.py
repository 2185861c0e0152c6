"""Which scripts hold a phone's main thread while a page loads: Onward's or Material's.

Run by hand (it is not a test, and takes a few minutes):

    .venv/bin/python bench/long_tasks.py [--runs 5] [--pages home,step,plan] [--cpu 4]
        [--site site/]

A steadier measure than Lighthouse's score, whose simulation swings by ten points or more
on this machine. It builds the site (unless --site names one built for this address) and
serves it, and a copy without Onward's scripts ("Material alone", as bench/lighthouse.py
makes it), through the hosting guide's nginx recipe. Each page is loaded `--runs` times
at 390×844, in a fresh context, with the main thread slowed down `--cpu` times (Chrome
DevTools Protocol `Emulation.setCPUThrottlingRate`). For four seconds after the load
event it collects long tasks and long animation frames. Printed, per page and variant:

- blocking time, the sum over long tasks of their time beyond 50 ms (as Lighthouse's
  total blocking time counts it, from a real load rather than a simulation);
- the scripts that ran in long animation frames, by file and how they were started
  (a classic script, a module, an event listener...), with their median time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import lighthouse  # noqa: E402  (the nginx recipe, the pages, Material alone)

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, MAIN_CONFIG, build_site  # noqa: E402
from tests.site_server import free_port  # noqa: E402

# Installed before the page's own scripts: every long task and long animation frame.
WATCH = """
globalThis.__longTasks = [];
globalThis.__frames = [];
new PerformanceObserver((list) => {
  for (const task of list.getEntries()) __longTasks.push(task.duration);
}).observe({ type: "longtask", buffered: true });
new PerformanceObserver((list) => {
  for (const frame of list.getEntries()) {
    __frames.push(frame.scripts.map((script) => [
      `${(script.sourceURL || "(inline)").split("/").pop() || "(inline)"} ${script.invokerType}`,
      script.duration]));
  }
}).observe({ type: "long-animation-frame", buffered: true });
"""
AFTER_LOAD_MS = 4000  # what runs after the load event: Material's set-up, Python's start
VIEWPORT = {"width": 390, "height": 844}
SHOWN_SCRIPTS = 5


def one_load(browser: Any, url: str, cpu: float) -> tuple[float, dict[str, float]]:
    """Blocking time and time per script, for one load of `url` in a fresh context."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(WATCH)
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
        page.goto(url, wait_until="load")
        page.wait_for_timeout(AFTER_LOAD_MS)  # a window to observe, not a synchronisation
        blocking = sum(max(0.0, duration - 50) for duration in page.evaluate("__longTasks"))
        scripts: dict[str, float] = defaultdict(float)
        for frame in page.evaluate("__frames"):
            for name, duration in frame:
                scripts[name] += duration
        return blocking, scripts
    finally:
        context.close()


def report(label: str, loads: list[tuple[float, dict[str, float]]]) -> None:
    blocking = lighthouse.spread([total for total, _ in loads], " ms")
    print(f"{label:<28} blocking {blocking}")
    names = {name for _, scripts in loads for name in scripts}
    medians = {name: statistics.median(scripts.get(name, 0.0) for _, scripts in loads)
               for name in names}
    for name, duration in sorted(medians.items(), key=lambda item: -item[1])[:SHOWN_SCRIPTS]:
        print(f"    {duration:5.0f} ms  {name}")


def measure(base: str, names: list[str], runs: int, cpu: float, label: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name in names:
                loads = [one_load(browser, base + lighthouse.PAGES[name], cpu)
                         for _ in range(runs)]
                report(f"{name}{label}", loads)
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default=",".join(lighthouse.PAGES))
    parser.add_argument("--cpu", type=float, default=4, help="main-thread slowdown")
    parser.add_argument("--site", type=Path, help="a site already built for this address")
    args = parser.parse_args()
    port = free_port()
    names = args.pages.split(",")
    with tempfile.TemporaryDirectory(prefix="onward-long-tasks-") as folder:
        site = args.site or build_site(MAIN_CONFIG, Path(folder) / "site",
                                       site_url=f"http://127.0.0.1:{port}{lighthouse.PREFIX}")
        alone = lighthouse.without_onward_scripts(site, Path(folder) / "material-alone")
        print(f"Long tasks while loading, CPU {args.cpu:g}× slower, median of {args.runs} "
              f"(range), via nginx; scripts from long animation frames, median ms per load.\n")
        for variant, label in ((site, ""), (alone, " (Material alone)")):
            with lighthouse.served(variant, port) as base:
                measure(base, names, args.runs, args.cpu, label)


if __name__ == "__main__":
    main()
