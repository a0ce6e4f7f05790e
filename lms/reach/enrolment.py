"""Enrolment figures (the denominators) from a spreadsheet: every row right, or nothing saved.

Columns: school_code / mã trường, school_year / năm học (the year it starts, e.g. 2026), grade /
khối, sex / giới tính (nam, nữ, khác), pupils / số học sinh. An officer may load only schools of
their own area; a row for a figure already there replaces it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import Area, School, SchoolEnrolment
from lms.accounts.roster import SEXES
from lms.core.search import folded
from lms.core.uploads import Columns, Preview, Row, WholeNumberCell, check_table

HEADERS = {
    "school_code": "school_code", "mã trường": "school_code", "ma truong": "school_code",
    "school_year": "school_year", "năm học": "school_year", "nam hoc": "school_year",
    "grade": "grade", "khối": "grade", "khoi": "grade",
    "sex": "sex", "giới tính": "sex", "gioi tinh": "sex",
    "pupils": "pupils", "số học sinh": "pupils", "so hoc sinh": "pupils",
}  # fmt: skip
REQUIRED = ("school_code", "school_year", "grade", "sex", "pupils")


class EnrolmentRowForm(forms.Form):
    """Pupils of one school, year, grade and sex; `schools` are the officer's, by code."""

    school_code = forms.CharField(required=False)
    school_year = WholeNumberCell(2000, 2100)
    grade = WholeNumberCell(1, 12)
    sex = forms.CharField(required=False)
    pupils = WholeNumberCell(0, 5000)

    def __init__(self, *args, schools: dict[str, School], **kwargs):
        super().__init__(*args, **kwargs)
        self.schools = schools

    def clean_school_code(self) -> str:
        self.cleaned_data["school"] = self.schools.get(self.cleaned_data["school_code"])
        if self.cleaned_data["school"] is None:
            raise ValidationError(_("No school of your area has this code."))
        return self.cleaned_data["school_code"]

    def clean_sex(self) -> str:
        sex = folded(self.cleaned_data["sex"])
        if not sex or sex not in SEXES:
            raise ValidationError(_("Write nam, nữ or khác."))
        return SEXES[sex]


ENROLMENT_COLUMNS = Columns(
    names=HEADERS, required=REQUIRED, no_rows=gettext_lazy("The file has headers but no figures.")
)


def preview(table: list[list[str]], *, scope: Area) -> Preview:
    schools = {
        s.code: s for s in School.objects.filter(area__path__startswith=scope.path).exclude(code="")
    }
    return check_table(
        table,
        form_class=EnrolmentRowForm,
        columns=ENROLMENT_COLUMNS,
        form_kwargs={"schools": schools},
        check_rows=_each_figure_once,
    )


def _each_figure_once(rows: list[Row]) -> None:
    seen: dict[tuple, int] = {}
    for row in rows:
        if row.errors:
            continue
        data = row.data
        key = (data["school"].pk, data["school_year"], data["grade"], data["sex"])
        if key in seen:
            row.errors["school_code"] = _("Also on row %(row)s.") % {"row": seen[key]}
        seen.setdefault(key, row.row)


@transaction.atomic
def import_enrolment(result: Preview) -> int:
    if not result.is_valid:
        raise ValueError("Only a valid file can be imported.")
    for row in result.rows:
        SchoolEnrolment.objects.update_or_create(
            school=row.data["school"],
            school_year=row.data["school_year"],
            grade=row.data["grade"],
            sex=row.data["sex"],
            defaults={"pupils": row.data["pupils"]},
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


class PopulationRowForm(forms.Form):
    """One area's population by sex; `areas` are those the officer follows, by code."""

    area_code = forms.CharField(required=False)
    year = WholeNumberCell(2000, 2100)
    female = WholeNumberCell(0, 5_000_000)
    male = WholeNumberCell(0, 5_000_000)

    def __init__(self, *args, areas: dict[str, Area], **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas

    def clean_area_code(self) -> str:
        self.cleaned_data["area"] = self.areas.get(self.cleaned_data["area_code"])
        if self.cleaned_data["area"] is None:
            raise ValidationError(_("No area you follow has this code."))
        return self.cleaned_data["area_code"]


POPULATION_COLUMNS = Columns(
    names=POPULATION_HEADERS,
    required=POPULATION_REQUIRED,
    no_rows=gettext_lazy("The file has headers but no figures."),
)


def preview_population(table: list[list[str]], *, scope: Area) -> Preview:
    """Area population by sex (the wider denominator), for areas of the officer's own scope.

    Columns: mã địa bàn (area code), năm (year of the figures), nữ (female), nam giới (male)."""
    areas = {a.code: a for a in scope.with_descendants().exclude(code="")}
    return check_table(
        table,
        form_class=PopulationRowForm,
        columns=POPULATION_COLUMNS,
        form_kwargs={"areas": areas},
    )


@transaction.atomic
def import_population(result: Preview) -> int:
    if not result.is_valid:
        raise ValueError("Only a valid file can be imported.")
    for row in result.rows:
        area = row.data["area"]
        area.population_female = row.data["female"]
        area.population_male = row.data["male"]
        area.population_year = row.data["year"]
        area.save(update_fields=["population_female", "population_male", "population_year"])
    return len(result.rows)
