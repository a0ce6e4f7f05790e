"""The teacher space's classes: the list of them, their rosters, join codes and login cards
(the work given to them and its progress are in `lms.teaching.work`).

Every view finds the class through `ClassroomAccess.scope`, so another teacher's class, or a
student of it, is simply not found (404).
"""

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from lms.accounts import cards, roster, services
from lms.accounts.models import (
    Classroom,
    Role,
    School,
    User,
    current_school_year,
    school_year_label,
)
from lms.accounts.permissions import ClassroomAccess, role_required
from lms.accounts.services import ascii_slug
from lms.core.errors import DomainError
from lms.core.input import whole_number
from lms.core.qr import qr_svg
from lms.core.uploads import UploadFlow, UploadForm
from lms.teaching.assignments import assigned_to
from lms.teaching.models import Assignment

CARDS_SESSION_KEY = "login-cards"
teacher_only = role_required(Role.TEACHER, Role.ADMIN)


def classroom_of(request, classroom_id: int) -> Classroom:
    return get_object_or_404(
        ClassroomAccess.scope(request.user, Classroom.objects.select_related("school")),
        pk=classroom_id,
    )


def student_of(classroom: Classroom, student_id: int) -> User:
    return get_object_or_404(
        User.objects.filter(memberships__classroom=classroom, memberships__left_at__isnull=True),
        pk=student_id,
    )


class ClassroomForm(forms.ModelForm):
    class Meta:
        model = Classroom
        fields = ["school", "grade", "school_year", "name"]
        help_texts = {"name": gettext_lazy("For example: 8A2.")}

    def __init__(self, *args, teacher: User, **kwargs):
        super().__init__(*args, **kwargs)
        schools = School.objects.order_by("name")
        if teacher.school_id and not teacher.has_role(Role.ADMIN):
            schools = schools.filter(pk=teacher.school_id)
        self.fields["school"].queryset = schools
        self.fields["school"].initial = teacher.school_id


@teacher_only
def teacher_home(request):
    classrooms = (
        ClassroomAccess.scope(request.user, Classroom.objects.all())
        .select_related("school")
        .annotate(
            student_count=models.Count(
                "memberships", filter=models.Q(memberships__left_at__isnull=True)
            )
        )
    )
    year = current_school_year()
    without_consent = (
        School.objects.filter(classrooms__in=classrooms.filter(school_year=year))
        .exclude(consents__school_year=year)
        .distinct()
        .order_by("name")
    )
    return render(
        request,
        "accounts/teacher_home.html",
        {
            "classrooms": classrooms,
            "without_consent": list(without_consent),
            "year_label": school_year_label(year),
        },
    )


@teacher_only
def class_create(request):
    form = ClassroomForm(request.POST or None, teacher=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            classroom = services.open_classroom(teacher=request.user, **form.cleaned_data)
        except DomainError as refused:
            refused.add_to_form(form)
        else:
            messages.success(
                request, _("The class is ready. Share its join code or import a roster.")
            )
            return redirect("teacher-class", classroom_id=classroom.pk)
    return render(request, "teacher/class_form.html", {"form": form})


@teacher_only
def class_detail(request, classroom_id: int):
    classroom = classroom_of(request, classroom_id)
    students = User.objects.filter(
        memberships__classroom=classroom, memberships__left_at__isnull=True
    ).order_by("display_name", "username")
    join_url = _join_url(request, classroom)
    others = ClassroomAccess.scope(request.user, Classroom.objects.all()).exclude(pk=classroom.pk)
    return render(
        request,
        "teacher/class_detail.html",
        {
            "classroom": classroom,
            "students": students,
            "join_url": join_url,
            "qr_svg": qr_svg(join_url, title=_("QR code of the join link")),
            "other_classes": others.filter(school_year=classroom.school_year),
            "assignments": [
                (assignment, assigned_to(assignment))
                for assignment in Assignment.objects.filter(classroom=classroom)
                .select_related("module", "quiz")
                .prefetch_related("students")
            ],
            "new_password": request.session.pop("new-password", None),
        },
    )


def _join_url(request, classroom: Classroom) -> str:
    return request.build_absolute_uri(reverse("accounts:join-class", args=[classroom.join_code]))


class RosterUploadForm(UploadForm):
    file = forms.FileField(
        label=gettext_lazy("Roster file (.xlsx or .csv)"),
        error_messages=UploadForm.base_fields["file"].error_messages,
    )


class RosterUpload(UploadFlow):
    folder = "rosters"
    template_name = "teacher/roster_import.html"
    form_class = RosterUploadForm

    def __init__(self, classroom: Classroom):
        self.classroom = classroom

    def scope(self) -> str:
        return str(self.classroom.pk)

    def check(self, table):
        return roster.preview(table)

    def save(self, preview):
        return roster.import_roster(preview, classroom=self.classroom, now=timezone.now())

    def saved(self, request, outcome, context):
        _keep_cards(request, self.classroom, outcome)
        return render(
            request, "teacher/roster_done.html", {"classroom": self.classroom, "created": outcome}
        )


@teacher_only
def roster_import(request, classroom_id: int):
    classroom = classroom_of(request, classroom_id)
    return RosterUpload(classroom).handle(request, classroom=classroom)


def _keep_cards(request, classroom: Classroom, created: list[tuple[User, str]]) -> None:
    """The passwords just made, for the cards; kept in the teacher's session only."""
    kept = request.session.get(CARDS_SESSION_KEY, {})
    entries = kept.get(str(classroom.pk), [])
    entries = [e for e in entries if e[1] not in {s.username for s, _p in created}]
    entries += [[s.get_short_name(), s.username, p] for s, p in created]
    kept[str(classroom.pk)] = entries
    request.session[CARDS_SESSION_KEY] = kept


@teacher_only
def login_cards(request, classroom_id: int):
    classroom = classroom_of(request, classroom_id)
    entries = request.session.get(CARDS_SESSION_KEY, {}).get(str(classroom.pk), [])
    if not entries:
        messages.info(
            request,
            _("Cards show new passwords only: import a roster or give new passwords first."),
        )
        return redirect("teacher-class", classroom_id=classroom.pk)
    pdf = cards.render_cards(
        [tuple(e) for e in entries],
        classroom=classroom.name,
        login_url=request.build_absolute_uri(reverse("accounts:login")),
        join_url=_join_url(request, classroom),
        join_code=classroom.join_code,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    slug = ascii_slug(classroom.name) or classroom.pk
    response["Content-Disposition"] = f'inline; filename="the-dang-nhap-{slug}.pdf"'
    return response


def confirmed(request) -> bool:
    """Whether this is the POST of a confirmation page: what changes or removes something for
    students acts only then; a GET, or a POST from a form without the step, shows the page."""
    return request.method == "POST" and request.POST.get("confirmed") == "yes"


def confirmation(
    request,
    *,
    classroom: Classroom,
    question: str,
    action: str,
    names: list[str] = (),
    note: str = "",
    keep: dict | None = None,
) -> HttpResponse:
    """The page that asks before acting, naming who is affected; its form posts back here."""
    return render(
        request,
        "teacher/confirm.html",
        {
            "classroom": classroom,
            "question": question,
            "action": action,
            "names": names,
            "note": note,
            "keep": keep or {},
        },
    )


@require_http_methods(["GET", "POST"])
@teacher_only
def new_passwords(request, classroom_id: int):
    """New passwords for the chosen students (or all), for cards to print and hand out; asked
    first, naming them, since their old passwords stop working at once."""
    classroom = classroom_of(request, classroom_id)
    data = request.POST if request.method == "POST" else request.GET
    chosen = [c for c in data.getlist("students") if whole_number(c) is not None]
    students = User.objects.filter(
        memberships__classroom=classroom, memberships__left_at__isnull=True
    ).order_by("display_name", "username")
    if chosen:
        students = students.filter(pk__in=chosen)
    students = [student for student in students if student.has_role(Role.STUDENT)]
    if not confirmed(request):
        if len(students) == 1 and chosen:
            question = _("Give %(name)s a new password?") % {"name": students[0].get_short_name()}
        else:
            question = ngettext(
                "Give new passwords to %(count)d student of class %(class)s?",
                "Give new passwords to %(count)d students of class %(class)s?",
                len(students),
            ) % {"count": len(students), "class": classroom.name}
        return confirmation(
            request,
            classroom=classroom,
            question=question,
            action=_("Give new passwords"),
            names=[student.get_short_name() for student in students],
            note=_("Their current passwords stop working: hand out the new login cards."),
            keep={"students": chosen},
        )
    created = []
    for student in students:
        password = roster.new_password()
        student.set_password(password)
        student.save(update_fields=["password"])
        created.append((student, password))
    _keep_cards(request, classroom, created)
    if len(created) == 1:
        request.session["new-password"] = [created[0][0].username, created[0][1]]
    messages.success(request, _("New passwords are ready: print the login cards."))
    return redirect("teacher-class", classroom_id=classroom.pk)


@require_POST
@teacher_only
def add_coteacher(request, classroom_id: int):
    """Share the class with a colleague: another teacher, found by username or email."""
    classroom = classroom_of(request, classroom_id)
    who = request.POST.get("teacher", "").strip()
    colleague = (
        User.objects.filter(groups__name=Role.TEACHER)
        .filter(models.Q(username__iexact=who) | models.Q(email__iexact=who))
        .first()
        if who
        else None
    )
    if colleague is None:
        messages.error(request, _("No teacher has this username or email."))
    else:
        classroom.teachers.add(colleague)
        messages.success(
            request,
            _("%(name)s now teaches this class too.") % {"name": colleague.get_short_name()},
        )
    return redirect("teacher-class", classroom_id=classroom.pk)


@require_POST
@teacher_only
def move_student(request, classroom_id: int, student_id: int):
    classroom = classroom_of(request, classroom_id)
    student = student_of(classroom, student_id)
    target = get_object_or_404(
        ClassroomAccess.scope(request.user, Classroom.objects.all()).filter(
            school_year=classroom.school_year
        ),
        pk=whole_number(request.POST.get("to", "")) or 0,
    )
    services.move_to_classroom(student=student, source=classroom, target=target, at=timezone.now())
    messages.success(
        request,
        _("%(name)s moved to %(class)s. Their attempts and progress stay with them.")
        % {"name": student.get_short_name(), "class": target},
    )
    return redirect("teacher-class", classroom_id=classroom.pk)


@require_http_methods(["GET", "POST"])
@teacher_only
def remove_student(request, classroom_id: int, student_id: int):
    classroom = classroom_of(request, classroom_id)
    student = student_of(classroom, student_id)
    if not confirmed(request):
        return confirmation(
            request,
            classroom=classroom,
            question=_("Remove %(name)s from class %(class)s?")
            % {"name": student.get_short_name(), "class": classroom.name},
            action=_("Remove from class"),
            note=_("Their attempts and progress are kept; they can join again with the code."),
        )
    services.leave_classroom(student=student, classroom=classroom, at=timezone.now())
    messages.success(
        request,
        _("%(name)s has left the class. Their attempts and progress are kept.")
        % {"name": student.get_short_name()},
    )
    return redirect("teacher-class", classroom_id=classroom.pk)
