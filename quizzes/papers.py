"""A paper: the questions one attempt was given, frozen as data when it started.

Each entry keeps what scoring needs (the key) apart from what the student may see, and
`student_view` copies only allowed fields, so a key cannot slip into the browser by accident.
"""

import random
from collections import OrderedDict
from decimal import Decimal

from quizzes.models import Question
from quizzes.scoring import FrozenQuestion, Kind, MultipleScoring, TextMatching

STUDENT_FIELDS = ("slot", "kind", "marks", "stem")
STUDENT_CHOICE_FIELDS = ("id", "text")


def freeze_entry(question: Question, *, slot: int, rng: random.Random, shuffle: bool) -> dict:
    choices = list(question.choices.all())
    if shuffle and question.kind != Kind.TRUE_FALSE:
        rng.shuffle(choices)
    frozen = question.freeze(slot=slot, choice_order=[choice.pk for choice in choices])
    latest = question.latest_revision
    return {
        "slot": slot,
        "question_id": question.pk,
        "revision_id": latest.pk if latest else None,
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


class AnswerShapes:
    """What validating an answer needs of a paper slot (its kind and choice ids), per worker.

    The paper of an open attempt never changes (regrading re-keys submitted attempts only), so a
    worker may keep the shapes it has read: most autosaves then touch the database once. Only the
    shape is kept, never the key; ownership and the attempt's state are checked by the write.
    """

    def __init__(self, size: int = 20_000):
        self.size = size
        self._shapes: OrderedDict[tuple[int, int], dict] = OrderedDict()

    def get(self, attempt_id: int, slot: int) -> dict | None:
        return self._shapes.get((attempt_id, slot))

    def keep(self, attempt_id: int, slot: int, entry: dict) -> dict:
        shape = {"kind": entry["kind"], "choices": [{"id": c["id"]} for c in entry["choices"]]}
        self._shapes[(attempt_id, slot)] = shape
        while len(self._shapes) > self.size:
            self._shapes.popitem(last=False)
        return shape

    def clear(self) -> None:
        self._shapes.clear()


answer_shapes = AnswerShapes()
