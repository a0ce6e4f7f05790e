"""The teacher space's work and progress: assignments, extensions, the progress matrix and its
exports (its classes and rosters are in `lms.teaching.classes`)."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from courses.pages import ModulePage
from lms.accounts.models import User
from lms.accounts.services import ascii_slug
from lms.core.errors import DomainError
from lms.core.input import whole_number
from lms.core.spreadsheets import csv_bytes, download, xlsx_bytes
from lms.teaching import assignments
from lms.teaching.assignments import assigned_to
from lms.teaching.classes import (
    classroom_of,
    confirmation,
    confirmed,
    student_of,
    teacher_only,
)
from lms.teaching.models import Assignment
from quizzes.models import Attempt
from quizzes.pages import QuizPage, standalone_quizzes
from quizzes.selectors import item_analysis


def _items() -> list[tuple[str, str]]:
    """Live modules and quizzes, in the site's first language, as choices 'module:12'."""
    locale = Locale.get_default()
    modules = ModulePage.objects.live().filter(locale=locale).order_by("path")
    # A kind of quiz reached through something else (a contest's round) is not a teacher's to give.
    quizzes = standalone_quizzes().filter(locale=locale).order_by("path")
    return [(f"module:{m.pk}", _("Module: %(title)s") % {"title": m.title}) for m in modules] + [
        (f"quiz:{q.pk}", _("Quiz: %(title)s") % {"title": q.title}) for q in quizzes
    ]


class AssignmentForm(forms.Form):
    item = forms.ChoiceField(label=gettext_lazy("Module or quiz"))
    opens_at = forms.DateTimeField(
        label=gettext_lazy("Opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    due_at = forms.DateTimeField(
        label=gettext_lazy("Due"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    students = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Only these students (none chosen: the whole class)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, classroom, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = _items()
        self.fields["students"].queryset = User.objects.filter(
            memberships__classroom=classroom, memberships__left_at__isnull=True
        ).order_by("display_name")
        self.fields["students"].label_from_instance = lambda user: user.get_short_name()


@teacher_only
def assignment_create(request, classroom_id: int):
    classroom = classroom_of(request, classroom_id)
    now = timezone.localtime().replace(second=0, microsecond=0)
    form = AssignmentForm(
        request.POST or None,
        classroom=classroom,
        initial={"opens_at": now, "due_at": now + timedelta(days=7)},
    )
    if request.method == "POST" and form.is_valid():
        kind, _sep, pk = form.cleaned_data["item"].partition(":")
        model = ModulePage if kind == "module" else QuizPage
        item = model.objects.live().filter(pk=pk).first()
        try:
            assignments.assign(
                classroom=classroom,
                by=request.user,
                opens_at=form.cleaned_data["opens_at"],
                due_at=form.cleaned_data["due_at"],
                module=item if kind == "module" else None,
                quiz=item if kind == "quiz" else None,
                students=list(form.cleaned_data["students"]),
            )
        except DomainError as refused:
            refused.add_to_form(form)
        else:
            messages.success(request, _("The work is assigned."))
            return redirect("teacher-class", classroom_id=classroom.pk)
    return render(request, "teacher/assignment_form.html", {"classroom": classroom, "form": form})


class ExtensionForm(forms.Form):
    student = forms.ModelChoiceField(label=gettext_lazy("Student"), queryset=User.objects.none())
    due_at = forms.DateTimeField(
        label=gettext_lazy("New due date"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    extra_minutes = forms.IntegerField(
        label=gettext_lazy("Extra minutes on the quiz's time limit"), min_value=0, initial=0
    )

    def __init__(self, *args, classroom, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = User.objects.filter(
            memberships__classroom=classroom, memberships__left_at__isnull=True
        ).order_by("display_name")
        self.fields["student"].label_from_instance = lambda user: user.get_short_name()


@teacher_only
def extension_create(request, classroom_id: int, assignment_id: int):
    classroom = classroom_of(request, classroom_id)
    assignment = get_object_or_404(Assignment, pk=assignment_id, classroom=classroom)
    form = ExtensionForm(
        request.POST or None,
        classroom=classroom,
        initial={"due_at": timezone.localtime(assignment.due_at) + timedelta(days=2)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignments.extend(assignment=assignment, **form.cleaned_data)
        except DomainError as refused:
            refused.add_to_form(form)
        else:
            messages.success(request, _("The extension is saved."))
            return redirect("teacher-class", classroom_id=classroom.pk)
    return render(
        request,
        "teacher/extension_form.html",
        {"classroom": classroom, "assignment": assignment, "form": form},
    )


@require_http_methods(["GET", "POST"])
@teacher_only
def assignment_delete(request, classroom_id: int, assignment_id: int):
    classroom = classroom_of(request, classroom_id)
    assignment = get_object_or_404(
        Assignment.objects.select_related("module", "quiz"), pk=assignment_id, classroom=classroom
    )
    if not confirmed(request):
        return confirmation(
            request,
            classroom=classroom,
            question=_("Remove “%(title)s” from the work of %(whom)s?")
            % {"title": assignment.item.title, "whom": assigned_to(assignment)},
            action=_("Remove the assignment"),
            note=_("The students' work is kept."),
        )
    assignment.delete()
    messages.success(request, _("The assignment is removed; the students' work is kept."))
    return redirect("teacher-class", classroom_id=classroom.pk)


SORTS = {"name", "done", "late"}
FILTERS = {"all", "late", "not_done"}


@teacher_only
def progress(request, classroom_id: int):
    classroom = classroom_of(request, classroom_id)
    report = assignments.class_progress(classroom=classroom, now=timezone.now())
    sort = request.GET.get("sort", "name")
    show = request.GET.get("show", "all")
    if sort not in SORTS and not (sort.startswith("item") and whole_number(sort[4:]) is not None):
        sort = "name"
    rows = report.rows
    if show == "late":
        rows = [r for r in rows if any(c and c.is_late for c in r.cells)]
    elif show == "not_done":
        rows = [r for r in rows if any(c and c.status != assignments.Status.DONE for c in r.cells)]
    if sort == "done":
        rows = sorted(rows, key=lambda r: -r.done)
    elif sort == "late":
        rows = sorted(rows, key=lambda r: -sum(bool(c and c.is_late) for c in r.cells))
    elif sort.startswith("item"):
        index = int(sort[4:])
        if index < len(report.assignments):
            rows = sorted(
                rows,
                key=lambda r: -(r.cells[index].best_percent or -1) if r.cells[index] else 1,
            )
    export = request.GET.get("format")
    if export in ("xlsx", "csv"):
        return _export(report, export)
    return render(
        request,
        "teacher/progress.html",
        {
            "classroom": classroom,
            "report": report,
            "rows": rows,
            "matrix_body": _matrix_body(classroom, rows),
            "columns": list(zip(report.assignments, report.summary(), strict=True)),
            "legend": [
                (status, SYMBOLS[status], label)
                for status, label in assignments.STATUS_LABELS.items()
            ],
            "sort": sort,
            "show": show,
            "item_sorts": [(f"item{i}", a.item.title) for i, a in enumerate(report.assignments)],
        },
    )


SYMBOLS = {
    assignments.Status.DONE: "✓",
    assignments.Status.IN_PROGRESS: "◐",
    assignments.Status.NOT_STARTED: "○",
    assignments.Status.LATE: "!",
}


def _matrix_body(classroom, rows) -> str:
    """The matrix's rows as HTML, built here: a template loop over a thousand cells costs the
    teacher a noticeable wait (measured in tests/bench/bench_progress.py). A heat map: each
    cell's class colours it by state and score band, and its state is also written, with a
    symbol, so that colour is never the only signal."""
    labels = {
        status: f'<span aria-hidden="true">{SYMBOLS[status]}</span> {escape(label)}'
        for status, label in assignments.STATUS_LABELS.items()
    }
    # Translated outside the f-strings: makemessages does not look inside them.
    extended_text, overdue_text, none_text = _("extended"), _("Overdue"), _("Not assigned")
    extended = f'<br><span class="small">{escape(extended_text)}</span>'
    overdue = f'<br><span class="overdue">⚠ {escape(overdue_text)}</span>'
    not_assigned = (
        '<td class="cell-none"><span aria-hidden="true">–</span> '
        f'<span class="small">{escape(none_text)}</span></td>'
    )
    student_url = reverse("teacher-student", args=[classroom.pk, 0])[:-2]
    html = []
    for row in rows:
        html.append(
            f'<tr><th scope="row"><a href="{student_url}{row.student.pk}/">'
            f"{escape(row.student.get_short_name())}</a></th>"
        )
        for cell in row.cells:
            if cell is None:
                html.append(not_assigned)
                continue
            html.append(
                f'<td class="cell-{cell.status} band-{cell.band}">'
                f'<span class="status status-{cell.status}">{labels[cell.status]}</span>'
            )
            if cell.lessons_total:
                html.append(f"<br>{escape(cell.lessons_text)}")
            if cell.best_percent is not None:
                html.append(f"<br>{cell.percent_text}")
            if cell.is_overdue:
                html.append(overdue)
            if cell.extended:
                html.append(extended)
            html.append("</td>")
        html.append("</tr>")
    return mark_safe("".join(html))


# A question is "hard" for a class when fewer than 60% of at least 5 answers were right: below
# 5 answers one slip decides, and a question most got right is not where to spend a lesson.
HARD_FACILITY = 0.6
MIN_ANSWERS = 5


@teacher_only
def hardest_questions(request, classroom_id: int):
    """The class's most difficult questions on its assigned quizzes (a page of its own: item
    analysis reads every attempt's answers, which the matrix never needs)."""
    classroom = classroom_of(request, classroom_id)
    return render(
        request,
        "teacher/hardest_questions.html",
        {
            "classroom": classroom,
            "hardest": _hardest_questions(classroom, limit=10),
            "min_answers": MIN_ANSWERS,
            "hard_percent": int(HARD_FACILITY * 100),
        },
    )


def _hardest_questions(classroom, limit: int = 5):
    """The class's hardest questions on its quizzes (item analysis of its attempts only): those
    with at least MIN_ANSWERS answers and a facility under HARD_FACILITY, hardest first."""
    given = list(Assignment.objects.filter(classroom=classroom).select_related("module"))
    found = []
    for quiz in assignments.quizzes_given(given).live():
        attempts = assignments.class_attempts(classroom).filter(quiz=quiz)
        found += [
            (quiz, item)
            for item in item_analysis(quiz=quiz, attempts=attempts)
            if item.attempts >= MIN_ANSWERS and item.facility < HARD_FACILITY
        ]
    return sorted(found, key=lambda pair: pair[1].facility)[:limit]


@teacher_only
def class_item_analysis(request, classroom_id: int, quiz_id: int):
    """How each question of a quiz behaved in this class: facility, discrimination and the
    choices picked, from the class's own attempts. Only a quiz given to the class is found."""
    classroom = classroom_of(request, classroom_id)
    found = assignments.class_item_analysis(classroom=classroom, quiz_id=quiz_id)
    if found is None:
        raise Http404
    quiz, items = found
    return render(
        request,
        "teacher/item_analysis.html",
        {
            "classroom": classroom,
            "quiz": quiz,
            "items": [
                (item, int(round(item.facility * 100)), item.facility < HARD_FACILITY)
                for item in items
            ],
        },
    )


def matrix_rows(report) -> list[list]:
    """The progress matrix as plain cells: a header row, then one row per student."""
    header = [_("Student"), _("Username")]
    for assignment in report.assignments:
        title = assignment.item.title
        header += [
            _("%(title)s: status") % {"title": title},
            _("%(title)s: lessons") % {"title": title},
            _("%(title)s: best score (%%)") % {"title": title},
            _("%(title)s: late") % {"title": title},
        ]
    rows = [header]
    for row in report.rows:
        line = [row.student.get_short_name(), row.student.username]
        for cell in row.cells:
            if cell is None:
                line += ["", "", "", ""]
                continue
            lessons = f"{cell.lessons_done}/{cell.lessons_total}" if cell.lessons_total else ""
            best = float(cell.best_percent) if cell.best_percent is not None else ""
            line += [cell.label, lessons, best, _("yes") if cell.is_late else _("no")]
        rows.append(line)
    return rows


def _export(report, kind: str) -> HttpResponse:
    rows = matrix_rows(report)
    # Header-safe: a class may be called "Lớp chuyên Toán" or "8A/2".
    name = f"tien-do-{ascii_slug(report.classroom.name) or report.classroom.pk}"
    if kind == "csv":
        return download(csv_bytes(rows), filename=name, kind="csv")
    return download(xlsx_bytes(rows, title=_("Progress"), freeze="C2"), filename=name, kind="xlsx")


@teacher_only
def student_detail(request, classroom_id: int, student_id: int):
    classroom = classroom_of(request, classroom_id)
    student = student_of(classroom, student_id)
    report = assignments.class_progress(classroom=classroom, now=timezone.now())
    row = next((r for r in report.rows if r.student.pk == student.pk), None)
    if row is None:
        raise Http404
    return render(
        request,
        "teacher/student_detail.html",
        {
            "classroom": classroom,
            "student": student,
            "items": [
                (a, c) for a, c in zip(report.assignments, row.cells, strict=True) if c is not None
            ],
            "attempts": Attempt.objects.of(student)
            .filter(submitted_at__isnull=False)
            .select_related("quiz")
            .defer("paper")
            .order_by("-submitted_at")[:20],
        },
    )
