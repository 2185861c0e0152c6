"""The browser's scripts as the site serves them: the entry module bundled into one file.

`onward.js` imports some twenty small modules. Served one by one, a phone's browser asks
for them a level of imports at a time (a round trip each on a slow link), then compiles
and runs each in a task of its own, which Lighthouse counts as blocking time (measured in
docs/hosting/internals.md). The build therefore serves `onward.js` as one file, made by
esbuild (pinned in package.json) from the modules as written, readable (not minified),
without changing what any of them does. The JavaScript tests run the modules themselves.

`python-client.js` and `site-config.js` stay files of their own, imported by name by the
bundle and by `python-start.js` (the page's early start of Python): one module instance,
so one Python worker per page whichever asks first. The worker and the service worker load
on their own. Nothing here imports MkDocs.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from worksheets.builder import bundle

ENTRY = "onward.js"
# Imported by the bundle by name, never copied into it (see above).
SHARED = ("python-client.js", "site-config.js")
# Served as they are: what the page loads besides the bundle.
SEPARATE = ("python-client.js", "python-start.js", "python-worker.js", "onward.css")
ESBUILD = bundle.NODE_MODULES / "esbuild" / "bin" / "esbuild"
TIMEOUT_S = 120


class ScriptBundleError(bundle.RuntimeBundleError):
    """The entry module cannot be bundled; the message says what to do."""


def bundled_entry(assets_dir: Path = bundle.ASSETS_DIR) -> str:
    """`onward.js` with every module it imports, except SHARED, in one ES module."""
    if not ESBUILD.is_file():
        raise ScriptBundleError(
            f"bundling {ENTRY} needs esbuild from `npm ci` ({ESBUILD} is missing): run "
            "`npm ci` in the project folder (the README's set-up does).")
    # esbuild's own install puts its native program here (a Node script where it cannot).
    command = [str(ESBUILD), str(assets_dir / ENTRY), "--bundle", "--format=esm",
               "--log-level=error", "--legal-comments=none", "--charset=utf8",
               *[f"--external:./{name}" for name in SHARED]]
    try:
        # From the project's folder, so the bundle's comments name the same paths
        # whichever folder a host builds from.
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S,
                                check=False, cwd=bundle.PACKAGE_ROOT.parent)
    except subprocess.TimeoutExpired as error:
        raise ScriptBundleError(f"bundling {ENTRY} took over {TIMEOUT_S} s and was "
                                "stopped.") from error
    if result.returncode != 0:
        raise ScriptBundleError(f"bundling worksheets/assets/{ENTRY} failed (esbuild):\n"
                                f"{result.stderr.strip()}")
    return result.stdout


def separate_assets(assets_dir: Path = bundle.ASSETS_DIR) -> list[Path]:
    """The scripts and the stylesheet served as they are, beside the bundle."""
    return [assets_dir / name for name in SEPARATE]
