from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lms.accounts import errors, services
from lms.accounts.forms import JoinCodeForm, SignInForm, StudentSignUpForm
from lms.accounts.models import (
    Role,
)
from lms.accounts.permissions import area_in_charge
from lms.core import metrics
from lms.core.errors import DomainError
from lms.core.i18n import home_url
from lms.core.security import client_ip


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.paused is not None:  # refused by a sign-in limit: say when to come back
            response.status_code = 429
            response["Retry-After"] = str(form.paused.retry_after)
        return response


class SignOutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password-change-done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


# Where each role's work is, most specific first: a user with several roles lands on the first
# that applies. A judge's work is tied to a contest and its day, a teacher's to their classes, an
# officer's to the reach figures; the back office (editors, reviewers, admins) serves everyone
# and a student's home is the general case. The other spaces stay one click away in the header.
LANDINGS: tuple[tuple[tuple[str, ...], str], ...] = (
    ((Role.JUDGE,), "judge:home"),
    ((Role.TEACHER,), "teacher-home"),
    ((Role.OFFICER,), "reach-dashboard"),
    ((Role.ADMIN, Role.EDITOR, Role.REVIEWER), "wagtailadmin_home"),
    ((Role.STUDENT,), "quizzes:student-home"),
)


def landing_url(user) -> str:
    """The page where this user's work is: the first of LANDINGS that their roles match, and the
    public home for a signed-in user without a role (a public contest participant)."""
    for roles, url_name in LANDINGS:
        if user.has_role(*roles) and _has_work_there(user, url_name):
            return reverse(url_name)
    return home_url()


def _has_work_there(user, url_name: str) -> bool:
    # An officer follows the figures of their own area: without one (not set up yet) the
    # dashboard has nothing to show, so they land on their next role's page or the home.
    if url_name == "reach-dashboard":
        return area_in_charge(user) is not None
    return True


def after_login(request):
    """Send each role to the place it works in (a safe `next` is honoured before this: the
    sign-in view only falls back here when none was given)."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return redirect(landing_url(request.user))


@require_http_methods(["GET", "POST"])
def join(request):
    """Step one: the student types the class code."""
    form = JoinCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            classroom = services.find_classroom_by_code(
                form.cleaned_data["code"], address=client_ip(request)
            )
        except DomainError as exc:
            form.add_error("code", str(exc.message))
        else:
            return redirect("accounts:join-class", code=classroom.join_code)
    return render(request, "accounts/join.html", {"form": form})


@require_http_methods(["GET", "POST"])
def join_class(request, code: str):
    """Step two: a signed-in student confirms; a newcomer creates an account in the class."""
    now = timezone.now()
    try:
        classroom = services.find_classroom_by_code(code, address=client_ip(request))
    except DomainError as exc:
        form = JoinCodeForm(initial={"code": code})
        return render(
            request, "accounts/join.html", {"form": form, "error": exc.message}, status=exc.status
        )
    context = {"classroom": classroom}
    if not classroom.join_code_is_open(now):
        context["error"] = errors.JoinCodeExpired.message
        return render(request, "accounts/join_class.html", context, status=410)

    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                services.join_classroom(student=request.user, code=code, now=now)
            except DomainError as exc:
                context["error"] = exc.message
                return render(request, "accounts/join_class.html", context, status=exc.status)
            messages.success(request, _("Welcome to class %(name)s!") % {"name": classroom.name})
            return redirect(home_url())
        return render(request, "accounts/join_class.html", context)

    form = StudentSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            student, _membership = services.sign_up_with_join_code(
                code=code,
                display_name=form.cleaned_data["display_name"],
                birth_year=form.cleaned_data["birth_year"],
                sex=form.cleaned_data["sex"],
                password=form.cleaned_data["password1"],
                now=now,
            )
        except DomainError as exc:
            context["error"] = exc.message
        else:
            login(request, student, backend="lms.accounts.backends.UsernameOrStaffEmailBackend")
            metrics.sign_in("ok", way="class_code", user_id=student.pk)
            request.session["new_username"] = student.username
            return redirect("accounts:welcome")
    context.update(
        form=form, login_url=f"{reverse('accounts:login')}?next={request.get_full_path()}"
    )
    return render(request, "accounts/join_class.html", context)


def welcome(request):
    """Shown once after sign-up: the generated username, which the student must remember."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    username = request.session.pop("new_username", None)
    return render(request, "accounts/welcome.html", {"new_username": username})
