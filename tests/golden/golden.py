"""Comparing output with an expected file, in the pymdown-extensions style.

A missing expected file is a failure, never a pass: only `pytest --update-golden` writes
expected files (and the run's summary lists each one it wrote), so a case can't pass by
checking its output against itself."""

from __future__ import annotations

from pathlib import Path

import pytest

UPDATE_OPTION = "--update-golden"
# The terminal summary (tests/conftest.py) lists these after an update run.
WRITTEN = pytest.StashKey[list[str]]()


def pretty(html: str) -> str:
    """One tag per line keeps golden diffs readable; whitespace and text are unchanged."""
    return html.replace("><", ">\n<").strip() + "\n"


def check_golden(request: pytest.FixtureRequest, expected: Path, actual: str) -> None:
    """Assert that `actual` is `expected`'s text; with --update-golden, write it instead."""
    config = request.config
    command = f"pytest {Path(request.node.path).relative_to(config.rootpath)} {UPDATE_OPTION}"
    if config.getoption(UPDATE_OPTION):
        if not expected.exists() or expected.read_text(encoding="utf-8") != actual:
            expected.write_text(actual, encoding="utf-8")
            config.stash.setdefault(WRITTEN, []).append(str(expected))
        return
    if not expected.exists():
        pytest.fail(f"{expected} is missing. Write it with `.venv/bin/python -m {command}`, "
                    "then read it before committing: it becomes what the test expects.",
                    pytrace=False)
    assert actual == expected.read_text(encoding="utf-8"), (
        f"output differs from {expected}; if the change is intended, rewrite it with "
        f"`.venv/bin/python -m {command}` and read the diff before committing")
