"""The host's settings (extra.onward): typed when right, a loud error naming the fix when not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from worksheets.builder.host_config import (
    KEYS,
    HostConfig,
    HostConfigError,
    Notice,
    check_theme_file,
    load_host_config,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_DEFINITIONS = ROOT / "worksheets" / "examples" / "definitions"


def config_file(tmp_path: Path, onward_yaml: str = "") -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: Test\ntheme:\n  name: material\n  logo: assets/logo.svg\n"
                    "extra:\n  onward:\n" + onward_yaml, encoding="utf-8")
    return path


def load(tmp_path: Path, onward: object, text: str = "") -> HostConfig:
    return load_host_config(onward, config_file(tmp_path, text))


def test_absent_settings_give_the_defaults(tmp_path):
    assert load(tmp_path, None) == HostConfig()
    assert load(tmp_path, {}).offline is True


def test_the_shipped_settings_are_valid():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))
    host = load_host_config(config["extra"]["onward"], ROOT / "mkdocs.yml")
    assert all(folder.is_dir() for folder in host.definitions)


def test_a_full_set_of_settings_is_typed(tmp_path):
    (tmp_path / "mine").mkdir()
    host = load(tmp_path, {
        "organization": " Riverside College Careers ",
        "organization_url": "https://careers.example.edu/",
        "contact": "careers@example.edu",
        "appointment_url": "https://careers.example.edu/book",
        "support_lines": ["Student wellbeing: 01234 567890", ""],
        "definitions": ["mine"],
        "storage_namespace": "riverside-guide",
        "notice": {"text": "Drop-in sessions run daily.", "link": "https://example.edu/d"},
        "app_short_name": "Careers",
        "offline": False,
    })
    assert host.organization == "Riverside College Careers"
    assert host.support_lines == ("Student wellbeing: 01234 567890",)
    assert host.definitions == (tmp_path / "mine",)
    assert host.notice == Notice("Drop-in sessions run daily.", "https://example.edu/d", "More")
    assert host.offline is False


def test_a_plain_text_notice(tmp_path):
    assert load(tmp_path, {"notice": "Closed on Friday."}).notice == Notice("Closed on Friday.")


def test_a_misspelt_key_names_the_likely_one_and_lists_every_key(tmp_path):
    with pytest.raises(HostConfigError) as error:
        load(tmp_path, {"organisation": "Riverside"}, "    organisation: Riverside\n")
    message = str(error.value)
    assert f"{tmp_path / 'mkdocs.yml'}:7: extra.onward.organisation" in message
    assert "did you mean `organization`?" in message
    for key in KEYS:
        assert key in message


def test_an_unknown_key_without_a_near_match_still_lists_the_keys(tmp_path):
    with pytest.raises(HostConfigError, match="unknown key `colour_scheme`; the valid keys"):
        load(tmp_path, {"colour_scheme": "red"})


@pytest.mark.parametrize(("onward", "expected"), [
    ({"support_lines": "Call us"}, "support_lines: expected a list of text"),
    ({"organization": 12}, "organization: expected text, got int"),
    ({"organization_url": "careers.example.edu"}, "is not a full web address"),
    ({"appointment_url": "javascript:alert(1)"}, "is not a full web address"),
    ({"definitions": ["nowhere"]}, "folder 'nowhere' not found"),
    ({"storage_namespace": "two words"}, "storage_namespace: 'two words' must be"),
    ({"offline": "no"}, "offline: expected true or false"),
    ({"app_short_name": "Riverside College Careers"}, "phones cut names"),
    ({"notice": {"txt": "Hello"}}, "notice.txt: unknown key `txt`; did you mean `text`?"),
    ({"notice": {"link": "https://example.edu/"}}, "notice.text: the banner needs"),
    ({"notice": {"text": "Hi", "link": "example.edu"}}, "notice.link: 'example.edu' is not"),
    ({"notice": ["Hi"]}, "notice: expected text, or `text:`"),
])
def test_wrong_values_say_what_to_write(tmp_path, onward, expected):
    with pytest.raises(HostConfigError, match=re.escape(expected)):
        load(tmp_path, onward)


def test_settings_that_are_not_a_mapping(tmp_path):
    with pytest.raises(HostConfigError, match=r"extra\.onward: expected the settings"):
        load(tmp_path, ["organization"])


def test_theme_logo_must_exist(tmp_path):
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    config = config_file(tmp_path)
    with pytest.raises(HostConfigError) as error:
        check_theme_file("logo", "assets/logo.svg", [docs], config)
    assert f"{config}:4: theme.logo: file 'assets/logo.svg' not found" in str(error.value)
    (docs / "assets" / "logo.svg").write_text("<svg/>")
    check_theme_file("logo", "assets/logo.svg", [docs], config)
    check_theme_file("favicon", None, [docs], config)
    check_theme_file("favicon", "https://example.edu/icon.png", [docs], config)
