from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from quizzes.models import Attempt, Question
from quizzes.tasks import regrade_question_task


def regrade(request, pk: int):
    """Confirm, then re-score in the background every submitted attempt that had the question."""
    if not request.user.has_perm("quizzes.change_question"):
        raise PermissionDenied
    question = get_object_or_404(Question, pk=pk)
    if request.method == "POST":
        regrade_question_task.enqueue(question.pk, request.user.pk)
        messages.success(
            request,
            _("Regrading has started. Each changed score is recorded in the regrade records."),
        )
        return redirect(reverse("wagtailsnippets_quizzes_question:edit", args=[question.pk]))
    affected = (
        Attempt.objects.filter(
            submitted_at__isnull=False, paper__contains=[{"question_id": question.pk}]
        ).count()
        if _json_contains_supported()
        else None
    )
    return TemplateResponse(
        request, "quizzes/admin/regrade_confirm.html", {"question": question, "affected": affected}
    )


def _json_contains_supported() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"
