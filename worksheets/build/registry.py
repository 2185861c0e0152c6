"""Where the package's own definitions live, and loading them all at once."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from worksheets.build.loader import load_definitions
from worksheets.build.model import Worksheet

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


def load_package_definitions(extra_folders: Iterable[Path] = ()) -> dict[str, Worksheet]:
    return load_definitions(definition_files((DEFINITIONS_DIR, *extra_folders)), shown_path)
