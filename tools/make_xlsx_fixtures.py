#!/usr/bin/env python3
"""Write the spreadsheet fixtures of tests/import.rs from the CSV fixtures.

    pip install openpyxl==3.1.5
    python3 tools/make_xlsx_fixtures.py

Each .xlsx in tests/fixtures/import/xlsx/ holds the same table as a CSV
fixture, laid out as NHS England's spreadsheets are: title rows and a blank
row above the header where the publication has them, a notes sheet before
the data, period columns as date cells (or, in one file, a bare Excel
serial number: a date cell that lost its format), numbers as number cells,
'*' and '.' suppression marks as text, blank cells empty. tests/import.rs
checks that each gives exactly the extract its CSV gives.

Why openpyxl (Python) rather than rust_xlsxwriter as a dev-dependency: the
fixtures are committed, so the writer is needed only to regenerate them, not
on every `cargo test`; and a writer from outside the Rust ecosystem is an
independent check on the reader. The output is byte-for-byte repeatable
(fixed document dates and zip timestamps): running this again changes
nothing unless this script or a CSV fixture changed.
"""

import csv
import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

try:
    import openpyxl
except ImportError:
    sys.exit("needs openpyxl: pip install openpyxl==3.1.5")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"
OUT = FIXTURES / "xlsx"
FIXED = dt.datetime(2025, 1, 1)

NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")


def parse_date(text):
    """A CSV date (2024-03-31 or 31/03/2024) as a date, or None."""
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            pass
    return None


def excel_serial(day):
    """An Excel (1900 system) serial number of a date."""
    return (day - dt.date(1899, 12, 30)).days


def cell_value(text, how):
    """A CSV field as a cell value: blank, a number, a date, or text."""
    if text.strip() == "":
        return None
    if how in ("date", "serial"):
        day = parse_date(text)
        if day is not None:
            return day if how == "date" else excel_serial(day)
    if NUMBER.match(text):
        return int(text) if "." not in text else float(text)
    return text


def add_table(ws, csv_name, title=(), dates=None, noise=None):
    """Writes a CSV fixture into a sheet: title rows, a blank row, the table.

    dates: {column: "date" | "serial"}: period columns as date cells, or as
    bare serial numbers. noise: {(line, column): value}: a number as a
    formula's cached value can hold it, with binary noise past Excel's 15
    significant digits (the reader must give the value Excel shows).
    """
    dates = dates or {}
    noise = noise or {}
    with open(FIXTURES / csv_name, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    for line in title:
        ws.append([line])
    if title:
        ws.append([])
    header = rows[0]
    ws.append(header)
    for line_number, row in enumerate(rows[1:], start=2):
        values = []
        for column, text in zip(header, row):
            value = cell_value(text, dates.get(column))
            value = noise.get((line_number, column), value)
            values.append(value)
        ws.append(values)
        for cell, column in zip(ws[ws.max_row], header):
            if dates.get(column) == "date" and isinstance(cell.value, (dt.date, dt.datetime)):
                cell.number_format = "dd/mm/yyyy"


def notes_sheet(ws, lines):
    for line in lines:
        ws.append([line])


def workbook(path, sheets):
    """sheets: [(sheet name, function filling it)]."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, fill in sheets:
        fill(wb.create_sheet(name))
    wb.properties.creator = "tools/make_xlsx_fixtures.py"
    wb.properties.created = FIXED
    buffer = io.BytesIO()
    wb.save(buffer)
    write_repeatably(buffer.getvalue(), OUT / path)


def write_repeatably(data, path):
    """Rewrites the zip with fixed timestamps and document dates."""
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    body,
                )
            info = zipfile.ZipInfo(item.filename, date_time=FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, body)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    print(f"wrote {path.relative_to(ROOT)}")


def ae_title(month):
    return (
        f"A&E Attendances and Emergency Admissions: {month}",
        "Provider level data",
        "Source: NHS England (test fixture: the rows of the CSV of the same name)",
    )


def main():
    workbook("Monthly-AE-June-2024.xlsx", [
        ("Provider Level Data", lambda ws: add_table(
            ws, "ae/Monthly-AE-June-2024.csv", title=ae_title("June 2024"))),
    ])
    # Period as a date cell (01/07/2024) instead of "MSitAE-JULY-2024".
    workbook("Monthly-AE-July-2024-revised.xlsx", [
        ("Provider Level Data", lambda ws: add_table(
            ws, "ae/Monthly-AE-July-2024-revised.csv", title=ae_title("July 2024 (revised)"),
            dates={"Period": "date"})),
    ])
    # AmbSYS: a plain table, header on row 1; '.' marks stay text.
    workbook("ambsys_RX9_2017-08_to_2021-01.xlsx", [
        ("AmbSYS", lambda ws: add_table(ws, "ambsys_RX9_2017-08_to_2021-01.csv")),
    ])
    workbook("cwt_provider_2022-04.xlsx", [
        ("Provider", lambda ws: add_table(ws, "cwt_provider_2022-04.csv")),
    ])
    workbook("cwt_provider_2024-04.xlsx", [
        ("Provider", lambda ws: add_table(ws, "cwt_provider_2024-04.csv", dates={"PERIOD": "date"})),
    ])
    for name in ("rtt_full_2025-03", "rtt_full_2025-04", "rtt_full_extract_2024-06_LLR_sample"):
        workbook(f"{name}.xlsx", [
            ("Full extract", lambda ws, name=name: add_table(ws, f"{name}.csv")),
        ])
    for name in ("tt_2023-04", "tt_2023-05"):
        workbook(f"{name}.xlsx", [
            ("Activity", lambda ws, name=name: add_table(
                ws, f"{name}.csv",
                dates={"REPORTING_PERIOD_START": "date", "REPORTING_PERIOD_END": "date"})),
        ])
    staff_title = (
        "NHS Workforce Statistics: March and April 2024",
        "Full time equivalent (FTE) staff in post by organisation and staff group",
        "Provisional statistics",
    )
    # RWE's nurses in March: 4500.25 as a formula's cached value can hold it.
    staff_noise = {(4, "FTE"): 4500.250000000001}
    workbook("wf_staff_in_post_2024-03_to_04.xlsx", [
        ("Staff in post", lambda ws: add_table(
            ws, "wf_staff_in_post_2024-03_to_04.csv", title=staff_title,
            dates={"Date": "date"}, noise=staff_noise)),
    ])
    workbook("wf_sickness_2024-03_to_04.xlsx", [
        ("Sickness absence", lambda ws: add_table(
            ws, "wf_sickness_2024-03_to_04.csv",
            title=("NHS Sickness Absence Rates: March and April 2024", "FTE days lost and available by organisation"),
            dates={"Date": "date"})),
    ])
    vacancy_notes = [
        "NHS Vacancy Statistics, England, March 2024 (test fixture)",
        "The tables are on the sheets that follow.",
        "* = suppressed; - = not applicable",
    ]
    vacancy_title = (
        "Table 3: vacancies and establishment by organisation",
        "Full time equivalent (FTE)",
        "Period is an Excel serial date without a date format (45352 = 1 March 2024)",
    )
    # A notes sheet first (no header in it); Period as a bare serial number.
    workbook("wf_vacancies_2024-03.xlsx", [
        ("Notes", lambda ws: notes_sheet(ws, vacancy_notes)),
        ("Vacancies", lambda ws: add_table(
            ws, "wf_vacancies_2024-03.csv", title=vacancy_title, dates={"Period": "serial"})),
    ])
    # Two tables an import could read: the first is read unless --sheet names another.
    workbook("wf_tables_2024-03.xlsx", [
        ("Contents", lambda ws: notes_sheet(ws, ["Contents", "Staff in post", "Vacancies"])),
        ("Staff in post", lambda ws: add_table(
            ws, "wf_staff_in_post_2024-03_to_04.csv", title=staff_title, dates={"Date": "date"})),
        ("Vacancies", lambda ws: add_table(
            ws, "wf_vacancies_2024-03.csv", title=vacancy_title, dates={"Period": "serial"})),
    ])


if __name__ == "__main__":
    main()
