"""Command line: `python -m dashboard validate|import-strikes ...`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from dashboard.data.contract import DEFAULT_DATA_DIR, PACKAGE_FILE, contract_path, load_contract
from dashboard.data.validation import load_data


class UserError(Exception):
    """A problem with what the user asked for: reported in one line, never as a traceback.

    Exit status 2 is a request the command does not take (as argparse's own usage errors);
    1 is data the command cannot work on."""

    def __init__(self, message: str, status: int = 2):
        super().__init__(message)
        self.status = status


def _data_dir(value: str, *, reads_tables: bool = False, writes: bool = False) -> Path:
    """The --data-dir a command works on, refused in one line when it cannot be that folder."""
    directory = Path(value)
    if not directory.exists():
        raise UserError(f"{directory}: no such data folder", status=1)
    if not directory.is_dir():
        raise UserError(f"{directory}: is a file, not a folder; --data-dir takes the folder that holds "
                        "datapackage.json and the tables", status=1)
    if not os.access(directory, os.R_OK | os.X_OK):
        raise UserError(f"{directory}: the data folder cannot be read (permission denied)", status=1)
    if writes and not os.access(directory, os.W_OK):
        raise UserError(f"{directory}: the data folder cannot be written (permission denied)", status=1)
    if reads_tables and not (directory / PACKAGE_FILE).is_file():
        # A folder without its own descriptor is held to the project's contract, which an installed
        # package (the Docker image) does not carry: then only a descriptor makes it a data folder.
        bundled = contract_path(None).is_file()
        expected = [table.path for table in load_contract().tables] if bundled else []
        if not any((directory / name).is_file() for name in expected):
            raise UserError(f"{directory}: holds neither datapackage.json nor any of "
                            f"{', '.join(expected) or 'the tables'}; is it the data folder?", status=1)
    return directory


def _validate(args: argparse.Namespace) -> int:
    if args.data_dir and args.data_dir_positional and Path(args.data_dir) != Path(args.data_dir_positional):
        raise UserError(f"two data folders given ({args.data_dir_positional} and --data-dir {args.data_dir}); "
                        "give one")
    directory = _data_dir(args.data_dir or args.data_dir_positional or str(DEFAULT_DATA_DIR), reads_tables=True)
    try:
        contract = load_contract(directory)
    except (OSError, ValueError, KeyError) as error:
        raise UserError(f"{directory}/datapackage.json cannot be read: {error}", status=1) from error
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

    data_dir = _data_dir(args.data_dir, writes=True)
    try:
        summary = import_strikes(Path(args.upstream), data_dir, Path(args.models) if args.models else None,
                                 allow_removals=args.allow_removals, progress=print_progress)
    except UpstreamError as error:
        raise UserError(str(error)) from error
    summary.report(sys.stdout)
    return 0


def _import_lists(args: argparse.Namespace) -> int:
    from dashboard.importers.sanctions_lists import RULES, ListError, import_lists

    data_dir = _data_dir(args.data_dir, writes=True)
    try:
        summary = import_lists(Path(args.lists_dir), data_dir)
    except ListError as error:
        raise UserError(str(error)) from error
    read = ", ".join(f"{key} {count:,}" for key, count in summary.listings.items())
    print(f"Read official listings: {read}. Wrote {summary.written:,} listings of the entries sanctions.csv cites.")
    for rule, count in summary.candidates.items():
        print(f"  candidates, {rule}: {count:,} ({summary.cited_candidates[rule]:,} already cited) — {RULES[rule]}")
    if summary.missing_refs:
        print(f"  cited but on no list: {', '.join(summary.missing_refs)}")
    return 0


def _update_strikes(args: argparse.Namespace) -> int:
    from dashboard.importers.kaggle import DownloadError, update_strikes
    from dashboard.importers.strikes import UpstreamError

    data_dir = _data_dir(args.data_dir, writes=True)
    try:
        summary = update_strikes(data_dir, allow_removals=args.allow_removals)
    except (DownloadError, UpstreamError) as error:
        raise UserError(str(error)) from error
    summary.report(sys.stdout)
    return 0


# Each choice option of `export`, and the key its allowed values come under.
_CHOICE_OPTIONS = {"--actors": "actors", "--status": "status", "--from": "supplier_options",
                   "--to": "recipient_options", "--evidence": "evidence_options"}
_DIRECTION_OPTIONS = ("supplier_options", "recipient_options", "evidence_options")


def _export(args: argparse.Namespace) -> int:
    from datetime import date

    from dashboard.charts import CATALOG, PER_ITEM, Inputs
    from dashboard.export import FORMATS, ExportError, export_charts
    from dashboard.transforms.filters import actor_options, direction_options, parse_query, status_options

    formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown or not formats:
        raise UserError(f"--format takes a comma-separated list of {', '.join(FORMATS)} (got {args.format!r})")
    exportable = [slug for slug in CATALOG if slug not in PER_ITEM]
    charts = tuple(c.strip() for c in args.charts.split(",")) if args.charts else None
    if charts and set(charts) - set(exportable):
        raise UserError(f"unknown chart(s) {', '.join(sorted(set(charts) - set(exportable)))}; "
                        f"choose from {', '.join(exportable)}")
    for name in ("start", "end"):
        value = getattr(args, name)
        try:
            date.fromisoformat(value) if value else None
        except ValueError as error:
            raise UserError(f"--{name} must be a date in YYYY-MM-DD form ({error})") from error
    data_dir = _data_dir(args.data_dir, reads_tables=True)
    loaded = load_data(data_dir)
    for problem in loaded.problems:
        print(f"warning: {problem}", file=sys.stderr)
    package = load_contract(data_dir)
    options = {"actors": actor_options(loaded, package), "status": status_options(package),
               **direction_options(loaded, package)}
    given = {"--actors": args.actors, "--status": args.status, "--from": args.suppliers, "--to": args.recipients,
             "--evidence": args.evidence}
    for option, value in given.items():
        allowed = options[_CHOICE_OPTIONS[option]]
        known = {choice.casefold() for choice in allowed}
        unknown = [item for item in (part.strip() for part in (value or "").split(",")) if item
                   and item.casefold() not in known]
        if unknown:
            raise UserError(f"unknown {option} value(s) {', '.join(map(repr, unknown))}; "
                            f"choose from {', '.join(allowed)}")
    # The same parser as a shared link, so the command and the app accept and refuse the same values.
    query = {"start": args.start, "end": args.end, "actors": args.actors, "status": args.status,
             "from": args.suppliers, "to": args.recipients, "evidence": args.evidence}
    filters, notes = parse_query({name: value for name, value in query.items() if value}, options["actors"],
                                 options["status"], **{name: options[name] for name in _DIRECTION_OPTIONS})
    if notes:
        raise UserError(" ".join(notes))
    inputs = Inputs(loaded, package, filters, period=args.period, basis=args.dated)
    try:
        written = export_charts(inputs, Path(args.out), formats, charts)
    except ExportError as error:
        raise UserError(str(error)) from error
    print(f"Wrote {len(written)} image(s) and index.md to {args.out}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from dashboard.serve import ServeError, serve

    data_dir = _data_dir(args.data_dir, reads_tables=True)
    try:
        return serve(args.port, args.replicas, data_dir.resolve(), listen=args.listen)
    except ServeError as error:
        raise UserError(str(error), status=1) from error


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Iran–Russia arms dashboard tools")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every table against data/datapackage.json")
    validate.add_argument("data_dir_positional", nargs="?", metavar="DATA_DIR",
                          help="the same as --data-dir, kept for older scripts")
    validate.add_argument("--data-dir", help="data folder to check (default: the bundled data/)")
    validate.add_argument("--json", action="store_true", help="machine-readable output")
    validate.set_defaults(handler=_validate)
    strikes = commands.add_parser("import-strikes", help="import a release of the Ukrainian Air Force dataset")
    strikes.add_argument("upstream", help="missile_attacks_daily.csv of any release")
    strikes.add_argument("--models", help="missiles_and_uavs.csv of the same release (countries of design)")
    strikes.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help="data folder to update (default: data/)")
    strikes.add_argument("--allow-removals", action="store_true",
                         help="delete rows gone upstream instead of keeping them flagged 'removed'")
    strikes.set_defaults(handler=_import_strikes)
    lists = commands.add_parser("import-lists", help="derive official_listings.csv and the candidates review file "
                                                     "from the OFAC, UK and DFAT sanctions lists")
    lists.add_argument("lists_dir", nargs="?", default="../shared/data/upstream/sanctions-lists",
                       help="folder with ofac-sdn/, uk-sanctions-list/ and dfat-consolidated/")
    lists.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help="data folder to update (default: data/)")
    lists.set_defaults(handler=_import_lists)
    update = commands.add_parser("update-strikes", help="download the newest release from Kaggle (needs the update "
                                                        "extra) and import it")
    update.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help="data folder to update (default: data/)")
    update.add_argument("--allow-removals", action="store_true",
                        help="delete rows gone upstream instead of keeping them flagged 'removed'")
    update.set_defaults(handler=_update_strikes)
    export = commands.add_parser("export", help="write the headline charts as PNG/SVG (with their CSVs) and an index")
    export.add_argument("--out", required=True, help="folder to write into")
    export.add_argument("--format", default="png,svg", help="comma-separated: png,svg (default both)")
    export.add_argument("--charts", help="comma-separated chart slugs (default: all)")
    export.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help="data folder to draw (default: data/)")
    export.add_argument("--start", help="first date, YYYY-MM-DD")
    export.add_argument("--end", help="last date, YYYY-MM-DD")
    export.add_argument("--actors", help="comma-separated actors, e.g. Iran,Russia")
    export.add_argument("--status", help="comma-separated claim statuses, e.g. delivered,agreed")
    export.add_argument("--from", dest="suppliers", help="comma-separated suppliers of transfers, e.g. Iran")
    export.add_argument("--to", dest="recipients", help="comma-separated recipients of transfers, e.g. Russia")
    export.add_argument("--evidence", help="comma-separated kinds of source, e.g. official,media")
    export.add_argument("--period", choices=["night", "week", "month"], default="month", help="strikes grouping")
    export.add_argument("--dated", choices=["night", "report"], default="night",
                        help="date strikes by the night of attack (default) or by the morning report's date, "
                             "as the Air Force and AFP total months")
    export.set_defaults(handler=_export)
    serve = commands.add_parser("serve", help="run several Streamlit servers behind nginx (sticky sessions, gzip, "
                                              "security headers); Ctrl-C stops them all")
    serve.add_argument("--port", type=int, default=8080, help="the port nginx listens on (default 8080)")
    serve.add_argument("--replicas", type=int, default=os.cpu_count() or 1,
                       help="Streamlit servers behind it (default: the number of cores)")
    serve.add_argument("--listen", default="0.0.0.0", help="the address nginx listens on (default all)")
    serve.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help="data folder to serve (default: data/)")
    serve.set_defaults(handler=_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.status
    except KeyboardInterrupt:
        return 130
