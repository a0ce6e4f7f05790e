from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.core.spreadsheets import download
from lms.core.uploads import UploadFlow
from quizzes import importing, selectors
from quizzes.models import Attempt, Question
from quizzes.pages import QuizPage
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
    return connection.vendor == "postgresql"


class QuestionUpload(UploadFlow):
    folder = "imports"
    template_name = "quizzes/admin/import.html"

    def __init__(self, user):
        self.user = user

    def check(self, table):
        return importing.preview(table)

    def save(self, preview):
        return importing.import_questions(preview, user=self.user)

    def saved(self, request, outcome, context):
        count = len(outcome)
        messages.success(
            request,
            ngettext(
                "%(count)d question was imported.", "%(count)d questions were imported.", count
            )
            % {"count": count},
        )
        return redirect(reverse("wagtailsnippets_quizzes_question:list"))


def import_questions_view(request):
    """Upload a spreadsheet, see every row's problems, and import only when all rows are valid."""
    if not request.user.has_perm("quizzes.add_question"):
        raise PermissionDenied
    return QuestionUpload(request.user).handle(request, columns=importing.COLUMNS)


def export_questions_view(request):
    if not request.user.has_perm("quizzes.view_question"):
        raise PermissionDenied
    questions = Question.objects.order_by("pk")
    if request.GET.get("format") == "csv":
        return download(importing.export_csv(questions), filename="cau-hoi", kind="csv")
    return download(importing.export_xlsx(questions), filename="cau-hoi", kind="xlsx")


BAR_WIDTH = 160  # pixels of a full bar in the item-analysis report


def item_analysis_report(request, quiz_id: int):
    """Facility, discrimination and choice spread per question, hardest first, as SVG bars."""
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
