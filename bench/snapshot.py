"""What a snapshot of Python's memory would save a returning visitor: a lever measured, not
shipped.

Run by hand (it is not a test, and takes a few minutes):

    .venv/bin/python bench/snapshot.py [--rounds 5] [--store gzip|raw]

It builds the site and serves it as bench/python_start.py does, beside a blank page whose
worker (bench/snapshot-worker.js) starts the site's own runtime and package the way
python-worker.js does. In one Chromium profile, the first visit starts Python cold and
makes a snapshot of its memory once the worksheets package is imported (Pyodide's private
`_makeSnapshot` option, then `makeMemorySnapshot()`), kept in Cache Storage (gzipped by
default). Then, after a reading pause each time, visits take turns: a warm start (the
HTTP cache, as a returning visitor has it) and a start restored from the snapshot
(`_loadSnapshot`). Prints, for each, the median and range of every phase in ms from
navigation start, and the snapshot's size.

The page around the worker is blank: no stylesheet, no Material, no first paint to wait
for. These are the floor of a returning visit on this machine, with and without the lever.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import python_start as host_bench  # noqa: E402  (the static host and the site build)

PAGE = """<!doctype html>
<meta charset="utf-8"><title>Python start from a snapshot</title>
<script>
// One start of the worker; each phase's time converted to ms since this page's navigation.
globalThis.startPython = (mode, gzip) => new Promise((resolve) => {
  const created = performance.now();
  const worker = new Worker("./snapshot-worker.js", { type: "module" });
  worker.onmessage = ({ data }) => {
    worker.terminate();
    const since = (time) => time - performance.timeOrigin;
    const stamps = Object.fromEntries(Object.entries(data.stamps || {})
      .map(([name, time]) => [name, since(time)]));
    resolve({ ...data, stamps: { "worker created": created, ...stamps } });
  };
  worker.postMessage({ assets: new URL("/site/assets/onward/", location.href).href, mode, gzip });
});
</script>
"""
# A reader's pause between visits, as bench/python_start.py makes before its third visit:
# time for V8 to keep what it compiled. Not a synchronisation.
READING_PAUSE_MS = host_bench.READING_PAUSE_MS
MODES = {"warm": "warm start (HTTP cache)", "restore": "restored from the snapshot"}


def one_start(context: Any, url: str, mode: str, gzip: bool) -> dict[str, Any]:
    page = context.new_page()
    try:
        page.goto(url)
        result = page.evaluate("([mode, gzip]) => startPython(mode, gzip)", [mode, gzip])
        if not result["ok"]:
            raise RuntimeError(f"the {mode} start failed: {result['error']}")
        if result["fromMemory"] != (mode == "restore"):  # the lever really was (not) used
            raise RuntimeError(f"the {mode} start found the package in memory: "
                               f"{result['fromMemory']}")
        page.wait_for_timeout(READING_PAUSE_MS)  # a reader's pause, not a synchronisation
        return result
    finally:
        page.close()


def number(value: float) -> str:
    return f"{value:,.0f}"


def table(starts: dict[str, list[dict[str, Any]]]) -> str:
    phases = list(dict.fromkeys(name for runs in starts.values() for run in runs
                                for name in run["stamps"]))
    rows = [f"{'phase, ms from navigation start':<34}" + "".join(f"{MODES[m]:>30}" for m in starts)]
    for phase in phases:
        cells = []
        for runs in starts.values():
            values = [run["stamps"][phase] for run in runs if phase in run["stamps"]]
            cells.append(f"{host_bench.spread(values, number):>30}")
        rows.append(f"{phase:<34}" + "".join(cells))
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="warm and restored starts of each")
    parser.add_argument("--store", choices=("gzip", "raw"), default="gzip",
                        help="how the snapshot is kept in Cache Storage")
    args = parser.parse_args()
    gzip = args.store == "gzip"
    from playwright.sync_api import sync_playwright

    port = host_bench.free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="onward-bench-snapshot-") as work:
        site, probe, profile = (Path(work) / name for name in ("site", "probe", "profile"))
        print("building the site…", file=sys.stderr)
        host_bench.build_site(site, base + "site/")
        probe.mkdir()
        (probe / "index.html").write_text(PAGE, encoding="utf-8")
        (probe / "snapshot-worker.js").write_bytes((BENCH / "snapshot-worker.js").read_bytes())
        roots = {"/site/": (site, "site"), "/probe/": (probe, "probe")}
        starts: dict[str, list[dict[str, Any]]] = {mode: [] for mode in MODES}
        with host_bench.host(roots, host_bench.Ledger(), port), sync_playwright() as playwright:
            context = host_bench.open_profile(playwright, profile)
            try:
                made = one_start(context, base + "probe/", "make", gzip)
                for number in range(args.rounds):
                    for mode in MODES:
                        run = one_start(context, base + "probe/", mode, gzip)
                        starts[mode].append(run)
                        print(f"{number + 1} {mode}: package imported at "
                              f"{run['stamps']['package imported']:,.0f} ms", file=sys.stderr)
            finally:
                context.close()
    print(f"\nPython start on a blank page, {args.rounds} warm and {args.rounds} restored starts "
          "taking turns in one profile, a reading pause before each; medians (min–max).\n")
    print(table(starts))
    stamps = made["stamps"]
    print(f"\nsnapshot: {made['bytes']:,} bytes of memory, {made['stored']:,} bytes stored "
          f"({args.store}); on the first (cold) visit, made and stored "
          f"{stamps['snapshot stored'] - stamps['package imported']:,.0f} ms after the package "
          "was imported")


if __name__ == "__main__":
    main()
