"""The hosting guide's promise, end to end: a careers service rebrands its copy, adds its
own worksheet and page, builds, and serves it from a subfolder through nginx, using only
what docs/hosting/ tells it to write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from tests.browser.data_helpers import answers_key
from tests.browser.page_waits import wait_output
from tests.browser.test_hosting_nginx import PREFIX, nginx_serving, require_nginx
from tests.conftest import ROOT, SHIPPED_CONFIG, build_site
from tests.site_server import free_port

ORGANIZATION = "Riverside College Careers Service"
NOTICE = "Drop-in sessions run every weekday from 2pm in the Library."
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        '<circle cx="12" cy="12" r="10" fill="#fff"/></svg>')


def host_project(work: Path) -> Path:
    """A host's copy: the guide's pages, a logo, a page and a worksheet of its own, and the
    settings from the hosting page."""
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "assets").mkdir()
    (docs / "assets" / "logo.svg").write_text(LOGO, encoding="utf-8")
    example = ROOT / "worksheets" / "examples"
    shutil.copy(example / "pages" / "appointment-prep.md", docs / "appointment.md")
    shutil.copytree(example / "definitions", work / "careers-worksheets")
    shipped = yaml.safe_load(SHIPPED_CONFIG.read_text(encoding="utf-8").replace("!ENV ", ""))
    settings = {
        "INHERIT": str(SHIPPED_CONFIG),
        "site_name": "Riverside Careers Guide",
        "docs_dir": "docs",
        # Paths inherited from the shipped file would be read relative to this one.
        "hooks": [str(ROOT / "hooks" / "onward.py")],
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"),
                  "logo": "assets/logo.svg",
                  "palette": [{"scheme": "default", "primary": "indigo", "accent": "indigo"}]},
        "nav": [*shipped["nav"], {"Before your appointment": "appointment.md"}],
        "extra": {"onward": {
            "organization": ORGANIZATION,
            "organization_url": "https://careers.example.edu/",
            "contact": "careers@example.edu",
            "appointment_url": "https://careers.example.edu/book",
            "support_lines": ["Student wellbeing team: 01234 567891"],
            "notice": {"text": NOTICE, "link": "https://careers.example.edu/drop-in",
                       "link_text": "Find the room"},
            "definitions": ["careers-worksheets"],
            "storage_namespace": "riverside-guide",
            "app_short_name": "Careers",
        }},
    }
    config = work / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return config


def test_a_rebranded_copy_with_its_own_worksheet_served_by_nginx(browser, tmp_path):
    require_nginx()
    port = free_port()
    url = f"http://127.0.0.1:{port}{PREFIX}"
    site = build_site(host_project(tmp_path), tmp_path / "www" / PREFIX.strip("/"),
                      site_url=url)
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Riverside Careers Guide"
    assert manifest["short_name"] == "Careers" and manifest["theme_color"] == "#4051b5"
    with nginx_serving(tmp_path / "www", tmp_path, port):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        assert page.locator(".md-header__title").first.text_content().strip().startswith(
            "Riverside Careers Guide")
        assert page.locator(".md-header img[src$='assets/logo.svg']").count() == 1
        assert page.locator(".onward-notice").text_content().strip() == f"{NOTICE} Find the room"
        assert ORGANIZATION in page.locator(".onward-footer-note").text_content()
        page.goto(url + "about/")
        assert "careers@example.edu" in page.locator(".onward-host").text_content()
        page.goto(url + "support/")
        assert "01234 567891" in page.locator(".onward-support").text_content()
        # The host's own page and worksheet, answered and worked out with Python.
        page.goto(url + "appointment/")
        page.check("input[name=goal][value=interviews]")
        wait_output(page, "appointment-prep", "I'd like to prepare for interviews.")
        keys = page.evaluate("() => Object.keys(localStorage)")
        assert answers_key("appointment-prep", "riverside-guide") in keys
        context.close()
