"""Reading a site's configuration file (mkdocs.yml, with INHERIT) without MkDocs.

The MkDocs hook gets its settings from MkDocs itself; this is for the steps that run
without it: `python -m worksheets.builder.finish` on a built folder, and the formatters a
generator without hooks names by dotted path (formatters.default_fences). It reads only
what those need, the way MkDocs would: INHERIT merges mappings and replaces lists, paths
are relative to the file, tags such as `!ENV` and `!!python/name:` are read as plain values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from worksheets.builder.site import SitePage, SiteSettings


class _AnyTagLoader(yaml.SafeLoader):
    """Reads a config file as data, with its tags (`!ENV [A, default]`) as plain values."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_AnyTagLoader.add_multi_constructor("!", _untagged)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


class ConfigFileError(ValueError):
    """The configuration file cannot be read; the message names it and the fix."""


def read_yaml(path: Path) -> dict[str, Any]:
    """One file's mapping, or {} when it is missing, unreadable or not a mapping."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _merged(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def read_config(path: Path) -> dict[str, Any]:
    """The file's settings with its INHERIT chain applied."""
    if not path.is_file():
        raise ConfigFileError(f"{path}: no such configuration file; give the site's file with "
                              "-f (e.g. -f mkdocs.yml)")
    data = read_yaml(path)
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        return _merged(read_config((path.parent / parent).resolve()), data)
    return data


def settings(path: Path, data: dict[str, Any] | None = None) -> SiteSettings:
    """What the build needs from the file, as the hook would take it from MkDocs."""
    data = read_config(path) if data is None else data
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    custom = theme.get("custom_dir")
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    return SiteSettings(
        config_file=path, site_name=str(data.get("site_name") or ""),
        onward=extra.get("onward"), site_description=str(data.get("site_description") or ""),
        docs_dir=path.parent / str(data.get("docs_dir") or "docs"),
        theme_dirs=(path.parent / custom,) if isinstance(custom, str) else (),
        theme_files={name: theme.get(name) for name in ("logo", "favicon")},
        palette=theme.get("palette"), inherited_palette=inherited_palette(path))


def inherited_palette(path: Path) -> Any:
    """The palette the file's INHERIT chain would give it, or None without INHERIT."""
    parent_name = read_yaml(path).get("INHERIT")
    seen = {path.resolve()}
    while isinstance(parent_name, str):
        parent = (path.parent / parent_name).resolve()
        if parent in seen:
            return None
        seen.add(parent)
        data = read_yaml(parent)
        theme = data.get("theme")
        if isinstance(theme, dict) and "palette" in theme:
            return theme["palette"]
        path, parent_name = parent, data.get("INHERIT")
    return None


def _nav_files(nav: Any) -> list[tuple[str, str]]:
    """(title, file) of every Markdown page `nav` lists, in order; links elsewhere skipped."""
    if isinstance(nav, str):
        return [("", nav)] if nav.endswith(".md") and "://" not in nav else []
    if isinstance(nav, dict):
        found = []
        for title, value in nav.items():
            found += [(title if isinstance(value, str) else t, f) for t, f in _nav_files(value)]
        return found
    if isinstance(nav, list):
        return [entry for item in nav for entry in _nav_files(item)]
    return []


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """A page's address relative to the site's root, as MkDocs makes it."""
    stem = src_uri[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def read_site(path: Path) -> tuple[SiteSettings, list[SitePage]]:
    """The settings, and the pages the navigation lists in its order (every page, index
    first then by name, when the file has no `nav`)."""
    data = read_config(path)
    found = settings(path, data)
    docs = found.docs_dir or path.parent / "docs"
    listed = _nav_files(data.get("nav")) if data.get("nav") else [
        ("", p.relative_to(docs).as_posix())
        for p in sorted(docs.rglob("*.md"), key=lambda p: (p.stem != "index", p.as_posix()))]
    directory_urls = data.get("use_directory_urls", True) is not False
    pages = [SitePage(src, page_url(src, directory_urls),
                      (docs / src).read_text(encoding="utf-8"), title or Path(src).stem)
             for title, src in listed if (docs / src).is_file()]
    return found, pages
