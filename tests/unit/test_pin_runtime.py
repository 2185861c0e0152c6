"""The re-pin command: pins come from the installed runtime, and only a consistent one."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from worksheets.builder import pin_runtime


def write_json(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> dict[str, Path]:
    runtime = tmp_path / "node_modules" / "pyodide"
    runtime.mkdir(parents=True)
    write_json(runtime / "package.json", {"version": "9.9.9"})
    (runtime / "pyodide.asm.wasm").write_bytes(b"wasm")
    return {
        "runtime": runtime,
        "package": write_json(tmp_path / "package.json", {"dependencies": {"pyodide": "9.9.9"}}),
        "lock": write_json(tmp_path / "package-lock.json",
                           {"packages": {"node_modules/pyodide": {"version": "9.9.9"}}}),
    }


def test_pins_are_the_installed_files_sums(project: dict[str, Path]) -> None:
    pins = pin_runtime.pins_from(project["runtime"], "9.9.9", ["pyodide.asm.wasm"])
    assert pins == {"version": "9.9.9",
                    "files": {"pyodide.asm.wasm": hashlib.sha256(b"wasm").hexdigest()}}


def test_a_version_range_is_refused(project: dict[str, Path]) -> None:
    write_json(project["package"], {"dependencies": {"pyodide": "^9.9.9"}})
    with pytest.raises(pin_runtime.PinError, match="exact version"):
        pin_runtime.requested_version(project["package"], project["lock"])


def test_a_stale_lock_file_says_to_run_npm_install(project: dict[str, Path]) -> None:
    write_json(project["package"], {"dependencies": {"pyodide": "10.0.0"}})
    with pytest.raises(pin_runtime.PinError, match="npm install"):
        pin_runtime.requested_version(project["package"], project["lock"])


def test_an_installed_runtime_of_another_version_says_to_run_npm_ci(
        project: dict[str, Path]) -> None:
    with pytest.raises(pin_runtime.PinError, match="npm ci"):
        pin_runtime.pins_from(project["runtime"], "10.0.0", ["pyodide.asm.wasm"])


def test_a_file_the_release_dropped_is_named(project: dict[str, Path]) -> None:
    with pytest.raises(pin_runtime.PinError, match=r"no longer ships python_stdlib\.zip"):
        pin_runtime.pins_from(project["runtime"], "9.9.9", ["python_stdlib.zip"])
