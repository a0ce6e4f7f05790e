"""Reach records and the family quizzes a pupil sent, in a person's data export. Erasure keeps
them: a reached person stays counted, and neither holds a name (lms/accounts/personal_data.py).
A family's answers are not the pupil's data: the export says only whether the family answered."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from lms.accounts.models import User
from lms.accounts.personal_data import Section, register
from lms.reach.models import FamilyInvite, Reached


def _reached(person: User, now: datetime) -> list[dict]:
    records = Reached.objects.filter(user=person).select_related("policy").order_by("-reached_at")
    return [
        {"policy": str(record.policy), "reached_at": record.reached_at, "grade": record.grade}
        for record in records
    ]


register(
    Section(
        key="reach",
        title=_("Counted as reached"),
        columns=(
            ("policy", _("Reach rule")),
            ("reached_at", _("Reached")),
            ("grade", _("Grade")),
        ),
        rows=_reached,
        order=60,
    )
)


def _family_invites(person: User, now: datetime) -> list[dict]:
    invites = FamilyInvite.objects.filter(pupil=person).select_related("entry")
    return [
        {
            "module": str(invite.module_key),
            "sent_at": invite.created_at,
            "answered": hasattr(invite, "entry"),
        }
        for invite in invites.order_by("-created_at")
    ]


register(
    Section(
        key="family_invites",
        title=_("Family quizzes sent"),
        columns=(
            ("module", _("Module")),
            ("sent_at", _("Sent")),
            ("answered", _("Family answered")),
        ),
        rows=_family_invites,
        order=61,
    )
)
