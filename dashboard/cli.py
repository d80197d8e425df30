"""Command line: `python -m dashboard validate|import-strikes ...`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dashboard.data.contract import DEFAULT_DATA_DIR, load_contract
from dashboard.data.validation import load_data


class UserError(Exception):
    """A problem with what the user asked for: reported in one line, never as a traceback."""


def _validate(args: argparse.Namespace) -> int:
    directory = Path(args.data_dir)
    if not directory.is_dir():
        raise UserError(f"{directory}: no such data folder")
    try:
        contract = load_contract(directory)
    except (OSError, ValueError, KeyError) as error:
        raise UserError(f"{directory}/datapackage.json cannot be read: {error}") from error
    loaded = load_data(directory, contract)
    rows = sum(loaded.row_counts.values())
    if args.json:
        print(json.dumps({
            "valid": not loaded.problems,
            "rows": loaded.row_counts,
            "problems": [p.as_dict() for p in loaded.problems],
        }, indent=2, ensure_ascii=False))
    else:
        for problem in loaded.problems:
            print(problem)
        if loaded.problems:
            print(f"{len(loaded.problems)} problem(s) in {len(loaded.failed_tables)} table(s)", file=sys.stderr)
        else:
            tables = ", ".join(f"{name} {count}" for name, count in loaded.row_counts.items())
            print(f"OK: {len(loaded.row_counts)} tables, {rows} rows valid ({tables})")
    return 1 if loaded.problems else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Iran–Russia arms dashboard tools")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every table against data/datapackage.json")
    validate.add_argument("data_dir", nargs="?", default=str(DEFAULT_DATA_DIR), help="data folder (default: the bundled data/)")
    validate.add_argument("--json", action="store_true", help="machine-readable output")
    validate.set_defaults(handler=_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
