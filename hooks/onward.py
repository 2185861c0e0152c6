"""MkDocs hook for Onward: a thin adapter between MkDocs events and `worksheets.builder`.

It registers the `worksheet` and `plan-summary` fences, checks every fence against the
definitions, and adds the browser assets, the worksheets package and the pinned Pyodide
runtime to the site. All logic lives in `worksheets.builder`, which knows nothing of MkDocs.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data
from pymdownx.superfences import SuperFencesException

# MkDocs puts this folder on sys.path only while loading the hook; the engine is the
# project's own package one level up, importable from a source checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from worksheets.builder import (
    block_reference,
    bundle,
    choose,
    csp,
    fences,
    host_config,
    lock,
    offline,
    palette,
    precompress,
    registry,
    render_data,
    runtime,
    schema,
    site_config,
    steps,
)
from worksheets.builder.loader import DefinitionError
from worksheets.builder.model import Worksheet
from worksheets.builder.render import (
    PlanEntry,
    render_continue,
    render_plan,
    render_worksheet,
    with_worksheet_link,
)

if TYPE_CHECKING:
    from markdown import Markdown
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.onward")
ASSETS_DIR = Path(bundle.PACKAGE_ROOT) / "assets"
SITE_ASSETS = site_config.SITE_ASSETS
ENTRY_SCRIPT = f"{SITE_ASSETS}/onward.js"
# Both linked from the page, never one @import-ing the other: an @import is fetched only
# once its parent has arrived, a round trip more before the first paint on a slow link.
STYLESHEETS = (f"{SITE_ASSETS}/accessible-theme.css", f"{SITE_ASSETS}/onward.css")


@dataclass
class BuildState:
    """Everything one build knows. Made anew in on_config: `mkdocs serve` keeps this module
    loaded between rebuilds, so nothing may outlive a build."""

    worksheets: dict[str, Worksheet]
    page: str = "?"
    page_url: str = ""
    rendered: dict[str, str] = field(default_factory=dict)
    # Where each worksheet lives, in navigation order: what My plan lists.
    plan: list[tuple[str, str, str]] = field(default_factory=list)
    host: host_config.HostConfig = field(default_factory=host_config.HostConfig)
    folders: list[Path] = field(default_factory=list)
    # Step pages the copy's nav leaves out (not built, not linked), and how many remain.
    dropped: set[str] = field(default_factory=set)
    step_count: int = steps.SHIPPED_COUNT
    # What the Python worker starts with (runtime.SiteRuntime.python_init), once on_files ran.
    python_init: dict[str, Any] = field(default_factory=dict)


_state: BuildState | None = None


def _current() -> BuildState:
    if _state is None:
        raise PluginError("Onward hook used before on_config ran; this is a bug in hooks/.")
    return _state


def _format_worksheet(source: str, language: str, class_name: str, options: dict[str, Any],
                      md: Markdown, **kwargs: Any) -> str:
    state = _current()
    try:
        worksheet_id = fences.parse_fence(source, state.page)
        worksheet = state.worksheets[worksheet_id]
    except (DefinitionError, KeyError) as error:
        # Raised as SuperFencesException so the block can never quietly become code.
        raise SuperFencesException(f"{state.page}: bad worksheet fence: {error}") from error
    if worksheet_id in state.host.hidden_worksheets:
        return ""  # the host left it out: the page reads on without it
    return state.rendered.setdefault(worksheet_id, render_worksheet(worksheet))


def _plan_entries() -> list[PlanEntry]:
    """Every worksheet in navigation order, linked relative to the page being rendered."""
    state = _current()
    return [PlanEntry(worksheet_id, title, get_relative_url(url, state.page_url))
            for worksheet_id, title, url in state.plan]


def _format_plan(source: str, language: str, class_name: str, options: dict[str, Any],
                 md: Markdown, **kwargs: Any) -> str:
    return render_plan(_plan_entries())


def _format_continue(source: str, language: str, class_name: str, options: dict[str, Any],
                     md: Markdown, **kwargs: Any) -> str:
    return render_continue(_plan_entries())


def _format_data(source: str, language: str, class_name: str, options: dict[str, Any],
                 md: Markdown, **kwargs: Any) -> str:
    state = _current()
    try:
        render_data.check_fence(source, state.page)
    except DefinitionError as error:
        raise SuperFencesException(f"{state.page}: bad {language} fence: {error}") from error
    return render_data.render_data_controls(state.worksheets)


def _register_fences(config: MkDocsConfig) -> None:
    if "pymdownx.superfences" not in config.markdown_extensions:
        raise PluginError("Onward needs `pymdownx.superfences` under markdown_extensions in "
                          "mkdocs.yml: the worksheet fences are superfences.")
    settings = config.mdx_configs.setdefault("pymdownx.superfences", {})
    custom = [f for f in settings.get("custom_fences", [])
              if f.get("name") not in (fences.FENCE_NAME, "plan-summary", "onward-continue",
                                     render_data.FENCE_NAME)]
    custom += [
        {"name": fences.FENCE_NAME, "class": "worksheet", "format": _format_worksheet},
        {"name": "plan-summary", "class": "plan-summary", "format": _format_plan},
        {"name": render_data.FENCE_NAME, "class": "onward-data", "format": _format_data},
        {"name": "onward-continue", "class": "onward-continue", "format": _format_continue},
    ]
    settings["custom_fences"] = custom


def _definition_folders(config: MkDocsConfig) -> list[Path]:
    """Hosts may keep their own definitions outside the package: extra.onward.definitions."""
    base = Path(config.config_file_path).parent
    folders = config.extra.get("onward", {}).get("definitions", [])
    return [base / folder for folder in folders]


def _add_assets(config: MkDocsConfig) -> None:
    if ENTRY_SCRIPT not in [str(s) for s in config.extra_javascript]:
        script = ExtraScriptValue(ENTRY_SCRIPT)
        script.type = "module"  # ES module: loads once, survives instant navigation
        config.extra_javascript.append(script)
    for stylesheet in STYLESHEETS:
        if stylesheet not in config.extra_css:
            config.extra_css.append(stylesheet)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state
    folders = _definition_folders(config)
    try:
        worksheets = registry.load_package_definitions(folders)
        schema.check_all(worksheets)  # a migration must land on fields that exist
        for folder in lock.check_all(worksheets, folders):  # fields changed with no version?
            log.info("Onward: %s has no %s, so its worksheets' changes are not checked; "
                     "create it with `%s`", folder, lock.LOCK_NAME, lock.command_for(folder))
    except DefinitionError as error:
        raise PluginError(f"Worksheet definition error: {error}") from error
    except registry.HostComputeError as error:
        raise PluginError(str(error)) from error
    _state = BuildState(worksheets=worksheets, host=_host_config(config), folders=folders)
    _keep_dark_mode(config)
    _choose_contents(config, _state)
    _register_fences(config)
    _add_assets(config)
    return config


def _keep_dark_mode(config: MkDocsConfig) -> None:
    """A host file's colours without toggles join the inherited entries (palette.py), so
    the dark-mode switch stays."""
    base = palette.inherited_palette(Path(config.config_file_path))
    merged = palette.composed(config.theme.get("palette"), base)
    if merged is not None:
        config.theme["palette"] = merged


def _leave_out(files: Files, config: MkDocsConfig, state: BuildState) -> None:
    """The hosting guide when the host says so, and steps its nav does not list: not
    built, so not searchable either."""
    pages = [f.src_uri for f in files.documentation_pages()]
    state.dropped = steps.dropped_steps(pages, config.nav)
    state.step_count = sum(1 for page in pages if page.startswith(steps.STEPS_FOLDER)) \
        - len(state.dropped)
    if state.dropped and config.site_description:  # "a fifteen-step guide"
        config.site_description = steps.without_dropped(config.site_description, set(),
                                                        state.step_count, force=True)
    for file in list(files):
        if (file.src_uri in state.dropped or (not state.host.hosting_guide
                and file.src_uri.startswith(choose.HOSTING_FOLDER))):
            files.remove(file)


def _choose_contents(config: MkDocsConfig, state: BuildState) -> None:
    """The host's choices: hidden worksheets must exist; no hosting guide in the nav."""
    problem = choose.unknown_hidden(state.host.hidden_worksheets, list(state.worksheets))
    if problem:
        raise PluginError(f"{config.config_file_path}: extra.onward.hidden_worksheets: "
                          f"{problem}")
    if not state.host.hosting_guide and config.nav is not None:
        config.nav = choose.without_folder(config.nav)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Note which page holds each worksheet, in navigation order, for My plan."""
    state = _current()
    for page in nav.pages:
        markdown = page.file.content_string
        if get_data(markdown)[1].get("my_plan") is False:  # e.g. the hosting guide's example
            continue
        title = fences.page_title(markdown, page.title or page.file.name)
        for fence in fences.find_fences(markdown, f"docs/{page.file.src_uri}"):
            if fence.worksheet_id in state.host.hidden_worksheets:
                continue
            state.plan.append((fence.worksheet_id, title, page.file.url))
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _current()
    state.page = page.file.src_uri
    state.page_url = page.file.url
    try:
        fences.check_fences(
            fences.find_fences(markdown, f"docs/{state.page}"), state.worksheets,
            lambda fence: choose.unknown_fence_fix(state.page, fence.worksheet_id,
                                                   list(state.worksheets),
                                                   config.config_file_path))
    except DefinitionError as error:
        raise PluginError(str(error)) from error
    markdown = steps.without_dropped(markdown, state.dropped, state.step_count)
    if block_reference.MARKER in markdown:  # the hosting guide's result-block reference
        try:
            markdown = markdown.replace(block_reference.MARKER,
                                        block_reference.reference_markdown())
        except block_reference.BlockDocError as error:
            raise PluginError(str(error)) from error
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A page that runs Python starts it from its first lines (see runtime.with_early_start);
    a page with a worksheet links to it from under its title (render.with_worksheet_link)."""
    html = with_worksheet_link(html)
    return runtime.with_early_start(html, get_relative_url(SITE_ASSETS, page.file.url))


def _site_config(config: MkDocsConfig, built: runtime.SiteRuntime) -> str:
    return site_config.site_config_js(
        runtime_version=built.version, python_init=built.python_init(),
        namespace=config.extra.get("onward", {}).get("storage_namespace", ""),
        site_name=config.site_name,
        # Under `mkdocs serve` a cached copy would hide every edit: no offline there.
        offline=_current().host.offline and _command != "serve")


# Late, so files a theme or another hook adds are already in place before ours join them.
@event_priority(-50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _current()
    try:
        # The pinned runtime, verified, precompiled and trimmed (cached under .cache/).
        built = runtime.build_runtime(
            bundle.package_zip(state.worksheets, host=state.host,
                               host_modules=registry.host_compute_modules(state.folders)),
            runtime.host_modules(config.extra.get("onward"), config.config_file_path))
    except bundle.RuntimeBundleError as error:
        raise PluginError(str(error)) from error
    _leave_out(files, config, state)
    for item in built.files:
        files.append(File.generated(config, f"{SITE_ASSETS}/{item.path}",
                                    abs_src_path=str(item.source)))
    files.append(File.generated(config, f"{SITE_ASSETS}/site-config.js",
                                content=_site_config(config, built)))
    state.python_init = built.python_init()
    # The service worker is written after the build; the boot script is inlined in pages.
    for asset in sorted(ASSETS_DIR.iterdir()):
        if asset.suffix in (".js", ".css") and asset.name not in (offline.SERVICE_WORKER,
                                                                   runtime.BOOT):
            files.append(File.generated(config, f"{SITE_ASSETS}/{asset.name}",
                                        abs_src_path=str(asset)))
    _add_offline_files(files, config)
    return files


# --- Host settings and offline support (logic in worksheets.builder.host_config / offline) ---

_command = "build"  # what MkDocs was started for; fixed for the life of the process


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _host_config(config: MkDocsConfig) -> host_config.HostConfig:
    config_file = Path(config.config_file_path)
    try:
        host = host_config.load_host_config(config.extra.get("onward"), config_file)
        search = [Path(config.docs_dir), *(Path(folder) for folder in config.theme.dirs)]
        for setting in ("logo", "favicon"):
            host_config.check_theme_file(setting, config.theme.get(setting), search, config_file)
    except host_config.HostConfigError as error:
        raise PluginError(str(error)) from error
    return host


def _add_offline_files(files: Files, config: MkDocsConfig) -> None:
    host = _current().host
    manifest = offline.web_manifest(config.site_name, host.app_short_name,
                                    config.site_description or "",
                                    offline.theme_color(config.theme.get("palette")))
    files.append(File.generated(config, offline.WEB_MANIFEST, content=manifest))
    for icon in sorted(offline.ICONS_DIR.iterdir()):
        files.append(File.generated(config, f"{offline.ICONS_URL}{icon.name}",
                                    abs_src_path=str(icon)))


# Last of all, so the list holds every file other hooks wrote (precompressed runtime too).
@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    if _current().host.offline:
        offline.write_service_worker(Path(config.site_dir))
    else:
        offline.write_retiring_worker(Path(config.site_dir))
    # After the worker and its list, so they get siblings too. Not under `mkdocs serve`,
    # which serves the plain files and rebuilds on every save.
    if _command != "serve":
        try:
            precompress.write_siblings(Path(config.site_dir))
        except bundle.RuntimeBundleError as error:
            raise PluginError(str(error)) from error


# Last, so every inline script that any hook or template added is hashed into the policy.
@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = runtime.with_boot(output, get_relative_url(SITE_ASSETS, page.file.url),
                               _current().python_init)
    # `mkdocs serve` injects a live-reload script that differs on every request, so no
    # hash can allow it: the policy is for built sites only.
    return output if _command == "serve" else csp.insert_meta(output)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a template, not a page: it gets the same policy."""
    if _command == "serve" or not template_name.endswith(".html"):
        return output_content
    return csp.insert_meta(output_content)
