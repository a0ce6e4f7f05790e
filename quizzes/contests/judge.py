"""The judge space: live round dashboards, flags, attempt audits, decisions, finalising,
publishing and awarding rankings, and their exports. For the judges of a contest (and
administrators) only; anyone else is answered 404, so contest ids reveal nothing.

Views stay thin: every rule lives in the app's other modules; here requests become calls and
replies.
"""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.accounts.models import Role
from lms.core.errors import DomainError, NotFound
from lms.core.spreadsheets import csv_bytes, download, xlsx_bytes
from quizzes.contests import (
    access,
    awards,
    entries,
    finalising,
    live,
    selectors,
    snapshots,
    standings,
    units,
)
from quizzes.contests.errors import ReasonRequired
from quizzes.contests.figures import Dashboard
from quizzes.contests.pages import (
    DRAW_POOL_FACTOR,
    TIE_BREAK_LABELS,
    ContestRound,
)
from quizzes.contests.ranking import TieBreak
from quizzes.contests.records import ContestEntry, JudgeDecision, RankingSnapshot
from quizzes.selectors import quiz_status

ROWS_PER_PAGE = 100
FLAGS_PER_PAGE = 20  # open flags on a round's page: a school's Wi-Fi stays one short list
CHART_WIDTH, CHART_HEIGHT, CHART_AXIS = 320, 140, 18


# Forms ---------------------------------------------------------------------------------------


class ReasonForm(forms.Form):
    """Finalising: a reason is needed from the second version on (the service says so)."""

    reason = forms.CharField(
        label=gettext_lazy("Why this version (needed for a new version)"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            (JudgeDecision.Action.DISQUALIFY, gettext_lazy("Disqualify")),
            (JudgeDecision.Action.REINSTATE, gettext_lazy("Reinstate")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (kept in the audit trail)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class FlagDecisionForm(forms.Form):
    """A decision on one flag, by one of two submit buttons (nothing is chosen in advance):
    checked and valid (the flag closes), or disqualify the participants ticked."""

    flag = forms.CharField(max_length=40, widget=forms.HiddenInput)
    action = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            (JudgeDecision.Action.VALID, gettext_lazy("Checked, valid")),
            (JudgeDecision.Action.DISQUALIFY, gettext_lazy("Disqualify")),
        ],
    )
    entries = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Participants to disqualify"),
        queryset=ContestEntry.objects.none(),
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (kept in the audit trail)"),
        max_length=500,
        required=False,
    )

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = ContestEntry.objects.filter(contest=contest)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == JudgeDecision.Action.DISQUALIFY:
            if not cleaned.get("entries"):
                self.add_error("entries", _("Tick the participants to disqualify."))
            if not (cleaned.get("reason") or "").strip():
                self.add_error("reason", str(ReasonRequired.message))
        return cleaned


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search participants by name"), required=False)


# Helpers -------------------------------------------------------------------------------------


def _found(lookup, user, pk: int):
    """The judged object, or 404: non-judges never learn that the object exists."""
    try:
        return lookup(user, pk)
    except NotFound as missing:
        raise Http404(str(missing.message)) from missing


def _refused(request: HttpRequest, error: DomainError) -> None:
    """A refusal as a message a judge can act on: the message, then any field problems."""
    problems = [str(p) for found in error.fields.values() for p in found]
    text = str(error.message)
    extra = [p for p in problems if p != text]
    messages.error(request, " ".join([text, *extra]))


def _form_problems(request: HttpRequest, form: forms.Form) -> None:
    for name, problems in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for problem in problems:
            messages.error(request, f"{label}: {problem}" if label else problem)


def _safe_next(request: HttpRequest, url: str | None) -> str | None:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def _chain_labels(chain: list[str]) -> list[str]:
    labels = []
    for rule in chain:
        try:
            labels.append(str(TIE_BREAK_LABELS[TieBreak(rule)]))
        except (ValueError, KeyError):
            labels.append(rule)
    return labels


def _status(round_: ContestRound, now: datetime) -> str:
    return quiz_status(round_, now)


# 1. The contests a judge judges --------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.JUDGE, Role.ADMIN):
        raise Http404
    return render(request, "judge/home.html", {"contests": access.judged_by(request.user)})


# 2. A contest: rounds, snapshot versions, finalising, decisions ----------------------------


@login_required
def contest_detail(request: HttpRequest, contest_id: int) -> HttpResponse:
    contest = _found(access.judged_contest, request.user, contest_id)
    now = timezone.now()
    versions = selectors.versions(contest)
    rounds = [
        {
            "round": round_,
            "status": _status(round_, now),
            "closed": standings.is_closed(round_, now),
            "snapshots": versions.get(round_.pk, []),
        }
        for round_ in contest.rounds()
    ]
    return render(
        request,
        "judge/contest.html",
        {
            "contest": contest,
            "rounds": rounds,
            "overall": versions.get(None, []),
            "decisions": selectors.recent_decisions(contest),
            "form": ReasonForm(),
        },
    )


# 3. A round's live dashboard -----------------------------------------------------------------


def _histogram(board: Dashboard) -> dict:
    """Bars of an inline SVG chart: one per score band, heights scaled to the tallest."""
    tallest = max((n for _lower, n in board.histogram), default=0) or 1
    count = max(1, len(board.histogram))
    step = CHART_WIDTH // count
    bars = []
    for index, (lower, n) in enumerate(board.histogram):
        height = round((CHART_HEIGHT - CHART_AXIS) * n / tallest)
        upper = 100 if index == count - 1 else board.histogram[index + 1][0]
        bars.append(
            {
                "lower": lower,
                "upper": upper,
                "n": n,
                "x": index * step + 2,
                "width": step - 4,
                "y": CHART_HEIGHT - CHART_AXIS - height,
                "height": height,
                "label_x": index * step + step // 2,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "axis_y": CHART_HEIGHT - CHART_AXIS,
        "label_y": CHART_HEIGHT - 4,
    }


@never_cache
@login_required
def round_dashboard(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _found(access.judged_round, request.user, round_id)
    contest = round_.contest
    now = timezone.now()
    board = live.dashboard(round_, now=now)
    flagged = selectors.open_flags(round_, board.flags) if board else []
    flag_page = Paginator(flagged, FLAGS_PER_PAGE).get_page(request.GET.get("flags", "1"))
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    return render(
        request,
        "judge/round.html",
        {
            "contest": contest,
            "round": round_,
            "draw_pool_factor": DRAW_POOL_FACTOR,
            "status": _status(round_, now),
            "board": board,
            "chart": _histogram(board) if board else None,
            "flags": selectors.flag_lines(list(flag_page), contest),
            "flag_page": flag_page,
            "flags_decided": len(board.flags) - len(flagged) if board else 0,
            "search": search,
            "query": query,
            "participants": selectors.participants_page(
                round_, contest, query=query, page=request.GET.get("page", "1")
            ),
        },
    )


# 4. The audit of one attempt -----------------------------------------------------------------


@never_cache
@login_required
def attempt_audit(request: HttpRequest, attempt_id: int) -> HttpResponse:
    audit = _found(selectors.attempt_audit, request.user, attempt_id)
    attempt, entry = audit.attempt, audit.entry
    minutes, seconds = divmod(attempt.duration_seconds or 0, 60)
    return render(
        request,
        "judge/attempt.html",
        {
            "contest": audit.contest,
            "round": audit.round,
            "attempt": attempt,
            "entry": entry,
            "minutes": minutes,
            "seconds": seconds,
            "paper": selectors.audit_paper(attempt),
            "others": selectors.attempts_in_round(audit.round, attempt.user_id),
            "decisions": audit.decisions,
            # No decision chosen in advance: the judge picks one.
            "form": DecisionForm(initial={"next": request.get_full_path()}),
        },
    )


# 5. Disqualify or reinstate ------------------------------------------------------------------


@require_POST
@login_required
def decide(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _found(access.judged_entry, request.user, entry_id)
    form = DecisionForm(request.POST)
    back = _safe_next(request, request.POST.get("next")) or reverse(
        "judge:contest", args=[entry.contest_id]
    )
    if not form.is_valid():
        _form_problems(request, form)
        return redirect(back)
    try:
        entries.decide(
            entry=entry,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
            by=request.user,
            now=timezone.now(),
        )
    except DomainError as refused:
        _refused(request, refused)
    else:
        if form.cleaned_data["action"] == JudgeDecision.Action.DISQUALIFY:
            messages.success(request, _("The participant is disqualified; the reason is kept."))
        else:
            messages.success(request, _("The participant is reinstated; the reason is kept."))
    return redirect(back)


@require_POST
@login_required
def decide_flag(request: HttpRequest, round_id: int) -> HttpResponse:
    """A decision on a flag: checked and valid, or the ticked participants disqualified; each
    kept in the audit trail with the flag it was taken on."""
    round_ = _found(access.judged_round, request.user, round_id)
    contest = round_.contest
    back = reverse("judge:round", args=[round_.pk]) + "#flags-title"
    form = FlagDecisionForm(request.POST, contest=contest)
    if not form.is_valid():
        _form_problems(request, form)
        return redirect(back)
    data, now = form.cleaned_data, timezone.now()
    if data["action"] == JudgeDecision.Action.VALID:
        try:
            entries.mark_flag_valid(
                round_=round_, flag=data["flag"], reason=data["reason"], by=request.user, now=now
            )
        except DomainError as refused:
            _refused(request, refused)
        else:
            messages.success(request, _("The flag is checked and valid; the decision is kept."))
        return redirect(back)
    done = 0
    for entry in data["entries"]:
        try:
            entries.decide(
                entry=entry,
                action=JudgeDecision.Action.DISQUALIFY,
                reason=data["reason"],
                by=request.user,
                now=now,
                round_=round_,
                flag=data["flag"],
            )
        except DomainError as refused:
            _refused(request, refused)
        else:
            done += 1
    if done:
        messages.success(
            request,
            ngettext(
                "%(n)d participant is disqualified; the reason is kept.",
                "%(n)d participants are disqualified; the reason is kept.",
                done,
            )
            % {"n": done},
        )
    return redirect(back)


# 6. Finalising -------------------------------------------------------------------------------


@require_POST
@login_required
def finalise_round(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _found(access.judged_round, request.user, round_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        _form_problems(request, form)
        return redirect("judge:contest", contest_id=round_.contest.pk)
    try:
        snapshot = finalising.finalise_round(
            round_=round_, by=request.user, now=timezone.now(), reason=form.cleaned_data["reason"]
        )
    except DomainError as refused:
        _refused(request, refused)
        return redirect("judge:contest", contest_id=round_.contest.pk)
    messages.success(
        request,
        _("Version %(version)d of the ranking is finalised.") % {"version": snapshot.version},
    )
    return redirect("judge:snapshot", snapshot_id=snapshot.pk)


@require_POST
@login_required
def finalise_overall(request: HttpRequest, contest_id: int) -> HttpResponse:
    contest = _found(access.judged_contest, request.user, contest_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        _form_problems(request, form)
        return redirect("judge:contest", contest_id=contest.pk)
    try:
        snapshot = finalising.finalise_overall(
            contest=contest, by=request.user, now=timezone.now(), reason=form.cleaned_data["reason"]
        )
    except DomainError as refused:
        _refused(request, refused)
        return redirect("judge:contest", contest_id=contest.pk)
    messages.success(
        request,
        _("Version %(version)d of the ranking is finalised.") % {"version": snapshot.version},
    )
    return redirect("judge:snapshot", snapshot_id=snapshot.pk)


# 7. A snapshot -------------------------------------------------------------------------------


def _publication(snapshot: RankingSnapshot):
    try:
        return snapshot.publication
    except ObjectDoesNotExist:
        return None


@login_required
def snapshot_detail(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    snapshot = _found(access.judged_snapshot, request.user, snapshot_id)
    contest = snapshot.contest
    latest = snapshots.latest_snapshot(contest, snapshot.round)
    previous, changes = snapshots.differences(snapshot)
    publication = _publication(snapshot)
    rows = Paginator(selectors.ranking_rows(snapshot), ROWS_PER_PAGE).get_page(
        request.GET.get("page", "1")
    )
    return render(
        request,
        "judge/snapshot.html",
        {
            "contest": contest,
            "round": snapshot.round,
            "snapshot": snapshot,
            "chain": _chain_labels(snapshot.chain),
            "verified": snapshots.verify(snapshot),
            "publication": publication,
            "is_latest": latest is not None and latest.pk == snapshot.pk,
            "latest": latest,
            "corrections": snapshots.corrections_since(snapshot) if latest == snapshot else None,
            "previous": previous,
            "changes": changes,
            "rows": rows,
            "units": units.unit_rankings(snapshot, places=contest.award_places),
            "certificates": selectors.awarded(snapshot, contest) if publication else [],
        },
    )


# 8. Publishing and awards --------------------------------------------------------------------


@require_POST
@login_required
def publish(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    snapshot = _found(access.judged_snapshot, request.user, snapshot_id)
    try:
        finalising.publish(snapshot=snapshot, by=request.user, now=timezone.now())
    except DomainError as refused:
        _refused(request, refused)
    else:
        messages.success(request, _("The ranking is published: the contest page shows it now."))
    return redirect("judge:snapshot", snapshot_id=snapshot.pk)


@require_POST
@login_required
def award(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    snapshot = _found(access.judged_snapshot, request.user, snapshot_id)
    try:
        issued = awards.award_certificates(snapshot=snapshot, now=timezone.now())
    except DomainError as refused:
        _refused(request, refused)
    else:
        messages.success(
            request,
            _("Certificates for the award places: %(n)d.") % {"n": len(issued)},
        )
    return redirect("judge:snapshot", snapshot_id=snapshot.pk)


# 9. Export -----------------------------------------------------------------------------------

EXPORT_FORMATS = ("xlsx", "csv")


def export_rows(snapshot: RankingSnapshot) -> list[list]:
    """The ranking as plain cells for judges: a header row, then one row per place. Full names
    come from the sign-ups (a snapshot keeps public names only)."""
    full_names = selectors.full_names(snapshot)
    rows: list[list] = [
        [
            _("Rank"),
            _("Position"),
            _("Public name"),
            _("Full name"),
            _("School or ward"),
            _("Score"),
            _("Prediction"),
            _("Prediction distance"),
            _("Time taken (seconds)"),
            _("Submitted (Vietnam time)"),
            _("Entry id"),
            _("Attempt id"),
        ]
    ]
    for row in selectors.ranking_rows(snapshot).iterator(chunk_size=5000):
        submitted = (
            timezone.localtime(row.submitted_at).replace(tzinfo=None) if row.submitted_at else None
        )
        rows.append(
            [
                row.rank,
                row.position,
                row.shown_name,
                full_names.get(row.entry_id, ""),
                row.unit_name,
                row.score,
                row.prediction,
                row.prediction_distance,
                row.duration_seconds,
                submitted,
                row.entry_id,
                row.attempt_id,
            ]
        )
    return rows


def export_filename(snapshot: RankingSnapshot) -> str:
    """ASCII only (slugs and numbers): safe in a Content-Disposition header."""
    contest = slugify(snapshot.contest.slug) or str(snapshot.contest_id)
    part = f"vong-{snapshot.round.number}" if snapshot.round_id else "tong-ket"
    return f"xep-hang-{contest}-{part}-v{snapshot.version}"


@login_required
def export(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    snapshot = _found(access.judged_snapshot, request.user, snapshot_id)
    kind = request.GET.get("format", "xlsx")
    if kind not in EXPORT_FORMATS:
        return HttpResponseBadRequest(
            _("Choose the format xlsx or csv."), content_type="text/plain; charset=utf-8"
        )
    rows = export_rows(snapshot)
    name = export_filename(snapshot)
    if kind == "csv":
        return download(csv_bytes(rows), filename=name, kind="csv")
    return download(xlsx_bytes(rows, title=_("Ranking"), freeze="A2"), filename=name, kind="xlsx")
