"""A teacher on a 360 px phone: the roster reads as a list with each student's actions behind
"Thao tác" (tap targets of 44 px), giving the whole class new passwords asks first and names how
many, the progress heat map ends with the whole-class row, and "select all" ticks every student.
Screenshots of the roster and the progress page go to tests/e2e/screenshots/ (ignored by git)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lms.accounts.models import User
from lms.teaching import assignments
from quizzes import services
from tests.factories import (
    ClassroomFactory,
    StudentFactory,
    TeacherFactory,
    enrol,
    make_question,
)
from tests.pages import make_quiz

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
NAMES = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Khánh", "Lan", "Long", "Mai", "Minh"]


def _fits_the_phone(page) -> None:
    wider = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 360)"
        ".map(e => e.tagName + '.' + e.className)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, wider


def _at_least_44(locator) -> None:
    box = locator.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box


def test_a_teacher_manages_a_class_of_16_on_a_phone(live_server, phone, sign_in, axe):
    teacher = TeacherFactory(display_name="Cô Hạnh")
    classroom = ClassroomFactory(teachers=[teacher], name="7A")
    ClassroomFactory(teachers=[teacher], name="7B", school=classroom.school)
    students = []
    for n in range(16):
        name = f"{NAMES[n % len(NAMES)]} Nguyễn Thị Thanh Hương {n + 1}"
        students.append(StudentFactory(display_name=name))
        enrol(students[-1], classroom)
    now = timezone.now()
    quiz = make_quiz(make_question())
    assignments.assign(
        classroom=classroom,
        by=teacher,
        opens_at=now - timedelta(days=7),
        due_at=now - timedelta(days=1),
        quiz=quiz,
    )
    for student in students[:5]:
        attempt = services.start_attempt(quiz=quiz, user=student, now=now)
        services.submit_attempt(attempt_id=attempt.pk, now=now)
    passwords = {s.pk: s.password for s in User.objects.filter(pk__in=[s.pk for s in students])}
    SCREENSHOTS.mkdir(exist_ok=True)

    sign_in(phone, live_server.url, teacher.username)
    phone.goto(live_server.url + f"/teacher/classes/{classroom.pk}/")
    expect(phone.locator(".pupil")).to_have_count(16)
    _fits_the_phone(phone)
    menus = phone.locator(".pupil-actions summary")
    _at_least_44(menus.first)
    _at_least_44(menus.last)
    menus.first.click()
    first = phone.locator(".pupil-actions").first
    for link in (first.get_by_role("link", name="Mật khẩu mới"), first.get_by_role("button")):
        _at_least_44(link)
    _fits_the_phone(phone)
    axe(phone)
    phone.screenshot(path=str(SCREENSHOTS / "teacher-roster-360.png"), full_page=True)

    phone.get_by_role("link", name="Mật khẩu mới cho cả lớp").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Đặt mật khẩu mới cho 16 học sinh của lớp 7A?"
    )
    assert {s.pk: s.password for s in User.objects.filter(pk__in=passwords)} == passwords
    axe(phone)
    phone.get_by_role("button", name="Đặt mật khẩu mới").click()
    expect(phone.get_by_text("Đã có mật khẩu mới: hãy in thẻ đăng nhập.")).to_be_visible()
    changed = {s.pk: s.password for s in User.objects.filter(pk__in=passwords)}
    assert all(changed[pk] != passwords[pk] for pk in passwords)

    phone.goto(live_server.url + f"/teacher/classes/{classroom.pk}/progress/")
    summary = phone.locator("tr.summary-row")
    expect(summary).to_contain_text("Cả lớp")
    expect(summary).to_contain_text("Đã xong 5/16")
    expect(summary).to_contain_text("Trễ hạn 16")
    expect(phone.locator(".progress-matrix .overdue")).to_have_count(11)
    _fits_the_phone(phone)
    axe(phone)
    phone.screenshot(path=str(SCREENSHOTS / "teacher-progress-360.png"), full_page=True)

    phone.goto(live_server.url + f"/teacher/classes/{classroom.pk}/assignments/new/")
    phone.get_by_label("Chọn tất cả").check()
    expect(phone.locator(".student-choices ul input:checked")).to_have_count(16)
    _fits_the_phone(phone)
    axe(phone)
