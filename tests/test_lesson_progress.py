"""Lesson progress: recorded for oneself only, idempotent, shared across translations."""

import pytest

from courses.models import LessonProgress
from lms.accounts.models import Role
from tests import pages
from tests.factories import StudentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _report(api_client, lesson_id, **body):
    return api_client.post(f"/api/v1/lessons/{lesson_id}/progress/", body, format="json")


def test_opening_a_lesson_marks_it_started(client):
    student, lesson = StudentFactory(), pages.lesson()
    client.force_login(student)
    client.get(lesson.url)
    progress = LessonProgress.objects.get(user=student)
    assert progress.lesson_key == lesson.translation_key
    assert progress.completed_at is None


def test_completion_is_idempotent_and_never_undone(api_client):
    student, lesson = StudentFactory(), pages.lesson()
    api_client.force_authenticate(student)
    first = _report(api_client, lesson.pk, seconds_spent=120, completed=True)
    assert first.status_code == 200
    assert first.json()["completed"] is True
    again = _report(api_client, lesson.pk, seconds_spent=120, completed=True)
    later = _report(api_client, lesson.pk, seconds_spent=60, completed=False)
    assert again.json()["completed_at"] == first.json()["completed_at"]
    assert later.json()["completed"] is True
    assert later.json()["seconds_spent"] == 120  # an older, smaller total does not count twice
    assert LessonProgress.objects.count() == 1


def test_time_reports_keep_the_largest_total(api_client):
    student, lesson = StudentFactory(), pages.lesson()
    api_client.force_authenticate(student)
    for seconds in (30, 90, 60):
        _report(api_client, lesson.pk, seconds_spent=seconds)
    assert LessonProgress.objects.get().seconds_spent == 90


@pytest.mark.parametrize(
    ("body", "field"),
    [({"seconds_spent": -5}, "seconds_spent"), ({"completed": "maybe"}, "completed")],
)
def test_bad_reports_name_the_field_and_save_nothing(api_client, body, field):
    api_client.force_authenticate(StudentFactory())
    response = _report(api_client, pages.lesson().pk, **body)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not LessonProgress.objects.exists()


def test_unpublished_or_unknown_lesson_is_404(api_client):
    api_client.force_authenticate(StudentFactory())
    draft = pages.lesson(live=False)
    assert _report(api_client, draft.pk, completed=True).status_code == 404
    assert _report(api_client, 999999, completed=True).json()["error"]["code"] == "lesson_not_found"
    assert not LessonProgress.objects.exists()


def test_progress_of_another_user_cannot_be_written(api_client):
    student, other = StudentFactory(), StudentFactory()
    lesson = pages.lesson()
    api_client.force_authenticate(student)
    _report(api_client, lesson.pk, completed=True, user=other.pk, user_id=other.pk)
    assert not LessonProgress.objects.filter(user=other).exists()
    assert LessonProgress.objects.get().user == student


def test_anonymous_report_is_refused(api_client):
    assert _report(api_client, pages.lesson().pk, completed=True).status_code == 401


def test_my_progress_lists_modules_and_lessons(api_client):
    student = StudentFactory()
    module = pages.module()
    first, _second = pages.lesson(module), pages.lesson(module)
    api_client.force_authenticate(student)
    _report(api_client, first.pk, completed=True)
    body = api_client.get("/api/v1/me/progress/").json()
    assert body["modules"] == [
        {
            "id": module.pk,
            "title": module.title,
            "is_core": True,
            "completed_lessons": 1,
            "total_lessons": 2,
            "percent": 50,
        }
    ]
    assert [row["lesson_id"] for row in body["lessons"]] == [first.pk]


def test_reading_the_english_copy_counts_for_the_same_lesson(api_client):
    student, lesson = StudentFactory(), pages.lesson()
    module = lesson.get_parent().specific
    pages.translate(module.get_parent().specific, slug="modules")
    pages.translate(module, slug="gender")
    english = pages.translate(lesson, slug="housework")
    api_client.force_authenticate(student)
    _report(api_client, english.pk, completed=True)
    _report(api_client, lesson.pk, completed=True)
    progress = LessonProgress.objects.get()
    assert progress.lesson_key == lesson.translation_key


def test_mark_complete_button_works_without_javascript_and_module_shows_progress(client):
    student = StudentFactory()
    module = pages.module()
    lesson, _other = pages.lesson(module), pages.lesson(module)
    client.force_login(student)
    response = client.post(f"/lessons/{lesson.pk}/complete/")
    assert response.status_code == 302
    assert LessonProgress.objects.get().completed_at is not None
    html = client.get(module.url).content.decode()
    assert 'value="1"' in html and 'max="2"' in html


def test_home_page_offers_to_continue_where_you_left_off(client):
    student, lesson = StudentFactory(), pages.lesson(title="Bài đang đọc dở")
    client.force_login(student)
    client.get(lesson.url)
    html = client.get("/").content.decode()
    assert "Bài đang đọc dở" in html


def test_teacher_previewing_a_lesson_is_recorded_too_but_never_blocks(client):
    client.force_login(UserFactory(role=Role.TEACHER))
    assert client.get(pages.lesson().url).status_code == 200


def test_a_tab_left_open_for_hours_is_counted_as_four_hours_at_most(api_client):
    api_client.force_authenticate(StudentFactory())
    response = _report(api_client, pages.lesson().pk, seconds_spent=50_000)
    assert response.status_code == 200
    assert response.json()["seconds_spent"] == 4 * 60 * 60
