"""An area's people move from three columns of Area (women, men, their year) to AreaPopulation
rows (area, year, sex, age band), which also hold figures by age band.

Forward, each area's women and men become two all-ages figures of their year (an area with
figures but no year gets this year's: the old form allowed it); a figure already imported for the
same area, year and sex is kept. Backward, each area gets back the women and men of its latest
year with figures: the all-ages figure of a sex, or the sum of its age bands when it has none.
Administrators manage the figures in the back office as they did the columns; officers, who
import them, may read and correct them there too (as enrolment figures).
"""

from datetime import date

from django.db import migrations
from django.db.models import Q

from lms.core.migration_support import grant_permissions

COLUMNS = (("female", "population_female"), ("male", "population_male"))
PERMISSIONS = {
    "admin": [f"{action}_areapopulation" for action in ("add", "change", "delete", "view")],
    "officer": [f"{action}_areapopulation" for action in ("add", "change", "view")],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "accounts", PERMISSIONS)


def columns_to_figures(apps, schema_editor):
    Area = apps.get_model("accounts", "Area")
    AreaPopulation = apps.get_model("accounts", "AreaPopulation")
    this_year = date.today().year
    figures = [
        AreaPopulation(
            area_id=area.pk,
            year=area.population_year or this_year,
            sex=sex,
            age_band="",
            people=getattr(area, column),
        )
        for area in Area.objects.filter(
            Q(population_female__isnull=False) | Q(population_male__isnull=False)
        )
        for sex, column in COLUMNS
        if getattr(area, column) is not None
    ]
    AreaPopulation.objects.bulk_create(figures, ignore_conflicts=True)


def figures_to_columns(apps, schema_editor):
    Area = apps.get_model("accounts", "Area")
    AreaPopulation = apps.get_model("accounts", "AreaPopulation")
    latest: dict[int, int] = {}
    rows = AreaPopulation.objects.filter(sex__in=[sex for sex, _ in COLUMNS]).order_by("-year")
    by_area: dict[int, dict[str, dict[str, int]]] = {}
    for area_id, year, sex, band, people in rows.values_list(
        "area_id", "year", "sex", "age_band", "people"
    ):
        if latest.setdefault(area_id, year) != year:
            continue
        by_area.setdefault(area_id, {}).setdefault(sex, {})[band] = people
    for area_id, sexes in by_area.items():
        people = {
            sex: bands[""] if "" in bands else sum(bands.values()) for sex, bands in sexes.items()
        }
        Area.objects.filter(pk=area_id).update(
            population_female=people.get("female"),
            population_male=people.get("male"),
            population_year=latest[area_id],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_population_by_sex_and_age_band"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(columns_to_figures, figures_to_columns),
        migrations.RemoveField(model_name="area", name="population_female"),
        migrations.RemoveField(model_name="area", name="population_male"),
        migrations.RemoveField(model_name="area", name="population_year"),
    ]
