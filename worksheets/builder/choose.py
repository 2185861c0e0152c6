"""Which pages and worksheets a host's copy carries (`extra.onward.hosting_guide` and
`hidden_worksheets`): the navigation without the hosting guide, and why a fence failed.

Plain data in, plain data out: nothing here imports MkDocs.
"""

from __future__ import annotations

import difflib
from typing import Any

HOSTING_FOLDER = "hosting/"


def without_folder(nav: Any, folder: str = HOSTING_FOLDER) -> Any:
    """`nav` (MkDocs' list of pages and sections) without the pages under `folder`, and
    without sections left empty by that."""
    if isinstance(nav, str):
        return None if nav.startswith(folder) else nav
    if isinstance(nav, dict):
        kept = {title: without_folder(value, folder) for title, value in nav.items()}
        kept = {title: value for title, value in kept.items() if value not in (None, [])}
        return kept or None
    if isinstance(nav, list):
        return [item for item in (without_folder(entry, folder) for entry in nav)
                if item not in (None, [])]
    return nav


def unknown_hidden(hidden: tuple[str, ...], known: list[str]) -> str | None:
    """A problem with `hidden_worksheets`, or None: every id must name a loaded worksheet."""
    for worksheet_id in hidden:
        if worksheet_id not in known:
            close = difflib.get_close_matches(worksheet_id, known, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            return (f"no worksheet {worksheet_id!r} is loaded; {hint}the worksheets are: "
                    f"{', '.join(sorted(known))}")
    return None


def unknown_fence_fix(page: str, worksheet_id: str, known: list[str], config_file: str) -> str:
    """What to do about a fence naming a worksheet that no loaded definition has."""
    close = difflib.get_close_matches(worksheet_id, known, n=1)
    if close:
        return f"did you mean {close[0]!r}? Fix the id in the fence."
    if page.startswith(HOSTING_FOLDER):
        return ("this page is the hosting guide, whose example worksheet is defined in "
                "worksheets/examples/definitions. Either leave the hosting guide out of your "
                "copy with `hosting_guide: false` under `extra: onward:` in "
                f"{config_file}, or list worksheets/examples/definitions under "
                "`extra.onward.definitions` beside your own folder.")
    return (f"add the folder holding {worksheet_id}.yml under `extra.onward.definitions` in "
            f"{config_file} (paths relative to it), or remove the fence from the page.")
