"""Class assignments: giving work, granting extensions, and where each student stands.

`status` is the one rule for "not started / in progress / done / late"; `class_progress` gathers a
class's facts in a fixed number of queries, whatever the class size, for the matrix and exports.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page

from courses.models import LessonProgress
from courses.pages import FAMILY_QUIZ, ModulePage
from lms.accounts.models import Classroom, ClassroomMembership, User
from lms.core.errors import DomainError
from lms.teaching.models import Assignment, Extension
from quizzes.models import Attempt
from quizzes.pages import QuizPage
from quizzes.selectors import ItemStats, item_analysis


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    LATE = "late"


STATUS_LABELS = {
    Status.NOT_STARTED: _("Not started"),
    Status.IN_PROGRESS: _("In progress"),
    Status.DONE: _("Done"),
    Status.LATE: _("Late"),
}


def status(*, started: bool, done_at: datetime | None, due_at: datetime, now: datetime) -> Status:
    """Done on time, late (done after the due date, or not done once it has passed), or not yet."""
    if done_at is not None:
        return Status.DONE if done_at <= due_at else Status.LATE
    if now > due_at:
        return Status.LATE
    return Status.IN_PROGRESS if started else Status.NOT_STARTED


class BadAssignment(DomainError):
    code = "bad_assignment"


def assign(
    *,
    classroom: Classroom,
    by: User,
    opens_at: datetime,
    due_at: datetime,
    module: ModulePage | None = None,
    quiz=None,
    students: list[User] | None = None,
) -> Assignment:
    problems: dict[str, list[str]] = {}
    if (module is None) == (quiz is None):
        problems["item"] = [str(_("Choose a module or a quiz."))]
    if due_at <= opens_at:
        problems["due_at"] = [str(_("The due date must come after the opening date."))]
    members = set(
        ClassroomMembership.objects.current()
        .filter(classroom=classroom)
        .values_list("student_id", flat=True)
    )
    if students and any(student.pk not in members for student in students):
        problems["students"] = [str(_("Choose only students of this class."))]
    if problems:
        raise BadAssignment(_("The assignment could not be saved."), fields=problems)
    with transaction.atomic():
        assignment = Assignment.objects.create(
            classroom=classroom,
            module=module,
            quiz=quiz,
            opens_at=opens_at,
            due_at=due_at,
            created_by=by,
        )
        if students:
            assignment.students.set(students)
    return assignment


def assigned_to(assignment: Assignment, *, names: int = 3) -> str:
    """For whom the work is: "the whole class", or "3 students: An, Bình, Chi" (the first few
    names, then "…"). Reads `assignment.students.all()`: prefetch it for a list."""
    students = sorted(assignment.students.all(), key=lambda s: (s.get_short_name(), s.pk))
    if not students:
        return str(_("the whole class"))
    shown = ", ".join(s.get_short_name() for s in students[:names])
    if len(students) > names:
        shown += ", …"
    return ngettext(
        "%(count)d student: %(names)s", "%(count)d students: %(names)s", len(students)
    ) % {"count": len(students), "names": shown}


def extend(
    *, assignment: Assignment, student: User, due_at: datetime, extra_minutes: int = 0
) -> Extension:
    problems: dict[str, list[str]] = {}
    in_class = (
        ClassroomMembership.objects.current()
        .filter(classroom=assignment.classroom_id, student=student)
        .exists()
    )
    if not in_class:
        problems["student"] = [str(_("This student is not in the class."))]
    if due_at <= assignment.opens_at:
        problems["due_at"] = [str(_("The new due date must come after the opening date."))]
    if extra_minutes < 0 or extra_minutes > 600:
        problems["extra_minutes"] = [str(_("Give between 0 and 600 extra minutes."))]
    if problems:
        raise BadAssignment(_("The extension could not be saved."), fields=problems)
    extension, _created = Extension.objects.update_or_create(
        assignment=assignment,
        student=student,
        defaults={"due_at": due_at, "extra_minutes": extra_minutes},
    )
    return extension


def extension_for_quiz(*, quiz, user) -> Extension | None:
    """The student's most generous extension on an assignment of this quiz or of its module."""
    if not user.is_authenticated:
        return None
    return (
        Extension.objects.filter(student=user)
        .filter(_given(quiz, prefix="assignment__"))
        .order_by("-due_at")
        .first()
    )


def is_assigned(*, quiz, user) -> bool:
    """Whether the quiz (or the module holding it) is assigned to this student."""
    return Assignment.objects.for_student(user).filter(_given(quiz)).exists()


def _given(quiz, prefix: str = "") -> Q:
    """Assignments of this quiz or of the module holding it, in any language (by translation
    key: a student may take the English copy of a quiz assigned in Vietnamese)."""
    module_keys = Page.objects.filter(path=quiz.path[: -quiz.steplen]).values("translation_key")
    return Q(**{f"{prefix}quiz__translation_key": quiz.translation_key}) | Q(
        **{f"{prefix}module__translation_key__in": module_keys}
    )


# --- Progress --------------------------------------------------------------------------------


@dataclass
class Cell:
    """One student's standing on one assignment."""

    status: Status
    due_at: datetime
    lessons_done: int = 0
    lessons_total: int = 0
    best_percent: Decimal | None = None
    attempts: int = 0
    extended: bool = False
    done: bool = False  # finished, on time or late

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def is_late(self) -> bool:
        return self.status == Status.LATE

    @property
    def is_overdue(self) -> bool:
        """Late and still not done: the ones a teacher chases."""
        return self.status == Status.LATE and not self.done

    @property
    def band(self) -> str:
        """The best score's band for the heat map: "high" (80% or more), "mid" (50%), "low"."""
        if self.best_percent is None:
            return "none"
        return "high" if self.best_percent >= 80 else "mid" if self.best_percent >= 50 else "low"

    @property
    def lessons_text(self) -> str:
        if not self.lessons_total:
            return ""
        return _("%(done)s/%(total)s lessons") % {
            "done": self.lessons_done,
            "total": self.lessons_total,
        }

    @property
    def percent_text(self) -> str:
        """'80%', '87.5%': for tables of hundreds of cells, cheaper than a template filter."""
        if self.best_percent is None:
            return ""
        return f"{self.best_percent.normalize():f}%"


@dataclass
class ProgressRow:
    student: User
    cells: list[Cell] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(cell.status == Status.DONE for cell in self.cells)


@dataclass
class ColumnSummary:
    """One assignment across the class: the matrix's summary row."""

    assigned: int = 0
    done: int = 0
    late: int = 0
    average_percent: Decimal | None = None  # of the best scores of those who have one

    @property
    def average_text(self) -> str:
        if self.average_percent is None:
            return ""
        return f"{self.average_percent.quantize(Decimal('1')):f}%"


@dataclass
class ClassProgress:
    classroom: Classroom
    assignments: list[Assignment]
    rows: list[ProgressRow]

    def summary(self) -> list[ColumnSummary]:
        """Per assignment, over every student it was given to (whatever the page's filter)."""
        columns = [ColumnSummary() for _assignment in self.assignments]
        scores: list[list[Decimal]] = [[] for _assignment in self.assignments]
        for row in self.rows:
            for index, cell in enumerate(row.cells):
                if cell is None:
                    continue
                column = columns[index]
                column.assigned += 1
                column.done += cell.done
                column.late += cell.is_late
                if cell.best_percent is not None:
                    scores[index].append(Decimal(cell.best_percent))
        for column, found in zip(columns, scores, strict=True):
            if found:
                column.average_percent = sum(found) / len(found)
        return columns


def class_progress(*, classroom: Classroom, now: datetime) -> ClassProgress:
    """Students × assignments of a class, in seven queries whatever its size."""
    students = list(
        User.objects.filter(
            memberships__classroom=classroom, memberships__left_at__isnull=True
        ).order_by("display_name", "username")
    )
    given = list(
        Assignment.objects.filter(classroom=classroom)
        .select_related("module", "quiz")
        .prefetch_related("students")
    )
    return ClassProgress(
        classroom=classroom, assignments=given, rows=rows_for(students, given, now)
    )


def student_assignments(*, user: User, now: datetime) -> list[tuple[Assignment, Cell]]:
    """What the student's classes gave them, with where they stand, soonest due first."""
    given = list(
        Assignment.objects.for_student(user)
        .filter(opens_at__lte=now)
        .select_related("module", "quiz")
        .prefetch_related("students")
    )
    (row,) = rows_for([user], given, now)
    pairs = [(a, c) for a, c in zip(given, row.cells, strict=True) if c is not None]
    return sorted(pairs, key=lambda pair: pair[1].due_at)


def rows_for(students: list[User], assignments: list[Assignment], now: datetime) -> list:
    """One `ProgressRow` per student: five queries, whatever the numbers of students and work."""
    student_ids = [s.pk for s in students]
    extensions = {
        (e.assignment_id, e.student_id): e
        for e in Extension.objects.filter(assignment__in=assignments, student__in=student_ids)
    }
    modules = {a.module.path: a.module for a in assignments if a.module}
    # Lessons (by translation key) and knowledge checks under the assigned modules: one query.
    lessons: dict[str, set] = {path: set() for path in modules}
    checks: dict[str, set] = {path: set() for path in modules}  # quiz translation keys
    if modules:
        steplen = ModulePage.steplen
        paths = Q()
        for path in modules:
            paths |= Q(path__startswith=path, depth=modules[path].depth + 1)
        for path, key, kind in (
            Page.objects.live()
            .filter(paths)
            .exclude(FAMILY_QUIZ)  # a quiz for families is no check of the module
            .values_list("path", "translation_key", "content_type__model")
        ):
            if kind == "lessonpage":
                lessons[path[:-steplen]].add(key)
            elif kind == "quizpage":
                checks[path[:-steplen]].add(key)
    # Attempts count in whichever language the student took the quiz: match translation keys.
    quiz_keys = {a.quiz.translation_key for a in assignments if a.quiz_id} | {
        key for keys in checks.values() for key in keys
    }
    attempts: dict[tuple[int, object], list] = {}
    for row in Attempt.objects.filter(
        user__in=student_ids, quiz__translation_key__in=quiz_keys
    ).values_list(
        "user_id", "quiz__translation_key", "submitted_at", "percent", "quiz__pass_mark_percent"
    ):
        attempts.setdefault((row[0], row[1]), []).append(row)
    done_lessons: dict[int, dict] = {}
    all_keys = {key for keys in lessons.values() for key in keys}
    for user_id, key, completed_at in LessonProgress.objects.filter(
        user__in=student_ids, lesson_key__in=all_keys
    ).values_list("user_id", "lesson_key", "completed_at"):
        done_lessons.setdefault(user_id, {})[key] = completed_at

    targets = {a.pk: {s.pk for s in a.students.all()} for a in assignments}
    rows = []
    for student in students:
        row = ProgressRow(student=student)
        for assignment in assignments:
            targeted = targets[assignment.pk]
            if targeted and student.pk not in targeted:
                row.cells.append(None)
                continue
            extension = extensions.get((assignment.pk, student.pk))
            due = extension.due_at if extension else assignment.due_at
            if assignment.quiz_id:
                tries = attempts.get((student.pk, assignment.quiz.translation_key), [])
                cell = _quiz_cell(tries, due, now)
            else:
                path = assignment.module.path
                keys = lessons[path]
                read = done_lessons.get(student.pk, {})
                tries = [t for k in checks[path] for t in attempts.get((student.pk, k), [])]
                cell = _module_cell(keys, read, checks[path], tries, due, now)
            cell.extended = extension is not None
            row.cells.append(cell)
        rows.append(row)
    return rows


def _quiz_cell(tries: list, due: datetime, now: datetime) -> Cell:
    submitted = sorted(t[2] for t in tries if t[2] is not None)
    percents = [t[3] for t in tries if t[3] is not None]
    return Cell(
        status=status(
            started=bool(tries), done_at=submitted[0] if submitted else None, due_at=due, now=now
        ),
        due_at=due,
        best_percent=max(percents) if percents else None,
        attempts=len(tries),
        done=bool(submitted),
    )


def _module_cell(keys, read: dict, checks, tries: list, due, now) -> Cell:
    completed = [read[key] for key in keys if read.get(key)]
    passes = sorted(t[2] for t in tries if t[3] is not None and t[3] >= t[4])
    percents = [t[3] for t in tries if t[3] is not None]
    all_read = len(completed) == len(keys)
    passed = bool(passes) or not checks
    done_at = None
    if all_read and passed and (keys or checks):
        moments = completed + passes[:1]
        done_at = max(moments) if moments else None
    started = bool(completed) or bool(tries) or any(key in read for key in keys)
    return Cell(
        status=status(started=started, done_at=done_at, due_at=due, now=now),
        due_at=due,
        lessons_done=len(completed),
        lessons_total=len(keys),
        best_percent=max(percents) if percents else None,
        attempts=len(tries),
        done=done_at is not None,
    )


# --- Item analysis of a class ------------------------------------------------------------------


def quizzes_given(given: list[Assignment]) -> QuerySet:
    """The quizzes given to a class: assigned ones and the checks of assigned modules (read
    `module` with the assignments); a module's quiz for families is no check of it."""
    checks = Q(pk__in={a.quiz_id for a in given if a.quiz_id})
    for assignment in given:
        if assignment.module_id:
            path = assignment.module.path
            checks |= Q(path__startswith=path, depth=len(path) // QuizPage.steplen + 1)
    return QuizPage.objects.filter(checks).filter(for_families=False)


def class_attempts(classroom: Classroom) -> QuerySet:
    """The attempts of the class's present students (on any quiz: narrow it)."""
    members = ClassroomMembership.objects.current().filter(classroom=classroom)
    return Attempt.objects.filter(user__in=members.values("student_id"))


def class_item_analysis(
    *, classroom: Classroom, quiz_id: int
) -> tuple[QuizPage, list[ItemStats]] | None:
    """How each question of a quiz behaved in this class, from its own students' attempts:
    the teacher's page and API read the same figures here. None when the quiz was not given to
    the class. A fixed number of queries, whatever the numbers of students and attempts."""
    given = list(Assignment.objects.filter(classroom=classroom).select_related("module"))
    quiz = quizzes_given(given).filter(pk=quiz_id).first()
    if quiz is None:
        return None
    return quiz, item_analysis(quiz=quiz, attempts=class_attempts(classroom).filter(quiz=quiz))
