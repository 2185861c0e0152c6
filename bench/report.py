"""Every speed target of the guide in one table: Lighthouse per page, the first result after
the first keystroke, Python's cold, returning and 4G start against stock Pyodide, and the
runtime bytes a reader who opens no worksheet downloads.

Run by hand on a quiet machine (it takes a quarter of an hour or more):

    .venv/bin/python bench/report.py [--lighthouse-runs 3] [--keystroke-runs 5]
        [--rounds 5] [--rounds-4g 3] [--skip lighthouse,keystroke,start,reader]

Each part is the bench script of its own (bench/lighthouse.py, bench/first_result.py,
bench/python_start.py), run with the same settings; this script only gathers their medians
and says, per target, whether it was met. Numbers from a busy machine are not comparable:
the table says the load average it was measured under.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import first_result  # noqa: E402
import lighthouse  # noqa: E402
import python_start  # noqa: E402

from worksheets.builder import offline  # noqa: E402

Row = tuple[str, str, str, str]  # measure, value, target, verdict
READER_PAGES = ("", "situations/", "privacy/")
LIGHTHOUSE_PERFORMANCE, LIGHTHOUSE_LCP_MS, LIGHTHOUSE_TBT_MS = 95, 2000, 200
COLD_RATIO, RETURNING_MS, FOUR_G_RATIO = 0.6, 750, 0.6


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def median(values: list[float]) -> float:
    return statistics.median(values)


# --- Lighthouse ---------------------------------------------------------------------------


def lighthouse_rows(runs: int) -> list[Row]:
    """Each page as built, then (for reference, no target) the same pages with Onward's
    scripts taken out: Material's own cost on this machine."""
    lighthouse.ensure_lighthouse()
    port = lighthouse.free_port()
    rows = []
    with tempfile.TemporaryDirectory(prefix="onward-report-lh-") as folder:
        site = lighthouse.build_site(lighthouse.MAIN_CONFIG, Path(folder) / "site",
                                     site_url=f"http://127.0.0.1:{port}{lighthouse.PREFIX}")
        with lighthouse.served(site, port) as base:
            rows += [_lighthouse_row(name, _medians(base + path, runs), reference=False)
                     for name, path in lighthouse.PAGES.items()]
        alone = lighthouse.without_onward_scripts(site, Path(folder) / "alone")
        with lighthouse.served(alone, port) as base:
            rows += [_lighthouse_row(f"{name}, Material alone", _medians(base + path, runs),
                                     reference=True)
                     for name, path in lighthouse.PAGES.items()]
    return rows


def _medians(url: str, runs: int) -> tuple[float, float, float]:
    results = lighthouse.runs_of(url, runs)
    return (median([r.performance for r in results]), median([r.lcp_ms for r in results]),
            median([r.tbt_ms for r in results]))


def _lighthouse_row(name: str, medians: tuple[float, float, float], reference: bool) -> Row:
    score, lcp, tbt = medians
    value = f"{score:.0f} (LCP {lcp / 1000:.2f} s, TBT {tbt:.0f} ms)"
    if reference:  # no scripts of Onward's: what the pages cannot go below here
        return (f"Lighthouse mobile, {name}", value, "reference", "")
    ok = score >= LIGHTHOUSE_PERFORMANCE and lcp <= LIGHTHOUSE_LCP_MS and tbt <= LIGHTHOUSE_TBT_MS
    return (f"Lighthouse mobile, {name}", value,
            f"≥ {LIGHTHOUSE_PERFORMANCE}, LCP ≤ {LIGHTHOUSE_LCP_MS / 1000:g} s, "
            f"TBT ≤ {LIGHTHOUSE_TBT_MS} ms", verdict(ok))


# --- the first keystroke ------------------------------------------------------------------


def keystroke_rows(runs: int) -> list[Row]:
    results = first_result.measure(runs, cpu=4, type_at=1500)
    after = median([r.after_ready_ms for r in results])
    return [
        ("first result after the first keystroke (CPU 4x, typed at 1.5 s)",
         f"{median([r.result_ms for r in results]):,.0f} ms after the keystroke; "
         f"python-ready {median([r.ready_ms for r in results]):,.0f} ms",
         "", ""),
        ("  result shown after python-ready, same run", f"{after:,.0f} ms",
         f"≤ {first_result.TARGET_AFTER_READY_MS} ms",
         verdict(after <= first_result.TARGET_AFTER_READY_MS)),
    ]


# --- Python's start, against stock -------------------------------------------------------


def start_rows(rounds: int, rounds_4g: int) -> list[Row]:
    from playwright.sync_api import sync_playwright

    port = python_start.free_port()
    base = f"http://127.0.0.1:{port}/"
    runs: list[python_start.Run] = []
    runs_4g: list[python_start.Run] = []
    with tempfile.TemporaryDirectory(prefix="onward-report-start-") as work:
        site, stock = Path(work) / "site", Path(work) / "stock"
        python_start.build_site(site, base + "site/")
        python_start.stock_folder(stock)
        roots = {"/site/": (site, "site"), "/stock/": (stock, "stock")}
        ledger = python_start.Ledger()
        with python_start.host(roots, ledger, port), sync_playwright() as playwright:
            plan = [("local", i) for i in range(rounds)] + [("4g", i) for i in range(rounds_4g)]
            for kind, number in plan:
                order = ("stock", "site") if number % 2 == 0 else ("site", "stock")
                for variant in order:
                    run = python_start.measure(playwright, variant, base, ledger,
                                               python_start.FOUR_G if kind == "4g" else None)
                    (runs_4g if kind == "4g" else runs).append(run)

    def of(source: list[python_start.Run], variant: str, attr: str) -> list[float]:
        return [getattr(r, attr) for r in source
                if r.variant == variant and getattr(r, attr) is not None]

    cold = python_start.ratio(of(runs, "site", "cold_ms"), of(runs, "stock", "cold_ms"))
    later = of(runs, "site", "later_ms")
    slow = python_start.ratio(of(runs_4g, "site", "cold_ms"), of(runs_4g, "stock", "cold_ms"))
    returning = median(later) if later else None
    return [
        ("cold python-ready vs stock loadPyodide()",
         f"{cold:.2f}x ({median(of(runs, 'site', 'cold_ms')):,.0f} vs "
         f"{median(of(runs, 'stock', 'cold_ms')):,.0f} ms)" if cold else "n/a",
         f"≤ {COLD_RATIO}x", verdict(cold is not None and cold <= COLD_RATIO)),
        ("returning visit (third, after a pause)",
         "n/a" if returning is None else f"{returning:,.0f} ms", f"≤ {RETURNING_MS} ms",
         verdict(returning is not None and returning <= RETURNING_MS)),
        ("4G cold python-ready vs stock", f"{slow:.2f}x" if slow else "n/a",
         f"≤ {FOUR_G_RATIO}x", verdict(slow is not None and slow <= FOUR_G_RATIO)),
    ]


# --- a reader's runtime bytes ----------------------------------------------------------------

# The offline copy of the pages is saved: the worker has done all it does for a reader.
PAGES_SAVED = """() => new Promise((resolve) => {
  const ask = () => {
    const worker = navigator.serviceWorker.controller;
    if (!worker) { setTimeout(ask, 100); return; }
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => data && data.current ? resolve(true)
      : setTimeout(ask, 100);
    worker.postMessage({ op: "status" }, [channel.port2]);
  };
  ask();
})"""


def reader_rows() -> list[Row]:
    """Home and two pages without a worksheet in a fresh profile, offline copy included:
    bytes of runtime files the server sent (to the pages and to the service worker)."""
    from playwright.sync_api import sync_playwright

    port = python_start.free_port()
    base = f"http://127.0.0.1:{port}/site/"
    ledger = python_start.Ledger()
    with tempfile.TemporaryDirectory(prefix="onward-report-reader-") as work:
        site = Path(work) / "site"
        python_start.build_site(site, base)
        with python_start.host({"/site/": (site, "site")}, ledger, port), \
                sync_playwright() as playwright, \
                tempfile.TemporaryDirectory(prefix="onward-report-profile-") as profile:
            context = python_start.open_profile(playwright, Path(profile))
            try:
                page = context.new_page()
                for path in READER_PAGES:
                    page.goto(base + path)
                    page.evaluate(PAGES_SAVED)
            finally:
                context.close()
    sent = ledger.take()
    runtime = [item for item in sent if offline.is_runtime(item.path.removeprefix("/site/"))]
    size = sum(item.size for item in runtime)
    return [("reader's runtime bytes (home + 2 pages, offline copy included)",
             f"{size:,} bytes in {len(runtime)} requests (of {len(sent)})", "0",
             verdict(size == 0 and not runtime))]


# --- the table ------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    header: Row = ("measure", "value", "target", "")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--keystroke-runs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rounds-4g", type=int, default=3)
    parser.add_argument("--skip", default="", help="comma-separated: lighthouse,keystroke,"
                        "start,reader")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    parts: list[tuple[str, Callable[[], list[Row]]]] = [
        ("reader", reader_rows),
        ("lighthouse", lambda: lighthouse_rows(args.lighthouse_runs)),
        ("keystroke", lambda: keystroke_rows(args.keystroke_runs)),
        ("start", lambda: start_rows(args.rounds, args.rounds_4g)),
    ]
    rows: list[Row] = []
    loads: list[float] = []
    for name, part in parts:
        if name in skip:
            continue
        started = time.monotonic()
        loads.append(os.getloadavg()[0])
        print(f"bench: {name}…", file=sys.stderr)
        rows += part()
        loads.append(os.getloadavg()[0])
        print(f"bench: {name} took {time.monotonic() - started:.0f} s", file=sys.stderr)
    print(f"\nOnward speed targets; load average during the runs "
          f"{min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores "
          "(a quiet machine is below 1).\n")
    print(table(rows))


if __name__ == "__main__":
    main()
