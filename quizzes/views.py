"""The quiz pages a student clicks through: start, the player, results, certificates (their home,
which also lists the work their classes gave them, is `lms.teaching.student`)."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.core.errors import DomainError
from lms.core.input import whole_number
from lms.core.security import client_ip
from quizzes import answer_pass, certificates, errors, paper_html, papers, selectors, services
from quizzes.models import Attempt, Certificate
from quizzes.pages import live_quizzes

# Sent by the form when the player's script could not run: later than any autosave.
FORM_SEQUENCE = 2_000_000_000
# A random id this browser keeps: a kind of quiz may keep where its attempts came from
# (`QuizPage.origin_of`: a contest's judges see when many accounts share one device).
DEVICE_COOKIE = "hbd_device"
DEVICE_COOKIE_AGE = 365 * 24 * 3600


@require_POST
@login_required
def start(request, quiz_id: int):
    quiz = live_quizzes.get(quiz_id)
    if quiz is None:
        raise Http404
    device = request.COOKIES.get(DEVICE_COOKIE, "")
    known = 16 <= len(device) <= 64 and device.replace("-", "").replace("_", "").isalnum()
    if not known:
        device = secrets.token_urlsafe(16)
    try:
        now = timezone.now()
        attempt = services.start_attempt(
            quiz=quiz,
            user=request.user,
            now=now,
            address=client_ip(request),
            device=device,
        )
    except DomainError as error:
        messages.error(request, str(error.message))
        response = redirect(quiz.url)
    else:
        # The player itself, not a redirect to it: a pupil on a slow link waits one round trip
        # less, and a school's start minute costs one request per pupil less. player.js puts
        # the player's own address in the bar, so a reload asks for the player, not the start.
        response = _player_page(request, attempt, now)
    if not known:
        response.set_cookie(
            DEVICE_COOKIE,
            device,
            max_age=DEVICE_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@never_cache
@login_required
def player(request, attempt_id: int):
    now = timezone.now()
    attempt = _own_attempt(request, attempt_id, now)
    if attempt.is_submitted:
        return redirect("quizzes:result", attempt_id=attempt.pk)
    return _player_page(request, attempt, now)


def _player_page(request, attempt: Attempt, now) -> HttpResponse:
    """The player of an unfinished attempt, with the answers saved so far (none for an attempt
    this request started)."""
    saved = {}
    if attempt.started_at != now:
        saved = {row["slot"]: row for row in attempt.answers.values("slot", "value", "sequence")}
    questions = [papers.student_view(entry) for entry in attempt.paper]
    quiz = attempt.quiz.specific  # its own kind: what it asks beside the paper
    response = render(
        request,
        "quizzes/player.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "prediction_question": quiz.prediction_asked,
            "questions": questions,
            "questions_html": paper_html.questions_html(
                questions, {slot: row["value"] for slot, row in saved.items()}
            ),
            "now": now,
            "last_sequence": max((row["sequence"] for row in saved.values()), default=0),
            "answer_pass": answer_pass.issue(attempt, now),
            "strings": _player_strings() | quiz.player_strings(),
        },
    )
    add_never_cache_headers(response)
    return response


@require_POST
@login_required
def submit_form(request, attempt_id: int):
    """The player's submit. Posted by its script (`answers_sent`: every answer went by autosave):
    submit and answer with the result page itself, a school's deadline minute costing one request
    per pupil, not two. Posted by the form without its script: save what was posted, submit, then
    redirect to the result. A prediction that is not a whole number stops the submit (answers
    stay saved) so it can be fixed."""
    now = timezone.now()
    prediction = request.POST.get("prediction") or None
    if request.POST.get("answers_sent") == "1":
        try:
            # The lock finds the attempt among the caller's own: no read before it.
            attempt = services.submit_attempt(
                attempt_id=attempt_id, user=request.user, now=now, prediction=prediction
            )
        except errors.AttemptNotFound as missing:
            raise Http404(str(missing.message)) from missing
        except errors.SubmitRefused as refused:
            return HttpResponse(
                str(refused.message), status=400, content_type="text/plain; charset=utf-8"
            )
        late = whole_number(request.POST.get("late", ""), digits=3) or 0
        return _result_page(request, attempt, now, late=late)
    attempt = _own_attempt(request, attempt_id, now)
    if not attempt.is_submitted:
        if not attempt.quiz.specific.prediction_asked:
            prediction = None
        for entry in attempt.paper:
            value = papers.posted_answer(entry, request.POST)
            if value is None:
                continue
            try:
                services.save_answer(
                    attempt_id=attempt.pk,
                    user=request.user,
                    slot=entry["slot"],
                    value=value,
                    sequence=FORM_SEQUENCE,
                    now=now,
                )
            except errors.AttemptClosed:
                break
            except DomainError:
                continue  # a malformed field: keep the others
        try:
            services.submit_attempt(attempt_id=attempt.pk, now=now, prediction=prediction)
        except errors.SubmitRefused as refused:
            messages.error(request, str(refused.message))
            return redirect(f"{reverse('quizzes:player', args=[attempt.pk])}#prediction")
    return redirect("quizzes:result", attempt_id=attempt.pk)


@never_cache
@login_required
def result(request, attempt_id: int):
    now = timezone.now()
    attempt = _own_attempt(request, attempt_id, now)
    if not attempt.is_submitted:
        return redirect("quizzes:player", attempt_id=attempt.pk)
    late = whole_number(request.GET.get("late", ""), digits=3) or 0
    return _result_page(request, attempt, now, late=late)


def _result_page(request, attempt: Attempt, now, *, late: int) -> HttpResponse:
    """A submitted attempt's result: its score (or when it will be shown), the review its quiz
    allows, a certificate, and the pupil's other attempts at the quiz. `late`: answers the
    player could not save in time, said on the page."""
    quiz = attempt.quiz
    if type(quiz) is not quiz.specific_class:  # no longer live: its own kind all the same
        quiz = quiz.specific
    selectors.hide_scores([attempt], now)
    review = None
    if selectors.review_allowed(quiz, attempt, now):
        review = [_with_choice_marks(row) for row in selectors.review(attempt, now)]
    minutes, seconds = divmod(attempt.duration_seconds or 0, 60)
    certificate = None
    if quiz.gives_certificate:
        certificate = Certificate.objects.filter(user=request.user, quiz=quiz).first()
    if quiz.attempts_allowed == 1 and attempt.number == 1:
        # The only one there can be: a school's deadline minute opens thousands of these.
        attempts = [attempt]
    else:
        attempts = selectors.hide_scores(
            Attempt.objects.of(request.user).filter(quiz=quiz).defer("paper").order_by("number"),
            now,
        )
    response = render(
        request,
        quiz.result_template,
        quiz.result_context(attempt, request.user, now, attempts)
        | {
            "attempt": attempt,
            "quiz": quiz,
            "review": review,
            "late": late,
            "minutes": minutes,
            "seconds": seconds,
            "certificate": certificate,
            # Issued by the task worker just after the submit: say so rather than nothing.
            "certificate_pending": certificate is None
            and not attempt.scores_hidden_until
            and attempt.passed
            and quiz.gives_certificate,
            "attempts": attempts,
        },
    )
    add_never_cache_headers(response)
    return response


@login_required
def certificate_pdf(request, code: str):
    certificate = get_object_or_404(
        Certificate, code=code, user=request.user, revoked_at__isnull=True
    )
    verify_url = request.build_absolute_uri(reverse("quizzes:verify", args=[certificate.code]))
    response = HttpResponse(
        certificates.render_pdf(certificate, verify_url=verify_url),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="chung-nhan-{certificate.code}.pdf"'
    return response


def verify(request, code: str | None = None):
    """Public: anyone may check a code; only the printed name, title and date are shown."""
    code = (code or request.GET.get("code", "")).strip().upper()
    certificate = Certificate.objects.filter(code=code).first() if code else None
    return render(
        request,
        "quizzes/verify.html",
        {"code": code, "certificate": certificate},
        status=404 if code and certificate is None else 200,
    )


def _with_choice_marks(row: dict) -> dict:
    """Each choice of a reviewed question marked chosen / right / with feedback, for the page."""
    answer = row["your_answer"]
    chosen = set(answer) if isinstance(answer, list) else {answer}
    right = set(row.get("right_choice_ids", ()))
    feedback = row.get("feedback", {})
    row["choices"] = [
        choice
        | {
            "chosen": choice["id"] in chosen,
            "right": choice["id"] in right,
            "feedback": feedback.get(str(choice["id"]), ""),
        }
        for choice in row["choices"]
    ]
    row["text_answer"] = answer if isinstance(answer, str) else ""
    return row


def _own_attempt(request, attempt_id: int, now) -> Attempt:
    try:
        return selectors.attempt_of(user=request.user, attempt_id=attempt_id, now=now)
    except errors.AttemptNotFound as missing:
        raise Http404(str(missing.message)) from missing


def _player_strings() -> dict[str, str]:
    """What the player's script says, translated here (the script holds no words of its own)."""
    return {
        "saving": _("Saving…"),
        "saved": _("All answers saved."),
        "offline": _(
            "You are offline. Keep answering: your answers are kept on this phone and sent "
            "when the connection is back."
        ),
        "retrying": _("Not sent yet; trying again…"),
        "waiting": _("Sending your last answers before submitting…"),
        "answered": _("answered"),
        "unanswered": _("not answered"),
        "flagged": _("flagged for later"),
        "flag": _("Flag for later"),
        "unflag": _("Remove flag"),
        "five_minutes": _("5 minutes left."),
        "one_minute": _("1 minute left."),
        "time_up": _("Time is up. Your answers are being submitted."),
        "none_unanswered": _("You have answered every question."),
        "some_unanswered": _("Not answered yet: questions %s."),
        "bad_answer": _("This answer could not be saved: %s"),
        "submit_failed": _("Could not submit yet; trying again…"),
    }
