"""Golden HTML: each `cases/<name>.md` is a page of the fixture site; its HTML, as MkDocs
renders the page's content with the project's hook, must equal `cases/<name>.html`.

Adding a case is adding those two files: write the `.md`, run
`.ci/test tests/golden --update-golden`, and read the `.html` it writes before committing.
A missing `.html` fails the test. After an intended change, rewrite with the same switch
and read the diff.

The pages go through MkDocs' own events (config, nav, page markdown, render, page content)
rather than any function of the hook, so the cases hold however the hook is organised.
The `files` event is left out: it builds the Python runtime (Node, minutes when cold),
which the page HTML does not depend on.
"""

from __future__ import annotations

import json
import re
from html import escape, unescape
from pathlib import Path

import pytest
from mkdocs.commands.build import _populate_page
from mkdocs.config import load_config
from mkdocs.structure.files import File, get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from tests.conftest import FIXTURE_CONFIG
from tests.golden.golden import UPDATE_OPTION, check_golden, pretty

CASES = Path(__file__).parent / "cases"
# Each case is a page at golden/<name>/, so its links are relative to a page one level
# below the fixture's own pages, like a step page.
CASE_FOLDER = "golden"
# The data controls carry every loaded worksheet's schema; the package's own change with
# every definition (their escaping is checked in tests/unit/test_migrations.py), so the
# golden keeps only the fixture's worksheet and names the others.
FIXTURE_WORKSHEETS = frozenset({"every-field"})
_SCHEMAS = re.compile(r'data-onward-schemas="([^"]*)"')


def _fixture_schemas_only(html: str) -> str:
    def keep(match: re.Match[str]) -> str:
        schemas = json.loads(unescape(match.group(1)))
        kept = {key: value for key, value in schemas.items() if key in FIXTURE_WORKSHEETS}
        return f'data-onward-schemas="{escape(json.dumps(kept, sort_keys=True))}"'
    return _SCHEMAS.sub(keep, html)


def render_pages(sources: dict[str, str]) -> dict[str, str]:
    """Each `{name: markdown}` rendered as the content of page golden/<name>.md of the
    fixture site, exactly as `mkdocs build` renders a page's content."""
    config = load_config(str(FIXTURE_CONFIG))
    config = config.plugins.on_config(config)
    files = get_files(config)
    added = [File.generated(config, f"{CASE_FOLDER}/{name}.md", content=text)
             for name, text in sources.items()]
    for file in added:
        files.append(file)
    nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    rendered = {}
    for name, file in zip(sources, added, strict=True):
        page = Page(None, file, config)
        _populate_page(page, config, files)
        rendered[name] = page.content
    assert nav.pages, "the fixture site's navigation is empty"
    return rendered


CASE_FILES = sorted(CASES.glob("*.md"))


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    """Every case rendered in one pass: one configuration load for the whole module."""
    return render_pages({case.stem: case.read_text(encoding="utf-8") for case in CASE_FILES})


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda path: path.stem)
def test_fence_renders_as_golden_html(case: Path, rendered: dict[str, str],
                                      request: pytest.FixtureRequest) -> None:
    actual = pretty(_fixture_schemas_only(rendered[case.stem]))
    check_golden(request, case.with_suffix(".html"), actual)


def test_a_case_without_expected_html_fails(tmp_path: Path,
                                            request: pytest.FixtureRequest) -> None:
    """The rule above, checked: no expected file is a failure, not a pass that writes one."""
    if request.config.getoption(UPDATE_OPTION):
        pytest.skip("with --update-golden a missing file is written, by design")
    missing = tmp_path / "new-case.html"
    with pytest.raises(pytest.fail.Exception, match=r"is missing\. Write it with .*--update"):
        check_golden(request, missing, "<p>anything</p>\n")
    assert not missing.exists()
