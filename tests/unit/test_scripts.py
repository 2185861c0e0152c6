"""The entry module is served as one file: every module it imports, bundled, except the
two that the page's early start shares with it by name."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from worksheets.builder import scripts

IMPORT_FROM = re.compile(r'^import .* from "\./([\w-]+\.js)";$', re.MULTILINE)
LOCAL_IMPORT = re.compile(r'from "\./([\w-]+\.js)"')


def imported_by_entry(assets: Path) -> set[str]:
    """Every module onward.js reaches through its imports, as written (the shared ones are
    imported, not followed: site-config.js is written by each build)."""
    found: set[str] = set()
    waiting = [scripts.ENTRY]
    while waiting:
        name = waiting.pop()
        for module in LOCAL_IMPORT.findall((assets / name).read_text(encoding="utf-8")):
            if module not in found:
                found.add(module)
                if module not in scripts.SHARED:
                    waiting.append(module)
    return found


def test_the_bundle_holds_every_module_the_entry_imports_but_the_shared_two():
    bundled = scripts.bundled_entry()
    reached = imported_by_entry(scripts.bundle.ASSETS_DIR)
    assert len(reached) > 10, reached
    # esbuild marks each module's part with its path; the shared ones stay imports.
    inside = set(re.findall(r"^// worksheets/assets/([\w-]+\.js)$", bundled, re.MULTILINE))
    assert inside == (reached | {scripts.ENTRY}) - set(scripts.SHARED)
    assert set(IMPORT_FROM.findall(bundled)) == set(scripts.SHARED)
    # Readable, and the same whichever folder the build runs from.
    assert "function bindWorksheet(" in bundled
    assert str(scripts.bundle.PACKAGE_ROOT) not in bundled


def test_what_the_site_serves_beside_the_bundle_exists():
    assert all(path.is_file() for path in scripts.separate_assets())
    assert set(scripts.SHARED) - {"site-config.js"} <= set(scripts.SEPARATE)


def test_a_module_that_does_not_parse_stops_the_build_naming_it(tmp_path):
    assets = tmp_path / "assets"
    shutil.copytree(scripts.bundle.ASSETS_DIR, assets)
    (assets / "dates.js").write_text("export function localToday( {\n", encoding="utf-8")
    with pytest.raises(scripts.ScriptBundleError, match=r"dates\.js"):
        scripts.bundled_entry(assets)


def test_without_npm_ci_the_build_says_to_run_it(monkeypatch, tmp_path):
    monkeypatch.setattr(scripts, "ESBUILD", tmp_path / "no-esbuild")
    with pytest.raises(scripts.ScriptBundleError, match="npm ci"):
        scripts.bundled_entry()
