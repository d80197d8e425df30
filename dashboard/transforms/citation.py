"""Citable rows and citable views: every source of a row in words, and APA and BibTeX strings for a
chart or a record built from the project's CITATION.cff."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.data.citation import Work
from dashboard.importers.strikes import DATASET_SOURCE_ID

SOURCES_COLUMN = "sources"
SOURCES_DESCRIPTION = ("Every source of the row as 'publisher (publication date) URL', separated by '; '; the "
                       "date is left out when the source shows none.")
AIR_FORCE = "Air Force of the Armed Forces of Ukraine"
SEPARATOR = "; "


def _day(value: object) -> str | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    stamp = pd.Timestamp(value)
    return None if pd.isna(stamp) else stamp.date().isoformat()


def _cite_one(publisher: object, published: object, url: object) -> str:
    day = _day(published)
    return " ".join(part for part in (str(publisher), f"({day})" if day else "", str(url or "")) if part)


def source_citations(sources: pd.DataFrame) -> dict[str, str]:
    """Source id → 'Publisher (YYYY-MM-DD) URL', from the sources table."""
    return {str(row.id): _cite_one(row.publisher, row.published, row.url)
            for row in sources[["id", "publisher", "published", "url"]].itertuples(index=False)}


def _ids(value: object) -> list[str]:
    """A list field as loaded (a list) or as shown and downloaded (joined with ';')."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


def with_sources(frame: pd.DataFrame, citations: dict[str, str]) -> pd.DataFrame:
    """The rows plus a `sources` column naming all their sources, ids kept for machines.

    Rows citing `source_ids` get each cited source; strike rows (which carry `source_post`) get the
    Kaggle dataset they were imported from and their own Air Force post. A cited id the sources
    table lacks is shown as the id, never dropped."""
    if SOURCES_COLUMN in frame.columns:
        return frame
    if "source_ids" in frame.columns:
        cited = frame["source_ids"].map(lambda ids: SEPARATOR.join(citations.get(i, i) for i in _ids(ids)))
    elif "source_post" in frame.columns:
        # Vectorised: the strikes table has thousands of rows and the Data page cites them on every rerun.
        dataset = citations.get(DATASET_SOURCE_ID, DATASET_SOURCE_ID)
        posts = frame["source_post"].astype("string").fillna("")
        days = (pd.to_datetime(frame["report_date"], errors="coerce").dt.strftime(" (%Y-%m-%d)").fillna("")
                if "report_date" in frame.columns else "")
        cited = (dataset + (SEPARATOR + AIR_FORCE + days + " " + posts).where(posts != "", "")).astype(object)
    else:
        return frame
    position = frame.columns.get_loc("source_ids") if "source_ids" in frame.columns else len(frame.columns)
    result = frame.copy()
    result.insert(position, SOURCES_COLUMN, cited.astype(object))
    return result


@dataclass(frozen=True)
class Citation:
    apa: str
    bibtex: str


def _apa_authors(authors: tuple[str, ...]) -> str:
    if len(authors) <= 1:
        return "".join(authors)
    return ", ".join(authors[:-1]) + ", & " + authors[-1]


def _apa_date(accessed: date) -> str:
    return f"{accessed:%B} {accessed.day}, {accessed.year}"


_BIBTEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
_BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                        "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bibtex_escape(text: str) -> str:
    """Text safe inside a BibTeX field: TeX's special characters escaped in one pass."""
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_REPLACEMENTS[match.group()], text)


def bibtex_url(url: str) -> str:
    """A URL for a BibTeX `url` field: braces and backslashes percent-encoded, then % and # escaped."""
    encoded = url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
    return encoded.replace("%", r"\%").replace("#", r"\#")


def bibtex_key(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", "_".join(parts)).strip("_").lower()


def _bibtex(key: str, work: Work, title: str, note: str, url: str, accessed: date) -> str:
    fields = [
        ("author", "{" + " and ".join("{" + bibtex_escape(a) + "}" for a in work.authors) + "}"),
        ("title", "{{" + bibtex_escape(title) + "}}"),
        ("howpublished", "{" + bibtex_escape(work.title + (f", version {work.version}" if work.version else "")) + "}"),
    ]
    if work.released:
        fields.append(("year", "{" + work.released[:4] + "}"))
    fields += [("note", "{" + bibtex_escape(note) + "}"), ("url", "{" + bibtex_url(url) + "}"),
               ("urldate", "{" + accessed.isoformat() + "}")]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def _apa(work: Work, title: str | None, description: str, url: str, accessed: date, tail: str = "") -> str:
    """APA 7 for a part of the dashboard (`title`) or, with no title, the dashboard itself."""
    year = work.released[:4] if work.released else "n.d."
    version = f" (Version {work.version})" if work.version else ""
    authors = _apa_authors(work.authors)
    work_part = f"{title} [{description}]. In {work.title}{version}." if title else \
        f"{work.title}{version} [{description}]."
    text = (f"{authors}{'' if authors.endswith('.') else '.'} ({year}). {work_part} "
            f"Retrieved {_apa_date(accessed)}, from {url}")
    return text + (f" {tail}" if tail else "")


def view_citation(work: Work, *, kind: str, title: str, slug: str, as_of: str, url: str,
                  accessed: date) -> Citation:
    """How to cite a chart or table as shown: its kind and title, the data's as-of date and the link that
    reopens it with its filters."""
    return Citation(
        apa=_apa(work, title, f"{kind}; data as of {as_of}", url, accessed),
        bibtex=_bibtex(bibtex_key("dashboard", slug, as_of), work, title, f"{kind}, data as of {as_of}", url,
                       accessed),
    )


def record_citation(work: Work, *, table_title: str, record_id: str, name: str, sources: str, as_of: str,
                    url: str, accessed: date) -> Citation:
    """How to cite one record: the table, its id and name, and the sources it rests on."""
    description = f"{table_title} record {record_id}; data as of {as_of}"
    tail = f"Original sources: {sources}." if sources else ""
    note = description + (f". Original sources: {sources}" if sources else "")
    return Citation(
        apa=_apa(work, name, description, url, accessed, tail),
        bibtex=_bibtex(bibtex_key("dashboard", record_id), work, name, note, url, accessed),
    )


def work_citation(work: Work, *, as_of: str, url: str, accessed: date) -> Citation:
    """How to cite the dashboard and its data as a whole."""
    return Citation(
        apa=_apa(work, None, f"Dashboard and data set; data as of {as_of}", url, accessed),
        bibtex=_bibtex(bibtex_key("dashboard", as_of), work, work.title, f"Dashboard and data set, data as of {as_of}",
                       url, accessed),
    )


NAME_COLUMNS = ("name", "title", "target_name", "label", "model_reported", "description")
MAX_NAME = 120


def record_name(row: pd.Series) -> str:
    """A short name for a record: its name or title column, else the start of its description."""
    for column in NAME_COLUMNS:
        value = row.get(column)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            if len(text) <= MAX_NAME:
                return text
            return text[:MAX_NAME].rsplit(" ", 1)[0] + "…"
    return str(row.get("id", ""))
