"""Assignments: the status rule, validation, extensions the quiz engine honours, and the class's
progress gathered in a fixed number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.services import record_lesson_progress
from lms.teaching import assignments
from lms.teaching.assignments import Status
from quizzes import errors, services
from quizzes.pages import Audience
from tests import pages
from tests.factories import ClassroomFactory, StudentFactory, TeacherFactory, enrol, make_question
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db

NOW = timezone.now()
DUE = NOW + timedelta(days=7)


@pytest.mark.parametrize(
    ("started", "done_at", "now", "expected"),
    [
        (False, None, NOW, Status.NOT_STARTED),
        (True, None, NOW, Status.IN_PROGRESS),
        (True, NOW, NOW, Status.DONE),
        (True, DUE, NOW, Status.DONE),  # on the due date itself is in time
        (True, DUE + timedelta(seconds=1), DUE + timedelta(days=1), Status.LATE),
        (False, None, DUE + timedelta(seconds=1), Status.LATE),
        (True, None, DUE + timedelta(seconds=1), Status.LATE),
    ],
)
def test_status_of_an_assignment(started, done_at, now, expected):
    assert assignments.status(started=started, done_at=done_at, due_at=DUE, now=now) == expected


@pytest.fixture
def teacher_class():
    teacher = TeacherFactory()
    classroom = ClassroomFactory(teachers=[teacher])
    return teacher, classroom


def test_a_due_date_before_the_opening_date_names_the_field(teacher_class):
    teacher, classroom = teacher_class
    with pytest.raises(assignments.BadAssignment) as refused:
        assignments.assign(
            classroom=classroom, by=teacher, opens_at=DUE, due_at=NOW, quiz=make_quiz()
        )
    assert "due_at" in refused.value.fields


def test_students_and_extensions_must_belong_to_the_class(teacher_class):
    teacher, classroom = teacher_class
    outsider = StudentFactory()
    with pytest.raises(assignments.BadAssignment) as refused:
        assignments.assign(
            classroom=classroom,
            by=teacher,
            opens_at=NOW,
            due_at=DUE,
            quiz=make_quiz(),
            students=[outsider],
        )
    assert "students" in refused.value.fields
    given = assignments.assign(
        classroom=classroom, by=teacher, opens_at=NOW, due_at=DUE, quiz=make_quiz()
    )
    with pytest.raises(assignments.BadAssignment) as refused:
        assignments.extend(assignment=given, student=outsider, due_at=DUE + timedelta(days=1))
    assert "student" in refused.value.fields


def test_the_quiz_engine_honours_an_extension(teacher_class):
    teacher, classroom = teacher_class
    late, on_time = StudentFactory(), StudentFactory()
    enrol(late, classroom)
    enrol(on_time, classroom)
    quiz = make_quiz(make_question(), time_limit_minutes=10, closes_at=NOW + timedelta(hours=1))
    given = assignments.assign(
        classroom=classroom, by=teacher, opens_at=NOW, due_at=NOW + timedelta(hours=1), quiz=quiz
    )
    assignments.extend(
        assignment=given, student=late, due_at=NOW + timedelta(days=2), extra_minutes=5
    )
    after_close = NOW + timedelta(hours=2)
    with pytest.raises(errors.QuizClosed):
        services.start_attempt(quiz=quiz, user=on_time, now=after_close)
    attempt = services.start_attempt(quiz=quiz, user=late, now=after_close)
    assert attempt.deadline == after_close + timedelta(minutes=15)


def test_assigning_a_class_quiz_lets_the_class_take_it(teacher_class):
    teacher, classroom = teacher_class
    student = StudentFactory()
    enrol(student, classroom)
    quiz = make_quiz(make_question(), audience=Audience.CLASSES)
    assert not quiz.may_take(student)
    assignments.assign(classroom=classroom, by=teacher, opens_at=NOW, due_at=DUE, quiz=quiz)
    assert quiz.may_take(student)


def _class_of(size: int, teacher):
    classroom = ClassroomFactory(teachers=[teacher])
    students = [StudentFactory() for _ in range(size)]
    for student in students:
        enrol(student, classroom)
    return classroom, students


def test_progress_matrix_makes_the_same_queries_for_10_and_60_students():
    teacher = TeacherFactory()
    module = pages.module()
    lesson_a = pages.lesson(module, title="Bài 1")
    pages.lesson(module, title="Bài 2")
    quiz = make_quiz(make_question(), pass_mark_percent=50)
    counts = []
    for size in (10, 60):
        classroom, students = _class_of(size, teacher)
        assignments.assign(classroom=classroom, by=teacher, opens_at=NOW, due_at=DUE, module=module)
        assignments.assign(classroom=classroom, by=teacher, opens_at=NOW, due_at=DUE, quiz=quiz)
        record_lesson_progress(user=students[0], lesson=lesson_a, now=NOW, completed=True)
        attempt = services.start_attempt(quiz=quiz, user=students[1], now=NOW)
        services.submit_attempt(attempt_id=attempt.pk, now=NOW)
        with CaptureQueriesContext(connection) as queries:
            progress = assignments.class_progress(classroom=classroom, now=NOW)
        counts.append(len(queries))
        assert len(progress.rows) == size
    assert counts[0] == counts[1] <= 8


def test_a_module_is_done_when_every_lesson_is_read_and_its_check_passed():
    teacher = TeacherFactory()
    module = pages.module()
    lessons = [pages.lesson(module, title=f"Bài {n}") for n in (1, 2)]
    check = make_quiz(make_question(), parent=module, pass_mark_percent=50)
    classroom, (student,) = _class_of(1, teacher)
    assignments.assign(classroom=classroom, by=teacher, opens_at=NOW, due_at=DUE, module=module)

    def cell():
        return assignments.class_progress(classroom=classroom, now=NOW).rows[0].cells[0]

    assert cell().status == Status.NOT_STARTED and cell().lessons_total == 2
    for lesson in lessons:
        record_lesson_progress(user=student, lesson=lesson, now=NOW, completed=True)
    assert cell().status == Status.IN_PROGRESS  # the knowledge check is still to pass
    attempt = services.start_attempt(quiz=check, user=student, now=NOW)
    entry = attempt.entry(1)
    services.save_answer(
        attempt_id=attempt.pk,
        user=student,
        slot=1,
        value=entry["key"]["correct_choice_ids"][0],
        sequence=1,
        now=NOW,
    )
    services.submit_attempt(attempt_id=attempt.pk, now=NOW)
    done = cell()
    assert (done.status, done.lessons_done, done.best_percent) == (
        Status.DONE,
        2,
        Decimal("100.00"),
    )


def test_the_english_copy_of_an_assigned_check_counts_and_honours_the_extension():
    teacher = TeacherFactory()
    module = pages.module()
    check = make_quiz(make_question(), parent=module, time_limit_minutes=10)
    curriculum = module.get_parent().specific  # its parent, the home page, has an English copy
    pages.translate(curriculum, slug="modules-en")
    pages.translate(module, slug="module-en")
    english_check = pages.translate(check, slug="check-en")
    classroom, (student,) = _class_of(1, teacher)
    given = assignments.assign(
        classroom=classroom, by=teacher, opens_at=NOW, due_at=DUE, module=module
    )
    assignments.extend(assignment=given, student=student, due_at=DUE, extra_minutes=5)
    attempt = services.start_attempt(quiz=english_check, user=student, now=NOW)
    assert attempt.deadline == NOW + timedelta(minutes=15)
    services.submit_attempt(attempt_id=attempt.pk, now=NOW)
    cell = assignments.class_progress(classroom=classroom, now=NOW).rows[0].cells[0]
    assert cell.attempts == 1 and cell.best_percent == 0
