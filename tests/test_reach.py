"""Reach: the rule's table of cases, records kept by events equal to a full recompute, regrades
moving reach both ways, small groups hidden, officers kept to their area, bad parameters named."""

import io
import re
import uuid
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from courses.services import record_lesson_progress
from lms.accounts.models import Role, SchoolEnrolment, Sex
from lms.reach import selectors, services
from lms.reach.models import Reached, ReachPolicy, Rule
from lms.reach.policy import CoreModule, Facts, reached_at
from lms.reach.population import population_of
from lms.reach.snapshots import take_snapshot
from quizzes import services as quiz_services
from quizzes.models import QuestionChoice
from tests.factories import (
    UserFactory,
    build_city,
    city_student,
    reach_some,
    read_lessons,
    take_check,
)

pytestmark = pytest.mark.django_db

T0 = timezone.now() - timedelta(days=10)
L1, L2, Q1 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
MODULE = CoreModule(frozenset({L1, L2}), frozenset({Q1}))


def _at(days: int):
    return T0 + timedelta(days=days)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (Facts(), None),
        (Facts({L1: _at(1), L2: _at(2)}), None),  # check not passed
        (Facts({L1: _at(1)}, [(Q1, Decimal(90), 70, _at(3))]), None),  # a lesson unread
        (Facts({L1: _at(1), L2: _at(2)}, [(Q1, Decimal(60), 70, _at(3))]), None),  # below mark
        (Facts({L1: _at(1), L2: _at(5)}, [(Q1, Decimal(70), 70, _at(3))]), _at(5)),
        (
            Facts(
                {L1: _at(1), L2: _at(2)},
                [(Q1, Decimal(50), 70, _at(3)), (Q1, Decimal(80), 70, _at(4))],
            ),
            _at(4),
        ),
    ],
)
def test_core_modules_rule(facts, expected):
    assert (
        reached_at(rule=Rule.CORE_MODULES, min_percent=80, core_modules=[MODULE], facts=facts)
        == expected
    )


def test_no_core_module_reaches_no_one_and_the_any_quiz_rule_needs_its_score():
    facts = Facts({}, [(Q1, Decimal(75), 50, _at(1)), (Q1, Decimal(85), 50, _at(2))])
    assert reached_at(rule=Rule.CORE_MODULES, min_percent=80, core_modules=[], facts=facts) is None
    assert reached_at(rule=Rule.ANY_QUIZ_SCORE, min_percent=80, core_modules=[], facts=facts) == (
        _at(2)
    )
    assert (
        reached_at(rule=Rule.ANY_QUIZ_SCORE, min_percent=90, core_modules=[], facts=facts) is None
    )


@pytest.fixture
def city():
    return build_city()


def test_reading_and_passing_makes_a_reached_record_with_its_groups(city):
    student = city_student(city, 0)
    read_lessons(student, city)
    assert not Reached.objects.exists()
    take_check(student, city["check"], right=True)
    record = Reached.objects.get()
    assert (record.school, record.grade, record.sex) == (city["schools"][0], 8, Sex.FEMALE)
    assert record.school.area == city["wards"][0]


def test_scored_attempts_are_recounted_in_one_batch_by_the_task_worker(city, settings):
    """With a real queue, a deadline's worth of scores asks for one deferred task per window,
    and that task (or the worker's every-minute run, for a lost task) recounts them all."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from lms.reach.models import PendingRecount

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    services._batch_asked_until = 0.0
    city["check"].attempts_allowed = 0  # as many as they like
    students = [city_student(city, n % 2) for n in range(3)]
    for student in students:
        read_lessons(student, city)
        take_check(student, city["check"], right=True)
        take_check(student, city["check"], right=True)  # queued once however often scored
    assert not Reached.objects.exists()
    assert PendingRecount.objects.count() == 3
    queued = DBTaskResult.objects.get(task_path="lms.reach.tasks.refresh_pending_task")
    assert queued.run_after > timezone.now()
    from lms.reach.tasks import refresh_pending_task

    assert refresh_pending_task.call() == 3
    assert Reached.objects.count() == 3 and not PendingRecount.objects.exists()
    services._batch_asked_until = 0.0
    take_check(students[0], city["check"], right=False)  # a later failing attempt changes nothing
    call_command("refresh_pending_reach", stdout=io.StringIO())
    assert Reached.objects.count() == 3 and not PendingRecount.objects.exists()


def test_a_regrade_across_the_pass_mark_moves_reach_both_ways(city):
    student = city_student(city, 0)
    read_lessons(student, city)
    attempt = take_check(student, city["check"], right=False)
    assert not Reached.objects.exists()
    question = city["question"]
    chosen = attempt.answers.get().value
    QuestionChoice.objects.filter(question=question).update(is_correct=False)
    QuestionChoice.objects.filter(pk=chosen).update(is_correct=True)
    quiz_services.regrade_question(question=question, by=None, now=timezone.now())
    assert Reached.objects.filter(user=student).exists()
    QuestionChoice.objects.filter(question=question).update(is_correct=True)
    QuestionChoice.objects.filter(pk=chosen).update(is_correct=False)
    quiz_services.regrade_question(question=question, by=None, now=timezone.now())
    assert not Reached.objects.filter(user=student).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="run on PostgreSQL, as CI does")
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    plan=st.lists(
        st.tuples(st.integers(0, 1), st.sets(st.integers(0, 1)), st.sampled_from([None, 0, 1])),
        min_size=1,
        max_size=6,
    )
)
def test_records_kept_by_events_equal_a_full_recompute(django_db_blocker, plan):
    """Random pupils read random lessons and take the check right, wrong or not at all."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        city = _city_for_hypothesis()
        for ward, read, outcome in plan:
            student = city_student(city, ward)
            for index in read:
                record_lesson_progress(
                    user=student,
                    lesson=city["lessons"][index],
                    now=timezone.now(),
                    completed=True,
                )
            if outcome is not None:
                take_check(student, city["check"], right=bool(outcome))
        by_events = set(Reached.objects.values_list("user_id", "reached_at", "school_id"))
        services.recompute()
        by_recompute = set(Reached.objects.values_list("user_id", "reached_at", "school_id"))
        assert by_events == by_recompute
        transaction.set_rollback(True)


def _city_for_hypothesis():
    from django.core.cache import cache

    cache.clear()  # the core modules of the previous example are gone with its rollback
    return build_city(enrolment=False)


def test_officers_see_only_their_area_and_others_see_nothing(client, city):
    reach_some(city)
    officer = UserFactory(role=Role.OFFICER, area=city["wards"][0])
    client.force_login(officer)
    own = client.get("/reach/", {"area": city["wards"][0].pk})
    assert own.status_code == 200
    assert client.get("/reach/", {"area": city["wards"][1].pk}).status_code == 404
    assert client.get("/reach/", {"school": city["schools"][1].pk}).status_code == 404
    for role in (Role.TEACHER, Role.STUDENT):
        client.force_login(UserFactory(role=role))
        assert client.get("/reach/").status_code in (302, 403)


def test_city_figures_drill_down_and_export_hiding_small_groups(client, city):
    reach_some(city)
    take_snapshot(day=timezone.localdate() - timedelta(days=7))
    client.force_login(UserFactory(role=Role.OFFICER, area=city["root"]))
    page = client.get("/reach/").content.decode()
    assert "22,5%" in page  # 9 of 40 enrolled, in Vietnamese
    by_ward = {f.label: f for f in client.get("/reach/").context["figures"]}
    assert by_ward["Phường Ninh Kiều"].percent == Decimal("30.0")
    export = client.get("/reach/", {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][0].startswith(f"Học sinh đã tiếp cận / sĩ số tại {city['root'].name} ngày ")
    assert rows[1] == ("Nhóm", "Đã tiếp cận", "Số học sinh", "Tỉ lệ")
    figures = {row[0]: row[1:] for row in rows[2:]}
    assert figures["Phường Ninh Kiều"] == (6, 20, 30)
    assert figures["Phường Cái Răng"] == ("ít hơn 5", 20, None)  # 3 people: hidden
    by_sex = client.get("/reach/", {"school": city["schools"][0].pk, "group": "sex"})
    assert {f.key: f.reached for f in by_sex.context["figures"]} == {"female": 3, "male": 3}


def test_groups_under_five_are_withheld_on_the_page_and_in_the_api_too(client, api_client, city):
    reach_some(city)
    officer = UserFactory(role=Role.OFFICER, area=city["root"])
    client.force_login(officer)
    page = client.get("/reach/").content.decode()
    row = page[page.index("Phường Cái Răng") :].split("</tr>")[0]
    assert "ít hơn 5" in row and ">3<" not in row
    api_client.force_authenticate(officer)
    groups = {g["label"]: g for g in api_client.get("/api/v1/reach/").json()["groups"]}
    small = groups["Phường Cái Răng"]
    assert (small["reached"], small["percent"], small["suppressed"]) == (None, None, True)
    assert groups["Phường Ninh Kiều"]["reached"] == 6


def test_bad_parameters_are_named(api_client, city):
    api_client.force_authenticate(UserFactory(role=Role.OFFICER, area=city["root"]))
    for params, name in (
        ({"group": "tinh"}, "group"),
        ({"date": "26/11/2026"}, "date"),
        ({"area": "abc"}, "area"),
    ):
        response = api_client.get("/api/v1/reach/", params)
        assert response.status_code == 400 and name in response.json()["error"]["fields"]
    assert api_client.get("/api/v1/reach/", {"area": 999999}).status_code == 404
    ok = api_client.get("/api/v1/reach/", {"group": "school"}).json()
    assert ok["target_percent"] == 80 and len(ok["groups"]) == 2


def test_missing_enrolment_shows_no_data_not_an_error(client, city):
    SchoolEnrolment.objects.filter(school=city["schools"][1]).delete()
    client.force_login(UserFactory(role=Role.OFFICER, area=city["root"]))
    figures = {f.label: f for f in client.get("/reach/").context["figures"]}
    assert figures["Phường Cái Răng"].percent is None
    assert "không có số liệu" in client.get("/reach/").content.decode()


def test_projection_follows_the_recent_weekly_pace():
    today = timezone.localdate()
    points = [(today - timedelta(weeks=w), Decimal(50 - w)) for w in range(4, -1, -1)]
    on_pace = selectors.project(points, target=80, target_year=today.year + 5)
    assert on_pace.on_track and on_pace.projected_percent == 100
    flat = [(today - timedelta(weeks=w), Decimal(30)) for w in range(3)]
    assert not selectors.project(flat, target=80, target_year=today.year + 4).on_track
    assert selectors.project(flat[:1], target=80, target_year=2030).projected_percent is None


def test_policy_change_and_full_recompute(city):
    student = city_student(city, 0)
    attempt = take_check(student, city["check"], right=True)
    assert not Reached.objects.exists()  # lessons unread
    ReachPolicy.objects.create(rule=Rule.ANY_QUIZ_SCORE, min_percent=100)
    assert services.recompute() == 1
    assert Reached.objects.get().reached_at == attempt.submitted_at


def test_home_page_shows_the_city_figure_only_once_five_are_reached(client, city):
    from django.core.cache import cache

    reach_some(city, per_ward=(2, 1))
    cache.delete("reach:public")
    assert "reach-summary" not in client.get("/").content.decode()
    reach_some(city, per_ward=(2, 0))
    cache.delete("reach:public")
    page = client.get("/").content.decode()
    assert "reach-summary" in page and "12,5%" in page  # 5 of 40 enrolled
    assert "Ninh Kiều" not in page  # no breakdown in public


def _sheet(rows) -> io.BytesIO:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "so-hoc-sinh.xlsx"
    return buffer


def test_officers_import_enrolment_of_their_area_all_or_nothing(client, city):
    own, other = city["schools"]
    own.code, other.code = "NK01", "CR01"
    own.save()
    other.save()
    client.force_login(UserFactory(role=Role.OFFICER, area=city["wards"][0]))
    header = ["Mã trường", "Năm học", "Khối", "Giới tính", "Số học sinh"]
    bad = client.post(
        "/reach/enrolment/",
        {"file": _sheet([header, ["NK01", 2026, 6, "nữ", 35], ["CR01", 2026, 6, "nam", 30]])},
    )
    result = bad.context["result"]
    assert not result.is_valid and "school_code" in result.rows[1].errors  # another ward's
    assert not SchoolEnrolment.objects.filter(grade=6).exists()
    good = client.post("/reach/enrolment/", {"file": _sheet([header, ["NK01", 2026, 6, "nữ", 35]])})
    client.post("/reach/enrolment/", {"stored": good.context["stored"]})
    assert SchoolEnrolment.objects.get(school=own, grade=6).pupils == 35


def test_changing_the_policy_saves_a_new_version_and_recounts(client, city):
    student = city_student(city, 0)
    take_check(student, city["check"], right=True)
    first = ReachPolicy.current()
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    client.post(
        f"/admin/reach_policy/edit/{first.pk}/",
        {"rule": Rule.ANY_QUIZ_SCORE, "min_percent": 50, "target_percent": 80, "target_year": 2030},
    )
    first.refresh_from_db()
    assert first.rule == Rule.CORE_MODULES  # the old version is unchanged
    current = ReachPolicy.current()
    assert current.pk != first.pk and current.rule == Rule.ANY_QUIZ_SCORE
    assert Reached.objects.filter(policy=current, user=student).exists()


def test_officers_import_the_population_of_their_areas(client, city):
    ward, other = city["wards"]
    ward.code, other.code = "31117", "31150"
    ward.save()
    other.save()
    client.force_login(UserFactory(role=Role.OFFICER, area=ward))
    header = ["Mã địa bàn", "Năm", "Nữ", "Nam giới"]
    bad = client.post("/reach/enrolment/", {"file": _sheet([header, ["31150", 2025, 9000, 8800]])})
    assert "area_code" in bad.context["result"].rows[0].errors
    good = client.post("/reach/enrolment/", {"file": _sheet([header, ["31117", 2025, 9000, 8800]])})
    client.post("/reach/enrolment/", {"stored": good.context["stored"]})
    assert population_of([ward.pk], 2025) == {ward.pk: 17800}


def test_opening_a_place_shows_the_next_level_down_without_choosing(client, city):
    """City → its wards, ward → its schools, school → its grades: never "no figures" first."""
    reach_some(city)
    client.force_login(UserFactory(role=Role.OFFICER, area=city["root"]))
    ward, school = city["wards"][0], city["schools"][0]
    city_page = client.get("/reach/")
    assert city_page.context["group"] == "area"
    ward_page = client.get("/reach/", {"area": ward.pk})
    assert ward_page.context["group"] == "school"
    assert [f.label for f in ward_page.context["figures"]] == [school.name]
    assert f'href="?school={school.pk}&amp;' in ward_page.content.decode()
    assert client.get("/reach/", {"school": school.pk}).context["group"] == "grade"
    assert selectors.default_group(area=ward) == "school"


class _SvgNumbers(HTMLParser):
    """The coordinate attributes of every SVG element, and the data-value of table cells."""

    COORDINATES = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height"}

    def __init__(self):
        super().__init__()
        self.in_svg = 0
        self.coordinates: list[tuple[str, str, str]] = []
        self.data_values: list[str] = []
        self.target_lines: list[dict] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "svg":
            self.in_svg += 1
        if self.in_svg:
            for name, value in values.items():
                if name in self.COORDINATES or name in ("viewbox", "points"):
                    self.coordinates.append((tag, name, value))
            if tag == "line" and "data-target-line" in values:
                self.target_lines.append(values)
        if "data-value" in values:
            self.data_values.append(values["data-value"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self.in_svg -= 1

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg -= 1


def test_trend_chart_puts_the_target_line_at_80_percent_with_no_decimal_comma(client, city):
    reach_some(city)
    take_snapshot(day=timezone.localdate() - timedelta(days=7))
    take_snapshot()
    client.force_login(UserFactory(role=Role.OFFICER, area=city["root"]))
    response = client.get("/reach/")  # in Vietnamese, where 24.5 would print as "24,5"
    chart = response.context["trend_chart"]
    page = _SvgNumbers()
    page.feed(response.content.decode())
    number = re.compile(r"^-?\d+(\.\d+)?$")
    for tag, name, value in page.coordinates:
        if name == "points":
            assert all(
                number.match(x) and number.match(y)
                for x, y in (pair.split(",") for pair in value.split())
            ), value
        else:
            assert all(number.match(part) for part in value.split()), (tag, name, value)
    day = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    assert page.data_values
    assert all(v == "" or number.match(v) or day.match(v) for v in page.data_values)
    (line,) = page.target_lines
    plot_height = chart["bottom_y"] - chart["top"]
    assert (
        float(line["y1"])
        == float(line["y2"])
        == pytest.approx(chart["bottom_y"] - 0.8 * plot_height, abs=0.1)
    )
    assert "Chỉ tiêu 80%" in response.content.decode()
    assert len(response.context["trend"]) == 2  # and the same figures in the table beside it
    assert "<table data-sortable>" in response.content.decode()


def test_an_officer_without_an_area_is_told_what_to_do_not_sent_to_a_missing_page(client, city):
    client.force_login(UserFactory(role=Role.OFFICER, area=None))
    page = client.get("/reach/")
    assert page.status_code == 403
    assert "Tài khoản của bạn chưa được gán địa bàn theo dõi" in page.content.decode()
