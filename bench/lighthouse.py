"""Lighthouse's mobile audit of the built site, served through the hosting guide's nginx recipe.

Run by hand (it is not a test, and takes a few minutes):

    .venv/bin/python bench/lighthouse.py [--runs 3] [--site site/] [--pages home,step,plan]
        [--material-alone]

It installs the pinned Lighthouse from bench/package.json (`npm ci --prefix bench`, once),
builds the site for the address it is served at (unless --site names a built one), starts
nginx with docs/hosting/nginx.conf (only its `listen` and `root` lines changed, brotli on
when the module is installed, exactly as tests/browser/test_hosting_nginx.py runs it) from
/careers/guide/, and runs Lighthouse's default mobile preset (simulated slow 4G, 4x CPU
slowdown) with Debian's Chromium, a fresh profile each run. Prints, per page, the median
and range of the performance score, LCP and total blocking time, the accessibility score,
and the audits that cost the most time.

With --material-alone it also audits the same pages with Onward's scripts taken out (the
boot script, python-start.js, onward.js): what Material's own script and the page's layout
cost on this machine, the floor Onward's pages stand on.

Run it on a quiet machine: Lighthouse's simulation starts from a real page load, and a
busy CPU shows up as blocking time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import test_hosting_nginx as nginx_recipe  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, MAIN_CONFIG, build_site  # noqa: E402
from tests.site_server import free_port  # noqa: E402
from worksheets.builder import precompress  # noqa: E402

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
PREFIX = nginx_recipe.PREFIX
PAGES = {"home": "", "step": "steps/01-acknowledge-your-feelings/", "plan": "my-plan/"}
TOP_AUDITS = 4
# Onward's scripts in a built page: the inline boot script, the early start, the entry
# module and their preloads.
ONWARD_SCRIPTS = re.compile(
    r'<script>(?:(?!</script>).)*?onwardPython(?:(?!</script>).)*</script>'
    r'|<script [^>]*src="[^"]*assets/onward/[^"]*"[^>]*></script>'
    r'|<link rel="modulepreload" href="[^"]*assets/onward/[^"]*">', re.DOTALL)


@dataclass(frozen=True)
class Run:
    performance: float
    accessibility: float
    lcp_ms: float
    tbt_ms: float
    costly: dict[str, float]  # audit title → estimated saving, ms


def ensure_lighthouse() -> None:
    """The pinned Lighthouse, installed beside this script (never the site's dependency)."""
    if LIGHTHOUSE.is_file():
        return
    print("bench: installing the pinned Lighthouse (npm ci --prefix bench)...", file=sys.stderr)
    subprocess.run(["npm", "ci", "--prefix", str(BENCH), "--no-audit", "--no-fund",
                    "--loglevel=error"], check=True)


@contextmanager
def served(site: Path, port: int) -> Iterator[str]:
    """nginx running the hosting recipe (as its test runs it), with `site` under PREFIX."""
    with tempfile.TemporaryDirectory(prefix="onward-lh-") as folder:
        work = Path(folder)
        upload = work / "www" / PREFIX.strip("/")
        upload.parent.mkdir(parents=True)
        upload.symlink_to(site.resolve(), target_is_directory=True)
        with nginx_recipe.nginx_serving(work / "www", work, port):
            yield f"http://127.0.0.1:{port}{PREFIX}"


def without_onward_scripts(site: Path, target: Path) -> Path:
    """A copy of the built site whose pages load none of Onward's scripts, compressed as the
    build compresses: Material's own cost on the same pages."""
    shutil.copytree(site, target)
    for page in target.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        stripped = ONWARD_SCRIPTS.sub("", html)
        if stripped != html:
            page.write_text(stripped, encoding="utf-8")
            for sibling in (page.with_name(page.name + ".br"), page.with_name(page.name + ".gz")):
                sibling.unlink(missing_ok=True)
    precompress.write_siblings(target)
    return target


def lighthouse(url: str, profile: Path, attempts: int = 3) -> dict:
    """One Lighthouse run, mobile preset, in a fresh Chromium profile; its JSON report.
    Lighthouse sometimes loses its own trace ("Please run Lighthouse again"): then again."""
    flags = " ".join([*CHROMIUM_ARGS, "--headless=new", f"--user-data-dir={profile}"])
    for _ in range(attempts):
        result = subprocess.run(
            ["node", str(LIGHTHOUSE), url, "--output=json", "--quiet",
             "--only-categories=performance,accessibility", f"--chrome-flags={flags}"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=False)
        if result.returncode == 0:
            return json.loads(result.stdout)
        if "run Lighthouse again" not in result.stderr:
            break
    raise SystemExit(f"bench: Lighthouse failed on {url}:\n{result.stderr[-2000:]}")


def summarise(report: dict) -> Run:
    audits = report["audits"]
    costly = {audit["title"]: audit["details"]["overallSavingsMs"]
              for audit in audits.values()
              if (audit.get("details") or {}).get("type") == "opportunity"
              and audit["details"].get("overallSavingsMs", 0) > 0}
    categories = report["categories"]
    return Run(performance=categories["performance"]["score"] * 100,
               accessibility=categories["accessibility"]["score"] * 100,
               lcp_ms=audits["largest-contentful-paint"]["numericValue"],
               tbt_ms=audits["total-blocking-time"]["numericValue"],
               costly=costly)


def spread(values: list[float], unit: str = "", scale: float = 1) -> str:
    shown = [v / scale for v in values]
    digits = 0 if scale == 1 else 2
    return (f"{statistics.median(shown):.{digits}f}{unit} "
            f"({min(shown):.{digits}f}–{max(shown):.{digits}f})")


def report(name: str, runs: list[Run]) -> None:
    print(f"{name:<6} performance {spread([r.performance for r in runs])}  "
          f"LCP {spread([r.lcp_ms for r in runs], ' s', 1000)}  "
          f"TBT {spread([r.tbt_ms for r in runs], ' ms')}  "
          f"accessibility {spread([r.accessibility for r in runs])}")
    titles = {title for run in runs for title in run.costly}
    savings = {t: statistics.median([r.costly.get(t, 0) for r in runs]) for t in titles}
    for title, saving in sorted(savings.items(), key=lambda item: -item[1])[:TOP_AUDITS]:
        print(f"         {saving:6.0f} ms  {title}")


def runs_of(url: str, count: int) -> list[Run]:
    """`count` Lighthouse runs of one page, each in a fresh profile."""
    results = []
    for _ in range(count):
        with tempfile.TemporaryDirectory(prefix="onward-lh-profile-") as profile:
            results.append(summarise(lighthouse(url, Path(profile))))
    return results


def audit(base: str, names: list[str], runs: int, label: str = "") -> None:
    for name in names:
        report(name + label, runs_of(base + PAGES[name], runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="a site already built for this address")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--material-alone", action="store_true",
                        help="also audit the pages without Onward's scripts")
    args = parser.parse_args()
    ensure_lighthouse()
    port = free_port()
    names = args.pages.split(",")
    with tempfile.TemporaryDirectory(prefix="onward-lh-site-") as folder:
        site = args.site or build_site(MAIN_CONFIG, Path(folder) / "site",
                                       site_url=f"http://127.0.0.1:{port}{PREFIX}")
        with served(site, port) as base:
            print(f"Lighthouse mobile preset, median of {args.runs} (range), via nginx: {base}")
            audit(base, names, args.runs)
        if args.material_alone:
            alone = without_onward_scripts(site, Path(folder) / "material-alone")
            with served(alone, port) as base:
                audit(base, names, args.runs, label=" (Material alone)")


if __name__ == "__main__":
    main()
