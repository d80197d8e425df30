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


def _import_strikes(args: argparse.Namespace) -> int:
    from dashboard.importers.strikes import UpstreamError, import_strikes, print_progress

    data_dir = Path(args.data_dir)
    if not data_dir.is_dir():
        raise UserError(f"{data_dir}: no such data folder")
    try:
        summary = import_strikes(Path(args.upstream), data_dir, Path(args.models) if args.models else None,
                                 allow_removals=args.allow_removals, progress=print_progress)
    except UpstreamError as error:
        raise UserError(str(error)) from error
    summary.report(sys.stdout)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Iran–Russia arms dashboard tools")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every table against data/datapackage.json")
    validate.add_argument("data_dir", nargs="?", default=str(DEFAULT_DATA_DIR), help="data folder (default: the bundled data/)")
    validate.add_argument("--json", action="store_true", help="machine-readable output")
    validate.set_defaults(handler=_validate)
    strikes = commands.add_parser("import-strikes", help="import a release of the Ukrainian Air Force dataset")
    strikes.add_argument("upstream", help="missile_attacks_daily.csv of any release")
    strikes.add_argument("--models", help="missiles_and_uavs.csv of the same release (countries of design)")
    strikes.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help="data folder to update (default: data/)")
    strikes.add_argument("--allow-removals", action="store_true",
                         help="delete rows gone upstream instead of keeping them flagged 'removed'")
    strikes.set_defaults(handler=_import_strikes)
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
