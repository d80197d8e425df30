"""CSV as the standard (RFC 4180) and spreadsheets write it: CR LF or LF line ends, quoted line
breaks, a UTF-8 byte-order mark. Each legal way of saving a table validates and reads exactly as
the plain file does; what stays an error (ragged rows, bad bytes, empty files) is located."""

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.data.contract import DEFAULT_DATA_DIR, load_contract
from dashboard.data.validation import load_data
from fixtures import save_like_a_spreadsheet, write_package
from fuzz_corpus import free_text_field

TABLES = [table.name for table in load_contract().tables]
# Two lines, Russian then Persian: the kind of description a researcher pastes from a source.
MULTILINE = "Поставка дронов «Герань-2» подтверждена\nتحویل پهپادهای شاهد تأیید شد"


def _rewrite(path: Path, *, line_end: str = "\n", bom: bool = False, line_break_in: str | None = None) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    if line_break_in:
        records[1][records[0].index(line_break_in)] = MULTILINE.replace("\n", line_end)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=line_end).writerows(records)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))


VARIANTS = {
    "CR LF line ends": lambda path, text_field: _rewrite(path, line_end="\r\n"),
    "CR line ends": lambda path, text_field: _rewrite(path, line_end="\r"),
    "byte-order mark": lambda path, text_field: _rewrite(path, bom=True),
    "quoted line break, Russian and Persian": lambda path, text_field: _rewrite(path, line_break_in=text_field),
    "spreadsheet save": lambda path, text_field: save_like_a_spreadsheet(path, (0, text_field, MULTILINE)),
}
WITH_LINE_BREAK = {"quoted line break, Russian and Persian", "spreadsheet save"}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    directory = write_package(tmp_path_factory.mktemp("plain") / "data")
    return directory, load_data(directory)


# The edit loop saves each table as a spreadsheet does (BOM, CR LF and a line break at once); `make test`
# also tries each of those on its own.
@pytest.mark.parametrize("variant", [pytest.param(name, marks=() if name == "spreadsheet save" else pytest.mark.slow)
                                     for name in VARIANTS])
@pytest.mark.parametrize("table_name", TABLES)
def test_a_legally_saved_table_validates_and_reads_as_the_plain_file(pristine, tmp_path, table_name, variant):
    plain_dir, plain = pristine
    directory = tmp_path / "data"
    shutil.copytree(plain_dir, directory)
    table = load_contract().table(table_name)
    text_field = free_text_field(table)
    VARIANTS[variant](directory / table.path, text_field)

    loaded = load_data(directory)
    assert loaded.problems == []
    read = loaded.tables[table_name]
    expected = plain.tables[table_name].copy()
    # A line break reads as LF whatever the file's line ends; other variants leave the cell as it was.
    cell = MULTILINE if variant in WITH_LINE_BREAK else expected.at[0, text_field]
    expected.at[0, text_field] = cell
    assert read.at[0, text_field] == cell
    pd.testing.assert_frame_equal(read, expected)


def test_validate_accepts_a_package_saved_by_a_spreadsheet(pristine, tmp_path, capsys):
    directory = tmp_path / "data"
    shutil.copytree(pristine[0], directory)
    for table in load_contract().tables:
        save_like_a_spreadsheet(directory / table.path, (0, free_text_field(table), MULTILINE))
    assert main(["validate", "--data-dir", str(directory)]) == 0
    assert capsys.readouterr().out.startswith(f"OK: {len(TABLES)} tables")


def test_line_numbers_count_the_lines_of_a_multi_line_value_in_a_cr_lf_file(pristine, tmp_path):
    directory = tmp_path / "data"
    shutil.copytree(pristine[0], directory)
    path = directory / "transfers.csv"
    save_like_a_spreadsheet(path, (0, "description", MULTILINE))
    with path.open("ab") as handle:
        handle.write(b'"one","two"\r\n')
    problems = [str(p) for p in load_data(directory).problems if p.file == "transfers.csv"]
    rows = len(pristine[1].tables["transfers"])
    # the header, the rows, and one extra line for the value's line break: the ragged row comes after
    ragged_line = rows + 3
    assert problems[0] == (f"transfers.csv:{ragged_line}: -: row has 2 fields; the header has "
                           f"{len(load_contract().table('transfers').fields)}")
    assert all(p.startswith(f"transfers.csv:{ragged_line}: ") for p in problems), "only the ragged row is wrong"


@pytest.mark.parametrize(("content", "location", "reason"), [
    (b"", "sources.csv:1: -: ", "file is empty"),
    (b"\xef\xbb\xbf", "sources.csv:1: -: ", "file is empty"),
    (b"\xef\xbb\xbfid,publisher\r\nx,\xff\r\n", "sources.csv:2: -: ", "not valid UTF-8"),
    (b'id,publisher\r\n"x,unterminated\r\n', "sources.csv:2: -: ", "CSV syntax error"),
])
def test_what_stays_illegal_is_located(tmp_path, content, location, reason):
    directory = write_package(tmp_path / "data")
    (directory / "sources.csv").write_bytes(content)
    problems = [str(p) for p in load_data(directory).problems if p.file == "sources.csv"]
    assert any(p.startswith(location) and reason in p for p in problems), problems


@pytest.mark.slow
def test_the_bundled_tables_saved_by_a_spreadsheet_validate_unchanged(tmp_path):
    directory = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, directory)
    for table in load_contract().tables:
        save_like_a_spreadsheet(directory / table.path, (0, "description", MULTILINE)
                                if table.name == "transfers" else None)
    saved, bundled = load_data(directory), load_data()
    assert saved.problems == []
    for name, frame in bundled.tables.items():
        expected = frame.copy()
        if name == "transfers":
            expected.at[0, "description"] = MULTILINE
        pd.testing.assert_frame_equal(saved.tables[name], expected, obj=name)
