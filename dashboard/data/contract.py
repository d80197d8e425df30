"""The data contract: `data/datapackage.json`, read once and exposed as plain objects.

Everything that needs to know a table's columns, types, keys or rules asks this module, so the
schema is declared in exactly one place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE_FILE = "datapackage.json"
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    title: str
    description: str
    constraints: dict[str, Any]
    delimiter: str | None = None
    format: str = "default"

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def enum(self) -> list[str] | None:
        return self.constraints.get("enum")

    @property
    def is_list(self) -> bool:
        return self.type == "list"


@dataclass(frozen=True)
class ForeignKey:
    field: str
    resource: str
    reference_field: str
    is_list: bool


@dataclass(frozen=True)
class Evidence:
    """How a table's rows name their evidence: `source_field` lists ids (`key_field`) of rows in the
    `sources` table, whose `kind_field` says what kind of source each is."""

    source_field: str
    sources: str
    key_field: str
    kind_field: str


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    rules: tuple[dict[str, Any], ...]
    licenses: tuple[dict[str, str], ...]
    sources: tuple[dict[str, str], ...]
    needs: tuple[str, ...]
    attribution: str = ""
    date_field: str | None = None
    actor_fields: tuple[str, ...] = ()
    status_field: str | None = None
    supplier_field: str | None = None
    recipient_field: str | None = None
    source_kind_field: str | None = None
    evidence_kinds: tuple[str, ...] = ()
    evidence: Evidence | None = None
    min_rows: int = 0
    field_by_name: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    @property
    def column_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def licence_names(self) -> tuple[str, ...]:
        """Short licence names for a source line: "CC-BY-NC-SA-4.0" reads "CC BY-NC-SA 4.0"."""
        return tuple(_short_licence(licence["name"]) for licence in self.licenses)

    @property
    def credit(self) -> str:
        """Who to credit for this table, and under which licence(s), as a chart's source line says it."""
        return f"{self.attribution or self.title} ({', '.join(self.licence_names)})"


def _short_licence(name: str) -> str:
    creative_commons = re.fullmatch(r"CC-([A-Z-]+)-(\d\.\d)", name)
    if creative_commons:
        return f"CC {creative_commons[1]} {creative_commons[2]}"
    return name.replace("-", " ")


@dataclass(frozen=True)
class DataPackage:
    name: str
    title: str
    version: str
    tables: tuple[Table, ...]
    licenses: tuple[dict[str, str], ...]

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    @property
    def table_names(self) -> list[str]:
        return [t.name for t in self.tables]

    def needed_tables(self, names: Iterable[str]) -> set[str]:
        """`names` and every table they need (`x-needs`), however indirectly."""
        needed: set[str] = set()
        pending = list(names)
        while pending:
            name = pending.pop()
            if name not in needed:
                needed.add(name)
                pending.extend(self.table(name).needs)
        return needed

    def blocked_by(self, names: Iterable[str], failed: Iterable[str]) -> tuple[str, ...]:
        """The failed tables that a view drawing on `names` depends on: empty when the view can be drawn.

        The one rule for pages, export, map and timeline alike."""
        return tuple(sorted(self.needed_tables(names) & set(failed)))

    def table_of(self, columns: Iterable[str]) -> Table | None:
        """The table whose fields a frame's columns match best (a display frame keeps a subset of them)."""
        wanted = set(columns)
        best = max(self.tables, key=lambda table: len(wanted & set(table.field_by_name)), default=None)
        return best if best is not None and wanted & set(best.field_by_name) else None

    def fields_for(self, columns: Iterable[str]) -> dict[str, Field]:
        """The contract's field behind each column that has one: of the best-matching table first, then of
        any table declaring that name (a joined-in column such as a source's `url`)."""
        columns = list(columns)
        home = self.table_of(columns)
        found: dict[str, Field] = {}
        for column in columns:
            candidates = ([home] if home is not None else []) + list(self.tables)
            for table in candidates:
                if column in table.field_by_name:
                    found[column] = table.field_by_name[column]
                    break
        return found


def _as_tuple(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _parse_table(resource: dict[str, Any]) -> Table:
    schema = resource["schema"]
    fields = tuple(
        Field(
            name=f["name"],
            type=f["type"],
            title=f.get("title", f["name"]),
            description=f.get("description", ""),
            constraints=f.get("constraints", {}),
            delimiter=f.get("delimiter"),
            format=f.get("format", "default"),
        )
        for f in schema["fields"]
    )
    foreign_keys = [
        ForeignKey(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"], False)
        for fk in schema.get("foreignKeys", [])
    ] + [
        ForeignKey(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"], True)
        for fk in resource.get("x-list-foreign-keys", [])
    ]
    return Table(
        name=resource["name"],
        path=resource["path"],
        title=resource.get("title", resource["name"]),
        description=resource.get("description", ""),
        fields=fields,
        primary_key=_as_tuple(schema.get("primaryKey", [])),
        foreign_keys=tuple(foreign_keys),
        rules=tuple(resource.get("x-rules", [])),
        licenses=tuple(resource.get("licenses", [])),
        sources=tuple(resource.get("sources", [])),
        needs=tuple(resource.get("x-needs", [])),
        attribution=resource.get("x-attribution", ""),
        date_field=resource.get("x-date-field"),
        actor_fields=tuple(resource.get("x-actor-fields", [])),
        status_field=resource.get("x-status-field"),
        supplier_field=resource.get("x-supplier-field"),
        recipient_field=resource.get("x-recipient-field"),
        source_kind_field=resource.get("x-source-kind-field"),
        evidence_kinds=tuple(resource.get("x-evidence-kinds", [])),
        min_rows=int(resource.get("x-min-rows", 0)),
        field_by_name={f.name: f for f in fields},
    )


def _with_evidence(tables: tuple[Table, ...]) -> tuple[Table, ...]:
    """Link each table that cites a sources table (one declaring `x-source-kind-field`) to it."""
    kinds = {t.name: t.source_kind_field for t in tables if t.source_kind_field}
    linked = []
    for table in tables:
        cited = [fk for fk in table.foreign_keys if fk.is_list and fk.resource in kinds]
        if cited:
            fk = cited[0]
            table = replace(table, evidence=Evidence(fk.field, fk.resource, fk.reference_field, kinds[fk.resource]))
        linked.append(table)
    return tuple(linked)


@lru_cache(maxsize=8)
def _read_package(path: str, mtime_ns: int) -> DataPackage:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return DataPackage(
        name=raw["name"],
        title=raw.get("title", raw["name"]),
        version=raw.get("version", ""),
        tables=_with_evidence(tuple(_parse_table(r) for r in raw["resources"])),
        licenses=tuple(raw.get("licenses", [])),
    )


def contract_path(data_dir: Path | str | None = None) -> Path:
    """The datapackage.json that governs `data_dir`; the project's own when the folder has none.

    A copy of data/ made for checking may omit the descriptor: its tables are still held to the
    project's contract rather than to nothing.
    """
    directory = Path(data_dir) if data_dir else DEFAULT_DATA_DIR
    candidate = directory / PACKAGE_FILE
    return candidate if candidate.exists() else DEFAULT_DATA_DIR / PACKAGE_FILE


def load_contract(data_dir: Path | str | None = None) -> DataPackage:
    path = contract_path(data_dir)
    return _read_package(str(path), path.stat().st_mtime_ns)
