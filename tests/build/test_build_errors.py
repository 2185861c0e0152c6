"""A bad fence, definition or runtime stops `mkdocs build --strict` with a useful message."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_CONFIG, ROOT
from worksheets.builder import bundle


def fixture_copy(tmp_path: Path) -> Path:
    """A copy of the fixture site whose paths still reach the project's hook and theme."""
    site = tmp_path / "fixture_site"
    shutil.copytree(FIXTURE_CONFIG.parent, site)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("../../", f"{ROOT.as_posix()}/")
    config.write_text(text, encoding="utf-8")
    return site


def build(site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
         str(site / "mkdocs.yml"), "-d", str(site / "out")],
        capture_output=True, text=True, env=env, check=False, cwd=site)


def test_the_fixture_copy_builds(tmp_path):
    result = build(fixture_copy(tmp_path))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("body", "words"), [
    ("id: no-such-sheet", "unknown worksheet 'no-such-sheet'"),
    ("name: every-field", "the fence body must be exactly one line `id: <worksheet id>`"),
    ("", "the fence body must be exactly one line"),
])
def test_a_bad_fence_fails_the_build_naming_page_and_line(tmp_path, body, words):
    site = fixture_copy(tmp_path)
    (site / "docs" / "bad.md").write_text(f"# Bad\n\nText.\n\n```worksheet\n{body}\n```\n",
                                          encoding="utf-8")
    result = build(site)
    assert result.returncode != 0
    assert "docs/bad.md:5: worksheet fence:" in result.stderr
    assert words in result.stderr


def test_a_fence_never_closed_fails_the_build(tmp_path):
    site = fixture_copy(tmp_path)
    (site / "docs" / "bad.md").write_text("# Bad\n\n```worksheet\nid: every-field\n",
                                          encoding="utf-8")
    result = build(site)
    assert result.returncode != 0
    assert "docs/bad.md:3: worksheet fence: the fence opened here is never closed" in result.stderr


def test_a_bad_definition_fails_the_build_naming_file_line_and_field(tmp_path):
    site = fixture_copy(tmp_path)
    definition = site / "definitions" / "every-field.yml"
    text = definition.read_text(encoding="utf-8").replace("type: long_text", "type: essay")
    definition.write_text(text, encoding="utf-8")
    result = build(site)
    assert result.returncode != 0
    assert "every-field.yml:" in result.stderr
    assert "fields[1].type: unknown field type 'essay'" in result.stderr


def pins_for(runtime: Path) -> bundle.RuntimePins:
    pins = bundle.load_pins()
    for name in pins.files:
        (runtime / name).write_bytes(b"x")
    (runtime / "package.json").write_text(json.dumps({"version": pins.version}))
    return bundle.RuntimePins(pins.version, {n: bundle.sha256_of(runtime / n) for n in pins.files})


def test_the_real_runtime_matches_its_pins():
    names = [item.name for item in bundle.verify_runtime(bundle.RUNTIME_DIR)]
    assert "pyodide.asm.wasm" in names
    assert not any(name.endswith((".map", ".d.ts", ".html")) for name in names)


def test_a_changed_runtime_file_is_refused_with_the_fix(tmp_path):
    pins = pins_for(tmp_path)
    (tmp_path / "pyodide.asm.wasm").write_bytes(b"tampered")
    with pytest.raises(bundle.RuntimeBundleError, match=r"pyodide\.asm\.wasm has sha256 .*npm ci"):
        bundle.verify_runtime(tmp_path, pins)


def test_a_missing_runtime_file_is_refused_with_the_fix(tmp_path):
    pins = pins_for(tmp_path)
    (tmp_path / "python_stdlib.zip").unlink()
    with pytest.raises(bundle.RuntimeBundleError, match=r"python_stdlib\.zip is missing.*npm ci"):
        bundle.verify_runtime(tmp_path, pins)


def test_the_wrong_runtime_version_is_refused(tmp_path):
    pins = pins_for(tmp_path)
    (tmp_path / "package.json").write_text(json.dumps({"version": "0.1.0"}))
    with pytest.raises(bundle.RuntimeBundleError, match=r"is Pyodide 0\.1\.0, but this site pins"):
        bundle.verify_runtime(tmp_path, pins)


def test_no_runtime_at_all_is_refused(tmp_path):
    with pytest.raises(bundle.RuntimeBundleError, match="Pyodide runtime not found"):
        bundle.verify_runtime(tmp_path / "nothing")


def test_the_package_zip_is_reproducible():
    from worksheets.builder.registry import load_package_definitions

    registry = load_package_definitions()
    assert bundle.package_zip(registry) == bundle.package_zip(registry)


def test_a_reference_to_an_unknown_source_fails_the_build_with_file_and_line(tmp_path):
    site = fixture_copy(tmp_path)
    (site / "definitions" / "bad-pick.yml").write_text(
        "id: bad-pick\nversion: 1\ntitle: Bad pick\nfields:\n  - id: which\n"
        "    type: reference\n    label: Which interview\n"
        "    source: interview-journl.interviews\n",
        encoding="utf-8")
    result = build(site)
    assert result.returncode != 0
    assert "definitions/bad-pick.yml:5: which.source: source 'interview-journl.interviews' " \
           "names no loaded worksheet 'interview-journl'; use one of:" in result.stderr
