"""Enrolment figures (the denominators) from a spreadsheet: every row right, or nothing saved.

Columns: school_code / mã trường, school_year / năm học (the year it starts, e.g. 2026), grade /
khối, sex / giới tính (nam, nữ, khác), pupils / số học sinh. An officer may load only schools of
their own area; a row for a figure already there replaces it.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts.models import Area, School, SchoolEnrolment
from lms.accounts.roster import SEXES
from lms.input import whole_number
from lms.search import folded
from lms.spreadsheets import RowProblems, labels_in_file

HEADERS = {
    "school_code": "school_code", "mã trường": "school_code", "ma truong": "school_code",
    "school_year": "school_year", "năm học": "school_year", "nam hoc": "school_year",
    "grade": "grade", "khối": "grade", "khoi": "grade",
    "sex": "sex", "giới tính": "sex", "gioi tinh": "sex",
    "pupils": "pupils", "số học sinh": "pupils", "so hoc sinh": "pupils",
}  # fmt: skip
REQUIRED = ("school_code", "school_year", "grade", "sex", "pupils")


@dataclass
class EnrolmentRow(RowProblems):
    row: int
    values: dict = field(default_factory=dict)
    school: School | None = None
    errors: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class EnrolmentPreview:
    rows: list[EnrolmentRow]
    file_errors: list[str]

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and bool(self.rows) and all(not r.errors for r in self.rows)


def preview(table: list[list[str]], *, scope: Area) -> EnrolmentPreview:
    if not table or not any(table[0]):
        return EnrolmentPreview([], [_("The file is empty: the first row must hold the headers.")])
    headers = [HEADERS.get(h.strip().lower()) for h in table[0]]
    labels = labels_in_file(table[0], headers)
    missing = [name for name in REQUIRED if name not in headers]
    file_errors = []
    if missing:
        file_errors.append(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    schools = {
        s.code: s for s in School.objects.filter(area__path__startswith=scope.path).exclude(code="")
    }
    rows, seen = [], {}
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        raw = {h: (cells[i] if i < len(cells) else "").strip() for i, h in enumerate(headers) if h}
        row = EnrolmentRow(row=number, labels=labels)
        row.school = schools.get(raw.get("school_code", ""))
        if row.school is None:
            row.errors["school_code"] = _("No school of your area has this code.")
        _read_numbers(
            row, raw, (("school_year", 2000, 2100), ("grade", 1, 12), ("pupils", 0, 5000))
        )
        sex = folded(raw.get("sex", ""))
        if sex in SEXES and sex:
            row.values["sex"] = SEXES[sex]
        else:
            row.errors["sex"] = _("Write nam, nữ or khác.")
        if not row.errors:
            key = (row.school.pk, row.values["school_year"], row.values["grade"], row.values["sex"])
            if key in seen:
                row.errors["school_code"] = _("Also on row %(row)s.") % {"row": seen[key]}
            seen.setdefault(key, number)
        rows.append(row)
    if not rows and not file_errors:
        file_errors.append(_("The file has headers but no figures."))
    return EnrolmentPreview(rows, file_errors)


def _read_numbers(row: EnrolmentRow, raw: dict, columns) -> None:
    """Whole numbers within bounds (a spreadsheet may hand "35.0"); a message per bad cell."""
    for name, low, high in columns:
        value = raw.get(name, "").removesuffix(".0")
        number = whole_number(value)
        if number is None or not low <= number <= high:
            row.errors[name] = _("Write a whole number from %(low)s to %(high)s.") % {
                "low": low,
                "high": high,
            }
        else:
            row.values[name] = int(value)


@transaction.atomic
def import_enrolment(result: EnrolmentPreview) -> int:
    if not result.is_valid:
        raise ValueError("Only a valid file can be imported.")
    for row in result.rows:
        SchoolEnrolment.objects.update_or_create(
            school=row.school,
            school_year=row.values["school_year"],
            grade=row.values["grade"],
            sex=row.values["sex"],
            defaults={"pupils": row.values["pupils"]},
        )
    return len(result.rows)


POPULATION_HEADERS = {
    "area_code": "area_code", "mã địa bàn": "area_code", "ma dia ban": "area_code",
    "year": "year", "năm": "year", "nam": "year",
    "female": "female", "nữ": "female", "nu": "female",
    "male": "male", "nam giới": "male", "nam gioi": "male",
}  # fmt: skip
POPULATION_REQUIRED = ("area_code", "year", "female", "male")


def is_population_table(table: list[list[str]]) -> bool:
    return bool(table) and any(
        POPULATION_HEADERS.get(h.strip().lower()) == "area_code" for h in table[0]
    )


def preview_population(table: list[list[str]], *, scope: Area) -> EnrolmentPreview:
    """Area population by sex (the wider denominator), for areas of the officer's own scope.

    Columns: mã địa bàn (area code), năm (year of the figures), nữ (female), nam giới (male)."""
    headers = [POPULATION_HEADERS.get(h.strip().lower()) for h in table[0]]
    labels = labels_in_file(table[0], headers)
    missing = [name for name in POPULATION_REQUIRED if name not in headers]
    file_errors = []
    if missing:
        file_errors.append(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    areas = {a.code: a for a in scope.with_descendants().exclude(code="")}
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        raw = {h: (cells[i] if i < len(cells) else "").strip() for i, h in enumerate(headers) if h}
        row = EnrolmentRow(row=number, labels=labels)
        row.values["area"] = areas.get(raw.get("area_code", ""))
        if row.values["area"] is None:
            row.errors["area_code"] = _("No area you follow has this code.")
        _read_numbers(
            row,
            raw,
            (
                ("year", 2000, 2100),
                ("female", 0, 5_000_000),
                ("male", 0, 5_000_000),
            ),
        )
        rows.append(row)
    if not rows and not file_errors:
        file_errors.append(_("The file has headers but no figures."))
    return EnrolmentPreview(rows, file_errors)


@transaction.atomic
def import_population(result: EnrolmentPreview) -> int:
    if not result.is_valid:
        raise ValueError("Only a valid file can be imported.")
    for row in result.rows:
        area = row.values["area"]
        area.population_female = row.values["female"]
        area.population_male = row.values["male"]
        area.population_year = row.values["year"]
        area.save(update_fields=["population_female", "population_male", "population_year"])
    return len(result.rows)
