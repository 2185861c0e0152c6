"""Render the `onward-data` fence: the controls a visitor uses to keep their answers safe.

Export, import (with a preview and a confirmation), erase (with a confirmation), the
shared-computer switch and the passphrase lock. The HTML is static and readable without
JavaScript; `assets/data-controls.js` brings it to life. It also carries every worksheet's
schema, so the page can name worksheets and migrate answers without Python.
"""

from __future__ import annotations

from html import escape

from worksheets.builder.loader import DefinitionError
from worksheets.builder.model import Worksheet
from worksheets.builder.schema import schemas_json

FENCE_NAME = "onward-data"


def check_fence(source: str, page: str) -> None:
    """The fence takes no options: an empty body, so a typo can't pass for a setting."""
    if source.strip():
        raise DefinitionError(page, 1, f"{FENCE_NAME} fence",
                              "this fence takes no options; leave its body empty")


def _button(action: str, label: str, primary: bool = False, hidden: bool = False) -> str:
    kind = "md-button md-button--primary" if primary else "md-button"
    return (f'<button type="button" class="{kind}" data-data-action="{action}"'
            f'{" hidden" if hidden else ""}>{label}</button>')


def _group(slug: str, title: str, body: str) -> str:
    return (f'<section class="onward-data__group" aria-labelledby="onward-data-{slug}">'
            f'<h3 id="onward-data-{slug}">{title}</h3>{body}</section>')


_BACKUP = _group("backup", "Download a backup", (
    "<p>One file with every answer this copy of the guide keeps in this browser. It is "
    "plain text: keep it somewhere private.</p>"
    f'<p class="onward-data__buttons">{_button("export", "Download a backup file", True)}</p>'
    '<p class="onward-data__note" data-data-last-backup></p>'))

_IMPORT = _group("import", "Import a backup", (
    '<p><label for="onward-data-file">Choose a backup file made by this guide</label> '
    '<input type="file" id="onward-data-file" accept=".json,application/json" data-data-file>'
    "</p>"
    '<div class="onward-data__confirm" data-data-preview hidden>'
    '<p data-data-preview-summary></p><ul data-data-preview-list></ul>'
    '<p class="onward-data__buttons">'
    f'{_button("import-confirm", "Replace with these answers", True)}'
    f'{_button("import-cancel", "Cancel")}</p></div>'))

_ERASE = _group("erase", "Erase your answers", (
    "<p>Removes every answer this copy of the guide keeps in this browser, locked or not. "
    "Other copies of the guide on the same website keep theirs.</p>"
    f'<p class="onward-data__buttons">{_button("erase", "Erase all answers…")}</p>'
    '<div class="onward-data__confirm" data-data-erase-confirm hidden>'
    "<p><strong>Erase every answer?</strong> This can't be undone. Download a backup first "
    "if you might want them later.</p>"
    f'<p class="onward-data__buttons">{_button("erase-confirm", "Erase everything", True)}'
    f'{_button("erase-cancel", "Keep my answers")}</p></div>'))

_SHARED = _group("shared", "On a shared computer", (
    "<p>Shared computer mode keeps your answers only in this browser tab. They are wiped "
    "when you close it, and the next person sees nothing. Answers already saved in this "
    "browser move into the tab too.</p>"
    f'<p class="onward-data__buttons">{_button("shared-on", "Turn on shared computer mode")}'
    f'{_button("shared-off", "Turn off shared computer mode", hidden=True)}</p>'))

_LOCK = _group("lock", "Lock with a passphrase", (
    '<div data-data-lock-off><p>A passphrase encrypts your answers in this browser, so '
    "nobody who opens it can read them without the passphrase.</p>"
    '<p class="onward-data__warning"><strong>If you forget the passphrase, your answers '
    "can't be recovered.</strong> Nobody can reset it: the only way back is to erase them "
    "and start again. Download a backup first.</p>"
    '<p><label for="onward-data-pass">Passphrase (at least 8 characters)</label> '
    '<input type="password" id="onward-data-pass" autocomplete="new-password" minlength="8" '
    "data-data-pass></p>"
    '<p><label for="onward-data-pass2">The same passphrase again</label> '
    '<input type="password" id="onward-data-pass2" autocomplete="new-password" '
    "data-data-pass2></p>"
    f'<p class="onward-data__buttons">{_button("lock-set", "Lock my answers")}</p></div>'
    '<div data-data-lock-on hidden><p>Your answers in this browser are locked with a '
    "passphrase. You unlocked them on this page.</p>"
    f'<p class="onward-data__buttons">{_button("lock-now", "Lock now")}'
    f'{_button("lock-remove", "Remove the passphrase")}</p></div>'
    '<div data-data-lock-locked hidden><p>Your answers in this browser are locked. Enter '
    "your passphrase at the top of this page to open them.</p></div>"))


def render_data_controls(worksheets: dict[str, Worksheet]) -> str:
    """The data-controls region; one per page."""
    return (
        '<div class="onward-data" data-onward-data data-search-exclude '
        f'data-onward-schemas="{escape(schemas_json(worksheets))}">'
        "<noscript><p>Backing up, importing and erasing answers need JavaScript, which is "
        "turned off. Your browser's own settings can still clear this site's data.</p>"
        "</noscript>"
        '<p class="onward-data__status" data-data-status role="status"></p>'
        '<div class="onward-data__reminder" data-data-reminder hidden><p>Your answers have '
        "not been backed up for a while. A backup file keeps them safe if this browser "
        "clears its data.</p>"
        f'<p class="onward-data__buttons">{_button("export", "Download a backup file")}'
        f'{_button("snooze", "Not now")}</p></div>'
        f'<div data-data-controls hidden>{_BACKUP}{_IMPORT}{_ERASE}{_SHARED}{_LOCK}</div>'
        "</div>"
    )
