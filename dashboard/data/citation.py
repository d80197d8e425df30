"""The project's own citation: CITATION.cff, read once.

The file ships inside the package (dashboard/CITATION.cff, a copy of the repository's root file that
GitHub and reference managers read; a test keeps the two identical), so citations work after a
plain `pip install .` as well as from a checkout.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

CITATION_FILE = "CITATION.cff"


@dataclass(frozen=True)
class Work:
    """What a citation of the dashboard needs from CITATION.cff."""

    title: str
    authors: tuple[str, ...]
    version: str
    licence: str
    released: str | None
    url: str | None
    message: str


def _author(entry: dict[str, Any]) -> str:
    """APA order: an organisation by its name, a person as 'Family, G. N.'."""
    if "family-names" in entry:
        initials = " ".join(f"{part[0]}." for part in str(entry.get("given-names", "")).split() if part)
        return f"{entry['family-names']}, {initials}".rstrip(", ")
    return str(entry["name"])


def work_from_cff(raw: dict[str, Any]) -> Work:
    released = raw.get("date-released")
    return Work(
        title=str(raw["title"]),
        authors=tuple(_author(a) for a in raw.get("authors", [])),
        version=str(raw.get("version", "")),
        licence=str(raw.get("license", "")),
        released=str(released) if released else None,
        url=raw.get("url") or raw.get("repository-code"),
        message=str(raw.get("message", "")),
    )


def citation_text() -> str:
    return files("dashboard").joinpath(CITATION_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_work() -> Work:
    return work_from_cff(yaml.safe_load(citation_text()))
