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
    from lms.spreadsheets import MAX_BYTES, UploadGone, keep_upload, read_table, take_kept_table
    from quizzes import importing

    if not request.user.has_perm("quizzes.add_question"):
        raise PermissionDenied
    context: dict = {"columns": importing.COLUMNS}
    if request.method == "POST" and request.POST.get("stored"):
        try:
            table = take_kept_table(
                user=request.user, folder="imports", stored=request.POST["stored"]
            )
        except UploadGone as gone:
            context["error"] = str(gone)
        else:
            result = importing.preview(table)
            if result.is_valid:
                created = importing.import_questions(result, user=request.user)
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
            content = upload.read(MAX_BYTES + 1)
            try:
                result = importing.preview(read_table(upload.name, content))
            except ValueError as exc:
                context["error"] = str(exc)
            else:
                context["result"] = result
                if result.is_valid:
                    context["stored"] = keep_upload(
                        user=request.user, folder="imports", name=upload.name, content=content
                    )
    return TemplateResponse(request, "quizzes/admin/import.html", context)


def export_questions_view(request):
    from lms.spreadsheets import download
    from quizzes import importing

    if not request.user.has_perm("quizzes.view_question"):
        raise PermissionDenied
    questions = Question.objects.order_by("pk")
    if request.GET.get("format") == "csv":
        return download(importing.export_csv(questions), filename="cau-hoi", kind="csv")
    return download(importing.export_xlsx(questions), filename="cau-hoi", kind="xlsx")


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
