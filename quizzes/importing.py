"""Questions in and out of spreadsheets (XLSX or CSV), with one documented template.

Import reads every row first and reports problems by row and column; nothing is saved unless every
row is valid. Columns (first row = headers, order free, unknown columns refused):

    kind              single | multiple | true_false | short_text | numeric
    stem              the question text
    choice_1…choice_6 the choices (choice questions)
    correct           numbers of the right choices, e.g. "2" or "1,3"
    accepted_answers  short text: accepted answers separated by " | "
    numeric_answer    numeric: the right number ("3,5" or "3.5"); tolerance: allowed difference
    marks, explanation, tags (comma-separated), difficulty (easy|medium|hard),
    grade_min, grade_max, language (vi|en), multiple_scoring (all_or_nothing|partial), penalty,
    ignore_case, ignore_spacing, ignore_diacritics (yes/no)
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.core.input import whole_number
from lms.core.spreadsheets import MAX_BYTES, csv_bytes, read_table, xlsx_bytes  # noqa: F401
from lms.core.uploads import Columns, Preview, WholeNumberCell, WordCell, check_table
from quizzes.models import Question, QuestionChoice, question_problems
from quizzes.scoring import Kind, MultipleScoring, parse_number

MAX_CHOICES = 6
# Each number column's range and decimals, as the question bank's fields hold them.
NUMBER_COLUMNS = (
    ("marks", "1", (Decimal("0.01"), Decimal("999.99"), 2)),
    ("tolerance", "0", (Decimal(0), Decimal("9999999999.9999"), 4)),
    ("numeric_answer", "", (Decimal("-9999999999.9999"), Decimal("9999999999.9999"), 4)),
    ("penalty", "", (Decimal(0), Decimal("9.999"), 3)),
)


def _shown(number: Decimal) -> str:
    """1 as "1", 0.01 as "0,01": as a Vietnamese spreadsheet writes it."""
    return f"{number.normalize():f}".replace(".", ",")


CHOICE_COLUMNS = [f"choice_{n}" for n in range(1, MAX_CHOICES + 1)]
COLUMNS = [
    "kind",
    "stem",
    *CHOICE_COLUMNS,
    "correct",
    "accepted_answers",
    "numeric_answer",
    "tolerance",
    "marks",
    "explanation",
    "tags",
    "difficulty",
    "grade_min",
    "grade_max",
    "language",
    "multiple_scoring",
    "penalty",
    "ignore_case",
    "ignore_spacing",
    "ignore_diacritics",
]
YES = {"yes", "y", "true", "1", "có", "x"}
NO = {"no", "n", "false", "0", "không", ""}


class NumberColumn(forms.Field):
    """A number the question bank can hold: "3,5" or "3.5", within bounds and decimals."""

    def __init__(self, *, low: Decimal, high: Decimal, places: int, default: str = ""):
        super().__init__(required=False)
        self.low, self.high, self.places, self.default = low, high, places, default

    def to_python(self, value) -> Decimal | None:
        raw = (value or "").strip() or self.default
        if raw == "":
            return None
        number = parse_number(raw)
        if number is None:
            raise ValidationError(_("Write a number, e.g. 1 or 0,5."))
        if not self.low <= number <= self.high or -number.as_tuple().exponent > self.places:
            # Checked here, as the question bank keeps it, so that confirm never fails on it.
            raise ValidationError(
                _("Write a number from %(low)s to %(high)s, with at most %(places)d decimals.")
                % {"low": _shown(self.low), "high": _shown(self.high), "places": self.places}
            )
        return number


class YesNoColumn(forms.Field):
    def __init__(self, *, default: bool):
        super().__init__(required=False)
        self.default = default

    def to_python(self, value) -> bool:
        raw = (value or "").strip().lower()
        if raw not in YES | NO:
            raise ValidationError(_("Write yes or no."))
        return self.default if not raw else raw in YES


class RightChoicesColumn(forms.Field):
    """ "2" or "1,3" (or "1;3"): the numbers of the right choices."""

    def to_python(self, value) -> set[int]:
        right = set()
        for part in (value or "").replace(";", ",").split(","):
            if part.strip():
                number = whole_number(part)
                if number is None or not 1 <= number <= MAX_CHOICES:
                    raise ValidationError(
                        _("Give the numbers of the right choices, e.g. 2 or 1,3.")
                    )
                right.add(number)
        return right


GRADE = gettext_lazy("Write a grade from 1 to 12.")


class QuestionRowForm(forms.Form):
    """One question of the file; its `cleaned_data` adds what the bank is given: `fields` (the
    Question's), `choices` ((text, is right) in order) and `tags`."""

    kind = WordCell(
        words=Kind,
        message=gettext_lazy("Use one of: single, multiple, true_false, short_text, numeric."),
    )
    stem = forms.CharField(error_messages={"required": gettext_lazy("Write the question.")})
    choice_1, choice_2, choice_3, choice_4, choice_5, choice_6 = (
        forms.CharField(required=False) for _n in range(MAX_CHOICES)
    )
    correct = RightChoicesColumn(required=False)
    accepted_answers = forms.CharField(required=False)
    marks, tolerance, numeric_answer, penalty = (
        NumberColumn(low=low, high=high, places=places, default=default)
        for _column, default, (low, high, places) in NUMBER_COLUMNS
    )
    explanation = forms.CharField(required=False)
    tags = forms.CharField(required=False)
    difficulty = WordCell(
        words=Question.Difficulty.values,
        message=gettext_lazy("Use one of: easy, medium, hard."),
        default=Question.Difficulty.MEDIUM,
    )
    grade_min = WholeNumberCell(1, 12, message=GRADE, default=6)
    grade_max = WholeNumberCell(1, 12, message=GRADE, default=12)
    language = WordCell(words=("vi", "en"), message=gettext_lazy("Use vi or en."), default="vi")
    multiple_scoring = WordCell(
        words=MultipleScoring,
        message=gettext_lazy("Use all_or_nothing or partial."),
        default=MultipleScoring.ALL_OR_NOTHING,
    )
    ignore_case = YesNoColumn(default=True)
    ignore_spacing = YesNoColumn(default=True)
    ignore_diacritics = YesNoColumn(default=False)

    def clean(self) -> dict:
        data = self.cleaned_data
        texts = [data.get(column, "") for column in CHOICE_COLUMNS]
        right = data.get("correct") or set()
        if any(position > len([t for t in texts if t]) for position in right):
            self.add_error("correct", _("A right choice number points to an empty choice."))
        data["choices"] = [(text, i + 1 in right) for i, text in enumerate(texts) if text]
        data["tags"] = [tag.strip() for tag in data.get("tags", "").split(",") if tag.strip()]
        accepted = "\n".join(
            a.strip() for a in data.get("accepted_answers", "").split("|") if a.strip()
        )
        if self.errors:
            return data
        for column, message in question_problems(
            kind=data["kind"],
            choices=data["choices"],
            accepted_answers=accepted,
            numeric_answer=data["numeric_answer"],
            grade_min=data["grade_min"],
            grade_max=data["grade_max"],
        ).items():
            self.add_error("correct" if column == "choices" else column, str(message))
        data["fields"] = {
            "kind": data["kind"],
            "stem": f"<p>{escape(data['stem'])}</p>",
            "explanation": f"<p>{escape(data['explanation'])}</p>" if data["explanation"] else "",
            "marks": data["marks"],
            "tolerance": data["tolerance"],
            "numeric_answer": data["numeric_answer"],
            "penalty": data["penalty"],
            "accepted_answers": accepted,
            **{
                name: data[name]
                for name in (
                    "difficulty",
                    "language",
                    "multiple_scoring",
                    "grade_min",
                    "grade_max",
                    "ignore_case",
                    "ignore_spacing",
                    "ignore_diacritics",
                )
            },
        }
        return data


IMPORT_COLUMNS = Columns(
    names={column: column for column in COLUMNS},
    required=("kind", "stem"),
    no_rows=gettext_lazy("The file has headers but no questions."),
    refuse_unknown=True,
)


def preview(table: list[list[str]]) -> Preview:
    return check_table(table, form_class=QuestionRowForm, columns=IMPORT_COLUMNS)


@transaction.atomic
def import_questions(result: Preview, *, user=None) -> list[Question]:
    """Save every row, or nothing: call only with a valid preview."""
    if not result.is_valid:
        raise ValueError("import_questions needs a preview without errors")
    created = []
    for row in result.rows:
        question = Question.objects.create(**row.data["fields"])
        for order, (text, is_correct) in enumerate(row.data["choices"]):
            QuestionChoice.objects.create(
                question=question, text=text, is_correct=is_correct, sort_order=order
            )
        if row.data["tags"]:
            question.tags.add(*row.data["tags"])
            question.save()
        question.save_revision(user=user)
        created.append(question)
    return created


def export_rows(questions) -> list[list[str]]:
    rows = [COLUMNS]
    for question in questions.prefetch_related("choices", "tags"):
        choices = list(question.choices.all())
        cells = {
            "kind": question.kind,
            "stem": strip_tags(question.stem).strip(),
            "correct": ",".join(str(i + 1) for i, c in enumerate(choices) if c.is_correct),
            "accepted_answers": " | ".join(question.accepted_answer_list),
            "numeric_answer": ""
            if question.numeric_answer is None
            else str(question.numeric_answer.normalize()),
            "tolerance": str(question.tolerance.normalize()),
            "marks": str(question.marks.normalize()),
            "explanation": strip_tags(question.explanation).strip(),
            "tags": ", ".join(sorted(question.tags.names())),
            "difficulty": question.difficulty,
            "grade_min": str(question.grade_min),
            "grade_max": str(question.grade_max),
            "language": question.language,
            "multiple_scoring": question.multiple_scoring,
            "penalty": "" if question.penalty is None else str(question.penalty.normalize()),
            "ignore_case": "yes" if question.ignore_case else "no",
            "ignore_spacing": "yes" if question.ignore_spacing else "no",
            "ignore_diacritics": "yes" if question.ignore_diacritics else "no",
        }
        for i, column in enumerate(CHOICE_COLUMNS):
            cells[column] = choices[i].text if i < len(choices) else ""
        rows.append([cells[column] for column in COLUMNS])
    return rows


def export_xlsx(questions) -> bytes:
    return xlsx_bytes(export_rows(questions), title="questions")


def export_csv(questions) -> bytes:
    return csv_bytes(export_rows(questions))
