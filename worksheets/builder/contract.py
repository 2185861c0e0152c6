"""Values the build, the browser and the tests must agree on, in one place.

The browser gets them through the generated `site-config.js` (`siteConfig.contract`), so no
JavaScript file spells them again; Python modules import them from here. The two scripts
that cannot import site-config.js get theirs from the build: the service worker (a classic
worker) has its cache prefix written in by `offline.py`, and the inline boot script
(`python-boot.js`) gets the worker's `init` message, marks included, from `runtime.py`.
"""

from __future__ import annotations

import re
from typing import Any

# Stands for "this row" in a repeating group's template row; the browser puts a row key in.
ROW_KEY = "__row__"
# A worksheet's id: the definition file's name, a storage key's last part, a backup's key.
WORKSHEET_ID_PATTERN = r"^[a-z][a-z0-9-]{0,62}$"
WORKSHEET_ID = re.compile(WORKSHEET_ID_PATTERN)
# Every offline cache the service worker makes starts with this, then the site's path.
OFFLINE_CACHE_PREFIX = "onward-offline:"

# A page needs Python when it has a worksheet's form or My plan: these attributes say so.
WORKSHEET_FORM_ATTRIBUTE = "data-worksheet"
PLAN_ATTRIBUTE = "data-onward-plan"
NEEDS_PYTHON_SELECTOR = f"form[{WORKSHEET_FORM_ATTRIBUTE}], [{PLAN_ATTRIBUTE}]"
# The same test on a built page's HTML, as the build sees it (before any browser does).
NEEDS_PYTHON_HTML = re.compile(
    rf'<form\b[^>]*\s{WORKSHEET_FORM_ATTRIBUTE}="|\s{PLAN_ATTRIBUTE}[\s>=]')

# The page's and the Python worker's performance marks (a public contract: hosts and
# bench/ read them), by what each one times.
MARKS = {
    "pythonStart": "worksheets:python-start",  # the worker is being created
    "workerStart": "worksheets:worker-start",  # python-worker.js runs
    "pythonInit": "worksheets:python-init",  # WebAssembly instantiated; Python initialises
    "pyodideLoaded": "worksheets:pyodide-loaded",  # Python is up
    "runnerImported": "worksheets:runner-imported",  # the worksheets package is imported
    "pythonReady": "worksheets:python-ready",  # the page heard Python is ready
    "output": "worksheets:output",  # a page's first result is shown
}


def worker_init(python_init: dict[str, Any]) -> dict[str, Any]:
    """The message that starts the Python worker, made here once for both its senders
    (python-client.js, from site-config.js, and the inline python-boot.js). Paths are
    relative to assets/onward/, where the worker resolves them against its own address."""
    return {"op": "init", **python_init, "marks": MARKS}


def browser_values() -> dict[str, Any]:
    """What `siteConfig.contract` holds in the browser."""
    return {
        "rowKey": ROW_KEY,
        "worksheetIdPattern": WORKSHEET_ID_PATTERN,
        "offlineCachePrefix": OFFLINE_CACHE_PREFIX,
        "needsPythonSelector": NEEDS_PYTHON_SELECTOR,
        "marks": MARKS,
    }
