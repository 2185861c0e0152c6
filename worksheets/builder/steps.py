"""A copy's steps follow its navigation: a step left out of `nav` is not built, not
searchable and not linked, and the guide's "fifteen steps" counts the steps it has.

Plain data in, plain data out: nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

STEPS_FOLDER = "steps/"
SHIPPED_COUNT = 15
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen")
# "fifteen" as a word on its own (the guide says "fifteen steps", "all fifteen steps").
_FIFTEEN = re.compile(r"\b([Ff])ifteen\b")


def nav_files(nav: Any) -> set[str]:
    """Every page file `nav` lists, at any depth."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_files(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_files(item) for item in nav))
    return set()


def dropped_steps(step_pages: Iterable[str], nav: Any) -> set[str]:
    """The step pages the copy's nav leaves out (none when there is no nav)."""
    if nav is None:
        return set()
    listed = nav_files(nav)
    return {page for page in step_pages if page.startswith(STEPS_FOLDER) and page not in listed}


def _link_pattern(page: str) -> re.Pattern[str]:
    """A Markdown link to `page` from any folder: [text](../steps/x.md#part), or
    [text](x.md) from a step beside it."""
    folder, _, name = page.rpartition("/")
    prefix = f"(?:{re.escape(folder)}/)?" if folder else ""
    return re.compile(r"\[(?P<text>[^\]]+)\]\((?:\.\./)*" + prefix + re.escape(name)
                      + r"(?:#[^)\s]*)?\)")


def without_dropped(markdown: str, dropped: set[str], step_count: int,
                    force: bool = False) -> str:
    """The page with list items that link to a dropped step removed, other links to one
    turned into their plain text, and "fifteen" made the copy's number of steps."""
    for page in sorted(dropped):
        link = _link_pattern(page)
        markdown = re.sub(r"(?m)^[ \t]*(?:\d+\.|[-*+])[ \t]+" + link.pattern + r"[^\n]*\n",
                          "", markdown)
        markdown = link.sub(lambda match: match["text"], markdown)
    if (dropped or force) and step_count < SHIPPED_COUNT:
        word = NUMBER_WORDS[step_count]
        markdown = _FIFTEEN.sub(lambda match: (word.capitalize() if match[1] == "F" else word),
                                markdown)
    return markdown
