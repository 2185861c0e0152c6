"""A host's palette without toggles keeps the inherited light and dark entries."""

from __future__ import annotations

from pathlib import Path

from worksheets.builder import config_file, palette

ROOT = Path(__file__).resolve().parents[2]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_colours_without_a_toggle_join_both_inherited_entries(tmp_path):
    host = write(tmp_path, "careers.yml",
                 f"INHERIT: {ROOT / 'mkdocs.yml'}\ntheme:\n  palette:\n"
                 "    - scheme: default\n      primary: indigo\n      accent: amber\n")
    base = config_file.inherited_palette(host)
    assert palette.has_toggle(base)
    merged = palette.composed([{"scheme": "default", "primary": "indigo", "accent": "amber"}],
                              base)
    assert [entry["scheme"] for entry in merged] == ["default", "slate"]
    assert (merged[0]["primary"], merged[0]["accent"]) == ("indigo", "amber")
    assert merged[1]["primary"] == merged[1]["accent"] == "custom"  # dark mode's own colours
    assert all("toggle" in entry and "media" in entry for entry in merged)


def test_each_scheme_takes_its_own_colours():
    base = [{"scheme": "default", "toggle": {}}, {"scheme": "slate", "toggle": {}}]
    merged = palette.composed({"primary": "red"}, base)
    assert [entry["primary"] for entry in merged] == ["red", "red"]
    merged = palette.composed([{"scheme": "default", "primary": "red"},
                               {"scheme": "slate", "primary": "blue"}], base)
    assert [entry["primary"] for entry in merged] == ["red", "blue"]
    merged = palette.composed([{"primary": "red"}, {"scheme": "slate", "primary": "blue"}],
                              base)
    assert [entry["primary"] for entry in merged] == ["red", "blue"]


def test_a_palette_with_its_own_toggles_or_no_base_stands():
    base = [{"scheme": "default", "toggle": {}}, {"scheme": "slate", "toggle": {}}]
    assert palette.composed([{"primary": "red", "toggle": {}}], base) is None
    assert palette.composed([{"primary": "red"}], None) is None
    assert palette.composed([{"primary": "red"}], [{"primary": "teal"}]) is None


def test_the_chain_is_followed_and_tags_are_read(tmp_path):
    write(tmp_path, "base.yml", "site_url: !ENV [X, 'https://a.example/']\n"
                                "theme:\n  palette:\n    - toggle: {name: dark}\n")
    write(tmp_path, "middle.yml", "INHERIT: base.yml\nsite_name: x\n")
    host = write(tmp_path, "host.yml", "INHERIT: middle.yml\n")
    assert config_file.inherited_palette(host) == [{"toggle": {"name": "dark"}}]
    assert config_file.inherited_palette(tmp_path / "base.yml") is None
