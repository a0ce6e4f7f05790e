"""The officer's reach dashboard: headline against the target, drill-down, trend, projection,
XLSX export. Scoped to the officer's area and everything under it."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lms.accounts.models import Role
from lms.accounts.permissions import area_in_charge, role_required
from lms.core.errors import DomainError
from lms.core.spreadsheets import download, xlsx_bytes
from lms.core.uploads import UploadFlow
from lms.reach import enrolment, selectors
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
    figures = selectors.breakdown(policy=policy, area=area, group=group, as_of=as_of, school=school)
    if request.GET.get("format") == "xlsx":
        return _export(figures, group, area, school, as_of)
    head = selectors.headline(policy=policy, area=area, school=school, as_of=as_of)
    points = [
        (day, selectors.Figure("", "", reached, enrolled).percent)
        for day, reached, enrolled in selectors.trend(policy=policy, area=area)
    ]
    known = [(day, percent) for day, percent in points if percent is not None]
    return render(
        request,
        "reach/dashboard.html",
        {
            "policy": policy,
            "area": area,
            "school": school,
            "group": group,
            "as_of": as_of,
            "head": head,
            "figures": figures,
            "bars": [
                (figure, round(CHART_WIDTH * min(float(figure.percent_shown), 100) / 100))
                if figure.percent_shown is not None
                else (figure, None)
                for figure in figures
            ],
            "target_x": round(CHART_WIDTH * policy.target_percent / 100),
            "chart_width": CHART_WIDTH,
            "ancestors": _ancestors(query["scope"], area),
            "next_group": NEXT_GROUP.get(group),
            "trend_chart": _trend_chart(known, policy.target_percent),
            "trend": known,
            "projection": selectors.project(
                known, target=policy.target_percent, target_year=policy.target_year
            ),
        },
    )


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


def _export(figures, group: str, area, school, as_of) -> HttpResponse:
    """Figures as a spreadsheet; groups under 5 people show no numbers."""
    place = school.name if school else area.name
    rows = [
        [_("Reach in %(place)s on %(day)s") % {"place": place, "day": as_of.strftime("%d/%m/%Y")}],
        [_("Group"), _("Reached"), _("Enrolled"), _("Percent")],
    ]
    for figure in figures:
        if figure.suppressed:
            rows.append([figure.label, _("fewer than 5"), figure.enrolled, None])
        else:
            percent = float(figure.percent) if figure.percent is not None else _("no data")
            rows.append([figure.label, figure.reached, figure.enrolled, percent])
    return download(
        xlsx_bytes(rows, title=_("Reach")), filename=f"tiep-can-{group}-{as_of}", kind="xlsx"
    )


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
