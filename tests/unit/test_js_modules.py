"""The browser's pure modules (worksheets/assets/), tested under Node with `node --test
tests/js/`: the answer record, backup parsing, tab sync, dates and form values' row keys.
One pytest test, so `.ci/test` runs them; a failure shows Node's own report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_pure_browser_modules_pass_their_node_tests(node_binary: str) -> None:
    # The tests make site-config.js with the build's own code: this Python, this checkout.
    env = {**os.environ, "ONWARD_PYTHON": sys.executable}
    done = subprocess.run([node_binary, "--test", "tests/js/"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        pytest.fail(f"node --test tests/js/ failed:\n{done.stdout}\n{done.stderr}",
                    pytrace=False)
