"""Page-level link parameters (?period=, ?types=, ?top=, ?q=): what a value means, or why it is ignored.

Pure, so every odd value a shared link can carry is tested here in milliseconds; the page shell
only shows the note and draws the widget.
"""

from __future__ import annotations

from collections.abc import Mapping

MAX_TEXT_PARAM = 200
_SHOWN_CHARS = 40
_LISTED_CHOICES = 10


def _shown(requested: str) -> str:
    return repr(requested[:_SHOWN_CHARS])


def parse_choice(requested: str | None, options: Mapping[str, str], *, param: str,
                 default: str) -> tuple[str, str | None]:
    """One of `options` (value → label); anything else is the default, with a note saying why."""
    if requested is None or requested in options:
        return (default if requested is None else requested), None
    known = ", ".join(options) if len(options) <= _LISTED_CHOICES else f"the {len(options)} listed choices"
    return default, f"{param}={_shown(requested)} is not one of {known}; showing {options[default]}."


def parse_multi(requested: str | None, options: Mapping[str, str], *, param: str,
                label: str) -> tuple[tuple[str, ...], str | None]:
    """A comma-separated subset of `options` (default: all). One unknown item voids the whole value,
    so a link never shows a view its author did not mean."""
    everything = tuple(options)
    if requested is None:
        return everything, None
    wanted = [item.strip() for item in requested.split(",") if item.strip()]
    if not wanted or any(item not in options for item in wanted):
        return everything, (f"{param}={_shown(requested)} lists no known {label.lower()} "
                            f"({', '.join(options)}); showing all.")
    return tuple(dict.fromkeys(wanted)), None


def parse_number(requested: str | None, *, param: str, default: int, low: int, high: int) -> tuple[int, str | None]:
    """A whole number in [low, high]; anything else is the default, with a note."""
    if requested is None:
        return default, None
    if requested.isascii() and requested.isdigit() and low <= int(requested) <= high:
        return int(requested), None
    return default, f"{param}={_shown(requested)} is not a whole number from {low} to {high}; showing {default}."


def parse_text(requested: str | None) -> str:
    """Free text (a search), cut to the length the search box takes."""
    return (requested or "")[:MAX_TEXT_PARAM]
