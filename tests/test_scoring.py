"""Scoring is a pure function: properties hold for any paper, and each question type and grading
method is pinned by examples."""

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzes.scoring import (
    FrozenQuestion,
    GradingMethod,
    Kind,
    MultipleScoring,
    Result,
    TextMatching,
    grade,
    mark_question,
    parse_number,
    score,
)

D = Decimal


def single(slot=1, marks="1", choices=(11, 12, 13), right=(12,)):
    return FrozenQuestion(
        slot=slot,
        kind=Kind.SINGLE,
        marks=D(marks),
        choice_ids=tuple(choices),
        correct_choice_ids=frozenset(right),
    )


def multiple(scoring=MultipleScoring.PARTIAL, penalty=None, marks="2"):
    return FrozenQuestion(
        slot=1,
        kind=Kind.MULTIPLE,
        marks=D(marks),
        choice_ids=(1, 2, 3, 4),
        correct_choice_ids=frozenset({1, 2}),
        multiple_scoring=scoring,
        penalty=penalty,
    )


def short_text(*accepted, **matching):
    return FrozenQuestion(
        slot=1,
        kind=Kind.SHORT_TEXT,
        marks=D(1),
        accepted_answers=accepted,
        matching=TextMatching(**matching),
    )


# --- properties -------------------------------------------------------------------------------

marks_values = st.decimals(min_value=D("0.5"), max_value=D(10), places=1)


@st.composite
def papers(draw):
    questions = []
    for slot in range(1, draw(st.integers(1, 8)) + 1):
        n = draw(st.integers(2, 5))
        ids = tuple(range(slot * 10, slot * 10 + n))
        kind = draw(st.sampled_from([Kind.SINGLE, Kind.TRUE_FALSE, Kind.MULTIPLE]))
        if kind == Kind.MULTIPLE:
            right = frozenset(draw(st.sets(st.sampled_from(ids), min_size=1)))
        else:
            right = frozenset({draw(st.sampled_from(ids))})
        questions.append(
            FrozenQuestion(
                slot=slot,
                kind=kind,
                marks=draw(marks_values),
                choice_ids=ids,
                correct_choice_ids=right,
                multiple_scoring=draw(st.sampled_from(list(MultipleScoring))),
                penalty=draw(st.none() | st.decimals(min_value=0, max_value=1, places=2)),
            )
        )
    return questions


@st.composite
def papers_and_answers(draw):
    paper = draw(papers())
    answers = {}
    for question in paper:
        if draw(st.booleans()):
            continue  # unanswered
        if question.kind == Kind.MULTIPLE:
            answers[question.slot] = draw(st.sets(st.sampled_from(question.choice_ids)))
        else:
            answers[question.slot] = draw(st.sampled_from(question.choice_ids))
    return paper, answers


@given(papers_and_answers())
def test_marks_stay_within_zero_and_the_maximum(case):
    paper, answers = case
    result = score(paper, answers)
    assert D(0) <= result.score <= result.maximum
    for mark in result.marks:
        assert D(0) <= mark.marks <= mark.max_marks
    assert D(0) <= result.percent <= D(100)


@given(papers_and_answers(), st.randoms())
def test_choice_order_never_changes_the_score(case, random):
    paper, answers = case
    shuffled = []
    for question in paper:
        order = list(question.choice_ids)
        random.shuffle(order)
        shuffled.append(FrozenQuestion(**{**question.__dict__, "choice_ids": tuple(order)}))
    assert score(shuffled, answers) == score(paper, answers)


@given(papers_and_answers())
def test_scoring_is_deterministic(case):
    paper, answers = case
    assert score(paper, answers) == score(paper, dict(reversed(list(answers.items()))))


@given(papers())
def test_right_answers_earn_full_marks(paper):
    answers = {
        q.slot: set(q.correct_choice_ids)
        if q.kind == Kind.MULTIPLE
        else next(iter(q.correct_choice_ids))
        for q in paper
    }
    result = score(paper, answers)
    assert result.score == result.maximum
    assert result.all_correct


# --- examples per question type ---------------------------------------------------------------


@pytest.mark.parametrize(("answer", "marks"), [(12, "1"), ("12", "1"), (11, "0"), (None, "0")])
def test_single_choice(answer, marks):
    assert mark_question(single(), answer).marks == D(marks)


def test_unanswered_question_is_not_answered_and_earns_nothing():
    mark = mark_question(single(), None)
    assert (mark.answered, mark.marks, mark.is_correct) == (False, D(0), False)


def test_choice_that_is_not_on_the_paper_earns_nothing():
    assert mark_question(single(right=(12,)), 99).marks == D(0)


@pytest.mark.parametrize(
    ("chosen", "marks"),
    [({1, 2}, "2"), ({1}, "0"), ({1, 2, 3}, "0"), (set(), "0")],
)
def test_multiple_all_or_nothing(chosen, marks):
    question = multiple(MultipleScoring.ALL_OR_NOTHING)
    assert mark_question(question, chosen).marks == D(marks)


@pytest.mark.parametrize(
    ("chosen", "penalty", "marks"),
    [
        ({1, 2}, None, "2"),
        ({1}, None, "1"),
        ({1, 3}, None, "0"),  # a wrong tick costs as much as a right one earns
        ({1, 2, 3, 4}, None, "0"),  # ticking everything earns nothing
        ({1, 3}, D("0.25"), "0.5"),
        ({1, 2, 3}, D(0), "2"),
        ({3, 4}, D("0.5"), "0"),  # never below zero
    ],
)
def test_multiple_partial_credit_with_penalty(chosen, penalty, marks):
    assert mark_question(multiple(penalty=penalty), chosen).marks == D(marks)


def test_true_false():
    question = FrozenQuestion(
        slot=1,
        kind=Kind.TRUE_FALSE,
        marks=D(1),
        choice_ids=(1, 2),
        correct_choice_ids=frozenset({2}),
    )
    assert mark_question(question, 2).is_correct
    assert not mark_question(question, 1).is_correct


def test_short_text_matches_nfc_and_nfd_alike():
    question = short_text("bình đẳng giới")
    nfd = unicodedata.normalize("NFD", "Bình Đẳng  giới ")
    assert nfd != "bình đẳng giới"
    assert mark_question(question, nfd).is_correct


@pytest.mark.parametrize(
    ("matching", "answer", "right"),
    [
        ({}, "BÌNH ĐẲNG GIỚI", True),
        ({"ignore_case": False}, "Bình đẳng giới", False),
        ({}, "bình   đẳng giới", True),
        ({}, "bìnhđẳnggiới", True),
        ({"ignore_spacing": False}, "bìnhđẳnggiới", False),
        ({}, "binh dang gioi", False),
        ({"ignore_diacritics": True}, "binh dang gioi", True),
        ({"ignore_diacritics": True, "ignore_case": False}, "Binh dang gioi", False),
        ({}, "bất bình đẳng", False),
        ({}, "   ", False),
    ],
)
def test_short_text_matching_options(matching, answer, right):
    assert mark_question(short_text("bình đẳng giới", **matching), answer).is_correct is right


@pytest.mark.parametrize(
    ("answer", "right"),
    [("80", True), ("80,4", True), ("79.5", True), ("81", False), ("tám mươi", False), (80, True)],
)
def test_numeric_with_tolerance(answer, right):
    question = FrozenQuestion(
        slot=1, kind=Kind.NUMERIC, marks=D(1), numeric_answer=D(80), tolerance=D("0.5")
    )
    assert mark_question(question, answer).is_correct is right


@pytest.mark.parametrize(
    ("text", "number"),
    [("3,5", D("3.5")), (" 3.5 ", D("3.5")), ("1 000", D(1000)), ("NaN", None), (True, None)],
)
def test_numbers_are_read_the_vietnamese_way_too(text, number):
    assert parse_number(text) == number


def test_total_maximum_and_percent():
    paper = [single(1, "1"), single(2, "2"), single(3, "1")]
    result = score(paper, {1: 12, 2: 12, 3: 11})
    assert (result.score, result.maximum, result.percent) == (D(3), D(4), D("75.00"))


def _result(value):
    return Result(marks=(), score=D(value), maximum=D(10))


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (GradingMethod.HIGHEST, D(9)),
        (GradingMethod.LATEST, D(7)),
        (GradingMethod.FIRST, D(5)),
        (GradingMethod.AVERAGE, D("7.00")),
    ],
)
def test_grading_methods(method, expected):
    assert grade([_result(5), _result(9), _result(7)], method) == expected


def test_no_attempt_no_grade():
    assert grade([], GradingMethod.HIGHEST) is None
