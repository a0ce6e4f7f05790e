"""The question bank in the back office, for editors."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from quizzes import admin_views
from quizzes.models import Question
from quizzes.pages import QuizPage
from quizzes.selectors import may_read_item_analysis


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["__str__", "kind", "difficulty", "language", "marks"]
    list_filter = ["kind", "difficulty", "language"]
    search_fields = ["stem"]


register_snippet(QuestionViewSet)


@hooks.register("register_admin_urls")
def regrade_urls():
    return [
        path("quizzes/questions/<int:pk>/regrade/", admin_views.regrade, name="quiz_regrade"),
        path("quizzes/questions/import/", admin_views.import_questions_view, name="quiz_import"),
        path("quizzes/questions/export/", admin_views.export_questions_view, name="quiz_export"),
        path(
            "quizzes/<int:quiz_id>/item-analysis/",
            admin_views.item_analysis_report,
            name="quiz_item_analysis",
        ),
    ]


@hooks.register("register_admin_menu_item")
def import_menu_item():
    class ImportMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("quizzes.add_question")

    return ImportMenuItem(
        _("Import questions"), reverse("quiz_import"), icon_name="upload", order=241
    )


@hooks.register("register_snippet_listing_buttons")
def regrade_button(snippet, user, next_url=None):
    if isinstance(snippet, Question) and user.has_perm("quizzes.change_question"):
        yield ListingButton(
            _("Regrade attempts"), reverse("quiz_regrade", args=[snippet.pk]), priority=60
        )


def _item_analysis_button(page, user, priority: int):
    if issubclass(page.specific_class or type(None), QuizPage) and may_read_item_analysis(user):
        yield Button(
            _("Item analysis"),
            reverse("quiz_item_analysis", args=[page.pk]),
            icon_name="table",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def item_analysis_header_button(page, user, view_name, next_url=None):
    yield from _item_analysis_button(page, user, priority=66)


@hooks.register("register_page_listing_more_buttons")
def item_analysis_listing_button(page, user, next_url=None):
    yield from _item_analysis_button(page, user, priority=55)
