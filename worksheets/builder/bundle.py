"""Gather what the browser needs: the pinned Pyodide runtime and the `worksheets` package zip.

The runtime is checked file by file against pinned sha256 sums, so a wrong or tampered
`node_modules` can never reach a visitor; the package zip is byte-for-byte reproducible.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from worksheets.builder.host_config import HostConfig
from worksheets.builder.model import Worksheet

PINS_FILE = Path(__file__).with_name("pyodide-runtime.json")
PACKAGE_ROOT = Path(__file__).resolve().parents[1]
# The browser's modules, stylesheet, icons and the service worker's template.
ASSETS_DIR = PACKAGE_ROOT / "assets"
# npm installs the build's tools beside the package (package.json at the project root):
# the pinned runtime, and esbuild.
NODE_MODULES = PACKAGE_ROOT.parent / "node_modules"
RUNTIME_DIR = NODE_MODULES / "pyodide"
# The browser gets only what compute needs: the standard-library-only part of the package.
BROWSER_MODULES = ("__init__.py", "compute")
ZIP_EPOCH = (2020, 1, 1, 0, 0, 0)


class RuntimeBundleError(RuntimeError):
    """The Pyodide runtime on disk is missing or is not the pinned one."""


@dataclass(frozen=True)
class RuntimeFile:
    name: str
    path: Path


@dataclass(frozen=True)
class RuntimePins:
    version: str
    files: dict[str, str]


def load_pins(path: Path = PINS_FILE) -> RuntimePins:
    data = json.loads(path.read_text(encoding="utf-8"))
    return RuntimePins(version=data["version"], files=dict(data["files"]))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_runtime(runtime_dir: Path, pins: RuntimePins | None = None) -> list[RuntimeFile]:
    """Return the runtime files to ship, after checking each against its pinned sha256."""
    pins = pins or load_pins()
    fix = (f"run `npm ci` in the project folder to install pyodide@{pins.version} "
           "exactly as package-lock.json pins it")
    package_json = runtime_dir / "package.json"
    if not package_json.is_file():
        raise RuntimeBundleError(f"Pyodide runtime not found at {runtime_dir}: {fix}.")
    found = json.loads(package_json.read_text(encoding="utf-8")).get("version")
    if found != pins.version:
        raise RuntimeBundleError(
            f"{package_json} is Pyodide {found}, but this site pins {pins.version}: {fix}.")
    files = []
    for name, expected in sorted(pins.files.items()):
        path = runtime_dir / name
        if not path.is_file():
            raise RuntimeBundleError(f"Pyodide runtime file {path} is missing: {fix}.")
        actual = sha256_of(path)
        if actual != expected:
            raise RuntimeBundleError(
                f"Pyodide runtime file {path} has sha256 {actual}, expected {expected}: {fix}.")
        files.append(RuntimeFile(name=name, path=path))
    return files


def definitions_json(registry: dict[str, Worksheet]) -> str:
    """The definitions as data for the browser: compute reads labels and options from it."""
    data = {}
    for worksheet_id, worksheet in sorted(registry.items()):
        entry = asdict(worksheet)
        del entry["source"], entry["line"]
        data[worksheet_id] = entry
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def host_json(host: HostConfig) -> str:
    """What computes may know of the host (worksheets/compute/host.py reads it): support
    lines and crisis phrases for the safety check, and how to reach the host's advisers."""
    data = {"support_lines": list(host.support_lines),
            "crisis_phrases": list(host.crisis_phrases),
            "organization": host.organization, "contact": host.contact,
            "appointment_url": host.appointment_url}
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def _browser_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for name in BROWSER_MODULES:
        target = root / name
        found.extend(sorted(target.rglob("*.py")) if target.is_dir() else [target])
    return found


def package_zip(registry: dict[str, Worksheet], root: Path = PACKAGE_ROOT,
                host: HostConfig | None = None,
                host_modules: dict[str, Path] | None = None) -> bytes:
    """A reproducible zip of the browser part of `worksheets`, the definitions, the host's
    settings for computes (none given: the defaults) and the host's own compute modules
    (registry.host_compute_modules) in worksheets/compute/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in _browser_files(root):
            arcname = f"worksheets/{path.relative_to(root).as_posix()}"
            _write(archive, arcname, path.read_bytes())
        for name, path in sorted((host_modules or {}).items()):
            _write(archive, f"worksheets/compute/{name}.py", path.read_bytes())
        _write(archive, "worksheets/compute/definitions.json",
               definitions_json(registry).encode())
        _write(archive, "worksheets/compute/host.json", host_json(host or HostConfig()).encode())
    return buffer.getvalue()


def _write(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)
