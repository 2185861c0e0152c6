"""The build's three steps without MkDocs: prepare (site.py), render (formatters.py) and
finish (finish.py), on the fixture site and on small hand-made folders."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from mkdocs.utils import get_relative_url
from pymdownx.superfences import SuperFencesException

from tests.unit.site_files import write_site
from worksheets.builder import config_file, finish, formatters, offline, site, site_config
from worksheets.builder.host_config import HostConfig
from worksheets.builder.site import SiteError

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_CONFIG = ROOT / "tests" / "fixture_site" / "mkdocs.yml"
PYTHON_INIT = {"pyodidePath": "pyodide/1/", "packagePath": "worksheets-abc.zip",
               "stdlibPath": "pyodide/1/python_stdlib-abc.zip", "lockInfo": {"arch": "wasm32"}}


@pytest.fixture(scope="module")
def fixture_site() -> site.Site:
    settings, pages = config_file.read_site(FIXTURE_CONFIG)
    return site.with_plan(site.prepare(settings), pages)


def convert(page_fences: formatters.PageFences, text: str) -> str:
    """Markdown as superfences renders it with these formatters, and no MkDocs at all."""
    md = markdown.Markdown(extensions=["pymdownx.superfences"], extension_configs={
        "pymdownx.superfences": {"custom_fences": page_fences.custom_fences()}})
    return md.convert(text)


# --- prepare ---------------------------------------------------------------------------


def test_prepare_reads_the_host_settings_and_every_definition_once(fixture_site):
    assert fixture_site.host.definitions == (FIXTURE_CONFIG.parent / "definitions",)
    assert {"every-field", "interview-scorecard"} <= set(fixture_site.worksheets)
    assert fixture_site.settings.site_name == "Onward engine fixture"


def test_my_plan_follows_the_navigation(fixture_site):
    assert [(p.worksheet_id, p.url) for p in fixture_site.plan] == [
        ("every-field", "every-field/"), ("interview-scorecard", "scorecard/")]
    assert fixture_site.plan[1].title == "Scorecard"


def test_a_hidden_worksheet_that_does_not_exist_stops_prepare(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  onward:\n    hidden_worksheets: [nope]\n")
    with pytest.raises(SiteError, match=r"extra\.onward\.hidden_worksheets: no worksheet 'nope'"):
        site.prepare(config_file.settings(config))


def test_a_page_naming_an_unknown_worksheet_says_how_to_fix_it(fixture_site):
    with pytest.raises(SiteError, match=r"docs/extra\.md:2: .*unknown worksheet 'nope'"):
        site.page_markdown(fixture_site, "# Extra\n```worksheet\nid: nope\n```\n", "extra.md")


def test_the_copy_leaves_out_steps_its_nav_does_not_list(fixture_site):
    pages = ["index.md", "steps/01-a.md", "steps/02-b.md", "hosting/index.md"]
    chosen = site.with_contents(fixture_site, pages, ["index.md", "steps/01-a.md"])
    assert chosen.dropped == {"steps/02-b.md"} and chosen.step_count == 1
    assert site.left_out(chosen, pages) == {"steps/02-b.md"}
    assert site.site_description(chosen, "A fifteen-step guide") == "A one-step guide"


# --- render ----------------------------------------------------------------------------


def test_a_worksheet_renders_once_whichever_page_asks(fixture_site):
    fence = "```worksheet\nid: interview-scorecard\n```\n"
    first = convert(formatters.PageFences(fixture_site, "a.md", "a/"), fence)
    again = convert(formatters.PageFences(fixture_site, "b/c.md", "b/c/"), fence)
    assert first == again and 'data-worksheet="interview-scorecard"' in first
    assert [key[0] for key in fixture_site.memo.rendered] == ["interview-scorecard"]


def test_plan_links_are_relative_to_the_page_given_not_an_earlier_one(fixture_site):
    deep = convert(formatters.PageFences(fixture_site, "x/y.md", "x/y/"), "```plan-summary\n```")
    home = convert(formatters.PageFences(fixture_site, "index.md", ""), "```onward-continue\n```")
    assert 'href="../../every-field/"' in deep
    assert 'href="every-field/"' in home and 'href="scorecard/"' in home


def test_a_bad_fence_is_an_error_never_a_code_block(fixture_site):
    with pytest.raises(SuperFencesException, match=r"steps/x\.md: bad worksheet fence: 'nope'"):
        convert(formatters.PageFences(fixture_site, "steps/x.md"), "```worksheet\nid: nope\n```")


def test_a_hidden_worksheet_leaves_no_trace(fixture_site):
    host = HostConfig(hidden_worksheets=("interview-scorecard",))
    hidden = dataclasses.replace(fixture_site, host=host)
    assert "<form" not in convert(formatters.PageFences(hidden),
                                  "```worksheet\nid: interview-scorecard\n```")


@pytest.mark.parametrize(("url", "page"), [
    ("every-field/", ""), ("every-field/", "x/y/"), ("a/b/", "a/c/"), ("a/", "a/"),
    ("assets/onward", "steps/x/"), ("x.html", "y/z.html"), ("", "a/b/"), ("a/", "a/b/c.html")])
def test_relative_urls_are_made_as_mkdocs_makes_them(url, page):
    assert formatters.relative_url(url, page) == get_relative_url(url, page)


def test_fences_named_by_dotted_path_find_the_site_themselves(monkeypatch):
    monkeypatch.setenv("ONWARD_CONFIG", str(FIXTURE_CONFIG))
    formatters.default_fences.cache_clear()
    try:
        md = markdown.Markdown(extensions=["pymdownx.superfences"], extension_configs={
            "pymdownx.superfences": {"custom_fences": [
                {"name": "worksheet", "class": "worksheet",
                 "format": formatters.worksheet_fence}]}})
        html = md.convert("```worksheet\nid: every-field\n```")
    finally:
        formatters.default_fences.cache_clear()
    assert 'data-worksheet="every-field"' in html


# --- finish ----------------------------------------------------------------------------

PAGE = ('<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>'
        "<script>var inline = 1;</script></head><body><main>"
        '<article class="md-content__inner md-typeset">\n  <h1>{title}</h1>{body}'
        "</article></main></body></html>")
FORM = '<form class="onward-worksheet" id="ws-a" data-worksheet="a">' + "<p>Answer.</p>" * 30


def built_folder(root: Path) -> Path:
    return write_site(root, {
        "index.html": PAGE.format(title="Home", body="<p>Welcome.</p>" * 30),
        "steps/one/index.html": PAGE.format(title="One", body=FORM + "</form>"),
        "assets/onward/site-config.js": site_config.site_config_js(
            runtime_version="1", python_init=PYTHON_INIT, namespace="", site_name="x",
            offline=True),
    })


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ONWARD_CACHE_DIR", str(tmp_path / "cache"))


def test_finish_boots_python_only_where_needed_then_writes_the_policy(tmp_path, cache):
    folder = built_folder(tmp_path / "site")
    finish.finish_site(folder, finish.Finish(PYTHON_INIT, manifest="{}\n"))
    step = (folder / "steps/one/index.html").read_text()
    home = (folder / "index.html").read_text()
    head = step.split("</head>")[0]
    assert '"pyodidePath":"pyodide/1/"' in head and '"assets":"../../assets/onward/"' in head
    assert re.search(r'<article[^>]*>\n  <link rel="modulepreload" '
                     r'href="\.\./\.\./assets/onward/python-client\.js">', step)
    assert "python-start.js" not in home and '"pyodidePath"' not in home
    for page in (step, home):  # the policy hashes every inline script, the boot script too
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)[1]
        assert policy.count("'sha256-") == page.count("<script>")


def test_finish_writes_the_worker_its_list_the_app_files_and_siblings(tmp_path, cache):
    folder = built_folder(tmp_path / "site")
    finish.finish_site(folder, finish.Finish(PYTHON_INIT, manifest='{"name": "x"}\n'))
    listed = json.loads((folder / offline.OFFLINE_MANIFEST).read_text())["files"]
    urls = {url for url, _ in listed}
    assert {"", "steps/one/", offline.WEB_MANIFEST, "assets/onward/icons/icon-192.png"} <= urls
    assert (folder / offline.SERVICE_WORKER).read_text() == offline.service_worker_source()
    for name in ("index.html", "steps/one/index.html", offline.OFFLINE_MANIFEST,
                 offline.SERVICE_WORKER):
        assert (folder / f"{name}.br").is_file() and (folder / f"{name}.gz").is_file(), name


def test_finishing_twice_changes_nothing_more(tmp_path, cache):
    folder = built_folder(tmp_path / "site")
    finish.finish_site(folder, finish.Finish(PYTHON_INIT, manifest="{}\n"))
    first = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    finish.finish_site(folder, finish.Finish(PYTHON_INIT, manifest="{}\n"))
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == first


def test_a_preview_gets_no_policy_and_no_siblings_and_offline_off_retires_the_worker(tmp_path):
    folder = built_folder(tmp_path / "site")
    finish.finish_site(folder, finish.Finish(PYTHON_INIT, offline=False, publish=False))
    step = (folder / "steps/one/index.html").read_text()
    assert '"pyodidePath"' in step and "Content-Security-Policy" not in step
    assert not list(folder.rglob("*.br"))
    assert json.loads((folder / offline.OFFLINE_MANIFEST).read_text()) == {"retired": True}
    assert (folder / offline.SERVICE_WORKER).read_text() == offline.retiring_worker_source()


def test_what_the_worker_starts_with_is_read_back_from_site_config():
    source = site_config.site_config_js(runtime_version="1", python_init=PYTHON_INIT,
                                        namespace="n", site_name="x", offline=False)
    assert site_config.python_init_of(source) == PYTHON_INIT
    assert list(site_config.python_init_of(source)) == list(PYTHON_INIT)  # same boot script


def test_the_finish_command_runs_on_a_built_folder(tmp_path, cache):
    folder = built_folder(tmp_path / "site")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Careers guide\nsite_description: A fifteen-step guide\n"
                      "theme:\n  name: material\n  palette:\n    primary: teal\n"
                      "extra:\n  onward:\n    app_short_name: Careers\n")
    result = subprocess.run([sys.executable, "-m", "worksheets.builder.finish", str(folder),
                             "-f", str(config)], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "Content-Security-Policy" in (folder / "steps/one/index.html").read_text()
    assert (folder / offline.SERVICE_WORKER).is_file()
    assert (folder / "index.html.br").is_file()
    manifest = json.loads((folder / offline.WEB_MANIFEST).read_text())
    assert (manifest["short_name"], manifest["theme_color"]) == ("Careers", "#009485")


def test_the_finish_command_says_what_to_do_without_a_built_folder(tmp_path):
    result = subprocess.run([sys.executable, "-m", "worksheets.builder.finish",
                             str(tmp_path / "nowhere")], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 2 and "build the site first" in result.stderr
