"""Reach records in a person's data export. Erasure keeps them: a reached person stays counted,
and a record holds no name (lms/accounts/personal_data.py)."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from lms.accounts.models import User
from lms.accounts.personal_data import Section, register
from lms.reach.models import Reached


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
