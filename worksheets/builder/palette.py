"""A host's palette, composed with the one it inherits, so dark mode is never lost silently.

MkDocs' INHERIT merges dictionaries but replaces lists, and Material's `theme.palette` is a
list: a host file that sets only its colours (one entry, no `toggle`) would quietly drop
the light/dark switch of mkdocs.yml. Instead, colours given without toggles are applied
to the inherited entries: an entry with `scheme: default` (or `slate`) to that scheme's
entry only, an entry without a scheme to all of them; everything else (media queries,
toggles, the other scheme's colours) is kept. A palette with its own toggles is the
host's choice and is used as written. Plain data in, plain data out: nothing here reads
files (config_file.inherited_palette does) or imports MkDocs.
"""

from __future__ import annotations

from typing import Any

COLOURS = ("primary", "accent")


def _entries(palette: Any) -> list[dict[str, Any]]:
    items = palette if isinstance(palette, list) else [palette]
    return [item for item in items if isinstance(item, dict)]


def has_toggle(palette: Any) -> bool:
    return any("toggle" in entry for entry in _entries(palette))


def composed(palette: Any, base: Any) -> list[dict[str, Any]] | None:
    """The host's colours on the base's entries when the host gave no toggle and the base
    has one; None when `palette` stands as it is."""
    own = _entries(palette)
    if not own or has_toggle(palette) or not has_toggle(base):
        return None
    # An entry naming a scheme colours that scheme only; one without colours them all.
    by_scheme = {entry["scheme"]: entry for entry in own if "scheme" in entry}
    general = next((entry for entry in own if "scheme" not in entry), {})
    merged = []
    for entry in _entries(base):
        colours = by_scheme.get(entry.get("scheme", "default"), general)
        merged.append({**entry, **{key: colours[key] for key in COLOURS if key in colours}})
    return merged
