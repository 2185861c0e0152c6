"""Step one of the build, *prepare*: everything a site needs, known once, in a `Site`.

The build has three steps, and nothing in them imports a site generator:

1. *prepare* (here): read and check the host's settings and every definition once; later,
   when the site's pages are known, note where each worksheet lives (for My plan) and
   which steps the copy leaves out; then build the Python runtime, the worksheets package
   and `site-config.js`, as a list of files for the site (`with_runtime`);
2. *render* (`fences.py`'s `PageFences`): the fence formatters, pure functions of a
   `Site` and the page they are given;
3. *finish* (`finish.py`): a pass over the built site folder.

A generator's adapter (hooks/onward.py for MkDocs) turns its configuration into
`SiteSettings`, calls these, and hands the results back in its own terms. A `Site` is
frozen: each later fact makes a new one (`dataclasses.replace`), so nothing an earlier
event saw can leak into a later one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from worksheets.builder import (
    block_reference,
    bundle,
    choose,
    fences,
    host_config,
    lock,
    palette,
    registry,
    render,
    runtime,
    schema,
    scripts,
    site_config,
    steps,
)
from worksheets.builder.loader import DefinitionError, parse_fence
from worksheets.builder.model import Field, Worksheet
from worksheets.builder.runtime import SiteRuntime

SITE_ASSETS = site_config.SITE_ASSETS


class SiteError(ValueError):
    """The site cannot be built as configured; the message says what to fix."""


@dataclass(frozen=True)
class SiteSettings:
    """What the build needs from the generator's configuration, in plain values.

    `onward` is `extra.onward` exactly as written (None when absent): only
    `host_config.load_host_config` reads it."""

    config_file: Path
    site_name: str
    onward: Any = None
    site_description: str = ""
    docs_dir: Path | None = None
    theme_dirs: tuple[Path, ...] = ()
    theme_files: Mapping[str, str | None] = field(default_factory=dict)  # logo, favicon
    palette: Any = None  # theme.palette: the installed app's colour
    inherited_palette: Any = None  # what the file's INHERIT chain gives (config_file.py)
    serving: bool = False  # a live-reload preview (`mkdocs serve`), not a site to publish


@dataclass(frozen=True)
class SitePage:
    """A page as the build sees it before rendering: its source path, address and text."""

    src_uri: str  # "steps/01-pause.md"
    url: str  # "steps/01-pause/", relative to the site's root
    markdown: str
    title: str  # what to call it when its Markdown has no `# heading`


@dataclass(frozen=True)
class PlanPlace:
    """Where a worksheet lives, in navigation order: what My plan lists."""

    worksheet_id: str
    title: str
    url: str


@dataclass(frozen=True)
class SiteFile:
    """A file the build adds to the site: copied from `source`, or written from `content`."""

    path: str  # relative to the site's root
    source: Path | None = None
    content: str | None = None


@dataclass
class _Memo:
    """Work done once per build and shared by every `Site` made from the first."""

    rendered: dict[tuple[str, tuple[tuple[str, str], ...]], str] = field(default_factory=dict)
    fence_ids: dict[str, str] = field(default_factory=dict)
    pages: dict[tuple[str, str], list[fences.FenceRef]] = field(default_factory=dict)


def _sources_of(fields: tuple[Field, ...]) -> set[str]:
    """The worksheets a worksheet's reference fields pick from, rows included."""
    found = {f.source.split(".")[0] for f in fields if f.type == "reference"}
    for field_ in fields:
        found |= _sources_of(field_.fields)
    return found


@dataclass(frozen=True)
class Site:
    """Everything the later steps need. Made by `prepare`; never changed, only replaced."""

    settings: SiteSettings
    host: host_config.HostConfig
    worksheets: Mapping[str, Worksheet]
    plan: tuple[PlanPlace, ...] = ()
    # Step pages the copy's nav leaves out (not built, not linked), and how many remain.
    dropped: frozenset[str] = frozenset()
    step_count: int = steps.SHIPPED_COUNT
    python_runtime: SiteRuntime | None = None
    files: tuple[SiteFile, ...] = ()
    # Shared by every Site replaced from this one: none of it depends on the page.
    memo: _Memo = field(default_factory=lambda: _Memo(), compare=False, repr=False)

    def worksheet_html(self, worksheet_id: str, links: Mapping[str, str]) -> str:
        """A worksheet's form, rendered once per build for each set of page links (its
        reference fields link to other worksheets' pages, relative to the page)."""
        worksheet = self.worksheets[worksheet_id]
        needed = _sources_of(worksheet.fields)  # most worksheets link nowhere: one render
        key = (worksheet_id, tuple(sorted((k, v) for k, v in links.items() if k in needed)))
        rendered = self.memo.rendered
        if key not in rendered:
            rendered[key] = render.render_worksheet(worksheet, links)
        return rendered[key]

    def fence_id(self, body: str, page: str) -> str:
        """The worksheet id a fence body names, each distinct body parsed once per build."""
        key = body.strip()
        if key not in self.memo.fence_ids:
            self.memo.fence_ids[key] = parse_fence(body, page)
        return self.memo.fence_ids[key]

    def fences_of(self, markdown: str, src_uri: str) -> list[fences.FenceRef]:
        """A page's `worksheet` fences, found once per page text (My plan and the page's own
        check both need them)."""
        key = (src_uri, markdown)
        if key not in self.memo.pages:
            self.memo.pages[key] = fences.find_fences(markdown, f"docs/{src_uri}",
                                                      parse=self.fence_id)
        return self.memo.pages[key]

    def python_init(self) -> dict[str, Any]:
        """What the Python worker starts with; empty until `with_runtime` ran."""
        return self.python_runtime.python_init() if self.python_runtime else {}

    @property
    def offline(self) -> bool:
        """Whether visitors' browsers keep the site: never in a live-reload preview, where a
        cached copy would hide every edit."""
        return self.host.offline and not self.settings.serving


def prepare(settings: SiteSettings) -> Site:
    """The host's settings and every definition, checked: a mistake raises SiteError naming
    the file, the line and the fix."""
    settings = _with_composed_palette(settings)
    host = load_host(settings)
    try:
        worksheets = registry.load_package_definitions(host.definitions)
        schema.check_all(worksheets)  # a migration must land on fields that exist
        for folder in lock.check_all(worksheets, list(host.definitions)):
            runtime.LOG.info("Onward: %s has no %s, so its worksheets' changes are not "
                             "checked; create it with `%s`", folder, lock.LOCK_NAME,
                             lock.command_for(folder))
    except DefinitionError as error:
        raise SiteError(f"Worksheet definition error: {error}") from error
    except registry.HostComputeError as error:
        raise SiteError(str(error)) from error
    problem = choose.unknown_hidden(host.hidden_worksheets, list(worksheets))
    if problem:
        raise SiteError(f"{settings.config_file}: extra.onward.hidden_worksheets: {problem}")
    return Site(settings=settings, host=host, worksheets=worksheets)


def _with_composed_palette(settings: SiteSettings) -> SiteSettings:
    """The colours the site is built with: a host file's palette without toggles joined to
    the one it inherits (palette.py), so its dark mode is not lost. The generator's theme
    takes `Site.settings.palette` back."""
    joined = palette.composed(settings.palette, settings.inherited_palette)
    return settings if joined is None else dataclasses.replace(settings, palette=joined)


def load_host(settings: SiteSettings) -> host_config.HostConfig:
    """The host's settings, and the theme files they name, checked."""
    try:
        host = host_config.load_host_config(settings.onward, settings.config_file)
        search = [path for path in (settings.docs_dir, *settings.theme_dirs) if path]
        for setting, value in settings.theme_files.items():
            host_config.check_theme_file(setting, value, search, settings.config_file)
    except host_config.HostConfigError as error:
        raise SiteError(str(error)) from error
    return host


# --- what the pages say: contents, plan, each page's Markdown -----------------------------


def left_out(site: Site, src_uris: Iterable[str]) -> set[str]:
    """The pages the copy does not build: steps its nav leaves out (see `with_contents`),
    and the hosting guide when the host says so."""
    return {uri for uri in src_uris if uri in site.dropped
            or (not site.host.hosting_guide and uri.startswith(choose.HOSTING_FOLDER))}


def with_contents(site: Site, src_uris: Iterable[str], nav: Any) -> Site:
    """The steps the copy carries: those its nav lists (all of them without a nav)."""
    pages = list(src_uris)
    dropped = frozenset(steps.dropped_steps(pages, nav))
    count = sum(1 for page in pages if page.startswith(steps.STEPS_FOLDER)) - len(dropped)
    return dataclasses.replace(site, dropped=dropped, step_count=count)


def site_description(site: Site, description: str) -> str:
    """"A fifteen-step guide" with the copy's own number of steps."""
    if not site.dropped or not description:
        return description
    return steps.without_dropped(description, set(), site.step_count, force=True)


def with_plan(site: Site, pages: Iterable[SitePage]) -> Site:
    """Where each shown worksheet lives, in the order of `pages` (the navigation's)."""
    places = []
    for page in pages:
        if fences.page_meta(page.markdown).get("my_plan") is False:  # the hosting example
            continue
        title = fences.page_title(page.markdown, page.title)
        try:
            found = site.fences_of(page.markdown, page.src_uri)
        except DefinitionError as error:
            raise SiteError(str(error)) from error
        places += [PlanPlace(fence.worksheet_id, title, page.url) for fence in found
                   if fence.worksheet_id not in site.host.hidden_worksheets]
    return dataclasses.replace(site, plan=tuple(places))


def page_markdown(site: Site, markdown: str, src_uri: str) -> str:
    """A page's Markdown checked (every fence names a loaded worksheet, once) and made the
    copy's own (no links to dropped steps; the hosting guide's result-block reference)."""
    try:
        fences.check_fences(
            site.fences_of(markdown, src_uri), dict(site.worksheets),
            lambda fence: choose.unknown_fence_fix(src_uri, fence.worksheet_id,
                                                   list(site.worksheets),
                                                   str(site.settings.config_file)))
    except DefinitionError as error:
        raise SiteError(str(error)) from error
    markdown = steps.without_dropped(markdown, set(site.dropped), site.step_count)
    if block_reference.MARKER in markdown:
        try:
            markdown = markdown.replace(block_reference.MARKER,
                                        block_reference.reference_markdown())
        except block_reference.BlockDocError as error:
            raise SiteError(str(error)) from error
    return markdown


# --- the runtime, the package and the site's own files ----------------------------------


def with_runtime(site: Site) -> Site:
    """The pinned runtime verified, precompiled and trimmed (cached under .cache/), the
    package zipped, and every file the engine adds to the site listed in `files`."""
    try:
        package = bundle.package_zip(
            dict(site.worksheets), host=site.host,
            host_modules=registry.host_compute_modules(site.host.definitions))
        built = runtime.build_runtime(package, site.host.runtime_modules)
        entry = scripts.bundled_entry()
    except (bundle.RuntimeBundleError, registry.HostComputeError) as error:
        raise SiteError(str(error)) from error
    files = [SiteFile(f"{SITE_ASSETS}/{item.path}", source=item.source) for item in built.files]
    config = site_config.site_config_js(
        runtime_version=built.version, python_init=built.python_init(),
        namespace=site.host.storage_namespace, site_name=site.settings.site_name,
        offline=site.offline)
    files.append(SiteFile(f"{SITE_ASSETS}/{site_config.FILE_NAME}", content=config))
    files += [SiteFile(f"{SITE_ASSETS}/{asset.name}", source=asset)
              for asset in scripts.separate_assets()]
    # The entry module and all it imports in one file (scripts.py says why). The service
    # worker is written by the finish step; the boot script is inlined in pages.
    files.append(SiteFile(f"{SITE_ASSETS}/{scripts.ENTRY}", content=entry))
    return dataclasses.replace(site, python_runtime=built, files=tuple(files))


def write_files(site: Site, site_dir: Path) -> None:
    """The engine's files written straight into a built folder, for a generator that
    cannot take them as its own (a build without the MkDocs hook)."""
    for item in site.files:
        target = site_dir / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if item.content is not None:
            target.write_text(item.content, encoding="utf-8")
        elif item.source is not None:
            target.write_bytes(item.source.read_bytes())
