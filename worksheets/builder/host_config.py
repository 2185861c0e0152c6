"""Check the host's settings (`extra.onward` in mkdocs.yml) once, into a typed `HostConfig`.

A career centre rebrands its copy only through mkdocs.yml, so a misspelt key must stop the
build and say which keys exist, rather than be ignored while the copy goes out unbranded.
Plain data in, plain data out: nothing here imports MkDocs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Every key a host may set, with what it is for (the error message lists them).
KEYS: dict[str, str] = {
    "organization": "who hosts this copy (text)",
    "organization_url": "the host's web address",
    "contact": "how to reach the host (text)",
    "appointment_url": "where to book an appointment with an adviser",
    "support_lines": "the host's support contacts, one line each (a list of text)",
    # Shown on the situations page (docs/situations.md), one line each (a list of text).
    "discrimination_contacts": "who to ask about possible discrimination, one line each",
    "international_office": "visa and sponsorship help for international students, one "
                            "line each",
    "crisis_phrases": "more words or phrases that put the support note first in a "
                      "worksheet's result (a list of text), added to the built-in ones",
    "definitions": "folders of the host's own worksheet definitions, relative to mkdocs.yml",
    "storage_namespace": "keeps this copy's saved answers apart from another copy on the "
                         "same web address",
    "notice": "an optional banner above every page: text, or text with a link",
    "app_short_name": "a name of at most 12 characters for the installed app's icon",
    # Checked where it is used, by worksheets/builder/runtime.py.
    "runtime_modules": "standard-library modules your own computes import beyond the "
                       "package's own (a list of names)",
    "offline": "true (the default) saves the guide in visitors' browsers for offline use; "
               "false turns that off",
    # Choosing what a copy carries (checked against the definitions by site.prepare).
    "hosting_guide": "true (the default) publishes the hosting guide (docs/hosting/); false "
                     "leaves it out of the copy entirely",
    "hidden_worksheets": "ids of worksheets to leave off their pages and My plan (a list)",
}
NOTICE_KEYS: dict[str, str] = {
    "text": "the banner's sentence",
    "link": "an optional web address the banner links to",
    "link_text": "the link's words (default: More)",
}
LINK_PREFIXES = ("https://", "http://", "mailto:", "tel:")
MODULE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
NAMESPACE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,79}$")
SHORT_NAME_MAX = 12


class HostConfigError(ValueError):
    """A host setting is wrong; the message names the file, the key and the fix."""


@dataclass(frozen=True)
class Notice:
    text: str
    link: str = ""
    link_text: str = "More"


@dataclass(frozen=True)
class HostConfig:
    organization: str = ""
    organization_url: str = ""
    contact: str = ""
    appointment_url: str = ""
    support_lines: tuple[str, ...] = ()
    discrimination_contacts: tuple[str, ...] = ()
    international_office: tuple[str, ...] = ()
    crisis_phrases: tuple[str, ...] = ()
    definitions: tuple[Path, ...] = ()
    storage_namespace: str = ""
    notice: Notice | None = None
    app_short_name: str = ""
    offline: bool = True
    hosting_guide: bool = True
    hidden_worksheets: tuple[str, ...] = ()
    runtime_modules: tuple[str, ...] = ()


class _Checker:
    """Builds error messages that point at the key's line in the config file when found."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file
        try:
            self.lines = config_file.read_text(encoding="utf-8").splitlines()
        except OSError:
            self.lines = []

    def where(self, key: str, after: str = "onward") -> str:
        """`file:line` of the key, searched below the `after:` line (best effort: a key
        set in an INHERIT parent file is not found, and then only the file is named)."""
        start = self._find(after, 0) if after else 0
        found = self._find(key.rsplit(".", 1)[-1], start or 0)
        return f"{self.config_file}:{found}" if found else str(self.config_file)

    def _find(self, name: str, start: int) -> int | None:
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*:")
        for number, line in enumerate(self.lines[start:], start=start + 1):
            if pattern.match(line):
                return number
        return None

    def fail(self, key: str, problem: str) -> HostConfigError:
        return HostConfigError(f"{self.where(key)}: extra.onward.{key}: {problem}")


def _valid_keys(keys: dict[str, str]) -> str:
    return "; ".join(f"{name} ({meaning})" for name, meaning in keys.items())


def _check_known(check: _Checker, data: dict[str, Any], keys: dict[str, str],
                 prefix: str) -> None:
    for key in data:
        if key in keys:
            continue
        close = difflib.get_close_matches(str(key), list(keys), n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        raise check.fail(f"{prefix}{key}", f"unknown key `{key}`; {hint}the valid keys are: "
                                           f"{_valid_keys(keys)}")


def _text(check: _Checker, data: dict[str, Any], key: str, prefix: str = "") -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise check.fail(f"{prefix}{key}", f"expected text, got {type(value).__name__} "
                                           f"{value!r}; put it in quotes")
    return value.strip()


def _link(check: _Checker, data: dict[str, Any], key: str, prefix: str = "") -> str:
    value = _text(check, data, key, prefix)
    if value and not value.startswith(LINK_PREFIXES):
        raise check.fail(f"{prefix}{key}", f"{value!r} is not a full web address; write it "
                                           "with https:// (or mailto:, tel:)")
    return value


def _text_list(check: _Checker, data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise check.fail(key, "expected a list of text, one `- item` per line")
    return tuple(item.strip() for item in value if item.strip())


def _phrases(check: _Checker, data: dict[str, Any]) -> tuple[str, ...]:
    """Crisis phrases: a phrase needs a letter or digit, or it could never match."""
    phrases = _text_list(check, data, "crisis_phrases")
    for phrase in phrases:
        if not re.search(r"[^\W_]", phrase):
            raise check.fail("crisis_phrases", f"{phrase!r} has no letters; write the words "
                                               "to look for, e.g. - can't face tomorrow")
    return phrases


def _folders(check: _Checker, data: dict[str, Any], base: Path) -> tuple[Path, ...]:
    folders = []
    for name in _text_list(check, data, "definitions"):
        folder = base / name
        if not folder.is_dir():
            raise check.fail("definitions", f"folder {name!r} not found (looked for {folder}); "
                                            "paths are relative to mkdocs.yml")
        folders.append(folder)
    return tuple(folders)


def _namespace(check: _Checker, data: dict[str, Any]) -> str:
    value = _text(check, data, "storage_namespace")
    if value and not NAMESPACE.match(value):
        raise check.fail("storage_namespace", f"{value!r} must be 1 to 80 letters, digits, "
                                              "dots, dashes, underscores or slashes, e.g. "
                                              "careers-guide")
    return value


def _notice(check: _Checker, data: dict[str, Any]) -> Notice | None:
    value = data.get("notice")
    if value in (None, ""):
        return None
    if isinstance(value, str):
        return Notice(text=value.strip())
    if not isinstance(value, dict):
        raise check.fail("notice", "expected text, or `text:` with an optional `link:` and "
                                   "`link_text:`")
    _check_known(check, value, NOTICE_KEYS, "notice.")
    text = _text(check, value, "text", "notice.")
    if not text:
        raise check.fail("notice.text", "the banner needs its sentence in `text:`")
    link = _link(check, value, "link", "notice.")
    link_text = _text(check, value, "link_text", "notice.") or "More"
    return Notice(text=text, link=link, link_text=link_text)


def _short_name(check: _Checker, data: dict[str, Any]) -> str:
    value = _text(check, data, "app_short_name")
    if len(value) > SHORT_NAME_MAX:
        raise check.fail("app_short_name", f"{value!r} is {len(value)} characters; phones "
                                           f"cut names under icons at about {SHORT_NAME_MAX}")
    return value


def _switch(check: _Checker, data: dict[str, Any], key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise check.fail(key, f"expected true or false, got {value!r}")
    return value


def load_host_config(onward: Any, config_file: Path) -> HostConfig:
    """Validate `extra.onward` (None when absent) and return it typed."""
    check = _Checker(config_file)
    if onward is None:
        return HostConfig()
    if not isinstance(onward, dict):
        raise HostConfigError(f"{check.where('onward', after='')}: extra.onward: expected the "
                              "settings as `key: value` lines; the valid keys are: "
                              f"{_valid_keys(KEYS)}")
    _check_known(check, onward, KEYS, "")
    return HostConfig(
        organization=_text(check, onward, "organization"),
        organization_url=_link(check, onward, "organization_url"),
        contact=_text(check, onward, "contact"),
        appointment_url=_link(check, onward, "appointment_url"),
        support_lines=_text_list(check, onward, "support_lines"),
        discrimination_contacts=_text_list(check, onward, "discrimination_contacts"),
        international_office=_text_list(check, onward, "international_office"),
        crisis_phrases=_phrases(check, onward),
        definitions=_folders(check, onward, config_file.parent),
        storage_namespace=_namespace(check, onward),
        notice=_notice(check, onward),
        app_short_name=_short_name(check, onward),
        offline=_switch(check, onward, "offline", True),
        hosting_guide=_switch(check, onward, "hosting_guide", True),
        hidden_worksheets=_text_list(check, onward, "hidden_worksheets"),
        runtime_modules=_module_names(check, onward),
    )


def _module_names(check: _Checker, data: dict[str, Any]) -> tuple[str, ...]:
    """Standard-library modules the host's computes import (worksheets/builder/runtime.py
    adds them, with all they import, to the site's trimmed runtime)."""
    value = data.get("runtime_modules")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise check.fail("runtime_modules", "expected a list of standard-library module "
                                            "names, one `- name` a line, like `- csv`.")
    bad = [item for item in value if not MODULE_NAME.match(item.strip())]
    if bad:
        raise check.fail("runtime_modules", f"{', '.join(map(repr, bad))} is not a module "
                                            "name; write dotted names like `csv` or "
                                            "`email.utils`.")
    return tuple(item.strip() for item in value)


def check_theme_file(setting: str, value: str | None, search_dirs: list[Path],
                     config_file: Path) -> None:
    """theme.logo and theme.favicon must name a file the site has: Material would link a
    missing one without a word, and the copy would go out with a broken logo."""
    if not value or value.startswith(("https://", "http://", "data:")):
        return
    if any((folder / value).is_file() for folder in search_dirs):
        return
    looked = ", ".join(str(folder) for folder in search_dirs)
    raise HostConfigError(
        f"{_Checker(config_file).where(setting, after='theme')}: theme.{setting}: file "
        f"{value!r} not found (looked in {looked}); put the image in docs/ (e.g. "
        "docs/assets/logo.svg) and give its path relative to docs/")
