"""Step three of the build, *finish*: a pass over a built site folder.

In order, because each part must see what the one before wrote:

1. the web app manifest and its icons;
2. every page that runs Python gets the early start (python-start.js, at the top of its
   content) and the boot script (python-boot.js, inlined at the end of <head>);
3. every page gets its Content-Security-Policy as a <meta> tag, hashing each inline script
   (the boot script included), so this comes after 2;
4. the service worker and its list of every file (or, with offline use off, the worker
   that removes an earlier one), after every file that belongs in the list;
5. `.br` and `.gz` siblings of every text file, the worker and its list included.

The MkDocs hook runs it after the build; run it yourself on any built folder with

    python -m worksheets.builder.finish SITE_DIR [-f mkdocs.yml]

It reads the host's settings from the configuration file and what the Python worker starts
with from the `site-config.js` the build wrote; a folder without one (a build by another
generator) first gets the engine's own files. Running it twice changes nothing more.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from worksheets.builder import (
    bundle,
    config_file,
    csp,
    offline,
    precompress,
    runtime,
    site,
)
from worksheets.builder.site_config import FILE_NAME, SITE_ASSETS, python_init_of


@dataclass(frozen=True)
class Finish:
    """What the pass needs to know. `publish` is False for a live-reload preview
    (`mkdocs serve`): no policy (the preview injects a script no hash can allow) and no
    compressed copies (it serves plain files and rebuilds on every save)."""

    python_init: dict[str, Any]
    offline: bool = True
    publish: bool = True
    manifest: str = ""  # the web app manifest's text; "" leaves any there as it is


def web_manifest(found: site.Site, description: str) -> str:
    """The manifest for a prepared site; `description` as the generator has it."""
    settings = found.settings
    return offline.web_manifest(settings.site_name, found.host.app_short_name, description,
                                offline.theme_color(settings.palette))


def assets_url(page: Path, site_dir: Path) -> str:
    """The site's assets/onward/ folder, relative to a page file."""
    depth = len(page.relative_to(site_dir).parts) - 1
    return "../" * depth + SITE_ASSETS


# Where the page's own content starts: after Material's content region opens (and the
# template's blank lines), or after <body> in a theme without one.
_CONTENT = (re.compile(r'<article class="md-content__inner[^"]*"[^>]*>\s*', re.I),
            re.compile(r"<body\b[^>]*>", re.I))


def finish_page(html: str, url: str, finish: Finish) -> str:
    """One page: when it runs Python, the early start first in its content and the boot
    script in its head; then its policy. `url` is the assets folder relative to it."""
    content = _CONTENT[0].search(html) or _CONTENT[1].search(html)
    if finish.python_init and content and f'{runtime.EARLY_START}"></script>' not in html:
        at = content.end()
        html = html[:at] + runtime.with_early_start(html[at:], url)
        html = runtime.with_boot(html, url, finish.python_init)
    return csp.insert_meta(html) if finish.publish else html


def write_app_files(site_dir: Path, manifest: str) -> None:
    """The web app manifest at the root and the icons it names."""
    (site_dir / offline.WEB_MANIFEST).write_text(manifest, encoding="utf-8")
    icons = site_dir / offline.ICONS_URL
    icons.mkdir(parents=True, exist_ok=True)
    for icon in sorted(offline.ICONS_DIR.iterdir()):
        (icons / icon.name).write_bytes(icon.read_bytes())


def finish_site(site_dir: Path, finish: Finish) -> None:
    """The whole pass, in the order the module's docstring gives."""
    if finish.manifest:
        write_app_files(site_dir, finish.manifest)
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        done = finish_page(html, assets_url(page, site_dir), finish)
        if done != html:
            page.write_text(done, encoding="utf-8")
    if finish.offline:
        offline.write_service_worker(site_dir)
    else:
        offline.write_retiring_worker(site_dir)
    if finish.publish:
        precompress.write_siblings(site_dir)


# --- the command -------------------------------------------------------------------------


def finish_for_config(site_dir: Path, config: Path) -> Finish:
    """What to finish a built folder with, from its configuration file; a folder the MkDocs
    hook did not build first gets the engine's own files (runtime, package, assets)."""
    prepared = site.prepare(config_file.settings(config))
    settings = prepared.settings  # the palette as the build used it (site.prepare)
    site_config = site_dir / SITE_ASSETS / FILE_NAME
    if not site_config.is_file():
        prepared = site.with_runtime(prepared)
        site.write_files(prepared, site_dir)
    python_init = python_init_of(site_config.read_text(encoding="utf-8"))
    docs = settings.docs_dir or config.parent / "docs"
    pages = [path.relative_to(docs).as_posix() for path in docs.rglob("*.md")]
    contents = site.with_contents(prepared, pages, config_file.read_config(config).get("nav"))
    return Finish(python_init=python_init, offline=prepared.host.offline,
                  manifest=web_manifest(prepared,
                                        site.site_description(contents,
                                                              settings.site_description)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m worksheets.builder.finish",
        description="Finish a built site folder: boot script, Content-Security-Policy, "
                    "offline files and precompressed copies.")
    parser.add_argument("site_dir", type=Path, help="the built folder, e.g. site")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the site's configuration file (default: mkdocs.yml)")
    args = parser.parse_args(argv)
    if not args.site_dir.is_dir():
        parser.error(f"{args.site_dir} is not a folder; build the site first "
                     "(e.g. mkdocs build) and give its output folder")
    try:
        finish_site(args.site_dir, finish_for_config(args.site_dir, args.config_file.resolve()))
    except (ValueError, bundle.RuntimeBundleError) as error:  # each says what to fix
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"finished {args.site_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
