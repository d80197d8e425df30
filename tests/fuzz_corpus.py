"""A corpus of corrupted data packages, generated from the contract: every corruption must make
`validate` fail with a message at the line and column it names, and leave the app serving an
error panel. Legal ways of saving a CSV (CR LF, a BOM, quoted line breaks) are not here: they are
in `legal_variants` and must validate."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dashboard.data.contract import Table, load_contract
from fixtures import fixture_rows

Mutation = Callable[[Path], None]
ONE_MEGABYTE = "x" * 1_048_576
HEADER, FIRST_ROW = 1, 2
WHOLE_ROW = "-"


@dataclass(frozen=True)
class Corruption:
    name: str
    table: str
    mutate: Mutation
    line: int  # where validate must point: the CSV line, and the column ("-" for the whole row or file)
    column: str

    @property
    def location(self) -> str:
        return f"{self.table}.csv:{self.line}: {self.column}: "


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    return records[0], records[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _set_cell(file: str, column: str, value: str) -> Mutation:
    def mutate(directory: Path) -> None:
        header, rows = _rows(directory / file)
        rows[0][header.index(column)] = value
        _write(directory / file, header, rows)
    return mutate


def _edit_text(file: str, edit: Callable[[str], str]) -> Mutation:
    def mutate(directory: Path) -> None:
        path = directory / file
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return mutate


def _write_bytes(file: str, content: Callable[[bytes], bytes]) -> Mutation:
    def mutate(directory: Path) -> None:
        path = directory / file
        path.write_bytes(content(path.read_bytes()))
    return mutate


def _duplicate_first_row(file: str) -> Mutation:
    def mutate(directory: Path) -> None:
        header, rows = _rows(directory / file)
        _write(directory / file, header, rows + [list(rows[0])])
    return mutate


def _ragged_row(file: str) -> Mutation:
    def mutate(directory: Path) -> None:
        header, rows = _rows(directory / file)
        _write(directory / file, header, [rows[0] + ["surplus"]] + rows[1:])
    return mutate


def corruptions() -> Iterator[Corruption]:
    package = load_contract()
    for table in package.tables:
        file = table.path
        first = table.fields[0].name
        text_field = free_text_field(table)
        rows = len(fixture_rows(table.name))

        def case(name: str, mutate: Mutation, line: int = FIRST_ROW, column: str = WHOLE_ROW) -> Corruption:
            return Corruption(name, table.name, mutate, line, column)

        yield case("missing column", _edit_text(file, lambda t, c=first: t.replace(c + ",", "", 1)), HEADER, first)
        yield case("extra column", _edit_text(
            file, lambda t: "\n".join(line + ",extra" for line in t.rstrip("\n").split("\n")) + "\n"), HEADER, "extra")
        yield case("renamed column", _edit_text(file, lambda t, c=text_field: t.replace(c, c + "_renamed", 1)),
                   HEADER, text_field)
        yield case("duplicate key", _duplicate_first_row(file), FIRST_ROW + rows, "+".join(table.primary_key))
        yield case("ragged row", _ragged_row(file))
        yield case("empty file", _write_bytes(file, lambda b: b""), HEADER)
        yield case("header only", _write_bytes(file, lambda b: b.split(b"\n")[0] + b"\n"))
        yield case("non-UTF-8 bytes", _write_bytes(file, lambda b: b.replace(b",", b",\xff\xfe", 3)), HEADER)
        yield case("1 MB cell", _set_cell(file, text_field, ONE_MEGABYTE), column=text_field)
        for field in table.fields:
            name = field.name
            if field.required:
                yield case(f"{name} empty", _set_cell(file, name, ""), column=name)
            if field.enum:
                yield case(f"{name} outside its values", _set_cell(file, name, "something-else"), column=name)
            if field.type in ("integer", "number"):
                bad = {"wrong type": "twelve", "NaN": "NaN", "inf": "inf", "huge": "1e400"}
                if field.type == "integer":
                    bad["huge"] = "99999999999999999999"
                if "minimum" in field.constraints:
                    bad["negative"] = str(field.constraints["minimum"] - 1)
                for label, value in bad.items():
                    yield case(f"{name} {label}", _set_cell(file, name, value), column=name)
            if field.type == "date":
                yield case(f"{name} impossible date", _set_cell(file, name, "2023-02-30"), column=name)
                yield case(f"{name} bad date", _set_cell(file, name, "31/12/2023"), column=name)
            if field.type == "boolean":
                yield case(f"{name} wrong type", _set_cell(file, name, "maybe"), column=name)
            if "pattern" in field.constraints:
                yield case(f"{name} breaks its pattern", _set_cell(file, name, "javascript:alert(1)"), column=name)
        for fk in table.foreign_keys:
            yield case(f"{fk.field} broken reference", _set_cell(file, fk.field, "no-such-record"), column=fk.field)


def free_text_field(table: Table) -> str:
    """The first column a person writes prose into: no allowed values, no pattern, not a key."""
    return next(f.name for f in table.fields if f.type == "string" and not f.enum and f.name != "id"
                and "pattern" not in f.constraints)
