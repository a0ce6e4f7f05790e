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

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

from lms.input import whole_number
from lms.spreadsheets import MAX_BYTES, csv_bytes, read_table, xlsx_bytes  # noqa: F401
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
REQUIRED = {"kind", "stem"}
YES = {"yes", "y", "true", "1", "có", "x"}
NO = {"no", "n", "false", "0", "không", ""}


@dataclass
class RowResult:
    row: int  # as the spreadsheet numbers it (headers are row 1)
    fields: dict = field(default_factory=dict)
    choices: list[tuple[str, bool]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportPreview:
    rows: list[RowResult]
    file_errors: list[str]

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and all(not row.errors for row in self.rows)


def preview(table: list[list[str]]) -> ImportPreview:
    if not table or not any(table[0]):
        return ImportPreview([], [_("The file is empty: the first row must hold the headers.")])
    headers = [header.strip().lower() for header in table[0]]
    unknown = [h for h in headers if h and h not in COLUMNS]
    missing = sorted(REQUIRED - set(headers))
    file_errors = []
    if unknown:
        file_errors.append(_("Unknown columns: %(names)s.") % {"names": ", ".join(unknown)})
    if missing:
        file_errors.append(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers) if h}
        rows.append(_read_row(number, values))
    if not rows and not file_errors:
        file_errors.append(_("The file has headers but no questions."))
    return ImportPreview(rows, file_errors)


def _read_row(number: int, values: dict[str, str]) -> RowResult:
    result = RowResult(row=number)
    errors = result.errors
    kind = values.get("kind", "").strip().lower()
    if kind not in Kind.__members__.values():
        errors["kind"] = _("Use one of: single, multiple, true_false, short_text, numeric.")
    stem = values.get("stem", "").strip()
    if not stem:
        errors["stem"] = _("Write the question.")
    texts = [values.get(column, "").strip() for column in CHOICE_COLUMNS]
    right: set[int] = set()
    for part in values.get("correct", "").replace(";", ",").split(","):
        if part.strip():
            number = whole_number(part)
            if number is not None and 1 <= number <= MAX_CHOICES:
                right.add(number)
            else:
                errors["correct"] = _("Give the numbers of the right choices, e.g. 2 or 1,3.")
    if any(position > len([t for t in texts if t]) for position in right):
        errors["correct"] = _("A right choice number points to an empty choice.")
    result.choices = [(text, i + 1 in right) for i, text in enumerate(texts) if text]
    result.tags = [tag.strip() for tag in values.get("tags", "").split(",") if tag.strip()]
    decimals = {}
    for column, default, (low, high, places) in NUMBER_COLUMNS:
        raw = values.get(column, "").strip() or default
        if raw == "":
            decimals[column] = None
            continue
        number_value = parse_number(raw)
        if number_value is None:
            errors[column] = _("Write a number, e.g. 1 or 0,5.")
        elif not low <= number_value <= high or -number_value.as_tuple().exponent > places:
            # Checked here, as the question bank keeps it, so that confirm never fails on it.
            errors[column] = _(
                "Write a number from %(low)s to %(high)s, with at most %(places)d decimals."
            ) % {"low": _shown(low), "high": _shown(high), "places": places}
        decimals[column] = number_value
    integers = {}
    for column, default in (("grade_min", 6), ("grade_max", 12)):
        raw = values.get(column, "").strip()
        grade = whole_number(raw)
        if raw and not (grade is not None and 1 <= grade <= 12):
            errors[column] = _("Write a grade from 1 to 12.")
        integers[column] = grade if grade is not None else default
    flags = {}
    for column, default in (
        ("ignore_case", True),
        ("ignore_spacing", True),
        ("ignore_diacritics", False),
    ):
        raw = values.get(column, "").strip().lower()
        if raw and raw not in YES | NO:
            errors[column] = _("Write yes or no.")
        flags[column] = default if not raw else raw in YES
    difficulty = values.get("difficulty", "").strip().lower() or Question.Difficulty.MEDIUM
    if difficulty not in Question.Difficulty.values:
        errors["difficulty"] = _("Use one of: easy, medium, hard.")
    language = values.get("language", "").strip().lower() or "vi"
    if language not in ("vi", "en"):
        errors["language"] = _("Use vi or en.")
    scoring_rule = (
        values.get("multiple_scoring", "").strip().lower() or MultipleScoring.ALL_OR_NOTHING
    )
    if scoring_rule not in MultipleScoring.__members__.values():
        errors["multiple_scoring"] = _("Use all_or_nothing or partial.")
    accepted = "\n".join(
        a.strip() for a in values.get("accepted_answers", "").split("|") if a.strip()
    )
    if not errors:
        for column, message in question_problems(
            kind=kind,
            choices=result.choices,
            accepted_answers=accepted,
            numeric_answer=decimals["numeric_answer"],
            grade_min=integers["grade_min"],
            grade_max=integers["grade_max"],
        ).items():
            errors["correct" if column == "choices" else column] = str(message)
    result.fields = {
        "kind": kind,
        "stem": f"<p>{escape(stem)}</p>",
        "explanation": f"<p>{escape(values['explanation'].strip())}</p>"
        if values.get("explanation", "").strip()
        else "",
        "marks": decimals["marks"] if decimals["marks"] is not None else Decimal(1),
        "tolerance": decimals["tolerance"] or Decimal(0),
        "numeric_answer": decimals["numeric_answer"],
        "penalty": decimals["penalty"],
        "accepted_answers": accepted,
        "difficulty": difficulty,
        "language": language,
        "multiple_scoring": scoring_rule,
        **integers,
        **flags,
    }
    return result


@transaction.atomic
def import_questions(result: ImportPreview, *, user=None) -> list[Question]:
    """Save every row, or nothing: call only with a valid preview."""
    if not result.is_valid:
        raise ValueError("import_questions needs a preview without errors")
    created = []
    for row in result.rows:
        question = Question.objects.create(**row.fields)
        for order, (text, is_correct) in enumerate(row.choices):
            QuestionChoice.objects.create(
                question=question, text=text, is_correct=is_correct, sort_order=order
            )
        if row.tags:
            question.tags.add(*row.tags)
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
