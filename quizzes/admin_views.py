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
        Attempt.objects.filter(submitted_at__isnull=False).with_question(question.pk).count()
        if _json_contains_supported()
        else None
    )
    return TemplateResponse(
        request, "quizzes/admin/regrade_confirm.html", {"question": question, "affected": affected}
    )


def _json_contains_supported() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def import_questions_view(request):
    """Upload a spreadsheet, see every row's problems, and import only when all rows are valid."""
    import uuid
    from pathlib import PurePosixPath

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from quizzes import importing

    if not request.user.has_perm("quizzes.add_question"):
        raise PermissionDenied
    context: dict = {"columns": importing.COLUMNS}
    if request.method == "POST" and request.POST.get("stored"):
        stored = request.POST["stored"]
        # Only files this user uploaded, under the imports folder, can be confirmed.
        if not stored.startswith(f"imports/{request.user.pk}/") or ".." in stored:
            raise PermissionDenied
        with default_storage.open(stored, "rb") as handle:
            table = importing.read_table(stored, handle.read())
        result = importing.preview(table)
        if result.is_valid:
            created = importing.import_questions(result, user=request.user)
            default_storage.delete(stored)
            messages.success(
                request, _("%(count)d questions were imported.") % {"count": len(created)}
            )
            return redirect(reverse("wagtailsnippets_quizzes_question:list"))
        context["result"] = result
    elif request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = _("Choose a file to upload.")
        else:
            content = upload.read(importing.MAX_BYTES + 1)
            try:
                result = importing.preview(importing.read_table(upload.name, content))
            except ValueError as exc:
                context["error"] = str(exc)
            else:
                context["result"] = result
                if result.is_valid:
                    suffix = PurePosixPath(upload.name).suffix.lower()
                    context["stored"] = default_storage.save(
                        f"imports/{request.user.pk}/{uuid.uuid4().hex}{suffix}",
                        ContentFile(content),
                    )
    return TemplateResponse(request, "quizzes/admin/import.html", context)


def export_questions_view(request):
    from django.http import HttpResponse

    from quizzes import importing

    if not request.user.has_perm("quizzes.view_question"):
        raise PermissionDenied
    questions = Question.objects.order_by("pk")
    if request.GET.get("format") == "csv":
        response = HttpResponse(importing.export_csv(questions), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="cau-hoi.csv"'
        return response
    response = HttpResponse(
        importing.export_xlsx(questions),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="cau-hoi.xlsx"'
    return response


BAR_WIDTH = 160  # pixels of a full bar in the item-analysis report


def item_analysis_report(request, quiz_id: int):
    """Facility, discrimination and choice spread per question, hardest first, as SVG bars."""
    from quizzes import selectors
    from quizzes.pages import QuizPage

    if not selectors.may_read_item_analysis(request.user):
        raise PermissionDenied
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    items = []
    for stats in selectors.item_analysis(quiz=quiz):
        choices = [
            {
                "text": choice.text,
                "is_correct": choice.is_correct,
                "count": choice.count,
                "percent": round(100 * choice.count / stats.attempts),
                "width": round(BAR_WIDTH * choice.count / stats.attempts),
            }
            for choice in stats.choices
        ]
        items.append(
            {
                "stats": stats,
                "facility_percent": round(100 * stats.facility),
                "facility_width": round(BAR_WIDTH * stats.facility),
                "weak": stats.discrimination is not None and stats.discrimination < 0.2,
                "choices": choices,
            }
        )
    return TemplateResponse(
        request,
        "quizzes/admin/item_analysis.html",
        {
            "quiz": quiz,
            "items": items,
            "attempts": items[0]["stats"].attempts if items else 0,
            "bar_width": BAR_WIDTH,
        },
    )
