"""What the curriculum keeps about a person, for the export and erasure of their data
(lms/accounts/personal_data.py): lesson progress (kept on erasure: it counts toward reach, and
says nothing of who read). The extensions a teacher gave are lms/teaching/personal_data.py's."""

from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from courses.models import LessonProgress
from lms.accounts.models import User
from lms.accounts.personal_data import Section, register


def _lessons(person: User, now: datetime) -> list[dict]:
    progress = (
        LessonProgress.objects.filter(user=person).select_related("lesson").order_by("-updated_at")
    )
    return [
        {
            "lesson": row.lesson.title,
            "started_at": row.started_at,
            "completed_at": row.completed_at,
            "seconds_spent": row.seconds_spent,
            "updated_at": row.updated_at,
        }
        for row in progress
    ]


def _read_since(people: QuerySet, since: datetime) -> QuerySet:
    return LessonProgress.objects.filter(user__in=people, updated_at__gte=since).values_list(
        "user_id", flat=True
    )


register(
    Section(
        key="lessons",
        title=_("Lessons read"),
        columns=(
            ("lesson", _("Lesson")),
            ("started_at", _("Started")),
            ("completed_at", _("Completed")),
            ("seconds_spent", _("Seconds spent")),
        ),
        rows=_lessons,
        active_since=_read_since,
        order=10,
    )
)
