"""Enrolment and population figures (the denominators) from a spreadsheet: every row right, or
nothing saved. An officer may load only schools and areas of their own area; a row for a figure
already there replaces it. The same upload page takes both files: the headers say which.

Enrolment, one row per school, school year, grade and sex: school_code / mã trường, school_year /
năm học (the year it starts, e.g. 2026), grade / khối, sex / giới tính (nam, nữ, khác), pupils /
số học sinh.

Population, one row per area, year, sex and age band: area_code / mã địa bàn, year / năm, sex /
giới tính, age_band / nhóm tuổi (0-14, 15-24, 25-44, 45-64, 65+ or "65 trở lên"; no column, or an
empty cell, for all ages), people / số người. An area's people of a sex in a year are given either
for all ages or for every age band, and a file's figures for an area, year and sex replace all
those kept for it. The former file, one row per area with female / nữ and male / nam giới of all
ages instead of sex, age band and people, is still read. The sample file:
frontend/static/samples/dan-so-theo-phuong.xlsx (`manage.py population_sample` makes it).
"""

from collections import defaultdict
from collections.abc import Iterator

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import AgeBand, Area, AreaPopulation, School, SchoolEnrolment
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
        return sex_of(self.cleaned_data["sex"])


def sex_of(cell: str) -> str:
    """nam, nữ or khác (or male, female, other), in any case, with or without accents."""
    sex = folded(cell)
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


# --- Population ------------------------------------------------------------------------------

POPULATION_HEADERS = {
    "area_code": "area_code", "area code": "area_code",
    "mã địa bàn": "area_code", "ma dia ban": "area_code",
    "year": "year", "năm": "year", "nam": "year",
    "sex": "sex", "giới tính": "sex", "gioi tinh": "sex",
    "age_band": "age_band", "age band": "age_band",
    "nhóm tuổi": "age_band", "nhom tuoi": "age_band",
    "people": "people", "số người": "people", "so nguoi": "people",
    # The former file: one row per area, its women and men of all ages.
    "female": "female", "nữ": "female", "nu": "female",
    "male": "male", "nam giới": "male", "nam gioi": "male",
}  # fmt: skip
POPULATION_REQUIRED = ("area_code", "year", "sex", "people")
BY_SEX_REQUIRED = ("area_code", "year", "female", "male")
# An age band as files write it, folded, without spaces and with any dash a hyphen.
AGE_BAND_WORDS = {band: band for band in AgeBand.values} | {
    "65trolen": "65+", "65tuoitrolen": "65+", "tu65trolen": "65+", "65+tuoi": "65+",
    "65andover": "65+", "65andolder": "65+",
    "": "", "tatca": "", "moituoi": "", "all": "", "allages": "",
}  # fmt: skip


def is_population_table(table: list[list[str]]) -> bool:
    return bool(table) and any(
        POPULATION_HEADERS.get(h.strip().lower()) == "area_code" for h in table[0]
    )


def _is_by_sex_only(table: list[list[str]]) -> bool:
    """The former file: female and male columns, and no sex or people column."""
    names = {POPULATION_HEADERS.get(h.strip().lower()) for h in table[0]}
    return bool(names & {"female", "male"}) and not names & {"sex", "people", "age_band"}


class AreaCodes:
    """The areas an officer follows, by code; for any other code, why it is refused (every
    code is read once, on the first refusal, to tell another's area from a wrong code)."""

    def __init__(self, scope: Area):
        self.mine = {area.code: area for area in scope.with_descendants().exclude(code="")}
        self.known: set[str] | None = None

    def refusal(self, code: str) -> str:
        if not code:
            return _("Write the area's code.")
        if self.known is None:
            self.known = set(Area.objects.exclude(code="").values_list("code", flat=True))
        if code in self.known:
            return _("This area is outside the areas you follow.")
        return _("No area has this code.")


class _AreaYearForm(forms.Form):
    area_code = forms.CharField(required=False)
    year = WholeNumberCell(2000, 2100)

    def __init__(self, *args, areas: AreaCodes, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas

    def clean_area_code(self) -> str:
        code = self.cleaned_data["area_code"]
        self.cleaned_data["area"] = self.areas.mine.get(code)
        if self.cleaned_data["area"] is None:
            raise ValidationError(self.areas.refusal(code))
        return code


class PopulationRowForm(_AreaYearForm):
    """People of one area, year, sex and age band ("" for all ages)."""

    sex = forms.CharField(required=False)
    age_band = forms.CharField(required=False)
    people = WholeNumberCell(0, 5_000_000)

    def clean_sex(self) -> str:
        return sex_of(self.cleaned_data["sex"])

    def clean_age_band(self) -> str:
        word = folded(self.cleaned_data["age_band"]).replace(" ", "")
        word = word.replace("\u2013", "-").replace("\u2014", "-")
        if word not in AGE_BAND_WORDS:
            raise ValidationError(_("Write 0-14, 15-24, 25-44, 45-64 or 65+ (or leave it empty)."))
        return AGE_BAND_WORDS[word]


class PopulationBySexRowForm(_AreaYearForm):
    """The former file's row: an area's women and men of all ages."""

    female = WholeNumberCell(0, 5_000_000)
    male = WholeNumberCell(0, 5_000_000)


POPULATION_COLUMNS = Columns(
    names=POPULATION_HEADERS,
    required=POPULATION_REQUIRED,
    no_rows=gettext_lazy("The file has headers but no figures."),
)
BY_SEX_COLUMNS = Columns(
    names=POPULATION_HEADERS,
    required=BY_SEX_REQUIRED,
    no_rows=gettext_lazy("The file has headers but no figures."),
)


def preview_population(table: list[list[str]], *, scope: Area) -> Preview:
    """People by area, year, sex and age band (the wider denominator), for areas of the
    officer's own scope; the former file (women and men of all ages per area) too."""
    by_sex_only = bool(table) and _is_by_sex_only(table)
    return check_table(
        table,
        form_class=PopulationBySexRowForm if by_sex_only else PopulationRowForm,
        columns=BY_SEX_COLUMNS if by_sex_only else POPULATION_COLUMNS,
        form_kwargs={"areas": AreaCodes(scope)},
        check_rows=_each_population_figure_once,
    )


def _figures(data: dict) -> Iterator[tuple[str, str, int]]:
    """(sex, age band, people) a checked row gives: one, or two for the former file."""
    if "people" in data:
        yield data["sex"], data["age_band"], data["people"]
    else:
        yield from (("female", "", data["female"]), ("male", "", data["male"]))


def _each_population_figure_once(rows: list[Row]) -> None:
    """No figure twice; an area's people of a sex in a year for all ages or for every band."""
    seen: dict[tuple, int] = {}
    bands: dict[tuple, dict[str, int]] = defaultdict(dict)  # (area, year, sex) → band → row
    for row in rows:
        data = row.data
        if data.get("area") and {"year", "sex", "age_band"} <= data.keys():
            key = (data["area"].pk, data["year"], data["sex"])
            bands[key].setdefault(data["age_band"], row.row)
        if row.errors:
            continue
        keys = [(data["area"].pk, data["year"], sex, band) for sex, band, _n in _figures(data)]
        first = next((seen[key] for key in keys if key in seen), None)
        if first is not None:
            row.errors["area_code"] = _("Also on row %(row)s.") % {"row": first}
        for key in keys:
            seen.setdefault(key, row.row)
    by_row = {row.row: row for row in rows}
    for given in bands.values():
        earliest = by_row[min(given.values())]
        if "" in given and len(given) > 1:
            earliest.errors.setdefault(
                "age_band",
                _("This area's people of this sex and year are given both for all ages and by "
                  "age band (row %(row)s): keep one.") % {"row": max(given.values())},
            )  # fmt: skip
        elif "" not in given and len(given) < len(AgeBand):
            missing = ", ".join(band for band in AgeBand.values if band not in given)
            earliest.errors.setdefault(
                "age_band",
                _("Age bands missing for this area, sex and year: %(bands)s. Give every band, or "
                  "one row for all ages.") % {"bands": missing},
            )  # fmt: skip


@transaction.atomic
def import_population(result: Preview) -> int:
    """Save a valid preview's figures; those of an area, year and sex replace every figure kept
    for it (for all ages or by band). How many figures were saved."""
    if not result.is_valid:
        raise ValueError("Only a valid file can be imported.")
    figures = [
        AreaPopulation(
            area=row.data["area"], year=row.data["year"], sex=sex, age_band=band, people=people
        )
        for row in result.rows
        for sex, band, people in _figures(row.data)
    ]
    replaced: dict[tuple[int, str], set[int]] = defaultdict(set)  # (year, sex) → areas
    for figure in figures:
        replaced[(figure.year, figure.sex)].add(figure.area_id)
    for (year, sex), areas in replaced.items():
        AreaPopulation.objects.filter(year=year, sex=sex, area__in=areas).delete()
    AreaPopulation.objects.bulk_create(figures)
    return len(figures)
