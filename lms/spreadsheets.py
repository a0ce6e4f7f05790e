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


def labels_in_file(raw_headers: list[str], known: list[str | None]) -> dict[str, str]:
    """Each known column as the file itself names it, to point at cells in the person's words."""
    return {name: raw.strip() for raw, name in zip(raw_headers, known, strict=False) if name}


class RowProblems:
    """For a previewed row with `errors` (by column) and `labels` (the file's own headers)."""

    errors: dict[str, str]
    labels: dict[str, str]

    @property
    def problems(self) -> list[tuple[str, str]]:
        return [
            (self.labels.get(column, column), message) for column, message in self.errors.items()
        ]


# --- The "check, then confirm" flow every import shares -------------------------------------


class UploadGone(ValueError):
    """The checked file is no longer there (a second confirm, or a cleaned temporary folder)."""


def keep_upload(*, user, folder: str, name: str, content: bytes) -> str:
    """Store a checked upload until the person confirms it; returns its name in the storage."""
    import uuid
    from pathlib import PurePosixPath

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    suffix = PurePosixPath(name).suffix.lower()
    return default_storage.save(
        f"{folder}/{user.pk}/{uuid.uuid4().hex}{suffix}", ContentFile(content)
    )


def take_kept_table(*, user, folder: str, stored: str) -> list[list[str]]:
    """The cells of an upload this person stored under `folder`, which is then deleted.

    PermissionDenied for anyone else's file or a path that climbs out; UploadGone with a message
    if it is no longer there."""
    from django.core.exceptions import PermissionDenied
    from django.core.files.storage import default_storage

    if not stored.startswith(f"{folder}/{user.pk}/") or ".." in stored:
        raise PermissionDenied
    try:
        with default_storage.open(stored, "rb") as handle:
            content = handle.read()
    except FileNotFoundError as gone:
        raise UploadGone(
            _("The checked file is no longer here (was it already imported?). Upload it again.")
        ) from gone
    default_storage.delete(stored)
    return read_table(stored, content)


# --- Downloads ---------------------------------------------------------------------------------


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(rows, *, title: str, freeze: str | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel's limit; callers pass a fixed title, never a user's name
    for row in rows:
        sheet.append(row)
    if freeze:
        sheet.freeze_panes = freeze
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows) -> bytes:
    """UTF-8 with a BOM, so that Excel opens Vietnamese text correctly."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def download(content: bytes, *, filename: str, kind: str):
    """An attachment response; `filename` must be ASCII (build it from slugs and codes)."""
    from django.http import HttpResponse

    content_type = XLSX_TYPE if kind == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response
