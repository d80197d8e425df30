"""Read every table of the data package, check it against the contract, and type it.

Validation never stops at the first problem: it collects all of them, each with the file, the
CSV line it sits on, the column, the offending value and a reason, so a curator can fix a whole
file in one pass. A table with any problem is still returned (bad cells become missing values)
but is listed in `failed_tables`, so views can refuse to draw from it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

from dashboard.data.contract import DataPackage, Field, Table, load_contract

MAX_VALUE_SHOWN = 80
_INTEGER = re.compile(r"[+-]?\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BOOLEANS = {"true": True, "false": False}
# A cell this long is not a curated fact; refusing it early keeps one pasted blob from
# slowing every page.
MAX_CELL_CHARS = 20_000

csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line if self.line is not None else '-'}"
        column = self.column or "-"
        shown = "" if self.value is None else f" ({_shorten(self.value)!r})"
        return f"{where}: {column}: {self.reason}{shown}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class LoadedData:
    """Typed tables plus every problem found while reading and checking them."""

    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)

    @property
    def failed_tables(self) -> set[str]:
        return {Path(p.file).stem for p in self.problems}


def _shorten(value: str) -> str:
    return value if len(value) <= MAX_VALUE_SHOWN else value[: MAX_VALUE_SHOWN - 1] + "…"


@dataclass
class _RawTable:
    header: list[str]
    frame: pd.DataFrame  # every cell as text, columns in file order, named by position
    lines: np.ndarray  # CSV line number of each record


def _decode(path: Path, file_name: str, problems: list[Problem]) -> tuple[str, bytes] | None:
    """The file's text with LF line ends, and that text as UTF-8."""
    if not path.exists():
        problems.append(Problem(file_name, None, None, None, "file is missing"))
        return None
    data = path.read_bytes()
    # Spreadsheets save "CSV UTF-8" with a byte-order mark; it is legal and carries no data.
    data = data.removeprefix(b"\xef\xbb\xbf")
    edited = False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(file_name, line, None, None, f"not valid UTF-8 (byte 0x{data[error.start]:02x})"))
        text = data.decode("utf-8", errors="replace")
        edited = True
    # Looked for in the bytes, many times faster than in non-ASCII text; in UTF-8 (and among replaced
    # bytes) a NUL byte is always the NUL character.
    if b"\x00" in data:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem(file_name, line, None, None, "contains a NUL byte"))
        text = text.replace("\x00", "")
        edited = True
    if not text or text.isspace():  # not text.strip(), which would copy the whole file
        problems.append(Problem(file_name, 1, None, None, "file is empty (no header row)"))
        return None
    # RFC 4180 ends lines with CR LF (what Excel writes); LF and old-Mac CR are read the same way.
    # Line breaks inside quoted values become LF too, so a value reads alike whoever saved it.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        edited = True
    # Text decoded from valid UTF-8 encodes back to the same bytes: only an edited text is encoded again.
    return text, (text.encode("utf-8") if edited else data)


def _lines(text: str) -> Iterator[str]:
    """The lines of `text`, each with its LF, for the csv module: unlike io.StringIO, this makes no copy of
    the whole text, which took half a second at 100 times the bundled strikes."""
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def _positional(records: list[list[str]], width: int) -> pd.DataFrame:
    columns = {str(i): [r[i] if i < len(r) else "" for r in records] for i in range(width)}
    return pd.DataFrame(columns, dtype="str") if records else pd.DataFrame({str(i): pd.Series([], dtype="str") for i in range(width)})


def _read_fast(utf8: bytes, width: int) -> pd.DataFrame | None:
    """Arrow's CSV reader, for files whose records are one line each and all of full width.

    Anything else (quoted line breaks, blank lines, ragged rows) returns None and goes through
    the csv module, which is slower but reports exact line numbers.
    """
    names = [str(i) for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(utf8),
            read_options=pa_csv.ReadOptions(skip_rows=1, column_names=names),
            parse_options=pa_csv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                  strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    physical_lines = utf8.count(b"\n") + (0 if utf8.endswith(b"\n") else 1)
    if physical_lines != table.num_rows + 1:
        return None
    return table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow", na_value=np.nan)}.get)


def _read_csv(path: Path, file_name: str, problems: list[Problem]) -> _RawTable | None:
    decoded = _decode(path, file_name, problems)
    if decoded is None:
        return None
    text, utf8 = decoded
    header = next(csv.reader(_lines(text)), None)
    if not header:
        problems.append(Problem(file_name, 1, None, None, "file has no header row"))
        return None
    frame = _read_fast(utf8, len(header))
    if frame is not None:
        return _RawTable(header, frame, np.arange(2, len(frame) + 2))

    reader = csv.reader(_lines(text), strict=True)
    records: list[list[str]] = []
    lines: list[int] = []
    previous_line = 0
    try:
        for index, record in enumerate(reader):
            start_line = previous_line + 1
            previous_line = reader.line_num
            if index == 0 or not record:
                continue  # the header, or a blank line that holds no record
            if len(record) != len(header):
                problems.append(Problem(file_name, start_line, None, None,
                                        f"row has {len(record)} fields; the header has {len(header)}"))
            records.append(record)
            lines.append(start_line)
    except csv.Error as error:
        problems.append(Problem(file_name, reader.line_num, None, None, f"CSV syntax error: {error}"))
    return _RawTable(header, _positional(records, len(header)), np.asarray(lines, dtype=int))


def _check_header(table: Table, raw: _RawTable, file_name: str, problems: list[Problem]) -> None:
    declared = table.column_names
    seen: set[str] = set()
    for name in raw.header:
        if name in seen:
            problems.append(Problem(file_name, 1, name, name, "column appears twice in the header"))
        seen.add(name)
        if name not in declared:
            problems.append(Problem(file_name, 1, name, name, "column is not declared in datapackage.json"))
    for name in declared:
        if name not in seen:
            problems.append(Problem(file_name, 1, name, None, "declared column is missing from the header"))


def _declared_columns(table: Table, raw: _RawTable) -> pd.DataFrame:
    """The declared columns by name (first occurrence wins); a missing one is all empty."""
    positions = {name: i for i, name in reversed(list(enumerate(raw.header)))}
    empty = pd.Series([""] * len(raw.frame), dtype="str", index=raw.frame.index)
    return pd.DataFrame({
        name: raw.frame[str(positions[name])] if name in positions else empty for name in table.column_names
    })


def _report(mask: np.ndarray, strings: pd.Series, lines: np.ndarray, file_name: str, column: str,
            reason: str, problems: list[Problem]) -> None:
    for index in np.flatnonzero(mask):
        problems.append(Problem(file_name, int(lines[index]), column, strings.iat[index], reason))


def _search(strings: pd.Series, pattern: str) -> np.ndarray:
    """Which values contain a match of `pattern` — in Arrow's regex engine, not a Python loop."""
    return pc.match_substring_regex(pa.array(strings, type=pa.string()), pattern).to_numpy(zero_copy_only=False)


def _fullmatch(strings: pd.Series, pattern: str) -> np.ndarray:
    return _search(strings, f"^(?:{pattern.removeprefix('^').removesuffix('$')})$")


def _distinct(strings: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Where each row's value is among the distinct values, and those values in order of first appearance."""
    codes, distinct = pd.factorize(strings, use_na_sentinel=False)
    return codes, pd.Series(distinct, dtype=strings.dtype)


def _check_field(table_field: Field, strings: pd.Series, lines: np.ndarray, file_name: str,
                 problems: list[Problem]) -> pd.Series:
    """Check one column of raw strings; return it converted to the declared type.

    Uniqueness aside, a cell's problems and typed value follow from its text and from the set of texts in its
    column (pandas infers number types and date resolutions from that set), which the distinct texts share. A
    long table repeats few texts (at 100 times the bundled strikes, 370,100 rows hold about 2,000 distinct
    window ends), so each distinct text is checked and converted once and the outcome spread to its rows.
    Rows with the same list share one list object: the loaded tables are read only.
    """
    codes, distinct = _distinct(strings)
    findings: list[tuple[np.ndarray, str]] = []
    typed = _check_values(table_field, distinct, findings)
    for found, reason in findings:
        _report(found[codes], strings, lines, file_name, table_field.name, reason, problems)
    if table_field.constraints.get("unique"):
        repeated = (strings != "").to_numpy() & pd.Index(codes).duplicated(keep="first")
        _report(repeated, strings, lines, file_name, table_field.name, "duplicate value; it must be unique", problems)
    return pd.Series(typed.array.take(codes), index=strings.index)


def _check_values(table_field: Field, strings: pd.Series, findings: list[tuple[np.ndarray, str]]) -> pd.Series:
    """Check distinct raw strings of one column, adding (which of them, reason) to `findings` in the order a
    row's problems are listed; return them converted to the declared type."""
    empty = (strings == "").to_numpy()
    too_long = strings.str.len().to_numpy() > MAX_CELL_CHARS
    findings.append((too_long, f"value is longer than {MAX_CELL_CHARS} characters"))
    if table_field.required:
        findings.append((empty, "required value is missing"))
    if (strings != strings.str.strip()).any():
        padded = (strings != strings.str.strip()).to_numpy()
        findings.append((padded, "value has leading or trailing spaces"))

    kind = table_field.type
    if kind == "integer":
        valid = _fullmatch(strings, _INTEGER.pattern)
        findings.append((~empty & ~valid, "not a whole number"))
        numbers = pd.to_numeric(strings.where(valid & ~empty), errors="coerce")
        too_big = numbers.abs() > 2**53
        findings.append((too_big.fillna(False).to_numpy(dtype=bool), "number is implausibly large"))
        typed = numbers.where(~too_big).astype("Int64")
    elif kind == "number":
        numbers = pd.to_numeric(strings.where(~empty), errors="coerce")
        finite = np.isfinite(numbers.to_numpy(dtype=float))
        findings.append((~empty & ~finite, "not a finite number"))
        typed = numbers.where(finite).astype("Float64")
    elif kind == "date":
        shaped = _fullmatch(strings, _DATE.pattern)
        dates = pd.to_datetime(strings.where(shaped), format="%Y-%m-%d", errors="coerce")
        valid = dates.notna().to_numpy()
        findings.append((~empty & ~shaped, "not a date in YYYY-MM-DD form"))
        findings.append((~empty & shaped & ~valid, "no such calendar date"))
        typed = dates
    elif kind == "boolean":
        lowered = strings.str.lower()
        valid = lowered.isin(list(_BOOLEANS)).to_numpy()
        findings.append((~empty & ~valid, "not true or false"))
        typed = lowered.map(_BOOLEANS).astype("boolean")
    elif kind == "list":
        delimiter = re.escape(table_field.delimiter or ";")
        filled = ~empty
        blank_item = filled & _search(strings, f"(?:^|{delimiter})(?:{delimiter}|$)")
        findings.append((blank_item, f"list has an empty item (check the '{table_field.delimiter}' separators)"))
        padded = filled & _search(strings, f"(?:^|{delimiter})\\s|\\s(?:{delimiter}|$)")
        findings.append((padded & ~blank_item, "a list item has leading or trailing spaces"))
        separator = table_field.delimiter or ";"
        typed = pd.Series([value.split(separator) if value else [] for value in strings.tolist()],
                          index=strings.index, dtype=object)
    else:
        typed = strings.astype("string").where(~empty, pd.NA)

    _check_constraints(table_field, strings, typed, empty, findings)
    if table_field.enum is not None and kind == "string":
        typed = pd.Categorical(typed.where(typed.isin(table_field.enum)), categories=table_field.enum)
        typed = pd.Series(typed, index=strings.index)
    return typed


def _check_constraints(table_field: Field, strings: pd.Series, typed: pd.Series, empty: np.ndarray,
                       findings: list[tuple[np.ndarray, str]]) -> None:
    constraints = table_field.constraints
    if "enum" in constraints:
        allowed = set(constraints["enum"])
        outside = ~empty & ~strings.isin(allowed).to_numpy()
        findings.append((outside, f"not one of: {', '.join(constraints['enum'])}"))
    if "pattern" in constraints:
        pattern = constraints["pattern"]
        if table_field.is_list:
            item = pattern.removeprefix("^").removesuffix("$")
            separator = re.escape(table_field.delimiter or ";")
            matches = _fullmatch(strings, f"(?:{item})(?:{separator}(?:{item}))*")
            findings.append((~empty & ~matches, f"an item does not match the pattern {pattern}"))
        else:
            matches = _fullmatch(strings, pattern)
            findings.append((~empty & ~matches, f"does not match the pattern {pattern}"))
    numeric = table_field.type in ("integer", "number")
    if numeric and "minimum" in constraints:
        below = (typed < constraints["minimum"]).fillna(False).to_numpy(dtype=bool)
        findings.append((below, f"less than the minimum {constraints['minimum']}"))
    if numeric and "maximum" in constraints:
        above = (typed > constraints["maximum"]).fillna(False).to_numpy(dtype=bool)
        findings.append((above, f"greater than the maximum {constraints['maximum']}"))


def _joined(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Each row's values in `columns` joined by "|", to show a repeated key."""
    first, *rest = (frame[column].astype(str) for column in columns)
    return first.str.cat(rest, sep="|")


def _check_primary_key(table: Table, frame: pd.DataFrame, lines: np.ndarray, file_name: str,
                       problems: list[Problem]) -> None:
    key = list(table.primary_key)
    if len(key) == 1 and table.field_by_name[key[0]].constraints.get("unique"):
        return  # already reported by the field's unique constraint
    if key:
        repeated = frame.duplicated(subset=key, keep="first").to_numpy()
        joined = _joined(frame, key)
        _report(repeated, joined, lines, file_name, "+".join(key), "duplicate primary key", problems)


def _check_rules(table: Table, raw: pd.DataFrame, typed: pd.DataFrame, lines: np.ndarray, file_name: str,
                 sources: pd.DataFrame | None, problems: list[Problem]) -> None:
    for rule in table.rules:
        kind = rule["rule"]
        if kind == "less-or-equal":
            low, high = rule["fields"]
            broken = (typed[low] > typed[high]).fillna(False).to_numpy(dtype=bool)
            shown = raw[low] + " > " + raw[high]
            _report(broken, shown, lines, file_name, low, f"{low} must not exceed {high}", problems)
        elif kind == "window-order":
            start_field, end_field = rule["fields"]
            start = pd.to_datetime(raw[start_field], errors="coerce", format="ISO8601")
            end = pd.to_datetime(raw[end_field], errors="coerce", format="ISO8601")
            # A bare-date end means "some time that day": it only precedes a start on an earlier day.
            bare_end = (raw[end_field].str.len() == 10).to_numpy()
            latest_end = end + pd.to_timedelta(np.where(bare_end, 1, 0), unit="D")
            inverted = (latest_end < start).fillna(False).to_numpy(dtype=bool)
            codes, notes = _distinct(raw[rule["note"]])
            flagged = notes.str.split(";").map(lambda items: rule["flag"] in items).to_numpy(dtype=bool)[codes]
            shown = raw[start_field] + " > " + raw[end_field]
            _report(inverted & ~flagged, shown, lines, file_name, end_field,
                    f"{end_field} precedes {start_field}; flag the row with {rule['flag']!r} in {rule['note']}",
                    problems)
            _report(flagged & ~inverted, raw[rule["note"]], lines, file_name, rule["note"],
                    f"{rule['flag']!r} is set but {end_field} does not precede {start_field}", problems)
        elif kind == "required-with":
            missing = ((raw[rule["field"]] == "") & (raw[rule["with"]] != "")).to_numpy()
            _report(missing, raw[rule["field"]], lines, file_name, rule["field"],
                    f"required when {rule['with']} is given", problems)
        elif kind == "unique-together":
            columns = rule["fields"]
            repeated = raw.duplicated(subset=columns, keep="first").to_numpy()
            joined = _joined(raw, columns)
            _report(repeated, joined, lines, file_name, "+".join(columns), "duplicate record (same " + ", ".join(columns) + ")", problems)
        elif kind == "note-if-after-source":
            if sources is None:
                continue
            published = dict(zip(sources["id"].astype(str), sources["published"]))
            earliest = typed[rule["sources"]].map(
                lambda ids: min((published[i] for i in ids if i in published and pd.notna(published[i])), default=pd.NaT)
            )
            after = (typed[rule["field"]] > pd.to_datetime(earliest)).fillna(False).to_numpy(dtype=bool)
            no_note = (raw[rule["note"]] == "").to_numpy()
            _report(after & no_note, raw[rule["field"]], lines, file_name, rule["note"],
                    f"{rule['field']} is later than the earliest source's publication date; say why in {rule['note']}",
                    problems)
        else:
            raise ValueError(f"datapackage.json: unknown rule {kind!r} in table {table.name}")


def _check_foreign_keys(table: Table, raw: pd.DataFrame, typed: pd.DataFrame, lines: np.ndarray,
                        file_name: str, keys_by_table: dict[tuple[str, str], set[str]],
                        problems: list[Problem]) -> None:
    for fk in table.foreign_keys:
        known = keys_by_table.get((fk.resource, fk.reference_field))
        if known is None:
            continue  # the referenced table itself failed to load; its own problem says so
        if fk.is_list:
            lists = typed[fk.field].reset_index(drop=True)
            # Rows repeat a few lists: find the distinct lists (each at the first row holding it) with an
            # unknown item, then take apart only the rows holding one of those.
            codes, _ = _distinct(raw[fk.field])
            first_rows = np.unique(codes, return_index=True)[1]
            faulty_lists = codes[_unknown_items(lists.iloc[first_rows], known).index]
            for position, missing in _unknown_items(lists[np.isin(codes, faulty_lists)], known).items():
                problems.append(Problem(file_name, int(lines[position]), fk.field, missing,
                                        f"no {fk.resource}.{fk.reference_field} with this value"))
        else:
            values = raw[fk.field]
            dangling = ((values != "") & ~values.isin(known)).to_numpy()
            _report(dangling, values, lines, file_name, fk.field,
                    f"no {fk.resource}.{fk.reference_field} with this value", problems)


def _unknown_items(lists: pd.Series, known: set[str]) -> pd.Series:
    """The items of `lists` that are not in `known` (blank ones aside), each indexed like its list."""
    items = lists.explode().dropna()
    items = items[items != ""]
    return items[~items.isin(known)]


def _empty_typed(table: Table) -> pd.DataFrame:
    return pd.DataFrame({f.name: _check_field(f, pd.Series([], dtype="str"), np.array([], dtype=int), table.path, [])
                         for f in table.fields})


def load_data(data_dir: Path | str | None = None, contract: DataPackage | None = None) -> LoadedData:
    """Read, check and type every table of the package in `data_dir`."""
    contract = contract or load_contract(data_dir)
    directory = Path(data_dir) if data_dir else Path(__file__).resolve().parents[2] / "data"
    problems: list[Problem] = []
    raw_frames: dict[str, pd.DataFrame] = {}
    typed_frames: dict[str, pd.DataFrame] = {}
    line_numbers: dict[str, np.ndarray] = {}

    for table in contract.tables:
        file_name = table.path
        raw_table = _read_csv(directory / table.path, file_name, problems)
        if raw_table is None:
            typed_frames[table.name] = _empty_typed(table)
            continue
        _check_header(table, raw_table, file_name, problems)
        if len(raw_table.frame) < table.min_rows:
            problems.append(Problem(file_name, 2, None, None,
                                    f"table has {len(raw_table.frame)} rows; at least {table.min_rows} expected"))
        raw = _declared_columns(table, raw_table)
        lines = raw_table.lines
        typed = pd.DataFrame(
            {f.name: _check_field(f, raw[f.name], lines, file_name, problems) for f in table.fields},
            index=raw.index,
        )
        _check_primary_key(table, raw, lines, file_name, problems)
        raw_frames[table.name] = raw
        typed_frames[table.name] = typed
        line_numbers[table.name] = lines

    # Every field some foreign key points at, with the values it holds.
    keys_by_table = {
        (fk.resource, fk.reference_field): set(raw_frames[fk.resource][fk.reference_field])
        for table in contract.tables for fk in table.foreign_keys
        if fk.resource in raw_frames and fk.reference_field in raw_frames[fk.resource]
    }
    for table in contract.tables:
        if table.name not in raw_frames:
            continue
        raw, typed, lines = raw_frames[table.name], typed_frames[table.name], line_numbers[table.name]
        _check_foreign_keys(table, raw, typed, lines, table.path, keys_by_table, problems)
        _check_rules(table, raw, typed, lines, table.path, typed_frames.get("sources"), problems)

    problems.sort(key=lambda p: (p.file, p.line or 0, p.column or ""))
    return LoadedData(
        tables=typed_frames,
        problems=problems,
        row_counts={name: len(frame) for name, frame in typed_frames.items()},
    )
