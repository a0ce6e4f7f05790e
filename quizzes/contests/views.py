"""The public side of contests that is not a Wagtail page: signing up (a visitor's light account
or a signed-in person's one click) and the published results.

Results come only from published snapshots: nothing a judge has not published is ever shown, and a
row shows what the snapshot kept for the public (rank, abbreviated name, unit, score).
"""

import time

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from lms.accounts.forms import PersonSignUpForm
from lms.accounts.models import Area, School
from lms.accounts.personal_data import CONSENT_TEXTS, CONSENT_VERSION, born_a_minor_from
from lms.accounts.sign_in_limits import Rate, bump
from lms.core import metrics
from lms.core.errors import DomainError
from lms.core.input import whole_number
from lms.core.security import client_ip
from quizzes.contests import access, entries, errors, selectors, snapshots, units
from quizzes.contests.pages import ContestAudience, ContestPage
from quizzes.contests.records import RankingSnapshot

PER_PAGE = 50  # rows of a results page: a phone's list stays a few screens long
PODIUM = 3
EARLIEST_BIRTH_YEAR = 1940
RESULTS_MAX_AGE = 60  # seconds a browser may keep a results page: published rankings rarely move
LOGIN_BACKEND = "lms.accounts.backends.UsernameOrStaffEmailBackend"
SIGN_UPS_PER_ADDRESS_AND_HOUR = 120


# Forms ---------------------------------------------------------------------------------------


class UnitForm(forms.Form):
    """Where a participant belongs in the rankings: a school, else a ward or commune."""

    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.order_by("name"),
        required=False,
        empty_label=_("— not at a school —"),
        help_text=_("Rankings group participants by school, or by ward or commune: choose one."),
    )
    ward = forms.ModelChoiceField(
        label=_("Ward or commune"),
        queryset=Area.objects.filter(depth__gte=2).order_by("name"),
        required=False,
        empty_label=_("— choose —"),
        help_text=_("If you are not at school, choose where you live."),
    )


class VisitorSignUpForm(UnitForm, PersonSignUpForm):
    """A visitor's light sign-up: only what the contest needs, never a full address or email."""

    field_order = [
        "display_name",
        "birth_year",
        "sex",
        "school",
        "ward",
        "password1",
        "password2",
        "data_notice",
        "guardian_agreed",
    ]

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=60,
        help_text=_("Public results show only your family name and initials."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    data_notice = forms.BooleanField(
        label=_("I have read how Học Bình Đẳng keeps my data (the notice above)."),
        error_messages={"required": _("Please read the notice about your data and tick the box.")},
    )
    guardian_agreed = forms.BooleanField(label="", required=False)
    empty_name = _("Please write your name.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.minor_from = born_a_minor_from(timezone.localdate())
        self.fields["guardian_agreed"].label = _(
            "If I was born in %(year)d or later: my parent or guardian has read the notice and "
            "agrees to my signing up."
        ) % {"year": self.minor_from}

    def birth_years(self) -> tuple[int, int]:
        return EARLIEST_BIRTH_YEAR, timezone.localdate().year

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("birth_year")
        if year is not None and year >= self.minor_from and not cleaned.get("guardian_agreed"):
            self.add_error(
                "guardian_agreed",
                _(
                    "Under 18, you may sign up only with a parent's or guardian's agreement: "
                    "show them the notice, then tick the box."
                ),
            )
        return cleaned

    @property
    def by_guardian(self) -> bool:
        return self.cleaned_data["birth_year"] >= self.minor_from


# Sign-up -------------------------------------------------------------------------------------


def _live_contest(contest_id: int) -> ContestPage:
    try:
        return access.published_contest(contest_id)
    except errors.ContestNotFound as missing:
        raise Http404(str(missing.message)) from missing


@require_http_methods(["GET", "POST"])
def sign_up(request, contest_id: int):
    """Visitors of a public contest get a light account; signed-in people join in one click."""
    contest = _live_contest(contest_id)
    context = {
        "contest": contest,
        "consent_text": CONSENT_TEXTS[CONSENT_VERSION],
        "consent_version": CONSENT_VERSION,
    }
    if request.user.is_authenticated:
        return _sign_up_member(request, contest, context)
    if contest.audience != ContestAudience.PUBLIC:
        context["refused"] = errors.NotInContestAudience.message
        return render(request, "quizzes/contest_signup.html", context, status=403)
    form = VisitorSignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and _too_many_accounts_from(request):
        context["refused"] = gettext(
            "Too many accounts have been created from this network in the last hour. "
            "Try again later, or ask your teacher for help."
        )
        return render(request, "quizzes/contest_signup.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = entries.sign_up_visitor(
                contest=contest,
                display_name=data["display_name"],
                birth_year=data["birth_year"],
                sex=data["sex"],
                password=data["password1"],
                school=data["school"],
                ward=data["ward"],
                consent_by_guardian=form.by_guardian,
                now=timezone.now(),
            )
        except DomainError as refused:
            refused.add_to_form(form)
        else:
            login(request, entry.user, backend=LOGIN_BACKEND)
            metrics.sign_in("ok", way="sign_up", user_id=entry.user.pk)
            messages.success(
                request,
                gettext(
                    "You are signed up. Your username is %(username)s: write it down, you need "
                    "it and your password to sign in again."
                )
                % {"username": entry.user.username},
            )
            return redirect(contest.url)
    context["form"] = form
    status = 400 if form.errors else 200
    return render(request, "quizzes/contest_signup.html", context, status=status)


def _too_many_accounts_from(request) -> bool:
    """New accounts per network address and hour: enough for a school's computer room (one
    address for all), not for a script filling the database."""
    sign_ups, now = Rate(SIGN_UPS_PER_ADDRESS_AND_HOUR, 3600), time.time()
    key = f"contest:sign-ups:{client_ip(request)}:{sign_ups.window(now)}"
    if (cache.get(key) or 0) >= sign_ups.count:  # nothing kept (cache down): let it through
        return True
    bump(key, sign_ups.seconds)
    return False


def _sign_up_member(request, contest: ContestPage, context: dict):
    user = request.user
    if contest.entry_of(user) is not None:
        if request.method == "GET":
            messages.info(request, str(errors.AlreadySignedUp.message))
            return redirect(contest.url)
        context["refused"] = errors.AlreadySignedUp.message
        return render(request, "quizzes/contest_signup.html", context, status=409)
    if not contest.may_join(user):
        context["refused"] = errors.NotInContestAudience.message
        return render(request, "quizzes/contest_signup.html", context, status=403)
    form = UnitForm(request.POST if request.method == "POST" else None)
    context.update(form=form, member=True)
    if request.method == "GET" or not form.is_valid():
        return render(
            request, "quizzes/contest_signup.html", context, status=400 if form.errors else 200
        )
    try:
        entries.sign_up(
            contest=contest,
            user=user,
            now=timezone.now(),
            school=form.cleaned_data["school"],
            ward=form.cleaned_data["ward"],
        )
    except DomainError as refused:
        if refused.fields:
            refused.add_to_form(form)
            return render(request, "quizzes/contest_signup.html", context, status=refused.status)
        context["refused"] = refused.message
        return render(request, "quizzes/contest_signup.html", context, status=refused.status)
    messages.success(request, gettext("You are signed up. Good luck in the rounds!"))
    return redirect(contest.url)


# Results -------------------------------------------------------------------------------------


@require_safe
def results(request, contest_id: int):
    """A published ranking, 100 rows a page, with the reader's own row on top. A fixed number of
    queries whatever the size of the contest."""
    contest = _live_contest(contest_id)
    rounds = {round_.pk: round_ for round_ in contest.rounds()}
    published = selectors.published_versions(contest, rounds)
    snapshot = _chosen(published, rounds, request.GET.get("round", ""))
    context = {
        "contest": contest,
        "choices": [
            {"round": rounds.get(round_id), "snapshot": found}
            for round_id, found in published.items()
        ],
        "snapshot": snapshot,
    }
    if snapshot is not None:
        page, pages = _page_number(request.GET.get("page", ""), snapshot.participants)
        entry = contest.entry_of(request.user)
        own = snapshots.own_row(snapshot, entry)
        round_ = rounds.get(snapshot.round_id)
        base = f"?round={round_.pk}&" if round_ is not None else "?"
        rows = snapshots.top_rows(snapshot, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
        code = request.GET.get("code", "").strip()
        found = _found_by_code(snapshot, code) if code else None
        context.update(
            round=round_,
            rows=rows,
            podium=[row for row in rows if row.rank <= PODIUM] if page == 1 else [],
            code=code,
            found=found,
            found_url=f"{base}page={_page_of(found)}#row-{found.position}" if found else "",
            first_position=(page - 1) * PER_PAGE + 1,
            own=own,
            page_number=page,
            pages=pages,
            previous_url=f"{base}page={page - 1}" if page > 1 else "",
            next_url=f"{base}page={page + 1}" if page < pages else "",
            show_prediction=_has_prediction(round_, rounds),
            units=units.unit_rankings(snapshot, places=contest.award_places),
        )
    response = render(request, "quizzes/contest_results.html", context)
    patch_cache_control(response, private=True, max_age=RESULTS_MAX_AGE)
    return response


def _found_by_code(snapshot: RankingSnapshot, code: str):
    """The row of the participant whose code (their entry's number, shown to them on the
    contest's page) this is: one indexed query; None for a code that is not in the ranking."""
    number = whole_number(code, digits=9)
    return snapshots.own_row_by_code(snapshot, number) if number is not None else None


def _page_of(row) -> int:
    return (row.position - 1) // PER_PAGE + 1


def _chosen(published: dict, rounds: dict, asked: str) -> RankingSnapshot | None:
    if asked:
        number = whole_number(asked)
        if number is None or number not in published:
            raise Http404(gettext("This round has no published results."))
        return published[number]
    if None in published:
        return published[None]
    by_number = [found for round_id, found in published.items() if round_id is not None]
    return by_number[-1] if by_number else None


def _page_number(asked: str, participants: int) -> tuple[int, int]:
    pages = max(1, -(-participants // PER_PAGE))
    if not asked:
        return 1, pages
    number = whole_number(asked)
    if number is None or not 1 <= number <= pages:
        raise Http404(gettext("There is no such page of results."))
    return number, pages


def _has_prediction(round_, rounds: dict) -> bool:
    if round_ is not None:
        return bool(round_.prediction_question)
    return any(r.prediction_question for r in rounds.values())
