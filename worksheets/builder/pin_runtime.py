"""Re-pin the Pyodide runtime: write `pyodide-runtime.json` from what `npm ci` installed.

Upgrading Pyodide is: change the version in package.json, `npm install`, then run
`.venv/bin/python -m worksheets.builder.pin_runtime`. The build verifies every shipped runtime
file against these sums, so a pin written from a tampered `node_modules` would be trusted:
run it only right after installing from the lock file. `--check` changes nothing and exits
1 when the pins do not match the installed runtime (for CI and for a quick look).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from worksheets.builder import bundle

PACKAGE_JSON = bundle.PACKAGE_ROOT.parent / "package.json"
PACKAGE_LOCK = bundle.PACKAGE_ROOT.parent / "package-lock.json"


class PinError(RuntimeError):
    """The installed runtime, package.json and package-lock.json disagree."""


def _json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise PinError(f"{path} is missing: run `npm ci` in the project folder first.") from error


def requested_version(package_json: Path = PACKAGE_JSON,
                      package_lock: Path = PACKAGE_LOCK) -> str:
    """The exact Pyodide version package.json asks for, checked against the lock file."""
    wanted = _json(package_json).get("dependencies", {}).get("pyodide", "")
    if not wanted or not wanted[0].isdigit():
        raise PinError(f"{package_json}: dependencies.pyodide must be an exact version such as "
                       f"\"314.0.8\" (found {wanted!r}), so every build ships the same runtime.")
    locked = _json(package_lock).get("packages", {}).get("node_modules/pyodide", {})
    if locked.get("version") != wanted:
        raise PinError(f"{package_lock} has pyodide {locked.get('version')!r}, package.json asks "
                       f"for {wanted!r}: run `npm install` to update the lock file.")
    return wanted


def pins_from(runtime_dir: Path, version: str, names: list[str]) -> dict:
    """The pins file's content for the runtime installed in `runtime_dir`."""
    installed = _json(runtime_dir / "package.json").get("version")
    if installed != version:
        raise PinError(f"{runtime_dir} holds Pyodide {installed}, package.json asks for "
                       f"{version}: run `npm ci` first.")
    files = {}
    for name in sorted(names):
        path = runtime_dir / name
        if not path.is_file():
            raise PinError(f"{path} is missing: this Pyodide release no longer ships {name}; "
                           "update the runtime build (worksheets/builder/runtime.py) for it.")
        files[name] = bundle.sha256_of(path)
    return {"version": version, "files": files}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only compare; exit 1 when the pins would change")
    args = parser.parse_args(argv)
    try:
        current = json.loads(bundle.PINS_FILE.read_text(encoding="utf-8"))
        wanted = pins_from(bundle.RUNTIME_DIR, requested_version(), list(current["files"]))
    except PinError as error:
        print(f"pin_runtime: {error}", file=sys.stderr)
        return 2
    if wanted == current:
        print(f"pin_runtime: Pyodide {wanted['version']} is pinned; nothing to change.")
        return 0
    if args.check:
        print(f"pin_runtime: {bundle.PINS_FILE} does not match the installed Pyodide "
              f"{wanted['version']}; run without --check to re-pin.", file=sys.stderr)
        return 1
    bundle.PINS_FILE.write_text(json.dumps(wanted, indent=2) + "\n", encoding="utf-8")
    print(f"pin_runtime: pinned Pyodide {wanted['version']} ({len(wanted['files'])} files) "
          f"in {bundle.PINS_FILE.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
