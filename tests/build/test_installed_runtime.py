"""The Pyodide runtime `npm ci` installed is the pinned one (moved from
tests/unit/test_pin_runtime.py: it reads node_modules/)."""

from __future__ import annotations

from worksheets.builder import bundle, pin_runtime


def test_the_committed_pins_match_the_installed_runtime() -> None:
    """What `npm ci` installs is what the pins file says: the upgrade was re-pinned."""
    assert pin_runtime.main(["--check"]) == 0
    assert bundle.load_pins().version == pin_runtime.requested_version()
