"""A class roster from a spreadsheet: check every row, then create every student or none.

Columns (first row; English or Vietnamese headers): display_name / họ tên, birth_year / năm sinh,
sex / giới tính (nam, nữ, khác, or female, male, other; empty: not stated), username / tên đăng
nhập (optional: generated when empty). Each new student gets a generated password, shown once and
printed on login cards; nothing about a student beyond these columns is kept.
"""

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import Classroom, ClassroomMembership, Sex, User, clean_display_name
from lms.accounts.services import create_student
from lms.input import whole_number
from lms.search import folded
from lms.spreadsheets import RowProblems, labels_in_file

HEADERS = {
    "display_name": "display_name",
    "họ tên": "display_name",
    "ho ten": "display_name",
    "tên hiển thị": "display_name",
    "birth_year": "birth_year",
    "năm sinh": "birth_year",
    "nam sinh": "birth_year",
    "sex": "sex",
    "giới tính": "sex",
    "gioi tinh": "sex",
    "username": "username",
    "tên đăng nhập": "username",
    "ten dang nhap": "username",
}
SEXES = {
    "nu": Sex.FEMALE,
    "female": Sex.FEMALE,
    "f": Sex.FEMALE,
    "nam": Sex.MALE,
    "male": Sex.MALE,
    "m": Sex.MALE,
    "khac": Sex.OTHER,
    "other": Sex.OTHER,
    "": Sex.NOT_STATED,
}
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes on a printed card


def new_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(8))


@dataclass
class RosterRow(RowProblems):
    row: int
    display_name: str = ""
    birth_year: int | None = None
    sex: str = Sex.NOT_STATED
    username: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class RosterPreview:
    rows: list[RosterRow]
    file_errors: list[str]

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and bool(self.rows) and all(not r.errors for r in self.rows)


def preview(table: list[list[str]], *, now: datetime | None = None) -> RosterPreview:
    if not table or not any(table[0]):
        return RosterPreview([], [_("The file is empty: the first row must hold the headers.")])
    headers = [HEADERS.get(header.strip().lower()) for header in table[0]]
    labels = labels_in_file(table[0], headers)
    unknown = [raw for raw, known in zip(table[0], headers, strict=True) if raw and not known]
    file_errors = []
    if unknown:
        file_errors.append(_("Unknown columns: %(names)s.") % {"names": ", ".join(unknown)})
    if "display_name" not in headers:
        file_errors.append(_("Missing columns: %(names)s.") % {"names": "display_name"})
    this_year = (now or timezone.now()).year
    rows, seen = [], {}
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers) if h}
        row = RosterRow(
            row=number,
            display_name=values.get("display_name", ""),
            labels=labels,
        )
        try:
            row.display_name = clean_display_name(row.display_name)
        except ValidationError as problem:
            row.errors["display_name"] = problem.messages[0]
        if not row.display_name:
            row.errors["display_name"] = _("The name is empty.")
        year = values.get("birth_year", "").strip().removesuffix(".0")
        if year:
            number = whole_number(year)
            if number is None or not this_year - 25 <= number <= this_year - 4:
                row.errors["birth_year"] = _("“%(value)s” is not a birth year of a pupil.") % {
                    "value": year
                }
            else:
                row.birth_year = int(year)
        sex = folded(values.get("sex", "")).strip()
        if sex in SEXES:
            row.sex = SEXES[sex]
        else:
            row.errors["sex"] = _("Write nam, nữ or khác (or leave it empty).")
        row.username = values.get("username", "").strip()
        if row.username:
            if not row.username.isascii() or not row.username.replace(".", "").isalnum():
                row.errors["username"] = _("Use only letters without accents, digits and dots.")
            elif row.username.lower() in seen:
                row.errors["username"] = _("Also on row %(row)s.") % {"row": seen[row.username]}
            seen.setdefault(row.username.lower(), number)
        rows.append(row)
    taken = set(
        User.objects.filter(username__in=[r.username for r in rows if r.username]).values_list(
            "username", flat=True
        )
    )
    for row in rows:
        if row.username in taken and "username" not in row.errors:
            row.errors["username"] = _("This username is already taken.")
    if not rows and not file_errors:
        file_errors.append(_("The file has headers but no students."))
    return RosterPreview(rows, file_errors)


@transaction.atomic
def import_roster(
    result: RosterPreview, *, classroom: Classroom, now: datetime
) -> list[tuple[User, str]]:
    """Every student of a valid preview, in the class, with the password to give them."""
    if not result.is_valid:
        raise ValueError("Only a valid roster can be imported.")
    created = []
    for row in result.rows:
        password = new_password()
        student = create_student(
            display_name=row.display_name,
            birth_year=row.birth_year,
            sex=row.sex,
            password=password,
            username=row.username or None,
            school=classroom.school,
        )
        ClassroomMembership.objects.create(
            classroom=classroom, student=student, school_year=classroom.school_year, joined_at=now
        )
        created.append((student, password))
    return created
