"""The question bank in the back office, for editors."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from quizzes.models import Question


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
