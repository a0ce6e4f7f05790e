"""Spreadsheets people upload (question banks, class rosters, enrolment): .xlsx or .csv, as text;
the check-then-confirm flow that imports them is lms.core.uploads."""

import csv
import io
import re
import zipfile

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_BYTES = 5 * 1024 * 1024  # the file as uploaded
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # an .xlsx is a zip: what its parts declare, unpacked
MAX_ROWS = 10_000
MAX_COLUMNS = 50
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"')


def read_table(name: str, content: bytes) -> list[list[str]]:
    """The cells of an .xlsx or .csv file as text; ValueError with a message if it is neither,
    or if it is larger than a person's import could be.

    Every limit is checked before or while reading, never after: a small file may unpack to
    gigabytes or declare a sheet of a million rows, and parsing it would hold a worker for
    minutes. What is read is at most MAX_ROWS rows of MAX_COLUMNS columns."""
    if len(content) > MAX_BYTES:
        raise ValueError(_("The file is larger than 5 MB. Split it into smaller files."))
    if name.lower().endswith(".xlsx"):
        return _xlsx_rows(content)
    if name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValueError(_("Save the CSV file as UTF-8 and try again.")) from exc
        unreadable = _("This CSV file cannot be read: save it again as CSV UTF-8.")
        if "\x00" in text:  # no database keeps it, and no spreadsheet program writes it
            raise ValueError(unreadable)
        try:
            rows = csv.reader(io.StringIO(text))
            return _bounded([_from_data(cell) for cell in row] for row in rows)
        except csv.Error as exc:  # a cell over the csv module's limit, a stray quote
            raise ValueError(unreadable) from exc
    raise ValueError(_("Upload an .xlsx or .csv file."))


def _xlsx_rows(content: bytes) -> list[list[str]]:
    unreadable = _("This file is not a readable Excel (.xlsx) workbook.")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
            if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
                raise ValueError(_too_big())
            for part in parts:
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    with archive.open(part) as sheet:
                        _check_dimension(sheet.read(4096))
    except zipfile.BadZipFile as exc:
        raise ValueError(unreadable) from exc
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValueError(unreadable) from exc
    try:
        rows = book.active.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        return _bounded(["" if cell is None else str(cell) for cell in row] for row in rows)
    except ValueError:
        raise
    except Exception as exc:
        raise ValueError(unreadable) from exc
    finally:
        book.close()


def _from_data(cell: str) -> str:
    """A CSV cell as `csv_bytes` would have written it back to what it was."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _check_dimension(head: bytes) -> None:
    """Refuse a sheet whose own header says it spans more than the limits."""
    found = _DIMENSION.search(head)
    if found is None:
        return
    letters, row = found.groups()
    column = 0
    for letter in letters.decode():
        column = column * 26 + ord(letter) - ord("A") + 1
    if int(row) > MAX_ROWS + 1 or column > MAX_COLUMNS:
        raise ValueError(_too_big())


def _bounded(rows) -> list[list[str]]:
    table = []
    for row in rows:
        if len(table) > MAX_ROWS:  # the header row and MAX_ROWS rows below it
            raise ValueError(_too_big())
        table.append([cell.strip() for cell in row[:MAX_COLUMNS]])
    return table


def _too_big() -> str:
    return _(
        "The sheet is larger than an import can be: at most %(rows)s rows and %(columns)s "
        "columns (empty rows and columns count if they were ever formatted: delete them). "
        "Split it into smaller files."
    ) % {"rows": MAX_ROWS, "columns": MAX_COLUMNS}


# --- Downloads ---------------------------------------------------------------------------------


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet program may read as the start of a formula in a CSV cell (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def xlsx_bytes(rows, *, title: str, freeze: str | None = None) -> bytes:
    """Every download's workbook. Text stays text: a value such as a pupil's name typed as
    "=HYPERLINK(…)" is written as a string cell, never as a formula."""
    return xlsx_sheets([(title, rows)], freeze=freeze)


def xlsx_sheets(sheets, *, freeze: str | None = None) -> bytes:
    """A workbook of several sheets, (title, rows) each, written as `xlsx_bytes` writes one."""
    # openpyxl takes a noticeable time to import; only the requests that write a workbook pay.
    from openpyxl import Workbook

    book = Workbook()
    for index, (title, rows) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title[:31]  # Excel's limit; callers pass a fixed title, never a user's name
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # openpyxl's guess for text that starts with "="
                    cell.data_type = "s"
        if freeze:
            sheet.freeze_panes = freeze
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows) -> bytes:
    """Every download's CSV: UTF-8 with a BOM, so that Excel opens Vietnamese text correctly;
    text that a spreadsheet program would run as a formula gets a leading apostrophe (which
    `read_table` takes off again, so an export imports back as it was)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([_as_data(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _as_data(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def download(content: bytes, *, filename: str, kind: str):
    """An attachment response; `filename` must be ASCII (build it from slugs and codes)."""
    content_type = XLSX_TYPE if kind == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response
