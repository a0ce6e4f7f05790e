"""The question bank: editors write questions in the admin, rules keep them scorable, and a
question freezes into what scoring needs."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from lms.accounts.models import Role
from quizzes.models import Question, QuestionChoice, question_problems
from quizzes.scoring import Kind, mark_question
from tests.factories import StudentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _form(kind="single", choices=(("Nam và nữ", True), ("Chỉ nữ", False)), **fields):
    data = {
        "kind": kind,
        "stem": rich_text("<p>Ai có quyền được học tập?</p>"),
        "choices": inline_formset(
            [{"text": text, "is_correct": right, "feedback": ""} for text, right in choices]
        ),
        "multiple_scoring": "all_or_nothing",
        "penalty": "",
        "accepted_answers": "",
        "ignore_case": "on",
        "ignore_spacing": "on",
        "numeric_answer": "",
        "tolerance": "0",
        "explanation": rich_text("<p>Mọi người đều bình đẳng.</p>"),
        "marks": "1",
        "difficulty": "easy",
        "language": "vi",
        "grade_min": "6",
        "grade_max": "9",
        "tags": "gia đình, việc nhà",
    }
    return nested_form_data(data | fields)


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(role=Role.EDITOR, is_staff=True))
    return client


def test_editor_writes_a_question_with_choices_and_a_revision_is_kept(editor_client):
    response = editor_client.post(reverse("wagtailsnippets_quizzes_question:add"), _form())
    assert response.status_code == 302, response.content.decode()[:3000]
    question = Question.objects.get()
    assert [c.text for c in question.choices.all()] == ["Nam và nữ", "Chỉ nữ"]
    assert question.revisions.count() == 1
    assert sorted(question.tags.names()) == ["gia đình", "việc nhà"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"choices": (("A", True), ("B", True))}, "exactly one"),
        ({"choices": (("A", False), ("B", False)), "kind": "multiple"}, "at least one"),
        ({"choices": (("A", True), ("B", False), ("C", False)), "kind": "true_false"}, "two"),
        ({"kind": "short_text", "choices": ()}, "accepted answer"),
        ({"kind": "numeric", "choices": ()}, "right number"),
        ({"grade_min": "10", "grade_max": "6"}, "last grade"),
    ],
)
def test_unscorable_question_is_refused_and_nothing_is_saved(editor_client, fields, message):
    choices = fields.pop("choices", (("Nam và nữ", True), ("Chỉ nữ", False)))
    with_english = editor_client.post(
        reverse("wagtailsnippets_quizzes_question:add"),
        _form(choices=choices, **fields),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert with_english.status_code == 200
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "single", "choices": [("A", True), ("B", True)]}, "choices"),
        ({"kind": "short_text", "choices": []}, "accepted_answers"),
        ({"kind": "numeric", "choices": []}, "numeric_answer"),
    ],
)
def test_question_rules_name_the_field(kwargs, field):
    defaults = {"accepted_answers": "", "numeric_answer": None, "grade_min": 6, "grade_max": 9}
    assert field in question_problems(**(defaults | kwargs))


def test_students_have_no_question_bank(client):
    client.force_login(StudentFactory())
    response = client.get(reverse("wagtailsnippets_quizzes_question:list"))
    assert response.status_code == 302


def test_frozen_question_scores_like_the_bank_said_and_ignores_later_edits():
    question = Question.objects.create(
        kind=Kind.SINGLE, stem="<p>Ai nên làm việc nhà?</p>", marks=Decimal(2)
    )
    wrong = QuestionChoice.objects.create(question=question, text="Chỉ mẹ", sort_order=0)
    right = QuestionChoice.objects.create(
        question=question, text="Cả nhà", is_correct=True, sort_order=1
    )
    frozen = question.freeze(slot=1, choice_order=[right.pk, wrong.pk])
    assert frozen.choice_ids == (right.pk, wrong.pk)
    assert mark_question(frozen, right.pk).marks == Decimal(2)
    # An editor swaps the key afterwards: the frozen paper still scores as it was given.
    QuestionChoice.objects.filter(pk=right.pk).update(is_correct=False)
    QuestionChoice.objects.filter(pk=wrong.pk).update(is_correct=True)
    assert mark_question(frozen, right.pk).marks == Decimal(2)


def test_short_text_question_freezes_its_matching_rules():
    question = Question.objects.create(
        kind=Kind.SHORT_TEXT,
        stem="<p>Số tổng đài hỗ trợ?</p>",
        accepted_answers="1800 8065\n18008065\n",
        ignore_diacritics=True,
    )
    frozen = question.freeze(slot=3)
    assert frozen.accepted_answers == ("1800 8065", "18008065")
    assert frozen.matching.ignore_diacritics
    assert mark_question(frozen, " 1800  8065 ").is_correct
