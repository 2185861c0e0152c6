"""Step two of the build, *render*: the superfences formatters for Onward's fences.

A `PageFences` holds a `Site` and the page being rendered, and its methods are the
formatters (pymdownx.superfences calls them with the fence's source): nothing is read from
module state or from an earlier event, so a page renders the same whatever was rendered
before it. The generator's adapter hands each page its own `PageFences` (hooks/onward.py
does so in `on_page_markdown`, the last event before MkDocs makes the page's Markdown
converter): that is how a formatter knows its page, since superfences gives it only the
Markdown instance, which knows nothing of pages.

Generators without hooks (Zensical) name formatters by dotted path: the module-level
`worksheet_fence`, `plan_fence`, `continue_fence` and `data_fence` prepare the site
from its configuration file themselves (see `default_fences`).
"""

from __future__ import annotations

import functools
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pymdownx.superfences import SuperFencesException

from worksheets.builder import config_file, fences, render_data
from worksheets.builder.loader import DefinitionError
from worksheets.builder.render import PlanEntry, render_continue, render_plan
from worksheets.builder.site import Site, prepare, with_plan

PLAN_FENCE = "plan-summary"
CONTINUE_FENCE = "onward-continue"
NAMES = (fences.FENCE_NAME, PLAN_FENCE, render_data.FENCE_NAME, CONTINUE_FENCE)


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other`, both relative to the site's root; a last
    part with a dot in `other` is a file. (The same rule as MkDocs' get_relative_url.)"""
    folder, _, last = other.rpartition("/")
    if "." in last:
        other = folder
    base, dest = _parts(other), _parts(url)
    common = 0
    for a, b in zip(base, dest, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(base) - common) + dest[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def _parts(path: str) -> list[str]:
    normal = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return normal.split("/") if normal else []


@dataclass(frozen=True)
class PageFences:
    """The formatters for one page. `page` names it in errors (its source path); `url` is
    its address relative to the site's root, which My plan's links are made relative to."""

    site: Site
    page: str = "?"
    url: str = ""

    def worksheet(self, source: str, language: str, class_name: str,
                  options: dict[str, Any], md: Any, **kwargs: Any) -> str:
        try:
            worksheet_id = self.site.fence_id(source, self.page)
            if worksheet_id not in self.site.worksheets:
                raise KeyError(worksheet_id)
        except (DefinitionError, KeyError) as error:
            # Raised as SuperFencesException so the block can never quietly become code.
            raise SuperFencesException(f"{self.page}: bad worksheet fence: {error}") from error
        if worksheet_id in self.site.host.hidden_worksheets:
            return ""  # the host left it out: the page reads on without it
        return self.site.worksheet_html(worksheet_id, self.worksheet_links())

    def plan(self, source: str, language: str, class_name: str, options: dict[str, Any],
             md: Any, **kwargs: Any) -> str:
        return render_plan(self.plan_entries())

    def continue_(self, source: str, language: str, class_name: str,
                  options: dict[str, Any], md: Any, **kwargs: Any) -> str:
        return render_continue(self.plan_entries())

    def data(self, source: str, language: str, class_name: str, options: dict[str, Any],
             md: Any, **kwargs: Any) -> str:
        try:
            render_data.check_fence(source, self.page)
        except DefinitionError as error:
            raise SuperFencesException(f"{self.page}: bad {language} fence: {error}") from error
        return render_data.render_data_controls(dict(self.site.worksheets))

    def worksheet_links(self) -> dict[str, str]:
        """Each worksheet's page, relative to this page: where a reference field's note
        sends the reader to add entries."""
        return {place.worksheet_id: relative_url(place.url, self.url) for place in self.site.plan}

    def plan_entries(self) -> list[PlanEntry]:
        """Every worksheet in navigation order, linked relative to this page."""
        return [PlanEntry(place.worksheet_id, place.title, relative_url(place.url, self.url))
                for place in self.site.plan]

    def custom_fences(self) -> list[dict[str, Any]]:
        """superfences' `custom_fences` entries for Onward's fences."""
        formats = (self.worksheet, self.plan, self.data, self.continue_)
        classes = ("worksheet", "plan-summary", "onward-data", "onward-continue")
        return [{"name": name, "class": kind, "format": format_}
                for name, kind, format_ in zip(NAMES, classes, formats, strict=True)]


def with_fences(custom: list[dict[str, Any]], page_fences: PageFences) -> list[dict[str, Any]]:
    """superfences' `custom_fences` with Onward's replaced by this page's."""
    kept = [entry for entry in custom if entry.get("name") not in NAMES]
    return kept + page_fences.custom_fences()


# --- named by dotted path, for generators without hooks ---------------------------------


@functools.cache
def default_fences(config: str | None = None) -> dict[str, PageFences]:
    """The formatters of the site configured in `config` (default: $ONWARD_CONFIG, else
    mkdocs.yml in the working folder), by fence name. Prepared once per process. Without a
    page from the generator, each fence is taken to be on the one page whose Markdown
    holds it (My plan, the home page), so its links are relative to that page."""
    path = Path(config or os.environ.get("ONWARD_CONFIG") or "mkdocs.yml").resolve()
    settings, pages = config_file.read_site(path)
    site = with_plan(prepare(settings), pages)
    found = {}
    for name in NAMES:
        holders = [page for page in pages if _holds(page.markdown, name)]
        page = holders[0] if len(holders) == 1 else None
        found[name] = PageFences(site, page.src_uri if page else "?", page.url if page else "")
    return found


def _holds(markdown: str, name: str) -> bool:
    return any(line.lstrip(" `~").startswith(name) for line in markdown.splitlines()
               if line.lstrip().startswith(("```", "~~~")))


def worksheet_fence(source: str, language: str, class_name: str, options: dict[str, Any],
                    md: Any, **kwargs: Any) -> str:
    return default_fences()[fences.FENCE_NAME].worksheet(source, language, class_name,
                                                         options, md, **kwargs)


def plan_fence(source: str, language: str, class_name: str, options: dict[str, Any],
               md: Any, **kwargs: Any) -> str:
    return default_fences()[PLAN_FENCE].plan(source, language, class_name, options, md, **kwargs)


def continue_fence(source: str, language: str, class_name: str, options: dict[str, Any],
                   md: Any, **kwargs: Any) -> str:
    return default_fences()[CONTINUE_FENCE].continue_(source, language, class_name, options,
                                                      md, **kwargs)


def data_fence(source: str, language: str, class_name: str, options: dict[str, Any],
               md: Any, **kwargs: Any) -> str:
    return default_fences()[render_data.FENCE_NAME].data(source, language, class_name,
                                                         options, md, **kwargs)
