"""The officer's reach dashboard: both measures side by side (pupils reached / enrolment, people
reached / population) against the target, drill-down, trend, projections (the pupils' at the
target year, each ward's date for the population measure), XLSX export of both. Scoped to the
officer's area and everything under it."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lms.accounts.models import Role
from lms.accounts.permissions import area_in_charge, role_required
from lms.core.errors import DomainError
from lms.core.spreadsheets import download, xlsx_sheets
from lms.core.uploads import UploadFlow
from lms.reach import enrolment, people, selectors
from lms.reach.models import ReachPolicy

NEXT_GROUP = {"area": "area", "school": "grade", "grade": "sex"}
CHART_WIDTH = 240


@role_required(Role.OFFICER, Role.ADMIN)
def dashboard(request):
    if request.user.area_id is None and not request.user.has_role(Role.ADMIN):
        refused = selectors.NoAreaInCharge()
        return render(request, "reach/dashboard.html", {"error": refused}, status=refused.status)
    try:
        query = selectors.resolve(user=request.user, params=request.GET)
    except selectors.AreaNotFound as missing:
        raise Http404(str(missing.message)) from missing
    except DomainError as refused:
        return render(request, "reach/dashboard.html", {"error": refused}, status=400)
    policy = ReachPolicy.current()
    area, school, group, as_of = query["area"], query["school"], query["group"], query["as_of"]
    measure = people.PeopleMeasure(policy=policy, area=area, as_of=as_of)
    place = {"area": area, "school": school, "as_of": as_of, "counted": measure.pupils}
    figures = selectors.breakdown(policy=policy, group=group, **place)
    people_figures = measure.breakdown(query["people_group"])
    if request.GET.get("format") == "xlsx":
        return _export(figures, people_figures, query)
    head = selectors.headline(policy=policy, **place)
    points = [
        (day, selectors.Figure("", "", reached, enrolled).percent)
        for day, reached, enrolled in selectors.trend(policy=policy, area=area)
    ]
    known = [(day, percent) for day, percent in points if percent is not None]
    target = policy.target_percent
    wards = people.ward_outlooks(measure, target=target)
    return render(
        request,
        "reach/dashboard.html",
        {
            "policy": policy,
            "area": area,
            "school": school,
            "group": group,
            "people_group": query["people_group"],
            "as_of": as_of,
            "head": head,
            "people_head": measure.headline(),
            "wards_without_figures": measure.wards_without_figures(),
            "figures": figures,
            "bars": _bars(figures),
            "people_bars": _bars(people_figures),
            "people_head_bar": _bars([measure.headline()])[0][1],
            "wards": [(row, _tile(row.figure, target)) for row in wards],
            "pace_weeks": people.PACE_WEEKS,
            "target_x": round(CHART_WIDTH * target / 100),
            "chart_width": CHART_WIDTH,
            "ancestors": _ancestors(query["scope"], area),
            "next_group": NEXT_GROUP.get(group),
            "trend_chart": _trend_chart(known, target),
            "trend": known,
            "projection": selectors.project(known, target=target, target_year=policy.target_year),
        },
    )


def _bars(figures) -> list:
    """Each figure with its bar's width in the chart's units (None: nothing to draw)."""
    return [
        (figure, round(CHART_WIDTH * min(float(figure.percent_shown), 100) / 100))
        if figure.percent_shown is not None
        else (figure, None)
        for figure in figures
    ]


def _tile(figure, target: int) -> str:
    """The ward tile's shade, by the share of the target reached (the tile also says it in
    words and figures: never colour alone)."""
    if figure.percent_shown is None:
        return "none"
    if figure.percent_shown >= target:
        return "done"
    return str(min(3, int(4 * figure.percent_shown / target)))


def _ancestors(scope, area):
    """The path from the officer's own area down to the one shown, for the breadcrumb."""
    return [a for a in area.get_ancestors() if a.path.startswith(scope.path)] + [area]


TREND = {"width": 360, "height": 200, "left": 44, "right": 12, "top": 12, "bottom": 36}


def _trend_chart(points, target: int) -> dict | None:
    """The weekly trend in SVG units: the line, the percent axis with its gridlines, the first and
    last weeks on the time axis, and the target line at its own percent. Coordinates are plain
    numbers; the template prints them unlocalised (a decimal comma would break the SVG)."""
    if len(points) < 2:
        return None
    box = TREND
    plot_w = box["width"] - box["left"] - box["right"]
    plot_h = box["height"] - box["top"] - box["bottom"]
    bottom = box["top"] + plot_h
    first, last = points[0][0], points[-1][0]
    span = max(1, (last - first).days)

    def x(day) -> float:
        return round(box["left"] + (day - first).days / span * plot_w, 1)

    def y(percent) -> float:
        return round(bottom - min(float(percent), 100) / 100 * plot_h, 1)

    return {
        **box,
        "plot_right": box["left"] + plot_w,
        "bottom_y": bottom,
        "points": " ".join(f"{x(day)},{y(percent)}" for day, percent in points),
        "dots": [(x(day), y(percent)) for day, percent in points],
        "ticks": [(percent, y(percent)) for percent in (0, 25, 50, 75, 100)],
        "target": target,
        "target_y": y(target),
        "target_label_y": round(y(target) - 4, 1),
        "tick_label_x": box["left"] - 6,
        "first": (first, x(first)),
        "last": (last, x(last)),
        "label_y": bottom + 16,
        "axis_title_y": box["height"] - 4,
    }


def _export(figures, people_figures, query) -> HttpResponse:
    """Both measures as a workbook, a sheet each; groups under 5 people show no numbers."""
    place = query["school"].name if query["school"] else query["area"].name
    day = query["as_of"].strftime("%d/%m/%Y")
    pupils = [
        [_("Pupils reached / enrolment in %(place)s on %(day)s") % {"place": place, "day": day}],
        [_("Group"), _("Reached"), _("Enrolled"), _("Percent")],
        *_sheet_rows(figures),
    ]
    ward = query["area"].name
    population = [
        [_("People reached / population in %(place)s on %(day)s") % {"place": ward, "day": day}],
        [_("Group"), _("Reached"), _("Population"), _("Percent")],
        *_sheet_rows(people_figures),
    ]
    book = xlsx_sheets(
        [
            (pgettext("reach measure", "Pupils"), pupils),
            (pgettext("reach measure", "People"), population),
        ]
    )
    return download(book, filename=f"tiep-can-{query['group']}-{query['as_of']}", kind="xlsx")


def _sheet_rows(figures) -> list[list]:
    rows = []
    for figure in figures:
        if figure.suppressed:
            rows.append([figure.label, _("fewer than 5"), figure.enrolled, None])
        else:
            percent = float(figure.percent) if figure.percent is not None else _("no data")
            rows.append([figure.label, figure.reached, figure.enrolled, percent])
    return rows


class FiguresUpload(UploadFlow):
    """Enrolment by school, or population by area: the headers say which."""

    folder = "enrolment"
    template_name = "reach/enrolment_import.html"

    def __init__(self, scope):
        self.area = scope

    def scope(self) -> str:
        return str(self.area.pk)

    def check(self, table):
        self.population = enrolment.is_population_table(table)
        if self.population:
            return enrolment.preview_population(table, scope=self.area)
        return enrolment.preview(table, scope=self.area)

    def save(self, preview) -> int:
        if self.population:
            return enrolment.import_population(preview)
        return enrolment.import_enrolment(preview)


@role_required(Role.OFFICER, Role.ADMIN)
def enrolment_import(request):
    """Upload, see every row's problems, import only when all are right (as for rosters)."""
    scope = area_in_charge(request.user)
    if scope is None:
        raise Http404
    return FiguresUpload(scope).handle(request, scope=scope)
