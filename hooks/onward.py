"""MkDocs hook for Onward: MkDocs' events, turned into the engine's three steps
(worksheets/builder/site.py: prepare, formatters.py: render, finish.py: finish).

It translates, and decides nothing: MkDocs' config becomes `SiteSettings`, its pages
become `SitePage`s, the engine's files become MkDocs files, its errors PluginErrors.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

# MkDocs puts this folder on sys.path only while loading the hook; the engine is the
# project's own package one level up, importable from a source checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from worksheets.builder import bundle, choose, config_file, finish, formatters, render, site
from worksheets.builder.site import SITE_ASSETS, Site, SitePage, SiteSettings

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

# One stylesheet (palette and worksheets together): each one in the head is a request the
# first paint waits for.
STYLESHEET = f"{SITE_ASSETS}/onward.css"
ENTRY_SCRIPT = f"{SITE_ASSETS}/onward.js"  # an ES module: loads once, survives instant nav

# The one piece of state: this build's Site. MkDocs keeps a hook loaded between the
# rebuilds of `mkdocs serve`, so on_config makes it anew; each event replaces it whole.
_site: Site | None = None
_command = "build"  # what MkDocs was started for; fixed for the life of the process


def _current() -> Site:
    if _site is None:
        raise PluginError("Onward hook used before on_config ran; this is a bug in hooks/.")
    return _site


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    if "pymdownx.superfences" not in config.markdown_extensions:
        raise PluginError("Onward needs `pymdownx.superfences` under markdown_extensions in "
                          "mkdocs.yml: the worksheet fences are superfences.")
    settings = SiteSettings(
        config_file=Path(config.config_file_path), site_name=config.site_name,
        onward=config.extra.get("onward"), site_description=config.site_description or "",
        docs_dir=Path(config.docs_dir), theme_dirs=tuple(Path(d) for d in config.theme.dirs),
        theme_files={name: config.theme.get(name) for name in ("logo", "favicon")},
        palette=config.theme.get("palette"), serving=_command == "serve",
        inherited_palette=config_file.inherited_palette(Path(config.config_file_path)))
    _site = _engine(site.prepare, settings)
    if _site.settings.palette is not None:  # a host's colours joined to the inherited ones
        config.theme["palette"] = _site.settings.palette
    if not _site.host.hosting_guide and config.nav is not None:
        config.nav = choose.without_folder(config.nav)
    _use_fences(config, formatters.PageFences(_site))
    if ENTRY_SCRIPT not in [str(script) for script in config.extra_javascript]:
        script = ExtraScriptValue(ENTRY_SCRIPT)
        script.type = "module"
        script.async_ = True  # Material's start (DOMContentLoaded) does not wait for it
        config.extra_javascript.append(script)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return config


def _engine(step: Any, *args: Any) -> Any:
    try:
        return step(*args)
    except (site.SiteError, bundle.RuntimeBundleError) as error:
        raise PluginError(str(error)) from error


def _use_fences(config: MkDocsConfig, page_fences: formatters.PageFences) -> None:
    settings = config.mdx_configs.setdefault("pymdownx.superfences", {})
    settings["custom_fences"] = formatters.with_fences(settings.get("custom_fences", []),
                                                       page_fences)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Templates read the host's settings from the checked object, never extra.onward."""
    env.globals["onward_host"] = _current().host
    return env


# Late, so files a theme or another hook adds are already in place before ours join them.
@event_priority(-50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _site
    _site = site.with_contents(_current(), [f.src_uri for f in files.documentation_pages()],
                               config.nav)
    config.site_description = site.site_description(_site, config.site_description or "")
    for file in [f for f in files if f.src_uri in site.left_out(_site, [f.src_uri])]:
        files.remove(file)
    _site = _engine(site.with_runtime, _site)
    for item in _site.files:
        files.append(File.generated(config, item.path, content=item.content,
                                    abs_src_path=str(item.source) if item.source else None))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Note which page holds each worksheet, in navigation order, for My plan."""
    global _site
    pages = [SitePage(p.file.src_uri, p.file.url, p.file.content_string,
                      p.title or p.file.name) for p in nav.pages]
    _site = _engine(site.with_plan, _current(), pages)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The page's own formatters, set just before MkDocs makes its Markdown converter."""
    _use_fences(config, formatters.PageFences(_current(), page.file.src_uri, page.file.url))
    return _engine(site.page_markdown, _current(), markdown, page.file.src_uri)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return render.with_worksheet_link(html)


# Last of all, so the finish step sees every file other hooks wrote.
@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    built = _current()
    manifest = finish.web_manifest(built, config.site_description or "")
    _engine(finish.finish_site, Path(config.site_dir),
            finish.Finish(python_init=built.python_init(), offline=built.host.offline,
                          publish=_command != "serve", manifest=manifest))
