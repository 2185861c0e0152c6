"""Render a validated worksheet as static, accessible HTML (no JavaScript needed to read it).

Every string that came from an author is escaped here; the browser only fills values in.
The DOM contract (data-worksheet, data-field, data-worksheet-status, data-worksheet-output)
is what `assets/worksheet-form.js` and hosts' own tests rely on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape

from worksheets.builder import contract, schema
from worksheets.builder.model import Field, Worksheet
from worksheets.builder.scale import SCALE_AS_RADIOS_MAX, scale_points
from worksheets.builder.scale import number_text as _num

ROW_KEY = contract.ROW_KEY


def _attrs(**pairs: str | bool | None) -> str:
    """Render attributes; True is a bare attribute, False and None are left out."""
    parts = []
    for name, value in pairs.items():
        name = name.rstrip("_").replace("_", "-")
        if value is True:
            parts.append(name)
        elif value not in (None, False, ""):
            parts.append(f'{name}="{escape(str(value))}"')
    return " ".join(parts)


class _Names:
    """Element ids and control names for one field, at the top level or inside a row."""

    def __init__(self, worksheet_id: str, field: Field, parent: Field | None = None) -> None:
        if parent is None:
            self.id = f"ws-{worksheet_id}-{field.id}"
            self.name = field.id
        else:
            self.id = f"ws-{worksheet_id}-{parent.id}-{ROW_KEY}-{field.id}"
            self.name = f"{parent.id}.{ROW_KEY}.{field.id}"
        self.help = f"{self.id}-help"


def _help(field: Field, names: _Names) -> str:
    if not field.help:
        return ""
    return f'<p class="onward-help" id="{names.help}">{escape(field.help)}</p>'


def _label_text(field: Field) -> str:
    marker = ' <span class="onward-required">(required)</span>' if field.required else ""
    return f"{escape(field.label)}{marker}"


def _wrap(field: Field, inner: str) -> str:
    return (f'<div class="onward-field" {_attrs(data_field=field.id, data_field_type=field.type)}>'
            f"{inner}</div>")


def _text_like(field: Field, names: _Names) -> str:
    common = dict(id=names.id, name=names.name, placeholder=field.placeholder or None,
                  aria_describedby=names.help if field.help else None,
                  required=field.required)
    label = f'<label for="{names.id}">{_label_text(field)}</label>'
    if field.type == "long_text":
        control = f"<textarea {_attrs(rows='4', **common)}></textarea>"
    elif field.type == "number":
        control = "<input " + _attrs(type="number", inputmode="decimal", min=_num(field.minimum),
                                     max=_num(field.maximum), step=_num(field.step) or "any",
                                     **common) + ">"
    else:
        kind = "date" if field.type == "date" else "text"
        control = f"<input {_attrs(type=kind, **common)}>"
    return _wrap(field, label + _help(field, names) + control)


def _choose_text(field: Field) -> str:
    """The select's empty choice: "Choose an interview" from the source's row label."""
    if field.placeholder:
        return field.placeholder
    noun = (field.source_row_label or "entry").lower()
    return f"Choose {'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _reference(field: Field, names: _Names, links: Mapping[str, str]) -> str:
    """A select of another worksheet's rows. The browser lists them from saved answers;
    until there are any, the note says where to add one (linked when the build knows the
    source's page), and stays readable without JavaScript."""
    source_id = field.source.split(".")[0]
    title = escape(field.source_title or source_id)
    href = links.get(source_id)
    where = f'<a href="{escape(href)}">{title}</a>' if href else title
    noun = escape((field.source_row_label or "entry").lower())
    empty_id = f"{names.id}-empty"
    described = " ".join(filter(None, (names.help if field.help else "", empty_id)))
    shown = json.dumps(schema.field_schema(field), separators=(",", ":"), ensure_ascii=False)
    control = (f"<select {_attrs(id=names.id, name=names.name, aria_describedby=described)} "
               f"{_attrs(data_reference_schema=shown)}>"
               f'<option value="">{escape(_choose_text(field))}</option></select>')
    note = (f'<p class="onward-help onward-reference__empty" id="{empty_id}" '
            f"data-reference-empty>The list comes from your {where}. Nothing is saved there "
            f"yet: add each {noun} there once, then pick it here.</p>")
    label = f'<label for="{names.id}">{_label_text(field)}</label>'
    return (f'<div class="onward-field" {_attrs(data_field=field.id, data_field_type=field.type)}'
            f' {_attrs(data_reference_source=field.source)}>'
            f"{label}{_help(field, names)}{control}{note}</div>")


def _group(field: Field, names: _Names, options: str) -> str:
    """A fieldset whose legend is the question: the accessible way to group radios and boxes."""
    return (f'<fieldset class="onward-field onward-group" '
            f'{_attrs(data_field=field.id, data_field_type=field.type)}'
            f'{" " + _attrs(aria_describedby=names.help) if field.help else ""}>'
            f"<legend>{_label_text(field)}</legend>{_help(field, names)}"
            f'<div class="onward-options">{options}</div></fieldset>')


def _option(kind: str, names: _Names, index: int, value: str, label_html: str,
            extra_class: str = "") -> str:
    control_id = f"{names.id}-{index}"
    control = _attrs(type=kind, id=control_id, name=names.name, value=value)
    return (f'<label class="onward-option{extra_class}" for="{control_id}">'
            f"<input {control}> {label_html}</label>")


def _choice(field: Field, names: _Names) -> str:
    kind = "radio" if field.type == "single_choice" else "checkbox"
    options = "".join(
        _option(kind, names, index, choice.value, f"<span>{escape(choice.label)}</span>")
        for index, choice in enumerate(field.options)
    )
    return _group(field, names, options)


def _scale(field: Field, names: _Names) -> str:
    points = scale_points(field)
    if len(points) > SCALE_AS_RADIOS_MAX:
        low = f"{points[0]} ({field.min_label or 'lowest'})"
        ends = f"{low} to {points[-1]} ({field.max_label or 'highest'})"
        field_help = f"{field.help} " if field.help else ""
        return _text_like(
            Field(id=field.id, type="number", label=field.label, help=f"{field_help}From {ends}.",
                  required=field.required, minimum=field.minimum, maximum=field.maximum),
            names,
        ).replace('data-field-type="number"', 'data-field-type="scale"', 1)
    hints = {0: field.min_label, len(points) - 1: field.max_label}
    options = []
    for index, point in enumerate(points):
        hint = hints.get(index, "")
        hint_html = f' <span class="onward-scale__hint">{escape(hint)}</span>' if hint else ""
        options.append(_option("radio", names, index, point, f"<span>{point}</span>{hint_html}",
                               " onward-scale__point"))
    return _group(field, names, "".join(options)).replace(
        'class="onward-options"', 'class="onward-options onward-scale"', 1)


def _row(worksheet: Worksheet, field: Field, links: Mapping[str, str]) -> str:
    inner = "".join(render_field(worksheet, sub, parent=field, links=links)
                    for sub in field.fields)
    actions = "".join(
        f'<button type="button" class="md-button onward-row__action" data-row-action="{action}">'
        f"{label}</button>"
        for action, label in (("up", "Move up"), ("down", "Move down"), ("remove", "Remove"))
    )
    return (f'<li class="onward-row" data-row="{ROW_KEY}"><fieldset>'
            f'<legend>{escape(field.row_label)} <span data-row-number>1</span></legend>'
            f'{inner}<div class="onward-row__actions">{actions}</div></fieldset></li>')


def _rows(worksheet: Worksheet, field: Field, names: _Names,
          links: Mapping[str, str]) -> str:
    """A repeating group: one row rendered for first paint, and a template to clone more."""
    row = _row(worksheet, field, links)
    first = row.replace(ROW_KEY, "0")
    return (f'<fieldset class="onward-field onward-rows" '
            f'{_attrs(data_field=field.id, data_field_type="rows", data_dated=field.dated)}'
            f'{" " + _attrs(aria_describedby=names.help) if field.help else ""}>'
            f"<legend>{_label_text(field)}</legend>{_help(field, names)}"
            f'<ol class="onward-rows__list" data-rows>{first}</ol>'
            f"<template data-row-template>{row}</template>"
            f'<button type="button" class="md-button onward-rows__add" data-row-action="add">'
            f"{escape(field.add_label)}</button></fieldset>")


def render_field(worksheet: Worksheet, field: Field, parent: Field | None = None,
                 links: Mapping[str, str] | None = None) -> str:
    """One field's HTML. `links` maps a worksheet id to its page's address relative to
    this page: a reference field links to its source's page when it is known."""
    names = _Names(worksheet.id, field, parent)
    links = links or {}
    if field.type == "reference":
        return _reference(field, names, links)
    if field.type in ("single_choice", "multiple_choice", "checklist"):
        return _choice(field, names)
    if field.type == "scale":
        return _scale(field, names)
    if field.type == "rows":
        return _rows(worksheet, field, names, links)
    return _text_like(field, names)


def render_worksheet(worksheet: Worksheet, links: Mapping[str, str] | None = None) -> str:
    """The whole worksheet: a real form that works for typing and saving before Python loads.
    `links`: worksheet id to page address, relative to this page (see `page_links`)."""
    title_id = f"ws-{worksheet.id}-title"
    fields = "".join(render_field(worksheet, field, links=links) for field in worksheet.fields)
    intro = (f'<p class="onward-worksheet__intro">{escape(worksheet.intro)}</p>'
             if worksheet.intro else "")
    return (
        f'<form class="onward-worksheet" id="ws-{worksheet.id}" '
        f'{_attrs(data_worksheet=worksheet.id, data_worksheet_version=str(worksheet.version))} '
        # Fields, accepted values and migrations, so the browser migrates without Python.
        f'{_attrs(data_worksheet_schema=schema.schema_json(worksheet))} '
        f'aria-labelledby="{title_id}" novalidate>'
        f'<h3 class="onward-worksheet__title" id="{title_id}">{escape(worksheet.title)}</h3>{intro}'
        '<noscript><p class="onward-worksheet__noscript">This worksheet saves your answers with '
        "JavaScript, which is turned off. You can still read the questions and answer them on "
        "paper.</p></noscript>"
        '<p class="onward-worksheet__status" data-worksheet-status role="status">'
        "Answers are kept in this browser only.</p>"
        f"{fields}"
        f'<section class="onward-worksheet__output" data-worksheet-output aria-live="polite" '
        f'aria-labelledby="{title_id}-result"><h4 id="{title_id}-result">Your result</h4>'
        '<div data-worksheet-result><p class="onward-output__note">Your result appears here '
        "when you start answering. It is worked out in this browser.</p></div></section>"
        "</form>"
    )


_FIRST_WORKSHEET = re.compile(r'<form class="onward-worksheet" id="ws-([a-z0-9-]+)"')
_FIRST_HEADING_END = "</h1>"


def with_worksheet_link(html: str) -> str:
    """A page's HTML with "Go to your worksheet" just under its title, when it has one.

    On a phone the worksheet starts several screens down, reachable otherwise only through
    the table of contents in the drawer. The link targets the worksheet's heading, and
    `skip-link.js` moves the keyboard focus there too (a plain fragment link would not)."""
    found = _FIRST_WORKSHEET.search(html)
    heading_end = html.find(_FIRST_HEADING_END)
    if not found or heading_end < 0 or heading_end > found.start():
        return html
    link = (f'<p class="onward-jump"><a class="md-button" href="#ws-{found.group(1)}-title" '
            "data-worksheet-jump>Go to your worksheet</a></p>")
    at = heading_end + len(_FIRST_HEADING_END)
    return html[:at] + link + html[at:]


def page_links(plan: list[tuple[str, str, str]], relative: Callable[[str], str]) -> dict[str, str]:
    """Worksheet id to its page's address, from the build's plan list (id, title, url),
    made relative to the page being rendered by `relative` (MkDocs' get_relative_url)."""
    return {worksheet_id: relative(url) for worksheet_id, _title, url in plan}


@dataclass(frozen=True)
class PlanEntry:
    """A worksheet as My plan lists it: the page it lives on and that page's link."""

    worksheet_id: str
    title: str
    href: str


def _plan_item(entry: PlanEntry) -> str:
    link = f'<a href="{escape(entry.href)}">{escape(entry.title)}</a>'
    # A task list: the step, then its state in words ("not started", "started", "done").
    return (f'<li class="onward-plan__task" data-plan-progress-item="{escape(entry.worksheet_id)}">'
            f'{link}<span class="onward-plan__state">: </span>'
            '<strong class="onward-plan__state" data-plan-state>not started</strong></li>')


def _plan_section(number: int, entry: PlanEntry) -> str:
    return (f'<section class="onward-plan__step" data-plan-worksheet="{escape(entry.worksheet_id)}"'
            f' hidden><h3><a href="{escape(entry.href)}">{number}. {escape(entry.title)}</a></h3>'
            '<div data-plan-body></div></section>')


def render_plan(entries: list[PlanEntry]) -> str:
    """The My plan region: progress, one section per worksheet, filled in by the browser."""
    start = escape(entries[0].href) if entries else "./"
    progress = "".join(_plan_item(entry) for entry in entries)
    sections = "".join(_plan_section(n, e) for n, e in enumerate(entries, start=1))
    return (
        # Kept out of search: its step list would compete with the steps themselves.
        '<div class="onward-plan" data-onward-plan data-search-exclude>'
        "<noscript><p>My plan needs JavaScript to read the answers saved in this browser."
        "</p></noscript>"
        '<div class="onward-plan__empty" data-plan-empty hidden><p>Nothing is saved in this '
        "browser yet. That is a fine place to begin: each worksheet you fill in shows up "
        f'here.</p><p><a class="md-button md-button--primary" href="{start}">Start with '
        "step 1</a></p></div>"
        '<div class="onward-plan__actions" data-plan-actions hidden>'
        '<button type="button" class="md-button" data-plan-action="markdown">Download as '
        'Markdown</button><button type="button" class="md-button" data-plan-action="print">'
        "Print</button></div>"
        '<h2 id="your-progress">Your progress</h2>'
        # Beside the list: what is still being gathered, so no state looks like lost work.
        '<p class="onward-output__note" data-onward-plan-status role="status">Your plan is '
        "gathered from the answers saved in this browser.</p>"
        '<p class="onward-plan__print-notice">This copy was printed while the summary of your '
        "answers was still being put together. Wait until it shows on the page, then print "
        "again.</p>"
        f'<ol class="onward-plan__progress" data-plan-progress>{progress}</ol>'
        f'<div data-plan-steps>{sections}</div></div>'
    )


def render_continue(entries: list[PlanEntry]) -> str:
    """The home page's "Continue where you left off": hidden until the browser finds saved
    answers, then showing only the worksheet saved most recently (see plan-view.js)."""
    items = "".join(
        f'<li data-continue-item="{escape(e.worksheet_id)}" hidden>'
        f'<a class="md-button" href="{escape(e.href)}">Continue where you left off: '
        f"{escape(e.title)}</a></li>"
        for e in entries)
    return (f'<div class="onward-continue" data-onward-continue hidden><ul>{items}</ul></div>')
