"""Who may see and take a quiz: everyone, signed-in users, or the students of chosen classes."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from lms.accounts.models import Role
from quizzes import errors, services
from quizzes.models import Attempt
from quizzes.pages import Audience, QuizAudienceClass, QuizPage
from tests.factories import (
    ClassroomFactory,
    StudentFactory,
    TeacherFactory,
    UserFactory,
    enrol,
    make_question,
)
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    return client


def class_quiz(*classrooms) -> QuizPage:
    quiz = make_quiz(make_question(), audience=Audience.CLASSES)
    for order, classroom in enumerate(classrooms):
        QuizAudienceClass.objects.create(quiz=quiz, classroom=classroom, sort_order=order)
    return quiz


def test_public_quiz_rules_are_readable_without_an_account(api_client, client):
    quiz = make_quiz(make_question(), audience=Audience.PUBLIC)
    body = api_client.get(f"/api/v1/quizzes/{quiz.pk}/").json()
    assert body["audience"] == "public"
    assert body["may_take"] is False
    assert body["attempts_used"] == 0
    page = client.get(quiz.url)
    assert page.status_code == 200
    assert reverse("accounts:login") in page.content.decode()


def test_starting_any_quiz_needs_an_account(api_client):
    quiz = make_quiz(make_question(), audience=Audience.PUBLIC)
    response = api_client.post(f"/api/v1/quizzes/{quiz.pk}/attempts/")
    assert response.status_code in (401, 403)
    assert not Attempt.objects.exists()


def test_signed_in_quiz_sends_visitors_to_sign_in(api_client, client):
    quiz = make_quiz(make_question(), audience=Audience.SIGNED_IN)
    assert api_client.get(f"/api/v1/quizzes/{quiz.pk}/").status_code == 401
    page = client.get(quiz.url)
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))


def test_class_quiz_is_taken_by_its_classes_only(api_client):
    classroom, other = ClassroomFactory(), ClassroomFactory()
    member, outsider = StudentFactory(), StudentFactory()
    enrol(member, classroom)
    enrol(outsider, other)
    quiz = class_quiz(classroom)

    api_client.force_authenticate(outsider)
    refused = api_client.post(f"/api/v1/quizzes/{quiz.pk}/attempts/")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "not_in_audience"
    assert api_client.get(f"/api/v1/quizzes/{quiz.pk}/").status_code == 403

    api_client.force_authenticate(member)
    assert api_client.post(f"/api/v1/quizzes/{quiz.pk}/attempts/").status_code == 201
    assert list(Attempt.objects.values_list("user", flat=True)) == [member.pk]


def test_a_student_who_left_the_class_can_no_longer_start():
    classroom = ClassroomFactory()
    student = StudentFactory()
    membership = enrol(student, classroom)
    quiz = class_quiz(classroom)
    assert quiz.may_take(student)
    membership.left_at = timezone.now()
    membership.save()
    with pytest.raises(errors.NotInAudience):
        services.start_attempt(quiz=quiz, user=student, now=timezone.now())


def test_teachers_of_a_chosen_class_and_quiz_staff_may_open_it():
    teacher, other_teacher = TeacherFactory(), TeacherFactory()
    quiz = class_quiz(ClassroomFactory(teachers=[teacher]))
    assert quiz.may_view(teacher)
    assert not quiz.may_view(other_teacher)
    assert quiz.may_view(UserFactory(role=Role.EDITOR))


def test_class_quiz_page_tells_an_outsider_whom_it_is_for(client):
    quiz = class_quiz(ClassroomFactory())
    client.force_login(StudentFactory())
    page = client.get(quiz.url)
    assert page.status_code == 200
    assert 'role="status"' in page.content.decode()


def test_back_office_refuses_a_class_audience_without_a_class(admin_client):
    module = make_quiz(make_question()).get_parent()
    data = nested_form_data(
        {
            "title": "Kiểm tra lớp 8A",
            "slug": "kiem-tra-lop-8a",
            "intro": rich_text(""),
            "fixed_questions": inline_formset([]),
            "draws": inline_formset([]),
            "audience_classes": inline_formset([]),
            "attempts_allowed": 1,
            "grading_method": "highest",
            "pass_mark_percent": 70,
            "review_when": "immediately",
            "audience": "classes",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", module.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Choose at least one class" in response.content.decode() or (
        "Chọn ít nhất một lớp" in response.content.decode()
    )
    assert not QuizPage.objects.filter(slug="kiem-tra-lop-8a").exists()

    classroom = ClassroomFactory()
    data |= nested_form_data({"audience_classes": inline_formset([{"classroom": classroom.pk}])})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = QuizPage.objects.get(slug="kiem-tra-lop-8a")
    assert [row.classroom_id for row in created.audience_classes.all()] == [classroom.pk]
