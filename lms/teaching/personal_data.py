"""What teaching keeps about a person, for the export and erasure of their data
(lms/accounts/personal_data.py): the extensions a teacher gave them."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from lms.accounts.models import User
from lms.accounts.personal_data import Section, register
from lms.teaching.models import Extension


def _extensions(person: User, now: datetime) -> list[dict]:
    extensions = (
        Extension.objects.filter(student=person)
        .select_related("assignment__quiz", "assignment__module")
        .order_by("-due_at")
    )
    return [
        {
            "assignment": str(extension.assignment),
            "due_at": extension.due_at,
            "extra_minutes": extension.extra_minutes,
        }
        for extension in extensions
    ]


register(
    Section(
        key="extensions",
        title=_("Extensions given by a teacher"),
        columns=(
            ("assignment", _("Assignment")),
            ("due_at", _("New due date")),
            ("extra_minutes", _("Extra minutes")),
        ),
        rows=_extensions,
        order=50,
    )
)
