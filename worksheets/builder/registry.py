"""Where the package's own definitions live, and loading them all at once."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import worksheets.compute
from worksheets.builder.loader import load_definitions
from worksheets.builder.model import Worksheet
from worksheets.builder.references import resolve_references

DEFINITIONS_DIR = Path(__file__).resolve().parents[1] / "definitions"
PROJECT_ROOT = DEFINITIONS_DIR.parents[1]


def shown_path(path: Path) -> str:
    """A path as a person finds it: relative to the project when it is inside it."""
    resolved = path.resolve()
    if resolved.is_relative_to(PROJECT_ROOT):
        return str(resolved.relative_to(PROJECT_ROOT))
    return str(path)


def definition_files(folders: Iterable[Path] = (DEFINITIONS_DIR,)) -> list[Path]:
    return sorted(path for folder in folders for path in folder.glob("*.yml"))


COMPUTE_DIR = DEFINITIONS_DIR.parent / "compute"


class HostComputeError(ValueError):
    """A host's compute module cannot join the package; the message says why and the fix."""


def host_compute_modules(folders: Iterable[Path]) -> dict[str, Path]:
    """A host's own computes: the .py files beside its definitions, by module name."""
    found: dict[str, Path] = {}
    for path in sorted(path for folder in folders for path in folder.glob("*.py")):
        if (COMPUTE_DIR / path.name).exists() or path.stem in found:
            other = found.get(path.stem, COMPUTE_DIR / path.name)
            raise HostComputeError(f"{shown_path(path)}: compute module {path.stem!r} is also "
                                   f"{shown_path(other)}; rename yours (and the `compute:` "
                                   "line of its definition), e.g. careers_" + path.stem)
        found[path.stem] = path
    return found


def use_host_compute(folders: Iterable[Path]) -> None:
    """Make a host's computes importable as `worksheets.compute.<name>`, as the built-in
    ones are, both here (checks, tests) and, once bundled, in the browser."""
    host_compute_modules(folders)  # names checked before any can shadow another
    for folder in folders:
        if any(folder.glob("*.py")) and str(folder) not in worksheets.compute.__path__:
            worksheets.compute.__path__.append(str(folder))


def load_package_definitions(extra_folders: Iterable[Path] = ()) -> dict[str, Worksheet]:
    extra_folders = list(extra_folders)
    use_host_compute(extra_folders)
    loaded = load_definitions(definition_files((DEFINITIONS_DIR, *extra_folders)), shown_path)
    # Checked once all are loaded: a host's worksheet may pick rows of a package worksheet.
    return resolve_references(loaded)
