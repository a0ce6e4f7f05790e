"""Scoring: a frozen paper and a student's answers in, marks out. No database, no clock.

The paper holds the questions as they were when the attempt started (see `FrozenQuestion`), so a
later edit of the question bank never changes a score unless someone regrades on purpose. Choices
are identified by their id, never by their position, so the order a student saw them in cannot
change the score.
"""

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from lms.core.search import strip_diacritics

TWO_PLACES = Decimal("0.01")
ZERO = Decimal("0")


class Kind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    SHORT_TEXT = "short_text"
    NUMERIC = "numeric"


class MultipleScoring(StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"
    PARTIAL = "partial"


class GradingMethod(StrEnum):
    HIGHEST = "highest"
    LATEST = "latest"
    FIRST = "first"
    AVERAGE = "average"


@dataclass(frozen=True)
class TextMatching:
    """How strictly a short text answer must match. Unicode NFC always comes first: phones send
    Vietnamese as NFC or NFD, and "bình đẳng" must equal "bình đẳng" whatever the keyboard did."""

    ignore_case: bool = True
    ignore_spacing: bool = True
    ignore_diacritics: bool = False

    def normalise(self, text: str) -> str:
        text = unicodedata.normalize("NFC", text or "")
        text = " ".join(text.split())
        if self.ignore_spacing:
            text = text.replace(" ", "")
        if self.ignore_diacritics:
            text = strip_diacritics(text)
        if self.ignore_case:
            text = text.casefold()
        return text


@dataclass(frozen=True)
class FrozenQuestion:
    """One question of a paper, as it was when the attempt started."""

    slot: int
    kind: Kind
    marks: Decimal
    choice_ids: tuple[int, ...] = ()
    correct_choice_ids: frozenset[int] = frozenset()
    multiple_scoring: MultipleScoring = MultipleScoring.ALL_OR_NOTHING
    # Share of the question's marks lost per wrong choice ticked (partial credit only). None: as
    # much as one right choice earns, so ticking every box earns nothing.
    penalty: Decimal | None = None
    accepted_answers: tuple[str, ...] = ()
    matching: TextMatching = field(default_factory=TextMatching)
    numeric_answer: Decimal | None = None
    tolerance: Decimal = ZERO


@dataclass(frozen=True)
class QuestionMark:
    slot: int
    marks: Decimal
    max_marks: Decimal
    answered: bool

    @property
    def is_correct(self) -> bool:
        return self.answered and self.marks == self.max_marks

    @property
    def is_partly_correct(self) -> bool:
        return ZERO < self.marks < self.max_marks


@dataclass(frozen=True)
class Result:
    marks: tuple[QuestionMark, ...]
    score: Decimal
    maximum: Decimal

    @property
    def percent(self) -> Decimal:
        if not self.maximum:
            return ZERO
        return (self.score * 100 / self.maximum).quantize(TWO_PLACES, ROUND_HALF_UP)

    @property
    def all_correct(self) -> bool:
        return bool(self.marks) and all(mark.is_correct for mark in self.marks)


def score(paper: Sequence[FrozenQuestion], answers: Mapping[int, object]) -> Result:
    """Mark every question of the paper; answers are keyed by slot (missing = unanswered).

    Answer shapes: a choice id (single, true/false), a collection of choice ids (multiple), a
    string (short text), a string or number (numeric; "3,5" and "3.5" both read as 3.5).
    """
    marks = tuple(mark_question(question, answers.get(question.slot)) for question in paper)
    total = sum((mark.marks for mark in marks), ZERO)
    maximum = sum((question.marks for question in paper), ZERO)
    return Result(marks=marks, score=_round(total), maximum=_round(maximum))


def mark_question(question: FrozenQuestion, answer: object) -> QuestionMark:
    if _is_blank(answer):
        return QuestionMark(question.slot, ZERO, question.marks, answered=False)
    fraction = _FRACTION[question.kind](question, answer)
    fraction = min(max(fraction, ZERO), Decimal(1))
    return QuestionMark(question.slot, _round(question.marks * fraction), question.marks, True)


def _single(question: FrozenQuestion, answer: object) -> Decimal:
    choice = _as_int(answer)
    return Decimal(1) if choice is not None and choice in question.correct_choice_ids else ZERO


def _multiple(question: FrozenQuestion, answer: object) -> Decimal:
    chosen = _as_int_set(answer) & set(question.choice_ids)
    right = question.correct_choice_ids
    if question.multiple_scoring == MultipleScoring.ALL_OR_NOTHING:
        return Decimal(1) if chosen == right else ZERO
    if not right:
        return Decimal(1) if not chosen else ZERO
    per_right = Decimal(1) / len(right)
    penalty = per_right if question.penalty is None else question.penalty
    wrong = len(chosen - right)
    return per_right * len(chosen & right) - penalty * wrong


def _short_text(question: FrozenQuestion, answer: object) -> Decimal:
    given = question.matching.normalise(str(answer))
    accepted = {question.matching.normalise(text) for text in question.accepted_answers}
    return Decimal(1) if given and given in accepted else ZERO


def _numeric(question: FrozenQuestion, answer: object) -> Decimal:
    value = parse_number(answer)
    if value is None or question.numeric_answer is None:
        return ZERO
    return Decimal(1) if abs(value - question.numeric_answer) <= question.tolerance else ZERO


_FRACTION = {
    Kind.SINGLE: _single,
    Kind.TRUE_FALSE: _single,
    Kind.MULTIPLE: _multiple,
    Kind.SHORT_TEXT: _short_text,
    Kind.NUMERIC: _numeric,
}


def parse_number(value: object) -> Decimal | None:
    """'3,5', '3.5', ' 3 ' and 3.5 are all 3.5; anything else is not a number."""
    if isinstance(value, bool):
        return None
    text = str(value).strip().replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def grade(results: Sequence[Result], method: GradingMethod) -> Decimal | None:
    """The score that counts when several attempts were allowed; `results` in attempt order."""
    if not results:
        return None
    scores = [result.score for result in results]
    if method == GradingMethod.HIGHEST:
        return max(scores)
    if method == GradingMethod.LATEST:
        return scores[-1]
    if method == GradingMethod.FIRST:
        return scores[0]
    return _round(sum(scores, ZERO) / len(scores))


def _round(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, ROUND_HALF_UP)


def _is_blank(answer: object) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, Iterable):
        return not list(answer)
    return False


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _as_int_set(value: object) -> set[int]:
    if isinstance(value, str | int):
        value = [value]
    if not isinstance(value, Iterable):
        return set()
    return {number for number in (_as_int(item) for item in value) if number is not None}
