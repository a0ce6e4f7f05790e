"""One upload → preview → confirm flow for every spreadsheet import (class rosters, the question
bank, enrolment and population figures).

A person uploads an .xlsx or .csv file; each row is checked by a Django form the import gives, and
the preview lists every row's problems by row number, in the person's language. Only a file whose
every row is right is kept, under a signed token bound to the person, the screen and the file's
content, for MAX_AGE. Confirming claims the file (once: a double click imports it once), checks
every row again and saves every row in one transaction, or nothing. A token that is stale,
someone else's or altered saves nothing and says why.
"""

import hashlib
import os
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import PurePosixPath
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.core.input import whole_number
from lms.core.spreadsheets import MAX_BYTES, read_table

MAX_AGE = 60 * 60  # seconds from the check to the confirm: a person's pause, not a day's
KEPT = "kept-uploads"  # under the storage's root; never served (see deploy/nginx)
SALT = "lms.core.uploads"


# --- Rows, checked by a form ---------------------------------------------------------------------


@dataclass(frozen=True)
class Columns:
    """How files of one import name their columns: `names` maps a header as a file may write it
    (lower case) to the row form's field; `no_rows` says what a file with only headers lacks."""

    names: Mapping[str, str]
    required: tuple[str, ...]
    no_rows: str
    refuse_unknown: bool = False


@dataclass
class Row:
    """One row of the file: its number as the spreadsheet shows it (headers are row 1), the text
    of its cells by field (`values`), what its form made of them (`data`) and its problems by
    field (`errors`). A row reads as its values: `row.display_name`."""

    row: int
    values: dict[str, str] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str):
        if not name.startswith("_") and name not in ("data", "values"):
            if name in self.data:
                return self.data[name]
            if name in self.values:
                return self.values[name]
        raise AttributeError(name)

    @property
    def problems(self) -> list[tuple[str, str]]:
        """(column as the file names it, message) for each problem."""
        return [
            (self.labels.get(column, column), message) for column, message in self.errors.items()
        ]


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Preview:
    """What a check found: the rows, and problems of the file as a whole."""

    rows: list[Row]
    file_errors: list[str]

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and bool(self.rows) and all(not r.errors for r in self.rows)

    @property
    def row_errors(self) -> list[RowError]:
        return [
            RowError(row.row, column, message)
            for row in self.rows
            for column, message in row.problems
        ]

    @property
    def totals(self) -> dict[str, int]:
        to_fix = sum(1 for row in self.rows if row.errors)
        return {"rows": len(self.rows), "ready": len(self.rows) - to_fix, "to_fix": to_fix}


def check_table(
    table: list[list[str]],
    *,
    form_class: type[forms.Form],
    columns: Columns,
    form_kwargs: Mapping[str, Any] | None = None,
    check_rows: Callable[[list[Row]], None] | None = None,
) -> Preview:
    """Every row of `table` through `form_class` (its fields are the columns; a field's error is
    the row's problem in that column); `check_rows` then adds problems between rows, such as the
    same pupil twice."""
    if not table or not any(table[0]):
        return Preview([], [_("The file is empty: the first row must hold the headers.")])
    headers = [columns.names.get(header.strip().lower()) for header in table[0]]
    labels = {name: raw.strip() for raw, name in zip(table[0], headers, strict=True) if name}
    file_errors = []
    unknown = [raw.strip() for raw, name in zip(table[0], headers, strict=True) if raw and not name]
    if unknown and columns.refuse_unknown:
        file_errors.append(_("Unknown columns: %(names)s.") % {"names": ", ".join(unknown)})
    missing = [name for name in columns.required if name not in headers]
    if missing:
        file_errors.append(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    rows = []
    # One form for every row, bound afresh to each: making a form copies all its fields, which
    # for 10,000 rows of 25 columns took ten times as long as the checks themselves.
    form = form_class(data={}, **(form_kwargs or {}))
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        values = {
            name: (cells[i] if i < len(cells) else "") for i, name in enumerate(headers) if name
        }
        form.data, form._errors = values, None  # as Form.__init__ leaves them; cleaning is anew
        valid = form.is_valid()
        rows.append(
            Row(
                row=number,
                values=values,
                data=form.cleaned_data,
                errors={} if valid else _first_errors(form),
                labels=labels,
            )
        )
    if check_rows is not None:
        check_rows(rows)
    if not rows and not file_errors:
        file_errors.append(str(columns.no_rows))
    return Preview(rows, file_errors)


def _first_errors(form: forms.Form) -> dict[str, str]:
    """One message per column, the first the form found: a person fixes one thing at a time."""
    return {
        ("row" if name == NON_FIELD_ERRORS else name): str(problems[0])
        for name, problems in form.errors.items()
    }


class WholeNumberCell(forms.CharField):
    """A whole number from `low` to `high` (a spreadsheet may hand "35.0"); an empty cell is
    `default` when one is given. `message` may name the bounds as %(low)s and %(high)s."""

    def __init__(self, low: int, high: int, *, message=None, default: int | None = None):
        super().__init__(required=False)
        self.low, self.high, self.message, self.default = low, high, message, default

    def clean(self, value) -> int:
        text = super().clean(value).removesuffix(".0")
        if not text and self.default is not None:
            return self.default
        number = whole_number(text)
        if number is None or not self.low <= number <= self.high:
            message = self.message or gettext_lazy("Write a whole number from %(low)s to %(high)s.")
            raise ValidationError(str(message) % {"low": self.low, "high": self.high})
        return number


class WordCell(forms.CharField):
    """One of a few words, in any case; `default` when the cell is empty."""

    def __init__(self, *, words, message, default: str = ""):
        super().__init__(required=False)
        self.words, self.message, self.default = {str(word) for word in words}, message, default

    def clean(self, value) -> str:
        word = super().clean(value).lower() or self.default
        if word not in self.words:
            raise ValidationError(str(self.message))
        return word


# --- Keeping a checked file until the person confirms it --------------------------------------


class UploadRefused(Exception):
    """A confirm that saves nothing; `message` says why, `status` is the page's."""

    status = 200

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class UploadGone(UploadRefused):
    """The checked file is no longer there: a second confirm, or a cleaned temporary folder."""


class UploadStale(UploadRefused):
    """The check is older than MAX_AGE."""


class UploadTampered(UploadRefused):
    """A token this person was not given on this screen, or a file that changed since."""

    status = 403


def keep_upload(*, user, folder: str, scope: str = "", name: str, content: bytes) -> str:
    """Keep a checked file until the person confirms it; the token to confirm it with."""
    _forget_old(f"{KEPT}/{folder}/{user.pk}")
    suffix = PurePosixPath(name).suffix.lower()
    stored = default_storage.save(
        f"{KEPT}/{folder}/{user.pk}/{uuid.uuid4().hex}{suffix}", ContentFile(content)
    )
    claim = {"name": stored, "user": user.pk, "folder": folder, "scope": scope}
    return signing.dumps(claim | {"sha256": hashlib.sha256(content).hexdigest()}, salt=SALT)


def take_upload(*, user, folder: str, scope: str = "", token: str) -> tuple[str, bytes]:
    """The file name and content kept under `token`, claimed by this confirm and deleted."""
    try:
        claim = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as expired:
        raise UploadStale(
            _("The check is more than an hour old, so nothing was saved. Upload the file again.")
        ) from expired
    except signing.BadSignature as bad:
        raise _tampered() from bad
    if not isinstance(claim, dict) or [claim.get(k) for k in ("user", "folder", "scope")] != [
        user.pk,
        folder,
        scope,
    ]:
        raise _tampered()
    content = _claim(str(claim.get("name", "")))
    if hashlib.sha256(content).hexdigest() != claim.get("sha256"):
        raise _tampered()
    return claim["name"], content


def _tampered() -> UploadTampered:
    return UploadTampered(
        _("This confirmation does not match a file you checked here, so nothing was saved. "
          "Upload the file again.")
    )  # fmt: skip


def _claim(stored: str) -> bytes:
    """Read and delete the kept file; of two confirms at once, only one gets it."""
    gone = UploadGone(
        _("The checked file is no longer here (was it already imported?). Upload it again.")
    )
    try:
        path = default_storage.path(stored)
    except NotImplementedError:  # a remote storage: no atomic rename, read then delete
        try:
            with default_storage.open(stored, "rb") as handle:
                content = handle.read()
        except FileNotFoundError as missing:
            raise gone from missing
        default_storage.delete(stored)
        return content
    claimed = f"{path}.{uuid.uuid4().hex}.claimed"
    try:
        os.rename(path, claimed)  # atomic: a second confirm finds nothing to rename
    except FileNotFoundError as missing:
        raise gone from missing
    try:
        with open(claimed, "rb") as handle:
            return handle.read()
    finally:
        os.remove(claimed)


def _forget_old(folder: str) -> None:
    """Files checked and never confirmed go after MAX_AGE, when their owner checks another."""
    try:
        _dirs, names = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    too_old = timezone.now() - timedelta(seconds=MAX_AGE)
    for name in names:
        try:
            if default_storage.get_modified_time(f"{folder}/{name}") < too_old:
                default_storage.delete(f"{folder}/{name}")
        except (FileNotFoundError, NotImplementedError):
            continue


# --- The screen -------------------------------------------------------------------------------


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.xlsx or .csv)"),
        error_messages={"required": gettext_lazy("Choose a file to upload.")},
    )


class UploadFlow:
    """One import screen: upload and check (the preview), then confirm. A screen names its
    folder, template and upload form, and says how to check a table and save a valid preview.

    The template gets `form` (the upload form, with a file that could not be read as its
    error), `result` (the Preview), `stored` (the token the confirm button posts back as
    "stored", only for a valid preview) and `error` (why a confirm saved nothing)."""

    folder: str
    template_name: str
    form_class: type[forms.Form] = UploadForm

    def scope(self) -> str:
        """What else a token is bound to besides the person and the folder (e.g. the class)."""
        return ""

    def check(self, table: list[list[str]]) -> Preview:
        raise NotImplementedError

    def save(self, preview: Preview) -> Any:
        """Save every row of a valid preview; runs inside the confirm's transaction."""
        raise NotImplementedError

    def saved(self, request, outcome: Any, context: dict) -> HttpResponse:
        """The answer to a confirm that saved: by default the same page, saying how many."""
        return self.render(request, context | {"imported": outcome})

    def render(self, request, context: dict, status: int = 200) -> HttpResponse:
        return TemplateResponse(request, self.template_name, context, status=status)

    def handle(self, request, **context) -> HttpResponse:
        context["form"] = self.form_class()
        if request.method == "POST" and request.POST.get("stored"):
            return self._confirm(request, context)
        if request.method == "POST":
            self._upload(request, context)
        return self.render(request, context)

    def _upload(self, request, context: dict) -> None:
        form = context["form"] = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return
        upload = form.cleaned_data["file"]
        content = upload.read(MAX_BYTES + 1)
        try:
            result = self.check(read_table(upload.name, content))
        except ValueError as problem:  # not a spreadsheet, unreadable or too large
            form.add_error("file", str(problem))
            return
        context["result"] = result
        if result.is_valid:
            context["stored"] = keep_upload(
                user=request.user,
                folder=self.folder,
                scope=self.scope(),
                name=upload.name,
                content=content,
            )

    def _confirm(self, request, context: dict) -> HttpResponse:
        try:
            name, content = take_upload(
                user=request.user,
                folder=self.folder,
                scope=self.scope(),
                token=request.POST["stored"],
            )
            table = read_table(name, content)
        except UploadRefused as refused:
            context["error"] = refused.message
            return self.render(request, context, status=refused.status)
        except ValueError as problem:  # checked an hour ago, so only if the limits changed
            context["error"] = str(problem)
            return self.render(request, context)
        with transaction.atomic():
            result = self.check(table)  # again: the bank or the roll may have changed since
            outcome = self.save(result) if result.is_valid else None
        if result.is_valid:
            return self.saved(request, outcome, context)
        context["result"] = result
        return self.render(request, context)
