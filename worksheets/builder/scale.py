"""The points a `scale` field offers, as the form shows them and stored answers must match.

Its own module because two others need it: render.py draws the points, schema.py tells the
browser which stored values a scale accepts (a scale shown as radios drops any other).
"""

from __future__ import annotations

from worksheets.builder.model import Field

# Up to this many points a scale is a row of radios; beyond, a number box.
SCALE_AS_RADIOS_MAX = 11


def number_text(value: float | None) -> str | None:
    """A number as a form attribute writes it: `3`, not `3.0`."""
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def scale_points(field: Field) -> list[str]:
    low, high, step = field.minimum or 0, field.maximum or 0, field.step or 1
    count = round((high - low) / step) + 1
    return [number_text(low + index * step) or "0" for index in range(count)]
