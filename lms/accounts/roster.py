"""A class roster from a spreadsheet: check every row, then create every student or none.

Columns (first row; English or Vietnamese headers): display_name / họ tên, birth_year / năm sinh,
sex / giới tính (nam, nữ, khác, or female, male, other; empty: not stated), username / tên đăng
nhập (optional: generated when empty). Each new student gets a generated password, shown once and
printed on login cards; nothing about a student beyond these columns is kept.
"""

import secrets
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import Classroom, ClassroomMembership, Sex, User, clean_display_name
from lms.accounts.services import create_student
from lms.core.input import whole_number
from lms.core.search import folded
from lms.core.uploads import Columns, Preview, Row, check_table

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


class RosterRowForm(forms.Form):
    """One pupil of the roster, as the file's cells give them."""

    display_name = forms.CharField(required=False)
    birth_year = forms.CharField(required=False)
    sex = forms.CharField(required=False, strip=False)
    username = forms.CharField(required=False)

    def __init__(self, *args, this_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.this_year = this_year

    def clean_display_name(self) -> str:
        name = clean_display_name(self.cleaned_data["display_name"])
        if not name:
            raise ValidationError(_("The name is empty."))
        return name

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data["birth_year"].removesuffix(".0")
        if not year:
            return None
        number = whole_number(year)
        if number is None or not self.this_year - 25 <= number <= self.this_year - 4:
            raise ValidationError(
                _("“%(value)s” is not a birth year of a pupil.") % {"value": year}
            )
        return number

    def clean_sex(self) -> str:
        sex = folded(self.cleaned_data["sex"]).strip()
        if sex not in SEXES:
            raise ValidationError(_("Write nam, nữ or khác (or leave it empty)."))
        return SEXES[sex]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if username and (not username.isascii() or not username.replace(".", "").isalnum()):
            raise ValidationError(_("Use only letters without accents, digits and dots."))
        return username


COLUMNS = Columns(
    names=HEADERS,
    required=("display_name",),
    no_rows=gettext_lazy("The file has headers but no students."),
    refuse_unknown=True,
)


def preview(table: list[list[str]], *, now: datetime | None = None) -> Preview:
    this_year = (now or timezone.now()).year
    return check_table(
        table,
        form_class=RosterRowForm,
        columns=COLUMNS,
        form_kwargs={"this_year": this_year},
        check_rows=_usernames_once,
    )


def _usernames_once(rows: list[Row]) -> None:
    """A username given twice in the file, or already someone's, is a problem of its row."""
    seen: dict[str, int] = {}
    for row in rows:
        username = row.data.get("username", "")
        if not username:
            continue
        if username.lower() in seen and "username" not in row.errors:
            row.errors["username"] = _("Also on row %(row)s.") % {"row": seen[username.lower()]}
        seen.setdefault(username.lower(), row.row)
    wanted = [row.data["username"].upper() for row in rows if row.data.get("username")]
    taken = set(
        User.objects.annotate(upper_name=Upper("username"))
        .filter(upper_name__in=wanted)
        .values_list("upper_name", flat=True)
    )  # unique ignoring case, as sign-in finds them: the unique index is on UPPER(username)
    for row in rows:
        if row.data.get("username", "").upper() in taken and "username" not in row.errors:
            row.errors["username"] = _("This username is already taken.")


@transaction.atomic
def import_roster(
    result: Preview, *, classroom: Classroom, now: datetime
) -> list[tuple[User, str]]:
    """Every student of a valid preview, in the class, with the password to give them."""
    if not result.is_valid:
        raise ValueError("Only a valid roster can be imported.")
    created = []
    for row in result.rows:
        password = new_password()
        student = create_student(
            display_name=row.data["display_name"],
            birth_year=row.data["birth_year"],
            sex=row.data["sex"],
            password=password,
            username=row.data["username"] or None,
            school=classroom.school,
        )
        ClassroomMembership.objects.create(
            classroom=classroom, student=student, school_year=classroom.school_year, joined_at=now
        )
        created.append((student, password))
    return created
