"""The situations page, the host's services in context, and the visitors' navigation.

Built for real: once as the project ships (nothing set: no offers, general contacts) and
once with a host's settings (offers on the pages that name one, local contacts listed)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from mkdocs.config import load_config

from tests.build.test_guide_pages import STEPS, nav_files
from tests.conftest import MAIN_CONFIG, ROOT
from worksheets.builder.host_config import HostConfigError, load_host_config

DOCS = ROOT / "docs"
# The anchors the helpers agreed on (computes link to them as situations/#<anchor>).
ANCHORS = ["ghosted", "kept-on-file", "runner-up", "internal-candidate", "offer-rescinded",
           "visa-timing", "reapplying", "agency-recruiters", "discrimination", "adjustments",
           "assessments", "repeated-rejections", "money-worries"]
# Which step pages send a reader to which situation (issue 12, part 3).
LINKED_FROM = {
    "ghosted": [3, 4, 7, 8], "runner-up": [5, 9], "discrimination": [2, 4],
    "repeated-rejections": [5, 8, 10], "money-worries": [11], "visa-timing": [8, 9],
    "adjustments": [13], "assessments": [13],
}
# The pages that offer the host's services, and the words each uses.
OFFERS = {
    "steps/05-evaluate-your-performance": "Go through your interview notes with an adviser",
    "steps/06-close-skill-gaps": "Plan how to close your gaps with an adviser",
    "steps/13-prepare-for-the-next-interview": "Book a mock interview with an adviser",
    "steps/14-lean-on-your-network": "Add an adviser to your support map",
    "my-plan": "Talk your plan through with an adviser",
}
# Paths in an inherited file are read relative to the new one: give them in full.
EXAMPLES = ROOT / "worksheets" / "examples" / "definitions"
BOOKING = "https://careers.example.edu/book?x=1&y=2"


def step(number: int) -> Path:
    return STEPS[number - 1]


def built_page(site: Path, name: str) -> str:
    return (site / name / "index.html").read_text(encoding="utf-8")


def build_with(extra: str, tmp_path: Path) -> Path:
    """The real guide with a host's settings added, as a host's own mkdocs.yml would."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {MAIN_CONFIG}\ndocs_dir: {DOCS}\n"
                      f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
                      f"hooks:\n  - {ROOT / 'hooks' / 'onward.py'}\n"
                      f"extra:\n  onward:\n    definitions:\n      - {EXAMPLES}\n{extra}",
                      encoding="utf-8")
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                             str(config), "-d", str(site)],
                            cwd=ROOT, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_with(
        "    organization: Northfield College Careers\n"
        f"    appointment_url: '{BOOKING}'\n"
        "    discrimination_contacts:\n"
        "      - 'Student Advice Centre <b>room 2</b>, advice@example.edu'\n"
        "    international_office:\n"
        "      - 'International Office, Mon to Fri, intl@example.edu'\n",
        tmp_path_factory.mktemp("hosted"))


# --- The situations page ---

def test_every_agreed_situation_has_its_anchor():
    text = (DOCS / "situations.md").read_text(encoding="utf-8")
    assert text.split("\n# ", 1)[1].startswith("Situations that need something different\n")
    found = re.findall(r"^## .+ \{#([a-z-]+)\}$", text, re.MULTILINE)
    assert found == ANCHORS


@pytest.mark.parametrize("anchor", sorted(LINKED_FROM))
def test_each_situation_is_linked_from_the_steps_where_it_comes_up(anchor):
    for number in LINKED_FROM[anchor]:
        assert f"(../situations.md#{anchor})" in step(number).read_text(encoding="utf-8"), \
            f"step {number} should link to situations#{anchor}"


def test_every_link_to_a_situation_names_a_real_anchor():
    for page in DOCS.rglob("*.md"):
        for anchor in re.findall(r"situations\.md#([a-z-]+)", page.read_text(encoding="utf-8")):
            assert anchor in ANCHORS, f"{page}: no situation #{anchor}"


def test_the_built_situations_page_has_the_anchors_and_general_contacts(site_dir: Path):
    html = built_page(site_dir, "situations")
    for anchor in ANCHORS:
        assert f'id="{anchor}"' in html
    assert 'id="local-contacts"' in html
    assert "free local advice centre" in html  # nothing set: where such help is found


# --- The host's services in context ---

def test_nothing_is_offered_when_the_host_set_nothing(site_dir: Path):
    offered = [p for p in site_dir.rglob("index.html")
               if 'class="onward-offer' in p.read_text(encoding="utf-8")]
    assert offered == []


def test_each_page_offers_the_booking_link_in_its_own_words(hosted_site: Path):
    booking = BOOKING.replace("&", "&amp;")
    for name, words in OFFERS.items():
        html = built_page(hosted_site, name)
        assert re.search(rf'<a href="{re.escape(booking)}">{re.escape(words)}', html), name
        assert "Help from Northfield College Careers" in html
    for name in ("steps/01-acknowledge-your-feelings", "steps/12-reframe-rejection", "privacy"):
        assert 'class="onward-offer' not in built_page(hosted_site, name)


def test_the_situations_page_lists_the_hosts_contacts_escaped(hosted_site: Path):
    html = built_page(hosted_site, "situations")
    assert "Student Advice Centre &lt;b&gt;room 2&lt;/b&gt;, advice@example.edu" in html
    assert "International Office, Mon to Fri, intl@example.edu" in html
    assert "free local advice centre" not in html


def test_a_contact_without_a_booking_link_is_offered_as_text(tmp_path: Path):
    site = build_with("    contact: 'Careers desk, 01234 567890'\n", tmp_path)
    html = built_page(site, "steps/13-prepare-for-the-next-interview")
    assert "Book a mock interview with an adviser: Careers desk, 01234 567890" in html


def test_the_new_contact_settings_are_checked(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  onward:\n    international_office: intl@example.edu\n")
    host = load_host_config({"discrimination_contacts": [" Advice Centre ", ""]}, config)
    assert host.discrimination_contacts == ("Advice Centre",)
    with pytest.raises(HostConfigError, match="international_office: expected a list"):
        load_host_config({"international_office": "intl@example.edu"}, config)


# --- Navigation and the About page ---

def test_support_is_near_the_top_and_the_hosting_guide_is_out_of_the_nav(site_dir: Path):
    nav = nav_files(load_config(str(MAIN_CONFIG))["nav"])
    assert nav[:2] == ["index.md", "support.md"]
    assert "situations.md" in nav
    assert not [page for page in nav if page.startswith("hosting/")]
    assert (site_dir / "hosting" / "index.html").is_file()  # still published
    assert 'href="../hosting/">Host your own copy</a>' in built_page(site_dir, "about")
    assert 'md-nav__link" href="hosting/' not in built_page(site_dir, "")


def test_an_unbranded_about_page_says_nothing_about_editing_files(site_dir: Path):
    about = built_page(site_dir, "about")
    article = about.split('<article', 1)[1].split("</article>", 1)[0]
    hosting_section = article.split('id="host-your-own-copy"', 1)[0]
    assert "mkdocs.yml" not in hosting_section
    assert "mkdocs.yml" not in article.split('id="onward-host-title"', 1)[1]


def test_every_page_footer_points_to_support(site_dir: Path):
    for page in ("", "steps/05-evaluate-your-performance", "situations", "hosting"):
        footer = built_page(site_dir, page).split('class="onward-footer-note', 1)[1]
        assert "If you are struggling</a>" in footer.split("</div>", 1)[0]


# --- Editorial rules that a build can check ---

def test_step_headings_differ_from_page_to_page():
    headings = Counter(h for path in STEPS for h in
                       re.findall(r"^## (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE))
    assert [h for h, count in headings.items() if count > 1] == []


def test_the_privacy_reminder_is_one_snippet_on_every_step():
    for path in STEPS:
        text = path.read_text(encoding="utf-8")
        assert '--8<-- "docs/_snippets/privacy-reminder.md"' in text, path.name
        assert "stay on this device" not in text


def test_no_step_assumes_a_final_round():
    for path in STEPS:
        assert "final round" not in path.read_text(encoding="utf-8").lower(), path.name
