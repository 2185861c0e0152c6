"""A host's copy (tests/host_site/careers.yml) is built exactly as its settings say: its own
worksheet computes with its own compute module in the browser, the hidden worksheet and
the hosting guide are gone, and dark mode survived a palette without toggle lines. The
smoke, accessibility and offline tests run on the same copy (see ALSO_ON_HOST_COPY in
tests/conftest.py); this checks what only a host's copy has."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from tests.browser.data_helpers import answers_key
from tests.browser.page_waits import wait_output
from tests.conftest import ROOT, host_copy

# The session's host copy, the same one the smoke, axe and offline tests check.
ON_HOST_COPY = pytest.mark.parametrize("site_config", ["host"], indirect=True, scope="session")


@ON_HOST_COPY
def test_the_hosts_own_compute_runs_in_the_browser(page, site_url):
    page.goto(site_url + "riverside-goals/")
    form = page.locator("form[data-worksheet=riverside-goals]")
    form.locator("[data-row-action=add]").click()
    form.locator("input[type=text]").first.fill("Finish my portfolio")
    wait_output(page, "riverside-goals", "Your term plan")
    assert "Finish my portfolio" in form.locator("[data-worksheet-output]").text_content()
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert answers_key("riverside-goals", "riverside-guide") in keys
    assert page.js_errors == []


@ON_HOST_COPY
def test_hidden_worksheet_and_hosting_guide_are_left_out(site_dir, site_url, page):
    step = (site_dir / "steps" / "08-keep-your-search-moving" / "index.html").read_text()
    assert "data-worksheet=\"momentum-tracker\"" not in step
    plan = (site_dir / "my-plan" / "index.html").read_text()
    assert 'data-plan-worksheet="momentum-tracker"' not in plan
    assert 'data-plan-worksheet="riverside-goals"' in plan
    assert not (site_dir / "hosting").exists()
    index = (site_dir / "search" / "search_index.json").read_text()
    assert "hosting/" not in index
    page.goto(site_url)
    assert page.locator("a[href*='hosting/']").count() == 0


@ON_HOST_COPY
def test_a_step_left_out_of_nav_is_not_built_linked_or_counted(site_dir, page, site_url):
    assert not (site_dir / "steps" / "09-detach-from-one-outcome").exists()
    for built in site_dir.rglob("*.html"):
        assert "09-detach-from-one-outcome" not in built.read_text(), built
    assert "09-detach" not in (site_dir / "search" / "search_index.json").read_text()
    page.goto(site_url)
    assert "fourteen" in page.locator("article").text_content()
    assert "fifteen" not in page.locator("article").text_content().lower()


@ON_HOST_COPY
def test_dark_mode_survives_a_palette_without_toggle(site_dir):
    home = (site_dir / "index.html").read_text()
    assert 'data-md-color-primary="indigo"' in home  # the host's light colours
    assert 'data-md-color-scheme="slate" data-md-color-primary="custom"' in home
    assert "Switch to dark mode" in home and "Switch to light mode" in home


def test_a_fence_for_a_worksheet_not_loaded_says_how_to_fix_it(tmp_path):
    """The careers service's first failed build (issue 17): its own definitions only, and
    the hosting guide still built. The error now names the fix."""
    config = host_copy(tmp_path)
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    del settings["extra"]["onward"]["hosting_guide"]
    settings["INHERIT"] = str(ROOT / "mkdocs.yml")
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                             str(config), "-d", str(tmp_path / "site")], cwd=ROOT,
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "docs/hosting/add-a-worksheet.md:" in result.stderr
    assert "unknown worksheet 'appointment-prep'" in result.stderr
    assert "hosting_guide: false" in result.stderr
