"""Find `worksheet` fences in a page's Markdown and check them against the definitions.

This runs before Markdown is converted, so an error can name the page's line; the
superfences formatter then only renders what was already checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from worksheets.builder.loader import DefinitionError, parse_fence
from worksheets.builder.model import Worksheet

FENCE_NAME = "worksheet"
# An opening fence line: ```worksheet, ~~~ worksheet or ``` {.worksheet}, possibly indented.
_OPEN = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*\{?[ \t]*\.?worksheet(?![\w-]).*$"
)


@dataclass(frozen=True)
class FenceRef:
    page: str
    line: int
    worksheet_id: str


def find_fences(markdown: str, page: str,
                parse: Callable[[str, str], str] = parse_fence) -> list[FenceRef]:
    """Every `worksheet` fence with the id its body names (read by `parse`, given the body
    and the page); malformed ones raise."""
    lines = markdown.splitlines()
    found: list[FenceRef] = []
    index = 0
    while index < len(lines):
        match = _OPEN.match(lines[index])
        index += 1
        if not match:
            continue
        start, close = index, match["fence"]
        body: list[str] = []
        while index < len(lines) and lines[index].strip() != close:
            body.append(lines[index][len(match["indent"]):])
            index += 1
        if index == len(lines):
            raise DefinitionError(page, start, "worksheet fence",
                                  f"the fence opened here is never closed; add a line `{close}`")
        index += 1
        found.append(FenceRef(page, start, _fence_id(body, page, start, parse)))
    return found


def _fence_id(body: list[str], page: str, line: int, parse: Callable[[str, str], str]) -> str:
    try:
        return parse("\n".join(body), page)
    except DefinitionError as error:
        raise DefinitionError(page, line, "worksheet fence", error.problem) from error


def check_fences(fences: list[FenceRef], registry: dict[str, Worksheet],
                 fix_unknown: Callable[[FenceRef], str] | None = None) -> None:
    """Every fence names a loaded worksheet, once per page. `fix_unknown` says what to do
    about an unknown id (the build knows the site's settings); by default, the known ids."""
    seen: dict[str, FenceRef] = {}
    for fence in fences:
        if fence.worksheet_id not in registry:
            if fix_unknown is None:
                known = ", ".join(sorted(registry)) or "none"
                problem = f"unknown worksheet {fence.worksheet_id!r}; known: {known}"
            else:
                problem = (f"unknown worksheet {fence.worksheet_id!r} (no loaded definition "
                           f"has that id); {fix_unknown(fence)}")
            raise DefinitionError(fence.page, fence.line, "worksheet fence", problem)
        if fence.worksheet_id in seen:
            raise DefinitionError(fence.page, fence.line, "worksheet fence",
                                  f"worksheet {fence.worksheet_id!r} is already on this page at "
                                  f"line {seen[fence.worksheet_id].line}; show it once per page")
        seen[fence.worksheet_id] = fence


_TITLE = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)


def page_title(markdown: str, fallback: str) -> str:
    """A page's H1, read from its Markdown before MkDocs renders it."""
    match = _TITLE.search(markdown)
    return match["title"].strip() if match else fallback


_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)?(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.S)


def page_meta(markdown: str) -> dict[str, Any]:
    """A page's YAML front matter (`---` lines first), or {} when it has none."""
    match = _FRONT_MATTER.match(markdown)
    if not match:
        return {}
    try:
        data = yaml.safe_load(match["yaml"] or "")
    except yaml.YAMLError:
        return {}  # the generator reports bad front matter itself
    return data if isinstance(data, dict) else {}
