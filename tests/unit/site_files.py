"""A built site's folder, made from a dict of relative paths and texts, for unit tests."""

from __future__ import annotations

from pathlib import Path


def write_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root
