"""What quizzes keep about a person, for the export and the erasure of their data
(lms/accounts/personal_data.py). Attempts and answers stay, without the network hashes; printed
names are replaced and certificates revoked. Contest sign-ups are the contests' own section."""

from datetime import datetime

from django.db.models import Prefetch, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import ERASED_NAME, User
from lms.accounts.personal_data import Section, register
from quizzes.models import Answer, Attempt, Certificate
from quizzes.selectors import hide_scores


def _attempts(person: User, now: datetime) -> list[dict]:
    attempts = hide_scores(
        Attempt.objects.filter(user=person)
        .select_related("quiz")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.order_by("slot")))
        .order_by("-started_at"),
        now,
    )
    rows = []
    for attempt in attempts:
        hidden = attempt.scores_hidden_until is not None
        rows.append(
            {
                "quiz": attempt.quiz.title,
                "number": attempt.number,
                "started_at": attempt.started_at,
                "submitted_at": attempt.submitted_at,
                "closed_by_deadline": attempt.closed_by_deadline,
                "score": None if hidden else attempt.score,
                "maximum": None if hidden else attempt.maximum,
                "percent": None if hidden else attempt.percent,
                "scores_hidden_until": attempt.scores_hidden_until,
                "prediction": attempt.prediction,
                "answers": [
                    {"slot": answer.slot, "value": answer.value, "saved_at": answer.saved_at}
                    for answer in attempt.answers.all()
                ],
            }
        )
    return rows


def _erase_attempts(person: User, now: datetime) -> None:
    Attempt.objects.filter(user=person).update(origin_address="", origin_device="")


def _attempted_since(people: QuerySet, since: datetime) -> QuerySet:
    return Attempt.objects.filter(user__in=people, started_at__gte=since).values_list(
        "user_id", flat=True
    )


def _certificates(person: User, now: datetime) -> list[dict]:
    return [
        {
            "code": certificate.code,
            "title": certificate.title,
            "name_printed": certificate.display_name,
            "percent": certificate.percent,
            "issued_at": certificate.issued_at,
            "revoked_at": certificate.revoked_at,
        }
        for certificate in Certificate.objects.filter(user=person).order_by("-issued_at")
    ]


def _revoke_certificates(person: User, now: datetime) -> None:
    Certificate.objects.filter(user=person).update(
        display_name=ERASED_NAME, revoked_at=Coalesce("revoked_at", Value(now))
    )


register(
    Section(
        key="attempts",
        title=_("Quiz and contest attempts"),
        columns=(
            ("quiz", _("Quiz")),
            ("number", _("Attempt")),
            ("started_at", _("Started")),
            ("submitted_at", _("Submitted")),
            ("percent", _("Score (%)")),
            ("answers", _("Answers")),
        ),
        rows=_attempts,
        erase=_erase_attempts,
        active_since=_attempted_since,
        order=20,
    )
)
register(
    Section(
        key="certificates",
        title=_("Certificates"),
        columns=(
            ("code", _("Verification code")),
            ("title", _("What it certifies")),
            ("name_printed", _("Name printed")),
            ("issued_at", _("Issued")),
            ("revoked_at", _("Revoked")),
        ),
        rows=_certificates,
        erase=_revoke_certificates,
        order=30,
    )
)
