"""Read three governments' own sanctions lists into one shape: one official listing per entry and
programme (or regime), with the date it was listed and how precise that date is.

- OFAC's SDN list, from the git history of a scraper that saved `sdn.csv` whenever it changed:
  an entry's listing date is the first version holding it, bounded below by the version before;
  a programme tag added later to an existing entry is a listing of its own under that programme.
- The UK Sanctions List (a third party's normalised tables): regime from the id prefix, date
  designated as published.
- Australia's DFAT Consolidated List (xlsx): regime from "Committees", the listing instrument,
  and a date when the listing information states one.

Each reader checks what it assumes of its file and fails with one line naming the file and the
missing piece.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

OFAC = "OFAC-SDN"
UK = "UK"
AU = "AU-DFAT"
LIST_TITLES = {OFAC: "OFAC Specially Designated Nationals list", UK: "UK Sanctions List",
               AU: "DFAT Consolidated List"}
OFAC_COLUMNS = 12
OFAC_EMPTY = "-0-"
UK_REGIMES = {
    "RUS": "Russia", "IRN": "Iran", "INU": "Iran (nuclear)", "DPR": "North Korea", "BEL": "Belarus",
    "SYR": "Syria", "CYB": "Cyber", "GAC": "Global anti-corruption", "GHR": "Global human rights",
    "CTI": "Counter-terrorism (international)", "CTD": "Counter-terrorism (domestic)", "AQD": "ISIL (Da'esh) and Al-Qaida",
    "AFG": "Afghanistan", "CHW": "Chemical weapons", "MYA": "Myanmar", "LIB": "Libya", "IRQ": "Iraq",
}
UK_FILES = {"subjects.csv": ("unique_id", "subject_type", "date_designated"),
            "subject_names.csv": ("unique_id", "name_type", "full_name"),
            "subject_countries.csv": ("unique_id", "iso", "country_type")}
AU_COLUMNS = ("Reference", "Name of Individual or Entity", "Type", "Name Type", "Citizenship", "Address",
              "Additional Information", "Listing Information", "Committees", "Control Date")
_AU_DATE = re.compile(r"\bon (\d{1,2}) (January|February|March|April|May|June|July|August|September|October|"
                      r"November|December),? (\d{4})")
_AU_YEAR = re.compile(r"Instrument (20\d\d)\b")
_AU_REFERENCE = re.compile(r"(\d+)([a-z]*)")


class ListError(Exception):
    """A list file is missing or not as expected; the message names the file and what is wrong."""


@dataclass
class Listing:
    list_ref: str
    programme: str
    name: str
    entry_type: str
    listed: str  # ISO date: the day listed, or the upper bound (the first OFAC version holding it)
    listed_after: str = ""  # ISO date: OFAC's version before, the lower bound; empty when exact or unknown
    date_precision: str = "day"  # day | between | on or before | control date | year
    aliases: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    instrument: str = ""
    remarks: str = ""

    @property
    def list_key(self) -> str:
        return self.list_ref.split(":", 1)[0]


def _clean(text: object) -> str:
    return " ".join(str(text or "").split())


# --- OFAC SDN history -------------------------------------------------------------------------

def _ofac_field(value: str) -> str:
    value = value.strip()
    return "" if value == OFAC_EMPTY else value


def _ofac_programmes(value: str) -> list[str]:
    return [p.strip(" []") for p in _ofac_field(value).split("] [") if p.strip(" []")]


_OFAC_ALIAS = re.compile(r"a\.k\.a\. '([^']+)'")
# Countries OFAC names in remarks: "nationality Iran", "citizen Russia", and identifiers such as
# "National ID No. 10861531217 (Iran)".
_OFAC_COUNTRY = re.compile(r"\b(?:nationality|citizen) ([A-Z][a-z]+(?: [A-Z][a-z]+)*)|[0-9][0-9A-Za-z./-]* \(([A-Z][A-Za-z]+"
                           r"(?: [A-Z][A-Za-z]+)*)\)")


def _versions(repository: Path) -> list[tuple[str, date]]:
    log = subprocess.run(["git", "-C", str(repository), "log", "--reverse", "--format=%H %cI", "--", "sdn.csv"],
                         capture_output=True, text=True, check=True).stdout.split("\n")
    versions = []
    for line in filter(None, log):
        commit, stamp = line.split(" ", 1)
        versions.append((commit, datetime.fromisoformat(stamp).astimezone(timezone.utc).date()))
    return versions


def read_ofac_history(bundle: Path) -> list[Listing]:
    """One listing per (SDN entry, programme), dated by the first scraped version that shows it."""
    if not bundle.is_file():
        raise ListError(f"{bundle}: no such file (the OFAC SDN history bundle)")
    with tempfile.TemporaryDirectory() as scratch:
        repository = Path(scratch) / "sdn-history"
        cloned = subprocess.run(["git", "clone", "--quiet", str(bundle), str(repository)], capture_output=True,
                                text=True)
        if cloned.returncode != 0:
            raise ListError(f"{bundle}: not a git bundle git can clone ({cloned.stderr.strip()[:200]})")
        versions = _versions(repository)
        if not versions:
            raise ListError(f"{bundle}: the history holds no version of sdn.csv")
        first_seen: dict[str, tuple[date, date | None]] = {}
        tags: dict[tuple[str, str], tuple[date, date | None]] = {}
        latest: dict[str, list[str]] = {}
        previous_lines: set[str] = set()
        previous_date: date | None = None
        for commit, day in versions:
            text = subprocess.run(["git", "-C", str(repository), "show", f"{commit}:sdn.csv"], capture_output=True,
                                  check=True).stdout.decode("utf-8", errors="replace")
            lines = {line for line in text.splitlines() if line.strip() and line.strip() != "\x1a"}
            if not lines:
                continue  # the scraper's last commit saved an empty file
            for record in csv.reader(io.StringIO("\n".join(sorted(lines - previous_lines)))):
                if len(record) != OFAC_COLUMNS:
                    raise ListError(f"{bundle} ({commit[:12]}, {day}): an sdn.csv row has {len(record)} fields, "
                                    f"expected {OFAC_COLUMNS} ({','.join(record)[:80]!r})")
                number = record[0].strip()
                first_seen.setdefault(number, (day, previous_date))
                for programme in _ofac_programmes(record[3]):
                    tags.setdefault((number, programme), (day, previous_date))
                latest[number] = record
            previous_lines, previous_date = lines, day
    listings = []
    for (number, programme), (day, after) in sorted(tags.items(), key=lambda item: (int(item[0][0]), item[0][1])):
        record = latest[number]
        remarks = _ofac_field(record[11])
        listings.append(Listing(
            list_ref=f"{OFAC}:{number}", programme=programme, name=_clean(record[1]),
            entry_type=_ofac_field(record[2]) or "entity", listed=day.isoformat(),
            listed_after=after.isoformat() if after else "",
            date_precision="on or before" if after is None else ("day" if (day - after).days <= 1 else "between"),
            aliases=list(dict.fromkeys(_clean(a) for a in _OFAC_ALIAS.findall(remarks))),
            countries=list(dict.fromkeys(named or number for named, number in _OFAC_COUNTRY.findall(remarks))),
            remarks=remarks,
        ))
    return listings


# --- UK Sanctions List ------------------------------------------------------------------------

def _read_uk_table(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / name
    if not path.is_file():
        raise ListError(f"{path}: no such file (part of the UK Sanctions List)")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in UK_FILES[name] if column not in (reader.fieldnames or [])]
        if missing:
            raise ListError(f"{path}: column(s) missing: {', '.join(missing)}")
        return list(reader)


def read_uk(folder: Path) -> list[Listing]:
    names: dict[str, list[str]] = {}
    primary: dict[str, str] = {}
    for row in _read_uk_table(folder, "subject_names.csv"):
        full = _clean(row["full_name"])
        if row["name_type"] == "primary" and row["unique_id"] not in primary:
            primary[row["unique_id"]] = full
        else:
            names.setdefault(row["unique_id"], []).append(full)
    countries: dict[str, list[str]] = {}
    for row in _read_uk_table(folder, "subject_countries.csv"):
        if row["iso"] and row["iso"] not in countries.setdefault(row["unique_id"], []):
            countries[row["unique_id"]].append(row["iso"])
    listings = []
    for row in _read_uk_table(folder, "subjects.csv"):
        unique_id = row["unique_id"]
        try:
            listed = datetime.strptime(row["date_designated"].strip(), "%d/%m/%Y").date().isoformat()
        except ValueError as error:
            raise ListError(f"{folder / 'subjects.csv'}: {unique_id}: date_designated is not DD/MM/YYYY "
                            f"({row['date_designated']!r})") from error
        prefix = re.match(r"[A-Z]+", unique_id)
        regime = UK_REGIMES.get(prefix.group(0), prefix.group(0)) if prefix else ""
        listings.append(Listing(
            list_ref=f"{UK}:{unique_id}", programme=regime, name=primary.get(unique_id, ""),
            entry_type=row["subject_type"], listed=listed,
            aliases=[n for n in dict.fromkeys(names.get(unique_id, [])) if n != primary.get(unique_id)],
            countries=countries.get(unique_id, []),
        ))
    return listings


# --- DFAT Consolidated List -------------------------------------------------------------------

def _au_date(information: str, control: object) -> tuple[str, str]:
    """The listing date the listing information states; else DFAT's control date when it falls in the
    listing instrument's year (the day the instrument listed an entry not changed since); else the
    instrument's year."""
    match = _AU_DATE.search(information)
    if match:
        day, month, year = match.groups()
        return datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date().isoformat(), "day"
    year = _AU_YEAR.search(information)
    if year:
        if isinstance(control, datetime) and str(control.year) == year.group(1):
            return control.date().isoformat(), "control date"
        return f"{year.group(1)}-01-01", "year"
    return "", ""


def read_dfat(workbook_path: Path) -> list[Listing]:
    if not workbook_path.is_file():
        raise ListError(f"{workbook_path}: no such file (the DFAT Consolidated List)")
    try:
        import openpyxl
    except ImportError as error:
        raise ListError("openpyxl is not installed; reinstall the project: pip install -e .") from error
    workbook = openpyxl.load_workbook(workbook_path, read_only=True, data_only=True)
    rows = workbook.active.iter_rows(values_only=True)
    header = [_clean(cell) for cell in next(rows, ())]
    missing = [column for column in AU_COLUMNS if column not in header]
    if missing:
        raise ListError(f"{workbook_path}: column(s) missing: {', '.join(missing)}")
    at = {column: header.index(column) for column in AU_COLUMNS}
    entries: dict[str, Listing] = {}
    for cells in rows:
        reference = _clean(cells[at["Reference"]])
        match = _AU_REFERENCE.fullmatch(reference)
        if not match:
            continue  # blank trailing rows
        number, suffix = match.groups()
        name = _clean(cells[at["Name of Individual or Entity"]])
        if suffix and number in entries:
            if name and name not in entries[number].aliases and name != entries[number].name:
                entries[number].aliases.append(name)
            continue
        information = _clean(cells[at["Listing Information"]])
        listed, precision = _au_date(information, cells[at["Control Date"]])
        countries = [c for c in (_clean(cells[at["Citizenship"]]),) if c]
        address = _clean(cells[at["Address"]])
        if address and address != "NA":
            countries.append(address.rsplit(",", 1)[-1].strip())
        entries[number] = Listing(
            list_ref=f"{AU}:{number}", programme=_clean(cells[at["Committees"]]), name=name,
            entry_type=_clean(cells[at["Type"]]).lower(), listed=listed, date_precision=precision,
            countries=list(dict.fromkeys(countries)), instrument=information,
            remarks=_clean(cells[at["Additional Information"]]),
        )
    workbook.close()
    return list(entries.values())


# --- The derived table and the review file ----------------------------------------------------

LISTINGS_FILE = "official_listings.csv"
REVIEW_FILE = Path("review") / "sanctions-list-candidates.csv"
LISTING_COLUMNS = ("list_ref", "programme", "name", "aliases", "entry_type", "countries", "listed", "listed_after",
                   "date_precision", "instrument", "remarks")
REVIEW_COLUMNS = ("rule", "list_ref", "programme", "name", "entry_type", "listed", "date_precision", "countries",
                  "remarks", "cited_by")
# Programmes under which the US lists Iran's arms, missile and drone suppliers (Russia's own rounds are too
# large to review this way; rule russia-programme-iranian covers their Iranian members).
ROUND_PROGRAMMES = {"IFSR", "NPWMD", "IRGC", "SDGT", "IRAN-CON-ARMS-EO"}
RUSSIA_PROGRAMMES = {"RUSSIA-EO14024", "Russia", "Autonomous (Russia)", "Autonomous (Ukraine)"}
IRAN_MARKERS = re.compile(r"\bIran(ian)?\b|\bIR\b|Tehran|Esfahan|Isfahan|Qom\b|Kish Island")
# Iran's first drone deliveries to Russia were reported in August 2022; the US warned of them in July.
REVIEW_FROM = "2022-07-01"
_LINKED_TO = re.compile(r"Linked To: ([^;]+?)\.?(?:;|$)")
RULES = {
    "russia-programme-iranian": "listed under a Russia programme or regime, with an Iranian nationality, address or "
                                "identifier",
    "same-action": "listed on the same day and under the same regime as an entry a curated row cites (UK), or in "
                   "the same scraped OFAC version under an Iran arms, missile or terrorism programme",
    "linked-to": "OFAC remarks name, as 'Linked To', an entry a curated row cites",
    "later-programme-tag": "a programme tag added later to an entry a curated row cites: a designation of its own",
}


def _is_iranian(listing: Listing) -> bool:
    return bool(IRAN_MARKERS.search(" ".join([*listing.countries, listing.remarks])))


def candidates(listings: list[Listing], cited: dict[str, list[str]]) -> list[tuple[str, Listing]]:
    """(rule, listing) for every official listing a stated rule puts up for review; a listing
    meeting several rules is listed under the first. `cited` holds the entries the curated
    designations cite; only listings made since Iran's drones reached Russia (REVIEW_FROM) count."""
    by_ref: dict[str, list[Listing]] = {}
    for listing in listings:
        by_ref.setdefault(listing.list_ref, []).append(listing)
    cited_names = {by_ref[ref][0].name.upper(): ref for ref in cited if ref in by_ref}
    cited_versions = {listing.listed for ref in cited if ref.startswith(OFAC) for listing in by_ref.get(ref, [])}
    cited_uk_days = {(listing.listed, listing.programme) for ref in cited if ref.startswith(UK)
                     for listing in by_ref.get(ref, [])}
    found: dict[tuple[str, str], str] = {}
    for listing in listings:
        if not listing.listed or listing.listed < REVIEW_FROM:
            continue
        key = (listing.list_ref, listing.programme)
        if listing.list_ref in cited and listing.listed > min(entry.listed for entry in by_ref[listing.list_ref]):
            found.setdefault(key, "later-programme-tag")
        if listing.programme in RUSSIA_PROGRAMMES and _is_iranian(listing):
            found.setdefault(key, "russia-programme-iranian")
        if listing.list_key == OFAC and listing.programme in ROUND_PROGRAMMES and listing.listed in cited_versions \
                and listing.date_precision != "on or before":
            found.setdefault(key, "same-action")
        if listing.list_key == UK and (listing.listed, listing.programme) in cited_uk_days:
            found.setdefault(key, "same-action")
        if listing.list_key == OFAC and any(name.strip().upper() in cited_names for name in _LINKED_TO.findall(listing.remarks)):
            found.setdefault(key, "linked-to")
    return [(rule, listing) for listing in listings for rule in [found.get((listing.list_ref, listing.programme))] if rule]


def _listing_row(listing: Listing) -> dict[str, str]:
    return {"list_ref": listing.list_ref, "programme": listing.programme, "name": listing.name,
            "aliases": ";".join(a.replace(";", ",") for a in listing.aliases), "entry_type": listing.entry_type,
            "countries": ";".join(listing.countries), "listed": listing.listed, "listed_after": listing.listed_after,
            "date_precision": listing.date_precision or "unknown", "instrument": listing.instrument,
            "remarks": listing.remarks}


def _cited_refs(data_dir: Path) -> tuple[dict[str, list[str]], set[str]]:
    """Every entry a sanctions row cites (with the rows), and those its designations cite."""
    path = data_dir / "sanctions.csv"
    if not path.is_file():
        raise ListError(f"{path}: no such file (the curated sanctions table the listings are for)")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if "list_ref" not in (reader.fieldnames or []):
            raise ListError(f"{path}: column missing: list_ref")
        cited: dict[str, list[str]] = {}
        designated: set[str] = set()
        for row in reader:
            if row["list_ref"]:
                cited.setdefault(row["list_ref"], []).append(row["id"])
                if row.get("action") == "designation":
                    designated.add(row["list_ref"])
    return cited, designated


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@dataclass
class ListsSummary:
    listings: dict[str, int]
    written: int
    candidates: dict[str, int]
    cited_candidates: dict[str, int]
    missing_refs: list[str]


def import_lists(lists_dir: Path, data_dir: Path) -> ListsSummary:
    """Write the official listings the curated rows cite (every programme of each cited entry,
    so earlier listings show) and the review file of candidates; both or neither."""
    cited, designated = _cited_refs(data_dir)
    listings = (read_ofac_history(lists_dir / "ofac-sdn" / "sdn-history.bundle")
                + read_uk(lists_dir / "uk-sanctions-list")
                + read_dfat(lists_dir / "dfat-consolidated" / "regulation8_consolidated.xlsx"))
    known = {listing.list_ref for listing in listings}
    kept = sorted((listing for listing in listings if listing.list_ref in cited),
                  key=lambda listing: (listing.list_ref, listing.programme))
    review = candidates(listings, {ref: cited[ref] for ref in designated})
    review_rows = [{**{k: v for k, v in _listing_row(listing).items() if k in REVIEW_COLUMNS}, "rule": rule,
                    "remarks": listing.remarks[:300], "cited_by": ";".join(cited.get(listing.list_ref, []))}
                   for rule, listing in review]
    with tempfile.TemporaryDirectory(dir=data_dir) as scratch:
        staging = Path(scratch)
        _write(staging / LISTINGS_FILE, LISTING_COLUMNS, [_listing_row(listing) for listing in kept])
        _write(staging / REVIEW_FILE, REVIEW_COLUMNS, review_rows)
        (data_dir / REVIEW_FILE).parent.mkdir(parents=True, exist_ok=True)
        (staging / LISTINGS_FILE).replace(data_dir / LISTINGS_FILE)
        (staging / REVIEW_FILE).replace(data_dir / REVIEW_FILE)
    def count(rows: list[dict[str, str]]) -> dict[str, int]:
        return {rule: sum(1 for row in rows if row["rule"] == rule) for rule in RULES}

    return ListsSummary(
        listings={key: sum(1 for listing in listings if listing.list_key == key) for key in LIST_TITLES},
        written=len(kept), candidates=count(review_rows),
        cited_candidates=count([r for r in review_rows if r["cited_by"]]),
        missing_refs=sorted(ref for ref in cited if ref not in known),
    )
