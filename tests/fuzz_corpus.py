"""A corpus of corrupted data packages, generated from the contract: every corruption must make
`validate` fail with a located message and leave the app serving an error panel."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dashboard.data.contract import load_contract

Mutation = Callable[[Path], None]
ONE_MEGABYTE = "x" * 1_048_576


@dataclass(frozen=True)
class Corruption:
    name: str
    table: str
    mutate: Mutation


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
        text_field = next(f.name for f in table.fields if f.type == "string" and not f.enum and f.name != "id"
                          and "pattern" not in f.constraints)
        yield Corruption("missing column", table.name, _edit_text(file, lambda t, c=first: t.replace(c + ",", "", 1)))
        yield Corruption("extra column", table.name, _edit_text(
            file, lambda t: "\n".join(line + ",extra" for line in t.rstrip("\n").split("\n")) + "\n"))
        yield Corruption("renamed column", table.name, _edit_text(
            file, lambda t, c=text_field: t.replace(c, c + "_renamed", 1)))
        yield Corruption("duplicate key", table.name, _duplicate_first_row(file))
        yield Corruption("ragged row", table.name, _ragged_row(file))
        yield Corruption("empty file", table.name, _write_bytes(file, lambda b: b""))
        yield Corruption("header only", table.name, _write_bytes(file, lambda b: b.split(b"\n")[0] + b"\n"))
        yield Corruption("byte-order mark", table.name, _write_bytes(file, lambda b: b"\xef\xbb\xbf" + b))
        yield Corruption("CRLF line ends", table.name, _write_bytes(file, lambda b: b.replace(b"\n", b"\r\n")))
        yield Corruption("quoted newline", table.name, _set_cell(file, text_field, "first line\nsecond line"))
        yield Corruption("non-UTF-8 bytes", table.name, _write_bytes(file, lambda b: b.replace(b",", b",\xff\xfe", 3)))
        yield Corruption("1 MB cell", table.name, _set_cell(file, text_field, ONE_MEGABYTE))
        for field in table.fields:
            name = field.name
            if field.required:
                yield Corruption(f"{name} empty", table.name, _set_cell(file, name, ""))
            if field.enum:
                yield Corruption(f"{name} outside its values", table.name, _set_cell(file, name, "something-else"))
            if field.type in ("integer", "number"):
                bad = {"wrong type": "twelve", "NaN": "NaN", "inf": "inf", "huge": "1e400"}
                if field.type == "integer":
                    bad["huge"] = "99999999999999999999"
                if "minimum" in field.constraints:
                    bad["negative"] = str(field.constraints["minimum"] - 1)
                for label, value in bad.items():
                    yield Corruption(f"{name} {label}", table.name, _set_cell(file, name, value))
            if field.type == "date":
                yield Corruption(f"{name} impossible date", table.name, _set_cell(file, name, "2023-02-30"))
                yield Corruption(f"{name} bad date", table.name, _set_cell(file, name, "31/12/2023"))
            if field.type == "boolean":
                yield Corruption(f"{name} wrong type", table.name, _set_cell(file, name, "maybe"))
            if "pattern" in field.constraints:
                yield Corruption(f"{name} breaks its pattern", table.name, _set_cell(file, name, "javascript:alert(1)"))
        for fk in table.foreign_keys:
            yield Corruption(f"{fk.field} broken reference", table.name, _set_cell(file, fk.field, "no-such-record"))
