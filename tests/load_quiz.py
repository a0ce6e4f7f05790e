"""The quiz and the students that load drills and benchmarks use: one 20-question quiz of the
curriculum, and students made in bulk (no password hashing, which would dominate seeding)."""

from django.contrib.auth.models import Group

from lms.accounts.models import Role, User
from quizzes.models import Question, QuestionChoice
from quizzes.pages import Audience, QuizPage, QuizQuestion
from quizzes.scoring import Kind
from tests import pages

QUESTIONS = 20
CHOICES = ["Cả nhà cùng làm", "Chỉ mẹ", "Chỉ con gái", "Chỉ bố"]  # the first one is right


def make_load_quiz(*, questions: int = QUESTIONS, **rules) -> QuizPage:
    """A live quiz of `questions` single-choice questions, open to every signed-in student."""
    made = []
    for n in range(questions):
        question = Question.objects.create(
            kind=Kind.SINGLE, stem=f"<p>Câu hỏi số {n + 1} về bình đẳng giới</p>", marks=1
        )
        QuestionChoice.objects.bulk_create(
            QuestionChoice(question=question, text=text, is_correct=i == 0, sort_order=i)
            for i, text in enumerate(CHOICES)
        )
        question.save_revision()
        made.append(question)
    rules.setdefault("attempts_allowed", 0)
    rules.setdefault("audience", Audience.SIGNED_IN)
    rules.setdefault("pass_mark_percent", 70)
    quiz = QuizPage(title="Kiểm tra tải", slug=f"kiem-tra-tai-{QuizPage.objects.count()}", **rules)
    pages.module().add_child(instance=quiz)
    for order, question in enumerate(made):
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=order)
    return pages.publish(quiz)


def make_students(count: int, *, prefix: str, password: str = "!", school=None) -> list[User]:
    """`count` students named `<prefix>00000`…; `password` is a ready-made hash (or "!": none)."""
    students = User.objects.bulk_create(
        User(
            username=f"{prefix}{n:05d}",
            display_name=f"Học sinh {n}",
            password=password,
            school=school,
        )
        for n in range(count)
    )
    group, _created = Group.objects.get_or_create(name=Role.STUDENT)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=student.pk, group_id=group.pk) for student in students
    )
    return students
