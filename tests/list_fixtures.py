"""Small official-list fixtures cut from the real lists in ../shared/data/upstream/sanctions-lists/.

The rows are copied verbatim from the public lists (OFAC SDN: US government work, public domain;
UK Sanctions List: Crown copyright, OGL v3.0, in a third party's normalisation; DFAT Consolidated
List: Commonwealth of Australia, CC BY 4.0); only the number of rows and the history are cut down.
The OFAC history is rebuilt as a three-version git bundle, as the real one is.
"""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path

QAI_2021 = ('16418,"QODS AVIATION INDUSTRIES",-0- ,"NPWMD] [IFSR",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
            '"Additional Sanctions Information - Subject to Secondary Sanctions."')
QAI_2024 = ('16418,"QODS AVIATION INDUSTRIES",-0- ,"NPWMD] [IFSR] [IRAN-CON-ARMS-EO] [RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,'
            '-0- ,-0- ,-0- ,"Additional Sanctions Information - Subject to Secondary Sanctions; National ID No. '
            '14005441856 (Iran); Registration Number 483250 (Iran); Linked To: MINISTRY OF DEFENSE AND ARMED FORCES '
            'LOGISTICS."')
BAHARESTAN = ('39036,"BAHARESTAN KISH COMPANY",-0- ,"NPWMD] [IFSR",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Additional '
              'Sanctions Information - Subject to Secondary Sanctions; National ID No. 10861531217 (Iran); Tax ID No. '
              '411146547979 (Iran); Registration Number 1480 (Iran); Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS."')
ZEN = ('48721,"ZEN SHIPPING & PORT INDIA PRIVATE LIMITED",-0- ,"SDGT] [IFSR",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
       '"Website www.zenships.com; Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by '
       'Executive Order 13886; Organization Established Date 05 Apr 2011; Business Registration Number 215807 '
       '(India); Linked To: SAHARA THUNDER."')
# (commit date, sdn.csv lines): QAI already listed; Baharestan Kish appears; QAI gains two tags and Zen appears.
OFAC_VERSIONS = (
    ("2021-08-18T09:39:01+00:00", [QAI_2021]),
    ("2022-09-08T19:43:00+00:00", [QAI_2021, BAHARESTAN]),
    ("2024-04-25T18:43:00+00:00", [QAI_2024, BAHARESTAN, ZEN]),
)

UK_TABLES = {
    "subjects.csv": [
        ["unique_id", "subject_type", "un_reference_number", "ofsi_group_id", "date_designated", "last_updated"],
        ["IRN0241", "entity", "", "16693", "18/11/2024", "09/04/2025"],
        ["RUS1652", "individual", "", "15604", "20/10/2022", "09/04/2025"],
        ["RUS1655", "entity", "", "15607", "20/10/2022", "09/04/2025"],
    ],
    "subject_names.csv": [
        ["name_id", "unique_id", "name_type", "alias_strength", "full_name", "name_6", "name_1", "name_2", "name_3",
         "name_4", "name_5"],
        ["07150", "IRN0241", "primary", "", "The Islamic Republic of Iran Shipping Lines (IRISL)",
         "The Islamic Republic of Iran Shipping Lines (IRISL)", "", "", "", "", ""],
        ["10130", "RUS1652", "primary", "", "Mohammad BAGHERI", "BAGHERI", "Mohammad", "", "", "", ""],
        ["10136", "RUS1655", "primary", "", "Shahed Aviation Industries", "Shahed Aviation Industries", "", "", "", "",
         ""],
    ],
    "subject_countries.csv": [
        ["id", "unique_id", "raw_value", "country_type", "iso", "resolution_method", "iso_available"],
        ["45876", "RUS1652", "Iran", "nationality", "IR", "synonym", "True"],
        ["41066", "IRN0241", "Iran", "address", "IR", "synonym", "True"],
    ],
}

AU_HEADER = ["Reference", "Name of Individual or Entity", "Type", "Name Type", "Date of Birth", "Place of Birth",
             "Citizenship", "Address", "Additional Information", "Listing Information", "Committees", "Control Date"]
AU_ROWS = [
    [7303, "Mohammad Hossein BAGHERI  ", "Individual", "Primary Name", "June 1960", None, "Iranian ", None,
     "Major-General, Chief of Staff of Iran's Armed Forces",
     "Autonomous Sanctions (Designated Persons and Entities and Declared Persons—Russia and Ukraine) Amendment "
     "(No. 22) Instrument 2022", "Autonomous (Ukraine)", "2022-12-10"],
    [7306, "Shahed Aviation Industries", "Entity", "Primary Name", None, None, None,
     "Shahid Lavi Street, Sajad Street, Isfahan, Iran",
     "Responsible for the design and development of the Shahed series of Iranian Unmanned Aerial Vehicles (UAVs) "
     "which were supplied to Russia and used by Russia in its war against Ukraine.",
     "Autonomous Sanctions (Designated Persons and Entities and Declared Persons—Russia and Ukraine) Amendment "
     "(No. 22) Instrument 2022", "Autonomous (Ukraine)", "2022-12-10"],
    ["7306a", "Shahed Aviation Industries Research Centre", "Entity", "Aka", None, None, None,
     "Shahid Lavi Street, Sajad Street, Isfahan, Iran", None,
     "Autonomous Sanctions (Designated Persons and Entities and Declared Persons—Russia and Ukraine) Amendment "
     "(No. 22) Instrument 2022", "Autonomous (Ukraine)", "2022-12-10"],
    [2, "MOHAMMAD HASSAN AKHUND", "Individual", "Primary Name", None, None, "Afghanistan", "NA", None,
     "Listed by UN 1267 Committee on 25 January 2001 (amended on 20 December 2005, 9 July 2007 and 21 Sep 2007, "
     "29 Nov. 2011)", "1988 (Taliban)", "2014-12-15"],
]


def _git(repository: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "fixture", "GIT_AUTHOR_EMAIL": "fixture@example.org",
           "GIT_COMMITTER_NAME": "fixture", "GIT_COMMITTER_EMAIL": "fixture@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(repository), *args], check=True, capture_output=True, env=env)


def write_ofac_bundle(folder: Path, versions=OFAC_VERSIONS) -> Path:
    repository = folder / "sdn-scraper"
    repository.mkdir(parents=True)
    _git(repository, "init", "--quiet", "--initial-branch=main")
    for date, lines in versions:
        (repository / "sdn.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        _git(repository, "add", "sdn.csv")
        _git(repository, "commit", "--quiet", "-m", f"Latest sdn data: {date}", date=date)
    bundle = folder / "ofac-sdn" / "sdn-history.bundle"
    bundle.parent.mkdir(parents=True)
    _git(repository, "bundle", "create", str(bundle), "--all")
    return bundle


def write_uk_tables(folder: Path, tables=UK_TABLES) -> Path:
    target = folder / "uk-sanctions-list"
    target.mkdir(parents=True)
    for name, rows in tables.items():
        with (target / name).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    return target


def write_dfat_workbook(folder: Path, header=AU_HEADER, rows=AU_ROWS) -> Path:
    import datetime

    import openpyxl

    target = folder / "dfat-consolidated" / "regulation8_consolidated.xlsx"
    target.parent.mkdir(parents=True)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([datetime.datetime.fromisoformat(cell) if index == 11 and cell else cell
                      for index, cell in enumerate(row)])
    workbook.save(target)
    return target


def write_lists(folder: Path) -> Path:
    write_ofac_bundle(folder)
    write_uk_tables(folder)
    write_dfat_workbook(folder)
    return folder
