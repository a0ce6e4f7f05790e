"""Spreadsheets people upload (question banks, class rosters, enrolment): .xlsx or .csv, as text."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_BYTES = 5 * 1024 * 1024


def read_table(name: str, content: bytes) -> list[list[str]]:
    """The cells of an .xlsx or .csv file as text; ValueError with a message if it is neither."""
    if len(content) > MAX_BYTES:
        raise ValueError(_("The file is larger than 5 MB. Split it into smaller files."))
    if name.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ValueError(_("This file is not a readable Excel (.xlsx) workbook.")) from exc
        return [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    if name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValueError(_("Save the CSV file as UTF-8 and try again.")) from exc
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    raise ValueError(_("Upload an .xlsx or .csv file."))
