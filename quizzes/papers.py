"""A paper: the questions one attempt was given, frozen as data when it started.

Each entry keeps what scoring needs (the key) apart from what the student may see, and
`student_view` copies only allowed fields, so a key cannot slip into the browser by accident.
"""

import random
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from lms.core.input import whole_number
from quizzes.models import Question
from quizzes.scoring import FrozenQuestion, Kind, MultipleScoring, TextMatching

STUDENT_FIELDS = ("slot", "kind", "marks", "stem")
STUDENT_CHOICE_FIELDS = ("id", "text")


def frozen_base(question: Question) -> dict:
    """A question version as every paper holds it, before a slot and a choice order are given.
    Reads `question.choices` once (prefetch it when freezing many)."""
    choices = list(question.choices.all())
    frozen = question.freeze(slot=0, choice_order=[choice.pk for choice in choices])
    return {
        "question_id": question.pk,
        "revision_id": question.latest_revision_id,
        "kind": str(question.kind),
        "marks": str(question.marks),
        "stem": question.stem,
        "choices": [{"id": c.pk, "text": c.text, "feedback": c.feedback} for c in choices],
        "explanation": question.explanation,
        "key": {
            "correct_choice_ids": sorted(frozen.correct_choice_ids),
            "multiple_scoring": str(frozen.multiple_scoring),
            "penalty": None if frozen.penalty is None else str(frozen.penalty),
            "accepted_answers": list(frozen.accepted_answers),
            "ignore_case": frozen.matching.ignore_case,
            "ignore_spacing": frozen.matching.ignore_spacing,
            "ignore_diacritics": frozen.matching.ignore_diacritics,
            "numeric_answer": None if frozen.numeric_answer is None else str(frozen.numeric_answer),
            "tolerance": str(frozen.tolerance),
        },
    }


def placed(base: dict, *, slot: int, rng: random.Random, shuffle: bool) -> dict:
    """A paper entry: the frozen version at a slot, its choices shuffled for this student.
    Copies what it changes or hands out, so the cached base stays as it was."""
    choices = [dict(choice) for choice in base["choices"]]
    if shuffle and base["kind"] != Kind.TRUE_FALSE:
        rng.shuffle(choices)
    return {"slot": slot, **base, "choices": choices, "key": dict(base["key"])}


def freeze_entry(question: Question, *, slot: int, rng: random.Random, shuffle: bool) -> dict:
    return placed(frozen_base(question), slot=slot, rng=rng, shuffle=shuffle)


def frozen_question(entry: dict) -> FrozenQuestion:
    key = entry["key"]
    return FrozenQuestion(
        slot=entry["slot"],
        kind=Kind(entry["kind"]),
        marks=Decimal(entry["marks"]),
        choice_ids=tuple(choice["id"] for choice in entry["choices"]),
        correct_choice_ids=frozenset(key["correct_choice_ids"]),
        multiple_scoring=MultipleScoring(key["multiple_scoring"]),
        penalty=None if key["penalty"] is None else Decimal(key["penalty"]),
        accepted_answers=tuple(key["accepted_answers"]),
        matching=TextMatching(
            ignore_case=key["ignore_case"],
            ignore_spacing=key["ignore_spacing"],
            ignore_diacritics=key["ignore_diacritics"],
        ),
        numeric_answer=None if key["numeric_answer"] is None else Decimal(key["numeric_answer"]),
        tolerance=Decimal(key["tolerance"]),
    )


def student_view(entry: dict) -> dict:
    """The question as the student sees it while answering: no key, no feedback, no explanation."""
    view = {name: entry[name] for name in STUDENT_FIELDS}
    view["choices"] = [
        {name: choice[name] for name in STUDENT_CHOICE_FIELDS} for choice in entry["choices"]
    ]
    return view


def posted_answer(entry: dict, data) -> object | None:
    """The answer a plain form posted (`data`, a QueryDict) for a paper entry, in the fields
    `paper_html` names `slot-N`: None when left blank or not a choice's number."""
    slot, kind = entry["slot"], Kind(entry["kind"])
    if kind == Kind.MULTIPLE:
        chosen = data.getlist(f"slot-{slot}")
        return [n for n in map(whole_number, chosen) if n is not None] or None
    if kind in (Kind.SINGLE, Kind.TRUE_FALSE):
        return whole_number(data.get(f"slot-{slot}", ""))
    return data.get(f"slot-{slot}", "").strip() or None


class AnswerShapes:
    """What validating an answer needs of each slot of a paper (its kind and choice ids), kept per
    worker by attempt.

    The paper of an open attempt never changes (regrading re-keys submitted attempts only), so a
    worker may keep the shapes it has read: an autosave then touches the database once. A paper's
    slots are kept together, read in one go (a round of 3,000 pupils is 60,000 slots, but 3,000
    papers), and a question's shape is kept once, whichever papers hold it. Only the shape is
    kept, never the key; ownership and the attempt's state are checked by the write.
    """

    def __init__(self, size: int = 20_000):
        self.size = size  # papers
        self._papers: OrderedDict[int, dict[int, dict]] = OrderedDict()
        self._shapes: dict[tuple, dict] = {}

    def get(self, attempt_id: int, slot: int) -> dict | None:
        slots = self._papers.get(attempt_id)
        return None if slots is None else slots.get(slot)

    def knows(self, attempt_id: int) -> bool:
        return attempt_id in self._papers

    def keep(self, attempt_id: int, paper: list[dict]) -> None:
        self._papers[attempt_id] = {entry["slot"]: self._shape(entry) for entry in paper}
        while len(self._papers) > self.size:
            self._papers.popitem(last=False)
        if len(self._shapes) > 10 * self.size:  # questions edited all day: start again
            self._shapes.clear()

    def _shape(self, entry: dict) -> dict:
        ids = tuple(sorted(choice["id"] for choice in entry["choices"]))
        return self._shapes.setdefault(
            (entry["kind"], ids), {"kind": entry["kind"], "choices": [{"id": i} for i in ids]}
        )

    def clear(self) -> None:
        self._papers.clear()
        self._shapes.clear()


answer_shapes = AnswerShapes()


QuestionVersion = tuple[int, int | None, datetime]  # pk, latest revision, last saved


class FrozenQuestions:
    """Question versions frozen once per worker, so that a start builds its paper without reading
    choices and revisions again: a class starting together asks for the same twenty questions.

    A version is named by its revision and its last save, both read with the question's id when a
    paper is built, so an edit is never missed; an entry, once frozen, never changes.
    """

    def __init__(self, size: int = 5_000):
        self.size = size
        self._bases: OrderedDict[QuestionVersion, dict] = OrderedDict()

    def bases(self, versions: dict[int, QuestionVersion]) -> dict[int, dict]:
        """The frozen base of each question at the version given, by question id."""
        found = {pk: self._bases.get(version) for pk, version in versions.items()}
        missing = [pk for pk, base in found.items() if base is None]
        if missing:
            for question in Question.objects.filter(pk__in=missing).prefetch_related("choices"):
                base = frozen_base(question)
                self._keep((question.pk, question.latest_revision_id, question.updated_at), base)
                found[question.pk] = base  # edited since `versions` was read: the newer one
        return found

    def _keep(self, version: QuestionVersion, base: dict) -> None:
        self._bases[version] = base
        while len(self._bases) > self.size:
            self._bases.popitem(last=False)

    def clear(self) -> None:
        self._bases.clear()


@dataclass(frozen=True)
class PaperPlan:
    """What a quiz's papers are made of: fixed questions in order, then random draws by tag."""

    fixed: tuple[int, ...]
    draws: tuple[tuple[str, int], ...]


class PaperPlans:
    """Each quiz's plan per published version, per worker: the questions and draws of a live
    page change only when it is published again, which gives it a new live revision."""

    def __init__(self, size: int = 1_000):
        self.size = size
        self._plans: OrderedDict[tuple, PaperPlan] = OrderedDict()

    def of(self, quiz) -> PaperPlan:
        version = (quiz.pk, quiz.live_revision_id, quiz.last_published_at)
        plan = self._plans.get(version)
        if plan is None:
            fixed = quiz.fixed_questions.order_by("sort_order").values_list(
                "question_id", flat=True
            )
            draws = quiz.draws.order_by("sort_order").values_list("tag", "count")
            plan = PaperPlan(tuple(fixed), tuple(draws))
            self._plans[version] = plan
            while len(self._plans) > self.size:
                self._plans.popitem(last=False)
        return plan

    def clear(self) -> None:
        self._plans.clear()


frozen_questions = FrozenQuestions()
paper_plans = PaperPlans()
